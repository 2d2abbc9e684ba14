"""Writing articles and their statements, idempotently.

An article is identified by the SHA-256 of its normalised text: storing it again adds nothing.
Statements are written in the same transaction as their article, so an article never has half of them.
Writers take turns (tracker.db.locks), so several ingest processes can share one database.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from tracker import PIPELINE_VERSION
from tracker.db.locks import lock_for_writing
from tracker.db.models import Affiliation, Article, Issue, Party, Politician, Statement
from tracker.nlp.model import StatementCandidate
from tracker.sources import ArticleInput

FALLBACK_ISSUE = ("uden-emne", "Uden emne", None)
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # NUL and lone surrogates: no database takes them


def content_hash(text: str) -> str:
    """Hash of the text with Unicode, line endings and runs of white space normalised."""
    normal = re.sub(r"\s+", " ", unicodedata.normalize("NFC", storable(text))).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def storable(text: str) -> str:
    """The text with NUL characters and lone surrogates replaced by U+FFFD (offsets stay the same)."""
    return UNSTORABLE.sub("\ufffd", text)


def fit_row(table: Table, values: dict) -> dict:
    """Values as both databases can store them: storable text, cut to its column's length."""
    fitted = {}
    for name, value in values.items():
        if isinstance(value, str):
            value = storable(value)[:getattr(table.c[name].type, "length", None)]
        fitted[name] = value
    return fitted


@dataclass
class Saved:
    article_id: int | None  # None when the article was a duplicate
    statements: int


class StatementWriter:
    """Turns StatementCandidates into rows; caches parties, issues and politicians per session.

    Creating one takes the database's write lock (held until the session's transaction ends).
    """

    def __init__(self, session: Session, pipeline_version: str = PIPELINE_VERSION):
        lock_for_writing(session)
        self.session = session
        self.pipeline_version = pipeline_version
        self.parties = {p.name: p.id for p in session.scalars(select(Party))}
        self.issues = {slug: id_ for id_, slug in session.execute(select(Issue.id, Issue.slug))}
        self.politicians = {key: id_ for id_, key in session.execute(select(Politician.id, Politician.key))}

    def save_article(self, article: ArticleInput, candidates: list[StatementCandidate]) -> Saved:
        """Insert the article unless its text is known; then its statements. Does not commit."""
        article_id = self._insert_article(article)
        if article_id is None:
            return Saved(None, 0)
        return Saved(article_id, self.write_statements(article_id, article.published, candidates))

    def replace_statements(self, article_id: int, published: date | None,
                           candidates: list[StatementCandidate]) -> int:
        """Swap an article's statements for new ones (reprocess). Does not commit."""
        self.session.execute(delete(Statement).where(Statement.article_id == article_id))
        self.session.execute(Article.__table__.update().where(Article.id == article_id)
                             .values(pipeline_version=self.pipeline_version))
        return self.write_statements(article_id, published, candidates)

    def write_statements(self, article_id: int, published: date | None,
                         candidates: list[StatementCandidate]) -> int:
        rows = [self._statement_row(article_id, published, c) for c in candidates]
        rows = [fit_row(Statement.__table__, row) for row in rows if row is not None]
        if rows:
            self.session.execute(insert(Statement), rows)
        return len(rows)

    def _insert_article(self, article: ArticleInput) -> int | None:
        values = dict(
            content_hash=content_hash(article.text), source=article.source, outlet=article.outlet,
            url=article.url, published=article.published, date_precision=article.date_precision,
            title=article.title, text=article.text, meta=article.metadata or None,
            ingested_at=datetime.now(timezone.utc).replace(tzinfo=None), pipeline_version=self.pipeline_version)
        values = fit_row(Article.__table__, values)
        statement = _insert_ignoring_duplicates(self.session, values).returning(Article.id)
        return self.session.execute(statement).scalar()

    def _statement_row(self, article_id: int, published: date | None, c: StatementCandidate) -> dict | None:
        party_id = self.parties.get(c.party)
        if party_id is None:
            return None
        return dict(
            article_id=article_id, politician_id=self._politician_id(c, party_id, published), party_id=party_id,
            speaker=c.speaker, role=c.role, issue_id=self._issue_id(c), stance=c.stance or "for", kind=c.kind,
            evidence=c.evidence, start_char=c.start_char, end_char=c.end_char, confidence=c.confidence,
            pipeline_version=self.pipeline_version)

    def _politician_id(self, c: StatementCandidate, party_id: int, published: date | None) -> int | None:
        if c.speaker is None:
            return None
        key = c.politician_key or f"article:{c.speaker}"
        if key not in self.politicians:
            self.politicians[key] = self._discover(key, c.speaker, party_id, published)
        return self.politicians[key]

    def _discover(self, key: str, name: str, party_id: int, published: date | None) -> int:
        """A person the registry lacks: stored with the party the article gives, flagged discovered."""
        politician = Politician(**fit_row(Politician.__table__, dict(key=key, full_name=name)),
                                discovered=True, source="article")
        politician.affiliations.append(Affiliation(party_id=party_id, start=published, end=None,
                                                   basis="article"))
        self.session.add(politician)
        self.session.flush()
        return politician.id

    def _issue_id(self, c: StatementCandidate) -> int:
        slug, label, topic = (c.issue, c.issue_label or c.issue, c.cap_topic) if c.issue else FALLBACK_ISSUE
        if slug not in self.issues:
            issue = Issue(**fit_row(Issue.__table__, dict(slug=slug, label=label, cap_topic=topic)),
                          cap_code=_cap_code(topic))
            self.session.add(issue)
            self.session.flush()
            self.issues[slug] = issue.id
        return self.issues[slug]


def _insert_ignoring_duplicates(session: Session, values: dict):
    """INSERT ... ON CONFLICT (content_hash) DO NOTHING, in the database's own dialect."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(Article).values(**values).on_conflict_do_nothing(index_elements=["content_hash"])


def _cap_code(topic: str | None) -> int | None:
    from tracker.cap import cap_code

    return cap_code(topic) if topic else None
