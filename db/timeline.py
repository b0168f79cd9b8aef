"""The rules behind the derived tables, as pure functions over event rows (see ``db.derived``).

``build(events)`` turns joined event/document rows into the rows of ``changes``, ``change_events`` and
``status_timeline``; the merging, family and timeline rules are documented in ``db.derived``.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any
from urllib.parse import urlsplit

from extract import frameworks

INTENSIVE_TRACK = frameworks.INTENSIVE_FAMILY
EXITED = frameworks.EXITED
# Which change word describes a merged change best: a move says most, a bare statement least.
CHANGE_RANK = {"move": 0, "enter": 1, "exit": 2, "remain": 3, "state": 4}


def short_hash(value: Any) -> str:
    """A 16-hex-digit id for a JSON-serialisable key."""
    return hashlib.sha1(json.dumps(value, default=str).encode("utf-8")).hexdigest()[:16]


def precision_of(value: str | None) -> str | None:
    return {4: "year", 7: "month", 10: "day"}.get(len(value)) if value else None


def first_day(value: str) -> str:
    """'2024' → '2024-01-01', '2024-05' → '2024-05-01', a day stays as it is."""
    return {4: value + "-01-01", 7: value + "-01"}.get(len(value), value[:10])


def intensive_state(framework: str, version: str | None, from_status: str | None,
                    to_status: str | None, change: str | None = None) -> str | None:
    """'in' / 'out' when an event says something about mandated intensive support, else None.

    The rule is the framework table's (``extract.frameworks.intensive_state``).
    """
    return frameworks.intensive_state(framework, version, from_status, to_status, change)


def publisher_key(row: dict[str, Any]) -> str:
    """Who published a document, for counting independent sources."""
    if row.get("publisher"):
        return str(row["publisher"]).strip().lower()
    host = urlsplit(row.get("url") or "").hostname
    if host:
        return host.removeprefix("www.")
    return row.get("source") or row["document_id"]


@dataclass
class Observation:
    """One event seen on one track."""

    event: dict[str, Any]
    track: str
    change: str
    from_status: str | None
    to_status: str | None
    date: str | None
    explicit_date: bool

    @property
    def status(self) -> str:
        return self.to_status if self.to_status is not None else EXITED

    @property
    def status_key(self) -> str:
        return self.status if self.to_status is not None else f"{EXITED}:{self.from_status}"

    @property
    def date_key(self) -> str | None:
        if not self.date:
            return None
        return self.date[:7] if precision_of(self.date) in ("day", "month") else self.date[:4]


def clean_date(value: str | None) -> str | None:
    """A valid ISO date cut to day precision; valid year and month dates stay; anything else is None."""
    candidate = (value or "").strip()[:10]
    if len(candidate) not in (4, 7, 10) or not candidate[:4].isdigit():
        return None
    try:
        date.fromisoformat(first_day(candidate))
    except ValueError:
        return None
    return candidate


def intensive_change(event: dict[str, Any], state: str) -> tuple[str, str | None]:
    """The change word and previous state of an event's observation on the intensive-support track."""
    if event["framework"] in frameworks.intensive_frameworks():
        return event["change"], event["from_status"]
    previous = None
    if event["from_status"] is not None:
        previous = intensive_state(event["framework"], event["framework_version"], None, event["from_status"])
    if state == "in" and (previous == "out" or (previous is None and event["change"] in ("enter", "move"))):
        return "enter", "out"
    if state == "out" and previous == "in":
        return "exit", "in"
    return ("remain" if event["change"] == "remain" else "state"), None


def event_version(event: dict[str, Any], date: str | None) -> str | None:
    """The event's framework version; for a versioned framework the event left without one, the
    version in force on its date (by the framework table), so its intensive-support meaning is known."""
    version = event["framework_version"]
    if version or event["framework"] not in frameworks.versioned_frameworks():
        return version
    return frameworks.version_for(event["framework"], date, event["to_status"] or event["from_status"])


def observations(event: dict[str, Any]) -> list[Observation]:
    """The observations one event makes: its own track, plus the intensive-support family."""
    explicit = clean_date(event["effective_date"])
    date = explicit or clean_date(event["published"])
    own = Observation(event, event["framework"], event["change"], event["from_status"], event["to_status"],
                      date, bool(explicit))
    out = [own]
    version = event_version(event, date)
    state = intensive_state(event["framework"], version, event["from_status"], event["to_status"], event["change"])
    if state is not None:
        change, previous = intensive_change({**event, "framework_version": version}, state)
        out.append(Observation(event, INTENSIVE_TRACK, change, previous, state, date, bool(explicit)))
    return out


@dataclass
class Change:
    """Observations merged into one reported change."""

    key: tuple
    members: list[Observation] = field(default_factory=list)
    disputed: bool = False
    notes: list[str] = field(default_factory=list)
    row: dict[str, Any] = field(default_factory=dict)

    @property
    def documents(self) -> set[str]:
        return {m.event["document_id"] for m in self.members}

    @property
    def sources(self) -> set[str]:
        return {publisher_key(m.event) for m in self.members}


def group_changes(obs: Iterable[Observation]) -> list[Change]:
    """Merge observations into changes by the merging rule in the module docstring."""
    groups: dict[tuple, Change] = {}
    for o in obs:
        key = (o.event["ods_code"], o.track, o.status_key, o.event["modality"] or "actual", o.date_key)
        groups.setdefault(key, Change(key)).members.append(o)
    for key in [k for k in groups if k[4] and len(k[4]) == 4]:
        months = [k for k in groups if k[:4] == key[:4] and k[4] and len(k[4]) == 7 and k[4][:4] == key[4]]
        if len(months) == 1:
            groups[months[0]].members += groups.pop(key).members
    return sorted(groups.values(), key=lambda c: [str(p) for p in c.key])


def most_common(values: Iterable[Any]) -> Any:
    counted = Counter(v for v in values if v is not None)
    if not counted:
        return None
    best = max(counted.values())
    return sorted(str(v) for v, n in counted.items() if n == best)[0]


def describe(framework: str, change: str, from_status: str | None, status: str,
             version: str | None = None) -> str:
    """A short English description of a change, for feed titles and the organisation page.

    Names and phrases come from the framework table: ``phrase`` for a value inside a sentence
    ('segment 4', 'rated good'), ``label`` for a programme or family, ``abbrev`` + version as a suffix.
    """
    label = frameworks.short_label(framework) if framework == INTENSIVE_TRACK else frameworks.framework_label(framework)
    known = frameworks.table().frameworks.get(framework)
    abbrev = known.abbrev if known else None
    suffix = f" ({abbrev} {version})" if known and known.versioned_events and abbrev and version else ""

    def name(value: str | None) -> str:
        return frameworks.phrase(framework, value)

    if framework == INTENSIVE_TRACK or (known and known.kind == "programme"):
        if change in ("state", "remain"):
            return f"{'in' if status == 'in' else 'not in'} {label}"
        return f"entered {label}" if status == "in" else f"left {label}"
    if status == EXITED:
        text = f"left {name(from_status)}"
    elif change == "move" and from_status:
        text = f"moved from {name(from_status)} to {name(status)}"
    elif known and known.kind == "rating":
        text = name(status) if change != "remain" else f"still {name(status)}"
    elif change == "remain":
        text = f"remains in {name(status)}"
    elif change == "enter":
        text = f"moved into {name(status)}"
    else:
        text = f"in {name(status)}"
    return text + suffix


def change_row(change: Change) -> dict[str, Any]:
    """The ``changes`` row for a merged change."""
    members = change.members
    ods_code, track, _, modality, date_key = change.key
    kind = min((m.change for m in members), key=lambda c: CHANGE_RANK.get(c, 9))
    froms = Counter(m.from_status for m in members if m.from_status is not None)
    if len(froms) > 1 and kind == "move":
        change.disputed = True
        change.notes.append("sources disagree on the previous status: "
                            + ", ".join(f"{k} ({n})" for k, n in sorted(froms.items())))
    from_status = most_common(m.from_status for m in members)
    version = most_common(m.event["framework_version"] for m in members)
    explicit = [m.date for m in members if m.explicit_date and m.date]
    days = [d for d in explicit if precision_of(d) == "day"]
    if days:
        effective = most_common(days)
    elif explicit:
        effective = max(explicit, key=len) if date_key and len(date_key) == 7 else most_common(explicit)
    else:
        effective = date_key
    best = max(members, key=lambda m: (m.event["confidence"] or 0, -ord_date(m.event["published"]),
                                       m.event["id"]))
    status = members[0].status
    published = [m.event["published"] for m in members if m.event["published"]]
    seen = [m.event["first_seen"] for m in members if m.event["first_seen"]]
    return {
        "id": short_hash(list(change.key)), "ods_code": ods_code, "org_name": members[0].event["org_name"],
        "framework": track, "framework_version": version, "change": kind, "from_status": from_status,
        "to_status": members[0].to_status, "status": status,
        "summary": describe(track, kind, from_status, status, version),
        "modality": modality, "effective_date": effective, "date_precision": precision_of(effective),
        "date_key": date_key, "date_min": min(explicit) if explicit else None,
        "date_max": max(explicit) if explicit else None, "first_seen": min(seen) if seen else None,
        "first_published": min(published) if published else None,
        "last_published": max(published) if published else None,
        "events_count": len({m.event["id"] for m in members}), "documents_count": len(change.documents),
        "sources_count": len(change.sources), "confidence": max(m.event["confidence"] or 0 for m in members),
        "evidence": best.event["evidence"], "document_id": best.event["document_id"], "url": best.event["url"],
        "title": best.event["title"], "disputed": 0, "dispute_note": None,
        "event_ids": json.dumps(sorted({m.event["id"] for m in members})),
    }


def ord_date(value: str | None) -> int:
    """A sortable integer for an ISO date (0 when missing)."""
    digits = (value or "")[:10].replace("-", "")
    return int(digits.ljust(8, "0")) if digits.isdigit() else 0


TRANSITIONS = frozenset({"enter", "exit", "move"})


def strength(change: Change) -> tuple:
    """How well supported a change is: documents, sources, a reported transition, confidence, recency."""
    row = change.row
    return (row["documents_count"], row["sources_count"], row["change"] in TRANSITIONS, row["confidence"],
            row["last_published"] or "", row["id"])


def follows(a: Change, b: Change) -> bool:
    """True when change ``b`` can have happened after ``a`` in the same month without contradiction."""
    ra, rb = a.row, b.row
    if ra["date_precision"] == rb["date_precision"] == "day" and ra["effective_date"] < rb["effective_date"]:
        return True
    if rb["change"] not in TRANSITIONS or rb["from_status"] != ra["status"]:
        return False
    # "still in X" published after the day "left X" took effect contradicts it.
    return not (ra["change"] in ("state", "remain") and rb["date_precision"] == "day"
                and (ra["last_published"] or "") > rb["effective_date"])


def order_month(group: list[Change]) -> list[Change]:
    """Order one month's changes of one track, settling disagreements (see module docstring)."""
    if len({c.key[2] for c in group}) == 1:
        return group
    # "Left segment 4" beside "now in segment 3": the exit is told by the new status, not contradicted.
    told = [c for c in group if c.row["status"] == EXITED
            and any(o.row["status"] not in (EXITED, c.row["from_status"]) for o in group)]
    group = [c for c in group if c not in told]
    if len({c.key[2] for c in group}) == 1:
        return group

    def sequence_key(c: Change) -> tuple:
        linked = any(c.row["from_status"] == o.row["status"] for o in group if o is not c)
        return (first_day(c.row["effective_date"]), linked)

    ordered = sorted(group, key=sequence_key)
    if all(follows(a, b) for a, b in pairwise(ordered)):
        return ordered
    winner = max(group, key=strength)
    others = [c for c in group if c is not winner]
    note = "sources disagree in {}: {} ({} docs) kept; also reported: {}".format(
        winner.row["date_key"], winner.row["status"], winner.row["documents_count"],
        "; ".join(f"{c.row['status']} ({c.row['documents_count']} docs)" for c in others))
    for c in group:
        c.disputed = True
        c.notes.append(note)
    return [winner]


@dataclass
class Interval:
    """A run of consecutive changes to the same status."""

    changes: list[Change]
    previous_status: str | None = None
    valid_to: str | None = None
    ended_by: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def first(self) -> Change:
        return self.changes[0]

    def same_status(self, change: Change) -> bool:
        a, b = self.first.row, change.row
        return a["status"] == b["status"] and (a["framework"] not in frameworks.versioned_frameworks()
                                               or a["framework_version"] == b["framework_version"])


def intervals_for(changes: list[Change]) -> list[Interval]:
    """The status intervals of one organisation on one track, from its actual changes."""
    dated = sorted((c for c in changes if c.row["effective_date"]),
                   key=lambda c: (first_day(c.row["effective_date"]), c.row["id"]))
    by_month: dict[str, list[Change]] = defaultdict(list)
    for c in dated:
        by_month[c.row["date_key"]].append(c)
    ordered: list[Change] = []
    for key in sorted(by_month, key=lambda k: (first_day(k), len(k))):
        ordered += order_month(by_month[key])
    out: list[Interval] = []
    for change in ordered:
        current = out[-1] if out else None
        if current and current.same_status(change):
            current.changes.append(change)
            continue
        previous = current.first.row["status"] if current else change.row["from_status"]
        interval = Interval([change], previous_status=previous)
        row = change.row
        if (current and row["change"] == "move" and row["from_status"]
                and row["from_status"] != current.first.row["status"] and current.first.row["status"] != EXITED):
            interval.notes.append(f"reported as a move from {row['from_status']}, but the status reported "
                                  f"before was {current.first.row['status']}")
        if current:
            current.valid_to, current.ended_by = first_day(row["effective_date"]), "next change"
        out.append(interval)
    return out


def superseded_dates(changes: list[Change]) -> dict[tuple[str, str], str]:
    """For each (framework, version) whose events carry a version, the date a later version first
    appears in the data. "Later" is the framework table's order of versions, not string order."""
    versioned = frameworks.versioned_frameworks()
    first_seen: dict[tuple[str, str], str] = {}
    for c in changes:
        framework, version, date = c.row["framework"], c.row["framework_version"], c.row["effective_date"]
        if framework in versioned and version and date and c.row["modality"] == "actual":
            day = first_day(date)
            first_seen[(framework, version)] = min(first_seen.get((framework, version), day), day)
    out = {}
    for (framework, version) in first_seen:
        order = frameworks.version_order(framework)
        if version not in order:
            continue
        later = [day for (f, v), day in first_seen.items()
                 if f == framework and v in order and order.index(v) > order.index(version)]
        if later:
            out[(framework, version)] = min(later)
    return out


def cap_interval(interval: Interval, close_date: str | None, superseded: dict[tuple[str, str], str]) -> None:
    """End an interval at the organisation's closure or the framework's replacement, if earlier."""
    row = interval.first.row
    valid_from = first_day(row["effective_date"])
    caps = []
    if close_date:
        caps.append((first_day(close_date), "organisation closed"))
    if (row["framework"], row["framework_version"]) in superseded:
        caps.append((superseded[(row["framework"], row["framework_version"])], "framework superseded"))
    for day, reason in sorted(caps):
        if day > valid_from and (interval.valid_to is None or day < interval.valid_to):
            interval.valid_to, interval.ended_by = day, reason
            break


def cap_by_family(intervals: list[Interval], family: list[Interval]) -> None:
    """End an RSP or special-measures 'in' interval when the intensive-support family says 'out'.

    Leaving NOF segment 4 (or 5) is leaving the programme, even if no source names the programme.
    """
    exits = [first_day(i.first.row["effective_date"]) for i in family if i.first.row["status"] == "out"]
    for interval in intervals:
        if interval.first.row["status"] != "in":
            continue
        start = first_day(interval.first.row["effective_date"])
        later = [day for day in exits if day > start and (interval.valid_to is None or day < interval.valid_to)]
        if later:
            interval.valid_to, interval.ended_by = min(later), "left intensive support"


def timeline_row(interval: Interval) -> dict[str, Any]:
    """The ``status_timeline`` row for an interval."""
    first = interval.first.row
    members = [m for c in interval.changes for m in c.members]
    disputed = any(c.disputed for c in interval.changes) or bool(interval.notes)
    notes = [n for c in interval.changes for n in c.notes] + interval.notes
    published = [c.row["last_published"] for c in interval.changes if c.row["last_published"]]
    dates = [c.row["effective_date"] for c in interval.changes]
    return {
        "id": short_hash([first["ods_code"], first["framework"], first["effective_date"], first["status"]]),
        "ods_code": first["ods_code"], "org_name": first["org_name"],
        "org_type": members[0].event["org_type"], "framework": first["framework"],
        "framework_version": first["framework_version"], "status": first["status"],
        "previous_status": interval.previous_status, "valid_from": first_day(first["effective_date"]),
        "valid_from_precision": first["date_precision"], "valid_to": interval.valid_to,
        "ended_by": interval.ended_by, "is_current": int(interval.valid_to is None),
        "start_change": first["change"], "first_change_id": first["id"],
        "last_reported": max([*dates, *published]),
        "changes_count": len(interval.changes), "events_count": len({m.event["id"] for m in members}),
        "documents_count": len({m.event["document_id"] for m in members}),
        "sources_count": len({publisher_key(m.event) for m in members}),
        "disputed": int(disputed), "dispute_note": "; ".join(dict.fromkeys(notes)) or None,
        "change_ids": json.dumps([c.row["id"] for c in interval.changes]),
        "event_ids": json.dumps(sorted({m.event["id"] for m in members})),
    }


def build(events: list[dict[str, Any]]) -> tuple[list[dict], list[dict], list[dict]]:
    """Rows of ``changes``, ``change_events`` and ``status_timeline`` for the given events."""
    changes = group_changes(o for e in events for o in observations(e))
    for change in changes:
        change.row = change_row(change)
    tracks: dict[tuple[str, str], list[Change]] = defaultdict(list)
    for change in changes:
        if change.key[3] == "actual":
            tracks[(change.key[0], change.key[1])].append(change)
    superseded = superseded_dates(changes)
    by_track: dict[tuple[str, str], list[Interval]] = {}
    for (code, track), members in sorted(tracks.items()):
        intervals = intervals_for(members)
        for interval in intervals:
            cap_interval(interval, interval.first.members[0].event["close_date"], superseded)
        by_track[(code, track)] = intervals
    for (code, track), intervals in by_track.items():
        if track in frameworks.intensive_frameworks():
            cap_by_family(intervals, by_track.get((code, INTENSIVE_TRACK), []))
    timeline = [timeline_row(i) for intervals in by_track.values() for i in intervals]
    for change in changes:
        if change.disputed:
            change.row["disputed"], change.row["dispute_note"] = 1, "; ".join(dict.fromkeys(change.notes))
    links = sorted({(c.row["id"], m.event["id"], m.event["document_id"]) for c in changes for m in c.members})
    link_rows = [{"change_id": a, "event_id": b, "document_id": d} for a, b, d in links]
    return [c.row for c in changes], link_rows, timeline
