"""The official record as periods: spans of official observations, and the timeline periods they add.

Official observations are authoritative for the period they cover; the news gives the history before,
between and after them. For one organisation and track (``db.reconcile`` calls this per pair):

* **spans** (table ``official_spans``): consecutive observations of the same value (and framework
  version) whose periods meet or overlap are one span. A quarter's observation covers its quarter: the span
  runs from the first observation's start to the day after the last one's end. A point observation (a CQC
  rating, dated by its publication) holds until the next official observation of the track or the next news
  period that begins after it (a later report is newer information), else it is open (current). Where two
  spans of different values overlap, the later one starts where the earlier ends.
* **official periods** (``status_timeline`` rows with ``provenance = 'official'``): the parts of the spans
  that no news period covers (a news period covers from ``coalesce(valid_from, earliest_possible)`` to
  ``valid_to``). Their evidence is the publications (``official_ids``, ``official_note``); they have no
  documents. Where a news period covers the date, the news period stays and its verdict says whether the
  official record confirms or contradicts it; the canned queries then prefer the span's status.
* **the intensive-support track**: NOF observations whose value the framework table flags as intensive
  support are ``in``, other values of a version with such flags are ``out`` (``intensive_observations``).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
from typing import Any

from nhswatch.extract import frameworks

from .timeline import human_date

INTENSIVE_TRACK = frameworks.INTENSIVE_FAMILY
INTENSIVE_SOURCES = ("nof",)  # frameworks whose official observations also speak of intensive support
FOREVER = "9999-12-31"
NEVER = "0000-01-01"

Row = dict[str, Any]


def short_hash(value: Any) -> str:
    return hashlib.sha1(json.dumps(value).encode()).hexdigest()[:16]


def day_after(day: str) -> str:
    return (date.fromisoformat(day[:10]) + timedelta(days=1)).isoformat()


def is_point(obs: Row) -> bool:
    """An observation dated by one day (a CQC rating's publication), not a period such as a quarter."""
    return not obs.get("period_end") or obs["period_end"] == obs["period_start"]


def value_label(obs: Row) -> str:
    """The observation's value in words (for an intensive-support observation, the NOF value it comes from)."""
    return obs.get("source_label") or frameworks.label(obs["framework"], obs["framework_version"], obs["status"])


def intensive_observations(observations: list[Row]) -> list[Row]:
    """NOF observations as observations of the intensive-support family ('in' / 'out', no version)."""
    out = []
    for obs in observations:
        if obs["framework"] not in INTENSIVE_SOURCES:
            continue
        state = frameworks.intensive_state(obs["framework"], obs["framework_version"], None, obs["status"])
        if state is None:
            continue
        out.append(
            {
                **obs,
                "framework": INTENSIVE_TRACK,
                "framework_version": None,
                "status": state,
                "source_label": frameworks.label(obs["framework"], obs["framework_version"], obs["status"]),
            }
        )
    return out


def coverage(periods: list[Row]) -> list[tuple[str, str]]:
    """The [from, to) days the news periods cover, sorted."""
    return sorted(
        (p.get("valid_from") or p.get("earliest_possible") or NEVER, p.get("valid_to") or FOREVER) for p in periods
    )


def _end(obs: Row, later: list[Row], news_starts: list[str]) -> str | None:
    """The day after an observation stops being authoritative (None: open)."""
    if not is_point(obs):
        return day_after(obs["period_end"])
    start = obs["period_start"]
    bounds = [o["period_start"] for o in later if o["period_start"] > start]
    bounds += [day for day in news_starts if day > start]
    return min(bounds, default=None)


def _continues(span: Row, obs: Row) -> bool:
    """The observation gives the span's value and version, and its period meets or overlaps the span."""
    same = (span["status"], span["framework_version"]) == (obs["status"], obs["framework_version"])
    return same and (span["valid_to"] is None or span["valid_to"] >= obs["period_start"])


def spans(observations: list[Row], news_periods: list[Row]) -> list[Row]:
    """The official record of one organisation and track as spans (see the module docstring)."""
    ordered = sorted((o for o in observations if o.get("period_start")), key=lambda o: (o["period_start"], o["id"]))
    news_starts = sorted(p["valid_from"] for p in news_periods if p.get("valid_from"))
    out: list[Row] = []
    for n, obs in enumerate(ordered):
        start, end = obs["period_start"], _end(obs, ordered[n + 1 :], news_starts)
        last = out[-1] if out else None
        if last and _continues(last, obs):
            last["valid_to"] = None if end is None or last["valid_to"] is None else max(end, last["valid_to"])
            last["observations"].append(obs)
            continue
        if last and (last["valid_to"] is None or last["valid_to"] > start):
            last["valid_to"] = start  # a later observation of another value takes over
        out.append(
            {
                "framework": obs["framework"],
                "framework_version": obs["framework_version"],
                "status": obs["status"],
                "valid_from": start,
                "valid_to": end,
                "observations": [obs],
            }
        )
    return [s for s in out if s["valid_to"] is None or s["valid_to"] > s["valid_from"]]


def uncovered(start: str, end: str | None, covered: list[tuple[str, str]]) -> list[tuple[str, str | None]]:
    """The parts of [start, end) outside every covered [from, to) (end None: open)."""
    pieces, cursor, stop = [], start, end or FOREVER
    for lo, hi in covered:
        if hi <= cursor or lo >= stop:
            continue
        if lo > cursor:
            pieces.append((cursor, lo))
        cursor = max(cursor, hi)
        if cursor >= stop:
            break
    if cursor < stop:
        pieces.append((cursor, stop))
    return [(lo, None if hi == FOREVER else hi) for lo, hi in pieces]


def note(observations: list[Row]) -> str:
    """Which publications said what, for which period."""
    return "; ".join(
        f"{o.get('publication_title') or o.get('publication_source') or 'official record'} "
        f"{o.get('period_label') or o['period_start']}: {value_label(o)}"
        for o in observations
    )


def period_label(observations: list[Row]) -> str:
    labels = list(dict.fromkeys(o.get("period_label") or o["period_start"] for o in observations))
    return labels[0] if len(labels) == 1 else f"{labels[0]} to {labels[-1]}"


def span_rows(pair: tuple[str, str], found: list[Row]) -> list[Row]:
    """``official_spans`` rows."""
    code, framework = pair
    return [
        {
            "id": short_hash(["span", code, framework, s["framework_version"], s["status"], s["valid_from"]]),
            "ods_code": code,
            "org_name": s["observations"][-1].get("org_name"),
            "framework": framework,
            "framework_version": s["framework_version"],
            "status": s["status"],
            "valid_from": s["valid_from"],
            "valid_to": s["valid_to"],
            "period_label": period_label(s["observations"]),
            "observation_ids": json.dumps([o["id"] for o in s["observations"]]),
            "publication_ids": json.dumps(sorted({o["publication_id"] for o in s["observations"]})),
            "note": note(s["observations"]),
        }
        for s in found
    ]


def period_rows(pair: tuple[str, str], found: list[Row], news_periods: list[Row], changes: list[Row]) -> list[Row]:
    """``status_timeline`` rows for the parts of the spans no news period covers."""
    covered = coverage(news_periods)
    starts = {p.get("valid_from") or p.get("earliest_possible") for p in news_periods}
    starts |= {s["valid_from"] for s in found}
    rows = []
    for span in found:
        for start, end in uncovered(span["valid_from"], span["valid_to"], covered):
            rows.append(official_period(pair, span, start, end, starts, changes))
    everything = sorted(
        [(p.get("valid_from") or p.get("earliest_possible") or NEVER, p["status"]) for p in news_periods]
        + [(r["valid_from"], r["status"]) for r in rows]
    )
    for row in rows:
        before = [status for day, status in everything if day < row["valid_from"]]
        row["previous_status"] = before[-1] if before else None
    return rows


def official_period(
    pair: tuple[str, str], span: Row, start: str, end: str | None, starts: set[str | None], changes: list[Row]
) -> Row:
    """One official period: the part [start, end) of a span."""
    code, framework = pair
    observations = span["observations"]
    opened = [c["id"] for c in changes if c["effective_date"] == start and c["status"] == span["status"]]
    ended_by = None if end is None else ("next change" if end in starts else "official record ends")
    return {
        "id": short_hash(["official", code, framework, span["framework_version"], span["status"], start]),
        "ods_code": code,
        "org_name": observations[-1].get("org_name"),
        "org_type": observations[-1].get("org_type"),
        "framework": framework,
        "framework_version": span["framework_version"],
        "status": span["status"],
        "previous_status": None,
        "valid_from": start,
        "valid_from_precision": "day",
        "valid_to": end,
        "ended_by": ended_by,
        "is_current": int(end is None),
        "start_change": "official",
        "first_change_id": opened[0] if opened else None,
        "last_reported": max((o.get("first_seen") or "")[:10] for o in observations) or None,
        "changes_count": len(opened),
        "events_count": 0,
        "documents_count": 0,
        "sources_count": len({o["publication_id"] for o in observations}),
        "disputed": 0,
        "dispute_note": None,
        "change_ids": json.dumps(opened),
        "event_ids": "[]",
        "valid_from_label": human_date(start),
        "earliest_possible": start,
        "implied_by": None,
        "confirmations_count": 0,
        "official_verdict": "official",
        "official_status": span["status"],
        "official_note": note(observations),
        "official_ids": json.dumps([o["id"] for o in observations]),
        "provenance": "official",
    }
