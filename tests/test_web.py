"""Every route of the web app through Flask's test client; safety: escaping, CSRF, access token."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.web import create_app
from web_fixture import SCRIPT, build


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tracker, hostile = build(tmp_path_factory.mktemp("web"))
    yield tracker, hostile
    tracker.close()


@pytest.fixture
def app(built):
    return create_app(built[0])


@pytest.fixture
def client(app):
    return app.test_client()


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.get_data(as_text=True)


def csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def first_statement(built) -> dict:
    statements = built[0].article(1)[1]
    return statements[~statements["rejected"]].iloc[0].to_dict()


@pytest.mark.parametrize("url", ["/compare", "/compare/co2-afgift-landbrug", "/articles", "/article/1",
                                 "/search?q=afgifterne", "/search", "/parties", "/politicians", "/issues",
                                 "/corrections", "/compare?outlet=Ingen"])
def test_every_page_answers(client, url):
    html = page(client, url)
    assert "<html lang=\"da\">" in html and "Hvem sagde hvad" in html


def test_home_goes_to_compare_and_unknown_things_are_404(client):
    assert client.get("/").status_code == 302
    for url in ("/statement/999999", "/article/999999", "/compare/ingen-saadan-sag"):
        page(client, url, 404)


def test_the_heatmap_shows_labels_and_party_colours(client):
    html = page(client, "/compare")
    assert "CO2-afgift på landbruget" in html and 'data-issue="co2-afgift-landbrug"' in html
    assert "background:#C8102E" in html  # Socialdemokratiet's red, from data/party_colours.csv


def test_a_catalogue_issue_without_statements_says_so(client):
    assert "Der er ingen udsagn om" in page(client, "/compare/toptopskat")


def test_statement_page_highlights_its_evidence_in_the_article(client, built):
    s = first_statement(built)
    html = page(client, f"/statement/{s['id']}")
    assert f'<mark id="s{s["id"]}" class="focus"' in html and "Gem rettelse" in html


def test_article_text_is_escaped_everywhere(client, built):
    hostile = built[1]
    for url in (f"/statement/{hostile}", "/compare/co2-afgift-landbrug", "/search?q=landbruget+betale"):
        html = page(client, url)
        assert SCRIPT not in html and "&lt;script&gt;window.pwned" in html, url
    assert "script-src 'none'" in client.get("/compare").headers["Content-Security-Policy"]


def test_writes_need_post_and_the_csrf_token(client, built):
    s = first_statement(built)
    assert client.get(f"/statement/{s['id']}/reject").status_code == 405
    assert client.post(f"/statement/{s['id']}/reject").status_code == 400
    assert client.post(f"/statement/{s['id']}/reject", data={"csrf_token": "forged"}).status_code == 400
    assert not built[0].statement(s["id"])[0]["rejected"]


def test_reject_restore_correct_and_add_through_the_forms(client, built):
    s = first_statement(built)
    token = csrf(page(client, f"/statement/{s['id']}"))
    other = "against" if s["stance"] != "against" else "for"
    response = client.post(f"/statement/{s['id']}/correct", data={
        "csrf_token": token, "stance": other, "party": s["party_key"], "issue": s["issue"],
        "speaker": s["speaker"], "kind": s["kind"], "note": "via web", "by": "Redaktør"})
    assert response.status_code == 302
    record, history = built[0].statement(s["id"])
    assert record["stance"] == other and list(history["who"]) == ["Redaktør"] and list(history["field"]) == ["stance"]
    assert "Rettelsen er gemt" in page(client, f"/statement/{s['id']}")
    assert client.post(f"/statement/{s['id']}/reject", data={"csrf_token": token}).status_code == 302
    assert built[0].statement(s["id"])[0]["rejected"]
    assert client.post(f"/statement/{s['id']}/restore", data={"csrf_token": token}).status_code == 302
    assert not built[0].statement(s["id"])[0]["rejected"]
    article, _ = built[0].article(s["article_id"])
    evidence = article.text[s["start_char"]:s["end_char"]]
    response = client.post(f"/article/{s['article_id']}/add", data={
        "csrf_token": token, "evidence": evidence, "party": "KF", "issue": "topskat", "stance": "neutral"})
    assert response.status_code == 302
    new = int(response.headers["Location"].rsplit("/", 1)[1])
    assert built[0].statement(new)[0]["party_key"] == "KF"
    bad = client.post(f"/article/{s['article_id']}/add", data={
        "csrf_token": token, "evidence": "står ikke i artiklen", "party": "KF", "issue": "topskat", "stance": "for"})
    assert bad.status_code == 400
    assert "via web" in page(client, "/corrections")


def test_english_pages(built):
    html = page(create_app(built[0], lang="en").test_client(), "/compare")
    assert "<html lang=\"en\">" in html and "positions issue by issue" in html


def test_an_access_token_guards_every_page(built):
    client = create_app(built[0], token="hemmelig").test_client()
    assert client.get("/compare").status_code == 403
    assert client.get("/compare?token=forkert").status_code == 403
    response = client.get("/compare?token=hemmelig")
    assert response.status_code == 302 and "tracker_token=hemmelig" in response.headers["Set-Cookie"]
    assert client.get("/compare").status_code == 200  # the cookie


def test_serve_command(built, monkeypatch):
    started = {}
    monkeypatch.setattr("flask.Flask.run", lambda self, **kwargs: started.update(kwargs, app=self))
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", str(built[0].url.split("///", 1)[1]), "serve", "--port", "8123"])
    assert result.exit_code == 0 and "http://127.0.0.1:8123/" in result.output and "token=" not in result.output
    assert started["host"] == "127.0.0.1" and started["port"] == 8123
    result = runner.invoke(cli, ["--db", str(built[0].url.split("///", 1)[1]), "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 0 and "?token=" in result.output
    assert started["app"].config["ACCESS_TOKEN"] in result.output
    missing = runner.invoke(cli, ["--db", "/nonexistent-folder-x/none.db", "serve"])
    assert missing.exit_code == 1
