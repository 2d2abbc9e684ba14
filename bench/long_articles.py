"""Long-article benchmark: extraction time of one article as it grows (should grow linearly).

    .venv/bin/python bench/long_articles.py                  # the default sizes
    .venv/bin/python bench/long_articles.py --scale 0.25     # a quick run at a quarter of the sizes

Three kinds of constructed article, each at a size and at four times that size, with fictional
politicians: a paragraph of one-line statements ("Navn (V) mener, at ..."), an article of quote
paragraphs ("- ..., siger Navn (V)."), and one line of sentences with pronouns ("Hun siger, at ...").
For each it prints the seconds of `extract` (the whole pipeline, final de-duplication included) and
the growth of that time when the article grows four times: about 4 for linear work, 16 for quadratic.
"""

from __future__ import annotations

import argparse
import gc
import random
import time

FIRST = ["Mette", "Per", "Ida", "Søren", "Anne", "Lars", "Karen", "Jens"]
LAST = ["Testesen", "Prøvesen", "Opdigtet", "Eksempelsen", "Fiktivsen"]
TAGS = ["V", "S", "SF", "K", "EL", "DF", "LA", "RV"]


def name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)} ({rng.choice(TAGS)})"


def statement_lines(rng: random.Random, n: int) -> str:
    """One paragraph of n one-line statements."""
    return "\n".join(f"{name(rng)} mener, at skatten skal ned." for _ in range(n))


def quote_paragraphs(rng: random.Random, n: int) -> str:
    """n quote paragraphs, each closed by its speaker."""
    return "\n\n".join(f"- Vi skal have flere busser, siger {name(rng)}." for _ in range(n))


def one_line(rng: random.Random, chars: int) -> str:
    """One line of about `chars` characters: statements and pronouns that refer back."""
    sentences, size = [], 0
    while size < chars:
        sentence = f"{name(rng)} kræver lavere skat. Hun siger, at det haster."
        sentences.append(sentence)
        size += len(sentence) + 1
    return " ".join(sentences)


CASES = [("statement lines in one paragraph", statement_lines, 2000),
         ("quote paragraphs", quote_paragraphs, 2500),
         ("characters on one line", one_line, 225_000)]


def seconds(nlp, text: str) -> float:
    from tracker.nlp.pipeline import extract
    from tracker.sources import ArticleInput

    gc.collect()
    start = time.perf_counter()
    extract(nlp, ArticleInput(text=text, source="long"))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="Multiply the sizes by this.")
    args = parser.parse_args()
    from tracker.nlp.pipeline import build_pipeline

    nlp = build_pipeline()
    seconds(nlp, "Mette Testesen (V) siger ja.")  # the word memos warmed up
    print(f"{'article':<34} {'size':>9} {'seconds':>8} {'size x4':>9} {'seconds':>8} {'growth':>7}")
    for label, make, size in CASES:
        size = max(10, int(size * args.scale))
        rng = random.Random(1)
        small, large = seconds(nlp, make(rng, size)), seconds(nlp, make(rng, 4 * size))
        print(f"{label:<34} {size:>9,} {small:>8.2f} {4 * size:>9,} {large:>8.2f} {large / small:>7.1f}")
    print("growth: seconds at 4x the size / seconds at the size (linear: about 4; quadratic: about 16)")


if __name__ == "__main__":
    main()
