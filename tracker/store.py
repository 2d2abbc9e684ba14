"""Writing articles and their statements, idempotently.

An article is identified by the SHA-256 of its normalised text: storing it again adds nothing.
Storing and extracting are two steps (tracker.queue): `store_articles` inserts the raw articles, puts
them into stories (near-duplicate copies, tracker.stories) and queues them, in one transaction;
`write_statements` later writes an article's statements, all of them in one transaction, so an article
never has half of them. `save_articles` does both at once. Writers take turns (tracker.db.locks), so
several processes can share one database. A batch of articles takes one prebuilt Core INSERT with one list
of rows (``ON CONFLICT (content_hash) DO NOTHING RETURNING id, content_hash``), their statements another.
A statement with no concrete issue keeps its policy object (``extra["object_key"]``/``["object_phrase"]``);
after each write the batch's keys are handed to tracker.discovery, which makes issues of those met in
enough articles; keys mapped already send a statement straight to their issue.
"""

from __future__ import annotations

import hashlib
import math
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
from tracker.queue import enqueue_new, take
from tracker.search.index import index_articles
from tracker.sources import ArticleInput
from tracker.stories import group_articles, reelect, stored_config
from tracker.tallies import keeping, month_of

FALLBACK_ISSUE = ("uden-emne", "Uden emne", None)  # a statement without issue or topic
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # NUL and lone surrogates: no database takes them
ARTICLES, STATEMENTS = Article.__table__, Statement.__table__
POLITICIANS, AFFILIATIONS, ISSUES = Politician.__table__, Affiliation.__table__, Issue.__table__
INSERT_STATEMENTS = insert(STATEMENTS)


def content_hash(text: str) -> str:
    """Hash of the text with Unicode, line endings and runs of white space normalised: the SHA-256 of
    ``" ".join(unicodedata.normalize("NFC", storable(text)).split())``, worked out a megabyte at a time."""
    return _remembered_hash(text) if len(text) <= REMEMBERED_CHARS else _hash(text)


REMEMBERED_CHARS = 65_536  # texts up to this long are hashed once for the duplicate check and the insert
HASH_CHUNK = 1 << 20
WHITE_SPACE = re.compile(r"\s")  # what str.split() splits at


@lru_cache(maxsize=256)
def _remembered_hash(text: str) -> str:
    return _hash(text)


def _hash(text: str) -> str:
    """The hash of content_hash, in chunks cut just after a white-space character: no word spans two
    chunks, and NFC never joins a character to white space before it, so the chunks normalise alone."""
    digest, start, joined = hashlib.sha256(), 0, False
    while start < len(text):
        space = WHITE_SPACE.search(text, start + HASH_CHUNK) if len(text) - start > HASH_CHUNK else None
        end = space.end() if space else len(text)
        words = unicodedata.normalize("NFC", storable(text[start:end])).split()
        if words:
            digest.update(((" " if joined else "") + " ".join(words)).encode("utf-8"))
            joined = True
        start = end
    return digest.hexdigest()


def storable(text: str) -> str:
    """The text with NUL characters and lone surrogates replaced by U+FFFD (offsets stay the same)."""
    return UNSTORABLE.sub("\ufffd", text)


def json_safe(value):
    """Metadata as every database stores it: NaN and infinities (which Python's json writes, and
    PostgreSQL's JSON refuses) become null; the rest as it is."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    return value


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
        self.story_config = stored_config(session)

    def save_article(self, article: ArticleInput, candidates: list[StatementCandidate]) -> Saved:
        """Insert the article unless its text is known; then its statements. Does not commit."""
        return self.save_articles([(article, candidates)])[0]

    def store_articles(self, articles: list[ArticleInput]) -> list[int | None]:
        """Insert the articles whose text is new, put them into stories and queue them for extraction:
        their ids (None for a text known already or earlier in the list). Does not commit."""
        ids = self._insert_articles(articles)
        new = [(id_, article.text) for article, id_ in zip(articles, ids) if id_ is not None]
        group_articles(self.session, new, self.story_config)
        enqueue_new(self.session, [id_ for id_, _ in new])
        index_articles(self.session, [id_ for id_, _ in new], tables=("articles",))
        return ids

    def save_articles(self, items: list[tuple[ArticleInput, list[StatementCandidate]]]) -> list[Saved]:
        """Store each (article, candidates) and write its statements at once (its job done), with one
        INSERT for the articles and one for all their statements. Does not commit."""
        ids = self.store_articles([article for article, _ in items])
        written = self.write_statements([(id_, article.published, candidates)
                                         for (article, candidates), id_ in zip(items, ids) if id_ is not None])
        return [Saved(id_, written.get(id_, 0)) for id_ in ids]

    def write_statements(self, extracted: list[tuple[int, date | None, list[StatementCandidate]]],
                         discover: bool = True) -> dict[int, int]:
        """Write the statements of extracted articles ((id, date, candidates)) whose jobs are still this
        process's to do (tracker.queue.take), replacing the pipeline's statements they had (those a person
        added stay; tracker.corrections.reattach puts the corrections back): {article id: statements
        written}. An article done meanwhile by another worker is left out. Does not commit."""
        ids = [article_id for article_id, _, _ in extracted]
        mine = take(self.session, ids)
        extracted = [item for item in extracted if item[0] in mine]
        done = [article_id for article_id, _, _ in extracted]
        if not done:
            return {}
        written, rows = {}, []
        with keeping(self.session, done):
            self.session.execute(delete(Statement).where(Statement.article_id.in_(done),
                                                         Statement.origin == "pipeline"))
            self.session.execute(ARTICLES.update().where(ARTICLES.c.id.in_(done))
                                 .values(pipeline_version=self.pipeline_version))
            for article_id, published, candidates in extracted:
                found = self._statement_rows(article_id, published, candidates)
                written[article_id] = len(found)
                rows += found
            if rows:
                self.session.execute(INSERT_STATEMENTS, rows)
        index_articles(self.session, done, tables=("statements",))
        if discover:
            self.promote()
        return written

    def promote(self) -> None:
        """Let discovery look at the policy objects written since the last time (it keeps the tallies of
        the statements it moves itself); write_statements does it unless told not to (`discover=False`:
        the caller first puts people's corrections back, tracker.corrections.reattach)."""
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
            title=article.title, text=article.text, meta=json_safe(article.metadata) or None,
            ingested_at=datetime.now(timezone.utc).replace(tzinfo=None), pipeline_version=self.pipeline_version))

    def _statement_rows(self, article_id: int, published: date | None,
                        candidates: list[StatementCandidate]) -> list[dict]:
        rows = (self.statement_row(article_id, published, c) for c in candidates)
        return [fit_row(STATEMENTS, row) for row in rows if row is not None]

    def statement_row(self, article_id: int, published: date | None, c: StatementCandidate) -> dict | None:
        """The row of one candidate (None when its party is unknown); makes its issue and person if new."""
        party_id = self.parties.get(c.party)
        if party_id is None:
            return None
        issue_id, key = self.issue_id(c), None
        if is_catch_all_slug(c.issue) and c.extra.get("object_key"):
            key = c.extra["object_key"][:200]
            if key in self.keys:
                issue_id = self.keys[key]
            else:
                self.new_keys.add(key)
        return dict(
            article_id=article_id, politician_id=self.politician_id(c, party_id, published), party_id=party_id,
            speaker=c.speaker, role=c.role, issue_id=issue_id, stance=c.stance or "for", kind=c.kind,
            evidence=c.evidence, start_char=c.start_char, end_char=c.end_char, confidence=c.confidence,
            pipeline_version=self.pipeline_version, published=published, month=month_of(published), object_key=key,
            object_phrase=c.extra.get("object_phrase") if key else None)

    def politician_id(self, c: StatementCandidate, party_id: int, published: date | None) -> int | None:
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

    def issue_id(self, c: StatementCandidate) -> int:
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


def delete_articles(session: Session, article_ids: list[int]) -> None:
    """Delete articles (their statements, jobs and band keys go with them); a story that lost its lead gets
    the next copy as lead, and the tallies follow. Takes the write lock; does not commit."""
    lock_for_writing(session)
    stories = set(session.scalars(select(ARTICLES.c.story_id).where(ARTICLES.c.id.in_(article_ids))))
    with keeping(session, article_ids):
        session.execute(delete(Article).where(Article.id.in_(article_ids)))
    reelect(session, stories - {None})


def _cap_code(topic: str | None) -> int | None:
    from tracker.cap import cap_code

    return cap_code(topic) if topic else None
