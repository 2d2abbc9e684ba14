"""Ingest benchmark: articles/s, tokens/s and peak memory for 1,000 and 10,000 synthetic articles.

    .venv/bin/python bench/ingest.py                    # N = 1000 and 10000
    .venv/bin/python bench/ingest.py --sizes 200 --profile --workers 2

The articles are built at run time (nothing is written to the repository) from real Danish
sentences in ../shared/data/ner (DDT, via UNER/DaN+), or from a small built-in generator when that
folder is absent, with fictional politicians quoted in the ways Danish news quotes them. Each N runs
in a subprocess of its own, which ingests a JSONL file into a new SQLite database (reading, NLP,
writing: everything `tracker ingest` does, except building the pipeline, timed apart; with --workers the
worker processes are started and have built their pipelines before the timer starts) and reports its
peak resident memory. The baseline is bare `spacy.blank("da")` tokenisation of the same texts, in
a process of its own. The table splits the ingest time into the NLP part (the time spent in
`extract_many`, tokenisation included) and the rest (reading, hashing, duplicate check, storing).
Targets: ingest time / tokenisation time <= 3; peak memory within 20% from 1,000 to 10,000.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NER_DATA = ROOT.parent / "shared" / "data" / "ner"
FIRST = ["Mette", "Per", "Ida", "Søren", "Anne", "Lars", "Karen", "Jens", "Line", "Mads", "Birthe", "Ole"]
LAST = ["Testesen", "Prøvesen", "Opdigtet", "Eksempelsen", "Fiktivsen", "Påhitsen", "Modelsen", "Skabelund"]
ROLES = ["skatteordfører", "formand", "minister", "politisk ordfører", "borgmester", "gruppeformand"]
TOPICS = ["skatten", "folkeskolen", "forsvaret", "klimaet", "ældreplejen", "udlændingepolitikken",
          "sygehusene", "landbruget", "boligmarkedet", "kollektiv trafik"]
VERBS = ["vil styrke", "vil skære i", "kræver mere til", "er imod nye regler for", "støtter en reform af",
         "vil sænke udgifterne til", "afviser kritikken af", "ønsker en aftale om"]


# --- the synthetic articles -----------------------------------------------------------------------

def real_sentences() -> list[str]:
    """Sentences of Danish news from the NER data (the `# text =` lines, else the tokens joined)."""
    sentences = set()
    for path in sorted(NER_DATA.glob("*.iob2")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                sentences.add(line[9:].strip())
    for path in sorted(NER_DATA.glob("*.tsv")):
        sentences.update(_joined_tokens(path))
    return sorted(s for s in sentences if 5 <= len(s.split()) <= 40 and s[-1] in ".!?")


def _joined_tokens(path: Path) -> list[str]:
    sentences, tokens = [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.strip():
            tokens.append(line.split("\t")[0])
        elif tokens:
            text = " ".join(tokens)
            for mark in ",.:;!?)":
                text = text.replace(f" {mark}", mark)
            sentences.append(text.replace("( ", "("))
            tokens = []
    return sentences


def generated_sentences(rng: random.Random, n: int = 3000) -> list[str]:
    """The fallback: simple sentences of Danish politics."""
    subjects = ["Regeringen", "Oppositionen", "Kommunen", "Et flertal i Folketinget", "Ministeriet", "Partiet"]
    return [f"{rng.choice(subjects)} {rng.choice(VERBS)} {rng.choice(TOPICS)} i {rng.randint(2020, 2030)}."
            for _ in range(n)]


def party_tags() -> list[str]:
    """The abbreviations news put after a name, from the registry: V, S, SF, ..."""
    from tracker.registry import Registry

    return sorted({p.abbreviations[0] for p in Registry.bundled().parties if p.in_folketing_2022 and p.abbreviations})


def quote(rng: random.Random, sentences: list[str], tags: list[str]) -> str:
    """A paragraph quoting a fictional politician, in one of the usual ways."""
    name, tag, said = f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(tags), rng.choice(sentences).rstrip(".!?")
    clause = said[0].lower() + said[1:]
    templates = [f"- {said}, siger {name} ({tag}).",
                 f"{name} ({tag}) mener, at {clause}.",
                 f"»{said}«, siger {rng.choice(ROLES)} {name} ({tag}).",
                 f"{name} ({tag}) {rng.choice(VERBS)} {rng.choice(TOPICS)}.",
                 f"- {said}. Det siger {name} ({tag}) til avisen."]
    return rng.choice(templates)


def article_text(rng: random.Random, sentences: list[str], tags: list[str]) -> str:
    paragraphs = [" ".join(rng.choices(sentences, k=rng.randint(1, 3))) for _ in range(rng.randint(4, 7))]
    for _ in range(rng.randint(2, 4)):
        paragraphs.insert(rng.randint(1, len(paragraphs)), quote(rng, sentences, tags))
    return "\n\n".join(paragraphs)


def write_corpus(path: Path, n: int, seed: int = 7) -> str:
    """N articles as JSONL; returns where the sentences came from."""
    rng = random.Random(seed)
    sentences = real_sentences() if NER_DATA.is_dir() else []
    origin = f"{len(sentences)} DDT sentences from {NER_DATA}"
    if len(sentences) < 500:
        sentences, origin = generated_sentences(rng), "the built-in generator"
    tags = party_tags()
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            day = f"2024-{i % 12 + 1:02}-{i % 28 + 1:02}"
            record = {"text": article_text(rng, sentences, tags), "date": day, "source": f"bench-{i}"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return origin


# --- measuring, in a child process per N ----------------------------------------------------------

def peak_mb() -> float:
    """Peak resident memory of this process or of its largest finished child (a worker), in MB."""
    usage = (resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return max(usage) / 1024  # Linux: kilobytes


def child_tokenise(corpus: Path) -> dict:
    """Bare spaCy tokenisation of the corpus' texts (the texts streamed; only make_doc timed)."""
    import spacy

    nlp = spacy.blank("da")
    seconds, tokens, articles = 0.0, 0, 0
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"]
            start = time.perf_counter()
            tokens += len(nlp.make_doc(text))
            seconds += time.perf_counter() - start
            articles += 1
    return {"seconds": seconds, "tokens": tokens, "articles": articles, "peak_mb": peak_mb()}


def child_ingest(corpus: Path, db: Path, workers: int) -> dict:
    """`tracker ingest` of the corpus into a new database, the pipeline built beforehand (with workers:
    the worker processes started and each one's pipeline built before the timer starts)."""
    from tracker.app import Tracker
    from tracker.ingest import Extractor, ingest_articles
    from tracker.nlp.pipeline import build_pipeline
    from tracker.readers import read_inputs

    tracker = Tracker(str(db))
    start = time.perf_counter()
    nlp = build_pipeline(tracker.registry) if workers == 1 else None
    with Extractor(tracker, workers, nlp).wait_until_ready() as extractor:
        build = time.perf_counter() - start
        ready_mb = peak_mb()
        nlp_seconds = time_extraction()
        start = time.perf_counter()
        summary = ingest_articles(tracker, read_inputs([str(corpus)]), extractor=extractor)
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "nlp_seconds": nlp_seconds[0] if workers == 1 else None, "build_seconds": build,
            "ingested": summary.ingested, "failed": summary.failed, "statements": summary.statements,
            "ready_mb": ready_mb, "peak_mb": peak_mb()}


def time_extraction() -> list[float]:
    """Make `extract_many` (tokenising, the components, the final de-duplication among them) add the seconds spent in it
    to the returned list's one number; ingest looks it up at call time. In this process only."""
    from tracker.nlp import pipeline

    spent, extract_many = [0.0], pipeline.extract_many

    def timed(*args, **kwargs):
        results = extract_many(*args, **kwargs)
        while True:
            start = time.perf_counter()
            result = next(results, None)
            spent[0] += time.perf_counter() - start
            if result is None:
                return
            yield result

    pipeline.extract_many = timed
    return spent


def in_child(*args: str) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        sys.exit(f"child {args} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- where the time goes --------------------------------------------------------------------------

def profile_components(corpus: Path, limit: int = 1000) -> None:
    """Seconds per pipeline component over the first `limit` articles, each against tokenisation."""
    import spacy

    from tracker.nlp import build_pipeline, make_doc
    from tracker.readers import read_inputs

    articles = [a for a, _ in zip(read_inputs([str(corpus)]), range(limit))]
    blank = spacy.blank("da")
    start = time.perf_counter()
    tokens = sum(len(blank.make_doc(a.text)) for a in articles)
    tokenise = time.perf_counter() - start
    nlp = build_pipeline()
    docs = [make_doc(nlp, a) for a in articles]
    print(f"\nPer component, {len(articles)} articles, {tokens:,} tokens "
          f"(bare tokenisation {tokenise:.2f} s = 1.0):")
    for name, component in nlp.pipeline:
        start = time.perf_counter()
        docs = [component(doc) for doc in docs]
        seconds = time.perf_counter() - start
        print(f"  {name:<24} {seconds:7.2f} s  {seconds / tokenise:7.1f} x tokenisation")


def hot_functions(corpus: Path, limit: int = 300, top: int = 25) -> None:
    """cProfile of the whole pipeline on `limit` articles: the functions that take the time."""
    import cProfile
    import pstats

    from tracker.nlp.pipeline import build_pipeline, extract_many
    from tracker.readers import read_inputs

    articles = [a for a, _ in zip(read_inputs([str(corpus)]), range(limit))]
    nlp = build_pipeline()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in extract_many(nlp, articles):
        pass
    profiler.disable()
    print(f"\ncProfile of extract_many on {len(articles)} articles (by own time):")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(top)


# --- the report ---------------------------------------------------------------------------------

def run(sizes: list[int], workers: int, profile: bool, keep: bool) -> None:
    folder = Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    rows = []
    for n in sizes:
        corpus = folder / f"corpus-{n}.jsonl"
        origin = write_corpus(corpus, n)
        base = in_child("tokenise", str(corpus))
        full = in_child("ingest", str(corpus), str(folder / f"bench-{n}.db"), str(workers))
        rows.append((n, base, full))
        print(f"N={n}: built from {origin}; ingest {full['seconds']:.1f} s, tokenise {base['seconds']:.2f} s",
              flush=True)
    print_table(rows, workers)
    if profile:
        profile_components(folder / f"corpus-{sizes[0]}.jsonl")
        hot_functions(folder / f"corpus-{sizes[0]}.jsonl")
    if keep:
        print(f"\nKept {folder}")
    else:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


def print_table(rows, workers: int) -> None:
    print(f"\n{'N':>7} {'articles/s':>11} {'tokens/s':>10} {'ratio':>7} {'nlp':>6} {'rest':>6} {'peak MB':>8} "
          f"{'ready MB':>9} {'statements':>11} {'failed':>7}   (workers={workers})")
    for n, base, full in rows:
        nlp, rest = split(base, full)
        print(f"{n:>7} {full['ingested'] / full['seconds']:>11,.1f} {base['tokens'] / full['seconds']:>10,.0f} "
              f"{full['seconds'] / base['seconds']:>7.1f} {nlp:>6} {rest:>6} {full['peak_mb']:>8.0f} "
              f"{full['ready_mb']:>9.0f} {full['statements']:>11,} {full['failed']:>7}")
    print("ratio: full ingest time / bare spacy.blank('da') tokenisation time (target <= 3), = nlp + rest: "
          "nlp the time in extract_many (tokenising, the components, the final de-duplication the last of them), "
          "rest the remainder (reading, hashing, the duplicate check, storing); both in units of the same "
          "tokenisation time, "
          "'-' with workers. ready MB: peak before the first article (pipeline built; with workers: this "
          f"process only); pipeline build (with workers: starting them, each building its own) "
          f"{rows[0][2]['build_seconds']:.1f} s, not in the ratio.")
    if len(rows) > 1:
        growth = rows[-1][2]["peak_mb"] / rows[0][2]["peak_mb"] - 1
        print(f"peak memory from N={rows[0][0]} to N={rows[-1][0]}: {growth:+.0%} (target within 20%)")


def split(base: dict, full: dict) -> tuple[str, str]:
    """The ingest time in its NLP part and the rest, each / tokenisation time; '-' when not measured."""
    if full.get("nlp_seconds") is None:
        return "-", "-"
    nlp = full["nlp_seconds"] / base["seconds"]
    return f"{nlp:.1f}", f"{full['seconds'] / base['seconds'] - nlp:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="Also time each pipeline component.")
    parser.add_argument("--keep", action="store_true", help="Keep the corpus and databases.")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = child_tokenise(Path(rest[0])) if kind == "tokenise" else child_ingest(
            Path(rest[0]), Path(rest[1]), int(rest[2]))
        print(json.dumps(result))
        return
    run(args.sizes, args.workers, args.profile, args.keep)


if __name__ == "__main__":
    main()
