"""Run the NLP pipeline on the dev articles and score it against gold.csv (no database).

    .venv/bin/python scripts/dev_score.py                     # headline scores
    .venv/bin/python scripts/dev_score.py --per-article       # plus where it goes wrong
    .venv/bin/python scripts/dev_score.py --confusion         # plus gold x predicted stance
    .venv/bin/python scripts/dev_score.py --only d004.txt --only d010.txt --dump /tmp/pred.csv

The dev articles are for measuring only: never copy their text into the repository.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from tracker.evaluate import (format_confusion, format_per_article, format_scores, score, stance_confusion,
                              statements_frame)

SHARED_DEV = Path(__file__).resolve().parents[1] / ".." / "shared" / "dev"


def candidate_row(article: str, candidate) -> dict:
    """One StatementCandidate as a row of the gold table's shape."""
    return {
        "article": article,
        "speaker": candidate.speaker or "",
        "party": candidate.party or "",
        "role": candidate.role or "",
        "issue": candidate.issue or candidate.issue_label or "",
        "cap_topic": candidate.cap_topic or "",
        "stance": candidate.stance or "",
        "kind": candidate.kind or "",
        "evidence": candidate.evidence or "",
    }


def predict(paths: list[Path]) -> pd.DataFrame:
    """Read the articles, run the pipeline once over all of them, and return the predicted rows."""
    from tracker.nlp.pipeline import build_pipeline, extract_many
    from tracker.sources import read_text_article

    articles = [read_text_article(path) for path in paths]
    nlp = build_pipeline()
    rows = []
    for article, candidates in zip(articles, extract_many(nlp, articles)):
        name = Path(article.source).name
        rows.extend(candidate_row(name, candidate) for candidate in candidates)
    return statements_frame(rows)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=SHARED_DEV / "gold.csv", help="gold CSV")
    parser.add_argument("--articles", type=Path, default=SHARED_DEV / "articles", help="folder of dNNN.txt")
    parser.add_argument("--only", action="append", default=[], metavar="FILE",
                        help="score only this article (file name; repeatable)")
    parser.add_argument("--groups", type=Path, metavar="FILE", help="issue groups CSV: also score issue linking")
    parser.add_argument("--per-article", action="store_true", help="print the per-article table")
    parser.add_argument("--confusion", action="store_true",
                        help="print gold x predicted stance over the matched gold rows")
    parser.add_argument("--dump", type=Path, metavar="FILE", help="write the predicted rows as CSV")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    paths = sorted(args.articles.glob("*.txt"))
    if args.only:
        paths = [p for p in paths if p.name in set(args.only)]
    if not paths:
        print(f"no articles found in {args.articles}", file=sys.stderr)
        return 1
    gold = pd.read_csv(args.gold, dtype=str, keep_default_na=False)
    gold = gold[gold["article"].isin({p.name for p in paths})]
    pred = predict(paths)
    if args.dump:
        pred.to_csv(args.dump, index=False)
    groups = pd.read_csv(args.groups, dtype=str, keep_default_na=False) if args.groups else None
    scores = score(gold, pred, groups)
    print(f"{len(paths)} articles, {len(pred)} predicted rows")
    print(format_scores(scores))
    if args.confusion:
        print()
        print(format_confusion(stance_confusion(gold, pred)))
    if args.per_article:
        print()
        print(format_per_article(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
