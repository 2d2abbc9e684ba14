"""The mentions component (spaCy factory ``tracker_mentions``): finds the parties, then the people, and
gives each person one name, role and party."""

from __future__ import annotations

from spacy.language import Language
from spacy.util import registry as spacy_registry
from spacy.tokens import Doc, Span

from tracker.nlp.mentions.context import TextContext
from tracker.nlp.mentions.names import (build_first_name_genders, build_name_matcher, candidate_names,
                                        extend_to_surname, normalise_gender, only_candidate, pipeline_known_words)
from tracker.nlp.mentions.parties import BRACKETED_TAG, build_party_regex, owned_parties, party_mention
from tracker.nlp.mentions.people import resolve_people
from tracker.nlp.mentions.references import later_references, merge_misspellings
from tracker.datafiles import read_toml
from tracker.nlp.component import StoredState
from tracker.nlp.mentions.words import MentionWords
from tracker.nlp.model import SPEAKER, Mention, doc_text
from tracker.nlp.ranges import Ranges, Stretches
from tracker.nlp.roles import RoleWords
from tracker.nlp.words import strip_genitive
from tracker.paths import data_file
from tracker.registry import Registry

FORMER_TAG_REACH = 20  # how far before a party a bracketed past marker may open ("(forhenværende " is 15)


class MentionFinder(StoredState):
    """The component. ``initialize(registry=..., function_words=..., roles=...)`` gives it the registry
    (default: the bundled one) and its word lists (default: ``data/``); ``to_disk`` keeps both. The
    registry's look-up structures are built then, and again when the registry grows (``registry.add``)."""

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.registry: Registry | None = None
        self.words: MentionWords | None = None
        self._built_for = None
        self._known_words = None

    def initialize(self, get_examples=None, *, nlp=None, registry: Registry | None = None,
                   function_words: dict | None = None, roles: dict | None = None) -> None:
        lists = read_toml(data_file("function_words.toml")) if function_words is None else function_words
        role_words = RoleWords.bundled() if roles is None else RoleWords.from_dict(roles)
        self.words = MentionWords(lists, role_words)
        self.registry = Registry.bundled() if registry is None else registry
        self.initialized = True
        self._build()

    def state(self) -> dict:
        return {"words": self.words.source, "registry": self.registry.to_dict()}

    def load_state(self, data: dict) -> None:
        self.initialize(registry=Registry.from_dict(data["registry"]), function_words=data["words"]["lists"],
                        roles=data["words"]["roles"])

    @property
    def known_words(self):
        """The word forms the lemmatizer knows (read from the pipeline when first needed)."""
        if self._known_words is None:
            self._known_words = pipeline_known_words(self.nlp)
        return self._known_words

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
        self._built_for = version

    def __call__(self, doc: Doc) -> Doc:
        self.check_initialized()
        self._build()
        parties = self.find_parties(doc)
        people = self.find_people(doc, parties)
        owned, people = owned_parties(doc_text(doc), people, parties, self.words.owned_party)
        parties = sorted(parties + owned, key=lambda m: m.start_char)
        genders = self.genders(people)
        for person in people:
            person.gender = genders[person.name]
        doc._.mentions = sorted(parties + people, key=lambda m: (m.start_char, m.kind))
        return doc

    # ------------------------------------------------------------ parties

    def find_parties(self, doc: Doc) -> list[Mention]:
        """Every party surface form, every "(X)" tag, and the party letters outside brackets (``letters``);
        none of another country ("det norske Venstre", ``foreign``), none that is a past one ("(tidl. SF)")."""
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
        found += self.words.letters.find(text, found, self.party_named)
        foreign, former = self.words.foreign, self.words.former_tag
        kept = (m for m in found if not foreign.foreign_party(text, m)
                and not former.search(text, max(0, m.start_char - FORMER_TAG_REACH), m.start_char))
        return sorted(kept, key=lambda m: m.start_char)

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
        """Full names (registry or discovered), then shorter later references, with party and role; none
        placed in another country (``foreign``)."""
        context = TextContext(doc, parties, self)
        people = self.registry_people(doc, context)
        discovered = self.discovered_people(doc, context, people)
        merge_misspellings(discovered, people)
        people += discovered
        text = doc_text(doc)
        people = [m for m in people if not self.words.foreign.foreign_person(text, m.start_char, m.end_char)]
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
        """Names the registry lacks, accepted when the text ties them to a party, gives them a political
        role in a paragraph that names a party ("Også DF er klar. Undervisningsordfører Name siger ..."), or
        calls them the party fellow of the one before ("partifællen Name")."""
        taken = Stretches((m.start_char, m.end_char) for m in known)
        text = doc_text(doc)
        found = []
        for start, end in candidate_names(text, context):
            if taken.overlaps(start, end):
                continue
            if context.text_party(start, end) is None and context.role_party(start) is None \
                    and not context.after_fellow(start):  # "partifællen Name": the party of the one before
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


@Language.factory("tracker_mentions", requires=["doc._.paragraphs"], assigns=["doc._.mentions"])
def make_mention_finder(nlp: Language, name: str) -> MentionFinder:
    return MentionFinder(nlp)


@spacy_registry.misc("tracker.registry.v1")
def registry_from_files(parties: str | None = None, politicians: str | None = None) -> Registry:
    """For ``[initialize.components.<name>.registry]`` in a config: the registry of two CSV files in the
    format of data/parties.csv and data/politicians.csv (the bundled ones when not given)."""
    if parties is None and politicians is None:
        return Registry.bundled()
    return Registry.from_csv(parties or data_file("parties.csv"), politicians or data_file("politicians.csv"))
