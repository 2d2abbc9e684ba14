"""The real app in headless Chromium (Debian's chromium and chromium-driver, driven by selenium): compare an
issue, open a statement, correct its stance, see the heatmap change; article text holding <script> stays text,
in the web app and in the report. Skipped only where no browser exists."""

from __future__ import annotations

import shutil
import threading

import pytest

from tracker.html_report import render_report
from tracker.web import create_app
from web_fixture import SCRIPT, build

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1000"]

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="needs chromium and chromium-driver (Debian)")]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from werkzeug.serving import make_server

    tracker, hostile = build(tmp_path_factory.mktemp("browser"))
    httpd = make_server("127.0.0.1", 0, create_app(tracker))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", tracker, hostile
    httpd.shutdown()
    tracker.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('profile')}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def heatmap_cell(browser, base: str, issue: str, party: str) -> str:
    from selenium.webdriver.common.by import By

    browser.get(f"{base}/compare")
    return browser.find_element(By.CSS_SELECTOR, f'tr[data-issue="{issue}"] td[data-party="{party}"]').text


def test_correcting_a_stance_changes_the_heatmap(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import Select, WebDriverWait

    base, tracker, _ = server
    issue, party = "co2-afgift-landbrug", "V"
    before = heatmap_cell(browser, base, issue, party)
    browser.get(f"{base}/compare/{issue}")
    rows = [row for row in browser.find_elements(By.CSS_SELECTOR, "table.statements tbody tr")
            if "Venstre" in row.text]
    rows[0].find_element(By.CSS_SELECTOR, "a.open").click()
    assert "Udsagn" in browser.find_element(By.TAG_NAME, "h1").text
    assert browser.find_element(By.CSS_SELECTOR, "mark.focus").text  # its evidence, highlighted in the article
    stance = Select(browser.find_element(By.CSS_SELECTOR, "#correct select[name=stance]"))
    new = "for" if stance.first_selected_option.get_attribute("value") == "against" else "against"
    stance.select_by_value(new)
    browser.find_element(By.ID, "save").click()
    flash = WebDriverWait(browser, 30).until(  # the POST and its redirect: slower on a busy machine
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".flash")))
    assert "Rettelsen er gemt" in flash.text
    after = heatmap_cell(browser, base, issue, party)
    assert after != before, (before, after)


def test_article_text_with_a_script_is_shown_as_text_in_the_app(server, browser):
    from selenium.webdriver.common.by import By

    base, _, hostile = server
    browser.get(f"{base}/statement/{hostile}")
    assert browser.execute_script("return window.pwned") is None and browser.title != "pwned"
    assert SCRIPT in browser.find_element(By.CSS_SELECTOR, ".article-text").text


def test_article_text_with_a_script_is_shown_as_text_in_the_report(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    _, tracker, _ = server
    with tracker.session() as session:
        page = render_report(session)
    path = tmp_path / "rapport.html"
    path.write_text(page, encoding="utf-8")
    browser.get(path.as_uri())
    assert browser.execute_script("return window.pwned") is None and browser.title != "pwned"
    assert SCRIPT in browser.find_element(By.TAG_NAME, "body").text
