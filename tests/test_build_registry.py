"""scripts/build_registry.py on small constructed sources (fictional people), and the facts it put in data/."""

from __future__ import annotations

import csv
import importlib.util
from datetime import date
from pathlib import Path

import pytest

from tracker.paths import data_file
from tracker.registry import Registry

REPO = Path(__file__).resolve().parents[1]

SHARED_PARTY_COLUMNS = ("party_id,canonical_name_da,official_name_da,short_name,ballot_letter,letter_note,news_abbrev,"
                        "abbrev_variants,name_variants,english_name,founded,founded_source,dissolved,scope,"
                        "parlamint_org_id,parlamint_existence_from,seen_in_sources,notes,source").split(",")
SHARED_POLITICIAN_COLUMNS = ("person_id,full_name,given_names,surname,sex,birth_date,party_id,party_news_abbrev,"
                             "party_name,from_date,to_date,role,role_detail,cabinet,date_basis,as_of,source,"
                             "source_id,notes").split(",")
UNDATED = "role dates from source; party undated in source (assumed constant)"
DATED = "role dates from source; party dates explicit in source"
OBSERVED = "party affiliation observed at the 2026 general election (no period dates in source)"
PARLAMINT = "parlamint:listPerson"
EDITORIAL = """
[roles]
MP = "MP"
minister = "minister"
party_affiliation = "party_affiliation"
candidate_FV2026 = "candidate"

[[same_person]]
names = ["Anne Aliasen", "Anne Brix Aliasen"]
source = "constructed"

[parties.V]
founded = "1870-06-30"
founded_source = "constructed: V's own history"

[parties.S]
founded = "1871"
founded_source = "constructed: year only"

[parties.KD]
abbreviations = ["KD"]
founded = "1970-04-13"
founded_source = "constructed"

[[name_forms]]
name = "Ole Eksempelsen"
forms = ["Eksem"]
source = "constructed: the short form news writes"

[[party_changes]]
name = "Ole Eksempelsen"
from_party = "M"
to_party = "KD"
date = "2024-05-01"
source = "constructed: founded a party before its group"

[registry_2022]
changes_known_until = "2026-03-24"
ministers_known_until = "2026-03-30"
group_detail = "member of parliamentary group"
outside_detail = "outside parliamentary groups"
news_detail = "party membership reported in the news"
editorial_detail = "party membership (editorial)"
"""


def shared_row(columns, **values):
    return {c: values.get(c, "") for c in columns}


def write(path: Path, columns, rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def party(key, name, **values):
    return shared_row(SHARED_PARTY_COLUMNS, **({"party_id": key, "canonical_name_da": name,
                                                "official_name_da": name, "short_name": name} | values))


def parties_dk() -> list[dict]:
    return [party("V", "Venstre", ballot_letter="V", abbrev_variants="V", name_variants="Venstres", founded="1910",
                  scope="national"),
            party("S", "Socialdemokratiet", abbrev_variants="S", scope="national"),
            party("KD", "Kristendemokraterne", short_name="KD", ballot_letter="K", abbrev_variants="KD;K",
                  founded="1970", scope="national"),
            party("M", "Moderaterne", abbrev_variants="M", founded="2022", scope="national"),
            party("UFG", "Uden for folketingsgrupperne", short_name="Løsgænger", abbrev_variants="UFG;Løsgænger",
                  name_variants="løsgænger", scope="pseudo")]


def politicians_dk() -> list[dict]:
    def person(**values):
        return shared_row(SHARED_POLITICIAN_COLUMNS, **({"source": PARLAMINT, "as_of": "2022-06-07"} | values))

    mp = dict(person_id="TestesenMette", sex="F", party_id="V", role="MP", role_detail="Folketing member",
              date_basis=UNDATED)
    switch = dict(mp, party_id="UFG", from_date="2018-02-01", date_basis=DATED, full_name="Mette Testesen")
    anna = dict(person_id="PrøvesenAnna", full_name="Anna Prøvesen", sex="F", party_id="S", date_basis=UNDATED)
    return [
        person(**mp, full_name="Mette Hansen", from_date="2011-09-15", to_date="2016-03-01"),
        person(**mp, full_name="Mette Testesen", from_date="2016-03-02", to_date="2018-01-31"),
        person(**switch),
        person(**dict(switch, role="party_affiliation", role_detail="outside groups")),
        person(person_id="dr2026:7", full_name="Mette W. Testesen", party_id="KD", role="candidate_FV2026",
               date_basis=OBSERVED, as_of="2026-04-08", source_id="dr-candidate:7"),
        person(**anna, from_date="2015-06-18", role="MP"),
        person(**anna, from_date="2019-06-27", to_date="2021-01-21", role="minister", role_detail="Prøveminister"),
        person(person_id="EksempelsenOle", full_name="Ole Eksempelsen", party_id="V", from_date="2010-01-01",
               to_date="2015-06-18", role="MP", date_basis=UNDATED),
        person(person_id="AliasenAnneBrix", full_name="Anne Brix Aliasen", party_id="KD", from_date="2015-06-18",
               to_date="2019-06-05", role="MP", date_basis=UNDATED),
        person(person_id="dr2026:8", full_name="Karl Kandidatsen", party_id="M", role="candidate_FV2026",
               date_basis=OBSERVED, as_of="2026-04-08", source_id="dr-candidate:8"),
    ]


def write_recent(folder: Path) -> None:
    folder.mkdir()
    oda = "folketing:profiles (ODA Aktør id {})".format
    write(folder / "mps_2022.csv", ["name", "party", "from", "to", "role", "source"], [
        dict(name="Anna Prøvesen", party="S", **{"from": "2022-11-01"}, to="2023-05-31", role="MP", source=oda(1)),
        dict(name="Ole Eksempelsen", party="M", **{"from": "2022-11-01"}, to="2026-03-24", role="MP", source=oda(2)),
        dict(name="Bo Nybegynder", party="V", **{"from": "2022-11-01"}, to="2026-03-24", role="MP", source=oda(501)),
        dict(name="Anne Aliasen", party="KD", **{"from": "2022-11-01"}, to="", role="MP", source=oda(3))])
    write(folder / "changes.csv", ["name", "from_party", "to_party", "date", "source", "note"], [
        dict(name="Anna Prøvesen", from_party="S", to_party="UFG", date="2023-06-01", source=oda(1),
             note="Folketing group membership: S until 2023-05-31, UFG from 2023-06-01"),
        dict(name="Anna Prøvesen", from_party="UFG", to_party="V", date="2024-02", source="news:article",
             note="joined Venstre in February 2024 [news source; not in ODA snapshot]"),
        dict(name="Ole Eksempelsen", from_party="V", to_party="M", date="2022-11-01", source=oda(2),
             note="not a direct switch in the Folketing: previous membership (V) ended 2015-06-18")])
    write(folder / "ministers.csv", ["name", "party", "role", "from", "to", "source"], [
        dict(name="Anna Prøvesen", party="S", role="Prøveminister [Prøve I]", **{"from": "2019-06-27"}, to="2021-01",
             source="government:list"),
        dict(name="Karl Kandidatsen", party="M", role="Testminister [Prøve II]", **{"from": "2022-12-15"}, to="",
             source="government:list")])
    write(folder / "parties_founded.csv", ["party", "founded", "dissolved", "source"], [
        dict(party="M", founded="2022-06-05", dissolved="", source="constructed: M's founding")])


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_registry", REPO / "scripts" / "build_registry.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def shared(tmp_path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    write(folder / "parties_dk.csv", SHARED_PARTY_COLUMNS, parties_dk())
    write(folder / "politicians_dk.csv", SHARED_POLITICIAN_COLUMNS, politicians_dk())
    write_recent(folder / "registry_2022")
    (folder / "editorial.toml").write_text(EDITORIAL, encoding="utf-8")
    return folder


def run_build(build, shared: Path, editorial: str | None = None) -> Path:
    out = shared.parent / "out"
    build.main([str(shared), "--out", str(out), "--editorial", editorial or str(shared / "editorial.toml")])
    return out


def read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_parties_take_founding_dates_from_the_editorial_file_else_parties_founded(build, shared):
    parties = {row["key"]: row for row in read(run_build(build, shared) / "parties.csv")}
    assert parties["V"]["founded"] == "1870-06-30" and parties["V"]["founded_source"] == "constructed: V's own history"
    assert parties["M"]["founded"] == "2022-06-05" and parties["M"]["founded_source"] == "constructed: M's founding"
    assert parties["S"]["founded"] == "1871-01-01"  # a year: its first day
    assert parties["UFG"]["founded"] == ""  # a pseudo-party has none
    assert parties["KD"]["abbreviations"] == "KD" and parties["KD"]["letter"] == "K"
    assert "Venstres" in parties["V"]["variants"].split(";")
    # in the Folketing since 2022: national parties with members elected then
    assert {k for k, row in parties.items() if row["in_folketing_2022"] == "true"} == {"V", "S", "KD", "M"}


def test_a_party_without_a_founding_date_stops_the_build_in_one_line(build, shared):
    editorial = shared / "no_s.toml"
    editorial.write_text(EDITORIAL.replace('founded = "1871"', ""), encoding="utf-8")
    with pytest.raises(SystemExit, match="no founding date for party S"):
        run_build(build, shared, str(editorial))


def test_a_missing_source_file_stops_the_build_in_one_line(build, shared):
    (shared / "registry_2022" / "changes.csv").unlink()
    with pytest.raises(SystemExit, match="changes.csv: not found"):
        run_build(build, shared)


def test_people_before_2022_keep_their_periods(build, shared):
    rows = [r for r in read(run_build(build, shared) / "politicians.csv") if r["key"] == "TestesenMette"]
    assert [(r["full_name"], r["variants"], r["gender"], r["party"], r["start"], r["end"], r["role"],
             r["role_detail"], r["basis"], r["source"]) for r in rows] == [
        # the name change is one person, the two MP rows in Venstre one period
        ("Mette Testesen", "Mette Hansen;Mette W. Testesen", "F", "V", "2011-09-15", "2018-01-31", "MP", "",
         "undated", PARLAMINT),
        # the party row that repeats the MP row is gone; the open period knows the data end
        ("Mette Testesen", "Mette Hansen;Mette W. Testesen", "F", "UFG", "2018-02-01", "", "MP", "",
         "dated, open 2022-06-07", PARLAMINT),
        # the candidate (same name but for the initial) is linked to her
        ("Mette Testesen", "Mette Hansen;Mette W. Testesen", "F", "KD", "", "", "candidate", "FV2026",
         "observed 2026-04-08", PARLAMINT),
    ]


def registry_of(out: Path) -> Registry:
    return Registry.from_csv(out / "parties.csv", out / "politicians.csv")


def periods(out: Path, key: str) -> list[tuple]:
    return [(r["party"], r["start"], r["end"], r["role"], r["role_detail"], r["basis"])
            for r in read(out / "politicians.csv") if r["key"] == key]


def test_a_switch_ends_the_old_party_the_day_before_and_opens_the_new_one(build, shared):
    out = run_build(build, shared)
    anna = periods(out, "PrøvesenAnna")
    assert ("S", "2015-06-18", "2023-05-31", "MP", "", "undated") in anna  # was open at ParlaMint's data end
    assert ("UFG", "2023-06-01", "2024-01-31", "party_affiliation", "outside parliamentary groups", "dated") in anna
    # known to the month only: from its first day; a news report holds on the day it reports
    assert ("V", "2024-02-01", "", "party_affiliation", "party membership reported in the news",
            "dated, open 2024-02-01") in anna
    registry = registry_of(out)
    on = {day: registry.party_at("PrøvesenAnna", date.fromisoformat(day)).key
          for day in ("2023-05-31", "2023-06-01", "2024-01-31", "2024-02-01")}
    assert on == {"2023-05-31": "S", "2023-06-01": "UFG", "2024-01-31": "UFG", "2024-02-01": "V"}


def test_a_switch_across_a_gap_holds_from_the_earliest_possible_day(build, shared):
    out = run_build(build, shared)
    registry = registry_of(out)
    assert registry.party_at("EksempelsenOle", date(2015, 1, 1)).key == "V"
    assert registry.party_at("EksempelsenOle", date(2022, 5, 1)).key == "V"  # M was founded 2022-06-05
    assert registry.party_at("EksempelsenOle", date(2022, 7, 1)).key == "M"
    assert registry.party_at("EksempelsenOle", date(2024, 1, 1)).key == "M"


def test_an_editorial_party_change_is_a_switch_like_those_of_the_sources(build, shared):
    out = run_build(build, shared)
    ole = periods(out, "EksempelsenOle")
    assert ("M", "2022-11-01", "2024-04-30", "MP", "", "dated") in ole
    assert ("KD", "2024-05-01", "", "party_affiliation", "party membership (editorial)", "dated, open 2024-05-01") in ole
    assert registry_of(out).party_at("EksempelsenOle", date(2024, 5, 1)).key == "KD"


def test_minister_posts_lose_the_cabinet_tag_and_take_the_exact_day_another_source_has(build, shared):
    out = run_build(build, shared)
    posts = [p for p in periods(out, "PrøvesenAnna") if p[3] == "minister"]
    assert posts == [("S", "2019-06-27", "2021-01-21", "minister", "Prøveminister", "undated")]
    rows = [r for r in read(out / "politicians.csv") if r["key"] == "PrøvesenAnna" and r["role"] == "minister"]
    assert rows[0]["source"] == f"{PARLAMINT} ; government:list"
    assert ("M", "2022-12-15", "", "minister", "Testminister", "undated, open 2026-03-30") in periods(out, "dr2026:8")


def test_new_people_get_the_folketing_id_and_two_names_of_one_person_are_one(build, shared):
    rows = read(run_build(build, shared) / "politicians.csv")
    new = [r for r in rows if r["full_name"] == "Bo Nybegynder"]
    assert {r["key"] for r in new} == {"oda:501"} and new[0]["source"] == "folketing:profiles (ODA Aktør id 501)"
    anne = {(r["key"], r["full_name"], r["variants"]) for r in rows if "Aliasen" in r["full_name"]}
    assert anne == {("AliasenAnneBrix", "Anne Aliasen", "Anne Brix Aliasen")}
    assert all(r["source"] for r in rows)


def test_an_editorial_name_form_is_a_variant_of_the_persons_name(build, shared):
    rows = read(run_build(build, shared) / "politicians.csv")
    assert {r["variants"] for r in rows if r["full_name"] == "Ole Eksempelsen"} == {"Eksem"}


# ---------------------------------------------------------------- the bundled registry

@pytest.fixture(scope="module")
def bundled() -> Registry:
    return Registry.bundled()


def test_every_bundled_party_has_a_true_founding_date_with_its_source():
    with open(data_file("parties.csv"), encoding="utf-8") as handle:
        parties = {row["key"]: row for row in csv.DictReader(handle)}
    for key, row in parties.items():
        if row["scope"] != "pseudo":
            assert row["founded"] and row["founded_source"], key
    founded = {key: parties[key]["founded"] for key in ("V", "S", "KF", "RV", "SF", "DF", "LA", "ALT", "NB", "KD",
                                                        "M", "DD", "BP")}
    assert founded == {"V": "1870-06-30", "S": "1871-10-15", "KF": "1916-02-22", "RV": "1905-05-21",
                       "SF": "1959-02-15", "DF": "1995-10-06", "LA": "2007-05-07", "ALT": "2013-11-27",
                       "NB": "2015-10-19", "KD": "1970-04-13", "M": "2021-06-05", "DD": "2022-06-23",
                       "BP": "2024-08-28"}
    assert parties["EL"]["founded"].startswith("1989")


def party_key_at(registry: Registry, name: str, on: str | None) -> str | None:
    people = registry.politicians_named(name)
    assert people, name
    found = registry.party_at(people[0].key, date.fromisoformat(on) if on else None)
    return found.key if found else None


@pytest.mark.parametrize("name, on, key", [
    # switches of 2023-2025 from the Folketing's biographies (registry_2022/changes.csv)
    ("Mads Fuglede", "2024-03-18", "V"), ("Mads Fuglede", "2024-03-19", "DD"),
    ("Kim Edberg Andersen", "2024-01-15", "NB"), ("Kim Edberg Andersen", "2024-03-19", "DD"),
    ("Pernille Vermund", "2024-01-15", "UFG"), ("Pernille Vermund", "2024-01-18", "LA"),
    ("Mikkel Bjørn", "2023-01-23", "NB"), ("Mikkel Bjørn", "2023-01-24", "DF"),
    ("Jon Stephensen", "2023-08-17", "M"), ("Jon Stephensen", "2023-08-18", "UFG"),
    ("Christian Friis Bach", "2024-08-04", "RV"), ("Christian Friis Bach", "2024-08-05", "V"),
    ("Lars Boje Mathiesen", "2023-03-09", "NB"), ("Lars Boje Mathiesen", "2023-03-10", "UFG"),
    ("Karin Liltorp", "2025-02-23", "M"), ("Karin Liltorp", "2025-03-04", "ALT"),
    # elected 2022 for a party joined across a gap
    ("Jakob Engel-Schmidt", "2023-01-01", "M"), ("Inger Støjberg", "2022-08-01", "DD"),
    # party founders outside the Folketing groups until the party had one (registry_editorial.toml)
    ("Lars Løkke Rasmussen", "2021-06-01", "UFG"), ("Lars Løkke Rasmussen", "2021-06-05", "M"),
    ("Lars Boje Mathiesen", "2024-08-27", "UFG"), ("Lars Boje Mathiesen", "2024-08-28", "BP"),  # founders
    ("Aki-Matilda Høegh-Dam", "2025-06-01", "NAL"),
])
def test_party_at_for_switchers_after_2021(bundled, name, on, key):
    assert party_key_at(bundled, name, on) == key


def test_ministers_of_the_svm_government(bundled):
    def posts(name):
        person = bundled.politicians_named(name)[0]
        return {(a.role_detail, a.start, a.end) for a in person.affiliations if a.role == "minister"}

    assert ("Statsminister", date(2019, 6, 27), None) in posts("Mette Frederiksen")  # Frederiksen I and II
    assert ("Forsvarsminister", date(2023, 8, 22), None) in posts("Troels Lund Poulsen")
    assert ("Udenrigsminister", date(2022, 12, 15), None) in posts("Lars Løkke Rasmussen")
    assert party_key_at(bundled, "Lars Aagaard", "2023-06-01") == "M"  # minister from outside the Folketing
    assert party_key_at(bundled, "Mia Wagner", "2023-12-01") == "V"  # known from news and the minister list
