"""Where things sit in an article: character offsets to tokens, a statement's tokens, its paragraph, the lead.

The one char-to-token rule: ``token_range(doc, start_char, end_char)`` is the token range of
``doc.char_span(start_char, end_char, alignment_mode="expand")`` (the tokens the characters touch; a start
in the white space after a token begins at the next token), worked out by bisecting the token offsets,
which are read once per doc (``TokenOffsets``).
"""

from __future__ import annotations

from bisect import bisect_right

import numpy
from spacy.attrs import IDX, SPACY
from spacy.tokens import Doc, Span

from tracker.nlp.model import doc_text, scratch
from tracker.nlp.sentences import paragraph_spans



class TokenOffsets:
    """The character offset and length of every token of a doc (from one ``doc.to_array`` of IDX and SPACY:
    a token and its trailing space reach to the next token's start, the last one to the end of the text)."""

    def __init__(self, doc: Doc, columns: numpy.ndarray | None = None):
        """``columns``: ``doc.to_array([IDX, SPACY, ...])`` when the caller has it already."""
        columns = doc.to_array([IDX, SPACY]) if columns is None else columns
        columns = columns.reshape(len(doc), -1).astype("int64") if len(doc) else numpy.zeros((0, 2), "int64")
        self.text_length = len(doc_text(doc))
        starts = columns[:, 0]
        self.starts: list[int] = starts.tolist()
        self.lengths: list[int] = (numpy.append(starts[1:], self.text_length) - starts - columns[:, 1]).tolist()

    def __len__(self) -> int:
        return len(self.starts)

    def token_at(self, char: int) -> int:
        """The token whose text or trailing white space holds character ``char`` (-1 outside the text)."""
        if char < 0 or char >= self.text_length or not self.starts:
            return -1
        return bisect_right(self.starts, char) - 1

    def token_range(self, start_char: int, end_char: int) -> tuple[int, int] | None:
        """(start, end) token of ``doc.char_span(start_char, end_char, alignment_mode="expand")``, None
        when spaCy gives None (offsets outside the text) or no range."""
        start, last = self.token_at(start_char), self.token_at(end_char - 1)
        if start < 0 or last < 0:
            return None
        if start_char == self.starts[start] + self.lengths[start]:  # in the white space after a token
            start += 1
        return (start, last + 1) if start <= last + 1 else None


def token_offsets(doc: Doc, columns: numpy.ndarray | None = None) -> TokenOffsets:
    """The doc's TokenOffsets, made once per doc (from ``columns``, see TokenOffsets, when given)."""
    cache = scratch(doc)
    cached = cache.get("token_offsets")
    if cached is None or len(cached) != len(doc):
        cached = cache["token_offsets"] = TokenOffsets(doc, columns)
    return cached


def token_range(doc: Doc, start_char: int, end_char: int) -> tuple[int, int] | None:
    """(start, end) of the tokens covering the characters start_char..end_char (widened to whole
    tokens), None when the offsets are outside the text."""
    return token_offsets(doc).token_range(start_char, end_char)


def mention_tokens(doc: Doc, mentions) -> set[int]:
    """Offsets (in the doc) of the tokens that the mentions cover."""
    found = set()
    for m in mentions:
        tokens = token_range(doc, m.start_char, m.end_char)
        if tokens is not None:
            found.update(range(*tokens))
    return found


def statement_range(doc: Doc, start_char: int, end_char: int) -> tuple[int, int]:
    """``token_range``, or the whole doc when the offsets are outside the text."""
    found = token_range(doc, start_char, end_char)
    return (0, len(doc)) if found is None else found


def statement_span(doc: Doc, start_char: int, end_char: int) -> Span:
    """The tokens covering the characters start_char..end_char (widened to whole tokens)."""
    start, end = statement_range(doc, start_char, end_char)
    return doc[start:end]


def paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """(start_char, end_char) of each paragraph: ``doc._.paragraphs`` (set by the sentence component), else
    the text's own paragraphs; the whole text when it has none."""
    found = doc._.paragraphs or paragraph_spans(doc_text(doc))
    return [(start, end) for start, end in found] or [(0, len(doc_text(doc)))]


def paragraph_of(doc: Doc, char: int) -> tuple[int, int] | None:
    """(start_char, end_char) of the paragraph that holds character ``char`` (None if none does)."""
    cache = scratch(doc)
    cached = cache.get("paragraph_starts")
    if cached is None:
        found = paragraphs(doc)
        cached = cache["paragraph_starts"] = (found, [start for start, _ in found])
    found, starts = cached
    k = bisect_right(starts, char) - 1  # paragraphs are in order and do not overlap
    return found[k] if k >= 0 and char < found[k][1] else None


def paragraph_range(doc: Doc, char: int) -> tuple[int, int]:
    """(start, end) token of the paragraph that holds character offset ``char`` (else the whole doc)."""
    paragraph = paragraph_of(doc, char)
    return (0, len(doc)) if paragraph is None else statement_range(doc, *paragraph)


def lead_range(doc: Doc, min_tokens: int = 15) -> tuple[int, int]:
    """(start, end) token of the headline and lead: the first paragraph, plus the second when the first
    is a short headline."""
    paras = paragraphs(doc)
    end = paras[0][1]
    first_start, first_end = statement_range(doc, *paras[0])
    if len(paras) > 1 and first_end - first_start < min_tokens:
        end = paras[1][1]
    return statement_range(doc, paras[0][0], end)


def lead_span(doc: Doc, min_tokens: int = 15) -> Span:
    """The headline and lead (see ``lead_range``)."""
    start, end = lead_range(doc, min_tokens)
    return doc[start:end]
