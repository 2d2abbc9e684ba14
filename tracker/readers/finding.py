"""The files a name on the command line stands for: itself, a folder's files (recursively) or a glob's matches.

A folder is walked without recursion (any depth) and never entered twice: a link back up the tree, or a
second link to a folder read already, gets one line and is skipped. With ``follow_links=False`` links to
folders are not entered at all. Only regular files are read: FIFOs, sockets and devices are skipped with
one line (named on the command line, they are an error); `-` is the one stream.
"""

from __future__ import annotations

import glob
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tracker.readers.options import FORMATS, Notice
from tracker.sources import ArticleError

GLOB_CHARS = re.compile(r"[*?\[]")
KINDS = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
         stat.S_IFBLK: "a block device"}

Found = Path | ArticleError | Notice


def expand(name: str, follow_links: bool = True) -> Iterator[Found]:
    """The files a name stands for: itself, a folder's files (recursively) or a glob's matches."""
    if not name.strip():
        yield ArticleError(f"{name!r}: an empty name, not a file or folder")
        return
    path = Path(name)
    if _is_dir(path):
        yield from walk(path, follow_links)
    elif _exists(path) or not GLOB_CHARS.search(name):
        yield path  # a missing file is reported by read_file
    else:
        matches = [Path(match) for match in sorted(glob.glob(name, recursive=True))]
        if not matches:
            yield ArticleError(f"{name}: no files match")
        seen: set[tuple[int, int]] = set()  # "**" matches a folder and its subfolders: read each once
        for match in matches:
            yield from (walk(match, follow_links, seen) if _is_dir(match) else [match])


def not_regular(mode: int) -> str | None:
    """What a file that is not a regular file is ("a FIFO", ...); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return KINDS.get(stat.S_IFMT(mode), "not a regular file")


@dataclass
class _Folder:
    path: Path
    entries: Iterator[os.DirEntry]
    other_types: list[str] = field(default_factory=list)
    links_not_followed: int = 0


def walk(folder: Path, follow_links: bool = True, seen: set[tuple[int, int]] | None = None) -> Iterator[Found]:
    """A folder's files of known formats, depth first and sorted; hidden ones left out, others counted."""
    seen = set() if seen is None else seen
    stack: list[_Folder] = []
    yield from _enter(folder, stack, seen)
    while stack:
        current = stack[-1]
        entry = next(current.entries, None)
        if entry is None:
            stack.pop()
            yield from _folder_notices(current)
        elif not entry.name.startswith("."):
            yield from _visit(entry, current, stack, seen, follow_links)


def _visit(entry: os.DirEntry, current: _Folder, stack: list[_Folder], seen: set, follow_links: bool
           ) -> Iterator[Found]:
    path = Path(entry.path)
    try:
        is_dir = entry.is_dir()
        mode = entry.stat().st_mode if not is_dir else None
    except OSError:  # a broken link: read_file names the problem when the name looks like an article
        is_dir, mode = False, stat.S_IFREG
    if is_dir and entry.is_symlink() and not follow_links:
        current.links_not_followed += 1
    elif is_dir:
        yield from _enter(path, stack, seen)
    elif (kind := not_regular(mode)) is not None:
        yield Notice(f"{path}: {kind}, not a regular file; skipped")
    elif path.suffix.lower() in FORMATS:
        yield path
    else:
        current.other_types.append(path.suffix.lower())


def _enter(folder: Path, stack: list[_Folder], seen: set[tuple[int, int]]) -> Iterator[Found]:
    """Put a folder on the stack, unless it was read already (a link loop) or cannot be read."""
    try:
        info = folder.stat()
        key = (info.st_dev, info.st_ino)
        if key in seen:
            yield Notice(f"{folder}: a link to a folder read already; skipped")
            return
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        yield ArticleError(f"{folder}: cannot read the folder ({error.strerror or error})")
        return
    seen.add(key)
    stack.append(_Folder(folder, iter(entries)))


def _folder_notices(folder: _Folder) -> Iterator[Notice]:
    if folder.other_types:
        kinds = ", ".join(sorted(set(folder.other_types)))
        yield Notice(f"{folder.path}: skipped {len(folder.other_types)} file(s) of other types ({kinds}); "
                     "name them to read as text")
    if folder.links_not_followed:
        yield Notice(f"{folder.path}: skipped {folder.links_not_followed} link(s) to folders (--no-follow-links)")


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # e.g. a name too long
        return False


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False
