"""Finding article URLs: RSS/Atom feeds, XML sitemaps (and indexes), the WordPress REST API and
HTML listing pages.

Every XML document is checked by ``xmlsafe`` first (no entity declarations, no external
references), and lxml runs with entity resolution, DTD loading and network access off.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

import feedparser
import lxml.html
from lxml import etree

from . import css, xmlsafe

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


class DiscoveryError(ValueError):
    """A feed, sitemap, API answer or listing could not be read."""


@dataclass(frozen=True)
class Link:
    """An article URL and what the index said about it (ISO dates, when given)."""

    url: str
    published: str | None = None
    title: str | None = None
    modified: str | None = None


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False)


def _checked(body: bytes, what: str) -> bytes:
    try:
        body = xmlsafe.gunzip(body)
        xmlsafe.check(body)
    except ValueError as error:
        raise DiscoveryError(f"{what} {error}") from error
    return body


def rebase(url: str, base: str | None) -> str:
    """Move ``url`` onto the scheme and host of ``base`` (for mirrors and local fixtures)."""
    if not base:
        return url
    parts, origin = urlsplit(url), urlsplit(base)
    return urlunsplit((origin.scheme, origin.netloc, parts.path, parts.query, ""))


def _stamp(value) -> str | None:
    if not value:
        return None
    return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"


def from_feed(body: bytes, base_url: str) -> list[Link]:
    """Article links in an RSS or Atom feed."""
    body = _checked(body, "feed")
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    if parsed.bozo and not parsed.entries:
        raise DiscoveryError(f"not a feed: {type(parsed.get('bozo_exception')).__name__}")
    if not parsed.entries and not parsed.get("feed", {}).get("title") and parsed.get("version", "") == "":
        raise DiscoveryError("not a feed: no channel and no entries")
    links = []
    for entry in parsed.entries:
        href = entry.get("link") or next((x.get("href") for x in entry.get("links", []) if x.get("href")), None)
        if not href:
            continue
        # dict.get: feedparser's own get() passes off an RSS pubDate as "updated", which it is not.
        updated = _stamp(dict.get(entry, "updated_parsed"))
        published = _stamp(dict.get(entry, "published_parsed")) or updated
        links.append(Link(urljoin(base_url, href.strip()), published, entry.get("title"), updated))
    return links


def from_sitemap(body: bytes, base_url: str) -> tuple[list[Link], list[str]]:
    """(article links, nested sitemap URLs) of a sitemap or sitemap index."""
    body = _checked(body, "sitemap")
    try:
        root = etree.fromstring(body, _safe_parser())
    except etree.XMLSyntaxError as error:
        raise DiscoveryError(f"malformed sitemap: {error}") from error
    if not root.tag.endswith(("urlset", "sitemapindex")):
        raise DiscoveryError(f"not a sitemap: root element {root.tag!r}")
    links, nested = [], []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        loc = node.findtext(f"{SITEMAP_NS}loc") or node.findtext("loc")
        if not loc:
            continue
        loc = urljoin(base_url, loc.strip())
        if node.tag.endswith("sitemap"):
            nested.append(loc)
        else:
            lastmod = (node.findtext(f"{SITEMAP_NS}lastmod") or node.findtext("lastmod") or "").strip()
            links.append(Link(loc, _sitemap_date(node, lastmod), _news_title(node), lastmod or None))
    return links, nested


def _sitemap_date(node, lastmod: str) -> str | None:
    """The day a sitemap entry dates its page by: the Google News ``publication_date``, else ``lastmod``.
    ``--since`` chooses by it, and a page that shows no date of its own is dated by it."""
    published = (node.findtext(f"{NEWS_NS}news/{NEWS_NS}publication_date") or "").strip()
    day = (published or lastmod)[:10]
    return day if len(day) == 10 and day[4] == "-" and day[:4].isdigit() else None


def _news_title(node) -> str | None:
    return (node.findtext(f"{NEWS_NS}news/{NEWS_NS}title") or "").strip() or None


def wordpress_page(base: str, page: int, per_page: int = 100, since: str | None = None) -> str:
    """The WordPress REST API URL of one page of posts, newest first."""
    query = {
        "per_page": per_page,
        "page": page,
        "orderby": "date",
        "order": "desc",
        "_fields": "link,date_gmt,modified_gmt,title",
    }
    if since:
        query["after"] = f"{since}T00:00:00"
    return f"{base.rstrip('/')}/wp-json/wp/v2/posts?{urlencode(query)}"


def from_wordpress(body: bytes, base_url: str) -> list[Link]:
    """Article links in one page of a WordPress ``/wp-json/wp/v2/posts`` answer."""
    try:
        posts = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise DiscoveryError(f"WordPress API answer is not JSON: {error}") from error
    if not isinstance(posts, list):
        raise DiscoveryError("WordPress API answer is not a list of posts")
    links = []
    for post in posts:
        if not isinstance(post, dict) or not isinstance(post.get("link"), str):
            continue
        title = post.get("title")
        title = title.get("rendered") if isinstance(title, dict) else title
        date = str(post.get("date_gmt") or post.get("date") or "")[:10] or None
        modified = str(post.get("modified_gmt") or post.get("modified") or "") or None
        if title:
            title = lxml.html.fromstring(f"<p>{title}</p>").text_content()
        links.append(Link(urljoin(base_url, post["link"]), date, title, modified))
    return links


def from_listing(
    html: str, page_url: str, item_selector: str, next_selector: str | None
) -> tuple[list[Link], str | None]:
    """(article links, next page URL) of an HTML listing page."""
    if not html.strip():
        return [], None
    root = lxml.html.fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    links = []
    for item in css.select(root, item_selector):
        anchor = item if item.tag == "a" else next(iter(item.iterfind(".//a[@href]")), None)
        if anchor is None or not anchor.get("href"):
            continue
        time_tag = next(iter(item.iterfind(".//time")), None) if item.tag != "a" else None
        published = (time_tag.get("datetime") or "")[:10] if time_tag is not None else None
        title = " ".join(anchor.text_content().split())
        links.append(Link(urljoin(page_url, anchor.get("href").strip()), published or None, title or None))
    next_url = None
    if next_selector:
        found = css.select_one(root, next_selector)
        if found is not None and found.get("href"):
            next_url = urljoin(page_url, found.get("href").strip())
    return links, next_url
