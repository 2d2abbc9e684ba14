"""Direct quotes: paragraphs opening with a dash or a quote mark, »…« / "…" inside a sentence, and where a
quote's attribution (", siger X", "«, lyder det fra X") starts."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Span

from tracker.nlp.attribution.article import ArticleText
from tracker.nlp.ranges import Ranges
from tracker.nlp.words import QUOTE_OPENERS

INLINE_QUOTE = re.compile(r"»[^«\n]*«|\"[^\"\n]*\"|“[^”\n]*”|„[^“”\n]*[“”]")
CLOSERS = ("«", '"', "”")  # the end of the token before "«, siger X" (or that token is ",")
CLOSING = re.compile('[,«"”]')


class Quotes:
    """The quote paragraphs of an article, their sentences' attributions, and the quoted characters."""

    def __init__(self, article: ArticleText):
        self.article = article
        text = article.text
        self.paragraphs = [p for p in article.paragraphs if text.startswith(QUOTE_OPENERS, p[0], p[1])]
        self.in_quotes = Ranges(self.paragraphs)
        self.sentences = [s for p in self.paragraphs for s in article.sentences_of(p)]
        self.attributions = {s.start: self.attribution_start(s) for s in self.sentences}
        self.quoted = Ranges(self.quoted_ranges())

    def in_quote_paragraph(self, sentence: Span) -> bool:
        return sentence.start_char in self.in_quotes

    def is_quoted(self, pos: int) -> bool:
        """True when character pos is someone's own words (a quote paragraph up to ", siger", »…«, "…")."""
        return pos in self.quoted

    def attribution_start(self, sentence: Span) -> int | None:
        """Token index of the speech verb in ", siger X" / "«, siger X" / ", lyder det fra X", if any:
        the last speech verb right after a token ending in a comma or a closing quote mark."""
        article = self.article
        text, starts = article.text, article.token_starts
        marks = [m.end() for m in CLOSING.finditer(text, sentence.start_char, sentence.end_char)]
        for pos in reversed(marks):  # the verb starts right after the mark or after one space
            for start in (pos + 1, pos):
                i = bisect_left(starts, start)
                if not (sentence.start < i < sentence.end and starts[i] == start):
                    continue
                before = text[starts[i - 1]:start]  # the token before, with its space
                before = before[:-1] if before.endswith(" ") else before
                if (before == "," or before.endswith(CLOSERS)) and article.words.has(article.doc[i], "speech"):
                    return i
        return None

    def quoted_ranges(self) -> list[tuple[int, int]]:
        """Character ranges that are someone's own words (dash paragraphs up to ", siger", »…«, "…")."""
        ranges = [(m.start(), m.end()) for m in INLINE_QUOTE.finditer(self.article.text)]
        for sentence in self.sentences:
            verb = self.attributions[sentence.start]
            end = self.article.doc[verb].idx if verb is not None else sentence.end_char
            ranges.append((sentence.start_char, end))
        return ranges

    def runs(self) -> list[list[tuple[int, int]]]:
        """The quote paragraphs in runs of paragraphs that follow each other."""
        runs: list[list[tuple[int, int]]] = []
        quotes = set(self.paragraphs)
        paragraphs = self.article.paragraphs
        for index, paragraph in enumerate(paragraphs):
            if paragraph in quotes:
                if runs and index and runs[-1][-1] == paragraphs[index - 1]:
                    runs[-1].append(paragraph)
                else:
                    runs.append([paragraph])
        return runs
