"""Crawl one source: discover article URLs, fetch each (conditionally), archive and parse it.

The crawler yields one ``PageResult`` per index page and per article URL and never raises for a
single bad page or index: failures come back as results with ``error`` set, so the caller can
record them and go on. It runs in a worker thread and touches no database: what it knows about
earlier runs comes in as ``known`` (validators, archive digests, whether a document exists).

Incremental rules, per URL:

* an index page answered 304 is re-read from the archive, so its links are still followed;
* an article whose index ``lastmod`` is older than our last fetch of it is not requested at all;
* an article answered 304 is unchanged — unless we hold no document for it (a run killed between
  archiving and storing, or a page that failed to parse), in which case the archived body is
  parsed again instead of fetching it again.

What is never stored or counted against a source:

* article URLs are canonical (``urls``): tracking parameters, fragments, default ports, host case,
  dot-segments, http/https and trailing-slash variants of one page are one link, and the variant
  already stored wins, so a page reached under seven URLs is one document;
* links off the source's own origins are skipped and logged once per source per run;
* a page that turns bad where we hold a good article — binary content, an error page, a body far
  shorter than the stored one — is a failure and is *not* handed over for storage, so the good
  version stays current (and its events stay); its archive digest is not reported either, so the
  next run's conditional request still names the good version;
* a stored article answered 404 or 410 is "gone": skipped, not a failure.

Discovery caps (links per source, sitemaps per source, listing and API pages) are logged when hit;
and a discovery that finds fewer article links than the source's ``expect`` is a failure.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from .archive import Archive
from .article import Article, parse_article
from .autodiscover import SITEMAP_PATHS, announced_feeds, is_newsy, news_links, origin_of
from .discover import (
    DiscoveryError,
    Link,
    from_feed,
    from_listing,
    from_sitemap,
    from_wordpress,
    rebase,
    wordpress_page,
)
from .fetch import Fetcher, FetchError, Response
from .netpolicy import origin_allowed
from .registry import Source
from .urls import canonical_url, identity

log = logging.getLogger(__name__)
MAX_SITEMAPS = 500
MAX_LINKS = 100_000
AUTO_LISTING_PAGES = 5
HTML_TYPES = ("text/html", "application/xhtml+xml", "")
GONE_STATUSES = (404, 410)
# A changed page is refused (the stored version kept) when its text is below this share of the
# stored text's length, or below MIN_TEXT characters where the stored text was not.
SHRINK_RATIO = 0.25
MIN_TEXT = 200
ERROR_TITLE = re.compile(
    r"\b(page not found|not found|404|410|error|page (has been )?(removed|moved|deleted)|no longer available"
    r"|access denied|forbidden|unavailable|maintenance|service temporarily|just a moment|attention required)\b",
    re.I,
)
SIGNATURES = (
    b"%PDF",
    b"PK\x03\x04",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\x1f\x8b",
    b"Rar!",
    b"7z\xbc\xaf",
    b"\x7fELF",
    b"MZ",
    b"\xd0\xcf\x11\xe0",
    b"OggS",
    b"ID3",
    b"RIFF",
    b"\x00\x00\x00",
)
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def looks_binary(body: bytes, text: str) -> bool:
    """A body that is not text, whatever its Content-Type says: a file signature, NUL bytes, or
    control and replacement characters in more than 2% of the decoded text."""
    head = body[:8192].lstrip()
    if head.startswith(BOMS):
        head = b""
    elif head.startswith(SIGNATURES) or b"\x00" in head:
        return True
    sample = text[:65536]
    if not sample:
        return False
    odd = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\x0c") or ch == "\ufffd")
    return odd / len(sample) > 0.02


@dataclass
class Known:
    """What earlier runs recorded about a URL."""

    etag: str | None = None
    last_modified: str | None = None
    digest: str | None = None
    fetched_at: str | None = None
    content_type: str | None = None
    has_document: bool = False
    gone: bool = False  # the last answer was 404/410 after the last good one (needs db support, see docs)


# Kept for callers of the first version of this module.
Validators = Known


@dataclass
class PageResult:
    """What happened to one URL. ``kind`` is the discovery kind for index pages, else "article"."""

    source: str
    url: str
    response: Response | None = None
    article: Article | None = None
    error: str | None = None
    stage: str = "article"
    kind: str = "article"
    digest: str | None = None
    skipped: str | None = None
    http_status: int | None = None
    same_raw: bool = False
    probe: bool = False
    note: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.response is not None and self.response.not_modified and self.article is None


class Crawler:
    """Crawls one source with a shared fetcher and archive."""

    def __init__(
        self,
        source: Source,
        fetcher: Fetcher,
        archive: Archive | None = None,
        known: dict[str, Known] | None = None,
        *,
        since: str | None = None,
        limit: int | None = None,
    ):
        self.source = source
        self.fetcher = fetcher
        self.archive = archive
        self.known = known or {}
        self.since = since
        self.limit = limit or source.max_articles
        self.prefer_https = urlsplit(source.homepage).scheme == "https"
        # of the stored URLs of one page (duplicates from before canonical URLs), the stored document's
        # canonical-looking, shortest URL
        self._known_ids: dict[str, str] = {}
        for url in sorted(self.known, key=lambda u: (not self.known[u].has_document, canonical_url(u) != u, len(u), u)):
            self._known_ids.setdefault(identity(url), url)

    def canonical(self, url: str) -> str:
        """The URL a page is fetched and stored under: a stored variant if there is one, else canonical."""
        canonical = canonical_url(url, prefer_https=self.prefer_https)
        return self._known_ids.get(identity(canonical), canonical)

    # -- HTTP with the archive behind it ------------------------------------------------------
    def fetch(self, url: str, kind: str, *, conditional: bool = True) -> PageResult:
        """GET ``url`` (conditionally when we have validators), archive the body; errors as results."""
        known = self.known.get(url) if conditional else None
        archived = bool(known and known.digest and self.archive is not None and known.digest in self.archive)
        try:
            response = self.fetcher.get(
                url,
                etag=known.etag if archived else None,
                last_modified=known.last_modified if archived else None,
                allowed_hosts=self.source.allowed_hosts or None,
                allow_private=self.source.allow_private,
            )
        except FetchError as error:
            return PageResult(
                self.source.name, url, error=error.reason, stage="fetch", kind=kind, http_status=error.status
            )
        result = PageResult(self.source.name, url, response=response, kind=kind, stage=kind)
        if response.not_modified:
            result.digest = known.digest if known else None
        elif self.archive is not None:
            result.digest = self.archive.put(response.body)
            result.same_raw = bool(known and known.digest == result.digest)
        return result

    def body(self, result: PageResult) -> Response:
        """The response of ``result`` with its body, read from the archive after a 304."""
        response = result.response
        if response is not None and response.not_modified and result.digest and self.archive is not None:
            known = self.known.get(result.url)
            headers = dict(response.headers)
            if known and known.content_type:
                headers["content-type"] = known.content_type
            return Response(
                url=response.url,
                status=304,
                body=self.archive.get(result.digest),
                headers=headers,
                elapsed=response.elapsed,
                from_archive=True,
            )
        return response

    # -- discovery ---------------------------------------------------------------------------
    def discover(self) -> Iterator[PageResult | list[Link]]:
        """Index page results, then (last) the list of article links found."""
        links: dict[str, Link] = {}
        offsite: list[str] = []
        dropped = 0
        failed_index = False
        base = self.source.homepage if self.source.rebase else None
        allowed = self.source.allowed_hosts or None
        for kind, options in self.source.steps():
            found: set[str] = set()
            try:
                for item in getattr(self, f"_{kind}")(options):
                    if isinstance(item, PageResult):
                        failed_index = failed_index or bool(item.error and not item.probe)
                        yield item
                        continue
                    url = self.canonical(rebase(item.url, base))
                    if not origin_allowed(url, allowed):
                        offsite.append(url)
                        continue
                    key = identity(url)
                    if key in links:  # seen in an earlier index: keep what each index knows
                        seen = links[key]
                        found.add(key)
                        links[key] = Link(
                            seen.url,
                            seen.published or item.published,
                            seen.title or item.title,
                            max(seen.modified or "", item.modified or "") or None,
                        )
                    elif self.source.wants(url):
                        found.add(key)
                        if len(links) < MAX_LINKS:
                            links[key] = Link(url, item.published, item.title, item.modified)
                        else:
                            dropped += 1
            except DiscoveryError as error:
                failed_index = True
                log.warning("%s: %s %s failed: %s", self.source.name, kind, options["url"], error)
                yield PageResult(self.source.name, options["url"], error=str(error), stage=kind, kind=kind)
                continue
            expected = self.source.step_expect(options)
            if not self.since and len(found) < expected:
                failed_index = True
                yield PageResult(
                    self.source.name,
                    options["url"],
                    stage=kind,
                    kind=kind,
                    error=f"found {len(found)} article links, expected at least {expected} "
                    f"(has the page or its selectors changed?)",
                )
        if dropped:
            log.warning(
                "%s: link cap hit: kept the first %d article links, dropped %d", self.source.name, MAX_LINKS, dropped
            )
        if offsite:
            log.warning(
                "%s: skipped %d off-site links (not on this source's hosts), e.g. %s",
                self.source.name,
                len(offsite),
                ", ".join(sorted(set(offsite))[:3]),
            )
        expected = int(self.source.expect.get("min_articles", 0))
        if not self.since and not failed_index and len(links) < expected:
            yield PageResult(
                self.source.name,
                self.source.homepage,
                stage="discovery",
                kind="discovery",
                error=f"discovery found {len(links)} article links, expected at least {expected} "
                f"(has a feed, listing or selector stopped matching?)",
            )
        yield list(links.values())

    def _read(self, url: str, kind: str) -> Iterator[PageResult | Response]:
        result = self.fetch(url, kind)
        yield result
        if not result.error:
            yield self.body(result)

    def _feed(self, options: dict) -> Iterator[PageResult | Link]:
        for item in self._read(options["url"], "feed"):
            if isinstance(item, PageResult):
                yield item
            else:
                yield from from_feed(item.body, item.url)

    def _sitemap(self, options: dict) -> Iterator[PageResult | Link]:
        queue, seen = [options["url"]], set()
        base = self.source.homepage if self.source.rebase else None
        while queue and len(seen) < MAX_SITEMAPS:
            url = rebase(queue.pop(0), base)
            if url in seen:
                continue
            seen.add(url)
            for item in self._read(url, "sitemap"):
                if isinstance(item, PageResult):
                    yield item
                    continue
                try:
                    links, nested = from_sitemap(item.body, item.url)
                except DiscoveryError as error:
                    yield PageResult(self.source.name, url, error=str(error), stage="sitemap", kind="sitemap")
                    continue
                yield from links
                queue += nested
        if queue:
            log.warning(
                "%s: sitemap cap hit: read %d sitemaps, %d more not read (from %s)",
                self.source.name,
                len(seen),
                len(set(queue) - seen),
                options["url"],
            )

    def _wordpress(self, options: dict) -> Iterator[PageResult | Link]:
        per_page = int(options.get("per_page", 100))
        max_pages = int(options.get("max_pages", 5))
        for page in range(1, max_pages + 1):
            url = wordpress_page(options["url"], page, per_page, self.since)
            result = self.fetch(url, "wordpress", conditional=False)
            if result.error and page > 1 and result.error == "http 400":
                return  # WordPress answers 400 past the last page
            yield result
            if result.error:
                return
            links = from_wordpress(result.response.body, url)
            yield from links
            total = result.response.headers.get("x-wp-totalpages", "")
            if len(links) < per_page or (total.isdigit() and page >= int(total)):
                return
        log.warning(
            "%s: WordPress page cap hit: read %d pages of %s (of %s); raise max_pages to read more",
            self.source.name,
            max_pages,
            per_page,
            total or "unknown",
        )

    def _auto(self, options: dict) -> Iterator[PageResult | Link]:
        """Try the ways a newsroom can be read, keep the first that yields links (see ``autodiscover``)."""
        news = options["url"]
        origin = origin_of(news)
        page = self.fetch(news, "auto")
        page.probe = bool(page.error)
        yield page
        html = None if page.error else self.body(page).text()
        announced = announced_feeds(html, news) if html else []
        if not announced and self.source.homepage.rstrip("/") != news.rstrip("/"):
            home = self.fetch(self.source.homepage, "auto")
            home.probe = bool(home.error)
            yield home
            announced = [] if home.error else announced_feeds(self.body(home).text(), self.source.homepage)
        attempts = [("feed", url) for url in announced]
        attempts += [("feed", origin + "/feed/"), ("wordpress", origin)]
        if html and urlsplit(news).path.strip("/"):
            attempts.append(("listing", news))
        attempts += [("sitemap", url) for url in self.fetcher.sitemaps(news)]
        attempts += [("sitemap", origin + path) for path in SITEMAP_PATHS]
        tried = [f"news page: {page.error}"] if page.error else []
        for kind, url in dict.fromkeys(attempts):
            found: list[Link] = []
            failed = None
            try:
                for item in self._attempt(kind, url, html):
                    if isinstance(item, PageResult):
                        item.probe = bool(item.error)
                        failed = failed or item.error
                        yield item
                    else:
                        found.append(item)
            except DiscoveryError as error:
                tried.append(f"{kind} {url}: {error}")
                continue
            if kind == "sitemap" and not self.source.article.get("url_pattern"):
                found = [link for link in found if is_newsy(link.url)]
            if found:
                yield PageResult(self.source.name, url, kind="auto", note=f"auto-discovery: using {kind} {url}")
                yield from found
                return
            tried.append(f"{kind} {url}: {failed or 'no article links'}")
        raise DiscoveryError("auto-discovery found no feed, API, listing or sitemap: " + "; ".join(tried[:10]))

    def _attempt(self, kind: str, url: str, html: str | None) -> Iterator[PageResult | Link]:
        if kind == "listing":
            page_html, page_url, seen = html, url, {url}
            for _ in range(AUTO_LISTING_PAGES):
                links, following = news_links(page_html or "", page_url)
                yield from links
                if not following or following in seen:
                    return
                seen.add(following)
                result = self.fetch(following, "listing")
                yield result
                if result.error:
                    return
                page_html, page_url = self.body(result).text(), following
            return
        options = {"url": url, "max_pages": 2} if kind == "wordpress" else {"url": url}
        yield from getattr(self, f"_{kind}")(options)

    def _listing(self, options: dict) -> Iterator[PageResult | Link]:
        page_url: str | None = options["url"]
        seen: set[str] = set()
        max_pages = int(options.get("max_pages", 20))
        while page_url and page_url not in seen:
            if len(seen) >= max_pages:
                log.warning(
                    "%s: listing page cap hit: read %d pages of %s; raise max_pages to read more",
                    self.source.name,
                    max_pages,
                    options["url"],
                )
                return
            seen.add(page_url)
            page_url_now, page_url = page_url, None
            for item in self._read(page_url_now, "listing"):
                if isinstance(item, PageResult):
                    yield item
                    continue
                links, page_url = from_listing(item.text(), item.url, options["items"], options.get("next"))
                yield from links

    # -- articles ----------------------------------------------------------------------------
    def select(self, links: list[Link]) -> list[Link]:
        """Apply --since and the article limit (newest first where dates are known)."""
        if self.since:
            links = [link for link in links if not link.published or link.published >= self.since]
        links = sorted(links, key=lambda link: link.published or link.modified or "", reverse=True)
        return links[: self.limit] if self.limit else links

    def unchanged_by_index(self, link: Link) -> bool:
        """The index says the page has not changed since we last fetched it."""
        known = self.known.get(link.url)
        if not (known and known.has_document and known.fetched_at and link.modified):
            return False
        return link.modified[:10] < known.fetched_at[:10]

    def article(self, link: Link) -> PageResult:
        """Fetch (or re-read from the archive) and parse one article."""
        known = self.known.get(link.url)
        if known and known.gone:
            return PageResult(self.source.name, link.url, skipped="gone (404/410 recorded earlier)")
        if self.unchanged_by_index(link):
            return PageResult(self.source.name, link.url, skipped="index lastmod older than last fetch")
        result = self.fetch(link.url, "article")
        if result.error:
            if result.http_status in GONE_STATUSES and known and known.has_document:
                # a stored article taken down: recorded as gone, not a failure on every later run
                gone = Response(url=link.url, status=result.http_status, body=b"", headers={})
                return PageResult(
                    self.source.name,
                    link.url,
                    response=gone,
                    skipped=f"gone (http {gone.status})",
                    http_status=gone.status,
                )
            return result
        if result.response.not_modified and known and known.has_document:
            return result
        response = self.body(result)
        if response.content_type not in HTML_TYPES:  # a PDF press release, say: archived, not parsed
            result.skipped = f"not html: {response.content_type}"
            return result
        html = response.text()
        if not response.from_archive and looks_binary(response.body, html):
            return self._refuse(result, f"binary content served as {response.content_type or 'no type'}")
        try:
            article = parse_article(html, link.url, **self.source.selectors())
        except Exception as error:  # a parser bug on one page must not stop the source
            result.error, result.stage = f"parse failed: {type(error).__name__}: {error}", "parse"
            return result
        if not article.published and link.published:
            article.published = link.published
        if not article.text.strip():
            return self._refuse(result, "no article text found")
        if not response.from_archive:
            problem = self.bad_page(article, known, result.digest)
            if problem:
                return self._refuse(result, problem)
        if self.since and article.published and article.published < self.since:
            result.skipped = f"published {article.published}, before --since"
            return result
        result.article = article
        return result

    def _refuse(self, result: PageResult, reason: str) -> PageResult:
        """A fetched page not to be stored: a failure, and its digest not reported (so the next run's
        conditional request still names the last good version)."""
        result.error, result.stage, result.digest, result.same_raw = reason, "parse", None, False
        return result

    def bad_page(self, article: Article, known: Known | None, digest: str | None) -> str | None:
        """Why ``article``, a new answer for a URL whose good version we hold, must not replace it."""
        title_says_error = bool(ERROR_TITLE.search(article.title or ""))
        if not (
            known
            and known.has_document
            and known.digest
            and self.archive is not None
            and known.digest != digest
            and known.digest in self.archive
        ):
            if title_says_error and len(article.text) < MIN_TEXT:
                return f"looks like an error page (title {article.title[:60]!r}, {len(article.text)} characters)"
            return None
        try:
            previous = parse_article(
                Response(
                    url="",
                    status=200,
                    body=self.archive.get(known.digest),
                    headers={"content-type": known.content_type or ""},
                ).text(),
                article.url,
                **self.source.selectors(),
            )
        except Exception:  # the stored version cannot be re-read: judge the new one alone
            return None
        before, after = len(previous.text), len(article.text)
        if title_says_error and not ERROR_TITLE.search(previous.title or ""):
            return f"looks like an error page (title {article.title[:60]!r}); the stored version is kept"
        if after < before * SHRINK_RATIO or (after < MIN_TEXT <= before):
            return (
                f"page text shrank from {before} to {after} characters (an error or placeholder page?); "
                f"the stored version is kept"
            )
        return None

    def run(self) -> Iterator[PageResult]:
        """Everything: index results first, then one result per selected article."""
        links: list[Link] = []
        for item in self.discover():
            if isinstance(item, PageResult):
                yield item
            else:
                links = item
        for link in self.select(links):
            yield self.article(link)


def crawl(
    source: Source,
    fetcher: Fetcher,
    known: dict[str, Known] | None = None,
    *,
    archive: Archive | None = None,
    since: str | None = None,
    limit: int | None = None,
) -> Iterator[PageResult]:
    """Fetch and parse the articles of ``source`` (see ``Crawler``)."""
    yield from Crawler(source, fetcher, archive, known, since=since, limit=limit).run()
