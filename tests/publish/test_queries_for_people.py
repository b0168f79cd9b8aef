"""Canned queries a person can use: hidden SQL, human titles and labels, dropdowns, validated dates,
folded table descriptions and the global search's organisation links."""

from __future__ import annotations

import pytest
import yaml

from nhswatch.serving import REPO_METADATA

QUERIES = yaml.safe_load(REPO_METADATA.read_text(encoding="utf-8"))["databases"]["nhswatch"]["queries"]
FOR_PEOPLE = [
    "current_status",
    "current_counts",
    "intensive_support_now",
    "tiers_now",
    "recent_changes",
    "organisation_history",
    "organisation_timeline",
    "status_on_date",
    "search_announcements",
    "last_run",
    "last_run_changes",
    "source_health",
    "disputed_changes",
    "disputed_periods",
]


@pytest.mark.parametrize("name", FOR_PEOPLE)
async def test_query_pages_hide_the_sql_and_carry_a_human_title(ds, name):
    assert QUERIES[name].get("hide_sql") is True
    html = (await ds.client.get(f"/nhswatch/{name}")).text
    assert 'id="sql-query"' not in html and 'id="sql-editor"' not in html
    assert f"<title>{QUERIES[name]['title']} - nhswatch</title>".replace("'", "&#39;") in html
    assert "select " not in html.split("<title>", 1)[1].split("</title>", 1)[0]


async def test_query_pages_load_the_dropdowns(ds):
    html = (await ds.client.get("/nhswatch/current_status")).text
    assert '<script src="/-/static-plugins/nhswatch/choices.js"></script>' in html
    script = await ds.client.get("/-/static-plugins/nhswatch/choices.js")
    assert script.status_code == 200 and "query-choices.json" in script.text


@pytest.mark.parametrize("bad", ["2024-02-30", "2024-13-01", "yesterday", "01/03/2024", "2024-3-1"])
async def test_a_bad_date_gives_a_message_not_todays_rows(query, bad):
    rows = await query("status_on_date", date=bad)
    assert len(rows) == 1 and rows[0]["ods_code"] is None
    assert rows[0]["org_name"].startswith(f'Not a date: "{bad}". Give a day as YYYY-MM-DD')


@pytest.mark.parametrize("bad", ["2025-02-30", "last week"])
async def test_a_bad_date_for_the_official_segment_gives_a_message(query, bad):
    rows = await query("official_segment_on_date", date=bad)
    assert len(rows) == 1 and rows[0]["ods_code"] is None
    assert rows[0]["org_name"].startswith(f'Not a date: "{bad}"')


async def test_a_good_date_and_an_empty_one_still_work(query):
    assert {r["ods_code"] for r in await query("status_on_date", date="2024-02-29")} >= {"RX1", "RXW"}
    today = await query("status_on_date", date="")
    assert today and all(r["ods_code"] for r in today)


async def test_a_bad_number_of_days_gives_a_message(query):
    rows = await query("recent_changes", days="thirty")
    assert len(rows) == 1 and rows[0]["org_name"].startswith('Not a number of days: "thirty"')
    assert {r["ods_code"] for r in await query("recent_changes", days=" 30 ")} == {"RXN", "RYR"}


async def test_tiers_can_be_chosen_by_kind(query):
    rows = await query("tiers_now", tier="elective_tier")
    assert [(r["framework"], r["ods_code"]) for r in rows] == [("elective_tier", "RWE")]
    assert {r["framework"] for r in await query("tiers_now")} == {"elective_tier", "uec_tier"}


async def test_intensive_support_now_names_the_regime(query):
    rows = await query("intensive_support_now")
    assert [(r["ods_code"], r["regime"]) for r in rows] == [
        ("RX1", "segment 5 (2025/26 framework): Provider Improvement Programme")
    ]


async def test_result_cells_show_labels_not_codes(ds):
    html = (await ds.client.get("/nhswatch/current_status")).text
    assert '<span title="cqc_rating">CQC rating</span>' in html
    assert '<span title="uec_tier">urgent and emergency care tier</span>' in html
    assert '<span title="2">urgent and emergency care tier 2 (regional support)</span>' in html
    periods = (await ds.client.get("/nhswatch/status_on_date?date=2024-01-01")).text
    assert '<span title="rsp">Recovery Support Programme</span>' in periods
    assert '<span title="4">segment 4 (2021-25 framework): Recovery Support Programme</span>' in periods
    # the JSON keeps the codes
    rows = (await ds.client.get("/nhswatch/current_status.json?_shape=array")).json()
    assert {"cqc_rating", "uec_tier"} <= {r["framework"] for r in rows}


async def test_table_descriptions_are_folded_above_the_rows(ds):
    html = (await ds.client.get("/nhswatch/status_timeline")).text
    assert '<details class="nw-description"><summary>About this table</summary>' in html
    assert html.index("nw-description") < html.index('class="rows-and-columns"')
    query_page = (await ds.client.get("/nhswatch/status_on_date")).text
    assert "nw-description" not in query_page and "Status of every organisation on a date" in query_page


async def test_search_shows_snippets_not_whole_documents(ds):
    html = (await ds.client.get("/nhswatch/search_announcements?q=Recovery")).text
    assert "<mark>Recovery</mark>" in html
    assert "Nottingham University Hospitals NHS Trust is in segment 4." not in html  # the rest of that document


async def test_global_search_links_organisations_to_their_pages(ds):
    html = (await ds.client.get("/-/search?q=Shrewsbury")).text
    assert '<script src="/-/static-plugins/nhswatch/search_all.js"></script>' in html
    script = (await ds.client.get("/-/static-plugins/nhswatch/search_all.js")).text
    assert '"/-/organisation/"' in script and "ods_code" in script
