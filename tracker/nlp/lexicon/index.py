"""Term lists searched in a doc: ``TermIndex`` (one list), ``TermGroups`` (several lists in one pass)."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from spacy.tokens import Doc, Token

from tracker.nlp.lexicon.forms import SHORT, PatternLookup, doc_forms, word_key
from tracker.nlp.lexicon.patterns import MAX_GAP, WordPattern, parse_term, token_forms

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

