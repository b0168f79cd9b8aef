"""The organisation page, archived copies, robots.txt, cell rendering, and scraped HTML kept inert."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import pytest
from sample_db import XSS
from sqlite_utils import Database

from nhswatch.serving import make_datasette


def document_id(sample_path, fragment: str) -> str:
    rows = Database(sample_path).execute("select id from documents where url like ?", [f"%{fragment}%"]).fetchall()
    return rows[0][0]


def assert_inert(html: str) -> None:
    """No executable markup from the sample's hostile document made it into the page."""
    assert "<script>alert" not in html
    assert "<img src=x" not in html and '<img src="x"' not in html
    assert not re.search(r"<[^>]*\sonerror\s*=", html, re.I)


async def test_organisation_page_shows_timeline_chart_and_evidence(ds):
    response = await ds.client.get("/-/organisation/RXW")
    assert response.status_code == 200
    html = response.text
    assert "The Shrewsbury and Telford Hospital NHS Trust" in html
    assert '<svg id="timeline-chart"' in html and html.count('class="lane"') == 4  # cqc, intensive, nof, rsp
    assert "entered Recovery Support Programme" in html and "moved from segment 4 to segment 3 (NOF 2021)" in html
    # every change is an anchor the chart links to, with its evidence sentence, source page and archived copy
    anchors = set(re.findall(r'id="change-([0-9a-f]{16})"', html))
    assert anchors and anchors == set(re.findall(r'href="#change-([0-9a-f]{16})"', html))
    assert "was placed in the Recovery Support Programme this month." in html
    assert 'href="https://www.shropshirestar.com/news/2021/07/sath-rsp"' in html
    assert len(set(re.findall(r'href="/-/archive/([0-9a-f]{64})\?highlight=[^"]+#evidence"', html))) == 4
    assert "/nhswatch/organisation_feed.atom?ods_code=RXW" in html
    assert "Open Government Licence" in html  # footer licence


async def test_organisation_page_marks_disputes_and_closures(ds):
    html = (await ds.client.get("/-/organisation/RX1")).text
    assert "disputed" in html and "sources disagree in 2024-01" in html
    closed = (await ds.client.get("/-/organisation/RW6")).text
    assert "closed 2021-09-30" in closed and "Manchester University NHS Foundation Trust" in closed


async def test_organisation_page_lower_case_and_unknown(ds):
    assert (await ds.client.get("/-/organisation/rxw")).status_code == 200
    assert (await ds.client.get("/-/organisation/NOPE1")).status_code == 404
    odd = await ds.client.get("/-/organisation/%3Cscript%3E", follow_redirects=True)
    assert odd.status_code == 404 and "<script>alert" not in odd.text


async def test_organisation_without_changes(ds):
    html = (await ds.client.get("/-/organisation/R0A")).text
    assert "No status changes have been recorded" in html and "timeline-chart" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/-/organisation/RXN",
        "/nhswatch/documents/{doc}",
        "/nhswatch/documents?_search=Lancashire",
        "/nhswatch/events",
        "/nhswatch/changes",
        "/nhswatch/search_announcements?q=Lancashire",
        "/nhswatch/organisation_history?organisation=RXN",
        "/nhswatch/last_run",
        "/nhswatch/event_sources",
    ],
)
async def test_scraped_html_is_displayed_inert(ds, sample_path, path):
    response = await ds.client.get(path.format(doc=document_id(sample_path, "lancashire")))
    assert response.status_code == 200
    assert "&lt;script&gt;" in response.text or "&lt;script" in response.text
    assert_inert(response.text)


async def test_feeds_escape_scraped_html(ds):
    text = (await ds.client.get("/nhswatch/changes_feed.atom")).text
    assert "&lt;script&gt;" in text and "<script>" not in text


async def test_search_snippets_escape_everything_but_the_highlight(ds):
    html = (await ds.client.get("/nhswatch/search_announcements?q=Lancashire")).text
    assert "<mark>Lancashire</mark>" in html
    assert_inert(html)


async def test_archived_copy_is_plain_text_and_sandboxed(ds, sample_path):
    digest = (
        Database(sample_path).execute("select content_hash from fetches where url like '%lancashire%'").fetchone()[0]
    )
    response = await ds.client.get(f"/-/archive/{digest}/raw")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in response.headers["content-security-policy"]
    assert XSS in response.text and "https://www.england.nhs.uk/recent/lancashire" in response.text


async def test_archive_refuses_unknown_or_malformed_digests(ds):
    assert (await ds.client.get("/-/archive/" + "0" * 64)).status_code == 404
    assert (await ds.client.get("/-/archive/..%2F..%2Fetc%2Fpasswd", follow_redirects=True)).status_code == 404
    assert (await ds.client.get("/-/archive/ABC")).status_code == 404


async def test_links_to_organisation_pages_and_archived_copies(ds):
    table = (await ds.client.get("/nhswatch/organisations")).text
    assert '<a href="/-/organisation/RXW">The Shrewsbury and Telford Hospital NHS Trust</a>' in table
    history = (await ds.client.get("/nhswatch/organisation_history?organisation=RXW")).text
    assert '<a href="/-/organisation/RXW">RXW</a>' in history
    assert re.search(
        r'<a href="/-/archive/[0-9a-f]{64}\?highlight=[^"]+#evidence" title="[0-9a-f]{64}">archived copy</a>', history
    )


@pytest.mark.parametrize(
    ("mode", "expected"),
    [("pages", "Allow: /-/organisation/\nDisallow: /"), ("all", "Allow: /\n"), ("none", "Disallow: /\n")],
)
async def test_robots_txt_is_configurable(sample_path, mode, expected):
    response = await make_datasette(sample_path, robots=mode).client.get("/robots.txt")
    assert response.status_code == 200 and expected in response.text


async def test_arbitrary_sql_can_be_switched_off(sample_path):
    on = make_datasette(sample_path, allow_sql=True)
    assert (await on.client.get("/nhswatch.json?sql=select+count(*)+from+documents")).status_code == 200
    off = make_datasette(sample_path, allow_sql=False)
    assert (await off.client.get("/nhswatch.json?sql=select+count(*)+from+documents")).status_code == 403
    assert (await off.client.get("/nhswatch/current_counts.json")).status_code == 200  # canned queries still run


async def test_the_site_is_read_only(ds):
    response = await ds.client.get("/nhswatch.json?sql=delete+from+documents")
    assert response.status_code == 400
    assert (await ds.client.get("/nhswatch/documents.json?_size=1")).json()["rows"]


async def test_home_page_and_search_all(ds):
    home = (await ds.client.get("/")).text
    assert "nhswatch - NHS oversight status tracker" in home and "/nhswatch/current_status" in home
    search = await ds.client.get("/-/search?q=segment")
    assert search.status_code == 200 and "nhswatch: documents" in search.text


def test_the_site_plugin_registers_every_hook_when_imported_before_datasette():
    """Importing nhswatch.site first (as a script or a test might) must not register it half-built."""
    code = (
        "import nhswatch.site as site\n"
        "from datasette.app import Datasette\n"
        "from datasette.plugins import pm\n"
        "print(sorted(h.name for h in pm.get_hookcallers(site)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert {"handle_exception", "prepare_connection", "register_routes", "render_cell"} <= set(ast.literal_eval(out))
