"""Writing a file so that it is either the new one, whole, or the old one: never a truncated mix.

The text goes to a temporary file in the same folder, is flushed to the disk, then renamed over the
target (a rename within a folder is atomic). A full disk or any other error leaves the last good file
in place and removes the temporary one.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_atomically(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Replace the file at `path` with `text` in one step (through a link, its target is replaced)."""
    target = Path(path)
    target = target.resolve() if target.is_symlink() else target
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent or ".")
    try:
        with os.fdopen(descriptor, "w", encoding=encoding, newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """The mode the file has now, or what a new file gets under the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
