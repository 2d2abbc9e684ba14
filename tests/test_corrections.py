"""Corrections: reject, fix, add; in every query, export and report; surviving `tracker reprocess`."""

from __future__ import annotations

import json

import pytest

import tracker.ingest as ingest_module
from newsroom_fixture import Cli, copy_samples


@pytest.fixture
def db(tmp_path):
    cli = Cli(str(tmp_path / "news.db"))
    cli.files = copy_samples(tmp_path / "articles")
    assert "3 ingested" in cli.ok("ingest", "-q", *cli.files)
    return cli


def one(frame, **values):
    rows = frame
    for column, value in values.items():
        rows = rows[rows[column] == value]
    assert len(rows) >= 1, values
    return rows.iloc[0]


def net(cli, issue: str, party: str) -> float:
    frame = cli.csv("compare", issue, "--csv")
    return float(frame.loc[frame["party"] == party, "net"].iloc[0])


def test_a_stance_correction_shows_in_statement_export_and_compare(db):
    row = one(db.statements(), party="SF", issue="co2-afgift-landbrug", stance="for")
    before = net(db, "co2-afgift-landbrug", "SF")
    assert "1 correction" in db.ok("correct", row["id"], "--stance", "against", "--note", "læst igen",
                                   "--by", "Redaktør")
    after = one(db.statements(), id=row["id"])
    assert after["stance"] == "against" and after["corrected"] in (True, "True")
    assert net(db, "co2-afgift-landbrug", "SF") < before
    shown = json.loads(db.ok("statement", row["id"], "--json"))[0]
    assert shown["stance"] == "against"
    assert [(c["field"], c["old"], c["new"], c["who"], c["note"]) for c in shown["corrections"]] == [
        ("stance", "for", "against", "Redaktør", "læst igen")]


def test_fixing_party_issue_speaker_and_kind(db):
    row = one(db.statements(), speaker="Kirsten Prøvegaard")
    db.ok("correct", row["id"], "--party", "V", "--issue", "topskat", "--speaker", "Karin Opdigt",
          "--kind", "indirect")
    after = one(db.statements(), id=row["id"])
    assert (after["party"], after["issue"], after["speaker"], after["kind"]) == (
        "Venstre", "topskat", "Karin Opdigt", "indirect")
    assert len(db.csv("corrections", "--csv")) == 4
    assert "Karin Opdigt" in db.ok("politician", "Karin Opdigt")


def test_bad_corrections_are_one_line(db):
    row = one(db.statements(), party="SF")
    for args, message in [(("correct", 99999, "--stance", "for"), "No statement 99999"),
                          (("correct", row["id"]), "Nothing to correct"),
                          (("correct", row["id"], "--party", "Venstrepartiet i Narnia"), "Unknown party"),
                          (("correct", row["id"], "--issue", "ingen-saadan-sag"), "Unknown issue"),
                          (("correct", row["id"], "--stance", row["stance"]), "nothing to change")]:
        result = db(*args)
        assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_a_rejected_statement_leaves_every_output(db):
    row = one(db.statements(), party="SF", issue="co2-afgift-landbrug")
    count = len(db.statements())
    db.ok("reject", row["id"], "--note", "ikke en holdning")
    assert len(db.statements()) == count - 1 and row["id"] not in set(db.statements()["id"])
    assert "(rejected)" in db.ok("statement", row["id"])
    found = db.csv("search", "afgiften", "--csv")
    assert row["id"] not in set(found.loc[found["hit"] == "statement", "id"])
    assert db("reject", row["id"]).exit_code == 2
    db.ok("restore", row["id"])
    assert len(db.statements()) == count


def test_add_statement_by_its_evidence(db):
    articles = db.csv("articles", "--csv")
    article = one(articles, source=db.files[1])["id"]
    evidence = "Vi vil ikke bruge milliarder på skattelettelser til de rigeste"
    output = db.ok("add-statement", article, "--evidence", evidence, "--party", "S", "--speaker",
                   "Maja Konstrueret", "--issue", "Lavere eller afskaffet topskat", "--stance", "against")
    new = int(output.split()[2])
    row = one(db.statements(), id=new)
    assert (row["origin"], row["issue"], row["party"], row["evidence"]) == ("user", "topskat", "Socialdemokratiet",
                                                                           evidence)
    assert new in set(db.csv("search", "skattelettelserne", "--csv")["id"])
    result = db("add-statement", article, "--evidence", "Ingen har sagt dette", "--party", "S", "--issue",
                "topskat", "--stance", "for")
    assert result.exit_code == 2 and "not in the article" in result.output


def test_corrections_survive_reprocess_and_those_that_no_longer_fit_are_listed(db, monkeypatch):
    frame = db.statements()
    kept = one(frame, speaker="Kirsten Prøvegaard")
    lost = one(frame, speaker="Peter Fiktivsen")
    rejected = one(frame, party="SF", speaker="")
    db.ok("correct", kept["id"], "--stance", "against")
    db.ok("correct", lost["id"], "--stance", "against", "--note", "forsvinder")
    db.ok("reject", rejected["id"])
    article = one(db.csv("articles", "--csv"), source=db.files[1])["id"]
    added = int(db.ok("add-statement", article, "--evidence", "Vi vil ikke bruge milliarder", "--party", "S",
                      "--issue", "topskat", "--stance", "against").split()[2])
    real = ingest_module.extract_batch

    def changed_pipeline(nlp, articles):  # a new pipeline: one quote found a little longer, one not at all
        results = real(nlp, articles)
        for candidates in results:
            for c in candidates:
                if c.speaker == "Kirsten Prøvegaard":
                    c.start_char, c.evidence = c.start_char - 2, "- " + c.evidence
            candidates[:] = [c for c in candidates if c.speaker != "Peter Fiktivsen"]
        return results

    monkeypatch.setattr(ingest_module, "extract_batch", changed_pipeline)
    output = db.ok("reprocess", "--all")
    assert "1 corrections no longer fit" in output and "stance against -> " not in output
    after = db.statements()
    moved = one(after, speaker="Kirsten Prøvegaard")
    assert moved["id"] != kept["id"] and moved["stance"] == "against" and moved["evidence"].startswith("- ")
    assert not len(after[(after["party"] == "SF") & (after["speaker"] == "")])  # still rejected
    assert added in set(after["id"])  # a person's statement stays
    unmatched = db.csv("corrections", "--unmatched", "--csv")
    assert list(unmatched["note"]) == ["forsvinder"] and list(unmatched["status"]) == ["unmatched"]
    assert set(db.csv("corrections", "--csv")["status"]) == {"applied", "unmatched"}


def test_export_gold_then_eval_scores_the_pipeline_on_the_reviewed_articles(db, tmp_path):
    row = one(db.statements(), party="SF", issue="co2-afgift-landbrug")
    db.ok("correct", row["id"], "--stance", "against")
    gold = tmp_path / "gold.csv"
    db.ok("export", "gold", "-o", gold)
    scores = json.loads(db.ok("eval", gold, db.files[0], "--json"))
    assert scores["records_f1"] == 1.0  # records do not check stance: the pipeline finds every reviewed one
    assert scores["disagreement_f1"] < 1.0 or scores["pair_agreement"] < 1.0  # stance does
    db.ok("reject", one(db.statements(), speaker="Kirsten Prøvegaard")["id"])
    db.ok("export", "gold", "-o", gold)
    scores = json.loads(db.ok("eval", gold, db.files[0], "--json"))
    assert scores["records_precision"] < 1.0  # the rejected one is spurious now


def test_delete_article_takes_its_statements_corrections_and_search_words(db):
    row = one(db.statements(), party="SF", issue="co2-afgift-landbrug")
    db.ok("correct", row["id"], "--stance", "against")
    assert db("delete-article", row["article_id"], input="n\n").exit_code == 1  # asked, and said no
    assert "Deleted article" in db.ok("delete-article", row["article_id"], "--yes")
    assert row["article_id"] not in set(db.statements()["article_id"])
    assert db.csv("corrections", "--csv").empty
    assert db.csv("search", "afgiften", "--csv").empty
    assert db("article", row["article_id"]).exit_code == 2
