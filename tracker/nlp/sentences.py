"""Paragraph-aware sentence splitter (spaCy factory ``tracker_sentences``).

A paragraph (text between blank lines) and a line without a full stop (a headline, a lead)
are units of their own. Inside a line, a sentence ends at . ! ? (and any closing quote) when
the next word starts with a capital letter, a quote mark or a dash, unless the full stop
belongs to an abbreviation (``data/abbreviations.txt``), an initial ("W.") or a number.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from tracker.nlp import model  # noqa: F401  (registers the Doc extensions)
from tracker.paths import data_file

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
SENTENCE_END = re.compile(r"[.!?]+[»«\"”’']*(?=\s+[A-ZÆØÅÄÖÜ»«\"“”„'\-–—])")
WORD_BEFORE = re.compile(r"(\S+)$")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Lower-case abbreviations (with their full stop) that do not end a sentence."""
    lines = data_file("abbreviations.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _blocks(text: str, pattern: re.Pattern, start: int, end: int) -> list[tuple[int, int]]:
    """Non-blank stretches of text[start:end] between matches of pattern, trimmed."""
    spans, pos = [], start
    for match in list(pattern.finditer(text, start, end)) + [None]:
        stop = match.start() if match else end
        chunk = text[pos:stop]
        if chunk.strip():
            left = pos + len(chunk) - len(chunk.lstrip())
            spans.append((left, pos + len(chunk.rstrip())))
        pos = match.end() if match else end
    return spans


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: text between blank lines."""
    return _blocks(text, PARAGRAPH_BREAK, 0, len(text))


def _is_false_end(text: str, line_start: int, stop: int) -> bool:
    """True when the full stop at text[stop] closes an abbreviation, an initial or a number."""
    if text[stop] != ".":
        return False
    word = WORD_BEFORE.search(text, line_start, stop + 1)
    if not word:
        return False
    token = word.group(1).lstrip("(«»\"“„'-–")
    if token.lower() in abbreviations():
        return True
    bare = token[:-1]
    if len(bare) == 1 and bare.isupper():  # an initial: "Nanna W. Gotfredsen"
        return True
    return bare.isdigit() and len(bare) <= 2  # an ordinal: "den 3. Maj-plan"


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence in text[start:end]; lines are units of their own."""
    end = len(text) if end is None else end
    spans = []
    for line_start, line_end in _blocks(text, re.compile(r"\n"), start, end):
        pos = line_start
        for match in SENTENCE_END.finditer(text, line_start, line_end):
            if _is_false_end(text, line_start, match.start()):
                continue
            spans.append((pos, match.end()))
            pos = match.end()
            while pos < line_end and text[pos].isspace():
                pos += 1
        if pos < line_end:
            spans.append((pos, line_end))
    return spans


def split_text(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(paragraph spans, sentence spans) of a whole text."""
    paragraphs = paragraph_spans(text)
    sentences = [s for p_start, p_end in paragraphs for s in sentence_spans(text, p_start, p_end)]
    return paragraphs, sentences


class SentenceSplitter:
    """Sets ``token.is_sent_start`` from `split_text` and ``doc._.paragraphs``."""

    def __call__(self, doc: Doc) -> Doc:
        paragraphs, sentences = split_text(doc.text)
        doc._.paragraphs = paragraphs
        starts = [s for s, _ in sentences]
        flags = numpy.full((len(doc), 1), -1, dtype="int64")
        next_start = 0
        for token in doc:
            if next_start < len(starts) and token.idx >= starts[next_start]:
                flags[token.i, 0] = 1
                while next_start < len(starts) and starts[next_start] <= token.idx:
                    next_start += 1
        if len(doc):
            flags[0, 0] = 1
            doc.from_array([SENT_START], flags.astype("uint64"))  # all at once: per-token setting re-scans the doc
        return doc


@Language.factory("tracker_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()
