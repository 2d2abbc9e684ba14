"""Scale benchmark: the work queue on PostgreSQL with 1, 2 and 4 `tracker work` processes.

    .venv/bin/python bench/scale.py --pg-url postgresql+psycopg://... [--articles 100000] [--work 2000]
    make bench-scale                                   # the same on a throwaway local server

1. Queue: N synthetic articles (bench/ingest.py's, from the DDT sentences) stored and queued with
   `ingest --queue-only` (reading, hashing, story grouping, COPY of the jobs and band keys): articles/s.
2. Work: for 1, 2 and 4 processes, every article queued again (`reprocess --all --queue-only`), then the
   processes, each with its pipeline built and waiting at a start line, work through `--work` articles
   between them (`work_queue(limit=...)`, the same code as `tracker work`); articles/s of each and in total.
The report queries at 1,000,000 and 10,000,000 statements are timed by bench/queries.py (both databases).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ingest as synthetic  # noqa: E402  (bench/ingest.py: the synthetic articles)

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((parent / "shared" for parent in ROOT.parents if (parent / "shared").is_dir()), ROOT.parent / "shared")
synthetic.NER_DATA = SHARED / "data" / "ner"
TRACKER = [sys.executable, "-c", "from tracker.cli import main; main()"]


def tracker_cli(url: str, *args: str) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run([*TRACKER, "--db", url, *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"tracker {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - start, result.stdout.strip()


def child_work(url: str, limit: int, ready: Path, go: Path) -> dict:
    """One worker: build the pipeline, say so, wait for the start, then work `limit` articles."""
    from tracker.app import Tracker
    from tracker.nlp.pipeline import build_pipeline
    from tracker.work import work_queue

    tracker = Tracker(url, migrate=False)
    nlp = build_pipeline(tracker.registry)
    ready.touch()
    while not go.exists():
        time.sleep(0.01)
    start, cpu = time.perf_counter(), time.process_time()
    summary = work_queue(tracker, batch_size=16, nlp=nlp, limit=limit)
    return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "done": summary.done,
            "failed": summary.failed, "skipped": summary.skipped}


def run_workers(url: str, processes: int, total: int, folder: Path) -> list[dict]:
    go = folder / f"go{processes}"
    readies = [folder / f"ready{processes}-{k}" for k in range(processes)]
    children = [subprocess.Popen([sys.executable, __file__, "--child", url, str(total // processes), str(ready),
                                  str(go)], stdout=subprocess.PIPE, text=True) for ready in readies]
    while not all(ready.exists() for ready in readies):
        if any(child.poll() is not None for child in children):
            sys.exit("a worker ended before it was ready")
        time.sleep(0.05)
    go.touch()
    results = []
    for child in children:
        out, _ = child.communicate()
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-url", default=os.environ.get("TRACKER_TEST_PG_URL"))
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--work", type=int, default=2_000, help="Articles worked through per run (all processes).")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        url, limit, ready, go = args.child
        print(json.dumps(child_work(url, int(limit), Path(ready), Path(go))))
        return
    if not args.pg_url:
        sys.exit("--pg-url (or TRACKER_TEST_PG_URL) is needed: a PostgreSQL database to fill")
    folder = Path(tempfile.mkdtemp(prefix="tracker-scale-"))
    corpus = folder / "corpus.jsonl"
    start = time.perf_counter()
    origin = synthetic.write_corpus(corpus, args.articles)
    print(f"{args.articles:,} synthetic articles built from {origin} in {time.perf_counter() - start:.0f} s", flush=True)
    tracker_cli(args.pg_url, "db", "upgrade")
    seconds, line = tracker_cli(args.pg_url, "ingest", "-q", "--queue-only", "--batch-size", "500", str(corpus))
    print(f"ingest --queue-only: {line}; {seconds:.0f} s = {args.articles / seconds:,.0f} articles/s "
          f"(one process, start-up included)", flush=True)
    print(f"\n{'processes':>9} {'articles':>9} {'seconds':>8} {'total/s':>8}  each: articles/s (cpu s)")
    for processes in args.processes:
        tracker_cli(args.pg_url, "reprocess", "--all", "--queue-only")
        results = run_workers(args.pg_url, processes, args.work, folder)
        done = sum(r["done"] for r in results)
        wall = max(r["seconds"] for r in results)
        each = ", ".join(f"{r['done'] / r['seconds']:.1f} ({r['cpu']:.0f})" for r in results)
        print(f"{processes:>9} {done:>9,} {wall:>8.1f} {done / wall:>8.1f}  {each}", flush=True)
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()


if __name__ == "__main__":
    main()
