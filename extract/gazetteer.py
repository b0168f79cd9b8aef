"""The organisation gazetteer: official names, generated aliases and hand-listed aliases.

Data lives in ``extract/data/organisations.csv`` and ``extract/data/aliases.csv``; this module
loads them and derives the mechanical variants of each official name ("NHS" dropped, "&" for
"and", "Kings" for "King's", "ICS" for "Integrated Care Board" ...).

Linking rule for renamed and merged bodies: when an alias names several organisations, the one
open on the article's publication date wins; a body closed by then stands for its successor open
that day ("Norfolk and Waveney ICS" in 2026 is the Norfolk and Suffolk ICB); an ICS, STP or "system"
name links to the ICB of the same footprint (the ICB created in July 2022), also for articles
written before July 2022. An alias that names two bodies existing side by side ("Norfolk and
Suffolk": a trust and an ICB; "Queen Elizabeth Hospital": four hospitals) is *ambiguous*: it needs
context, and :meth:`Gazetteer.pick` gives no organisation when more than one is open on the day
(:meth:`Gazetteer.candidates` lists them, :meth:`Gazetteer.choose` settles them from nearby words).

Hospitals (``extract/data/sites.csv``) stand for the trust that runs them: their names are aliases of
kind ``site``; a name several hospitals share also gets forms qualified by the town ("Queen
Elizabeth Hospital, Gateshead", "Queen Elizabeth Hospital in King's Lynn").
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

PROVIDER_TYPES = frozenset({"trust", "ambulance_trust"})

DATA_DIR = Path(str(resources.files("nhswatch.extract") / "data"))  # the packaged gazetteer
GAZETTEER_FILES = ("organisations.csv", "aliases.csv", "sites.csv")
DATA_DIR_ENV = "NHSWATCH_DATA_DIR"


def user_data_dir() -> Path:
    """Where ``nhswatch orgs refresh`` writes: $NHSWATCH_DATA_DIR, else the user data directory (platformdirs)."""
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_data_dir("nhswatch"))


def user_overrides() -> list[Path]:
    """Gazetteer files in the user data directory: each is read instead of the packaged file of its name."""
    folder = user_data_dir()
    return [folder / name for name in GAZETTEER_FILES if (folder / name).is_file()]


def gazetteer_file(name: str) -> Path:
    """The file ``name`` the gazetteer reads: the user data directory's if there is one, else the packaged one."""
    user = user_data_dir() / name
    return user if user.is_file() else DATA_DIR / name


ORG_TYPES = ("trust", "ambulance_trust", "icb", "ccg", "national_body", "region")
TRUST_TYPES = frozenset({"trust", "ambulance_trust"})  # providers
COMMISSIONER_TYPES = frozenset({"icb", "ccg"})  # commissioners: never a trust
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


@dataclass(frozen=True)
class Site:
    """A hospital and the trust that ran it in the ODS site file (April 2023).

    ``former_trust`` ran it until it closed into ``trust_code`` (the site file dates the hand-over:
    ``gazetteer_build._former_owner``); the name means the former trust while that trust was open.
    """

    site_code: str
    name: str
    trust_code: str
    town: str = ""
    postcode: str = ""
    current_trust: str = ""
    former_trust: str = ""

    @property
    def codes(self) -> list[str]:
        """The trust of the site file, the trust it became if it closed since, and the one before it."""
        codes = [self.trust_code]
        codes += [c for c in (self.current_trust, self.former_trust) if c and c not in codes]
        return codes


@dataclass
class Alias:
    """A surface form pointing at one or more organisations.

    ``ambiguous`` is set when two of ``codes`` are different bodies that existed at the same time
    (not a body and its successor): which one is meant depends on context. ``sites`` lists the
    hospital site codes behind a ``site`` alias.
    """

    text: str
    codes: list[str] = field(default_factory=list)
    needs_context: bool = False
    kind: str = "generated"
    ambiguous: bool = False
    sites: list[str] = field(default_factory=list)


@lru_cache(maxsize=65536)
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


_POSSESSIVE = re.compile(
    r"(?<=\bSt )(?!(?:Thomas|James|Charles|Nicholas|Francis|Lucas|Giles|Agnes)\b)([A-Z][a-z]+[a-rt-z])s\b"
    r"|\b(?!(?:Thomas|James|Charles|Nicholas|Francis|Lucas|Giles|Agnes|Wells)\b)([A-Z][a-z]+[a-rt-z])s"
    r"(?= (Hospital|College|Medical|Infirmary)\b)"
)


def with_possessives(name: str) -> str:
    """The site file writes hospitals without apostrophes; the press with them: "Queens Hospital" is
    also "Queen's Hospital", "St Marys Hospital" "St Mary's Hospital"."""
    return _POSSESSIVE.sub(lambda m: f"{m.group(1) or m.group(2)}'s", name)


_HOSPITALS_TAIL = re.compile(r"\s+((University|Teaching)\s+)*Hospitals$")


def generated_aliases(org: Organisation) -> set[str]:
    """Mechanical variants of an official name."""
    name = org.name
    forms = {name}
    if org.type in TRUST_TYPES:
        core = _strip_suffix(name, _TRUST_SUFFIXES)
        if core:
            forms |= {f"{core} NHS Trust", f"{core} NHS FT", f"{core} Foundation Trust", f"{core} Trust"}
            if len(core.split()) >= 2 or core.lower().endswith(("hospital", "hospitals")):
                forms.add(core)
            plain = re.sub(r"\b(University|Teaching) (?=Hospitals?\b)", "", core)
            if plain != core and len(plain.split()) >= 2:
                forms |= {plain, f"{plain} NHS Trust", f"{plain} Trust"}
            # "Barking, Havering and Redbridge" for "Barking, Havering and Redbridge University Hospitals": the
            # places a hospitals trust is named after, when there are several of them
            places = _HOSPITALS_TAIL.sub("", core)
            if places != core and (" and " in places or "," in places) and len(places.split()) >= 3:
                forms.add(places)
            # "Coventry and Warwickshire NHS Partnership Trust" for "... Partnership NHS Trust": NHS before the kind
            kind = re.search(r"\s(Partnership|Healthcare|Health|Community Health)$", core)
            if kind:
                place, word = core[: kind.start()], kind.group(1)
                forms |= {f"{place} NHS {word} Trust", f"{place} NHS {word}"}
    elif org.type == "icb":
        core = name[4:] if name.startswith("NHS ") else name
        core = _strip_suffix(core, (_ICB_SUFFIX,)) or core
        forms |= {f"NHS {core} ICB"} | {f"{core} {word}" for word in _SYSTEM_WORDS}
    elif org.type == "ccg":
        core = name[4:] if name.startswith("NHS ") else name
        core = _strip_suffix(core, ("ccg", "clinical commissioning group")) or core
        forms |= {
            f"{core} CCG",
            f"NHS {core} CCG",
            f"{core} Clinical Commissioning Group",
            f"NHS {core} Clinical Commissioning Group",
            # (the press drops "Group": "NHS Sandwell and West Birmingham Clinical Commissioning has ...")
            f"NHS {core} Clinical Commissioning",
        }
    if org.type in TRUST_TYPES:
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


# Types whose closed bodies stand for their successor when named after closing: an ICS/ICB name
# lives on in the press after a merger ("Norfolk and Waveney ICS" in 2026). A closed trust's or
# CCG's name in a later article is usually history (an event of that body), so it is kept.
FOLLOW_SUCCESSORS = frozenset({"icb"})

_KIND_WORDS = {
    "icb": re.compile(r"(?<!\w)(icbs?|icss?|stps?|integrated care|systems?|ccgs?)(?!\w)"),
    "trust": re.compile(r"(?<!\w)(trusts?|foundation|hospitals?|mental health|nhs ft)(?!\w)"),
    "ambulance_trust": re.compile(r"(?<!\w)(ambulance)(?!\w)"),
    "ccg": re.compile(r"(?<!\w)(ccgs?|clinical commissioning)(?!\w)"),
}


class Gazetteer:
    """Organisations by ODS code and aliases by normalised text."""

    def __init__(
        self,
        organisations: list[Organisation],
        hand_aliases: list[dict[str, str]],
        sites: Iterable[Site] = (),
    ):
        self.by_code: dict[str, Organisation] = {o.ods_code: o for o in organisations}
        self.aliases: dict[str, Alias] = {}
        self.by_domain: dict[str, str] = {}
        self.sites: dict[str, Site] = {}
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
        self._add_sites(sites)
        self._mark_ambiguous()

    def _add_sites(self, sites: Iterable[Site]) -> None:
        """Hospital names as ``site`` aliases of their trusts; shared names also with their towns."""
        sites = [s for s in sites if s.trust_code in self.by_code]
        self._before_sites = {k: (a.needs_context, tuple(a.codes)) for k, a in self.aliases.items()}
        forms_of: dict[str, set[str]] = {}
        for site in sites:
            self.sites[site.site_code or f"{site.trust_code}:{site.name}"] = site
            # The name of an organisation (official, former or hand-listed, not flagged as shared)
            # says who runs the hospital better than the site file's guess.
            forms_of[site.name] = {
                t
                for t in _spelling_variants(site.name) | _spelling_variants(with_possessives(site.name))
                if not self._named_elsewhere(normalise_alias(t), site.trust_code)
            }
            for text in forms_of[site.name]:
                for code in site.codes:
                    if code in self.by_code:
                        self._add(text, code, needs_context=True, kind="site", site=site.site_code)
        self._mark_ambiguous()
        for site in sites:
            kind = "short_name" if self._names_trust(site) else "site"
            if not site.town or not any(self.aliases[normalise_alias(t)].ambiguous for t in forms_of[site.name]):
                continue
            for town in town_forms(site.town):
                for form in forms_of[site.name]:
                    if town.lower() in form.lower():
                        continue
                    for text in (f"{form} in {town}", f"{form}, {town}", f"{form} {town}", f"{town}'s {form}"):
                        for variant in _spelling_variants(text):
                            for code in site.codes:
                                if code in self.by_code:
                                    self._add(variant, code, needs_context=False, kind=kind, site=site.site_code)

    def _names_trust(self, site: Site) -> bool:
        """True when the trust is named after the hospital and its town ("The Queen Elizabeth Hospital,
        King's Lynn, NHS Foundation Trust"): the town-qualified hospital name is the trust's own name."""
        words = set(re.findall(r"[a-z0-9]+", normalise_alias(f"{site.name} {site.town}").replace("'s ", "s ")))
        trust = self.by_code[site.trust_code]
        name_words = set(re.findall(r"[a-z0-9]+", normalise_alias(trust.name).replace("'s ", "s ")))
        return bool(site.town) and words - {"the"} <= name_words

    def _named_elsewhere(self, key: str, code: str) -> bool:
        needs_context, codes = self._before_sites.get(key, (True, ()))
        if needs_context:
            return False
        related = {code} | self.successors_of(code) | {c for c in codes if code in self.successors_of(c)}
        return not set(codes) <= related

    def _mark_ambiguous(self) -> None:
        """Flag aliases naming bodies that existed side by side; they need context.

        "The X" names whoever "X" names: "The Queen Elizabeth Hospital" is as shared as "Queen Elizabeth
        Hospital", although only one trust's official name begins with it.
        """
        for key, alias in self.aliases.items():
            bare = self.aliases.get(key[4:]) if key.startswith("the ") else None
            if bare is not None and bare.sites:
                alias.codes.extend(c for c in bare.codes if c not in alias.codes)
                alias.sites.extend(s for s in bare.sites if s not in alias.sites)
        for alias in self.aliases.values():
            if len(alias.codes) > 1 and self._coexisting(alias.codes):
                alias.ambiguous = True
                alias.needs_context = True

    def _add(self, text: str, code: str, *, needs_context: bool, kind: str, site: str = "") -> None:
        key = normalise_alias(text)
        if len(key) < 2:
            return
        alias = self.aliases.get(key)
        if alias is None:
            self.aliases[key] = Alias(key, [code], needs_context, kind, sites=[site] if site else [])
            return
        if site and site not in alias.sites:
            alias.sites.append(site)
        if code not in alias.codes:
            alias.codes.append(code)
        # A form that is unambiguous for any organisation keeps its confidence.
        alias.needs_context = alias.needs_context and needs_context

    @cached_property
    def site_names(self) -> dict[str, frozenset[str]]:
        """Hospital names (normalised, with their spelling variants) and the trusts that ran them."""
        out: dict[str, set[str]] = {}
        for site in self.sites.values():
            for form in _spelling_variants(site.name) | _spelling_variants(with_possessives(site.name)):
                out.setdefault(normalise_alias(form), set()).update(site.codes)
        return {name: frozenset(codes) for name, codes in out.items()}

    @cached_property
    def name_openings(self) -> frozenset[str]:
        """The first two words of every alias of two words or more ("good hope" of "Good Hope Hospital"):
        a status word opening a name ("Good Hope was placed ...") is part of the name."""
        return frozenset(" ".join(key.split()[:2]) for key in self.aliases if " " in key)

    @cached_property
    def _finder(self) -> re.Pattern[str]:
        # Compiling this pattern costs about a second; its compiled form is cached between runs, keyed
        # by the aliases and this module's code (which builds the pattern).
        from .regex_cache import cache_key, cached_regex

        key = cache_key("gazetteer", [Path(__file__).read_text(encoding="utf-8"), *sorted(self.aliases)])
        return cached_regex("gazetteer", key, lambda: alias_pattern(self.aliases))

    def find(self, text: str) -> list[tuple[int, int, Alias]]:
        """Every alias in ``text`` (quotes straightened), leftmost-longest, as (start, end, alias).

        One compiled automaton over all aliases: a single left-to-right scan of the lower-cased
        text, cheaper than tokenizing it, so names are found in the whole document at little cost.
        """
        last = getattr(self, "_last_found", None)  # (not in a gazetteer unpickled from an older cache)
        if last is not None and text is last[0]:
            return list(last[1])  # the same document again (``Reader.no_earlier_than_named``)
        found = self._find(text)
        self._last_found = (text, found)
        return list(found)

    def _find(self, text: str) -> list[tuple[int, int, Alias]]:
        aliases, finder = self.aliases, self._finder
        if finder.groups:  # the pattern of alias_pattern that starts at the character before a name
            return [
                (m.start(1) - 1, m.end() - 1, aliases[normalise_alias(m.group(1))])
                for m in finder.finditer(" " + lower_same_length(text))
            ]
        return [
            (m.start(), m.end(), aliases[normalise_alias(m.group())]) for m in finder.finditer(lower_same_length(text))
        ]

    def resolve(self, alias_text: str, day: str | None = None) -> Organisation | None:
        """The organisation an alias means on ``day``: open ones first, then successors."""
        alias = self.aliases.get(normalise_alias(alias_text))
        if alias is None:
            return None
        return self.pick(alias.codes, day)

    def pick(self, codes: list[str], day: str | None) -> Organisation | None:
        """Choose among candidate codes for ``day``.

        The one open on the day (a body closed by then counts as its successor open that day); None
        when several different bodies are open (an ambiguous name: see :meth:`candidates`). When
        none is open, the one open today, else the earliest listed (an ICS name before its ICB).
        """
        orgs = [self.by_code[c] for c in codes if c in self.by_code]
        if not orgs:
            return None
        open_then = self._open_candidates(orgs, day)
        if len(open_then) == 1:
            return open_then[0]
        if open_then:
            return None
        # a provider opened after the day is nobody the text can mean then (an ICB is: the press named its
        # ICS footprint before the board existed)
        orgs = [o for o in orgs if not (day and o.type in PROVIDER_TYPES and o.open_date[: len(day)] > day)]
        if not orgs:
            return None
        open_now = self._distinct([o for o in orgs if not o.close_date])
        if len(open_now) > 1:
            return None
        return (open_now or orgs)[0]

    def changed_hands(self, alias: Alias) -> bool:
        """True when ``alias`` names a closed body and the successor it passed to (a hospital a merger moved)."""
        codes = set(alias.codes)
        return any(self.successors_of(code) & codes for code in codes)

    def candidates(self, alias: Alias | str, day: str | None = None) -> list[Organisation]:
        """Every organisation ``alias`` (an Alias or a name) can mean on ``day`` (default: today).

        Bodies closed by then are replaced by their successor open that day; a successor is left
        out while its predecessor, also named, was still open. One result: the alias is clear on
        that day; several: it is ambiguous and context must decide; none: nobody of that name
        was open (see :meth:`pick` for the fallback).
        """
        if isinstance(alias, str):
            found = self.aliases.get(normalise_alias(alias))
            if found is None:
                return []
            alias = found
        return self._open_candidates([self.by_code[c] for c in alias.codes if c in self.by_code], day)

    def is_ambiguous(self, alias: Alias | str, day: str | None = None) -> bool:
        """True when ``alias`` names more than one organisation open on ``day``."""
        return len(self.candidates(alias, day)) > 1

    def choose(self, alias: Alias | str, day: str | None, context: str) -> Organisation | None:
        """Settle an ambiguous alias from the words around it (``context``, e.g. its sentence).

        A candidate wins when the context names its kind ("ICB", "ICS", "system" for an ICB;
        "trust", "hospital", "mental health" for a trust) or, for a hospital, its town ("King's Lynn",
        "Gateshead"), and no other candidate is named the same way. Otherwise None.
        """
        options = self.candidates(alias, day)
        if len(options) <= 1:
            return options[0] if options else None
        text = normalise_alias(context)
        alias_obj = alias if isinstance(alias, Alias) else self.aliases.get(normalise_alias(alias))
        towns: dict[str, set[str]] = {}
        for code in alias_obj.sites if alias_obj else []:
            site = self.sites.get(code)
            if site and site.town:
                now = self.pick([site.trust_code], day)
                if now:
                    # (a town the name itself holds, "St Mary's" of "St Mary's Hospital", says nothing)
                    towns.setdefault(now.ods_code, set()).update(
                        normalise_alias(t)
                        for t in town_forms(site.town)
                        if alias_obj is None or normalise_alias(t) not in alias_obj.text
                    )
        for test in (
            lambda o: any(re.search(rf"(?<!\w){re.escape(t)}(?!\w)", text) for t in towns.get(o.ods_code, ())),
            lambda o: bool(_KIND_WORDS.get(o.type) and _KIND_WORDS[o.type].search(text)),
        ):
            hits = [o for o in options if test(o)]
            if len(hits) == 1:
                return hits[0]
        return None

    def _current(self, org: Organisation, day: str | None) -> Organisation | None:
        """``org`` if open on ``day``; if it had closed by then, its one successor open then; else None.

        Without a date nothing is followed: a name means the body that bore it.
        """
        if org.open_on(day):
            return org
        closed_before = bool(day) and bool(org.close_date) and day > org.close_date[: len(day)]
        if not closed_before or org.type not in FOLLOW_SUCCESSORS:
            return None
        found: list[Organisation] = []
        seen = {org.ods_code}
        frontier = [org]
        while frontier:
            nxt = []
            for node in frontier:
                for code in node.successors:
                    succ = self.by_code.get(code)
                    if succ is None or code in seen:
                        continue
                    seen.add(code)
                    if succ.open_on(day):
                        found.append(succ)
                    elif succ.close_date and (not day or day > succ.close_date[: len(day)]):
                        nxt.append(succ)
            frontier = nxt
        return found[0] if len(found) == 1 else None

    def _open_candidates(self, orgs: list[Organisation], day: str | None) -> list[Organisation]:
        out: list[Organisation] = []
        for org in orgs:
            now = self._current(org, day)
            if now is not None and now not in out:
                out.append(now)
        return self._distinct(out)

    def successors_of(self, code: str) -> set[str]:
        """Every body ``code`` merged or was renamed into, however many steps on."""
        out: set[str] = set()
        frontier = [code]
        while frontier:
            org = self.by_code.get(frontier.pop())
            for succ in org.successors if org else ():
                if succ not in out:
                    out.add(succ)
                    frontier.append(succ)
        return out

    def _distinct(self, orgs: list[Organisation]) -> list[Organisation]:
        """``orgs`` without those that are successors of another one listed."""
        if len(orgs) < 2:
            return orgs
        later = set().union(*(self.successors_of(o.ods_code) for o in orgs))
        return [o for o in orgs if o.ods_code not in later] or orgs

    def _coexisting(self, codes: list[str]) -> bool:
        """True when two of ``codes`` are unrelated bodies whose lifetimes overlap."""
        orgs = self._distinct([self.by_code[c] for c in dict.fromkeys(codes) if c in self.by_code])
        for i, a in enumerate(orgs):
            for b in orgs[i + 1 :]:
                if self._related(a, b):
                    continue
                start = max(a.open_date or "0000", b.open_date or "0000")
                end = min(a.close_date or "9999", b.close_date or "9999")
                if start <= end:
                    return True
        return False

    def _related(self, a: Organisation, b: Organisation) -> bool:
        return b.ods_code in self.successors_of(a.ods_code) or a.ods_code in self.successors_of(b.ods_code)

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


def alias_pattern(aliases: Iterable[str]) -> str:
    """A regular expression for every alias as a whole word (not preceded or followed by a word character).

    When every alias starts with a word character, the pattern starts at the character before the name
    (``\\W``, the name in group 1; the text is searched with a space in front): the regex engine then skips
    along the letters of words in a tight loop, instead of trying the whole prefix tree at every position,
    and finds the same names. A name cannot start where the previous one ended (it ended before a non-word
    character), so taking that character into the match misses none. Otherwise the lookbehind form."""
    words = list(aliases)
    trie = _trie_pattern(words)
    if all(_WORD_CHAR.match(word) for word in words):
        return r"\W(" + trie + r")(?!\w)"
    return r"(?<!\w)(?:" + trie + r")(?!\w)"


_WORD_CHAR = re.compile(r"\w")


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


def town_forms(town: str) -> list[str]:
    """A town as the ODS file spells it and as the press does: "Burton-on-Trent" is also "Burton",
    "Newcastle upon Tyne" "Newcastle", "Bury St. Edmunds" "Bury St Edmunds"."""
    forms = [town]
    short = re.split(r"-on-|-upon-| upon | on | by the |-by-the-|-in-", town, maxsplit=1)[0].strip()
    if short != town and len(short) >= 4:
        forms.append(short)
    forms += [f.replace("St. ", "St ") for f in forms if "St. " in f]
    return forms


def _site(row: dict[str, str]) -> Site:
    return Site(
        site_code=row.get("site_code", "").strip(),
        name=row["name"].strip(),
        trust_code=row["trust_code"].strip(),
        town=row.get("town", "").strip(),
        postcode=row.get("postcode", "").strip(),
        current_trust=row.get("current_trust", "").strip(),
        former_trust=(row.get("former_trust") or "").strip(),
    )


def load_gazetteer(data_dir: Path | None = None) -> Gazetteer:
    """Read organisations.csv, aliases.csv and sites.csv from ``data_dir``; by default each from the user
    data directory if ``nhswatch orgs refresh`` wrote it there, else the packaged one."""
    files = {name: data_dir / name if data_dir else gazetteer_file(name) for name in GAZETTEER_FILES}
    # The parsed gazetteer is cached between runs, keyed by the files' bytes and this module's code.
    from nhswatch.pickle_cache import cache_key, cached_object

    def key() -> str:
        parts = [Path(__file__).read_bytes(), files["organisations.csv"].read_bytes()]
        optional = (files["aliases.csv"], files["sites.csv"])
        parts += [path.read_bytes() if path.exists() else b"\0absent" for path in optional]
        return cache_key("gazetteer", parts)

    # recheck: a file changed while it was parsed gives a gazetteer that matches neither version; not kept
    return cached_object("gazetteer", key(), lambda: _parse_gazetteer(files), recheck=key)


def _parse_gazetteer(files: dict[str, Path]) -> Gazetteer:
    orgs = [_organisation(r) for r in _read_csv(files["organisations.csv"])]
    alias_path = files["aliases.csv"]
    hand = _read_csv(alias_path) if alias_path.exists() else []
    sites_path = files["sites.csv"]
    sites = [_site(r) for r in _read_csv(sites_path)] if sites_path.exists() else []
    return Gazetteer(orgs, hand, sites)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    return load_gazetteer()
