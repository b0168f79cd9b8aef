"""Case-insensitive patterns with an ``re.ASCII`` twin, used on plain ASCII text, where both find the same.

Python's regex engine folds case through the Unicode tables and tests ``\\w``, ``\\b`` and ``\\s`` with Unicode
database calls unless a pattern is compiled with ``re.ASCII``; then all of these are table lookups, and the
case-insensitive word classes of ``extract/patterns/lexicon.yml`` run 30-45% faster. In ``plain_ascii`` text the
two compilations match alike:

* every character of the text is ASCII, and an ASCII character's Unicode lower and upper case are its ASCII ones,
  so ``\\w``, ``\\d``, ``\\b`` and case-insensitive ASCII literals, classes and ranges decide alike;
* Unicode's ``\\s`` also matches the four separators ``\\x1c``-``\\x1f``, ASCII's does not: ``plain_ascii`` text
  holds none of them;
* a non-ASCII literal or range of the pattern can match an ASCII character only through Unicode case folding
  (the Kelvin sign matches "k", the long s "s"): a pattern with such a part (``ascii_safe``) gets no twin.

A pattern with inline flags the twin cannot take (``(?u)``) gets none either.

``spaced_form`` rewrites a pattern that opens with ``\\b`` and a word character to start at the non-word
character before its match (``\\W(?:...)`` over the text with a space in front): the regex engine then skips
along words in a tight loop instead of trying the whole pattern at every position. The cue rules and whole-string
searches of a ``CasePattern`` use it; the gazetteer and the status trigger build their patterns that way too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as _c
from re import _parser
from typing import Any


def plain_ascii(text: str) -> bool:
    """True when patterns compiled with ``re.ASCII`` match in ``text`` exactly as without it: ASCII text
    without the separators ``\\x1c``-``\\x1f``, which only Unicode's ``\\s`` matches. (``isascii`` reads a flag
    of the string; ``in`` tests are several times faster than a regex search for the four.)"""
    return text.isascii() and not ("\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text)


_LONG = 512  # characters: a longer string's test is remembered
_last_long: tuple[str, bool] = ("", True)  # the last long string tested (held, so its identity stays its own)


def _plain(string: str) -> bool:
    """``plain_ascii``, remembered for the last long string: a stage that matches at many positions of a whole
    document ("is a trust word right after this name?") would otherwise read the document again each time."""
    global _last_long
    if not string.isascii():
        return False
    if len(string) <= _LONG:
        return not ("\x1c" in string or "\x1d" in string or "\x1e" in string or "\x1f" in string)
    last = _last_long
    if last[0] is string:
        return last[1]
    plain = not ("\x1c" in string or "\x1d" in string or "\x1e" in string or "\x1f" in string)
    _last_long = (string, plain)
    return plain


def _plain_inline(string: str) -> bool:
    """``_plain``, with its test of a short string inlined: called thousands of times a document."""
    return string.isascii() and (
        _plain(string)
        if len(string) > _LONG
        else not ("\x1c" in string or "\x1d" in string or "\x1e" in string or "\x1f" in string)
    )


def ascii_safe(expr: str, flags: int = 0) -> bool:
    """True when no part of ``expr`` can match an ASCII character by Unicode case folding alone: every literal
    and range bound is ASCII, or a character that matches no ASCII character even ignoring case."""
    try:
        tree = _parser.parse(expr, flags)
    except re.error:
        return False
    return all(_ascii_only(char) for char in _characters(list(tree)))


def _characters(nodes: list) -> list[int]:
    """The code points of every literal and range bound in a parsed pattern."""
    found: list[int] = []
    for op, av in nodes:
        if op in (_c.LITERAL, _c.NOT_LITERAL):
            found.append(av)
        elif op is _c.RANGE:
            if av[1] > 127:
                found.append(-1)  # a range beyond ASCII: not worth reading case by case
            found += [av[0], av[1]]
        elif op is _c.IN:
            found += _characters(av)
        elif op is _c.SUBPATTERN:
            found += _characters(list(av[3]))
        elif op is _c.BRANCH:
            for alternative in av[1]:
                found += _characters(list(alternative))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            found += _characters(list(av[2]))
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            found += _characters(list(av[1]))
        elif op is _c.ATOMIC_GROUP:
            found += _characters(list(av))
        elif op is _c.GROUPREF_EXISTS:
            found += _characters(list(av[1])) + (_characters(list(av[2])) if av[2] else [])
    return found


_ASCII = [chr(code) for code in range(128)]


def _ascii_only(code: int) -> bool:
    if 0 <= code < 128:
        return True
    if code < 0:
        return False
    literal = re.compile(re.escape(chr(code)), re.IGNORECASE)
    return not any(literal.fullmatch(char) for char in _ASCII)


def spaced_form(expr: str, flags: int = 0) -> str | None:
    """``expr``, which opens with ``\\b`` and a word character, as a pattern that starts at the non-word
    character before the match, for the text with a space in front: ``\\W(?:...)``. The regex engine then skips
    to the characters before words in a tight loop instead of trying the pattern at every position. A match of
    ``\\W(?:X)`` at ``j`` of the spaced text is a match of ``\\bX`` at ``j`` of the text (the space stands for the
    text's start, where ``\\b`` before a word character holds too), ending one character later.

    None for any other pattern, and where the space could change what the pattern sees: a lookbehind or a
    ``^`` inside it."""
    if not expr.startswith(r"\b"):
        return None
    try:
        nodes = list(_parser.parse(expr, flags))
    except re.error:
        return None
    if not nodes or nodes[0] != (_c.AT, _c.AT_BOUNDARY) or _looks_back(nodes) or not _opens_with_word(nodes[1:]):
        return None
    return r"\W(?:" + expr[2:] + ")"


def _opens_with_word(nodes: list) -> bool:
    """True when every match of the parsed sequence starts with a word character: a literal one, or any of a class
    of word characters only."""
    if not nodes:
        return False
    op, av = nodes[0]
    rest = nodes[1:]
    if op is _c.LITERAL:
        return _word_character(av)
    if op is _c.IN:
        return _word_class(av)
    if op is _c.AT or (op is _c.ASSERT and av[0] >= 0):  # zero width (lookbehinds are refused before)
        return _opens_with_word(rest)
    if op is _c.SUBPATTERN:
        return _opens_with_word(list(av[3]) + rest)
    if op is _c.BRANCH:
        return all(_opens_with_word(list(alternative) + rest) for alternative in av[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _opens_with_word(list(av[2]))
    return False


def _word_character(code: int) -> bool:
    return chr(code).isalnum() or chr(code) == "_"


# ranges of word characters only (a case-insensitive one matches letters of other cases, word characters too)
_WORD_RANGES = ((ord("0"), ord("9")), (ord("a"), ord("z")), (ord("A"), ord("Z")))


def _word_class(items: list) -> bool:
    """True when a character class (``\\d``, ``\\w``, ``[a-z0-9]``) matches word characters only: ``\\d``'s
    decimal digits and every letter a case-insensitive range folds to are alphanumeric, as ``\\b`` reads them."""
    for op, av in items:
        if op is _c.LITERAL:
            if not _word_character(av):
                return False
        elif op is _c.RANGE:
            if not any(low <= av[0] and av[1] <= high for low, high in _WORD_RANGES):
                return False
        elif op is not _c.CATEGORY or av not in (_c.CATEGORY_DIGIT, _c.CATEGORY_WORD):
            return False  # a negated class, \s, ...
    return bool(items)


def _looks_back(nodes: list) -> bool:
    """True when a parsed pattern holds a lookbehind or a start-of-text anchor anywhere."""
    for op, av in nodes:
        if op is _c.AT and av in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING, _c.AT_BEGINNING_LINE):
            return True
        if op in (_c.ASSERT, _c.ASSERT_NOT) and av[0] < 0:
            return True
        if any(_looks_back(list(part)) for part in _parts(op, av)):
            return True
    return False


def _parts(op: Any, av: Any) -> list:
    """The sub-patterns of one parsed node."""
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return [av[1]]
    if op is _c.SUBPATTERN:
        return [av[3]]
    if op is _c.BRANCH:
        return list(av[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return [av[2]]
    if op is _c.ATOMIC_GROUP:
        return [av]
    if op is _c.GROUPREF_EXISTS:
        return [part for part in av[1:] if part is not None]
    return []


class CasePattern:
    """A compiled case-insensitive pattern that searches plain ASCII text with its ``re.ASCII`` twin.

    It offers the methods of ``re.Pattern`` the extractor uses; each search picks the twin when the string
    searched is ``plain_ascii`` (the whole string, also when ``pos``/``endpos`` narrow the search: lookbehinds
    see it; remembered for the last long string).
    A ``search`` of a whole string first looks with the pattern's ``spaced_form`` where it has one: no match
    there, none at all; else the match is the pattern's own at the position found (the leftmost).
    """

    __slots__ = ("ascii", "spaced", "spaced_ascii", "unicode")

    def __init__(
        self,
        unicode: re.Pattern[str],
        ascii: re.Pattern[str],
        spaced: re.Pattern[str] | None = None,
        spaced_ascii: re.Pattern[str] | None = None,
    ):
        self.unicode = unicode
        self.ascii = ascii
        self.spaced = spaced
        self.spaced_ascii = spaced_ascii

    def __repr__(self) -> str:
        return f"CasePattern({self.unicode.pattern!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CasePattern) and self.unicode == other.unicode

    def __hash__(self) -> int:
        return hash(self.unicode)

    def __getstate__(self) -> tuple[re.Pattern[str] | None, ...]:
        return self.unicode, self.ascii, self.spaced, self.spaced_ascii

    def __setstate__(self, state: tuple) -> None:
        self.unicode, self.ascii, self.spaced, self.spaced_ascii = state

    @property
    def pattern(self) -> str:
        return self.unicode.pattern

    @property
    def flags(self) -> int:
        return self.unicode.flags

    @property
    def groups(self) -> int:
        return self.unicode.groups

    @property
    def groupindex(self) -> Any:
        return self.unicode.groupindex

    def _for(self, string: str) -> re.Pattern[str]:
        if not string.isascii():
            return self.unicode
        if len(string) > _LONG:
            return self.ascii if _plain(string) else self.unicode
        # _plain's test, inlined: these are called thousands of times a document
        return (
            self.unicode if "\x1c" in string or "\x1d" in string or "\x1e" in string or "\x1f" in string else self.ascii
        )

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        if args or self.spaced is None:
            return self._for(string).search(string, *args)
        plain = string.isascii() and (
            _plain(string)
            if len(string) > _LONG
            else not ("\x1c" in string or "\x1d" in string or "\x1e" in string or "\x1f" in string)
        )
        found = (self.spaced_ascii if plain else self.spaced).search(" " + string)  # type: ignore[union-attr]
        if found is None:
            return None
        return (self.ascii if plain else self.unicode).match(string, found.start())

    def match(self, string: str, *args: int) -> re.Match[str] | None:
        return self._for(string).match(string, *args)

    def fullmatch(self, string: str, *args: int) -> re.Match[str] | None:
        return self._for(string).fullmatch(string, *args)

    def finditer(self, string: str, *args: int) -> Iterator[re.Match[str]]:
        if args or self.spaced is None:
            return self._for(string).finditer(string, *args)
        return self._spaced_finditer(string)

    def _spaced_finditer(self, string: str) -> Iterator[re.Match[str]]:
        """finditer's matches, each found with the spaced form (as ``search`` finds the first): a match at ``j``
        of the string with a space in front is one of the pattern at ``j``; the next is looked for from where
        that one ends (the pattern's matches open with a word character, so none is empty)."""
        plain = _plain_inline(string)
        spaced = self.spaced_ascii if plain else self.spaced
        pattern = self.ascii if plain else self.unicode
        padded = " " + string
        found = spaced.search(padded)  # type: ignore[union-attr]
        while found is not None:
            match = pattern.match(string, found.start())
            yield match  # type: ignore[misc]
            found = spaced.search(padded, match.end())  # type: ignore[union-attr]

    def findall(self, string: str, *args: int) -> list[Any]:
        return self._for(string).findall(string, *args)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return self._for(string).sub(repl, string, count)

    def subn(self, repl: Any, string: str, count: int = 0) -> tuple[str, int]:
        return self._for(string).subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self._for(string).split(string, maxsplit)


AnyPattern = re.Pattern[str] | CasePattern  # what compile_ignoring_case gives


def compile_ignoring_case(expr: str) -> AnyPattern:
    """``re.compile(expr, re.IGNORECASE)``, with an ``re.ASCII`` twin for plain ASCII text where that is exact."""
    pattern = re.compile(expr, re.IGNORECASE)
    if not ascii_safe(expr, re.IGNORECASE):
        return pattern
    try:
        twin = re.compile(expr, re.IGNORECASE | re.ASCII)
    except (re.error, ValueError):  # inline flags the twin cannot take
        return pattern
    spaced = spaced_form(expr, re.IGNORECASE)
    if spaced is None:
        return CasePattern(pattern, twin)
    return CasePattern(pattern, twin, re.compile(spaced, re.IGNORECASE), re.compile(spaced, re.IGNORECASE | re.ASCII))
