"""The query and export commands through click's CliRunner, on the fixture database."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from click.testing import CliRunner

from reports_fixture import STATEMENTS, build
from tracker.cli import cli


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "fixture.db")
    build(path).close()
    return path


@pytest.fixture
def query(fixture_db):
    """query("compare", "--csv") -> click Result against the fixture database."""

    def invoke(*args):
        return CliRunner().invoke(cli, ["--db", fixture_db, *args], catch_exceptions=False)

    return invoke


def ok(result):
    assert result.exit_code == 0, result.output
    return result.output


def as_csv(result) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(ok(result)), keep_default_na=False)


def as_json(result) -> list[dict]:
    return json.loads(ok(result))


COMMANDS = [  # every query command, with arguments that find rows in the fixture
    ("issues",),
    ("issues", "--topic", "miljø"),
    ("issues", "--dates", "--since", "2021"),
    ("positions", "Venstre"),
    ("positions", "SF", "--issue", "co2"),
    ("politician", "Anders Prøvesen"),
    ("compare", "co2-afgift"),
    ("compare",),
    ("compare", "--blocs"),
    ("compare", "pension", "--parties", "S,V,EL"),
    ("timeline", "co2-afgift"),
    ("timeline", "co2-afgift", "--party", "S", "--by", "year"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_query_prints_a_table_csv_and_json(query, args):
    assert ok(query(*args)).strip()
    frame = as_csv(query(*args, "--csv"))
    records = as_json(query(*args, "--json"))
    assert len(frame) == len(records) > 0
    if args[0] == "positions":  # CSV: the latest quote flattened; JSON: a list of quotes
        assert "quote" in frame.columns and isinstance(records[0]["quotes"], list)
    else:
        assert list(records[0]) == list(frame.columns)


@pytest.mark.parametrize("args, kind, closest", [
    (("positions", "Venstr"), "party", "Venstre"),
    (("politician", "Mette Testesn"), "politician", "Mette Testesen"),
    (("compare", "co2-afgfit"), "issue", "co2-afgift"),
    (("timeline", "pensionsaldre"), "issue", "pensionsalder"),
    (("compare", "co2-afgift", "--parties", "S,Venstree"), "party", "Venstre"),
    (("issues", "--topic", "Enviroment"), "topic", "Environment"),
    (("positions", "V", "--issue", "betjentt"), "issue", "flere-betjente"),
])
def test_unknown_names_give_one_line_with_the_closest_and_exit_2(query, args, kind, closest):
    result = query(*args)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and f"Unknown {kind}" in lines[0] and closest in lines[0]


def test_ambiguous_issue_lists_the_candidates(query):
    result = query("compare", "fl")  # flere-betjente, and "flere cykelstier" in a label
    assert result.exit_code == 2 and "flere-betjente" in result.output and "cykelstier" in result.output


def test_issues_are_matched_by_label_and_unique_part(query):
    by_label = as_json(query("compare", "pensionsalderen skal hæves", "--json"))
    by_part = as_json(query("compare", "PENSION", "--json"))
    assert by_label == by_part and {r["party"] for r in by_part} >= {"Venstre", "Enhedslisten"}


def test_positions_json_holds_the_latest_quotes(query):
    records = as_json(query("positions", "S", "--quotes", "2", "--json"))
    co2 = next(r for r in records if r["issue"] == "co2-afgift")
    assert co2["statements"] == sum(1 for s in STATEMENTS if s[2] == "S" and s[3] == "co2-afgift")
    assert len(co2["quotes"]) == 2 and co2["quotes"][0]["date"] >= co2["quotes"][1]["date"]
    assert all(q["politician"] == "Lise Eksempel" for q in co2["quotes"])


def test_positions_table_shows_evidence(query):
    output = ok(query("positions", "Socialdemokratiet"))
    assert "Positions of Socialdemokratiet" in output and "Latest evidence" in output
    assert "Lise Eksempel" in output


def test_positions_accept_abbreviations_and_dates(query):
    frame = as_csv(query("positions", "DF", "--since", "2022", "--until", "2022-12", "--csv"))
    assert list(frame["issue"]) == ["co2-afgift"] and frame.loc[0, "quote_date"].startswith("2022-")


def test_compare_table_says_who_disagrees(query):
    output = ok(query("compare", "co2-afgift"))
    assert "Disagree:" in output and "Venstre" in output.split("Disagree:")[1]
    assert "No disagreement" in ok(query("compare", "flere-betjente"))


def test_compare_csv_has_quotes_and_articles(query):
    frame = as_csv(query("compare", "co2-afgift", "--csv")).set_index("party")
    assert frame.loc["Venstre", "leaning"] == "against"
    assert frame.loc["Venstre", "article"] and frame.loc["Venstre", "quote"]


def test_compare_matrix_and_blocs(query):
    matrix = as_csv(query("compare", "--csv"))
    assert matrix["issue"].iloc[-1] == "flere-betjente" and {"S", "V", "DF"} <= set(matrix.columns)
    blocs = as_json(query("compare", "co2", "--blocs", "--json"))
    assert [r["bloc"] for r in blocs] == ["red", "centre", "blue"]
    narrowed = as_csv(query("compare", "--parties", "S,V", "--csv"))
    assert set(narrowed.columns) & {"SF", "DF", "EL"} == set()


def test_timeline_json_is_long_and_table_is_wide(query):
    records = as_json(query("timeline", "co2-afgift", "--by", "month", "--json"))
    assert {"period", "party", "net", "statements"} <= set(records[0])
    output = ok(query("timeline", "co2-afgift"))
    assert "2021-Q1" in output and "Venstre" in output


def test_politician_shows_the_party_switch(query):
    frame = as_csv(query("politician", "prøvesen", "--csv"))
    assert list(frame["party"])[0] == "Alternativet" and list(frame["party"])[-1] == "SF"
    assert "Alternativet → SF" in set(frame["party_switch"])
    assert "ALT 2015-2020" in ok(query("politician", "Anders Prøvesen"))


def test_parties_and_politicians_listings_count_statements(query):
    parties = as_csv(query("parties", "--csv")).set_index("party")
    assert parties.loc["Venstre", "statements"] == sum(1 for s in STATEMENTS if s[2] == "V")
    people = as_csv(query("politicians", "--party", "DF", "--csv")).set_index("politician")
    assert people.loc["Karen Fiktivsen", "statements"] == sum(1 for s in STATEMENTS if s[1] == "Karen Fiktivsen")


@pytest.mark.parametrize("what, column", [("statements", "evidence"), ("positions", "net"), ("compare", "spread"),
                                          ("articles", "title")])
def test_exports_write_csv_files(query, tmp_path, what, column):
    path = tmp_path / f"{what}.csv"
    result = query("export", what, "-o", str(path))
    assert result.exit_code == 0 and path.exists()
    frame = pd.read_csv(path)
    assert column in frame.columns and len(frame) > 0


def test_export_statements_counts_and_dates(query, tmp_path):
    path = tmp_path / "s.csv"
    ok(query("export", "statements", "-o", str(path), "--since", "2024-01-01"))
    assert len(pd.read_csv(path)) == sum(1 for s in STATEMENTS if s[0] == "a5")


def test_bad_date_is_a_usage_error(query):
    result = query("issues", "--since", "2024-13")
    assert result.exit_code == 2 and "not a date" in result.output
