"""Very long articles go through the pipeline in pieces: where the pieces are cut, and that the
statements come back at their offsets in the whole article."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.ingest import extract_batch
from tracker.ingest import pieces as pieces_module
from tracker.ingest.pieces import cuts, pieces, runs
from tracker.sources import ArticleInput
from test_ingest import fake_pipeline  # noqa: F401  (the stand-in pipeline fixture)


def spans(text: str, limit: int) -> list[str]:
    starts = cuts(text, limit)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)])]


def test_pieces_end_at_paragraphs_then_sentences_then_spaces_then_anywhere():
    paragraphs = "\n\n".join(["Et afsnit med ord."] * 20)
    assert all(piece.endswith("\n\n") for piece in spans(paragraphs, 100)[:-1])
    sentences = " ".join(["En sætning her."] * 20)
    assert all(piece.endswith(". ") for piece in spans(sentences, 100)[:-1])
    words = " ".join(["ord"] * 100)
    assert all(piece.endswith(" ") for piece in spans(words, 50)[:-1])
    assert spans("x" * 250, 100) == ["x" * 100, "x" * 100, "x" * 50]


@given(st.text(alphabet=st.sampled_from("ab .\n?!«"), max_size=2000), st.integers(2, 300))
def test_pieces_cover_the_text_exactly_and_keep_within_the_limit(text, limit):
    found = spans(text, limit)
    assert "".join(found) == text
    assert all(0 < len(piece) <= limit for piece in found) or text == ""


def test_an_article_within_the_limit_is_its_own_only_piece():
    article = ArticleInput(text="Kort.", source="a.txt")
    assert list(pieces(article)) == [(0, article)]


def test_runs_hold_at_most_their_size_or_one_piece():
    items = [(i, 0, ArticleInput(text="x" * n, source="a")) for i, n in enumerate([40, 40, 30, 200, 10])]
    assert [[i for i, _, _ in run] for run in runs(items, size=100)] == [[0, 1], [2], [3], [4]]


def test_statements_of_a_long_article_keep_their_offsets_in_the_whole_text(fake_pipeline, monkeypatch):
    monkeypatch.setattr(pieces_module, "PIECE_CHARS", 300)
    monkeypatch.setattr(pieces_module, "RUN_CHARS", 700)
    people = ["Mette Testesen (V)", "Per Prøvesen (S)", "Ida Opdigtet (V)", "Lars Fiktivsen (S)"]
    text = "\n\n".join(f"Afsnit {n} om skatten, siger {people[n % 4]} i dag. " + "Fyld. " * 10 for n in range(40))
    long, short = ArticleInput(text=text, source="lang.txt"), ArticleInput(text="Kort, siger Ole Eksempel (V).",
                                                                           source="kort.txt")
    whole, brief = extract_batch(None, [long, short])
    assert {c.evidence for c in whole} == set(people)  # one statement per speaker, as from one document
    assert all(text[c.start_char:c.end_char] == c.evidence for c in whole)
    assert [c.start_char for c in whole] == sorted(text.index(p) for p in people)
    assert [c.evidence for c in brief] == ["Ole Eksempel (V)"]


def test_a_piece_that_breaks_the_pipeline_fails_its_article_only(fake_pipeline, monkeypatch):
    monkeypatch.setattr(pieces_module, "PIECE_CHARS", 100)
    text = "\n\n".join(["Mette Testesen (V) siger ja. " + "Fyld. " * 5] * 5 + ["KABOOM"])
    broken, fine = extract_batch(None, [ArticleInput(text=text, source="a.txt"),
                                        ArticleInput(text="Per Prøvesen (S) siger nej.", source="b.txt")])
    assert "extraction failed (RuntimeError" in broken.message
    assert [c.speaker for c in fine] == ["Per Prøvesen"]


@pytest.mark.slow
def test_a_text_over_a_million_characters_is_extracted_with_the_real_pipeline(run, tmp_path):
    """spaCy refuses a text over 1,000,000 characters (E088) in one piece; in pieces it is read."""
    filler = "Regeringen vil styrke folkeskolen i 2025. Kommunen afviser kritikken af sygehusene. " * 6
    paragraphs = [filler] * 2400
    paragraphs[5] = "- Skatten skal ned, siger Mette Testesen (V)."
    paragraphs[-5] = "- Vi vil have flere cykelstier, siger Per Prøvesen (S)."
    path = tmp_path / "lang.txt"
    path.write_text("date 2024-05-01 Lang\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    assert path.stat().st_size > 1_100_000
    result = run("ingest", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("1 ingested, 0 duplicates, 0 failed, 2 statements added")
