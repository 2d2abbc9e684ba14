"""Stance on its own: how the predicted stances of matched gold rows compare with the gold stances.

- confusion: for every gold row with a matched statement (see ``matching.match_rows``), gold stance x predicted
  stance; the row and column totals show how often each side is said.
- stance pairs: of the gold cross-party pairs whose two rows have two different matched statements, the share
  whose agree/disagree relation the predicted stances reproduce, whatever issue the statements were put on
  (pair agreement without the issue check: what the stance stage alone gets right).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from tracker.evaluate.matching import match_keys, match_rows
from tracker.evaluate.pairs import STANCES, cross_party_pairs
from tracker.evaluate.tables import keys, normalise


@dataclass
class StanceConfusion:
    cells: Counter  # (gold stance, predicted stance) -> matched gold rows
    pairs: int  # gold cross-party pairs with two matched statements
    pairs_reproduced: int  # ... whose relation the predicted stances reproduce

    @property
    def rows(self) -> int:
        return sum(self.cells.values())

    @property
    def accuracy(self) -> float | None:
        return sum(n for (g, p), n in self.cells.items() if g == p) / self.rows if self.rows else None

    @property
    def pair_rate(self) -> float | None:
        return self.pairs_reproduced / self.pairs if self.pairs else None

    def gold_total(self, stance: str) -> int:
        return sum(n for (g, _), n in self.cells.items() if g == stance)

    def predicted_total(self, stance: str) -> int:
        return sum(n for (_, p), n in self.cells.items() if p == stance)


def stance_confusion(gold: pd.DataFrame, pred: pd.DataFrame) -> StanceConfusion:
    """The confusion of gold and predicted stances over the matched gold rows, and the stance-only pairs."""
    gold, pred = normalise(gold), normalise(pred)
    statement_of = match_rows(gold, pred, match_keys(keys(gold), keys(pred)))
    cells: Counter = Counter()
    for g, i in zip(gold["stance"], statement_of):
        if i is not None:
            cells[g, pred.at[i, "stance"]] += 1
    pairs = reproduced = 0
    for one, two in cross_party_pairs(gold):
        first, second = statement_of[one], statement_of[two]
        if first is None or second is None or first == second:
            continue
        pairs += 1
        agree = gold.at[one, "stance"] == gold.at[two, "stance"]
        reproduced += (pred.at[first, "stance"] == pred.at[second, "stance"]) == agree
    return StanceConfusion(cells, pairs, reproduced)


def format_confusion(c: StanceConfusion) -> str:
    """The confusion as a small table (rows gold, columns predicted) and the two summary lines."""
    labels = list(STANCES) + sorted({s for cell in c.cells for s in cell} - set(STANCES))
    width = max(len(s) for s in labels) + 2
    lines = ["gold \\ pred".ljust(width + 2) + "".join(s.rjust(width) for s in labels) + "total".rjust(width)]
    for g in labels:
        counts = [c.cells.get((g, p), 0) for p in labels]
        lines.append(g.ljust(width + 2) + "".join(str(n).rjust(width) for n in counts)
                     + str(c.gold_total(g)).rjust(width))
    lines.append("total".ljust(width + 2) + "".join(str(c.predicted_total(p)).rjust(width) for p in labels)
                 + str(c.rows).rjust(width))
    accuracy = "n/a" if c.accuracy is None else f"{100 * c.accuracy:5.1f}%"
    rate = "n/a" if c.pair_rate is None else f"{100 * c.pair_rate:5.1f}%"
    lines.append(f"stance accuracy {accuracy}   ({c.rows} matched gold rows)")
    lines.append(f"stance pairs    {rate}   ({c.pairs_reproduced} of {c.pairs} gold cross-party pairs with two"
                 " matched statements: relation reproduced, issue not checked)")
    return "\n".join(lines)
