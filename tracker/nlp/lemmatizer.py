"""The lemmatizer (factory ``tracker_lemmatizer``): spaCy's lookup table of spacy-lookups-data with a
lower-case fallback for capitalised words, set for a whole doc at once."""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.lookups import Lookups, load_lookups
from spacy.tokens import Doc
from spacy.util import ensure_path

from tracker.nlp.component import NotInitialized


class LemmaCache:
    """orth id -> lemma id for a whole doc at once, in C: a fixed-size, direct-mapped cache.

    A word form's slot is its orth id modulo the table size; a slot holds one word form at a time
    (the last one stored), so memory stays flat and a form that lost its slot is simply worked out again.
    """

    def __init__(self, bits: int = 19):  # 2 ** 19 slots: 8 MB
        self.mask = numpy.uint64(2 ** bits - 1)
        self.orths = numpy.zeros(2 ** bits, dtype="uint64")  # 0: an empty slot (no word form has orth 0)
        self.lemmas = numpy.zeros(2 ** bits, dtype="uint64")

    def find(self, orths: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
        """(lemma ids, known): the lemma ids are meaningless where `known` is False."""
        slots = orths & self.mask
        return self.lemmas[slots], self.orths[slots] == orths

    def store(self, orths: numpy.ndarray, lemmas: numpy.ndarray) -> None:
        slots = orths & self.mask
        self.orths[slots] = orths
        self.lemmas[slots] = lemmas


class LookupLemmatizer:
    """spaCy's lookup lemmatizer (the "lemma_lookup" table of spacy-lookups-data) with a lower-case fallback.

    A word form's lemma is the table's entry for it (case-sensitive), else the form itself; a
    capitalised form whose lemma is itself ("Kræver") takes the lemma of its lower case when the
    table has that. Lemmas depend only on the word form, so they are cached by orth id
    (`LemmaCache`) and set for the whole doc with one ``from_array``: no Token objects.
    The table comes from ``initialize()`` (spacy-lookups-data's, unless one is given) and is saved by
    ``to_disk`` as spaCy's own lemmatizer saves it.
    """

    def __init__(self, table=None, lang: str = "da"):
        self.lang = lang
        self.lookups: Lookups | None = None
        self.table = table
        self.cache = LemmaCache()

    def initialize(self, get_examples=None, *, nlp=None, lookups: Lookups | None = None) -> None:
        if lookups is None:
            try:
                lookups = load_lookups(self.lang, ["lemma_lookup"])
            except ValueError as error:  # spaCy's message names the missing package
                raise ValueError(f"the lemmatizer needs spacy-lookups-data for {self.lang!r}: {error}") from error
        self._use(lookups)

    def _use(self, lookups: Lookups) -> None:
        self.lookups, self.table, self.cache = lookups, lookups.get_table("lemma_lookup"), LemmaCache()

    def lemma(self, text: str) -> str:
        """The lemma of one word form."""
        found = self.table.get(text, text)
        lemma = found if isinstance(found, str) else found[0]
        if lemma == text and text[:1].isupper() and text.lower() in self.table:
            return self.table.get(text.lower())
        return lemma

    def __call__(self, doc: Doc) -> Doc:
        if self.table is None:
            raise NotInitialized("the lemmatizer has no table: call nlp.initialize() "
                                 "(or build the pipeline with tracker.nlp.build_pipeline())")
        if not len(doc):
            return doc
        orths = doc.to_array(ORTH)
        lemmas, known = self.cache.find(orths)
        if not known.all():
            lemmas[~known] = self.learn(orths[~known], doc.vocab.strings)
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def learn(self, orths: numpy.ndarray, strings) -> numpy.ndarray:
        """Lemma ids of word forms the cache lacks: worked out, cached, their strings added to `strings`."""
        forms = numpy.unique(orths)
        lemmas = numpy.array([strings.add(self.lemma(strings[orth])) for orth in forms.tolist()], dtype="uint64")
        self.cache.store(forms, lemmas)
        return lemmas[numpy.searchsorted(forms, orths)]

    def _tables(self) -> Lookups:
        if self.lookups is None:
            if self.table is None:
                raise NotInitialized("the lemmatizer has no table to save: call nlp.initialize() first")
            self.lookups = Lookups()
            self.lookups.set_table("lemma_lookup", self.table)
        return self.lookups

    def to_disk(self, path, *, exclude=()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        self._tables().to_disk(path)

    def from_disk(self, path, *, exclude=()):
        self._use(Lookups().from_disk(ensure_path(path)))
        return self

    def to_bytes(self, *, exclude=()) -> bytes:
        return self._tables().to_bytes()

    def from_bytes(self, data: bytes, *, exclude=()):
        self._use(Lookups().from_bytes(data))
        return self


@Language.factory("tracker_lemmatizer", assigns=["token.lemma"])
def make_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    return LookupLemmatizer(lang=nlp.lang)
