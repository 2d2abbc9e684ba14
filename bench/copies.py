"""Copies benchmark: are wire copies grouped into one story, distinct stories kept apart, and at what cost?

    .venv/bin/python bench/copies.py                    # the dev articles and 300 synthetic stories
    .venv/bin/python bench/copies.py --synthetic 100 --seed 3

The stories are real texts read at run time (nothing is written to the repository): the dev articles
(../shared/dev/articles, each used only as raw text; only aggregate figures are printed) and synthetic
articles built by bench/ingest.py from the DDT sentences in ../shared/data/ner, several a day on one
topic (they share a topical lead paragraph and words, as distinct stories of one news day do). Each story
gets 5-15 copies as other sites would run it: another headline (p = 0.7), the last paragraph cut (p = 0.5),
the site's boilerplate before and after, 0-3 typos, a date 0-2 days later. Everything is ingested in a
shuffled order into a new SQLite database, twice, each run in a process of its own: with the grouping
and with it switched off (the store's `group_articles` replaced by a no-op), the pipeline built before the timer.

Figures: copies grouped = copies in the same story as their original (target >= 99%); false merges =
articles in a story whose lead is another source story's (target <= 0.1%); cost = ingest time with the
grouping / without - 1 (target <= 10%), and the time spent in `group_articles` itself / ingest time.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ingest as synthetic  # noqa: E402  (bench/ingest.py: the synthetic articles)

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((parent / "shared" for parent in ROOT.parents if (parent / "shared").is_dir()), ROOT.parent / "shared")
DEV_ARTICLES = SHARED / "dev" / "articles"
synthetic.NER_DATA = SHARED / "data" / "ner"  # the checkout's neighbour, also from a worktree further down
OUTLETS = 15
HEADLINE_WORDS = ["Strid", "Nyt udspil", "Kritik", "Aftale", "Opgør", "Krav", "Forslag", "Slag", "Uenighed"]


# --- the stories and their copies -----------------------------------------------------------------

def dev_stories() -> list[dict]:
    """The dev articles as stories: {"text", "date"} (read only as raw text)."""
    from tracker.sources import read_text_article

    stories = []
    for path in sorted(DEV_ARTICLES.glob("*.txt")):
        article = read_text_article(path)
        stories.append({"text": article.text, "date": article.published.isoformat() if article.published
                        else "2024-01-01"})
    return stories


def synthetic_stories(n: int, rng: random.Random) -> list[dict]:
    """n distinct stories, five a day on one topic each day (a shared topical lead and vocabulary)."""
    sentences = synthetic.real_sentences() if synthetic.NER_DATA.is_dir() else []
    if len(sentences) < 500:
        print("(no DDT sentences: the built-in generator)")
        sentences = synthetic.generated_sentences(rng)
    tags = synthetic.party_tags()
    stories = []
    for k in range(n):
        day, topic = k // 5, synthetic.TOPICS[(k // 5) % len(synthetic.TOPICS)]
        on_topic = [s for s in sentences if topic.split()[0][:6] in s.lower()] or sentences
        lead = f"Folketinget diskuterer i dag {topic}, og partierne er uenige om, hvad der skal ske."
        pool = rng.sample(on_topic, 40) if len(on_topic) >= 40 else sentences
        text = "\n\n".join([lead, synthetic.article_text(rng, pool, tags)])
        stories.append({"text": text, "date": f"2025-{day % 12 + 1:02}-{day % 28 + 1:02}"})
    return stories


def boilerplate(outlet: int) -> tuple[str, str]:
    """The text a site puts before and after every article."""
    return (f"Nyheder fra Avis {outlet} | Del artiklen | Gem til senere",
            f"Læs også: De vigtigste nyheder fra Avis {outlet} i dag. Abonnér på vores nyhedsbrev og få "
            f"nyhederne direkte i din indbakke. Avis {outlet} bruger cookies.")


def typo(text: str, rng: random.Random) -> str:
    """One edit in a random word of four letters or more: two letters swapped or one dropped."""
    words = text.split(" ")
    places = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not places:
        return text
    i = rng.choice(places)
    word, j = words[i], rng.randrange(len(words[i]) - 1)
    words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2:] if rng.random() < 0.5 else word[:j] + word[j + 1:]
    return " ".join(words)


def copy_of(story: dict, rng: random.Random, outlet: int) -> dict:
    paragraphs = story["text"].split("\n\n")
    if rng.random() < 0.7 and len(paragraphs) > 1:
        paragraphs[0] = f"{rng.choice(HEADLINE_WORDS)}: {' '.join(paragraphs[0].split()[:6])}"
    if rng.random() < 0.5 and len(paragraphs) > 3:
        paragraphs = paragraphs[:-1]
    text = "\n\n".join(paragraphs)
    for _ in range(rng.randint(0, 3)):
        text = typo(text, rng)
    before, after = boilerplate(outlet)
    day = story["date"][:8] + f"{min(28, int(story['date'][8:10] or 1) + rng.randint(0, 2)):02}" \
        if len(story["date"]) == 10 else story["date"]
    return {"text": f"{before}\n\n{text}\n\n{after}", "date": day}


def write_corpus(path: Path, stories: list[dict], rng: random.Random) -> dict[str, int]:
    """The originals and their copies, shuffled, as JSONL; returns source -> story number."""
    records = []
    for number, story in enumerate(stories):
        records.append({**story, "source": f"s{number}-original", "outlet": "Avis 0"})
        for k in range(rng.randint(5, 15)):
            outlet = rng.randrange(1, OUTLETS + 1)
            records.append({**copy_of(story, rng, outlet), "source": f"s{number}-copy{k}", "outlet": f"Avis {outlet}"})
    rng.shuffle(records)
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {record["source"]: int(record["source"][1:].split("-")[0]) for record in records}


# --- ingest, in a child process -----------------------------------------------------------------

def child_ingest(corpus: Path, db: Path, grouping: bool) -> dict:
    from tracker import store
    from tracker.app import Tracker
    from tracker.ingest import ingest_articles
    from tracker.nlp.pipeline import build_pipeline
    from tracker.readers import read_inputs

    tracker = Tracker(str(db))
    nlp = build_pipeline(tracker.registry)
    spent, group = [0.0], store.group_articles

    def timed_group(*args, **kwargs):
        start = time.perf_counter()
        try:
            return group(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start

    store.group_articles = timed_group if grouping else (lambda *args, **kwargs: {})
    start, cpu = time.perf_counter(), time.process_time()
    summary = ingest_articles(tracker, read_inputs([str(corpus)]), nlp=nlp)
    return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "grouping": spent[0],
            "ingested": summary.ingested, "failed": summary.failed}


def in_child(*args: str) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"child {args} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- the figures ------------------------------------------------------------------------------------

def grouping_figures(db: Path, story_of: dict[str, int]) -> dict:
    """Copies grouped with their original, and articles in another source story's story."""
    import sqlite3

    connection = sqlite3.connect(db)
    rows = connection.execute("SELECT id, source, story_id FROM articles").fetchall()
    connection.close()
    source_of = {id_: source for id_, source, _ in rows}
    story_id = {source: story for _, source, story in rows}
    copies = [s for s in story_id if "-copy" in s]
    grouped = sum(story_id[s] == story_id[f"s{story_of[s]}-original"] for s in copies)
    false = sum(story_of[source_of[story]] != story_of[source] for source, story in story_id.items())
    members: dict[int, set[int]] = {}
    for source, story in story_id.items():
        members.setdefault(story, set()).add(story_of[source])
    return {"articles": len(rows), "copies": len(copies), "grouped": grouped, "false": false,
            "stories": len(members), "mixed": sum(len(m) > 1 for m in members.values()),
            "sources": len(set(story_of.values()))}


def report(name: str, figures: dict, timing: dict, without: dict) -> None:
    print(f"\n{name}: {figures['sources']} stories, {figures['copies']} copies, {figures['articles']} articles")
    print(f"  copies grouped with their original: {figures['grouped']}/{figures['copies']} = "
          f"{figures['grouped'] / figures['copies']:.2%} (target >= 99%)")
    print(f"  false merges: {figures['false']}/{figures['articles']} articles in another story's story = "
          f"{figures['false'] / figures['articles']:.3%} (target <= 0.1%); {figures['mixed']} stories mix sources; "
          f"{figures['stories']} stories found")
    cost = timing["seconds"] / without["seconds"] - 1
    print(f"  ingest {timing['seconds']:.1f} s (cpu {timing['cpu']:.1f} s) with grouping, {without['seconds']:.1f} s "
          f"(cpu {without['cpu']:.1f} s) without: cost {cost:+.1%} wall, "
          f"{timing['cpu'] / without['cpu'] - 1:+.1%} cpu (target <= 10%); in group_articles "
          f"{timing['grouping']:.2f} s = {timing['grouping'] / timing['seconds']:.1%} of the ingest")


def run(synthetic: int, seed: int, keep: bool) -> None:
    rng = random.Random(seed)
    folder = Path(tempfile.mkdtemp(prefix="tracker-copies-"))
    sets = []
    if DEV_ARTICLES.is_dir():
        sets.append(("dev articles", dev_stories()))
    sets.append(("synthetic, 5 a day on one topic", synthetic_stories(synthetic, rng)))
    for k, (name, stories) in enumerate(sets):
        corpus = folder / f"corpus{k}.jsonl"
        story_of = write_corpus(corpus, stories, rng)
        with_db, without_db = folder / f"with{k}.db", folder / f"without{k}.db"
        timing = in_child(str(corpus), str(with_db), "1")
        without = in_child(str(corpus), str(without_db), "0")
        report(name, grouping_figures(with_db, story_of), timing, without)
    if keep:
        print(f"\nKept {folder}")
    else:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=300, help="Synthetic stories (five a day per topic).")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--keep", action="store_true", help="Keep the corpora and databases.")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        corpus, db, grouping = args.child
        print(json.dumps(child_ingest(Path(corpus), Path(db), grouping == "1")))
        return
    run(args.synthetic, args.seed, args.keep)


if __name__ == "__main__":
    main()
