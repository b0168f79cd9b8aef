"""Wiring: scraper → archive + documents, documents → extract → events, archive → reextract.

Scraping runs one worker thread per origin (concurrency across hosts, never within one); the
workers fetch, archive and parse, and hand results over a bounded queue to this thread, the only
one that writes to SQLite. Each result is stored in its own transaction together with its fetch
log row: a run that is killed leaves finished documents in place, and the next run, asking
conditionally, picks up the rest without duplicates.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from sqlite_utils import Database

from nhswatch import extract
from nhswatch.db import derived, load
from nhswatch.extract.gazetteer import default_gazetteer
from nhswatch.scraper.archive import Archive
from nhswatch.scraper.article import parse_article
from nhswatch.scraper.charset import decode
from nhswatch.scraper.crawl import Crawler, Known, PageResult
from nhswatch.scraper.fetch import Fetcher
from nhswatch.scraper.registry import Source, SourceError, load_registry

from .errors import DISK_ERRNOS
from .progress import Reporter, progress

log = logging.getLogger(__name__)
OUTCOMES = ("fetched", "new", "changed", "unchanged", "skipped", "failed")
QUEUE_SIZE = 64
REEXTRACT_BATCH = 100
EXTRACT_BATCH = 200  # documents extracted before their results are stored in one transaction
READ_PAGE = 500  # documents read from the database at a time


@dataclass
class RunCounts:
    """What a run did, per source."""

    by_source: dict[str, Counter] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)

    def add(self, source: str, outcome: str) -> None:
        self.by_source.setdefault(source, Counter())[outcome] += 1

    def total(self, outcome: str) -> int:
        return sum(c[outcome] for c in self.by_source.values())

    def as_row(self) -> dict[str, int]:
        return {k: self.total(k) for k in OUTCOMES}

    def exit_code(self) -> int:
        """0 all well, 1 some failures (the rest stored), 2 every source failed outright."""
        if self.status and all(status == "failed" for status in self.status.values()):
            return 2
        return 1 if self.total("failed") else 0


def source_status(counts: Counter) -> str:
    if not counts["failed"]:
        return "ok"
    return "partial" if counts["fetched"] or counts["skipped"] else "failed"


def known_for(db: Database, source: str) -> dict[str, Known]:
    """What earlier runs recorded about the URLs of ``source``, for conditional requests."""
    return {url: Known(**row) for url, row in load.known_urls(db, source).items()}


# Kept for callers of the first version of this module.
known_validators = known_for


def origin_groups(sources: Iterable[Source]) -> list[list[Source]]:
    """Sources grouped by the origin of their first discovery URL: one worker per group."""
    groups: dict[str, list[Source]] = {}
    for source in sources:
        steps = source.steps()
        url = steps[0][1]["url"] if steps else source.homepage
        parts = urlsplit(url)
        groups.setdefault(f"{parts.scheme}://{parts.netloc}".lower(), []).append(source)
    return list(groups.values())


@dataclass
class _Done:
    source: str
    started: str


@dataclass
class _Fatal:
    """A worker hit an error no other source can escape (the disk is full): the run must stop."""

    error: BaseException


def _stops_the_run(error: BaseException) -> bool:
    return isinstance(error, OSError) and error.errno in DISK_ERRNOS


def _worker(
    jobs: queue.Queue,
    results: queue.Queue,
    stop: threading.Event,
    fetcher: Fetcher,
    archive: Archive,
    known: dict[str, dict[str, Known]],
    since: str | None,
    limit: int | None,
) -> None:
    while not stop.is_set():
        try:
            group = jobs.get_nowait()
        except queue.Empty:
            return
        for source in group:
            started = load.now()
            try:
                for result in Crawler(source, fetcher, archive, known[source.name], since=since, limit=limit).run():
                    results.put(result)
                    if stop.is_set():
                        return
            except Exception as error:  # a crawler bug in one source must not stop the others
                if _stops_the_run(error):
                    results.put(_Fatal(error))
                    return
                log.exception("%s: crawler crashed", source.name)
                results.put(
                    PageResult(
                        source.name, source.homepage, error=f"crawler crashed: {error!r}", stage="source", kind="source"
                    )
                )
            results.put(_Done(source.name, started))


def scrape(
    db: Database,
    sources: Iterable[Source],
    fetcher: Fetcher,
    archive: Archive,
    run_id: int | None,
    *,
    since: str | None = None,
    limit: int | None = None,
    workers: int = 8,
    reporter: Reporter | None = None,
) -> RunCounts:
    """Fetch every source's articles into the archive and the documents table."""
    counts = RunCounts()
    sources = list(sources)
    load.upsert_sources(db, sources)
    known = {source.name: known_for(db, source.name) for source in sources}
    for source in sources:
        counts.by_source.setdefault(source.name, Counter())
    groups = origin_groups(sources)
    jobs: queue.Queue = queue.Queue()
    for group in groups:
        jobs.put(group)
    results: queue.Queue = queue.Queue(maxsize=QUEUE_SIZE)
    stop = threading.Event()
    threads = [
        threading.Thread(
            target=_worker,
            args=(jobs, results, stop, fetcher, archive, known, since, limit),
            name=f"crawl-{n}",
            daemon=True,
        )
        for n in range(max(1, min(workers, len(groups))))
    ]
    for thread in threads:
        thread.start()
    reporter = reporter or Reporter(len(sources), enabled=False)
    remaining = len(sources)
    try:
        while remaining:
            item = results.get()
            if isinstance(item, _Fatal):
                raise item.error
            if isinstance(item, _Done):
                remaining -= 1
                status = counts.status[item.source] = source_status(counts.by_source[item.source])
                with db.atomic():
                    load.record_run_source(db, run_id, item.source, counts.by_source[item.source], status, item.started)
                reporter.source_done(item.source, counts.by_source[item.source], status)
                continue
            outcome = store_result(db, archive, run_id, item, counts)
            reporter.page(item.source, outcome)
    finally:
        stop.set()
        while not results.empty():  # unblock workers waiting to put, so they can see ``stop``
            results.get_nowait()
        reporter.close()
    return counts


def store_result(db: Database, archive: Archive, run_id: int | None, result: PageResult, counts: RunCounts) -> str:
    """Record one crawl result; returns its outcome (failed, index, unchanged, skipped, new, changed)."""
    source = result.source
    response = result.response
    if result.note:
        log.info("%s: %s", source, result.note)
        return "note"
    if result.error and result.probe:  # an auto-discovery attempt that did not work: logged, not a failure
        if result.stage == "fetch" or response is not None:
            with db.atomic():
                load.record_fetch(
                    db, run_id, source, result.url, response, "probe failed", result.digest, kind=result.kind
                )
        return "probe"
    if result.error:
        with db.atomic():
            load.record_failure(
                db,
                run_id,
                source,
                result.url,
                result.stage,
                result.error,
                result.http_status or (response.status if response is not None else None),
            )
            if result.stage == "fetch" or response is not None:
                load.record_fetch(db, run_id, source, result.url, response, "failed", result.digest, kind=result.kind)
        counts.add(source, "failed")
        log.warning("%s: %s failed at %s: %s", source, result.url, result.stage, result.error)
        return "failed"
    if result.kind != "article":
        with db.atomic():
            load.record_fetch(
                db,
                run_id,
                source,
                result.url,
                response,
                "not modified" if response.not_modified else "index",
                result.digest,
                kind=result.kind,
            )
        return "index"
    if result.skipped:
        if response is not None:
            with db.atomic():
                load.record_fetch(db, run_id, source, result.url, response, "skipped", result.digest, kind="article")
        counts.add(source, "skipped" if response is not None else "unchanged")
        return "skipped"
    counts.add(source, "fetched")
    if result.article is None:  # 304 for a document we hold
        with db.atomic():
            load.record_fetch(db, run_id, source, result.url, response, "not modified", result.digest, kind="article")
        counts.add(source, "unchanged")
        return "unchanged"
    doc = _document(result)
    with db.atomic():
        if result.same_raw or response.from_archive:
            outcome = _refresh(db, doc)
        else:
            _, outcome = load.store_document(db, doc)
        load.record_fetch(db, run_id, source, result.url, response, outcome, result.digest, kind="article")
    counts.add(source, outcome)
    return outcome


def _document(result: PageResult) -> dict[str, Any]:
    article, response = result.article, result.response
    return {
        "url": result.url,
        "source": result.source,
        "title": article.title,
        "published": article.published,
        "publisher": article.publisher,
        "text": article.text,
        "etag": response.headers.get("etag"),
        "last_modified": response.headers.get("last-modified"),
    }


def _refresh(db: Database, doc: dict[str, Any]) -> str:
    """The same raw response as before: re-parsed text updates the current version in place."""
    doc_id = load.document_id(doc["url"])
    if db.execute("select 1 from documents where id = ?", [doc_id]).fetchone() is None:
        return load.store_document(db, doc)[1]
    load.refresh_document(db, doc_id, doc)
    return "unchanged"


def pending_documents(db: Database, everything: bool = False) -> list[dict[str, Any]]:
    return list(iter_pending(db, everything))


def iter_pending(db: Database, everything: bool = False) -> Iterator[dict[str, Any]]:
    """The documents this extractor version has not read (or every one), a page at a time by id, so
    memory holds one page whatever the size of the database; no cursor stays open between pages."""
    condition = "" if everything else "(extractor_version is null or extractor_version != ?) and"
    params = [] if everything else [extract.EXTRACTOR_VERSION]
    yield from iter_documents(db, condition, params)


def iter_documents(db: Database, condition: str = "", params: list[Any] | None = None) -> Iterator[dict[str, Any]]:
    """Documents matching ``condition`` (SQL ending in 'and', or empty), in id order, a page at a time."""
    after = ""
    while True:
        page = list(
            db.query(
                f"select id, url, source, title, published, publisher, text from documents"
                f" where {condition} id > ? order by id limit {READ_PAGE}",
                [*(params or []), after],
            )
        )
        yield from page
        if len(page) < READ_PAGE:
            return
        after = page[-1]["id"]


def publisher_codes() -> dict[str, str]:
    """Source name → ODS code of its publisher, from the registry ("we" in a trust's newsroom is the trust)."""
    try:
        return {name: s.publisher_ods for name, s in load_registry().items() if s.publisher_ods}
    except SourceError as error:
        log.warning("source registry unreadable, publishers unknown: %s", error)
        return {}


def extract_documents(db: Database, *, everything: bool = False) -> int:
    """Run the extractor over stored documents not yet extracted by this version; returns events stored.

    Documents are read a page at a time and their results stored a batch at a time, each batch in one
    transaction: memory is bounded by the batch, and a killed run keeps the batches it finished.
    """
    load.upsert_organisations(db, default_gazetteer().by_code.values())
    stored = 0
    publishers = publisher_codes()
    known = known_codes(db)
    pending = iter(progress(iter_pending(db, everything), label="extracting"))
    while batch := list(islice(pending, EXTRACT_BATCH)):
        results = [(doc, extract_one(doc, publishers.get(doc["source"] or ""))) for doc in batch]
        with db.atomic():
            for doc, result in results:
                if isinstance(result, Exception):
                    skip_extraction(db, doc, result)
                else:
                    stored += store_extraction(db, doc["id"], result, known)
    return stored


def known_codes(db: Database) -> set[str]:
    """The ODS codes of the organisations table (mentions of others are not stored)."""
    return {row[0] for row in db.execute("select ods_code from organisations")}


def extract_one(doc: dict[str, Any], publisher_ods: str | None) -> extract.Result | Exception:
    """The extractor's result for a stored document, or the error it gave up with (stored as a skip)."""
    try:
        return extract.extract(
            doc["text"] or "", doc["published"], url=doc["url"], publisher=doc["publisher"], publisher_ods=publisher_ods
        )
    except (extract.ExtractionBudgetExceeded, extract.InputError) as error:
        return error


def skip_extraction(db: Database, doc: dict[str, Any], error: Exception) -> None:
    """A document the extractor gave up on: logged and recorded as a failure; its stored events stay, and
    it is not tried again until the extractor changes."""
    log.warning("extraction skipped for %s: %s", doc["url"], error)
    with db.atomic():
        load.record_failure(db, None, doc["source"] or "", doc["url"], "extract", str(error))
        db.execute("update documents set extractor_version = ? where id = ?", [extract.EXTRACTOR_VERSION, doc["id"]])


def store_extraction(db: Database, doc_id: str, result: extract.Result, known: set[str] | None = None) -> int:
    """Replace a document's events and organisation mentions (``known``: the organisations table's codes)."""
    stored = load.replace_events(db, doc_id, result.events, extract.EXTRACTOR_VERSION)
    derived.replace_mentions(db, doc_id, result.organisations, known)
    return stored


def load_documents(db: Database, documents: Iterable[dict[str, Any]], source: str = "import") -> RunCounts:
    """Store documents given as dicts (id, url, title, text, published) and extract them.

    ``documents`` is consumed as it comes (a stream is fine) and stored in one transaction: if reading
    it fails half-way (a bad line in a JSONL file), nothing is stored.
    """
    counts = RunCounts()
    with db.atomic():
        for doc in documents:
            url = doc.get("url") or f"urn:nhswatch:{source}:{doc['id']}"
            _, outcome = load.store_document(db, {**doc, "url": url, "source": None})
            counts.add(source, outcome)
    extract_documents(db)
    return counts


def rebuild_derived(db: Database, *, full: bool = False) -> dict[str, int]:
    """Bring the merged changes and the status timeline up to date with the events: only the organisations
    whose events changed (``db.derived.update_derived``), or everything with ``full``."""
    return derived.rebuild_derived(db) if full else derived.update_derived(db)


@dataclass
class ReextractCounts:
    """What ``reextract`` did."""

    documents: int = 0
    reparsed: int = 0
    changed: int = 0
    events: int = 0
    no_raw: int = 0
    failed: int = 0

    def as_row(self) -> dict[str, int]:
        return dict(self.__dict__)


def reextract(
    db: Database,
    archive: Archive,
    registry: dict[str, Source],
    *,
    sources: Iterable[str] = (),
    label: str = "reextracting",
) -> ReextractCounts:
    """Re-parse every document's newest archived response and re-extract its events; no network.

    Documents without an archived response (loaded from files) are re-extracted from their text.
    """
    load.upsert_organisations(db, default_gazetteer().by_code.values())
    raws = load.latest_raw(db)
    names = list(sources)
    where = f"source in ({', '.join('?' * len(names))}) and" if names else ""
    counts = ReextractCounts()
    known = known_codes(db)
    pending = iter(progress(iter_documents(db, where, names), label=label))
    while True:
        chunk = list(islice(pending, REEXTRACT_BATCH))
        if not chunk:
            return counts
        with db.atomic():  # a batch at a time: a killed reextract keeps the batches it finished
            for doc in chunk:
                counts.documents += 1
                doc = _reparse(db, doc, raws.get(doc["url"]), archive, registry.get(doc["source"] or ""), counts)
                source = registry.get(doc["source"] or "")
                result = extract.extract(
                    doc["text"] or "",
                    doc["published"],
                    url=doc["url"],
                    publisher=doc["publisher"],
                    publisher_ods=source.publisher_ods if source else None,
                )
                counts.events += store_extraction(db, doc["id"], result, known)


def _reparse(
    db: Database,
    doc: dict[str, Any],
    raw: tuple[str, str | None] | None,
    archive: Archive,
    source: Source | None,
    counts: ReextractCounts,
) -> dict[str, Any]:
    """The document re-read from its archived response (updated in place when the parse differs)."""
    if raw is None or raw[0] not in archive:
        counts.no_raw += 1
        return doc
    digest, content_type = raw
    try:
        html = decode(archive.get(digest), content_type or "")
        article = parse_article(html, doc["url"], **(source.selectors() if source else {}))
    except Exception as error:  # one unreadable archive entry must not stop the rest
        log.warning("reextract: %s: %s", doc["url"], error)
        counts.failed += 1
        return doc
    if not article.text.strip():
        counts.failed += 1
        return doc
    counts.reparsed += 1
    new = {
        **doc,
        "title": article.title or doc["title"],
        "text": article.text,
        "published": article.published or doc["published"],
        "publisher": article.publisher or doc["publisher"],
    }
    if load.refresh_document(db, doc["id"], new):
        counts.changed += 1
    return new
