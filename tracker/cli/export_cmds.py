"""`tracker export statements`: CSV through pandas."""

from __future__ import annotations

import click

from tracker.cli.context import AppContext, pass_app
from tracker.reports import statements_frame


@click.group("export")
def export_group() -> None:
    """Write CSV reports for your own analysis."""


@export_group.command("statements")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default="-",
              help="CSV file to write (default: standard output).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Articles published on or after.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Articles published on or before.")
@pass_app
def export_statements(app: AppContext, output: str, since, until) -> None:
    """Every statement: article, speaker, party, role, issue, cap_topic, stance, kind, evidence, date, source."""
    with app.tracker.session() as session:
        frame = statements_frame(session, since and since.date(), until and until.date())
    if output == "-":
        click.echo(frame.to_csv(index=False), nl=False)
    else:
        frame.to_csv(output, index=False)
        click.echo(f"Wrote {len(frame)} statements to {output}.", err=True)


def register(cli: click.Group) -> None:
    cli.add_command(export_group)
