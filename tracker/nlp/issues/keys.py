"""Normalised keys of policy objects: the lemmas and compound parts of a phrase's nouns.

"CO2-afgiften" and "en CO2-afgift" give the parts "afgift" and "co2" ("landbrugets CO2-afgift" too: the phrase
stage leaves a genitive owner out, tracker.nlp.issues.phrases);
"sukkerafgift" and "afgift på sukker" both give "afgift sukker". A word is split at hyphens, and a compound
whose head names an instrument (``policy_heads``: afgift, forbud, skat, loft, ...) into its modifier and head
when the lookup table knows the modifier (with or without a linking "s" or "e"), or when the whole word is
unknown; other compounds stay whole ("landbrug", "formand"), and so do the general words, which are never
split ("indsats"). Lemmas of one meaning give one part (``synonyms``: "pengene", "indtægterne"
and "provenuet" from a tax are all "provenu"). The lemmas come from spaCy's lookup table (the same the
lemmatizer reads); a word form is worked out once per process.
"""

from __future__ import annotations

from functools import lru_cache

from tracker.nlp.issues.object_words import ObjectWords

MEMO = 200_000  # word forms remembered


@lru_cache(maxsize=1)
def lookup_table():
    """spaCy's Danish lemma lookup table (spacy-lookups-data)."""
    from spacy.lookups import load_lookups

    return load_lookups("da", ["lemma_lookup"]).get_table("lemma_lookup")


class KeyMaker:
    """The parts of words, for the keys of policy objects."""

    def __init__(self, words: ObjectWords, table=None):
        self.words = words
        self.table = table if table is not None else lookup_table()
        self._parts: dict[tuple[str, bool], tuple[str, ...]] = {}

    def lemma(self, form: str) -> str:
        found = self.table.get(form)
        if found is None:
            return form
        return found if isinstance(found, str) else found[0]

    def known(self, form: str) -> bool:
        return len(form) >= 3 and form in self.table

    def parts(self, lower: str, proper: bool = False) -> tuple[str, ...]:
        """The key parts of one word (lower case): its hyphen parts, lemmatised; a compound with an instrument
        head split in two. ``proper``: a name ("Skagen", "SVM-regeringen"): lemmatised, never split."""
        memo = self._parts.get((lower, proper))
        if memo is None:
            if len(self._parts) >= MEMO:
                self._parts.clear()
            memo = self._parts[lower, proper] = tuple(self._word_parts(lower, proper))
        return memo

    def _word_parts(self, lower: str, proper: bool):
        for piece in lower.split("-"):
            piece = piece.strip("'’.")
            if not piece:
                continue
            if piece.isdigit() or proper:
                yield self.lemma(piece) if proper else piece
                continue
            lemma = self.words.instrument_verbs.get(piece) or self.lemma(piece)
            synonyms = self.words.synonyms
            yield from (synonyms.get(part, part) for part in
                        ((lemma,) if lemma in self.words.generic else self.split(lemma)))

    def split(self, word: str) -> tuple[str, ...]:
        """(modifier, head) of a compound whose head names an instrument; (word,) for any other word."""
        if len(word) < 6:
            return (word,)
        heads = self.words.policy_heads
        for i in range(3, len(word) - 2):
            head = word[i:]
            if head not in heads and self.lemma(head) not in heads:
                continue
            modifier = word[:i]
            for link in ("", "s", "e"):
                if link and not modifier.endswith(link):
                    continue
                stem = modifier[:len(modifier) - len(link)]
                if self.known(stem):
                    return self.lemma(stem), self.lemma(head)
            if len(modifier) >= 4 and not self.known(word):  # an unknown word: its modifier, without a linking s
                return (modifier[:-1] if modifier.endswith("s") and len(modifier) > 4 else modifier), self.lemma(head)
        return (word,)
