"""A table's search box at scale: the same search as Datasette's, planned for a search that matches a lot.

Datasette filters a searched table with ``rowid in (select rowid from <fts> where <fts> match ...)``. SQLite
then reads every matching row, to sort them by the table's sort column and to count them: at 100,000
documents a common word matches tens of thousands, and a documents row (with its text) takes about a page,
so one search read a few hundred megabytes (150-250 ms for the rows, 90-130 ms for the count).

When a search matches at least 1/N of the table's rows (MANY_FRACTION) and the page is sorted by an indexed
column (the documents' ``published``, by default), SQLite is made to walk the sort column's index and stop at
the first page of matches, testing each row the walk meets in one of two ways:

* against the set of all matches: the filter becomes ``+rowid in (...)``, where the unary plus keeps SQLite
  from looking the matches up one by one. Building the set costs about 0.1 us a match for a word (10-30 ms
  for a phrase or a word in most of 100,000 documents), testing a row nothing; a count or a facet over all
  the rows then costs little more. Used with another filter or a facet, and for a search alone that matches
  fewer than 1/EXISTS_FRACTION of the rows (0.5-1.5 ms for a page at 100,000 documents);
* by a seek in the full-text index (``exists (select 1 from <fts> where <fts> match ... and <fts>.rowid =
  <table>.rowid)``): about 35 us a row, for as many rows as the walk meets before a page of matches (1-4 ms
  for a word in most documents, but 20-35 ms for one in 2-5% of them, where the walk meets hundreds of
  rows). Used for a search alone that matches at least 1/EXISTS_FRACTION of the rows.

Both walks read the same index in the same direction, so they give the same rows in the same order. A rarer
search keeps Datasette's plan, which then reads few rows; so does a page sorted by a column no index starts
with (the walk would read the whole table there). A later page (``_next``) of a walked search is walked too:
Datasette's condition on the sort column (``published < :p or published is null or (published = :p and id >
...)``) is run on ``+published``, which keeps SQLite from merging index ranges and sorting all their rows (a
common search's second page took 0.2-10 s at 100,000 documents, over the time limit with the row-by-row test).

When the search is the only filter, its matches are counted by the full-text index: the table's own FTS5
index (``content=`` the table, kept by sqlite-utils' triggers) holds exactly one entry per row, so counting
its matches counts the rows (2-8 ms instead of 25-45 at 100,000 documents, where a common word matches
60-100% of them). That count decides the plan, and Datasette's own count of the rows (the SQL it writes,
registered by ``planned``) is answered with it (``PlannedExecute``), so the page counts once. Otherwise deciding
costs one count over the full-text index that stops at 1/N of the rows. Same rows, same order, same count,
always.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from datasette import hookimpl
from datasette.database import QueryInterrupted, Results
from datasette.utils import await_me_maybe, escape_sqlite

# "Many" matches: at least 1/N of the table's rows, N where both plans cost the same at 100,000 documents
# (benchmarks/bench_datasette.py). A documents row holds its text (about a page), so reading the matches one by one
# costs about 9 us each there (under 2 us for an events row) and walking the index pays off sooner.
MANY_FRACTION = {"documents": 32}
DEFAULT_MANY_FRACTION = 8
MIN_MANY = 500  # below this many matches either plan is fast
# A search alone that matches at least 1/N of the rows is tested row by row in the full-text index; a rarer one
# against the set of its matches (at 100,000 documents both cost about 3 ms for a word in 30% of them).
EXISTS_FRACTION = 4
SEARCH_CLAUSE = re.compile(  # Datasette's ?_search= filter (datasette/filters.py), with fts_pk rowid
    r"rowid in \((?P<matches>select rowid from (?P<fts>\[?\w+\]?) where (?P=fts) match "
    r"(?P<query>:search|escape_fts\(:search\)))\)"
)
# Request arguments that add a filter or a facet to a table page besides ?_search= (a column filter is any
# argument not starting with "_", or with "__" in it).
OTHER_FILTERS = ("_where", "_through", "_facet")


@dataclass
class RequestPlan:
    """What ``planned`` decided for the table page being served, for ``PlannedExecute``.

    ``count``: (Datasette's count SQL, search, the count ``planned`` made), answered once. ``keyset``: a
    regular expression matching Datasette's ``_next`` condition on the sort column, and what replaces it."""

    count: tuple[str, str, int] | None = None
    keyset: tuple[re.Pattern, Callable[[re.Match], str]] | None = None


# A context variable: a request's table view and its hooks run in the request's task (uvicorn starts one per
# request). Each planned search sets a new plan, so nothing a page left unused applies to a later one.
REQUEST_PLAN: ContextVar[RequestPlan | None] = ContextVar("nhswatch_request_plan", default=None)


class PlannedExecute:
    """Stands in for a Datasette database's ``execute``, carrying out what ``planned`` decided for this request:

    * a table search's row count (the SQL Datasette writes for it, registered by ``planned``) is answered with
      the count ``planned`` made, or else run as the count of the full-text index's matches;
    * a later page's condition on the sort column (``_next``) is written with a unary plus on the column, so
      SQLite walks the sort index as on the first page instead of gathering every row of the range to sort.
    """

    def __init__(self, execute: Any) -> None:
        self.execute = execute
        self.counts: dict[str, str] = {}

    async def __call__(self, sql: str, *args: Any, **kwargs: Any) -> Any:
        plan = REQUEST_PLAN.get()
        if plan is not None and plan.count is not None and sql == plan.count[0]:
            params = args[0] if args else kwargs.get("params")
            if isinstance(params, dict) and params.get("search") == plan.count[1]:
                count, plan.count = plan.count[2], None
                return Results([(count,)], False, [("count(*)",)])
        if plan is not None and plan.keyset is not None:
            sql = plan.keyset[0].sub(plan.keyset[1], sql)
        return await self.execute(self.counts.get(sql, sql), *args, **kwargs)


def planned_execute(db: Any) -> PlannedExecute:
    """``db``'s PlannedExecute, installed on first use."""
    if not isinstance(db.execute, PlannedExecute):
        db.execute = PlannedExecute(db.execute)
    return db.execute


def keyset_rewrite(column: str) -> tuple[re.Pattern, Callable[[re.Match], str]]:
    """Datasette's ``_next`` condition on the sort column ``column`` (``(c < :p2 or c is null or (c = :p2 and
    ...``; ``>`` and no null test when ascending) and what rewrites it on ``+column``: the same rows, but SQLite
    no longer answers the ORs from the column's index (index ranges merged, then every row of them read and
    sorted: 0.2-10 s for a common search's second page at 100,000 documents) and walks the sort index in order,
    testing each row, as on the first page (4-50 ms)."""
    name = re.escape(escape_sqlite(column))
    pattern = re.compile(rf"\(({name}) ([<>]) (:p\d+)( or \1 is null)? or \(\1 = \3 and ")

    def plus(found: re.Match) -> str:
        column, op, param = found[1], found[2], found[3]
        nulls = f" or +{column} is null" if found[4] else ""
        return f"(+{column} {op} {param}{nulls} or (+{column} = {param} and "

    return pattern, plus


def searched_alone(request: Any, metadata: dict[str, Any], clauses: list[str]) -> bool:
    """Whether the search is the page's only filter and nothing is faceted (then only the page's rows and the
    count read the search clause)."""
    if len(clauses) != 1 or metadata.get("facets"):
        return False
    return not any(not key.startswith("_") or "__" in key or key.startswith(OTHER_FILTERS) for key in request.args)


def sort_column(request: Any, metadata: dict[str, Any]) -> str | None:
    """The column the table page is sorted by (None: by its primary key)."""
    args = request.args
    return args.get("_sort") or args.get("_sort_desc") or metadata.get("sort") or metadata.get("sort_desc")


def counted(request: Any) -> bool:
    """Whether Datasette counts the table page's rows (not with ``_nocount`` or an array or object ``_shape``)."""
    return not request.args.get("_nocount") and request.args.get("_shape") not in ("array", "object")


async def indexed_columns(db: Any, table: str) -> set[str]:
    """Columns some index of ``table`` starts with, its primary key and rowid: sorts SQLite can walk in order."""

    def read(conn: Any) -> set[str]:
        columns = {"rowid"}
        columns |= {row[1] for row in conn.execute("select * from pragma_table_info(?) where pk = 1", [table])}
        for index in conn.execute("select name from pragma_index_list(?)", [table]).fetchall():
            first = conn.execute("select name from pragma_index_info(?) where seqno = 0", [index[0]]).fetchone()
            if first and first[0]:
                columns.add(first[0])
        return columns

    return await db.execute_fn(read)


async def text_column(db: Any, table: str, column: str) -> bool:
    """Whether ``column`` of ``table`` has text affinity (its declared type says CHAR, CLOB or TEXT, not INT): a
    ``_next`` value, always text, then compares with and without the column's affinity alike."""
    columns = {c.name: (c.type or "").upper() for c in await db.table_column_details(table)}
    declared = columns.get(column, "INT")
    return "INT" not in declared and any(word in declared for word in ("CHAR", "CLOB", "TEXT"))


async def count_matches(db: Any, matches_sql: str, params: dict[str, Any], limit: int | None) -> int | None:
    """How many rows ``matches_sql`` (``select rowid from <fts> where <fts> match ...``) finds, counting no further
    than ``limit`` (None: the full-text index's count of all of them); None if the search cannot be run (a
    malformed raw search: Datasette's own query then reports it, as without this plugin) or takes too long."""
    if limit is None:
        sql = "select count(*)" + matches_sql.removeprefix("select rowid")
    else:
        sql = f"select count(*) from ({matches_sql} limit {limit})"
    try:
        return (await db.execute(sql, {"search": params.get("search", "")}, log_sql_errors=False)).first()[0]
    except (sqlite3.DatabaseError, QueryInterrupted):
        return None


async def planned(filter_arguments: Any, request: Any, database: str, table: str, datasette: Any) -> Any:
    """``filter_arguments`` with the search clause rewritten where a common search is sorted by an index, and
    the count of a search that is the only filter answered by the full-text index (made once, here)."""
    if filter_arguments is None or "search" not in filter_arguments.params:
        return filter_arguments
    db = datasette.get_database(database)
    metadata = datasette.table_metadata(database, table)
    sort = sort_column(request, metadata)
    walkable = sort is None or sort in await indexed_columns(db, table)
    clauses = filter_arguments.where_clauses
    params = filter_arguments.params
    alone = searched_alone(request, metadata, clauses)
    for n, clause in enumerate(clauses):
        found = SEARCH_CLAUSE.fullmatch(clause)
        if not found:
            continue
        plan = RequestPlan()
        REQUEST_PLAN.set(plan)
        highest = (await db.execute(f"select max(rowid) from {escape_sqlite(table)}")).first()[0] or 0
        many = max(MIN_MANY, highest // MANY_FRACTION.get(table, DEFAULT_MANY_FRACTION))
        common = max(many, highest // EXISTS_FRACTION)
        own_index = alone and found["fts"].strip("[]") == await db.fts_table(table)
        if own_index and counted(request):  # counted in full: the count decides the plan and is the page's count
            matches = await count_matches(db, found["matches"], params, None)
        elif walkable:
            matches = await count_matches(db, found["matches"], params, common if alone else many)
        else:
            matches = None
        if walkable and matches is not None and matches >= many:
            if sort and "_next" in request.args and await text_column(db, table, sort):
                plan.keyset = keyset_rewrite(sort)
                planned_execute(db)
            if alone and matches >= common:
                fts, name = found["fts"], escape_sqlite(table)
                clauses[n] = (
                    f"exists (select 1 from {fts} where {fts} match {found['query']} and {fts}.rowid = {name}.rowid)"
                )
            else:
                clauses[n] = "+" + clause
        if own_index:
            count = f"select count(*) from {escape_sqlite(table)} where {clauses[n]} "  # as Datasette writes it
            planned_execute(db).counts[count] = (
                f"select count(*) from {found['fts']} where {found['fts']} match {found['query']}"
            )
            if matches is not None and counted(request):
                plan.count = (count, params.get("search", ""), matches)
    return filter_arguments


@hookimpl(hookwrapper=True)
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    """Wrap every filter (Datasette's search among them): a search clause is planned by ``planned``.
    An old-style hook wrapper: Datasette 0.65 accepts pluggy 1.0, which has no ``wrapper=True``."""
    REQUEST_PLAN.set(None)  # a new table page: nothing planned for an earlier one applies
    outcome = yield

    def wrap(hook: Any) -> Any:
        async def inner() -> Any:
            return await planned(await await_me_maybe(hook), request, database, table, datasette)

        return inner

    outcome.force_result([wrap(hook) for hook in outcome.get_result()])
