"""What ingest and reprocess report: the Report callback's shape and a Failure (an article not taken)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Report = Callable[[str, str, str], None]  # (event, where, message); event: ingested, duplicate,
#                                           failed, warning, notice or reprocessed


@dataclass
class Failure:
    """An article the pipeline or the database could not take."""

    message: str
    trace: str = ""


def silent(event: str, place: str, message: str) -> None:
    """A Report that drops everything."""
