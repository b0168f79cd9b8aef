"""Literal strings a cue pattern cannot match without: a cheap test before its regular expression runs.

Read from the pattern's parse tree (``re._parser``), so it is derived from the rule table, never written
by hand. ``required_literals(expr)`` gives strings of which every match of ``expr`` contains at least one:
a window holding none of them cannot match, and the regex need not run. None when the pattern promises
no literal. The derivation only ever promises less, never more: parts it does not read (lookarounds,
classes, optional parts, backreferences) promise nothing.

Worth it for the cues that ``context.start_keys`` cannot index (patterns that open with a class, a
group that may start anywhere, or ``^``): they are tried on every window, and several of them scan a
whole window for a word it seldom holds ("had", "should").
"""

from __future__ import annotations

from re import _constants as _c
from re import _parser

Needles = frozenset[str]
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)


def required_literals(expr: str) -> Needles | None:
    """Strings of which every match of ``expr`` (compiled without flags) contains one; None when unknown."""
    try:
        tree = _parser.parse(expr)
    except Exception:  # a pattern this parser reads differently (re.compile reports it): promise nothing
        return None
    return _sequence(list(tree))


def may_match(needles: Needles | None, window: str) -> bool:
    """False only when ``window`` holds none of ``needles``, so the pattern cannot match in it."""
    return needles is None or any(needle in window for needle in needles)


def _sequence(nodes: list) -> Needles | None:
    """The most selective requirement of any one part of a sequence (a run of literals is one string)."""
    options: list[Needles] = []
    run = ""
    for op, av in nodes:
        if op is _c.LITERAL:
            run += chr(av)
            continue
        if run:
            options.append(frozenset({run}))
            run = ""
        found = _node(op, av)
        if found is not None:
            options.append(found)
    if run:
        options.append(frozenset({run}))
    return max(options, key=_selectivity) if options else None


def _node(op, av) -> Needles | None:
    if op is _c.SUBPATTERN:
        return _sequence(list(av[3]))
    if op is _c.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            found = _sequence(list(alternative))
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if op in _REPEATS and av[0] >= 1:
        return _sequence(list(av[2]))
    return None


def _selectivity(needles: Needles) -> tuple[int, int]:
    """Longer shortest strings first (fewer windows hold them), then fewer strings (fewer tests)."""
    return min(len(n) for n in needles), -len(needles)
