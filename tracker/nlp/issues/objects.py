"""The policy object of each statement that fits no catalogue issue (spaCy component "tracker_objects").

A statement left on its topic's catch-all gets ``extra["object_key"]`` (the key of its object phrase, e.g.
"afgift co2"), ``extra["object_phrase"]`` (the phrase as written, without determiners and direction words:
"CO2-afgift på landbruget") and ``extra["object_issue"]`` (an Issue the stance component reads: its words
block the general cues inside the phrase, so "vil forbyde engangsplastik" is for a ban; a raising word reads
for and a lowering one against, so "hæve" and "sænke pensionsalderen" are two sides of one question). The
store groups the keys across articles into discovered issues (tracker.discovery).

Which phrase, so that one debate gets one object in an article (its critics name it in other words, or not
at all: "Det er den helt forkerte vej at gå"):
1. the best phrase of the statement's own words: more specific parts, a complement, an instrument head; among
   equals, the phrase's salience in the article (its mentions, those in the headline and lead counted three
   times): an article's salient object does not outweigh a more specific one the statement names;
2. else the best phrase of its paragraph;
3. else the object of the statement before it (a reply names no object: "Det er den helt forkerte vej");
4. else the article's main object: its most salient phrase, when it is mentioned at least ``MAIN_SALIENCE``
   times (the lead counts).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from tracker.datafiles import read_toml
from tracker.issue_kinds import is_catch_all_slug
from tracker.nlp.component import StoredState
from tracker.nlp.issues.catalogue import Issue
from tracker.nlp.issues.keys import KeyMaker
from tracker.nlp.issues.object_words import ObjectWords
from tracker.nlp.issues.phrases import Phrase, PhraseFinder
from tracker.nlp.positions import lead_range, mention_tokens, paragraph_range, statement_range
from tracker.paths import data_file

LEAD_WEIGHT = 2  # a mention in the headline or lead counts this much more
MAIN_SALIENCE = 2  # the article's main object is mentioned at least this much


class ArticleObjects:
    """Every phrase of one article, by position, and the salience of each key."""

    def __init__(self, phrases: list[Phrase], lead: tuple[int, int]):
        self.phrases = phrases
        self.starts = [p.start for p in phrases]
        self.salience: Counter = Counter()
        for p in phrases:
            self.salience[p.key] += 1 + (LEAD_WEIGHT if lead[0] <= p.start < lead[1] else 0)

    def within(self, start: int, end: int) -> list[Phrase]:
        return [p for p in self.phrases[bisect_left(self.starts, start):bisect_left(self.starts, end)] if p.end <= end]

    def main(self) -> Phrase | None:
        """The most salient phrase (its first mention), when it is salient enough."""
        if not self.salience:
            return None
        key, salience = max(self.salience.items(), key=lambda item: (item[1], -self._first(item[0])))
        if salience < MAIN_SALIENCE:
            return None
        return self.phrases[self._first(key)]

    def _first(self, key: tuple[str, ...]) -> int:
        return next(i for i, p in enumerate(self.phrases) if p.key == key)


class ObjectTagger(StoredState):
    """Sets the policy object of the doc's statements that are on a catch-all (or on no issue). Its word
    lists come from ``initialize(words=...)`` (default: ``data/policy_objects.toml``), or ``words`` here."""

    def __init__(self, words: ObjectWords | dict | None = None, keys: KeyMaker | None = None):
        """``words``: a parsed policy_objects.toml, or ObjectWords (used as they are: to_disk cannot save them)."""
        self._keys = keys
        if isinstance(words, ObjectWords):
            self._use(words, None)
        elif words is not None:
            self.initialize(words=words)

    def initialize(self, get_examples=None, *, nlp=None, words: dict | None = None) -> None:
        """``words``: a parsed policy_objects.toml (default: the bundled one)."""
        self.load_state({"words": read_toml(data_file("policy_objects.toml")) if words is None else words})

    def state(self) -> dict:
        if self.raw_words is None:
            raise ValueError("an ObjectTagger given ObjectWords has no word lists to save; give it the TOML's dict")
        return {"words": self.raw_words}

    def load_state(self, data: dict) -> None:
        self._use(ObjectWords.from_dict(data["words"]), data["words"])

    def _use(self, words: ObjectWords, raw: dict | None) -> None:
        self.words, self.raw_words = words, raw
        self.finder = PhraseFinder(self.words, self._keys or KeyMaker(self.words))
        self._directions = (sorted(self.words.raising), sorted(self.words.lowering))
        self.initialized = True

    def __call__(self, doc: Doc) -> Doc:
        self.check_initialized()
        everything = doc._.statements or []
        statements = [st for st in everything if is_catch_all_slug(st.issue)]
        if not statements:
            return doc
        named = mention_tokens(doc, doc._.mentions or [])  # the tokens that name a politician or a party
        article = ArticleObjects(self.finder.find(doc, 0, len(doc), named), lead_range(doc))
        main = article.main()
        previous = None
        for st in sorted(statements, key=lambda st: st.start_char):
            phrase = (self.best(article.within(*statement_range(doc, st.start_char, st.end_char)), article)
                      or self.best(article.within(*paragraph_range(doc, st.start_char)), article)
                      or previous or main)
            if phrase is not None:
                self.assign(doc, st, phrase)
                previous = phrase
        doc._.statements = everything  # a view: the changed statements are written back
        return doc

    def best(self, phrases: list[Phrase], article: ArticleObjects) -> Phrase | None:
        """The phrase most likely the object: specific parts, a complement, an instrument head; then salience."""
        def score(phrase: Phrase) -> tuple:
            specific = sum(part not in self.words.generic for part in phrase.key)
            return (0.5 * specific + phrase.complement + (phrase.head in self.words.policy_heads),
                    article.salience[phrase.key], -phrase.start)

        return max(phrases, key=score) if phrases else None

    def assign(self, doc: Doc, st, phrase: Phrase) -> None:
        key = " ".join(phrase.key)
        words = _words(doc, phrase.words_start, phrase.end)
        # The stance reads no cue among the words that name the object ("et forbud mod X" is no opposition): those
        # of its head; a cue in its complement is read ("kalder afgiften for usocial").
        head = _words(doc, phrase.words_start, phrase.head_end) or words
        st.extra["object_key"] = key
        st.extra["object_phrase"] = phrase.text
        st.extra["object_issue"] = Issue(slug=f"object:{key}:{' '.join(words)}", label=phrase.text,
                                         cap_topic=st.cap_topic or "", triggers=head, for_phrases=self._directions[0],
                                         against_phrases=self._directions[1]).to_dict()  # plain values on the Doc


def _words(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    """The distinct lower-case words of doc[start:end] (hyphenated ones too)."""
    return tuple(dict.fromkeys(t.lower_ for t in doc[start:end] if t.is_alpha or "-" in t.text))


@Language.factory("tracker_objects",
                  requires=["doc._.statements", "doc._.issues", "doc._.mentions", "doc._.paragraphs", "token.lemma"],
                  assigns=["doc._.statements"])
def make_object_tagger(nlp: Language, name: str) -> ObjectTagger:
    return ObjectTagger()
