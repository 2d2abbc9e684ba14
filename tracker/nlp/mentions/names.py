"""Name candidates: the registry's names and variants (a PhraseMatcher), capitalised word runs that could
be the name of someone the registry lacks, and what the registry says about first names' genders."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span

CAPITAL = r"[A-ZÆØÅÉÖÜÄ]"
WORD_REST = r"[a-zæøåéöüäëè]+(?:-[A-ZÆØÅ][a-zæøåéöüäëè]+)?"
WORD = CAPITAL + WORD_REST
INITIAL = r"[A-ZÆØÅ][a-zæøå]{0,2}\."  # "W.", and a shortened middle name: "Lars Chr. Lilleholt"
# Two to five capitalised words not preceded by a word character, "." or "-"; that test comes after
# the first capital letter (as a look-behind over two characters) so that re searches for capitals fast.
NAME = re.compile(rf"{CAPITAL}(?<![\w.-].){WORD_REST}(?:\s(?:{WORD}|{INITIAL})){{0,3}}\s{WORD}(?![\w-])")


@lru_cache(maxsize=1)
def known_words():
    """The lookup lemmatizer's table of Danish word forms (to tell "Men" from a first name), loaded
    on its own (1-2 s): for a pipeline without a lookup lemmatizer. Without spacy-lookups-data this is an
    error, not a pipeline that quietly takes every capitalised word for a name."""
    from spacy.lookups import load_lookups

    return load_lookups("da", ["lemma_lookup"]).get_table("lemma_lookup")


def pipeline_known_words(nlp: Language):
    """known_words(), from the pipeline's lookup lemmatizer when it has one (the table is loaded already)."""
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        table = getattr(lemmatizer, "table", None)  # tracker.nlp.pipeline.LookupLemmatizer
        if table is not None:
            return table
        lookups = getattr(lemmatizer, "lookups", None)  # spaCy's own lookup lemmatizer
        if lookups is not None and lookups.has_table("lemma_lookup"):
            return lookups.get_table("lemma_lookup")
    return known_words()


def normalise_gender(value) -> str | None:
    text = str(value or "").strip().lower()
    if text[:1] in ("f", "k", "w"):
        return "F"
    return "M" if text[:1] == "m" else None


def only_candidate(record) -> bool:
    """True for a registry person known only as a candidate: a common name may be someone else,
    so the text must call them a politician (party or role) at least once."""
    roles = [str(a.role or "") for a in getattr(record, "affiliations", [])]
    return bool(roles) and all(role.startswith("candidate") for role in roles)


def extend_to_surname(span: Span, known) -> Span:
    """"Torsten Schack" + "Petersen": the first two names of a politician followed by a capitalised
    word (not one of the ``known`` word forms) are the start of the longer name the article writes."""
    doc = span.doc
    if len(span) != 2 or span.end >= len(doc):
        return span
    following = doc[span.end]
    if following.is_alpha and following.text.istitle() and following.lower_ not in known:
        return doc[span.start:span.end + 1]
    return span


def build_name_matcher(nlp: Language, registry) -> tuple[PhraseMatcher, dict[str, list[str]], set[str]]:
    """A PhraseMatcher over every politician name and variant (also in the genitive), the keys
    of each name, and the names that are only the first two of a longer name."""
    people: dict[str, list[str]] = {}
    for key, record in registry.politicians.items():
        for written in [record.full_name, *(record.variants or [])]:
            written = " ".join(str(written).split())
            for name in [written, *shortened_names(written)]:
                # one word only as a variant the registry lists itself ("Løkke", data/registry_editorial.toml)
                single = name == written and written != record.full_name
                if (len(name.split()) >= 2 or single) and key not in people.get(name, []):
                    people.setdefault(name, []).append(key)
    prefixes = first_two_names(registry, people)
    for name, key in prefixes.items():
        people[name] = [key]
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    names = list(people)
    matcher.add("POLITICIAN", list(nlp.tokenizer.pipe(names)))
    matcher.add("POLITICIAN", list(nlp.tokenizer.pipe([n + "s" for n in names])))
    return matcher, people, set(prefixes)


def shortened_names(name: str) -> list[str]:
    """The name with a middle name shortened to its first consonants, as news writes it ("Lars Christian
    Lilleholt" -> "Lars Chr. Lilleholt", "Claus Hjort Frederiksen" -> "Claus Hj. Frederiksen")."""
    words = name.split()
    found = []
    for k in range(1, len(words) - 1):
        word = words[k]
        cut = next((i for i, c in enumerate(word.lower()) if c in "aeiouyæøå"), 0)
        if cut >= 2 and word.isalpha():
            found.append(" ".join([*words[:k], word[:cut] + ".", *words[k + 1:]]))
    return found


def first_two_names(registry, names: dict[str, list[str]]) -> dict[str, str]:
    """"Lars Løkke" for "Lars Løkke Rasmussen": the first two of three or more names, when only
    one politician has them and they are no other politician's name."""
    owners: dict[str, set[str]] = {}
    for key, record in registry.politicians.items():
        words = record.full_name.split()
        if len(words) >= 3 and not words[1].endswith("."):
            owners.setdefault(" ".join(words[:2]), set()).add(key)
    return {name: keys.pop() for name, keys in owners.items() if len(keys) == 1 and name not in names}


def build_first_name_genders(registry) -> dict[str, str]:
    """First name -> the gender most politicians with that first name have."""
    counts: dict[str, Counter] = {}
    for record in registry.politicians.values():
        gender = normalise_gender(getattr(record, "gender", None))
        if gender and record.full_name:
            counts.setdefault(record.full_name.split()[0], Counter())[gender] += 1
    return {name: c.most_common(1)[0][0] for name, c in counts.items()}


def candidate_names(text: str, context):
    """(start, end) of capitalised word runs that could be names, leading non-names dropped."""
    for match in NAME.finditer(text):
        start, end = match.span()
        words = match.group(0).split()  # NAME separates its words by one space character
        while len(words) >= 2 and context.not_a_name(words[0], start, len(words) > 2):
            start += len(words.pop(0)) + 1
        while len(words) >= 3 and context.place_before_name(words, start):
            start += len(words.pop(0)) + 1  # "borgmester i Aarhus Anna Holm": the place is no part of the name
        if len(words) >= 2:
            yield start, end
