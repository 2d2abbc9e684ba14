"""The word lists behind policy objects (``data/policy_objects.toml``), read once: which words never stand in
an object phrase, which nouns are too general or only frame a position, which words give a direction, which
compound heads name an instrument, which lemmas are one word for keys, and the endings and words of adjectives."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tracker.datafiles import read_toml
from tracker.paths import data_file


@dataclass(frozen=True)
class ObjectWords:
    stop: frozenset[str]
    generic: frozenset[str]
    frame_nouns: frozenset[str]
    raising: frozenset[str]
    lowering: frozenset[str]
    neutral_direction: frozenset[str]
    dates_and_media: frozenset[str]
    policy_heads: frozenset[str]
    instrument_verbs: dict
    synonyms: dict
    linking: frozenset[str]
    determiners: frozenset[str]
    adjective_endings: tuple[str, ...]
    adjectives: frozenset[str]
    verb_context: frozenset[str]
    short_words: frozenset[str]

    @property
    def direction(self) -> frozenset[str]:
        """Every word that gives a direction (left out of keys)."""
        return self.raising | self.lowering | self.neutral_direction

    @classmethod
    def from_dict(cls, cfg: dict) -> "ObjectWords":
        structure, direction = cfg.get("structure", {}), cfg.get("direction", {})

        def words(items) -> frozenset[str]:
            return frozenset(w.strip().lower() for w in items if w.strip())

        return cls(
            stop=words(cfg.get("stop", [])), generic=words(cfg.get("generic", [])),
            frame_nouns=words(cfg.get("frame_nouns", [])), raising=words(direction.get("raising", [])),
            lowering=words(direction.get("lowering", [])), neutral_direction=words(direction.get("other", [])),
            dates_and_media=words(cfg.get("dates_and_media", [])), policy_heads=words(cfg.get("policy_heads", [])),
            instrument_verbs={k.lower(): v.lower() for k, v in cfg.get("instrument_verbs", {}).items()},
            synonyms={k.lower(): v.lower() for k, v in cfg.get("synonyms", {}).items()},
            linking=words(structure.get("linking", [])), determiners=words(structure.get("determiners", [])),
            adjective_endings=tuple(structure.get("adjective_endings", [])),
            adjectives=words(structure.get("adjectives", [])), verb_context=words(structure.get("verb_context", [])),
            short_words=words(structure.get("short_words", [])))


@lru_cache(maxsize=1)
def bundled_object_words() -> ObjectWords:
    return ObjectWords.from_dict(read_toml(data_file("policy_objects.toml")))
