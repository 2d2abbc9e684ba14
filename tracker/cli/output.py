"""One way to print results in every command: a table for people, CSV or JSON for programs."""

from __future__ import annotations

import json
import os
import sys

import click
import pandas as pd

FORMATS = ("table", "csv", "json")


def emit(frame: pd.DataFrame, fmt: str = "table", title: str | None = None) -> None:
    """Print a DataFrame in the chosen format."""
    if fmt == "csv":
        click.echo(frame.to_csv(index=False), nl=False)
    elif fmt == "json":
        click.echo(json.dumps(to_records(frame), ensure_ascii=False, indent=2, default=_json_value))
    else:
        print_table(frame, title)


def to_records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts with plain Python values (NaN becomes None)."""
    clean = frame.astype(object).where(frame.notna(), None)
    return clean.to_dict(orient="records")


def _json_value(value):
    """Dates as ISO text, numpy numbers as Python numbers."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return str(value)


SHORTENED = {"issue", "label", "issue_label", "party", "parties", "politician", "speaker", "title", "article",
             "outlet", "role", "topic", "disagrees_with", "source", "who", "note"}  # cut with … rather than wrapped
SHORTEST = 16  # a label or text column is not cut below this (with its padding)
KEY_WIDTH = 24  # room kept for the first (label) column when a wide table is split into blocks
CELL_EXTRA = 3  # padding and border around each cell


def table_width() -> int | None:
    """$COLUMNS, else the terminal's width (None: let rich ask), else 160 for pipes and files."""
    if os.environ.get("COLUMNS", "").isdigit():
        return int(os.environ["COLUMNS"])
    return None if sys.stdout.isatty() else 160


def echo_wrapped(text: str) -> None:
    """A line for people, wrapped at the table width."""
    import shutil
    import textwrap

    click.echo(textwrap.fill(text, table_width() or shutil.get_terminal_size().columns))


def print_table(frame: pd.DataFrame, title: str | None = None) -> None:
    """A table that fits the width: numbers never split over lines, labels shortened with …, and a table with
    more number columns than fit shown in blocks, each with the first column again."""
    from rich.console import Console

    console = Console(width=table_width())
    for n, columns in enumerate(blocks(frame, console.width)):
        console.print(_rich_table(frame[columns], title if n == 0 else None, console.width))
    if frame.empty:
        click.echo("(no rows)")


def blocks(frame: pd.DataFrame, width: int) -> list[list[str]]:
    """The columns in groups that fit `width`: all at once when they do (labels cut); else the first column with
    as many number (and short) columns as fit, again for the rest, then the first column with the texts."""
    sizes = {c: _width(frame, c) + CELL_EXTRA for c in frame.columns}
    shortest = sum(min(size, SHORTEST) if _kind(frame, c) != "fixed" else size for c, size in sizes.items())
    if shortest <= width or len(frame.columns) < 2:
        return [list(frame.columns)]
    key = frame.columns[0]
    numbers = [c for c in frame.columns[1:] if _numeric(frame, c)]
    short = [c for c in frame.columns[1:] if c not in numbers and _kind(frame, c) == "fixed"]
    texts = [c for c in frame.columns[1:] if c not in numbers and c not in short]
    start = min(sizes[key], KEY_WIDTH) + 1
    groups, current, used = [], [], start
    for column in numbers + short:  # short texts (dates, leanings) join the numbers while they fit
        if current and used + sizes[column] > width:
            if column in short:
                texts.insert(0, column)
                continue
            groups.append(current)
            current, used = [], start
        current.append(column)
        used += sizes[column]
    groups += [current] if current else []
    groups += [[c for c in frame.columns if c in texts]] if texts else []
    return [[key, *group] for group in groups]


def _rich_table(frame: pd.DataFrame, title: str | None, width: int):
    """Number and short columns keep their width; labels share what is left with the long texts (which wrap)."""
    from rich.table import Table

    kinds = {c: _kind(frame, c) for c in frame.columns}
    fixed = sum(_width(frame, c) for c in frame.columns if kinds[c] == "fixed")
    room = max(width - fixed - CELL_EXTRA * len(frame.columns) - 1, 0)
    labels = [c for c in frame.columns if kinds[c] == "label"]
    long = [c for c in frame.columns if kinds[c] == "long"]
    long_share = max(room // 2 // len(long), 16) if long and labels else room // max(len(long), 1)
    label_room = room - long_share * len(long)
    label_max = max(label_room // len(labels), 8) if labels else 0
    if labels and long:  # the labels' floor comes out of the long texts' share
        long_share = max((room - label_max * len(labels)) // len(long), 8)
    table = Table(title=title, show_lines=False)
    for column in frame.columns:
        if kinds[column] == "fixed":
            table.add_column(str(column), justify="right" if _numeric(frame, column) else "left", no_wrap=True,
                             min_width=_width(frame, column))
        elif kinds[column] == "label":
            table.add_column(str(column), no_wrap=True, overflow="ellipsis",
                             width=min(label_max, _width(frame, column)))
        else:
            table.add_column(str(column), overflow="fold", width=min(long_share, _width(frame, column))
                             if labels else None)
    for row in frame.itertuples(index=False):
        table.add_row(*(_cell(value) for value in row))
    return table


def _kind(frame: pd.DataFrame, column) -> str:
    """fixed (numbers, dates and other short values: never split), label (cut with …) or long (wrapped)."""
    if _numeric(frame, column) or _width(frame, column) <= 12:
        return "fixed"
    return "label" if column in SHORTENED else "long"


def _numeric(frame: pd.DataFrame, column) -> bool:
    return pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column])


def _width(frame: pd.DataFrame, column) -> int:
    cells = [len(_cell(value)) for value in frame[column]]
    return max([len(str(column)), *cells]) if _numeric(frame, column) else min(max([len(str(column)), *cells]), 40)


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)
