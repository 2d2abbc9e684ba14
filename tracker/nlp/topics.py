"""CAP major topic of each statement (spaCy component "tracker_topics").

Scores the 21 Comparative Agendas Project topics with the weighted Danish word list
``data/topic_lexicon.csv`` (patterns as in ``tracker.nlp.lexicon``: lemmas, compound prefixes and heads).
The statement's own evidence decides; when it has too few topical words, its paragraph, then the
article's headline/lead, then the whole article are added in. Ties go to the topic of the whole article
(whose scores are made only when a statement needs them).
Fills ``StatementCandidate.cap_topic`` with the English CAP name.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from pathlib import Path
from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span

from tracker.datafiles import read_csv
from tracker.nlp.channels import Channels
from tracker.nlp.component import StoredState
from tracker.nlp.lexicon import MEMO_LIMIT, TermIndex, doc_forms
from tracker.nlp.positions import lead_range, paragraph_range, statement_range
from tracker.nlp.roles import RoleWords
from tracker.paths import data_file

# The component's settings (its default_config): a role noun ("finansordfører") names the speaker's
# portfolio, not the subject, so it counts ROLE_WEIGHT; the weight of each context level, and the score
# at which a level is trusted on its own.
ROLE_WEIGHT = 0.5
LEVEL_WEIGHTS = (1.0, 0.5, 0.5, 0.25)  # evidence, paragraph, lead, article
MIN_SCORE = 1.5


class TopicLexicon:
    """Weighted term -> topic list that scores a stretch of text."""

    def __init__(self, entries: list[tuple[str, str, float]], roles: RoleWords | None = None,
                 role_weight: float = ROLE_WEIGHT, channels: Channels = Channels()):
        self.channels = channels  # "skriver hun på Facebook": the channel is no topic word
        self.entries = [(term, topic, float(weight)) for term, topic, weight in entries]
        self.role_weight = role_weight
        self.index = TermIndex(term for term, _, _ in entries)
        self.topics = [topic for _, topic, _ in entries]
        self.weights = [weight for _, _, weight in entries]
        self.roles = roles or RoleWords((), ())
        self._roles: dict[str, bool] = {}
        self._last: tuple[Doc | None, tuple] = (None, ([], [], []))  # the last doc and its weighed matches

    @classmethod
    def load(cls, path: Path | None = None, role_weight: float = ROLE_WEIGHT) -> "TopicLexicon":
        return cls(read_entries(path), RoleWords.bundled(), role_weight, Channels.bundled())

    def is_role(self, token) -> bool:
        """A role compound such as "transportministeren" or "Venstres klimaordfører"."""
        return self.is_role_word(token.lower_)

    def is_role_word(self, lower: str) -> bool:
        """``is_role`` for a token's lower-case text (remembered per word)."""
        role = self._roles.get(lower)
        if role is None:
            if len(self._roles) >= MEMO_LIMIT:
                self._roles.clear()
            role = self._roles[lower] = self.roles.is_role_compound(lower)
        return role

    def scores(self, tokens: Span | Doc) -> dict[str, float]:
        """Topic -> score of ``tokens``. Each token counts once per topic (its best matching term)."""
        if isinstance(tokens, Span):
            return self.scores_at(tokens.doc, tokens.start, tokens.end)
        return self.scores_at(tokens, 0, len(tokens))

    def scores_at(self, doc: Doc, start: int, end: int) -> dict[str, float]:
        """``scores(doc[start:end])``, from one search of the whole doc whose matches are weighed once."""
        starts, ends, weighed = self._weighed(doc)
        best: dict[tuple[int, str], float] = {}
        for i in range(bisect_left(starts, start), bisect_left(starts, end)):
            if ends[i] <= end:
                key, weight = weighed[i]
                best[key] = max(best.get(key, 0.0), weight)
        totals: dict[str, float] = defaultdict(float)
        for (_, topic), weight in best.items():
            totals[topic] += weight
        return dict(totals)

    def _weighed(self, doc: Doc) -> tuple[list[int], list[int], list[tuple[tuple[int, str], float]]]:
        """Start, end and ((start, topic), weight) of each match in the doc, in order (kept for the last
        doc). A match counts in a stretch when it lies wholly inside it (see ``matches_within``)."""
        if self._last[0] is not doc:
            forms = doc_forms(doc)
            matches = [m for m in self.index.find_in(doc) if not self.channels.at(doc, m.start)]
            weighed = [((m.start, self.topics[m.key]),
                        self.weights[m.key] * (self.role_weight if self.is_role_word(forms.form(m.start)[0]) else 1.0))
                       for m in matches]
            self._last = (doc, ([m.start for m in matches], [m.end for m in matches], weighed))
        return self._last[1]


def read_entries(path: Path | None = None) -> list[tuple[str, str, float]]:
    """(term, topic, weight) of each row of ``data/topic_lexicon.csv`` (or another file in its format)."""
    rows = read_csv(path or data_file("topic_lexicon.csv"))
    return [(r["term"], r["topic"].strip(), float(r["weight"] or 1)) for r in rows]


def pick_topic(levels: list[dict[str, float]], tie_breaker: dict[str, float] | Callable[[], dict[str, float]],
               level_weights=LEVEL_WEIGHTS, min_score: float = MIN_SCORE) -> str | None:
    """Add context levels until one topic reaches MIN_SCORE; return the best topic (or None). The
    ``tie_breaker`` (or a function that makes it, called only on a tie) decides between equal scores."""
    total: dict[str, float] = defaultdict(float)
    for level, weight in zip(levels, level_weights):
        if callable(level):
            level = level()
        for topic, score in level.items():
            total[topic] += weight * score
        if total and max(total.values()) >= min_score:
            break
    if not total:
        return None
    rounded = {t: round(s, 6) for t, s in total.items()}
    top = max(rounded.values())
    if sum(1 for s in rounded.values() if s == top) == 1:
        return max(rounded, key=rounded.__getitem__)
    if callable(tie_breaker):
        tie_breaker = tie_breaker()
    return max(total, key=lambda t: (rounded[t], tie_breaker.get(t, 0.0)))


class TopicTagger(StoredState):
    """Sets ``cap_topic`` on every statement of the doc. The lexicon comes from ``initialize(lexicon=...,
    roles=...)`` (default: ``data/topic_lexicon.csv`` and the role words), or is given here."""

    def __init__(self, lexicon: TopicLexicon | None = None, level_weights=LEVEL_WEIGHTS, min_score: float = MIN_SCORE,
                 role_weight: float = ROLE_WEIGHT):
        self.level_weights, self.min_score, self.role_weight = tuple(level_weights), min_score, role_weight
        self.lexicon = lexicon
        self.initialized = lexicon is not None

    def initialize(self, get_examples=None, *, nlp=None, lexicon: list | None = None, roles: dict | None = None) -> None:
        """``lexicon``: [term, topic, weight] rows."""
        self.load_state({"lexicon": read_entries() if lexicon is None else [list(row) for row in lexicon],
                         "roles": RoleWords.bundled().to_dict() if roles is None else roles,
                         "channels": Channels.bundled().to_dict()})

    def state(self) -> dict:
        return {"lexicon": [list(entry) for entry in self.lexicon.entries], "roles": self.lexicon.roles.to_dict(),
                "channels": self.lexicon.channels.to_dict()}

    def load_state(self, data: dict) -> None:
        self.lexicon = TopicLexicon([tuple(row) for row in data["lexicon"]], RoleWords.from_dict(data["roles"]),
                                    self.role_weight, Channels.from_dict(data.get("channels")))
        self.initialized = True

    def __call__(self, doc: Doc) -> Doc:
        self.check_initialized()
        statements = doc._.statements or []
        if not statements:
            return doc
        article: list[dict[str, float]] = []  # the whole article's scores, made when first needed

        def article_scores() -> dict[str, float]:
            if not article:
                article.append(self.lexicon.scores_at(doc, 0, len(doc)))
            return article[0]

        lead = self.lexicon.scores_at(doc, *lead_range(doc))
        scored: dict[tuple[int, int], dict[str, float]] = {}  # by token range: statements share paragraphs

        def scores(bounds: tuple[int, int]) -> dict[str, float]:
            if bounds not in scored:
                scored[bounds] = self.lexicon.scores_at(doc, *bounds)
            return scored[bounds]

        for st in statements:
            own = scores(statement_range(doc, st.start_char, st.end_char))
            para = scores(paragraph_range(doc, st.start_char))
            st.cap_topic = pick_topic([own, para, lead, article_scores], article_scores, self.level_weights,
                                      self.min_score)
        doc._.statements = statements
        return doc


@Language.factory("tracker_topics", requires=["doc._.statements", "doc._.paragraphs", "token.lemma"],
                  assigns=["doc._.cap_topics"],
                  default_config={"level_weights": list(LEVEL_WEIGHTS), "min_score": MIN_SCORE, "role_weight": ROLE_WEIGHT})
def make_topic_tagger(nlp: Language, name: str, level_weights: list[float], min_score: float,
                      role_weight: float) -> TopicTagger:
    return TopicTagger(None, level_weights, min_score, role_weight)
