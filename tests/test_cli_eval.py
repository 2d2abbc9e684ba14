"""`tracker eval` through CliRunner, on a constructed sample article and a gold table written for it."""

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from tracker.cli import cli

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "s002_topskat.txt"
GOLD = [  # article, speaker, party, issue, stance
    ("s002_topskat.txt", "", "Liberal Alliance", "afskaffelse af topskatten", "for"),
    ("s002_topskat.txt", "", "Socialdemokratiet", "afskaffelse af topskatten", "against"),
    ("s002_topskat.txt", "Peter Fiktivsen", "Liberal Alliance", "afskaffelse af topskatten", "for"),
]


def write_tables(folder: Path) -> tuple[Path, Path]:
    gold, groups = folder / "gold.csv", folder / "groups.csv"
    with gold.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["article", "speaker", "party", "role", "issue", "cap_topic", "stance", "kind", "evidence"])
        for article, speaker, party, issue, stance in GOLD:
            out.writerow([article, speaker, party, "", issue, "Macroeconomics", stance, "indirect", "topskatten"])
    with groups.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["article", "speaker", "party", "issue", "stance", "group_id", "group_label", "polarity"])
        for row in GOLD:
            out.writerow([*row, "topskat", "afskaffelse af topskatten", 1])
    return gold, groups


def test_eval_reports_records_stance_aware_figures_and_linking(tmp_path):
    gold, groups = write_tables(tmp_path)
    result = CliRunner().invoke(cli, ["eval", str(gold), str(SAMPLE), "--groups", str(groups), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["gold_records"] == 3 and scores["gold_pairs"] == 2  # LA-S and Fiktivsen-S; LA-Fiktivsen is one party
    assert 0 <= scores["pair_agreement"] <= 1
    assert scores["gold_links"] == 0  # one article: no cross-article pairs
    text = CliRunner().invoke(cli, ["eval", str(gold), str(SAMPLE), "--per-article"]).output
    assert "pair agreement" in text and "records check who and with which party only" in text
    assert "s002_topskat.txt" in text and "pairs " in text


def test_eval_groups_file_without_its_columns_is_one_line(tmp_path):
    gold, _ = write_tables(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("article,party\nx,y\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(gold), str(SAMPLE), "--groups", str(bad)])
    assert result.exit_code == 2 and "missing columns" in result.output and "group_id" in result.output
