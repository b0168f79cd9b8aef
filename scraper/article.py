"""An article page → title, publication date, publisher and body text.

Per-source CSS selectors win when given; otherwise the page's ``<article>``/``<main>`` is used, and
trafilatura is the fallback for pages without either. Dates come from, in order: article metadata,
JSON-LD, a ``<time>`` element, a dateline in the text ("Date posted: 6th February 2025"), htmldate.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from bs4 import BeautifulSoup, Tag

from extract.dates import find_dates

BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dt", "dd", "figcaption")
NOISE_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg")
DATE_META = (
    ("property", "article:published_time"),
    ("name", "article:published_time"),
    ("itemprop", "datePublished"),
    ("name", "date"),
    ("name", "DC.date.issued"),
    ("name", "dcterms.date"),
    ("property", "og:published_time"),
    ("name", "pubdate"),
)
DATELINE = re.compile(r"\b(date posted|published|posted|updated|first published)\s*:?\s*(on\s+)?", re.I)
BULLET = "• "


@dataclass
class Article:
    """What a page says, as plain data."""

    url: str
    title: str
    published: str | None
    text: str
    publisher: str | None = None
    canonical: str | None = None


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", value)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            return None
    found = [d for d in find_dates(value) if d.value and len(d.value) == 10]
    return found[0].value if found else None


def _json_ld_dates(soup: BeautifulSoup) -> str | None:
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                for key in ("datePublished", "dateCreated"):
                    found = _iso_date(str(item.get(key) or ""))
                    if found:
                        return found
                stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return None


def published_date(soup: BeautifulSoup, body: Tag | None, html: str) -> str | None:
    """The publication date of a page, from the most reliable place that has one."""
    for attr, name in DATE_META:
        tag = soup.find("meta", attrs={attr: name})
        if tag and _iso_date(tag.get("content")):
            return _iso_date(tag.get("content"))
    found = _json_ld_dates(soup)
    if found:
        return found
    scope = body or soup
    time_tag = scope.find("time") or soup.find("time")
    if time_tag and _iso_date(time_tag.get("datetime") or time_tag.get_text(" ")):
        return _iso_date(time_tag.get("datetime") or time_tag.get_text(" "))
    text = (body or soup).get_text("\n")
    for match in DATELINE.finditer(text):
        found = _iso_date(text[match.end() : match.end() + 40])
        if found:
            return found
    return _htmldate(html)


def _htmldate(html: str) -> str | None:
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - htmldate is a dependency
        return None
    try:
        return find_date(html, original_date=True, extensive_search=False)
    except Exception:  # htmldate raises many kinds of errors on odd pages
        return None


def block_text(root: Tag) -> str:
    """Visible text of ``root``, one line per block element, list items bulleted."""
    lines: list[str] = []
    for element in root.find_all(BLOCK_TAGS):
        if element.find_parent(BLOCK_TAGS) is not None and element.name != "li":
            continue
        if element.name != "li" and element.find(BLOCK_TAGS):
            continue
        text = " ".join(element.get_text(" ").split())
        if not text:
            continue
        lines.append(BULLET + text if element.name == "li" else text)
    if not lines:
        lines = [" ".join(line.split()) for line in root.get_text("\n").splitlines() if line.strip()]
    return "\n\n".join(lines)


def _first_text(soup: BeautifulSoup | Tag, selector: str | None) -> str | None:
    if not selector:
        return None
    found = soup.select_one(selector)
    return " ".join(found.get_text(" ").split()) if found else None


def parse_article(
    html: str,
    url: str,
    *,
    body_selector: str | None = None,
    title_selector: str | None = None,
    date_selector: str | None = None,
) -> Article:
    """Parse an article page; never raises on malformed HTML."""
    soup = BeautifulSoup(html, "lxml")
    title = _first_text(soup, title_selector) or _first_text(soup, "article h1") or _first_text(soup, "h1")
    if not title and soup.title:
        title = " ".join(soup.title.get_text(" ").split())
    body = soup.select_one(body_selector) if body_selector else None
    if body is None:
        body = soup.find("article") or soup.find("main") or soup.find(attrs={"role": "main"})
    published = _iso_date(_first_text(soup, date_selector)) if date_selector else None
    published = published or published_date(soup, body, html)
    publisher_tag = soup.find("meta", attrs={"property": "og:site_name"})
    canonical = soup.find("link", rel="canonical")
    for noise in (body or soup).find_all(NOISE_TAGS):
        noise.decompose()
    text = block_text(body) if body is not None else _generic_text(html, soup)
    return Article(
        url=url,
        title=title or "",
        published=published,
        text=text,
        publisher=publisher_tag.get("content") if publisher_tag else None,
        canonical=canonical.get("href") if canonical else None,
    )


def _generic_text(html: str, soup: BeautifulSoup) -> str:
    """Main text of a page without an article element, by trafilatura (falls back to all blocks)."""
    try:
        import trafilatura

        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    except Exception:
        text = None
    if text:
        return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    return block_text(soup.body or soup)
