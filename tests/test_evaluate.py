"""Tests for tracker.evaluate on small hand-made tables with fictional politicians."""

import pandas as pd
import pytest

from tracker.evaluate import (
    COLUMNS,
    format_per_article,
    format_scores,
    name_match_level,
    score,
    statements_frame,
)


def frame(*rows):
    """Rows as (article, speaker, party, issue, cap_topic, stance)."""
    names = ["article", "speaker", "party", "issue", "cap_topic", "stance"]
    return statements_frame(dict(zip(names, row), kind="indirect", evidence="x") for row in rows)


A = "a01.txt"


def test_identical_tables_score_perfectly():
    gold = frame((A, "Mette Testesen", "Venstre", "skat", "Macroeconomics", "for"),
                 (A, "", "SF", "skat", "Macroeconomics", "against"))
    s = score(gold, gold)
    assert (s.records_precision, s.records_recall, s.records_f1) == (1.0, 1.0, 1.0)
    assert s.party_accuracy == 1.0
    assert s.cap_topic_accuracy == 1.0
    assert s.disagreement_f1 == 1.0


@pytest.mark.parametrize("pred_name", ["Michael Testrup Jensen", "Michael Jensen", "michael  jensen"])
def test_first_and_last_name_match(pred_name):
    gold = frame((A, "Michael Testrup Jensen", "Venstre", "skat", "Macroeconomics", "for"),
                 (A, "Karen Jensen", "SF", "skat", "Macroeconomics", "for"))
    pred = frame((A, pred_name, "Venstre", "skat", "Macroeconomics", "for"))
    assert score(gold, pred).matched_records == 1


def test_different_first_name_does_not_match():
    gold = frame((A, "Michael Jensen", "Venstre", "skat", "Macroeconomics", "for"))
    pred = frame((A, "Morten Jensen", "Venstre", "skat", "Macroeconomics", "for"))
    assert name_match_level("Michael Jensen", "Morten Jensen", set()) == 0
    assert score(gold, pred).matched_records == 0


def test_surname_alone_matches_only_when_unique_in_article_gold():
    unique = frame((A, "Michael Jensen", "Venstre", "skat", "Macroeconomics", "for"),
                   (A, "Karen Hansen", "SF", "skat", "Macroeconomics", "for"))
    shared = frame((A, "Michael Jensen", "Venstre", "skat", "Macroeconomics", "for"),
                   (A, "Karen Jensen", "SF", "skat", "Macroeconomics", "for"))
    pred = frame((A, "Jensen", "Venstre", "skat", "Macroeconomics", "for"))
    assert score(unique, pred).matched_records == 1
    assert score(shared, pred).matched_records == 0


def test_surname_uniqueness_is_per_article():
    gold = frame((A, "Michael Jensen", "Venstre", "skat", "Macroeconomics", "for"),
                 ("a02.txt", "Karen Jensen", "SF", "skat", "Macroeconomics", "for"))
    pred = frame((A, "Jensen", "Venstre", "skat", "Macroeconomics", "for"))
    assert score(gold, pred).matched_records == 1


def test_party_must_match_for_a_record_but_not_for_party_accuracy():
    gold = frame((A, "Mette Testesen", "Venstre", "skat", "Macroeconomics", "for"),
                 (A, "Ole Prøvesen", "SF", "skat", "Macroeconomics", "for"))
    pred = frame((A, "Mette Testesen", "Konservative", "skat", "Macroeconomics", "for"),
                 (A, "Ole Prøvesen", " SF ", "skat", "Macroeconomics", "for"))
    s = score(gold, pred)
    assert s.matched_records == 1
    assert (s.party_found, s.party_correct) == (2, 1)
    assert s.party_accuracy == 0.5


def test_party_rows_match_on_party_only_and_not_with_speakers():
    gold = frame((A, "", "Venstre", "skat", "Macroeconomics", "for"))
    pred = frame((A, None, "Venstre", "noget", "Health", "against"),
                 (A, "Mette Testesen", "Venstre", "skat", "Macroeconomics", "for"))
    s = score(gold, pred)
    assert (s.matched_records, s.predicted_records) == (1, 2)
    assert s.records_precision == 0.5 and s.records_recall == 1.0
    assert s.party_found == 0


def test_keys_are_deduplicated_and_matching_is_one_to_one():
    gold = frame((A, "Michael Testrup Jensen", "Venstre", "skat", "Macroeconomics", "for"),
                 (A, "Michael Testrup Jensen", "Venstre", "bro", "Transportation", "for"))
    pred = frame((A, "Michael Jensen", "Venstre", "skat", "Macroeconomics", "for"),
                 (A, "Michael Testrup Jensen", "Venstre", "bro", "Transportation", "for"),
                 (A, "Michael Testrup Jensen", "Venstre", "skat", "Macroeconomics", "for"))
    s = score(gold, pred)
    assert (s.gold_records, s.predicted_records, s.matched_records) == (1, 2, 1)
    assert s.records_precision == 0.5
    row = s.per_article.iloc[0]
    assert row["spurious"] == ["Michael Jensen (Venstre)"]


def test_topic_counts_when_among_predicted_topics_of_the_key():
    gold = frame((A, "", "SF", "skat", "Macroeconomics", "for"),
                 (A, "", "SF", "bro", "Transportation", "for"),
                 (A, "", "Venstre", "ulve", "Environment", "for"),
                 (A, "", "Enhedslisten", "ulve", "Environment", "for"))
    pred = frame((A, "", "SF", "x", "Health", "for"),
                 (A, "", "SF", "y", "Transportation", "for"),
                 (A, "", "Venstre", "z", "Agriculture", "for"))
    s = score(gold, pred)
    assert (s.topic_rows, s.topic_correct) == (3, 1)


def test_disagreement_found():
    gold = frame((A, "Mette Testesen", "Venstre", "skat", "Macroeconomics", "for"),
                 (A, "", "SF", "skat", "Macroeconomics", "against"),
                 (A, "", "Venstre", "skat", "Macroeconomics", "against"))
    pred = frame((A, "Mette Testesen", "Venstre", "afgift", "Macroeconomics", "for"),
                 (A, "", "SF", "afgift", "Macroeconomics", "neutral"))
    s = score(gold, pred)
    assert s.gold_disagreements == 1  # same-party pair does not count
    assert (s.predicted_disagreements, s.disagreements_found, s.disagreements_correct) == (1, 1, 1)
    assert s.disagreement_f1 == 1.0


def test_disagreement_missed_when_issues_or_stances_do_not_line_up():
    gold = frame((A, "Mette Testesen", "Venstre", "skat", "Macroeconomics", "for"),
                 (A, "", "SF", "skat", "Macroeconomics", "against"))
    split = frame((A, "Mette Testesen", "Venstre", "skat", "Macroeconomics", "for"),
                  (A, "", "SF", "afgift", "Macroeconomics", "against"))
    same = frame((A, "Mette Testesen", "Venstre", "skat", "Macroeconomics", "for"),
                 (A, "", "SF", "skat", "Macroeconomics", "for"))
    for pred in (split, same):
        s = score(gold, pred)
        assert s.disagreements_found == 0 and s.disagreement_recall == 0.0


def test_spurious_disagreement_lowers_precision():
    gold = frame((A, "Mette Testesen", "Venstre", "skat", "Macroeconomics", "for"),
                 (A, "", "SF", "skat", "Macroeconomics", "against"),
                 (A, "", "Alternativet", "bro", "Transportation", "for"))
    pred = frame((A, "Mette Testesen", "Venstre", "skat", "Macroeconomics", "for"),
                 (A, "", "SF", "skat", "Macroeconomics", "against"),
                 (A, "", "Alternativet", "skat", "Macroeconomics", "against"))
    s = score(gold, pred)
    assert (s.predicted_disagreements, s.disagreements_correct) == (2, 1)
    assert s.disagreement_precision == 0.5 and s.disagreement_recall == 1.0


def test_empty_prediction():
    gold = frame((A, "Mette Testesen", "Venstre", "skat", "Macroeconomics", "for"),
                 (A, "", "SF", "skat", "Macroeconomics", "against"))
    s = score(gold, pd.DataFrame(columns=COLUMNS))
    assert s.records_f1 == 0.0 and s.matched_records == 0
    assert s.party_accuracy is None and s.cap_topic_accuracy is None
    assert s.per_article.iloc[0]["missed"] == ["Mette Testesen (Venstre)", "[SF]"]
    assert "n/a" in format_scores(s)


def test_per_article_lists_spurious_articles_and_formats():
    gold = frame((A, "", "SF", "skat", "Macroeconomics", "for"))
    pred = frame((A, "", "SF", "skat", "Macroeconomics", "for"),
                 ("path/to/a02.txt", "", "Venstre", "skat", "Macroeconomics", "for"))
    s = score(gold, pred)
    table = s.per_article.set_index("article")
    assert table.loc["a02.txt", "spurious"] == ["[Venstre]"]
    assert table.loc[A, "f1"] == 1.0
    assert "a02.txt" in format_per_article(s)
    assert set(s.to_dict()) >= {"records_f1", "party_accuracy", "cap_topic_accuracy", "disagreement_f1"}


def rows_with_evidence(*rows):
    """Rows as (article, speaker, party, issue, stance, evidence)."""
    names = ["article", "speaker", "party", "issue", "stance", "evidence"]
    return statements_frame(dict(zip(names, row), kind="indirect", cap_topic="Macroeconomics") for row in rows)


def test_pair_agreement_counts_agreeing_and_disagreeing_pairs_reproduced():
    gold = rows_with_evidence((A, "", "SF", "skat", "for", "SF vil hæve skatten"),
                              (A, "", "Venstre", "skat", "against", "Venstre vil ikke"),
                              (A, "", "Enhedslisten", "skat", "for", "Enhedslisten vil også"))
    # SF-V disagree, SF-EL agree, V-EL disagree: three gold pairs
    pred = rows_with_evidence((A, "", "SF", "afgift", "for", "SF vil hæve skatten"),
                              (A, "", "Venstre", "afgift", "against", "Venstre vil ikke"),
                              (A, "", "Enhedslisten", "afgift", "against", "Enhedslisten vil også"))
    s = score(gold, pred)
    assert s.gold_pairs == 3
    assert s.pairs_reproduced == 1  # only SF-V keeps its relation; EL is on the wrong side
    assert abs(s.pair_agreement - 1 / 3) < 1e-9
    assert "pair agreement" in format_scores(s)


def test_pair_agreement_needs_both_statements_on_one_issue():
    gold = rows_with_evidence((A, "", "SF", "skat", "for", "SF vil"), (A, "", "Venstre", "skat", "for", "V vil"))
    split = rows_with_evidence((A, "", "SF", "skat", "for", "SF vil"), (A, "", "Venstre", "bro", "for", "V vil"))
    assert score(gold, split).pairs_reproduced == 0
    assert score(gold, gold).pairs_reproduced == 1


def test_a_gold_row_takes_the_statement_whose_evidence_shares_most_words():
    gold = rows_with_evidence((A, "", "SF", "skat", "for", "SF vil hæve topskatten"),
                              (A, "", "Venstre", "skat", "against", "Venstre afviser topskatten"))
    pred = rows_with_evidence((A, "", "SF", "bro", "for", "SF vil bygge en bro"),
                              (A, "", "SF", "topskat", "for", "SF vil hæve topskatten"),
                              (A, "", "Venstre", "topskat", "against", "Venstre afviser topskatten"))
    assert score(gold, pred).pairs_reproduced == 1


def test_issue_linking_scores_pairs_of_rows_from_different_articles():
    B, C = "b01.txt", "c01.txt"
    gold = rows_with_evidence((A, "", "SF", "skat på sukker", "for", "SF vil"),
                              (B, "", "Venstre", "sukkerskat", "against", "Venstre nej"),
                              (C, "", "SF", "en bro", "for", "SF bro"))
    groups = gold[["article", "speaker", "party", "issue", "stance"]].assign(group_id=["sukker", "sukker", "bro"])
    linked = rows_with_evidence((A, "", "SF", "sukkerafgift", "for", "SF vil"),
                                (B, "", "Venstre", "sukkerafgift", "against", "Venstre nej"),
                                (C, "", "SF", "sukkerafgift", "for", "SF bro"))
    s = score(gold, linked, groups)
    assert (s.gold_links, s.predicted_links, s.right_links) == (1, 3, 1)
    assert s.link_recall == 1.0 and abs(s.link_precision - 1 / 3) < 1e-9
    assert "issue linking" in format_scores(s)
    missed = linked[linked["article"] != B]
    assert score(gold, missed, groups).right_links == 0  # a gold row without a statement is a missed link
    assert score(gold, linked).gold_links is None  # no groups, no linking


def test_per_article_shows_pairs_and_disagreements():
    gold = rows_with_evidence((A, "", "SF", "skat", "for", "x"), (A, "", "Venstre", "skat", "against", "y"))
    s = score(gold, gold)
    row = s.per_article.set_index("article").loc[A]
    assert (row["pairs"], row["pairs_reproduced"], row["disagreements"], row["disagreements_found"]) == (1, 1, 1, 1)
    assert "pairs 1/1" in format_per_article(s)


def test_a_statement_on_a_catch_all_is_on_no_issue():
    B = "b01.txt"
    gold = rows_with_evidence((A, "", "SF", "skat på sukker", "for", "SF vil"),
                              (A, "", "Venstre", "skat på sukker", "against", "Venstre nej"),
                              (B, "", "SF", "sukkerskat", "for", "SF igen"))
    groups = gold[["article", "speaker", "party", "issue", "stance"]].assign(group_id=["sukker"] * 3)
    other = "other statements on Sundhed"
    pred = rows_with_evidence((A, "", "SF", other, "for", "SF vil"), (A, "", "Venstre", other, "against", "Venstre nej"),
                              (B, "", "SF", other, "for", "SF igen"))
    as_issue = score(gold, pred, groups)
    assert (as_issue.predicted_links, as_issue.predicted_disagreements) == (2, 1)
    s = score(gold, pred.assign(issue_kind="other"), groups)
    assert (s.predicted_links, s.predicted_disagreements, s.pairs_reproduced) == (0, 0, 0)
    assert s.catch_all_statements == 3 and "3 predicted statements on a catch-all issue" in format_scores(s)
    assert s.records_f1 == as_issue.records_f1 == 1.0  # records do not look at issues


def test_stance_confusion_counts_matched_rows_and_stance_only_pairs():
    from tracker.evaluate import format_confusion, stance_confusion

    gold = frame((A, "Mette Testesen", "Venstre", "skat", "Macroeconomics", "for"),
                 (A, "Karen Prøvesen", "SF", "skat", "Macroeconomics", "against"),
                 (A, "", "Enhedslisten", "skat", "Macroeconomics", "against"),
                 (A, "Ole Ukendt", "Konservative", "skat", "Macroeconomics", "neutral"))
    # the issue labels differ: pair agreement fails, the stance-only pairs do not look at them
    pred = frame((A, "Mette Testesen", "Venstre", "skat", "Macroeconomics", "for"),
                 (A, "Karen Prøvesen", "SF", "afgift", "Macroeconomics", "for"),
                 (A, "", "Enhedslisten", "told", "Macroeconomics", "against"))
    c = stance_confusion(gold, pred)
    assert c.rows == 3
    assert c.cells[("for", "for")] == 1 and c.cells[("against", "for")] == 1
    assert c.cells[("against", "against")] == 1
    assert (c.gold_total("against"), c.predicted_total("for")) == (2, 2)
    assert c.accuracy == pytest.approx(2 / 3)
    # pairs with two matched rows: V-SF (disagree, pred agree: wrong), V-EL (right), SF-EL (agree, pred not: wrong)
    assert (c.pairs, c.pairs_reproduced) == (3, 1)
    text = format_confusion(c)
    assert "stance accuracy  66.7%" in text and "1 of 3" in text
