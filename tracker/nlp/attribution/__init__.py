"""Who holds a position: statement candidates from quotes and reported speech (factory ``tracker_attribution``).

Direct quotes are paragraphs opening with a dash or a quote mark (and »…« / "…" inside a sentence),
closed by ", siger X", ", lyder det fra X", ", mener X" ...; a quote paragraph without a speaker takes
the speaker of its neighbours in the same run of quote paragraphs. "han"/"hun" is the last person
named who fits. Indirect speech: a group of actors ("Mette Testesen (V)", "Venstre og SF") that is
the subject of a cue verb ("mener", "kræver", "er imod", "går sammen om", "meldte ... ud, at"), stands
right after one ("Det mener X", "stemte også X for", "Det samme gør X"), follows a preposition of
support or authorship ("ifølge X", "kritik fra X", "bakkes op af X", "en aftale med X"), owns an aim
("Socialdemokratiets mål er"), or is a side of a debate. Objects are no speakers ("at presse X til",
"opfordrer X til", "regeringens plan, som X præsenterer"). Parties named as such give party rows
(speaker None) where no person speaks in the sentence.

Rooms, in the order an article is read: ``words`` (the cue lists of ``data/speech_verbs.toml``),
``article`` (text, tokens, sentences, mentions), ``quotes`` (quote paragraphs and attributions),
``references`` (pronouns, role, party and collective nouns), ``actors`` (who may hold a position in a
sentence), ``subjects`` (actors grouped into one subject), ``cue_after`` and ``cue_before`` (the words that
make a group hold a position), ``speakers`` (the speakers of quotes), ``candidates`` (the statements).
For speed only the sentences with a mention, or with a word that may refer back to one (a lexeme flag),
are read for reported speech.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from tracker.nlp.attribution.actors import Actor, Actors
from tracker.nlp.attribution.article import ArticleText
from tracker.nlp.attribution.candidates import Candidates, Scores
from tracker.nlp.attribution.cue_after import CuesAfter
from tracker.nlp.attribution.cue_before import CuesBefore
from tracker.nlp.attribution.quotes import Quotes
from tracker.nlp.attribution.references import NAME_LIKE, NamesFrom, References
from tracker.nlp.attribution.speakers import QuoteSpeakers
from tracker.nlp.attribution.subjects import Group, Subjects
from tracker.nlp.attribution.words import AttributionWords
from tracker.nlp.mentions.names import build_first_name_genders
from tracker.nlp.model import StatementCandidate

__all__ = ["Attributor", "AttributionWords", "ArticleText", "Actor", "Actors", "Candidates", "CuesAfter",
           "CuesBefore", "Group", "NAME_LIKE", "NamesFrom", "QuoteSpeakers", "Quotes", "References", "Scores",
           "Subjects", "read_article"]


def read_article(doc: Doc, words: AttributionWords, first_names: dict[str, str],
                 row_parties: set[str] | None, scores: Scores = Scores()) -> list[StatementCandidate]:
    """The statement candidates of a doc whose mentions are found, in text order."""
    article = ArticleText(doc, words)
    quotes = Quotes(article)
    references = References(article, quotes, first_names, row_parties)
    actors = Actors(article, quotes, references)
    subjects = Subjects(article)
    after = CuesAfter(article, subjects)
    before = CuesBefore(article, after)
    candidates = Candidates(article, quotes, actors, subjects, after, before, scores)
    spoken = candidates.indirect_statements()
    speakers = QuoteSpeakers(article, quotes, actors, subjects, before, spoken)
    return sorted(spoken + candidates.quote_statements(speakers), key=lambda c: c.start_char)


class Attributor:
    """The component; ``registry`` is an attribute set by `build_pipeline`."""

    def __init__(self, words: AttributionWords, registry=None):
        self.words = words
        self.registry = registry
        self._genders_for = None
        self._first_names: dict[str, str] = {}

    def first_names(self) -> dict[str, str]:
        if self.registry is not None and self._genders_for is not self.registry:
            self._first_names = build_first_name_genders(self.registry)
            self._genders_for = self.registry
        return self._first_names

    def national_parties(self) -> set[str] | None:
        if self.registry is None:
            return None
        return {p.name for p in self.registry.parties if p.scope == "national"}

    def __call__(self, doc: Doc) -> Doc:
        doc._.statements = read_article(doc, self.words, self.first_names(), self.national_parties())
        return doc


@Language.factory("tracker_attribution")
def make_attributor(nlp: Language, name: str) -> Attributor:
    words = AttributionWords.bundled()
    words.reference_flag(nlp.vocab)  # added now, so the words of the vocab are not all tested at the first article
    return Attributor(words)
