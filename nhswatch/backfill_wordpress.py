"""Backfill a WordPress newsroom's history from its REST API (``backfill: {wordpress: BASE}``).

Where the archive backfill (``nhswatch.backfill``) replays captures one article at a time, a WordPress
site gives its whole history itself, a hundred posts a request: ``scraper.wordpress`` pages through
``BASE/wp-json/wp/v2/posts`` (oldest first, between the years asked) through the same polite fetch layer
as live runs, and each post becomes a document:

* its URL is the post's ``link`` (canonical form), its text the rendered content cleaned as an article
  body is, its title the rendered title with entities decoded;
* its ``published`` date is the post's ``date_gmt`` (else its site-local ``date``); its ``first_seen`` and
  ``fetched_at`` are that time too, so the changes it reports are dated by the post and never look new,
  and ``documents.backfilled = 1`` keeps it out of the feed of new changes. A post with no publication
  date is placed at its last modification (its ``published`` left empty); one with no date at all is
  skipped;
* ``capture_url`` is the post's REST URL and ``captured_at`` when it was read;
* an article nhswatch already holds (a live run, an archive capture) keeps its copy (``exists``); a post
  whose link is outside the source's ``url_pattern``/``exclude``, or that has no text, is ``skipped``.

Progress is the archive backfill's: the listing in ``backfill_queries`` (its ``prefix`` is the REST
endpoint, its ``resume_key`` the next page), each post in ``backfill_captures``. A page's posts and the
listing's progress are committed in one transaction, so a backfill killed at any point resumes at the
first page it had not finished, and a second run over a finished listing asks nothing.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from sqlite_utils import Database

from nhswatch.db import load
from nhswatch.scraper.archive import Archive
from nhswatch.scraper.fetch import Fetcher, FetchError, Response
from nhswatch.scraper.netpolicy import host_entry
from nhswatch.scraper.registry import Source
from nhswatch.scraper.urls import canonical_url
from nhswatch.scraper.wordpress import (
    PER_PAGE,
    Post,
    WordPressError,
    api_base,
    content_text,
    parse_posts,
    post_url,
    posts_url,
    total_pages,
)

from .backfill import RETRY_STATUSES, _now

log = logging.getLogger(__name__)


class WordPressBackfiller:
    """Backfills one source from its WordPress REST API into ``db``; ``run()`` returns counts by outcome."""

    def __init__(
        self,
        db: Database,
        source: Source,
        fetcher: Fetcher,
        archive: Archive,
        run_id: int | None,
        *,
        year_from: int | None = None,
        year_to: int | None = None,
        per_page: int = PER_PAGE,
        progress: Callable[[Iterable[Any], str], Iterator[Any]] | None = None,
    ):
        self.db, self.source, self.fetcher, self.archive, self.run_id = db, source, fetcher, archive, run_id
        self.base = source.backfill["wordpress"]
        self.year_from, self.year_to, self.per_page = year_from, year_to, per_page
        self.progress = progress or (lambda items, label: iter(items))
        self.prefer_https = urlsplit(source.homepage).scheme == "https"
        self.hosts = set(source.allowed_hosts) | {host_entry(self.base) or ""}
        self.counts: Counter = Counter()
        self.key = {
            "source": source.name,
            "prefix": api_base(self.base),
            "year_from": year_from or 0,
            "year_to": year_to or 0,
        }

    def run(self) -> Counter:
        """Read every page not yet read and store its posts."""
        with self.db.atomic():
            load.upsert_sources(self.db, [self.source])
        page, done = self._resume()
        if done:
            return self.counts
        first = self._page(page)
        if first is None:
            return self.counts
        last = total_pages(first.headers)
        if not self._store(page, first, last):
            return self.counts
        remaining = range(page + 1, (last or page) + 1)
        for number in self.progress(remaining, f"backfill {self.source.name} (WordPress)"):
            response = self._page(number)
            if response is None or not self._store(number, response, last):
                break
        return self.counts

    # -- the listing -------------------------------------------------------------------------
    def _resume(self) -> tuple[int, bool]:
        """(the page to read next, whether the listing is finished)."""
        row = self.db.execute(
            "select resume_key, done_at from backfill_queries where source = ? and prefix = ? and year_from = ?"
            " and year_to = ?",
            list(self.key.values()),
        ).fetchone()
        if not row:
            return 1, False
        return (int(row[0]) if row[0] and str(row[0]).isdigit() else 1), bool(row[1])

    def _page(self, page: int) -> Response | None:
        """One page of posts, or None: past the last page (the listing is then finished) or failed."""
        url = posts_url(self.base, page, year_from=self.year_from, year_to=self.year_to, per_page=self.per_page)
        try:
            return self.fetcher.get(url, allowed_hosts=self.hosts, allow_private=self.source.allow_private)
        except FetchError as error:
            if error.status == 400 and page > 1:
                # WordPress answers 400 (rest_post_invalid_page_number) past the last page: posts were
                # deleted since the page count was read. The fetch layer keeps no error body to check.
                with self.db.atomic():
                    self._progress(page - 1, None, done=True)
                return None
            self._failure(url, "wordpress", error.reason, error.status)
            if error.status is not None and error.status not in RETRY_STATUSES:
                log.warning("%s: WordPress backfill stopped at page %d (%s)", self.source.name, page, error.reason)
            return None

    def _store(self, page: int, response: Response, last: int | None) -> bool:
        """Store a page's posts and the listing's progress in one transaction; False when the listing stops."""
        try:
            posts = parse_posts(response.body)
        except WordPressError as error:
            self._failure(response.url, "wordpress", str(error), response.status)
            return False
        digest = self.archive.put(response.body)
        done = page >= last if last is not None else len(posts) < self.per_page
        with self.db.atomic():
            for post in posts:
                outcome = self._post(post)
                if outcome:
                    self.counts[outcome] += 1
            load.record_fetch(
                self.db, self.run_id, self.source.name, response.url, response, "backfilled", digest, kind="backfill"
            )
            self._progress(page, len(posts), done=done)
        return not done

    def _progress(self, page: int, posts: int | None, *, done: bool) -> None:
        """Record that ``page`` was read (call inside a transaction when it goes with stored posts)."""
        row = self.db.execute(
            "select pages, captures from backfill_queries where source = ? and prefix = ? and year_from = ?"
            " and year_to = ?",
            list(self.key.values()),
        ).fetchone()
        pages, found = (row[0] or 0, row[1] or 0) if row else (0, 0)
        self.db["backfill_queries"].upsert(
            {
                **self.key,
                "resume_key": str(page + 1),
                "pages": pages + (1 if posts is not None else 0),
                "captures": found + (posts or 0),
                "done_at": _now() if done else None,
            },
            pk=("source", "prefix", "year_from", "year_to"),
        )

    # -- the posts ---------------------------------------------------------------------------
    def _post(self, post: Post) -> str | None:
        """Store one post (inside the page's transaction); its outcome, or None if a run already settled it."""
        url = canonical_url(post.link, prefer_https=self.prefer_https)
        settled = self.db.execute(
            "select status from backfill_captures where source = ? and url = ?", [self.source.name, url]
        ).fetchone()
        if settled and settled[0] != "pending":
            return None
        row = {
            "source": self.source.name,
            "url": url,
            "original": post.link,
            "timestamp": "".join(ch for ch in (post.dated or "")[:19] if ch.isdigit()) or None,
            "digest": None,
            "capture_url": post_url(self.base, post.id),
            "captured_at": _now(),
            "run_id": self.run_id,
            "updated_at": _now(),
        }
        status, reason, doc_id = self._document(post, url)
        self.db["backfill_captures"].upsert(
            {**row, "status": status, "reason": reason, "document_id": doc_id}, pk=("source", "url")
        )
        return status

    def _document(self, post: Post, url: str) -> tuple[str, str | None, str | None]:
        """(status, reason, document id) of storing one post."""
        if not self.source.wants(url):
            return "skipped", "outside the source's url_pattern/exclude", None
        if not post.dated:
            log.info("%s: WordPress post %s has no date; skipped", self.source.name, post.link)
            return "skipped", "no date (neither date_gmt, date nor modified_gmt)", None
        doc_id = load.document_id(url)
        if self.db.execute("select 1 from documents where id = ?", [doc_id]).fetchone():
            return "exists", "a copy is stored already; it wins", None
        text = content_text(post.content, url)
        if not text.strip():
            return "skipped", "no text in the post's content", None
        doc = {
            "url": url,
            "source": self.source.name,
            "title": post.title,
            "published": post.published[:10] if post.published else None,
            "publisher": self.source.publisher,
            "text": text,
        }
        doc_id, _ = load.store_document(self.db, doc, fetched_at=post.dated)
        self.db.execute(
            "update documents set backfilled = 1, capture_url = ?, captured_at = ? where id = ?",
            [post_url(self.base, post.id), _now(), doc_id],
        )
        return "stored", None, doc_id

    def _failure(self, url: str, stage: str, reason: str, status: int | None) -> None:
        log.warning("%s: WordPress backfill %s failed: %s", self.source.name, url, reason)
        self.counts["failed"] += 1
        with self.db.atomic():
            load.record_failure(self.db, self.run_id, self.source.name, url, stage, reason, status)
