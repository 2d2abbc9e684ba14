"""Reading articles into `ArticleInput`, the one shape every input format becomes.

The users' text format: line 1 holds ``date YYYY-MM[-DD]`` (or DD.MM.YYYY, or an ISO date-time), either alone or followed by the
lead on the same line; then paragraphs separated by blank lines. The stored ``text`` is the
article's own text verbatim (only the date marker is dropped), so evidence found in it is an
exact substring of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tracker.dates import parse_any_date, parse_date  # noqa: F401  (parse_date: also imported from here)

DATE_MARKER = re.compile(r"^[ \t]*date[ \t]+(?P<value>\S*)[ \t]*")


class ArticleError(ValueError):
    """The input cannot be used as an article (empty, unreadable, ...)."""


@dataclass
class ArticleInput:
    """One article, whatever format it came from."""

    text: str
    source: str
    published: date | None = None
    date_precision: str | None = None  # "day", "month" or None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    metadata: dict = field(default_factory=dict)

    @property
    def warnings(self) -> list[str]:
        """Problems noticed while reading (kept in ``metadata["warnings"]``)."""
        return self.metadata.setdefault("warnings", [])


def _looks_like_path(value: str | Path) -> bool:
    if isinstance(value, Path):
        return True
    return "\n" not in value and len(value) < 1024 and Path(value).is_file()


def read_text_article(path_or_text: str | Path, source: str | None = None) -> ArticleInput:
    """Read one article in the users' text format, from a file path or from the text itself."""
    if _looks_like_path(path_or_text):
        path = Path(path_or_text)
        try:
            raw = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ArticleError(f"cannot read {path}: {exc}") from exc
        source = source or path.name
    else:
        raw = str(path_or_text)
        source = source or "text"
    return parse_text_article(raw, source)


def parse_text_article(raw: str, source: str) -> ArticleInput:
    """Split off the ``date`` marker of line 1 and keep the rest of the text verbatim."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    warnings: list[str] = []
    published, precision = None, None
    marker = DATE_MARKER.match(raw)
    if marker:
        published, precision = parse_any_date(marker["value"])
        if published is None:
            warnings.append(f"malformed date {marker['value']!r}")
        text = raw[marker.end():]
    else:
        warnings.append("no date line")
        text = raw
    text = text.lstrip("\n").rstrip()
    if not text.strip():
        raise ArticleError(f"{source}: the article has no text")
    return ArticleInput(
        text=text,
        source=source,
        published=published,
        date_precision=precision,
        title=None,
        metadata={"warnings": warnings},
    )
