"""``timeline_claims`` is a view (migration m013): the rebuild stores each claim once in
``timeline_claim_rows`` and the view adds its document's and event's columns."""

from __future__ import annotations

from db_helpers import organisation
from nhswatch.db import load
from nhswatch.db.derived import rebuild_derived
from nhswatch.db.schema import open_db, schema_version

CLAIMS = "select * from timeline_claims order by period_id, kind, claim, document_id"


def store_dispute(db) -> None:
    """Two newsrooms giving RXW different segments for the same month."""
    load.upsert_organisations(db, [organisation("RXW", "The Shrewsbury and Telford Hospital NHS Trust")])
    with db.atomic():
        for n, (status, publisher) in enumerate([("3", "NHS England"), ("4", "Local paper")]):
            doc = {"url": f"https://example.org/{n}", "title": f"story {n}", "text": "x", "published": "2024-07-01"}
            doc_id, _ = load.store_document(db, {**doc, "publisher": publisher})
            event = {"ods_code": "RXW", "org": "Shrewsbury", "framework": "nof", "framework_version": "2021"}
            event |= {"change": "state", "to": status, "date": "2024-05", "evidence": f"In segment {status}."}
            load.replace_events(db, doc_id, [event], "1")


def make_claims_a_table(db) -> None:
    """Put the database back as m012 left it: ``timeline_claims`` a table holding every column."""
    with db.conn:
        db.execute("create table old_claims as select * from timeline_claims")
        db.execute("drop view timeline_claims")
        db.execute("drop table timeline_claim_rows")
        db.execute("alter table old_claims rename to timeline_claims")
        db.execute("delete from _sqlite_migrations where name = 'm013_claims_view'")
        db.execute(f"PRAGMA user_version = {schema_version() - 1}")


def test_the_view_shows_each_claim_with_its_document_and_sentence(tmp_path):
    db = open_db(tmp_path / "nhswatch.db")
    store_dispute(db)
    rebuild_derived(db, aliases=False)
    rows = db.execute(
        "select claim, kept, publisher, title, url, evidence from timeline_claims where framework = 'nof'"
        " order by kept desc"
    ).fetchall()
    assert rows == [
        ("in segment 3 (NOF 2021)", 1, "NHS England", "story 0", "https://example.org/0", "In segment 3."),
        ("in segment 4 (NOF 2021)", 0, "Local paper", "story 1", "https://example.org/1", "In segment 4."),
    ]


def test_the_upgrade_keeps_an_old_databases_claims_without_a_rebuild(tmp_path):
    path = tmp_path / "nhswatch.db"
    db = open_db(path)
    store_dispute(db)
    rebuild_derived(db, aliases=False)
    make_claims_a_table(db)
    old = db.execute(CLAIMS).fetchall()
    assert len(old) == 4 and "timeline_claims" in db.table_names()  # the NOF dispute and its family's
    db.close()
    upgraded = open_db(path)
    assert "timeline_claims" in upgraded.view_names() and "timeline_claims" not in upgraded.table_names()
    assert upgraded.execute(CLAIMS).fetchall() == old
    assert upgraded["timeline_claim_rows"].count == 4
