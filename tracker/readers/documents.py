"""Whole documents: one article from a file's bytes, in the users' text format or HTML."""

from __future__ import annotations

from tracker.readers.encoding import SNIFF_BYTES, UTF16_BOMS, decode, refuse_binary
from tracker.readers.finish import with_default_date
from tracker.readers.html import html_article
from tracker.readers.options import ReadOptions, megabytes
from tracker.sources import ArticleError, ArticleInput, parse_text_article


def read_document(data: bytes, name: str, fmt: str, options: ReadOptions) -> ArticleInput:
    """One article from a whole file's bytes (text or HTML)."""
    if len(data) > options.max_size:
        raise ArticleError(f"{name}: larger than the {megabytes(options.max_size)} limit (see --max-size)")
    if not data.strip():
        raise ArticleError(f"{name}: empty file")
    if not data.startswith(UTF16_BOMS):
        refuse_binary(data[:SNIFF_BYTES])
    text, warning = decode(data)
    article = html_article(text, name) if fmt == "html" else parse_text_article(text, name)
    if warning:
        article.warnings.append(warning)
    return with_default_date(article, options)
