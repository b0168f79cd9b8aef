"""A real browser (headless chromium via Playwright, set up as in test_browser.py) on the demo site, as a
person meets it: the front page and its finder, a canned query with dropdowns and a bad date, an
organisation page on a 390 px phone, the archived copy with its highlighted evidence, and no dead link
anywhere (every internal link of the demo site answers 200; no link points at the demo's local newsroom,
which is gone once the demo has been built)."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import datasette.plugins  # noqa: F401  (loads the site plugins before nhswatch.site is imported)
import pytest
import test_browser
import yaml
from livesite import served

from nhswatch.serving import REPO_METADATA
from nhswatch.site.links import is_loopback_url

pytestmark = pytest.mark.slow
visit = test_browser.visit
page, shots = test_browser.page, test_browser.shots  # the same browser fixtures as test_browser.py
MAX_PAGES = 3000
QUERIES = yaml.safe_load(REPO_METADATA.read_text(encoding="utf-8"))["databases"]["nhswatch"]["queries"]


@pytest.fixture(scope="module")
def server(demo_path, tmp_path_factory):
    """``datasette`` serving a freshly built demo database (its newsroom already stopped); yields its base URL."""
    with served(demo_path, tmp_path_factory.mktemp("serve")) as base:
        yield base


def test_front_page_finder_goes_to_the_organisation(page, server, shots):
    visit(page, server + "/", shots, "front")
    assert page.locator(".nw-intensive li").count() >= 1 and page.locator(".nw-latest li").count() >= 5
    page.fill("#finder-q", "paget")
    page.wait_for_selector("#finder-suggestions li", timeout=10000)
    page.screenshot(path=str(shots / "front-finder.png"))
    assert "James Paget" in page.locator("#finder-suggestions li").first.inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url("**/-/organisation/RGP")
    assert "James Paget" in page.locator("h1#org-name").inner_text()


def test_finder_without_suggestions_still_lands_on_the_page(page, server, shots):
    visit(page, server + "/-/find?q=james+paget", shots, "find-redirect")
    assert page.url.endswith("/-/organisation/RGP")
    visit(page, server + "/-/find?q=shrewsbury", shots, "find-several")  # a trust and another's hospital site
    assert {"RXW", "RXX"} <= {
        a.split("/")[-1]
        for a in page.locator("#find-results a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    }


def test_canned_query_dropdowns_and_a_bad_date(page, server, shots):
    visit(page, server + "/nhswatch/current_status", shots, "query-dropdowns")
    framework = page.locator("select[name=framework]")
    framework.select_option(label="Recovery Support Programme")
    status = page.locator("select[name=status]")
    assert status.locator("option").all_inner_texts() == [
        "any status",
        "Recovery Support Programme",
        "not in the Recovery Support Programme",
    ]
    status.select_option("in")
    page.locator("form.sql input[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "framework=rsp" in page.url and "status=in" in page.url
    assert page.locator("table.rows-and-columns tbody tr").count() >= 1
    assert page.locator("td.col-framework", has_text="Recovery Support Programme").count() >= 1
    assert page.locator("#sql-query, #sql-editor").count() == 0  # the SQL is hidden
    heading = page.locator("form.sql h3").first.inner_text()
    assert heading.startswith("Results: ") and "Custom SQL" not in heading
    visit(page, server + "/nhswatch/status_on_date", shots, "query-date")
    page.fill("input[name=date]", "2024-02-30")
    page.locator("form.sql input[type=submit]").click()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(shots / "query-bad-date.png"), full_page=True)
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() == 1 and "Not a date" in rows.first.inner_text()


def test_organisation_page_fits_a_phone(page, server, shots):
    page.set_viewport_size({"width": 390, "height": 844})
    visit(page, server + "/-/organisation/RX1", shots, "organisation-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("svg#timeline-chart").is_visible()
    font = page.evaluate(
        "(() => { const t = document.querySelector('#timeline-chart text');"
        " return t.getBoundingClientRect().height; })()"
    )
    assert font >= 9  # chart text stays legible: the chart scrolls in its box rather than shrinking
    visit(page, server + "/", shots, "front-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_archived_copy_highlights_the_evidence(page, server, shots):
    visit(page, server + "/-/organisation/RGP", shots, "organisation-RGP")
    link = page.locator("#changes a", has_text="archived copy").first
    link.click()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(shots / "archived-copy-readable.png"))
    assert page.url.endswith("#evidence") and "/-/archive/" in page.url
    mark = page.locator("mark#evidence")
    assert mark.is_visible() and "James Paget" in mark.inner_text()
    assert page.evaluate("(() => { const r = document.getElementById('evidence').getBoundingClientRect();"
                         " return r.top >= 0 && r.bottom <= window.innerHeight; })()")  # scrolled to  # fmt: skip
    raw = page.locator("#raw-link").get_attribute("href")
    assert raw.endswith("/raw")


class Links(HTMLParser):
    """Every href and src of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value and not value.startswith(("mailto:", "javascript:", "#")):
                self.links.append(value)


def expandable(url: str) -> bool:
    """Pages whose links are followed: the pages for people (/, /-/...), the database page and the canned
    queries without parameters. Table, row, export and parameterised query pages are fetched (their links
    must answer) but not expanded: thousands of rows, sort and facet links, and always the same links."""
    parts, query = [p for p in urlsplit(url).path.split("/") if p], urlsplit(url).query
    if not parts or parts[0] == "-":
        return not url.endswith("/raw")
    if query:
        return False
    return parts == ["nhswatch"] or (len(parts) == 2 and parts[0] == "nhswatch" and parts[1] in QUERIES)


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            kind = response.headers.get("content-type", "")
            body = response.read().decode("utf-8", errors="replace") if "html" in kind or "xml" in kind else ""
            return response.status, kind, body
    except urllib.error.HTTPError as error:
        return error.code, "", ""


def test_no_dead_links(server):
    """Crawl the demo site from the front page: every internal link answers 200, none points at a loopback
    server other than the site itself (the demo newsroom is gone), external links are not followed."""
    host = urlsplit(server).netloc
    queue, seen, dead, loopback = deque([server + "/", server + "/nhswatch/changes_feed.atom"]), set(), [], []
    parents: dict[str, str] = {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        status, kind, body = fetch(url)
        if status != 200:
            dead.append(f"{url} ({status}) linked from {parents.get(url)}")
            continue
        if not body or not (expandable(url) or urlsplit(url).path.endswith(".atom")):
            continue
        parser = Links()
        parser.feed(body)
        if "xml" in kind:  # Atom: <link href> and the URLs in the entries' text
            parser.links += [w for w in body.split() if w.startswith("http")]
        for link in parser.links:
            target = urldefrag(urljoin(url, link.strip(").,")))[0]
            if urlsplit(target).netloc == host:
                if target not in seen:
                    parents.setdefault(target, url)
                    queue.append(target)
            elif is_loopback_url(target):
                loopback.append(f"{target} on {url}")
    assert len(seen) > 100, "the crawl found too little of the site"
    assert len(seen) < MAX_PAGES, "the crawl did not finish"
    assert loopback == [], "links to the demo's local newsroom (dead once the demo stops):\n" + "\n".join(loopback)
    assert dead == [], "dead links:\n" + "\n".join(dead)
