"""The word lists of the mentions component: the function words of ``data/function_words.toml`` that
tie a name to a role or a party, compiled into the regexes that read the text around a name, and the
role words."""

from __future__ import annotations

import re

from tracker.datafiles import read_toml
from tracker.nlp.mentions.foreign import ForeignMarkers
from tracker.nlp.mentions.letters import PartyLetters
from tracker.nlp.roles import RoleWords
from tracker.paths import data_file

FUNCTION_WORDS = ("links", "relatives", "apposition_verbs", "former", "not_role_start", "origin", "joining",
                  "fellows", "party_letters", "word_letters", "letter_joiners", "letter_cues", "foreign_adjectives",
                  "foreign_countries", "foreign_party_nouns", "foreign_party_names", "role_determiners", "owned_party",
                  "party_genitives", "place_prepositions", "former_prefixes")


def alternatives(words) -> str:
    return "|".join(re.escape(word) for word in words)


class MentionWords:
    """The lists and the regexes built from them."""

    def __init__(self, lists: dict, roles: RoleWords):
        self.source = {"lists": {name: list(lists.get(name, ())) for name in FUNCTION_WORDS}, "roles": roles.to_dict()}
        self.roles = roles
        self.links = tuple(lists["links"])
        self.former = frozenset(lists["former"])
        # "(tidl. SF)", "(eks-M)": a past party in brackets
        prefixes = [rf"{re.escape(w)}\s*" for w in lists["former"]]
        prefixes += [re.escape(w) for w in lists.get("former_prefixes") or ()]
        self.former_tag = re.compile(rf"\((?:{'|'.join(prefixes)})$", re.IGNORECASE)
        self.not_role_start = frozenset(lists["not_role_start"])
        # ", formand for De Radikale", ", der er ordfører hos SF": the clause after a name
        self.apposition = re.compile(rf",\s+(?:(?:{alternatives(lists['relatives'])})\s+"
                                     rf"(?:{alternatives(lists['apposition_verbs'])})\s+)?([^,.;:!?()]*)")
        self.party_link = re.compile(rf"\b(?:{alternatives(self.links)})\s+")
        self.origin = re.compile(rf"\s+(?:{alternatives(lists['origin'])})\s+")  # "Name fra Venstre"
        self.joining = re.compile(rf"\s+(?:{alternatives(lists['joining'])})\s+")  # "Name og Venstre"
        # what may follow a name the text gives a party or role
        self.after_name = re.compile(rf",|\s*\(|\s+(?:{alternatives(lists['origin'])})\s")
        # "Løkkes parti": the person's party (a pipeline saved before the list was kept has none)
        owned = lists.get("owned_party") or ()
        self.owned_party = re.compile(rf"\s+(?:{alternatives(owned)})(?![\wæøå])") if owned else None
        self.party_genitives = frozenset(lists.get("party_genitives") or ())
        self.place_prepositions = frozenset(lists.get("place_prepositions") or ())  # (none in an older pipeline)
        self.fellow = re.compile("|".join(rf"{re.escape(word)}\w*,?\s+$" for word in lists["fellows"]))
        self.letters = PartyLetters(lists)
        self.foreign = ForeignMarkers(lists, roles)

    @classmethod
    def bundled(cls) -> "MentionWords":
        return cls(read_toml(data_file("function_words.toml")), RoleWords.bundled())

    def is_role_word(self, word: str) -> bool:
        return self.roles.is_role_word(word)
