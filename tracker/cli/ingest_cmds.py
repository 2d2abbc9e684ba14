"""`tracker ingest` (articles in, statements stored), `tracker work` (the queued extraction jobs) and
`tracker reprocess` (the current pipeline again)."""

from __future__ import annotations

import re
import sys
import time
from contextlib import contextmanager

import click
import pandas as pd
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
from rich.text import Text
from sqlalchemy.exc import IntegrityError, OperationalError

from tracker.cli.context import AppContext, pass_app
from tracker.cli.errors import UsageProblem
from tracker.cli.options import Day, format_options
from tracker.cli.output import emit
from tracker.db.errors import is_locked
from tracker.ingest import ingest_articles, pipeline_version, usable_workers
from tracker.input_count import count_articles
from tracker.queue import MAX_ATTEMPTS, failed_jobs, waiting
from tracker.work import articles_to_redo, reprocess_articles, work_queue
from tracker.readers import DEFAULT_MAX_SIZE, FIELDS, ReadOptions, read_inputs
from tracker.sources import parse_date

SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)
UNITS = {"": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}


def iter_text_articles(paths: tuple[str, ...], options: ReadOptions | None = None):
    """Every article in the named files, folders (recursively), glob patterns and `-`, streamed."""
    return read_inputs(paths, options)


INGEST_HELP = """Read articles, extract who said what, and store both.

\b
PATHS are files, folders (read recursively), glob patterns ("news/**/*.jsonl", quoted) or - for
standard input. The format follows the file's extension (--format to choose):
  .txt / none   the users' format: line 1 is ` date YYYY-MM[-DD] ` alone or followed by the lead,
                then the article's paragraphs separated by blank lines
  .jsonl        one JSON object per line: "text", optional "date" (or "published"), "title",
                "url", "source", "outlet"; other keys are kept as metadata
  .csv / .tsv   the same fields as columns named in a header row (, ; or tab separated);
                --text-column, --date-column, ... map other names (also for JSONL keys)
  .html / .htm  the page's visible paragraphs (<p>, <h1>-<h3>; not script, style, nav, footer)
In folders, files with other extensions are skipped (and counted); name a file to read it as text.
Only regular files are read (FIFOs, sockets and devices are skipped; - is the one stream), and no
folder is read twice (a link back up the tree is skipped).
Dates: YYYY-MM-DD, YYYY-MM, an ISO date-time or DD.MM.YYYY.

\b
An article already stored (same text, white space aside) counts as a duplicate and adds nothing.
Bad input costs only itself: each problem gets one line naming the file (and line), the rest is
ingested, and a summary closes the run. Exit status 0 when every article was ingested or was a
duplicate, 1 when some failed.

\b
Each article is stored and queued first, then its statements are extracted; an article the
pipeline fails on stays stored with its job marked (`tracker work --retry-failed`). Copies of one
story (wire copy on several sites) are grouped: `tracker stories`. With --queue-only the articles
are only stored and queued, for `tracker work` processes (on any number of machines, PostgreSQL).
"""


@click.command("ingest", help=INGEST_HELP)
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl", "csv", "html"]),
              help="Read every input in this format (default: by extension; stdin: guessed).")
@click.option("--text-column", metavar="NAME", help='Column or key holding the text (default "text").')
@click.option("--date-column", metavar="NAME", help='... the date (default "date", then "published").')
@click.option("--title-column", metavar="NAME", help='... the title (default "title").')
@click.option("--url-column", metavar="NAME", help='... the URL (default "url").')
@click.option("--source-column", metavar="NAME", help='... the source id (default "source"; else FILE:LINE).')
@click.option("--outlet-column", metavar="NAME", help='... the outlet (default "outlet").')
@click.option("--default-date", metavar="YYYY-MM[-DD]", help="Date for articles without a valid one.")
@click.option("--max-size", default=f"{DEFAULT_MAX_SIZE // 1024 ** 2}MB", show_default=True, metavar="SIZE",
              help="Refuse a text/HTML file or a JSONL line larger than this (e.g. 500KB, 20MB). Whatever the "
                   "size, one article has at most 5,000,000 characters.")
@click.option("--no-follow-links", "no_follow_links", is_flag=True,
              help="In folders, do not enter links to other folders (a folder is never read twice anyway).")
@click.option("--strict", is_flag=True,
              help="Stop at the first error (an article the pipeline fails on is kept, queued, without statements).")
@click.option("--queue-only", is_flag=True, help="Store and queue the articles; `tracker work` extracts them.")
@click.option("--workers", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes running the NLP in parallel (this one writes).")
@click.option("--force-workers", is_flag=True, help="Start --workers N processes even when N exceeds the cores.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=64, show_default=True,
              help="Articles per nlp.pipe batch and per database transaction.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, no warnings: only failures and the summary.")
@click.option("--verbose", "-v", is_flag=True, help="A line for every article.")
@pass_app
def ingest(app: AppContext, paths: tuple[str, ...], fmt: str | None, default_date: str | None, max_size: str,
           no_follow_links: bool, strict: bool, queue_only: bool, workers: int, force_workers: bool,
           batch_size: int, quiet: bool, verbose: bool, **columns) -> None:
    options = read_options(fmt, default_date, max_size, columns)
    options.follow_links = not no_follow_links
    workers = worker_count(workers, force_workers)
    tracker = open_tracker(app)
    wanted = not quiet and not verbose and sys.stderr.isatty()
    with progress_bar(wanted, "ingesting", count_articles(paths, options) if wanted else None) as tick:
        summary = ingest_articles(tracker, read_inputs(paths, options), batch_size=batch_size, workers=workers,
                                  strict=strict, report=reporter(quiet, verbose, tick), debug=app.debug,
                                  extract=not queue_only)
    if summary.stop_reason:
        click.echo(f"Stopped: {summary.stop_reason}.", err=True)
    elif summary.stopped:
        click.echo("Stopped at the first error (--strict).", err=True)
    click.echo(summary.line())
    if summary.failed or summary.stop_reason:
        sys.exit(1)  # (click's Exit would be swallowed by run_main's standalone_mode=False)


def worker_count(requested: int, force: bool) -> int:
    """--workers, lowered to the number of cores (with a note) unless --force-workers."""
    workers, note = usable_workers(requested, force)
    if note:
        click.echo(f"note: {note}", err=True)
    return workers


def open_tracker(app: AppContext, create: bool = True, attempts: int = 8):
    """The database, waiting while another process is creating it (its migration or registry races ours)."""
    for attempt in range(attempts):
        try:
            return app.open(create)
        except (OperationalError, IntegrityError) as error:
            if attempt == attempts - 1 or is_locked(error):  # (a lock was waited for already)
                raise
            time.sleep(0.2 * (attempt + 1))


def read_options(fmt: str | None, default_date: str | None, max_size: str, columns: dict) -> ReadOptions:
    """ReadOptions from the command line; a bad value is a usage error."""
    options = ReadOptions(format=fmt, max_size=parse_size(max_size))
    options.columns = {name: columns[f"{name}_column"] for name in FIELDS if columns.get(f"{name}_column")}
    if default_date:
        options.default_date, options.default_precision = parse_date(default_date)
        if options.default_date is None:
            raise UsageProblem(f"--default-date: {default_date!r} is not YYYY-MM or YYYY-MM-DD")
    return options


def parse_size(text: str) -> int:
    """'5MB' -> 5242880; '500k' -> 512000; '1000' -> 1000 bytes."""
    match = SIZE.match(text)
    if not match:
        raise UsageProblem(f"--max-size: {text!r} is not a size like 500KB or 5MB")
    return int(float(match[1]) * UNITS[match[2].lower()])


def reporter(quiet: bool, verbose: bool, tick):
    """Where ingest's events go: failures and warnings to stderr, per-article lines with --verbose."""

    def report(event: str, where: str, message: str) -> None:
        if event in ("ingested", "duplicate", "failed", "extracted") and tick:
            tick()
        place = f"{where}: " if where else ""
        if event == "failed":
            click.echo(f"failed: {place}{message}", err=True)
        elif event in ("warning", "notice"):
            if not quiet:
                click.echo(f"{'warning' if event == 'warning' else 'note'}: {place}{message}", err=True)
        elif verbose:
            click.echo(f"{event}: {where} ({message})")

    return report


class ArticlesPerSecond(ProgressColumn):
    """A progress bar column: articles per second since the start (batches arrive in bursts)."""

    def render(self, task) -> Text:
        rate = task.completed / task.elapsed if task.elapsed else 0.0
        return Text(f"{rate:,.1f} articles/s")


@contextmanager
def progress_bar(wanted: bool, label: str, total: int | None = None):
    """A rich progress bar on stderr when it is a terminal, out of `total` when known; yields tick() (or None)."""
    if not (wanted and sys.stderr.isatty()):
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), ArticlesPerSecond(),
               TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda: progress.advance(task)


@click.command("reprocess")
@click.option("--since", type=Day(), help="Only articles published from (YYYY[-MM[-DD]]).")
@click.option("--all", "everything", is_flag=True,
              help="Every article, also those the current pipeline version has done already.")
@click.option("--workers", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes running the NLP in parallel.")
@click.option("--force-workers", is_flag=True, help="Start --workers N processes even when N exceeds the cores.")
@click.option("--queue-only", is_flag=True, help="Only queue the articles; `tracker work` processes them.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@pass_app
def reprocess(app: AppContext, since, everything: bool, workers: int, force_workers: bool, queue_only: bool,
              quiet: bool) -> None:
    """Run the current pipeline again on stored articles and replace their statements.

    By default only articles processed by an older pipeline version (tracker.PIPELINE_VERSION).
    The articles are queued, then extracted here (with --queue-only: by `tracker work`); each batch's
    statements are replaced in one transaction, the texts are kept, and an article that fails keeps
    its old statements.
    """
    tracker = open_tracker(app, create=False)
    with progress_bar(not quiet, "reprocessing", len(articles_to_redo(tracker, since, everything))) as tick:
        summary = reprocess_articles(tracker, since, everything, workers=worker_count(workers, force_workers),
                                     report=reporter(quiet, False, tick), debug=app.debug, queue_only=queue_only)
    if summary.stop_reason:
        click.echo(f"Stopped: {summary.stop_reason}.", err=True)
    if not (summary.queued or summary.reprocessed or summary.failed or everything or summary.stop_reason):
        click.echo(f"Nothing to do: every article is at pipeline version {pipeline_version()} "
                   "(--all redoes them).", err=True)
    click.echo(summary.line())
    _list_unmatched(tracker)
    if summary.failed or summary.stop_reason:
        sys.exit(1)  # (click's Exit would be swallowed by run_main's standalone_mode=False)


@click.command("work")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=16, show_default=True,
              help="Jobs claimed (and written) at a time.")
@click.option("--workers", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes running the NLP in parallel (this one claims and writes).")
@click.option("--force-workers", is_flag=True, help="Start --workers N processes even when N exceeds the cores.")
@click.option("--idle", type=click.FloatRange(0), default=0.0, show_default=True, metavar="SECONDS",
              help="Wait this long for new jobs when the queue is empty, then stop.")
@click.option("--limit", type=click.IntRange(1), help="Stop after this many articles.")
@click.option("--retry-failed", is_flag=True, help="First put the jobs that failed back in the queue.")
@click.option("--max-attempts", type=click.IntRange(1), default=MAX_ATTEMPTS, show_default=True,
              help="Failed attempts at an article (extracting or writing it) before its job is failed.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--verbose", "-v", is_flag=True, help="A line for every article.")
@pass_app
def work(app: AppContext, batch_size: int, workers: int, force_workers: bool, idle: float, limit,
         retry_failed: bool, max_attempts: int, quiet: bool, verbose: bool) -> None:
    """Extract the statements of queued articles (`ingest --queue-only`, `reprocess --queue-only`).

    Run it on as many machines as you like against one PostgreSQL database: each claims jobs with
    SELECT ... FOR UPDATE SKIP LOCKED, and a worker that is killed leaves its jobs to the others.
    An article that fails is queued again until --max-attempts attempts have failed; then its job is
    failed, with the error (`tracker jobs` lists them; --retry-failed queues them again).
    """
    tracker = open_tracker(app, create=False)
    with progress_bar(not quiet and not verbose, "working") as tick:
        summary = work_queue(tracker, batch_size, worker_count(workers, force_workers), idle=idle,
                             retry=retry_failed, report=reporter(quiet, verbose, tick), debug=app.debug, limit=limit,
                             max_attempts=max_attempts)
    if summary.stop_reason:
        click.echo(f"Stopped: {summary.stop_reason}.", err=True)
    click.echo(summary.line())
    _list_unmatched(tracker)
    if summary.failed or summary.stop_reason:
        sys.exit(1)


def _list_unmatched(tracker) -> None:
    """The corrections that no longer fit the extraction: listed after every reprocess, never dropped."""
    unmatched = tracker.corrections(unmatched=True)
    if unmatched.empty:
        return
    click.echo(f"{len(unmatched)} corrections no longer fit the new extraction (`tracker corrections "
               "--unmatched`; re-make them with `tracker correct` or `tracker add-statement`):")
    for row in unmatched.itertuples():
        what = f"{row.field} {row.old} -> {row.new}" if row.field else row.action
        click.echo(f"  correction {row.id}: article {row.article}, {what}" + (f" ({row.note})" if row.note else ""))


@click.command("jobs")
@format_options
@pass_app
def jobs(app: AppContext, fmt: str) -> None:
    """The work queue: how many jobs wait and, one a line, the failed ones with their errors."""
    tracker = open_tracker(app, create=False)
    with tracker.session() as session:
        waiting_jobs, failed = waiting(session)
        rows = failed_jobs(session)
    frame = pd.DataFrame([tuple(row) for row in rows], columns=["article_id", "source", "attempts", "error"])
    if fmt == "table":
        click.echo(f"{waiting_jobs} jobs waiting, {failed} failed")
        if not frame.empty:
            emit(frame, fmt)
    else:
        emit(frame, fmt)


def register(cli: click.Group) -> None:
    cli.add_command(ingest)
    cli.add_command(jobs)
    cli.add_command(work)
    cli.add_command(reprocess)
