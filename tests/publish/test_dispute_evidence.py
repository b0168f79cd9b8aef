"""An organisation page shows each side of a dispute with its first report and how many more it has."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from nhswatch.db import load
from nhswatch.db.derived import rebuild_derived
from nhswatch.db.schema import open_db
from test_organisation_evidence import TRUST, report

from nhswatch.serving import make_datasette

EARLY_SIDE = 4  # reports dating the entry 12 July 2021 (the date kept on the timeline)
LATE_SIDE = 3  # reports dating it September 2021


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dispute") / "nhswatch.db"
    db = open_db(path)
    load.upsert_organisations(db, [TRUST])
    items = []
    for n in range(EARLY_SIDE + LATE_SIDE):
        early = n < EARLY_SIDE
        when = "on 12 July 2021" if early else "in September 2021"
        doc, event = report(
            n, "enter", f"Paper {n} says the trust entered the Recovery Support Programme {when}.", f"2021-10-{n + 10}"
        )
        event["date"] = "2021-07-12" if early else "2021-09"
        items.append((doc, event))
    with db.atomic():
        for doc, event in reversed(items):  # stored out of order: each side's first report is its earliest published
            doc_id, _ = load.store_document(db, doc)
            load.replace_events(db, doc_id, [event], "test")
    rebuild_derived(db, aliases=False)
    db.close()
    return path


async def claims(path: Path) -> list[dict]:
    """The claims an organisation page lists for every period of RXW (imported late: see test_organisation_evidence)."""
    from nhswatch.site import evidence

    ds = make_datasette(path)
    db = ds.get_database("nhswatch")
    periods = [dict(row) for row in (await db.execute("select id from status_timeline order by id")).rows]
    return await evidence.first_claims(db, "RXW", periods)


@pytest.mark.asyncio
async def test_each_side_of_a_dispute_shows_its_earliest_report_and_how_many_more(db_path: Path) -> None:
    html = (await make_datasette(db_path).client.get("/-/organisation/RXW")).text
    block = re.search(r'<div class="nw-claims".*?</td>', html, re.S).group(0)
    assert "Paper 0 says" in block and f"Paper {EARLY_SIDE} says" in block
    assert "Paper 1 says" not in block and f"Paper {EARLY_SIDE + 1} says" not in block
    assert f"and {EARLY_SIDE - 1} more reports" in block and f"and {LATE_SIDE - 1} more reports" in block


@pytest.mark.asyncio
async def test_the_claims_read_from_the_claim_rows_match_the_view_alone(db_path: Path) -> None:
    from nhswatch.site import evidence

    ds = make_datasette(db_path)
    db = ds.get_database("nhswatch")
    periods = [dict(row) for row in (await db.execute("select id from status_timeline order by id")).rows]
    params = {"code": "RXW", "ids": json.dumps([p["id"] for p in periods]), "shown": 1}
    over_view = [dict(row) for row in (await db.execute(evidence.FIRST_CLAIMS_ANY_SCHEMA, params)).rows]
    assert await claims(db_path) == over_view
    assert len(over_view) == 2 * len(periods)


@pytest.mark.asyncio
async def test_a_database_without_the_dates_index_lists_the_same_claims(
    db_path: Path, without_dates_index: Path
) -> None:
    older = without_dates_index
    assert await claims(older) == await claims(db_path)


@pytest.fixture(scope="module")
def same_day_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dispute whose every report was published the same day, stored in an order unlike their ids."""
    path = tmp_path_factory.mktemp("same-day") / "nhswatch.db"
    db = open_db(path)
    load.upsert_organisations(db, [TRUST])
    with db.atomic():
        for n in (5, 2, 7, 0, 3, 6, 1, 4):
            early = n % 2 == 0
            when = "on 12 July 2021" if early else "in September 2021"
            doc, event = report(n, "enter", f"Paper {n} says the trust entered the programme {when}.", "2021-10-20")
            event["date"] = "2021-07-12" if early else "2021-09"
            doc_id, _ = load.store_document(db, doc)
            load.replace_events(db, doc_id, [event], "test")
    rebuild_derived(db, aliases=False)
    db.close()
    return path


@pytest.mark.asyncio
async def test_a_side_reported_the_same_day_shows_the_first_document_by_id(same_day_path: Path) -> None:
    from nhswatch.site import evidence

    conn = sqlite3.connect(same_day_path)
    firsts = dict(
        conn.execute("select kind || claim, min(document_id) from timeline_claim_rows group by kind, claim").fetchall()
    )
    conn.close()
    shown = await claims(same_day_path)
    assert {c["kind"] + c["claim"]: c["document_id"] for c in shown} == firsts
    ds = make_datasette(same_day_path)
    db = ds.get_database("nhswatch")
    periods = [dict(row) for row in (await db.execute("select id from status_timeline order by id")).rows]
    params = {"code": "RXW", "ids": json.dumps([p["id"] for p in periods]), "shown": 1}
    assert [dict(row) for row in (await db.execute(evidence.FIRST_CLAIMS_ANY_SCHEMA, params)).rows] == shown
