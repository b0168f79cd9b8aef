"""An organisation page shows the first reports of a much-reported change, and links to all of them."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from nhswatch.db import load
from nhswatch.db.derived import rebuild_derived
from nhswatch.db.schema import open_db

from nhswatch.serving import make_datasette

REPORTS = 7
CONFIRMATIONS = 5
TRUST = SimpleNamespace(
    ods_code="RXW",
    name="The Shrewsbury and Telford Hospital NHS Trust",
    type="trust",
    region="Midlands",
    parent_icb="",
    open_date="2003-10-01",
    close_date="",
    predecessors=(),
    successors=(),
    domains=(),
)


def report(n: int, change: str, sentence: str, day: str) -> tuple[dict, dict]:
    doc = {
        "url": f"https://news.example.org/{change}-{n}",
        "source": None,
        "title": f"Report {n} ({change})",
        "published": day,
        "publisher": f"Paper {n}",
        "text": sentence,
    }
    event = {
        "ods_code": "RXW",
        "org": TRUST.name,
        "org_type": "trust",
        "framework": "rsp",
        "framework_version": None,
        "change": change,
        "from": None,
        "to": "in",
        "date": "2021-07" if change == "enter" else day,
        "modality": "actual",
        "evidence": sentence,
        "start": 0,
        "end": len(sentence),
        "confidence": 0.9,
    }
    return doc, event


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("evidence") / "nhswatch.db"
    db = open_db(path)
    load.upsert_organisations(db, [TRUST])
    items = [
        report(
            n, "enter", f"Report number {n} says the trust entered the Recovery Support Programme.", f"2021-07-{n + 10}"
        )
        for n in range(REPORTS)
    ] + [
        report(
            n,
            "remain",
            f"Update number {n} says the trust remains in the Recovery Support Programme.",
            f"2022-0{n + 1}-02",
        )
        for n in range(CONFIRMATIONS)
    ]
    with db.atomic():
        for doc, event in reversed(items):  # stored out of order: the page orders by publication date
            doc_id, _ = load.store_document(db, doc)
            load.replace_events(db, doc_id, [event], "test")
    rebuild_derived(db, aliases=False)
    db.close()
    return path


def shown() -> int:
    """Reports shown per change (imported late: nhswatch.site loads through Datasette's plugin manager)."""
    from nhswatch.site.evidence import SHOWN

    return SHOWN


async def page(db_path: Path) -> str:
    response = await make_datasette(db_path).client.get("/-/organisation/RXW")
    assert response.status_code == 200
    return response.text


@pytest.mark.asyncio
async def test_a_change_shows_its_first_reports_only(db_path: Path) -> None:
    html = await page(db_path)
    changes = html.split('<tr id="change-')[1:]  # entered the RSP
    assert changes
    for row in changes:
        first = re.findall(r"Report number (\d) says the trust entered", row)
        assert first == [str(n) for n in range(shown())]


@pytest.mark.asyncio
async def test_the_change_links_to_all_its_reports(db_path: Path) -> None:
    html = await page(db_path)
    link = re.search(r'href="(/nhswatch/change_events\?change_id=[0-9a-f]+)"', html)
    assert link is not None
    listing = await make_datasette(db_path).client.get(link.group(1).replace("change_events?", "change_events.json?"))
    assert listing.json()["filtered_table_rows_count"] == REPORTS


@pytest.mark.asyncio
async def test_a_period_shows_its_first_confirmations_and_links_to_all(db_path: Path) -> None:
    html = await page(db_path)
    periods = html.split('<tr id="period-')[1:]  # the RSP period and the intensive-support period
    assert periods and all(len(re.findall(r"Update number \d says the trust remains", p)) == shown() for p in periods)
    link = re.search(r'href="(/nhswatch/period_evidence\?period_id=[^"&]+)&amp;role=confirmation"', html)
    assert link is not None
    listing = await make_datasette(db_path).client.get(
        link.group(1).replace("period_evidence?", "period_evidence.json?") + "&role=confirmation"
    )
    assert listing.json()["filtered_table_rows_count"] == CONFIRMATIONS


async def test_a_long_history_lists_the_latest_rows_and_links_to_all(db_path: Path, monkeypatch) -> None:
    from nhswatch.site import evidence

    monkeypatch.setattr(evidence, "TABLE_ROWS", 1)
    html = await page(db_path)
    assert html.count('<tr id="period-') == 1 and "The latest 1 of 2 periods" in html
    assert 'href="?all=1#periods"' in html
    for anchor in re.findall(r'href="#((?:period|change)-[^"]+)"', html):  # every bar and mark lands on a listed row
        assert f'id="{anchor}"' in html
    everything = (await make_datasette(db_path).client.get("/-/organisation/RXW?all=1")).text
    assert everything.count('<tr id="period-') == 2 and "The latest" not in everything


@pytest.mark.asyncio
async def test_a_change_is_listed_once_not_again_as_intensive_support(db_path: Path) -> None:
    html = await page(db_path)
    assert html.count('<tr id="change-') == 1  # entered the RSP; the intensive-support bar restates it


@pytest.mark.asyncio
async def test_a_database_without_the_dates_index_shows_the_same_first_reports(
    db_path: Path, without_dates_index: Path
) -> None:
    older = without_dates_index
    rows = re.compile(r'<tr id="(?:change|period)-.*?</tr>', re.S)
    assert rows.findall(await page(older)) == rows.findall(await page(db_path))
