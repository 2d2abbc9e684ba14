"""Reading the bundled data files: CSV tables with comment lines, ``;``-separated cells, word lists, TOML.

One reader per kind of file, shared by the registry, the catalogues and the NLP word lists.
"""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path


def read_csv(path: Path | str) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV file (a byte-order mark is fine) with a header; lines starting with '#'
    are comments."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        lines = [line for line in f if not line.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


def split_list(cell: str | None) -> list[str]:
    """A CSV cell holding a ``;``-separated list, each item stripped, empty items dropped."""
    return [p.strip() for p in (cell or "").split(";") if p.strip()]


def read_word_list(path: Path | str) -> list[str]:
    """The lines of a word list, lower case, without blank lines and lines starting with '#'."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip().lower() for line in lines if line.strip() and not line.startswith("#")]


def read_toml(path: Path | str) -> dict:
    with open(path, "rb") as handle:
        return tomllib.load(handle)
