"""Word patterns of the Danish word lists (one word of a term): ``skat``, ``forsvars*``, ``*skat``, ``*stop*``.

See ``tracker.nlp.lexicon`` for the pattern language; this module holds the patterns and the forms of a
token they are tested against.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from spacy.tokens import Token

MAX_GAP = 3
# Endings that may follow the head of a compound: skat|ten, bolig|erne, afgift|en, flygtning|e ...
ENDINGS = {"", "e", "en", "et", "er", "ene", "erne", "ens", "ets", "es", "s", "r", "n", "t", "ne", "rne",
           "nes", "rnes", "ernes", "enes", "erne", "ers", "ts"}
LONGEST_ENDING = max(len(e) for e in ENDINGS)
VOWELS = set("aeiouyæøå")
SENTENCE_END = {".", "!", "?", ";"}


@dataclass(frozen=True)
class WordPattern:
    """One word of a term."""

    text: str
    kind: str  # "word", "prefix", "suffix", "contains" (or "end": a sentence end, used by TermIndex)

    @classmethod
    def parse(cls, raw: str) -> "WordPattern":
        raw = raw.strip().lower()
        if len(raw) > 2 and raw.startswith("*") and raw.endswith("*"):
            return cls(raw[1:-1], "contains")
        if raw.endswith("*") and len(raw) > 1:
            return cls(raw[:-1], "prefix")
        if raw.startswith("*") and len(raw) > 1:
            return cls(raw[1:], "suffix")
        return cls(raw, "word")

    def matches(self, forms: Sequence[str]) -> bool:
        """True when one of the token's forms (lower text, lemma, hyphen parts) fits."""
        text, kind = self.text, self.kind
        if kind == "word":
            return text in forms
        if kind == "end":
            return forms[0] in SENTENCE_END  # lower case of ".", "!", ... is the token's text
        for f in forms:  # a loop: cheaper than any() over a generator for these few forms
            if (f.startswith(text) if kind == "prefix" else
                    _ends_with_head(f, text) if kind == "suffix" else text in f):
                return True
        return False


def _ends_with_head(form: str, head: str) -> bool:
    """True if ``form`` is ``head`` (or a compound ending in it) plus an inflection ending."""
    idx = form.rfind(head)
    if idx < 0:
        return False
    rest = form[idx + len(head):]
    if rest and rest[0] == head[-1] and head[-1] not in VOWELS:
        rest = rest[1:]  # doubled final consonant: skat -> skatten, bus -> bussen
    return rest in ENDINGS


@lru_cache(maxsize=65536)  # each new word is looked up by several TermIndexes
def _head_ends(form: str) -> frozenset[str]:
    """The last three letters of every compound head ``form`` could end in (before an ending)."""
    ends = set()
    for size in range(min(len(form), LONGEST_ENDING) + 1):
        if form[len(form) - size:] in ENDINGS:
            stem = form[:len(form) - size]
            ends.add(stem[-3:])
            if len(stem) > 1 and stem[-1] == stem[-2]:
                ends.add(stem[-4:-1])
    return frozenset(ends)


def parse_term(term: str) -> tuple[WordPattern, ...]:
    """Split a term into its word patterns."""
    return tuple(WordPattern.parse(w) for w in term.split())


def token_forms(token: Token) -> tuple[str, ...]:
    """The forms a pattern is tested against: lower text, lower lemma and the parts of a hyphenated word."""
    return forms_of(token.lower_, token.lemma_)


def forms_of(lower: str, lemma: str) -> tuple[str, ...]:
    """``token_forms`` from a token's lower-case text and its lemma ("" when it has none)."""
    forms = [lower]
    lemma = lemma.lower()
    if lemma and lemma != lower:
        forms.append(lemma)
    if "-" in lower:
        forms.extend(p for p in lower.split("-") if p)
    return tuple(forms)

