"""Where the story sits on a page without ``<article>``/``<main>``, so trafilatura reads only that part.

trafilatura finds a page's main text by testing every element against dozens of XPath
expressions, so its time grows with the page's element count, not with its text. Handed only
the element that holds the story, it does the same work on a fraction of the page.

The choice is made only when it is safe: the story block must hold the page's ``<h1>``, every
paragraph (trafilatura gathers paragraphs from anywhere on a page) and all of the page's readable
text (outside links, share/related/cookie blocks and what the caller has already removed: menus,
headers, footers) but a line. When the text is spread over the page, or there is too little of it
to judge, there is no story block and the caller hands trafilatura the whole page, as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from lxml import etree

# Class or id tokens of blocks that are not the story (trafilatura discards them itself).
BOILERPLATE = re.compile(
    r"(^|[-_])(share|sharing|social|related|breadcrumbs?|cookies?|newsletter|promo|adverts?|advertisement"
    r"|comments?|pagination|skip-link|print-link|back-to-top)([-_]|$)",
    re.I,
)
# Below this much readable text (characters) the choice is not confident.
MIN_TEXT = 400
# Readable text allowed outside the story block (headings of side columns, separators): a small
# share of the page's, and never more than a line.
SLACK_SHARE = 0.03
SLACK_MAX = 100
# Paragraphs, which trafilatura collects from anywhere on a page: the story block must hold every
# one with at least this much readable text (readability's threshold).
PARAGRAPH_TAGS = ("p", "blockquote", "pre")
MIN_PARAGRAPH = 25


def story_block(root: etree._Element) -> etree._Element | None:
    """The deepest element below ``<body>`` holding the h1, every paragraph and nearly all the readable text.

    None when there is none (the text is spread over the page) or the page has too little text to judge.
    """
    body = root.find("body") if root.tag == "html" else root
    if body is None:
        return None
    text, paragraphs = _tally(body)
    total, count = text.get(body, 0), paragraphs.get(body, 0)
    if total < MIN_TEXT:
        return None
    needed = total - min(SLACK_SHARE * total, SLACK_MAX)
    block = body
    while True:
        child = next((c for c in block if text.get(c, 0) >= needed and paragraphs.get(c, 0) == count), None)
        if child is None:
            break
        block = child
    heading = next(body.iter("h1"), None)
    if heading is not None:
        block = _common_ancestor(block, heading, body)
    return None if block is body else block


def _tally(body: etree._Element) -> tuple[dict[etree._Element, int], dict[etree._Element, int]]:
    """Characters of readable text, and paragraphs of at least ``MIN_PARAGRAPH`` of them, under each element.

    Readable: outside links, comments and blocks whose class or id says share, related, cookies...
    One pass down the tree for each element's own text, one pass up to add it to its ancestors.
    """
    text: dict[etree._Element, int] = {}
    skipped: set[etree._Element] = set()
    # Held in a list so that each element keeps one Python proxy (lxml.html builds them slowly).
    elements = list(body.iter())
    for element in elements:  # document order: a parent comes before its children
        parent = element.getparent() if element is not body else None
        if parent is not None and parent not in skipped and element.tail and (length := len(element.tail.strip())):
            text[parent] = text.get(parent, 0) + length  # a tail is its parent's text
        if not isinstance(element.tag, str) or (parent is not None and (parent in skipped or _not_readable(element))):
            skipped.add(element)
        elif element.text and (length := len(element.text.strip())):
            text[element] = text.get(element, 0) + length
    paragraphs: dict[etree._Element, int] = {}
    for element in reversed(elements):  # children before their parents
        if element in skipped:
            continue
        if element.tag in PARAGRAPH_TAGS and text.get(element, 0) >= MIN_PARAGRAPH:
            paragraphs[element] = paragraphs.get(element, 0) + 1
        parent = element.getparent() if element is not body else None
        if parent is not None:
            text[parent] = text.get(parent, 0) + text.get(element, 0)
            paragraphs[parent] = paragraphs.get(parent, 0) + paragraphs.get(element, 0)
    return text, paragraphs


def _not_readable(element: etree._Element) -> bool:
    """A link, or a block whose class or id marks it as boilerplate."""
    if element.tag == "a":
        return True
    tokens = (element.get("class") or "").split()
    tokens.append(element.get("id") or "")
    return any(token and BOILERPLATE.search(token) for token in tokens)


def _common_ancestor(block: etree._Element, other: etree._Element, body: etree._Element) -> etree._Element:
    """The deepest element holding both ``block`` and ``other`` (``body`` at most)."""
    around = {block, *block.iterancestors()}
    for ancestor in (other, *other.iterancestors()):
        if ancestor in around:
            return ancestor
        if ancestor is body:
            break
    return body


@contextmanager
def on_its_own(block: etree._Element) -> Iterator[etree._Element]:
    """``block`` in a page of its own: inside empty copies of its ancestors (tags and attributes kept).

    Extractors that recognise the story by its containers' classes (``entry-content``...) still see
    them. ``block`` is moved, not copied, and put back (with its tail) on exit.
    """
    ancestors = list(block.iterancestors())[::-1]
    top = shell = ancestors[0].makeelement(ancestors[0].tag, dict(ancestors[0].attrib))
    for ancestor in ancestors[1:]:
        inner = ancestor.makeelement(ancestor.tag, dict(ancestor.attrib))
        shell.append(inner)
        shell = inner
    parent, tail = block.getparent(), block.tail
    index = parent.index(block)
    block.tail = None
    shell.append(block)
    try:
        yield top
    finally:
        parent.insert(index, block)
        block.tail = tail
