"""What an organisation page lists: its latest changes and periods, and the first reports of each.

A change reported by hundreds of documents, or an organisation with hundreds of changes, would make the
page megabytes long and slow to build. The page lists the latest TABLE_ROWS changes and periods
(``?all=1`` lists all of them); the chart keeps a bar for every period and marks the changes listed. Each
change (and each period's confirmations) shows its first SHOWN reports, earliest published first, with
how many there are and a link to the full, paginated list in the change_events / period_evidence tables;
each side of a dispute shows its first report and links to timeline_claims.

Only the reports shown are joined to their sentence, document and archived copy. Ranking them reads the
narrow link tables and the documents' dates from the index ``idx_documents_id_published`` (migration m007),
never the documents' rows, which hold their text and take about a page each.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

TABLE_ROWS = 20  # changes, and periods, listed on an organisation page unless it is asked for ?all=1
SHOWN = 2  # reports shown per change and per period's confirmations
CLAIM_REPORTS_SHOWN = 1  # reports shown per side of a dispute
DATES_INDEX = "idx_documents_id_published"

# ``{link}``: change_events or period_evidence; ``{key}``: its change_id or period_id; ``{scope}``: which of
# its rows count (``and ...``, or nothing); ``{hint}``: the covering index (the planner prefers the unique one).
# Each owner's first reports are ranked over its own rows (a window over the rows of every listed owner took
# 4x as long: 5.2 against 1.4 ms for the most reported organisation's changes at 100,000 documents).
FIRST_REPORTS = """
select o.value as owner, e.evidence, e.effective_date, e.date_text, e.confidence, d.title, d.url, d.published,
       d.publisher, d.id as document_id,
       (select f.content_hash from fetches f where f.url = d.url and f.content_hash is not null
        order by f.id desc limit 1) as archive_digest
from json_each(:ids) o
  join {link} l on l.rowid in (
    select k.rowid from {link} k join documents kd {hint} on kd.id = k.document_id
    where k.{key} = o.value {scope}
    order by kd.published, kd.id limit :shown)
  join events e on e.id = l.event_id join documents d on d.id = l.document_id
order by o.value, d.published, d.id
"""
# Each side of a dispute (a period's claims of one kind and value) with its first reports and how many it
# has. The sides and their counts come from the claims' primary key alone; each side's first reports are
# ranked over its own rows, by the dates in DATES_INDEX; only the rows shown are read whole from the view.
# (A window over all the claims of the listed periods, ranked by the view's published column, took 18 ms
# for the most reported organisation at 100,000 documents: this takes 4.) The sides are found from the listed
# periods' keys (``+ods_code``: through the organisation's index SQLite read all 29,316 claims of that
# organisation to keep 2,940, 15 ms), and each side's rows from the primary key, which holds the claim (the
# period index, without it, read every claim of a kind once per side). Ties go to the earlier document id, so
# a page shows the same report whatever plan SQLite picks.
CLAIM_ROWS_KEY = "sqlite_autoindex_timeline_claim_rows_1"  # the primary key (period_id, kind, claim, document_id)
FIRST_CLAIMS = f"""
with sides as (
  select period_id, kind, claim, count(*) as side_reports
  from timeline_claim_rows
  where +ods_code = :code and period_id in (select value from json_each(:ids))
  group by period_id, kind, claim
)
select c.*, s.side_reports from sides s
  join timeline_claim_rows r on r.rowid in (
    select f.rowid from timeline_claim_rows f indexed by {CLAIM_ROWS_KEY}
    left join documents d indexed by {DATES_INDEX} on d.id = f.document_id
    where f.period_id = s.period_id and f.kind = s.kind and f.claim = s.claim
    order by f.kept desc, d.published, f.document_id limit :shown)
  join timeline_claims c
  on c.period_id = r.period_id and c.kind = r.kind and c.claim = r.claim and c.document_id = r.document_id
order by c.period_id, c.kind, c.kept desc, c.claim, c.published, c.document_id
"""
# The same over the view alone, for a database not yet upgraded (no timeline_claim_rows, m013, or no DATES_INDEX).
FIRST_CLAIMS_ANY_SCHEMA = """
with sides as (
  select period_id, kind, claim, document_id,
         row_number() over (partition by period_id, kind, claim order by kept desc, published, document_id) as n,
         count(*) over (partition by period_id, kind, claim) as side_reports
  from timeline_claims where ods_code = :code and period_id in (select value from json_each(:ids))
)
select c.*, s.side_reports from sides s join timeline_claims c
  on c.period_id = s.period_id and c.kind = s.kind and c.claim = s.claim and c.document_id = s.document_id
where s.n <= :shown
order by c.period_id, c.kind, c.kept desc, c.claim, c.published, c.document_id
"""
CHANGE_SCOPE = ""
CONFIRMATION_SCOPE = "and k.role = 'confirmation'"


def grouped(rows: list[dict[str, Any]], web_link: Any) -> dict[str, list[dict[str, Any]]]:
    """Rows grouped by owner (change or period), one per sentence per document, with a safe link."""
    out: dict[str, list[dict[str, Any]]] = {}
    shown: set[tuple] = set()
    for item in rows:
        key = (item["owner"], item["document_id"], item["evidence"])
        if key in shown:  # one sentence can carry two events of the same change
            continue
        shown.add(key)
        item["link"] = web_link(item["url"])
        out.setdefault(item["owner"], []).append(item)
    return out


async def ranked(db: Any, link: str, key: str, scope: str, ids: list[str]) -> list[dict[str, Any]]:
    """The first SHOWN rows of ``link`` per owner; without the m007 index on a database not yet upgraded."""
    params = {"ids": json.dumps(ids), "shown": SHOWN}
    hint = f"indexed by {DATES_INDEX}"
    try:
        result = await db.execute(FIRST_REPORTS.format(link=link, key=key, scope=scope, hint=hint), params)
    except sqlite3.OperationalError as error:
        if DATES_INDEX not in str(error):
            raise
        result = await db.execute(FIRST_REPORTS.format(link=link, key=key, scope=scope, hint=""), params)
    return [dict(row) for row in result.rows]


async def first_reports(db: Any, changes: list[dict], web_link: Any) -> dict[str, list[dict[str, Any]]]:
    """The first SHOWN reports of each of ``changes``, by change id."""
    rows = await ranked(db, "change_events", "change_id", CHANGE_SCOPE, [c["id"] for c in changes])
    return grouped(rows, web_link)


async def first_confirmations(db: Any, periods: list[dict], web_link: Any) -> dict[str, list[dict[str, Any]]]:
    """The first SHOWN reports confirming each of ``periods``, by period id."""
    rows = await ranked(db, "period_evidence", "period_id", CONFIRMATION_SCOPE, [p["id"] for p in periods])
    return grouped(rows, web_link)


async def first_claims(db: Any, code: str, periods: list[dict]) -> list[dict[str, Any]]:
    """The first report(s) of each side of each disputed period of ``periods`` (of ``code``), with ``side_reports``."""
    params = {"code": code, "ids": json.dumps([p["id"] for p in periods]), "shown": CLAIM_REPORTS_SHOWN}
    try:
        result = await db.execute(FIRST_CLAIMS, params)
    except sqlite3.OperationalError as error:
        if "timeline_claim_rows" not in str(error) and DATES_INDEX not in str(error):
            raise
        result = await db.execute(FIRST_CLAIMS_ANY_SCHEMA, params)
    return [dict(row) for row in result.rows]


def latest(rows: list[dict[str, Any]], date_key: str, everything: bool) -> list[dict[str, Any]]:
    """The TABLE_ROWS rows with the latest ``date_key`` (all of them if ``everything``), in their order."""
    if everything or len(rows) <= TABLE_ROWS:
        return rows
    keep = {id(r) for r in sorted(rows, key=lambda r: r.get(date_key) or "", reverse=True)[:TABLE_ROWS]}
    return [r for r in rows if id(r) in keep]


def relink(chart: dict[str, Any], listed: set[str]) -> None:
    """Point the chart's bars whose row is not listed (``#change-...``) at the full page; draw marks only for
    the changes listed (each period keeps its bar, so the chart still shows the whole history)."""
    for lane in chart.get("lanes", []):
        lane["marks"] = [mark for mark in lane["marks"] if mark["href"] in listed]
        for bar in lane["bars"]:
            if bar["href"].startswith("#") and bar["href"] not in listed:
                bar["href"] = "?all=1" + bar["href"]
