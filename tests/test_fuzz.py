"""Fuzzing: whatever the input, reading gives whole articles or one clear error, never a traceback.

Random bytes, random Unicode, random article structure and very long lines, through the text
parser, the readers of every format and ingest (on SQLite and, with a URL, PostgreSQL).
Example counts are modest to keep the suite fast.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.sources import ArticleError, ArticleInput, parse_text_article, read_text_article

try:
    from tracker import readers
except ImportError:  # the multi-format readers are optional
    readers = None

# Everything before the article's text: an optional date marker, then line breaks.
PREFIX = re.compile(r"(?:[ \t]*date[ \t]+\S*[ \t]*)?\n*")

# --- strategies -------------------------------------------------------------------------------

WORDS = ["Mette Testesen (V)", "siger", "at", "skatten", "skal", "ned", "Folketinget", "regeringen", "“",
         "”", '"', "–", "-", ":", ",", ".", "SF", "(S)", "Jens Prøvesen", "mener", "ikke", "æøå", "ÆØÅ",
         "\t", " ", "  ", "date", "2024-01", "\u00a0", "\u200b", "🙂", "\x00", "\r", "\r\n"]
date_values = st.one_of(st.dates(date(1900, 1, 1), date(2100, 12, 31)).map(str),
                        st.dates().map(lambda d: d.strftime("%Y-%m")), st.text(max_size=12))
paragraphs = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)
structured = st.builds(
    lambda marker, value, lead, paras, sep: (f"{marker}{value} {lead}\n" if marker else "") + sep.join(paras),
    st.sampled_from(["", "date ", " date\t", "Date ", "date  "]), date_values, paragraphs,
    st.lists(paragraphs, max_size=6), st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\r\r", "\n \n"]))
long_lines = st.builds(lambda word, times, tail: "date 2024-02-03\n\n" + word * times + tail,
                       st.sampled_from(["Mette Testesen (V) siger nej. ", "x", "æ ", "“citat” "]),
                       st.integers(1_000, 60_000), st.text(max_size=20))
any_text = st.one_of(st.text(), structured, long_lines)


# --- the users' text format ---------------------------------------------------------------------

@settings(max_examples=300)
@given(any_text)
def test_parse_gives_the_whole_text_or_an_article_error(raw):
    try:
        article = parse_text_article(raw, "fuzz.txt")
    except ArticleError:
        return
    normal = raw.replace("\r\n", "\n").replace("\r", "\n")
    assert article.text.strip(), "an article without text"
    trimmed = normal.rstrip()
    assert trimmed.endswith(article.text), "text lost at the end"
    assert PREFIX.fullmatch(trimmed[:len(trimmed) - len(article.text)]), "text lost at the start"
    assert article.date_precision in (None, "day", "month")
    assert (article.published is None) == (article.date_precision is None)


@settings(max_examples=150)
@given(any_text)
def test_parse_refuses_only_articles_without_text(raw):
    try:
        parse_text_article(raw, "fuzz.txt")
    except ArticleError:
        normal = raw.replace("\r\n", "\n").replace("\r", "\n")
        assert not normal[PREFIX.match(normal).end():].strip(), "refused an article with text"


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=3000), any_text.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_reading_a_file_of_any_bytes(tmp_path, data):
    path = tmp_path / "artikel.txt"
    path.write_bytes(data)
    try:
        article = read_text_article(path)
    except ArticleError:
        return
    assert isinstance(article, ArticleInput) and article.text.strip()
    assert article.source == "artikel.txt"


# --- every reader ---------------------------------------------------------------------------------

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
                           max_leaves=8)


def utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def file_contents_of(texts) -> dict:
    """For each file type, a strategy for a file's bytes, with article texts drawn from `texts`."""
    records = st.fixed_dictionaries({}, optional={
        "text": st.one_of(texts, json_values), "date": st.one_of(date_values, json_values),
        "title": json_values, "url": json_values, "source": json_values, "outlet": json_values}).map(
        lambda record: json.dumps(record, ensure_ascii=False))
    cells = st.one_of(texts, st.sampled_from(["text", "date", "title", ";", "\"", "\t"]))
    tags = st.sampled_from(["<p>", "</p>", "<script>", "<h1>", "<nav>", "<br>", "<time datetime='2024-01-02'>",
                            "&amp;", "<!--"])
    return {
        "txt": st.one_of(st.binary(max_size=2000), texts.map(utf8)),
        "jsonl": st.lists(st.one_of(records, st.text(max_size=40)), max_size=5).map(
            lambda lines: utf8("\n".join(lines))),
        "csv": st.lists(st.lists(cells, max_size=4), max_size=5).map(
            lambda rows: utf8("\n".join(",".join(row) for row in [["text", "date", "title"], *rows]))),
        "html": st.lists(st.one_of(paragraphs, tags, texts), max_size=30).map(lambda parts: utf8("".join(parts))),
    }


file_contents = file_contents_of(any_text)

@pytest.mark.skipif(readers is None, reason="no tracker.readers")
@pytest.mark.parametrize("suffix", sorted(file_contents))
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_readers_give_articles_or_errors_for_any_file(tmp_path, suffix, data):
    content = data.draw(st.one_of(file_contents[suffix], st.binary(max_size=500)))
    path = tmp_path / f"input.{suffix}"
    path.write_bytes(content)
    for item in readers.read_inputs([str(path)]):
        assert isinstance(item, (ArticleInput, ArticleError, readers.Notice)), item
        if isinstance(item, ArticleInput):
            assert item.text.strip(), "an article without text"
        if isinstance(item, ArticleError):
            assert str(item).strip() and "\n" not in str(item).strip(), "an error is one line"


# --- ingest ---------------------------------------------------------------------------------------

# Long lines (up to 20,000 characters), but few statements in one paragraph: those cost the NLP
# quadratic time (hundreds of statements in one paragraph take minutes).
ingest_lines = st.builds(
    lambda word, share: "date 2024-02-03\n\n" + word[0] * int(word[1] * share),
    st.sampled_from([("x", 20_000), ("æ ", 5_000), ("“citat” ", 1_000), ("- ", 3_000),
                     ("Mette Testesen (V) siger nej. ", 60)]), st.floats(0.2, 1.0))
ingest_contents = file_contents_of(st.one_of(st.text(), structured, ingest_lines))
ingest_files = st.lists(st.tuples(st.sampled_from(["txt", "txt", "jsonl", "csv", "html"]), st.data()),
                        min_size=1, max_size=4)


def draw_content(data, suffix: str) -> bytes:
    return data.draw(st.one_of(ingest_contents[suffix], st.binary(max_size=300)))

@pytest.mark.slow
def test_ingest_of_any_files_never_breaks_and_stores_whole_articles(database, tmp_path, monkeypatch):
    from click.testing import CliRunner
    from sqlalchemy import select

    from consistency import assert_consistent
    from tracker.app import Tracker
    from tracker.cli import cli
    from tracker.db.models import Article
    from tracker.nlp import pipeline
    from tracker.store import content_hash

    tracker = Tracker(database)
    nlp = pipeline.build_pipeline(tracker.registry)
    monkeypatch.setattr(pipeline, "build_pipeline", lambda registry=None, issues=None: nlp)  # build it once, not per run
    folders = iter(range(10_000))

    @settings(max_examples=20, derandomize=True)
    @given(ingest_files)
    def ingest(files):
        folder = tmp_path / f"run{next(folders)}"
        folder.mkdir()
        for number, (suffix, data) in enumerate(files):
            (folder / f"input{number}.{suffix}").write_bytes(draw_content(data, suffix))
        result = CliRunner().invoke(cli, ["--db", database, "ingest", "-q", str(folder)], catch_exceptions=False)
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output
        if readers is not None and result.exit_code == 0:
            with tracker.session() as session:
                stored = set(session.scalars(select(Article.content_hash)))
            for item in readers.read_inputs([str(folder)]):
                if isinstance(item, ArticleInput):
                    assert content_hash(item.text) in stored, "an article read but not stored"

    ingest()
    with tracker.session() as session:
        for digest, text in session.execute(select(Article.content_hash, Article.text)):
            assert content_hash(text) == digest, "a stored text is not the whole article"
    assert_consistent(tracker, nlp)
    tracker.close()


def test_ingest_stores_what_postgresql_refuses_as_given(database, tmp_path):
    """NUL characters and values longer than their columns: stored, not a failure."""
    from click.testing import CliRunner
    from sqlalchemy import select

    from tracker.app import Tracker
    from tracker.cli import cli
    from tracker.db.models import Article

    text = "Mette Testesen (V) siger\u0000, at skatten skal ned.\u0000 " + "Lang linje. " * 500
    record = {"text": text, "date": "2024-05-06", "url": "https://example.org/" + "u" * 2000, "source": "s" * 900,
              "outlet": "o" * 300, "title": "t" * 5000, "ekstra": "\u0000"}
    (tmp_path / "input.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", database, "ingest", "-q", str(tmp_path / "input.jsonl")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    tracker = Tracker(database)
    with tracker.session() as session:
        article = session.scalars(select(Article)).one()
        assert len(article.text) == len(text.strip()) and "\u0000" not in article.text
        assert article.text.startswith("Mette Testesen (V) siger\ufffd, at skatten skal ned.\ufffd ")
        assert len(article.source) == 500 and len(article.url) == 1000 and article.title == "t" * 5000
    tracker.close()
