"""Crawl one source: discover article URLs, fetch each (conditionally), parse it.

The crawler yields one ``PageResult`` per article URL and never raises for a single bad page or
index: failures come back as results with ``error`` set, so the caller can record them and go on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .article import Article, parse_article
from .discover import DiscoveryError, Link, from_feed, from_listing, from_sitemap, rebase
from .fetch import Fetcher, FetchError, Response
from .registry import Source

log = logging.getLogger(__name__)
MAX_SITEMAPS = 50
HTML_TYPES = ("text/html", "application/xhtml+xml", "")


@dataclass
class PageResult:
    """What happened to one URL."""

    source: str
    url: str
    response: Response | None = None
    article: Article | None = None
    error: str | None = None
    stage: str = "article"

    @property
    def not_modified(self) -> bool:
        return self.response is not None and self.response.not_modified


@dataclass
class Validators:
    """What we know about a URL from the last time: for conditional requests."""

    etag: str | None = None
    last_modified: str | None = None


def discover(source: Source, fetcher: Fetcher) -> tuple[list[Link], list[PageResult]]:
    """All article links of a source, newest index first, and the index pages that failed."""
    links: dict[str, Link] = {}
    failures: list[PageResult] = []
    base = source.homepage if source.rebase else None
    for step in source.discovery:
        (kind, value), = step.items()
        try:
            found = _discover_step(kind, value, source, fetcher)
        except (FetchError, DiscoveryError) as error:
            url = value["url"] if isinstance(value, dict) else value
            failures.append(PageResult(source.name, url, error=str(error), stage=kind))
            log.warning("%s: %s %s failed: %s", source.name, kind, url, error)
            continue
        for link in found:
            url = rebase(link.url, base)
            links.setdefault(url, Link(url, link.published, link.title))
    return list(links.values()), failures


def _discover_step(kind: str, value, source: Source, fetcher: Fetcher) -> list[Link]:
    get = _getter(source, fetcher)
    if kind == "feed":
        return from_feed(get(value).body, value)
    if kind == "sitemap":
        found: list[Link] = []
        queue, seen = [value], set()
        while queue and len(seen) < MAX_SITEMAPS:
            url = rebase(queue.pop(0), source.homepage if source.rebase else None)
            if url in seen:
                continue
            seen.add(url)
            links, nested = from_sitemap(get(url).body, url)
            found += links
            queue += nested
        return found
    found = []
    page_url: str | None = value["url"]
    seen_pages: set[str] = set()
    while page_url and page_url not in seen_pages and len(seen_pages) < int(value.get("max_pages", 20)):
        seen_pages.add(page_url)
        links, page_url = from_listing(get(page_url).text(), page_url, value["items"], value.get("next"))
        found += links
    return found


def _getter(source: Source, fetcher: Fetcher) -> Callable[..., Response]:
    def get(url: str, **kwargs) -> Response:
        return fetcher.get(url, allowed_hosts=source.allowed_hosts or None, **kwargs)

    return get


def crawl(
    source: Source,
    fetcher: Fetcher,
    known: dict[str, Validators] | None = None,
    *,
    since: str | None = None,
    limit: int | None = None,
) -> Iterator[PageResult]:
    """Fetch and parse the articles of ``source``; known URLs are asked for conditionally."""
    known = known or {}
    links, failures = discover(source, fetcher)
    yield from failures
    if since:
        links = [link for link in links if not link.published or link.published >= since]
    limit = limit or source.max_articles
    if limit:
        links = links[:limit]
    get = _getter(source, fetcher)
    for link in links:
        validators = known.get(link.url, Validators())
        try:
            response = get(link.url, etag=validators.etag, last_modified=validators.last_modified)
        except FetchError as error:
            yield PageResult(source.name, link.url, error=error.reason)
            continue
        if response.not_modified:
            yield PageResult(source.name, link.url, response=response)
            continue
        if response.content_type not in HTML_TYPES:
            yield PageResult(source.name, link.url, response=response, error=f"not html: {response.content_type}")
            continue
        try:
            article = parse_article(response.text(), link.url, **_selectors(source))
        except Exception as error:  # a parser bug on one page must not stop the source
            yield PageResult(source.name, link.url, response=response, error=f"parse failed: {error}")
            continue
        if not article.published and link.published:
            article.published = link.published
        if not article.text.strip():
            yield PageResult(source.name, link.url, response=response, error="no article text found")
            continue
        yield PageResult(source.name, link.url, response=response, article=article)


def _selectors(source: Source) -> dict[str, str | None]:
    return {
        "body_selector": source.article.get("body"),
        "title_selector": source.article.get("title"),
        "date_selector": source.article.get("date"),
    }
