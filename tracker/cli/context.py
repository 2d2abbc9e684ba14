"""State shared by the commands: the database is opened lazily, once."""

from __future__ import annotations

import signal
import sys
from dataclasses import dataclass, field

import click
from sqlalchemy.exc import SQLAlchemyError

from tracker.app import Tracker
from tracker.db.engine import lock_wait
from tracker.db.errors import one_line, problem_line


@dataclass
class AppContext:
    db: str | None = None
    debug: bool = False
    lock_wait: float | None = None
    _tracker: Tracker | None = field(default=None, repr=False)

    @property
    def tracker(self) -> Tracker:
        """The database, which must exist already (query commands never create an empty one)."""
        return self.open(create=False)

    def open(self, create: bool) -> Tracker:
        """The database; create=True for the commands that write (ingest, db upgrade, registry add/load/end)."""
        if self._tracker is None:
            self._tracker = Tracker(self.db, create=create, lock_wait=self.lock_wait)
        return self._tracker


pass_app = click.make_pass_decorator(AppContext)


class Terminated(BaseException):
    """SIGTERM arrived (a BaseException, like KeyboardInterrupt: no `except Exception` swallows it)."""


def _terminated(signum, frame) -> None:
    raise Terminated()


def run_main(cli: click.Group) -> None:
    """Run the CLI; unexpected errors become one line (a traceback with --debug). SIGTERM ends it like
    Ctrl-C does (work committed stays, worker processes are stopped), with exit status 143."""
    signal.signal(signal.SIGTERM, _terminated)
    try:
        result = cli.main(standalone_mode=False)  # returns an Exit's code instead of raising it
        sys.exit(result if isinstance(result, int) else 0)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as problem:
        problem.show()
        sys.exit(problem.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except Terminated:
        click.echo("Terminated.", err=True)
        sys.exit(128 + signal.SIGTERM)
    except Exception as error:  # noqa: BLE001 - the last line of defence against tracebacks
        if "--debug" in sys.argv:
            raise
        message = problem_line(error, lock_wait()) if isinstance(error, SQLAlchemyError) else \
            f"{type(error).__name__}: {one_line(error)}"
        click.echo(f"Error: {message}", err=True)
        sys.exit(1)
