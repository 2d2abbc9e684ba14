"""Articles, search, outlets, tables at 80 columns and the paper cuts of the newsroom issue, through the CLI."""

from __future__ import annotations

import json
import os
import re

import pandas as pd
import pytest

from newsroom_fixture import Cli, copy_samples
from tracker.input_count import count_articles
from tracker.readers import ReadOptions
from tracker.search import marks, stems


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("newsroom")
    cli = Cli(str(folder / "news.db"))
    cli.files = copy_samples(folder / "articles")
    feed = folder / "feed.jsonl"
    feed.write_text(json.dumps({"text": "Enhedslisten kræver flere penge til ældreplejen, siger partiet.",
                                "date": "2024-02-02", "outlet": "Testavisen", "title": "Penge til ældrepleje"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    cli.ok("ingest", "-q", *cli.files, feed)
    return cli


def test_the_danish_stemmer_joins_word_forms_and_drops_stop_words():
    assert stems("afgiften afgifter afgifterne") == ["afgift"] * 3
    assert stems("og i at det") == []
    assert marks("Afgifterne stiger, siger hun.", {"afgift"}) == [(0, 10)]


def test_articles_with_filters_and_ids_in_the_exports(db):
    frame = db.csv("articles", "--csv")
    assert len(frame) == 4 and {"id", "outlet", "statements"} <= set(frame.columns)
    assert list(db.csv("articles", "--outlet", "testavisen", "--csv")["title"]) == ["Penge til ældrepleje"]
    by_party = db.csv("articles", "--party", "Venstre", "--csv")
    assert 0 < len(by_party) < len(frame) and (by_party["statements"] > 0).all()
    assert len(db.csv("articles", "--issue", "co2-afgift-landbrug", "--csv")) == 1
    assert "id" in db.csv("export", "articles").columns
    statements = db.csv("export", "statements")
    assert {"id", "article_id", "issue", "issue_label"} <= set(statements.columns)
    assert "co2-afgift-landbrug" in set(statements["issue"])
    assert any(label.startswith("CO2-afgift på landbruget") for label in statements["issue_label"])  # data/issues.csv


def test_outlet_filters_the_query_commands(db):
    assert set(db.csv("export", "statements", "--outlet", "Testavisen")["outlet"]) == {"Testavisen"}
    issues = db.csv("issues", "--outlet", "Testavisen", "--csv")
    assert list(issues["issue"]) == ["aeldrepleje"]
    assert db.csv("compare", "--outlet", "Testavisen", "--csv")["issue"].tolist() == ["aeldrepleje"]
    result = db("issues", "--outlet", "Ukendt Avis")
    assert result.exit_code == 2 and "Unknown outlet" in result.output


def test_article_shows_its_text_with_the_evidence_marked(db):
    article = db.csv("articles", "--csv").iloc[0]["id"]
    output = db.ok("article", article)
    statements = json.loads(db.ok("article", article, "--json"))[0]["statements"]
    assert statements and all(f"[#{s['id']}" in output for s in statements if not s["rejected"])
    assert db("article", 99999).exit_code == 2


def test_search_finds_danish_word_forms_ranked_and_filtered(db):
    found = db.csv("search", "afgifterne", "--csv")
    statements = found[found["hit"] == "statement"]
    assert len(statements) and all("afgift" in e.casefold() for e in statements["evidence"])
    assert list(statements["score"]) == sorted(statements["score"], reverse=True)
    assert (found["hit"] == "article").any()
    only_sf = db.csv("search", "afgiften", "--party", "SF", "--csv")
    assert set(only_sf.loc[only_sf["hit"] == "statement", "party"]) == {"SF"}
    assert db.csv("search", "afgiften", "--since", "2025", "--csv").empty
    assert db.csv("search", "og i at", "--csv").empty  # stop words only


def test_search_follows_reprocess_and_delete(tmp_path):
    cli = Cli(str(tmp_path / "s.db"))
    files = copy_samples(tmp_path / "articles")
    cli.ok("ingest", "-q", *files)
    before = cli.csv("search", "topskatten", "--csv")
    cli.ok("reprocess", "--all")
    after = cli.csv("search", "topskatten", "--csv")
    evidence = lambda frame: sorted(frame.loc[frame["hit"] == "statement", "evidence"])  # noqa: E731
    # the new statements found again (their ids may be the old ones: SQLite gives the lowest free ids again)
    assert len(after) == len(before) and evidence(after) == evidence(before) != []
    article = int(after.loc[after["hit"] == "article", "id"].iloc[0])
    cli.ok("delete-article", article, "--yes")
    assert cli.csv("search", "topskatten", "--csv").empty


def test_tables_stay_readable_at_80_columns(db):
    for args in (("compare",), ("positions", "Venstre"), ("issues",), ("compare", "co2-afgift-landbrug"),
                 ("politicians", "--heard"), ("articles",), ("search", "afgiften")):
        output = db.ok(*args, env={"COLUMNS": "80"})
        assert max(len(line) for line in output.splitlines()) <= 80, args
    matrix = db.csv("compare", "--csv")
    table = db.ok("compare", env={"COLUMNS": "80"})
    parties = [c for c in matrix.columns if c not in ("issue", "label", "statements", "parties", "spread",
                                                      "disagree")]
    for value in matrix[parties].apply(pd.to_numeric, errors="coerce").stack().dropna():
        assert re.search(rf"(?<![\d.]){value:.2f}(?!\d)", table), value  # every number whole on one line
    assert "CO2-afgift på landbruget" in table and "co2-afgift-landbrug" not in table  # labels, not slugs


def test_compare_issue_names(db):
    assert "No statements on" in db.ok("compare", "toptopskat")
    result = db("compare", "co")
    assert result.exit_code == 2 and "Unknown issue" in result.output  # two letters match whole words only
    assert "CO2-afgift på landbruget" in db.ok("compare", "co2")
    assert "Net position by party" in db.ok("compare")  # without an issue: the matrix


def test_politicians_heard_sorted_by_statements_once_each(db):
    frame = db.csv("politicians", "--heard", "--csv")
    assert (frame["statements"] > 0).all() and frame["politician"].is_unique
    assert list(frame["statements"]) == sorted(frame["statements"], reverse=True)
    assert len(db.csv("politicians", "--csv")) > len(frame)


@pytest.mark.parametrize("args", [("articles",), ("article", "1"), ("delete-article", "1", "--yes"),
                                  ("search", "afgift"), ("statement", "1"), ("correct", "1", "--stance", "for"),
                                  ("reject", "1"), ("restore", "1"), ("corrections",), ("export", "gold"),
                                  ("add-statement", "1", "--evidence", "x", "--party", "S", "--issue", "topskat",
                                   "--stance", "for"), ("serve",)])
def test_new_commands_refuse_a_missing_database(tmp_path, args):
    missing = tmp_path / "none.db"
    result = Cli(str(missing))(*args)
    assert result.exit_code == 1 and "no such database" in result.output and not missing.exists()


def test_the_ingest_total_is_counted_first(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n{"text": "c"}', encoding="utf-8")
    (tmp_path / "c.csv").write_text("text\nen\nto\n", encoding="utf-8")
    assert count_articles([str(tmp_path)]) == 1 + 3 + 2
    assert count_articles([str(tmp_path / "a.txt"), "-"]) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_the_ingest_total_opens_no_fifo_and_follows_links_as_the_ingest_does(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n', encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.jsonl")  # nobody writes to it: opening it to count would wait for ever
    assert count_articles([str(tmp_path / "pipe.jsonl"), str(tmp_path / "a.jsonl")]) == 1 + 2
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "top").mkdir()
    (tmp_path / "top" / "link").symlink_to(tmp_path / "sub", target_is_directory=True)
    assert count_articles([str(tmp_path / "top")]) == 1
    assert count_articles([str(tmp_path / "top")], ReadOptions(follow_links=False)) == 0
