from datetime import date

import pytest

from tracker.sources import ArticleError, ArticleInput, parse_date, read_text_article

LEAD_ON_LINE_ONE = " date 2021-03 Mette Testesen (V) vil have flere cykelstier.\n\nAndet afsnit her.\n"
DATE_ALONE = "date 2019-11-05\n\nOverskrift uden punktum\n\nFørste afsnit. Andet punktum.\n"


def test_lead_on_the_date_line_is_kept_verbatim():
    article = read_text_article(LEAD_ON_LINE_ONE, source="a.txt")
    assert article.text.startswith("Mette Testesen (V) vil have flere cykelstier.")
    assert "date" not in article.text
    assert article.published == date(2021, 3, 1)
    assert article.date_precision == "month"
    assert article.source == "a.txt"


def test_date_alone_on_line_one_gives_day_precision():
    article = read_text_article(DATE_ALONE, source="b.txt")
    assert article.published == date(2019, 11, 5)
    assert article.date_precision == "day"
    assert article.text.startswith("Overskrift uden punktum")
    assert "Første afsnit. Andet punktum." in article.text


def test_text_is_a_substring_of_the_raw_input():
    article = read_text_article(LEAD_ON_LINE_ONE)
    assert article.text in LEAD_ON_LINE_ONE


def test_reads_a_file(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(DATE_ALONE, encoding="utf-8")
    article = read_text_article(path)
    assert article.source == "x.txt"
    assert isinstance(article, ArticleInput)


@pytest.mark.parametrize("raw", ["date 2020-13\n\nTekst.", "date januar\n\nTekst.", "Tekst uden dato."])
def test_bad_or_missing_date_is_a_warning(raw):
    article = read_text_article(raw)
    assert article.published is None
    assert article.warnings


@pytest.mark.parametrize("raw", ["", "   \n\n", "date 2020-01\n\n  \n"])
def test_empty_article_raises(raw):
    with pytest.raises(ArticleError):
        read_text_article(raw)


def test_parse_date():
    assert parse_date("2020-01") == (date(2020, 1, 1), "month")
    assert parse_date("2020-02-30") == (None, None)
