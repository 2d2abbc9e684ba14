"""Very long inputs: time and peak memory of `tracker ingest` on one huge article of each kind.

    .venv/bin/python bench/long_inputs.py                       # every case
    .venv/bin/python bench/long_inputs.py --cases line900k quotes10k --timeout 600

Cases (built at run time from bench/ingest.py's generator; nothing is written to the repository):
  line900k   one article that is a single line of ~900,000 characters (sentences and quotes)
  quotes10k  one article of 10,000 quotes, one per line, in a single paragraph
  text5m     one article of 4,900,000 characters (ordinary paragraphs): about the longest taken
  file200mb  one 200 MB text file (ordinary paragraphs), ingested with --max-size 250MB
Each runs `tracker ingest` in a process of its own on a new SQLite database; the peak resident
memory is that process's (or its largest child's, with --workers); CPU seconds are the process's and its
children's (less dependent on what else the machine runs). Targets: under 1 GB and 30 s each.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import article_text, generated_sentences, party_tags, quote  # noqa: E402  (bench/ingest.py)

TRACKER = [sys.executable, "-c", "from tracker.cli import main; main()"]


def write_line900k(path: Path, rng: random.Random, sentences: list[str], tags: list[str]) -> None:
    parts, size = [], 0
    while size < 900_000:
        part = quote(rng, sentences, tags) if rng.random() < 0.3 else rng.choice(sentences)
        parts.append(part)
        size += len(part) + 1
    path.write_text("date 2024-05-01 " + " ".join(parts) + "\n", encoding="utf-8")


def write_quotes10k(path: Path, rng: random.Random, sentences: list[str], tags: list[str]) -> None:
    lines = [quote(rng, sentences, tags) for _ in range(10_000)]
    path.write_text("date 2024-05-01 Mange citater\n\n" + "\n".join(lines) + "\n", encoding="utf-8")


def write_paragraphs(path: Path, rng: random.Random, sentences: list[str], tags: list[str], size: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        written = out.write("date 2024-05-01 En meget lang fil\n\n")
        while written < size:
            chunk = article_text(rng, sentences, tags) + "\n\n"
            written += out.write(chunk[:size - written])


def write_text5m(path: Path, rng: random.Random, sentences: list[str], tags: list[str]) -> None:
    write_paragraphs(path, rng, sentences, tags, 4_900_000)


def write_file200mb(path: Path, rng: random.Random, sentences: list[str], tags: list[str]) -> None:
    write_paragraphs(path, rng, sentences, tags, 200 * 1024 * 1024)


CASES = {"line900k": (write_line900k, []), "quotes10k": (write_quotes10k, []), "text5m": (write_text5m, []),
         "file200mb": (write_file200mb, ["--max-size", "250MB"])}


def measure(args: list[str], timeout: float) -> tuple[float | None, float, float, str]:
    """(seconds or None when it timed out, CPU seconds, peak MB of the process tree, last line of its output)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(args, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(process.pid, 9)
                pid, status, usage = os.wait4(process.pid, 0)
                process.returncode = -9
                break
            time.sleep(0.05)
        seconds = time.perf_counter() - start if process.returncode != -9 else None
        output.seek(0)
        lines = output.read().decode("utf-8", "replace").strip().splitlines()
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, lines[-1] if lines else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="+", choices=sorted(CASES), default=list(CASES))
    parser.add_argument("--timeout", type=float, default=900, help="Seconds before a case is stopped.")
    parser.add_argument("--workers", default="1")
    options = parser.parse_args()
    rng = random.Random(11)
    sentences, tags = generated_sentences(rng), party_tags()
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'case':<10} {'characters':>12} {'seconds':>9} {'CPU s':>7} {'peak MB':>8}  summary")
        for name in options.cases:
            write, extra = CASES[name]
            path = Path(folder) / f"{name}.txt"
            write(path, rng, sentences, tags)
            characters = len(path.read_text(encoding="utf-8"))
            db = str(Path(folder) / f"{name}.db")
            subprocess.run([*TRACKER, "--db", db, "db", "upgrade"], check=True, capture_output=True)
            seconds, cpu, peak, last = measure([*TRACKER, "--db", db, "ingest", "-q", "--workers", options.workers,
                                           *extra, str(path)], options.timeout)
            shown = f"{seconds:9.1f}" if seconds is not None else f">{options.timeout:8.0f}"
            print(f"{name:<10} {characters:>12,} {shown} {cpu:7.1f} {peak:8.0f}  {last}", flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
