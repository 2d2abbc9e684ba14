"""`tracker report -o report.html`: the comparison as one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path

import click

from tracker import reports
from tracker.cli.context import AppContext, pass_app
from tracker.cli.options import parties_option, scope_options
from tracker.cli.query_cmds import make_scope
from tracker.html_report import render_report
from tracker.texts import LANGUAGES


@click.command("report")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default="report.html",
              show_default=True, help="HTML file to write.")
@parties_option
@scope_options
@click.option("--by", type=click.Choice(reports.PERIODS), help="Timeline periods (default: from the dates' span).")
@click.option("--title", help="The page's title (default: in the page's language).")
@click.option("--lang", type=click.Choice(LANGUAGES), default="da", show_default=True,
              help="Language of the page's texts (Danish or English).")
@pass_app
def report(app: AppContext, output: str, parties, topic, since, until, outlet, count_copies: bool, by, title,
           lang: str) -> None:
    """Write an HTML page: the party x issue heatmap, each issue's comparison with quotes, timelines.

    The page needs no network: styles, charts and script are inline. Open it in any browser.
    """
    with app.tracker.session() as session:
        scope = make_scope(app, session, topic, since, until, parties, count_copies=count_copies, outlet=outlet)
        page = render_report(session, scope, by, title, lang)
    Path(output).write_text(page, encoding="utf-8")
    click.echo(f"Wrote {output} ({len(page) / 1024:.0f} KB).", err=True)


def register(cli: click.Group) -> None:
    cli.add_command(report)
