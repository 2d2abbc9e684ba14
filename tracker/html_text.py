"""The visible text of an HTML page: its paragraphs (<p>, <h1>-<h3>) outside script, style, navigation and
the like, its title, and the date its metadata gives (tracker.readers makes the article of them)."""

from __future__ import annotations

from html.parser import HTMLParser


class VisibleText(HTMLParser):
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


def visible_text(markup: str) -> VisibleText:
    """The page parsed: `.paragraphs`, `.title` (its pieces) and `.published` (the date's text, or None)."""
    parser = VisibleText()
    parser.feed(markup)
    parser.close()
    parser.finish_block()
    return parser
