"""Texts for people in the web app and the HTML report, from data/ui_texts.toml: Danish by default."""

from __future__ import annotations

import tomllib
from functools import lru_cache

from tracker.paths import data_file

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"


@lru_cache(maxsize=None)
def catalogue() -> dict[str, dict[str, str]]:
    with data_file("ui_texts.toml").open("rb") as handle:
        return tomllib.load(handle)


class Texts:
    """texts["stance"] or texts("disagree", for_="S", against="V"); an unknown key shows as itself."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE):
        if lang not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
        self.lang = lang
        self.table = catalogue()[lang]

    def __getitem__(self, key: str) -> str:
        return self.table.get(key, key)

    def __call__(self, key: str, **values) -> str:
        return self[key].format(**values)

    def stance(self, value: str) -> str:
        return self.table.get(f"stance_{value}", value)

    def kind(self, value: str) -> str:
        return self.table.get(f"kind_{value}", value)

    def leaning(self, value: str) -> str:
        return self.table.get(f"leaning_{value}", value)
