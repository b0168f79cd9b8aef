"""The full derived rebuild as a bulk rewrite (``db.rebuild``): indexes dropped and built again, tables no
foreign key points at dropped and recreated, a larger page cache; the schema and the rows stay as they were."""

from __future__ import annotations

import random

import pytest
from db_helpers import organisation
from nhswatch.db import load
from nhswatch.db.derived import rebuild_derived
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


def test_a_failed_full_rebuild_keeps_the_tables_and_their_indexes(db, monkeypatch):
    rebuild_derived(db, aliases=False)
    before, rows = schema(db), snapshot(db)

    def fail(*args, **kwargs):
        raise RuntimeError("half-way")

    monkeypatch.setattr("nhswatch.db.rebuild._flush", fail)
    with pytest.raises(RuntimeError):
        rebuild_derived(db, aliases=False)
    assert schema(db) == before
    assert snapshot(db) == rows


def test_the_bulk_cache_is_enlarged_for_the_block_and_restored_after(db):
    db.execute("PRAGMA cache_size = -2000")
    with bulk_cache(db, True):
        assert db.execute("PRAGMA cache_size").fetchone() == (-BULK_CACHE_KIB,)
    assert db.execute("PRAGMA cache_size").fetchone() == (-2000,)


def test_reconciliation_reads_one_pairs_news_changes_through_its_index(db):
    plan = db.execute(
        "explain query plan select * from changes where ods_code = ? and framework = ? and provenance = 'news'",
        ["RXW", "nof"],
    ).fetchall()
    assert "idx_changes_org_provenance" in " ".join(row[-1] for row in plan)
