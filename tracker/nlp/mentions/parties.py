"""Party mentions: every surface form the registry knows ("Venstres", "De Radikale", "SF'erne") found by one
regex per kind of form, and one-letter forms only as a tag "(V)"."""

from __future__ import annotations

import re

from tracker.nlp.model import PARTY, Mention
from tracker.nlp.words import PARTY_SUFFIX

AFTER_PARTY = r"(?![\wæøåÆØÅ])"
TAG = re.compile(r"\s*\(([A-ZÆØÅa-zæøå]{1,4})\)")
BRACKETED_TAG = re.compile(r"\(([A-ZÆØÅa-zæøå]{1,4})\)")  # TAG without the spaces before it (faster to search)


def party_mention(start: int, text: str, name: str) -> Mention:
    return Mention(PARTY, start, start + len(text), text, name=name, party=name, party_source="text")


def build_party_regex(registry) -> tuple["PartyForms", dict[str, str]]:
    """The party forms of two or more characters (see ``PartyForms``) and the party key of each."""
    forms: dict[str, str] = {}
    for form, key in registry.party_surface_forms():
        form = form.strip()
        if len(form) < 2 or form.startswith("("):
            continue
        forms.setdefault(form, key)
        if form[0].islower():
            forms.setdefault(form[0].upper() + form[1:], key)
    return PartyForms(forms), forms


def forms_regex(forms) -> re.Pattern:
    """One regex over the forms (longest first) as whole words. The forms are grouped by their first
    character and the look-behind comes after it, so that re scans for those characters fast."""
    by_first: dict[str, list[str]] = {}
    for form in sorted(forms, key=len, reverse=True):
        by_first.setdefault(form[0], []).append(form[1:])
    alternatives = "|".join(re.escape(first) + r"(?<![\wæøåÆØÅ-].)(?:" + "|".join(map(re.escape, rests)) + ")"
                            for first, rests in by_first.items())
    return re.compile(rf"(?P<form>{alternatives}){PARTY_SUFFIX}(?=-|{AFTER_PARTY})")


class PartyForms:
    """``finditer(text)``: the party forms in the text as one regex over all of them would find them,
    left to right without overlaps. Lower-case forms ("radikale") start with common letters and are
    rare, so their regex runs only on texts that contain one of them, and a match inside a capitalised
    form ("De radikale") is dropped; a capitalised form cannot start inside a lower-case one."""

    def __init__(self, forms):
        lower = [form for form in forms if not form[0].isupper()]
        self.upper = forms_regex([form for form in forms if form[0].isupper()])
        self.lower = forms_regex(lower) if lower else None
        self.lower_words = [form for form in lower if not any(other in form for other in lower if other != form)]

    def finditer(self, text: str) -> list[re.Match]:
        found = list(self.upper.finditer(text))
        if self.lower is None or not any(map(text.__contains__, self.lower_words)):
            return found
        ends = {i: m.end() for m in found for i in range(m.start(), m.end())}
        found += [m for m in self.lower.finditer(text) if m.start() not in ends]
        return sorted(found, key=lambda m: m.start())


def owned_parties(text: str, people: list[Mention], parties: list[Mention], owned: re.Pattern | None
                  ) -> tuple[list[Mention], list[Mention]]:
    """(party mentions, the other people): a person in the genitive before ``owned`` ("Løkkes parti", "Inger
    Støjbergs nye parti") names the person's party, when the text does not name it right after (", Moderaterne")."""
    if owned is None:
        return [], people
    starts = {m.start_char for m in parties}
    found, kept = [], []
    for person in people:
        match = owned.match(text, person.end_char) if person.party and person.text.endswith("s") else None
        after = re.match(r",\s*", text[match.end():match.end() + 3]) if match else None
        if match and not (after and match.end() + after.end() in starts):
            found.append(party_mention(person.start_char, text[person.start_char:match.end()], person.party))
        else:
            kept.append(person)
    return found, kept
