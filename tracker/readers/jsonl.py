"""JSONL: one article per line, an object with `text` and optional date, title, url, source, outlet."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from tracker.readers.encoding import LineDecoder
from tracker.readers.options import Item, ReadOptions, megabytes
from tracker.readers.records import article_from_record
from tracker.sources import ArticleError


def read_jsonl(lines: Iterable[bytes | None], name: str, options: ReadOptions) -> Iterator[Item]:
    """One article per line: an object with `text` and optional date, title, url, source, outlet."""
    decode_line = LineDecoder()
    for number, raw in enumerate(lines, 1):
        where = f"{name}:{number}"
        if raw is None:
            yield ArticleError(f"{where}: line larger than the {megabytes(options.max_size)} limit (see --max-size)")
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
