"""The schema: tables, indexes, full-text search, WAL, and upgrading an older database in place."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from db_helpers import organisation
from nhswatch.db import load
from nhswatch.db.derived import rebuild_derived
from nhswatch.db.schema import NewerDatabase, migrations, open_db, schema_version
from sqlite_utils import Database

DERIVED = {"organisation_aliases", "mentions", "changes", "change_events", "status_timeline"}


def test_fresh_database_has_every_table_view_and_search_index(tmp_path):
    db = open_db(tmp_path / "nhswatch.db")
    tables = set(db.table_names())
    assert {
        "sources",
        "organisations",
        "documents",
        "document_versions",
        "events",
        "runs",
        "fetches",
        "failures",
    } | DERIVED <= tables
    assert {"documents_fts", "events_fts", "organisations_fts", "organisation_aliases_fts"} <= tables
    assert "event_sources" in db.view_names()
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert {"m001_core", "m002_publication"} <= {m.name for m in migrations.applied(db)}


def test_indexes_and_foreign_keys(tmp_path):
    db = open_db(tmp_path / "nhswatch.db")
    indexed = {tuple(i.columns) for i in db["status_timeline"].indexes}
    assert ("framework", "status", "valid_to") in indexed
    assert ("ods_code", "framework", "valid_from") in indexed
    assert ("first_seen",) in {tuple(i.columns) for i in db["changes"].indexes}
    fks = {(fk.column, fk.other_table) for fk in db["change_events"].foreign_keys}
    assert {("change_id", "changes"), ("event_id", "events"), ("document_id", "documents")} <= fks
    cascade = db.execute("select on_delete from pragma_foreign_key_list('change_events') where \"table\" = 'events'")
    assert cascade.fetchone()[0] == "CASCADE"


def test_opening_twice_changes_nothing(tmp_path):
    open_db(tmp_path / "nhswatch.db").close()
    db = open_db(tmp_path / "nhswatch.db")
    applied = [m.name for m in migrations.applied(db)]
    assert len(applied) == len(set(applied)) == len(migrations.pending(Database(memory=True)))
    assert migrations.pending(db) == []


def test_an_m001_database_is_upgraded_without_loss(tmp_path):
    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="m002_publication")
    assert "changes" not in old.table_names()
    load.upsert_organisations(old, [organisation("RXW", "The Shrewsbury and Telford Hospital NHS Trust")])
    with old.atomic():
        doc_id, _ = load.store_document(
            old,
            {
                "url": "https://example.org/a",
                "title": "Old news",
                "text": "Trust placed in segment 4.",
                "published": "2021-07-01",
            },
        )
        # an event row as the m001 code wrote it (no columns added by later migrations)
        old["events"].insert(
            {
                "id": "e1",
                "document_id": doc_id,
                "ods_code": "RXW",
                "org_name": "Shrewsbury",
                "framework": "nof",
                "change": "enter",
                "to_status": "4",
                "effective_date": "2021-07",
                "date_precision": "month",
                "extractor_version": "0.0.1",
            }
        )
    old.close()

    db = open_db(path)
    assert "m002_publication" in {m.name for m in migrations.applied(db)}
    assert db["documents"].count == 1 and db["events"].count == 1
    found = db.execute(
        "select organisations.ods_code from organisations_fts join organisations "
        "on organisations.rowid = organisations_fts.rowid "
        "where organisations_fts match 'Shrewsbury'"
    ).fetchall()
    assert found == [("RXW",)]
    counts = rebuild_derived(db, aliases=False)
    assert counts["changes"] == 2 and counts["status_timeline"] == 2  # nof + intensive_support


def test_re_extracting_a_document_is_not_blocked_by_derived_rows(small_db):
    with small_db.atomic():
        doc_id, _ = load.store_document(
            small_db, {"url": "https://example.org/b", "title": "t", "text": "x", "published": "2023-01-01"}
        )
        load.replace_events(
            small_db,
            doc_id,
            [
                {
                    "ods_code": "RX1",
                    "org": "Nottingham",
                    "framework": "rsp",
                    "change": "enter",
                    "from": "out",
                    "to": "in",
                    "date": "2023-01",
                }
            ],
            "1",
        )
    rebuild_derived(small_db, aliases=False)
    assert small_db["change_events"].count == 2
    with small_db.atomic():
        load.replace_events(small_db, doc_id, [], "2")
    assert small_db["change_events"].count == 0
    assert rebuild_derived(small_db, aliases=False)["changes"] == 0


def test_the_schema_version_is_recorded(tmp_path):
    db = open_db(tmp_path / "nhswatch.db")
    assert db.execute("pragma user_version").fetchone()[0] == schema_version() == len(migrations.applied(db))


def test_a_newer_database_is_refused_before_anything_is_written(tmp_path):
    path = tmp_path / "nhswatch.db"
    open_db(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"pragma user_version = {schema_version() + 3}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerDatabase) as raised:
        open_db(path)
    assert (raised.value.found, raised.value.known) == (schema_version() + 3, schema_version())
    assert path.read_bytes() == before


def test_an_unknown_migration_means_a_newer_database(tmp_path):
    path = tmp_path / "nhswatch.db"
    db = open_db(path)
    db["_sqlite_migrations"].insert(
        {"migration_set": "nhswatch", "name": "m999_from_the_future", "applied_at": "2099-01-01"}
    )
    db.close()
    with pytest.raises(NewerDatabase, match="m999_from_the_future"):
        open_db(path)


def test_writes_begin_immediate_so_a_stale_read_waits_instead_of_failing(tmp_path):
    """A transaction that reads then writes while another connection writes: with a deferred BEGIN
    SQLite fails at once with "database is locked" (the read snapshot is stale, the busy timeout does
    not apply); with BEGIN IMMEDIATE it waits for the other writer and succeeds."""
    path = tmp_path / "nhswatch.db"
    db = open_db(path)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("begin immediate")
    other.execute("insert into runs (command, status) values ('other', 'running')")

    def commit_later():
        time.sleep(0.3)
        other.execute("commit")

    thread = threading.Thread(target=commit_later)
    thread.start()
    try:
        with db.atomic():
            count = db.execute("select count(*) from runs").fetchone()[0]
            db.execute("insert into runs (command, status) values ('ours', ?)", [str(count)])
        db["runs"].insert({"command": "implicit", "status": "ok"})  # sqlite-utils' implicit transaction
    finally:
        thread.join()
        other.close()
    assert [r[0] for r in db.execute("select command from runs order by id")] == ["other", "ours", "implicit"]
    assert db.execute("select status from runs where command = 'ours'").fetchone()[0] == "1"
