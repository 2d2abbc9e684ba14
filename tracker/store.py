"""Writing articles and their statements, idempotently.

An article is identified by the SHA-256 of its normalised text: storing it again adds nothing.
Statements are written in the same transaction as their article, so an article never has half of them.
Writers take turns (tracker.db.locks), so several ingest processes can share one database.
A statement with no concrete issue keeps its policy object (``extra["object_key"]``/``["object_phrase"]``);
after each write the batch's keys are handed to tracker.discovery, which makes issues of those met in
enough articles; keys mapped already send a statement straight to their issue.
A batch of articles takes two prebuilt Core INSERTs, each with one list of rows (executemany): the
articles (``ON CONFLICT (content_hash) DO NOTHING RETURNING id, content_hash``), then all their statements.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache

from sqlalchemy import Insert, Table, delete, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from tracker import PIPELINE_VERSION
from tracker.db.locks import lock_for_writing
from tracker.db.models import Affiliation, Article, Issue, Party, Politician, Statement
from tracker.discovery import alias, key_map, promote
from tracker.issue_kinds import CATALOGUE, OTHER, catch_all_label, is_catch_all_slug
from tracker.nlp.model import StatementCandidate
from tracker.sources import ArticleInput

FALLBACK_ISSUE = ("uden-emne", "Uden emne", None)  # a statement without issue or topic
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # NUL and lone surrogates: no database takes them
ARTICLES, STATEMENTS = Article.__table__, Statement.__table__
POLITICIANS, AFFILIATIONS, ISSUES = Politician.__table__, Affiliation.__table__, Issue.__table__
INSERT_STATEMENTS = insert(STATEMENTS)


@lru_cache(maxsize=256)  # the duplicate check and the insert hash each text once
def content_hash(text: str) -> str:
    """Hash of the text with Unicode, line endings and runs of white space normalised."""
    normal = " ".join(unicodedata.normalize("NFC", storable(text)).split())  # split(): what regex \s+ matches
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def storable(text: str) -> str:
    """The text with NUL characters and lone surrogates replaced by U+FFFD (offsets stay the same)."""
    return UNSTORABLE.sub("\ufffd", text)


def fit_row(table: Table, values: dict) -> dict:
    """Values as both databases can store them: storable text, cut to its column's length."""
    lengths = _column_lengths(table.name)
    return {name: storable(value)[:lengths[name]] if isinstance(value, str) else value
            for name, value in values.items()}


@lru_cache(maxsize=None)
def _column_lengths(table_name: str) -> dict[str, int | None]:
    table = ARTICLES.metadata.tables[table_name]
    return {column.name: getattr(column.type, "length", None) for column in table.c}


@lru_cache(maxsize=None)
def insert_articles(dialect_name: str) -> Insert:
    """INSERT INTO articles ... ON CONFLICT (content_hash) DO NOTHING RETURNING id, content_hash."""
    dialect_insert = postgresql.insert if dialect_name == "postgresql" else sqlite.insert
    return (dialect_insert(ARTICLES).on_conflict_do_nothing(index_elements=["content_hash"])
            .returning(ARTICLES.c.id, ARTICLES.c.content_hash))


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
        self.parties = {name: id_ for id_, name in session.execute(select(Party.id, Party.name))}
        self.issues = {slug: id_ for id_, slug in session.execute(select(Issue.id, Issue.slug))}
        self.politicians = {key: id_ for id_, key in session.execute(select(Politician.id, Politician.key))}
        self.keys = key_map(session)  # policy object key (or "slug:" alias) -> issue id
        self.new_keys: set[str] = set()  # keys written since the last promote()

    def save_article(self, article: ArticleInput, candidates: list[StatementCandidate]) -> Saved:
        """Insert the article unless its text is known; then its statements. Does not commit."""
        return self.save_articles([(article, candidates)])[0]

    def save_articles(self, items: list[tuple[ArticleInput, list[StatementCandidate]]]) -> list[Saved]:
        """`save_article` for each (article, candidates), with one INSERT for the articles and one for
        all their statements. An article whose text is known (or earlier in the list) is a duplicate."""
        ids = self._insert_articles([article for article, _ in items])
        saved, rows = [], []
        for (article, candidates), article_id in zip(items, ids):
            found = [] if article_id is None else self._statement_rows(article_id, article.published, candidates)
            saved.append(Saved(article_id, len(found)))
            rows += found
        self._insert(rows)
        return saved

    def replace_statements(self, article_id: int, published: date | None,
                           candidates: list[StatementCandidate]) -> int:
        """Swap an article's statements for new ones (reprocess). Does not commit."""
        self.session.execute(delete(Statement).where(Statement.article_id == article_id))
        self.session.execute(ARTICLES.update().where(ARTICLES.c.id == article_id)
                             .values(pipeline_version=self.pipeline_version))
        return self.write_statements(article_id, published, candidates)

    def write_statements(self, article_id: int, published: date | None,
                         candidates: list[StatementCandidate]) -> int:
        rows = self._statement_rows(article_id, published, candidates)
        self._insert(rows)
        return len(rows)

    def _insert(self, rows: list[dict]) -> None:
        """Insert statement rows, then let discovery look at their new policy objects."""
        if not rows:
            return
        self.session.execute(INSERT_STATEMENTS, rows)
        if self.new_keys:
            self.keys.update(promote(self.session, self.new_keys))
            self.new_keys.clear()

    def _insert_articles(self, articles: list[ArticleInput]) -> list[int | None]:
        """The new articles' ids; None for a text stored already or earlier in the list."""
        if not articles:
            return []
        rows = {}  # content hash -> row of the first article with that text
        for article in articles:
            row = self._article_row(article)
            rows.setdefault(row["content_hash"], row)
        statement = insert_articles(self.session.get_bind().dialect.name)
        ids = {digest: id_ for id_, digest in self.session.execute(statement, list(rows.values()))}
        # pop: the first article with a new text gets its id, a later one with the same text is a duplicate
        return [ids.pop(content_hash(article.text), None) for article in articles]

    def _article_row(self, article: ArticleInput) -> dict:
        return fit_row(ARTICLES, dict(
            content_hash=content_hash(article.text), source=article.source, outlet=article.outlet,
            url=article.url, published=article.published, date_precision=article.date_precision,
            title=article.title, text=article.text, meta=article.metadata or None,
            ingested_at=datetime.now(timezone.utc).replace(tzinfo=None), pipeline_version=self.pipeline_version))

    def _statement_rows(self, article_id: int, published: date | None,
                        candidates: list[StatementCandidate]) -> list[dict]:
        rows = (self._statement_row(article_id, published, c) for c in candidates)
        return [fit_row(STATEMENTS, row) for row in rows if row is not None]

    def _statement_row(self, article_id: int, published: date | None, c: StatementCandidate) -> dict | None:
        party_id = self.parties.get(c.party)
        if party_id is None:
            return None
        issue_id, key = self._issue_id(c), None
        if is_catch_all_slug(c.issue) and c.extra.get("object_key"):
            key = c.extra["object_key"][:200]
            if key in self.keys:
                issue_id = self.keys[key]
            else:
                self.new_keys.add(key)
        return dict(
            article_id=article_id, politician_id=self._politician_id(c, party_id, published), party_id=party_id,
            speaker=c.speaker, role=c.role, issue_id=issue_id, stance=c.stance or "for", kind=c.kind,
            evidence=c.evidence, start_char=c.start_char, end_char=c.end_char, confidence=c.confidence,
            pipeline_version=self.pipeline_version, object_key=key,
            object_phrase=c.extra.get("object_phrase") if key else None)

    def _politician_id(self, c: StatementCandidate, party_id: int, published: date | None) -> int | None:
        if c.speaker is None:
            return None
        key = c.politician_key or f"article:{c.speaker}"
        if key not in self.politicians:
            self.politicians[key] = self._discover(key, c.speaker, party_id, published)
        return self.politicians[key]

    def _discover(self, key: str, name: str, party_id: int, published: date | None) -> int:
        """A person the registry lacks: stored with the party the article gives, flagged discovered."""
        row = fit_row(POLITICIANS, dict(key=key, full_name=name, discovered=True, source="article"))
        politician_id = self.session.execute(insert(POLITICIANS).returning(POLITICIANS.c.id), row).scalar_one()
        self.session.execute(insert(AFFILIATIONS), dict(politician_id=politician_id, party_id=party_id,
                                                        start=published, end=None, basis="article"))
        return politician_id

    def _issue_id(self, c: StatementCandidate) -> int:
        """The issue's id (made on first use); a catalogue issue merged into another gives the other's."""
        slug, label, topic = (c.issue, c.issue_label or c.issue, c.cap_topic) if c.issue else FALLBACK_ISSUE
        if alias(slug) in self.keys:
            return self.keys[alias(slug)]
        if slug not in self.issues:
            kind = OTHER if is_catch_all_slug(slug) else c.extra.get("issue_kind", CATALOGUE)
            label = catch_all_label(topic) if kind == OTHER else label
            row = fit_row(ISSUES, dict(slug=slug, label=label, cap_topic=topic, cap_code=_cap_code(topic), kind=kind))
            self.issues[slug] = self.session.execute(insert(ISSUES).returning(ISSUES.c.id), row).scalar_one()
        return self.issues[slug]


def _cap_code(topic: str | None) -> int | None:
    from tracker.cap import cap_code

    return cap_code(topic) if topic else None
