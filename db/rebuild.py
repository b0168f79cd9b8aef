"""Writing the derived tables organisation by organisation: full or incremental, in bounded memory.

Every derived row belongs to one organisation: its changes, periods, evidence and claims come from its
own events only (``db.timeline``). The one exception is when a framework version was superseded (the day
a later version first appears in anyone's data), which caps periods of every organisation; each
organisation's contribution to it is kept in ``derived_version_starts``.

``rebuild(db, orgs)`` deletes and recomputes the rows of ``orgs`` (None: of everyone), streaming the
events one organisation at a time and inserting rows in batches. It first assumes the supersession dates
of the previous build; if the new events move one, the organisations with periods on that framework are
recomputed with the new dates, so the result is always the one a full rebuild of all events gives. The
caller holds the transaction (``db.derived.rebuild_derived``).

A full rebuild is a bulk rewrite, done the cheap way: the derived tables' secondary indexes are dropped and
built again once at the end, tables no foreign key points at are emptied by dropping and recreating them,
and the page cache is enlarged for the transaction (``bulk_cache``). Rows are inserted as tuples
(``db.workers.pack``) with one prepared statement per table and batch, and Python's garbage collector runs
rarely meanwhile (``db.workers.few_collections``).

Which organisations need recomputing is written by triggers (schema migration m008) into
``derived_dirty`` whenever an event, a document's metadata or an organisation changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from nhswatch.extract import frameworks
from sqlite_utils import Database

from .timeline import first_day, superseded_from
from .workers import Packed, derived_by_org, few_collections

TABLES = ("changes", "change_events", "status_timeline", "period_evidence", "timeline_claim_rows")
BATCH_ROWS = 5_000
BULK_CACHE_KIB = 64 * 1024
BULK_MIN_ORGS = 50  # fewer organisations than this are never rewritten in bulk
SCOPE = "temp.derived_scope"
EVENTS_BY_ORG_SQL = """
select e.id, e.document_id, e.ods_code, coalesce(o.name, e.org_name) as org_name, o.type as org_type,
       o.open_date, o.close_date, e.framework, e.framework_version, e.change, e.from_status, e.to_status,
       e.effective_date, e.date_precision, e.modality, e.evidence, e.confidence,
       d.published, d.first_seen, d.url, d.title, d.publisher, d.source
from events e
join documents d on d.id = e.document_id
  -- a change the text gives no date for ("date.unknown") cannot be placed in a timeline: the publication
  -- date would misplace it (it stays an event, searchable, with its evidence)
  and (e.effective_date is not null or coalesce(e.rules, '') not like '%"date.unknown"%')
join organisations o on o.ods_code = e.ods_code
{where}
order by e.ods_code, e.id
"""
IN_SCOPE = f"ods_code in (select ods_code from {SCOPE})"
# Rows of each table that belong to the organisations in scope, deleted children first.
SCOPED_DELETES = {
    "timeline_claim_rows": f"period_id in (select id from status_timeline where {IN_SCOPE})",
    "period_evidence": f"period_id in (select id from status_timeline where {IN_SCOPE})",
    "status_timeline": IN_SCOPE,
    "change_events": f"change_id in (select id from changes where {IN_SCOPE})",
    "changes": IN_SCOPE,
    "derived_version_starts": IN_SCOPE,
}

Superseded = dict[tuple[str, str], str]


def dirty_orgs(db: Database) -> set[str]:
    """Organisations whose derived rows may be out of date (written by the m008 triggers)."""
    return {row[0] for row in db.execute("select ods_code from derived_dirty")}


def rebuild(
    db: Database, orgs: Iterable[str] | None = None, *, parallel: bool = False
) -> tuple[dict[str, int], set[str] | None]:
    """Recompute the derived rows of ``orgs`` (None: everyone). Returns the rows per table (for everyone,
    the tables' sizes; otherwise the rows written) and the organisations recomputed (None: everyone):
    ``orgs``, and those whose periods a moved supersession date changed.

    Call inside a transaction. Clears the organisations' entries in ``derived_dirty``. ``parallel``: the
    caller's transaction began with this call's caller and wrote no events, so worker processes reading the
    committed events see what this connection sees (``db.workers``).
    """
    scope = None if orgs is None else set(orgs)
    counts = dict.fromkeys(TABLES, 0)
    if scope is not None and not scope:
        return counts, scope
    bulk = scope is None or _most(db, scope)
    with _indexes_dropped(db, bulk), few_collections():
        guess = superseded_from(_known_starts(db))
        _write(db, scope, guess, counts, parallel and bulk)
        actual = superseded_from(_stored_starts(db))
        if actual != guess:
            moved = _moved(guess, actual)
            again = {
                row[0]
                for row in db.execute(
                    f"select distinct ods_code from status_timeline where framework in ({', '.join('?' * len(moved))})",
                    sorted(moved),
                )
            }
            if again:
                _write(db, again, actual, counts)
                scope = None if scope is None else scope | again
    if scope is None:
        db.execute("delete from derived_dirty")
        return {table: db.execute(f"select count(*) from {table}").fetchone()[0] for table in TABLES}, None
    _set_scope(db, scope)
    db.execute(f"delete from derived_dirty where {IN_SCOPE}")
    return counts, scope


@contextmanager
def bulk_cache(db: Database) -> Iterator[None]:
    """A page cache of at least ``BULK_CACHE_KIB`` for the block (a full rebuild rewrites every derived table:
    with SQLite's default 2 MB, index pages are evicted and read again for every batch; a small update only
    fills the pages it reads)."""
    before = db.execute("PRAGMA cache_size").fetchone()[0]
    if 0 > before > -BULK_CACHE_KIB:  # negative: KiB; positive: pages (left alone)
        db.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {before}")


@contextmanager
def _indexes_dropped(db: Database, drop: bool) -> Iterator[None]:
    """With ``drop``, the derived tables' secondary indexes are dropped for the block and created again after
    it: emptying and refilling whole tables is cheaper without them, and one sort per index at the end is
    cheaper than maintaining it row by row. Inside the caller's transaction, so readers never miss them."""
    if not drop:
        yield
        return
    tables = (*TABLES, "derived_version_starts")
    indexes = db.execute(
        f"select name, sql from sqlite_master where type = 'index' and sql is not null"
        f" and tbl_name in ({', '.join('?' * len(tables))}) order by name",
        tables,
    ).fetchall()
    for name, _ in indexes:
        db.execute(f'drop index "{name}"')
    yield
    for _, sql in indexes:
        db.execute(sql)


def _most(db: Database, scope: set[str]) -> bool:
    """Whether ``scope`` is at least half the organisations with events (the first build of a new database):
    then it is rewritten like a full rebuild (``_indexes_dropped``, ``db.workers``)."""
    if len(scope) < BULK_MIN_ORGS:
        return False
    with_events = db.execute("select count(distinct ods_code) from events").fetchone()[0]
    return len(scope) * 2 >= with_events


def _moved(guess: Superseded, actual: Superseded) -> set[str]:
    """Frameworks whose supersession dates differ between two builds."""
    return {key[0] for key in set(guess) | set(actual) if guess.get(key) != actual.get(key)}


def _write(
    db: Database, scope: set[str] | None, superseded: Superseded, counts: dict[str, int], parallel: bool = False
) -> None:
    """Delete and recompute the rows of ``scope`` (None: all) with the given supersession dates
    (``parallel``: see ``db.workers``)."""
    if scope is None:
        referenced = _referenced_tables(db)
        for table in SCOPED_DELETES:
            _empty(db, table, referenced)
        where = ""
    else:
        _set_scope(db, scope)
        for table, condition in SCOPED_DELETES.items():
            db.execute(f"delete from {table} where {condition}")
        where = f"where e.{IN_SCOPE}"
    buffer: Packed = {}
    codes = None if scope is None else sorted(scope)
    for _, packed in derived_by_org(db, EVENTS_BY_ORG_SQL, where, superseded, parallel=parallel, codes=codes):
        if not _collect(buffer, packed):
            _flush(db, buffer, counts)
            _collect(buffer, packed)
        if sum(len(rows) for _, rows in buffer.values()) >= BATCH_ROWS:
            _flush(db, buffer, counts)
    _flush(db, buffer, counts)


def _referenced_tables(db: Database) -> set[str]:
    """Tables some foreign key points at."""
    tables = [row[0] for row in db.execute("select name from sqlite_master where type = 'table'")]
    sql = 'select "table" from pragma_foreign_key_list(?)'
    return {row[0].lower() for table in tables for row in db.execute(sql, [table])}


def _empty(db: Database, table: str, referenced: set[str]) -> None:
    """Delete every row of ``table``. With foreign keys on, SQLite deletes row by row, checking each; a table
    no foreign key points at and without triggers is dropped and created again instead (its indexes are
    recreated by ``_indexes_dropped``)."""
    triggers = db.execute("select 1 from sqlite_master where type = 'trigger' and tbl_name = ?", [table]).fetchone()
    if table in referenced or triggers:
        db.execute(f"delete from {table}")
        return
    sql = db.execute("select sql from sqlite_master where type = 'table' and name = ?", [table]).fetchone()[0]
    db.execute(f"drop table {table}")
    db.execute(sql)


def _collect(buffer: Packed, packed: Packed) -> bool:
    """Add one organisation's rows to the buffer; False (nothing added) when a table's columns differ from
    the buffered rows' (flush, then collect again)."""
    if any(table in buffer and buffer[table][0] != columns for table, (columns, _) in packed.items()):
        return False
    for table, (columns, rows) in packed.items():
        if table in buffer:
            buffer[table][1].extend(rows)
        else:
            buffer[table] = (columns, list(rows))
    return True


def _flush(db: Database, buffer: Packed, counts: dict[str, int]) -> None:
    """Insert the buffered rows, parents first (one prepared statement per table), and empty the buffer."""
    for table in (*TABLES, "derived_version_starts"):
        if table not in buffer:
            continue
        columns, rows = buffer[table]
        sql = "insert into {} ({}) values ({})".format(
            table, ", ".join(f'"{c}"' for c in columns), ", ".join("?" for _ in columns)
        )
        db.conn.executemany(sql, rows)
        if table in counts:
            counts[table] += len(rows)
    buffer.clear()


def _set_scope(db: Database, orgs: set[str]) -> None:
    db.execute(f"create table if not exists {SCOPE} (ods_code text primary key)")
    db.execute(f"delete from {SCOPE}")
    db.conn.executemany(f"insert into {SCOPE} (ods_code) values (?)", [(code,) for code in sorted(orgs)])


def _stored_starts(db: Database) -> dict[tuple[str, str], str]:
    """The first day of each (framework, version) over every organisation's stored changes."""
    rows = db.execute(
        "select framework, framework_version, min(first_day) from derived_version_starts group by 1, 2"
    ).fetchall()
    return {(framework, version): day for framework, version, day in rows}


def _known_starts(db: Database) -> dict[tuple[str, str], str]:
    """The version starts of the previous build; before any build, an estimate from the events (the
    estimate only saves a second pass: ``rebuild`` checks it against what the build finds)."""
    stored = _stored_starts(db)
    if stored:
        return stored
    versioned = sorted(frameworks.versioned_frameworks())
    if not versioned:
        return {}
    rows = db.execute(
        f"""select e.framework, e.framework_version, min(coalesce(e.effective_date, d.published))
            from events e join documents d on d.id = e.document_id
            where e.framework in ({", ".join("?" * len(versioned))}) and e.framework_version is not null
              and coalesce(e.modality, 'actual') = 'actual' and e.ods_code is not null
            group by 1, 2""",
        versioned,
    ).fetchall()
    return {(framework, version): first_day(day[:10]) for framework, version, day in rows if day}


def scope_pairs(db: Database, orgs: Iterable[str]) -> set[tuple[str, str]]:
    """Every (ODS code, framework) pair of ``orgs`` in the timeline or the official observations: the
    pairs ``db.reconcile`` visits in a full rebuild."""
    _set_scope(db, set(orgs))
    sources = ["status_timeline"]
    if "official_observations" in db.table_names():
        sources.append("official_observations")
    sql = " union ".join(
        f"select ods_code, framework from {table} where ods_code in (select ods_code from {SCOPE})" for table in sources
    )
    return {(code, framework) for code, framework in db.execute(sql) if code and framework}
