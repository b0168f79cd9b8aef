"""Derived tables: one row per reported change, and each organisation's status timeline.

``rebuild_derived(db)`` recomputes ``changes``, ``change_events`` and ``status_timeline`` from
``events`` (and refreshes ``organisation_aliases`` from the gazetteer, and ``framework_labels`` and
``framework_versions`` from the framework table, ``extract/data/frameworks.yml``). It is deterministic: the
same events always give the same rows and the same ids, so feeds keyed on ``changes.id`` are stable.

Tracks. Every event with a known ODS code is an observation on its own framework's track (``nof``,
``rsp``, ``special_measures``, ``uec_tier``, ``elective_tier``, ``cancer_tier``, ``cqc_rating``).
Events that say something about *mandated intensive support* are also observations on a family
track, ``intensive_support`` (status ``in``/``out``), because the regime kept its meaning while its
name changed: special measures (to July 2021; segment 4 of the 2016-19 and 2019-21 frameworks), the
Recovery Support Programme (segment 4 of the 2021-25 framework), the Provider Improvement Programme
(segment 5 of the 2025/26 framework). Which value of which framework version is intensive support is
the framework table's business (``extract.frameworks.intensive_state``): a status the table flags
means ``in``, any other status of a framework with such flags means ``out``, leaving a flagged status
means ``out``, and an exit from RSP/special measures means ``out``. A NOF event without a version is
read with the version in force on its date.
"Who is in intensive support now" is answered by the family track; "who is in RSP" by ``rsp``.

Merging rule (the ``changes`` table). Observations are the same change when they agree on
organisation, track, resulting status (for an exit with no new status: the status left), modality
and date key. The date key is the effective date at month precision (``YYYY-MM``); an event with no
date of its own takes its document's publication date, except one whose rules say ``date.unknown`` (a past
change told in passing without a date), which is left out. An observation known only to the year
joins the single month-precision change of that year with the same status if there is exactly
one, and otherwise stays a change of its own. ``documents_count`` counts distinct documents;
``sources_count`` counts distinct publishers (publisher name, else the web host), the measure of
independent confirmation.

Timeline rule (``status_timeline``). Only ``modality = 'actual'`` changes are used. Per organisation
and track, changes are ordered by date; consecutive changes to the same status (and, for NOF, the
same framework version) are one interval supported by all of them. ``valid_from`` is the first day
of the first change's date (``valid_from_precision`` says whether that is a day, month or year);
``valid_to`` is the start of the next change, or the organisation's close date, or - for NOF - the
date the next framework version first appears in the data, or - for ``rsp`` and ``special_measures`` -
the date the intensive-support family says ``out``; null means current. Changes in the same month to
different statuses are a dispute unless their days are known and differ, or one is a change from the
other's status (and is not contradicted by a "still in" report published after it took effect), or
one is an exit whose new status the other gives ("left segment 4" beside "now in segment 3"). In a
dispute the status with the most documents (then sources, a reported transition over a bare
statement, confidence, latest report) is kept, and the interval and the changes are flagged
``disputed`` with a note naming the alternatives. A move "from X" when the status reported before
was not X is flagged too.

What the evidence says (docs/timeline.md). A restatement ('state', 'remain') of the status in force
confirms its interval (``period_evidence``, ``confirmations_count``) and is not a ``changes`` row; a
restatement with nothing to confirm opens an interval at its own date and is listed. A move or exit
with nothing reported before it implies an interval of the status it left, start not reported
(``valid_from`` null, ``earliest_possible`` from the framework table). Reports of one transition in
different months with nothing else between (within ``SAME_CHANGE_DAYS``) are one change, its date
disputed. Every side of a dispute is kept in ``timeline_claims``. ``effective_label`` and
``valid_from_label`` give dates at the precision reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from nhswatch.extract import frameworks
from sqlite_utils import Database

from . import rebuild
from .reconcile import reconcile
from .timeline import (
    EXITED,
    INTENSIVE_TRACK,
    build,
    build_all,
    clean_date,
    describe,
    first_day,
    human_date,
    intensive_state,
)

__all__ = [
    "EXITED",
    "INTENSIVE_TRACK",
    "build",
    "build_all",
    "clean_date",
    "describe",
    "first_day",
    "human_date",
    "insert_rows",
    "intensive_state",
    "rebuild_derived",
    "replace_mentions",
    "sync_aliases",
    "update_derived",
    "write_framework_tables",
]

Pair = tuple[str, str | None]

# Every event with its document and organisation (the rebuild's query, over all organisations)
EVENTS_SQL = rebuild.EVENTS_BY_ORG_SQL.format(where="")


def sync_aliases(db: Database, gazetteer: Any = None) -> int:
    """Refresh ``organisation_aliases`` from the gazetteer for organisations in the database."""
    if gazetteer is None:
        from nhswatch.extract.gazetteer import default_gazetteer

        gazetteer = default_gazetteer()
    known = {row[0] for row in db.execute("select ods_code from organisations")}
    rows = [
        {
            "alias": alias.text,
            "ods_code": code,
            "kind": alias.kind,
            "needs_context": int(alias.needs_context),
            "shared_by": len(alias.codes),
        }
        for alias in gazetteer.aliases.values()
        for code in alias.codes
        if code in known
    ]
    stored = db.execute("select alias, ods_code, kind, needs_context, shared_by from organisation_aliases")
    if sorted(stored.fetchall()) == sorted(tuple(row.values()) for row in rows):
        return len(rows)  # unchanged: rewriting would only churn the alias search index
    with db.atomic():
        db.execute("delete from organisation_aliases")
        insert_rows(db, "organisation_aliases", rows)
    return len(rows)


UPSERT_MENTION = (
    "insert into mentions (document_id, ods_code, org_name, mentions) values (?, ?, ?, ?)"
    " on conflict(document_id, ods_code) do update set org_name = excluded.org_name, mentions = excluded.mentions"
)


def replace_mentions(
    db: Database, doc_id: str, organisations: Iterable[dict[str, Any]], known: set[str] | None = None
) -> int:
    """Make a document's ``mentions`` rows the organisations the extractor found in it.

    ``organisations`` is ``extract.extract(...).organisations``. Codes not in the organisations table
    (``known``, read from it when not given) are skipped. Call inside the transaction that replaces the
    document's events.
    """
    if known is None:
        known = {row[0] for row in db.execute("select ods_code from organisations")}
    db.execute("delete from mentions where document_id = ?", [doc_id])
    rows = {
        o["ods_code"]: (doc_id, o["ods_code"], o.get("name"), o.get("mentions") or 1)
        for o in organisations
        if o.get("ods_code") in known
    }
    db.conn.executemany(UPSERT_MENTION, list(rows.values()))
    return len(rows)


def insert_rows(db: Database, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows that all have the same keys, with one prepared statement."""
    if not rows:
        return
    columns = list(rows[0])
    sql = "insert into {} ({}) values ({})".format(
        table, ", ".join(f'"{c}"' for c in columns), ", ".join("?" for _ in columns)
    )
    db.conn.executemany(sql, [tuple(row[c] for c in columns) for row in rows])


def write_framework_tables(db: Database) -> int:
    """Refresh ``framework_labels`` and ``framework_versions`` from the framework table (call inside a
    transaction); returns the number of label rows. Canned queries join ``framework_labels`` on
    (framework, coalesce(framework_version, ''), status) to show a label beside a status."""
    db.execute("delete from framework_labels")
    db.execute("delete from framework_versions")
    labels = frameworks.label_rows()
    insert_rows(db, "framework_labels", labels)
    insert_rows(db, "framework_versions", frameworks.version_rows())
    return len(labels)


def rebuild_derived(db: Database, pairs: Iterable[Pair] | None = None, *, aliases: bool = True) -> dict[str, int]:
    """Recompute the derived tables from the events in ``db``; returns row counts.

    ``pairs`` None recomputes everything (the counts are the tables' sizes). Otherwise only the
    organisations of the given (ODS code, framework) pairs are recomputed - every track of each, because
    an organisation's tracks depend on each other (the intensive-support family) - and the counts are the
    rows written. ``update_derived`` recomputes the organisations whose events changed since the last
    rebuild. Runs in one transaction, so Datasette (reading in WAL mode) sees either the old tables or
    the new; memory is bounded by the largest organisation, not the database (``db.rebuild``).
    """
    orgs = None if pairs is None else {code for code, _ in pairs if code}
    counts: dict[str, int] = {}
    if aliases:
        counts["organisation_aliases"] = sync_aliases(db)
    parallel = not db.conn.in_transaction  # workers may read the committed events (db/workers.py)
    with rebuild.bulk_cache(db), db.atomic():
        rebuilt, orgs = rebuild.rebuild(db, orgs, parallel=parallel)
        counts = {**rebuilt, **counts}
        scope = None if orgs is None else rebuild.scope_pairs(db, orgs)
        write_framework_tables(db)
        if scope is None or scope:
            reconcile(db, scope)  # official records against the rebuilt timeline (db/reconcile.py)
    return counts


def update_derived(db: Database, *, aliases: bool = True) -> dict[str, int]:
    """Recompute the derived rows of the organisations whose events, documents or details changed since
    the last rebuild (``derived_dirty``); a run that changed nothing costs almost nothing."""
    return rebuild_derived(db, [(code, None) for code in sorted(rebuild.dirty_orgs(db))], aliases=aliases)
