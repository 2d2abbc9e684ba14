"""Politicians and parties named in an article (spaCy factory ``tracker_mentions``).

Parties are found by every surface form the registry knows ("Venstres", "De Radikale", "SF'erne");
one-letter forms only as a tag "(V)". People are found by the registry's names and variants, by
patterns for people the registry lacks ("Name (V)", "Venstres ordfører, Name", "SF-formand Name",
"Name, formand for SF", "Name fra Venstre" -> ``discovered=True``), and later by shorter forms of
a name the article gives in full ("Testesen", "Mette Testesen").

A person's party comes from the text first (tag, genitive, "for Venstre", "SF-formand"), then from
the registry at the article's date, then from context ("Name og Venstre", the only party named in
the paragraph before). ``doc.user_data["tracker_gender"]`` maps each name to "M", "F" or None.

Speed: the whole text is read only by a few regexes (party forms, tags, capitalised word runs,
later references via str.find) and the PhraseMatcher; everything else looks at the characters
around a candidate name (``word_before``), and ``TextContext`` remembers its answers per position.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache, wraps

from spacy.lang.da.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from tracker.nlp.model import PARTY, SPEAKER, Mention, doc_text
from tracker.nlp.ranges import Ordered, Ranges, Stretches
from tracker.paths import data_file

CAPITAL = r"[A-ZÆØÅÉÖÜÄ]"
WORD_REST = r"[a-zæøåéöüäëè]+(?:-[A-ZÆØÅ][a-zæøåéöüäëè]+)?"
WORD = CAPITAL + WORD_REST
INITIAL = r"[A-ZÆØÅ]\."
# Two to five capitalised words not preceded by a word character, "." or "-"; that test comes after
# the first capital letter (as a look-behind over two characters) so that re searches for capitals fast.
NAME = re.compile(rf"{CAPITAL}(?<![\w.-].){WORD_REST}(?:\s(?:{WORD}|{INITIAL})){{0,3}}\s{WORD}(?![\w-])")
GENITIVE_ENDINGS = ("'s", "’s", "s", "'")
PARTY_SUFFIX = r"(?:['’](?:s|erne|ernes|ere|er)|s)?"
AFTER_PARTY = r"(?![\wæøåÆØÅ])"
TAG = re.compile(r"\s*\(([A-ZÆØÅa-zæøå]{1,4})\)")
BRACKETED_TAG = re.compile(r"\(([A-ZÆØÅa-zæøå]{1,4})\)")  # TAG without the spaces before it (faster to search)
LINKS = ("for", "i", "hos")
APPOSITION = re.compile(r",\s+(?:(?:der|som)\s+(?:er|var|sidder|blev)\s+)?([^,.;:!?()]*)")
PARTY_LINK = re.compile(r"\b(?:for|i|hos)\s+")
FROM = re.compile(r"\s+fra\s+")
AND = re.compile(r"\s+og\s+")
AFTER_NAME = re.compile(r",|\s*\(|\s+fra\s")  # what may follow a name the text gives a party or role
FELLOW = re.compile(r"partifælle\w*,?\s+$|partikollega\w*,?\s+$")


def read_word_list(name: str) -> list[str]:
    """Non-comment lines of a bundled word list, lower case."""
    lines = data_file(name).read_text(encoding="utf-8").splitlines()
    return [line.strip().lower() for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def role_heads() -> tuple[str, ...]:
    return tuple(read_word_list("roles.txt"))


@lru_cache(maxsize=1)
def role_tests() -> tuple[frozenset[str], tuple[str, ...]]:
    """(every role head, the heads a word may end with: those of three or more letters)."""
    return frozenset(role_heads()), tuple(head for head in role_heads() if len(head) > 2)


@lru_cache(maxsize=1)
def role_modifiers() -> frozenset[str]:
    return frozenset(read_word_list("role_modifiers.txt"))


@lru_cache(maxsize=1)
def known_words():
    """The lookup lemmatizer's table of Danish word forms (to tell "Men" from a first name), loaded
    on its own (1-2 s): for a pipeline without a lookup lemmatizer."""
    try:
        from spacy.lookups import load_lookups

        return load_lookups("da", ["lemma_lookup"]).get_table("lemma_lookup")
    except Exception:  # spacy-lookups-data missing: no word is known
        return {}


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


@lru_cache(maxsize=65536)
def is_role_word(word: str) -> bool:
    """True for "udenrigsordfører", "SF-formand", "minister", "MF" ... (remembered by word)."""
    low = word.lower().rstrip(",")
    heads, endings = role_tests()
    return low in heads or low.endswith(endings)


def normalise_gender(value) -> str | None:
    text = str(value or "").strip().lower()
    if text[:1] in ("f", "k", "w"):
        return "F"
    return "M" if text[:1] == "m" else None


class MentionFinder:
    """The component. ``registry`` is an attribute; its look-up structures are built when it is set
    (by ``build_pipeline``), else on the first doc, and again when the registry object or its size changes."""

    def __init__(self, nlp: Language, registry=None):
        self.nlp = nlp
        self._registry = registry
        self._built_for = None
        self.known_words = None

    @property
    def registry(self):
        if self._registry is None:
            from tracker.registry import Registry

            self._registry = Registry.bundled()
        return self._registry

    @registry.setter
    def registry(self, value):
        self._registry = value
        if value is not None:
            self._build()

    def _build(self) -> None:
        """Party regex, politician PhraseMatcher and first-name genders for the current registry."""
        registry = self.registry
        version = (id(registry), len(registry.politicians), len(registry.parties))
        if self._built_for == version:
            return
        self.party_regex, self.party_of_form = build_party_regex(registry)
        self.matcher, self.people_of_name, self.prefix_names = build_name_matcher(self.nlp, registry)
        self.first_name_gender = build_first_name_genders(registry)
        self._party_named: dict[str, object] = {}
        self._party_name: dict[str, str | None] = {}
        if self.known_words is None:
            self.known_words = pipeline_known_words(self.nlp)
        self._built_for = version

    def __call__(self, doc: Doc) -> Doc:
        self._build()
        parties = self.find_parties(doc)
        people = self.find_people(doc, parties)
        doc._.mentions = sorted(parties + people, key=lambda m: (m.start_char, m.kind))
        doc.user_data["tracker_gender"] = self.genders(people)
        return doc

    # ------------------------------------------------------------ parties

    def find_parties(self, doc: Doc) -> list[Mention]:
        """Every party surface form and every "(X)" tag in the text."""
        text = doc_text(doc)
        found = []
        for match in self.party_regex.finditer(text):
            name = self.party_name(match.group("form"))
            if name is not None:
                found.append(party_mention(match.start(), match.group(0), name))
        taken = Ranges((m.start_char, m.end_char) for m in found)
        for match in BRACKETED_TAG.finditer(text):
            record = self.party_named(match.group(0))
            start = match.start(1)
            if record is not None and start not in taken:
                found.append(party_mention(start, match.group(1), record.name))
        return sorted(found, key=lambda m: m.start_char)

    def party_name(self, form: str) -> str | None:
        """The name of the party a form found by ``party_regex`` stands for (remembered per form)."""
        if form not in self._party_name:
            key = self.party_of_form.get(form)
            record = self.registry.party_by_key(key) if key else self.party_named(form)
            self._party_name[form] = record.name if record is not None else None
        return self._party_name[form]

    def party_named(self, text: str):
        """``registry.party(text)``, remembered for the registry the finder was built for."""
        if text not in self._party_named:
            self._party_named[text] = self.registry.party(text)
        return self._party_named[text]

    # ------------------------------------------------------------ people

    def find_people(self, doc: Doc, parties: list[Mention]) -> list[Mention]:
        """Full names (registry or discovered), then shorter later references, with party and role."""
        context = TextContext(doc, parties, self)
        people = self.registry_people(doc, context)
        discovered = self.discovered_people(doc, context, people)
        merge_misspellings(discovered, people)
        people += discovered
        people += later_references(doc_text(doc), people, self.first_name_gender)
        people.sort(key=lambda m: m.start_char)
        resolve_people(people, context, self.registry, doc._.date)
        return people

    def registry_people(self, doc: Doc, context: "TextContext") -> list[Mention]:
        found = []
        for span in self.longest_matches(doc):
            if span.text in self.prefix_names:
                span = extend_to_surname(span, self.known_words)
            text = span.text
            keys = self.people_of_name.get(text) or self.people_of_name.get(strip_genitive(text), [])
            keys = keys or self.people_of_name.get(doc[span.start:span.end - 1].text, [])
            if not keys:
                continue
            key = context.choose_key(keys, span.start_char, span.end_char)
            if only_candidate(self.registry.politicians.get(key)) and not context.political(span.start_char,
                                                                                              span.end_char):
                continue
            name = text if text in self.people_of_name else strip_genitive(text)
            found.append(Mention(SPEAKER, span.start_char, span.end_char, text, name=name, politician_key=key))
        return found

    def longest_matches(self, doc: Doc) -> list[Span]:
        spans = [doc[s:e] for _, s, e in self.matcher(doc)]
        spans.sort(key=lambda s: (s.start, -len(s)))
        result, last_end = [], -1
        for span in spans:
            if span.start >= last_end:
                result.append(span)
                last_end = span.end
        return result

    def discovered_people(self, doc: Doc, context: "TextContext", known: list[Mention]) -> list[Mention]:
        """Names the registry lacks, accepted when the text ties them to a party."""
        taken = Stretches((m.start_char, m.end_char) for m in known)
        text = doc_text(doc)
        found = []
        for start, end in candidate_names(text, context):
            if taken.overlaps(start, end):
                continue
            if context.text_party(start, end) is None:
                continue
            name = text[start:end]
            found.append(Mention(SPEAKER, start, end, name, name=name, discovered=True))
            taken.add(start, end)
        return found

    def genders(self, people: list[Mention]) -> dict[str, str | None]:
        result = {}
        for mention in people:
            record = self.registry.politicians.get(mention.politician_key) if mention.politician_key else None
            gender = normalise_gender(getattr(record, "gender", None)) if record is not None else None
            first = (mention.name or "").split()[0] if mention.name else ""
            result[mention.name] = gender or self.first_name_gender.get(first)
        return result


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


def party_mention(start: int, text: str, name: str) -> Mention:
    return Mention(PARTY, start, start + len(text), text, name=name, party=name, party_source="text")


def strip_genitive(text: str) -> str:
    for ending in ("'s", "’s", "s"):
        if text.endswith(ending) and len(text) > 3:
            return text[: -len(ending)]
    return text


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


def build_name_matcher(nlp: Language, registry) -> tuple[PhraseMatcher, dict[str, list[str]], set[str]]:
    """A PhraseMatcher over every politician name and variant (also in the genitive), the keys
    of each name, and the names that are only the first two of a longer name."""
    people: dict[str, list[str]] = {}
    for key, record in registry.politicians.items():
        for name in [record.full_name, *(record.variants or [])]:
            name = " ".join(str(name).split())
            if len(name.split()) >= 2 and key not in people.get(name, []):
                people.setdefault(name, []).append(key)
    prefixes = first_two_names(registry, people)
    for name, key in prefixes.items():
        people[name] = [key]
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    names = list(people)
    matcher.add("POLITICIAN", list(nlp.tokenizer.pipe(names)))
    matcher.add("POLITICIAN", list(nlp.tokenizer.pipe([n + "s" for n in names])))
    return matcher, people, set(prefixes)


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


def candidate_names(text: str, context: "TextContext"):
    """(start, end) of capitalised word runs that could be names, leading non-names dropped."""
    for match in NAME.finditer(text):
        start, end = match.span()
        words = match.group(0).split()  # NAME separates its words by one space character
        while len(words) >= 2 and context.not_a_name(words[0], start, len(words) > 2):
            start += len(words.pop(0)) + 1
        if len(words) >= 2:
            yield start, end


def word_before(text: str, pos: int) -> tuple[int, int] | None:
    """(start, end) of the last word (run of non-space characters) that ends at or before pos
    (read backwards from pos, so the cost does not grow with pos)."""
    i = min(max(pos, 0), len(text))
    if 0 < i < len(text) and not text[i].isspace() and not text[i - 1].isspace():  # inside a word: drop it
        while i > 0 and not text[i - 1].isspace():
            i -= 1
    while i > 0 and text[i - 1].isspace():
        i -= 1
    end = i
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return (i, end) if end else None


def memoised(method):
    """A TextContext method remembered by its arguments (the text and its parties do not change)."""
    name = method.__name__

    @wraps(method)
    def remembered(self, *args):
        key = (name, *args)
        value = self.memo.get(key, remembered)  # the function itself stands for "not yet known"
        if value is remembered:
            value = self.memo[key] = method(self, *args)
        return value
    return remembered


class TextContext:
    """What the words around a name say about the person: role and party."""

    def __init__(self, doc: Doc, parties: list[Mention], finder: MentionFinder):
        self.text = doc_text(doc)
        self.parties = parties
        self.finder = finder
        self.paragraphs = doc._.paragraphs or [(0, len(self.text))]
        self.date = doc._.date
        self.memo: dict[tuple, object] = {}
        self.before: dict[int, tuple[int, int] | None] = {}  # word_before() by position
        self.quiet: dict[int, bool] = {}  # quiet_before() by position
        self.party_ranges = Ranges((p.start_char, p.end_char) for p in parties)
        self.party_starts = [p.start_char for p in parties]  # parties are in text order
        self.paragraph_starts = [start for start, _ in self.paragraphs]
        self.party_by_start: dict[int, Mention] = {}
        self.party_by_end: dict[int, Mention] = {}
        for party in parties:  # the first party wins, as in the list
            self.party_by_start.setdefault(party.start_char, party)
            self.party_by_end.setdefault(party.end_char, party)

    def word(self, span: tuple[int, int] | None) -> str:
        return self.text[span[0]:span[1]] if span else ""

    def word_before(self, pos: int) -> tuple[int, int] | None:
        if pos not in self.before:
            self.before[pos] = word_before(self.text, pos)
        return self.before[pos]

    def party_ending_at(self, end: int) -> Mention | None:
        return self.party_by_end.get(end)

    def party_at(self, start: int) -> Mention | None:
        return self.party_by_start.get(start)

    def not_a_name(self, word: str, start: int, strict: bool = True) -> bool:
        """A capitalised word that is a role or a party ("Venstres Mette Testesen"), or starts a sentence
        and is a common Danish word. ``strict`` also drops words the lemma table knows ("Bo", "Karl" may be either).
        """
        if is_role_word(word) or start in self.party_ranges:
            return True
        if word in self.finder.first_name_gender or not self.starts_sentence(start):
            return False
        return word.lower() in STOP_WORDS or (strict and word.lower() in self.finder.known_words)

    def starts_sentence(self, start: int) -> bool:
        before = self.text[max(0, start - 3):start].rstrip(" -–»\"“")
        return not before or before[-1] in ".!?:\n"

    # -------------------------------------------------- before a name

    def role_like(self, word: str, last: bool) -> bool:
        """Words that may make up a role phrase ("politisk", "klima-,", "og", "udenrigsordfører,")."""
        bare = word[:-1] if word.endswith(",") else word
        if word.endswith(",") and not last and not bare.endswith("-"):
            return False
        low = bare.lower()
        return is_role_word(bare) or low in role_modifiers() or (low.endswith("-") and len(low) > 2)

    def role_words(self, last: tuple[int, int] | None) -> list[tuple[int, int]] | None:
        """The words of a role phrase ending with the word ``last``, or None."""
        phrase, word = [], last
        while word is not None and self.role_like(self.word(word), last=word == last):
            phrase.insert(0, word)
            word = self.word_before(word[0])
        while phrase and self.word(phrase[0]).lower() in ("og", "ny", "nye"):
            phrase.pop(0)
        if not any(is_role_word(self.word(w).rstrip(",")) for w in phrase):
            return None
        return phrase

    def genitive_party(self, word: tuple[int, int] | None) -> Mention | None:
        """The party when the word is a party in the genitive ("Venstres", "LA's")."""
        party = self.party_ending_at(word[1]) if word else None
        if party is not None and party.text.endswith(GENITIVE_ENDINGS) and party.kind == PARTY:
            return party
        return None

    @memoised
    def role_before(self, start: int) -> tuple[str, str | None] | None:
        """(role, party) of a role phrase right before a name ("Venstres udenrigsordfører, ")."""
        last = self.word_before(start)
        linked = self.linked_party_before(last)
        if linked is not None:
            last, party = linked
        else:
            party = None
        phrase = self.role_words(last)
        if phrase is None:
            return None
        role = self.text[phrase[0][0]:phrase[-1][1]].rstrip(",").lower()
        if party is None:
            before = self.word_before(phrase[0][0])
            genitive = self.genitive_party(before) or self.adjective_party(before)
            party = genitive.party if genitive else self.compound_party(phrase)
        return role, party

    def adjective_party(self, word: tuple[int, int] | None) -> Mention | None:
        """The party when the word is its lower-case adjective ("den konservative ordfører", "radikale")."""
        party = self.party_ending_at(word[1]) if word else None
        if party is not None and party.text.islower() and " " not in party.text:
            return party
        return None

    def linked_party_before(self, word: tuple[int, int] | None) -> tuple[tuple[int, int] | None, str] | None:
        """(the word before the link, party) for "<role> for|i|hos <Party>[,] Name"; ``word`` is the
        word before the name."""
        if word is None:
            return None
        party = self.party_ending_at(word[1] - (1 if self.word(word).endswith(",") else 0))
        if party is None:
            return None
        link = self.word_before(party.start_char)
        if self.word(link).lower() not in LINKS:
            return None
        return self.word_before(link[0]), party.party

    def compound_party(self, phrase: list[tuple[int, int]]) -> str | None:
        """The party of a compound role word ("SF-formand", "S-ordfører"), unless "tidligere"."""
        words = [self.word(w) for w in phrase]
        if any(w.lower() in ("tidligere", "daværende", "forhenværende") for w in words):
            return None
        for word in words:
            if "-" in word and is_role_word(word.split("-", 1)[1]):
                record = self.finder.party_named(word.split("-", 1)[0])
                if record is not None:
                    return record.name
        return None

    # -------------------------------------------------- after a name

    @memoised
    def apposition(self, end: int) -> tuple[str | None, str | None]:
        """(role, party) from ", formand for De Radikale" or ", der er ordfører hos SF" after a name."""
        match = APPOSITION.match(self.text[end:end + 160])
        if not match:
            return None, None
        clause_start = end + match.start(1)
        for link in PARTY_LINK.finditer(match.group(1)):
            party = self.party_at(clause_start + link.end())
            if party is not None:
                head = match.group(1)[:link.start()].strip()
                role = head.lower() if any(is_role_word(w) for w in head.split()) else None
                return role, party.party
        head = match.group(1).strip()
        if head and all(self.role_like(w, last=False) for w in head.split()) and any(map(is_role_word, head.split())):
            return head.lower(), None
        return None, None

    def silent(self, start: int, end: int) -> bool:
        """True when the words right around the name cannot give a party or role (the cheap first test of
        ``text_party`` and ``role``): no ",", "(" or "fra" after it, and ``quiet_before(start)``."""
        return not AFTER_NAME.match(self.text, end) and self.quiet_before(start)

    def quiet_before(self, start: int) -> bool:
        """True when the word before ``start`` neither ends a party nor may end a role phrase, so that
        ``role_before`` and ``genitive_party`` find nothing there."""
        if start not in self.quiet:
            word = self.word_before(start)
            self.quiet[start] = word is None or (word[1] not in self.party_by_end and word[1] - 1 not in self.party_by_end
                                                 and not self.role_like(self.word(word), last=True))
        return self.quiet[start]

    def text_party(self, start: int, end: int) -> str | None:
        """The party the text gives right at the name: tag, role phrase, genitive, apposition, "fra"."""
        return None if self.silent(start, end) else self.party_at_name(start, end)

    @memoised
    def party_at_name(self, start: int, end: int) -> str | None:
        """``text_party`` without the first test."""
        tag = TAG.match(self.text, end)
        if tag:
            record = self.finder.party_named(tag.group(0).strip())
            if record is not None:
                return record.name
        if not self.quiet_before(start):
            before = self.role_before(start)
            if before and before[1]:
                return before[1]
            genitive = self.genitive_party(self.word_before(start))
            if genitive is not None:
                return genitive.party
        role, party = self.apposition(end) if self.text.startswith(",", end) else (None, None)
        if party:
            return party
        after = FROM.match(self.text[end:end + 10])
        party = self.party_at(end + after.end()) if after else None
        return party.party if party else None

    def political(self, start: int, end: int) -> bool:
        """True when the text gives the person at start:end a party or a political role."""
        return self.text_party(start, end) is not None or self.role(start, end) is not None

    def role(self, start: int, end: int) -> str | None:
        before = None if self.quiet_before(start) else self.role_before(start)
        if before:
            return before[0]
        return self.apposition(end)[0] if self.text.startswith(",", end) else None

    def context_party(self, start: int, end: int, previous_party: str | None, has_role: bool) -> str | None:
        """Party from the surroundings: "Name og Venstre", "partifællen Name", the paragraph's party."""
        joined = AND.match(self.text[end:end + 6])
        party = self.party_at(end + joined.end()) if joined else None
        if party is not None:
            return party.party
        if FELLOW.search(self.text[max(0, start - 30):start]):
            return previous_party
        if has_role:
            para_start, _ = self.paragraph_of(start)
            k = bisect_left(self.party_starts, start)  # the parties before start
            if k and self.party_starts[k - 1] >= para_start:
                return self.parties[k - 1].party
        return None

    def paragraph_of(self, pos: int) -> tuple[int, int]:
        k = bisect_right(self.paragraph_starts, pos) - 1  # paragraphs are in order and do not overlap
        if k >= 0 and pos < self.paragraphs[k][1]:
            return tuple(self.paragraphs[k])
        return 0, len(self.text)

    def choose_key(self, keys: list[str], start: int, end: int) -> str:
        """Among politicians of the same name, the one whose party the text gives (else the first)."""
        if len(keys) == 1:
            return keys[0]
        party = self.text_party(start, end)
        for key in keys:
            record = self.finder.registry.party_at(key, self.date)
            if party and record is not None and record.name == party:
                return key
        return keys[0]


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
    r"""(start, end) of the forms written as whole words, optionally in the genitive ("s", "'s"), from
    left to right without overlaps, the longest form first where several start at one place: what
    the regex ``(?<![\w.-])(?:form|...)(?:s|'s)?(?![\w-])`` finds, without compiling it per article."""
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
    """End of the first form (with "s", "'s" or no ending) at start that a non-word character follows."""
    for form in ordered:
        if not text.startswith(form, start):
            continue
        for ending in ("s", "'s", ""):
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


def resolve_people(people: list[Mention], context: TextContext, registry, on) -> None:
    """Give all mentions of a person the longest name written, one role and one party."""
    groups: dict[str, list[Mention]] = {}
    for mention in people:
        groups.setdefault(mention.politician_key or mention.name, []).append(mention)
    previous_party = None
    for mentions in sorted(groups.values(), key=lambda group: group[0].start_char):
        role = next((r for m in mentions if (r := context.role(m.start_char, m.end_char))), None)
        party, source = _person_party(mentions, context, registry, on, previous_party, role is not None)
        name = max((m.name for m in mentions), key=lambda n: (len(n.split()), len(n)))
        for mention in mentions:
            mention.name, mention.role, mention.party, mention.party_source = name, role, party, source
        previous_party = party or previous_party


def _person_party(mentions, context, registry, on, previous_party, has_role) -> tuple[str | None, str | None]:
    for mention in mentions:
        party = context.text_party(mention.start_char, mention.end_char)
        if party:
            return party, "text"
    key = next((m.politician_key for m in mentions if m.politician_key), None)
    record = registry.party_at(key, on) if key else None
    if record is not None:
        return record.name, "registry"
    for mention in mentions:
        party = context.context_party(mention.start_char, mention.end_char, previous_party, has_role)
        if party:
            return party, "context"
    return None, None


@Language.factory("tracker_mentions")
def make_mention_finder(nlp: Language, name: str) -> MentionFinder:
    return MentionFinder(nlp)
