"""The coverage page, ``/-/coverage``: what nhswatch reads and where it is blind, on a real database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from nhswatch.db.schema import open_db

from nhswatch.serving import make_datasette

FIXTURE_ORG = {
    "ods_code": "ZN9",
    "name": "Fixture Vale Community NHS Trust",
    "type": "trust",
    "region": "Midlands",
    "open_date": "2010-04-01",
    "close_date": "",
}
# Norfolk and Norwich University Hospitals, read by the shipped hand-written source trust-nnuh.
READ_ORG = {
    "ods_code": "RM1",
    "name": "Norfolk and Norwich University Hospitals NHS Foundation Trust",
    "type": "trust",
    "region": "East of England",
    "open_date": "1994-04-01",
    "close_date": "",
}


@pytest.fixture
def ds(tmp_path):
    db = open_db(tmp_path / "nhswatch.db")
    db["organisations"].insert_all([FIXTURE_ORG, READ_ORG])
    now = datetime.now(UTC).isoformat(timespec="seconds")
    db["sources"].insert({"name": "trust-nnuh", "kind": "trust"})
    db["documents"].insert(
        {
            "id": "d1",
            "url": "https://www.nnuh.nhs.uk/news/a",
            "source": "trust-nnuh",
            "published": "2018-06-01",
            "first_seen": now,
            "fetched_at": now,
        }
    )
    db["fetches"].insert(
        {
            "source": "trust-nnuh",
            "url": "https://www.nnuh.nhs.uk/news/a",
            "fetched_at": now,
            "status": 200,
            "outcome": "new",
        }
    )
    db.conn.close()
    return make_datasette(tmp_path / "nhswatch.db")


async def test_the_page_lists_a_fixture_organisation_with_no_source(ds):
    response = await ds.client.get("/-/coverage")
    assert response.status_code == 200
    blind = response.text.split('id="blind-trust"')[1].split("</ul>")[0]
    assert "Fixture Vale Community NHS Trust" in blind and "no source" in blind
    assert 'href="/-/organisation/ZN9"' in blind


async def test_a_read_organisation_shows_its_source_health_and_dates(ds):
    html = (await ds.client.get("/-/coverage")).text
    table = html.split('id="table-trust"')[1]
    row = table.split("Norfolk and Norwich University Hospitals NHS Foundation Trust</a>")[1].split("</tr>")[0]
    assert "trust-nnuh" in row and "(ok)" in row
    assert "2018-06-01" in row
    blind = html.split('id="blind-trust"')[1].split("</ul>")[0]
    assert "no document in the last year" in blind and "Norfolk and Norwich" in blind


async def test_the_summary_counts_organisations_with_and_without_a_source(ds):
    html = (await ds.client.get("/-/coverage")).text
    summary = html.split('id="coverage-summary"')[1].split("</ul>")[0]
    assert "NHS trusts</a>: 1 of 2 have a source" in " ".join(summary.split())


async def test_a_bad_date_is_a_clear_error(ds):
    response = await ds.client.get("/-/coverage", params={"on": "31/02/2024"})
    assert response.status_code == 400 and "not a date" in response.text


async def test_the_home_page_links_the_coverage_page(ds):
    assert 'href="/-/coverage"' in (await ds.client.get("/")).text
