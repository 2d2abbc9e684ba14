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
from tracker.nlp.lexicon import MEMO_LIMIT, TermIndex, doc_forms
from tracker.nlp.positions import lead_range, paragraph_range, statement_range
from tracker.nlp.roles import RoleWords
from tracker.paths import data_file

ROLE_WEIGHT = 0.5  # a role noun ("finansordfører") names the speaker's portfolio, not the subject
# Weight of each context level, and the score at which a level is trusted on its own.
LEVEL_WEIGHTS = (1.0, 0.5, 0.5, 0.25)  # evidence, paragraph, lead, article
MIN_SCORE = 1.5


class TopicLexicon:
    """Weighted term -> topic list that scores a stretch of text."""

    def __init__(self, entries: list[tuple[str, str, float]], roles: RoleWords | None = None):
        self.index = TermIndex(term for term, _, _ in entries)
        self.topics = [topic for _, topic, _ in entries]
        self.weights = [weight for _, _, weight in entries]
        self.roles = roles or RoleWords((), ())
        self._roles: dict[str, bool] = {}
        self._last: tuple[Doc | None, tuple] = (None, ([], [], []))  # the last doc and its weighed matches

    @classmethod
    def load(cls, path: Path | None = None) -> "TopicLexicon":
        rows = read_csv(path or data_file("topic_lexicon.csv"))
        entries = [(r["term"], r["topic"].strip(), float(r["weight"] or 1)) for r in rows]
        return cls(entries, RoleWords.bundled())

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
            matches = self.index.find_in(doc)
            weighed = [((m.start, self.topics[m.key]),
                        self.weights[m.key] * (ROLE_WEIGHT if self.is_role_word(forms.form(m.start)[0]) else 1.0))
                       for m in matches]
            self._last = (doc, ([m.start for m in matches], [m.end for m in matches], weighed))
        return self._last[1]


def pick_topic(levels: list[dict[str, float]], tie_breaker: dict[str, float] | Callable[[], dict[str, float]]
               ) -> str | None:
    """Add context levels until one topic reaches MIN_SCORE; return the best topic (or None). The
    ``tie_breaker`` (or a function that makes it, called only on a tie) decides between equal scores."""
    total: dict[str, float] = defaultdict(float)
    for level, weight in zip(levels, LEVEL_WEIGHTS):
        if callable(level):
            level = level()
        for topic, score in level.items():
            total[topic] += weight * score
        if total and max(total.values()) >= MIN_SCORE:
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


class TopicTagger:
    """Sets ``cap_topic`` on every statement of the doc."""

    def __init__(self, lexicon: TopicLexicon | None = None):
        self.lexicon = lexicon or TopicLexicon.load()

    def __call__(self, doc: Doc) -> Doc:
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
            st.cap_topic = pick_topic([own, para, lead, article_scores], tie_breaker=article_scores)
        return doc


@Language.factory("tracker_topics")
def make_topic_tagger(nlp: Language, name: str) -> TopicTagger:
    return TopicTagger()
