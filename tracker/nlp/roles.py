"""Role words: the one test of "is this a political role" ("formand", "udenrigsordfører", "SF-formand",
"MF"), from ``data/roles.txt``, and the words that may stand in a role phrase ("politisk", "nye") from
``data/role_modifiers.txt``. Used by the mentions, attribution and topic components.
"""

from __future__ import annotations

from collections.abc import Iterable

from tracker.datafiles import read_word_list
from tracker.nlp.lexicon import _ends_with_head
from tracker.paths import data_file


class RoleWords:
    """Role heads and role modifiers, with the word tests built on them."""

    def __init__(self, heads: Iterable[str], modifiers: Iterable[str]):
        self.heads = tuple(h.strip().lower() for h in heads if h.strip())
        self.modifiers = frozenset(m.strip().lower() for m in modifiers if m.strip())
        self._heads = frozenset(self.heads)
        self._endings = tuple(head for head in self.heads if len(head) > 2)  # a word may end with these
        self._compound_heads = tuple(head for head in self.heads if len(head) > 3)

    @classmethod
    def bundled(cls) -> "RoleWords":
        return cls(read_word_list(data_file("roles.txt")), read_word_list(data_file("role_modifiers.txt")))

    def to_dict(self) -> dict:
        return {"heads": list(self.heads), "modifiers": sorted(self.modifiers)}

    @classmethod
    def from_dict(cls, data: dict) -> "RoleWords":
        return cls(data["heads"], data["modifiers"])

    def is_role_word(self, word: str) -> bool:
        """True for "udenrigsordfører", "SF-formand", "minister", "MF", "Justitsminister," ...: a role head,
        or a word ending with one of three or more letters (a trailing comma is ignored)."""
        low = word.lower().rstrip(",")
        return low in self._heads or low.endswith(self._endings)

    def is_modifier(self, word: str) -> bool:
        return word in self.modifiers

    def is_role_compound(self, lower: str) -> bool:
        """A compound ending in a role head of four or more letters, inflected or not, that is more than
        the head ("transportministeren", "klimaordføreren", not "minister"): a role noun names the speaker's
        portfolio."""
        return any(_ends_with_head(lower, head) and len(lower) > len(head) + 2 for head in self._compound_heads)
