"""Stage 2, names the gazetteer does not hold verbatim: near-misses of NHS bodies and other organisations.

A capitalised name ending in an organisation word ("... NHS Trust", "... CCG", "... CIC", "... Council")
that no gazetteer alias covers is compared with the gazetteer by its *distinctive* tokens (the words
left when "NHS", "Foundation", "Trust", "University", "Hospitals", "Teaching", "of" ... are dropped),
allowing one typing slip per long word and treating North/Northern alike. It links to an NHS body
only when exactly one body matches every distinctive token both ways. Otherwise it stays a
candidate of its own ("other organisation"): a story about a private provider or a council must not
fall back to the only NHS body it names.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from .gazetteer import Gazetteer, Organisation

OTHER = "other_organisation"
# A run of capitalised words (with the small words names contain) ending in an organisation word.
# (within a line, and a word ends in a full stop only as a short abbreviation, "St.": "Learning Disability.
# The Trust" is two sentences, not a name)
CANDIDATE = re.compile(
    r"\b(?:The[^\S\n]+)?(?:[A-Z](?:[\w'’-]{0,2}\.|[\w'’-]*)"
    r"(?:[^\S\n]+(?:and|&|of|the|upon|on|in)[^\S\n]+|[^\S\n]+|,[^\S\n]+(?=[A-Z][\w'’-]*\s)))*?"
    r"(?:[A-Z](?:[\w'’-]{0,2}\.|[\w'’-]*)[^\S\n]+)"
    r"(?:NHS\s+Foundation\s+Trust|Foundation\s+Trust|NHS\s+Trust|NHS\s+trust|Trust|FT|CCG|Clinical\s+Commissioning\s+Group|"
    r"Integrated\s+Care\s+Board|CIC|Ltd|Limited|plc|LLP|Council|Community\s+Interest\s+Company|Health\s+Board)\b"
)
HEAD_WORDS = (
    "Trust",
    "NHS trust",
    "FT",
    "CCG",
    "Group",
    "Board",
    "CIC",
    "Ltd",
    "Limited",
    "plc",
    "LLP",
    "Council",
    "Company",
)


def whole_words(words: Iterable[str]) -> str:
    """A regular expression matching as ``\\b(?:w1|w2|...)\\b`` does, for words of word characters.

    A pattern that opens with ``\\b`` is tried at every position of the text. Here each first letter comes
    first and the word boundary before it is checked after it, as a lookbehind (``(?<!\\w.)``), so the
    regex engine skips straight to the positions where one of the first letters stands: several times
    faster over a whole document. Words with different first letters never match at the same position,
    and words with the same one keep their order, so the matches are the same.
    """
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    branches = [re.escape(first) + r"(?<!\w.)(?:" + "|".join(rests) + ")" for first, rests in by_first.items()]
    return "(?:" + "|".join(branches) + r")\b"


# Where a candidate can end (a cheap scan), and how far back its name can start.
HEAD = re.compile(whole_words(HEAD_WORDS))
CANDIDATE_REACH = 160
NHS_HEADS = re.compile(r"(Trust|NHS\s+trust|FT|CCG|Clinical\s+Commissioning\s+Group|Integrated\s+Care\s+Board)$")
GENERIC = frozenset(
    {
        "nhs",
        "the",
        "of",
        "and",
        "trust",
        "foundation",
        "ft",
        "university",
        "hospitals",
        "hospital",
        "teaching",
        "partnership",
        "partnerships",
        "services",
        "service",
        "health",
        "healthcare",
        "care",
        "clinical",
        "commissioning",
        "group",
        "integrated",
        "board",
        "icb",
        "ccg",
        "ics",
        "system",
        "community",
        "mental",
        "general",
        "acute",
        "s",
        # determiners and pronouns: "Our Trust", "Each Trust", "The Local Trust" name no one in particular
        "our",
        "each",
        "every",
        "this",
        "that",
        "its",
        "their",
        "any",
        "a",
        "an",
        "these",
        "those",
        "all",
        "both",
        "other",
        "another",
        "one",
        "your",
        "my",
        "his",
        "her",
        "whole",
        "new",
        "local",
        "same",
        "which",
    }
)
COMPASS = frozenset({"north", "south", "east", "west", "central", "mid"})
SAME = {
    "northern": "north",
    "southern": "south",
    "eastern": "east",
    "western": "west",
    "saint": "st",
    # county short forms the press uses ("Herts Partnership Foundation Trust")
    "herts": "hertfordshire",
    "bucks": "buckinghamshire",
    "beds": "bedfordshire",
    "lincs": "lincolnshire",
    "notts": "nottinghamshire",
    "glos": "gloucestershire",
    "northants": "northamptonshire",
    "cambs": "cambridgeshire",
    "staffs": "staffordshire",
    "wilts": "wiltshire",
    "hants": "hampshire",
    "oxon": "oxfordshire",
    "lancs": "lancashire",
    "worcs": "worcestershire",
    "leics": "leicestershire",
    "warks": "warwickshire",
    "derbys": "derbyshire",
    "shrops": "shropshire",
}
WORD = re.compile(r"[a-z0-9]+")
MIN_FUZZY = 5  # words shorter than this must match exactly


@dataclass(frozen=True)
class NameMatch:
    """A name found in the text: the organisation it links to, or an organisation outside the NHS."""

    start: int
    end: int
    org: Organisation
    kind: str  # "fuzzy" or "other"


def distinctive(name: str) -> tuple[str, ...]:
    words = WORD.findall(name.lower().replace("’", "'").replace("'s", ""))
    return tuple(SAME.get(w, w) for w in words if w not in GENERIC)


def near(a: str, b: str) -> bool:
    """Equal, or one slip apart (a letter added, dropped or changed) when both words are long."""
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_FUZZY or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def same_tokens(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Every distinctive token of each name has a near twin in the other."""
    return (
        bool(a)
        and bool(b)
        and all(any(near(x, y) for y in b) for x in a)
        and all(any(near(y, x) for x in a) for y in b)
    )


_INDEXES: dict[int, dict[str, list[tuple[tuple[str, ...], Organisation]]]] = {}


def _index(gazetteer: Gazetteer) -> dict[str, list[tuple[tuple[str, ...], Organisation]]]:
    """Distinctive tokens of every NHS body that can be a subject, by token, built once per gazetteer."""
    key = id(gazetteer)
    if key not in _INDEXES:
        index: dict[str, list[tuple[tuple[str, ...], Organisation]]] = {}
        for org in gazetteer.by_code.values():
            if org.type in ("trust", "ambulance_trust", "ccg", "icb"):
                tokens = distinctive(org.name)
                for token in set(tokens):
                    index.setdefault(token, []).append((tokens, org))
        _INDEXES[key] = index
    return _INDEXES[key]


def fuzzy_organisation(gazetteer: Gazetteer, name: str, day: str | None) -> Organisation | None:
    """The one NHS body whose name has the same distinctive tokens as ``name``, or None.

    Candidates share at least one token exactly ("Shrewbury and Telford" shares "telford").
    """
    tokens = distinctive(name)
    if not tokens:
        return None
    types = head_types(name)
    index = _index(gazetteer)
    candidates = [entry for token in set(tokens) for entry in index.get(token, ())]
    found = {org.ods_code: org for key, org in candidates if org.type in types and same_tokens(tokens, key)}
    if day:
        found = {code: org for code, org in found.items() if org.open_on(day)} or found
    if len(found) > 1:
        # "Wirral University Teaching Hospitals NHS FT": of the bodies sharing its place, the one that shares
        # most of its other words too (Wirral University Teaching Hospital, not Wirral Community Health and Care)
        shared = {code: len(_all_words(name) & _all_words(org.name)) for code, org in found.items()}
        best = max(shared.values())
        found = {code: org for code, org in found.items() if shared[code] == best}
    return next(iter(found.values())) if len(found) == 1 else None


def _all_words(name: str) -> set[str]:
    """Every word of a name, singular, without "nhs" and "the"."""
    words = WORD.findall(name.lower().replace("’", "'").replace("'s", ""))
    return {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words} - {"nhs", "the", "and", "of"}


def head_types(name: str) -> frozenset[str]:
    """The kinds of NHS body a name's last words allow: a "... Trust" is not a CCG."""
    if re.search(r"(CCG|Clinical\s+Commissioning\s+Group)$", name):
        return frozenset({"ccg"})
    if name.endswith("Integrated Care Board"):
        return frozenset({"icb"})
    return frozenset({"trust", "ambulance_trust"})


def other_organisation(name: str) -> Organisation:
    return Organisation(ods_code="", name=name, type=OTHER)


def candidates(text: str) -> list[re.Match[str]]:
    """Capitalised names ending in an organisation word. The cheap HEAD scan finds where one can end;
    the full pattern runs only on the stretch of text before each."""
    out: list[re.Match[str]] = []
    covered = 0
    for head in HEAD.finditer(text):
        if head.end() <= covered:
            continue
        window_start = max(covered, head.start() - CANDIDATE_REACH)
        found = None
        for match in CANDIDATE.finditer(text, window_start, head.end()):
            if match.end() == head.end():
                found = match
        if found is not None:
            out.append(found)
            covered = found.end()
    return out


INDEFINITE = re.compile(r"\b(a|an|A|An|AN)\s+$|(A|An|AN)\s")


def unknown_names(
    gazetteer: Gazetteer, text: str, known: Iterable[tuple[int, int]], day: str | None
) -> list[NameMatch]:
    """Organisation names in ``text`` that no gazetteer alias covers whole."""
    spans = sorted(known)
    starts = [s for s, _ in spans]
    out: list[NameMatch] = []
    for match in candidates(text):
        start, end = match.span()
        near = spans[max(0, bisect_right(starts, start) - 1) : bisect_left(starts, end)]
        if any(s <= start and end <= e for s, e in near):
            continue  # the gazetteer already has the whole name
        name = match.group()
        if any(start <= s < e <= end for s, e in near):
            continue  # a name the gazetteer found inside it ("London's Barts Health NHS Trust")
        if (
            NHS_HEADS.search(name)
            and not INDEFINITE.match(name)
            and not INDEFINITE.search(text, max(0, start - 4), start)
        ):
            # (not "A Midlands Hospital Trust has left special measures": capitals in a headline describe)
            org = fuzzy_organisation(gazetteer, name, day)
            if org is not None:
                out.append(NameMatch(start, end, org, "fuzzy"))
                continue
        if not distinctive(name) or name.endswith("trust") or set(distinctive(name)) <= COMPASS:
            # ("A Cumbrian NHS trust" describes: only a known body's name counts in lower case; "North East
            # Trust" in a headline is a trust of the North East, not a name)
            continue
        out.append(NameMatch(start, end, other_organisation(name), "other"))
    return out
