"""Idempotent writes: documents (with versions), events, organisations, runs, fetches, failures.

Every write that belongs together happens in one transaction, so a run killed at any point leaves
either the old state or the new one, never half of each. Loading the same input twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def document_id(url: str) -> str:
    """Stable id of a document: a hash of its URL."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def text_hash(title: str, text: str, published: str | None) -> str:
    return hashlib.sha256(json.dumps([title, text, published]).encode("utf-8")).hexdigest()


def status_text(value: Any) -> str | None:
    return None if value is None else str(value)


def date_precision(value: str | None) -> str | None:
    return {4: "year", 7: "month", 10: "day"}.get(len(value)) if value else None


def event_id(doc_id: str, event: dict[str, Any]) -> str:
    key = [
        doc_id,
        event.get("ods_code") or event.get("org"),
        event["framework"],
        event["change"],
        event.get("from"),
        event.get("to"),
        event.get("date"),
        event.get("start"),
    ]
    return hashlib.sha1(json.dumps(key, default=str).encode("utf-8")).hexdigest()[:16]


def upsert_sources(db: Database, sources: Iterable[Any]) -> None:
    rows = [
        {
            "name": s.name,
            "title": s.title,
            "publisher": s.publisher,
            "kind": s.kind,
            "region": s.region,
            "homepage": s.homepage,
            "schedule": s.schedule,
            "confirmed": s.confirmed,
        }
        for s in sources
    ]
    if rows:
        db["sources"].upsert_all(rows, pk="name")


def upsert_organisations(db: Database, organisations: Iterable[Any]) -> int:
    rows = [
        {
            "ods_code": o.ods_code,
            "name": o.name,
            "type": o.type,
            "region": o.region,
            "parent_icb": o.parent_icb,
            "open_date": o.open_date,
            "close_date": o.close_date,
            "predecessors": ";".join(o.predecessors),
            "successors": ";".join(o.successors),
            "domains": ";".join(o.domains),
        }
        for o in organisations
    ]
    with db.atomic():
        db["organisations"].upsert_all(rows, pk="ods_code")
    return len(rows)


UPSERT_DOCUMENT = (
    "insert into documents (id, url, source, title, published, publisher, text, content_hash, version,"
    " first_seen, fetched_at, etag, last_modified, extractor_version) values (?,?,?,?,?,?,?,?,?,?,?,?,?,null)"
    " on conflict(id) do update set url = excluded.url, source = excluded.source, title = excluded.title,"
    " published = excluded.published, publisher = excluded.publisher, text = excluded.text,"
    " content_hash = excluded.content_hash, version = excluded.version, fetched_at = excluded.fetched_at,"
    " etag = excluded.etag, last_modified = excluded.last_modified, extractor_version = null"
)
UPSERT_VERSION = (
    "insert or replace into document_versions (document_id, version, content_hash, title, published, text,"
    " fetched_at) values (?,?,?,?,?,?,?)"
)


def store_document(db: Database, doc: dict[str, Any], *, fetched_at: str | None = None) -> tuple[str, str]:
    """Insert or update one document; returns (id, "new" | "changed" | "unchanged").

    A changed document keeps its earlier versions in ``document_versions``. Call inside a transaction.
    """
    doc_id = document_id(doc["url"])
    digest = text_hash(doc.get("title") or "", doc.get("text") or "", doc.get("published"))
    fetched_at = fetched_at or now()
    existing = db.execute("select content_hash, version, first_seen from documents where id = ?", [doc_id]).fetchone()
    if existing and existing[0] == digest:
        return doc_id, "unchanged"
    version = (existing[1] + 1) if existing else 1
    # Plain prepared statements: sqlite-utils' upsert re-reads the table layout on every call, which
    # costs more than the write itself when loading thousands of documents.
    db.conn.execute(
        UPSERT_DOCUMENT,
        [
            doc_id,
            doc["url"],
            doc.get("source"),
            doc.get("title"),
            doc.get("published"),
            doc.get("publisher"),
            doc.get("text"),
            digest,
            version,
            existing[2] if existing else fetched_at,
            fetched_at,
            doc.get("etag"),
            doc.get("last_modified"),
        ],
    )
    db.conn.execute(
        UPSERT_VERSION,
        [doc_id, version, digest, doc.get("title"), doc.get("published"), doc.get("text"), fetched_at],
    )
    return doc_id, "changed" if existing else "new"


EVENT_COLUMNS = (
    "id",
    "document_id",
    "ods_code",
    "org_name",
    "org_type",
    "org_mention",
    "framework",
    "framework_version",
    "change",
    "from_status",
    "to_status",
    "effective_date",
    "date_precision",
    "date_text",
    "modality",
    "evidence",
    "evidence_start",
    "evidence_end",
    "confidence",
    "extractor_version",
    "rules",
)
# An event the document already has is updated only where it differs, and one it no longer has is
# deleted: re-extracting a document that says the same leaves its events (and the derived tables'
# record of what changed, m008) untouched.
UPSERT_EVENT = "insert into events ({}) values ({}) on conflict(id) do update set {} where {}".format(
    ", ".join(EVENT_COLUMNS),
    ", ".join("?" * len(EVENT_COLUMNS)),
    ", ".join(f"{c} = excluded.{c}" for c in EVENT_COLUMNS[1:]),
    " or ".join(f"events.{c} is not excluded.{c}" for c in EVENT_COLUMNS[1:]),
)
DELETE_OTHER_EVENTS = "delete from events where document_id = ? and id not in (select value from json_each(?))"


def replace_events(db: Database, doc_id: str, events: list[dict[str, Any]], extractor_version: str) -> int:
    """Make the document's events exactly ``events``. Call inside a transaction."""
    codes = sorted({e.get("ods_code") for e in events if e.get("ods_code")})
    marks = ",".join("?" * len(codes))
    known = {r[0] for r in db.execute(f"select ods_code from organisations where ods_code in ({marks})", codes)}
    rows = [event_values(doc_id, event, known, extractor_version) for event in events]
    db.conn.execute(DELETE_OTHER_EVENTS, [doc_id, json.dumps([row[0] for row in rows])])
    db.conn.executemany(UPSERT_EVENT, rows)
    db.conn.execute("update documents set extractor_version = ? where id = ?", [extractor_version, doc_id])
    return len(rows)


def event_values(doc_id: str, event: dict[str, Any], known: set[str], extractor_version: str) -> tuple:
    """An extracted event as the values of an ``events`` row, in ``EVENT_COLUMNS`` order."""
    code = event.get("ods_code")
    return (
        event_id(doc_id, event),
        doc_id,
        code if code in known else None,
        event.get("org"),
        event.get("org_type"),
        event.get("org_mention"),
        event["framework"],
        event.get("framework_version"),
        event["change"],
        status_text(event.get("from")),
        status_text(event.get("to")),
        event.get("date"),
        date_precision(event.get("date")),
        event.get("date_text"),
        event.get("modality"),
        event.get("evidence"),
        event.get("start"),
        event.get("end"),
        event.get("confidence"),
        extractor_version,
        json.dumps(event.get("rules") or []),
    )


def start_run(db: Database, command: str, *, sources: int | None = None) -> int:
    """Record the start of a run; returns its id."""
    with db.atomic():
        table = db["runs"].insert(
            {"started": now(), "command": command, "status": "running", "pid": os.getpid(), "sources": sources}
        )
    return int(table.last_pk)


def mark_interrupted_runs(db: Database, current: int | None = None) -> int:
    """Runs still marked "running" that are not ``current`` were killed: say so. Call under the run lock."""
    with db.atomic():
        cursor = db.execute(
            "update runs set status = 'interrupted', ended = coalesce(ended, ?) where status = 'running' and id != ?",
            [now(), current if current is not None else -1],
        )
    return cursor.rowcount


def finish_run(db: Database, run_id: int, exit_code: int, counts: dict[str, int], *, status: str | None = None) -> None:
    """Record the end of a run: status (by default from the exit code) and its counts."""
    status = status or {0: "ok", 1: "partial"}.get(exit_code, "failed")
    columns = set(db["runs"].columns_dict)
    with db.atomic():
        db["runs"].update(
            run_id,
            {
                "ended": now(),
                "status": status,
                "exit_code": exit_code,
                **{k: v for k, v in counts.items() if k in columns},
            },
        )


def record_run_source(
    db: Database, run_id: int | None, source: str, counts: dict[str, int], status: str, started: str | None = None
) -> None:
    """The per-source summary of a run (``run_sources``)."""
    if run_id is None:
        return
    row = {"run_id": run_id, "source": source, "status": status, "started": started, "ended": now()}
    row.update({k: int(counts.get(k, 0)) for k in ("fetched", "new", "changed", "unchanged", "skipped", "failed")})
    db["run_sources"].upsert(row, pk=("run_id", "source"))


def last_success(db: Database, source: str) -> str | None:
    """When ``source`` last finished a run that fetched something (``run_sources``), or None."""
    row = db.execute(
        "select max(ended) from run_sources where source = ? and status in ('ok', 'partial')", [source]
    ).fetchone()
    return row[0] if row else None


def record_failure(
    db: Database, run_id: int | None, source: str, url: str, stage: str, reason: str, status: int | None = None
) -> None:
    """One failure the operator can query: which source, which URL, at what stage, why."""
    db["failures"].insert(
        {
            "run_id": run_id,
            "source": source,
            "url": url,
            "stage": stage,
            "reason": reason,
            "at": now(),
            "status": status,
        }
    )


def record_fetch(
    db: Database,
    run_id: int | None,
    source: str,
    url: str,
    response: Any,
    outcome: str,
    digest: str | None,
    *,
    kind: str | None = None,
) -> None:
    """One row of the fetch log: URL, time, status, bytes, validators, archive digest, outcome."""
    headers = response.headers if response is not None else {}
    db["fetches"].insert(
        {
            "run_id": run_id,
            "source": source,
            "url": url,
            "fetched_at": now(),
            "status": response.status if response is not None else None,
            "bytes": len(response.body) if response is not None and not response.not_modified else 0,
            "etag": headers.get("etag"),
            "last_modified": headers.get("last-modified"),
            "content_hash": digest,
            "outcome": outcome,
            "kind": kind,
            "content_type": headers.get("content-type"),
            "elapsed": round(response.elapsed, 4) if response is not None else None,
        }
    )


def known_urls(db: Database, source: str | None = None) -> dict[str, dict[str, Any]]:
    """Per URL, what the last full (200) fetch said: etag, last_modified, digest, fetched_at,
    content_type; plus whether a document exists for it, and whether it has gone (404/410) since.
    For conditional requests, and so a taken-down article is not requested on every run."""
    where, params = ("and source = ?", [source]) if source else ("", [])
    rows = db.execute(
        f"""select url, etag, last_modified, content_hash, fetched_at, content_type from fetches
            where id in (select max(id) from fetches where status = 200 and content_hash is not null {where}
                         group by url)""",
        params,
    ).fetchall()
    documents = {row[0] for row in db.execute("select url from documents")}
    gone = gone_urls(db, source)
    known = {}
    for url, etag, modified, digest, fetched_at, content_type in rows:
        known[url] = {
            "etag": etag,
            "last_modified": modified,
            "digest": digest,
            "fetched_at": fetched_at,
            "content_type": content_type,
            "has_document": url in documents,
            "gone": url in gone,
        }
    return known


def gone_urls(db: Database, source: str | None = None) -> set[str]:
    """URLs whose newest answer was 404 or 410 after their last good (200) one: taken down, not retried."""
    where, params = ("where source = ?", [source]) if source else ("", [])
    rows = db.execute(
        f"""select url, max(case when status = 200 then id end), max(case when status in (404, 410) then id end)
            from fetches {where} group by url""",
        params,
    ).fetchall()
    return {url for url, good, missing in rows if missing is not None and (good is None or missing > good)}


def latest_raw(db: Database) -> dict[str, tuple[str, str | None]]:
    """URL → (archive digest, content type) of the newest archived response, for re-extraction."""
    rows = db.execute(
        """select url, content_hash, content_type from fetches
           where id in (select max(id) from fetches where content_hash is not null and status in (200, 304)
                        group by url)"""
    ).fetchall()
    return {url: (digest, content_type) for url, digest, content_type in rows}


def refresh_document(db: Database, doc_id: str, doc: dict[str, Any]) -> bool:
    """Re-parsed text of the *same* raw response: update the current version in place.

    A parser change is not a new version of the article, so no version is added; returns whether
    anything changed. Call inside a transaction.
    """
    digest = text_hash(doc.get("title") or "", doc.get("text") or "", doc.get("published"))
    row = db.execute("select content_hash, version from documents where id = ?", [doc_id]).fetchone()
    if row is None or row[0] == digest:
        return False
    fields = {
        "title": doc.get("title"),
        "published": doc.get("published"),
        "text": doc.get("text"),
        "content_hash": digest,
    }
    db["documents"].update(doc_id, {**fields, "publisher": doc.get("publisher"), "extractor_version": None})
    db.execute(
        "update document_versions set title = ?, published = ?, text = ?, content_hash = ? "
        "where document_id = ? and version = ?",
        [fields["title"], fields["published"], fields["text"], digest, doc_id, row[1]],
    )
    return True
