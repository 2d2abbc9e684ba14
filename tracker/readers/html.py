"""HTML: the visible article text (paragraphs and headings outside navigation), title and date."""

from __future__ import annotations

from html.parser import HTMLParser

from tracker.dates import parse_any_date
from tracker.sources import ArticleError, ArticleInput


class _VisibleText(HTMLParser):
    """Collects paragraphs (<p>, <h1>-<h3>) outside script, style, nav and the like, and a date."""

    SKIP = {"script", "style", "nav", "footer", "aside", "form", "noscript", "template", "svg", "button"}
    BLOCKS = {"p", "h1", "h2", "h3"}
    DATE_META = {"article:published_time", "date", "pubdate", "publishdate", "dc.date", "dcterms.created"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping, self.block, self.in_title = 0, None, False
        self.paragraphs: list[str] = []
        self.title: list[str] = []
        self.published: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS and not self.skipping:
            self.finish_block()
            self.block = []
        elif tag == "br" and self.block is not None:
            self.block.append(" ")
        elif tag == "title":
            self.in_title = True
        elif tag == "meta" and (attrs.get("property") or attrs.get("name") or "").lower() in self.DATE_META:
            self.published = self.published or attrs.get("content")
        elif tag == "time" and attrs.get("datetime"):
            self.published = self.published or attrs["datetime"]

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.finish_block()
        elif tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif self.block is not None and not self.skipping:
            self.block.append(data)

    def finish_block(self):
        text = " ".join("".join(self.block or []).split())
        if text:
            self.paragraphs.append(text)
        self.block = None


def html_article(markup: str, name: str) -> ArticleInput:
    """The article in an HTML page: its paragraphs, separated by blank lines, with title and date."""
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    parser.finish_block()
    if not parser.paragraphs:
        raise ArticleError(f"{name}: no article text (no <p> or <h1>-<h3> outside navigation)")
    published, precision = parse_any_date(parser.published)
    warnings = ["no date"] if not parser.published else [] if published else [f"malformed date {parser.published!r}"]
    title = " ".join("".join(parser.title).split()) or None
    return ArticleInput(text="\n\n".join(parser.paragraphs), source=name, published=published,
                        date_precision=precision, title=title, metadata={"warnings": warnings})
