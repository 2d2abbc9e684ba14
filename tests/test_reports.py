"""tracker.reports on the constructed fixture database (tests/reports_fixture.py)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import select

from reports_fixture import ARTICLES, KINDS, STATEMENTS, build
from tracker import reports
from tracker.db.models import Issue, Party, Politician, Statement
from tracker.reports import quotes
from tracker.reports import Scope


@pytest.fixture(scope="module")
def tracker(tmp_path_factory):
    built = build(str(tmp_path_factory.mktemp("reports") / "fixture.db"))
    yield built
    built.close()


@pytest.fixture
def session(tracker):
    with tracker.session() as session:
        yield session


def ids(session, model, column, *values):
    found = dict(session.execute(select(column, model.id).where(column.in_(values))).all())
    return tuple(found[v] for v in values)


def expected_counts(party=None, issue=None) -> Counter:
    return Counter(s[4] for s in STATEMENTS if party in (None, s[2]) and issue in (None, s[3]))


def test_issues_frame_counts_every_statement_and_keeps_silent_issues(session):
    frame = reports.issues_frame(session).set_index("issue")
    for slug in ("co2-afgift", "pensionsalder", "flere-betjente"):
        counts = expected_counts(issue=slug)
        assert frame.loc[slug, ["for", "against", "neutral"]].tolist() == [counts[s] for s in reports.STANCES]
        assert frame.loc[slug, "parties"] == len({s[2] for s in STATEMENTS if s[3] == slug})
    assert frame.loc["cykelstier", "statements"] == 0
    assert list(frame["statements"]) == sorted(frame["statements"], reverse=True)


def test_issues_frame_dates_are_the_first_and_last_articles(session):
    frame = reports.issues_frame(session, dates=True).set_index("issue")
    days = sorted(ARTICLES[s[0]][0] for s in STATEMENTS if s[3] == "pensionsalder" and ARTICLES[s[0]][0])
    assert (frame.loc["pensionsalder", "first"], frame.loc["pensionsalder", "last"]) == (days[0].isoformat(),
                                                                                       days[-1].isoformat())


def test_scope_narrows_by_topic_and_dates(session):
    assert list(reports.issues_frame(session, Scope(topic="Environment"))["issue"]) == ["co2-afgift"]
    since = date(2023, 1, 1)
    dated = reports.issues_frame(session, Scope(since=since)).set_index("issue")
    later = [s for s in STATEMENTS if ARTICLES[s[0]][0] and ARTICLES[s[0]][0] >= since]
    assert dated["statements"].sum() == len(later)
    assert "flere-betjente" not in dated.index  # its statements are older or undated


def test_net_position_and_leaning():
    assert reports.leaning(1 / 3, 2, 1) == "for"
    assert reports.leaning(-0.5, 0, 1) == "against"
    assert reports.leaning(0.0, 1, 1) == "split"
    assert reports.leaning(0.2, 1, 0) == "neutral"


def test_stance_table_net_is_for_minus_against_over_all(session):
    (s_id,), (co2,) = ids(session, Party, Party.key, "S"), ids(session, Issue, Issue.slug, "co2-afgift")
    row = reports.stance_table(session).set_index(["who", "issue_id"]).loc[(s_id, co2)]
    counts = expected_counts("S", "co2-afgift")
    assert row["net"] == pytest.approx((counts["for"] - counts["against"]) / sum(counts.values()), abs=1e-3)


def test_compare_ranks_parties_and_names_who_disagrees(session):
    (co2,) = ids(session, Issue, Issue.slug, "co2-afgift")
    frame = reports.compare_frame(session, co2).set_index("party")
    assert list(frame["net"]) == sorted(frame["net"], reverse=True)
    assert frame.loc["Venstre", "leaning"] == "against" and frame.loc["SF", "leaning"] == "for"
    assert set(frame.loc["Venstre", "disagrees_with"].split(", ")) == {"SF", "Socialdemokratiet"}
    assert frame.loc["Moderaterne", "disagrees_with"] == ""


def test_compare_quote_shows_the_party_leaning_with_its_article(session):
    (co2,) = ids(session, Issue, Issue.slug, "co2-afgift")
    frame = reports.compare_frame(session, co2).set_index("party")
    quote = frame.loc["Socialdemokratiet"]
    said = {s[6]: s for s in STATEMENTS}[quote["quote"]]
    assert said[4] == "for" and said[2] == "S"
    assert quote["article"] == ARTICLES[said[0]][1] and quote["date"] == ARTICLES[said[0]][0].isoformat()


def test_matrix_ranks_issues_by_spread(session):
    frame = reports.matrix_frame(session)
    assert list(frame["issue"])[-1] == "flere-betjente"  # everyone agrees
    co2 = frame.set_index("issue").loc["co2-afgift"]
    nets = co2[["S", "SF", "M", "V", "DF"]]
    assert co2["spread"] == pytest.approx(nets.max() - nets.min())
    assert bool(co2["disagree"]) is True
    assert "cykelstier" not in set(frame["issue"])


def test_matrix_min_statements_leaves_out_thin_parties(session):
    frame = reports.matrix_frame(session, min_statements=2).set_index("issue")
    assert "DF" not in frame.columns or frame["DF"].isna().all()
    assert frame.loc["co2-afgift", "parties"] == 3  # S, SF and V have two statements or more


def test_blocs_pool_their_parties(session):
    (co2,) = ids(session, Issue, Issue.slug, "co2-afgift")
    frame = reports.compare_frame(session, co2, blocs=True).set_index("bloc")
    red = expected_counts("S", "co2-afgift") + expected_counts("SF", "co2-afgift")
    assert frame.loc["red", "for"] == red["for"] and frame.loc["red", "statements"] == sum(red.values())
    assert frame.loc["blue", "against"] == expected_counts("V", "co2-afgift")["against"] + 1
    assert frame.loc["centre", "neutral"] == 1


def test_bloc_table_matches_the_bloc_of_each_statement_date(session):
    expected = Counter()
    for article, _, party, issue, stance, *_ in STATEMENTS:
        bloc = reports.bloc_on(party, ARTICLES[article][0] or date.today())
        if bloc and KINDS.get(issue) != "other":  # a catch-all has no stance counts
            expected[(bloc, issue, stance)] += 1
    names = reports.issue_names(session).set_index("issue_id")["issue"]
    table = reports.stance_table(session, blocs=True)
    found = Counter({(row["who"], names[row["issue_id"]], stance): row[stance]
                     for row in table.to_dict("records") for stance in reports.STANCES
                     if not pd.isna(row[stance]) and row[stance]})
    assert found == expected


def test_bloc_membership_follows_the_dates(session, monkeypatch):
    periods = (reports.BlocPeriod("blue", "V", None, date(2021, 12, 31)),
               reports.BlocPeriod("red", "V", date(2022, 1, 1), None))
    monkeypatch.setattr(reports.blocs, "bloc_periods", lambda: periods)
    (co2,) = ids(session, Issue, Issue.slug, "co2-afgift")
    frame = reports.compare_frame(session, co2, blocs=True).set_index("bloc")
    assert frame.loc["blue", "statements"] == 1 and frame.loc["red", "statements"] == 1  # 2021 and 2023


def test_a_blocs_quote_is_the_best_of_its_statements_on_their_dates(session, monkeypatch):
    """Per bloc and issue: the quote of the prevailing stance, direct quotes first, then the most confident
    (and the newest id), among the statements whose party was in the bloc on their date (undated: today)."""
    periods = (reports.BlocPeriod("blue", "V", None, date(2021, 12, 31)),
               reports.BlocPeriod("red", "V", date(2022, 1, 1), None),
               reports.BlocPeriod("red", "SF", date(2022, 1, 1), None),  # SF's direct quote of 2021: no bloc's
               *(period for period in reports.bloc_periods() if period.party not in ("V", "SF")))
    monkeypatch.setattr(reports.blocs, "bloc_periods", lambda: periods)
    rows = session.execute(select(Statement.issue_id, Party.key, Statement.published, Statement.stance,
                                  Statement.kind, Statement.confidence, Statement.id, Statement.evidence)
                           .join(Party, Statement.party_id == Party.id).where(Statement.counted.is_(True))).all()
    table = reports.compare_table(session, blocs=True)
    stances = reports.stance_table(session, blocs=True).set_index(["who", "issue_id"])
    assert len(table) > 4
    for row in table.to_dict("records"):
        prevailing = quotes._prevailing(stances.loc[(row["bloc"], row["issue_id"])].to_dict())
        candidates = [r for r in rows if r.issue_id == row["issue_id"] and prevailing in (None, r.stance)
                      and reports.bloc_on(r.key, r.published or date.today()) == row["bloc"]]
        best = max(candidates, key=lambda r: (r.kind == "direct_quote", r.confidence, r.id))
        assert row["quote"] == best.evidence, row


def test_bundled_blocs_file_is_well_formed():
    periods = reports.bloc_periods()
    assert {"red", "blue", "centre"} <= {p.bloc for p in periods}
    assert all(p.start is None or p.end is None or p.start <= p.end for p in periods)


@pytest.mark.parametrize("by, pattern", [("month", r"^\d{4}-\d{2}$"), ("quarter", r"^\d{4}-Q[1-4]$"),
                                         ("year", r"^\d{4}$")])
def test_timeline_periods_and_totals(session, by, pattern):
    (co2,) = ids(session, Issue, Issue.slug, "co2-afgift")
    frame = reports.timeline_frame(session, co2, by=by)
    assert frame["period"].str.match(pattern).all()
    assert frame["statements"].sum() == sum(1 for s in STATEMENTS if s[3] == "co2-afgift" and ARTICLES[s[0]][0])
    assert list(frame["period"]) == sorted(frame["period"])


def test_timeline_quarter_of_a_march_article(session):
    (co2,) = ids(session, Issue, Issue.slug, "co2-afgift")
    frame = reports.timeline_frame(session, co2, by="quarter")
    assert set(frame.loc[frame["period"] == "2021-Q1", "party"]) == {"Socialdemokratiet", "Venstre"}
    wide = reports.timeline_wide(frame)
    assert list(wide.columns)[0] == "period" and "-1.00 (1)" in set(wide["Venstre"])


def test_positions_of_a_party(session):
    (v_id,) = ids(session, Party, Party.key, "V")
    frame, quotes = reports.positions_frame(session, v_id, quotes=2)
    frame = frame.set_index("issue")
    assert frame.loc["co2-afgift", "against"] == expected_counts("V", "co2-afgift")["against"]
    assert frame.loc["co2-afgift", "last"] == "2023-06-20"
    co2 = quotes[quotes["issue"] == "co2-afgift"]
    assert len(co2) == 2
    assert list(co2["date"]) == sorted(co2["date"], reverse=True) and set(quotes["party"]) == {"Venstre"}


def test_politician_party_switch_is_visible(tracker, session):
    person = session.scalars(select(Politician.id).where(Politician.full_name == "Anders Prøvesen")).all()

    def party_at(key, day):
        record = tracker.registry.party_at(key, day)
        return record.name if record else None

    frame = reports.politician_frame(session, person, party_at=party_at)
    assert list(frame["date"]) == sorted(frame["date"])
    assert frame["party"].iloc[0] == "Alternativet" and frame["party"].iloc[-1] == "SF"
    assert (frame["party_switch"] != "").sum() == 1


def test_statements_frame_keeps_its_columns(session):
    frame = reports.statements_frame(session)
    assert list(frame.columns) == reports.STATEMENT_COLUMNS and len(frame) == len(STATEMENTS)
    assert set(frame["article"]) == {f"{key}.txt" for key in ARTICLES}
    with_url = frame[frame["article"] == "a1.txt"]
    assert (with_url["source"] == ARTICLES["a1"][2]).all()


def test_articles_frame_counts_statements(session):
    frame = reports.articles_frame(session).set_index("title")
    assert frame.loc["Nyt udspil om CO2", "statements"] == sum(1 for s in STATEMENTS if s[0] == "a5")
