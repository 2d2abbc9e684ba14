"""Parties and politicians of other countries whose names or letters look Danish: "det norske Venstre",
"de svenske Socialdemokraterne", "Det Konservative Parti" (British), "Socialdemokraterne i Sverige", and
"Sveriges statsminister Ulf Fiktivsson (M)", "den norske Venstre-leder Guri Opdigt", "Kari Fiktiv, Norges
udenrigsminister". Such mentions are dropped, so they give no record and lend no party to a name."""

from __future__ import annotations

import re

from tracker.nlp.model import Mention

WORDS_BEFORE = re.compile(r"(\S+)\s+(?:(\S+)\s+)?$")
NAME_BEFORE_TAG = re.compile(r"((?:[A-ZÆØÅ][\w.-]*\s+){0,3}[A-ZÆØÅ][\w.-]*)\s*\($")  # "Ulf Fiktivsson ("
APPOSITION = re.compile(r"(?:\s*\([^()]{1,5}\))?,\s+(?:der er |som er )?([^,.;:!?()]*)")  # " (S), Sveriges ..."


class ForeignMarkers:
    """The words that place a party or a politician in another country (``function_words.toml``:
    ``foreign_adjectives``, ``foreign_countries``, ``foreign_party_nouns``)."""

    def __init__(self, lists: dict, roles):
        countries = list(lists["foreign_countries"])
        self.markers = frozenset([*lists["foreign_adjectives"], *(c.lower() + "s" for c in countries),
                                  *(c.lower() + "'s" for c in countries)])
        self.countries = frozenset(countries)
        self.party_nouns = frozenset(lists["foreign_party_nouns"])
        names = "|".join(re.escape(name) for name in lists["foreign_party_names"])
        joiner = r"(?:,|\s+og|\s+samt|\s+eller)\s+"
        self.joined_after = re.compile(rf"{joiner}(?:{names})(?![\w-])")
        self.joined_before = re.compile(rf"(?<![\w-])(?:{names}){joiner}$")
        places = "|".join(re.escape(country) for country in countries)
        # "I Norge vil Venstre ...": a sentence that opens in another country, the party among its first words
        self.opened_abroad = re.compile(rf"(?:^|[.!?]\s+|\n\s*)I (?:{places})\s+(?:[\w-]+\s+){{0,3}}$")
        self.roles = roles
        self.role_words = frozenset(lists["former"]) | frozenset(lists["role_determiners"])

    def is_marker(self, word: str) -> bool:
        return word.lower().strip(",") in self.markers

    def foreign_party(self, text: str, party: Mention) -> bool:
        """A party form placed abroad: a nationality or country genitive right before it ("det norske
        Venstre", "Norges Venstre-leder"), a foreign party noun right after it ("Det Konservative Parti"),
        "i <country>" after it ("Socialdemokraterne i Sverige") or opening its sentence ("I Norge vil Venstre"),
        joined to a foreign party ("Høyre, Venstre og Kristelig Folkeparti"), or the tag of a politician placed
        abroad ("Sveriges statsminister Ulf Fiktivsson (M)")."""
        if self.opened_abroad.search(text, max(0, party.start_char - 60), party.start_char):
            return True
        name = NAME_BEFORE_TAG.search(text, max(0, party.start_char - 60), party.start_char)
        if name and self.foreign_person(text, name.start(1), name.end(1)):
            return True  # the tag of a politician placed abroad: "Sveriges statsminister Ulf Fiktivsson (M)"
        before = WORDS_BEFORE.search(text, max(0, party.start_char - 40), party.start_char)
        if before and any(w and self.is_marker(w) for w in before.groups()):
            return True
        after = text[party.end_char:party.end_char + 30].split()
        if after and after[0].rstrip(",.") in self.party_nouns:
            return True
        if self.joined_after.match(text, party.end_char) or self.joined_before.search(
                text, max(0, party.start_char - 40), party.start_char):
            return True  # "Høyre, Venstre og Kristelig Folkeparti"
        return len(after) > 1 and after[0] == "i" and after[1].rstrip(",.;:") in self.countries

    def foreign_person(self, text: str, start: int, end: int) -> bool:
        """A politician placed abroad by the role phrase right before the name ("Sveriges statsminister",
        "den svenske statsminister,") or by an apposition right after it (", Norges udenrigsminister")."""
        words = text[max(0, start - 60):start].split()[-4:]
        for word in reversed(words):
            bare = word.rstrip(",")
            if self.is_marker(bare):
                return True
            if not (self.roles.is_role_word(bare) or self.roles.is_modifier(bare.lower())
                    or bare.lower() in self.role_words):
                break
        after = APPOSITION.match(text, end, end + 90)
        if after:
            clause = after.group(1).split()[:4]
            return any(map(self.is_marker, clause)) and any(self.roles.is_role_word(w) for w in clause)
        return False
