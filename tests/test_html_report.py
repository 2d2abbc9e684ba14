"""tracker report: a self-contained HTML page, checked as text and in headless Chromium when installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from html import escape
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from reports_fixture import ARTICLES, KINDS, STATEMENTS, build
from tracker.cli import cli
from tracker.html_report import colour, period_range, render_report
from test_ingest import fake_pipeline  # noqa: F401  (the stand-in pipeline fixture)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("html") / "fixture.db")
    build(path).close()
    return path


@pytest.fixture(scope="module")
def page(fixture_db, tmp_path_factory):
    """The report written by `tracker report`: (path, text)."""
    path = tmp_path_factory.mktemp("page") / "report.html"
    result = CliRunner().invoke(cli, ["--db", fixture_db, "report", "-o", str(path), "--lang", "en"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return path, path.read_text(encoding="utf-8")


class Elements(HTMLParser):
    """Tags with their attributes, in document order."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def elements(text: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(text)
    return parser.tags


def test_page_needs_no_network(page):
    _, text = page
    tags = elements(text)
    assert not [t for t, a in tags if t in ("link", "img", "iframe") or (t == "script" and "src" in a)]
    assert "@import" not in text and "url(" not in text
    links = {a["href"] for t, a in tags if t == "a"}
    urls = {url for _, _, url in ARTICLES.values() if url}
    assert all(href.startswith("#issue-") or href in urls for href in links)


def test_page_holds_the_heatmap_every_issue_and_the_quotes(page):
    _, text = page
    tags = elements(text)
    spoken = {s[3] for s in STATEMENTS if KINDS.get(s[3]) != "other"}  # a catch-all is no issue
    assert {a["id"] for t, a in tags if t == "section"} == {f"issue-{slug}" for slug in spoken}
    assert sum(1 for t, a in tags if t == "table" and a.get("id") == "heatmap") == 1
    assert (sum(1 for t, _ in tags if t == "svg" and _.get("aria-label", "").startswith("Net position by"))
               == len(spoken))
    assert escape("En afgift vil sende arbejdspladser <ud af landet>") in text  # quotes are escaped
    assert "Strid om afgift på landbruget" in text  # the article a quote came from


def test_heatmap_cells_carry_net_positions_and_counts(page):
    _, text = page
    assert re.search(r'title="V, Landbruget skal betale en CO2-afgift: 0 for, 2 against, 0 neutral \(Net -1\.00\)">'
                     r'-1\.00<', text)


def test_colours_run_from_orange_through_white_to_teal():
    assert colour(0) == "rgb(255,255,255)"
    assert colour(1) != colour(-1) and colour(0.5) != colour(1)


@pytest.mark.parametrize("first, last, by, expected", [
    ("2021-Q3", "2022-Q1", "quarter", ["2021-Q3", "2021-Q4", "2022-Q1"]),
    ("2023-11", "2024-02", "month", ["2023-11", "2023-12", "2024-01", "2024-02"]),
    ("2020", "2020", "year", ["2020"]),
])
def test_period_range(first, last, by, expected):
    assert period_range(first, last, by) == expected


def test_report_scope_and_unknown_party(fixture_db, tmp_path):
    path = tmp_path / "r.html"
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", fixture_db, "report", "-o", str(path), "--topic", "Environment"])
    assert result.exit_code == 0 and "co2-afgift" in path.read_text() and "pensionsalder" not in path.read_text()
    result = runner.invoke(cli, ["--db", fixture_db, "report", "-o", str(path), "--parties", "Venstr"])
    assert result.exit_code == 2 and "Closest: Venstre" in result.output


def test_the_page_is_danish_by_default_with_labels_and_party_colours(fixture_db, tmp_path):
    path = tmp_path / "rapport.html"
    result = CliRunner().invoke(cli, ["--db", fixture_db, "report", "-o", str(path)], catch_exceptions=False)
    text = path.read_text(encoding="utf-8")
    assert result.exit_code == 0 and '<html lang="da">' in text
    assert "Hvordan partierne adskiller sig emne for emne" in text and "Nettoholdninger" in text
    assert ">Landbruget skal betale en CO2-afgift</a></th>" in text  # the heatmap's rows: labels, not slugs
    assert "background:#C8102E" in text  # Socialdemokratiet's red (data/party_colours.csv)


def test_empty_database_gives_a_page(tmp_path):
    from tracker.app import Tracker

    tracker = Tracker(str(tmp_path / "empty.db"))
    with tracker.session() as session:
        text = render_report(session, lang="en")
    assert 'id="heatmap"' in text and "0 statements" in text


def chromium(*args: str, profile) -> subprocess.CompletedProcess:
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (apt-get install chromium)")
def test_chromium_renders_the_heatmap_and_quotes(page, tmp_path):
    path, _ = page
    done = chromium("--dump-dom", path.as_uri(), profile=tmp_path / "profile")
    dom = done.stdout
    assert 'id="heatmap"' in dom and "<svg" in dom
    assert escape("Vi har ventet længe nok på en afgift på landbrugets udledninger") in dom


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (apt-get install chromium)")
def test_chromium_runs_the_inline_filter(page, tmp_path):
    path, _ = page
    dom = chromium("--dump-dom", path.as_uri() + "#filter=pension", profile=tmp_path / "profile").stdout
    hidden = re.findall(r'<section class="issue hidden" id="issue-([\w-]+)"', dom)
    shown = re.findall(r'<section class="issue" id="issue-([\w-]+)"', dom)
    assert shown == ["pensionsalder"] and "co2-afgift" in hidden


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (apt-get install chromium)")
def test_chromium_takes_a_screenshot(page, tmp_path):
    path, _ = page
    shot = tmp_path / "report.png"
    chromium(f"--screenshot={shot}", "--window-size=1200,1600", path.as_uri(), profile=tmp_path / "profile")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_an_article_dated_before_year_1000_does_not_break_the_report(database, tmp_path, fake_pipeline):
    """Years before 1000 are '0999' in both databases; the page's periods must say the same."""
    fake_pipeline.issue = "topskat"  # on a catalogue issue (a statement on no issue has no period on the page)
    for day, name in (("0999-05-01", "old.txt"), ("2024-05-01", "new.txt")):
        (tmp_path / name).write_text(f" date {day} Skatten skal ned, siger Mette Testesen (V).\n", encoding="utf-8")
    runner = CliRunner()
    ingested = runner.invoke(cli, ["--db", database, "ingest", str(tmp_path / "old.txt"), str(tmp_path / "new.txt")])
    assert ingested.exit_code == 0, ingested.output
    for by in ("year", "quarter", "month"):
        output = tmp_path / f"report-{by}.html"
        result = runner.invoke(cli, ["--db", database, "report", "--by", by, "-o", str(output)])
        assert result.exit_code == 0, result.output
        assert "0999" in output.read_text(encoding="utf-8")
    assert period_range("0998", "1001", "year") == ["0998", "0999", "1000", "1001"]
    assert period_range("0999-Q4", "1000-Q1", "quarter") == ["0999-Q4", "1000-Q1"]
