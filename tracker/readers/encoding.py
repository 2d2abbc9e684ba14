"""Bytes to text: UTF-8, UTF-16 with a BOM, else cp1252 (with a warning); binary files refused.

A NUL character is treated alike wherever it is in a file: replaced by U+FFFD (which is what the
database would store anyway), with a warning on the article. A file is binary when its first
SNIFF_BYTES hold many control characters, NULs among them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from tracker.sources import ArticleError

SNIFF_BYTES = 8192
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
CONTROL_BYTES = [c for c in range(32) if c not in (9, 10, 12, 13)] + [127]
BINARY_SHARE = 0.05  # more control characters than this in the first SNIFF_BYTES: a binary file
NUL_WARNING = "NUL characters replaced by U+FFFD"


def refuse_binary(head: bytes) -> None:
    """Text has few control characters (tab, line breaks and form feed aside)."""
    controls = sum(head.count(bytes([c])) for c in CONTROL_BYTES)
    if controls > len(head) * BINARY_SHARE:
        raise ArticleError("a binary file, not text")


def decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8 (a BOM is dropped), UTF-16 with a BOM, else cp1252 with a warning."""
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", errors="replace"), None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        return data.decode("cp1252", errors="replace"), f"not UTF-8 (byte {error.start}); read as cp1252"


def without_nul(text: str) -> tuple[str, str | None]:
    """The text with NUL characters replaced by U+FFFD (offsets unchanged), and a warning if there were any."""
    if "\x00" not in text:
        return text, None
    line = text.count("\n", 0, text.index("\x00")) + 1
    return text.replace("\x00", "\ufffd"), f"{NUL_WARNING} (first on line {line})"


class LineDecoder:
    """Decodes a file's lines (bytes, or text from a UTF-16 file); the warnings go with the next article.

    The fall-back to cp1252 is said once per file; a NUL replaced, on each article it was in.
    """

    def __init__(self):
        self.warned = False
        self.pending: list[str] = []

    def __call__(self, raw: bytes | str) -> str:
        text, warning = (raw, None) if isinstance(raw, str) else decode(raw)
        if warning and not self.warned:
            self.pending.append(warning + " (and any later such lines)")
            self.warned = True
        if "\x00" in text:
            text = text.replace("\x00", "\ufffd")
            if NUL_WARNING not in self.pending:
                self.pending.append(NUL_WARNING)
        return text

    def take(self) -> list[str]:
        """The warnings for the article just read."""
        pending, self.pending = self.pending, []
        return pending


class LongLine(int):
    """In place of a line longer than the limit, which was skipped unread: its length."""


def bounded_lines(stream, limit: int) -> Iterator[bytes | str | LongLine]:
    """The stream's lines (bytes, or text); a LongLine in place of a line longer than `limit`, which is
    skipped a piece at a time (never held in memory whole)."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line[-1:] in (b"\n", "\n"):
            yield line
            continue
        size = len(line)
        while (rest := stream.readline(limit + 1)):
            size += len(rest)
            if rest[-1:] in (b"\n", "\n"):
                break
        yield LongLine(size)


def text_stream(stream, head: bytes):
    """Lines of text from a file starting with a UTF-16 BOM (what Excel writes as "Unicode text");
    other files stay binary, their lines decoded one at a time."""
    if head.startswith(UTF16_BOMS):
        return io.TextIOWrapper(stream, encoding="utf-16", errors="replace", newline="")
    return stream


class _Prefixed(io.RawIOBase):
    """A stream that gives `prefix` first, then the rest of `stream` (for looking ahead on stdin)."""

    def __init__(self, prefix: bytes, stream):
        self.prefix, self.stream = prefix, stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.prefix:
            size = min(len(buffer), len(self.prefix))
            buffer[:size], self.prefix = self.prefix[:size], self.prefix[size:]
            return size
        data = self.stream.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def look_ahead(stream, size: int = SNIFF_BYTES):
    """(the first `size` bytes, a stream that still starts at the beginning)."""
    if stream.seekable():
        position = stream.tell()
        head = stream.read(size)
        stream.seek(position)
        return head, stream
    head = stream.read(size)
    return head, io.BufferedReader(_Prefixed(head, stream))
