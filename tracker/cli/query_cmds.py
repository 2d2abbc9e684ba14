"""`tracker positions`, `politician`, `compare`, `timeline`: how the parties differ on each issue; the look-ups
of issues, parties, topics and people that every query command shares (`tracker issues`: issue_cmds)."""

from __future__ import annotations

import re
from datetime import date

import click
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.cap import cap_topics
from tracker.cli.context import AppContext, pass_app
from tracker.cli.errors import UsageProblem, unknown
from tracker.cli.options import (blocs_option, copies_option, date_options, format_options, parties_option,
                                 scope_options)
from tracker.cli.output import echo_wrapped, emit
from tracker.db.models import Article, Issue, Party, Politician
from tracker.registry_db import find_party
from tracker import reports
from tracker.reports import Scope


# ---------------------------------------------------------------- looking names up

class NoStatements(click.ClickException):
    """An issue of the catalogue that nothing has been said on yet: one line, exit status 0."""

    exit_code = 0

    def show(self, file=None) -> None:
        click.echo(self.message)


def find_issue(session: Session, text: str) -> Issue:
    """The issue whose slug or label is `text` (case-insensitive), or the only one whose words start with its
    words (a query of one or two letters must be a whole word). An issue of the catalogue without statements
    yet says so (NoStatements) instead of being unknown."""
    issues = session.scalars(select(Issue).order_by(Issue.slug)).all()
    wanted = text.strip().casefold()
    exact = [i for i in issues if wanted in (i.slug.casefold(), i.label.casefold())]
    if exact:
        return exact[0]
    partial = [i for i in issues if _words_match(wanted, i.slug) or _words_match(wanted, i.label)]
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise UsageProblem(f'Ambiguous issue: "{text}" matches {_some([i.slug for i in partial])}.')
    catalogue = [i for i in _catalogue() if wanted in (i.slug.casefold(), i.label.casefold())]
    if catalogue:
        raise NoStatements(f'No statements on "{catalogue[0].label}" ({catalogue[0].slug}) yet.')
    raise unknown("issue", text, [i.slug for i in issues] + [i.label for i in issues])


WORD = re.compile(r"\w+")


def _words_match(wanted: str, name: str) -> bool:
    """Every word of `wanted` starts a word of `name` (in order of appearance not needed); words of one or two
    letters must be whole words."""
    words = WORD.findall(name.casefold())
    return bool(WORD.findall(wanted)) and all(
        any(word == part if len(part) < 3 else word.startswith(part) for word in words)
        for part in WORD.findall(wanted))


def _catalogue():
    from tracker.corrections.values import catalogue

    return catalogue()


def find_party_row(app: AppContext, session: Session, text: str) -> Party:
    """The party for any name or abbreviation the registry knows."""
    row = find_party(session, app.tracker.registry, text.strip())
    if row is None:
        parties = app.tracker.registry.parties
        raise unknown("party", text, [p.name for p in parties] + [p.key for p in parties])
    return row


def find_parties(app: AppContext, session: Session, text: str | None) -> tuple[int, ...] | None:
    """The party ids of a comma-separated list ('S,SF,Venstre'); None when not given."""
    if not text:
        return None
    return tuple(find_party_row(app, session, name).id for name in text.split(",") if name.strip())


def find_topic(session: Session, text: str | None) -> str | None:
    """The English CAP topic stored on issues, from its English or Danish name (or a unique part of it)."""
    if text is None:
        return None
    names = {name: name for name in session.scalars(select(Issue.cap_topic).distinct()) if name}
    for name, row in cap_topics().items():
        names[name] = name
        names[row.get("label_da") or name] = name
    wanted = text.strip().casefold()
    exact = {topic for form, topic in names.items() if form.casefold() == wanted}
    partial = exact or {topic for form, topic in names.items() if wanted in form.casefold()}
    if len(partial) == 1:
        return partial.pop()
    if partial:
        raise UsageProblem(f'Ambiguous topic: "{text}" matches {_some(sorted(partial))}.')
    raise unknown("topic", text, list(names))


def find_politicians(session: Session, text: str) -> tuple[str, list[int]]:
    """(full name, ids) of the person named `text` (full name or variant, else a unique part of a name)."""
    rows = session.execute(select(Politician.id, Politician.full_name, Politician.variants)).all()
    wanted = text.strip().casefold()

    def named(row) -> bool:
        return wanted in [n.casefold() for n in (row.full_name, *(row.variants or "").split(";"))]

    matches = [row for row in rows if named(row)] or [row for row in rows if wanted in row.full_name.casefold()]
    names = sorted({row.full_name for row in matches})
    if len(names) == 1:
        return names[0], [row.id for row in rows if row.full_name == names[0]]
    if names:
        raise UsageProblem(f'Ambiguous politician: "{text}" matches {_some(names)}.')
    raise unknown("politician", text, sorted({row.full_name for row in rows}))


def _some(names: list[str], limit: int = 6) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def find_outlet(session: Session, text: str | None) -> str | None:
    """The outlet as stored, from any case of its name; None when not given."""
    if text is None:
        return None
    outlets = [name for name in session.scalars(select(Article.outlet).distinct()) if name]
    for name in outlets:
        if name.casefold() == text.strip().casefold():
            return name
    raise unknown("outlet", text, sorted(outlets))


def make_scope(app: AppContext, session: Session, topic=None, since=None, until=None, parties=None,
               issue: Issue | None = None, count_copies: bool = False, outlet: str | None = None) -> Scope:
    """A Scope from the command line's names."""
    return Scope(issue_ids=(issue.id,) if issue else None, party_ids=find_parties(app, session, parties),
                 topic=find_topic(session, topic), since=since, until=until, count_copies=count_copies,
                 outlet=find_outlet(session, outlet))


def labelled(frame, labels: dict[str, str] | None = None):
    """For people: the issue's label in the `issue` column instead of its slug (from `label`, or `labels`)."""
    if "label" in frame.columns:
        return frame.assign(issue=frame["label"]).drop(columns="label")
    if labels is not None and "issue" in frame.columns:
        return frame.assign(issue=frame["issue"].map(lambda slug: labels.get(slug, slug)))
    return frame


def issue_labels(session: Session) -> dict[str, str]:
    names = reports.issue_names(session)
    return dict(zip(names["issue"], names["label"]))


# ---------------------------------------------------------------- commands

@click.command("positions")
@click.argument("party")
@click.option("--issue", "-i", help="Only this issue (slug or label, or a unique part of it).")
@scope_options
@click.option("--quotes", "-q", default=2, show_default=True, help="Latest quotes to show per issue.")
@format_options
@pass_app
def positions(app: AppContext, party: str, issue, topic, since, until, outlet, count_copies: bool, quotes: int,
              fmt: str) -> None:
    """A party's positions issue by issue: stance counts, net position, latest evidence.

    PARTY is any name or abbreviation (S, Socialdemokratiet, K, Konservative, ...).
    """
    with app.tracker.session() as session:
        row = find_party_row(app, session, party)
        one = find_issue(session, issue) if issue else None
        scope = make_scope(app, session, topic, since, until, issue=one, count_copies=count_copies, outlet=outlet)
        frame, evidence = reports.positions_frame(session, row.id, scope, max(quotes, 1))
        labels = issue_labels(session)
    _emit_with_quotes(frame, evidence, fmt, quotes, f"Positions of {row.name}", labels)


def _emit_with_quotes(frame, evidence, fmt: str, quotes: int, title: str, labels: dict[str, str]) -> None:
    """Table: the positions, then the latest quotes. CSV: the latest quote on each row. JSON: `quotes` lists."""
    latest = evidence.drop_duplicates("issue")[["issue", "quote", "politician", "date", "article", "also_in",
                                                "source"]]
    flat = frame.merge(latest.rename(columns={"date": "quote_date"}), on="issue", how="left")
    if fmt == "csv":
        emit(flat, fmt)
    elif fmt == "json":
        columns = ["date", "politician", "stance", "kind", "quote", "article", "also_in", "source"]
        grouped = {issue: group.head(quotes)[columns].to_dict("records") for issue, group in evidence.groupby("issue")}
        emit(frame.assign(quotes=[grouped.get(issue, []) for issue in frame["issue"]]), fmt)
    else:
        emit(labelled(frame.drop(columns=["topic"])), fmt, title=title)
        if quotes > 0 and not evidence.empty:
            shown = evidence.groupby("issue", sort=False).head(quotes)
            shown = shown[["issue", "date", "politician", "stance", "quote", "article", "also_in"]]
            emit(labelled(shown, labels), fmt, title="Latest evidence")


@click.command("politician")
@click.argument("name")
@click.option("--issue", "-i", help="Only this issue (slug or label, or a unique part of it).")
@scope_options
@format_options
@pass_app
def politician(app: AppContext, name: str, issue, topic, since, until, outlet, count_copies: bool, fmt: str) -> None:
    """A politician's statements over time, with the party at each date (switches marked)."""
    registry = app.tracker.registry
    with app.tracker.session() as session:
        full_name, ids = find_politicians(session, name)
        one = find_issue(session, issue) if issue else None
        scope = make_scope(app, session, topic, since, until, issue=one, count_copies=count_copies, outlet=outlet)
        frame = reports.politician_frame(session, ids, scope, party_at=_party_name_at(registry))
    periods = _periods(registry, full_name) or " → ".join(dict.fromkeys(frame["party"]))
    title = f"{full_name} ({periods})" if periods else full_name
    emit(frame if fmt != "table" else labelled(frame.drop(columns=["source"])), fmt, title=title)


def _periods(registry, full_name: str) -> str:
    """'ALT 2015-2020, SF 2020-' from the registry's dated affiliations ('' when it has none)."""
    spans = []
    for person in registry.politicians_named(full_name):
        for a in sorted(person.affiliations, key=lambda a: a.start or date.min):
            if a.start or a.end:
                spans.append(f"{a.party_key} {a.start.year if a.start else ''}-{a.end.year if a.end else ''}")
    return ", ".join(dict.fromkeys(spans))


def _party_name_at(registry):
    def party_at(key: str, day: date | None) -> str | None:
        record = registry.party_at(key, day)
        return record.name if record else None

    return party_at


@click.command("compare")
@click.argument("issue", required=False)
@parties_option
@scope_options
@blocs_option
@click.option("--min", "min_statements", default=1, show_default=True,
              help="Matrix: leave out parties with fewer statements on an issue.")
@format_options
@pass_app
def compare(app: AppContext, issue, parties, topic, since, until, outlet, count_copies: bool, blocs: bool,
            min_statements: int, fmt: str) -> None:
    """The parties side by side on ISSUE; without ISSUE, the issues ranked by how much the parties disagree.

    ISSUE is a slug or label, or a unique part of one. Net position = (for - against) / statements, from
    -1 to +1; an issue's spread = its highest minus its lowest net position. Parties lean for or against
    at a net position of +/-0.33 or more; they disagree when some lean for and others against.
    """
    with app.tracker.session() as session:
        one = find_issue(session, issue) if issue else None
        scope = make_scope(app, session, topic, since, until, parties, count_copies=count_copies, outlet=outlet)
        if one is None:
            frame = reports.matrix_frame(session, scope, blocs, min_statements)
        else:
            frame = reports.compare_frame(session, one.id, scope, blocs)
    if one is None:
        _emit_matrix(frame, fmt, blocs)
    else:
        _emit_comparison(frame, fmt, one)


def _emit_matrix(frame, fmt: str, blocs: bool) -> None:
    if fmt != "table":
        emit(frame, fmt)
        return
    frame = labelled(frame).assign(disagree=frame["disagree"].map({True: "yes", False: ""}))
    emit(frame, fmt, title=f"Net position by {'bloc' if blocs else 'party'} (-1 against ... +1 for), "
                           "issues where they differ most first")


def _emit_comparison(frame, fmt: str, issue: Issue) -> None:
    if fmt != "table":
        emit(frame, fmt)
        return
    emit(frame.drop(columns=["source", "disagrees_with"]), fmt, title=f"{issue.slug}: {issue.label}")
    if issue.kind == "other":
        click.echo("Statements on no concrete issue: not positions on one question, so no stance and no disagreement.")
        return
    name = frame.columns[0]
    sides = {side: ", ".join(frame.loc[frame["leaning"] == side, name]) for side in ("for", "against")}
    if sides["for"] and sides["against"]:
        echo_wrapped(f"Disagree: {sides['for']} (for) vs {sides['against']} (against)")
    elif not frame.empty:
        click.echo("No disagreement: no one leans the other way.")


@click.command("timeline")
@click.argument("issue")
@click.option("--party", "-p", help="Only this party.")
@click.option("--parties", help="Only these parties, comma-separated.")
@click.option("--by", type=click.Choice(reports.PERIODS), default="quarter", show_default=True)
@date_options
@copies_option
@blocs_option
@format_options
@pass_app
def timeline(app: AppContext, issue: str, party, parties, by: str, since, until, outlet, count_copies: bool,
             blocs: bool, fmt: str) -> None:
    """How the positions on ISSUE moved over time: net position (statements) per period."""
    with app.tracker.session() as session:
        one = find_issue(session, issue)
        wanted = ",".join(filter(None, [party, parties])) or None
        scope = make_scope(app, session, since=since, until=until, parties=wanted, count_copies=count_copies,
                           outlet=outlet)
        frame = reports.timeline_frame(session, one.id, scope, by, blocs)
    if fmt != "table":
        emit(frame, fmt)
    elif frame.empty:
        click.echo(f"No dated statements on {one.slug} (within the dates and parties asked for).")
    else:
        emit(reports.timeline_wide(frame), fmt, title=f"{one.slug}: net position (statements) by {by}")


def register(cli: click.Group) -> None:
    for command in (positions, politician, compare, timeline):
        cli.add_command(command)
