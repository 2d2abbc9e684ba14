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
    follow_links: bool = True  # enter links to folders met while walking a folder (never one read already)


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.3g} MB"
