"""`tracker ingest`: read articles, extract statements, store them."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.context import AppContext, pass_app
from tracker.ingest import ingest_articles
from tracker.sources import ArticleError, read_text_article


def iter_text_articles(paths: tuple[str, ...]):
    """Every file named, directories recursively; unreadable input becomes an ArticleError."""
    for name in paths:
        path = Path(name)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            try:
                yield read_text_article(file)
            except ArticleError as error:
                yield ArticleError(f"{file}: {error}")
            except OSError as error:
                yield ArticleError(f"{file}: cannot read ({error.strerror or error})")


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--quiet", "-q", is_flag=True, help="Print only problems and the summary.")
@pass_app
def ingest(app: AppContext, paths: tuple[str, ...], quiet: bool) -> None:
    """Ingest articles from text files or directories (first line: `date YYYY-MM[-DD]`)."""

    def report(event, article, message):
        if event in ("failed", "warning"):
            where = f"{article.source}: " if article is not None else ""
            click.echo(f"{event}: {where}{message}", err=True)
        elif not quiet:
            click.echo(f"{event}: {article.source} ({message})")

    summary = ingest_articles(app.tracker, iter_text_articles(paths), report=report)
    click.echo(summary.line())
    if summary.failed:
        raise click.exceptions.Exit(1)


def register(cli: click.Group) -> None:
    cli.add_command(ingest)
