"""CSV safe in a spreadsheet: exports and every --csv output write no text cell a spreadsheet would run
as a formula (OWASP: a ' in front); --raw writes the text as stored; the database keeps it as it was."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
from sqlalchemy import select

from tracker.app import Tracker
from tracker.db.models import Article
from tracker.spreadsheets import FORMULA_STARTS, csv_text, neutralise, neutralised

RECORDS = [
    {"text": "- =1+1 er svaret, siger Mette Testesen (V).\n\nAndet afsnit.", "date": "2024-01-02",
     "title": '=HYPERLINK("http://example.invalid","klik")', "source": "=1+1", "outlet": "@avis", "url": "+4512345678"},
    {"text": "- Skatten skal ned, siger Per Prøvesen (S).", "date": "2024-01-03", "title": "-2+3", "source": "id-2"},
]


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def formulas(text: str) -> list[str]:
    return [cell for cell in cells(text) if cell.startswith(FORMULA_STARTS)]


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """A database holding articles whose fields start like formulas (the real pipeline)."""
    from click.testing import CliRunner

    from tracker.cli import cli

    folder = tmp_path_factory.mktemp("csv")
    feed = folder / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n", encoding="utf-8")
    db = str(folder / "t.db")
    result = CliRunner().invoke(cli, ["--db", db, "ingest", str(feed)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db, folder


def invoke(db: str, *args):
    from click.testing import CliRunner

    from tracker.cli import cli

    result = CliRunner().invoke(cli, ["--db", db, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("what", ["statements", "articles", "positions", "compare"])
def test_an_export_read_back_has_no_cell_starting_with_a_formula_character(stored, what):
    db, folder = stored
    path = folder / f"{what}.csv"
    invoke(db, "export", what, "-o", str(path))
    text = path.read_text(encoding="utf-8")
    assert formulas(text) == []
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert not frame.map(lambda cell: cell.startswith(FORMULA_STARTS)).any().any()


def test_the_neutralised_cells_keep_their_text_behind_the_quote(stored):
    db, folder = stored
    text = invoke(db, "export", "articles").stdout
    found = cells(text)
    for original in ('=HYPERLINK("http://example.invalid","klik")', "=1+1", "@avis", "+4512345678", "-2+3"):
        assert "'" + original in found
    raw = cells(invoke(db, "export", "articles", "--raw").stdout)
    assert '=HYPERLINK("http://example.invalid","klik")' in raw and "-2+3" in raw


@pytest.mark.parametrize("command", [["positions", "Venstre"], ["politician", "Mette Testesen"], ["compare"],
                                     ["issues"], ["parties"], ["politicians"]])
def test_every_csv_output_is_neutralised_and_raw_turns_it_off(stored, command):
    db, _ = stored
    text = invoke(db, *command, "--csv").stdout
    assert formulas(text) == []
    if command[0] in ("positions", "politician"):
        assert any(cell.startswith("'=1+1 er svaret") for cell in cells(text))
        assert any(cell.startswith("=1+1 er svaret") for cell in cells(invoke(db, *command, "--csv", "--raw").stdout))


def test_the_database_keeps_the_text_as_it_was(stored):
    db, _ = stored
    t = Tracker(db, migrate=False)
    with t.session() as session:
        titles = set(session.scalars(select(Article.title)))
    t.close()
    assert {'=HYPERLINK("http://example.invalid","klik")', "-2+3"} <= titles


def test_only_text_cells_change_numbers_stay_numbers():
    frame = pd.DataFrame({"net": [-0.5, 1.0], "quote": ["- Nej, siger hun.", "Ja."], "n": [-1, 2]})
    safe = neutralised(frame)
    assert safe["net"].tolist() == [-0.5, 1.0] and safe["n"].tolist() == [-1, 2]
    assert safe["quote"].tolist() == ["'- Nej, siger hun.", "Ja."]
    assert frame["quote"][0] == "- Nej, siger hun."  # the frame given is not changed
    assert csv_text(frame, raw=True) == frame.to_csv(index=False)
    assert [neutralise(v) for v in ("\tx", "\rx", "@x", "x=1", None, 3)] == ["'\tx", "'\rx", "'@x", "x=1", None, 3]
