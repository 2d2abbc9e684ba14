"""The registry: party look-ups by any form, politicians by name, party at a date (the build script: test_build_registry.py)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tracker.registry import AffiliationRecord, PoliticianRecord, Registry

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.bundled()


def key_of(registry: Registry, name: str) -> str:
    people = registry.politicians_named(name)
    assert people, f"{name} not in the registry"
    return people[0].key


def party_name_at(registry: Registry, name: str, on: date | None) -> str | None:
    party = registry.party_at(key_of(registry, name), on)
    return party.name if party else None


# ---------------------------------------------------------------- parties

@pytest.mark.parametrize("text, key", [
    # canonical names and official names
    ("Venstre", "V"), ("Socialdemokratiet", "S"), ("SF", "SF"), ("Konservative", "KF"),
    ("Radikale Venstre", "RV"), ("Danmarksdemokraterne", "DD"), ("Borgernes Parti", "BP"),
    ("Venstre, Danmarks Liberale Parti", "V"), ("Det Konservative Folkeparti", "KF"),
    ("SF – Socialistisk Folkeparti", "SF"), ("SF - Socialistisk Folkeparti", "SF"),
    # variants as news writes them
    ("Socialistisk Folkeparti", "SF"), ("De Radikale", "RV"), ("de radikale", "RV"), ("radikale", "RV"),
    ("SF'erne", "SF"), ("SF’erne", "SF"), ("DF'eren", "DF"), ("socialdemokraterne", "S"),
    ("de konservative", "KF"), ("løsgænger", "UFG"), ("Kristeligt Folkeparti", "KD"),
    # genitives
    ("Venstres", "V"), ("Radikale Venstres", "RV"), ("Enhedslistens", "EL"), ("SF's", "SF"),
    ("Dansk Folkepartis", "DF"), ("Moderaternes", "M"), ("Konservatives", "KF"), ("Alternativets", "ALT"),
    # abbreviations and ballot letters, bare and in brackets
    ("V", "V"), ("(V)", "V"), ("K", "KF"), ("(K)", "KF"), ("KF", "KF"), ("C", "KF"), ("KD", "KD"), ("(KD)", "KD"),
    ("R", "RV"), ("RV", "RV"), ("B", "RV"), ("Ø", "EL"), ("EL", "EL"), ("O", "DF"), ("DF", "DF"),
    ("I", "LA"), ("LA", "LA"), ("Æ", "DD"), ("DD", "DD"), ("Å", "ALT"), ("ALT", "ALT"), ("AL", "ALT"),
    ("D", "NB"), ("NB", "NB"), ("F", "SF"), ("M", "M"), ("Q", "FG"), ("FG", "FG"), ("(S)", "S"), ("A", "S"),
])
def test_party_by_any_form(registry, text, key):
    party = registry.party(text)
    assert party is not None and party.key == key


@pytest.mark.parametrize("text", ["venstrefløjen", "venstrefløjens", "el", "alt", "", "regeringen",
                                  "Mette Frederiksen"])
def test_not_a_party(registry, text):
    assert registry.party(text) is None


def test_radikale_venstre_never_resolves_to_venstre(registry):
    forms = [form for form, _ in registry.party_surface_forms() if "radikal" in form.lower()]
    assert forms
    assert {registry.party(form).key for form in forms} == {"RV"}


def test_surface_forms_are_unambiguous_and_resolve_back(registry):
    forms = registry.party_surface_forms()
    owners: dict[str, str] = {}
    for form, key in forms:
        assert len(form.strip("()")) > 1, f"bare one-letter abbreviation {form!r}"
        assert owners.setdefault(form.casefold(), key) == key, f"{form!r} belongs to two parties"
        assert registry.party(form).key == key
    assert ("Radikale Venstre", "RV") in forms and ("SF'erne", "SF") in forms


def test_canonical_names_and_folketing_2022(registry):
    names = {p.key: p.name for p in registry.parties}
    assert names["KF"] == "Konservative" and names["SF"] == "SF" and names["RV"] == "Radikale Venstre"
    assert names["KD"] == "Kristendemokraterne" and names["LA"] == "Liberal Alliance"
    in_2022 = {p.key for p in registry.parties if p.in_folketing_2022}
    assert in_2022 == {"S", "V", "DD", "SF", "LA", "M", "KF", "EL", "DF", "RV", "NB", "ALT"}
    assert registry.party_by_key("KD").letter == "K"  # the ballot letter stays, the news abbreviation does not
    assert "K" not in registry.party_by_key("KD").abbreviations


# ---------------------------------------------------------------- party at a date (bundled data)

@pytest.mark.parametrize("name, on, expected", [
    ("Rasmus Nordqvist", date(2020, 1, 8), "Alternativet"),
    ("Rasmus Nordqvist", date(2020, 4, 1), "Løsgænger"),
    ("Rasmus Nordqvist", date(2021, 1, 1), "SF"),
    ("Rasmus Nordqvist", None, "SF"),
    ("Lars Løkke Rasmussen", date(2019, 3, 1), "Venstre"),
    ("Lars Løkke Rasmussen", date(2022, 8, 15), "Moderaterne"),
    ("Lars Løkke Rasmussen", None, "Moderaterne"),
    ("Inger Støjberg", date(2019, 3, 1), "Venstre"),
    ("Inger Støjberg", date(2021, 6, 1), "Løsgænger"),
    ("Inger Støjberg", date(2023, 1, 1), "Danmarksdemokraterne"),
    ("Inger Støjberg", None, "Danmarksdemokraterne"),
])
def test_party_at(registry, name, on, expected):
    assert party_name_at(registry, name, on) == expected


def test_nordqvist_has_an_sf_affiliation(registry):
    nordqvist = registry.politicians[key_of(registry, "Rasmus Nordqvist")]
    assert "SF" in {a.party_key for a in nordqvist.affiliations}


def test_politicians_listing_by_party_includes_nordqvist(run_db):
    run = run_db
    result = run("politicians", "--party", "SF", "--csv")
    assert result.exit_code == 0
    assert "Rasmus Nordqvist" in result.output


def test_minister_and_mp_rows_agree_with_party_at(registry):
    checked = 0
    for person in registry.politicians.values():
        for a in person.affiliations:
            if a.role in ("MP", "minister") and a.start:
                assert registry.party_at(person.key, a.start).key == a.party_key, (person.full_name, a)
                checked += 1
    assert checked > 500


def test_no_party_before_its_founding_or_after_its_dissolution(registry):
    parties = {p.key: p for p in registry.parties}
    for on in (date(2008, 1, 1), date(2015, 6, 1), date(2019, 6, 1), date(2021, 6, 1)):
        for key in registry.politicians:
            party = registry.party_at(key, on)
            if party:
                assert party.founded is None or parties[party.key].founded <= on
                assert party.dissolved is None or on <= party.dissolved


# ---------------------------------------------------------------- party at a date (constructed people)

def person(*affiliations: AffiliationRecord, name: str = "Mette Testesen") -> PoliticianRecord:
    return PoliticianRecord(key="test:" + name, full_name=name, affiliations=list(affiliations))


def small_registry(*people: PoliticianRecord) -> Registry:
    return Registry(Registry.bundled().parties, people)


def test_later_party_founded_after_start_closes_the_open_period_at_its_founding():
    testesen = person(AffiliationRecord("V", date(2010, 1, 1), None, "MP", None, "undated, open 2022-06-07"),
                      AffiliationRecord("M", None, None, "candidate", None, "observed 2026-04-08"))
    registry = small_registry(testesen)
    founded = registry.party_by_key("M").founded
    assert registry.party_at(testesen.key, date(2015, 1, 1)).key == "V"
    assert registry.party_at(testesen.key, founded - timedelta(days=1)).key == "V"
    assert registry.party_at(testesen.key, founded).key == "M"
    assert registry.party_at(testesen.key, date(2030, 1, 1)).key == "M"


def test_older_later_party_closes_the_open_period_at_the_data_end():
    testesen = person(AffiliationRecord("NB", date(2019, 6, 5), None, "MP", None, "dated, open 2022-06-07"),
                      AffiliationRecord("LA", None, None, "candidate", None, "observed 2026-04-08"))
    registry = small_registry(testesen)
    assert registry.party_at(testesen.key, date(2022, 6, 7)).key == "NB"
    assert registry.party_at(testesen.key, date(2022, 6, 8)).key == "LA"
    assert registry.party_at(testesen.key, None).key == "LA"


def test_same_party_observation_keeps_the_period_and_carries_it_on():
    testesen = person(AffiliationRecord("EL", date(2007, 11, 13), date(2015, 6, 18), "MP", None, "undated"),
                      AffiliationRecord("EL", None, None, "candidate", None, "observed 2026-04-08"))
    registry = small_registry(testesen)
    assert registry.party_at(testesen.key, date(2020, 1, 1)).key == "EL"
    assert len(registry.politicians[testesen.key].affiliations) == 2  # the timeline does not change the record


def test_explicit_dates_win_over_assumed_ones():
    testesen = person(AffiliationRecord("V", date(2010, 1, 1), date(2019, 12, 31), "minister", None, "undated"),
                      AffiliationRecord("UFG", date(2018, 1, 1), date(2019, 12, 31), "party_affiliation", None,
                                        "dated"))
    registry = small_registry(testesen)
    assert registry.party_at(testesen.key, date(2017, 1, 1)).key == "V"
    assert registry.party_at(testesen.key, date(2018, 6, 1)).key == "UFG"


def test_party_only_observed_later_is_not_returned_before_its_founding():
    testesen = person(AffiliationRecord("DD", None, None, "candidate", None, "observed 2026-04-08"))
    registry = small_registry(testesen)
    assert registry.party_at(testesen.key, date(2019, 1, 1)) is None
    assert registry.party_at(testesen.key, date(2024, 1, 1)).key == "DD"


def test_dissolved_party_is_not_returned_after_its_dissolution():
    testesen = person(AffiliationRecord("CD", date(1990, 1, 1), None, "MP", None, "undated"))
    registry = small_registry(testesen)
    dissolved = registry.party_by_key("CD").dissolved
    assert registry.party_at(testesen.key, date(1995, 1, 1)).key == "CD"
    assert registry.party_at(testesen.key, dissolved.replace(year=dissolved.year + 1)) is None
    assert registry.party_at(testesen.key, None) is None


def test_observation_inside_a_dated_period_of_its_party_fills_the_time_before_it():
    """Elected for M on 2022-11-01 and seen in M that day (a switch somewhere after the V period ended):
    in M from the earliest possible day, M's founding; the dated periods stay as they are."""
    testesen = person(AffiliationRecord("V", date(2010, 1, 1), date(2015, 6, 18), "MP", None, "undated"),
                      AffiliationRecord("M", date(2022, 11, 1), date(2026, 3, 24), "MP", None, "dated"),
                      AffiliationRecord("M", None, None, "party_affiliation", None, "observed 2022-11-01"))
    registry = small_registry(testesen)
    founded = registry.party_by_key("M").founded
    assert registry.party_at(testesen.key, founded - timedelta(days=1)).key == "V"
    assert registry.party_at(testesen.key, founded).key == "M"
    assert registry.party_at(testesen.key, date(2026, 3, 24)).key == "M"
    assert registry.party_at(testesen.key, date(2010, 6, 1)).key == "V"


def test_observation_after_a_closed_period_of_its_party_changes_nothing_inside_it():
    testesen = person(AffiliationRecord("V", date(2019, 1, 1), date(2024, 3, 18), "MP", None, "dated"),
                      AffiliationRecord("DD", date(2024, 3, 19), None, "party_affiliation", None,
                                        "dated, open 2026-03-24"),
                      AffiliationRecord("DD", None, None, "candidate", None, "observed 2026-04-08"))
    registry = small_registry(testesen)
    assert registry.party_at(testesen.key, date(2024, 3, 18)).key == "V"
    assert registry.party_at(testesen.key, date(2024, 3, 19)).key == "DD"
    assert registry.party_at(testesen.key, None).key == "DD"


def test_no_party_before_the_founding_of_the_first_one_known():
    """Known only from an MP period in a party founded later: earlier days have no party (not a pseudo-party
    the person was in afterwards)."""
    testesen = person(AffiliationRecord("M", date(2022, 11, 1), date(2023, 8, 17), "MP", None, "dated"),
                      AffiliationRecord("UFG", date(2023, 8, 18), None, "party_affiliation", None,
                                        "dated, open 2026-03-24"))
    registry = small_registry(testesen)
    assert registry.party_at(testesen.key, registry.party_by_key("M").founded - timedelta(days=1)) is None
    assert registry.party_at(testesen.key, date(2022, 6, 1)).key == "M"  # elected MPs are quoted before the start
    assert registry.party_at(testesen.key, date(2023, 9, 1)).key == "UFG"


def test_unknown_politician_has_no_party(registry):
    assert registry.party_at("no-such-key", date(2020, 1, 1)) is None


# ---------------------------------------------------------------- politicians

def test_politicians_named_by_full_name_or_variant_any_case(registry):
    assert registry.politicians_named("rasmus nordqvist")[0].full_name == "Rasmus Nordqvist"
    dybvad = registry.politicians_named("Kaare Dybvad")  # the name before his name change
    assert [p.full_name for p in dybvad] == ["Kaare Dybvad Bek"]
    assert "Kaare Dybvad" in dybvad[0].variants
    assert registry.politicians_named("Ingen Sådan Person") == []


def test_politicians_by_surname(registry):
    assert "Rasmus Nordqvist" in [p.full_name for p in registry.politicians_by_surname("Nordqvist")]
    assert "Kristian Thulesen Dahl" in [p.full_name for p in registry.politicians_by_surname("thulesen dahl")]
    assert "Inger Støjberg" in [p.full_name for p in registry.politicians_by_surname("Støjberg")]


def test_add_new_and_merge_existing():
    registry = Registry.bundled()
    registry.add(person(AffiliationRecord("V", date(2020, 1, 1), None, "borgmester", None, "user")))
    assert registry.politicians_named("Mette Testesen")[0].key == "test:Mette Testesen"
    nordqvist = key_of(registry, "Rasmus Nordqvist")
    before = len(registry.politicians[nordqvist].affiliations)
    extra = AffiliationRecord("SF", None, None, "MEP", None, "observed 2024-07-16")
    registry.add(PoliticianRecord(nordqvist, "Rasmus Nordqvist", variants=("R. Nordqvist",), affiliations=[extra]))
    assert len(registry.politicians[nordqvist].affiliations) == before + 1
    assert registry.politicians_named("R. Nordqvist")[0].key == nordqvist
    assert Registry.bundled().politicians_named("Mette Testesen") == []  # no leak into other copies


def test_read_politicians_csv_merges_rows_of_one_key(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(
        "key,full_name,variants,gender,party,start,end,role,role_detail,basis\n"
        "t1,Mette Testesen,Mette Test,F,V,2015-01-01,2019-12-31,MP,,dated\n"
        "t1,Mette Testesen,,F,M,,,candidate,FV2026,observed 2026-04-08\n"
        "t2,Hans Prøvesen,,,,,,,,\n", encoding="utf-8")
    people = {p.key: p for p in Registry.read_politicians_csv(path)}
    assert people["t1"].variants == ("Mette Test",) and people["t1"].gender == "F"
    assert [a.party_key for a in people["t1"].affiliations] == ["V", "M"]
    first = people["t1"].affiliations[0]
    assert first == AffiliationRecord("V", date(2015, 1, 1), date(2019, 12, 31), "MP", None, "dated")
    assert people["t2"].affiliations == []


def test_from_csv_and_fingerprint(tmp_path):
    parties, politicians = REPO / "data" / "parties.csv", REPO / "data" / "politicians.csv"
    registry = Registry.from_csv(parties, politicians)
    assert registry.party("Venstres").key == "V" and len(registry.politicians) > 900
    copy = tmp_path / "politicians.csv"
    copy.write_bytes(politicians.read_bytes())
    assert Registry.fingerprint(parties, copy) == Registry.fingerprint(parties, politicians)
    copy.write_bytes(politicians.read_bytes() + b"x,Mette Testesen,,,V,,,,,\n")
    assert Registry.fingerprint(parties, copy) != Registry.fingerprint(parties, politicians)
