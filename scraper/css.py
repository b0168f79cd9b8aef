"""CSS selectors on lxml trees, translated to XPath once by cssselect and cached.

Registry selectors are validated when a source is loaded (``validate``), so a typo fails the
registry, not a run halfway through.
"""

from __future__ import annotations

from functools import lru_cache

from cssselect import GenericTranslator
from cssselect import SelectorError as _CssSelectorError
from lxml import etree

_TRANSLATOR = GenericTranslator()


class SelectorError(ValueError):
    """A selector that cannot be used."""


def css_to_xpath(selector: str) -> str:
    """The XPath expression for a CSS selector (relative to the element it is applied to)."""
    try:
        xpath = _TRANSLATOR.css_to_xpath(selector, prefix="descendant-or-self::")
    except _CssSelectorError as error:
        raise SelectorError(f"bad CSS selector {selector!r}: {error}") from error
    if "[0]" in xpath:  # cssselect's rendering of :hover, :visited... which never match a fetched page
        raise SelectorError(f"CSS selector {selector!r} uses a browser-state pseudo-class")
    return xpath


@lru_cache(maxsize=512)
def compiled(selector: str) -> etree.XPath:
    return etree.XPath(css_to_xpath(selector))


def select(root: etree._Element, selector: str) -> list[etree._Element]:
    """Every element under ``root`` (or ``root`` itself) matching ``selector``, in document order."""
    return [e for e in compiled(selector)(root) if isinstance(e, etree._Element)]


def select_one(root: etree._Element, selector: str) -> etree._Element | None:
    """The first element matching ``selector``, or None."""
    found = select(root, selector)
    return found[0] if found else None


def validate(selector: str) -> None:
    """Raise SelectorError if ``selector`` cannot be used."""
    compiled(selector)
