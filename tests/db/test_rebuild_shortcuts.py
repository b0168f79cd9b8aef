"""The full rebuild's shortcuts give the rows of the long way: pairs without official observations reconciled
set-based, rows sent as tuples, the garbage collector relaxed for the rebuild and restored after it."""

from __future__ import annotations

import gc
import random
import sqlite3

import pytest
from db_helpers import organisation
from nhswatch.db import load, rebuild, workers
from nhswatch.db.derived import rebuild_derived
from nhswatch.db.reconcile import _pairs, reconcile, with_intensive
from nhswatch.db.schema import open_db
from sqlite_utils import Database
from test_incremental import CODES
from test_incremental import store as store_random
from test_reconcile import SEGMENTS, publish, random_segmentation, snapshot


@pytest.fixture
def official_db(tmp_path):
    rng = random.Random(3)
    db = open_db(tmp_path / "r.db")
    load.upsert_organisations(db, [organisation(code, f"Trust {code}") for code in CODES])
    for n in range(40):
        store_random(db, rng, n)
    rebuild_derived(db, aliases=False)
    publish(db, random_segmentation(rng), SEGMENTS, "segmentation")
    yield db
    db.close()


def copy(db, path) -> sqlite3.Connection:
    target = sqlite3.connect(path)
    db.conn.backup(target)
    target.execute("PRAGMA foreign_keys = ON")
    return target


def test_a_full_reconciliation_gives_the_rows_of_reconciling_every_pair_one_by_one(official_db, tmp_path):
    # one trust loses its official observations: its official rows must go, its periods become silent
    quiet = official_db.execute("select ods_code from official_observations order by 1 limit 1").fetchone()[0]
    with official_db.atomic():
        official_db.execute("delete from official_observations where ods_code = ?", [quiet])
    one_by_one = copy(official_db, tmp_path / "one_by_one.db")
    slow = Database(one_by_one)
    reconcile(slow, with_intensive(_pairs(slow)))  # explicit pairs: every pair the long way
    reconcile(official_db)
    assert snapshot(official_db) == snapshot(slow)
    silent = official_db.execute(
        "select distinct official_verdict from status_timeline where ods_code = ? and provenance = 'news'", [quiet]
    ).fetchall()
    assert silent == [("silent",)]
    assert official_db.execute("select count(*) from official_spans where ods_code = ?", [quiet]).fetchone() == (0,)


def test_rows_are_packed_as_tuples_in_their_column_order(official_db):
    events = official_db.execute(rebuild.EVENTS_BY_ORG_SQL.format(where=""))
    code, rows = next(workers.rows_by_org(events))
    derived = workers.build_all(rows, {})
    packed = workers.pack(code, derived)
    columns, values = packed["changes"]
    assert [dict(zip(columns, row, strict=True)) for row in values] == derived.changes


def test_rows_with_other_columns_are_not_collected_into_the_same_batch():
    buffer = {"changes": (("id", "status"), [("a", "1")])}
    assert not rebuild._collect(buffer, {"changes": (("status", "id"), [("2", "b")])})
    assert buffer == {"changes": (("id", "status"), [("a", "1")])}
    assert rebuild._collect(buffer, {"changes": (("id", "status"), [("b", "2")])})
    assert buffer["changes"][1] == [("a", "1"), ("b", "2")]


def test_the_garbage_collectors_thresholds_are_restored_after_a_rebuild(official_db):
    before = gc.get_threshold()
    seen = []
    original = rebuild._write

    def write(*args, **kwargs):
        seen.append(gc.get_threshold())
        return original(*args, **kwargs)

    rebuild._write, saved = write, rebuild._write
    try:
        rebuild_derived(official_db, aliases=False)
    finally:
        rebuild._write = saved
    assert seen and seen[0] == workers.GC_THRESHOLD
    assert gc.get_threshold() == before
