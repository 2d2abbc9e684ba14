"""Measure what the stages' scores are worth: how often a statement's speaker/party key is right, per
attribution score, and how often its stance is right (among right keys), per stance score.

    .venv/bin/python scripts/calibrate_confidence.py --gold gold.csv --articles articles/

The estimates are (right + 1) / (rows + 2) per score, to be set as the scores of the factories'
default_config, so that the stored confidence (their product, ``tracker.nlp.model.combined_confidence``)
estimates P(key right) x P(stance right | key right). Measure on articles the rules were not written on
where possible: on the articles they were tuned on the estimates are too high. No article text is printed.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

import pandas as pd

from tracker.evaluate import _keys, _normalise, match_keys


def measure(gold: pd.DataFrame, paths: list[Path]) -> tuple[dict, dict]:
    from tracker.nlp.pipeline import build_pipeline, extract_many
    from tracker.sources import read_text_article

    articles = [read_text_article(path) for path in paths]
    nlp = build_pipeline()
    found = [(Path(a.source).name, c) for a, candidates in zip(articles, extract_many(nlp, articles)) for c in candidates]
    gold = _normalise(gold[gold["article"].isin({p.name for p in paths})])
    keys = list(dict.fromkeys(_key(article, c) for article, c in found))
    matched = {pred: gold_key for gold_key, pred in match_keys(_keys(gold), keys).items()}
    stances = defaultdict(set)
    for row in gold.itertuples():
        stances[row.article, row.speaker, row.party].add(row.stance)
    speakers, positions = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
    for article, c in found:
        key = _key(article, c)
        speakers[c.scores.get("attribution")][0] += key in matched
        speakers[c.scores.get("attribution")][1] += 1
        if key in matched:
            positions[c.scores.get("stance")][0] += c.stance in stances[matched[key]]
            positions[c.scores.get("stance")][1] += 1
    return dict(speakers), dict(positions)


def _key(article: str, candidate) -> tuple[str, str, str]:
    return article, (candidate.speaker or "").strip(), (candidate.party or "").strip()


def report(title: str, counts: dict) -> None:
    print(title)
    for score in sorted(counts, key=lambda s: (s is None, s)):
        right, rows = counts[score]
        print(f"  score {score}: {right}/{rows} right, estimate {(right + 1) / (rows + 2):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True, help="gold CSV (tracker eval's format)")
    parser.add_argument("--articles", type=Path, required=True, help="folder of the gold's articles (*.txt)")
    args = parser.parse_args()
    gold = pd.read_csv(args.gold, dtype=str, keep_default_na=False)
    speakers, positions = measure(gold, sorted(args.articles.glob("*.txt")))
    report("attribution score -> speaker/party key right", speakers)
    report("stance score -> stance right (rows with a right key)", positions)


if __name__ == "__main__":
    main()
