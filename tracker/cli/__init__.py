"""The `tracker` command: a thin click layer over the Python API (tracker.app.Tracker)."""

from __future__ import annotations

import click

from tracker import __version__
from tracker.cli.context import AppContext, run_main
from tracker.cli.options import DB_HELP, TrackerGroup


@click.group(cls=TrackerGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--db", envvar="TRACKER_DB", default=None, metavar="PATH|URL", help=DB_HELP)
@click.option("--lock-wait", envvar="TRACKER_LOCK_WAIT", type=click.FloatRange(0), default=None, metavar="SECONDS",
              help="How long to wait for a write lock another process holds before giving up. "
                   "Default: $TRACKER_LOCK_WAIT or 60.")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.version_option(__version__, prog_name="tracker")
@click.pass_context
def cli(ctx: click.Context, db: str | None, lock_wait: float | None, debug: bool) -> None:
    """Who said what in Danish political news: politician, party, issue, position."""
    ctx.obj = AppContext(db=db, debug=debug, lock_wait=lock_wait)


def _register_commands() -> None:
    from tracker.cli import db_cmds, registry_cmds

    for module in (db_cmds, registry_cmds):
        module.register(cli)
    for name in ("ingest_cmds", "export_cmds", "eval_cmds", "query_cmds", "issue_cmds", "report_cmds", "story_cmds",
                 "correction_cmds", "article_cmds", "web_cmds"):
        try:
            module = __import__(f"tracker.cli.{name}", fromlist=["register"])
        except ModuleNotFoundError as error:
            if error.name != f"tracker.cli.{name}":
                raise
            continue
        module.register(cli)


_register_commands()


def main() -> None:
    run_main(cli)
