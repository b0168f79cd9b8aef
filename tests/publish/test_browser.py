"""A real browser (Debian's headless chromium, driven by Playwright) against ``datasette`` as ``nhswatch serve`` runs.

Loads the home page, runs a search, opens an organisation timeline and the Atom feed, and saves a
screenshot of each (to a temporary directory, or to $NHSWATCH_SCREENSHOTS). Fails on JavaScript
errors, console errors, alert dialogs (scraped HTML executing), requests leaving the machine, or
missing content. Skipped when chromium or the playwright package is not installed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from livesite import served

CHROMIUM = os.environ.get("NHSWATCH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.slow
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip(f"chromium is not installed ({CHROMIUM}); apt-get install -y chromium", allow_module_level=True)


@pytest.fixture(scope="module")
def server(sample_path, tmp_path_factory):
    """``datasette`` serving the sample database on a free port; yields its base URL."""
    with served(sample_path, tmp_path_factory.mktemp("serve")) as base:
        yield base


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("NHSWATCH_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(server):
    """A chromium page that records JS errors, console errors, dialogs and off-machine requests."""
    problems: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)

        def dialog(d):
            problems.append(f"dialog opened: {d.message}")
            d.dismiss()

        page.on("dialog", dialog)

        def only_local(route):
            if route.request.url.startswith(server):
                route.continue_()
            else:
                problems.append(f"request left the machine: {route.request.url}")
                route.abort()

        page.route("**/*", only_local)
        page.problems = problems
        yield page
        context.close()
        browser.close()
    assert problems == []


def visit(page, url: str, shots: Path, name: str):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    assert response is not None and response.ok, f"{url}: {response.status if response else 'no response'}"
    return response


def test_home_page(page, server, shots):
    visit(page, server + "/", shots, "home")
    assert "nhswatch - NHS oversight status tracker" in page.title()
    assert page.locator("a[href='/nhswatch/current_status']").count() == 1
    assert page.get_by_text("Open Government Licence").count() >= 1


def test_search(page, server, shots):
    visit(page, server + "/nhswatch/search_announcements", shots, "search-form")
    page.fill("input[name=q]", "Recovery Support")
    page.locator("form.sql input[type=submit]").click()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(shots / "search-results.png"), full_page=True)
    assert page.locator("td mark").count() >= 2
    assert page.get_by_text("Trusts join the Recovery Support Programme").count() >= 1
    visit(page, server + "/-/search?q=segment", shots, "search-all")
    page.wait_for_selector("#search-all-results table", timeout=15000)
    assert page.get_by_text("nhswatch: documents").count() >= 1


def test_organisation_timeline(page, server, shots):
    visit(page, server + "/-/organisation/RX1", shots, "organisation-RX1")
    chart = page.locator("svg#timeline-chart")
    assert chart.is_visible()
    assert chart.locator("rect.bar").count() >= 5 and chart.locator("rect.bar.current").count() == 3
    assert page.locator("#current-status li").count() == 3
    for link in chart.locator("a").all():  # a bar opens its change, or its period when no change is listed
        anchor = link.get_attribute("href")
        assert anchor.startswith(("#change-", "#period-")) and page.locator(anchor).count() == 1
    chart.locator("a[href^='#change-'] rect.bar").first.click()
    target = page.url.split("#", 1)[1]
    assert page.locator(f"tr#{target}").is_visible()
    assert page.locator(f"tr#{target} a", has_text="archived copy").count() >= 1


def test_hostile_document_stays_inert(page, server, shots):
    visit(page, server + "/-/organisation/RXN", shots, "organisation-RXN")
    assert page.get_by_text("<script>alert('xss')</script>", exact=False).count() >= 1
    assert page.locator("img[src=x]").count() == 0
    archive = page.locator("a", has_text="archived copy").first.get_attribute("href")
    visit(page, server + archive, shots, "archived-copy")  # readable: the scraped text escaped
    assert page.locator("article.nw-read img").count() == 0
    response = visit(page, server + page.locator("#raw-link").get_attribute("href"), shots, "archived-copy-raw")
    assert response.headers["content-type"].startswith("text/plain")
    assert page.locator("img").count() == 0


def test_atom_feed(page, server, shots):
    response = visit(page, server + "/nhswatch/changes_feed.atom", shots, "atom-feed")
    body = response.text()
    assert body.lstrip().startswith("<?xml") and "<feed" in body and body.count("<entry>") >= 10
    assert "tag:nhswatch,2025:change:" in body
