"""The work queue: stored articles waiting for extraction, one row each in `jobs`.

Storing an article and extracting its statements are two steps. `tracker ingest` stores the raw article
and queues it in one transaction (so an article is never lost, even when extraction later fails);
extraction is a job that any process may do:

- `claim(session, n)`: the oldest n waiting jobs. On PostgreSQL ``SELECT ... FOR UPDATE SKIP LOCKED``:
  the rows stay locked by this transaction while the worker extracts, other workers skip them, and when
  a worker dies its connection closes, PostgreSQL rolls its transaction back and the jobs are free again.
- `take(session, article_ids)`, in the transaction that writes the statements: deletes the jobs and says
  which articles are still this process's to write. On PostgreSQL it skips rows another worker holds; on
  SQLite (one writer at a time) the DELETE decides. So an article's statements are written once, whoever
  extracted it.
- `fail(session, article_id, message, allowed)`: an attempt failed (extraction, or writing its statements);
  the job counts it (`attempts`) and waits for the next, until `allowed` attempts have failed: then it is
  failed, with the error, and claim passes it over until `retry_failed` (`tracker work --retry-failed`).
  So an article that always fails (a "poison" one) is tried a bounded number of times, never in a loop.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from tracker.db.bulk import bulk_insert
from tracker.db.models import Article, Job

JOBS = Job.__table__
CHUNK = 2_000
MAX_ATTEMPTS = 3  # failed attempts before a job is failed (`tracker work --max-attempts`)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def enqueue_new(session: Session, article_ids: Iterable[int]) -> None:
    """Queue articles just stored (no job can exist for them yet): COPY on PostgreSQL."""
    now = _now()
    bulk_insert(session, "jobs", ("article_id", "queued_at"), [(id_, now) for id_ in article_ids])


def enqueue(session: Session, article_ids: Iterable[int]) -> None:
    """Queue stored articles again (reprocess); a job waiting already stays, its error cleared."""
    ids = list(article_ids)
    dialect_insert = postgresql.insert if _postgres(session) else sqlite.insert
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        session.execute(update(JOBS).where(JOBS.c.article_id.in_(chunk)).values(error=None, attempts=0))
        session.execute(dialect_insert(JOBS).on_conflict_do_nothing(index_elements=["article_id"]),
                        [dict(article_id=id_, queued_at=_now()) for id_ in chunk])


def claim(session: Session, limit: int, article_ids: list[int] | None = None) -> list[int]:
    """The article ids of up to `limit` waiting jobs (oldest first), locked for this transaction on
    PostgreSQL (others skip them); failed jobs only by `retry_failed` first."""
    query = select(JOBS.c.article_id).where(JOBS.c.error.is_(None)).order_by(JOBS.c.id).limit(limit)
    if article_ids is not None:
        query = query.where(JOBS.c.article_id.in_(article_ids))
    if _postgres(session):
        query = query.with_for_update(skip_locked=True)
    return list(session.scalars(query))


def take(session: Session, article_ids: list[int]) -> set[int]:
    """Delete the articles' jobs and return the ids that were still waiting and not another's to do.

    Call it in the transaction that writes the statements, after taking the write lock."""
    if not article_ids:
        return set()
    wanted = select(JOBS.c.id).where(JOBS.c.article_id.in_(article_ids))
    if _postgres(session):
        wanted = wanted.with_for_update(skip_locked=True)  # rows this transaction holds are its own
    ids = list(session.scalars(wanted))
    if not ids:
        return set()
    return set(session.scalars(delete(JOBS).where(JOBS.c.id.in_(ids)).returning(JOBS.c.article_id)))


def fail(session: Session, article_id: int, message: str, allowed: int = 1) -> int | None:
    """Count a failed attempt at the article's job; once `allowed` attempts have failed, mark the job
    failed with the error (claim passes it over). Returns the attempts failed so far, None when the job
    is failed now (or had no job)."""
    job = JOBS.c
    attempts = session.scalar(update(JOBS).where(job.article_id == article_id)
                              .values(attempts=job.attempts + 1).returning(job.attempts))
    if attempts is None or attempts >= allowed:
        session.execute(update(JOBS).where(job.article_id == article_id).values(error=message[:2000]))
        return None
    return attempts


def retry_failed(session: Session) -> int:
    """Put the failed jobs back in the queue, their attempts counted from 0 again; returns how many."""
    return session.execute(update(JOBS).where(JOBS.c.error.is_not(None)).values(error=None, attempts=0)).rowcount


def failed_jobs(session: Session):
    """(article id, source, attempts, error) of the failed jobs, oldest first."""
    return session.execute(select(JOBS.c.article_id, Article.source, JOBS.c.attempts, JOBS.c.error)
                           .join(Article, Article.id == JOBS.c.article_id).where(JOBS.c.error.is_not(None))
                           .order_by(JOBS.c.id)).all()


def waiting(session: Session) -> tuple[int, int]:
    """(jobs waiting, jobs failed)."""
    failed = func.count(JOBS.c.error)
    total, failures = session.execute(select(func.count(), failed).select_from(JOBS)).one()
    return total - failures, failures
