"""The 21 Comparative Agendas Project major topics (data/cap_topics.csv)."""

from __future__ import annotations

import csv
from functools import lru_cache

from tracker.paths import data_file


@lru_cache(maxsize=1)
def cap_topics() -> dict[str, dict]:
    """English topic name -> its row (code, name, Danish label, ...)."""
    path = data_file("cap_topics.csv")
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    name_column = next((c for c in ("name", "english_name", "topic", "cap_topic") if rows and c in rows[0]), None)
    return {row[name_column]: row for row in rows} if name_column else {}


def cap_code(topic: str) -> int | None:
    row = cap_topics().get(topic)
    code = (row.get("code") or row.get("cap_code")) if row else None
    return int(code) if code and str(code).isdigit() else None
