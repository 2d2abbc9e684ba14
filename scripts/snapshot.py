"""Snapshot what the pipeline extracts, and compare two snapshots: the check that a speed-up changed nothing.

    .venv/bin/python scripts/snapshot.py ../shared/dev/articles/*.txt data/samples/*.txt -o /tmp/before.jsonl
    ... change the code ...
    .venv/bin/python scripts/snapshot.py ../shared/dev/articles/*.txt data/samples/*.txt -o /tmp/after.jsonl \
        --compare /tmp/before.jsonl

Inputs are anything `tracker ingest` reads (files, folders, globs, .jsonl, .csv). Each line of the
snapshot is one article: its source and every field of every final statement (confidence rounded to
6 places) plus the article's mentions. Snapshots of copyrighted articles stay outside the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path


def article_record(article, candidates, doc_mentions=None) -> dict:
    rows = []
    for candidate in candidates:
        row = asdict(candidate)
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


def compare(new: Path, old: Path, show: int = 10) -> int:
    """Number of articles whose statements differ (the first `show` differences printed)."""
    old_rows = [json.loads(line) for line in old.open(encoding="utf-8")]
    new_rows = [json.loads(line) for line in new.open(encoding="utf-8")]
    if len(old_rows) != len(new_rows):
        print(f"different article counts: {len(old_rows)} before, {len(new_rows)} now")
    differ = 0
    for before, now in zip(old_rows, new_rows):
        if before != now:
            differ += 1
            if differ <= show:
                print_difference(before, now)
    print(f"{differ} of {len(new_rows)} articles differ")
    return differ


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
    args = parser.parse_args()
    seconds = snapshot(args.inputs, args.output)
    print(f"snapshot written to {args.output} ({seconds:.1f} s of extraction)")
    if args.compare:
        sys.exit(1 if compare(args.output, args.compare) else 0)


if __name__ == "__main__":
    main()
