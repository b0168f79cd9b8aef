"""The framework table (``extract/data/frameworks.yml``): frameworks, versions, values, labels and
which values mean *mandated intensive support*.

One table, read by the extractor (which version a reported segment belongs to), ``db.timeline`` (the
intensive-support family and framework supersession), ``extract.evaluation`` (the scorer), the
Datasette plugin and the ``framework_labels`` / ``framework_versions`` tables. This module imports
only the standard library and PyYAML, so ``db`` and the Datasette plugin can import it cheaply.

The file is validated on load: unknown keys, missing keys, bad dates, overlapping versions and
unknown organisation types are errors (:class:`FrameworkError`). See docs/frameworks.md.

Dates given to :func:`version_for` may be ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``. A date is a
period (a year, a month or a day), never compared as a string:

1. the value narrows the candidates first: only versions that have the value (segment 5 exists
   only from 2025/26) are considered, unless no version has it;
2. of the candidates, the one in force for the largest part of the period wins (a day falls in
   exactly one version; for a year-only ``2025``, the 2021-25 framework covers 181 days and the
   2025/26 framework 184, so ``2025`` means the 2025/26 framework); a tie goes to the later version;
3. a period outside every candidate picks the candidate nearest in time (dates in text can be
   loose); no date at all picks the newest candidate only when the value narrowed them, else None.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data" / "frameworks.yml"
INTENSIVE_FAMILY = "intensive_support"
EXITED = "exited"
KINDS = frozenset({"segment", "programme", "tier", "rating"})
ORG_TYPES = frozenset({"trust", "ambulance_trust", "icb", "ccg", "national_body", "region"})

__all__ = [
    "EXITED",
    "INTENSIVE_FAMILY",
    "Family",
    "Framework",
    "FrameworkError",
    "Table",
    "Value",
    "Version",
    "covers",
    "framework",
    "framework_label",
    "frameworks",
    "intensive_frameworks",
    "intensive_state",
    "is_intensive",
    "label",
    "label_rows",
    "load",
    "period",
    "phrase",
    "short_label",
    "table",
    "value_key",
    "version_for",
    "version_label",
    "version_order",
    "version_rows",
    "versioned_frameworks",
]


class FrameworkError(ValueError):
    """The framework table is malformed, or a framework id is unknown."""


@dataclass(frozen=True)
class Value:
    key: str
    label: str
    intensive: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Revision:
    date: str
    title: str
    note: str | None = None


@dataclass(frozen=True)
class Version:
    id: str
    title: str
    short: str
    publisher: str
    start: str
    end: str | None
    org_types: tuple[str, ...]
    league_tables: bool
    values: dict[str, Value]
    sources: tuple[str, ...] = ()
    note: str | None = None
    unconfirmed: tuple[str, ...] = ()
    revisions: tuple[Revision, ...] = ()
    organisation_rating: str | None = None  # which rating is the organisation's ("overall", "well-led")

    def days_in(self, first: date, last: date) -> int:
        """How many days of ``first``..``last`` (inclusive) this version was in force."""
        start = max(first, date.fromisoformat(self.start))
        stop = min(last.toordinal() + 1, date.fromisoformat(self.end).toordinal() if self.end else 10**7)
        return max(0, stop - start.toordinal())

    def distance(self, first: date, last: date) -> int:
        """Days between the period and this version (0 when they overlap)."""
        if self.days_in(first, last):
            return 0
        if last < date.fromisoformat(self.start):
            return date.fromisoformat(self.start).toordinal() - last.toordinal()
        return first.toordinal() - date.fromisoformat(self.end).toordinal() + 1 if self.end else 0


@dataclass(frozen=True)
class Framework:
    id: str
    label: str
    short: str
    kind: str
    phrase: str
    versioned_events: bool
    description: str
    versions: dict[str, Version]  # in order of start date
    abbrev: str | None = None
    succeeded_by: str | None = None

    @property
    def has_intensive(self) -> bool:
        return any(v.intensive for version in self.versions.values() for v in version.values.values())


@dataclass(frozen=True)
class Family:
    id: str
    label: str
    short: str
    description: str
    values: dict[str, Value]


@dataclass(frozen=True)
class _Unknown:
    label: str
    short: str


@dataclass(frozen=True)
class Table:
    frameworks: dict[str, Framework]
    families: dict[str, Family] = field(default_factory=dict)


# --- loading and validation ------------------------------------------------------------------------

_TOP = {"schema": True, "families": True, "frameworks": True}
_FAMILY = {"label": True, "short": True, "description": True, "values": True}
_FRAMEWORK = {
    "label": True,
    "short": True,
    "kind": True,
    "phrase": True,
    "versioned_events": True,
    "description": True,
    "versions": True,
    "abbrev": False,
    "succeeded_by": False,
}
_VERSION = {
    "title": True,
    "short": True,
    "publisher": True,
    "start": True,
    "end": True,
    "org_types": True,
    "league_tables": True,
    "values": True,
    "sources": False,
    "note": False,
    "unconfirmed": False,
    "revisions": False,
    "organisation_rating": False,
}
_VALUE = {"label": True, "intensive": False, "note": False}
_REVISION = {"date": True, "title": True, "note": False}


def _keys(where: str, data: Any, spec: dict[str, bool]) -> dict[str, Any]:
    """Check a mapping has exactly the allowed keys (required ones present)."""
    if not isinstance(data, dict):
        raise FrameworkError(f"{where}: expected a mapping, got {type(data).__name__}")
    unknown = sorted(str(k) for k in data if k not in spec)
    if unknown:
        raise FrameworkError(f"{where}: unknown key(s) {', '.join(unknown)}")
    missing = sorted(k for k, required in spec.items() if required and k not in data)
    if missing:
        raise FrameworkError(f"{where}: missing key(s) {', '.join(missing)}")
    return data


def _text(where: str, value: Any, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise FrameworkError(f"{where}: expected text, got {value!r}")
    return value.strip()


def _bool(where: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise FrameworkError(f"{where}: expected true or false, got {value!r}")
    return value


def _day(where: str, value: Any, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise FrameworkError(f"{where}: expected a date YYYY-MM-DD, got {value!r}") from None


def _texts(where: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise FrameworkError(f"{where}: expected a list")
    return tuple(_text(f"{where}[{i}]", v) for i, v in enumerate(value))


def _values(where: str, data: Any) -> dict[str, Value]:
    if not isinstance(data, dict) or not data:
        raise FrameworkError(f"{where}: expected a non-empty mapping of values")
    out: dict[str, Value] = {}
    for raw, spec in data.items():
        key = value_key(raw)
        here = f"{where}.{raw}"
        if key is None or key in out or key == EXITED:
            raise FrameworkError(f"{here}: invalid or repeated value")
        spec = _keys(here, spec, _VALUE)
        out[key] = Value(
            key,
            _text(f"{here}.label", spec["label"]),
            _bool(f"{here}.intensive", spec.get("intensive", False)),
            _text(f"{here}.note", spec.get("note"), optional=True),
        )
    return out


def _version(where: str, vid: str, data: Any) -> Version:
    data = _keys(where, data, _VERSION)
    org_types = _texts(f"{where}.org_types", data["org_types"])
    bad = sorted(set(org_types) - ORG_TYPES)
    if bad or not org_types:
        raise FrameworkError(f"{where}.org_types: unknown or no organisation types {bad}")
    start = _day(f"{where}.start", data["start"])
    end = _day(f"{where}.end", data["end"], optional=True)
    if end is not None and end <= start:
        raise FrameworkError(f"{where}: end {end} is not after start {start}")
    revisions = []
    for i, rev in enumerate(data.get("revisions") or []):
        rev = _keys(f"{where}.revisions[{i}]", rev, _REVISION)
        revisions.append(
            Revision(
                _day(f"{where}.revisions[{i}].date", rev["date"]),
                _text(f"{where}.revisions[{i}].title", rev["title"]),
                _text(f"{where}.revisions[{i}].note", rev.get("note"), optional=True),
            )
        )
    return Version(
        id=vid,
        title=_text(f"{where}.title", data["title"]),
        short=_text(f"{where}.short", data["short"]),
        publisher=_text(f"{where}.publisher", data["publisher"]),
        start=start,
        end=end,
        org_types=org_types,
        league_tables=_bool(f"{where}.league_tables", data["league_tables"]),
        values=_values(f"{where}.values", data["values"]),
        sources=_texts(f"{where}.sources", data.get("sources")),
        note=_text(f"{where}.note", data.get("note"), optional=True),
        unconfirmed=_texts(f"{where}.unconfirmed", data.get("unconfirmed")),
        revisions=tuple(revisions),
        organisation_rating=_text(f"{where}.organisation_rating", data.get("organisation_rating"), optional=True),
    )


def _framework(fid: str, data: Any) -> Framework:
    where = f"frameworks.{fid}"
    data = _keys(where, data, _FRAMEWORK)
    kind = _text(f"{where}.kind", data["kind"])
    if kind not in KINDS:
        raise FrameworkError(f"{where}.kind: {kind!r} is not one of {sorted(KINDS)}")
    phrase = _text(f"{where}.phrase", data["phrase"])
    if kind in ("segment", "tier", "rating") and "{value}" not in phrase:
        raise FrameworkError(f"{where}.phrase: a {kind} phrase must contain {{value}}")
    raw_versions = data["versions"]
    if not isinstance(raw_versions, dict) or not raw_versions:
        raise FrameworkError(f"{where}.versions: expected a non-empty mapping")
    versions = [_version(f"{where}.versions.{vid}", str(vid), v) for vid, v in raw_versions.items()]
    versions.sort(key=lambda v: v.start)
    for a, b in pairwise(versions):
        if a.end is None or a.end > b.start:
            raise FrameworkError(f"{where}: versions {a.id} and {b.id} overlap")
    if kind == "programme":
        for v in versions:
            if set(v.values) != {"in", "out"}:
                raise FrameworkError(f"{where}.versions.{v.id}: a programme has exactly the values in and out")
    return Framework(
        id=fid,
        label=_text(f"{where}.label", data["label"]),
        short=_text(f"{where}.short", data["short"]),
        kind=kind,
        phrase=phrase,
        versioned_events=_bool(f"{where}.versioned_events", data["versioned_events"]),
        description=_text(f"{where}.description", data["description"]),
        versions={v.id: v for v in versions},
        abbrev=_text(f"{where}.abbrev", data.get("abbrev"), optional=True),
        succeeded_by=_text(f"{where}.succeeded_by", data.get("succeeded_by"), optional=True),
    )


def parse(data: Any) -> Table:
    """A validated :class:`Table` from the parsed YAML document."""
    data = _keys("frameworks.yml", data, _TOP)
    if data["schema"] != 1:
        raise FrameworkError(f"frameworks.yml: unsupported schema {data['schema']!r}")
    if not isinstance(data["frameworks"], dict) or not data["frameworks"]:
        raise FrameworkError("frameworks: expected a non-empty mapping")
    frameworks = {str(fid): _framework(str(fid), spec) for fid, spec in data["frameworks"].items()}
    families = {}
    for fid, spec in (data["families"] or {}).items():
        where = f"families.{fid}"
        if fid in frameworks:
            raise FrameworkError(f"{where}: a family cannot share a framework's id")
        spec = _keys(where, spec, _FAMILY)
        families[str(fid)] = Family(
            str(fid),
            _text(f"{where}.label", spec["label"]),
            _text(f"{where}.short", spec["short"]),
            _text(f"{where}.description", spec["description"]),
            _values(f"{where}.values", spec["values"]),
        )
    if INTENSIVE_FAMILY not in families or set(families[INTENSIVE_FAMILY].values) != {"in", "out"}:
        raise FrameworkError(f"families.{INTENSIVE_FAMILY}: required, with the values in and out")
    return Table(frameworks, families)


def load(path: str | Path | None = None) -> Table:
    """Load and validate a framework table (the bundled one by default, cached)."""
    if path is None or Path(path) == DATA:
        return _bundled()
    return _load(Path(path))


def _load(path: Path) -> Table:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise FrameworkError(f"{path}: not valid YAML: {exc}") from exc
    return parse(data)


@lru_cache(maxsize=1)
def _bundled() -> Table:
    return _load(DATA)


def table() -> Table:
    """The bundled framework table."""
    return _bundled()


# --- look-ups ----------------------------------------------------------------------------------------


def value_key(value: Any) -> str | None:
    """A status value as the table keys it: ``4`` and ``'4'`` → ``'4'``; ``'Good '`` → ``'good'``."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split()).lower()
    return text or None


def frameworks() -> list[str]:
    """Framework ids, in table order."""
    return list(table().frameworks)


def framework(framework_id: str) -> Framework:
    """One framework; :class:`FrameworkError` when the id is unknown."""
    try:
        return table().frameworks[framework_id]
    except KeyError:
        raise FrameworkError(f"unknown framework {framework_id!r}") from None


def versioned_frameworks() -> frozenset[str]:
    """Frameworks whose events carry ``framework_version`` (a new version supersedes the old)."""
    return frozenset(f.id for f in table().frameworks.values() if f.versioned_events)


def intensive_frameworks() -> frozenset[str]:
    """Programme frameworks that are themselves intensive support (``rsp``, ``special_measures``)."""
    return frozenset(f.id for f in table().frameworks.values() if f.kind == "programme" and f.has_intensive)


def version_order(framework_id: str) -> list[str]:
    """A framework's version ids, oldest first."""
    return list(framework(framework_id).versions)


@lru_cache(maxsize=8192)  # pure in the bundled table, called for every event
def period(day: str | None) -> tuple[date, date] | None:
    """The first and last day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (longer strings are cut to a day)."""
    text = (day or "").strip()[:10]
    try:
        if len(text) == 4 and text.isdigit():
            return date(int(text), 1, 1), date(int(text), 12, 31)
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:7])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if len(text) == 10:
            point = date.fromisoformat(text)
            return point, point
    except ValueError:
        return None
    return None


@lru_cache(maxsize=8192)  # pure in the bundled table, called for every event
def version_for(framework_id: str, day: str | None, value: Any = None) -> str | None:
    """The version of a framework a status reported for ``day`` belongs to (see the module docstring)."""
    fw = table().frameworks.get(framework_id)
    if fw is None:
        return None
    versions = list(fw.versions.values())
    key = value_key(value)
    candidates = [v for v in versions if key in v.values] if key is not None else versions
    if not candidates:
        candidates = versions
    narrowed = len(candidates) < len(versions)
    span = period(day)
    if span is None:
        return candidates[-1].id if narrowed else None
    first, last = span
    overlapping = [v for v in candidates if v.days_in(first, last)]
    if overlapping:
        return max(overlapping, key=lambda v: (v.days_in(first, last), v.start)).id
    return min(candidates, key=lambda v: (v.distance(first, last), v.start)).id


def _flag(fw: Framework, version: str | None, key: str) -> bool | None:
    """Whether a value is intensive support in a version; without a known version, only if all agree."""
    if version in fw.versions:
        value = fw.versions[version].values.get(key)
        return value.intensive if value else None
    flags = {v.values[key].intensive for v in fw.versions.values() if key in v.values}
    return flags.pop() if len(flags) == 1 else None


def is_intensive(framework_id: str, version: str | None, value: Any) -> bool:
    """True when ``value`` of ``framework_id`` (in ``version``) is mandated intensive support."""
    fw = table().frameworks.get(framework_id)
    key = value_key(value)
    return bool(fw and key is not None and _flag(fw, version, key))


@lru_cache(maxsize=8192)  # pure in the bundled table, called for every event
def intensive_state(
    framework_id: str, version: str | None, from_value: Any, to_value: Any, change: str | None = None
) -> str | None:
    """'in' / 'out' when a report says whether the organisation is in intensive support, else None.

    - a status with an intensive flag in the table: 'in' if intensive, else 'out' (segment 3 of the
      2021-25 framework is 'out'; segment 4 of 2025/26 is 'out'; segment 5 of 2025/26 is 'in');
    - no new status, but the status left was intensive support: 'out';
    - an ``exit`` from a programme (RSP, special measures) with nothing else said: 'out';
    - frameworks without intensive values (tiers, CQC ratings), unknown values, or a value whose
      meaning depends on a version that is not known (segment 4 without a version): None.
    """
    fw = table().frameworks.get(framework_id)
    if fw is None or not fw.has_intensive:
        return None
    to, previous = value_key(to_value), value_key(from_value)
    if to is not None and to != EXITED:
        flag = _flag(fw, version, to)
        return None if flag is None else ("in" if flag else "out")
    if previous is not None and _flag(fw, version, previous):
        return "out"
    if change == "exit" and fw.kind == "programme":
        return "out"
    return None


@lru_cache(maxsize=8192)  # pure in the bundled table, called for every event
def organisation_rating(framework_id: str, day: str | None) -> str | None:
    """Which rating stands for the whole organisation in the version in force on ``day``: "overall", or
    "well-led" under CQC's single assessment framework. None when the table does not say."""
    fw = table().frameworks.get(framework_id)
    version = version_for(framework_id, day) if fw else None
    return fw.versions[version].organisation_rating if version in (fw.versions if fw else {}) else None


@lru_cache(maxsize=8192)  # pure in the bundled table, called for every event
def existed_by(framework_id: str, day: str | None) -> bool:
    """Whether the framework had begun by the end of ``day`` (True when ``day`` is unknown): a report
    of "special measures" in 2009 is not about this framework. Reports after a framework ended are
    history or its successor's (see :func:`successor_for`), so the end is not checked here."""
    fw = table().frameworks.get(framework_id)
    span = period(day)
    if fw is None or span is None:
        return True
    return span[1] >= date.fromisoformat(next(iter(fw.versions.values())).start)


@lru_cache(maxsize=8192)  # pure in the bundled table, called for every event
def ended_before(framework_id: str, day: str | None) -> bool:
    """Whether the framework had ended before ``day`` began."""
    fw = table().frameworks.get(framework_id)
    span = period(day)
    last = list(fw.versions.values())[-1] if fw else None
    return bool(span and last and last.end and span[0] >= date.fromisoformat(last.end))


def ended_in_month_of(framework_id: str, day: str | None) -> bool:
    """Whether the framework ended in the month ``day`` falls in ("until July 2021 it was in special measures":
    an exit then is the regime's own end, not one from its successor)."""
    fw = table().frameworks.get(framework_id)
    last = list(fw.versions.values())[-1] if fw else None
    return bool(day and len(day) >= 7 and last and last.end and last.end[:7] == day[:7])


@lru_cache(maxsize=8192)  # pure in the bundled table, called for every event
def successor_for(framework_id: str, org_type: str | None, day: str | None) -> str:
    """The framework a report of ``framework_id`` belongs to: its successor (``succeeded_by``) when the
    report is dated after it ended, or is about a kind of organisation only the successor covers
    ("special measures" for an ICB in 2023 is the Recovery Support Programme)."""
    fw = table().frameworks.get(framework_id)
    if fw is None or not fw.succeeded_by:
        return framework_id
    if ended_before(framework_id, day) or (not covers(framework_id, org_type) and covers(fw.succeeded_by, org_type)):
        return fw.succeeded_by
    return framework_id


@lru_cache(maxsize=8192)  # pure in the bundled table, called for every event
def covers(framework_id: str, org_type: str | None, version: str | None = None, day: str | None = None) -> bool:
    """Whether a framework (version) applies to an organisation type, by the table's ``org_types``.

    Without a version, the version in force on ``day`` is used; with neither, any version covering
    the type will do. Unknown frameworks and organisation types are not ruled out (True).
    """
    fw = table().frameworks.get(framework_id)
    if fw is None or not org_type or org_type not in ORG_TYPES:
        return True
    if version not in fw.versions:
        version = version_for(framework_id, day) if day else None
    if version in fw.versions:
        return org_type in fw.versions[version].org_types
    return any(org_type in v.org_types for v in fw.versions.values())


def framework_label(framework_id: str) -> str:
    """'NHS Oversight Framework segment', 'Recovery Support Programme', 'intensive support (...)'."""
    return _named(framework_id).label


def short_label(framework_id: str) -> str:
    """A short name for charts: 'NOF segment', 'RSP', 'intensive support'."""
    return _named(framework_id).short


def _named(framework_id: str) -> Family | Framework | _Unknown:
    """The family or framework of that id, or a stand-in whose labels are the id itself."""
    t = table()
    return t.families.get(framework_id) or t.frameworks.get(framework_id) or _Unknown(framework_id, framework_id)


def version_label(framework_id: str, version: str | None) -> str | None:
    """'2021-25 framework' for ``('nof', '2021')``; None when unknown."""
    fw = table().frameworks.get(framework_id)
    if fw is None or version not in fw.versions:
        return None
    return fw.versions[version].short


def phrase(framework_id: str, value: Any) -> str:
    """A value as it reads inside a sentence: 'segment 4', 'rated good', 'Recovery Support Programme'."""
    fw = table().frameworks.get(framework_id)
    if fw is None:
        fam = table().families.get(framework_id)
        return fam.label if fam else f"{framework_id} {value}"
    return fw.phrase.format(value=value)


def label(framework_id: str, version: str | None, value: Any) -> str:
    """The label a person reads for a status: 'segment 4 (2021-25 framework): Recovery Support Programme',
    'CQC rating: requires improvement', 'not in intensive support'.

    Without a known version, the label is the one all versions having the value share, else a
    version-free one ('NHS Oversight Framework segment: 4'). ``'exited'`` (left a status, new one not
    reported) and unknown values get a generic label.
    """
    t = table()
    key = value_key(value)
    if framework_id in t.families:
        fam = t.families[framework_id]
        return fam.values[key].label if key in fam.values else f"{fam.short}: {value}"
    fw = t.frameworks.get(framework_id)
    if fw is None:
        return f"{framework_id}: {value}"
    if key is None or key == EXITED:
        return f"{fw.label}: left (new status not reported)"
    if version in fw.versions and key in fw.versions[version].values:
        return fw.versions[version].values[key].label
    labels = {v.values[key].label for v in fw.versions.values() if key in v.values}
    if len(labels) == 1:
        return labels.pop()
    return f"{fw.label}: {key}"


# --- rows for the database ---------------------------------------------------------------------------


def label_rows() -> list[dict[str, Any]]:
    """Rows of the ``framework_labels`` table: one per framework, version ('' = version not known) and status."""
    t = table()
    rows = []
    for fw in t.frameworks.values():
        keys = list(dict.fromkeys(k for v in fw.versions.values() for k in v.values))
        for vid in ["", *fw.versions]:
            version = vid or None
            present = list(fw.versions[vid].values) if vid else keys
            for key in [*present, EXITED]:
                rows.append(
                    {
                        "framework": fw.id,
                        "framework_version": vid,
                        "status": key,
                        "label": label(fw.id, version, key),
                        "framework_label": fw.label,
                        "version_label": version_label(fw.id, version),
                        "intensive": None if key == EXITED else int(bool(_flag(fw, version, key))),
                    }
                )
    for fam in t.families.values():
        for key, value in fam.values.items():
            rows.append(
                {
                    "framework": fam.id,
                    "framework_version": "",
                    "status": key,
                    "label": value.label,
                    "framework_label": fam.label,
                    "version_label": None,
                    "intensive": int(key == "in") if fam.id == INTENSIVE_FAMILY else None,
                }
            )
    return rows


def version_rows() -> list[dict[str, Any]]:
    """Rows of the ``framework_versions`` table: one per framework version."""
    rows = []
    for fw in table().frameworks.values():
        for v in fw.versions.values():
            intensive = [k for k, value in v.values.items() if value.intensive]
            rows.append(
                {
                    "framework": fw.id,
                    "framework_version": v.id,
                    "title": v.title,
                    "short_label": v.short,
                    "framework_label": fw.label,
                    "kind": fw.kind,
                    "publisher": v.publisher,
                    "start": v.start,
                    "end": v.end,
                    "org_types": ", ".join(v.org_types),
                    "league_tables": int(v.league_tables),
                    "values": ", ".join(v.values),
                    "intensive_values": ", ".join(intensive) or None,
                    "note": v.note,
                    "unconfirmed": " ".join(v.unconfirmed) or None,
                    "revisions": "; ".join(f"{r.date}: {r.title}" for r in v.revisions) or None,
                    "sources": " ".join(v.sources) or None,
                }
            )
    return rows
