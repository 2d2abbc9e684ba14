"""The schema: SQLAlchemy 2 typed ORM models.

Change it only together with an Alembic migration in `migrations/versions/`
(`alembic revision --autogenerate -m "..."`); `tests/test_migrations.py` fails when they disagree.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (JSON, BigInteger, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, LargeBinary,
                        MetaData, String, Text, false)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import false

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Party(Base):
    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(16), unique=True)  # "V", "S", "KF", ...
    name: Mapped[str] = mapped_column(String(100))  # canonical short name: "Venstre", "Konservative"
    official_name: Mapped[str | None] = mapped_column(String(200))
    letter: Mapped[str | None] = mapped_column(String(4))  # ballot letter
    abbreviations: Mapped[str] = mapped_column(Text, default="")  # ";"-separated news abbreviations
    variants: Mapped[str] = mapped_column(Text, default="")  # ";"-separated names, genitives, ...
    founded: Mapped[date | None] = mapped_column(Date)
    dissolved: Mapped[date | None] = mapped_column(Date)
    scope: Mapped[str] = mapped_column(String(20), default="national")
    in_folketing_2022: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(20), default="bundled")  # "bundled" or "user"


class Politician(Base):
    __tablename__ = "politicians"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), index=True)
    variants: Mapped[str] = mapped_column(Text, default="")  # ";"-separated other names
    gender: Mapped[str | None] = mapped_column(String(1))
    discovered: Mapped[bool] = mapped_column(Boolean, default=False)  # first met in an article
    source: Mapped[str] = mapped_column(String(20), default="bundled")  # "bundled", "user", "article"

    affiliations: Mapped[list[Affiliation]] = relationship(
        back_populates="politician", cascade="all, delete-orphan", order_by="Affiliation.start"
    )


class Affiliation(Base):
    __tablename__ = "affiliations"

    id: Mapped[int] = mapped_column(primary_key=True)
    politician_id: Mapped[int] = mapped_column(ForeignKey("politicians.id", ondelete="CASCADE"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), index=True)
    start: Mapped[date | None] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date)
    role: Mapped[str | None] = mapped_column(String(100))  # MP, minister, candidate, ...
    role_detail: Mapped[str | None] = mapped_column(String(300))
    basis: Mapped[str | None] = mapped_column(String(100))  # dated, undated, observed YYYY-MM-DD

    politician: Mapped[Politician] = relationship(back_populates="affiliations")
    party: Mapped[Party] = relationship()


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the normalised text
    source: Mapped[str] = mapped_column(String(500))  # file name, URL or id
    outlet: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(1000))
    published: Mapped[date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[str | None] = mapped_column(String(8))  # "day", "month" or None
    title: Mapped[str | None] = mapped_column(Text)  # title or lead
    text: Mapped[str] = mapped_column(Text)
    meta: Mapped[dict | None] = mapped_column(JSON)  # other fields of the input (JSONL/CSV)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    pipeline_version: Mapped[str] = mapped_column(String(20))
    # The story (tracker/stories.py): the id of its first stored article, whose statements count; this
    # article's MinHash signature (uint32 values), None for a text without words.
    story_id: Mapped[int | None] = mapped_column(Integer, index=True)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)

    statements: Mapped[list[Statement]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )


class StoryBand(Base):
    """One LSH band key of an article's signature: articles sharing a key are candidate copies."""

    __tablename__ = "story_bands"
    __table_args__ = {"sqlite_with_rowid": False}  # SQLite: the rows live in the key's B-tree (one fewer to write)

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True,
                                            index=True)


class Job(Base):
    """An article waiting for extraction (tracker/queue.py): claimed by a worker with SELECT ... FOR UPDATE
    SKIP LOCKED on PostgreSQL, deleted in the transaction that writes its statements."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), unique=True)
    queued_at: Mapped[datetime] = mapped_column(DateTime)
    error: Mapped[str | None] = mapped_column(Text)  # why extraction failed; such a job waits for --retry
    # failed attempts so far; at the limit (tracker.queue.MAX_ATTEMPTS) the job is failed (error set)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Issue(Base):
    __tablename__ = "issues"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    label: Mapped[str] = mapped_column(String(300))  # Danish label, phrased so a stance reads against it
    cap_code: Mapped[int | None] = mapped_column(Integer)
    cap_topic: Mapped[str | None] = mapped_column(String(60), index=True)  # English CAP major topic
    # "catalogue" (bundled or TRACKER_ISSUES), "user" (the user catalogue), "discovered" (found across
    # articles, tracker.discovery) or "other" (a CAP topic's catch-all: "other statements on <topic>").
    kind: Mapped[str] = mapped_column(String(12), default="catalogue", server_default="catalogue")


class IssueKey(Base):
    """A policy object's normalised key (tracker.nlp) and the issue its statements go to."""

    __tablename__ = "issue_keys"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"), index=True)
    curated: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # set by a user


class UserIssue(Base):
    """The user catalogue: issues added by hand, and discovered issues a user accepted or renamed.

    Same columns as data/issues.csv (``tracker issues export`` writes them); it survives reprocess."""

    __tablename__ = "user_issues"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    label: Mapped[str] = mapped_column(String(300))
    cap_topic: Mapped[str | None] = mapped_column(String(60))
    triggers: Mapped[str] = mapped_column(Text, default="")  # ";"-separated patterns, as in data/issues.csv
    for_phrases: Mapped[str] = mapped_column(Text, default="")
    against_phrases: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(20), default="added")  # "added" or "accepted"


class Statement(Base):
    """One position: who (politician and/or party) takes which stance on which issue, with evidence."""

    __tablename__ = "statements"
    __table_args__ = (
        # Covering indexes for the reports (tracker/reports/) and the tallies (tracker/tallies.py): the best
        # quote of a party on an issue; a tally cell's statements (and a party's latest on an issue, month by
        # month); the statements of some days (the part of a month the tallies cannot give). `rejected` ends
        # each (migration 0006) so that leaving out rejected statements still reads only the index.
        # On PostgreSQL they INCLUDE the id (SQLite's indexes hold the rowid anyway), so that the quote picks,
        # which return ids, read the index alone (migration 0008).
        Index("ix_statements_issue_party_stance", "issue_id", "party_id", "stance", "counted", "kind", "confidence",
              "published", "rejected", postgresql_include=["id"]),
        Index("ix_statements_party_issue_month", "party_id", "issue_id", "month", "counted", "stance", "published",
              "rejected", postgresql_include=["id"]),
        Index("ix_statements_published", "published", "party_id", "issue_id", "counted", "stance", "rejected"),
        # the statements of some days within one month (reports.counts: the part of a month the tallies
        # cannot give), found by month and issue (migration 0008)
        Index("ix_statements_month_issue", "month", "issue_id", "party_id", "counted", "stance", "published",
              "rejected"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    politician_id: Mapped[int | None] = mapped_column(ForeignKey("politicians.id"), index=True)  # None: party
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"))
    speaker: Mapped[str | None] = mapped_column(String(200))  # the name as the article writes it
    role: Mapped[str | None] = mapped_column(String(200))  # as written
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id"))
    stance: Mapped[str] = mapped_column(String(10))  # for / against / neutral
    kind: Mapped[str] = mapped_column(String(20))  # direct_quote / indirect
    evidence: Mapped[str] = mapped_column(Text)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    pipeline_version: Mapped[str] = mapped_column(String(20))
    # The policy object of a statement with no concrete issue: its normalised key and the phrase as written.
    object_key: Mapped[str | None] = mapped_column(String(200), index=True)
    object_phrase: Mapped[str | None] = mapped_column(String(300))
    # Copied from the article by tracker.tallies (kept in step by its one function, `keeping`): its date,
    # that date's month as YYYYMM (0 when undated), and False for the statements of a story's later copies.
    published: Mapped[date | None] = mapped_column(Date)
    month: Mapped[int] = mapped_column(Integer, default=0)
    counted: Mapped[bool] = mapped_column(Boolean, default=True)
    # Corrections (tracker/corrections/) are materialised here; the corrections table keeps their history.
    origin: Mapped[str] = mapped_column(String(10), default="pipeline", server_default="pipeline")  # or "user"
    rejected: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    article: Mapped[Article] = relationship(back_populates="statements")
    politician: Mapped[Politician | None] = relationship()
    party: Mapped[Party] = relationship()
    issue: Mapped[Issue] = relationship()


_CELL = ("n_for", "n_against", "n_neutral", "first_day", "last_day")  # a tally cell's values


class MonthTally(Base):
    """Statements per party, issue and month (0: undated), counted or not (a later copy's): the reports'
    counts, kept up to date on every write by tracker.tallies."""

    __tablename__ = "tallies_by_month"
    # Covering indexes (migration 0008): a report reads a range of cells from one index alone, never the
    # table: one issue's, one party's months, or all cells of some months.
    __table_args__ = (Index("ix_tallies_by_month_issue_party", "issue_id", "party_id", "month", "counted", *_CELL),
                      Index("ix_tallies_by_month_party_month", "party_id", "month", "counted", "issue_id", *_CELL),
                      Index("ix_tallies_by_month_month", "month", "counted", "party_id", "issue_id", *_CELL))

    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id"), primary_key=True)
    counted: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    n_for: Mapped[int] = mapped_column(Integer)
    n_against: Mapped[int] = mapped_column(Integer)
    n_neutral: Mapped[int] = mapped_column(Integer)
    first_day: Mapped[date | None] = mapped_column(Date)
    last_day: Mapped[date | None] = mapped_column(Date)


class Tally(Base):
    """MonthTally summed over the months (undated included): the counts of a report without dates."""

    __tablename__ = "tallies"

    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id"), primary_key=True)
    counted: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    n_for: Mapped[int] = mapped_column(Integer)
    n_against: Mapped[int] = mapped_column(Integer)
    n_neutral: Mapped[int] = mapped_column(Integer)
    first_day: Mapped[date | None] = mapped_column(Date)
    last_day: Mapped[date | None] = mapped_column(Date)


class Correction(Base):
    """One correction of a statement by a person: reject it, fix a field, or add a missed one.

    Its anchor (article, evidence span, and the speaker and party the pipeline gave) re-attaches it to the new
    extraction after `tracker reprocess`; `status` is "applied" or "unmatched" (it no longer fits).
    """

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    statement_id: Mapped[int | None] = mapped_column(ForeignKey("statements.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(10))  # reject / fix / add
    field: Mapped[str | None] = mapped_column(String(20))  # fix: speaker, party, issue, stance or kind
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    evidence: Mapped[str] = mapped_column(Text)
    extracted_speaker: Mapped[str | None] = mapped_column(String(200))  # as the pipeline gave them
    extracted_party: Mapped[str | None] = mapped_column(String(16))  # party key
    author: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="applied")


class Setting(Base):
    """Small key/value facts about the database (e.g. the registry files' fingerprint)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
