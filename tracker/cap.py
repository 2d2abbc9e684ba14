"""The 21 Comparative Agendas Project major topics (data/cap_topics.csv): the one reader of that file."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tracker.datafiles import read_csv
from tracker.paths import data_file


@dataclass(frozen=True)
class CapTopic:
    """One CAP major topic."""

    code: int
    name: str  # English CAP name, e.g. "Law and Crime"
    label_da: str  # Danish label, e.g. "Retspolitik"

    @property
    def slug(self) -> str:
        """Slug of the catch-all issue for this topic, e.g. "topic-law-and-crime"."""
        return "topic-" + self.name.lower().replace(" ", "-")


def load_cap_topics(path: Path | None = None) -> list[CapTopic]:
    """The CAP major topics of ``data/cap_topics.csv`` (or another file with columns code, name, label_da)."""
    return [CapTopic(int(r["code"]), r["name"].strip(), r["label_da"].strip())
            for r in read_csv(path or data_file("cap_topics.csv"))]


@lru_cache(maxsize=1)
def cap_topics() -> dict[str, dict]:
    """English topic name -> {"code", "name", "label_da"} of the bundled topics."""
    return {t.name: {"code": t.code, "name": t.name, "label_da": t.label_da} for t in load_cap_topics()}


def cap_code(topic: str) -> int | None:
    row = cap_topics().get(topic)
    return row["code"] if row else None
