"""Stage 4, scope and context: which cue rules reach a status term (modelled on medspacy's ConText).

A context rule (``extract/patterns/context.yml``) has an id, a category, a direction and a regular
expression. A cue reaches a status term when it stands on the rule's side of the term, within
``max_words`` words of it, and no TERMINATE cue (a clause boundary) stands between the two. The
result is a ``Context``: the categories that reach the term and the ids of the rules that said so,
so every event can name the rules behind it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from re import _constants as _c
from re import _parser
from typing import Any

import yaml

from .ascii_twin import plain_ascii as _plain_ascii
from .ascii_twin import spaced_form
from .cue_literals import required_literals
from .gazetteer import lower_same_length
from .rules import PATTERN_DIR, RuleError, check_keys

RULE_KEYS = frozenset({"id", "category", "direction", "pattern", "max_words", "frameworks", "note"})
CHANGE_CATEGORIES = ("EXIT", "REMAIN", "STATE", "ENTER")
# Categories whose cues belong to the nearest status term: another status term between cue and term
# stops them ("placed in special measures after being rated inadequate": "placed" is not the rating's).
SLOT_BOUNDED = frozenset(
    {
        *CHANGE_CATEGORIES,
        "PREVIOUS",
        "NEGATED",
        "GENERIC",
        "HISTORICAL",
        "TOPIC",
        "SCOPE_KEY_QUESTION",
        "SCOPE_WELL_LED",
        "SCOPE_PART",
        "SCOPE_SERVICE",
        "SCOPE_SITE",
        "SCOPE_DOMAIN",
        "OVERALL",
    }
)
# Modality reaches across the clause, past other status terms ("recommended that A and B leave").
MODALITY = frozenset({"PROPOSED", "HYPOTHETICAL", "CONDITION", "REALISED", "COUNTERFACTUAL", "TIME_FRAME"})
# TERMINATE ends a clause for every cue; TERMINATE_MODALITY only for MODALITY's ("X, which had been due to be
# inspected, was taken out": the interposed clause's plan stops at its comma, "the overall rating for its
# maternity unit, as a location, has dropped" keeps its scope across it)
TERMINATORS = frozenset({"TERMINATE", "TERMINATE_MODALITY"})
CATEGORIES = SLOT_BOUNDED | MODALITY | TERMINATORS
DIRECTIONS = frozenset({"forward", "backward", "both"})
_WORD = re.compile(r"\w+")
_WORD_START = re.compile(r"\b\w{1,4}")  # at most KEY_LENGTH characters
# the same after the non-word character before each (the window with a space in front): the regex engine
# then skips along words instead of trying every position; a match ends inside or at the end of a word, so
# the next one's non-word character is never in it
_WORD_START_AFTER = re.compile(r"\W(\w{1,4})")
# the two compiled with re.ASCII, for plain_ascii windows (where they find the same, faster)
_WORD_ASCII, _WORD_START_AFTER_ASCII = (
    re.compile(_WORD.pattern, re.ASCII),
    re.compile(_WORD_START_AFTER.pattern, re.ASCII),
)
_ESCAPES = re.compile(r"\\.")
_UPPER = re.compile(r"[A-Z]")


@dataclass(frozen=True)
class ContextRule:
    """One cue: where it must stand relative to a status term and what it means for it."""

    id: str
    category: str
    direction: str
    pattern: re.Pattern[str]
    max_words: int | None = None
    frameworks: frozenset[str] | None = None  # the status terms it applies to (None: all)
    keys: frozenset[str] | None = None  # see start_keys: a cheap test that the pattern can match at all
    # without keys: see cue_literals, a window without any cannot match (a clause boundary's: lower-cased, for
    # lower-cased plain_ascii text, as its pattern ignores case)
    needles: frozenset[str] | None = None
    ascii_pattern: re.Pattern[str] | None = None  # the pattern compiled with re.ASCII, for plain_ascii text
    # see spaced_form: the pattern from the non-word character before its match (and its re.ASCII compilation)
    spaced: re.Pattern[str] | None = None
    spaced_ascii: re.Pattern[str] | None = None

    def pattern_for(self, plain: bool) -> re.Pattern[str]:
        return self.ascii_pattern if plain and self.ascii_pattern is not None else self.pattern

    def spaced_for(self, plain: bool) -> re.Pattern[str] | None:
        return self.spaced_ascii if plain else self.spaced


@dataclass
class Context:
    """The cues that reach one status term: category → (distance in characters, rule id, position).

    Cues of categories that are not SLOT_BOUNDED (modality) are read only when first asked about:
    a term already ruled out by negation or scope never needs them.
    """

    hits: dict[str, list[tuple[int, str, int]]] = field(default_factory=dict)
    pending: Callable[[Context], None] | None = None

    def has(self, category: str) -> bool:
        if self.pending is not None and category not in SLOT_BOUNDED:
            pending, self.pending = self.pending, None
            pending(self)
        return category in self.hits

    def rule(self, category: str) -> str:
        """The id of the nearest rule of ``category``."""
        return min(self.hits[category])[1]

    def distance(self, category: str) -> int:
        return min(self.hits[category])[0]

    def add(self, category: str, distance: int, rule_id: str, position: int) -> None:
        self.hits.setdefault(category, []).append((distance, rule_id, position))

    def within(self, low: int, high: int) -> None:
        """Keep only the cues found between ``low`` and ``high`` (of every category, modality read first)."""
        self.has("")
        for category in list(self.hits):
            self.keep(category, lambda position, rule: low <= position < high)

    def keep(self, category: str, accept) -> None:
        """Drop the hits of ``category`` that ``accept(position, rule_id)`` refuses."""
        kept = [hit for hit in self.hits.get(category, []) if accept(hit[2], hit[1])]
        if kept:
            self.hits[category] = kept
        else:
            self.hits.pop(category, None)


def parse_context_rules(data: dict[str, Any]) -> list[ContextRule]:
    """Validate and compile the rule file: closed keys, known categories and directions, unique ids."""
    if set(data) - {"rules"}:
        raise RuleError(f"context rules: unknown top-level keys {sorted(set(data) - {'rules'})}")
    rules: list[ContextRule] = []
    seen: set[str] = set()
    for raw in data.get("rules") or []:
        rule_id = raw.get("id")
        check_keys("context rule", raw, RULE_KEYS, {"id", "category", "direction", "pattern"}, seen)
        if raw["category"] not in CATEGORIES:
            raise RuleError(f"context rule {rule_id!r}: unknown category {raw['category']!r}")
        if raw["direction"] not in DIRECTIONS:
            raise RuleError(f"context rule {rule_id!r}: unknown direction {raw['direction']!r}")
        if raw["category"] not in TERMINATORS and _UPPER.search(_ESCAPES.sub("", raw["pattern"])):
            raise RuleError(f"context rule {rule_id!r}: write cue patterns in lower case (they read lower-cased text)")
        try:
            # cues are matched against lower-cased text, which is twice as fast as IGNORECASE; clause
            # boundaries are found once per sentence in the text as written
            flags = re.IGNORECASE if raw["category"] in TERMINATORS else 0
            expr = raw["pattern"]
            if raw["direction"] == "backward" and raw.get("max_words") == 0:
                expr = rf"\W*(?:{expr})"  # right after the term: anchored, so matched, not searched
            pattern, ascii_pattern = re.compile(expr, flags), re.compile(expr, flags | re.ASCII)
        except re.error as error:
            raise RuleError(f"context rule {rule_id!r}: bad pattern: {error}") from error
        applies = frozenset(raw["frameworks"]) if raw.get("frameworks") else None
        keys = start_keys(raw["pattern"]) if raw["category"] not in TERMINATORS else None
        spaced = spaced_form(expr) if keys is not None and expr is raw["pattern"] else None
        spaced_pattern = re.compile(spaced) if spaced else None
        spaced_ascii = re.compile(spaced, re.ASCII) if spaced else None
        needles = required_literals(raw["pattern"]) if keys is None else None
        if needles is not None and raw["category"] in TERMINATORS:
            # clause boundaries match regardless of case: their literals are looked for in lower-cased text
            needles = frozenset(needle.lower() for needle in needles)
        rules.append(
            ContextRule(
                rule_id,
                raw["category"],
                raw["direction"],
                pattern,
                raw.get("max_words"),
                applies,
                keys,
                needles,
                ascii_pattern,
                spaced_pattern,
                spaced_ascii,
            )
        )
    return rules


KEY_LENGTH = 4
_MAX_KEYS = 400


def start_keys(expr: str) -> frozenset[str] | None:
    """The word beginnings (up to three characters) a match of ``expr`` can start with, when the pattern
    opens with a word boundary and letters: then a window none of whose words begins so cannot match,
    and the regex need not run. None when the pattern's start cannot be read that way."""
    nodes = list(_parser.parse(expr))
    if not nodes or nodes[0] != (_c.AT, _c.AT_BOUNDARY):
        return None
    found: set[str] = set()
    for run in _runs(nodes[1:], ""):
        if not run or len(found) > _MAX_KEYS:
            return None
        found.add(run[:KEY_LENGTH])
    return frozenset(found)


def _runs(seq: list, acc: str):
    """The word-character runs a match of the node sequence ``seq`` can begin with (after ``acc``)."""
    if len(acc) >= KEY_LENGTH or not seq:
        yield acc
        return
    op, av = seq[0]
    rest = list(seq[1:])
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):  # zero width
        yield from _runs(rest, acc)
    elif op is _c.LITERAL:
        char = chr(av)
        yield from _runs(rest, acc + char) if char.isalnum() or char == "_" else iter([acc])
    elif op is _c.SUBPATTERN:
        yield from _runs(list(av[3]) + rest, acc)
    elif op is _c.BRANCH:
        for alternative in av[1]:
            yield from _runs(list(alternative) + rest, acc)
    elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
        yield from _runs(list(av[2]) + rest, acc)
    else:
        yield acc  # a class, an optional part ...: the run so far is all that is certain ("" = nothing)


def window_keys(window: str) -> frozenset[str]:
    """The beginnings (one to KEY_LENGTH characters) of every word of ``window``."""
    return frozenset(word[:n] for word in _WORD.findall(window) for n in range(1, KEY_LENGTH + 1))


# A cue as the scan reads it: category, rule id, max_words, needles (None: no literal test), pattern, and whether
# the pattern is the rule's spaced form (searched in the window with a space in front)
Cue = tuple[str, str, int | None, tuple[str, ...] | None, re.Pattern[str], bool]
_MAX_CACHED_SETS = 4096  # rule sets remembered per index (a long run meets a bounded variety of them)


class RuleIndex:
    """Rules by the word beginnings their patterns can start with (``ContextRule.keys``).

    A window's words then pick the rules worth trying with a few dictionary lookups, instead of
    every rule testing its keys against every window. Each word beginning stands for a bit mask of
    rules; a window's mask is the OR of its words' masks, and the cues of a mask are built once
    (remembered, up to _MAX_CACHED_SETS masks).
    """

    def __init__(self, rules: list[ContextRule]):
        self.rules = rules
        self.always = sum(1 << i for i, rule in enumerate(rules) if rule.keys is None)
        by_key: dict[str, int] = {}
        for i, rule in enumerate(rules):
            for key in rule.keys or ():
                by_key[key] = by_key.get(key, 0) | (1 << i)
        self.by_key = by_key
        self._by_start: dict[str, int] = {}  # a word's first KEY_LENGTH characters → mask of rules
        self._cues: tuple[list[Cue], list[Cue]] = (
            [_cue(rule, False) for rule in rules],
            [_cue(rule, True) for rule in rules],
        )
        self._by_mask: tuple[dict[int, tuple[Cue, ...]], dict[int, tuple[Cue, ...]]] = ({}, {})

    def mask(self, window: str, plain: bool = False) -> int:
        """The rules that can match somewhere in ``window`` (``plain``: it is plain_ascii), as a bit mask over
        ``self.rules``."""
        found = self.always
        by_start = self._by_start
        for start in _word_starts(window, plain):
            hit = by_start.get(start)
            if hit is None:
                hit = 0
                for n in range(1, len(start) + 1):
                    hit |= self.by_key.get(start[:n], 0)
                by_start[start] = hit
            found |= hit
        return found

    def matching(self, window: str) -> list[ContextRule]:
        """The rules that can match somewhere in ``window``."""
        mask, rules = self.mask(window), self.rules
        return [rules[i] for i in range(len(rules)) if mask >> i & 1]

    def cues(self, window: str, plain: bool) -> tuple[Cue, ...]:
        """The cues of the rules that can match in ``window``, with their ASCII patterns when ``plain``."""
        mask = self.mask(window, plain)
        by_mask = self._by_mask[plain]
        found = by_mask.get(mask)
        if found is None:
            if len(by_mask) >= _MAX_CACHED_SETS:
                by_mask.clear()
            cues = self._cues[plain]
            found = by_mask[mask] = tuple(cues[i] for i in range(len(cues)) if mask >> i & 1)
        return found


def _cue(rule: ContextRule, plain: bool) -> Cue:
    needles = tuple(sorted(rule.needles)) if rule.needles is not None else None
    spaced = rule.spaced_for(plain)
    if spaced is not None and rule.max_words != 0:  # (an anchored match right after the term stays as it is)
        return (rule.category, rule.id, rule.max_words, needles, spaced, True)
    return (rule.category, rule.id, rule.max_words, needles, rule.pattern_for(plain), False)


@lru_cache(maxsize=8)
def _word_starts(window: str, plain: bool = False) -> frozenset[str]:
    """The word beginnings of a window, remembered for a few windows: the bounded and the unbounded rules
    of a status term read the same window whenever no other status term of the sentence narrows it."""
    return frozenset((_WORD_START_AFTER_ASCII if plain else _WORD_START_AFTER).findall(" " + window))


@lru_cache(maxsize=4)
def load_context_rules(pattern_dir: Path = PATTERN_DIR) -> tuple[ContextRule, ...]:
    # compiled once, then kept between runs (rules_cache), keyed by the file and the modules that parse it
    from .rules_cache import cached_rules

    here = Path(__file__)
    sources = [
        pattern_dir / "context.yml",
        here,
        here.with_name("rules.py"),
        here.with_name("cue_literals.py"),
        here.with_name("ascii_twin.py"),
    ]
    return cached_rules("context-rules", sources, lambda: _read_context_rules(pattern_dir))


def _read_context_rules(pattern_dir: Path) -> tuple[ContextRule, ...]:
    with (pattern_dir / "context.yml").open(encoding="utf-8") as handle:
        # libyaml's parser when installed: the same data, several times faster at start-up
        return tuple(parse_context_rules(yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))))


def plain_ascii(text: str) -> bool:
    """True when patterns compiled with ``re.ASCII`` match in ``text`` exactly as without it (``ascii_twin``):
    there ``\\b``, ``\\w`` and ``\\s`` are table lookups instead of Unicode database calls, and the cues of a
    sentence take a good part less time."""
    return _plain_ascii(text)


def _words(text: str, plain: bool = False) -> int:
    return len((_WORD_ASCII if plain else _WORD).findall(text))


_SENTENCES_KEPT = 8  # sentences whose lower-cased text and boundaries a ContextReader remembers

# No cue reaches further than this many characters: it keeps a long sentence's cost linear in its terms.
MAX_REACH = 600


class ContextReader:
    """Applies context rules to the status terms of one sentence."""

    def __init__(self, rules: tuple[ContextRule, ...]):
        self.terminators = [r for r in rules if r.category == "TERMINATE"]
        self.modality_terminators = [r for r in rules if r.category == "TERMINATE_MODALITY"]
        self.rules = [r for r in rules if r.category not in TERMINATORS]
        self.bounded = [r for r in self.rules if r.category in SLOT_BOUNDED]
        self.unbounded = [r for r in self.rules if r.category not in SLOT_BOUNDED]
        self._for_framework: dict[tuple[bool, str | None], tuple[RuleIndex, RuleIndex]] = {}
        self._sentences: dict[str, tuple[str, bool, list[tuple[int, int]], list[tuple[int, int]]]] = {}

    def rules_for(self, bounded: bool, framework: str | None) -> tuple[RuleIndex, RuleIndex]:
        """The bounded or unbounded rules that apply to a term of ``framework`` (all, for None): those
        read before the term (cues that look forward) and those read after it."""
        key = (bounded, framework)
        if key not in self._for_framework:
            rules = [
                r
                for r in (self.bounded if bounded else self.unbounded)
                if framework is None or r.frameworks is None or framework in r.frameworks
            ]
            self._for_framework[key] = (
                RuleIndex([r for r in rules if r.direction != "backward"]),
                RuleIndex([r for r in rules if r.direction != "forward"]),
            )
        return self._for_framework[key]

    @staticmethod
    def _scan(
        context: Context,
        indexes: tuple[RuleIndex, RuleIndex],
        text: str,
        start: int,
        end: int,
        first: int,
        last: int,
        plain: bool = False,
    ) -> None:
        """Add the cues of ``indexes``'s rules found in ``text[first:last]`` around the term at ``start:end``.

        The order cues are added in does not matter: a Context keeps the nearest of each category.
        ``plain``: the text is ``plain_ascii``, so the rules' ASCII patterns may be used.
        """
        first = max(first, start - MAX_REACH)
        before, after = text[first:start], text[end : min(last, end + MAX_REACH)]
        before_rules, after_rules = indexes
        hits = context.hits
        spaced_window = ""
        for category, rule_id, max_words, needles, pattern, spaced in before_rules.cues(before, plain):
            if needles is not None:
                for needle in needles:
                    if needle in before:
                        break
                else:
                    continue  # a window holding none of the pattern's literals cannot match
            if spaced:
                # finditer's matches, from the spaced form: a match at j of the spaced window is one at j of the
                # window, ending one earlier; the next is searched from where the window's match ended
                spaced_window = spaced_window or " " + before
                match = pattern.search(spaced_window)
                while match is not None:
                    match_start, match_end = match.start(), match.end() - 1
                    gap = before[match_end:]
                    if max_words is None or _words(gap, plain) <= max_words:
                        hits.setdefault(category, []).append((len(gap), rule_id, first + match_start))
                    match = pattern.search(spaced_window, match_end)
                continue
            for match in pattern.finditer(before):
                gap = before[match.end() :]
                if max_words is None or _words(gap, plain) <= max_words:
                    hits.setdefault(category, []).append((len(gap), rule_id, first + match.start()))
        if not after:
            return
        spaced_window = ""
        for category, rule_id, max_words, _, pattern, spaced in after_rules.cues(after, plain):
            if spaced:
                spaced_window = spaced_window or " " + after
                match = pattern.search(spaced_window)
            else:
                match = pattern.match(after) if max_words == 0 else pattern.search(after)
            if match and (max_words is None or _words(after[: match.start()], plain) <= max_words):
                hits.setdefault(category, []).append((match.start(), rule_id, end + match.start()))

    def boundaries(self, text: str) -> list[tuple[int, int]]:
        """Where the clause boundaries of a sentence are (found once per sentence: the list is shared, do not
        change it)."""
        return self._sentence(text)[2]

    def _sentence(self, text: str) -> tuple[str, bool, list[tuple[int, int]], list[tuple[int, int]]]:
        """What every read of a sentence needs: its lower-cased text, whether that is ``plain_ascii``, its
        clause boundaries and the boundaries that stop modality cues only; remembered for the last few
        sentences (a sentence's terms are read in turn)."""
        found = self._sentences.get(text)
        if found is None:
            plain = plain_ascii(text)
            lowered = lower_same_length(text)
            bounds, modality_bounds = (
                sorted(
                    (m.start(), m.end())
                    for rule in terminators
                    # in ASCII text a case-insensitive literal is in the lower-cased text as written in lower case
                    if not plain or rule.needles is None or any(needle in lowered for needle in rule.needles)
                    for m in rule.pattern_for(plain).finditer(text)
                )
                for terminators in (self.terminators, self.modality_terminators)
            )
            if len(self._sentences) >= _SENTENCES_KEPT:
                self._sentences.clear()
            found = self._sentences[text] = (lowered, plain_ascii(lowered), bounds, modality_bounds)
        return found

    def clause(self, text: str, start: int, end: int, boundaries: list[tuple[int, int]]) -> tuple[int, int]:
        """The clause around ``text[start:end]``: from the boundary before it to the boundary after it."""
        left = max((b_end for b_start, b_end in boundaries if b_end <= start), default=0)
        right = min((b_start for b_start, _ in boundaries if b_start >= end), default=len(text))
        return left, right

    def read(
        self,
        text: str,
        start: int,
        end: int,
        *,
        lower: int = 0,
        upper: int | None = None,
        boundaries: list[tuple[int, int]] | None = None,
        framework: str | None = None,
    ) -> Context:
        """The cues that reach the status term at ``text[start:end]`` (of ``framework``, when given).

        ``lower``/``upper`` narrow the search further for cues that belong to the nearest status term
        (SLOT_BOUNDED): the previous and next status terms of the sentence own the words beyond them.
        """
        text, plain, own_bounds, modality_bounds = self._sentence(text)
        left, right = self.clause(text, start, end, own_bounds if boundaries is None else boundaries)
        near_left, near_right = max(left, lower), min(right, len(text) if upper is None else upper)
        context = Context()
        scan = self._scan
        scan(context, self.rules_for(True, framework), text, start, end, near_left, near_right, plain)
        unbounded = self.rules_for(False, framework)
        if modality_bounds:
            modality_left, modality_right = self.clause(text, start, end, modality_bounds)
            left, right = max(left, modality_left), min(right, modality_right)
        context.pending = lambda ctx: scan(ctx, unbounded, text, start, end, left, right, plain)
        return context
