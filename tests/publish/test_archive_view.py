"""The archived copy for people (nhswatch.site.reader) and links that stay alive: a demo page (loopback host)
is never linked; its archived copy is, with the evidence sentence highlighted."""

from __future__ import annotations

import re
import shutil
from urllib.parse import quote

import pytest
from sample_db import XSS
from sqlite_utils import Database

from nhswatch.serving import make_datasette

DEAD = "http://127.0.0.1:9/news/oxford-leaves-segment-4/"
OXFORD = "Oxford University Hospitals NHS Foundation Trust moved from segment 4 to segment 3 on 1 March 2024."


@pytest.fixture(scope="module")
def demo_like_path(sample_path, tmp_path_factory):
    """The sample database with the Oxford report moved to a throwaway local newsroom, as in the demo."""
    folder = tmp_path_factory.mktemp("demo-like")
    path = folder / "nhswatch.db"
    shutil.copy(sample_path, path)
    shutil.copytree(sample_path.with_suffix(".archive"), path.with_suffix(".archive"))
    db = Database(path)
    with db.conn:
        for table in ("documents", "fetches", "changes"):
            db.execute(f"update {table} set url = ? where url = 'https://www.hsj.co.uk/oxford-segment-3'", [DEAD])
    db.close()
    return path


def digest_of(path, fragment: str) -> str:
    sql = "select content_hash from fetches where url like ? order by id desc limit 1"
    return Database(path).execute(sql, [f"%{fragment}%"]).fetchone()[0]


async def test_readable_copy_highlights_the_evidence(ds, sample_path):
    digest = digest_of(sample_path, "oxford-segment-3")
    response = await ds.client.get(f"/-/archive/{digest}", params={"highlight": OXFORD})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert f'<mark id="evidence">{OXFORD}</mark>' in response.text
    assert 'href="#evidence"' in response.text
    assert f'id="raw-link" href="/-/archive/{digest}/raw"' in response.text
    assert 'href="https://www.hsj.co.uk/oxford-segment-3"' in response.text  # a real source: original beside the copy


async def test_highlight_ignores_case_and_spacing(ds, sample_path):
    digest = digest_of(sample_path, "oxford-segment-3")
    loose = "oxford university hospitals NHS   Foundation Trust moved from segment 4"
    html = (await ds.client.get(f"/-/archive/{digest}", params={"highlight": loose})).text
    assert '<mark id="evidence">Oxford University Hospitals NHS Foundation Trust moved from segment 4</mark>' in html


async def test_a_sentence_not_in_the_copy_is_said_not_found(ds, sample_path):
    digest = digest_of(sample_path, "oxford-segment-3")
    html = (await ds.client.get(f"/-/archive/{digest}", params={"highlight": "Nothing like this was said."})).text
    assert "was not found word for word" in html and "<mark" not in html


async def test_readable_copy_keeps_scraped_markup_inert(ds, sample_path):
    digest = digest_of(sample_path, "lancashire")
    html = (await ds.client.get(f"/-/archive/{digest}", params={"highlight": "Lancashire"})).text
    assert "&lt;script&gt;" in html and "<script>alert" not in html
    assert not re.search(r"<img[^>]*onerror", html)


async def test_raw_copy_and_unknown_digests(ds, sample_path):
    digest = digest_of(sample_path, "lancashire")
    raw = await ds.client.get(f"/-/archive/{digest}/raw")
    assert raw.status_code == 200 and raw.headers["content-type"].startswith("text/plain") and XSS in raw.text
    assert (await ds.client.get("/-/archive/" + "0" * 64)).status_code == 404


async def test_organisation_page_links_evidence_to_its_highlighted_copy(ds):
    html = (await ds.client.get("/-/organisation/RTH")).text
    assert f"?highlight={quote(OXFORD)}#evidence" in html
    assert 'href="https://www.hsj.co.uk/oxford-segment-3"' in html


async def test_demo_pages_are_never_linked(demo_like_path):
    ds = make_datasette(demo_like_path)
    digest = digest_of(demo_like_path, "127.0.0.1")
    pages = [
        "/-/organisation/RTH",
        "/nhswatch/documents",
        "/nhswatch/changes",
        "/nhswatch/recent_changes?days=90",
        "/nhswatch/organisation_history?organisation=RTH",
        f"/-/archive/{digest}?highlight=Oxford",
    ]
    for path in pages:
        html = (await ds.client.get(path)).text
        assert f'href="{DEAD}' not in html, path
        assert re.search(rf'href="/-/archive/{digest}[?"]', html) or path.startswith("/-/archive"), path
    archive = (await ds.client.get(f"/-/archive/{digest}")).text
    assert "a demo page: the original is not online" in archive and DEAD in archive  # named, not linked


async def test_feed_entries_link_the_change_and_its_source(demo_like_path):
    ds = make_datasette(demo_like_path)
    feed = (await ds.client.get("/nhswatch/organisation_feed.atom?ods_code=RTH")).text
    assert re.search(r'<link href="http://localhost/-/organisation/RTH#change-[0-9a-f]{16}"/>', feed)
    digest = digest_of(demo_like_path, "127.0.0.1")
    assert f"(archived copy: http://localhost/-/archive/{digest})" in feed and DEAD not in feed
    real = (await ds.client.get("/nhswatch/organisation_feed.atom?ods_code=RXW")).text
    assert "https://www.england.nhs.uk/2023/03/sath-segment-3" in real  # a real source stays in the entry
