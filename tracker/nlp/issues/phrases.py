"""Policy object phrases in a stretch of text, without a tagger: noun phrases found by word classes.

Each token gets a class from the word lists (``ObjectWords``): P punctuation, D determiner, L linking
preposition, A adjective, adverb or direction word (by list or ending), X anything that cannot stand in a
phrase (function words, verbs, names of people and parties, role words, dates, media), N the rest. A verb
form ("indfører", "ønsket") is X after a word that shows it is a verb ("at", "vil", "de") or when its ending
can only be a verb's ("-es", "-ede", "-te"); a noun in its definite or plural form ("aftalen", "mandaterne",
"virksomheder") is E, and ends a run of nouns (Danish puts those endings on the last noun of a phrase, so
"aftalen sikrer" is a noun and a verb). A phrase is ``D? A* N+ (L+ D? A* N+)?`` (N standing for N or a
closing E): a head and an optional complement ("en CO2-afgift på landbruget", "en bred regering hen over midten").

Its key (tracker.nlp.issues.keys): the parts of its head; with the complement's when the head has no
specific modifier of its own ("afgift på sukker" = "sukkerafgift", "regering over midten", but "CO2-afgift
på landbruget" = "CO2-afgiften"); only the complement's when the head merely frames a position ("forslaget
om X", "kritik af X"). Direction words are left out, and so is an owner in the genitive before another
noun when the rest still names an object ("landbrugets CO2-afgift" = "CO2-afgiften"). A phrase needs two
key parts, not all general, and to look like a noun phrase: opened by a determiner, adjective or
preposition, with a complement, or a long, hyphenated or numbered word. "SVM-regeringen", a government
named by its parties' letters, is an actor.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from tracker.nlp.issues.keys import KeyMaker
from tracker.nlp.issues.object_words import ObjectWords
from tracker.nlp.lexicon import doc_forms
from tracker.nlp.roles import RoleWords

PUNCT = frozenset(",.;:!?()»«\"'–-—/…[]&”“„")
SENTENCE_OPENERS = frozenset(".!?:»\"-–\n”“")
LONG_WORD = 9  # letters of a word that is a phrase on its own (a compound)
VERB_ONLY = ("s", "de", "des")  # endings after a lemma in -e that only a verb form has (also -ede, -te)
DEFINITE = ("n", "en", "t", "et", "ne", "ene", "erne", "rne")  # endings after a lemma of a noun's definite form
PLURAL = ("er", "r")  # endings of an indefinite plural ("virksomheder"; not -e, that of adjectives too)


@dataclass(frozen=True)
class Phrase:
    """A policy object phrase: tokens start..end of the doc, its text, key and head."""

    start: int
    end: int
    text: str
    key: tuple[str, ...]  # sorted key parts
    head: str  # the last key part of its head
    complement: bool  # it has a complement ("... på landbruget")
    words_start: int  # where its text starts: after determiners, direction words and a framing head ("kritik af")
    head_end: int = -1  # where its head ends (its end when the head only frames the complement: "kritik af X")


class PhraseFinder:
    """Finds policy object phrases; ``named`` token offsets (people, parties) are never part of one."""

    def __init__(self, words: ObjectWords, keys: KeyMaker, roles: RoleWords | None = None):
        self.words, self.keys = words, keys
        self.roles = roles or RoleWords.bundled()
        self._classes: dict[tuple[str, str], str] = {}

    def word_class(self, lower: str, lemma: str) -> str:
        """The class of a word out of context (remembered): P, D, L, X, A or N."""
        found = self._classes.get((lower, lemma))
        if found is None:
            found = self._classes[lower, lemma] = self._class_of(lower, lemma)
        return found

    def _class_of(self, lower: str, lemma: str) -> str:
        w = self.words
        if all(ch in PUNCT for ch in lower):
            return "P"
        if lower in w.determiners:
            return "D"
        if lower in w.linking:
            return "L"
        if lower in w.stop or lower in w.dates_and_media or self.roles.is_role_word(lower.split("-")[-1]):
            return "X"
        if lower.replace(",", "").replace(".", "").isdigit():
            return "A"
        if lower in w.direction or lemma in w.direction or lower in w.adjectives or lemma in w.adjectives:
            return "A"
        if "-" not in lower and (lower.endswith(w.adjective_endings) or lemma.endswith(w.adjective_endings)):
            return "A"
        if len(lower) < 4 and not any(ch.isdigit() for ch in lower) and lower not in w.short_words:
            return "X"
        return "N"

    def is_verb(self, lower: str, lemma: str, before: str) -> bool:
        """A verb form: "indføre", "ønsker" after "at"/"vil"/"de"..., or with an ending only verbs have."""
        if "-" in lower or lower in self.words.instrument_verbs:
            return False
        if lemma[-1:] in "åaiuyø" and lower == lemma + "r":  # "indgår", "står", "tror"
            return True
        if not lemma.endswith("e"):
            return False
        if lower in (lemma + ending for ending in VERB_ONLY) or lower in (lemma[:-1] + "ede", lemma[:-1] + "te"):
            return True
        if len(lemma) > 5 and lemma.endswith("ere") and lower in (lemma, lemma + "r", lemma[:-1] + "t"):
            return True  # a verb in -ere ("regulere", "reducerer", "manipuleret"): no noun's lemma ends so
        # the infinitive, present or participle after a word that shows a verb ("bliver mødt", "har købt"), also
        # a strong participle ("har trukket", "har skrevet")
        return before in self.words.verb_context and (lower in (lemma, lemma + "r", lemma + "t", lemma[:-1] + "t")
                                                      or lower.endswith("et"))

    def classes(self, doc: Doc, start: int, end: int, named) -> list[str]:
        forms = doc_forms(doc)
        found = []
        for i in range(start, end):
            form = forms.form(i)
            lower, lemma = form[0], form[1] if len(form) > 1 and form[1] != form[0] else form[0]
            if i in named:
                found.append("X")
                continue
            cls = self.word_class(lower, lemma)
            before = forms.form(i - 1)[0] if i > 0 else ""
            if i - 1 in named and lower == lemma + "r" and lemma.endswith("e"):
                cls = "X"  # a verb in the present tense after its subject: "SF advarer mod afgiften"
            elif cls == "N" and self.is_verb(lower, lemma, before):
                cls = "X"
            elif cls == "N" and _inflected(lower, lemma, DEFINITE + PLURAL):
                cls = "E"  # a definite or plural noun ends its phrase: "aftalen sikrer" is no compound
            found.append(cls)
        return found

    def find(self, doc: Doc, start: int, end: int, named=frozenset()) -> list[Phrase]:
        """The phrases in doc[start:end], in text order."""
        cls = self.classes(doc, start, end, named)
        found, i, n = [], 0, len(cls)
        while i < n:
            if cls[i] not in "DANE":
                i += 1
                continue
            head_start = _skip(cls, i, "DA")
            head_end = _nouns(cls, head_start)
            if head_end == head_start:
                i = head_start + 1
                continue
            comp_start = comp_end = head_end
            if head_end < n and cls[head_end] == "L":
                comp_start = _skip(cls, _skip(cls, head_end, "L"), "DA")
                comp_end = _nouns(cls, comp_start)
                if comp_end == comp_start:
                    comp_start = comp_end = head_end
            phrase = self.phrase(doc, start, (i, head_start, head_end, comp_start, comp_end), cls)
            if phrase is not None:
                found.append(phrase)
            i = max(comp_end, head_end)
        return found

    def phrase(self, doc: Doc, base: int, bounds: tuple[int, ...], cls: list[str]) -> Phrase | None:
        """The phrase over the given (opening, head start, head end, complement start, complement end)."""
        first, head_start, head_end, comp_start, comp_end = bounds
        w = self.words
        key, head, complement = self.key(doc, base, bounds, owners=False)
        if len(key) < 2 or key <= w.generic:  # without its owner too general: "hovedstadens kulturliv"
            key, head, complement = self.key(doc, base, bounds, owners=True)
        if len(key) < 2 or key <= w.generic:
            return None
        word = doc[base + head_start].lower_
        opened = first < head_start or (first > 0 and cls[first - 1] == "L") or comp_end > head_end \
            or word in w.instrument_verbs
        if not (opened or len(word) >= LONG_WORD or "-" in word or any(ch.isdigit() for ch in word)):
            return None
        if head_end - head_start == 1 and self.is_actor(doc[base + head_start].text):
            return None
        end = own_end = max(comp_end, head_end)
        if complement and all(p in w.frame_nouns for p in head):  # "kritik af en sukkerskat": the complement
            first, head_start = _skip(cls, head_end, "L"), comp_start
        else:
            own_end = head_end
        words_start = base + _content_start(doc, base, first, head_start, w)
        return Phrase(base + bounds[0], base + end, doc[words_start:base + end].text, tuple(sorted(key)),
                      head[-1] if head else "", bool(complement), words_start, base + own_end)

    def key(self, doc: Doc, base: int, bounds: tuple[int, ...], owners: bool) -> tuple[set, list, list]:
        """The key of a phrase, and the parts of its head and complement; ``owners``: with the nouns in the
        genitive before another noun ("landbrugets CO2-afgift" = "CO2-afgift på landbruget" = "afgift co2")."""
        _, head_start, head_end, comp_start, comp_end = bounds
        w = self.words
        head = self.parts(doc, base, head_start, head_end, owners)
        complement = self.parts(doc, base, comp_start, comp_end, owners)
        modifiers = [p for p in head[:-1] if p not in w.generic]
        if head and complement and all(p in w.frame_nouns for p in head):
            key = set(complement)
        elif modifiers:
            key = set(head)
        else:
            key = set(head) | set(complement)
        return key - w.direction, head, complement

    def parts(self, doc: Doc, base: int, start: int, end: int, owners: bool = True) -> list[str]:
        """The key parts of tokens start..end (offsets from ``base``), direction words left out; without
        ``owners``, a noun in the genitive before another noun is left out too."""
        parts = []
        for i in range(base + start, base + end):
            token = doc[i]
            if not owners and i + 1 < base + end and _genitive(token.lower_, token.lemma_.lower()):
                continue
            proper = token.text[:1].isupper() and i > 0 and not token.is_sent_start and \
                doc[i - 1].text not in SENTENCE_OPENERS and "\n" not in doc[i - 1].text_with_ws
            parts.extend(self.keys.parts(token.lower_, proper))
        return [p for p in parts if p not in self.words.direction]

    @staticmethod
    def is_actor(text: str) -> bool:
        """ "SVM-regeringen", "S-regeringen", "VLAK-regeringens": a government (or party) named by letters."""
        first, _, rest = text.partition("-")
        return bool(rest) and first.isupper() and rest.lower().startswith(("regering", "parti"))


def _skip(cls: list[str], i: int, classes: str) -> int:
    while i < len(cls) and cls[i] in classes:
        i += 1
    return i


def _inflected(lower: str, lemma: str, endings: tuple[str, ...]) -> bool:
    """``lower`` is ``lemma`` with one of ``endings`` (also on a stem without the e of -el, -en, -er:
    "regel" -> "reglen")."""
    if lower == lemma or not lower.startswith(lemma[:-2]):
        return False
    stems = (lemma, lemma[:-2] + lemma[-1]) if len(lemma) > 3 and lemma[-2] == "e" else (lemma,)
    return any(lower == stem + ending for stem in stems for ending in endings)


def _genitive(lower: str, lemma: str) -> bool:
    """A noun in the genitive: "landbrugets", "statens", "reglernes"."""
    return lower.endswith("s") and (lower[:-1] == lemma or _inflected(lower[:-1], lemma, DEFINITE))


def _nouns(cls: list[str], i: int) -> int:
    """The end of a run of nouns from ``i``: it stops after a definite noun (class E)."""
    while i < len(cls) and cls[i] in "NE":
        i += 1
        if cls[i - 1] == "E":
            break
    return i


def _content_start(doc: Doc, base: int, first: int, head_start: int, words: ObjectWords) -> int:
    """Where a phrase's text starts: after its determiners and direction words ("en ny motorvej" ->
    "motorvej"), keeping the other adjectives ("den grønne trepartsaftale" -> "grønne trepartsaftale")."""
    i = first
    while i < head_start and (doc[base + i].lower_ in words.determiners or doc[base + i].lower_ in words.direction):
        i += 1
    return i
