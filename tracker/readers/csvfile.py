"""CSV and TSV: one article per row; the header names the columns (`,` `;` or tab separated).

Quotes are read strictly: a quote that is never closed, or a stray quote inside a quoted field, makes
the row where it opened one failure, and reading goes on from the line after it, so the text the
broken quote swallowed is read again as the rows it was (never as one article). Blank lines are skipped.
A line longer than the read limit is skipped unread and fails its row; a field may hold at most as many
characters as that limit (memory stays bounded whatever --max-size allows).
"""

from __future__ import annotations

import csv
from collections import deque
from collections.abc import Iterable, Iterator

from tracker.readers.encoding import LineDecoder, LongLine
from tracker.readers.options import Item, ReadOptions, read_limit, too_large
from tracker.readers.records import article_from_record, column
from tracker.sources import ArticleError


def read_csv(lines: Iterable[bytes | str | LongLine], name: str, options: ReadOptions) -> Iterator[Item]:
    """One article per row; the header names the columns (`,` `;` or tab separated)."""
    decode_line = LineDecoder()
    source = _Lines(lines, decode_line)
    try:
        header_line = next(source, "")
    except _TooLong as long:
        raise ArticleError(f"the header is a line of {too_large(long.size, options, 'csv')}") from None
    if not header_line.strip():
        raise ArticleError("empty file")
    delimiter = max(",;\t", key=header_line.count)
    try:
        header = next(csv.reader([header_line], delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise ArticleError(f"malformed CSV header ({_csv_problem(error)})") from None
    if column(header, "text", options) is None:
        wanted = options.columns.get("text", "text")
        raise ArticleError(f"no {wanted!r} column (columns: {', '.join(header)}); see --text-column")
    csv.field_size_limit(max(read_limit(options, "csv"), 1024))
    for where, row in _rows(source, name, delimiter, options):
        if isinstance(row, ArticleError):
            decode_line.take()
            yield row
        elif not any(cell.strip() for cell in row):
            decode_line.take()  # a blank line
        elif len(row) != len(header):
            decode_line.take()
            yield ArticleError(f"{where}: {len(row)} fields where the header has {len(header)}")
        else:
            record = {key: value for key, value in zip(header, row) if value != ""}
            yield article_from_record(record, where, options, decode_line.take())


class _TooLong(Exception):
    """A line longer than the read limit (skipped unread) came up in the row being read."""

    def __init__(self, number: int, size: int):
        self.number, self.size = number, size


class _Lines:
    """A file's lines, decoded and numbered, remembering those of the row being read so it can be read again."""

    def __init__(self, lines: Iterable[bytes | str | LongLine], decode_line: LineDecoder):
        self.source, self.decode = iter(lines), decode_line
        self.read = 0  # lines taken from the file
        self.again: deque[tuple[int, str]] = deque()  # lines to read again, after a broken row
        self.row: list[tuple[int, str]] = []  # (number, line) of the row being read

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self.again:
            numbered = self.again.popleft()
        else:
            line = next(self.source)
            self.read += 1
            if isinstance(line, LongLine):
                self.row.append((self.read, ""))
                raise _TooLong(self.read, line)
            numbered = (self.read, self.decode(line))
        self.row.append(numbered)
        return numbered[1]

    def start_row(self) -> None:
        self.row = []

    def first_line(self) -> int:
        return self.row[0][0] if self.row else self.read + 1

    def read_again_after_first(self) -> None:
        """The row's first line was bad: its other lines are read again."""
        self.again.extendleft(reversed(self.row[1:]))
        self.row = []


def _rows(source: _Lines, name: str, delimiter: str, options: ReadOptions
          ) -> Iterator[tuple[str, list[str] | ArticleError]]:
    """(file:line, row) for each row; a row the csv module rejects, or with a line too long to read,
    becomes an ArticleError (the row with a long line is left out; reading goes on after that line)."""
    reader = csv.reader(source, delimiter=delimiter, strict=True)
    while True:
        source.start_row()
        try:
            row = next(reader)
        except StopIteration:
            return
        except _TooLong as long:
            where = f"{name}:{long.number}"
            yield where, ArticleError(f"{where}: a line of {too_large(long.size, options, 'csv')}")
            reader = csv.reader(source, delimiter=delimiter, strict=True)
            continue
        except csv.Error as error:
            where = f"{name}:{source.first_line()}"
            yield where, ArticleError(f"{where}: malformed CSV row ({_csv_problem(error)})")
            source.read_again_after_first()
            reader = csv.reader(source, delimiter=delimiter, strict=True)
            continue
        yield f"{name}:{source.first_line()}", row


def _csv_problem(error: csv.Error) -> str:
    """The csv module's complaint without its advice (which is about Python, not the file)."""
    problem = str(error).split(" - ")[0]
    if problem == "unexpected end of data":
        return "a quote that is never closed"
    if problem.endswith("expected after '\"'"):
        return 'a stray quote inside a quoted field (write it as "")'
    if problem.startswith("field larger than field limit"):
        return f"a field of more than {csv.field_size_limit():,} characters"
    return problem
