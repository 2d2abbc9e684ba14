"""Tallies: the reports' counts, kept on every write, so a report reads a few thousand rows, not millions.

    with keeping(session, article_ids):     # THE one function every writer of statements goes through
        ... insert, delete or change those articles' statements, their dates or their stories ...

Every statement carries copies of what the reports filter on (statements.published, .month = YYYYMM or 0
when undated, .counted = False for the statements of a story's later copy, tracker.stories), and two
tables hold the counts:

- tallies_by_month: for, against and neutral statements (and the first and last day) per month, party,
  issue and counted (a *cell*);
- tallies: the same summed over the months (undated included), for the reports without dates.

Statements a person rejected (tracker.corrections) are in no tally, as scope.narrow leaves them out.

`keeping` notes the cells the articles' statements are in before the change, and after it copies the
articles' date and story onto their statements and counts those cells, and the cells they are in now, again
from the statements (never by adding deltas, so any change at all is counted right). Writers take the
write lock (tracker.db.locks) before, so two never count at once. Who calls it: store.write_statements
(ingest, `tracker work`, reprocess), store.delete_articles, stories.reelect (a story's lead deleted), and
stories.regroup through `rebuild` (everything again, as the migration does); a writer that changes statements
in another way (tracker.corrections: reject, restore, fix, add, and re-attaching them after a reprocess)
wraps its change in `keeping` the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Integer, case, cast, delete, false, func, insert, or_, select, text, true, update
from sqlalchemy.orm import Session

from tracker.db.models import Article, MonthTally, Statement, Tally

STATEMENTS, ARTICLES, MONTHS, TOTALS = Statement.__table__, Article.__table__, MonthTally.__table__, Tally.__table__
CHUNK = 300  # cells per statement (each is an OR term: the database looks each up in an index)
COUNTS = ("n_for", "n_against", "n_neutral")
KEPT = STATEMENTS.c.rejected == false()  # a statement a person rejected (tracker.corrections) is in no tally


def month_of(day) -> int:
    """YYYYMM of a date; 0 for None."""
    return day.year * 100 + day.month if day else 0


def month_sql(dialect_name: str, column):
    """SQL for month_of(column)."""
    if dialect_name == "postgresql":
        return func.coalesce(cast(func.to_char(column, "YYYYMM"), Integer), 0)
    return func.coalesce(cast(func.strftime("%Y%m", column), Integer), 0)


@contextmanager
def keeping(session, article_ids: Iterable[int]) -> Iterator[None]:
    """Keep the statements' copied columns and the tallies right across a change of these articles."""
    ids = sorted(set(article_ids))
    before = _cells(session, ids)
    yield
    if ids:
        _copy_from_articles(session, ids)
        recount(session, before | _cells(session, ids))


def _cells(session, ids: list[int]) -> set[tuple[int, int, int]]:
    cells = set()
    for start in range(0, len(ids), 2_000):
        query = (select(STATEMENTS.c.month, STATEMENTS.c.party_id, STATEMENTS.c.issue_id).distinct()
                 .where(STATEMENTS.c.article_id.in_(ids[start:start + 2_000])))
        cells.update(tuple(row) for row in session.execute(query))
    return cells


def _copied_values(dialect_name: str) -> dict:
    """statements.published, month and counted from their article (correlated subqueries)."""
    article = ARTICLES.alias("article")
    published = select(article.c.published).where(article.c.id == STATEMENTS.c.article_id).scalar_subquery()
    lead = or_(article.c.story_id.is_(None), article.c.story_id == article.c.id)
    counted = (select(case((lead, true()), else_=false())).where(article.c.id == STATEMENTS.c.article_id)
               .scalar_subquery())
    return {"published": published, "month": month_sql(dialect_name, published), "counted": counted}


def _dialect(connection) -> str:
    return (connection.get_bind() if isinstance(connection, Session) else connection).dialect.name


def _copy_from_articles(session, ids: list[int]) -> None:
    values = _copied_values(_dialect(session))
    for start in range(0, len(ids), 2_000):
        session.execute(update(STATEMENTS).where(STATEMENTS.c.article_id.in_(ids[start:start + 2_000]))
                        .values(**values))


def _sums(table=None) -> list:
    """SUM per stance (from statements) or of the counts (from tallies_by_month), and the first/last day."""
    if table is None:
        sums = [func.sum(case((STATEMENTS.c.stance == stance, 1), else_=0)) for stance in ("for", "against", "neutral")]
        return [*sums, func.min(STATEMENTS.c.published), func.max(STATEMENTS.c.published)]
    return [*(func.sum(table.c[name]) for name in COUNTS), func.min(table.c.first_day), func.max(table.c.last_day)]


def recount(session, cells: set[tuple[int, int, int]]) -> None:
    """Count these (month, party, issue) cells again from the statements, and their totals from the months."""
    cells = sorted(cells)
    for start in range(0, len(cells), CHUNK):
        chunk = cells[start:start + CHUNK]
        session.execute(delete(MONTHS).where(matching(MONTHS, ("month", "party_id", "issue_id"), chunk)))
        keys = [STATEMENTS.c.month, STATEMENTS.c.party_id, STATEMENTS.c.issue_id, STATEMENTS.c.counted]
        session.execute(insert(MONTHS).from_select(
            ["month", "party_id", "issue_id", "counted", *COUNTS, "first_day", "last_day"],
            select(*keys, *_sums()).where(matching(STATEMENTS, ("month", "party_id", "issue_id"), chunk), KEPT)
            .group_by(*keys)))
    pairs = sorted({(p, i) for _, p, i in cells})
    for start in range(0, len(pairs), CHUNK):
        chunk = pairs[start:start + CHUNK]
        session.execute(delete(TOTALS).where(matching(TOTALS, ("party_id", "issue_id"), chunk)))
        keys = [MONTHS.c.party_id, MONTHS.c.issue_id, MONTHS.c.counted]
        session.execute(insert(TOTALS).from_select(
            ["party_id", "issue_id", "counted", *COUNTS, "first_day", "last_day"],
            select(*keys, *_sums(MONTHS)).where(matching(MONTHS, ("party_id", "issue_id"), chunk)).group_by(*keys)))


def matching(table, columns: tuple[str, ...], keys: list[tuple]):
    """WHERE the row is one of these keys: (a = 1 AND b = 2) OR ..., the integer ids written into the SQL (an
    expression of hundreds of bound terms costs more to build and compile than the counting itself)."""
    def term(key) -> str:
        return " AND ".join(f"{table.name}.{column} IS NULL" if value is None
                            else f"{table.name}.{column} = {int(value)}" for column, value in zip(columns, key))
    return text("(" + " OR ".join(f"({term(key)})" for key in keys) + ")")  # bracketed: ANDed with more


def rebuild(connection, kept=KEPT) -> None:
    """Copy every article's date and story onto its statements and count everything again. Does not commit.
    ``kept``: which statements count (migration 0005 runs before statements have ``rejected``: it passes true())."""
    connection.execute(update(STATEMENTS).values(**_copied_values(_dialect(connection))))
    connection.execute(delete(MONTHS))
    connection.execute(delete(TOTALS))
    keys = [STATEMENTS.c.month, STATEMENTS.c.party_id, STATEMENTS.c.issue_id, STATEMENTS.c.counted]
    connection.execute(insert(MONTHS).from_select(
        ["month", "party_id", "issue_id", "counted", *COUNTS, "first_day", "last_day"],
        select(*keys, *_sums()).where(kept).group_by(*keys)))
    keys = [MONTHS.c.party_id, MONTHS.c.issue_id, MONTHS.c.counted]
    connection.execute(insert(TOTALS).from_select(
        ["party_id", "issue_id", "counted", *COUNTS, "first_day", "last_day"],
        select(*keys, *_sums(MONTHS)).group_by(*keys)))
