"""One bad line, row or value never loses the others: each is its own failure (file:line, what is
wrong) and every good article of the same run is stored. Also: NUL bytes, UTF-16 tables, dates."""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy import select

from tracker.app import Tracker
from tracker.db.models import Article
from test_cli_ingest import QUOTE, stored, summary, text_article
from test_ingest import fake_pipeline  # noqa: F401  (the stand-in pipeline fixture)

V, S = QUOTE.format(name="Mette Testesen", party="V"), QUOTE.format(name="Per Prøvesen", party="S")


def failures(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("failed:")]


def warnings(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("warning:")]


def texts(db_path: str) -> list[str]:
    t = Tracker(db_path, migrate=False)
    with t.session() as session:
        found = sorted(session.scalars(select(Article.text)))
    t.close()
    return found


def line(record) -> str:
    return json.dumps(record, ensure_ascii=False)


def test_a_line_nested_100000_deep_or_with_a_5000_digit_number_costs_only_itself(run, tmp_path, db_path,
                                                                                 fake_pipeline):
    before = text_article(tmp_path, "before.txt", S)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([
        line({"text": V, "date": "2024-01-02"}),
        '{"text": "Dyb.", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"text": "Lang.", "n": ' + "7" * 5000 + "}",
        '{"text": "Lidt dyb.", "x": ' + "[" * 70 + "]" * 70 + "}",
        line({"text": "Sidste linje uden citat.", "date": "2024-01-03"}),
    ]) + "\n", encoding="utf-8")
    result = run("ingest", str(before), str(feed))
    assert result.exit_code == 1
    assert failures(result) == [
        f"failed: {feed}:2: JSON nested deeper than 64 levels",
        f"failed: {feed}:3: malformed JSON (Exceeds the limit (4300 digits) for integer string conversion: "
        "value has 5000 digits)",
        f"failed: {feed}:4: JSON nested deeper than 64 levels"]
    assert summary(result) == "3 ingested, 0 duplicates, 3 failed, 2 statements added"
    assert stored(db_path) == (3, 2)


def test_a_never_closed_csv_quote_fails_its_row_and_the_swallowed_rows_are_read(run, tmp_path, db_path,
                                                                               fake_pipeline):
    path = tmp_path / "export.csv"
    path.write_text("text,date\n"
                    '"Første artikel uden slutcitat,2024-01-01\n'
                    f"{V.replace(',', '')},2024-01-02\n"
                    "Tredje artikel,2024-01-03\n", encoding="utf-8")
    result = run("ingest", str(path))
    assert result.exit_code == 1
    assert failures(result) == [f"failed: {path}:2: malformed CSV row (a quote that is never closed)"]
    assert summary(result) == "2 ingested, 0 duplicates, 1 failed, 1 statements added"
    assert texts(db_path) == [V.replace(",", ""), "Tredje artikel"]


def test_a_stray_quote_in_a_quoted_field_fails_its_row_only(run, tmp_path, db_path, fake_pipeline):
    path = tmp_path / "export.csv"
    path.write_text("text;date\n"
                    '"Han sagde "nej" til forslaget;\n2024-01-01\n'
                    f'"{V}";2024-01-02\n'
                    '"Flere\n\nafsnit, i ét felt.";2024-01-03\n', encoding="utf-8")
    result = run("ingest", str(path))
    assert failures(result) == [f'failed: {path}:2: malformed CSV row (a stray quote inside a quoted field '
                                '(write it as ""))',
                                f"failed: {path}:3: 1 fields where the header has 2"]
    assert summary(result) == "2 ingested, 0 duplicates, 2 failed, 1 statements added"
    assert texts(db_path) == sorted(["Flere\n\nafsnit, i ét felt.", V])


def test_blank_csv_lines_are_not_failures(run, tmp_path, db_path, fake_pipeline):
    path = tmp_path / "export.csv"
    path.write_text(f"text,date,source\n\n\"{V}\",2024-01-02,a\n   \n,,\n\nAndet,2024-01-03,b\n\n",
                    encoding="utf-8")
    result = run("ingest", str(path))
    assert (result.exit_code, failures(result)) == (0, [])
    assert summary(result) == "2 ingested, 0 duplicates, 0 failed, 1 statements added"


def test_a_nul_byte_is_treated_alike_wherever_it_is(run, tmp_path, db_path, fake_pipeline):
    early = tmp_path / "early.txt"
    early.write_bytes(f"date 2024-01-01\nTidlig\x00 NUL. {V}\n".encode())
    late = tmp_path / "late.txt"
    late.write_bytes(f"date 2024-01-01\n{'Fyld. ' * 3000}\n\nSen\x00 NUL. {S}\n".encode())
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b'{"text": "I JSON\x00.", "date": "2024-01-02"}\n')
    table = tmp_path / "table.csv"
    table.write_bytes(b"text,date\nI CSV\x00.,2024-01-02\n")
    result = run("ingest", str(early), str(late), str(feed), str(table))
    assert (result.exit_code, failures(result)) == (0, [])
    assert warnings(result) == [f"warning: {early}: NUL characters replaced by U+FFFD (first on line 2)",
                                f"warning: {late}: NUL characters replaced by U+FFFD (first on line 4)",
                                f"warning: {feed}:1: NUL characters replaced by U+FFFD",
                                f"warning: {table}:2: NUL characters replaced by U+FFFD"]
    assert summary(result) == "4 ingested, 0 duplicates, 0 failed, 2 statements added (4 warnings)"
    assert "I CSV\ufffd." in texts(db_path) and "I JSON\ufffd." in texts(db_path)


def test_utf16_tables_with_a_bom_are_read_like_utf16_text(run, tmp_path, db_path, fake_pipeline):
    excel = tmp_path / "unicode.tsv"  # Excel's "Unicode text": UTF-16 LE with a BOM, tabs, CRLF
    excel.write_bytes(f"text\tdate\r\n{V}\t03.04.2024\r\n\"To\r\nlinjer æøå\"\t2024-04-04\r\n".encode("utf-16"))
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes((line({"text": S, "date": "2024-04-05"}) + "\n").encode("utf-16-be").join([b"\xfe\xff", b""]))
    result = run("ingest", str(excel), str(feed))
    assert (result.exit_code, failures(result)) == (0, []), result.output
    assert summary(result) == "3 ingested, 0 duplicates, 0 failed, 2 statements added"
    assert "To\r\nlinjer æøå" in texts(db_path) or "To\nlinjer æøå" in texts(db_path)


def test_the_dates_the_help_promises_are_read_and_implausible_ones_warned(run, tmp_path, db_path, fake_pipeline):
    text_article(tmp_path, "dk.txt", V, day="04.03.2024")
    text_article(tmp_path, "iso.txt", S, day="2024-03-05T08:30:00+01:00")
    text_article(tmp_path, "old.txt", "Gammel.", day="1799-12-31")
    future = (date.today() + timedelta(days=30)).isoformat()
    text_article(tmp_path, "future.txt", "Fremtid.", day=future)
    (tmp_path / "feed.jsonl").write_text(line({"text": "Fra JSONL.", "date": "06.03.2024"}) + "\n", encoding="utf-8")
    result = run("ingest", str(tmp_path))
    assert (result.exit_code, failures(result)) == (0, [])
    assert warnings(result) == [f"warning: {tmp_path / 'future.txt'}: implausible date {future} (in the future)",
                                f"warning: {tmp_path / 'old.txt'}: implausible date 1799-12-31 (before 1800)"]
    t = Tracker(db_path, migrate=False)
    with t.session() as session:
        days = dict(session.execute(select(Article.text, Article.published)).all())
    t.close()
    assert days[V + "\n\nAndet afsnit."] == date(2024, 3, 4) and days[S + "\n\nAndet afsnit."] == date(2024, 3, 5)
    assert days["Fra JSONL."] == date(2024, 3, 6) and days["Gammel.\n\nAndet afsnit."] == date(1799, 12, 31)
