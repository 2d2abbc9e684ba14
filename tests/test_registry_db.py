"""The registry in the database: users' changes (tracker.app.Tracker.registry_add / registry_end) and how
they survive a reload of changed bundled files; people who leave the bundled files. Fictional people."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

import tracker.registry_db as registry_db
from tracker.app import Tracker
from tracker.db.models import Article, Issue, Party, Politician, Statement
from tracker.paths import data_file
from tracker.registry_edits import RegistryProblem, UnknownName

HEADER = "key,full_name,variants,gender,party,start,end,role,role_detail,basis,source\n"
METTE = "t1,Mette Testesen,Mette Test,F,V,2015-01-01,,MP,,\"dated, open 2022-06-07\",constructed\n"
HANS = "t2,Hans Prøvesen,,M,S,2019-06-05,,MP,,\"undated, open 2022-06-07\",constructed\n"


@pytest.fixture
def bundled(tmp_path, monkeypatch):
    """The real parties with a small constructed politicians file; write(text) replaces the file."""
    path = tmp_path / "politicians.csv"

    def write(text: str) -> None:
        path.write_text(HEADER + text, encoding="utf-8")

    write(METTE + HANS)
    monkeypatch.setattr(registry_db, "bundled_paths", lambda: (data_file("parties.csv"), path))
    return write


def periods(tracker: Tracker, key: str) -> list[tuple]:
    person = tracker.registry.politicians[key]
    return sorted((a.party_key, a.start, a.end, a.basis) for a in person.affiliations)


def party_on(tracker: Tracker, key: str, day: date) -> str:
    return tracker.registry.party_at(key, day).key


def test_add_from_a_day_ends_the_open_period_in_another_party_the_day_before(database, bundled):
    tracker = Tracker(database)
    edit = tracker.registry_add("Mette Test", "K", start=date(2023, 1, 1), role="MP")  # found by her variant
    assert (edit.politician, edit.party) == ("Mette Testesen", "Konservative")
    assert [(e.party, e.start, e.end) for e in edit.ended] == [("Venstre", date(2015, 1, 1), date(2022, 12, 31))]
    assert periods(tracker, "t1") == [("KF", date(2023, 1, 1), None, "user"),
                                      ("V", date(2015, 1, 1), date(2022, 12, 31), "user")]
    assert party_on(tracker, "t1", date(2022, 12, 31)) == "V"
    assert party_on(tracker, "t1", date(2023, 1, 1)) == "KF"


def test_end_closes_the_open_period_on_the_day(database, bundled):
    tracker = Tracker(database)
    edit = tracker.registry_end("Hans Prøvesen", "Socialdemokratiet", on=date(2021, 6, 30))
    assert [(e.party, e.start, e.end) for e in edit.ended] == [("Socialdemokratiet", date(2019, 6, 5),
                                                                date(2021, 6, 30))]
    assert periods(tracker, "t2") == [("S", date(2019, 6, 5), date(2021, 6, 30), "user")]
    with pytest.raises(RegistryProblem, match="Hans Prøvesen has no open period in Socialdemokratiet"):
        tracker.registry_end("Hans Prøvesen", "S", on=date(2021, 6, 30))


def test_end_names_unknown_people_and_parties(database, bundled):
    tracker = Tracker(database)
    with pytest.raises(UnknownName) as problem:
        tracker.registry_end("Hans Prøvesn", "S", on=date(2021, 6, 30))
    assert problem.value.kind == "politician" and "Hans Prøvesen" in problem.value.choices
    with pytest.raises(UnknownName, match="Unknown party"):
        tracker.registry_end("Hans Prøvesen", "Socialistpartiet", on=date(2021, 6, 30))


def test_users_corrections_survive_a_reload_of_changed_bundled_files(database, bundled):
    tracker = Tracker(database)
    tracker.registry_add("Mette Testesen", "KF", start=date(2023, 1, 1))
    tracker.registry_end("Hans Prøvesen", "S", on=date(2021, 6, 30))
    tracker.close()
    # the next release: Mette's Venstre period now starts a year later, a new person comes
    bundled(METTE.replace("2015-01-01", "2016-01-01") + HANS + "t3,Ole Nysen,,M,EL,2022-11-01,,MP,,dated,x\n")
    again = Tracker(database)
    assert "t3" in again.registry.politicians
    assert periods(again, "t2") == [("S", date(2019, 6, 5), date(2021, 6, 30), "user")]  # the copy replaces it
    # the new bundled row is ended by the user's KF period too (the copy of the old one stays)
    assert periods(again, "t1") == [("KF", date(2023, 1, 1), None, "user"),
                                    ("V", date(2015, 1, 1), date(2022, 12, 31), "user"),
                                    ("V", date(2016, 1, 1), date(2022, 12, 31), "dated")]
    assert party_on(again, "t1", date(2023, 6, 1)) == "KF"


def test_people_who_leave_the_bundled_files_leave_the_registry(database, bundled):
    tracker = Tracker(database)
    with tracker.session() as session:
        hans = session.scalar(select(Politician).where(Politician.key == "t2"))
        party = session.scalar(select(Party).where(Party.key == "S"))
        article = Article(content_hash="a" * 64, source="constructed", text="Konstrueret.", ingested_at=datetime.now(),
                          pipeline_version="test")
        session.add(Statement(article=article, politician=hans, party=party, speaker="Hans Prøvesen",
                              issue=Issue(slug="x", label="X"), stance="for", kind="direct_quote", evidence="...",
                              start_char=0, end_char=3, confidence=0.5, pipeline_version="test"))
        session.commit()
    tracker.close()
    bundled(METTE)  # Hans is gone from the files, and a statement names him
    again = Tracker(database)
    assert "t2" not in again.registry.politicians and again.registry.politicians_named("Hans Prøvesen") == []
    with again.session() as session:
        hans = session.scalar(select(Politician).where(Politician.key == "t2"))
        assert hans.discovered and hans.affiliations == []
    bundled("")  # Mette (no statements) is deleted
    third = Tracker(database)
    with third.session() as session:
        assert session.scalar(select(Politician).where(Politician.key == "t1")) is None
