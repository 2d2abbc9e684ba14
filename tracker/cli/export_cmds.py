"""`tracker export statements|positions|compare|articles`: CSV through pandas."""

from __future__ import annotations

import click
import pandas as pd

from tracker import reports
from tracker.cli.context import AppContext, pass_app
from tracker.cli.options import blocs_option, copies_option, date_options, parties_option, topic_option
from tracker.cli.query_cmds import make_scope


def export_options(command):
    """-o FILE, --since and --until for an export."""
    command = date_options(command)
    return click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default="-",
                        help="CSV file to write (default: standard output).")(command)


def write_csv(frame: pd.DataFrame, output: str, what: str) -> None:
    if output == "-":
        click.echo(frame.to_csv(index=False), nl=False)
    else:
        frame.to_csv(output, index=False)
        click.echo(f"Wrote {len(frame)} {what} to {output}.", err=True)


@click.group("export")
def export_group() -> None:
    """Write CSV reports for your own analysis."""


@export_group.command("statements")
@export_options
@pass_app
def export_statements(app: AppContext, output: str, since, until, outlet) -> None:
    """Every statement (copies of a story too; rejected ones left out): id, article_id, article, speaker, party,
    role, issue (slug), issue_label, cap_topic, stance, kind, evidence, date, outlet, source, confidence, story
    (its story's id), counted (false for a later copy's), origin and corrected."""
    with app.tracker.session() as session:
        scope = make_scope(app, session, since=since, until=until, count_copies=True, outlet=outlet)
        frame = reports.statements_frame(session, scope=scope)
    write_csv(frame, output, "statements")


@export_group.command("positions")
@export_options
@topic_option
@copies_option
@blocs_option
@pass_app
def export_positions(app: AppContext, output: str, since, until, outlet, topic, count_copies: bool,
                     blocs: bool) -> None:
    """Every party's (or bloc's) position on every issue: counts, net position, leaning."""
    with app.tracker.session() as session:
        scope = make_scope(app, session, topic, since, until, count_copies=count_copies, outlet=outlet)
        table = reports.stance_table(session, scope, blocs)
        frame = table.merge(reports.issue_names(session), on="issue_id")
        names = reports.party_names(session)
    if blocs:
        frame.insert(0, "bloc", frame["who"])
    else:
        frame.insert(0, "party", frame["who"].map(lambda id_: names[id_][1]))
        frame.insert(1, "key", frame["who"].map(lambda id_: names[id_][0]))
    who = ["bloc"] if blocs else ["party", "key"]
    columns = [*who, "issue", "label", "topic", *reports.COUNT_COLUMNS, "net", "leaning"]
    frame = frame[columns].sort_values([who[0], "issue"], ignore_index=True)
    write_csv(frame, output, "positions")


@export_group.command("compare")
@export_options
@topic_option
@parties_option
@copies_option
@blocs_option
@click.option("--min", "min_statements", default=1, show_default=True,
              help="Leave out parties with fewer statements on an issue.")
@pass_app
def export_compare(app: AppContext, output: str, since, until, outlet, topic, parties, count_copies: bool,
                   blocs: bool, min_statements: int) -> None:
    """The issue x party matrix of net positions, issues where the parties differ most first."""
    with app.tracker.session() as session:
        scope = make_scope(app, session, topic, since, until, parties, count_copies=count_copies, outlet=outlet)
        frame = reports.matrix_frame(session, scope, blocs, min_statements)
    write_csv(frame, output, "issues")


@export_group.command("articles")
@export_options
@pass_app
def export_articles(app: AppContext, output: str, since, until, outlet) -> None:
    """Every article: id, date, outlet, title, source, url, its number of statements and its story (the id of
    the story's first stored copy, whose statements count)."""
    with app.tracker.session() as session:
        frame = reports.articles_frame(session, make_scope(app, session, since=since, until=until, outlet=outlet))
    write_csv(frame, output, "articles")


@export_group.command("gold")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default="-",
              help="CSV file to write (default: standard output).")
@pass_app
def export_gold(app: AppContext, output: str) -> None:
    """The corrected statements of every article with a correction, in the gold format of `tracker eval`
    (article, speaker, party, role, issue label, cap_topic, stance, kind, evidence): score the pipeline on
    your own reviewed articles with `tracker eval FILE.csv ARTICLES...`."""
    write_csv(app.tracker.gold(), output, "gold statements")


def register(cli: click.Group) -> None:
    cli.add_command(export_group)
