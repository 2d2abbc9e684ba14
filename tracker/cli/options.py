"""The options several commands share, each defined once: dates, topic, parties, blocs, output format, --db."""

from __future__ import annotations

import calendar
from datetime import date

import click

from tracker.cli.errors import UsageProblem
from tracker.corrections.values import CorrectionProblem
from tracker.db import DatabaseProblem


class Day(click.ParamType):
    """YYYY, YYYY-MM or YYYY-MM-DD; a year or month means its first day (or its last, for --until)."""

    name = "DATE"

    def __init__(self, last: bool = False):
        self.last = last

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        try:
            parts = [int(part) for part in str(value).split("-")]
            year, month, day = (parts + [None, None])[:3] if len(parts) <= 3 else (None, None, None)
            month = month or (12 if self.last else 1)
            day = day or (calendar.monthrange(year, month)[1] if self.last else 1)
            return date(year, month, day)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", param, ctx)


def date_options(command):
    """--since and --until: the articles' publication dates; --outlet: their outlet."""
    command = click.option("--outlet", help="Only articles of this outlet (as `tracker articles` shows it; any "
                           "case).")(command)
    command = click.option("--until", type=Day(last=True), help="Articles published up to (YYYY[-MM[-DD]]).")(command)
    return click.option("--since", type=Day(), help="Articles published from (YYYY[-MM[-DD]]).")(command)


def topic_option(command):
    return click.option("--topic", "-t", help="Only issues of this CAP topic (English or Danish name).")(command)


def copies_option(command):
    return click.option("--count-copies", is_flag=True,
                        help="Count the statements of every copy of a story (default: each story once).")(command)


def scope_options(command):
    """--topic, --since, --until and --count-copies for a query command."""
    return copies_option(topic_option(date_options(command)))


def parties_option(command):
    return click.option("--parties", "-p", help="Only these parties, comma-separated (S,SF,V or full names).")(command)


def blocs_option(command):
    return click.option("--blocs", is_flag=True,
                        help="Group the parties into the blocs of data/blocs.csv (dated).")(command)


def format_options(command):
    """Add --csv / --json (default: a table) to a query command."""
    command = click.option("--json", "fmt", flag_value="json", help="Output JSON (a list of objects).")(command)
    command = click.option("--csv", "fmt", flag_value="csv", help="Output CSV.")(command)
    return click.option("--table", "fmt", flag_value="table", default=True, hidden=True)(command)


DB_HELP = ("Database: a file path means SQLite, anything else an SQLAlchemy URL "
           "(postgresql+psycopg://...). Default: $TRACKER_DB or tracker.db.")


def _set_db(ctx: click.Context, _param, value: str | None) -> None:
    if value is not None:
        ctx.find_root().obj.db = value


def db_option() -> click.Option:
    """--db for a subcommand: `tracker compare X --db f.db` means `tracker --db f.db compare X`."""
    return click.Option(["--db"], metavar="PATH|URL", expose_value=False, is_eager=True, callback=_set_db,
                        help=DB_HELP)


class TrackerGroup(click.Group):
    """A group whose every command (and subcommand) also takes --db after its name, and where a database
    that cannot be used as asked (`DatabaseProblem`) is one line and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DatabaseProblem as problem:
            raise click.ClickException(str(problem)) from None
        except CorrectionProblem as problem:
            raise UsageProblem(str(problem)) from None

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        _with_db(cmd)
        super().add_command(cmd, name)


def _with_db(cmd: click.Command) -> None:
    if not any(param.name == "db" for param in cmd.params):
        cmd.params.append(db_option())
    for sub in getattr(cmd, "commands", {}).values():
        _with_db(sub)
