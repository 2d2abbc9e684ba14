"""Fuzzing: whatever the input, reading gives whole articles or one clear error, never a traceback.

Random bytes, random Unicode, random article structure and very long lines, through the text
parser, the readers of every format and ingest (on SQLite and, with a URL, PostgreSQL).
Example counts are modest to keep the suite fast.
"""

from __future__ import annotations

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
json_records = st.fixed_dictionaries({}, optional={
    "text": st.one_of(any_text, json_values), "date": st.one_of(date_values, json_values),
    "title": json_values, "url": json_values, "source": json_values, "outlet": json_values}).map(
    lambda record: __import__("json").dumps(record, ensure_ascii=False))
file_contents = {
    "txt": st.one_of(st.binary(max_size=2000), any_text.map(lambda t: t.encode("utf-8", "surrogatepass"))),
    "jsonl": st.lists(st.one_of(json_records, st.text(max_size=40)), max_size=5).map(
        lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")),
    "csv": st.lists(st.lists(st.one_of(any_text, st.sampled_from(["text", "date", "title", ";", "\"", "\t"])),
                             max_size=4), max_size=5).map(
        lambda rows: "\n".join(",".join(row) for row in [["text", "date", "title"], *rows]).encode(
            "utf-8", "surrogatepass")),
    "html": st.lists(st.one_of(paragraphs, st.sampled_from(["<p>", "</p>", "<script>", "<h1>", "<nav>", "<br>",
                                                            "<time datetime='2024-01-02'>", "&amp;", "<!--"])),
                     max_size=30).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass")),
}


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
