"""Worker processes never outlive the ingest that started them: after SIGKILL or SIGTERM of
`tracker ingest --workers 2` no worker is left (nor holds the caller's pipes), and Ctrl-C while the
workers start ends the run with one line, no traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from consistency import INGEST, assert_consistent, count_articles, write_articles
from tracker.app import Tracker
from tracker.nlp.pipeline import build_pipeline

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")]
WAIT_S = 240


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{pid}\n" in status:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped is dead: it holds no memory and no pipes)."""
    try:
        return "\nState:\tZ" not in (Path("/proc") / str(pid) / "status").read_text()
    except OSError:
        return False


def start(db: str, paths) -> subprocess.Popen:
    return subprocess.Popen([*INGEST, "--db", db, "ingest", "-q", "--workers", "2", "--force-workers",
                             "--batch-size", "8", *map(str, paths)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)


def output_closed(process: subprocess.Popen, seconds: float) -> bytes | None:
    """Everything the run (and its workers) wrote, once every writer closed the pipe; None if not in time."""
    result = []
    reader = threading.Thread(target=lambda: result.append(process.stdout.read()), daemon=True)
    reader.start()
    reader.join(seconds)
    return result[0] if result else None


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        assert time.monotonic() < deadline, f"no {what} in time"
        time.sleep(0.05)


@pytest.fixture
def setup(tmp_path):
    paths = write_articles(tmp_path / "articles", range(400))
    db = str(tmp_path / "t.db")
    tracker = Tracker(db)
    yield db, paths, tracker
    tracker.close()


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_or_terminated_ingest_leaves_no_worker(setup, signum):
    db, paths, tracker = setup
    process = start(db, paths)
    wait_for(lambda: count_articles(tracker) > 0, "commit")
    workers = children(process.pid)
    assert len(workers) == 2
    process.send_signal(signum)
    output = output_closed(process, 15)
    assert output is not None, "the workers keep the caller's pipe open"
    assert process.wait(timeout=15) == (-signal.SIGKILL if signum == signal.SIGKILL else 143)
    wait_for(lambda: not any(alive(pid) for pid in workers), "end of the workers")
    if signum == signal.SIGTERM:
        assert output.decode().strip().splitlines() == ["Terminated."]
    assert 0 < count_articles(tracker) < len(paths)
    assert_consistent(tracker, build_pipeline(tracker.registry))


def test_ctrl_c_while_the_workers_start_is_one_line(setup):
    db, paths, tracker = setup
    process = start(db, paths)
    wait_for(lambda: len(children(process.pid)) == 2, "workers")
    workers = children(process.pid)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: the whole foreground group
    output = output_closed(process, 30)
    assert output is not None and process.wait(timeout=15) == 1
    assert output.decode().strip() == "Aborted."
    wait_for(lambda: not any(alive(pid) for pid in workers), "end of the workers")
    # what was committed before the signal stays, whole (how much depends on the machine's speed: a fast one
    # may have written a first batch before the workers are counted)
    assert count_articles(tracker) < len(paths)
    assert_consistent(tracker, build_pipeline(tracker.registry))
