"""Every canned query runs on the sample database and returns the expected rows."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
import yaml

from nhswatch.serving import REPO_METADATA

METADATA = yaml.safe_load(REPO_METADATA.read_text(encoding="utf-8"))
QUERIES = METADATA["databases"]["nhswatch"]["queries"]
ATOM = "{http://www.w3.org/2005/Atom}"
PARAMS = {"organisation": "RXW", "ods_code": "RXW", "q": "segment", "date": "2022-06-01", "days": "30"}


def codes(rows, column="ods_code"):
    return sorted({r[column] for r in rows})


@pytest.mark.parametrize("name", sorted(QUERIES))
async def test_every_canned_query_runs(ds, name):
    sql_params = {p: PARAMS.get(p, "") for p in QUERIES[name].get("params", [])}
    response = await ds.client.get(f"/nhswatch/{name}.json", params={**sql_params, "_shape": "array"})
    assert response.status_code == 200, response.text
    assert response.json(), f"{name} returned no rows on the sample database"
    page = await ds.client.get(f"/nhswatch/{name}", params=sql_params)
    assert page.status_code == 200 and QUERIES[name]["title"] in page.text
    blank = await ds.client.get(f"/nhswatch/{name}")  # first visit: the form, parameters empty
    assert blank.status_code == 200, blank.text


async def test_current_status_by_framework_and_status(query):
    assert codes(await query("current_status", framework="intensive_support", status="in")) == ["RX1"]
    assert codes(await query("current_status", framework="nof", status="5")) == ["RX1"]
    assert codes(await query("current_status", framework="nof", status="2")) == ["RXN"]
    # RXW's SOF 2021 segment 3 ended when NOF 2025 appeared.
    assert await query("current_status", framework="nof", status="3") == []
    everything = await query("current_status", framework="", status="")
    assert {"RX1", "RXW", "R1H", "RWE", "RXN", "RYR"} <= set(codes(everything))
    assert "RW6" not in codes(everything)  # closed in 2021


async def test_current_counts_and_tiers(query):
    counts = {(r["framework"], r["status"]): r["organisations"] for r in await query("current_counts")}
    assert counts[("intensive_support", "in")] == 1 and counts[("uec_tier", "2")] == 1
    tiers = [(r["framework"], r["tier"], r["ods_code"]) for r in await query("tiers_now")]
    assert tiers == [("elective_tier", "1", "RWE"), ("uec_tier", "2", "RYR")]
    assert codes(await query("intensive_support_now")) == ["RX1"]


async def test_recent_changes(query):
    recent = await query("recent_changes", days="30")
    assert codes(recent) == ["RXN", "RYR"]
    assert all(r["effective_date"] >= (date.today() - timedelta(days=30)).isoformat() for r in recent)
    assert "RXW" in codes(await query("recent_changes", days="5000"))
    assert codes(await query("recent_changes")) == ["RXN", "RYR"]  # default 30 days


@pytest.mark.parametrize("who", ["RXW", "rxw", "Shrewsbury", "The Shrewsbury and Telford Hospital NHS Trust"])
async def test_organisation_history_by_code_name_or_alias(query, who):
    rows = await query("organisation_history", organisation=who)
    assert codes(rows) == ["RXW"]
    assert [r["effective_date"] for r in rows] == sorted(r["effective_date"] for r in rows)
    rsp = [r for r in rows if r["framework"] == "rsp"]
    assert rsp[0]["documents_count"] == 2 and rsp[0]["sources_count"] == 2
    assert all(r["url"].startswith("https://") and len(r["archive_digest"]) == 64 for r in rows)


async def test_organisation_history_nothing_for_unknown_or_too_short(query):
    assert await query("organisation_history", organisation="zz") == []
    assert await query("organisation_history", organisation="") == []


async def test_organisation_timeline(query):
    rows = await query("organisation_timeline", organisation="RX1")
    rsp = [(r["status"], r["valid_from"], r["disputed"]) for r in rows if r["framework"] == "rsp"]
    # the exit implies it was in the RSP before, from a date not reported
    assert rsp == [("in", None, 0), ("out", "2024-01-12", 1)]


async def test_status_on_a_date(query):
    rows = {(r["ods_code"], r["framework"]): r["status"] for r in await query("status_on_date", date="2022-06-01")}
    # RXW: the news implies segment 4 (intensive support) until February 2023, but the official record
    # has segment 3 for Q1 2022/23: the official record is shown, the news status kept beside it
    assert rows[("RXW", "intensive_support")] == "out" and rows[("RX1", "nof")] == "4"
    assert rows[("R1H", "uec_tier")] == "1" and rows[("RXW", "cqc_rating")] == "inadequate"
    assert not any(code == "RW6" for code, _ in rows)
    earlier = await query("status_on_date", date="2020-01-01", framework="special_measures")
    assert [(r["ods_code"], r["status"]) for r in earlier] == [("RW6", "in")]
    today = {(r["ods_code"], r["framework"]) for r in await query("status_on_date", date="")}
    assert ("RYR", "uec_tier") in today


async def test_search_announcements_highlights(query):
    rows = await query("search_announcements", q="recovery support")
    assert rows and all("<mark>" in r["snippet"] for r in rows)
    assert {r["title"] for r in rows} >= {"Trusts join the Recovery Support Programme", "Nottingham leaves the RSP"}
    assert await query("search_announcements", q='"unbalanced AND (') == []
    assert await query("search_announcements", q="") == [] and await query("search_announcements", q="  ") == []


async def test_last_run(query):
    added = await query("last_run")
    assert {r["title"] for r in added} == {
        "Sussex moves into tier 2",
        "<script>alert('xss')</script><img src=x onerror=alert(1)> Lancashire update",
    }
    assert {r["outcome"] for r in added} == {"new"}
    assert codes(await query("last_run_changes")) == ["RXN", "RYR"]


async def test_source_health(query):
    health = {r["name"]: r for r in await query("source_health")}
    assert health["post"]["health"] == "failing" and health["post"]["failures_last_run"] == 1
    assert health["star"]["health"] == "stale"
    assert health["nhse"]["health"] == "ok" and health["nhse"]["documents"] == 10


async def test_disputed_changes(query):
    assert codes(await query("disputed_changes")) == ["RJ1", "RX1"]  # RJ1: two dates for one change


async def test_changes_feed_is_atom(ds):
    response = await ds.client.get("/nhswatch/changes_feed.atom")
    assert response.status_code == 200 and "xml" in response.headers["content-type"]
    feed = ET.fromstring(response.text)
    assert feed.find(f"{ATOM}title").text == QUERIES["changes_feed"]["title"]
    entries = feed.findall(f"{ATOM}entry")
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(ids) == len(set(ids)) >= 10 and all(i.startswith("tag:nhswatch,2025:change:") for i in ids)
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert any("University Hospitals Sussex" in t and "tier 2" in t for t in titles)
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert all(re.fullmatch(r"http://localhost/-/organisation/\w+#change-[0-9a-f]{16}", link) for link in links)
    contents = [e.find(f"{ATOM}content").text for e in entries]  # the source beside the change on the site
    assert all("Source: " in c and "On nhswatch: http://localhost/-/organisation/" in c for c in contents)
    assert any("https://www.england.nhs.uk/" in c for c in contents)


async def test_organisation_feed(ds):
    feed = ET.fromstring((await ds.client.get("/nhswatch/organisation_feed.atom?ods_code=RX1")).text)
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert titles and all(t.startswith("Nottingham University Hospitals") for t in titles)
    proposed = ET.fromstring((await ds.client.get("/nhswatch/organisation_feed.atom?ods_code=RWE")).text)
    assert any("[proposed]" in e.find(f"{ATOM}title").text for e in proposed.findall(f"{ATOM}entry"))
    empty = await ds.client.get("/nhswatch/organisation_feed.atom?ods_code=R0A")
    assert empty.status_code == 200 and "No status changes recorded yet for R0A" in empty.text


async def test_full_csv_export_of_a_query(ds, sample_path):
    from sqlite_utils import Database

    events = Database(sample_path)["events"].count
    response = await ds.client.get("/nhswatch/organisation_history.csv?organisation=RX1&_size=max")
    assert response.status_code == 200
    lines = response.text.strip().splitlines()
    # 3 changes: the "remains in the RSP" report that lost its dispute is a claim, not a change, and the
    # intensive-support family's in/out restates the RSP changes, so it is not listed again
    assert lines[0].startswith("effective_date,ods_code,org_name") and len(lines) == 4
    assert not any(",intensive_support," in line for line in lines)
    streamed = await ds.client.get("/nhswatch/events.csv?_stream=on&_size=max")
    assert streamed.status_code == 200 and len(streamed.text.strip().splitlines()) == events + 1


def test_every_table_and_column_is_described(sample_path):
    from sqlite_utils import Database

    db = Database(sample_path)
    tables = METADATA["databases"]["nhswatch"]["tables"]
    internal = ("_fts", "_fts_data", "_fts_idx", "_fts_docsize", "_fts_config")
    names = [t for t in db.table_names() if not t.endswith(internal)] + db.view_names()
    missing = []
    for name in names:
        meta = tables.get(name)
        if meta and meta.get("hidden"):
            continue
        if not meta or not meta.get("description"):
            missing.append(name)
            continue
        missing += [f"{name}.{c}" for c in db[name].columns_dict if c not in meta.get("columns", {})]
    assert missing == [], "describe these in metadata.yml"


def test_facets_sorts_and_labels_name_real_columns(sample_path):
    from sqlite_utils import Database

    db = Database(sample_path)
    for name, meta in METADATA["databases"]["nhswatch"]["tables"].items():
        if meta.get("hidden"):
            continue
        columns = set(db[name].columns_dict)
        for facet in meta.get("facets", []):
            column = facet if isinstance(facet, str) else next(iter(facet.values()))
            assert column in columns, (name, facet)
        for key in ("sort", "sort_desc", "label_column"):
            if key in meta:
                assert meta[key] in columns, (name, key)


async def test_internal_tables_are_hidden(ds):
    tables = {t["name"]: t["hidden"] for t in (await ds.client.get("/nhswatch.json")).json()["tables"]}
    assert tables["_sqlite_migrations"] and tables["documents_fts"] and tables["documents_fts_data"]
    assert not tables["status_timeline"] and not tables["changes"]


async def test_table_pages_render_with_facets(ds):
    for table in ("changes", "status_timeline", "events", "documents", "organisations", "fetches"):
        response = await ds.client.get(f"/nhswatch/{table}")
        assert response.status_code == 200, table
    facets = (await ds.client.get("/nhswatch/changes.json?_extra=facet_results")).json()
    assert "framework" in facets["facet_results"]


@pytest.mark.parametrize(
    ("name", "params"),
    [("changes_feed", {}), ("recent_changes", {"days": "99999"}), ("organisation_feed", {"ods_code": "RX1"})],
)
async def test_lists_of_changes_give_a_report_once_not_again_as_intensive_support(query, name, params):
    rows = await query(name, **params)
    assert rows and any(r.get("framework") == "rsp" for r in rows)
    assert not any(r.get("framework") == "intensive_support" for r in rows)
