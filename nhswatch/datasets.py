"""Official datasets in a run: fetch each ``kind: dataset`` source's files through the one polite HTTP
layer, archive them as received, import them (``nhswatch.extract.official``) and reconcile them with the
news-derived timeline (``nhswatch.db.reconcile``).

Each file is stored in one transaction with its fetch log row and the reconciliation of the pairs it
speaks about: a file that cannot be read (HTML error page, empty, header mismatch) is a failure with its
reason and stores nothing; the same bytes again (or a 304) change nothing. Also the dataset half of
``nhswatch sources check``: fetch, read the header, report a mismatch, store nothing.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from nhswatch.db import load
from nhswatch.db import official as store
from nhswatch.db.reconcile import reconcile
from nhswatch.scraper.archive import Archive
from nhswatch.scraper.datasets import DEFAULT_MAX_BYTES, DatasetFile, discover, fetch_file
from nhswatch.scraper.fetch import Fetcher
from nhswatch.scraper.registry import Source, SourceError

log = logging.getLogger(__name__)
SKIPS_LOGGED = 5


def check_known(source: Source) -> None:
    """A dataset source's format has an importer and its framework (and version) is in the framework table.

    Checked where datasets are used (``run``, ``sources check``), not when the registry is read, so
    that reading the registry imports nothing of the extractor. SourceError names the source's file.
    """
    from nhswatch.extract import frameworks
    from nhswatch.extract.official import FORMATS

    data, origin = source.dataset or {}, source.origin
    if data.get("format") not in FORMATS:
        raise SourceError(f"{origin}: unknown dataset format {data.get('format')!r} (known: {', '.join(FORMATS)})")
    try:
        fw = frameworks.framework(data.get("framework"))
    except frameworks.FrameworkError as error:
        raise SourceError(f"{origin}: {error}") from None
    if data.get("version") is not None and str(data["version"]) not in fw.versions:
        raise SourceError(f"{origin}: {data['framework']} has no version {data['version']!r}")


def check_all_known(sources: list[Source]) -> None:
    """``check_known`` for every dataset source among ``sources``."""
    for source in sources:
        if source.kind == "dataset":
            check_known(source)


def discover_known(source: Source, fetcher: Fetcher) -> tuple[list[str], list[DatasetFile]]:
    """``discover``, or no file and a failure saying what is unknown in the source's dataset block."""
    try:
        check_known(source)
    except SourceError as error:
        return [], [DatasetFile(source.homepage, None, str(error), "config", "index")]
    return discover(source, fetcher)


def spec_for(source: Source) -> Any:
    """The importer's view of a source's ``dataset:`` block."""
    from nhswatch.extract.official import Spec

    data = source.dataset or {}
    return Spec(
        format=data["format"],
        framework=data["framework"],
        version=str(data["version"]) if data.get("version") is not None else None,
        columns=dict(data.get("columns") or {}),
        sheet=data.get("sheet"),
        as_of=str(data["as_of"]) if data.get("as_of") is not None else None,
        publisher=source.publisher,
    )


def fetch_datasets(
    db: Database, sources: list[Source], fetcher: Fetcher, archive: Archive, run_id: int | None, counts: Any
) -> None:
    """Fetch, archive, import and reconcile every file of ``sources``; outcomes go into ``counts`` (RunCounts)."""
    if not sources:
        return
    from nhswatch.extract.gazetteer import default_gazetteer

    fetcher.max_bytes = max(fetcher.max_bytes, DEFAULT_MAX_BYTES)
    load.upsert_sources(db, sources)
    load.upsert_organisations(db, default_gazetteer().by_code.values())
    for source in sources:
        started = load.now()
        fetcher.max_bytes = int((source.dataset or {}).get("max_bytes") or DEFAULT_MAX_BYTES)
        counts.by_source.setdefault(source.name, Counter())
        urls, pages = discover_known(source, fetcher)
        for page in pages:
            _log_page(db, run_id, source, page, counts)
        known = load.known_urls(db, source.name)
        for url in urls:
            outcome = import_file(db, source, fetch_file(source, fetcher, url, known.get(url)), archive, run_id)
            counts.add(source.name, outcome)
            if outcome in ("new", "changed", "unchanged"):
                counts.add(source.name, "fetched")
        status = "ok" if not counts.by_source[source.name]["failed"] else "failed"
        if status == "failed" and counts.by_source[source.name]["fetched"]:
            status = "partial"
        counts.status[source.name] = status
        with db.atomic():
            load.record_run_source(db, run_id, source.name, counts.by_source[source.name], status, started)


def _log_page(db: Database, run_id: int | None, source: Source, page: DatasetFile, counts: Any) -> None:
    with db.atomic():
        if page.error:
            load.record_failure(db, run_id, source.name, page.url, page.stage, page.error)
            counts.add(source.name, "failed")
            log.warning("%s: %s: %s", source.name, page.url, page.error)
        if page.response is not None:
            load.record_fetch(db, run_id, source.name, page.url, page.response, "index", None, kind="index")


def import_file(db: Database, source: Source, got: DatasetFile, archive: Archive, run_id: int | None) -> str:
    """Archive, read and store one fetched file; returns new, changed, unchanged or failed."""
    from nhswatch.extract.official import DatasetError, parse

    response = got.response
    if response is None:
        return _failed(db, run_id, source, got.url, "fetch", got.error or "fetch failed", None, None)
    if response.not_modified:
        with db.atomic():
            load.record_fetch(db, run_id, source.name, got.url, response, "not modified", None, kind="dataset")
        return "unchanged"
    digest = archive.put(response.body)  # as received, before any reading
    if store.has_publication(db, source.name, digest):
        with db.atomic():
            load.record_fetch(db, run_id, source.name, got.url, response, "unchanged", digest, kind="dataset")
        return "unchanged"
    try:
        parsed = parse(response.body, spec_for(source))
    except DatasetError as error:
        return _failed(db, run_id, source, got.url, "import", str(error), response, digest)
    earlier = db.execute("select 1 from official_publications where url = ?", [got.url]).fetchone()
    meta = {
        "source": source.name,
        "url": got.url,
        "format": spec_for(source).format,
        "framework": spec_for(source).framework,
        "title": source.title,
        "content_hash": digest,
        "last_modified": response.headers.get("last-modified"),
    }
    outcome = "changed" if earlier else "new"
    with db.atomic():
        publication, stored = store.store_publication(db, meta, parsed)
        load.record_fetch(db, run_id, source.name, got.url, response, outcome, digest, kind="dataset")
        reconcile(db, store.pairs_of(db, publication))
    _log_skips(source, got.url, parsed, stored)
    return outcome


def _failed(
    db: Database, run_id: int | None, source: Source, url: str, stage: str, reason: str, response, digest
) -> str:
    log.warning("%s: %s failed at %s: %s", source.name, url, stage, reason)
    with db.atomic():
        load.record_failure(db, run_id, source.name, url, stage, reason, response.status if response else None)
        if response is not None:
            load.record_fetch(db, run_id, source.name, url, response, "failed", digest, kind="dataset")
    return "failed"


def _log_skips(source: Source, url: str, parsed: Any, stored: int) -> None:
    log.info("%s: %s: %d observations stored, %d rows skipped", source.name, url, stored, len(parsed.skipped))
    for number, why in parsed.skipped[:SKIPS_LOGGED]:
        log.warning("%s: %s: row %d skipped: %s", source.name, url, number, why)
    if len(parsed.skipped) > SKIPS_LOGGED:
        log.warning("%s: %s: %d more rows skipped", source.name, url, len(parsed.skipped) - SKIPS_LOGGED)
    for note in parsed.notes:
        log.info("%s: %s: %s", source.name, url, note)


@dataclass
class DatasetCheck:
    """``sources check`` for a dataset source: each file reachable and readable, header as expected."""

    source: str
    files: list[dict[str, Any]] = field(default_factory=list)
    assumed_layout: bool = False

    @property
    def status(self) -> str:
        if not self.files or not any(f["ok"] for f in self.files):
            return "failed"
        return "ok" if all(f["ok"] for f in self.files) else "degraded"

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "status": self.status,
            "files": self.files,
            "assumed_layout": self.assumed_layout,
        }

    def lines(self) -> list[str]:
        out = [f"{self.source}: {self.status.upper()} (dataset{', assumed layout' if self.assumed_layout else ''})"]
        for f in self.files:
            out.append(f"  {f['url']}: {'ok' if f['ok'] else 'FAILED'} {f['detail']}".rstrip())
        if not self.files:
            out.append("  no file found")
        return out


def check_dataset(source: Source, fetcher: Fetcher) -> DatasetCheck:
    """Fetch a dataset source's files and read them without storing anything."""
    from nhswatch.extract.official import DatasetError, HeaderMismatch, parse

    fetcher.max_bytes = int((source.dataset or {}).get("max_bytes") or DEFAULT_MAX_BYTES)
    report = DatasetCheck(source.name, assumed_layout=bool((source.dataset or {}).get("assumed_layout")))
    urls, pages = discover_known(source, fetcher)
    report.files += [{"url": p.url, "ok": False, "detail": p.error} for p in pages if p.error]
    for url in urls:
        got = fetch_file(source, fetcher, url, None)
        if got.response is None:
            report.files.append({"url": url, "ok": False, "detail": got.error})
            continue
        try:
            parsed = parse(got.response.body, spec_for(source))
        except HeaderMismatch as error:
            report.files.append({"url": url, "ok": False, "detail": f"HEADER MISMATCH: {error}"})
            continue
        except DatasetError as error:
            report.files.append({"url": url, "ok": False, "detail": str(error)})
            continue
        detail = f"{len(parsed.observations)} observations, {len(parsed.skipped)} rows skipped"
        if parsed.period_label:
            detail += f", {parsed.period_label}"
        report.files.append({"url": url, "ok": bool(parsed.observations), "detail": detail})
    return report
