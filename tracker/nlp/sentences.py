"""Paragraph-aware sentence splitter (spaCy factory ``tracker_sentences``).

A paragraph (text between blank lines) and a line without a full stop (a headline, a lead)
are units of their own. Inside a line, a sentence ends at . ! ? (and any closing quote) when
the next word starts with a capital letter, a quote mark or a dash, unless the full stop
belongs to an abbreviation (``data/abbreviations.txt``), an initial ("W."), a shortened name without a
vowel ("Chr.", "Hj.") or a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from tracker.nlp.model import doc_text  # (importing model registers the Doc extensions)
from tracker.datafiles import read_word_list
from tracker.nlp.component import StoredState
from tracker.paths import data_file

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
SENTENCE_END = re.compile(r"[.!?]+[»«\"”’']*(?=\s+[A-ZÆØÅÄÖÜ»«\"“”„'\-–—])")
LINE = re.compile(r"\S(?:[^\n]*\S)?")  # a line without the white space around it
VOWELS = frozenset("aeiouyæøå")


def bundled_abbreviations() -> frozenset[str]:
    """Lower-case abbreviations (with their full stop) that do not end a sentence: ``data/abbreviations.txt``."""
    return frozenset(read_word_list(data_file("abbreviations.txt")))


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


def _is_false_end(text: str, line_start: int, stop: int, abbreviations: frozenset[str]) -> bool:
    """True when the full stop at text[stop] closes an abbreviation, an initial or a number."""
    if text[stop] != ".":
        return False
    begin = stop  # the word ending at the full stop: back to white space or the line's start
    while begin > line_start and not text[begin - 1].isspace():
        begin -= 1
    token = text[begin:stop + 1].lstrip("(«»\"“„'-–")
    bare = token[:-1]
    if token.lower() in abbreviations and not (len(bare) > 1 and bare.isupper()):  # "dr.", not "til DR."
        return True
    if len(bare) == 1 and bare.isupper():  # an initial: "Nanna W. Gotfredsen"
        return True
    if 1 < len(bare) <= 3 and bare[0].isupper() and bare[1:].islower() and not VOWELS.intersection(bare.lower()):
        return True  # a shortened name: "Lars Chr. Lilleholt", "Claus Hj. Frederiksen"
    return bare.isdigit() and len(bare) <= 2  # an ordinal: "den 3. Maj-plan"


def sentence_spans(text: str, start: int = 0, end: int | None = None,
                   abbreviations: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence in text[start:end]; lines are units of their own."""
    end = len(text) if end is None else end
    abbreviations = bundled_abbreviations() if abbreviations is None else abbreviations
    spans = []
    for line in LINE.finditer(text, start, end):
        line_start, line_end = line.span()
        pos = line_start
        for match in SENTENCE_END.finditer(text, line_start, line_end):
            if _is_false_end(text, line_start, match.start(), abbreviations):
                continue
            spans.append((pos, match.end()))
            pos = match.end()
            while pos < line_end and text[pos].isspace():
                pos += 1
        if pos < line_end:
            spans.append((pos, line_end))
    return spans


def split_text(text: str, abbreviations: frozenset[str] | None = None
               ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(paragraph spans, sentence spans) of a whole text."""
    abbreviations = bundled_abbreviations() if abbreviations is None else abbreviations
    paragraphs = paragraph_spans(text)
    sentences = [s for p_start, p_end in paragraphs for s in sentence_spans(text, p_start, p_end, abbreviations)]
    return paragraphs, sentences


def start_flags(token_starts: numpy.ndarray, sentence_starts: list[int]) -> numpy.ndarray:
    """SENT_START values (1 or -1) for tokens at character offsets `token_starts` (ascending):
    a sentence starts at the first token at or after each sentence's start, and at the first token."""
    flags = numpy.full(len(token_starts), -1, dtype="int64")
    first = numpy.searchsorted(token_starts, numpy.asarray(sentence_starts, dtype=token_starts.dtype))
    flags[first[first < len(token_starts)]] = 1
    flags[:1] = 1
    return flags


class SentenceSplitter(StoredState):
    """Sets ``token.is_sent_start`` from `split_text` and ``doc._.paragraphs``; the abbreviations come
    from ``initialize()`` (``data/abbreviations.txt`` unless given)."""

    def __init__(self, abbreviations: Iterable[str] | None = None):
        if abbreviations is not None:
            self.load_state({"abbreviations": list(abbreviations)})

    def initialize(self, get_examples=None, *, nlp=None, abbreviations: list[str] | None = None) -> None:
        self.load_state({"abbreviations": sorted(bundled_abbreviations()) if abbreviations is None
                         else [a.strip().lower() for a in abbreviations]})

    def state(self) -> dict:
        return {"abbreviations": sorted(self.abbreviations)}

    def load_state(self, data: dict) -> None:
        self.abbreviations = frozenset(data["abbreviations"])
        self.initialized = True

    def __call__(self, doc: Doc) -> Doc:
        self.check_initialized()
        paragraphs, sentences = split_text(doc_text(doc), self.abbreviations)
        doc._.paragraphs = [list(p) for p in paragraphs]
        if len(doc):
            flags = start_flags(doc.to_array(IDX), [start for start, _ in sentences])
            doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))  # all at once, no Token objects
        return doc


@Language.factory("tracker_sentences", assigns=["token.is_sent_start", "doc._.paragraphs"])
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()
