"""`tracker parties`, `tracker politicians`, `tracker registry load|add|end`."""

from __future__ import annotations

from datetime import date

import click

from tracker.cli.context import AppContext, pass_app
from tracker.cli.errors import UsageProblem, unknown
from tracker.cli.options import format_options
from tracker.cli.output import emit
from tracker.registry import Registry
from tracker.registry_db import add_politician, find_party
from tracker.registry_edits import Edit, RegistryProblem, UnknownName
from tracker.registry_listing import parties_frame, politicians_frame


@click.command("parties")
@click.option("--all", "everything", is_flag=True, help="Include parties outside today's Folketing.")
@format_options
@pass_app
def parties(app: AppContext, everything: bool, fmt: str) -> None:
    """List the parties with ballot letters, news abbreviations and statement counts."""
    with app.tracker.session() as session:
        emit(parties_frame(session, everything), fmt, title="Parties")


@click.command("politicians")
@click.option("--party", "-p", help="Only people who have belonged to this party (any name or abbreviation).")
@click.option("--heard", is_flag=True, help="Only the people with statements.")
@format_options
@pass_app
def politicians(app: AppContext, party: str | None, heard: bool, fmt: str) -> None:
    """List politicians with their parties over time and statement counts, most heard first."""
    with app.tracker.session() as session:
        row = _party_row(app, session, party) if party else None
        emit(politicians_frame(session, row, heard), fmt, title=f"Politicians ({row.name})" if row else "Politicians")


def _party_row(app: AppContext, session, name: str):
    row = find_party(session, app.tracker.registry, name)
    if row is None:
        raise unknown("party", name, [p.name for p in app.tracker.registry.parties])
    return row


@click.group("registry")
def registry_group() -> None:
    """Extend or correct the registry of parties and politicians."""


@registry_group.command("add")
@click.argument("name")
@click.option("--party", "-p", required=True, help="Party name or abbreviation.")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]),
              help="First day (YYYY-MM-DD); an open period in another party ends the day before.")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="Last day (YYYY-MM-DD).")
@click.option("--role", help="Role, e.g. MP, minister, borgmester.")
@pass_app
def registry_add(app: AppContext, name: str, party: str, start, end, role: str | None) -> None:
    """Add a politician (or a new party period for a known one)."""
    tracker = app.open(create=True)
    edit = _edited(lambda: tracker.registry_add(name.strip(), party, _day(start), _day(end), role))
    click.echo(f"Added {edit.politician} ({edit.party}{_period(start, end)}).")
    _echo_ended(edit)


@registry_group.command("end")
@click.argument("name")
@click.option("--party", "-p", required=True, help="Party name or abbreviation.")
@click.option("--on", "on", type=click.DateTime(["%Y-%m-%d"]), required=True,
              help="The last day in the party (YYYY-MM-DD).")
@pass_app
def registry_end(app: AppContext, name: str, party: str, on) -> None:
    """End a politician's open period in a party."""
    tracker = app.open(create=True)
    _echo_ended(_edited(lambda: tracker.registry_end(name.strip(), party, _day(on))))


def _edited(change) -> Edit:
    try:
        return change()
    except UnknownName as problem:
        raise unknown(problem.kind, problem.name, problem.choices) from None
    except RegistryProblem as problem:
        raise UsageProblem(str(problem)) from None


def _echo_ended(edit: Edit) -> None:
    for ended in edit.ended:
        click.echo(f"Ended {edit.politician}'s period in {ended.party} ({ended.start or '…'} to {ended.end}).")


@registry_group.command("load")
@click.argument("csv_path", type=click.Path(exists=True, dir_okay=False))
@pass_app
def registry_load(app: AppContext, csv_path: str) -> None:
    """Load politicians from a CSV in the format of data/politicians.csv."""
    try:
        records = Registry.read_politicians_csv(csv_path)
    except (KeyError, ValueError) as error:
        raise UsageProblem(f"{csv_path}: not a politicians CSV ({error})") from None
    registry = app.open(create=True).registry
    added = 0
    with app.tracker.session() as session:
        for record in records:
            for a in record.affiliations:
                party_record = registry.party_by_key(a.party_key) or registry.party(a.party_key)
                if party_record is None:
                    raise UsageProblem(f"{csv_path}: unknown party {a.party_key!r} for {record.full_name}")
                party_row = find_party(session, registry, party_record.key)
                add_politician(session, record.full_name, party_row, a.start, a.end, a.role)
                added += 1
        session.commit()
    click.echo(f"Loaded {added} affiliations of {len(records)} politicians from {csv_path}.")


def _day(value) -> date | None:
    return value.date() if value else None


def _period(start, end) -> str:
    if not start and not end:
        return ""
    return f", {_day(start) or '…'} to {_day(end) or '…'}"


def register(cli: click.Group) -> None:
    for command in (parties, politicians, registry_group):
        cli.add_command(command)
