"""tracker.readers: every input format and every kind of bad input, without a database."""

from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from tracker.readers import Notice, ReadOptions, expand, read_inputs, read_stream
from tracker.sources import ArticleError, ArticleInput

LEAD = "Venstre vil sænke skatten, siger Mette Testesen (V)."


def read(*names, **options) -> list:
    return list(read_inputs([str(n) for n in names], ReadOptions(**options)))


def articles(items) -> list[ArticleInput]:
    return [item for item in items if isinstance(item, ArticleInput)]


def errors(items) -> list[str]:
    return [str(item) for item in items if isinstance(item, ArticleError)]


def test_text_format_with_date_and_lead(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f" date 2024-05 {LEAD}\n\nAnden afsnit.\n", encoding="utf-8")
    [article] = read(path)
    assert article.published == date(2024, 5, 1) and article.date_precision == "month"
    assert article.text.startswith("Venstre vil") and article.source == str(path)
    assert article.warnings == []


def test_folder_is_read_recursively_sorted_without_hidden_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("date 2024-01-02\nTo.", encoding="utf-8")
    (tmp_path / "1.txt").write_text("date 2024-01-01\nEn.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("date 2024-01-01\nSkjult.", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\x00\x00")
    items = read(tmp_path)
    assert [a.text for a in articles(items)] == ["En.", "To."]
    [notice] = [i for i in items if isinstance(i, Notice)]
    assert "skipped 1 file(s)" in notice.message and ".png" in notice.message


def test_glob_pattern_and_no_match(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("x1.txt", "x2.txt", "y.txt"):
        Path(name).write_text(f"date 2024-01-01\nTekst {name}.", encoding="utf-8")
    assert [a.source for a in articles(read("x*.txt"))] == ["x1.txt", "x2.txt"]
    assert errors(read("z*.txt")) == ["z*.txt: no files match"]


def test_missing_and_unreadable_paths_name_the_file(tmp_path, monkeypatch):
    assert errors(read(tmp_path / "nope.txt")) == [f"{tmp_path / 'nope.txt'}: cannot read (No such file or directory)"]
    locked = tmp_path / "locked.txt"
    locked.write_text("date 2024-01-01\nTekst.", encoding="utf-8")
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)  # (tests may run as root, for whom chmod 000 changes nothing)
    assert errors(read(locked)) == [f"{locked}: cannot read (Permission denied)"]


def test_empty_binary_and_too_large_files(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"date 2024-01-01\n\x00\x01\x02binary")
    (tmp_path / "noise.txt").write_bytes(bytes(range(1, 256)) * 4)  # no NUL byte, but control characters
    (tmp_path / "big.txt").write_text("date 2024-01-01\n" + "ord " * 400, encoding="utf-8")
    names = ("empty.txt", "blob.txt", "noise.txt", "big.txt")
    found = errors(read(*(tmp_path / name for name in names), max_size=1500))
    assert found[0] == f"{tmp_path / 'empty.txt'}: empty file"
    assert found[1] == f"{tmp_path / 'blob.txt'}: a binary file, not text"
    assert found[2] == f"{tmp_path / 'noise.txt'}: a binary file, not text"
    assert found[3].startswith(f"{tmp_path / 'big.txt'}: ") and "limit (see --max-size)" in found[3]


def test_cp1252_text_is_read_with_a_warning(tmp_path):
    path = tmp_path / "gammel.txt"
    path.write_bytes("date 2023-02-03\nSøren Prøvesen (K) er imod afgiften.".encode("cp1252"))
    [article] = read(path)
    assert "Søren Prøvesen" in article.text
    assert any("not UTF-8" in w and "cp1252" in w for w in article.warnings)


def test_utf16_text_with_a_bom_is_read(tmp_path):
    path = tmp_path / "notesblok.txt"
    path.write_bytes("date 2023-02-03\nSøren Prøvesen (K) er imod.".encode("utf-16"))
    [article] = read(path)
    assert article.text == "Søren Prøvesen (K) er imod." and article.warnings == []


def test_missing_or_malformed_date_warns_and_default_date_fills_in(tmp_path):
    (tmp_path / "a.txt").write_text("Ingen dato her.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("date 2024-13-45\nForkert dato.", encoding="utf-8")
    plain = read(tmp_path)
    assert [a.published for a in plain] == [None, None]
    assert plain[0].warnings == ["no date line"] and "malformed date" in plain[1].warnings[0]
    dated = read(tmp_path, default_date=date(2020, 6, 1), default_precision="month")
    assert [a.published for a in dated] == [date(2020, 6, 1)] * 2
    assert dated[0].warnings == [] and "default date" in dated[1].warnings[0]


def jsonl(path: Path, *lines) -> Path:
    path.write_text("\n".join(l if isinstance(l, str) else json.dumps(l, ensure_ascii=False) for l in lines) + "\n",
                    encoding="utf-8")
    return path


def test_jsonl_fields_metadata_and_bad_lines(tmp_path):
    path = jsonl(tmp_path / "a.jsonl",
                 {"text": LEAD, "published": "2024-03-04T08:00:00Z", "title": "Skat", "url": "https://x.dk/1",
                  "outlet": "Avisen", "section": "politik"},
                 "{not json",
                 "",
                 [1, 2],
                 {"title": "ingen tekst"},
                 {"text": "Uden dato.", "source": "id-7"})
    items = read(path)
    first, second = articles(items)
    assert (first.published, first.title, first.url, first.outlet) == (date(2024, 3, 4), "Skat", "https://x.dk/1", "Avisen")
    assert first.metadata["section"] == "politik" and first.source == f"{path}:1"
    assert second.source == "id-7" and second.warnings == ["no date"] and second.metadata["origin"] == f"{path}:6"
    assert errors(items) == [f"{path}:2: malformed JSON (Expecting property name enclosed in double quotes at column 2)",
                             f"{path}:4: not a JSON object", f"{path}:5: no text"]


def test_jsonl_line_over_the_size_limit_is_refused_and_the_next_read(tmp_path):
    path = jsonl(tmp_path / "a.jsonl", {"text": "x" * 5000}, {"text": "Kort."})
    items = read(path, max_size=1000)
    assert [a.text for a in articles(items)] == ["Kort."]
    assert errors(items) == [f"{path}:1: a line of 4.9 KB, larger than the 1000 bytes limit (see --max-size)"]


def test_jsonl_column_mapping_and_cp1252_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(json.dumps({"body": "Æbler og pærer.", "when": "3.4.2024"}, ensure_ascii=False).encode("cp1252")
                     + b"\n")
    [article] = read(path, columns={"text": "body", "date": "when"})
    assert article.text == "Æbler og pærer." and article.published == date(2024, 4, 3)
    assert "cp1252" in article.warnings[0]


def test_csv_semicolons_quotes_mapping_and_bad_rows(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('brødtekst;dato;kilde\n'
                    '"Første afsnit.\n\nAndet; med semikolon.";2024-02-01;k1\n'
                    'for;mange;felter;her\n'
                    ';2024-02-02;tom\n'
                    'Sidste.;;k3\n', encoding="utf-8")
    items = read(path, columns={"text": "brødtekst", "date": "dato", "source": "kilde"})
    first, last = articles(items)
    assert first.text == "Første afsnit.\n\nAndet; med semikolon." and first.source == "k1"
    assert first.published == date(2024, 2, 1) and last.warnings == ["no date"]
    assert errors(items) == [f"{path}:5: 4 fields where the header has 3", f"{path}:6: no text"]


def test_csv_without_text_column(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("body,date\nTekst,2024-01-01\n", encoding="utf-8")
    [problem] = errors(read(path))
    assert problem.startswith(f"{path}: no 'text' column (columns: body, date)")


def test_csv_with_a_broken_header_or_row_is_one_line_each(tmp_path):
    broken_header = tmp_path / "a.csv"
    broken_header.write_bytes(b"te\rxt,date\nTekst,2024-01-01\n")
    assert errors(read(broken_header)) == [f"{broken_header}: malformed CSV header (new-line character seen in "
                                           "unquoted field)"]
    broken_row = tmp_path / "b.csv"
    broken_row.write_bytes(b"text,date\nTe\rkst,2024-01-01\nGod,2024-01-02\n")
    items = read(broken_row)
    assert [a.text for a in articles(items)] == ["God"]
    assert errors(items)[0].startswith(f"{broken_row}:2: malformed CSV row (")


def test_html_visible_paragraphs_title_and_date(tmp_path):
    path = tmp_path / "a.html"
    path.write_text("""<html><head><title>Skat &amp; velfærd</title>
        <meta property="article:published_time" content="2024-09-10T06:00:00+02:00">
        <script>var x = "<p>ikke tekst</p>";</script><style>p {color: red}</style></head>
        <body><nav><p>Forside</p></nav><article><h1>Stor overskrift</h1>
        <p>Første <b>afsnit</b>
        fortsætter.</p><p>- Vi siger nej, siger Mette Testesen (V).<p>Uden slutmærke</article>
        <footer><p>Kontakt</p></footer></body></html>""", encoding="utf-8")
    [article] = read(path)
    assert article.text == ("Stor overskrift\n\nFørste afsnit fortsætter.\n\n"
                            "- Vi siger nej, siger Mette Testesen (V).\n\nUden slutmærke")
    assert article.title == "Skat & velfærd" and article.published == date(2024, 9, 10)


def test_html_without_paragraphs_is_an_error(tmp_path):
    path = tmp_path / "a.html"
    path.write_text("<html><nav><p>menu</p></nav><div>løs tekst</div></html>", encoding="utf-8")
    assert "no article text" in errors(read(path))[0]


@pytest.mark.parametrize("data, kind", [
    (b'{"text": "Fra stdin.", "date": "2024-01-01"}\n{"text": "To."}\n', "jsonl"),
    (b"date 2024-01-01\nFra stdin.\n", "text"),
    (b"<html><p>Fra stdin.</p></html>", "html"),
])
def test_stdin_format_is_guessed(data, kind):
    items = list(read_stream(io.BytesIO(data), "<stdin>", ReadOptions()))
    assert articles(items)[0].text == "Fra stdin." and not errors(items)


def test_stdin_csv_needs_format():
    data = b"text,date\nFra stdin.,2024-01-01\n"
    [article] = list(read_stream(io.BytesIO(data), "<stdin>", ReadOptions(format="csv")))
    assert article.published == date(2024, 1, 1)


def test_expand_keeps_missing_name_for_its_error(tmp_path):
    assert list(expand(str(tmp_path / "missing.txt"))) == [tmp_path / "missing.txt"]


def test_lone_surrogates_from_json_escapes_become_replacement_characters(tmp_path):
    from tracker.readers import read_inputs

    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "Mette Testesen (V) vil s\\ud800nke skatten.", "date": "2024-01"}\n', encoding="utf-8")
    [article] = list(read_inputs([str(path)]))
    assert article.text == "Mette Testesen (V) vil s\ufffdnke skatten."
    article.text.encode("utf-8")  # no UnicodeEncodeError downstream


class Pipe(io.BytesIO):
    """A stream that cannot seek, as stdin from a pipe."""

    def seekable(self) -> bool:
        return False


@pytest.mark.parametrize("data, fmt", [
    ('{"text": "Fra en pipe.", "date": "2024-01-01"}\n'.encode("utf-16"), None),
    ("text\tdate\r\nFra en pipe.\t2024-01-01\r\n".encode("utf-16"), "csv"),
    (b'{"text": "Fra en pipe.", "date": "2024-01-01"}\n', None),
    (b"date 2024-01-01\nFra en pipe.\n", None),
])
def test_a_stream_that_cannot_seek_is_read_from_its_start(data, fmt):
    [article] = list(read_stream(Pipe(data), "<stdin>", ReadOptions(format=fmt)))
    assert article.text == "Fra en pipe." and article.published == date(2024, 1, 1)


def test_a_binary_file_is_still_refused_and_a_lone_nul_is_not_binary(tmp_path):
    (tmp_path / "blob.jsonl").write_bytes(bytes(range(0, 32)) * 20)
    (tmp_path / "one.jsonl").write_bytes(b'{"text": "En NUL\x00 her."}\n')
    items = read(tmp_path / "blob.jsonl", tmp_path / "one.jsonl")
    assert errors(items) == [f"{tmp_path / 'blob.jsonl'}: a binary file, not text"]
    assert [a.text for a in articles(items)] == ["En NUL\ufffd her."]
