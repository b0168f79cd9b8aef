"""An article page → title, publication date, publisher and body text.

Parsing uses lxml directly (a 100 KB page parses in about a millisecond). Per-source CSS
selectors win when given; otherwise the page's ``<article>``/``<main>``/``[role=main]`` is used,
and trafilatura is the fallback for pages without any of them. Dates come from, in order: a date
selector, article metadata, JSON-LD, a ``<time>`` element, a dateline in the visible text ("Date
posted: 6th February 2025"), and finally htmldate.

A page is parsed once: trafilatura and htmldate are handed the lxml tree, and trafilatura gets it
without the scripts, menus and other parts it would discard itself (on a boilerplate-heavy page
that is most of the work). On a page without ``<article>``/``<main>`` trafilatura is handed only
the block that holds the story when one clearly does (``story.story_block``), the whole page
otherwise. The dateline scan reads visible text outside menus. ``nhswatch.extract`` (spaCy) is
never imported by the scraper; the date phrases of the extractor are read lazily, only for a date
that is not in ISO form.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

import lxml.html
from lxml import etree

from . import css
from .story import BOILERPLATE, on_its_own, story_block

if TYPE_CHECKING:
    from trafilatura.settings import Extractor

BLOCK_TAGS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "pre",
        "td",
        "th",
        "dt",
        "dd",
        "figcaption",
        "div",
        "section",
        "article",
        "main",
        "ul",
        "ol",
        "dl",
        "table",
        "tr",
        "figure",
        "address",
        "hr",
        "br",
        "header",
        "details",
        "summary",
        "caption",
        "tbody",
        "thead",
        "tfoot",
    }
)
NOISE_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "textarea",
    "object",
    "embed",
    "canvas",
)
DATE_META = (
    ("property", "article:published_time"),
    ("name", "article:published_time"),
    ("itemprop", "datePublished"),
    ("name", "date"),
    ("name", "DC.date.issued"),
    ("name", "dcterms.date"),
    ("name", "dcterms.created"),
    ("property", "og:published_time"),
    ("name", "pubdate"),
    ("name", "govuk:first-published-at"),
    ("name", "publish-date"),
)
DATELINE = re.compile(r"\b(date posted|published|posted|updated|first published)\s*:?\s*(on\s+)?", re.I)
# Elements whose text is not shown, so the dateline scan does not read it (see visible_text).
INVISIBLE_TAGS = ("script", "style", "noscript", "template")
# Elements with role="main", in document order (this form is twice as fast as ``//*[@role='main']``).
_ROLE_MAIN = etree.XPath("descendant-or-self::*/@role[. = 'main']/..")
_ALL_TEXT = etree.XPath("descendant-or-self::text()", smart_strings=False)
# DATELINE on lower-cased text: the look-ahead lets the scan skip most positions at once.
_DATELINE_LOWER = re.compile(r"(?=[dpuf])" + DATELINE.pattern)
_DATELINE_WORDS = ("posted", "published", "updated")
# Removed before trafilatura sees the page: it drops all of them itself. <footer> stays: its text
# weighs in trafilatura's comparison with readability, so dropping it would change some results.
TRAFILATURA_DISCARDS = tuple(tag for tag in NOISE_TAGS if tag != "footer")
# trafilatura's fast mode is trusted when it finds at least this much text (its own minimum
# extracted size); shorter results go through its full cascade, as before.
FAST_ENOUGH = 250
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
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
    from nhswatch.extract.dates import find_dates  # regular expressions only; no spaCy

    found = [d for d in find_dates(value[:200]) if d.value and len(d.value) == 10]
    return found[0].value if found else None


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _json_ld_date(root: etree._Element) -> str | None:
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
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


def _metas(root: etree._Element) -> dict[tuple[str, str], str]:
    """The first non-empty ``content`` of each ``<meta>`` property, name and itemprop (lower-cased)."""
    metas: dict[tuple[str, str], str] = {}
    for tag in root.iter("meta"):
        content = tag.get("content")
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            if tag.get(attr):
                metas.setdefault((attr, tag.get(attr).lower()), content)
    return metas


def published_date(
    root: etree._Element, body: etree._Element | None, metas: dict[tuple[str, str], str] | None = None
) -> str | None:
    """The publication date of a page, from the most reliable place that has one.

    ``metas`` is the page's :func:`_metas`, when already read. Before looking for a dateline in the
    text it removes the page's style sheets and menus from ``root``.
    """
    metas = _metas(root) if metas is None else metas
    for attr, name in DATE_META:
        found = _iso_date(metas.get((attr, name.lower())))
        if found:
            return found
    found = _json_ld_date(root)
    if found:
        return found
    for scope in (body, root):
        if scope is None:
            continue
        for time_tag in scope.iter("time"):
            found = _iso_date(time_tag.get("datetime") or time_tag.text_content())
            if found:
                return found
    _drop_menus(root, body)
    found = _dateline_date(_visible_scope(root, body))
    if found:
        return found
    return _htmldate(root)


def _drop_menus(root: etree._Element, body: etree._Element | None) -> None:
    """Remove style sheets and navigation (around ``body``, never containing it) before dates are sought in the text.

    Menus link to other stories, so a date found in them is not this page's; on a big site they are
    also most of the text the dateline scan and htmldate would read.
    """
    keep = set(body.iterancestors()) | {body} if body is not None else set()
    for element in list(root.iter("nav", "style")):
        if element not in keep and element.getparent() is not None:
            element.drop_tree()


def _dateline_date(scope: etree._Element) -> str | None:
    """The date after the first dateline ('Date posted: 6th February 2025') in the visible text of ``scope``."""
    text = visible_text(scope)
    lowered = text.lower()
    if not any(word in lowered for word in _DATELINE_WORDS):
        return None  # most pages: no need to run the regular expression
    pattern, scanned = (_DATELINE_LOWER, lowered) if len(lowered) == len(text) else (DATELINE, text)
    for match in pattern.finditer(scanned):
        found = _iso_date(text[match.end() : match.end() + 40])
        if found:
            return found
    return None


def visible_text(scope: etree._Element) -> str:
    """The text of ``scope`` without that of scripts, style sheets, ``<noscript>`` and ``<template>``, space-joined.

    Their text is blanked for one pass over all text and put back: much faster than an XPath
    testing every text node's ancestors.
    """
    hidden: list[tuple[etree._Element, str, str | None]] = []
    try:
        for element in scope.iter(*INVISIBLE_TAGS):
            if element.text:
                hidden.append((element, "text", element.text))
                element.text = None
            inside = element.iterdescendants() if element.tag in ("noscript", "template") else iter(element)
            for child in inside:
                if isinstance(child.tag, str) and child.text:
                    hidden.append((child, "text", child.text))
                    child.text = None
                if child.tail:
                    hidden.append((child, "tail", child.tail))
                    child.tail = None
        return " ".join(_ALL_TEXT(scope))
    finally:
        for element, attribute, value in reversed(hidden):
            setattr(element, attribute, value)


def _visible_scope(root: etree._Element, body: etree._Element | None) -> etree._Element:
    if body is not None:
        return body
    page_body = root.find("body")
    return page_body if page_body is not None else root


def _htmldate(root: etree._Element) -> str | None:
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - htmldate is a dependency
        return None
    try:  # htmldate copies a tree it is given before pruning it
        return find_date(root, original_date=True, extensive_search=False)
    except Exception:  # htmldate raises many kinds of errors on odd pages
        return None


def block_text(root: etree._Element) -> str:
    """Visible text of ``root``: one paragraph per block element, list items bulleted."""
    lines: list[str] = []
    buffer: list[str] = []
    bullet = [False]

    def flush() -> None:
        text = _clean("".join(buffer))
        buffer.clear()
        if text:
            lines.append(BULLET + text if bullet[0] else text)
            bullet[0] = False

    def walk(element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else None
        block = tag in BLOCK_TAGS
        if tag is not None:
            if block:
                flush()
                if tag == "li":
                    bullet[0] = True
            if element.text:
                buffer.append(element.text)
            for child in element:
                walk(child)
                if child.tail:
                    buffer.append(child.tail)
            if block:
                flush()
                if tag == "li":
                    bullet[0] = False

    walk(root)
    flush()
    return "\n\n".join(lines)


def _first_text(root: etree._Element, selector: str | None) -> str | None:
    if not selector:
        return None
    found = css.select_one(root, selector)
    return _clean(found.text_content()) or None if found is not None else None


def _article_h1(root: etree._Element) -> str | None:
    """The text of the first ``<h1>`` inside an ``<article>`` (the selector is skipped on pages without one)."""
    return _first_text(root, "article h1") if next(root.iter("article"), None) is not None else None


def _first_h1(root: etree._Element) -> str | None:
    heading = next(root.iter("h1"), None)
    return _clean(heading.text_content()) or None if heading is not None else None


def _story_element(root: etree._Element) -> etree._Element | None:
    """The page's first ``<article>``, else its ``<main>``, else its ``[role=main]`` element."""
    for tag in ("article", "main"):
        found = next(root.iter(tag), None)
        if found is not None:
            return found
    return next(iter(_ROLE_MAIN(root)), None)


def _parse(html: str) -> etree._Element | None:
    html = XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def parse_article(
    html: str,
    url: str,
    *,
    body_selector: str | None = None,
    title_selector: str | None = None,
    date_selector: str | None = None,
) -> Article:
    """Parse an article page; never raises on malformed HTML."""
    root = _parse(html)
    if root is None:
        return Article(url=url, title="", published=None, text="")
    metas = _metas(root)
    title = _first_text(root, title_selector) or _article_h1(root) or _first_h1(root)
    if not title:
        title = _clean(metas.get(("property", "og:title"))) or _first_text(root, "title")
    body = css.select_one(root, body_selector) if body_selector else None
    if body is None:
        body = _story_element(root)
    published = None
    if date_selector:
        found = css.select_one(root, date_selector)
        if found is not None:
            published = _iso_date(found.get("datetime") or found.get("content") or found.text_content())
    publisher = metas.get(("property", "og:site_name"))
    canonical = next(
        (link.get("href") for link in root.iter("link") if "canonical" in (link.get("rel") or "").lower().split()), None
    )
    published = published or published_date(root, body, metas)
    if body is not None:
        _drop_boilerplate(body)
        text = block_text(body)
    else:
        text = _generic_text(root)
    return Article(url=url, title=title or "", published=published, text=text, publisher=publisher, canonical=canonical)


def _drop_boilerplate(body: etree._Element) -> None:
    """Remove navigation-like elements and share/related/cookie blocks inside the article body."""
    doomed = [el for el in body.iter(*NOISE_TAGS) if el is not body]
    for element in body.iter():
        if element is body or not isinstance(element.tag, str):
            continue
        tokens = [*(element.get("class") or "").split(), element.get("id") or ""]
        if any(token and BOILERPLATE.search(token) for token in tokens):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _generic_text(root: etree._Element) -> str:
    """Main text of a page without an article element, by trafilatura (falls back to all blocks).

    Changes ``root``: what trafilatura would discard anyway is removed first. Its fast pass reads
    only the story block when there is one; a short result goes through its full cascade on the page.
    """
    _drop(root, TRAFILATURA_DISCARDS)
    try:
        import trafilatura

        fast, full = _trafilatura_options()
        footers = _detach(root, "footer")  # fast mode drops them too
        block = story_block(root)
        if block is None:
            text = trafilatura.extract(root, options=fast)
        else:
            with on_its_own(block) as page:
                text = trafilatura.extract(page, options=fast)
        _reattach(footers)
        if not text or len(text) < FAST_ENOUGH:
            text = trafilatura.extract(root, options=full)
    except Exception:
        text = None
    if text:
        return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    body = root.find("body")
    scope = body if body is not None else root
    _drop(scope, NOISE_TAGS)
    return block_text(scope)


@cache
def _trafilatura_options() -> tuple[Extractor, Extractor]:
    """trafilatura's settings for the fast pass and the full cascade, built once (each build reads its config)."""
    from trafilatura.settings import Extractor

    options = {"comments": False, "tables": False, "precision": True}
    return Extractor(fast=True, **options), Extractor(**options)


def _detach(root: etree._Element, tag: str) -> list[tuple[etree._Element, int, etree._Element]]:
    """Take every ``tag`` element (with its tail) out of ``root``; :func:`_reattach` puts them back."""
    taken = []
    for element in list(root.iter(tag)):
        parent = element.getparent()
        if parent is not None:
            taken.append((parent, parent.index(element), element))
            parent.remove(element)
    return taken


def _reattach(taken: list[tuple[etree._Element, int, etree._Element]]) -> None:
    for parent, index, element in reversed(taken):
        parent.insert(index, element)


def _drop(scope: etree._Element, tags: tuple[str, ...]) -> None:
    for element in list(scope.iter(*tags)):
        if element is not scope and element.getparent() is not None:
            element.drop_tree()
