"""Danish words to Snowball stems: "afgifterne", "afgiften" and "afgift" all become "afgift".

The same stemmer as PostgreSQL's 'danish' text search configuration, with its stop words
(data/search_stopwords.txt), so both databases find the same word forms.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

from tracker.paths import data_file

WORD = re.compile(r"\w+")
_STEMMER = snowballstemmer.stemmer("danish")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    lines = data_file("search_stopwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """The stem of one lower-case word ("" for a stop word)."""
    return "" if word in stop_words() else _STEMMER.stemWord(word)


def stems(text: str) -> list[str]:
    """The stems of a text's words, in order, stop words left out."""
    return [s for s in (stem(word) for word in WORD.findall(text.casefold())) if s]


def stemmed_text(text: str | None) -> str:
    """What the SQLite index holds for a text: its stems separated by spaces."""
    return " ".join(stems(text or ""))


def marks(text: str, wanted: list[str] | set[str]) -> list[tuple[int, int]]:
    """(start, end) of each word of `text` whose stem is one of `wanted` (to highlight matches)."""
    wanted = set(wanted)
    return [(m.start(), m.end()) for m in WORD.finditer(text) if stem(m.group().casefold()) in wanted]
