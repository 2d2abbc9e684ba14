"""Who holds a position: statement candidates from quotes and reported speech (factory ``tracker_attribution``).

Direct quotes are paragraphs opening with a dash or a quote mark (and »…« / "…" inside a sentence),
closed by ", siger X", ", lyder det fra X", ", mener X" ...; a quote paragraph without a speaker takes
the speaker of its neighbours in the same run of quote paragraphs. "han"/"hun" is the last person
named who fits. Indirect speech: a group of actors ("Mette Testesen (V)", "Venstre og SF") that is
the subject of a cue verb ("mener", "kræver", "er imod", "går sammen om", "meldte ... ud, at"), stands
right after one ("Det mener X", "stemte også X for", "Det samme gør X"), follows a preposition of
support or authorship ("ifølge X", "kritik fra X", "bakkes op af X", "en aftale med X"), owns an aim
("Socialdemokratiets mål er"), or is a side of a debate. An overview ("* Ønsker ikke at hæve afgiften:" over
a paragraph that only lists parties) gives each party listed the heading's position (``overviews``). Objects are no speakers ("at presse X til",
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
from tracker.nlp.attribution.overviews import Overviews
from tracker.nlp.attribution.quotes import Quotes
from tracker.nlp.attribution.references import NAME_LIKE, NamesFrom, References
from tracker.nlp.attribution.speakers import QuoteSpeakers
from tracker.nlp.attribution.subjects import Group, Subjects
from tracker.datafiles import read_toml
from tracker.nlp.attribution.words import FUNCTION_WORDS, AttributionWords
from tracker.nlp.component import StoredState
from tracker.nlp.mentions.names import build_first_name_genders
from tracker.nlp.model import StatementCandidate
from tracker.nlp.roles import RoleWords
from tracker.paths import data_file
from tracker.registry import Registry

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
    listed = Overviews(article, scores.party).statements()
    return sorted(spoken + candidates.quote_statements(speakers) + listed, key=lambda c: c.start_char)


class Attributor(StoredState):
    """The component. Its settings (how sure it is of each kind of candidate, ``Scores``) come through the
    config; ``initialize(registry=..., cues=..., function_words=..., roles=...)`` gives it its word lists
    (default: ``data/``) and what it needs of the registry (first names' genders, the national parties);
    ``to_disk`` keeps both."""

    def __init__(self, nlp: Language, scores: Scores):
        self.vocab, self.scores = nlp.vocab, scores
        self.words: AttributionWords | None = None
        self.first_names: dict[str, str] = {}
        self.row_parties: set[str] | None = None

    def initialize(self, get_examples=None, *, nlp=None, registry: Registry | None = None, cues: dict | None = None,
                   function_words: dict | None = None, roles: dict | None = None) -> None:
        lists = read_toml(data_file("speech_verbs.toml")) if cues is None else dict(cues)
        function_words = read_toml(data_file("function_words.toml")) if function_words is None else function_words
        lists.update({name: function_words[name] for name in FUNCTION_WORDS})
        registry = Registry.bundled() if registry is None else registry
        self.load_state({"lists": lists, "roles": RoleWords.bundled().to_dict() if roles is None else roles,
                         "first_names": build_first_name_genders(registry),
                         "row_parties": sorted(p.name for p in registry.parties if p.scope == "national")})

    def state(self) -> dict:
        return {**self.words.source, "first_names": self.first_names, "row_parties": sorted(self.row_parties)}

    def load_state(self, data: dict) -> None:
        self.words = AttributionWords(data["lists"], RoleWords.from_dict(data["roles"]))
        self.words.reference_flag(self.vocab)  # added now, so the words of the vocab are not all tested later
        self.first_names, self.row_parties = dict(data["first_names"]), set(data["row_parties"])
        self.initialized = True

    def __call__(self, doc: Doc) -> Doc:
        self.check_initialized()
        doc._.statements = read_article(doc, self.words, self.first_names, self.row_parties, self.scores)
        return doc


@Language.factory("tracker_attribution",
                  requires=["token.is_sent_start", "token.lemma", "doc._.paragraphs", "doc._.mentions"],
                  assigns=["doc._.statements"],
                  default_config={"quote_score": Scores.own_quote, "inherited_quote_score": Scores.inherited_quote,
                                  "person_score": Scores.person, "party_score": Scores.party,
                                  "together_score": Scores.together})
def make_attributor(nlp: Language, name: str, quote_score: float, inherited_quote_score: float, person_score: float,
                    party_score: float, together_score: float) -> Attributor:
    return Attributor(nlp, Scores(quote_score, inherited_quote_score, person_score, party_score, together_score))
