"""How many articles an ingest will read, counted cheaply first (for the progress bar's total).

A text or HTML file is one article, a JSONL file one per non-empty line, a CSV file one per line after the
header (a quoted field over several lines makes it an estimate). Standard input cannot be counted: None.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tracker.readers import ReadOptions, expand, format_of

CHUNK = 1 << 20


def count_articles(names: Iterable[str], options: ReadOptions | None = None) -> int | None:
    options = options or ReadOptions()
    total = 0
    for name in names:
        if name == "-":
            return None
        for found in expand(name):
            total += _count(found, options) if isinstance(found, Path) else 0
    return total


def _count(path: Path, options: ReadOptions) -> int:
    fmt = format_of(path, options)
    if fmt not in ("jsonl", "csv"):
        return 1
    try:
        lines, last = 0, b"\n"
        with path.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
        lines += last != b"\n"
    except OSError:
        return 1  # reported as one failure when read
    return max(lines - 1, 0) if fmt == "csv" else lines
