"""Discovery end to end: constructed articles through the real pipeline and the store (fictional people).

The question "a ban on energy drinks" is in no catalogue: in three articles, phrased two ways, it becomes one
discovered issue; a tax on energy drinks, another question under the same topic, stays apart. Curation
(rename, accept) survives `tracker reprocess`.
"""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from tracker.app import Tracker
from tracker.cli import cli
from tracker.db.models import Issue, Party, Statement
from tracker.ingest import ingest_articles
from tracker.work import reprocess_articles
from tracker.sources import ArticleInput

ARTICLES = [
    ("Enhedslisten vil forbyde energidrikke\n\nEnhedslisten vil forbyde energidrikke for børn under 16 år.\n\n"
     "Det er en dårlig idé, siger Venstre. Venstre er imod et forbud mod energidrikke."),
    ("Nyt udspil om energidrikke\n\nSF foreslår et forbud mod energidrikke i hele landet.\n\n"
     "Konservative afviser et forbud mod energidrikke."),
    ("Partierne strides om energidrikke\n\nSocialdemokratiet vil også forbyde energidrikke for børn.\n\n"
     "Liberal Alliance vil have en afgift på energidrikke i stedet for et forbud."),
    ("Afgift på energidrikke\n\nRadikale Venstre foreslår en afgift på energidrikke.\n\n"
     "Dansk Folkeparti er imod en afgift på energidrikke."),
]


def articles() -> list[ArticleInput]:
    return [ArticleInput(text=text, source=f"energi{n}.txt", published=date(2025, 3, n + 1))
            for n, text in enumerate(ARTICLES)]


@pytest.fixture
def tracker(database):
    t = Tracker(database, bundled_issues=False)
    yield t
    t.close()


def discovered(tracker: Tracker) -> dict[str, set[tuple[str, str]]]:
    """label -> {(party, stance)} of every discovered or user issue."""
    found: dict[str, set] = {}
    with tracker.session() as session:
        rows = session.execute(select(Issue.label, Statement.stance, Statement.party_id)
                               .join(Statement, Statement.issue_id == Issue.id)
                               .where(Issue.kind.in_(["discovered", "user"]))).all()
        names = dict(session.execute(select(Party.id, Party.name)).all())
    for label, stance, party in rows:
        found.setdefault(label, set()).add((names[party], stance))
    return found


def test_one_new_question_in_three_articles_becomes_one_issue_and_another_stays_apart(tracker):
    summary = ingest_articles(tracker, articles())
    assert summary.ingested == 4 and summary.failed == 0
    found = discovered(tracker)
    bans = [label for label in found if label.startswith(("Forbud mod energidrik", "Energidrik"))]
    taxes = [label for label in found if label.startswith("Afgift på energidrik")]
    assert len(bans) == 1 and len(taxes) == 1, found
    ban = found[bans[0]]
    assert {("Enhedslisten", "for"), ("SF", "for"), ("Socialdemokratiet", "for")} <= ban
    assert {("Venstre", "against"), ("Konservative", "against")} <= ban
    assert {("Radikale Venstre", "for"), ("Dansk Folkeparti", "against")} <= found[taxes[0]]


def test_curation_survives_reprocess(tracker, database):
    ingest_articles(tracker, articles())
    runner = CliRunner()
    with tracker.session() as session:
        slug = session.scalar(select(Issue.slug).where(Issue.label.startswith("Afgift på energidrik")))
    result = runner.invoke(cli, ["--db", database, "issues", "rename", slug, "--label", "Sodavandsafgiften"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    before = discovered(tracker)["Sodavandsafgiften"]
    summary = reprocess_articles(tracker, everything=True)
    assert summary.reprocessed == 4 and summary.failed == 0
    after = discovered(tracker)
    assert after["Sodavandsafgiften"] == before
    with tracker.session() as session:
        kinds = dict(session.execute(select(Issue.label, Issue.kind).where(Issue.label == "Sodavandsafgiften")).all())
    assert kinds == {"Sodavandsafgiften": "user"}
