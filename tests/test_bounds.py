"""Time and memory bounded on the ingest side: workers capped at the cores, batches bounded in characters."""

from __future__ import annotations

from tracker.ingest import batches
from tracker.ingest import workers
from tracker.readers import options
from tracker.sources import ArticleError, ArticleInput
from test_cli_ingest import QUOTE, stored, summary, text_article
from test_ingest import fake_pipeline  # noqa: F401  (the stand-in pipeline fixture)


def test_workers_are_capped_at_the_cores_unless_forced(run, tmp_path, db_path, fake_pipeline, monkeypatch):
    monkeypatch.setattr(workers, "cores", lambda: 1)
    text_article(tmp_path / "news", "a.txt", QUOTE.format(name="Mette Testesen", party="V"))
    capped = run("ingest", "--workers", "8", str(tmp_path / "news"))
    assert capped.exit_code == 0
    assert capped.stderr.splitlines() == ["note: --workers 8 lowered to 1, the cores this machine has "
                                          "(--force-workers to start them all)"]
    text_article(tmp_path / "news", "b.txt", QUOTE.format(name="Per Prøvesen", party="S"))
    forced = run("ingest", "--workers", "2", "--force-workers", str(tmp_path / "news"))
    assert "lowered" not in forced.stderr
    assert summary(forced) == "1 ingested, 1 duplicates, 0 failed, 1 statements added"
    assert stored(db_path) == (2, 2)


def test_batches_end_at_their_size_or_their_characters():
    items = [ArticleInput(text="x" * n, source=str(n)) for n in (5, 5, 5, 20, 1)]
    items.insert(1, ArticleError("bad"))
    shapes = [[getattr(i, "source", "error") for i in batch] for batch in batches(items, 3, chars=12)]
    assert shapes == [["5", "error", "5"], ["5"], ["20"], ["1"]]
    assert [len(batch) for batch in batches(range(7), 3)] == [3, 3, 1]


def test_an_article_over_five_million_characters_is_refused_in_one_line(run, tmp_path, db_path, fake_pipeline):
    huge_line = tmp_path / "feed.jsonl"
    huge_line.write_text('{"text": "%s", "date": "2024-01-01"}\n' % ("ord " * 1_300_000)
                         + '{"text": "Kort, siger Mette Testesen (V).", "date": "2024-01-02"}\n', encoding="utf-8")
    long_text = tmp_path / "lang.txt"
    long_text.write_text("date 2024-01-01\n" + "ord " * 1_300_000, encoding="utf-8")
    dump = tmp_path / "dump.txt"
    with dump.open("wb") as out:  # 25 MB: refused before it is read
        out.truncate(25_000_000)
    result = run("ingest", "--max-size", "300MB", str(huge_line), str(long_text), str(dump))
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("failed:")] == [
        f"failed: {huge_line}:1: an article of 5,200,000 characters; one article may have at most 5,000,000 "
        "(split it into articles)",
        f"failed: {long_text}: an article of 5,200,016 characters; one article may have at most 5,000,000 "
        "(split it into articles)",
        f"failed: {dump}: 23.8 MB of text, more than the 5,000,000 characters one article may have "
        "(split it into articles)"]
    assert summary(result) == "1 ingested, 0 duplicates, 3 failed, 1 statements added"


def test_a_record_too_big_for_any_article_is_skipped_unread_whatever_max_size_allows(run, tmp_path, db_path,
                                                                                     fake_pipeline, monkeypatch):
    """--max-size raised to 300MB still reads at most MAX_RECORD_BYTES at once for one JSONL line, CSV line
    or HTML page (a small stand-in here): each bigger one is a failure, and the records around it are stored."""
    monkeypatch.setattr(options, "MAX_RECORD_BYTES", 20_000)
    huge = "ord " * 10_000
    feed = tmp_path / "feed.jsonl"
    feed.write_text(f'{{"text": "{huge}"}}\n{{"text": "{QUOTE.format(name="Mette Testesen", party="V")}", '
                    '"date": "2024-01-02"}\n', encoding="utf-8")
    table = tmp_path / "table.csv"
    table.write_text(f'text,date\nFørste række,2024-01-01\n"{huge}",2024-01-02\n'
                     f'"{QUOTE.format(name="Per Prøvesen", party="S")}",2024-01-03\n', encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><p>{huge}</p></body></html>", encoding="utf-8")
    result = run("ingest", "--max-size", "300MB", str(feed), str(table), str(page))
    assert result.exit_code == 1
    beyond = ("more than the 19.5 KB read for one article whatever --max-size allows (an article has at most "
              "5,000,000 characters; split it into articles)")
    assert [line for line in result.stderr.splitlines() if line.startswith("failed:")] == [
        f"failed: {feed}:1: a line of 39.1 KB, {beyond}",
        f"failed: {table}:3: a line of 39.1 KB, {beyond}",
        f"failed: {page}: 39.1 KB, {beyond}"]
    assert summary(result) == "3 ingested, 0 duplicates, 3 failed, 2 statements added"
    assert stored(db_path) == (3, 2)


def test_a_csv_field_is_bounded_like_a_line(tmp_path, monkeypatch):
    """A quote never closed, with many short lines after it: the field stops at the read limit, the row
    fails, and the lines it swallowed are read again as rows."""
    from tracker.readers import ReadOptions, read_inputs

    monkeypatch.setattr(options, "MAX_RECORD_BYTES", 2_000)
    table = tmp_path / "table.csv"
    table.write_text('text,date\n"Aldrig lukket,2024-01-01\n' + "Linje,2024-01-02\n" * 300, encoding="utf-8")
    items = list(read_inputs([str(table)], ReadOptions(max_size=300 * 1024 * 1024)))
    failed = [str(item) for item in items if isinstance(item, ArticleError)]
    assert failed == [f"{table}:2: malformed CSV row (a field of more than 2,000 characters)"]
    assert [item.text for item in items if isinstance(item, ArticleInput)] == ["Linje"] * 300


def test_tracker_work_batches_are_bounded_in_characters_too(run, tmp_path, db_path, fake_pipeline, monkeypatch):
    """A claimed batch holds at most BATCH_CHARS characters of text (or one article): the rest of the claim
    stays queued for the next batch, and every job is done."""
    import tracker.work

    seen = []
    real = tracker.work.load_articles
    monkeypatch.setattr(tracker.work, "load_articles", lambda session, ids: seen.append(len(ids)) or real(session, ids))
    monkeypatch.setattr(tracker.work, "BATCH_CHARS", 160)
    for n in range(5):
        text_article(tmp_path / "news", f"{n}.txt", QUOTE.format(name="Mette Testesen", party="V") + f" Nummer {n}.")
    assert run("ingest", "--queue-only", str(tmp_path / "news")).exit_code == 0
    result = run("work", "--batch-size", "16")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "5 articles extracted, 0 failed, 5 statements written"
    assert seen == [2, 2, 1]  # each text some 70 characters: two fit in 160, not three
    assert stored(db_path) == (5, 5)
