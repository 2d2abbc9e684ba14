"""HTML: the article of a page's visible text (tracker.html_text: paragraphs and headings outside navigation),
title and date."""

from __future__ import annotations

from tracker.dates import parse_any_date
from tracker.html_text import visible_text
from tracker.sources import ArticleError, ArticleInput


def html_article(markup: str, name: str) -> ArticleInput:
    """The article in an HTML page: its paragraphs, separated by blank lines, with title and date."""
    parser = visible_text(markup)
    if not parser.paragraphs:
        raise ArticleError(f"{name}: no article text (no <p> or <h1>-<h3> outside navigation)")
    published, precision = parse_any_date(parser.published)
    warnings = ["no date"] if not parser.published else [] if published else [f"malformed date {parser.published!r}"]
    title = " ".join("".join(parser.title).split()) or None
    return ArticleInput(text="\n\n".join(parser.paragraphs), source=name, published=published,
                        date_precision=precision, title=title, metadata={"warnings": warnings})
