"""The stance-aware measures: disagreement pairs, and pair agreement.

- disagreement pairs: unordered pairs of record keys of different parties in the same article on the same issue
  with different stances. Gold pairs are compared with predicted pairs through the key matching.
- pair agreement: of all gold cross-party pairs (two gold rows of different parties, same article, same issue),
  the share whose relation (same stance = agree, different stances = disagree) the prediction reproduces: both
  rows have a matched statement, the two statements are on one issue, and their stances relate the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import pandas as pd

STANCES = ("for", "against", "neutral")


def disagreements(frame: pd.DataFrame) -> set[frozenset]:
    """Unordered key pairs: different parties, same article and issue, different stances."""
    pairs = set()
    rows = frame[(frame["issue"] != "") & (frame["stance"] != "")]
    for _, group in rows.groupby(["article", "issue"]):
        columns = [group[c] for c in ("article", "speaker", "party", "stance")]
        stances = set(zip(*columns))
        for one, two in combinations(sorted(stances), 2):
            if one[2] != two[2] and one[3] != two[3]:
                pairs.add(frozenset([one[:3], two[:3]]))
    return pairs


def cross_party_pairs(frame: pd.DataFrame) -> list[tuple[int, int]]:
    """Index pairs of rows of different parties in the same article on the same issue, both with a stance."""
    rows = frame[(frame["issue"] != "") & frame["stance"].isin(STANCES)]
    pairs = []
    for _, group in rows.groupby(["article", "issue"]):
        for one, two in combinations(group.index, 2):
            if frame.at[one, "party"] != frame.at[two, "party"]:
                pairs.append((one, two))
    return pairs


@dataclass
class PairAgreement:
    gold_pairs: int
    reproduced: int
    per_article: dict[str, tuple[int, int]]  # article -> (gold pairs, reproduced)

    @property
    def rate(self) -> float | None:
        return self.reproduced / self.gold_pairs if self.gold_pairs else None


def pair_agreement(gold: pd.DataFrame, pred: pd.DataFrame, statement_of: list[int | None]) -> PairAgreement:
    """Pair agreement of `pred` against `gold`; statement_of[i] is gold row i's matched statement (matching)."""
    gold = gold.reset_index(drop=True)
    total, per_article = 0, {}
    for one, two in cross_party_pairs(gold):
        article = gold.at[one, "article"]
        pairs, hits = per_article.get(article, (0, 0))
        hit = _reproduced(gold, pred, statement_of[one], statement_of[two], one, two)
        per_article[article] = (pairs + 1, hits + hit)
        total += hit
    return PairAgreement(sum(p for p, _ in per_article.values()), total, per_article)


def _reproduced(gold, pred, first, second, one, two) -> bool:
    if first is None or second is None or first == second:
        return False
    issue = pred.at[first, "issue"]
    if not issue or issue != pred.at[second, "issue"]:
        return False
    agree = gold.at[one, "stance"] == gold.at[two, "stance"]
    return (pred.at[first, "stance"] == pred.at[second, "stance"]) == agree
