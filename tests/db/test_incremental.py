"""Incremental derived tables (``db.rebuild``): recomputing only what changed gives the rows a full
rebuild gives, on randomised events; and a run that changed nothing recomputes nothing."""

from __future__ import annotations

import random
from typing import Any

import pytest
from db_helpers import organisation
from nhswatch.db import load
from nhswatch.db.derived import EVENTS_SQL, build_all, rebuild_derived, update_derived
from nhswatch.db.rebuild import TABLES
from nhswatch.db.schema import open_db

CODES = ["RXW", "RX1", "RTH", "RWE", "RJ1", "RAL"]
STATUSES = {
    "nof": ["1", "2", "3", "4"],
    "rsp": ["in"],
    "special_measures": ["in"],
    "uec_tier": ["1", "2", "3"],
    "cqc_rating": ["good", "requires improvement", "inadequate"],
}
VERSIONS = ["2019", "2021", "2025"]


def random_event(rng: random.Random) -> dict[str, Any]:
    """One plausible event: any framework, change word, status, modality and date precision."""
    framework = rng.choice(list(STATUSES))
    change = rng.choice(["enter", "move", "exit", "state", "remain"])
    to, previous = rng.choice(STATUSES[framework]), rng.choice(STATUSES[framework])
    if change == "exit":
        to = None
    if change == "move" and STATUSES[framework] == ["in"]:
        change = "enter"
    year, month, day = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
    date = rng.choice([f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}", None])
    return {
        "ods_code": rng.choice(CODES),
        "org": "somewhere",
        "framework": framework,
        "framework_version": rng.choice(VERSIONS) if framework == "nof" else None,
        "change": change,
        "from": previous if change in ("move", "exit") else None,
        "to": to,
        "date": date,
        "modality": rng.choice(["actual"] * 5 + ["planned"]),
        "confidence": round(rng.random(), 2),
        "evidence": f"sentence {rng.random()}",
        "start": rng.randint(0, 1000),
    }


def store(db, rng: random.Random, number: int) -> str:
    """A document with a few random events; returns its id."""
    return store_events(db, rng, number)[0]


def store_events(db, rng: random.Random, number: int) -> tuple[str, list[dict[str, Any]]]:
    """A document with a few random events; returns its id and the events."""
    doc = {
        "url": f"https://news.example.org/{number}",
        "title": f"story {number}",
        "text": "x",
        "published": f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "publisher": rng.choice(["NHS England", "Trust A", "Local paper"]),
    }
    with db.atomic():
        doc_id, _ = load.store_document(db, doc)
        events = [random_event(rng) for _ in range(rng.randint(1, 4))]
        load.replace_events(db, doc_id, events, "1")
    return doc_id, events


def snapshot(db) -> dict[str, list[tuple]]:
    """Every derived row, order-free (and the claims as the ``timeline_claims`` view shows them)."""
    tables = (*TABLES, "timeline_claims")
    return {table: sorted(map(tuple, db.execute(f"select * from {table}").fetchall())) for table in tables}


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "nhswatch.db")
    load.upsert_organisations(db, [organisation(code, f"Trust {code}") for code in CODES])
    yield db
    db.close()


@pytest.mark.parametrize("seed", range(6))
def test_incremental_update_gives_the_rows_of_a_full_rebuild(db, seed):
    rng = random.Random(seed)
    docs = [store(db, rng, n) for n in range(60)]
    rebuild_derived(db, aliases=False)
    for n in range(60, 70):
        store(db, rng, n)
    with db.atomic():
        load.replace_events(db, docs[3], [], "1")
        db.execute("update documents set published = '2020-02-02' where id = ?", [docs[7]])
    update_derived(db, aliases=False)
    incremental = snapshot(db)
    rebuild_derived(db, aliases=False)
    assert incremental == snapshot(db)


@pytest.mark.parametrize("seed", range(3))
def test_the_streamed_rebuild_gives_the_rows_of_one_build_over_all_events(db, seed):
    rng = random.Random(100 + seed)
    for n in range(80):
        store(db, rng, n)
    counts = rebuild_derived(db, aliases=False)
    derived = build_all([dict(row) for row in db.query(EVENTS_SQL)])
    assert counts == {table: len(getattr(derived, table)) for table in TABLES}
    for table in TABLES:  # the columns the build writes (others, like the official verdicts, come later)
        rows = getattr(derived, table)
        columns = ", ".join(f'"{c}"' for c in rows[0])
        stored = sorted(map(tuple, db.execute(f"select {columns} from {table}").fetchall()))
        assert stored == sorted(tuple(row.values()) for row in rows), table


def test_a_later_framework_version_caps_another_organisations_period(db):
    first = {"ods_code": "RXW", "org": "x", "framework": "nof", "framework_version": "2019", "change": "enter"}
    with db.atomic():
        doc_id, _ = load.store_document(db, {"url": "https://e.org/1", "title": "t", "text": "x", "published": "2020"})
        load.replace_events(db, doc_id, [{**first, "to": "3", "date": "2020-03", "confidence": 0.9}], "1")
    rebuild_derived(db, aliases=False)
    assert db.execute("select valid_to from status_timeline where framework = 'nof'").fetchone() == (None,)
    newer = {**first, "ods_code": "RX1", "framework_version": "2021", "to": "2", "date": "2021-09"}
    with db.atomic():
        doc_id, _ = load.store_document(db, {"url": "https://e.org/2", "title": "t", "text": "x", "published": "2021"})
        load.replace_events(db, doc_id, [{**newer, "confidence": 0.9}], "1")
    update_derived(db, aliases=False)
    capped = db.execute("select valid_to, ended_by from status_timeline where ods_code = 'RXW' and framework = 'nof'")
    assert capped.fetchone() == ("2021-09-01", "framework superseded")
    incremental = snapshot(db)
    rebuild_derived(db, aliases=False)
    assert incremental == snapshot(db)


def test_a_run_that_changed_nothing_recomputes_nothing(db):
    rng = random.Random(3)
    stored = [store_events(db, rng, n) for n in range(20)]
    rebuild_derived(db, aliases=False)
    with db.atomic():  # a re-extraction by a new extractor version that finds the same events
        for doc_id, events in stored:
            load.replace_events(db, doc_id, events, "2")
    assert db.execute("select count(*) from derived_dirty").fetchone() == (0,)
    assert set(update_derived(db, aliases=False).values()) == {0}


def test_an_event_change_marks_only_its_organisation(db):
    rng = random.Random(5)
    for n in range(10):
        store(db, rng, n)
    rebuild_derived(db, aliases=False)
    with db.atomic():
        doc_id, _ = load.store_document(db, {"url": "https://e.org/n", "title": "t", "text": "x", "published": "2024"})
        event = {"ods_code": "RAL", "org": "x", "framework": "uec_tier", "change": "enter", "to": "2"}
        load.replace_events(db, doc_id, [event], "1")
    assert [row[0] for row in db.execute("select ods_code from derived_dirty")] == ["RAL"]
