"""`tracker statement`, `correct`, `reject`, `restore`, `add-statement`, `corrections`: a person's review."""

from __future__ import annotations

import click
import pandas as pd

from tracker.cli.context import AppContext, pass_app
from tracker.cli.errors import UsageProblem
from tracker.cli.options import Day, format_options
from tracker.cli.output import emit, to_records
from tracker.corrections import KINDS
from tracker.reports import STANCES


def author_options(command):
    """--note and --by for a correction."""
    command = click.option("--by", "author", metavar="NAME",
                           help="Who corrects (default: $TRACKER_USER, else your login name).")(command)
    return click.option("--note", help="Why: kept with the correction.")(command)


@click.command("statement")
@click.argument("statement_id", type=int)
@format_options
@pass_app
def statement(app: AppContext, statement_id: int, fmt: str) -> None:
    """Show one statement (its evidence, who, what) and its corrections."""
    found = app.tracker.statement(statement_id)
    if found is None:
        raise UsageProblem(f"No statement {statement_id}.")
    record, history = found
    if fmt == "json":
        emit(pd.DataFrame([dict(record, corrections=to_records(history))]), fmt)
        return
    if fmt == "csv":
        emit(pd.DataFrame([record]), fmt)
        return
    fields = pd.DataFrame({"field": list(record), "value": [_shown(v) for v in record.values()]})
    emit(fields, fmt, title=f"Statement {statement_id}" + (" (rejected)" if record["rejected"] else ""))
    if not history.empty:
        emit(history.drop(columns=["statement", "article"]), fmt, title="Corrections")


def _shown(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


@click.command("correct")
@click.argument("statement_id", type=int)
@click.option("--stance", type=click.Choice(STANCES), help="The right stance.")
@click.option("--issue", help="The right issue (slug or label, also of the catalogue).")
@click.option("--party", help="The right party (any name or abbreviation).")
@click.option("--speaker", help='The right speaker ("" for the party\'s own position).')
@click.option("--kind", type=click.Choice(KINDS), help="direct_quote or indirect.")
@author_options
@pass_app
def correct(app: AppContext, statement_id: int, note, author, **changes) -> None:
    """Fix fields of a statement; the correction is kept and survives `tracker reprocess`."""
    changes = {field: value for field, value in changes.items() if value is not None}
    if not changes:
        raise UsageProblem("Nothing to correct: give --stance, --issue, --party, --speaker or --kind.")
    made = app.tracker.correct(statement_id, changes, author, note)
    click.echo(f"Corrected statement {statement_id}: {', '.join(changes)} ({len(made)} correction"
               f"{'s' if len(made) != 1 else ''}).")


@click.command("reject")
@click.argument("statement_id", type=int)
@author_options
@pass_app
def reject(app: AppContext, statement_id: int, note, author) -> None:
    """Reject a statement: no report, export or search counts it (`tracker restore` undoes it)."""
    app.tracker.reject(statement_id, author, note)
    click.echo(f"Rejected statement {statement_id}.")


@click.command("restore")
@click.argument("statement_id", type=int)
@author_options
@pass_app
def restore(app: AppContext, statement_id: int, note, author) -> None:
    """Undo the rejection of a statement."""
    app.tracker.restore(statement_id, author, note)
    click.echo(f"Restored statement {statement_id}.")


@click.command("add-statement")
@click.argument("article_id", type=int)
@click.option("--evidence", required=True, help="The statement's evidence: an exact span of the article's text.")
@click.option("--party", required=True, help="The party (any name or abbreviation).")
@click.option("--speaker", help="Who said it (leave out for the party's own position).")
@click.option("--issue", required=True, help="The issue (slug or label, also of the catalogue).")
@click.option("--stance", required=True, type=click.Choice(STANCES))
@click.option("--kind", type=click.Choice(KINDS), help="Default: direct_quote when the evidence has quotation marks.")
@author_options
@pass_app
def add_statement(app: AppContext, article_id: int, evidence, party, speaker, issue, stance, kind, note,
                  author) -> None:
    """Add a statement the pipeline missed (it stays through `tracker reprocess`)."""
    new = app.tracker.add_statement(article_id, evidence, party, issue, stance, speaker, kind, author, note)
    click.echo(f"Added statement {new} to article {article_id}.")


@click.command("corrections")
@click.option("--since", type=Day(), help="Only corrections made from (YYYY[-MM[-DD]]).")
@click.option("--unmatched", is_flag=True, help="Only those that no longer fit the extraction (after reprocess).")
@format_options
@pass_app
def corrections(app: AppContext, since, unmatched: bool, fmt: str) -> None:
    """List the corrections: when, who, which statement, what changed, note, applied or unmatched."""
    frame = app.tracker.corrections(since, unmatched)
    emit(frame, fmt, title="Corrections that no longer fit" if unmatched else "Corrections")


def register(cli: click.Group) -> None:
    for command in (statement, correct, reject, restore, add_statement, corrections):
        cli.add_command(command)
