"""Turning what users name into articles: files, directories (recursive), glob patterns, `-` (stdin).

    for item in read_inputs(["news/", "2024-*.jsonl", "-"], ReadOptions()):
        ...  # an ArticleInput, an ArticleError (one line naming the file and the problem) or a Notice

One reader per format, chosen by the file's extension (or ReadOptions.format):
text (the users' format, see tracker.sources), JSONL, CSV and HTML. JSONL and CSV are streamed a
record at a time; a text or HTML file, or one JSONL line, larger than ``max_size`` is refused.
Text that is not UTF-8 is read as cp1252, with a warning on the article.
"""

from __future__ import annotations

import csv
import glob
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from pathlib import Path

from tracker.html_text import visible_text
from tracker.sources import ArticleError, ArticleInput, parse_date, parse_text_article

FORMATS = {"": "text", ".txt": "text", ".text": "text", ".jsonl": "jsonl", ".ndjson": "jsonl",
           ".csv": "csv", ".tsv": "csv", ".html": "html", ".htm": "html"}
FIELDS = {"text": ("text",), "date": ("date", "published"), "title": ("title",), "url": ("url",),
          "source": ("source",), "outlet": ("outlet",)}  # field -> the column names looked for
NO_DATE = ("no date line", "no date")  # the warnings a default date makes unnecessary
DEFAULT_MAX_SIZE = 5 * 1024 * 1024
SNIFF_BYTES = 8192
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
CONTROL_BYTES = [c for c in range(32) if c not in (9, 10, 12, 13)] + [127]
BINARY_SHARE = 0.05  # more control characters than this in the first SNIFF_BYTES: a binary file
GLOB_CHARS = re.compile(r"[*?\[]")
DAY_FIRST = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]")

Item = ArticleInput | ArticleError


@dataclass
class Notice:
    """Something worth a line that is not a failure (e.g. files of other types skipped in a folder)."""

    message: str


@dataclass
class ReadOptions:
    max_size: int = DEFAULT_MAX_SIZE  # bytes, per text/HTML file or JSONL line
    default_date: date | None = None  # for articles without a (valid) date
    default_precision: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # field -> the input's column/key name
    format: str | None = None  # "text", "jsonl", "csv" or "html"; None: by extension


def read_inputs(names: Iterable[str], options: ReadOptions | None = None) -> Iterator[Item | Notice]:
    """Every article in the named paths, folders, glob patterns and `-`, in order, streamed."""
    options = options or ReadOptions()
    for name in names:
        if name == "-":
            yield from read_stream(sys.stdin.buffer, "<stdin>", options)
            continue
        for found in expand(name):
            yield from (read_file(found, options) if isinstance(found, Path) else [found])


def expand(name: str) -> Iterator[Path | ArticleError | Notice]:
    """The files a name stands for: itself, a folder's files (recursively) or a glob's matches."""
    path = Path(name)
    if path.is_dir():
        yield from walk(path)
    elif path.exists() or not GLOB_CHARS.search(name):
        yield path  # a missing file is reported by read_file
    else:
        matches = [Path(match) for match in sorted(glob.glob(name, recursive=True))]
        if not matches:
            yield ArticleError(f"{name}: no files match")
        for match in matches:
            yield from (walk(match) if match.is_dir() else [match])


def walk(folder: Path) -> Iterator[Path | ArticleError | Notice]:
    """A folder's files of known formats, recursively and sorted; hidden ones left out, others counted."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        yield ArticleError(f"{folder}: cannot read the folder ({error.strerror or error})")
        return
    skipped = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from walk(entry)
        elif entry.suffix.lower() in FORMATS:
            yield entry
        else:
            skipped.append(entry.suffix.lower())
    if skipped:
        kinds = ", ".join(sorted(set(skipped)))
        yield Notice(f"{folder}: skipped {len(skipped)} file(s) of other types ({kinds}); name them to read as text")


def format_of(path: Path, options: ReadOptions) -> str:
    return options.format or FORMATS.get(path.suffix.lower(), "text")


def read_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    """The articles of one file; every problem becomes an ArticleError naming the file."""
    fmt = format_of(path, options)
    try:
        with path.open("rb") as stream:
            size = path.stat().st_size
            if fmt in ("text", "html") and size > options.max_size:
                raise ArticleError(f"{_megabytes(size)}, larger than the {_megabytes(options.max_size)} limit "
                                   "(see --max-size)")
            if fmt in ("jsonl", "csv"):
                _refuse_binary(stream.read(SNIFF_BYTES))
                stream.seek(0)
            yield from read_stream(stream, str(path), options, fmt)
    except ArticleError as error:
        yield _located(error, str(path))
    except IsADirectoryError:
        yield ArticleError(f"{path}: is a folder")
    except OSError as error:
        yield ArticleError(f"{path}: cannot read ({error.strerror or error})")


def read_stream(stream, name: str, options: ReadOptions, fmt: str | None = None) -> Iterator[Item]:
    """The articles in a binary stream; with no format given, guessed from its first line."""
    first = b""
    if fmt is None:  # stdin: look at the first line
        first = stream.readline(options.max_size + 1)
        fmt = options.format or _guess_format(first)
    head = [first] if first else []
    try:
        if fmt == "jsonl":
            yield from read_jsonl(chain(head, _bounded_lines(stream, options.max_size)), name, options)
        elif fmt == "csv":
            yield from read_csv(chain(head, stream), name, options)
        else:
            data = first + stream.read(options.max_size + 1 - len(first))
            yield read_document(data, name, fmt, options)
    except ArticleError as error:
        yield _located(error, name)


def _guess_format(first_line: bytes) -> str:
    start = first_line.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return {b"{": "jsonl", b"<": "html"}.get(start, "text")


def _located(error: ArticleError, name: str) -> ArticleError:
    message = str(error)
    return error if message.startswith(name) else ArticleError(f"{name}: {message}")


# --- whole documents: the users' text format and HTML --------------------------------------------

def read_document(data: bytes, name: str, fmt: str, options: ReadOptions) -> ArticleInput:
    """One article from a whole file's bytes (text or HTML)."""
    if len(data) > options.max_size:
        raise ArticleError(f"{name}: larger than the {_megabytes(options.max_size)} limit (see --max-size)")
    if not data.strip():
        raise ArticleError(f"{name}: empty file")
    if not data.startswith(UTF16_BOMS):
        _refuse_binary(data[:SNIFF_BYTES])
    text, warning = decode(data)
    article = html_article(text, name) if fmt == "html" else parse_text_article(text, name)
    if warning:
        article.warnings.append(warning)
    return with_default_date(article, options)


def _refuse_binary(head: bytes) -> None:
    """Text has no NUL bytes and few control characters (tab, line breaks and form feed aside)."""
    controls = sum(head.count(bytes([c])) for c in CONTROL_BYTES)
    if b"\x00" in head or controls > len(head) * BINARY_SHARE:
        raise ArticleError("a binary file, not text")


def decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8 (a BOM is dropped), UTF-16 with a BOM, else cp1252 with a warning."""
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", errors="replace"), None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        return data.decode("cp1252", errors="replace"), f"not UTF-8 (byte {error.start}); read as cp1252"


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.3g} MB"


# --- HTML: the visible article text -------------------------------------------------------------

def html_article(markup: str, name: str) -> ArticleInput:
    """The article in an HTML page: its paragraphs, separated by blank lines, with title and date."""
    parser = visible_text(markup)
    if not parser.paragraphs:
        raise ArticleError(f"{name}: no article text (no <p> or <h1>-<h3> outside navigation)")
    published, precision = parse_any_date(parser.published)
    warnings = ["no date"] if not parser.published else [] if published else [f"malformed date {parser.published!r}"]
    title = " ".join("".join(parser.title).split()) or None
    return ArticleInput(text="\n\n".join(parser.paragraphs), source=name, published=published,
                        date_precision=precision, title=title, metadata={"warnings": warnings})


# --- records: JSONL and CSV ---------------------------------------------------------------------

class _Decoder:
    """Decodes a file's lines; says once per file (on the next article) that it fell back to cp1252."""

    def __init__(self):
        self.warned = False
        self.pending: list[str] = []

    def __call__(self, raw: bytes) -> str:
        text, warning = decode(raw)
        if warning and not self.warned:
            self.pending.append(warning + " (and any later such lines)")
            self.warned = True
        return text

    def take(self) -> list[str]:
        """The warnings for the article just read."""
        pending, self.pending = self.pending, []
        return pending


def _bounded_lines(stream, limit: int) -> Iterator[bytes | None]:
    """The stream's lines; None in place of a line longer than limit (which is skipped unread)."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(limit + 1)) and not rest.endswith(b"\n"):
            pass
        yield None


def read_jsonl(lines: Iterable[bytes | None], name: str, options: ReadOptions) -> Iterator[Item]:
    """One article per line: an object with `text` and optional date, title, url, source, outlet."""
    decode_line = _Decoder()
    for number, raw in enumerate(lines, 1):
        where = f"{name}:{number}"
        if raw is None:
            yield ArticleError(f"{where}: line larger than the {_megabytes(options.max_size)} limit (see --max-size)")
            continue
        if not raw.strip():
            continue
        try:
            record = json.loads(decode_line(raw))
        except json.JSONDecodeError as error:
            yield ArticleError(f"{where}: malformed JSON ({error.msg} at column {error.colno})")
            continue
        if not isinstance(record, dict):
            yield ArticleError(f"{where}: not a JSON object")
            continue
        yield article_from_record(record, where, options, decode_line.take())


def read_csv(lines: Iterable[bytes], name: str, options: ReadOptions) -> Iterator[Item]:
    """One article per row; the header names the columns (`,` `;` or tab separated)."""
    decode_line = _Decoder()
    text_lines = (decode_line(raw) for raw in lines)
    header_line = next(text_lines, "")
    if not header_line.strip():
        raise ArticleError("empty file")
    delimiter = max(",;\t", key=header_line.count)
    try:
        header = next(csv.reader([header_line], delimiter=delimiter))
    except csv.Error as error:
        raise ArticleError(f"malformed CSV header ({_csv_problem(error)})") from None
    if _column(header, "text", options) is None:
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


def _column(keys, name: str, options: ReadOptions) -> str | None:
    """The key holding field `name`: the user's mapping, else its usual names."""
    wanted = (options.columns[name],) if name in options.columns else FIELDS[name]
    return next((key for key in wanted if key in keys), None)


def article_from_record(record: dict, where: str, options: ReadOptions, warnings: list[str]) -> Item:
    """An ArticleInput from a JSONL object or CSV row; fields not used are kept as metadata."""
    keys = {name: _column(record, name, options) for name in FIELDS}
    values = {name: record.get(key) for name, key in keys.items()}
    text = values["text"]
    if not isinstance(text, str) or not text.strip():
        return ArticleError(f"{where}: no text")
    published, precision = parse_any_date(values["date"])
    if values["date"] in (None, ""):
        warnings.append("no date")
    elif published is None:
        warnings.append(f"malformed date {values['date']!r}")
    metadata = {key: value for key, value in record.items() if key not in keys.values()}
    metadata.update(origin=where, warnings=warnings)
    article = ArticleInput(
        text=without_surrogates(text.replace("\r\n", "\n").strip()), source=_text(values["source"]) or where,
        published=published, date_precision=precision, title=_text(values["title"]),
        outlet=_text(values["outlet"]), url=_text(values["url"]), metadata=metadata)
    return with_default_date(article, options)


SURROGATES = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """JSON escapes can give lone surrogates ("\\ud800"), which no encoder accepts: U+FFFD instead."""
    return SURROGATES.sub("\ufffd", text)


def _text(value) -> str | None:
    return str(value).strip() or None if value is not None else None


def parse_any_date(value) -> tuple[date | None, str | None]:
    """YYYY-MM-DD, YYYY-MM, an ISO date-time, or D.M.YYYY (also with - or /); else (None, None)."""
    if not isinstance(value, str):
        return None, None
    value = value.strip()
    if match := ISO_DATETIME.match(value):
        value = match[1]
    if match := DAY_FIRST.match(value):
        value = f"{match[3]}-{match[2]}-{match[1]}"
    return parse_date(value)


def with_default_date(article: ArticleInput, options: ReadOptions) -> ArticleInput:
    """Give an undated article the default date, if any (a missing date then needs no warning)."""
    if article.published is None and options.default_date is not None:
        article.published, article.date_precision = options.default_date, options.default_precision
        kept = [w for w in article.warnings if not w.endswith(NO_DATE)]
        article.metadata["warnings"] = [w + " (using the default date)" if "date" in w else w for w in kept]
    return article
