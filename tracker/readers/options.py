"""What reading takes and gives besides articles: ReadOptions, Notice, the formats and fields known."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.sources import ArticleError, ArticleInput

FORMATS = {"": "text", ".txt": "text", ".text": "text", ".jsonl": "jsonl", ".ndjson": "jsonl",
           ".csv": "csv", ".tsv": "csv", ".html": "html", ".htm": "html"}
FIELDS = {"text": ("text",), "date": ("date", "published"), "title": ("title",), "url": ("url",),
          "source": ("source",), "outlet": ("outlet",)}  # field -> the column names looked for
DEFAULT_MAX_SIZE = 5 * 1024 * 1024
MAX_ARTICLE_CHARS = 5_000_000  # the longest article taken, whatever --max-size allows (time and memory bounded)
MAX_TEXT_BYTES = 4 * MAX_ARTICLE_CHARS  # a bigger text file holds more (no encoding takes over 4 bytes a character)
# The most read into memory at once for one JSONL line, CSV line or HTML page, whatever --max-size allows:
# an article of MAX_ARTICLE_CHARS characters, JSON-escaped, with its metadata (or a page's markup) fits.
MAX_RECORD_BYTES = 32 * 1024 * 1024

Item = ArticleInput | ArticleError


@dataclass
class Notice:
    """Something worth a line that is not a failure (e.g. files of other types skipped in a folder)."""

    message: str


@dataclass
class ReadOptions:
    max_size: int = DEFAULT_MAX_SIZE  # bytes, per text/HTML file or JSONL/CSV line (see read_limit)
    default_date: date | None = None  # for articles without a (valid) date
    default_precision: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # field -> the input's column/key name
    format: str | None = None  # "text", "jsonl", "csv" or "html"; None: by extension
    follow_links: bool = True  # enter links to folders met while walking a folder (never one read already)


def megabytes(size: int) -> str:
    """A size for people: '23.8 MB', under a megabyte '4.9 KB', under a kilobyte '1000 bytes'."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.3g} MB"
    return f"{size / 1024:.3g} KB" if size >= 1024 else f"{size} bytes"


def read_limit(options: ReadOptions, fmt: str) -> int:
    """The most bytes read at once for one article in this format (a text or HTML file, a JSONL or CSV
    line): --max-size, but never more than one article of MAX_ARTICLE_CHARS can need."""
    return min(options.max_size, MAX_TEXT_BYTES if fmt == "text" else MAX_RECORD_BYTES)


def too_large(size: int, options: ReadOptions, fmt: str, exact: bool = True) -> str:
    """Why `size` bytes (more than read_limit) are not read; `exact=False`: at least that many were there."""
    shown = megabytes(size) if exact else f"more than {megabytes(size - 1)}"
    if size > options.max_size:
        return f"{shown}, larger than the {megabytes(options.max_size)} limit (see --max-size)"
    if fmt == "text":
        return (f"{shown} of text, more than the {MAX_ARTICLE_CHARS:,} characters one article may have "
                "(split it into articles)")
    return (f"{shown}, more than the {megabytes(MAX_RECORD_BYTES)} read for one article whatever --max-size allows "
            f"(an article has at most {MAX_ARTICLE_CHARS:,} characters; split it into articles)")
