"""Discovered issues: the policy objects that statements of several articles are about.

The pipeline gives a statement that fits no catalogue issue its policy object: ``object_key``, the phrase
normalised to lemmas and compound parts ("afgift landbrug co2"), and ``object_phrase`` as written ("CO2-afgift
på landbruget"); the statement is stored on its topic's catch-all. Once statements with one key come from at
least ``min_articles`` articles (the setting "discovery_min_articles", default 2; ``tracker issues rebuild
--min-articles N``), the key becomes a *discovered* issue, labelled from its most frequent phrase and its CAP
topic ("CO2-afgift på landbruget (Miljø og klima)"), and its statements move there.

Incremental: after each batch the writer calls ``promote`` with the batch's keys, so only those keys are
counted (an index on statements.object_key); keys mapped already send new statements straight to their issue
(``key_map``). ``rebuild`` recomputes every key from scratch (``bench/discovery.py``: 1,000,000 statements).
Keys a user curated (``tracker issues accept|rename|merge|split``) are kept whatever their counts.
A key "slug:<slug>" sends a catalogue issue's statements to the issue it was merged into.
Copies of one story (tracker.stories) count as one article, and a statement a person rejected
(tracker.corrections) as none: only counted statements not rejected are counted. Every move
of statements is wrapped in ``tracker.tallies.moving``, so the reports' tallies stay equal to a direct count.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterable

import pandas as pd
from sqlalchemy import bindparam, delete, false, func, insert, select, true, update
from sqlalchemy.orm import Session

from tracker.cap import cap_code
from tracker.db.models import Issue, IssueKey, Setting, Statement
from tracker.issue_kinds import DISCOVERED, OTHER, catch_all_label, catch_all_slug, topic_label
from tracker.slugs import slugify
from tracker.tallies import moving

MIN_ARTICLES_KEY = "discovery_min_articles"
DEFAULT_MIN_ARTICLES = 2
ALIAS_PREFIX = "slug:"
CHUNK = 500  # keys per IN (...) list
REINDEX_ROWS = 50_000  # statements moved by a rebuild above which the covering indexes are built anew
STATEMENTS, ISSUES, KEYS = Statement.__table__, Issue.__table__, IssueKey.__table__


def min_articles(session: Session) -> int:
    """How many articles a policy object needs before it becomes an issue."""
    stored = session.get(Setting, MIN_ARTICLES_KEY)
    return int(stored.value) if stored is not None and stored.value.isdigit() else DEFAULT_MIN_ARTICLES


def set_min_articles(session: Session, value: int) -> None:
    session.merge(Setting(key=MIN_ARTICLES_KEY, value=str(max(1, int(value)))))


def key_map(session: Session) -> dict[str, int]:
    """Every mapped key (and "slug:" alias) -> its issue id."""
    return dict(session.execute(select(IssueKey.key, IssueKey.issue_id)).all())


def alias(slug: str) -> str:
    return ALIAS_PREFIX + slug


def promote(session: Session, keys: Iterable[str], minimum: int | None = None) -> dict[str, int]:
    """Make an issue of each of ``keys`` that is not mapped yet and whose statements come from at least
    ``minimum`` articles; returns the new key -> issue id."""
    wanted = sorted({k for k in keys if k})
    if not wanted:
        return {}
    minimum = min_articles(session) if minimum is None else minimum
    ready = []
    for chunk in _chunks(wanted):
        mapped = set(session.scalars(select(IssueKey.key).where(IssueKey.key.in_(chunk))))
        todo = [k for k in chunk if k not in mapped]
        if todo:
            ready += [key for key, n in session.execute(
                select(Statement.object_key, func.count(func.distinct(Statement.article_id)))
                .where(Statement.object_key.in_(todo), Statement.counted == true(), Statement.rejected == false())
                .group_by(Statement.object_key))
                if n >= minimum]
    return create_issues(session, ready)


def create_issues(session: Session, keys: list[str], move: bool = True, known=None) -> dict[str, int]:
    """A discovered issue for each key (label from its most frequent phrase and topic); with ``move``, its
    statements go there at once (a rebuild moves every statement in one UPDATE instead). ``known``: the keys'
    (phrases, topics) when the caller has them."""
    if not keys:
        return {}
    phrases, topics = known or _phrases_and_topics(session, keys)
    taken = set(session.scalars(select(Issue.slug)))
    rows = {}
    for key in keys:
        phrase = best_phrase(phrases[key]) or key
        topic = topics[key].most_common(1)[0][0] if topics[key] else None
        slug = unique_slug(slugify(phrase), taken)
        taken.add(slug)
        rows[key] = dict(slug=slug, label=discovered_label(phrase, topic)[:300], cap_topic=topic,
                         cap_code=cap_code(topic) if topic else None, kind=DISCOVERED)
    session.execute(insert(ISSUES), list(rows.values()))
    ids = {}
    for chunk in _chunks([row["slug"] for row in rows.values()]):
        ids.update(session.execute(select(Issue.slug, Issue.id).where(Issue.slug.in_(chunk))).all())
    created = {key: ids[row["slug"]] for key, row in rows.items()}
    session.execute(insert(KEYS), [dict(key=key, issue_id=id_, curated=False) for key, id_ in created.items()])
    if move:
        with moving(session, *(STATEMENTS.c.object_key.in_(chunk) for chunk in _chunks(list(created)))):
            session.execute(update(STATEMENTS).where(STATEMENTS.c.object_key == bindparam("k"))
                            .values(issue_id=bindparam("i")), [dict(k=key, i=id_) for key, id_ in created.items()])
    return created


def _phrases_and_topics(session: Session, keys: list[str] | None) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """key -> Counter of its phrases, and key -> Counter of the CAP topics of the issues its statements are on
    (one pass over the statements: grouped by key, phrase and issue; the issues' topics looked up after)."""
    phrases: dict[str, Counter] = defaultdict(Counter)
    topics: dict[str, Counter] = defaultdict(Counter)
    topic_of = dict(session.execute(select(Issue.id, Issue.cap_topic)).all())
    for chunk in (_chunks(keys) if keys is not None else [None]):
        where = Statement.object_key.in_(chunk) if chunk is not None else Statement.object_key.is_not(None)
        query = (select(Statement.object_key, Statement.object_phrase, Statement.issue_id, func.count()).where(where)
                 .group_by(Statement.object_key, Statement.object_phrase, Statement.issue_id))
        for key, phrase, issue_id, n in session.execute(query):
            phrases[key][phrase or ""] += n
            if topic_of.get(issue_id):
                topics[key][topic_of[issue_id]] += n
    return phrases, topics


def best_phrase(phrases: Counter) -> str:
    """The most frequent phrase (ties: the shortest, then the first alphabetically)."""
    found = [(n, phrase) for phrase, n in phrases.items() if phrase]
    return min(found, key=lambda item: (-item[0], len(item[1]), item[1]))[1] if found else ""


def discovered_label(phrase: str, topic: str | None) -> str:
    """"Forbud mod engangsplastik (Miljø og klima)": the phrase, capitalised, and the topic's Danish name."""
    text = phrase[:1].upper() + phrase[1:]
    return f"{text} ({topic_label(topic)})" if topic else text


def unique_slug(slug: str, taken: set[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``, ... when it is taken (by an issue or a catalogue row)."""
    if slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"


@dataclass
class Rebuilt:
    keys: int  # keys with statements
    issues: int  # discovered issues after the rebuild
    created: int
    dropped: int

    def line(self) -> str:
        return (f"{self.keys} policy objects, {self.issues} discovered issues "
                f"({self.created} new, {self.dropped} dropped)")


def rebuild(session: Session, minimum: int | None = None) -> Rebuilt:
    """Recompute every key: new keys with enough articles become issues, discovered keys without enough
    lose theirs (their statements go back to their topic's catch-all); curated keys stay. One read of the
    keyed statements gives every count, phrase and topic. Does not commit."""
    minimum = min_articles(session) if minimum is None else minimum
    keyed = KeyedStatements(session)
    mapped = {key: (issue_id, curated) for key, issue_id, curated
              in session.execute(select(IssueKey.key, IssueKey.issue_id, IssueKey.curated))}
    drop = [key for key, (_, curated) in mapped.items()
            if not curated and not key.startswith(ALIAS_PREFIX) and keyed.articles.get(key, 0) < minimum]
    new = [key for key, n in keyed.articles.items() if n >= minimum and key not in mapped]
    with moving(session, STATEMENTS.c.object_key.is_not(None)):
        _demote(session, drop, {key: mapped[key][0] for key in drop})
        created = create_issues(session, new, move=False, known=(keyed.phrases, keyed.topics))
        with _big_cache(session):
            _follow_keys(session, many=keyed.statements_of(new) > REINDEX_ROWS)
    _drop_empty_discovered(session)
    issues = session.scalar(select(func.count()).select_from(Issue).where(Issue.kind == DISCOVERED))
    return Rebuilt(len(keyed.counts), issues, len(created), len(drop))


class KeyedStatements:
    """Every statement with a policy object key, read once: per key its articles, statements, phrases and
    the topics of the issues its statements are on."""

    def __init__(self, session: Session):
        frame = _fetch(session, select(Statement.object_key, Statement.article_id, Statement.object_phrase,
                                       Statement.issue_id, Statement.counted & ~Statement.rejected)
                       .where(Statement.object_key.is_not(None)), ["key", "article", "phrase", "issue", "counted"])
        topic_of = dict(session.execute(select(Issue.id, Issue.cap_topic)).all())
        keys, names = pd.factorize(frame["key"])  # grouping by small integers, not by strings
        phrases, phrase_names = pd.factorize(frame["phrase"].fillna(""))
        topics, topic_names = pd.factorize(frame["issue"].map(topic_of))
        codes = pd.DataFrame({"key": keys, "article": frame["article"].to_numpy(), "phrase": phrases,
                              "topic": topics})
        names, phrase_names, topic_names = list(names), list(phrase_names), list(topic_names)
        counted = codes[frame["counted"].astype(bool).to_numpy()]  # no later copy of a story, no rejected statement
        self.articles: dict[str, int] = {names[k]: int(n) for k, n in
                                         counted.drop_duplicates(["key", "article"]).groupby("key").size().items()}
        self.counts: dict[str, int] = {names[k]: int(n) for k, n in codes.groupby("key").size().items()}
        self.phrases: dict[str, Counter] = defaultdict(Counter)
        for (k, phrase), n in codes.groupby(["key", "phrase"]).size().items():
            self.phrases[names[k]][phrase_names[phrase]] += int(n)
        self.topics: dict[str, Counter] = defaultdict(Counter)
        for (k, topic), n in codes[codes["topic"] >= 0].groupby(["key", "topic"]).size().items():
            self.topics[names[k]][topic_names[topic]] += int(n)

    def statements_of(self, keys: list[str]) -> int:
        return sum(self.counts.get(key, 0) for key in keys)


def _fetch(session: Session, query, columns: list[str]) -> pd.DataFrame:
    """A query without bound values as a DataFrame, read on the raw DB-API cursor (no per-row objects)."""
    connection = session.connection()
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(query.compile(dialect=connection.dialect)))
        return pd.DataFrame.from_records(cursor.fetchall(), columns=columns)
    finally:
        cursor.close()


def _demote(session: Session, keys: list[str], issue_of: dict[str, int]) -> None:
    """The keys lose their issue; their statements go to the catch-all of that issue's topic."""
    if not keys:
        return
    ids = set(issue_of.values())
    topic_of = dict(session.execute(select(Issue.id, Issue.cap_topic).where(Issue.id.in_(ids))).all())
    for chunk in _chunks(keys):
        session.execute(delete(IssueKey).where(IssueKey.key.in_(chunk)))
    by_topic = defaultdict(list)
    for key in keys:
        by_topic[topic_of.get(issue_of[key])].append(key)
    for topic, group in by_topic.items():
        target = catch_all_id(session, topic)
        for chunk in _chunks(group):
            session.execute(update(STATEMENTS).where(STATEMENTS.c.object_key.in_(chunk)).values(issue_id=target))


def catch_all_id(session: Session, topic: str | None) -> int:
    """The id of the topic's catch-all issue, made when missing."""
    slug = catch_all_slug(topic)
    found = session.scalar(select(Issue.id).where(Issue.slug == slug))
    if found is not None:
        return found
    return session.execute(insert(ISSUES).returning(ISSUES.c.id), dict(
        slug=slug, label=catch_all_label(topic), cap_topic=topic, cap_code=cap_code(topic) if topic else None,
        kind=OTHER)).scalar_one()


def _follow_keys(session: Session, many: bool = False) -> None:
    """Every statement with a mapped key on that key's issue (one UPDATE ... FROM issue_keys). When that moves
    ``many`` statements, the covering indexes of statements are dropped first and built again after: sorting
    them anew is much faster than updating them row by row."""
    moving = (STATEMENTS.c.object_key == KEYS.c.key) & (STATEMENTS.c.issue_id != KEYS.c.issue_id)
    rebuilt = [index for index in STATEMENTS.indexes if "issue_id" in index.columns] if many else []
    connection = session.connection()
    for index in rebuilt:
        index.drop(connection)
    session.execute(update(STATEMENTS).where(moving).values(issue_id=KEYS.c.issue_id))
    for index in rebuilt:
        index.create(connection)


@contextmanager
def _big_cache(session: Session, kib: int = 512 * 1024):
    """SQLite: a page cache of ``kib`` KiB while one statement rewrites many rows (the covering indexes of
    statements are updated at scattered places); other databases size their caches themselves."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{kib}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {before}")


def _drop_empty_discovered(session: Session) -> None:
    """Discovered issues left with no key and no statement are deleted."""
    keyed = select(IssueKey.issue_id)
    used = select(Statement.issue_id).where(Statement.issue_id == Issue.id).exists()
    session.execute(delete(Issue).where(Issue.kind == DISCOVERED, Issue.id.not_in(keyed), ~used)
                    .execution_options(synchronize_session=False))


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start:start + size]
