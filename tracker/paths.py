"""Where the bundled data files live (word lists, catalogues, registry): inside the package, as tracker.data.

`TRACKER_DATA` points at another folder of the same files (for testing a changed catalogue).
"""

import os
from importlib.resources import files
from pathlib import Path

DATA_DIR = Path(os.environ.get("TRACKER_DATA") or str(files("tracker.data")))
MIGRATIONS_DIR = Path(str(files("tracker.migrations")))


def data_file(name: str) -> Path:
    """Path of a bundled data file, e.g. data_file("parties.csv")."""
    return DATA_DIR / name
