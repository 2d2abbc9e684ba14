"""The files a name on the command line stands for: itself, a folder's files (recursively) or a glob's matches."""

from __future__ import annotations

import glob
import re
from collections.abc import Iterator
from pathlib import Path

from tracker.readers.options import FORMATS, Notice
from tracker.sources import ArticleError

GLOB_CHARS = re.compile(r"[*?\[]")


def expand(name: str) -> Iterator[Path | ArticleError | Notice]:
    """The files a name stands for: itself, a folder's files (recursively) or a glob's matches."""
    path = Path(name)
    if path.is_dir():
        yield from walk(path)
    elif path.exists() or not GLOB_CHARS.search(name):
        yield path  # a missing file is reported by read_file
    else:
        matches = [Path(match) for match in sorted(glob.glob(name, recursive=True))]
        if not matches:
            yield ArticleError(f"{name}: no files match")
        for match in matches:
            yield from (walk(match) if match.is_dir() else [match])


def walk(folder: Path) -> Iterator[Path | ArticleError | Notice]:
    """A folder's files of known formats, recursively and sorted; hidden ones left out, others counted."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        yield ArticleError(f"{folder}: cannot read the folder ({error.strerror or error})")
        return
    skipped = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from walk(entry)
        elif entry.suffix.lower() in FORMATS:
            yield entry
        else:
            skipped.append(entry.suffix.lower())
    if skipped:
        kinds = ", ".join(sorted(set(skipped)))
        yield Notice(f"{folder}: skipped {len(skipped)} file(s) of other types ({kinds}); name them to read as text")
