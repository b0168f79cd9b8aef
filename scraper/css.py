"""A small CSS selector → XPath translator, so per-source selectors run on fast lxml trees.

Supported (enough for newsroom markup): type selectors and ``*``, ``#id``, ``.class``, attribute
tests ``[a]``, ``[a=v]``, ``[a~=v]``, ``[a^=v]``, ``[a$=v]``, ``[a*=v]``, ``[a|=v]``, the
pseudo-classes ``:first-child`` and ``:last-child``, the combinators descendant (space), child
``>``, adjacent ``+`` and sibling ``~``, and selector lists separated by commas. Anything else
raises ``SelectorError`` when the registry is loaded, not halfway through a run.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comb>[>+~])
  | (?P<comma>,)
  | (?P<id>\#[-\w]+)
  | (?P<cls>\.[-\w]+)
  | (?P<attr>\[\s*(?P<aname>[-\w:]+)\s*(?:(?P<op>[~^$*|]?=)\s*(?P<aval>"[^"]*"|'[^']*'|[-\w.:/]+)\s*)?\])
  | (?P<pseudo>:(?:first-child|last-child))
  | (?P<type>\*|[-\w]+)
    """,
    re.X,
)
AXES = {" ": "/descendant::", ">": "/", "+": "/following-sibling::*[1]/self::", "~": "/following-sibling::"}


class SelectorError(ValueError):
    """A selector this translator does not understand."""


def _literal(value: str) -> str:
    if value[:1] in "\"'" and value[-1:] == value[:1]:
        value = value[1:-1]
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    parts = ", \"'\", ".join(f"'{part}'" for part in value.split("'"))
    return f"concat({parts})"


def _attribute(name: str, op: str | None, raw: str | None) -> str:
    attr = f"@{name}"
    if op is None:
        return attr
    value = _literal(raw or "")
    return {
        "=": f"{attr}={value}",
        "~=": f"contains(concat(' ', normalize-space({attr}), ' '), concat(' ', {value}, ' '))",
        "^=": f"starts-with({attr}, {value})",
        "$=": f"substring({attr}, string-length({attr}) - string-length({value}) + 1) = {value}",
        "*=": f"contains({attr}, {value})",
        "|=": f"({attr}={value} or starts-with({attr}, concat({value}, '-')))",
    }[op]


def _compound(tokens: list[re.Match]) -> str:
    tag, tests = "*", []
    for token in tokens:
        text = token.group(0)
        if token.group("type"):
            tag = text.lower() if text != "*" else "*"
        elif token.group("id"):
            tests.append(f"@id={_literal(text[1:])}")
        elif token.group("cls"):
            tests.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {text[1:]} ')")
        elif token.group("attr"):
            tests.append(_attribute(token.group("aname"), token.group("op"), token.group("aval")))
        elif token.group("pseudo"):
            tests.append("not(preceding-sibling::*)" if text == ":first-child" else "not(following-sibling::*)")
        else:  # pragma: no cover - the tokenizer yields nothing else here
            raise SelectorError(f"unexpected {text!r}")
    return tag + "".join(f"[{test}]" for test in tests)


def _tokens(selector: str) -> list[re.Match]:
    tokens, position = [], 0
    while position < len(selector):
        match = TOKEN.match(selector, position)
        if match is None:
            raise SelectorError(f"unsupported selector syntax at {selector[position:]!r} in {selector!r}")
        tokens.append(match)
        position = match.end()
    return tokens


def _one(tokens: list[re.Match], selector: str) -> str:
    steps: list[tuple[str, list[re.Match]]] = []
    combinator, compound = "", []
    for token in tokens:
        if token.lastgroup not in ("ws", "comb"):
            compound.append(token)
            continue
        if compound:
            steps.append((combinator, compound))
            compound, combinator = [], " "
        if token.lastgroup == "comb":
            if combinator != " " or not steps:
                raise SelectorError(f"misplaced combinator {token.group(0)!r} in {selector!r}")
            combinator = token.group(0)
    if compound:
        steps.append((combinator, compound))
    elif combinator not in ("", " ") or not steps:
        raise SelectorError(f"empty or dangling selector part in {selector!r}")
    return "descendant-or-self::" + "".join(
        ("" if index == 0 else AXES[comb]) + _compound(parts) for index, (comb, parts) in enumerate(steps)
    )


@lru_cache(maxsize=256)
def css_to_xpath(selector: str) -> str:
    """The XPath 1.0 expression selecting what ``selector`` selects."""
    if not selector or not selector.strip():
        raise SelectorError("empty selector")
    groups: list[list[re.Match]] = [[]]
    for token in _tokens(selector.strip()):
        if token.lastgroup == "comma":
            groups.append([])
        else:
            groups[-1].append(token)
    parts = []
    for group in groups:
        while group and group[0].lastgroup == "ws":
            group.pop(0)
        while group and group[-1].lastgroup == "ws":
            group.pop()
        parts.append(_one(group, selector))
    return " | ".join(parts)


@lru_cache(maxsize=256)
def compiled(selector: str) -> etree.XPath:
    """A compiled XPath for ``selector`` (cached)."""
    return etree.XPath(css_to_xpath(selector))


def select(root: etree._Element, selector: str) -> list[etree._Element]:
    """Elements under ``root`` (inclusive) matching ``selector``, in document order."""
    return compiled(selector)(root)


def select_one(root: etree._Element, selector: str) -> etree._Element | None:
    found = select(root, selector)
    return found[0] if found else None


def validate(selector: str) -> None:
    """Raise SelectorError if ``selector`` cannot be used."""
    try:
        compiled(selector)
    except etree.XPathSyntaxError as error:  # pragma: no cover - a translator bug
        raise SelectorError(f"{selector!r}: {error}") from error
