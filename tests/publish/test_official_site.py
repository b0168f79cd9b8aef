"""The official record in the publication, on a database built by ``nhswatch demo`` (the sample newsroom
serves a league table, a 2021-25 segmentation file and a CQC ratings workbook beside its news)."""

from __future__ import annotations

import pytest

from nhswatch.demo import build_demo
from nhswatch.serving import make_datasette


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("official") / "nhswatch.db"
    assert build_demo(path) == 0
    return path


@pytest.fixture
def ds(demo_path):
    return make_datasette(demo_path)


async def rows(ds, name: str, **params: str) -> list[dict]:
    response = await ds.client.get(f"/nhswatch/{name}.json", params={**params, "_shape": "array"})
    assert response.status_code == 200, response.text
    return response.json()


async def test_organisation_page_shows_the_official_record_line_with_a_link(ds):
    html = (await ds.client.get("/-/organisation/RVV")).text
    assert 'id="official-record-lines"' in html
    assert "segment 5 (2025/26 framework): Provider Improvement Programme, Q4 2025/26, rank 133" in html
    assert "/official/nof-league-table-acute-q4-2025-26.csv" in html


async def test_organisation_page_draws_official_markers_on_the_timeline_axis(ds):
    html = (await ds.client.get("/-/organisation/RMY")).text
    assert 'id="official-markers"' in html and html.count('class="official-mark"') == 2


async def test_organisation_page_lists_where_the_press_and_the_official_record_disagree(ds):
    html = (await ds.client.get("/-/organisation/RMY")).text
    assert 'id="official-conflicts"' in html and "Q1 2025/26: segment 4" in html


async def test_disagreement_query_has_a_disagreeing_organisation_and_not_an_agreeing_one(ds):
    found = {(r["ods_code"], r["framework"]) for r in await rows(ds, "press_official_disagreements")}
    assert {("RMY", "nof"), ("RTF", "nof"), ("RCX", "cqc_rating")} <= found
    assert ("QMM", "nof") not in found


async def test_league_table_history_gives_rank_and_segment_by_quarter(ds):
    (row,) = await rows(ds, "league_table_history", ods_code="RTF")
    assert (row["quarter"], row["segment"], row["rank"], row["deficit"]) == ("Q4 2025/26", "2", 12, 0)


async def test_official_segment_on_a_date(ds):
    found = {(r["ods_code"], r["status"]) for r in await rows(ds, "official_segment_on_date", date="2024-08-15")}
    assert ("QMM", "3") in found and ("RCX", "3") in found


async def test_an_official_only_change_has_an_atom_entry(ds):
    response = await ds.client.get("/nhswatch/official_changes_feed.atom")
    assert response.status_code == 200
    assert "moved from segment 3 to segment 2" in response.text and "[official record]" in response.text
    overall = (await ds.client.get("/nhswatch/changes_feed.atom")).text
    assert "moved from segment 3 to segment 2" in overall


async def test_organisation_page_draws_a_period_only_the_official_record_gives_distinctly(ds):
    html = (await ds.client.get("/-/organisation/RCX")).text
    assert html.count('class="official-period"') == 1  # the hatched, outlined bar on the chart
    assert 'id="official-periods"' in html and "official record</span>: segment 3 (2025/26 framework)" in html


async def test_organisation_page_shows_the_official_status_now_beside_the_news(ds):
    html = (await ds.client.get("/-/organisation/RCX")).text
    assert 'id="official-now"' in html and "the news says CQC rating: inadequate" in html


async def test_status_on_a_date_answers_from_the_official_record_where_the_news_is_silent(ds):
    found = {r["ods_code"]: r for r in await rows(ds, "status_on_date", date="2026-02-15", framework="nof")}
    assert (found["RCX"]["status"], found["RCX"]["according_to"]) == ("3", "official record")


async def test_current_status_prefers_the_official_rating_and_keeps_the_news_one(ds):
    found = {r["ods_code"]: r for r in await rows(ds, "current_status", framework="cqc_rating", status="")}
    assert (found["RCX"]["status"], found["RCX"]["news_status"]) == ("requires improvement", "inadequate")
