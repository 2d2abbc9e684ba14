"""`tracker issues`: list the issues, the discovered ones, and curate the user catalogue.

    tracker issues [--topic T] [--discovered]        list (discovered: counts, parties, phrases, an example)
    tracker issues add SLUG --label .. --topic .. --triggers "a*; b c*" [--for ..] [--against ..]
    tracker issues accept|rename|merge|split ISSUE   curate (kept in the database: survives reprocess)
    tracker issues export -o mine.csv                the user catalogue in the format of data/issues.csv
    tracker issues rebuild [--min-articles N]        recompute the discovered issues from every statement
"""

from __future__ import annotations

import csv
import sys

import click
from sqlalchemy import select

from tracker import reports
from tracker.cli.context import AppContext, pass_app
from tracker.cli.errors import UsageProblem
from tracker.cli.options import format_options, scope_options
from tracker.cli.output import emit
from tracker.cli.query_cmds import find_issue, find_topic, labelled, make_scope
from tracker.db.models import IssueKey, Statement
from tracker.discovery import min_articles as articles_needed
from tracker.discovery import rebuild, set_min_articles
from tracker.reports.discovered import discovered_frame
from tracker.user_catalogue import (CSV_COLUMNS, CatalogueProblem, accept, add_issue, export_rows, merge, rename,
                                    split)

REPROCESS_HINT = "Stored articles keep their issues until `tracker reprocess --all`."


@click.group("issues", invoke_without_command=True)
@scope_options
@click.option("--dates", is_flag=True, help="Add each issue's first and last article date (slower).")
@click.option("--discovered", is_flag=True,
              help="Only the discovered issues (and those curated from them): counts, parties, phrases, an example.")
@format_options
@pass_app
@click.pass_context
def issues(ctx: click.Context, app: AppContext, topic, since, until, outlet, count_copies: bool, dates: bool,
           discovered: bool, fmt: str) -> None:
    """List the issues with statement counts (for/against/neutral), net position and parties heard.

    kind: catalogue (data/issues.csv, TRACKER_ISSUES), user (the user catalogue), discovered (a question
    found in statements of several articles) or other (a topic's catch-all: "other statements on <topic>",
    no stance). The subcommands curate the discovered issues and the user catalogue.
    """
    if ctx.invoked_subcommand is not None:
        return
    with app.tracker.session() as session:
        scope = make_scope(app, session, topic, since, until, count_copies=count_copies, outlet=outlet)
        if discovered:
            emit(discovered_frame(session, scope), fmt, title="Discovered issues")
            return
        frame = reports.issues_frame(session, scope, dates)
    emit(frame if fmt != "table" else labelled(frame), fmt, title="Issues")


def _curate(app: AppContext, work) -> str:
    """Run work(session) in a transaction; a CatalogueProblem is one line and exit status 2."""
    with app.tracker.session() as session:
        try:
            with session.begin():
                return work(session)
        except CatalogueProblem as problem:
            raise UsageProblem(str(problem)) from None


@issues.command("add")
@click.argument("slug")
@click.option("--label", required=True, help="The question in Danish, phrased so that a stance reads against it.")
@click.option("--topic", "-t", "topic", required=True, help="Its CAP topic (English or Danish name).")
@click.option("--triggers", required=True, help='";"-separated word patterns that point to it ("sukkerafgift*; '
                                                'afgift* på sukker").')
@click.option("--for", "for_phrases", default="", help='";"-separated phrases that mean for it.')
@click.option("--against", "against_phrases", default="", help='";"-separated phrases that mean against it.')
@pass_app
def add(app: AppContext, slug: str, label: str, topic: str, triggers: str, for_phrases: str,
        against_phrases: str) -> None:
    """Add an issue to the user catalogue by hand (patterns as in data/issues.csv)."""
    def work(session) -> str:
        name = find_topic(session, topic)
        issue = add_issue(session, slug, label, name, _split(triggers), _split(for_phrases), _split(against_phrases))
        return f"Added {issue.slug}: {issue.label} ({name}). {REPROCESS_HINT}"

    click.echo(_curate(app, work))


@issues.command("accept")
@click.argument("issue")
@pass_app
def accept_cmd(app: AppContext, issue: str) -> None:
    """Keep a discovered issue in the user catalogue as it is."""
    click.echo(_curate(app, lambda session: f"Accepted {accept(session, find_issue(session, issue)).slug}."))


@issues.command("rename")
@click.argument("issue")
@click.option("--label", required=True, help="The new label.")
@click.option("--slug", "new_slug", help="A new slug too.")
@pass_app
def rename_cmd(app: AppContext, issue: str, label: str, new_slug: str | None) -> None:
    """Give an issue a new label (and slug); it joins the user catalogue."""
    def work(session) -> str:
        renamed = rename(session, find_issue(session, issue), label, new_slug)
        return f"Renamed: {renamed.slug}: {renamed.label}"

    click.echo(_curate(app, work))


@issues.command("merge")
@click.argument("issue")
@click.option("--into", "target", required=True, help="The issue that takes ISSUE's statements.")
@pass_app
def merge_cmd(app: AppContext, issue: str, target: str) -> None:
    """Merge ISSUE into another: one question, two issues. ISSUE's statements, keys and slug go there."""
    def work(session) -> str:
        source = find_issue(session, issue)
        slug = source.slug
        merged = merge(session, source, find_issue(session, target))
        return f"Merged {slug} into {merged.slug}: {merged.label}"

    click.echo(_curate(app, work))


@issues.command("split")
@click.argument("issue")
@click.option("--key", "keys", multiple=True, help="A policy object key of ISSUE to move (repeatable; see "
                                                  "`tracker issues --discovered`).")
@click.option("--phrase", help="Move the keys whose phrases contain this text.")
@click.option("--label", required=True, help="The label of the new issue.")
@click.option("--slug", "new_slug", help="The slug of the new issue (default: made from the label).")
@pass_app
def split_cmd(app: AppContext, issue: str, keys: tuple[str, ...], phrase: str | None, label: str,
              new_slug: str | None) -> None:
    """Split ISSUE in two: the keys given move to a new issue of the user catalogue."""
    def work(session) -> str:
        source = find_issue(session, issue)
        chosen = list(keys) + (_keys_with_phrase(session, source.id, phrase) if phrase else [])
        part = split(session, source, list(dict.fromkeys(chosen)), label, new_slug)
        return f"Split {source.slug}: {part.slug} ({part.label}) takes {', '.join(dict.fromkeys(chosen))}."

    click.echo(_curate(app, work))


def _keys_with_phrase(session, issue_id: int, text: str) -> list[str]:
    query = (select(Statement.object_key).where(Statement.issue_id == issue_id, Statement.object_key.is_not(None),
                                                Statement.object_phrase.icontains(text, autoescape=True)).distinct())
    keys = set(session.scalars(select(IssueKey.key).where(IssueKey.issue_id == issue_id)))
    return sorted(k for k in session.scalars(query) if k in keys)


@issues.command("export")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default="-",
              help="CSV file to write (default: standard output).")
@pass_app
def export_cmd(app: AppContext, output: str) -> None:
    """Write the user catalogue as CSV in the format of data/issues.csv (usable as a TRACKER_ISSUES file)."""
    with app.tracker.session() as session:
        rows = export_rows(session)
    handle = sys.stdout if output == "-" else open(output, "w", encoding="utf-8", newline="")
    try:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    finally:
        if handle is not sys.stdout:
            handle.close()
            click.echo(f"Wrote {len(rows)} issues to {output}.", err=True)


@issues.command("rebuild")
@click.option("--min-articles", type=click.IntRange(min=1), help="Articles a policy object needs to become an "
                                                                   "issue (kept for later ingests; default 2).")
@pass_app
def rebuild_cmd(app: AppContext, min_articles: int | None) -> None:
    """Recompute the discovered issues from every stored statement (curated ones stay)."""
    def work(session) -> str:
        if min_articles is not None:
            set_min_articles(session, min_articles)
        done = rebuild(session, min_articles)
        return f"{done.line()}; a policy object needs {articles_needed(session)} articles."

    click.echo(_curate(app, work))


def _split(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def register(cli: click.Group) -> None:
    cli.add_command(issues)
