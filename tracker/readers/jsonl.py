"""JSONL: one article per line, an object with `text` and optional date, title, url, source, outlet.

Every problem is one line's own: malformed JSON, a number too long for Python, nesting deeper than
MAX_DEPTH (which also keeps the stored metadata within what any JSON library can write back).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from tracker.readers.encoding import LineDecoder, LongLine
from tracker.readers.options import Item, ReadOptions, too_large
from tracker.readers.records import article_from_record
from tracker.sources import ArticleError

MAX_DEPTH = 64  # levels of objects and arrays in one line


def read_jsonl(lines: Iterable[bytes | str | LongLine], name: str, options: ReadOptions) -> Iterator[Item]:
    """One article per line: an object with `text` and optional date, title, url, source, outlet."""
    decode_line = LineDecoder()
    for number, raw in enumerate(lines, 1):
        where = f"{name}:{number}"
        if isinstance(raw, LongLine):
            yield ArticleError(f"{where}: a line of {too_large(raw, options, 'jsonl')}")
            continue
        if not raw.strip():
            continue
        try:
            record = parse_line(decode_line(raw))
        except ArticleError as error:
            decode_line.take()
            yield ArticleError(f"{where}: {error}")
            continue
        yield article_from_record(record, where, options, decode_line.take())


def parse_line(line: str) -> dict:
    """The JSON object on a line; an ArticleError says what is wrong with it."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ArticleError(f"malformed JSON ({error.msg} at column {error.colno})") from None
    except RecursionError:
        raise ArticleError(f"JSON nested deeper than {MAX_DEPTH} levels") from None
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        raise ArticleError(f"malformed JSON ({str(error).split(';')[0]})") from None
    if not isinstance(record, dict):
        raise ArticleError("not a JSON object")
    if depth(record) > MAX_DEPTH:
        raise ArticleError(f"JSON nested deeper than {MAX_DEPTH} levels")
    return record


def depth(value) -> int:
    """How deeply objects and arrays nest in a JSON value (without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, level)
            stack.extend((item, level + 1) for item in (value.values() if isinstance(value, dict) else value))
    return deepest
