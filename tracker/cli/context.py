"""State shared by the commands: the database is opened lazily, once."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import click

from tracker.app import Tracker


@dataclass
class AppContext:
    db: str | None = None
    debug: bool = False
    _tracker: Tracker | None = field(default=None, repr=False)

    @property
    def tracker(self) -> Tracker:
        """The database, which must exist already (query commands never create an empty one)."""
        return self.open(create=False)

    def open(self, create: bool) -> Tracker:
        """The database; create=True for the commands that write (ingest, db upgrade, registry add/load/end)."""
        if self._tracker is None:
            self._tracker = Tracker(self.db, create=create)
        return self._tracker


pass_app = click.make_pass_decorator(AppContext)


def run_main(cli: click.Group) -> None:
    """Run the CLI; unexpected errors become one line (a traceback with --debug)."""
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
    except Exception as error:  # noqa: BLE001 - the last line of defence against tracebacks
        if "--debug" in sys.argv:
            raise
        click.echo(f"Error: {type(error).__name__}: {error}", err=True)
        sys.exit(1)
