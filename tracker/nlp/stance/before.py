"""A statement that only points back at the words before it ("Sådan lyder det fra X.", "Det siger X."): its
stance is in the quote or sentence it points at."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

from tracker.nlp.lexicon import TermIndex
from tracker.nlp.positions import paragraphs, token_range
from tracker.nlp.stance.cues import PUNCT

QUESTION_REACH = 3  # a bare answer looks back over this many sentences for its question ...
BARE_ANSWER_LENGTH = 8  # ... passing only short ones (other bare answers)


class PointsBack:
    """``words_before(span)``: for a statement opening with a back-reference, the words it points at;
    ``question_before(span)``: the question before a bare answer."""

    def __init__(self, phrases):
        self.phrases = TermIndex(phrases)

    def opens_with_reference(self, span: Span) -> bool:
        """True when the statement opens (after quote marks or a dash) with "Sådan lyder det", "Det siger" ..."""
        skip = 0
        while skip < len(span) and span[skip].text in PUNCT:
            skip += 1
        found = self.phrases.find_in(span.doc, span.start + skip, min(span.end, span.start + skip + 6))
        return any(m.start == 0 for m in found)

    def words_before(self, doc: Doc, span: Span) -> Span | None:
        """The previous paragraph when the statement opens its paragraph, else the previous sentence; None when
        the statement does not open with a back-reference or nothing stands before it."""
        if span.start == 0 or not self.opens_with_reference(span):
            return None
        return self.before(doc, span)

    def question_before(self, doc: Doc, span: Span) -> Span | None:
        """The words before the statement (as ``words_before``) when they end with a question mark: the
        question a bare "Nej, siger LA." answers."""
        before = self.before(doc, span) if span.start else None
        for _ in range(QUESTION_REACH):  # past other bare answers: "Nej, siger LA. Ja, siger SF."
            if before is None or "?" in before[-2:].text:
                return before
            if len(before) > BARE_ANSWER_LENGTH or before.start == 0:
                return None
            before = self.before(doc, before)
        return None

    @staticmethod
    def before(doc: Doc, span: Span) -> Span | None:
        """The previous paragraph when the statement opens its paragraph, else the previous sentence."""
        paras = paragraphs(doc)
        k = bisect_right([p[0] for p in paras], span.start_char) - 1
        if k >= 0 and span.start_char <= paras[k][0] + 3:  # the statement opens its paragraph
            found = token_range(doc, *paras[k - 1]) if k > 0 else None
            return doc[found[0]:found[1]] if found else None
        start = span.start - 1
        while start > 0 and not doc[start].is_sent_start:
            start -= 1
        return doc[start:span.start]
