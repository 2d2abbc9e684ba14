"""The forms of a doc's tokens, read once per doc, and which word patterns fit a word, remembered per word."""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc

from tracker.nlp.model import scratch

from tracker.nlp.lexicon.patterns import WordPattern, _head_ends, forms_of

SHORT = 64  # stretches up to this many tokens are searched token by token, longer ones filtered by numpy
MEMO_LIMIT = 200_000  # distinct word forms remembered per memo (keeps memory flat over huge archives)
_MIX = 0x9E3779B97F4A7C15  # odd: for one lower-case text, different lemmas give different word keys
# word key -> token forms, shared by all docs: the same tuple object for the same word.
_FORMS_MEMO: dict[int, tuple[str, ...]] = {}


def word_key(lower: int, lemma: int) -> int:
    """One 64-bit number for a token's (lower-case text, lemma) hash pair, the key of every memo of
    token forms. Like spaCy's own string hashes, two different pairs share a key with negligible
    probability (about 1e-9 for 200,000 words); an int key is much faster to look up than a pair."""
    return (lower ^ (lemma * _MIX)) & 0xFFFF_FFFF_FFFF_FFFF


class DocForms:
    """The word keys of all tokens of a doc (built once per doc by ``doc_forms``) and, on demand, their
    pattern forms: most tokens of a doc never need theirs."""

    def __init__(self, doc: Doc):
        self._hashes = doc.to_array([LOWER, LEMMA])  # (lower, lemma) hash of each token
        self.key_array = self._hashes[:, 0] ^ (self._hashes[:, 1] * numpy.uint64(_MIX))  # word keys
        self.keys: list[int] = self.key_array.tolist()
        self._strings = doc.vocab.strings

    def __len__(self) -> int:
        return len(self.keys)

    def form(self, i: int) -> tuple[str, ...]:
        """The token_forms of token ``i`` (remembered per word for all docs)."""
        forms = _FORMS_MEMO.get(self.keys[i])
        if forms is None:
            if len(_FORMS_MEMO) >= MEMO_LIMIT:
                _FORMS_MEMO.clear()
            lower, lemma = self._hashes[i].tolist()
            forms = forms_of(self._strings[lower], self._strings[lemma] if lemma else "")
            _FORMS_MEMO[self.keys[i]] = forms
        return forms

    def lower(self, start: int, end: int) -> list[str]:
        """The lower-case texts of tokens start..end."""
        try:
            return [_FORMS_MEMO[key][0] for key in self.keys[start:end]]
        except KeyError:  # a word whose forms are not made yet
            return [self.form(i)[0] for i in range(start, end)]


def doc_forms(doc: Doc) -> DocForms:
    """The DocForms of ``doc``, made once per doc (kept in ``scratch(doc)``)."""
    cache = scratch(doc)
    cached = cache.get("forms")
    if cached is None or len(cached) != len(doc):
        cached = cache["forms"] = DocForms(doc)
    return cached


_PROBES_MEMO: dict[int, frozenset[str]] = {}  # word key -> _probes


def _probes(word: int, forms: tuple[str, ...]) -> frozenset[str]:
    """What a TermIndex looks a token up by (remembered per word for all indexes): every prefix of its
    forms (for word and prefix patterns) and the _head_ends (for suffix patterns)."""
    probes = _PROBES_MEMO.get(word)
    if probes is None:
        if len(_PROBES_MEMO) >= MEMO_LIMIT:
            _PROBES_MEMO.clear()
        found = set()
        for f in forms:
            found.update(f[:size] for size in range(1, len(f) + 1))
            found.update(_head_ends(f))
        probes = _PROBES_MEMO[word] = frozenset(found)
    return probes


class PatternLookup:
    """Which of a list of word patterns fit a token, remembered per word key (per process): a token's
    probes (``_probes``) pick the candidate patterns, only those are tested. ``possible`` tells, with
    numpy at C speed per token, which tokens of a doc may fit some pattern: all but the words already
    known to fit none."""

    def __init__(self, patterns: Sequence[WordPattern | None]):
        self.patterns = list(patterns)  # None: a pattern that fits nothing
        self._by_word: dict[str, list[int]] = {}
        self._by_prefix: dict[str, list[int]] = {}
        self._by_head: dict[str, list[int]] = {}
        self._others: list[int] = []
        for key, pattern in enumerate(self.patterns):
            if pattern is None:
                continue
            if pattern.kind == "word":
                self._by_word.setdefault(pattern.text, []).append(key)
            elif pattern.kind == "prefix":
                self._by_prefix.setdefault(pattern.text, []).append(key)
            elif pattern.kind == "suffix" and len(pattern.text) >= 3:
                self._by_head.setdefault(pattern.text[-3:], []).append(key)
            else:
                self._others.append(key)
        self._probe_keys = set(self._by_word) | set(self._by_prefix) | set(self._by_head)
        self.memo: dict[int, tuple[int, ...]] = {}  # word key -> the patterns it fits
        # A numpy copy of the word keys in memo (sorted) and whether any pattern fits each.
        self._known = numpy.zeros(0, dtype=numpy.uint64)
        self._known_fits = numpy.zeros(0, dtype=bool)

    def _candidates(self, probes: Iterable[str]) -> set[int]:
        """The patterns that may fit a token with these probes (a superset)."""
        keys = list(self._others)
        for probe in probes:
            keys += self._by_word.get(probe, ())
            keys += self._by_prefix.get(probe, ())
            keys += self._by_head.get(probe, ())
        return set(keys)

    def fitting(self, word: int, forms: tuple[str, ...]) -> tuple[int, ...]:
        """The patterns (sorted keys) that fit a token with word key ``word`` and these forms."""
        keys = self.memo.get(word)
        if keys is None:
            if len(self.memo) >= MEMO_LIMIT:  # keeps memory flat over huge archives
                self.memo.clear()
            probes = _probes(word, forms) & self._probe_keys
            if probes or self._others:
                keys = tuple(sorted(k for k in self._candidates(probes) if self.patterns[k].matches(forms)))
            else:
                keys = ()  # the usual case: a cheap set intersection rules out every pattern
            self.memo[word] = keys
        return keys

    def possible(self, keys: numpy.ndarray) -> numpy.ndarray:
        """The offsets in ``keys`` (word keys) that may fit a pattern: all but the words known to fit none."""
        if len(self.memo) > 1.25 * len(self._known) + 16:  # refresh the copy now and then
            known = numpy.fromiter(self.memo, dtype=numpy.uint64, count=len(self.memo))
            fits = numpy.fromiter(map(bool, self.memo.values()), dtype=bool, count=len(self.memo))
            order = numpy.argsort(known)
            self._known, self._known_fits = known[order], fits[order]
        if not len(self._known):
            return numpy.arange(len(keys))
        at = numpy.searchsorted(self._known, keys)
        at[at == len(self._known)] = 0
        return numpy.flatnonzero((self._known[at] != keys) | self._known_fits[at])

