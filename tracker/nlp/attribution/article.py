"""One article as attribution reads it: the text, its tokens by offset, sentences, paragraphs, mentions.

Words are read from the text by token offsets (``word``, ``lower``) rather than through Token objects,
and the tokens that may refer back to a politician come from one lexeme flag read with ``doc.to_array``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import numpy
from spacy.attrs import IDX, SPACY
from spacy.tokens import Doc, Span

from tracker.nlp.attribution.words import AttributionWords
from tracker.nlp.model import PARTY, Mention, doc_text
from tracker.nlp.positions import paragraphs, token_offsets
from tracker.nlp.ranges import Ranges


class ArticleText:
    """The doc, its text and words, with look-ups by character and token offset."""

    def __init__(self, doc: Doc, words: AttributionWords):
        self.doc, self.text, self.words = doc, doc_text(doc), words
        self.mentions: list[Mention] = sorted(doc._.mentions or [], key=lambda m: m.start_char)
        self.mention_starts = [m.start_char for m in self.mentions]
        columns = doc.to_array([IDX, SPACY, words.reference_flag(doc.vocab)]).reshape(len(doc), 3)  # one pass
        offsets = self.token_offsets = token_offsets(doc, columns)
        self.token_starts, self.token_lengths = offsets.starts, offsets.lengths
        self.sentences: list[Span] = list(doc.sents)
        self.sentence_chars = [self.token_starts[s.start] for s in self.sentences]
        self.references: list[int] = numpy.flatnonzero(columns[:, 2]).tolist()  # tokens that may be "han", "partiet" ...
        self.paragraphs = paragraphs(doc)
        self.mention_chars: dict[str | None, Ranges] = {}  # in_mention_of() by kind

    def __len__(self) -> int:
        return len(self.token_starts)

    def word(self, i: int) -> str:
        """``doc[i].text`` from the text and the token offsets (no Token object)."""
        start = self.token_starts[i]
        return self.text[start:start + self.token_lengths[i]]

    def lower(self, i: int) -> str:
        """``doc[i].lower_``."""
        return self.word(i).lower()

    def is_role_word(self, word: str) -> bool:
        return self.words.roles.is_role_word(word)

    # -------------------------------------------------- mentions

    def in_mention_of(self, kind: str | None, pos: int) -> bool:
        """True when character pos is inside a mention of that kind (None: of any kind)."""
        if kind not in self.mention_chars:
            self.mention_chars[kind] = Ranges((m.start_char, m.end_char) for m in self.mentions
                                              if kind in (None, m.kind))
        return pos in self.mention_chars[kind]

    def in_mention(self, token) -> bool:
        return self.in_mention_of(None, token.idx)

    def party_token(self, token) -> bool:
        """True when the token is (in) a party mention."""
        return self.in_mention_of(PARTY, token.idx)

    def in_party(self, i: int) -> bool:
        """True when token i is (in) a party mention."""
        return self.in_mention_of(PARTY, self.token_starts[i])

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """The mentions starting in text[start:end], in order."""
        return self.mentions[bisect_left(self.mention_starts, start):bisect_left(self.mention_starts, end)]

    def token_range(self, mention: Mention) -> tuple[int, int] | None:
        """The tokens a mention touches (see ``tracker.nlp.positions``)."""
        return self.token_offsets.token_range(mention.start_char, mention.end_char)

    def reference_tokens(self, first: int, last: int) -> list:
        """The tokens first..last-1 that may be a pronoun, party noun, role noun or collective noun, in order."""
        indices = self.references[bisect_left(self.references, first):bisect_left(self.references, last)]
        return [self.doc[i] for i in indices]

    # -------------------------------------------------- sentences and paragraphs

    def sentences_naming_someone(self) -> list[int]:
        """Indices of the sentences with a mention, or with a word that may refer back ("han", "partiet")
        to a mention before it: no other sentence has an actor."""
        char_starts, token_starts = self.sentence_chars, [s.start for s in self.sentences]
        found = {bisect_right(char_starts, m.start_char) - 1 for m in self.mentions}
        if found:
            first = min(found)
            found |= {k for k in (bisect_right(token_starts, i) - 1 for i in self.references) if k >= first}
        return sorted(k for k in found if k >= 0)

    def sentence_before(self, sentence: Span) -> Span | None:
        index = bisect_left(self.sentence_chars, self.token_starts[sentence.start])  # this sentence's
        return self.sentences[index - 1] if index else None

    def sentences_of(self, paragraph) -> list[Span]:
        """The sentences starting in the paragraph."""
        chars = self.sentence_chars
        return self.sentences[bisect_left(chars, paragraph[0]):bisect_left(chars, paragraph[1])]

    def sentences_ending_by(self, pos: int) -> list[Span]:
        """The sentences that end at or before character pos."""
        return self.sentences[:self.sentences_ending_count(pos)]

    def sentences_ending_count(self, pos: int) -> int:
        """How many sentences end at or before character pos."""
        k = bisect_left(self.sentence_chars, pos)  # the sentences from k on start at or after pos
        while k > 0 and self.sentences[k - 1].end_char > pos:
            k -= 1
        return k
