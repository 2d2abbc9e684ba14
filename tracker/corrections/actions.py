"""Making corrections: reject or restore a statement, fix a field, add a missed statement; the history."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone

import pandas as pd
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from tracker.corrections.values import (FIELDS, CorrectionProblem, current_value, issue_candidate, set_value,
                                        speaker_candidate, stored_value)
from tracker.db.models import Article, Correction, Party, Statement
from tracker.nlp.model import StatementCandidate
from tracker.registry import Registry
from tracker.search.index import index_articles
from tracker.store import STATEMENTS, StatementWriter, fit_row
from tracker.tallies import keeping

HISTORY_COLUMNS = ["id", "when", "who", "statement", "article", "action", "field", "old", "new", "note", "status"]


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


@contextmanager
def tallied(session: Session, article_id: int) -> Iterator[None]:
    """A change of one article's statements, the tallies following it (tracker.tallies.keeping)."""
    with keeping(session, [article_id]):
        yield
        session.flush()  # keeping counts with Core queries: the ORM's changes first


def statement_or_fail(session: Session, statement_id: int) -> Statement:
    statement = session.get(Statement, statement_id)
    if statement is None:
        raise CorrectionProblem(f"No statement {statement_id}.")
    return statement


def record(session: Session, statement: Statement, action: str, author: str, note: str | None,
           field: str | None = None, old: str | None = None, new: str | None = None) -> Correction:
    """Add a correction row anchored to the statement (its span, and the speaker and party the pipeline gave)."""
    speaker, party = extracted(session, statement)
    correction = Correction(article_id=statement.article_id, statement_id=statement.id, action=action, field=field,
                            old_value=old, new_value=new, start_char=statement.start_char,
                            end_char=statement.end_char, evidence=statement.evidence, extracted_speaker=speaker,
                            extracted_party=party, author=author, created_at=now(), note=note or None,
                            status="applied")
    session.add(correction)
    return correction


def extracted(session: Session, statement: Statement) -> tuple[str | None, str]:
    """(speaker, party key) as the pipeline gave them: the old value of the first fix of each, else today's."""
    earlier = session.execute(select(Correction.field, Correction.old_value, Correction.extracted_speaker,
                                     Correction.extracted_party)
                              .where(Correction.statement_id == statement.id).order_by(Correction.id)).first()
    if earlier is not None:  # every correction of a statement carries the same anchor
        return earlier.extracted_speaker, earlier.extracted_party
    return statement.speaker, current_value(session, statement, "party")


def reject(writer: StatementWriter, statement_id: int, author: str, note: str | None = None) -> Correction:
    """Leave the statement out of every report, export and search (it stays, marked rejected)."""
    statement = statement_or_fail(writer.session, statement_id)
    if statement.rejected:
        raise CorrectionProblem(f"Statement {statement_id} is rejected already.")
    with tallied(writer.session, statement.article_id):
        correction = record(writer.session, statement, "reject", author, note, old="kept", new="rejected")
        statement.rejected = True
    return correction


def restore(writer: StatementWriter, statement_id: int, author: str, note: str | None = None) -> Correction:
    """Undo a rejection."""
    statement = statement_or_fail(writer.session, statement_id)
    if not statement.rejected:
        raise CorrectionProblem(f"Statement {statement_id} is not rejected.")
    with tallied(writer.session, statement.article_id):
        correction = record(writer.session, statement, "restore", author, note, old="rejected", new="kept")
        statement.rejected = False
    return correction


def fix(writer: StatementWriter, registry: Registry, statement_id: int, changes: dict[str, str | None],
        author: str, note: str | None = None) -> list[Correction]:
    """Set fields (speaker, party, issue, stance, kind) to new values: one correction per field changed."""
    session = writer.session
    statement = statement_or_fail(session, statement_id)
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise CorrectionProblem(f"Unknown field: {', '.join(sorted(unknown))} (one of {', '.join(FIELDS)}).")
    published = session.scalar(select(Article.published).where(Article.id == statement.article_id))
    made = []
    with tallied(session, statement.article_id):
        for field, typed in changes.items():
            new, old = stored_value(session, registry, field, typed), current_value(session, statement, field)
            if new == old:
                continue
            made.append(record(session, statement, "fix", author, note, field, old, new))
            set_value(writer, registry, statement, field, new, published)
    if not made:
        raise CorrectionProblem(f"Statement {statement_id} has these values already: nothing to change.")
    return made


def add_statement(writer: StatementWriter, registry: Registry, article_id: int, evidence: str, party: str,
                  issue: str, stance: str, speaker: str | None = None, kind: str | None = None,
                  author: str = "", note: str | None = None) -> tuple[int, Correction]:
    """A statement the pipeline missed, given by its evidence (an exact span of the article's text)."""
    session = writer.session
    article = session.get(Article, article_id)
    if article is None:
        raise CorrectionProblem(f"No article {article_id}.")
    start, end = find_span(article.text, evidence)
    values = {field: stored_value(session, registry, field, text) for field, text in
              (("speaker", speaker), ("party", party), ("issue", issue), ("stance", stance),
               ("kind", kind or guess_kind(article.text[start:end])))}
    person = speaker_candidate(registry, values["speaker"]) if values["speaker"] else None
    topic = issue_candidate(session, values["issue"])
    candidate = StatementCandidate(
        party=session.scalar(select(Party.name).where(Party.key == values["party"])), kind=values["kind"],
        evidence=article.text[start:end], start_char=start, end_char=end, speaker=values["speaker"],
        politician_key=person.politician_key if person else None, issue=topic.issue, issue_label=topic.issue_label,
        cap_topic=topic.cap_topic, stance=values["stance"], confidence=1.0)
    row = writer.statement_row(article.id, article.published, candidate)
    row = fit_row(STATEMENTS, dict(row, origin="user"))
    with tallied(session, article.id):
        statement_id = session.execute(insert(STATEMENTS).returning(STATEMENTS.c.id), row).scalar_one()
    index_articles(session, [article.id])
    statement = session.get(Statement, statement_id)
    correction = record(session, statement, "add", author, note, new=json.dumps(values, ensure_ascii=False))
    return statement_id, correction


def find_span(text: str, evidence: str) -> tuple[int, int]:
    """(start, end) of the evidence in the text: exactly, else with any white space between its words."""
    evidence = evidence.strip()
    if not evidence:
        raise CorrectionProblem("The evidence is empty.")
    start = text.find(evidence)
    if start >= 0:
        return start, start + len(evidence)
    found = re.search(r"\s+".join(re.escape(word) for word in evidence.split()), text)
    if found is None:
        raise CorrectionProblem("The evidence is not in the article's text (give an exact span of it).")
    return found.start(), found.end()


def guess_kind(evidence: str) -> str:
    return "direct_quote" if re.search(r"[\"“”«»„]|^\s*[-–—]", evidence) else "indirect"


def history(session: Session, since: date | None = None, statement_id: int | None = None,
            status: str | None = None) -> pd.DataFrame:
    """The corrections, newest last."""
    query = select(Correction).order_by(Correction.created_at, Correction.id)
    if since is not None:
        query = query.where(Correction.created_at >= datetime.combine(since, datetime.min.time()))
    if statement_id is not None:
        query = query.where(Correction.statement_id == statement_id)
    if status is not None:
        query = query.where(Correction.status == status)
    rows = [(c.id, c.created_at.isoformat(sep=" "), c.author, c.statement_id, c.article_id, c.action,
             c.field or "", c.old_value or "", c.new_value or "", c.note or "", c.status)
            for c in session.scalars(query)]
    frame = pd.DataFrame(rows, columns=HISTORY_COLUMNS)
    frame["statement"] = frame["statement"].astype("Int64")
    return frame
