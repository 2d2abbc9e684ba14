"""The word tests of attribution, precompiled once: the cue lists of ``data/speech_verbs.toml`` as sets,
role words by one ``str.endswith``, and a lexeme flag for the words that may refer back to a politician
("han", "partiet", "formanden", "de to") so that a sentence's tokens need not all be read.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache

from tracker.nlp.mentions import role_heads
from tracker.nlp.ranges import Ranges  # noqa: F401  (used from here by attribution)
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


def is_reference_word(word: str) -> bool:
    """True for a word that may stand for a politician named before: a pronoun ("han"), a party noun
    ("partiet"), a role noun (a role word + "en": "formanden", "SF-formanden") or the (first) word of
    a collective noun ("kvintetten", "de" of "de to")."""
    low = word.lower()
    if low in _reference_forms():
        return True
    return low.endswith("en") and role_word(low[:-2])


@lru_cache(maxsize=1)
def _reference_forms() -> frozenset[str]:
    firsts = {phrase.split()[0] for phrase in cues()["collective"]}
    return frozenset({*cues()["pronouns"], *cues()["party_nouns"], *firsts})


def reference_flag(vocab) -> int:
    """The id of the lexeme flag that holds `is_reference_word` (added to the vocab on first use).
    spaCy computes a flag once per word form, so ``doc.to_array(flag)`` tests every token at C speed."""
    for flag, getter in vocab.lex_attr_getters.items():
        if getter is is_reference_word:
            return flag
    return vocab.add_flag(is_reference_word)
