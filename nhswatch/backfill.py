"""Backfill a source's history from a web archive's captures (the Internet Archive's CDX API).

For each URL prefix of the source's news (``backfill.archive`` in its registry entry, else the news
pages its discovery names, else its homepage), the archive's index is asked for every successful
capture between two years (``scraper.cdx``), page by page; the captures of article URLs (the source's
``url_pattern``, or news-looking URLs) are recorded in ``backfill_captures``, the latest capture of
each article winning. Each recorded capture is then replayed (the ``id_`` form, no toolbar) through
the same polite fetch layer as everything else (its own ``Fetcher``, so the archive has its own rate
limit), archived, stripped of anything the archive injected, parsed with the source's selectors and
stored as a document with the original URL, the capture URL and the capture time:

* its ``first_seen`` and ``fetched_at`` are the capture time, so the changes it reports are dated by
  the capture and never look new; ``documents.backfilled`` marks it for the feeds;
* its publication date is the page's own, else the capture's day;
* a capture whose content digest is already stored for another article is a duplicate and is not
  fetched; an article nhswatch already holds (from a live run) keeps its live version;
* a capture that replays as a redirect to another page, is not HTML, or no longer parses, is recorded
  (``failed`` or ``skipped``) and not tried again; connection errors and 5xx answers are tried again
  by the next backfill.

Progress is kept in the database after every page of the index and every capture (each in its own
transaction), so a killed backfill resumes where it stopped: the index is not asked again for
listings it finished, and a capture that was stored is not fetched again.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

from sqlite_utils import Database

from nhswatch.db import load
from nhswatch.scraper.archive import Archive
from nhswatch.scraper.article import parse_article
from nhswatch.scraper.autodiscover import NOT_ARTICLE, is_newsy
from nhswatch.scraper.cdx import (
    DEFAULT_BASE,
    PAGE_SIZE,
    Capture,
    CdxError,
    capture_time,
    cdx_url,
    latest_captures,
    parse_cdx,
    parse_replay_url,
    strip_toolbar,
)
from nhswatch.scraper.crawl import ERROR_TITLE, HTML_TYPES, MIN_TEXT
from nhswatch.scraper.fetch import Fetcher, FetchError
from nhswatch.scraper.netpolicy import LOCAL_NAMES, host_entry
from nhswatch.scraper.registry import Source
from nhswatch.scraper.urls import canonical_url, identity

log = logging.getLogger(__name__)
T = TypeVar("T")
FINAL = ("stored", "duplicate", "exists", "failed", "skipped")
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass
class ArchiveConfig:
    """Where the archive is and how to read it."""

    base: str = DEFAULT_BASE
    year_from: int | None = None
    year_to: int | None = None
    output: str = "json"
    page_size: int = PAGE_SIZE

    @property
    def hosts(self) -> set[str]:
        return {host_entry(self.base) or ""}

    @property
    def allow_private(self) -> bool:
        """Only a mirror on this machine (tests, a local replay service) may be on a private address."""
        host = (urlsplit(self.base).hostname or "").lower()
        return host in LOCAL_NAMES or host.startswith("127.") or host == "::1"


def prefixes(source: Source) -> list[str]:
    """The URL prefixes whose captures are asked for: the registry's ``backfill.archive``, else the news
    pages of the source's discovery (auto and listing pages), else its homepage."""
    given = list(source.backfill.get("archive") or [])
    if given:
        return given
    pages = [options["url"] for kind, options in source.steps() if kind in ("auto", "listing")]
    pages = [url for url in pages if urlsplit(url).path.strip("/")] or [source.homepage]
    return sorted(set(pages), key=pages.index)


def _no_scheme(url: str) -> str:
    """The CDX index matches host and path; ``http``/``https`` and ``www.`` variants are one key there."""
    parts = urlsplit(url)
    return (parts.netloc + parts.path) if parts.netloc else url


def is_article(source: Source, url: str, prefix: str) -> bool:
    """A captured URL worth fetching: below the prefix (not the news page itself), the source's filters,
    and news-looking when the source gives no ``url_pattern`` and the prefix is the whole site."""
    path, base = urlsplit(url).path, urlsplit(prefix).path
    if NOT_ARTICLE.search(url) or len(path.rstrip("/")) <= len(base.rstrip("/")):
        return False
    if not source.wants(url):
        return False
    return bool(source.article.get("url_pattern")) or bool(base.strip("/")) or is_newsy(url)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Backfiller:
    """Backfills one source into ``db``; ``run()`` returns counts by outcome."""

    def __init__(
        self,
        db: Database,
        source: Source,
        fetcher: Fetcher,
        archive: Archive,
        run_id: int | None,
        config: ArchiveConfig,
        progress: Callable[[Iterable[Any], str], Iterator[Any]] | None = None,
    ):
        self.db, self.source, self.fetcher, self.archive = db, source, fetcher, archive
        self.run_id, self.config = run_id, config
        self.progress = progress or (lambda items, label: iter(items))
        self.prefer_https = urlsplit(source.homepage).scheme == "https"
        self.counts: Counter = Counter()

    # -- the index ---------------------------------------------------------------------------
    def _get(self, url: str):
        return self.fetcher.get(url, allowed_hosts=self.config.hosts, allow_private=self.config.allow_private)

    def list_captures(self) -> None:
        """Record the article captures of every prefix (resuming a listing a killed backfill left)."""
        years = (self.config.year_from or 0, self.config.year_to or 0)
        for prefix in prefixes(self.source):
            key = {"source": self.source.name, "prefix": prefix, "year_from": years[0], "year_to": years[1]}
            row = self.db.execute(
                "select resume_key, pages, captures, done_at from backfill_queries where source = ? and prefix = ?"
                " and year_from = ? and year_to = ?",
                list(key.values()),
            ).fetchone()
            if row and row[3]:
                continue
            resume, pages, found = (row[0], row[1] or 0, row[2] or 0) if row else (None, 0, 0)
            while True:
                url = cdx_url(
                    self.config.base,
                    _no_scheme(prefix),
                    year_from=self.config.year_from,
                    year_to=self.config.year_to,
                    output=self.config.output,
                    resume_key=resume,
                    limit=self.config.page_size,
                )
                try:
                    captures, resume = parse_cdx(self._get(url).body)
                except (FetchError, CdxError) as error:
                    reason = error.reason if isinstance(error, FetchError) else str(error)
                    self._failure(url, "cdx", f"archive index: {reason}", getattr(error, "status", None))
                    break
                pages += 1
                found += self._record(captures, prefix)
                with self.db.atomic():
                    self.db["backfill_queries"].upsert(
                        {**key, "resume_key": resume, "pages": pages, "captures": found, "done_at": None},
                        pk=("source", "prefix", "year_from", "year_to"),
                    )
                    if not resume:
                        self.db.execute(
                            "update backfill_queries set done_at = ? where source = ? and prefix = ?"
                            " and year_from = ? and year_to = ?",
                            [_now(), *key.values()],
                        )
                if not resume:
                    break

    def _record(self, captures: list[Capture], prefix: str) -> int:
        """Store the latest capture of each article URL as pending (a later capture replaces a pending one)."""
        latest = latest_captures(captures, key=lambda url: canonical_url(url, prefer_https=self.prefer_https))
        rows = [
            [self.source.name, url, c.original, c.timestamp, c.digest, "pending", _now()]
            for url, c in latest.items()
            if is_article(self.source, url, prefix)
        ]
        with self.db.atomic():
            self.db.conn.executemany(
                "insert into backfill_captures (source, url, original, timestamp, digest, status, updated_at)"
                " values (?, ?, ?, ?, ?, ?, ?) on conflict(source, url) do update set original = excluded.original,"
                " timestamp = excluded.timestamp, digest = excluded.digest, updated_at = excluded.updated_at"
                " where backfill_captures.status = 'pending' and excluded.timestamp > backfill_captures.timestamp",
                rows,
            )
        return len(rows)

    # -- the captures ------------------------------------------------------------------------
    def pending(self) -> list[dict[str, Any]]:
        return list(
            self.db.query(
                "select url, original, timestamp, digest from backfill_captures where source = ? and status = 'pending'"
                " order by url",
                [self.source.name],
            )
        )

    def run(self) -> Counter:
        """List the captures, then fetch and store every pending one."""
        with self.db.atomic():
            load.upsert_sources(self.db, [self.source])
        self.list_captures()
        for row in self.progress(self.pending(), f"backfill {self.source.name}"):
            self.counts[self.capture(row)] += 1
        return self.counts

    def capture(self, row: dict[str, Any]) -> str:
        """Fetch, parse and store one capture; returns its outcome."""
        url = row["url"]
        if row["digest"] and self._digest_stored(row["digest"], url):
            return self._mark(url, "duplicate", reason=f"same content (digest {row['digest']}) as a stored capture")
        if self._document_exists(url):
            return self._mark(url, "exists", reason="a live copy is stored; it wins")
        replay = Capture(row["timestamp"], row["original"], "200", row["digest"] or "", "").replay_url(self.config.base)
        try:
            response = self._get(replay)
        except FetchError as error:
            self._failure(replay, "backfill", error.reason, error.status)
            if error.status is None or error.status in RETRY_STATUSES:
                return "failed"  # left pending: the next backfill tries again
            return self._mark(url, "failed", reason=error.reason, capture_url=replay)
        final = parse_replay_url(response.url) or (row["timestamp"], row["original"])
        captured_at = capture_time(final[0])
        if identity(canonical_url(final[1], prefer_https=self.prefer_https)) != identity(url):
            return self._mark(url, "skipped", reason=f"the capture redirects to another page ({final[1]})")
        if response.content_type not in HTML_TYPES:
            return self._mark(url, "skipped", reason=f"not html: {response.content_type}")
        digest = self.archive.put(response.body)
        problem, doc = self._document(url, strip_toolbar(response.text()), captured_at)
        if problem:
            self._failure(response.url, "parse", problem, None)
            return self._mark(url, "failed", reason=problem, capture_url=response.url, captured_at=captured_at)
        with self.db.atomic():
            doc_id, _ = load.store_document(self.db, doc, fetched_at=captured_at)
            self.db.execute(
                "update documents set backfilled = 1, capture_url = ?, captured_at = ? where id = ?",
                [response.url, captured_at, doc_id],
            )
            load.record_fetch(
                self.db, self.run_id, self.source.name, response.url, response, "backfilled", digest, kind="backfill"
            )
            return self._mark(
                url, "stored", capture_url=response.url, captured_at=captured_at, document_id=doc_id, atomic=False
            )

    def _document(self, url: str, html: str, captured_at: str) -> tuple[str | None, dict[str, Any]]:
        try:
            article = parse_article(html, url, **self.source.selectors())
        except Exception as error:  # a parser bug on one capture must not stop the backfill
            return f"parse failed: {type(error).__name__}: {error}", {}
        if not article.text.strip():
            return "no article text found (the page no longer parses)", {}
        if ERROR_TITLE.search(article.title or "") and len(article.text) < MIN_TEXT:
            return f"looks like an error page (title {article.title[:60]!r})", {}
        return None, {
            "url": url,
            "source": self.source.name,
            "title": article.title,
            "published": article.published or captured_at[:10],
            "publisher": article.publisher or self.source.publisher,
            "text": article.text,
        }

    def _digest_stored(self, digest: str, url: str) -> bool:
        return (
            self.db.execute(
                "select 1 from backfill_captures where source = ? and digest = ? and status = 'stored' and url != ?",
                [self.source.name, digest, url],
            ).fetchone()
            is not None
        )

    def _document_exists(self, url: str) -> bool:
        return self.db.execute("select 1 from documents where id = ?", [load.document_id(url)]).fetchone() is not None

    def _mark(self, url: str, status: str, *, atomic: bool = True, **values: Any) -> str:
        assert status in FINAL
        fields = {"status": status, "run_id": self.run_id, "updated_at": _now(), **values}
        sql = f"update backfill_captures set {', '.join(f'{k} = ?' for k in fields)} where source = ? and url = ?"
        params = [*fields.values(), self.source.name, url]
        if atomic:
            with self.db.atomic():
                self.db.execute(sql, params)
        else:
            self.db.execute(sql, params)
        return status

    def _failure(self, url: str, stage: str, reason: str, status: int | None) -> None:
        log.warning("%s: backfill %s failed: %s", self.source.name, url, reason)
        with self.db.atomic():
            load.record_failure(self.db, self.run_id, self.source.name, url, stage, reason, status)
