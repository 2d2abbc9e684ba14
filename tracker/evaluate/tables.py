"""The tables `tracker eval` compares: the gold's columns, cleaned, and the record keys.

Both tables have the columns in ``COLUMNS``; ``article`` is a file name such as ``d001.txt`` and ``speaker`` is
empty for a party's own position. A record's key is (article, speaker, party).
A predicted statement on a catch-all issue (``issue_kind`` "other": "other statements on <topic>") is on no
issue: its ``issue`` is emptied, so it is never a link, a disagreement or a pair on one issue.
"""

from __future__ import annotations

from pathlib import PurePath

import pandas as pd

COLUMNS = ["article", "speaker", "party", "role", "issue", "cap_topic", "stance", "kind", "evidence"]

Key = tuple[str, str, str]  # (article, speaker, party); speaker "" for a party row


# ---------------------------------------------------------------- tables


def statements_frame(rows) -> pd.DataFrame:
    """A frame with exactly ``COLUMNS`` from dicts (missing fields become "")."""
    frame = pd.DataFrame(list(rows), columns=COLUMNS)
    return frame.astype(object).fillna("")


def gold_columns(statements: pd.DataFrame) -> pd.DataFrame:
    """The tracker's statements table (tracker.reports.statements_frame) with the gold's meaning of `issue`:
    the issue's label (the gold names issues by label within an article); the other columns are kept."""
    return statements.assign(issue=statements["issue_label"])


def _clean(value) -> str:
    """A trimmed string with single spaces; NaN and None become ""."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return " ".join(str(value).split())


def normalise(frame: pd.DataFrame) -> pd.DataFrame:
    """Cleaned copy: strings trimmed, article reduced to its file name, stance lower case, no issue for a
    statement on a catch-all (``issue_kind`` "other")."""
    n = len(frame)
    data = {col: [_clean(v) for v in frame[col]] if col in frame else [""] * n for col in COLUMNS}
    data["article"] = [PurePath(a).name for a in data["article"]]
    data["stance"] = [s.lower() for s in data["stance"]]
    if "issue_kind" in frame:
        kinds = [_clean(kind) for kind in frame["issue_kind"]]
        data["issue"] = ["" if kind == "other" else issue for issue, kind in zip(data["issue"], kinds)]
    return pd.DataFrame(data, columns=COLUMNS, dtype=object)


def keys(frame: pd.DataFrame) -> list[Key]:
    """The deduplicated record keys of a normalised frame, in first-seen order."""
    keys = zip(frame["article"], frame["speaker"], frame["party"])
    return list(dict.fromkeys(keys))
