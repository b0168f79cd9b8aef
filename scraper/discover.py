"""Finding article URLs: RSS/Atom feeds, XML sitemaps (and indexes) and HTML listing pages.

XML is parsed with entity expansion, DTDs and network access turned off, so a hostile feed or
sitemap cannot blow up memory or reach out to other hosts.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import feedparser
from bs4 import BeautifulSoup
from lxml import etree

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class DiscoveryError(ValueError):
    """A feed, sitemap or listing could not be read."""


@dataclass(frozen=True)
class Link:
    """An article URL and what the index said about it."""

    url: str
    published: str | None = None
    title: str | None = None


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _has_dtd_entities(body: bytes) -> bool:
    head = body[:4096].lower()
    return b"<!entity" in head or (b"<!doctype" in head and b"[" in head.split(b"<!doctype", 1)[1][:200])


def rebase(url: str, base: str | None) -> str:
    """Move ``url`` onto the scheme and host of ``base`` (for mirrors and local fixtures)."""
    if not base:
        return url
    parts, origin = urlsplit(url), urlsplit(base)
    return urlunsplit((origin.scheme, origin.netloc, parts.path, parts.query, ""))


def from_feed(body: bytes, base_url: str) -> list[Link]:
    """Article links in an RSS or Atom feed."""
    if _has_dtd_entities(body):
        raise DiscoveryError("feed declares a DTD or entities; refused")
    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        raise DiscoveryError(f"not a feed: {parsed.get('bozo_exception')}")
    links = []
    for entry in parsed.entries:
        href = entry.get("link")
        if not href:
            continue
        published = None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            published = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}"
        links.append(Link(urljoin(base_url, href), published, entry.get("title")))
    return links


def from_sitemap(body: bytes, base_url: str) -> tuple[list[Link], list[str]]:
    """(article links, nested sitemap URLs) of a sitemap or sitemap index."""
    if _has_dtd_entities(body):
        raise DiscoveryError("sitemap declares a DTD or entities; refused")
    try:
        root = etree.fromstring(body, _safe_parser())
    except etree.XMLSyntaxError as error:
        raise DiscoveryError(f"malformed sitemap: {error}") from error
    links, nested = [], []
    for node in root:
        loc = node.findtext(f"{SITEMAP_NS}loc") or node.findtext("loc")
        if not loc:
            continue
        loc = urljoin(base_url, loc.strip())
        if node.tag.endswith("sitemap"):
            nested.append(loc)
        else:
            lastmod = node.findtext(f"{SITEMAP_NS}lastmod") or node.findtext("lastmod")
            links.append(Link(loc, (lastmod or "").strip()[:10] or None))
    return links, nested


def from_listing(html: str, page_url: str, item_selector: str, next_selector: str | None) -> tuple[list[Link], str | None]:
    """(article links, next page URL) of an HTML listing page."""
    soup = BeautifulSoup(html, "lxml")
    links = []
    for item in soup.select(item_selector):
        anchor = item if item.name == "a" else item.find("a", href=True)
        if anchor is None or not anchor.get("href"):
            continue
        time_tag = item.find("time") if item.name != "a" else None
        published = (time_tag.get("datetime") or "")[:10] if time_tag else None
        links.append(Link(urljoin(page_url, anchor["href"]), published or None, anchor.get_text(" ", strip=True)))
    next_url = None
    if next_selector:
        found = soup.select_one(next_selector)
        if found is not None and found.get("href"):
            next_url = urljoin(page_url, found["href"])
    return links, next_url
