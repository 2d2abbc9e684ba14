"""The user catalogue in the database: issues added by hand, and discovered issues a user curated.

``tracker issues add|accept|rename|merge|split|export`` call these functions. Every change is kept in the
database (``user_issues``, the issue rows and the ``issue_keys`` of tracker.discovery, marked curated), so it
survives ``tracker reprocess`` and ``tracker issues rebuild``: a reprocessed statement with a curated key goes
back to its issue, an issue merged into another sends its statements there ("slug:" alias), and user issues
with triggers join the catalogue the pipeline reads (``user_issues``). ``export_rows`` gives the user
catalogue in the columns of data/issues.csv, so it can be shared or shipped as a TRACKER_ISSUES file.
Statements moved by a merge or a split keep the tallies right (tracker.tallies.moving).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from tracker.cap import cap_code, cap_topics
from tracker.db.models import Issue, IssueKey, Statement, UserIssue
from tracker.discovery import alias, best_phrase, unique_slug
from tracker.issue_kinds import OTHER, USER
from tracker.paths import data_file
from tracker.slugs import slugify
from tracker.tallies import moving

CSV_COLUMNS = ["slug", "label", "cap_topic", "triggers", "for_phrases", "against_phrases"]


class CatalogueProblem(ValueError):
    """A curation request that cannot be done (unknown topic, a catch-all, a taken slug, ...)."""


def add_issue(session: Session, slug: str, label: str, topic: str, triggers: list[str],
              for_phrases: list[str] = (), against_phrases: list[str] = ()) -> Issue:
    """A new issue of the user catalogue; the pipeline finds it by its triggers in articles ingested or
    reprocessed from now on. Does not commit."""
    slug = slug.strip()
    if not slug or slugify(slug) != slug:
        raise CatalogueProblem(f'"{slug}" is not a slug (lower-case letters, digits and hyphens, e.g. {slugify(slug)})')
    if session.scalar(select(Issue.id).where(Issue.slug == slug)) is not None or _user_row(session, slug):
        raise CatalogueProblem(f'an issue "{slug}" exists already')
    if topic not in cap_topics():
        raise CatalogueProblem(f'"{topic}" is not a CAP topic (e.g. {", ".join(list(cap_topics())[:4])})')
    if not [t for t in triggers if t.strip()]:
        raise CatalogueProblem("an issue needs at least one trigger")
    session.add(UserIssue(slug=slug, label=label, cap_topic=topic, triggers=_joined(triggers),
                          for_phrases=_joined(for_phrases), against_phrases=_joined(against_phrases), origin="added"))
    issue = Issue(slug=slug, label=label, cap_topic=topic, cap_code=cap_code(topic), kind=USER)
    session.add(issue)
    session.flush()
    return issue


def accept(session: Session, issue: Issue) -> Issue:
    """A discovered issue joins the user catalogue as it is: label, topic and keys stay whatever comes."""
    _concrete(issue)
    _keep(session, issue)
    return issue


def rename(session: Session, issue: Issue, label: str, new_slug: str | None = None) -> Issue:
    """A new label (and slug); the issue joins the user catalogue."""
    _concrete(issue)
    row = _keep(session, issue)
    if new_slug and new_slug != issue.slug:
        if slugify(new_slug) != new_slug or session.scalar(select(Issue.id).where(Issue.slug == new_slug)):
            raise CatalogueProblem(f'"{new_slug}" is not a free slug')
        _point(session, alias(issue.slug), issue.id)
        issue.slug = row.slug = new_slug
    issue.label = row.label = label
    session.flush()
    return issue


def merge(session: Session, source: Issue, target: Issue) -> Issue:
    """Everything on ``source`` moves to ``target``: its statements, its keys, and (an alias of its slug)
    whatever the pipeline puts on it later. ``source`` is deleted; ``target`` joins the user catalogue."""
    _concrete(source)
    _concrete(target)
    if source.id == target.id:
        raise CatalogueProblem("an issue cannot be merged into itself")
    _keep(session, target)
    session.execute(update(IssueKey).where(IssueKey.issue_id == source.id).values(issue_id=target.id, curated=True))
    _point(session, alias(source.slug), target.id)
    with moving(session, Statement.issue_id.in_([source.id, target.id])):
        session.execute(update(Statement).where(Statement.issue_id == source.id).values(issue_id=target.id))
    session.execute(delete(UserIssue).where(UserIssue.slug == source.slug))
    session.delete(source)
    session.flush()
    return target


def split(session: Session, issue: Issue, keys: list[str], label: str, new_slug: str | None = None) -> Issue:
    """A new user issue takes ``keys`` (policy object keys of ``issue``) and their statements."""
    _concrete(issue)
    own = set(session.scalars(select(IssueKey.key).where(IssueKey.issue_id == issue.id)))
    missing = [k for k in keys if k not in own]
    if not keys or missing:
        raise CatalogueProblem(f"not keys of {issue.slug}: {', '.join(missing) or '(none given)'}; "
                               f"its keys: {', '.join(sorted(own)) or '(none)'}")
    if set(keys) == own:
        raise CatalogueProblem(f"those are all the keys of {issue.slug}: rename it instead")
    _keep(session, issue)
    slug = new_slug or unique_slug(slugify(label), set(session.scalars(select(Issue.slug))))
    if session.scalar(select(Issue.id).where(Issue.slug == slug)) is not None:
        raise CatalogueProblem(f'an issue "{slug}" exists already')
    part = Issue(slug=slug, label=label, cap_topic=issue.cap_topic, cap_code=issue.cap_code, kind=USER)
    session.add(part)
    session.flush()
    _keep(session, part)
    session.execute(update(IssueKey).where(IssueKey.key.in_(keys)).values(issue_id=part.id, curated=True))
    with moving(session, Statement.object_key.in_(keys)):
        session.execute(update(Statement).where(Statement.object_key.in_(keys)).values(issue_id=part.id))
    session.flush()
    return part


def _concrete(issue: Issue) -> None:
    if issue.kind == OTHER:
        raise CatalogueProblem(f"{issue.slug} is a catch-all (other statements on a topic), not a question")


def _keep(session: Session, issue: Issue) -> UserIssue:
    """The issue's row in the user catalogue (made when missing; a catalogue issue brings its triggers),
    its keys marked curated, the issue itself of kind "user"."""
    row = _user_row(session, issue.slug)
    if row is None:
        triggers, pro, con = _catalogue_phrases(issue.slug)
        row = UserIssue(slug=issue.slug, label=issue.label, cap_topic=issue.cap_topic, triggers=triggers,
                        for_phrases=pro, against_phrases=con, origin="accepted")
        session.add(row)
    issue.kind = USER
    session.execute(update(IssueKey).where(IssueKey.issue_id == issue.id).values(curated=True))
    return row


def _point(session: Session, key: str, issue_id: int) -> None:
    found = session.get(IssueKey, key)
    if found is None:
        session.add(IssueKey(key=key, issue_id=issue_id, curated=True))
    else:
        found.issue_id, found.curated = issue_id, True


def _user_row(session: Session, slug: str) -> UserIssue | None:
    return session.scalar(select(UserIssue).where(UserIssue.slug == slug))


def _catalogue_phrases(slug: str) -> tuple[str, str, str]:
    """The triggers, for and against phrases of a catalogue issue ("" for others)."""
    from tracker.nlp.issues import load_catalogue

    for issue in load_catalogue():
        if issue.slug == slug:
            return _joined(issue.triggers), _joined(issue.for_phrases), _joined(issue.against_phrases)
    return "", "", ""


def _joined(items) -> str:
    return "; ".join(i.strip() for i in items if i and i.strip())


def export_rows(session: Session) -> list[dict[str, str]]:
    """The user catalogue as rows of data/issues.csv; an accepted issue without triggers gets triggers made
    from its statements' phrases ("forbud mod engangsplastik" -> "forbud* engangsplastik*")."""
    rows = []
    for row in session.scalars(select(UserIssue).order_by(UserIssue.slug)):
        triggers = row.triggers or _joined(dict.fromkeys(phrase_trigger(p) for p in _phrases(session, row.slug)))
        rows.append(dict(slug=row.slug, label=row.label, cap_topic=row.cap_topic or "", triggers=triggers,
                         for_phrases=row.for_phrases, against_phrases=row.against_phrases))
    return rows


def _phrases(session: Session, slug: str, limit: int = 3) -> list[str]:
    """The most frequent phrases of the issue's statements."""
    query = (select(Statement.object_phrase, func.count()).join(Issue, Statement.issue_id == Issue.id)
             .where(Issue.slug == slug, Statement.object_phrase.is_not(None)).group_by(Statement.object_phrase))
    counts = dict(session.execute(query).all())
    found = []
    while counts and len(found) < limit:
        phrase = best_phrase(counts)
        found.append(phrase)
        counts.pop(phrase)
    return found


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    with open(data_file("policy_objects.toml"), "rb") as handle:
        words = tomllib.load(handle)
    structure = words.get("structure", {})
    return frozenset([*structure.get("linking", []), *structure.get("determiners", []), *words.get("direction", [])])


def phrase_trigger(phrase: str) -> str:
    """A trigger pattern from a phrase: its words but function and direction words, each as a prefix."""
    kept = [w.strip(".,;:»«\"'()").lower() for w in phrase.split()]
    kept = [w for w in kept if len(w) > 2 and w not in _function_words()]
    return " ".join(f"{w}*" for w in kept)


def user_issues(session: Session):
    """The user issues with triggers, as catalogue entries for the pipeline (they override bundled slugs)."""
    from tracker.nlp.issues import Issue as CatalogueIssue
    from tracker.datafiles import split_list

    return [CatalogueIssue(slug=row.slug, label=row.label, cap_topic=row.cap_topic or "",
                           triggers=tuple(split_list(row.triggers)), for_phrases=tuple(split_list(row.for_phrases)),
                           against_phrases=tuple(split_list(row.against_phrases)))
            for row in session.scalars(select(UserIssue).order_by(UserIssue.id)) if row.triggers.strip()]
