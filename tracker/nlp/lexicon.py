"""Word patterns for Danish word lists, shared by the topic, issue and stance components.

A *term* is one or more words separated by spaces; every word is a pattern:

- ``skat``      the token's lower-case form or its lemma is exactly ``skat``
- ``forsvars*`` the token (or one part of a hyphenated token) starts with ``forsvars``
- ``*skat``     the token ends with ``skat`` plus at most an inflection ending
                (topskat, selskabsskatten, CO2-afgiften for ``*afgift``): Danish glues words together
- ``*stop*``    the token contains ``stop`` anywhere

The words of a multi-word term must occur in order; up to ``MAX_GAP`` other tokens may stand between
two of them ("trække soldaterne hjem" matches ``trække* hjem``), but never a sentence end.

How the search stays cheap (the components search every article many times): ``TermIndex.find`` takes
a list of tokens, but the components call ``find_in(doc, start, end)``, which reads the doc once
(``doc_forms``: one numpy read of each token's lower-case and lemma hashes, no Token objects) and makes
a token's forms only where a search looks at it. Which terms can start at a word, and which later words
of multi-word terms a word fits, is remembered per word (per process, ``PatternLookup``), and on long
stretches numpy skips the words known to start none. ``matches_within``
answers many overlapping stretches of one doc (statement, paragraph, lead) from one search of the whole
doc; ``TermGroups`` searches several lists in one pass.

This module also holds small helpers to find the text around a statement (its tokens, paragraph, lead),
as spans or as token ranges; char offsets are turned into tokens once per doc (``token_range``).
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from tracker.nlp.model import doc_text

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


FORMS_KEY = "tracker_lex_forms"  # doc.user_data key of the cached DocForms
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
    """The DocForms of ``doc``, cached in ``doc.user_data``."""
    cached = doc.user_data.get(FORMS_KEY)
    if cached is None or len(cached) != len(doc):
        cached = doc.user_data[FORMS_KEY] = DocForms(doc)
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


@dataclass(frozen=True)
class Match:
    """A term found in a token sequence (token offsets relative to that sequence, end exclusive)."""

    key: int  # index of the term in the TermIndex
    start: int
    end: int
    tokens: tuple[int, ...]  # offsets of the tokens that matched the term's words


class TermIndex:
    """A list of terms that can be searched for in a sequence of tokens.

    Terms are looked up by their first word, and the later words of a term of several words are tested
    by which of them fit each word key (two ``PatternLookup``s, remembered per word)."""

    def __init__(self, terms: Iterable[str], max_gap: int = MAX_GAP):
        self.terms = [t.strip() for t in terms]
        self.patterns = [parse_term(t) for t in self.terms]
        self.max_gap = max_gap
        self._first = PatternLookup([words[0] if words else None for words in self.patterns])  # keys = term keys
        later = sorted({w for words in self.patterns for w in words[1:]}, key=lambda w: (w.kind, w.text))
        self._stop = len(later)  # the id of the pattern that fits a sentence end
        self._later = PatternLookup(later + [WordPattern("", "end")])
        ids = {w: i for i, w in enumerate(later)}
        self._ids = [tuple(ids[w] for w in words[1:]) for words in self.patterns]  # term key -> later word ids
        self._last: tuple[Doc, list[Match], list[int]] | None = None  # matches_within's doc and matches

    def __len__(self) -> int:
        return len(self.patterns)

    def find(self, tokens: Sequence[Token]) -> list[Match]:
        """All occurrences of all terms in a sequence of tokens, in token order."""
        keys = [word_key(t.lower, t.lemma) for t in tokens]
        forms = [token_forms(t) for t in tokens]
        return self._search(keys, forms.__getitem__, range(len(keys)), 0, len(keys))

    def find_in(self, doc: Doc, start: int = 0, end: int | None = None) -> list[Match]:
        """``find(doc[start:end])`` (offsets relative to ``start``), from the doc's cached word keys."""
        cached = doc_forms(doc)
        end = len(doc) if end is None else end
        if end - start > SHORT:
            starts = (self._first.possible(cached.key_array[start:end]) + start).tolist()
        else:
            starts = range(start, end)
        return self._search(cached.keys, cached.form, starts, start, end)

    def matches_within(self, doc: Doc, start: int = 0, end: int | None = None) -> list[Match]:
        """The matches lying wholly inside ``doc[start:end]``, with offsets in the doc (not relative to
        ``start``), from one search of the whole doc (kept for the last doc searched): cheaper than
        ``find_in`` when a doc is asked about many overlapping stretches.

        The same matches as ``find_in(doc, start, end)``: ``_match_at`` reads only the tokens from a
        term's first word to its last (greedy, no look-ahead beyond the matched words), so a match lying
        wholly inside ``start..end`` is found there too, and one that needs a token outside it fails."""
        if self._last is None or self._last[0] is not doc:
            matches = self.find_in(doc)
            self._last = (doc, matches, [m.start for m in matches])
        _, matches, starts = self._last
        end = len(doc) if end is None else end
        return [m for m in matches[bisect_left(starts, start):bisect_left(starts, end)] if m.end <= end]

    def _search(self, words: Sequence[int], form: Callable[[int], tuple[str, ...]], starts: Iterable[int],
                start: int, end: int) -> list[Match]:
        """The matches starting at ``starts`` and ending before ``end``, offsets relative to ``start``;
        ``words`` are the tokens' word keys, ``form(i)`` gives the forms of token i."""
        found = []
        memo, fitting, later = self._first.memo, self._first.fitting, self._ids
        for pos in starts:
            keys = memo.get(words[pos])
            if keys is None:
                keys = fitting(words[pos], form(pos))
            for key in keys:
                hit = self._match_at(later[key], words, form, pos, end) if later[key] else (pos,)
                if hit:
                    found.append(Match(key, pos - start, hit[-1] + 1 - start, tuple(h - start for h in hit)))
        found.sort(key=lambda m: (m.start, -(m.end - m.start), m.key))
        return found

    def _match_at(self, later: tuple[int, ...], words: Sequence[int], form: Callable[[int], tuple[str, ...]],
                  start: int, end: int) -> tuple[int, ...] | None:
        """Positions of a term's words from ``start`` on (before ``end``), or None; the first word is
        known to match at ``start``, ``later`` are the ids of the other words in ``self._later``."""
        memo, fitting, stop = self._later.memo, self._later.fitting, self._stop
        hit = [start]
        for wanted in later:
            pos = hit[-1] + 1
            limit = pos + self.max_gap + 1
            if limit > end:
                limit = end
            while pos < limit:
                fits = memo.get(words[pos])
                if fits is None:
                    fits = fitting(words[pos], form(pos))
                if wanted in fits:
                    break
                if stop in fits:  # a sentence end
                    return None
                pos += 1
            if pos >= limit:
                return None
            hit.append(pos)
        return tuple(hit)


class TermGroups:
    """Several term lists searched in one pass (one TermIndex over all their terms): the answer for
    each list is what its own TermIndex would find, since every term is matched on its own."""

    def __init__(self, lists: dict[str, TermIndex]):
        terms: list[str] = []
        self._owner: list[tuple[str, int]] = []  # key in the joint index -> (list name, its first key)
        for name, index in lists.items():
            first = len(terms)
            terms += index.terms
            self._owner += [(name, first)] * len(index.terms)
        self.names = list(lists)
        gaps = {index.max_gap for index in lists.values()}
        assert len(gaps) <= 1, "the lists of a TermGroups share one max_gap"
        self.index = TermIndex(terms, *gaps)

    def find_in(self, doc: Doc, start: int = 0, end: int | None = None) -> dict[str, list[Match]]:
        """List name -> ``find_in(doc, start, end)`` of that list (keys of that list)."""
        found: dict[str, list[Match]] = {name: [] for name in self.names}
        for m in self.index.find_in(doc, start, end):
            name, first = self._owner[m.key]
            found[name].append(Match(m.key - first, m.start, m.end, m.tokens))
        return found


def longest_first(matches: Iterable[Match]) -> list[Match]:
    """Keep matches that do not share a token with a longer (earlier chosen) match."""
    chosen, used = [], set()
    for m in sorted(matches, key=lambda m: (-len(m.tokens), -(m.end - m.start), m.start)):
        if used.isdisjoint(m.tokens):
            chosen.append(m)
            used.update(m.tokens)
    return sorted(chosen, key=lambda m: m.start)


def split_list(cell: str | None) -> list[str]:
    """A CSV cell holding a ``;``-separated list."""
    return [p.strip() for p in (cell or "").split(";") if p.strip()]


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV file (a byte-order mark is fine) with a header; lines starting with '#'
    are comments."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        lines = [line for line in f if not line.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


# --- where a statement sits in the article -------------------------------------------------------

SPANS_KEY = "tracker_lex_spans"  # doc.user_data key: (start_char, end_char) -> token offsets


def token_range(doc: Doc, start_char: int, end_char: int) -> tuple[int, int] | None:
    """(start, end) of the tokens covering the characters start_char..end_char (widened to whole
    tokens), None when the offsets are outside the text. Remembered per doc: ``doc.char_span`` is slow."""
    ranges = doc.user_data.get(SPANS_KEY)
    if ranges is None:
        ranges = doc.user_data[SPANS_KEY] = {}
    key = (start_char, end_char)
    if key not in ranges:
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        ranges[key] = None if span is None else (span.start, span.end)
    return ranges[key]


def statement_range(doc: Doc, start_char: int, end_char: int) -> tuple[int, int]:
    """(start, end) of the tokens covering the characters start_char..end_char (widened to whole
    tokens); the whole doc when the offsets are outside the text."""
    found = token_range(doc, start_char, end_char)
    return (0, len(doc)) if found is None else found


def statement_span(doc: Doc, start_char: int, end_char: int) -> Span:
    """The tokens covering the characters start_char..end_char (widened to whole tokens)."""
    start, end = statement_range(doc, start_char, end_char)
    return doc[start:end]


def paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """(start_char, end_char) of each paragraph: doc._.paragraphs, else blank-line separated blocks."""
    if doc._.paragraphs:
        return list(doc._.paragraphs)
    found, pos = [], 0
    text = doc_text(doc)
    for block in re.split(r"(\n\s*\n)", text):
        if block.strip() and not re.fullmatch(r"\n\s*\n", block):
            found.append((pos, pos + len(block)))
        pos += len(block)
    return found or [(0, len(text))]


PARAGRAPHS_KEY = "tracker_lex_paragraphs"  # doc.user_data key: the paragraphs and their starts


def paragraph_range(doc: Doc, char: int) -> tuple[int, int]:
    """(start, end) token of the paragraph that holds character offset ``char`` (else the whole doc)."""
    cached = doc.user_data.get(PARAGRAPHS_KEY)
    if cached is None:
        found = paragraphs(doc)
        cached = doc.user_data[PARAGRAPHS_KEY] = (found, [start for start, _ in found])
    found, starts = cached
    k = bisect_right(starts, char) - 1  # paragraphs are in order and do not overlap
    if k >= 0 and char < found[k][1]:
        return statement_range(doc, *found[k])
    return 0, len(doc)


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
