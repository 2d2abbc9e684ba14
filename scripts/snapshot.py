"""Snapshot what the pipeline extracts, and compare two snapshots: the check that a speed-up changed nothing.

    .venv/bin/python scripts/snapshot.py ../shared/dev/articles/*.txt data/samples/*.txt -o /tmp/before.jsonl
    ... change the code ...
    .venv/bin/python scripts/snapshot.py ../shared/dev/articles/*.txt data/samples/*.txt -o /tmp/after.jsonl \
        --compare /tmp/before.jsonl

Inputs are anything `tracker ingest` reads (files, folders, globs, .jsonl, .csv). Each line of the
snapshot is one article: its source and the fields ``FIELDS`` of every final statement (confidence
rounded to 6 places; the fields a snapshot has always recorded, so that an old snapshot stays comparable
when statements gain a field). ``--ignore FIELD`` leaves a field out of the comparison (to show that a
change that alters one field alters nothing else); the comparison counts the statements that differ
in each field. Snapshots of copyrighted articles stay outside the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path


FIELDS = ["party", "kind", "evidence", "start_char", "end_char", "speaker", "politician_key", "role", "discovered",
          "issue", "issue_label", "cap_topic", "stance", "confidence", "extra"]


def article_record(article, candidates) -> dict:
    rows = []
    for candidate in candidates:
        row = {name: getattr(candidate, name) for name in FIELDS}
        row["confidence"] = round(row["confidence"], 6)
        row["extra"] = json.loads(json.dumps(row["extra"], default=str, sort_keys=True))
        rows.append(row)
    return {"source": article.metadata.get("origin") or article.source, "statements": rows}


def snapshot(inputs: list[str], output: Path) -> float:
    from tracker.nlp.pipeline import build_pipeline, extract_many
    from tracker.readers import read_inputs
    from tracker.sources import ArticleInput

    articles = [item for item in read_inputs(inputs) if isinstance(item, ArticleInput)]
    nlp = build_pipeline()
    start = time.perf_counter()
    with output.open("w", encoding="utf-8") as out:
        for article, candidates in zip(articles, extract_many(nlp, articles)):
            out.write(json.dumps(article_record(article, candidates), ensure_ascii=False, sort_keys=True) + "\n")
    return time.perf_counter() - start


def compare(new: Path, old: Path, show: int = 10, ignore: tuple[str, ...] = ()) -> int:
    """Number of articles whose statements differ outside the `ignore`d fields (the first `show`
    differences printed), and per field the number of statements that differ in it."""
    old_rows = [without(json.loads(line), ignore) for line in old.open(encoding="utf-8")]
    new_rows = [without(json.loads(line), ignore) for line in new.open(encoding="utf-8")]
    if len(old_rows) != len(new_rows):
        print(f"different article counts: {len(old_rows)} before, {len(new_rows)} now")
    differ, fields = 0, Counter()
    for before, now in zip(old_rows, new_rows):
        if before != now:
            differ += 1
            fields.update(differing_fields(before, now))
            if differ <= show:
                print_difference(before, now)
    ignored = f" (ignoring {', '.join(ignore)})" if ignore else ""
    print(f"{differ} of {len(new_rows)} articles differ{ignored}")
    if fields:
        print("statements differing per field (same statement count and order): "
              + ", ".join(f"{name} {count}" for name, count in fields.most_common()))
    return differ


def without(record: dict, ignore: tuple[str, ...]) -> dict:
    return {**record, "statements": [{k: v for k, v in row.items() if k not in ignore} for row in record["statements"]]}


def differing_fields(before: dict, now: dict) -> Counter:
    """Per field, the statements (paired in order) that differ in it; "statements" when the counts differ."""
    if len(before["statements"]) != len(now["statements"]):
        return Counter({"statements": 1})
    found = Counter()
    for old_row, new_row in zip(before["statements"], now["statements"]):
        found.update(name for name in set(old_row) | set(new_row) if old_row.get(name) != new_row.get(name))
    return found


def print_difference(before: dict, now: dict) -> None:
    print(f"--- {now['source']}")
    old_set = {json.dumps(r, sort_keys=True, ensure_ascii=False) for r in before["statements"]}
    new_set = {json.dumps(r, sort_keys=True, ensure_ascii=False) for r in now["statements"]}
    for row in sorted(old_set - new_set):
        print(f"  - {row[:400]}")
    for row in sorted(new_set - old_set):
        print(f"  + {row[:400]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--compare", type=Path, metavar="OLD", help="a snapshot to compare with")
    parser.add_argument("--ignore", action="append", default=[], metavar="FIELD", choices=FIELDS,
                        help="leave this statement field out of the comparison (repeatable)")
    parser.add_argument("--only-compare", action="store_true", help="compare -o with --compare, extract nothing")
    args = parser.parse_args()
    if not args.only_compare:
        seconds = snapshot(args.inputs, args.output)
        print(f"snapshot written to {args.output} ({seconds:.1f} s of extraction)")
    if args.compare:
        sys.exit(1 if compare(args.output, args.compare, ignore=tuple(args.ignore)) else 0)


if __name__ == "__main__":
    main()
