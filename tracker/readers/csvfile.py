"""CSV and TSV: one article per row; the header names the columns (`,` `;` or tab separated)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from tracker.readers.encoding import LineDecoder
from tracker.readers.options import Item, ReadOptions
from tracker.readers.records import article_from_record, column
from tracker.sources import ArticleError


def read_csv(lines: Iterable[bytes], name: str, options: ReadOptions) -> Iterator[Item]:
    """One article per row; the header names the columns (`,` `;` or tab separated)."""
    decode_line = LineDecoder()
    text_lines = (decode_line(raw) for raw in lines)
    header_line = next(text_lines, "")
    if not header_line.strip():
        raise ArticleError("empty file")
    delimiter = max(",;\t", key=header_line.count)
    try:
        header = next(csv.reader([header_line], delimiter=delimiter))
    except csv.Error as error:
        raise ArticleError(f"malformed CSV header ({_csv_problem(error)})") from None
    if column(header, "text", options) is None:
        wanted = options.columns.get("text", "text")
        raise ArticleError(f"no {wanted!r} column (columns: {', '.join(header)}); see --text-column")
    csv.field_size_limit(max(options.max_size, 1024))
    rows = csv.reader(text_lines, delimiter=delimiter)
    for where, row in _csv_rows(rows, name):
        if isinstance(row, ArticleError):
            yield row
        elif len(row) != len(header):
            yield ArticleError(f"{where}: {len(row)} fields where the header has {len(header)}")
        elif any(cell.strip() for cell in row):
            record = {key: value for key, value in zip(header, row) if value != ""}
            yield article_from_record(record, where, options, decode_line.take())


def _csv_rows(rows, name: str) -> Iterator[tuple[str, list[str] | ArticleError]]:
    """(file:line, row) for each row; a row the csv module rejects becomes an ArticleError."""
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            where = f"{name}:{rows.line_num + 1}"
            yield where, ArticleError(f"{where}: malformed CSV row ({_csv_problem(error)})")
            continue
        yield f"{name}:{rows.line_num + 1}", row


def _csv_problem(error: csv.Error) -> str:
    """The csv module's complaint without its advice (which is about Python, not the file)."""
    return str(error).split(" - ")[0]
