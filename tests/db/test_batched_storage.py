"""Storing extraction results: a document's events are made exactly the new ones, rows that did not change
are left alone, and the database runs in WAL with synchronous=NORMAL."""

from __future__ import annotations

from nhswatch.db.load import replace_events, store_document
from nhswatch.db.schema import open_db

EVENT = {"org": "x", "ods_code": None, "framework": "uec_tier", "change": "enter", "to": "2", "confidence": 0.5}


def events_of(db) -> list[tuple]:
    return db.execute("select framework, change, to_status, confidence, extractor_version from events").fetchall()


def document(db) -> str:
    doc_id, _ = store_document(db, {"url": "http://127.0.0.1/a", "title": "t", "text": "x", "published": "2024"})
    return doc_id


def test_replacing_events_removes_those_no_longer_found(tmp_path):
    db = open_db(tmp_path / "n.db")
    doc_id = document(db)
    replace_events(db, doc_id, [EVENT, {**EVENT, "to": "3"}], "1")
    replace_events(db, doc_id, [{**EVENT, "to": "3"}], "1")
    assert events_of(db) == [("uec_tier", "enter", "3", 0.5, "1")]


def test_replacing_events_updates_what_changed_in_place(tmp_path):
    db = open_db(tmp_path / "n.db")
    doc_id = document(db)
    replace_events(db, doc_id, [EVENT], "1")
    (rowid,) = db.execute("select rowid from events").fetchone()
    replace_events(db, doc_id, [{**EVENT, "confidence": 0.9}], "2")
    assert db.execute("select rowid, confidence, extractor_version from events").fetchall() == [(rowid, 0.9, "2")]


def test_the_database_is_wal_with_normal_sync(tmp_path):
    db = open_db(tmp_path / "n.db")
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert db.execute("pragma synchronous").fetchone()[0] == 1  # NORMAL
