"""What a person types, as the statements table stores it: party key, issue slug, stance, kind, speaker."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.db.models import Issue, IssueKey, Party, Statement
from tracker.discovery import alias
from tracker.nlp.model import StatementCandidate
from tracker.registry import Registry
from tracker.registry_db import find_party
from tracker.reports.scope import STANCES
from tracker.store import StatementWriter

FIELDS = ("speaker", "party", "issue", "stance", "kind")
KINDS = ("direct_quote", "indirect")


class CorrectionProblem(ValueError):
    """A correction that cannot be made as asked; the message is one line for the user."""


def stored_value(session: Session, registry: Registry, field: str, text: str | None) -> str | None:
    """The value to store for `field` from what a person typed (a party by any name, an issue by slug or
    label, the catalogue's issues too); an empty speaker means the party's own position (None)."""
    text = (text or "").strip()
    if field == "speaker":
        return text or None
    if field == "party":
        row = find_party(session, registry, text) if text else None
        if row is None:
            raise CorrectionProblem(f'Unknown party: "{text}".')
        return row.key
    if field == "issue":
        return issue_slug(session, text)
    allowed = STANCES if field == "stance" else KINDS if field == "kind" else None
    if allowed is None:
        raise CorrectionProblem(f"Unknown field: {field} (one of {', '.join(FIELDS)}).")
    if text not in allowed:
        raise CorrectionProblem(f'{field} must be one of {", ".join(allowed)}, not "{text}".')
    return text


def issue_slug(session: Session, text: str) -> str:
    """The slug of the issue named by its slug or label, in the database or the issue catalogue."""
    wanted = text.casefold()
    rows = session.execute(select(Issue.slug).where(
        (func.lower(Issue.slug) == wanted) | (func.lower(Issue.label) == wanted))).scalars().all()
    if rows:
        return rows[0]
    for issue in catalogue():
        if wanted in (issue.slug.casefold(), issue.label.casefold()):
            return issue.slug
    raise CorrectionProblem(f'Unknown issue: "{text}" (give its slug or label).')


def catalogue() -> list:
    """The issue catalogue (slug, label, cap_topic), as the pipeline reads it."""
    from tracker.nlp.issues import load_catalogue

    return load_catalogue()


def current_value(session: Session, statement: Statement, field: str) -> str | None:
    """The stored value of a field, as `stored_value` gives it."""
    if field == "party":
        return session.get(Party, statement.party_id).key
    if field == "issue":
        return session.get(Issue, statement.issue_id).slug
    return getattr(statement, field)


def set_value(writer: StatementWriter, registry: Registry, statement: Statement, field: str, value: str | None,
              published: date | None) -> None:
    """Store a field's new value on the statement (and the ids it implies: party, issue, politician)."""
    session = writer.session
    if field == "party":
        statement.party_id = session.scalar(select(Party.id).where(Party.key == value))
    elif field == "issue":
        statement.issue_id = writer.issue_id(issue_candidate(session, value))
        statement.object_key = statement.object_phrase = None  # a person chose its question: discovery keeps off
    elif field == "speaker":
        statement.speaker = value
        statement.politician_id = writer.politician_id(speaker_candidate(registry, value), statement.party_id,
                                                       published) if value else None
    else:
        setattr(statement, field, value)


def issue_candidate(session: Session, slug: str) -> StatementCandidate:
    """A candidate naming an issue, for StatementWriter.issue_id (which adds a catalogue issue when new)."""
    row = session.scalar(select(Issue).where(Issue.slug == slug))
    if row is None:  # an issue renamed or merged since (`tracker issues rename|merge`): where it went
        row = session.scalar(select(Issue).join(IssueKey, IssueKey.issue_id == Issue.id)
                             .where(IssueKey.key == alias(slug)))
    if row is not None:
        label, topic = row.label, row.cap_topic
    else:
        known = {issue.slug: issue for issue in catalogue()}
        if slug not in known:
            raise CorrectionProblem(f'Unknown issue: "{slug}".')
        label, topic = known[slug].label, known[slug].cap_topic
    return StatementCandidate(party="", kind="", evidence="", start_char=0, end_char=0, issue=slug,
                              issue_label=label, cap_topic=topic or None)


def speaker_candidate(registry: Registry, name: str) -> StatementCandidate:
    """A candidate naming a person, for StatementWriter.politician_id (the registry's person when known)."""
    people = registry.politicians_named(name)
    return StatementCandidate(party="", kind="", evidence="", start_char=0, end_char=0, speaker=name,
                              politician_key=people[0].key if people else None)
