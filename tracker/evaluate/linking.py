"""Issue linking: does the prediction put statements on the same policy question on one issue across articles?

The groups file (columns article, speaker, party, issue, stance, group_id; one line per gold row) names the
policy question of each gold row. Over all pairs of gold rows from different articles, a pair is linked in the
gold when the two rows share a group, and linked in the prediction when both rows have a matched statement and
the two statements are on the same issue. Precision, recall and F1 are over those pairs; a gold row with no
matched statement is a missed link.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from tracker.evaluate.tables import _clean

GROUP_KEY = ["article", "speaker", "party", "issue", "stance"]


@dataclass
class Linking:
    gold_links: int
    predicted_links: int
    right_links: int

    @property
    def precision(self) -> float:
        return self.right_links / self.predicted_links if self.predicted_links else 0.0

    @property
    def recall(self) -> float:
        return self.right_links / self.gold_links if self.gold_links else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def group_ids(gold: pd.DataFrame, groups: pd.DataFrame) -> list[str | None]:
    """Each gold row's group_id, joined on (article, speaker, party, issue, stance) in order of appearance."""
    waiting = defaultdict(list)
    for row in groups.itertuples(index=False):
        key = tuple(_clean(getattr(row, column)) for column in GROUP_KEY)
        waiting[key].append(_clean(row.group_id))
    ids = []
    for row in gold[GROUP_KEY].itertuples(index=False):
        queue = waiting.get(tuple(row))
        ids.append(queue.pop(0) if queue else None)
    return ids


def issue_linking(gold: pd.DataFrame, pred: pd.DataFrame, statement_of: list[int | None],
                  groups: list[str | None]) -> Linking:
    """Pairwise linking scores over gold rows of different articles (rows without a group are left out)."""
    articles = list(gold["article"])
    issues = [pred.at[i, "issue"] or None if i is not None else None for i in statement_of]
    rows = [i for i, group in enumerate(groups) if group]
    gold_links = predicted = right = 0
    for n, one in enumerate(rows):
        for two in rows[n + 1:]:
            if articles[one] == articles[two]:
                continue
            same_group = groups[one] == groups[two]
            same_issue = issues[one] is not None and issues[one] == issues[two]
            gold_links += same_group
            predicted += same_issue
            right += same_group and same_issue
    return Linking(gold_links, predicted, right)
