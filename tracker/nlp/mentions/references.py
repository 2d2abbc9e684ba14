"""Later references to a person the article names in full: the surname, first + surname, a middle name
("Løkke"), the first part of a double surname ("Ellemann"), optionally in the genitive; and discovered
names that are a registry name misspelt ("René Christiansen" beside "René Christensen")."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from tracker.nlp.model import SPEAKER, Mention
from tracker.nlp.ranges import Ordered, Stretches
from tracker.nlp.words import NAME_ENDINGS, strip_genitive


def merge_misspellings(discovered: list[Mention], known: list[Mention]) -> None:
    """A discovered name that differs from a registry name in the article by a letter or two
    ("René Christiansen" beside "René Christensen") is taken to be that politician (the first such
    one in ``known``). Worked out once per name; the registry names are tried by first name."""
    if not discovered:
        return
    by_first: dict[str, list[tuple[str, str | None]]] = {}
    for other in known:
        names = by_first.setdefault(other.name.split()[0], [])
        if (other.name, other.politician_key) not in names:
            names.append((other.name, other.politician_key))
    answers: dict[str, tuple[str, str | None] | None] = {}
    for mention in discovered:
        if mention.name not in answers:
            answers[mention.name] = _misspelt(mention.name.split(), by_first)
        found = answers[mention.name]
        if found is not None:
            mention.name, mention.politician_key, mention.discovered = found[0], found[1], False


def _misspelt(words: list[str], by_first: dict[str, list[tuple[str, str | None]]]) -> tuple[str, str | None] | None:
    for name, key in by_first.get(words[0], []):
        other = name.split()[-1]
        if other != words[-1] and SequenceMatcher(None, other, words[-1]).ratio() >= 0.8:
            return name, key
    return None


def short_forms(name: str, first_names=frozenset()) -> list[str]:
    """Ways to refer again to a person: the name, surname, first + surname, first + middle names,
    the names after the first ("Løkke Rasmussen"), a middle name that is no first name ("Løkke")
    and the first part of a double surname ("Ellemann" for "Jakob Ellemann-Jensen")."""
    words = name.split()
    if len(words) < 2:
        return []
    forms = {name, words[-1], f"{words[0]} {words[-1]}"}
    forms.update(" ".join(words[:k]) for k in range(2, len(words)))
    if len(words) > 2:
        forms.add(" ".join(words[1:]))
        forms.update(w for w in words[1:-1] if w not in first_names and not w.endswith("."))
    if "-" in words[-1]:
        forms.add(words[-1].split("-")[0])
    return sorted(forms, key=len, reverse=True)


def later_references(text: str, people: list[Mention], first_names=frozenset()) -> list[Mention]:
    """Further mentions of a person by a name the article gives in full, or a shorter form of it."""
    owners: dict[str, list[Mention]] = {}
    for mention in people:
        for form in short_forms(mention.name or mention.text, first_names):
            owners.setdefault(form, []).append(mention)
    taken = Stretches((m.start_char, m.end_char) for m in people)
    by_start = {form: Ordered(found, key=lambda m: m.start_char) for form, found in owners.items()}
    found = []
    for start, end in find_forms(text, owners):
        if taken.overlaps(start, end) or _inside_longer_name(text, start, end):
            continue
        written = text[start:end]
        form = strip_genitive(written) if written not in owners else written
        full = _nearest(by_start.get(form), start)
        if full is not None:
            found.append(Mention(SPEAKER, start, end, written, name=full.name,
                                 politician_key=full.politician_key, discovered=full.discovered))
    return found


NOT_BEFORE_FORM = re.compile(r"[\w.-]")
NOT_AFTER_FORM = re.compile(r"[\w-]")


def find_forms(text: str, forms) -> list[tuple[int, int]]:
    r"""(start, end) of the forms written as whole words, optionally in the genitive (``NAME_ENDINGS``), from
    left to right without overlaps, the longest form first where several start at one place: what
    the regex ``(?<![\w.-])(?:form|...)(?:'s|’s|s|')?(?![\w-])`` finds, without compiling it per article."""
    ordered = sorted((f for f in forms if f), key=len, reverse=True)
    at: dict[int, list[str]] = {}  # start -> the forms written there, longest first
    for form in ordered:
        for i in occurrences(text, form):
            at.setdefault(i, []).append(form)
    found, last_end = [], 0
    for start in sorted(at):
        if start < last_end or (start > 0 and NOT_BEFORE_FORM.match(text, start - 1)):
            continue
        end = form_end(text, start, at[start])
        if end is not None:
            found.append((start, end))
            last_end = end
    return found


def occurrences(text: str, form: str):
    """Every index where form starts in text (overlapping ones too)."""
    i = text.find(form)
    while i != -1:
        yield i
        i = text.find(form, i + 1)


def form_end(text: str, start: int, ordered: list[str]) -> int | None:
    """End of the first form (with a genitive ending, ``NAME_ENDINGS``, or none) at start that a non-word character
    follows."""
    for form in ordered:
        if not text.startswith(form, start):
            continue
        for ending in (*NAME_ENDINGS, ""):
            end = start + len(form) + len(ending)
            if text.startswith(ending, end - len(ending)) and not NOT_AFTER_FORM.match(text, end):
                return end
    return None


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """True when a capitalised word stands right before or after (another person's full name)."""
    before = re.search(r"([A-ZÆØÅ][\wæøå-]*)\s$", text[max(0, start - 40):start])
    after = re.match(r"\s[A-ZÆØÅ][a-zæøå]", text[end:end + 3])
    return bool(before) or bool(after)


def _nearest(candidates: "Ordered | None", pos: int) -> Mention | None:
    """The candidate named last before pos, else the first after it (candidates in text order)."""
    if candidates is None or not candidates.items:
        return None
    return candidates.last_before(pos) or candidates.items[0]
