"""The rules behind the derived tables, as pure functions over event rows (see ``db.derived``).

``build_all(events)`` turns joined event/document rows into the rows of ``changes``, ``change_events``,
``status_timeline``, ``period_evidence`` and ``timeline_claim_rows`` (``build`` returns the first three); the
merging, family and timeline rules are documented in ``db.derived`` and docs/timeline.md.
"""

from __future__ import annotations

import calendar
import hashlib
import json
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import pairwise
from typing import Any
from urllib.parse import urlsplit

from nhswatch.extract import frameworks

INTENSIVE_TRACK = frameworks.INTENSIVE_FAMILY
EXITED = frameworks.EXITED
# Which change word describes a merged change best: a move says most, a bare statement least.
CHANGE_RANK = {"move": 0, "enter": 1, "exit": 2, "remain": 3, "state": 4}
# Change words that restate a status rather than report a change of it.
RESTATEMENTS = frozenset({"state", "remain"})
# Two reports of the same transition (same organisation, track and resulting status, nothing else
# reported in between) at most this many days apart are one change whose date is disputed.
SAME_CHANGE_DAYS = 183
MONTHS = tuple(calendar.month_name)[1:]  # "January" ... "December"
PRECISIONS = {4: "year", 7: "month", 10: "day"}
# The hot paths below run for every event of a full rebuild: one encoder built once (``json.dumps`` with an
# argument builds one per call), and lists of ids encoded by hand (the same text ``json.dumps`` gives).
_HASH_ENCODER = json.JSONEncoder(default=str)
_quote = json.encoder.encode_basestring_ascii


def short_hash(value: Any) -> str:
    """A 16-hex-digit id for a JSON-serialisable key."""
    if isinstance(value, list) and all(v is None or type(v) is str for v in value):
        text = "[" + ", ".join("null" if v is None else _quote(v) for v in value) + "]"
    else:
        text = _HASH_ENCODER.encode(value)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def json_ids(ids: list[str]) -> str:
    """``json.dumps(ids)`` for a list of strings, faster."""
    return "[" + ", ".join(map(_quote, ids)) + "]"


def precision_of(value: str | None) -> str | None:
    return PRECISIONS.get(len(value)) if value else None


def first_day(value: str) -> str:
    """'2024' → '2024-01-01', '2024-05' → '2024-05-01', a day stays as it is."""
    size = len(value)
    if size == 4:
        return value + "-01-01"
    return value + "-01" if size == 7 else value[:10]


@lru_cache(maxsize=8192)  # pure; asked for every change, period and claim
def human_date(value: str | None) -> str | None:
    """A date at the precision the text gave: '2026', 'March 2026', '3 March 2026' (None stays None)."""
    precision = precision_of(value)
    if precision is None or value is None:
        return None
    if precision == "year":
        return value[:4]
    month = MONTHS[int(value[5:7]) - 1]
    return f"{month} {value[:4]}" if precision == "month" else f"{int(value[8:10])} {month} {value[:4]}"


def compatible(a: str, b: str) -> bool:
    """True when two dates can name the same day: equal, or one is the other at a lower precision."""
    return a.startswith(b) or b.startswith(a)


def intensive_state(
    framework: str, version: str | None, from_status: str | None, to_status: str | None, change: str | None = None
) -> str | None:
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


@dataclass(slots=True)
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


@lru_cache(maxsize=8192)  # pure; asked twice for every event
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


_PER_TABLE: dict[str, tuple[Any, Any]] = {}


def _per_table(name: str, make: Callable[[], Any]) -> Any:
    """``make()``, computed once per framework table: what is asked for every event is not recomputed."""
    current = frameworks.table()
    cached = _PER_TABLE.get(name)
    if cached is None or cached[0] is not current:
        cached = _PER_TABLE[name] = (current, make())
    return cached[1]


def _versioned_frameworks() -> frozenset[str]:
    return _per_table("versioned", frameworks.versioned_frameworks)


def _intensive_frameworks() -> frozenset[str]:
    return _per_table("intensive", frameworks.intensive_frameworks)


def intensive_change(event: dict[str, Any], state: str, version: str | None) -> tuple[str, str | None]:
    """The change word and previous state of an event's observation on the intensive-support track
    (``version``: the event's framework version, or the one in force on its date; see ``event_version``)."""
    if event["framework"] in _intensive_frameworks():
        return event["change"], event["from_status"]
    previous = None
    if event["from_status"] is not None:
        previous = intensive_state(event["framework"], version, None, event["from_status"])
    if state == "in" and (previous == "out" or (previous is None and event["change"] in ("enter", "move"))):
        return "enter", "out"
    if state == "out" and previous == "in":
        return "exit", "in"
    return ("remain" if event["change"] == "remain" else "state"), None


def event_version(event: dict[str, Any], date: str | None) -> str | None:
    """The event's framework version; for a versioned framework the event left without one, the
    version in force on its date (by the framework table), so its intensive-support meaning is known."""
    version = event["framework_version"]
    if version or event["framework"] not in _versioned_frameworks():
        return version
    return frameworks.version_for(event["framework"], date, event["to_status"] or event["from_status"])


def observations(event: dict[str, Any]) -> list[Observation]:
    """The observations one event makes: its own track, plus the intensive-support family."""
    explicit = clean_date(event["effective_date"])
    date = explicit or clean_date(event["published"])
    own = Observation(
        event, event["framework"], event["change"], event["from_status"], event["to_status"], date, bool(explicit)
    )
    out = [own]
    version = event_version(event, date)
    state = intensive_state(event["framework"], version, event["from_status"], event["to_status"], event["change"])
    if state is not None:
        change, previous = intensive_change(event, state, version)
        out.append(Observation(event, INTENSIVE_TRACK, change, previous, state, date, bool(explicit)))
    return out


@dataclass(slots=True)
class Claim:
    """What one report says about a disputed period: a status, a date or a previous status."""

    kind: str  # 'status', 'date' or 'previous status'
    claim: str
    member: Observation
    kept: bool
    change: Change | None = None


@dataclass(slots=True)
class Change:
    """Observations merged into one reported change."""

    key: tuple
    members: list[Observation] = field(default_factory=list)
    disputed: bool = False
    notes: list[str] = field(default_factory=list)
    row: dict[str, Any] = field(default_factory=dict)
    # A change reported with dates in different months: the reports of each month (see merge_redated),
    # the key whose id the change keeps (the first seen), and the reports whose date it takes.
    parts: list[Change] = field(default_factory=list)
    id_key: tuple | None = None
    lead: list[Observation] | None = None
    # Reports of other statuses this change won a dispute against (see order_month).
    rivals: list[Change] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    @property
    def documents(self) -> set[str]:
        return {m.event["document_id"] for m in self.members}

    @property
    def sources(self) -> set[str]:
        return {publisher_key(m.event) for m in self.members}

    @property
    def restatement(self) -> bool:
        return self.row["change"] in RESTATEMENTS


def group_changes(obs: Iterable[Observation]) -> list[Change]:
    """Merge observations into changes by the merging rule in the module docstring."""
    groups: dict[tuple, Change] = {}
    for o in obs:
        key = (o.event["ods_code"], o.track, o.status_key, o.event["modality"] or "actual", o.date_key)
        change = groups.get(key)
        if change is None:
            change = groups[key] = Change(key)
        change.members.append(o)
    # Month keys by (organisation, track, status, modality, year): the year rule looks them up, not scans.
    months: dict[tuple, list[tuple]] = defaultdict(list)
    for k in groups:
        if k[4] and len(k[4]) == 7:
            months[(*k[:4], k[4][:4])].append(k)
    for key in [k for k in groups if k[4] and len(k[4]) == 4]:
        candidates = months.get((*key[:4], key[4]), [])
        if len(candidates) == 1:
            groups[candidates[0]].members += groups.pop(key).members
    return sorted(groups.values(), key=lambda c: tuple(map(str, c.key)))


def count(values: Iterable[Any]) -> dict[Any, int]:
    """How often each value other than None occurs (a ``Counter`` without its overhead, in first-seen order)."""
    counted: dict[Any, int] = {}
    for v in values:
        if v is not None:
            counted[v] = counted.get(v, 0) + 1
    return counted


def most_common(values: Iterable[Any]) -> Any:
    counted = count(values)
    if not counted:
        return None
    if len(counted) == 1:
        return str(next(iter(counted)))
    best = max(counted.values())
    return min(str(v) for v, n in counted.items() if n == best)


def describe(framework: str, change: str, from_status: str | None, status: str, version: str | None = None) -> str:
    """A short English description of a change, for feed titles and the organisation page.

    Names and phrases come from the framework table: ``phrase`` for a value inside a sentence
    ('segment 4', 'rated good'), ``label`` for a programme or family, ``abbrev`` + version as a suffix.
    Remembered per framework table (a few hundred combinations are asked for every change).
    """
    described: dict[tuple, str] = _per_table("describe", dict)
    key = (framework, change, from_status, status, version)
    text = described.get(key)
    if text is None:
        text = described[key] = _describe(framework, change, from_status, status, version)
    return text


def _describe(framework: str, change: str, from_status: str | None, status: str, version: str | None) -> str:
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


def date_claims(change: Change) -> list[Claim]:
    """One claim per report with a date of its own, when two reports give dates that cannot be the same
    day ('3 June 2022' and 'August 2022'; '2022-06' beside '2022' is no disagreement)."""
    explicit = [m for m in change.members if m.explicit_date and m.date]
    dates = sorted({m.date for m in explicit if m.date})
    if len(dates) < 2 or all(compatible(a, b) for a in dates for b in dates):
        return []
    kept = change.row["effective_date"]
    return [Claim("date", human_date(m.date) or "", m, compatible(m.date or "", kept), change) for m in explicit]


def change_row(change: Change) -> dict[str, Any]:
    """The ``changes`` row for a merged change."""
    members = change.members
    ods_code, track, _, modality, date_key = change.key
    kind = min((m.change for m in members), key=lambda c: CHANGE_RANK.get(c, 9))
    change.notes, change.claims, change.disputed = [], [], False
    froms = count(m.from_status for m in members)
    if len(froms) > 1 and kind == "move":
        change.disputed = True
        change.notes.append(
            "sources disagree on the previous status: " + ", ".join(f"{k} ({n})" for k, n in sorted(froms.items()))
        )
    from_status = most_common(m.from_status for m in members)
    if len(froms) > 1 and kind == "move":
        change.claims += [
            Claim(
                "previous status",
                "from " + frameworks.phrase(track, m.from_status),
                m,
                m.from_status == from_status,
                change,
            )
            for m in members
            if m.from_status
        ]
    version = most_common(m.event["framework_version"] for m in members)
    explicit = [m.date for m in (change.lead or members) if m.explicit_date and m.date]
    all_explicit = [m.date for m in members if m.explicit_date and m.date]
    days = [d for d in explicit if precision_of(d) == "day"]
    if days:
        effective = most_common(days)
    elif explicit:
        effective = max(explicit, key=len) if date_key and len(date_key) == 7 else most_common(explicit)
    else:
        effective = date_key
    best = (
        members[0]
        if len(members) == 1
        else max(members, key=lambda m: (m.event["confidence"] or 0, -ord_date(m.event["published"]), m.event["id"]))
    )
    status = members[0].status
    event_ids = sorted({m.event["id"] for m in members})
    published = [m.event["published"] for m in members if m.event["published"]]
    seen = [m.event["first_seen"] for m in members if m.event["first_seen"]]
    row = {
        "id": short_hash(list(change.id_key or change.key)),
        "ods_code": ods_code,
        "org_name": members[0].event["org_name"],
        "framework": track,
        "framework_version": version,
        "change": kind,
        "from_status": from_status,
        "to_status": members[0].to_status,
        "status": status,
        "summary": describe(track, kind, from_status, status, version),
        "modality": modality,
        "effective_date": effective,
        "date_precision": precision_of(effective),
        "effective_label": human_date(effective),
        "date_key": date_key,
        "date_min": min(all_explicit) if all_explicit else None,
        "date_max": max(all_explicit) if all_explicit else None,
        "first_seen": min(seen) if seen else None,
        "first_published": min(published) if published else None,
        "last_published": max(published) if published else None,
        "events_count": len(event_ids),
        "documents_count": len(change.documents),
        "sources_count": len(change.sources),
        "confidence": max(m.event["confidence"] or 0 for m in members),
        "evidence": best.event["evidence"],
        "document_id": best.event["document_id"],
        "url": best.event["url"],
        "title": best.event["title"],
        "disputed": 0,
        "dispute_note": None,
        "event_ids": json_ids(event_ids),
        "provenance": "news",  # db/reconcile.py adds the changes only official records show
    }
    change.row = row
    claims = date_claims(change)
    if claims:
        change.disputed = True
        counted = Counter(c.member.date for c in claims)
        change.notes.append(
            "sources disagree on the date: "
            + "; ".join(
                f"{human_date(d)} ({len({c.member.event['document_id'] for c in claims if c.member.date == d})} docs)"
                for d in sorted(counted, key=str)
            )
        )
        change.claims += claims
    return row


@lru_cache(maxsize=8192)  # pure; asked for every report of every change
def ord_date(value: str | None) -> int:
    """A sortable integer for an ISO date (0 when missing)."""
    digits = (value or "")[:10].replace("-", "")
    return int(digits.ljust(8, "0")) if digits.isdigit() else 0


TRANSITIONS = frozenset({"enter", "exit", "move"})


def merge_redated(changes: list[Change]) -> list[Change]:
    """One change, one row: reports of the same transition whose dates fall in different months.

    Per organisation, track and modality, a transition (enter, move, exit) to the status a previous
    transition already reached, with no report of any other status dated between them and at most
    SAME_CHANGE_DAYS later, cannot be a second change (nothing left the status in between): it is the
    same change reported with another date. The merged change takes its date from the part with the most
    documents (then sources, then the most precise date, then the first seen), keeps the id of the part
    nhswatch saw first (so feed entries stay stable), and is disputed with every dated report as a claim.
    """
    by_track: dict[tuple, list[Change]] = defaultdict(list)
    for change in changes:
        by_track[(change.key[0], change.key[1], change.key[3])].append(change)
    out: list[Change] = []
    for members in by_track.values():
        dated = sorted((c for c in members if c.key[4]), key=lambda c: (first_day(c.key[4]), c.row["id"]))
        # A report known only to the year is left to the year rule of group_changes.
        out += [c for c in members if not c.key[4] or len(c.key[4]) == 4]
        dated = [c for c in dated if len(c.key[4]) != 4]
        days = [first_day(c.key[4]) for c in dated]
        clusters: list[list[Change]] = []
        latest: dict[str, list[Change]] = {}  # status → the newest cluster of that status
        for change, day in zip(dated, days, strict=True):
            target = None
            cluster = latest.get(change.key[2]) if change.row["change"] in TRANSITIONS else None
            if cluster is not None:
                last = cluster[-1]
                previous = first_day(last.key[4])
                near = date.fromisoformat(day).toordinal() - date.fromisoformat(previous).toordinal()
                if (
                    last.row["change"] in TRANSITIONS
                    and near <= SAME_CHANGE_DAYS
                    and not other_status_between(dated, days, change.key[2], previous, day)
                ):
                    target = cluster
            if target is not None:
                target.append(change)
            else:
                clusters.append([change])
                latest[change.key[2]] = clusters[-1]
        for cluster in clusters:
            out.append(cluster[0] if len(cluster) == 1 else merged(cluster))
    return sorted(out, key=lambda c: tuple(map(str, c.key)))


def other_status_between(dated: list[Change], days: list[str], status: str, start: str, end: str) -> bool:
    """Whether a change of another status than ``status`` is dated from ``start`` to ``end`` (``days`` are
    the first days of ``dated``, in order): a bisection, then only the changes inside the window."""
    low, high = bisect_left(days, start), bisect_right(days, end)
    return any(dated[i].key[2] != status for i in range(low, high))


def merged(parts: list[Change]) -> Change:
    """One change from the reports of several months (see merge_redated)."""

    def lead_order(c: Change) -> tuple:
        return (
            -c.row["documents_count"],
            -c.row["sources_count"],
            -len(c.row["effective_date"] or ""),
            c.row["first_seen"] or "~",
            c.row["id"],
        )

    lead = min(parts, key=lead_order)
    first = min(parts, key=lambda c: (c.row["first_seen"] or "~", c.row["id"]))
    change = Change(
        lead.key,
        [m for p in parts for m in p.members],
        parts=parts,
        id_key=first.id_key or first.key,
        lead=lead.members,
    )
    change.row = change_row(change)
    return change


def strength(change: Change) -> tuple:
    """How well supported a change is: documents, sources, a reported transition, confidence, recency."""
    row = change.row
    return (
        row["documents_count"],
        row["sources_count"],
        row["change"] in TRANSITIONS,
        row["confidence"],
        row["last_published"] or "",
        row["id"],
    )


def follows(a: Change, b: Change) -> bool:
    """True when change ``b`` can have happened after ``a`` in the same month without contradiction."""
    ra, rb = a.row, b.row
    if ra["date_precision"] == rb["date_precision"] == "day" and ra["effective_date"] < rb["effective_date"]:
        return True
    if rb["change"] not in TRANSITIONS or rb["from_status"] != ra["status"]:
        return False
    # "still in X" published after the day "left X" took effect contradicts it.
    return not (
        ra["change"] in ("state", "remain")
        and rb["date_precision"] == "day"
        and (ra["last_published"] or "") > rb["effective_date"]
    )


def order_month(group: list[Change]) -> list[Change]:
    """Order one month's changes of one track, settling disagreements (see module docstring)."""
    if len({c.key[2] for c in group}) == 1:
        return group
    # "Left segment 4" beside "now in segment 3": the exit is told by the new status, not contradicted.
    told = [
        c
        for c in group
        if c.row["status"] == EXITED and any(o.row["status"] not in (EXITED, c.row["from_status"]) for o in group)
    ]
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
        winner.row["date_key"],
        winner.row["status"],
        winner.row["documents_count"],
        "; ".join(f"{c.row['status']} ({c.row['documents_count']} docs)" for c in others),
    )
    for c in group:
        c.disputed = True
        c.notes.append(note)
    winner.rivals += others
    return [winner]


@dataclass(slots=True)
class Interval:
    """A run of consecutive reports of the same status: the changes that began it (none when the period
    is only implied by the move or exit that ended it), and the restatements that confirm it."""

    changes: list[Change]
    framework: str
    status: str
    version: str | None
    previous_status: str | None = None
    valid_to: str | None = None
    ended_by: str | None = None
    notes: list[str] = field(default_factory=list)
    confirmations: list[Change] = field(default_factory=list)
    implied_by: Change | None = None
    claims: list[Claim] = field(default_factory=list)

    @classmethod
    def starting(cls, change: Change, previous_status: str | None) -> Interval:
        row = change.row
        return cls([change], row["framework"], row["status"], row["framework_version"], previous_status)

    @property
    def first(self) -> Change | None:
        return self.changes[0] if self.changes else None

    @property
    def valid_from(self) -> str | None:
        """First day of the start; None when the start is not reported."""
        return first_day(self.changes[0].row["effective_date"]) if self.changes else None

    @property
    def supporting(self) -> list[Change]:
        return self.changes + self.confirmations

    def same_status(self, change: Change) -> bool:
        row = change.row
        return self.status == row["status"] and (
            self.framework not in _versioned_frameworks() or self.version == row["framework_version"]
        )


def implied_before(change: Change) -> Interval | None:
    """The period a move or an exit implies: the status it left held until it (start not reported)."""
    row = change.row
    if row["change"] not in ("move", "exit"):
        return None
    status = row["from_status"]
    known = frameworks.table().frameworks.get(row["framework"])
    if status is None and row["change"] == "exit" and known is not None and known.kind == "programme":
        status = "in"
    if status is None or status == row["status"]:
        return None
    interval = Interval([], row["framework"], status, row["framework_version"], implied_by=change)
    interval.claims += [c for c in change.claims if c.kind == "previous status"]
    if interval.claims:
        interval.notes += [n for n in change.notes if n.startswith("sources disagree on the previous status")]
    return interval


def intervals_for(changes: list[Change]) -> list[Interval]:
    """The status intervals of one organisation on one track, from its actual changes.

    A restatement ('state', 'remain') of the status in force confirms the interval instead of starting
    one. A move or exit with nothing reported before it implies an interval of the status it left.
    """
    dated = sorted(
        (c for c in changes if c.row["effective_date"]), key=lambda c: (first_day(c.row["effective_date"]), c.row["id"])
    )
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
            (current.confirmations if change.restatement else current.changes).append(change)
            continue
        if current is None:
            current = implied_before(change)
            if current:
                out.append(current)
        previous = current.status if current else change.row["from_status"]
        interval = Interval.starting(change, previous)
        row = change.row
        if (
            current
            and row["change"] == "move"
            and row["from_status"]
            and row["from_status"] != current.status
            and current.status != EXITED
        ):
            interval.notes.append(
                f"reported as a move from {row['from_status']}, but the status reported before was {current.status}"
            )
            before = current.first or current.implied_by
            interval.claims += [
                Claim("previous status", "from " + frameworks.phrase(row["framework"], m.from_status), m, False, change)
                for m in change.members
                if m.from_status
            ]
            if before is not None:
                interval.claims += [
                    Claim("previous status", frameworks.phrase(row["framework"], current.status), m, True, before)
                    for m in before.members
                ]
        if current:
            current.valid_to, current.ended_by = first_day(row["effective_date"]), "next change"
        out.append(interval)
    return out


def version_starts(changes: Iterable[Change]) -> dict[tuple[str, str], str]:
    """For each (framework, version) whose events carry a version, the first day it appears in these
    changes (actual ones). The only fact that crosses organisations: see ``superseded_dates``."""
    versioned = frameworks.versioned_frameworks()
    first_seen: dict[tuple[str, str], str] = {}
    for c in changes:
        framework, version, date = c.row["framework"], c.row["framework_version"], c.row["effective_date"]
        if framework in versioned and version and date and c.row["modality"] == "actual":
            day = first_day(date)
            first_seen[(framework, version)] = min(first_seen.get((framework, version), day), day)
    return first_seen


def superseded_dates(changes: list[Change]) -> dict[tuple[str, str], str]:
    """For each (framework, version) whose events carry a version, the date a later version first
    appears in the data. "Later" is the framework table's order of versions, not string order."""
    return superseded_from(version_starts(changes))


def superseded_from(first_seen: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """``superseded_dates`` from the first day each (framework, version) appears (``version_starts``)."""
    out = {}
    for framework, version in first_seen:
        order = frameworks.version_order(framework)
        if version not in order:
            continue
        later = [
            day
            for (f, v), day in first_seen.items()
            if f == framework and v in order and order.index(v) > order.index(version)
        ]
        if later:
            out[(framework, version)] = min(later)
    return out


def cap_interval(interval: Interval, close_date: str | None, superseded: dict[tuple[str, str], str]) -> None:
    """End an interval at the organisation's closure or the framework's replacement, if earlier."""
    if interval.valid_from is None:  # implied: it ends at the change that implies it
        return
    valid_from = interval.valid_from
    caps = []
    if close_date:
        caps.append((first_day(close_date), "organisation closed"))
    if (interval.framework, interval.version) in superseded:
        caps.append((superseded[(interval.framework, interval.version)], "framework superseded"))
    for day, reason in sorted(caps):
        if day > valid_from and (interval.valid_to is None or day < interval.valid_to):
            interval.valid_to, interval.ended_by = day, reason
            break


def cap_by_family(intervals: list[Interval], family: list[Interval]) -> None:
    """End an RSP or special-measures 'in' interval when the intensive-support family says 'out'.

    Leaving NOF segment 4 (or 5) is leaving the programme, even if no source names the programme.
    """
    exits = [i.valid_from for i in family if i.status == "out" and i.valid_from]
    for interval in intervals:
        if interval.status != "in" or interval.valid_from is None:
            continue
        start = interval.valid_from
        later = [day for day in exits if day > start and (interval.valid_to is None or day < interval.valid_to)]
        if later:
            interval.valid_to, interval.ended_by = min(later), "left intensive support"


def earliest_start(framework: str, version: str | None, open_date: str | None) -> str | None:
    """The earliest day a period could have begun: the framework (version) coming into force, by the
    framework table, or the organisation opening, whichever is later. For the intensive-support family,
    the first regime that is intensive support."""
    table = frameworks.table()
    known = table.frameworks.get(framework)
    if known is not None:
        start = (known.versions[version] if version in known.versions else next(iter(known.versions.values()))).start
    else:
        starts = [next(iter(f.versions.values())).start for f in table.frameworks.values() if f.has_intensive]
        start = min(starts) if starts else None
    bounds = [d for d in (start, clean_date(open_date)) if d]
    return max(first_day(d) for d in bounds) if bounds else None


def implied_earliest(interval: Interval, open_date: str | None) -> str | None:
    """``earliest_start`` of a period whose start is not reported. On the intensive-support family, the
    regime the implying reports name bounds it (leaving NOF 2021 segment 4 says nothing about 2015)."""
    if interval.framework != INTENSIVE_TRACK or interval.implied_by is None:
        return earliest_start(interval.framework, interval.version, open_date)
    bounds = [
        earliest_start(m.event["framework"], event_version(m.event, m.date), open_date)
        for m in interval.implied_by.members
    ]
    return min((b for b in bounds if b), default=None)


def interval_id(interval: Interval, ods_code: str) -> str:
    if interval.first is not None:
        first = interval.first.row
        return short_hash([ods_code, first["framework"], first["effective_date"], first["status"]])
    assert interval.implied_by is not None
    return short_hash([ods_code, interval.framework, "implied", interval.implied_by.row["id"], interval.status])


def timeline_row(interval: Interval, change_ids: set[str]) -> dict[str, Any]:
    """The ``status_timeline`` row for an interval."""
    anchor = interval.first or interval.implied_by
    assert anchor is not None
    evidence = interval.supporting + ([interval.implied_by] if interval.implied_by else [])
    members = [m for c in evidence for m in c.members]
    event = members[0].event
    event_ids = sorted({m.event["id"] for m in members})
    disputed = any(c.disputed for c in interval.supporting) or bool(interval.notes)
    notes = [n for c in interval.supporting for n in c.notes] + interval.notes
    if interval.first is not None:
        published = [c.row["last_published"] for c in interval.supporting if c.row["last_published"]]
        dates = [c.row["effective_date"] for c in interval.supporting]
        last_reported = max([*dates, *published])
    else:
        last_reported = anchor.row["effective_date"]
    valid_from = interval.valid_from
    start = interval.first.row if interval.first else None
    return {
        "id": interval_id(interval, event["ods_code"]),
        "ods_code": event["ods_code"],
        "org_name": anchor.row["org_name"],
        "org_type": event["org_type"],
        "framework": interval.framework,
        "framework_version": interval.version,
        "status": interval.status,
        "previous_status": interval.previous_status,
        "valid_from": valid_from,
        "valid_from_precision": start["date_precision"] if start else None,
        "valid_to": interval.valid_to,
        "ended_by": interval.ended_by,
        "is_current": int(interval.valid_to is None),
        "start_change": start["change"] if start else None,
        "first_change_id": start["id"] if start else None,
        "last_reported": last_reported,
        "changes_count": len(interval.changes),
        "events_count": len(event_ids),
        "documents_count": len({m.event["document_id"] for m in members}),
        "sources_count": len({publisher_key(m.event) for m in members}),
        "disputed": int(disputed),
        "dispute_note": "; ".join(dict.fromkeys(notes)) or None,
        "change_ids": json_ids([c.row["id"] for c in interval.changes if c.row["id"] in change_ids]),
        "event_ids": json_ids(event_ids),
        "valid_from_label": human_date(start["effective_date"]) if start else "not reported",
        "earliest_possible": valid_from or implied_earliest(interval, event.get("open_date")),
        "implied_by": interval.implied_by.row["id"] if interval.implied_by else None,
        "confirmations_count": len(interval.confirmations),
    }


def status_claims(interval: Interval) -> list[Claim]:
    """The claims of a period that won a dispute over other statuses: its own reports and the others'."""
    out: list[Claim] = []
    for change in interval.supporting:
        if not change.rivals:
            continue
        for c, kept in [(change, True), *((r, False) for r in change.rivals)]:
            out += [
                Claim(
                    "status",
                    describe(c.row["framework"], m.change, m.from_status, m.status, c.row["framework_version"]),
                    m,
                    kept,
                    c,
                )
                for m in c.members
            ]
    return out


def claim_rows(interval: Interval, period_id: str, change_ids: set[str]) -> list[dict[str, Any]]:
    """The ``timeline_claim_rows`` of a disputed period (one per claim per document; the ``timeline_claims``
    view adds the document's and the event's columns)."""
    claims = interval.claims + status_claims(interval)
    claims += [c for change in interval.supporting for c in change.claims]
    rows: dict[tuple, dict[str, Any]] = {}
    for claim in claims:
        e = claim.member.event
        key = (claim.kind, claim.claim, e["document_id"])
        if key in rows and rows[key]["event_id"] <= e["id"]:
            continue
        change_id = claim.change.row["id"] if claim.change and claim.change.row["id"] in change_ids else None
        rows[key] = {
            "period_id": period_id,
            "kind": claim.kind,
            "claim": claim.claim,
            "document_id": e["document_id"],
            "event_id": e["id"],
            "ods_code": e["ods_code"],
            "framework": claim.member.track,
            "status": claim.member.status,
            "effective_date": claim.member.date if claim.member.explicit_date else None,
            "effective_label": human_date(claim.member.date) if claim.member.explicit_date else None,
            "kept": int(claim.kept),
            "change_id": change_id,
            "publisher": e.get("publisher") or publisher_key(e),
        }
    return [rows[k] for k in sorted(rows, key=lambda k: (k[0], not rows[k]["kept"], k[1], k[2]))]


def evidence_rows(interval: Interval, period_id: str, change_ids: set[str]) -> list[dict[str, Any]]:
    """The ``period_evidence`` rows of a period: which events began, confirm or imply it."""
    rows: dict[str, dict[str, Any]] = {}
    roles = [("change", c) for c in interval.changes] + [("confirmation", c) for c in interval.confirmations]
    roles += [("implied", interval.implied_by)] if interval.implied_by else []
    for role, change in roles:
        for m in change.members:
            rows.setdefault(
                m.event["id"],
                {
                    "period_id": period_id,
                    "event_id": m.event["id"],
                    "document_id": m.event["document_id"],
                    "role": role,
                    "change_id": change.row["id"] if change.row["id"] in change_ids else None,
                },
            )
    return [rows[k] for k in sorted(rows)]


@dataclass
class Derived:
    """The rows of every derived table."""

    changes: list[dict[str, Any]]
    change_events: list[dict[str, Any]]
    status_timeline: list[dict[str, Any]]
    period_evidence: list[dict[str, Any]]
    timeline_claim_rows: list[dict[str, Any]]
    # The first day each (framework, version) appears in these events' changes (``version_starts``).
    version_starts: dict[tuple[str, str], str] = field(default_factory=dict)


def build_all(events: Iterable[dict[str, Any]], superseded: dict[tuple[str, str], str] | None = None) -> Derived:
    """Rows of the derived tables for the given events.

    ``superseded`` (see ``superseded_dates``) is the one input that depends on other organisations' events:
    when the events are one organisation's, pass the value computed over all of them; None computes it
    from ``events``.
    """
    changes = group_changes(o for e in events for o in observations(e))
    for change in changes:
        change_row(change)
    changes = merge_redated(changes)
    starts = version_starts(changes)
    tracks: dict[tuple[str, str], list[Change]] = defaultdict(list)
    for change in changes:
        if change.key[3] == "actual":
            tracks[(change.key[0], change.key[1])].append(change)
    if superseded is None:
        superseded = superseded_from(starts)
    by_track: dict[tuple[str, str], list[Interval]] = {}
    for (code, track), members in sorted(tracks.items()):
        intervals = intervals_for(members)
        for interval in intervals:
            cap_interval(interval, (interval.first or interval.implied_by).members[0].event["close_date"], superseded)
        by_track[(code, track)] = intervals
    for (code, track), intervals in by_track.items():
        if track in _intensive_frameworks():
            cap_by_family(intervals, by_track.get((code, INTENSIVE_TRACK), []))
    # A restatement is a change only when it opened a period (nothing before it to confirm); an actual
    # restatement that confirms a period, or lost a dispute, is evidence, not a change.
    opened = {id(i.first) for intervals in by_track.values() for i in intervals if i.first is not None}
    kept = [c for c in changes if not (c.restatement and c.key[3] == "actual") or id(c) in opened]
    change_ids = {c.row["id"] for c in kept}
    timeline, evidence, claims = [], [], []
    for intervals in by_track.values():
        for interval in intervals:
            row = timeline_row(interval, change_ids)
            timeline.append(row)
            evidence += evidence_rows(interval, row["id"], change_ids)
            if row["disputed"]:
                claims += claim_rows(interval, row["id"], change_ids)
    for change in kept:
        if change.disputed:
            change.row["disputed"], change.row["dispute_note"] = 1, "; ".join(dict.fromkeys(change.notes))
    links = sorted({(c.row["id"], m.event["id"], m.event["document_id"]) for c in kept for m in c.members})
    link_rows = [{"change_id": a, "event_id": b, "document_id": d} for a, b, d in links]
    return Derived([c.row for c in kept], link_rows, timeline, evidence, claims, starts)


def build(events: list[dict[str, Any]]) -> tuple[list[dict], list[dict], list[dict]]:
    """Rows of ``changes``, ``change_events`` and ``status_timeline`` for the given events."""
    derived = build_all(events)
    return derived.changes, derived.change_events, derived.status_timeline
