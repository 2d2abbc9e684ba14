"""`tracker parties`, `politicians`, `registry add|load` through click's CliRunner."""

import csv
import io
import json

import pytest


def test_parties_lists_the_folketing_parties_with_letters_and_abbreviations(run_db):
    run = run_db
    result = run("parties", "--csv")
    assert result.exit_code == 0
    rows = {row["party"]: row for row in csv.DictReader(io.StringIO(result.output))}
    assert len(rows) >= 12
    assert rows["Konservative"]["letter"] == "C" and "K" in rows["Konservative"]["abbreviations"]
    assert rows["Radikale Venstre"]["letter"] == "B"
    assert {"Moderaterne", "Danmarksdemokraterne", "Enhedslisten", "SF"} <= set(rows)


def test_parties_table_and_json(run_db):
    run = run_db
    assert "Venstre" in run("parties").output
    rows = json.loads(run("parties", "--json").output)
    venstre = next(r for r in rows if r["party"] == "Venstre")
    assert venstre["letter"] == "V" and venstre["statements"] == 0
    assert len(json.loads(run("parties", "--all", "--json").output)) > len(rows)


def test_politicians_by_party_lists_rasmus_nordqvist_with_his_party_switch(run_db):
    run = run_db
    result = run("politicians", "--party", "SF", "--csv")
    rows = {row["politician"]: row for row in csv.DictReader(io.StringIO(result.output))}
    assert "Rasmus Nordqvist" in rows
    assert rows["Rasmus Nordqvist"]["parties"].index("Alternativet") < rows["Rasmus Nordqvist"]["parties"].index("SF")


def test_unknown_party_is_one_line_with_closest_names_and_exit_2(run_db):
    run = run_db
    result = run("politicians", "--party", "Venstr")
    assert result.exit_code == 2
    assert "Unknown party" in result.output and "Venstre" in result.output
    assert "Traceback" not in result.output


def test_registry_add_then_listed(run):
    result = run("registry", "add", "Testa Testesen", "--party", "K", "--from", "2023-01-01", "--role", "MP")
    assert result.exit_code == 0 and "Konservative" in result.output
    rows = list(csv.DictReader(io.StringIO(run("politicians", "--party", "Konservative", "--csv").output)))
    assert any(r["politician"] == "Testa Testesen" and "Konservative 2023-" in r["parties"] for r in rows)


def test_registry_load_csv(run, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("key,full_name,variants,gender,party,start,end,role,role_detail,basis\n"
                    "x1,Prøve Personsen,,F,SF,2021-02-01,,MP,,\n", encoding="utf-8")
    result = run("registry", "load", str(path))
    assert result.exit_code == 0, result.output
    output = run("politicians", "--party", "SF", "--csv").output
    assert "Prøve Personsen" in output


def test_registry_load_rejects_a_bad_file_in_one_line(run, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name\nsomeone\n", encoding="utf-8")
    result = run("registry", "load", str(path))
    assert result.exit_code == 2
    assert str(path) in result.output and "Traceback" not in result.output


def test_registry_add_from_a_day_ends_the_open_period_in_another_party(run):
    assert run("registry", "add", "Testa Testesen", "--party", "V", "--from", "2015-01-01", "--role", "MP").exit_code == 0
    result = run("registry", "add", "Testa Testesen", "--party", "K", "--from", "2023-01-01", "--role", "MP")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Added Testa Testesen (Konservative, 2023-01-01 to …).",
        "Ended Testa Testesen's period in Venstre (2015-01-01 to 2022-12-31)."]
    rows = list(csv.DictReader(io.StringIO(run("politicians", "--party", "V", "--csv").output)))
    assert [r["parties"] for r in rows if r["politician"] == "Testa Testesen"] == ["Venstre 2015-2022, Konservative 2023-"]


def test_registry_end_ends_the_open_period_on_the_day(run):
    run("registry", "add", "Testa Testesen", "--party", "SF", "--from", "2019-06-05")
    result = run("registry", "end", "Testa Testesen", "--party", "F", "--on", "2024-06-30")
    assert result.exit_code == 0, result.output
    assert result.output == "Ended Testa Testesen's period in SF (2019-06-05 to 2024-06-30).\n"
    rows = list(csv.DictReader(io.StringIO(run("politicians", "--party", "SF", "--csv").output)))
    assert [r["parties"] for r in rows if r["politician"] == "Testa Testesen"] == ["SF 2019-2024"]


@pytest.mark.parametrize("args, message", [
    (["Testa Testesen", "--party", "SF", "--on", "2024-06-30"], "Testa Testesen has no open period in SF on 2024-06-30."),
    (["Testa Testesen", "--party", "V", "--on", "2024-06-30"], "Testa Testesen has no open period in Venstre"),
    (["Testa Testesn", "--party", "SF", "--on", "2024-06-30"], 'Unknown politician: "Testa Testesn". Closest: Testa Testesen'),
    (["Testa Testesen", "--party", "Socialistpartiet", "--on", "2024-06-30"], 'Unknown party: "Socialistpartiet".'),
    (["Testa Testesen", "--party", "SF", "--on", "30-06-2024"], "Invalid value for '--on'"),
])
def test_registry_end_problems_are_one_line_and_exit_2(run, args, message):
    run("registry", "add", "Testa Testesen", "--party", "SF", "--from", "2019-06-05", "--to", "2020-12-31")
    result = run("registry", "end", *args)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert len([line for line in result.output.splitlines() if line.startswith("Error")]) == 1


def test_registry_add_unknown_party_is_one_line(run):
    result = run("registry", "add", "Testa Testesen", "--party", "Venstr", "--from", "2015-01-01")
    assert result.exit_code == 2 and 'Unknown party: "Venstr". Closest: Venstre' in result.output
