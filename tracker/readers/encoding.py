"""Bytes to text: UTF-8, UTF-16 with a BOM, else cp1252 (with a warning); binary files refused."""

from __future__ import annotations

from collections.abc import Iterator

from tracker.sources import ArticleError

SNIFF_BYTES = 8192
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
CONTROL_BYTES = [c for c in range(32) if c not in (9, 10, 12, 13)] + [127]
BINARY_SHARE = 0.05  # more control characters than this in the first SNIFF_BYTES: a binary file


def refuse_binary(head: bytes) -> None:
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


class LineDecoder:
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


def bounded_lines(stream, limit: int) -> Iterator[bytes | None]:
    """The stream's lines; None in place of a line longer than limit (which is skipped unread)."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(limit + 1)) and not rest.endswith(b"\n"):
            pass
        yield None
