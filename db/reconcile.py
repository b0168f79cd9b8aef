"""Official records against the news: reconcile ``official_observations`` with the news-derived timeline.

For each organisation and framework:

* every ``status_timeline`` period gets ``official_verdict``: ``confirmed`` when every official
  observation whose period overlaps it gives the period's status, ``contradicted`` when one gives
  another (``official_status``, ``official_note`` and ``official_ids`` say which), ``silent`` when none
  overlaps (or none is comparable: another framework version, a period of unknown status). A
  contradicted period is kept as the news tells it; the observation is kept too: nothing is overwritten.
* two consecutive official observations of the same framework version with different values are an
  official change; when no news change to the new value is dated between the two observations, it
  becomes a ``changes`` row with ``provenance = 'official'`` (news-derived rows have ``'news'``), dated
  at the start of the later observation's period, its evidence the two publications.

* the official record fills the timeline where the news is silent: spans of official observations
  (``official_spans``) and, for the parts no news period covers, ``status_timeline`` periods with
  ``provenance = 'official'`` (``db.official_periods``). The intensive-support family is reconciled
  against the NOF observations whose value the framework table flags as intensive support (``in``) or not
  (``out``); its official changes are the NOF track's, not repeated.

``reconcile(db, pairs)`` recomputes the given (ODS code, framework) pairs, or all of them for None; a NOF
pair brings its organisation's intensive-support pair along. It is called by ``db.derived.rebuild_derived``
after the timeline is rebuilt, and after an official import. Everything it writes for a pair comes from that
pair's own rows, so recomputing some pairs gives the rows a full rebuild gives. A pair without official
observations only has its periods judged ``silent`` and any earlier official rows forgotten: a full rebuild
does that for all such pairs with one statement per table (``_reconcile_quiet``), not pair by pair.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from nhswatch.extract import frameworks
from sqlite_utils import Database

from . import official_periods as official
from .timeline import EXITED, describe, first_day

Pair = tuple[str, str]
NOT_COMPARED = frozenset({EXITED})
RESTATEMENTS = frozenset({"state", "remain"})


def reconcile(db: Database, pairs: Iterable[Pair] | None = None) -> dict[str, int]:
    """Recompute verdicts and official changes for ``pairs`` (None: every pair); returns counts.

    One pair at a time, through the (ods_code, framework) indexes: memory is one organisation's rows and
    a few pairs cost a few lookups, whatever the size of the database.
    """
    if not _has_tables(db):
        return {}
    counts = {"confirmed": 0, "contradicted": 0, "silent": 0, "official_changes": 0, "official_periods": 0}
    with db.atomic():
        if pairs is None:
            db.execute("update changes set provenance = 'news' where provenance is null and ods_code is null")
        wanted = with_intensive(_pairs(db) if pairs is None else set(pairs))
        if pairs is None:
            observed = _observed(db)
            _reconcile_quiet(db, wanted - observed, counts)
            wanted &= observed
        for pair in sorted(wanted):
            _reconcile_pair(db, pair, counts)
    return counts


QUIET = "temp.reconcile_quiet"
IN_QUIET = f"(ods_code, framework) in (select ods_code, framework from {QUIET})"


def _observed(db: Database) -> set[Pair]:
    """Every pair that may have official observations of its track (``_track_observations``)."""
    rows = db.execute("select distinct ods_code, framework from official_observations where ods_code is not null")
    return with_intensive({(code, framework) for code, framework in rows})


def _reconcile_quiet(db: Database, pairs: set[Pair], counts: dict[str, int]) -> None:
    """``_reconcile_pair`` for pairs without official observations, set-based: their earlier official rows
    are deleted and their news periods judged silent."""
    db.execute(f"create table if not exists {QUIET} (ods_code text, framework text, primary key (ods_code, framework))")
    db.execute(f"delete from {QUIET}")
    db.conn.executemany(f"insert into {QUIET} values (?, ?)", sorted(pairs))
    db.execute(f"delete from status_timeline where provenance = 'official' and {IN_QUIET}")
    db.execute(f"delete from changes where provenance = 'official' and {IN_QUIET}")
    db.execute(f"delete from official_spans where {IN_QUIET}")
    db.execute(f"update changes set provenance = 'news' where provenance is null and {IN_QUIET}")
    judged = db.execute(
        "update status_timeline set official_verdict = 'silent', official_status = null, official_note = null,"
        f" official_ids = null where provenance = 'news' and {IN_QUIET}"
    )
    counts["silent"] += judged.rowcount
    db.execute(f"delete from {QUIET}")


_VERDICT_SQL = (
    "update status_timeline set official_verdict = :official_verdict, official_status = :official_status, "
    "official_note = :official_note, official_ids = :official_ids where id = :id"
)


def with_intensive(pairs: set[Pair]) -> set[Pair]:
    """The pairs, and the intensive-support pair of each organisation with a NOF pair among them."""
    return pairs | {
        (code, official.INTENSIVE_TRACK) for code, framework in pairs if framework in official.INTENSIVE_SOURCES
    }


def _reconcile_pair(db: Database, pair: Pair, counts: dict[str, int]) -> None:
    _clear(db, pair)
    obs = _track_observations(db, pair)
    periods = _rows(
        db, "select * from status_timeline where ods_code = ? and framework = ? and provenance = 'news'", pair
    )
    verdicts = []
    for period in periods:
        verdict = judge(period, obs)
        counts[verdict["official_verdict"]] += 1
        verdicts.append({**verdict, "id": period["id"]})
    if verdicts:
        db.conn.executemany(_VERDICT_SQL, verdicts)
    changes: list[dict[str, Any]] = []
    if pair[1] != official.INTENSIVE_TRACK:  # the NOF track's official changes say it already
        news = _rows(db, "select * from changes where ods_code = ? and framework = ? and provenance = 'news'", pair)
        changes = official_changes(obs, news)
    if changes:
        db["changes"].insert_all(changes, pk="id", replace=True)
    counts["official_changes"] += len(changes)
    found = official.spans(obs, periods)
    if found:
        db["official_spans"].insert_all(official.span_rows(pair, found), pk="id", replace=True)
    rows = official.period_rows(pair, found, periods, changes)
    if rows:
        db["status_timeline"].insert_all(rows, pk="id", replace=True)
    counts["official_periods"] += len(rows)


def _has_tables(db: Database) -> bool:
    tables = db.table_names()
    return (
        "official_observations" in tables
        and "official_spans" in tables
        and "provenance" in db["changes"].columns_dict
        and "provenance" in db["status_timeline"].columns_dict
    )


def _rows(db: Database, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
    return [dict(row) for row in db.query(sql, list(params))]


def _observations(db: Database, pair: Pair) -> list[dict[str, Any]]:
    return _rows(
        db,
        """select o.*, coalesce(org.name, o.org_name) as org_name, org.type as org_type,
                  p.title as publication_title, p.url as publication_url, p.source as publication_source
           from official_observations o join official_publications p on p.id = o.publication_id
           left join organisations org on org.ods_code = o.ods_code
           where o.ods_code = ? and o.framework = ?
           order by o.period_start, o.period_end, o.id""",
        pair,
    )


def _track_observations(db: Database, pair: Pair) -> list[dict[str, Any]]:
    """The official observations of a track: its own, or for the intensive-support family, the NOF ones."""
    code, framework = pair
    if framework != official.INTENSIVE_TRACK:
        return _observations(db, pair)
    found = [o for source in official.INTENSIVE_SOURCES for o in _observations(db, (code, source))]
    return official.intensive_observations(found)


def _pairs(db: Database) -> set[Pair]:
    rows = db.execute(
        "select ods_code, framework from status_timeline union select ods_code, framework from official_observations "
        "union select ods_code, framework from official_spans"
    )
    return {(code, framework) for code, framework in rows if code}


def _clear(db: Database, pair: Pair) -> None:
    """Forget the pair's earlier official changes, spans and periods; its news changes say 'news'."""
    # periods first: an official period's first_change_id points at an official change
    db.execute("delete from status_timeline where provenance = 'official' and ods_code = ? and framework = ?", pair)
    db.execute("delete from changes where provenance = 'official' and ods_code = ? and framework = ?", pair)
    db.execute("delete from official_spans where ods_code = ? and framework = ?", pair)
    db.execute(
        "update changes set provenance = 'news' where provenance is null and ods_code = ? and framework = ?", pair
    )


def overlaps(period: dict[str, Any], obs: dict[str, Any]) -> bool:
    """The observation's period [start, end] meets the timeline period [from, to)."""
    start = period.get("valid_from") or period.get("earliest_possible") or "0000"
    end = period.get("valid_to") or "9999"
    return (obs["period_start"] or "") < end and (obs["period_end"] or obs["period_start"] or "") >= start


def comparable(period: dict[str, Any], obs: dict[str, Any]) -> bool:
    """Same framework version where both say (segment 4 of 2021-25 is not segment 4 of 2025/26)."""
    if period.get("status") in NOT_COMPARED:
        return False
    version = period.get("framework_version")
    return not (version and obs.get("framework_version") and version != obs["framework_version"])


def judge(period: dict[str, Any], observations: list[dict[str, Any]]) -> dict[str, Any]:
    """The verdict columns of one timeline period."""
    seen = [o for o in observations if overlaps(period, o) and comparable(period, o)]
    against = [o for o in seen if o["status"] != period["status"]]
    if not seen:
        return {"official_verdict": "silent", "official_status": None, "official_note": None, "official_ids": None}
    shown = against[-1] if against else seen[-1]
    verdict = "contradicted" if against else "confirmed"
    note = "; ".join(
        f"{_where(o)} {o['period_label'] or o['period_start']}: {official.value_label(o)}" for o in (against or seen)
    )
    return {
        "official_verdict": verdict,
        "official_status": shown["status"],
        "official_note": note,
        "official_ids": json.dumps([o["id"] for o in seen]),
    }


def _where(obs: dict[str, Any]) -> str:
    return obs.get("publication_title") or obs.get("publication_source") or "official record"


def reported_by_news(before: dict[str, Any], after: dict[str, Any], news: list[dict[str, Any]]) -> bool:
    """A news change to ``after``'s value dated after ``before`` began and by the end of ``after``."""
    lower, upper = before["period_start"] or "", after["period_end"] or after["period_start"] or ""
    for change in news:
        if change.get("status") != after["status"] or not change.get("effective_date"):
            continue
        if change.get("framework_version") and change["framework_version"] != after["framework_version"]:
            continue
        if lower < first_day(change["effective_date"]) <= upper:
            return True
    return False


def official_changes(observations: list[dict[str, Any]], news: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``changes`` rows for value changes between consecutive observations that no news change reported."""
    rows = []
    by_version: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for obs in observations:
        by_version[obs.get("framework_version")].append(obs)
    for series in by_version.values():
        series.sort(key=lambda o: (o["period_start"] or "", o["period_end"] or ""))
        for before, after in pairwise(series):
            if before["status"] == after["status"] or reported_by_news(before, after, news):
                continue
            rows.append(change_row(before, after))
    return rows


def change_row(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """An official change as a ``changes`` row."""
    framework, version = after["framework"], after["framework_version"]
    key = ["official", after["ods_code"], framework, version, before["status"], after["status"], after["period_start"]]
    summary = describe(framework, "move", before["status"], after["status"], version)
    when = after["period_label"] or after["period_start"]
    evidence = (
        f"{_where(before)} {before['period_label'] or before['period_start']}: "
        f"{frameworks.label(framework, version, before['status'])}; "
        f"{_where(after)} {when}: {frameworks.label(framework, version, after['status'])}. "
        "No news report of this change was found."
    )
    return {
        "id": hashlib.sha1(json.dumps(key).encode()).hexdigest()[:16],
        "ods_code": after["ods_code"],
        "org_name": after["org_name"],
        "framework": framework,
        "framework_version": version,
        "change": "move",
        "from_status": before["status"],
        "to_status": after["status"],
        "status": after["status"],
        "summary": summary,
        "modality": "actual",
        "effective_date": after["period_start"],
        "effective_label": f"by {when}" if after["period_label"] else after["period_start"],
        "date_precision": "day",
        "date_key": (after["period_start"] or "")[:7],
        "date_min": before["period_end"],
        "date_max": after["period_start"],
        "first_seen": after["first_seen"],
        "first_published": after["first_seen"],
        "last_published": after["first_seen"],
        "events_count": 0,
        "documents_count": 0,
        "sources_count": 1,
        "confidence": 1.0,
        "evidence": evidence,
        "url": after.get("publication_url"),
        "title": after.get("publication_title"),
        "disputed": 0,
        "event_ids": "[]",
        "provenance": "official",
    }
