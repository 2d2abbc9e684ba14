"""Reading what users name: files, folders, globs and `-` (stdin), each file by the reader of its format."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from tracker.readers.csvfile import read_csv
from tracker.readers.documents import read_document
from tracker.readers.encoding import UTF16_BOMS, bounded_lines, decode, look_ahead, refuse_binary, text_stream
from tracker.readers.finding import expand, not_regular
from tracker.readers.jsonl import read_jsonl
from tracker.readers.options import FORMATS, Item, Notice, ReadOptions, read_limit, too_large
from tracker.sources import ArticleError


def read_inputs(names: Iterable[str], options: ReadOptions | None = None) -> Iterator[Item | Notice]:
    """Every article in the named paths, folders, glob patterns and `-`, in order, streamed."""
    options = options or ReadOptions()
    for name in names:
        if name == "-":
            yield from read_stream(sys.stdin.buffer, "<stdin>", options)
            continue
        for found in expand(name, options.follow_links):
            yield from (read_file(found, options) if isinstance(found, Path) else [found])


def format_of(path: Path, options: ReadOptions) -> str:
    return options.format or FORMATS.get(path.suffix.lower(), "text")


def read_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    """The articles of one file; every problem becomes an ArticleError naming the file."""
    fmt = format_of(path, options)
    try:
        with open_regular(path) as stream:
            size = os.fstat(stream.fileno()).st_size
            if fmt in ("text", "html") and size > read_limit(options, fmt):  # refused unread
                raise ArticleError(too_large(size, options, fmt))
            yield from read_stream(stream, str(path), options, fmt)
    except ArticleError as error:
        yield _located(error, str(path))
    except OSError as error:
        yield ArticleError(f"{path}: cannot read ({error.strerror or error})")


def open_regular(path: Path):
    """The file opened for reading, if it is a regular file: a FIFO, socket or device is an ArticleError
    (opened without blocking, so a FIFO nobody writes to cannot hang the run)."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    kind = not_regular(os.fstat(descriptor).st_mode)
    if kind is not None:
        os.close(descriptor)
        raise ArticleError(f"{kind}, not a regular file; only - reads a stream")
    os.set_blocking(descriptor, True)
    return os.fdopen(descriptor, "rb")


def read_stream(stream, name: str, options: ReadOptions, fmt: str | None = None) -> Iterator[Item]:
    """The articles in a binary stream; with no format given (stdin), guessed from its start."""
    try:
        head, stream = look_ahead(stream)
        fmt = fmt or options.format or _guess_format(head)
        if fmt in ("jsonl", "csv"):
            if not head.startswith(UTF16_BOMS):
                refuse_binary(head)
            lines = bounded_lines(text_stream(stream, head), read_limit(options, fmt))
            yield from (read_jsonl if fmt == "jsonl" else read_csv)(lines, name, options)
        else:
            yield read_document(stream.read(read_limit(options, fmt) + 1), name, fmt, options)
    except ArticleError as error:
        yield _located(error, name)


def _guess_format(head: bytes) -> str:
    text = decode(head[:64])[0] if head.startswith(UTF16_BOMS) else head.decode("latin-1")
    start = text.lstrip("\ufeff\xef\xbb\xbf \t\r\n")[:1]
    return {"{": "jsonl", "<": "html"}.get(start, "text")


def _located(error: ArticleError, name: str) -> ArticleError:
    message = str(error)
    return error if message.startswith(name) else ArticleError(f"{name}: {message}")
