"""The word tests of attribution, precompiled once: the cue lists of ``data/speech_verbs.toml`` as sets,
role words by one ``str.endswith``, and one regex that finds the words which may refer back to a
politician ("han", "partiet", "formanden", "de to") so that a sentence's tokens need not all be read.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from functools import lru_cache

from tracker.nlp.mentions import role_heads
from tracker.paths import data_file


@lru_cache(maxsize=1)
def cues() -> dict:
    """The cue word lists of ``data/speech_verbs.toml`` as sets."""
    with open(data_file("speech_verbs.toml"), "rb") as handle:
        raw = tomllib.load(handle)
    return {key: (set(value) if isinstance(value, list) else value) for key, value in raw.items()}


def has_cue(token, name: str) -> bool:
    words = cues()[name]
    return token.lower_ in words or token.lemma_.lower() in words


@lru_cache(maxsize=1)
def _role_tests() -> tuple[frozenset[str], tuple[str, ...]]:
    heads = role_heads()
    return frozenset(heads), tuple(head for head in heads if len(head) > 2)


def role_word(word: str) -> bool:
    """`tracker.nlp.mentions.is_role_word` in two C-speed tests: a role head, or ends with a long one."""
    low = word.lower().rstrip(",")
    heads, long_heads = _role_tests()
    return low in heads or low.endswith(long_heads)


@lru_cache(maxsize=2)
def reference_pattern(flags: int = 0) -> re.Pattern:
    """Matches inside every token that may stand for a politician named before: a pronoun ("han"),
    a party noun ("partiet"), a role noun (a role word + "en": "formanden", "SF-formanden") and the
    first word of a collective noun ("kvintetten", "de to"). Matches inside other words too
    ("handel"): a hit is only a token to look at."""
    words = [re.escape(word) for word in (*cues()["pronouns"], *cues()["party_nouns"])]
    words += [re.escape(word).replace(r"\ ", " ?") for word in cues()["collective"]]  # "de to" -> "de ?to"
    # role_word(x[:-2]) for a token x ending in "en": x[:-2], commas stripped, ends with a role head
    words += [re.escape(head) + ",*en" for head in role_heads()]
    alternatives = sorted(set(words), key=len, reverse=True)
    return re.compile("|".join(alternatives), flags)


def reference_hits(text: str) -> list[int]:
    """Every position in `text` where `reference_pattern` matches, case-insensitively, in order.

    Searched in the lower-cased text (much faster than ``re.IGNORECASE``) when lower-casing keeps
    every character's position."""
    lower = text.lower()
    if len(lower) == len(text):
        return hit_positions(reference_pattern(), lower)
    return hit_positions(reference_pattern(re.IGNORECASE), text)


def hit_positions(pattern: re.Pattern, text: str) -> list[int]:
    """Every position in `text` where `pattern` matches, overlapping matches included."""
    found, match = [], pattern.search(text)
    while match is not None:
        found.append(match.start())
        match = pattern.search(text, match.start() + 1)
    return found


class Ranges:
    """Character ranges with an O(log n) "is this position inside one of them?"."""

    def __init__(self, ranges):
        merged: list[list[int]] = []
        for start, end in sorted(r for r in ranges if r[0] < r[1]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def __contains__(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]
