"""A table's search box at scale: the same search as Datasette's, planned for a search that matches a lot.

Datasette filters a searched table with ``rowid in (select rowid from <fts> where <fts> match ...)``. SQLite
then reads every matching row, to sort them by the table's sort column and to count them: at 100,000
documents a common word matches tens of thousands, and a documents row (with its text) takes about a page,
so one search read a few hundred megabytes (150-250 ms for the rows, 90-130 ms for the count).

When a search matches at least 1/N of the table's rows (MANY_FRACTION) and the page is sorted by an indexed
column (the documents' ``published``, by default), the filter is rewritten to ``+rowid in (...)``: the unary
plus keeps SQLite from looking the matches up one by one, so it walks the sort column's index and stops at the
first page of matches, and it counts them by scanning the table's smallest index (a few dozen bytes an entry)
instead of its rows. Same rows, same order, same count. A rarer search keeps Datasette's plan, which then
reads few rows; so does a page sorted by a column no index starts with (``+rowid`` would read the whole
table there). Deciding costs one bounded count over the full-text index (it stops at 1/N of the rows).
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils import await_me_maybe, escape_sqlite

# "Many" matches: at least 1/N of the table's rows, N where both plans cost the same at 100,000 documents
# (benchmarks/bench_datasette.py). A documents row holds its text (about a page), so reading the matches one by one
# costs about 9 us each there (under 2 us for an events row) and walking the index pays off sooner.
MANY_FRACTION = {"documents": 32}
DEFAULT_MANY_FRACTION = 8
MIN_MANY = 500  # below this many matches either plan is fast
SEARCH_CLAUSE = re.compile(  # Datasette's ?_search= filter (datasette/filters.py), with fts_pk rowid
    r"rowid in \((?P<matches>select rowid from (?P<fts>\[?\w+\]?) where (?P=fts) match "
    r"(?::search|escape_fts\(:search\)))\)"
)


def sort_column(request: Any, metadata: dict[str, Any]) -> str | None:
    """The column the table page is sorted by (None: by its primary key)."""
    args = request.args
    return args.get("_sort") or args.get("_sort_desc") or metadata.get("sort") or metadata.get("sort_desc")


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


async def matches_many(db: Any, table: str, matches_sql: str, params: dict[str, Any]) -> bool:
    """Whether the search matches at least 1/N of ``table``'s rows (MANY_FRACTION; counting no further)."""
    highest = (await db.execute(f"select max(rowid) from {escape_sqlite(table)}")).first()[0] or 0
    cap = max(MIN_MANY, highest // MANY_FRACTION.get(table, DEFAULT_MANY_FRACTION))
    sql = f"select count(*) from ({matches_sql} limit {cap})"
    try:
        found = (await db.execute(sql, {"search": params.get("search", "")}, log_sql_errors=False)).first()[0]
    except (sqlite3.DatabaseError, QueryInterrupted):
        return False  # a malformed raw search: Datasette's own query reports it, as without this plugin
    return found >= cap


async def planned(filter_arguments: Any, request: Any, database: str, table: str, datasette: Any) -> Any:
    """``filter_arguments`` with the search clause rewritten where a common search is sorted by an index."""
    if filter_arguments is None or "search" not in filter_arguments.params:
        return filter_arguments
    db = datasette.get_database(database)
    sort = sort_column(request, datasette.table_metadata(database, table))
    if sort is not None and sort not in await indexed_columns(db, table):
        return filter_arguments
    clauses = filter_arguments.where_clauses
    for n, clause in enumerate(clauses):
        found = SEARCH_CLAUSE.fullmatch(clause)
        if found and await matches_many(db, table, found["matches"], filter_arguments.params):
            clauses[n] = "+" + clause
    return filter_arguments


@hookimpl(hookwrapper=True)
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    """Wrap every filter (Datasette's search among them): a search clause is planned by ``planned``.
    An old-style hook wrapper: Datasette 0.65 accepts pluggy 1.0, which has no ``wrapper=True``."""
    outcome = yield

    def wrap(hook: Any) -> Any:
        async def inner() -> Any:
            return await planned(await await_me_maybe(hook), request, database, table, datasette)

        return inner

    outcome.force_result([wrap(hook) for hook in outcome.get_result()])
