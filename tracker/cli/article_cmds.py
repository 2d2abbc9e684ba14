"""`tracker articles`, `article`, `delete-article` and `search`: reading the stored articles and statements."""

from __future__ import annotations

import shutil
import sys
import textwrap

import click
import pandas as pd

from tracker import reports
from tracker.cli.context import AppContext, pass_app
from tracker.cli.errors import UsageProblem
from tracker.cli.options import date_options, format_options
from tracker.cli.output import emit, table_width, to_records
from tracker.cli.query_cmds import find_issue, make_scope
from tracker.reports.records import segments
from tracker.reports.scope import article_name, iso
from tracker.search import search_articles, search_statements

STATEMENT_TABLE = ["id", "speaker", "party", "issue_label", "stance", "kind", "evidence"]


def filter_options(command):
    """--party and --issue: only the statements (and articles) of this party or issue."""
    command = click.option("--issue", "-i", help="Only this issue (slug or label, or a unique part of it).")(command)
    return click.option("--party", "-p", help="Only this party (any name or abbreviation).")(command)


def _scope(app: AppContext, session, since, until, outlet, party, issue):
    one = find_issue(session, issue) if issue else None
    return make_scope(app, session, since=since, until=until, parties=party, issue=one, outlet=outlet)


@click.command("articles")
@date_options
@filter_options
@format_options
@pass_app
def articles(app: AppContext, since, until, outlet, party, issue, fmt: str) -> None:
    """List the articles (id, date, outlet, title, statements); `tracker article ID` shows one."""
    with app.tracker.session() as session:
        frame = reports.articles_frame(session, _scope(app, session, since, until, outlet, party, issue))
    if fmt == "table":
        frame = frame.assign(title=[article_name(t, s) for t, s in zip(frame["title"], frame["source"])])
        frame = frame[["id", "date", "outlet", "title", "statements"]]
    emit(frame, fmt, title="Articles")


@click.command("article")
@click.argument("article_id", type=int)
@format_options
@pass_app
def article(app: AppContext, article_id: int, fmt: str) -> None:
    """One article: its text with each statement's evidence marked [#ID ...], then its statements."""
    found = app.tracker.article(article_id)
    if found is None:
        raise UsageProblem(f"No article {article_id}.")
    row, statements = found
    if fmt != "table":
        facts = dict(id=row.id, date=iso(row.published), outlet=row.outlet, title=row.title,
                     source=row.source, url=row.url, text=row.text)
        emit(pd.DataFrame([dict(facts, statements=to_records(statements))]) if fmt == "json" else statements, fmt)
        return
    click.echo(click.style(article_name(row.title, row.source), bold=True))
    click.echo(" · ".join(part for part in (iso(row.published), row.outlet, row.url or row.source) if part))
    click.echo()
    width = table_width() or shutil.get_terminal_size().columns
    click.echo("\n".join(textwrap.fill(line, width) if line else "" for line in
                         marked_text(row.text, statements).splitlines()))
    click.echo()
    shown = statements.assign(stance=[f"{s} (rejected)" if r else s
                                      for s, r in zip(statements["stance"], statements["rejected"])])
    emit(shown[STATEMENT_TABLE], fmt, title="Statements")


def marked_text(text: str, statements: pd.DataFrame) -> str:
    """The text with each evidence between [#ID and ] (bold on a terminal)."""
    spans = list(zip(statements["start_char"], statements["end_char"], statements["id"]))
    out, colour = [], sys.stdout.isatty()
    for piece, ids in segments(text, spans):
        if not ids:
            out.append(piece)
            continue
        opening = "[" + " ".join(f"#{id_}" for id_ in ids) + " "
        out.append(opening + (click.style(piece, bold=True, underline=True) if colour else piece) + "]")
    return "".join(out)


@click.command("delete-article")
@click.argument("article_id", type=int)
@click.option("--yes", "-y", is_flag=True, help="Do not ask.")
@pass_app
def delete_article(app: AppContext, article_id: int, yes: bool) -> None:
    """Delete an article with its statements and their corrections."""
    found = app.tracker.article(article_id)
    if found is None:
        raise UsageProblem(f"No article {article_id}.")
    row, statements = found
    if not yes:
        click.confirm(f'Delete article {article_id} "{row.title or row.source}" and its {len(statements)} '
                      "statements?", abort=True)
    app.tracker.delete_article(article_id)
    click.echo(f"Deleted article {article_id} and its {len(statements)} statements.")


@click.command("search")
@click.argument("text")
@date_options
@filter_options
@click.option("--limit", "-n", default=20, show_default=True, help="Statements (and articles) to show.")
@format_options
@pass_app
def search(app: AppContext, text: str, since, until, outlet, party, issue, limit: int, fmt: str) -> None:
    """Search statements' evidence and articles' text, best matches first; any form of a Danish word
    matches ("afgift" finds "afgifterne"), and every word must occur."""
    with app.tracker.session() as session:
        scope = _scope(app, session, since, until, outlet, party, issue)
        found = search_statements(session, text, scope, limit)
        pages = search_articles(session, text, scope, limit)
    if fmt != "table":
        both = pd.concat([found.assign(hit="statement"), pages.assign(hit="article")], ignore_index=True)
        emit(both[["hit", *[c for c in both.columns if c != "hit"]]], fmt)
        return
    emit(found[["id", "date", "party", "speaker", "issue_label", "stance", "evidence", "article"]], fmt,
         title=f'Statements matching "{text}"')
    emit(pages[["id", "date", "outlet", "title", "statements", "snippet"]], fmt, title=f'Articles matching "{text}"')


def register(cli: click.Group) -> None:
    for command in (articles, article, delete_article, search):
        cli.add_command(command)
