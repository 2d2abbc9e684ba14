"""Worker processes running the pipeline: started together, never outliving the process that started them.

A worker ignores Ctrl-C (the parent stops the workers, so no worker prints a traceback), asks Linux to
kill it when its parent dies (PR_SET_PDEATHSIG), and watches its parent besides (where that is not
available, or the parent died before it asked): a SIGKILLed ingest leaves no worker holding its pipes.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor

from tracker.ingest.batch import extract_batch
from tracker.sources import ArticleInput

PR_SET_PDEATHSIG = 1
STOPPING = {signal.SIGINT, signal.SIGTERM}  # blocked while the workers are forked, until they set their own
PARENT_CHECK_S = 0.5
READY_TIMEOUT_S = 600

_worker_nlp = None
_all_workers = None


def cores() -> int:
    """The CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def usable_workers(requested: int, force: bool = False) -> tuple[int, str | None]:
    """(workers to start, a note when fewer than requested): more processes than cores only cost memory."""
    available = cores()
    if requested <= available or force:
        return requested, None
    return available, (f"--workers {requested} lowered to {available}, the cores this machine has "
                       "(--force-workers to start them all)")


def start_pool(registry, workers: int, issues=None) -> tuple[ProcessPoolExecutor, list[Future]]:
    """The pool and one start-up task per worker (done when every worker has built its pipeline, with
    ``issues``, the issue catalogue, if given).
    Ctrl-C and SIGTERM are blocked while the workers are forked: a worker starts with them held back
    until it has set its own (Ctrl-C ignored), and in this process they arrive once the forks are done."""
    context = multiprocessing.get_context()
    everyone = context.Barrier(workers)
    forked = context.get_start_method() == "fork"
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                               initargs=(registry, everyone, os.getpid() if forked else None, issues))
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING) if _main_thread() else None
    try:
        try:
            starting = [pool.submit(_wait_for_all_workers) for _ in range(workers)]  # (this forks the workers)
        finally:
            if mask is not None:  # a Ctrl-C or SIGTERM that came meanwhile arrives now
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    except BaseException:
        stop_pool(pool, at_once=True)
        raise
    return pool, starting


def stop_pool(pool: ProcessPoolExecutor, at_once: bool = False) -> None:
    """Shut the pool down: after the tasks running, or (at_once) terminating the workers now."""
    if at_once:
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        return
    pool.shutdown(cancel_futures=True)


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


# --- in the worker --------------------------------------------------------------------------------

def _start_worker(registry, everyone, parent: int | None, issues=None) -> None:
    global _worker_nlp, _all_workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # (not the parent's handler): end at once
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING)
    _die_with_parent(parent)
    from tracker.nlp.pipeline import build_pipeline

    _worker_nlp = build_pipeline(registry, issues=issues)
    _all_workers = everyone


def _die_with_parent(parent: int | None) -> None:
    """Be killed when the parent dies: by the kernel where it offers that, and by a watching thread.
    `parent`: the ingest process that forked this one; None for the other start methods, where the
    parent (the ingest process, or the forkserver, which ends with it) is whoever it is now."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (AttributeError, OSError):  # not Linux
        pass
    parent = parent or os.getppid()
    if os.getppid() != parent:  # the parent died before we asked
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="watch-parent", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(1)


def _wait_for_all_workers() -> None:
    """A worker's first task: done when every worker has built its pipeline (one such task each:
    a worker waiting here takes no other task, so each worker gets exactly one)."""
    _all_workers.wait(timeout=READY_TIMEOUT_S)


def extract_in_worker(articles: list[ArticleInput]) -> list:
    return extract_batch(_worker_nlp, articles)
