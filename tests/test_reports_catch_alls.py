"""Catch-all issues ("other statements on <topic>") in the reports: counted, never a position or a disagreement.

The fixture (tests/reports_fixture.py) has topic-education, a catch-all where S's statement is stored "for"
and V's "against": as an issue that would be a disagreement between S and V.
"""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import select

from reports_fixture import build
from tracker import reports
from tracker.db.models import Issue, Party
from tracker.reports import Scope


@pytest.fixture(scope="module")
def tracker(tmp_path_factory):
    built = build(str(tmp_path_factory.mktemp("catch_alls") / "fixture.db"))
    yield built
    built.close()


@pytest.fixture
def session(tracker):
    with tracker.session() as session:
        yield session


def other_id(session) -> int:
    return session.scalar(select(Issue.id).where(Issue.slug == "topic-education"))


def test_no_catch_all_in_the_disagreement_ranking(session):
    for blocs in (False, True):
        matrix = reports.matrix_frame(session, blocs=blocs)
        assert "topic-education" not in set(matrix["issue"]) and "co2-afgift" in set(matrix["issue"])
        assert set(matrix["kind"]) <= {"catalogue", "user", "discovered"}


def test_narrow_leaves_catch_alls_out_only_when_asked(session):
    everything = reports.stance_table(session)
    concrete = reports.stance_table(session, Scope(catch_alls=False))
    assert other_id(session) in set(everything["issue_id"]) and other_id(session) not in set(concrete["issue_id"])


def test_a_catch_all_keeps_its_statements_but_has_no_stance(session):
    frame = reports.compare_frame(session, other_id(session))
    assert sorted(frame["party"]) == ["Socialdemokratiet", "Venstre"] and frame["statements"].sum() == 2
    assert frame[["for", "against", "neutral", "net"]].isna().all().all()
    assert set(frame["leaning"]) == {""} and set(frame["disagrees_with"]) == {""}
    assert set(frame["quote"]) >= {"Skolen skal være for alle"}


def test_positions_show_other_statements_last_without_stance(session):
    party = session.scalar(select(Party.id).where(Party.key == "S"))
    table, quotes = reports.positions_frame(session, party)
    last = table.iloc[-1]
    assert last["issue"] == "topic-education" and last["label"] == "other statements on Uddannelse"
    assert pd.isna(last["net"]) and last["leaning"] == "" and last["statements"] == 1
    assert set(quotes.loc[quotes["issue"] == "topic-education", "stance"]) == {""}


def test_listings_and_timelines_give_catch_alls_no_stance(session):
    statements = reports.statements_frame(session)
    other = statements[statements["issue_kind"] == "other"]
    assert len(other) == 2 and set(other["stance"]) == {""}
    assert set(other["issue_label"]) == {"other statements on Uddannelse"}
    issues = reports.issues_frame(session).set_index("issue")
    assert issues.loc["topic-education", "kind"] == "other" and pd.isna(issues.loc["topic-education", "net"])
    timeline = reports.timeline_frame(session, other_id(session), by="year")
    assert timeline["net"].isna().all() and timeline["statements"].sum() == 2
    assert set(reports.timeline_wide(timeline).drop(columns="period").stack()) <= {"(1)", ""}


def test_the_cli_shows_a_catch_all_as_other_statements(tracker, tmp_path):
    from click.testing import CliRunner

    from tracker.cli import cli

    db = str(tracker.url).replace("sqlite:///", "")
    result = CliRunner().invoke(cli, ["--db", db, "compare", "topic-education"])
    assert result.exit_code == 0, result.output
    assert "other statements on Uddannelse" in result.output and "Disagree" not in result.output
    matrix = CliRunner().invoke(cli, ["--db", db, "compare", "--csv"])
    assert "topic-education" not in matrix.output and "co2-afgift" in matrix.output
