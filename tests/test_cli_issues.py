"""`tracker issues`: the discovered issues and their curation (add, accept, rename, merge, split, export,
rebuild), kept in the database. Statements are made by hand (constructed, fictional people)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from sqlalchemy import select

from tracker.app import Tracker
from tracker.db.models import IssueKey, Statement, UserIssue
from tracker.nlp.model import StatementCandidate
from tracker.queue import enqueue
from tracker.sources import ArticleInput
from tracker.store import StatementWriter
from tracker.user_catalogue import phrase_trigger

PLASTIC = ("engangsplastik forbud", "forbud mod engangsplastik")
SUGAR = ("afgift sukker", "afgift på sukker")
SUGAR_TAX = ("skat sukker", "skat på sukker")


def candidate(party: str, key_phrase, stance: str = "for", topic: str = "Environment") -> StatementCandidate:
    return StatementCandidate(party=party, kind="indirect", evidence=f"{party} om {key_phrase[1]}", start_char=0,
                              end_char=10, issue="topic-" + topic.lower(), issue_label="x", cap_topic=topic,
                              stance=stance, extra={"object_key": key_phrase[0], "object_phrase": key_phrase[1]})


def fill(db_path: str) -> None:
    tracker = Tracker(db_path)
    articles = [("a1", [candidate("Enhedslisten", PLASTIC), candidate("Venstre", SUGAR, "against", "Health"),
                        candidate("SF", SUGAR_TAX, topic="Health")]),
                ("a2", [candidate("Venstre", PLASTIC, "against"), candidate("SF", SUGAR, topic="Health"),
                        candidate("Konservative", SUGAR_TAX, "against", "Health")])]
    for name, candidates in articles:
        with tracker.session() as session, session.begin():
            StatementWriter(session).save_article(ArticleInput(text=f"Konstrueret artikel {name}.", source=name,
                                                               published=date(2024, 3, 1)), candidates)
    tracker.close()


@pytest.fixture
def cli(run_db, db_path):
    fill(db_path)
    return run_db


def issues_json(cli, *args) -> list[dict]:
    result = cli("issues", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_discovered_lists_counts_parties_phrases_and_an_example(cli):
    found = {row["issue"]: row for row in issues_json(cli, "--discovered")}
    assert set(found) == {"forbud-mod-engangsplastik", "afgift-paa-sukker", "skat-paa-sukker"}
    plastic = found["forbud-mod-engangsplastik"]
    assert (plastic["statements"], plastic["articles"], plastic["kind"]) == (2, 2, "discovered")
    assert set(plastic["parties"].split(", ")) == {"Enhedslisten", "Venstre"}
    assert plastic["keys"] == PLASTIC[0] and plastic["phrases"] == PLASTIC[1] and "forbud mod" in plastic["example"]
    kinds = {row["issue"]: row["kind"] for row in issues_json(cli)}
    assert kinds["afgift-paa-sukker"] == "discovered" and kinds["topic-health"] == "other"
    # usable in every command at once
    assert cli("compare", "afgift-paa-sukker").exit_code == 0
    assert "afgift-paa-sukker" in cli("compare", "--csv").output


def test_accept_rename_merge_split_are_kept_in_the_user_catalogue(cli, db_path):
    assert cli("issues", "accept", "forbud-mod-engangsplastik").exit_code == 0
    result = cli("issues", "rename", "afgift-paa-sukker", "--label", "Afgift på sukker og slik", "--slug", "sukker")
    assert result.exit_code == 0, result.output
    result = cli("issues", "merge", "skat-paa-sukker", "--into", "sukker")
    assert result.exit_code == 0, result.output
    rows = {row["issue"]: row for row in issues_json(cli, "--discovered")}
    assert set(rows) == {"forbud-mod-engangsplastik", "sukker"}
    assert rows["sukker"]["statements"] == 4 and rows["sukker"]["kind"] == "user"
    assert rows["sukker"]["keys"] == f"{SUGAR[0]}; {SUGAR_TAX[0]}"
    result = cli("issues", "split", "sukker", "--phrase", "skat på", "--label", "Skat på sukker")
    assert result.exit_code == 0, result.output
    rows = {row["issue"]: row for row in issues_json(cli, "--discovered")}
    assert rows["skat-paa-sukker"]["keys"] == SUGAR_TAX[0] and rows["sukker"]["statements"] == 2
    tracker = Tracker(db_path)
    with tracker.session() as session:
        assert set(session.scalars(select(UserIssue.slug))) == {"forbud-mod-engangsplastik", "sukker",
                                                                "skat-paa-sukker"}
        assert all(session.scalars(select(IssueKey.curated)))
    tracker.close()


def test_curation_survives_reprocess_and_rebuild(cli, db_path):
    cli("issues", "rename", "afgift-paa-sukker", "--label", "Sukkerafgiften")
    tracker = Tracker(db_path)
    with tracker.session() as session, session.begin():  # what a reprocess does: new rows for one article
        article = session.scalar(select(Statement.article_id).where(Statement.object_key == SUGAR[0]).limit(1))
        enqueue(session, [article])
        StatementWriter(session).write_statements([(article, None, [candidate("SF", SUGAR, topic="Health")])])
    tracker.close()
    result = cli("issues", "rebuild", "--min-articles", "3")  # only curated issues keep two-article keys
    assert result.exit_code == 0 and "a policy object needs 3 articles" in result.output
    rows = {row["issue"]: row for row in issues_json(cli, "--discovered")}
    assert set(rows) == {"afgift-paa-sukker"} and rows["afgift-paa-sukker"]["label"] == "Sukkerafgiften"
    assert rows["afgift-paa-sukker"]["statements"] == 2


def test_add_and_export_in_the_catalogue_format(cli):
    result = cli("issues", "add", "pantordning-daaser", "--label", "Pant på alle dåser og flasker",
                 "--topic", "Miljø og klima", "--triggers", "pant*; pantordning*", "--for", "udvide*")
    assert result.exit_code == 0 and "reprocess" in result.output
    assert cli("issues", "accept", "forbud-mod-engangsplastik").exit_code == 0
    rows = list(csv.DictReader(io.StringIO(cli("issues", "export").output)))
    assert list(rows[0]) == ["slug", "label", "cap_topic", "triggers", "for_phrases", "against_phrases"]
    by_slug = {row["slug"]: row for row in rows}
    assert by_slug["pantordning-daaser"]["cap_topic"] == "Environment"
    assert by_slug["pantordning-daaser"]["triggers"] == "pant*; pantordning*"
    assert by_slug["forbud-mod-engangsplastik"]["triggers"] == "forbud* engangsplastik*"
    kinds = {row["issue"]: row["kind"] for row in issues_json(cli)}
    assert kinds["pantordning-daaser"] == "user"


@pytest.mark.parametrize("args, message", [
    (("add", "Ikke En Slug", "--label", "x", "--topic", "Health", "--triggers", "x*"), "not a slug"),
    (("add", "ny-sag", "--label", "x", "--topic", "Health", "--triggers", " ; "), "at least one trigger"),
    (("add", "topic-health", "--label", "x", "--topic", "Health", "--triggers", "x*"), "exists already"),
    (("merge", "topic-health", "--into", "afgift-paa-sukker"), "catch-all"),
    (("merge", "afgift-paa-sukker", "--into", "afgift-paa-sukker"), "into itself"),
    (("split", "afgift-paa-sukker", "--key", "nej", "--label", "x"), "not keys of"),
    (("split", "afgift-paa-sukker", "--key", SUGAR[0], "--label", "x"), "all the keys"),
    (("accept", "noget-helt-andet"), "Unknown issue"),
])
def test_bad_curation_is_one_line_and_status_2(cli, args, message):
    result = cli("issues", *args)
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_phrase_trigger():
    assert phrase_trigger("forbud mod engangsplastik") == "forbud* engangsplastik*"
    assert phrase_trigger("en ny motorvej til Skagen") == "motorvej* skagen*"
