"""The full derived rebuild as a bulk rewrite (``db.rebuild``): indexes dropped and built again, tables no
foreign key points at dropped and recreated, a larger page cache; the schema and the rows stay as they were."""

from __future__ import annotations

import os
import random

import pytest
from db_helpers import organisation
from nhswatch.db import load, rebuild, workers
from nhswatch.db.derived import rebuild_derived, update_derived
from nhswatch.db.rebuild import BULK_CACHE_KIB, TABLES, bulk_cache
from nhswatch.db.schema import open_db
from test_incremental import CODES, snapshot, store

DERIVED = (*TABLES, "derived_version_starts")


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "nhswatch.db")
    load.upsert_organisations(db, [organisation(code, f"Trust {code}") for code in CODES])
    rng = random.Random(7)
    for n in range(40):
        store(db, rng, n)
    yield db
    db.close()


def schema(db) -> list[tuple]:
    """The derived tables' definitions, indexes and triggers, as SQLite keeps them."""
    placeholders = ", ".join("?" * len(DERIVED))
    return db.execute(
        f"select type, name, tbl_name, sql from sqlite_master where tbl_name in ({placeholders}) order by type, name",
        DERIVED,
    ).fetchall()


def test_a_full_rebuild_leaves_the_schema_as_it_was(db):
    before = schema(db)
    rebuild_derived(db, aliases=False)
    assert schema(db) == before


def test_a_second_full_rebuild_gives_the_same_rows(db):
    rebuild_derived(db, aliases=False)
    first = snapshot(db)
    rebuild_derived(db, aliases=False)
    assert snapshot(db) == first
    assert first["changes"]


def test_a_table_with_a_trigger_is_emptied_row_by_row_so_its_trigger_fires(db):
    rebuild_derived(db, aliases=False)
    rows = db.execute("select count(*) from period_evidence").fetchone()[0]
    db.execute("create table evidence_deleted (period_id text)")
    db.execute(
        "create trigger period_evidence_deleted after delete on period_evidence"
        " begin insert into evidence_deleted values (old.period_id); end"
    )
    rebuild_derived(db, aliases=False)
    assert db.execute("select count(*) from evidence_deleted").fetchone() == (rows,)
    assert db.execute("select count(*) from sqlite_master where name = 'period_evidence_deleted'").fetchone() == (1,)


@pytest.mark.parametrize("min_events", [workers.MIN_EVENTS, 0])  # in this process; in workers (stopped)
def test_a_failed_full_rebuild_keeps_the_tables_and_their_indexes(db, monkeypatch, min_events):
    rebuild_derived(db, aliases=False)
    before, rows = schema(db), snapshot(db)
    monkeypatch.setattr(workers, "MIN_EVENTS", min_events)
    monkeypatch.setattr(workers, "CHUNK_ORGS", 1)

    def fail(*args, **kwargs):
        raise RuntimeError("half-way")

    monkeypatch.setattr("nhswatch.db.rebuild._flush", fail)
    with pytest.raises(RuntimeError):
        rebuild_derived(db, aliases=False)
    assert schema(db) == before
    assert snapshot(db) == rows


def test_the_bulk_cache_is_enlarged_for_the_block_and_restored_after(db):
    db.execute("PRAGMA cache_size = -2000")
    with bulk_cache(db):
        assert db.execute("PRAGMA cache_size").fetchone() == (-BULK_CACHE_KIB,)
    assert db.execute("PRAGMA cache_size").fetchone() == (-2000,)


def test_reconciliation_reads_one_pairs_news_changes_through_its_index(db):
    plan = db.execute(
        "explain query plan select * from changes where ods_code = ? and framework = ? and provenance = 'news'",
        ["RXW", "nof"],
    ).fetchall()
    assert "idx_changes_org_provenance" in " ".join(row[-1] for row in plan)


def test_worker_processes_give_the_rows_of_one_process(db, monkeypatch):
    rebuild_derived(db, aliases=False)
    alone = snapshot(db)
    monkeypatch.setattr(workers, "MIN_EVENTS", 0)
    monkeypatch.setattr(workers, "CHUNK_ORGS", 2)  # several chunks per worker, so their order matters
    assert workers._workers(db) == min(workers.MAX_WORKERS, os.cpu_count() or 1) > 0
    rebuild_derived(db, aliases=False)
    assert snapshot(db) == alone


def test_inside_a_callers_transaction_the_rows_are_computed_in_this_process(db, monkeypatch):
    monkeypatch.setattr(workers, "MIN_EVENTS", 0)
    started = []
    monkeypatch.setattr(workers, "_in_workers", lambda *args: started.append(args) or iter(()))
    with db.atomic():
        rebuild_derived(db, aliases=False)
    assert not started
    assert db.execute("select count(*) from changes").fetchone()[0] > 0


def test_a_worker_that_stops_fails_the_rebuild_and_keeps_the_tables(db, monkeypatch):
    rebuild_derived(db, aliases=False)
    rows = snapshot(db)
    monkeypatch.setattr(workers, "MIN_EVENTS", 0)
    monkeypatch.setattr(workers.sys, "executable", "false")  # exits at once, with nothing said
    with pytest.raises(RuntimeError, match="worker stopped"):
        rebuild_derived(db, aliases=False)
    assert snapshot(db) == rows


@pytest.mark.parametrize("min_events", [workers.MIN_EVENTS, 0])  # in this process; in workers
def test_an_update_of_most_organisations_is_written_in_bulk_with_the_rows_of_a_full_rebuild(
    db, monkeypatch, min_events
):
    monkeypatch.setattr(rebuild, "BULK_MIN_ORGS", 1)
    monkeypatch.setattr(workers, "MIN_EVENTS", min_events)
    before = schema(db)
    dropped = []
    monkeypatch.setattr(rebuild, "_indexes_dropped", spy(rebuild._indexes_dropped, dropped))
    update_derived(db, aliases=False)  # a new database: every organisation is dirty
    assert dropped == [True]
    updated = snapshot(db)
    rebuild_derived(db, aliases=False)
    assert snapshot(db) == updated
    assert schema(db) == before


def spy(function, calls):
    """``function``, noting its second argument in ``calls``."""

    def wrapper(*args):
        calls.append(args[1])
        return function(*args)

    return wrapper
