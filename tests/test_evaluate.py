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
