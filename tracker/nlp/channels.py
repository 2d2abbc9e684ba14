"""Where a statement was written ("skriver hun på Facebook", "i et opslag på X"): after a channel preposition the
name of a platform is the channel, no word about the platform as a policy question or topic. The lists are
``channels`` and ``channel_prepositions`` of ``data/function_words.toml``; the issue and topic components use it."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from tracker.datafiles import read_toml
from tracker.paths import data_file


@dataclass(frozen=True)
class Channels:
    names: frozenset[str] = frozenset()
    prepositions: frozenset[str] = frozenset()

    @classmethod
    def bundled(cls) -> "Channels":
        words = read_toml(data_file("function_words.toml"))
        return cls(frozenset(words["channels"]), frozenset(words["channel_prepositions"]))

    @classmethod
    def from_dict(cls, data: dict | None) -> "Channels":
        """From ``to_dict``; the bundled lists for a pipeline saved before they were kept (``None``)."""
        return cls.bundled() if data is None else cls(frozenset(data["names"]), frozenset(data["prepositions"]))

    def to_dict(self) -> dict:
        return {"names": sorted(self.names), "prepositions": sorted(self.prepositions)}

    def at(self, doc: Doc, i: int) -> bool:
        """True when token i names a platform as the channel of what is said ("på Facebook")."""
        return i > 0 and doc[i].lower_ in self.names and doc[i - 1].lower_ in self.prepositions
