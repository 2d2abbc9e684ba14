"""The `tracker` command's entry point: Ctrl-C while the program is still loading ends it in one line too.

Importing the CLI loads pandas, SQLAlchemy and the rest, which takes seconds on a busy machine; an
interrupt then would otherwise print the traceback of whichever import it hit.
"""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from tracker.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("Aborted.\n")
        sys.exit(1)
    run()
