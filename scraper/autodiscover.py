"""``discovery: - auto: NEWS_PAGE_URL``: find a newsroom's articles without knowing its platform.

For sources whose feed or CMS has not been confirmed, the crawler tries, in order, and keeps the
first that yields article links:

1. feeds the news page announces (``<link rel="alternate" type="application/rss+xml">``);
2. ``/feed/`` at the site root (WordPress, which many NHS sites run on);
3. the WordPress REST API;
4. the news page itself read as a listing: links below the news page's path, with ``rel=next``
   pagination;
5. sitemaps named in robots.txt, then ``/sitemap.xml``, ``/sitemap_index.xml``,
   ``/wp-sitemap.xml`` (news-looking URLs only, unless the source gives ``url_pattern``).

Failed attempts are logged as fetches, not as failures; only when every attempt fails is one
failure recorded. ``nhswatch sources check`` reports which attempt worked, so a source can be
pinned to it.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import lxml.html

from .discover import Link

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
NEWSY = re.compile(r"/(news|press|media|latest|stories|blog|statements?|announcements?)\b|/20\d\d/", re.I)
NOT_ARTICLE = re.compile(
    r"/(page|category|categories|tag|tags|author|feed|search|archive|events?)(/|$)|[?&](page|p|paged|sort)="
    r"|[/-]page[-/]?\d+(\.html?)?/?$|/(index|default)\.(html?|aspx?|php)$"
    r"|\.(pdf|docx?|xlsx?|pptx?|csv|zip|jpe?g|png|gif|svg|mp[34])$|^mailto:|^tel:",
    re.I,
)
SITEMAP_PATHS = ("/sitemap.xml", "/sitemap_index.xml", "/wp-sitemap.xml")


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _root(html: str):
    try:
        return lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (ValueError, lxml.etree.ParserError):
        return None


def announced_feeds(html: str, page_url: str) -> list[str]:
    """Feeds a page announces, comment feeds left out."""
    root = _root(html)
    if root is None:
        return []
    found = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower()
        href = link.get("href")
        if "alternate" in rel and kind in FEED_TYPES and href and "comments" not in href.lower():
            url = urljoin(page_url, href.strip())
            if url not in found:
                found.append(url)
    return found


def news_links(html: str, page_url: str) -> tuple[list[Link], str | None]:
    """(links below the page's own path, next page) of a news page read without selectors."""
    root = _root(html)
    if root is None:
        return [], None
    base = urlsplit(page_url)
    prefix = base.path if base.path.endswith("/") else base.path.rsplit("/", 1)[0] + "/"
    links: dict[str, Link] = {}
    next_url = None
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith("#"):
            continue
        url = urljoin(page_url, href).split("#", 1)[0]
        parts = urlsplit(url)
        rel = (anchor.get("rel") or "").lower().split()
        if "next" in rel or "next" in (anchor.get("class") or "").lower().split():
            next_url = next_url or url
            continue
        if {"prev", "first", "last", "nofollow"} & set(rel):
            continue
        if (
            parts.netloc != base.netloc
            or not parts.path.startswith(prefix)
            or len(parts.path) <= len(prefix) + 1
            or NOT_ARTICLE.search(url)
        ):
            continue
        title = " ".join(anchor.text_content().split())
        if url not in links or (title and not links[url].title):
            links[url] = Link(url, None, title or None)
    return list(links.values()), next_url


def is_newsy(url: str) -> bool:
    """A sitemap URL that looks like news (used when the source gives no ``url_pattern``)."""
    return bool(NEWSY.search(urlsplit(url).path)) and not NOT_ARTICLE.search(url)
