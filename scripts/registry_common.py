"""Helpers shared by scripts/build_registry.py and scripts/registry_recent.py: files, lists, dates, names."""

from __future__ import annotations

import calendar
import csv
import re
import tomllib
from datetime import date, timedelta
from pathlib import Path

def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise SystemExit(f"{path}: not found")
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_editorial(path: Path) -> dict:
    if not path.is_file():
        raise SystemExit(f"{path}: not found")
    try:
        with open(path, "rb") as handle:
            editorial = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise SystemExit(f"{path}: not valid TOML ({error})") from None
    for table in ("roles", "parties", "new_parties", "registry_2022"):
        editorial.setdefault(table, {})
    for entries in ("same_person", "party_changes", "name_forms"):
        editorial.setdefault(entries, [])
    return editorial


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def split(text) -> list[str]:
    if isinstance(text, list):
        return [part.strip() for part in text if part.strip()]
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def unique(items) -> list[str]:
    seen, out = set(), []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def day(text: str) -> str:
    """ISO date from 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (the first day they stand for)."""
    text = (text or "").strip()
    if not text:
        return ""
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2]).isoformat()


def last_day(text: str) -> str:
    """ISO date of the last day a 'YYYY' (31 December), 'YYYY-MM' or exact date stands for."""
    text = (text or "").strip()
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-12-31"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        year, month = map(int, text.split("-"))
        return date(year, month, calendar.monthrange(year, month)[1]).isoformat()
    return day(text)


def day_before(iso: str) -> str:
    return (date.fromisoformat(iso) - timedelta(days=1)).isoformat()


def name_key(name: str) -> str:
    """Name compared across sources: no initials ('W.'), hyphens as spaces, case-folded."""
    tokens = [t for t in name.replace("-", " ").split() if not re.fullmatch(r"\w\.", t)]
    return " ".join(tokens).casefold()



def same_person(editorial: dict):
    """name -> the key it is compared by: that of the first of its [[same_person]] names, else its own."""
    canonical = {}
    for entry in editorial["same_person"]:
        names = [name_key(n) for n in entry["names"]]
        canonical.update({n: names[0] for n in names})
    return lambda name: canonical.get(name_key(name), name_key(name))


def is_external(person_id: str) -> bool:
    """A person id of a source other than the Folketing's (candidate list, MEP directory)."""
    return person_id.startswith(("dr2026:", "ep:"))
