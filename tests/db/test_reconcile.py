"""Reconciling official observations with the news-derived timeline (db/reconcile.py) in a real database:
an organisation with an agreeing period, a contradicted one and a change only the official record shows."""

from __future__ import annotations

import pytest
from nhswatch.db import load
from nhswatch.db import official as store
from nhswatch.db.derived import rebuild_derived
from nhswatch.db.reconcile import reconcile
from nhswatch.db.schema import open_db
from nhswatch.extract.gazetteer import default_gazetteer
from nhswatch.extract.official import Spec, parse

SEGMENTS = Spec(format="nof_segmentation", framework="nof", version="2021")
FILE = (
    "Quarter,Region,Organisation_type,Organisation_code,Organisation_name,Segment\n"
    "Q1 2024/25,East,Trust,RMY,Norfolk and Suffolk,4\n"  # agrees with the news: segment 4 until May 2025
    "Q1 2025/26,East,Trust,RMY,Norfolk and Suffolk,4\n"  # contradicts "moved to segment 3 on 22 May 2025"
    "Q2 2025/26,East,Trust,RMY,Norfolk and Suffolk,3\n"  # agrees again (segment 3)
    "Q1 2024/25,East,Trust,RCX,QEH,3\n"
    "Q2 2024/25,East,Trust,RCX,QEH,2\n"  # a change no article reported
)


def news(db, url: str, published: str, ods: str, change: str, from_: str | None, to: str, day: str) -> None:
    with db.atomic():
        doc_id, _ = load.store_document(db, {"url": url, "title": url, "text": "text", "published": published})
        event = {"ods_code": ods, "org": ods, "framework": "nof", "framework_version": "2021", "change": change,
                 "from": from_, "to": to, "date": day, "modality": "actual", "evidence": f"{ods} {change} {to}."}  # fmt: skip
        load.replace_events(db, doc_id, [event], "test")


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "n.db")
    load.upsert_organisations(db, default_gazetteer().by_code.values())
    news(db, "https://news.example/rmy-1", "2023-01-10", "RMY", "state", None, "4", "2023-01-10")
    news(db, "https://news.example/rmy-2", "2025-05-22", "RMY", "move", "4", "3", "2025-05-22")
    news(db, "https://news.example/rcx-1", "2024-03-01", "RCX", "move", "4", "3", "2024-03-01")
    rebuild_derived(db)
    parsed = parse(FILE.encode(), SEGMENTS)
    meta = {"source": "segmentation", "url": "https://data.example/seg.csv", "format": "nof_segmentation",
            "framework": "nof", "title": "NOF segmentation", "content_hash": "abc"}  # fmt: skip
    with db.atomic():
        pid, _ = store.store_publication(db, meta, parsed)
        reconcile(db, store.pairs_of(db, pid))
    return db


def periods(db, ods: str) -> list[tuple]:
    return db.execute(
        "select status, valid_from, official_verdict, official_status from status_timeline "
        "where ods_code = ? and framework = 'nof' order by valid_from",
        [ods],
    ).fetchall()


def test_a_period_the_official_record_agrees_with_is_confirmed(db):
    assert ("4", "2023-01-10", "confirmed", "4") in periods(db, "RMY")


def test_a_news_claim_the_quarters_list_contradicts_is_flagged_and_both_are_kept(db):
    assert ("3", "2025-05-22", "contradicted", "4") in periods(db, "RMY")
    note = db.execute(
        "select official_note from status_timeline where official_verdict = 'contradicted' and ods_code = 'RMY'"
    ).fetchone()
    assert "Q1 2025/26" in note[0]
    assert db.execute("select count(*) from official_observations where ods_code = 'RMY'").fetchone()[0] == 3


def test_a_change_only_official_data_shows_is_a_change_with_provenance_official(db):
    rows = db.execute(
        "select from_status, to_status, effective_date, provenance from changes where ods_code = 'RCX' and framework = 'nof' "
        "order by effective_date"
    ).fetchall()
    assert rows == [("4", "3", "2024-03-01", "news"), ("3", "2", "2024-07-01", "official")]


def test_a_change_the_news_reported_is_not_repeated_as_official(db):
    assert db.execute("select count(*) from changes where ods_code = 'RMY' and provenance = 'official'").fetchone() == (
        0,
    )


def test_a_period_without_official_data_is_silent(db):
    rows = db.execute("select distinct official_verdict from status_timeline where framework = 'rsp'").fetchall()
    assert rows in ([], [("silent",)])


def test_a_rebuild_keeps_verdicts_and_official_changes(db):
    before = db.execute("select id, official_verdict from status_timeline order by id").fetchall()
    rebuild_derived(db)
    assert db.execute("select id, official_verdict from status_timeline order by id").fetchall() == before
    assert db.execute("select count(*) from changes where provenance = 'official'").fetchone() == (1,)
