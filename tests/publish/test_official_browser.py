"""A real browser (headless chromium via Playwright, as in test_browser.py) on the demo database: the
organisation page's official record line and markers, and the disagreement query."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from livesite import served

CHROMIUM = os.environ.get("NHSWATCH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

pytestmark = pytest.mark.slow
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip(f"chromium is not installed ({CHROMIUM})", allow_module_level=True)


@pytest.fixture(scope="module")
def server(demo_path, tmp_path_factory):
    """``datasette`` serving a freshly built demo database; yields its base URL."""
    with served(demo_path, tmp_path_factory.mktemp("serve")) as base:
        yield base


@pytest.fixture
def page(server):
    """A chromium page that fails the test on JavaScript or console errors and requests leaving the machine."""
    problems: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
        page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)

        def only_local(route):
            if route.request.url.startswith(server):
                route.continue_()
            else:
                problems.append(f"request left the machine: {route.request.url}")
                route.abort()

        page.route("**/*", only_local)
        yield page
        browser.close()
    assert problems == []


def test_organisation_page_shows_the_official_record_line(server, page):
    page.goto(f"{server}/-/organisation/RTF")
    line = page.locator("#official-record-lines li").first
    assert "Official record" in line.inner_text() and "segment 2 (2025/26 framework)" in line.inner_text()
    # the demo's local newsroom is gone after the build: its archived copy is linked, never the dead page
    archived = line.locator("a", has_text="archived copy")
    assert "/-/archive/" in archived.get_attribute("href")
    assert archived.get_attribute("title").endswith("/official/nof-league-table-acute-q4-2025-26.csv")
    assert page.locator("#official-markers .official-mark").count() == 1
    assert "segment 2" in page.locator("#official-conflicts").inner_text()


def test_disagreement_query_lists_the_disagreeing_organisations(server, page):
    page.goto(f"{server}/nhswatch/press_official_disagreements")
    table = page.locator("table.rows-and-columns").inner_text()
    assert "RMY" in table and "RTF" in table and "QMM" not in table


def test_organisation_page_draws_the_official_only_period_on_the_chart(server, page):
    page.goto(f"{server}/-/organisation/RCX")
    bar = page.locator("#timeline-chart rect.official-period")
    assert bar.count() == 1 and bar.is_visible()
    assert "official record" in bar.locator("title").text_content()
    assert "segment 3 (2025/26 framework)" in page.locator("#official-periods").inner_text()
