"""Where the bundled data files live (word lists, catalogues, registry)."""

import os
from pathlib import Path

DATA_DIR = Path(os.environ.get("TRACKER_DATA", Path(__file__).resolve().parent.parent / "data"))


def data_file(name: str) -> Path:
    """Path of a bundled data file, e.g. data_file("parties.csv")."""
    return DATA_DIR / name
