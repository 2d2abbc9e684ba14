"""One way to print results in every command: a table for people, CSV or JSON for programs."""

from __future__ import annotations

import json
import sys

import click
import pandas as pd

from tracker.atomic import write_atomically
from tracker.spreadsheets import csv_text

FORMATS = ("table", "csv", "json")


RAW_CSV = "tracker_raw_csv"  # where --raw (tracker.cli.options.raw_option) is kept in the click context


def raw_wanted() -> bool:
    context = click.get_current_context(silent=True)
    return bool(context and context.meta.get(RAW_CSV))


def write_csv(frame: pd.DataFrame, output: str = "-") -> None:
    """CSV to standard output ("-") or to a file (replaced in one step), safe for spreadsheets unless --raw."""
    text = csv_text(frame, raw_wanted())
    if output == "-":
        click.echo(text, nl=False)
        return
    write_file(output, text)


def write_file(output: str, text: str) -> None:
    """Replace a file in one step; a failure (a full disk) is one line and leaves the old file as it was."""
    try:
        write_atomically(output, text)
    except OSError as error:
        raise click.ClickException(f"could not write {output} ({error.strerror or error}); "
                                   "the file there is as it was") from None


def emit(frame: pd.DataFrame, fmt: str = "table", title: str | None = None) -> None:
    """Print a DataFrame in the chosen format."""
    if fmt == "csv":
        write_csv(frame)
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


def print_table(frame: pd.DataFrame, title: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for column in frame.columns:
        justify = "right" if pd.api.types.is_numeric_dtype(frame[column]) else "left"
        table.add_column(str(column), justify=justify, overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*(_cell(value) for value in row))
    width = None if sys.stdout.isatty() else 160
    Console(width=width).print(table)
    if frame.empty:
        click.echo("(no rows)")


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)
