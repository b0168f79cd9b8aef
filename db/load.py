"""Idempotent writes: documents (with versions), events, organisations, runs, fetches, failures.

Every write that belongs together happens in one transaction, so a run killed at any point leaves
either the old state or the new one, never half of each. Loading the same input twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
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
    key = [doc_id, event.get("ods_code") or event.get("org"), event["framework"], event["change"],
           event.get("from"), event.get("to"), event.get("date"), event.get("start")]
    return hashlib.sha1(json.dumps(key, default=str).encode("utf-8")).hexdigest()[:16]


def upsert_sources(db: Database, sources: Iterable[Any]) -> None:
    rows = [
        {"name": s.name, "title": s.title, "publisher": s.publisher, "kind": s.kind, "region": s.region,
         "homepage": s.homepage, "schedule": s.schedule, "confirmed": s.confirmed}
        for s in sources
    ]
    if rows:
        db["sources"].upsert_all(rows, pk="name")


def upsert_organisations(db: Database, organisations: Iterable[Any]) -> int:
    rows = [
        {"ods_code": o.ods_code, "name": o.name, "type": o.type, "region": o.region, "parent_icb": o.parent_icb,
         "open_date": o.open_date, "close_date": o.close_date, "predecessors": ";".join(o.predecessors),
         "successors": ";".join(o.successors), "domains": ";".join(o.domains)}
        for o in organisations
    ]
    with db.atomic():
        db["organisations"].upsert_all(rows, pk="ods_code")
    return len(rows)


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
    row = {
        "id": doc_id, "url": doc["url"], "source": doc.get("source"), "title": doc.get("title"),
        "published": doc.get("published"), "publisher": doc.get("publisher"), "text": doc.get("text"),
        "content_hash": digest, "version": version, "first_seen": existing[2] if existing else fetched_at,
        "fetched_at": fetched_at, "etag": doc.get("etag"), "last_modified": doc.get("last_modified"),
        "extractor_version": None,
    }
    db["documents"].upsert(row, pk="id")
    db["document_versions"].upsert(
        {"document_id": doc_id, "version": version, "content_hash": digest, "title": row["title"],
         "published": row["published"], "text": row["text"], "fetched_at": fetched_at},
        pk=("document_id", "version"),
    )
    return doc_id, "changed" if existing else "new"


def replace_events(db: Database, doc_id: str, events: list[dict[str, Any]], extractor_version: str) -> int:
    """Make the document's events exactly ``events``. Call inside a transaction."""
    known = {row[0] for row in db.execute("select ods_code from organisations")}
    db.execute("delete from events where document_id = ?", [doc_id])
    rows = []
    for event in events:
        code = event.get("ods_code")
        rows.append({
            "id": event_id(doc_id, event), "document_id": doc_id, "ods_code": code if code in known else None,
            "org_name": event.get("org"), "org_type": event.get("org_type"), "org_mention": event.get("org_mention"),
            "framework": event["framework"], "framework_version": event.get("framework_version"),
            "change": event["change"], "from_status": status_text(event.get("from")),
            "to_status": status_text(event.get("to")), "effective_date": event.get("date"),
            "date_precision": date_precision(event.get("date")), "date_text": event.get("date_text"),
            "modality": event.get("modality"), "evidence": event.get("evidence"),
            "evidence_start": event.get("start"), "evidence_end": event.get("end"),
            "confidence": event.get("confidence"), "extractor_version": extractor_version,
        })
    if rows:
        db["events"].upsert_all(rows, pk="id")
    db.execute("update documents set extractor_version = ? where id = ?", [extractor_version, doc_id])
    return len(rows)


def start_run(db: Database, command: str) -> int:
    with db.atomic():
        table = db["runs"].insert({"started": now(), "command": command, "status": "running"})
    return int(table.last_pk)


def finish_run(db: Database, run_id: int, exit_code: int, counts: dict[str, int]) -> None:
    status = {0: "ok", 1: "partial"}.get(exit_code, "failed")
    with db.atomic():
        db["runs"].update(run_id, {"ended": now(), "status": status, "exit_code": exit_code, **counts})


def record_failure(db: Database, run_id: int | None, source: str, url: str, stage: str, reason: str) -> None:
    db["failures"].insert({"run_id": run_id, "source": source, "url": url, "stage": stage, "reason": reason,
                           "at": now()})


def record_fetch(db: Database, run_id: int | None, source: str, url: str, response: Any, outcome: str,
                 digest: str | None) -> None:
    db["fetches"].insert({
        "run_id": run_id, "source": source, "url": url, "fetched_at": now(),
        "status": response.status if response is not None else None,
        "bytes": len(response.body) if response is not None else 0,
        "etag": response.headers.get("etag") if response is not None else None,
        "last_modified": response.headers.get("last-modified") if response is not None else None,
        "content_hash": digest, "outcome": outcome,
    })
