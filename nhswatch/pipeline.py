"""Wiring: scraper → archive + documents, documents → extract → events.

Each document is stored, and each document's events replaced, in its own transaction: a run that
is killed leaves finished documents in place, and the next run picks up the rest.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

import extract
from db import load
from extract.gazetteer import default_gazetteer
from scraper.archive import Archive
from scraper.crawl import Validators, crawl
from scraper.fetch import Fetcher
from scraper.registry import Source

from .progress import progress

log = logging.getLogger(__name__)


@dataclass
class RunCounts:
    """What a run did, per source."""

    by_source: dict[str, Counter] = field(default_factory=dict)

    def add(self, source: str, outcome: str) -> None:
        self.by_source.setdefault(source, Counter())[outcome] += 1

    def total(self, outcome: str) -> int:
        return sum(c[outcome] for c in self.by_source.values())

    def as_row(self) -> dict[str, int]:
        return {k: self.total(k) for k in ("fetched", "new", "changed", "unchanged", "failed")}


def known_validators(db: Database, source: str) -> dict[str, Validators]:
    rows = db.execute("select url, etag, last_modified from documents where source = ?", [source]).fetchall()
    return {url: Validators(etag, modified) for url, etag, modified in rows}


def scrape(db: Database, sources: Iterable[Source], fetcher: Fetcher, archive: Archive, run_id: int | None,
           *, since: str | None = None, limit: int | None = None) -> RunCounts:
    """Fetch every source's articles into the archive and the documents table."""
    counts = RunCounts()
    sources = list(sources)
    load.upsert_sources(db, sources)
    for source in sources:
        counts.by_source.setdefault(source.name, Counter())
        results = crawl(source, fetcher, known_validators(db, source.name), since=since, limit=limit)
        for result in progress(results, label=f"scraping {source.name}"):
            store_result(db, archive, run_id, result, counts)
    return counts


def store_result(db: Database, archive: Archive, run_id: int | None, result: Any, counts: RunCounts) -> None:
    """Record one crawl result: a failure, an unchanged page or a (new version of a) document."""
    source = result.source
    if result.error:
        with db.atomic():
            load.record_failure(db, run_id, source, result.url, result.stage, result.error)
            load.record_fetch(db, run_id, source, result.url, result.response, "failed", None)
        counts.add(source, "failed")
        log.warning("%s: %s failed: %s", source, result.url, result.error)
        return
    counts.add(source, "fetched")
    if result.not_modified:
        with db.atomic():
            load.record_fetch(db, run_id, source, result.url, result.response, "not modified", None)
        counts.add(source, "unchanged")
        return
    digest = archive.put(result.response.body)
    article = result.article
    doc = {
        "url": result.url, "source": source, "title": article.title, "published": article.published,
        "publisher": article.publisher, "text": article.text,
        "etag": result.response.headers.get("etag"), "last_modified": result.response.headers.get("last-modified"),
    }
    with db.atomic():
        _, outcome = load.store_document(db, doc)
        load.record_fetch(db, run_id, source, result.url, result.response, outcome, digest)
    counts.add(source, outcome)


def pending_documents(db: Database, everything: bool = False) -> list[dict[str, Any]]:
    where = "" if everything else "where extractor_version is null or extractor_version != ?"
    params = [] if everything else [extract.EXTRACTOR_VERSION]
    return list(db.query(f"select id, url, title, published, publisher, text from documents {where}", params))


def extract_documents(db: Database, *, everything: bool = False) -> int:
    """Run the extractor over stored documents not yet extracted by this version; returns events stored."""
    load.upsert_organisations(db, default_gazetteer().by_code.values())
    stored = 0
    for doc in progress(pending_documents(db, everything), label="extracting"):
        result = extract.extract(doc["text"] or "", doc["published"], url=doc["url"], publisher=doc["publisher"])
        with db.atomic():
            stored += load.replace_events(db, doc["id"], result.events, extract.EXTRACTOR_VERSION)
    return stored


def load_documents(db: Database, documents: Iterable[dict[str, Any]], source: str = "import") -> RunCounts:
    """Store documents given as dicts (id, url, title, text, published) and extract them."""
    counts = RunCounts()
    for doc in documents:
        url = doc.get("url") or f"urn:nhswatch:{source}:{doc['id']}"
        with db.atomic():
            _, outcome = load.store_document(db, {**doc, "url": url, "source": None})
        counts.add(source, outcome)
    extract_documents(db)
    return counts
