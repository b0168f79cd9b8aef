"""The organisation gazetteer: official names, generated aliases and hand-listed aliases.

Data lives in ``extract/data/organisations.csv`` and ``extract/data/aliases.csv``; this module
loads them and derives the mechanical variants of each official name ("NHS" dropped, "&" for
"and", "Kings" for "King's", "ICS" for "Integrated Care Board" ...).

Linking rule for renamed and merged bodies: when an alias names several organisations, the one
open on the article's publication date wins; an ICS, STP or "system" name links to the ICB of the
same footprint (the ICB created in July 2022), also for articles written before July 2022.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

DATA_DIR = Path(str(resources.files("extract") / "data"))

ORG_TYPES = ("trust", "ambulance_trust", "icb", "ccg", "national_body", "region")
# Bodies that announce or regulate; they are never the subject of an oversight event.
NON_SUBJECT_TYPES = frozenset({"national_body", "region"})

_TRUST_SUFFIXES = (
    "university nhs foundation trust",
    "nhs foundation trust",
    "foundation nhs trust",
    "nhs trust",
    "foundation trust",
)
_ICB_SUFFIX = "integrated care board"
_SYSTEM_WORDS = (
    "icb",
    "integrated care board",
    "ics",
    "integrated care system",
    "stp",
    "health and care partnership",
    "system",
    "health system",
    "health and care system",
)


@dataclass(frozen=True)
class Organisation:
    """One organisation as the gazetteer knows it."""

    ods_code: str
    name: str
    type: str
    region: str = ""
    parent_icb: str = ""
    open_date: str = ""
    close_date: str = ""
    predecessors: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()

    def open_on(self, day: str | None) -> bool:
        """True when the organisation existed on ``day`` (ISO date, any precision)."""
        if not day:
            return not self.close_date
        if self.open_date and day < self.open_date[: len(day)]:
            return False
        return not (self.close_date and day > self.close_date[: len(day)])


@dataclass
class Alias:
    """A surface form pointing at one or more organisations."""

    text: str
    codes: list[str] = field(default_factory=list)
    needs_context: bool = False
    kind: str = "generated"


def normalise_alias(text: str) -> str:
    """Lower-case, straighten quotes and collapse spaces: the key aliases are stored under."""
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    text = re.sub(r"\s+", " ", text.strip().lower())
    return text


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(";") if v.strip())


def _strip_suffix(name: str, suffixes: tuple[str, ...]) -> str | None:
    low = name.lower()
    for suffix in suffixes:
        if low.endswith(" " + suffix):
            return name[: -len(suffix) - 1].rstrip(" ,")
    return None


def _spelling_variants(text: str) -> set[str]:
    """'&'/'and', apostrophes, commas and a leading 'The'."""
    out = {text}
    for variant in list(out):
        out.add(variant.replace(" and ", " & "))
        out.add(variant.replace(" & ", " and "))
    for variant in list(out):
        out.add(variant.replace("'s ", "s ").replace("s' ", "s "))
        out.add(variant.replace(",", ""))
    for variant in list(out):
        if variant.lower().startswith("the "):
            out.add(variant[4:])
    return {re.sub(r"\s+", " ", v).strip() for v in out if v.strip()}


def generated_aliases(org: Organisation) -> set[str]:
    """Mechanical variants of an official name."""
    name = org.name
    forms = {name}
    if org.type in ("trust", "ambulance_trust"):
        core = _strip_suffix(name, _TRUST_SUFFIXES)
        if core:
            forms |= {f"{core} NHS Trust", f"{core} NHS FT", f"{core} Foundation Trust", f"{core} Trust"}
            if len(core.split()) >= 2 or core.lower().endswith(("hospital", "hospitals")):
                forms.add(core)
            plain = re.sub(r"\b(University|Teaching) (?=Hospitals?\b)", "", core)
            if plain != core and len(plain.split()) >= 2:
                forms |= {plain, f"{plain} NHS Trust", f"{plain} Trust"}
    elif org.type == "icb":
        core = name[4:] if name.startswith("NHS ") else name
        core = _strip_suffix(core, (_ICB_SUFFIX,)) or core
        forms |= {f"NHS {core} ICB"} | {f"{core} {word}" for word in _SYSTEM_WORDS}
    elif org.type == "ccg":
        core = name[4:] if name.startswith("NHS ") else name
        core = _strip_suffix(core, ("ccg", "clinical commissioning group")) or core
        forms |= {f"{core} CCG", f"NHS {core} CCG", f"{core} Clinical Commissioning Group"}
    if org.type in ("trust", "ambulance_trust"):
        # the press often writes "Oxford University Hospital" for "... Hospitals"
        forms |= {re.sub(r"\bHospitals\b", "Hospital", f) for f in forms if " Hospitals " in f + " "}
    out: set[str] = set()
    for form in forms:
        out |= _spelling_variants(form)
    return out


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# A trust's name without "NHS Trust" that is only a compass point and a place ("North London")
# names an area more often than the trust.
_AREA_ONLY = re.compile(
    r"^(north|south|east|west|central|mid|north east|north west|south east|south west)( \w+)?$", re.I
)


class Gazetteer:
    """Organisations by ODS code and aliases by normalised text."""

    def __init__(self, organisations: list[Organisation], hand_aliases: list[dict[str, str]]):
        self.by_code: dict[str, Organisation] = {o.ods_code: o for o in organisations}
        self.aliases: dict[str, Alias] = {}
        self.by_domain: dict[str, str] = {}
        for org in organisations:
            for domain in org.domains:
                self.by_domain[domain.lower().removeprefix("www.")] = org.ods_code
            for text in generated_aliases(org):
                self._add(text, org.ods_code, needs_context=bool(_AREA_ONLY.match(text)), kind="generated")
        for row in hand_aliases:
            code = row["ods_code"].strip()
            if code not in self.by_code:
                continue
            needs_context = row.get("needs_context", "0").strip() in ("1", "true", "yes")
            for text in _spelling_variants(row["alias"].strip()):
                self._add(text, code, needs_context=needs_context, kind=row.get("kind") or "hand")

    def _add(self, text: str, code: str, *, needs_context: bool, kind: str) -> None:
        key = normalise_alias(text)
        if len(key) < 2:
            return
        alias = self.aliases.get(key)
        if alias is None:
            self.aliases[key] = Alias(key, [code], needs_context, kind)
            return
        if code not in alias.codes:
            alias.codes.append(code)
        # A form that is unambiguous for any organisation keeps its confidence.
        alias.needs_context = alias.needs_context and needs_context

    @cached_property
    def _finder(self) -> re.Pattern[str]:
        return re.compile(r"(?<!\w)(?:" + _trie_pattern(self.aliases) + r")(?!\w)")

    def find(self, text: str) -> list[tuple[int, int, Alias]]:
        """Every alias in ``text`` (quotes straightened), leftmost-longest, as (start, end, alias).

        One compiled automaton over all aliases: a single left-to-right scan of the lower-cased
        text, cheaper than tokenizing it, so names are found in the whole document at little cost.
        """
        return [(m.start(), m.end(), self.aliases[normalise_alias(m.group())]) for m in self._finder.finditer(
            lower_same_length(text))]

    def resolve(self, alias_text: str, day: str | None = None) -> Organisation | None:
        """The organisation an alias means on ``day``: open ones first, then successors."""
        alias = self.aliases.get(normalise_alias(alias_text))
        if alias is None:
            return None
        return self.pick(alias.codes, day)

    def pick(self, codes: list[str], day: str | None) -> Organisation | None:
        """Choose among candidate codes: open on the day, else the earliest-listed one."""
        orgs = [self.by_code[c] for c in codes if c in self.by_code]
        if not orgs:
            return None
        if day:
            open_then = [o for o in orgs if o.open_on(day)]
            if open_then:
                return open_then[0]
        open_now = [o for o in orgs if not o.close_date]
        return (open_now or orgs)[0]

    def for_domain(self, host: str) -> Organisation | None:
        """The organisation whose website is ``host`` (or a parent domain of it)."""
        host = host.lower().removeprefix("www.")
        parts = host.split(".")
        for i in range(len(parts) - 1):
            code = self.by_domain.get(".".join(parts[i:]))
            if code:
                return self.by_code[code]
        return None


def lower_same_length(text: str) -> str:
    """``text`` lower-cased, keeping offsets: the few characters whose lower case is longer stay as they are."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words`` (longest first), shaped as a prefix tree.

    A space in a word matches any run of whitespace.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def _organisation(row: dict[str, str]) -> Organisation:
    return Organisation(
        ods_code=row["ods_code"].strip(),
        name=row["name"].strip(),
        type=row["type"].strip(),
        region=row.get("region", "").strip(),
        parent_icb=row.get("parent_icb", "").strip(),
        open_date=row.get("open_date", "").strip(),
        close_date=row.get("close_date", "").strip(),
        predecessors=_split(row.get("predecessors", "")),
        successors=_split(row.get("successors", "")),
        domains=_split(row.get("domains", "")),
    )


def load_gazetteer(data_dir: Path | None = None) -> Gazetteer:
    """Read the shipped (or given) organisations.csv and aliases.csv."""
    data_dir = data_dir or DATA_DIR
    orgs = [_organisation(r) for r in _read_csv(data_dir / "organisations.csv")]
    alias_path = data_dir / "aliases.csv"
    hand = _read_csv(alias_path) if alias_path.exists() else []
    return Gazetteer(orgs, hand)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    return load_gazetteer()
