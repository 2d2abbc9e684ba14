"""`tracker ingest` and `tracker reprocess` through click: every format and every bad input,
with the summary line and the exit status asserted. Fixtures are written in tmp_path."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

import tracker as tracker_package
from tracker.app import Tracker
from tracker.cli.ingest_cmds import progress_bar
from tracker.db.models import Article, Statement
from test_ingest import fake_pipeline  # noqa: F401  (the stand-in pipeline fixture)

QUOTE = "- Skatten skal ned, siger {name} ({party})."


def text_article(folder: Path, name: str, body: str, day: str = "2024-03-01") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f" date {day} {body}\n\nAndet afsnit.\n", encoding="utf-8")
    return path


def summary(result) -> str:
    return result.stdout.strip().splitlines()[-1]


def stored(db_path: str) -> tuple[int, int]:
    t = Tracker(db_path, migrate=False)
    with t.session() as session:
        numbers = (session.scalar(select(func.count(Article.id))), session.scalar(select(func.count(Statement.id))))
    t.close()
    return numbers


@pytest.fixture
def folder(tmp_path) -> Path:
    articles = tmp_path / "articles"
    text_article(articles, "a.txt", QUOTE.format(name="Mette Testesen", party="V"))
    text_article(articles, "sub/b.txt", QUOTE.format(name="Per Prøvesen", party="S"))
    text_article(articles, "sub/deeper/c", "Ingen citater her.")
    return articles


def test_folder_then_again_changes_nothing(run, folder, db_path, fake_pipeline):
    first = run("ingest", str(folder))
    assert first.exit_code == 0, first.output
    assert summary(first) == "3 ingested, 0 duplicates, 0 failed, 2 statements added"
    again = run("ingest", str(folder))
    assert again.exit_code == 0
    assert summary(again) == "0 ingested, 3 duplicates, 0 failed, 0 statements added"
    assert stored(db_path) == (3, 2)


def test_glob_pattern(run, folder, fake_pipeline):
    result = run("ingest", str(folder / "**" / "*.txt"))
    assert summary(result).startswith("2 ingested,") and result.exit_code == 0


def test_jsonl_with_a_malformed_line(run, tmp_path, fake_pipeline):
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps({"text": QUOTE.format(name="Mette Testesen", party="V"), "date": "2024-01-02"})
                    + "\n{oops\n" + json.dumps({"text": "Uden citat.", "date": "2024-01-03"}) + "\n",
                    encoding="utf-8")
    result = run("ingest", str(path))
    assert result.exit_code == 1
    assert f"failed: {path}:2: malformed JSON" in result.stderr
    assert summary(result) == "2 ingested, 0 duplicates, 1 failed, 1 statements added"


def test_csv_with_mapped_columns_and_a_bad_row(run, tmp_path, db_path, fake_pipeline):
    path = tmp_path / "export.csv"
    path.write_text("id;body;when\n"
                    f"1;{QUOTE.format(name='Mette Testesen', party='V')};2024-05-06\n"
                    "2;too;many;fields\n"
                    "3;Ingen citater.;06.05.2024\n", encoding="utf-8")
    result = run("ingest", "--text-column", "body", "--date-column", "when", str(path))
    assert result.exit_code == 1
    assert f"failed: {path}:3: 4 fields where the header has 3" in result.stderr
    assert summary(result) == "2 ingested, 0 duplicates, 1 failed, 1 statements added"


def test_html(run, tmp_path, fake_pipeline):
    path = tmp_path / "side.html"
    path.write_text(f"<html><nav><p>Menu (V)</p></nav><p>{QUOTE.format(name='Mette Testesen', party='V')}</p>"
                    "<time datetime='2024-02-02'>2. februar</time></html>", encoding="utf-8")
    result = run("ingest", str(path))
    assert (result.exit_code, summary(result)) == (0, "1 ingested, 0 duplicates, 0 failed, 1 statements added")


def test_stdin(run, fake_pipeline):
    data = json.dumps({"text": QUOTE.format(name="Mette Testesen", party="V"), "date": "2024-01-02"}) + "\n"
    result = run("ingest", "-", input=data)
    assert (result.exit_code, summary(result)) == (0, "1 ingested, 0 duplicates, 0 failed, 1 statements added")


def test_every_bad_input_gets_one_line_and_the_rest_ingests(run, tmp_path, folder, fake_pipeline):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("", encoding="utf-8")
    (bad / "binary.txt").write_bytes(b"\x00\xff\x00 not text")
    (bad / "big.txt").write_text("date 2024-01-01\n" + "ord " * 1000, encoding="utf-8")
    result = run("ingest", "--max-size", "2KB", str(folder), str(bad), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert lines[0].startswith(f"failed: {bad / 'big.txt'}: ") and "see --max-size" in lines[0]
    assert lines[1:] == [f"failed: {bad / 'binary.txt'}: a binary file, not text",
                         f"failed: {bad / 'empty.txt'}: empty file",
                         f"failed: {tmp_path / 'missing.txt'}: cannot read (No such file or directory)"]
    assert summary(result) == "3 ingested, 0 duplicates, 4 failed, 2 statements added"
    assert "Traceback" not in result.output


def test_warnings_do_not_fail_the_run(run, tmp_path, fake_pipeline):
    (tmp_path / "cp.txt").write_bytes("date 2024-01-01\nSøren Prøvesen (S) siger nej.".encode("cp1252"))
    (tmp_path / "udateret.txt").write_text("Ingen dato, siger Mette Testesen (V).", encoding="utf-8")
    result = run("ingest", str(tmp_path / "cp.txt"), str(tmp_path / "udateret.txt"))
    assert result.exit_code == 0
    assert f"warning: {tmp_path / 'cp.txt'}: not UTF-8" in result.stderr
    assert f"warning: {tmp_path / 'udateret.txt'}: no date line" in result.stderr
    assert summary(result) == "2 ingested, 0 duplicates, 0 failed, 2 statements added (2 warnings)"


def test_default_date(run, tmp_path, db_path, fake_pipeline):
    (tmp_path / "udateret.txt").write_text("Ingen dato, siger Mette Testesen (V).", encoding="utf-8")
    result = run("ingest", "--default-date", "2023-04", str(tmp_path / "udateret.txt"))
    assert result.exit_code == 0 and "warning" not in result.stderr
    t = Tracker(db_path, migrate=False)
    with t.session() as session:
        assert session.scalar(select(Article.date_precision)) == "month"
    t.close()


def test_strict_stops_at_the_first_error(run, tmp_path, db_path, fake_pipeline):
    for name, body in (("1.txt", "Først (V)."), ("2.txt", ""), ("3.txt", "Sidst.")):
        (tmp_path / name).write_text(f"date 2024-01-01\n{body}" if body else "", encoding="utf-8")
    result = run("ingest", "--strict", str(tmp_path))
    assert result.exit_code == 1
    assert "Stopped at the first error (--strict)." in result.stderr
    assert summary(result) == "1 ingested, 0 duplicates, 1 failed, 0 statements added"
    assert stored(db_path)[0] == 1


def test_pipeline_failure_shows_a_traceback_only_with_debug(run, tmp_path, db_path, fake_pipeline):
    path = text_article(tmp_path, "boom.txt", "KABOOM")
    quiet = run("ingest", str(path))
    assert quiet.exit_code == 1 and "extraction failed (RuntimeError" in quiet.stderr
    assert "Traceback" not in quiet.output
    from click.testing import CliRunner

    from tracker.cli import cli

    loud = CliRunner().invoke(cli, ["--db", str(tmp_path / "loud.db"), "--debug", "ingest", str(path)])
    assert loud.exit_code == 1 and "Traceback" in loud.stderr
    again = run("ingest", str(path))  # the article was kept, with its failed job: a duplicate now
    assert again.exit_code == 0 and "1 duplicates" in again.output
    retried = run("work", "--retry-failed")
    assert retried.exit_code == 1 and "0 articles extracted, 1 failed" in retried.output


@pytest.mark.parametrize("option", [["--max-size", "lots"], ["--default-date", "igår"]])
def test_bad_option_values_are_usage_errors(run, folder, option):
    result = run("ingest", *option, str(folder))
    assert result.exit_code == 2 and option[0] in result.output


def test_verbose_lines_and_quiet(run, folder, fake_pipeline):
    verbose = run("ingest", "-v", str(folder))
    assert f"ingested: {folder / 'a.txt'} (1 statements)" in verbose.stdout
    quiet = run("ingest", "-q", str(folder / "sub"), str(folder / "nothing.txt"))
    assert "warning" not in quiet.stderr and "failed:" in quiet.stderr


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_with_articles_per_second_on_a_terminal(monkeypatch):
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with progress_bar(True, "ingesting") as tick:
        for _ in range(3):
            tick()
    assert "articles/s" in screen.getvalue()
    with progress_bar(False, "ingesting") as tick:  # --quiet
        assert tick is None


def test_no_progress_bar_when_not_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with progress_bar(True, "ingesting") as tick:
        assert tick is None


def test_help_documents_the_formats(run):
    text = run("ingest", "--help").output
    for word in (".jsonl", ".csv", ".html", "date YYYY-MM", "--text-column", "--max-size", "--strict", "--workers"):
        assert word in text


def test_reprocess_after_a_pipeline_change(run, folder, db_path, fake_pipeline, monkeypatch):
    run("ingest", str(folder))
    nothing = run("reprocess")
    assert summary(nothing) == "0 reprocessed, 0 failed, 0 statements written"
    assert "Nothing to do: every article is at pipeline version" in nothing.stderr
    monkeypatch.setattr(tracker_package, "PIPELINE_VERSION", "9.9.9")
    fake_pipeline.issue = "skat"
    result = run("reprocess", "--since", "2024-01-01")
    assert (result.exit_code, summary(result)) == (0, "3 reprocessed, 0 failed, 2 statements written")
    assert stored(db_path) == (3, 2)


def test_real_pipeline_on_the_sample_articles(run, db_path):
    """End to end with the team's pipeline: the constructed samples give statements."""
    samples = Path(__file__).resolve().parents[1] / "data" / "samples"
    result = run("ingest", str(samples))
    assert result.exit_code == 0, result.output
    ingested = int(summary(result).split()[0])
    assert ingested == len(list(samples.glob("*.txt")))
    assert stored(db_path)[1] > 0
