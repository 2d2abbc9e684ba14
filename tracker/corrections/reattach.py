"""Putting corrections back on the new extraction after `tracker reprocess` (or `tracker work`).

A correction is anchored by its article, its evidence span and the speaker and party the pipeline gave. It
fits a new statement of the same article whose span overlaps the anchor's by at least half of the two spans
together, said by the same speaker for the same party (the pipeline's or the corrected ones). Corrections of
one anchor go together onto the best fit (the most overlap), in the order they were made; with no fit they are
marked "unmatched" and listed by `tracker corrections --unmatched`. Statements a person added stay through a
reprocess; a new statement repeating one of them (same span, party and speaker) is dropped.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.corrections.values import CorrectionProblem, set_value
from tracker.db.models import Correction, Party, Statement
from tracker.registry import Registry
from tracker.store import StatementWriter
from tracker.tallies import keeping

MIN_OVERLAP = 0.5


def write_and_reattach(writer: StatementWriter, tracker, extracted: list[tuple[int, date | None, list]]) -> dict:
    """StatementWriter.write_statements (the pipeline's statements replaced), then the corrections of those
    articles put back on the new ones, the tallies following (tracker.tallies.keeping); `tracker`'s
    registry is read only when an article has corrections. Discovery (StatementWriter.promote) comes last, so
    that a statement whose issue a person chose is not counted for its policy object."""
    written = writer.write_statements(extracted, discover=False)
    session = writer.session
    corrected = sorted(set(session.scalars(select(Correction.article_id).distinct()
                                           .where(Correction.article_id.in_(list(written))))))
    if corrected:
        published = {article_id: day for article_id, day, _ in extracted}
        with keeping(session, corrected):
            for article_id in corrected:
                reattach(writer, tracker.registry, article_id, published[article_id])
    writer.promote()
    return written


def reattach(writer: StatementWriter, registry: Registry, article_id: int,
             published: date | None = None) -> list[Correction]:
    """Re-apply the article's corrections that lost their statement; returns those that no longer fit."""
    session = writer.session
    session.expire_all()  # the statements were replaced with Core statements
    statements = session.scalars(select(Statement).where(Statement.article_id == article_id)
                                 .order_by(Statement.id)).all()
    statements = _drop_repeats(session, statements)
    keys = dict(session.execute(select(Party.id, Party.key)).all())
    groups = defaultdict(list)
    for correction in session.scalars(select(Correction).where(
            Correction.article_id == article_id, Correction.statement_id.is_(None),
            Correction.action != "add").order_by(Correction.id)):
        groups[correction.start_char, correction.end_char, correction.extracted_speaker,
               correction.extracted_party].append(correction)
    unmatched = []
    for (start, end, speaker, party), corrections in groups.items():
        speakers = {_name(speaker)} | {_name(c.new_value) for c in corrections if c.field == "speaker"}
        parties = {party} | {c.new_value for c in corrections if c.field == "party"}
        fitting = [(overlap(start, end, s.start_char, s.end_char), -s.id, s) for s in statements
                   if s.origin == "pipeline" and _name(s.speaker) in speakers and keys.get(s.party_id) in parties]
        fitting = [item for item in fitting if item[0] >= MIN_OVERLAP]
        target = max(fitting, key=lambda item: item[:2])[2] if fitting else None
        for correction in corrections:
            if target is None or not _apply(writer, registry, correction, target, published):
                correction.status = "unmatched"
                unmatched.append(correction)
    session.flush()
    return unmatched


def overlap(start: int, end: int, other_start: int, other_end: int) -> float:
    """The length two spans share over the length they cover together (0 to 1)."""
    shared = min(end, other_end) - max(start, other_start)
    covered = max(end, other_end) - min(start, other_start)
    return shared / covered if shared > 0 and covered > 0 else 0.0


def _apply(writer: StatementWriter, registry: Registry, correction: Correction, statement: Statement,
           published: date | None) -> bool:
    try:
        if correction.action in ("reject", "restore"):
            statement.rejected = correction.action == "reject"
        elif correction.action == "fix":
            set_value(writer, registry, statement, correction.field, correction.new_value, published)
    except CorrectionProblem:
        return False
    correction.statement_id, correction.status = statement.id, "applied"
    return True


def _drop_repeats(session: Session, statements: list[Statement]) -> list[Statement]:
    """Drop the pipeline's statements that repeat one a person added (same span, party and speaker)."""
    added = {(s.start_char, s.end_char, s.party_id, _name(s.speaker)) for s in statements if s.origin == "user"}
    kept = []
    for statement in statements:
        if statement.origin == "pipeline" and \
                (statement.start_char, statement.end_char, statement.party_id, _name(statement.speaker)) in added:
            session.delete(statement)
        else:
            kept.append(statement)
    return kept


def _name(name: str | None) -> str:
    return " ".join((name or "").casefold().split())
