"""Whole documents: one article from a file's bytes, in the users' text format or HTML."""

from __future__ import annotations

from tracker.readers.encoding import SNIFF_BYTES, UTF16_BOMS, decode, refuse_binary, without_nul
from tracker.readers.finish import finish, refuse_too_long
from tracker.readers.html import html_article
from tracker.readers.options import ReadOptions, read_limit, too_large
from tracker.sources import ArticleError, ArticleInput, parse_text_article


def read_document(data: bytes, name: str, fmt: str, options: ReadOptions) -> ArticleInput:
    """One article from a whole file's bytes (text or HTML)."""
    if len(data) > read_limit(options, fmt):  # (a stream: what is read stops one byte past the limit)
        raise ArticleError(f"{name}: {too_large(len(data), options, fmt, exact=False)}")
    if not data or data.isspace():  # (no copy of a large file)
        raise ArticleError(f"{name}: empty file")
    if not data.startswith(UTF16_BOMS):
        refuse_binary(data[:SNIFF_BYTES])
    text, warning = decode(data)
    del data  # (a file may be large: keep one copy of it)
    refuse_too_long(text)
    text, nul_warning = without_nul(text)
    article = html_article(text, name) if fmt == "html" else parse_text_article(text, name)
    article.warnings.extend(w for w in (warning, nul_warning) if w)
    return finish(article, options)
