"""Records (a JSONL object or a CSV row) to articles: the known fields, the rest kept as metadata."""

from __future__ import annotations

import re

from tracker.dates import parse_any_date
from tracker.readers.finish import finish, refuse_too_long
from tracker.readers.options import FIELDS, Item, ReadOptions
from tracker.sources import ArticleError, ArticleInput

SURROGATES = re.compile("[\ud800-\udfff]")


def column(keys, name: str, options: ReadOptions) -> str | None:
    """The key holding field `name`: the user's mapping, else its usual names."""
    wanted = (options.columns[name],) if name in options.columns else FIELDS[name]
    return next((key for key in wanted if key in keys), None)


def article_from_record(record: dict, where: str, options: ReadOptions, warnings: list[str]) -> Item:
    """An ArticleInput from a JSONL object or CSV row; fields not used are kept as metadata."""
    keys = {name: column(record, name, options) for name in FIELDS}
    values = {name: record.get(key) for name, key in keys.items()}
    text = values["text"]
    if not isinstance(text, str) or not text.strip():
        return ArticleError(f"{where}: no text")
    try:
        refuse_too_long(text)
    except ArticleError as error:
        return ArticleError(f"{where}: {error}")
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
    return finish(article, options)


def without_surrogates(text: str) -> str:
    """JSON escapes can give lone surrogates ("\\ud800"), which no encoder accepts: U+FFFD instead."""
    return SURROGATES.sub("\ufffd", text)


def _text(value) -> str | None:
    return str(value).strip() or None if value is not None else None
