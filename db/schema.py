"""The database schema, created and upgraded in place by sqlite-utils Migrations.

Never edit a migration that has shipped: add a new one. ``open_db`` applies whatever is pending,
so an older database is upgraded without loss the next time any command opens it.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database, Migrations

migrations = Migrations("nhswatch")


@migrations()
def m001_core(db: Database) -> None:
    db["sources"].create(
        {"name": str, "title": str, "publisher": str, "kind": str, "region": str, "homepage": str,
         "schedule": str, "confirmed": str},
        pk="name",
    )
    db["organisations"].create(
        {"ods_code": str, "name": str, "type": str, "region": str, "parent_icb": str, "open_date": str,
         "close_date": str, "predecessors": str, "successors": str, "domains": str},
        pk="ods_code",
    )
    db["documents"].create(
        {"id": str, "url": str, "source": str, "title": str, "published": str, "publisher": str,
         "text": str, "content_hash": str, "version": int, "first_seen": str, "fetched_at": str,
         "etag": str, "last_modified": str, "extractor_version": str},
        pk="id",
        foreign_keys=[("source", "sources", "name")],
    )
    db["documents"].create_index(["url"], unique=True)
    db["documents"].create_index(["published"])
    db["document_versions"].create(
        {"document_id": str, "version": int, "content_hash": str, "title": str, "published": str,
         "text": str, "fetched_at": str},
        pk=("document_id", "version"),
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["events"].create(
        {"id": str, "document_id": str, "ods_code": str, "org_name": str, "org_type": str, "org_mention": str,
         "framework": str, "framework_version": str, "change": str, "from_status": str, "to_status": str,
         "effective_date": str, "date_precision": str, "date_text": str, "modality": str, "evidence": str,
         "evidence_start": int, "evidence_end": int, "confidence": float, "extractor_version": str},
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("ods_code", "organisations", "ods_code")],
    )
    for columns in (["document_id"], ["ods_code", "framework", "effective_date"], ["framework", "to_status"],
                    ["effective_date"]):
        db["events"].create_index(columns)
    db["runs"].create(
        {"id": int, "started": str, "ended": str, "command": str, "status": str, "exit_code": int,
         "fetched": int, "new": int, "changed": int, "unchanged": int, "failed": int},
        pk="id",
    )
    db["fetches"].create(
        {"id": int, "run_id": int, "source": str, "url": str, "fetched_at": str, "status": int, "bytes": int,
         "etag": str, "last_modified": str, "content_hash": str, "outcome": str},
        pk="id",
        foreign_keys=[("run_id", "runs", "id")],
    )
    db["fetches"].create_index(["url"])
    db["failures"].create(
        {"id": int, "run_id": int, "source": str, "url": str, "stage": str, "reason": str, "at": str},
        pk="id",
        foreign_keys=[("run_id", "runs", "id")],
    )
    db["documents"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")
    db["events"].enable_fts(["evidence", "org_name"], create_triggers=True, tokenize="porter")


def open_db(path: str | Path) -> Database:
    """Open (creating or upgrading) the nhswatch database at ``path`` in WAL mode."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 10000")
    db.enable_wal()
    migrations.apply(db)
    return db
