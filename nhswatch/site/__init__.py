"""nhswatch's Datasette plugin: organisation pages, archived copies, robots.txt and cell rendering.

Loaded with ``datasette --plugins-dir plugins`` (``nhswatch serve`` does this). Configuration lives
under ``plugins: nhswatch:`` in metadata.yml:

- ``database``: which database holds the nhswatch tables (default: the first that has them);
- ``archive_dir``: where the raw-response archive is (default: the database path with ``.archive``);
- ``robots``: ``pages`` (default: allow the home page and organisation pages, nothing else),
  ``all`` (allow everything) or ``none`` (disallow everything);
- ``queries``: ``{file, database}``, the metadata.yml whose canned queries the ``canned_queries`` hook
  serves (set by ``nhswatch serve``; see ``nhswatch.site.queries``).

Limits for a public site, on every Datasette connection (``prepare_connection``): no single value
may exceed MAX_VALUE_BYTES (SQLite's length limit: ``select zeroblob(300000000)`` is an error, not
300 MB), no query result may exceed MAX_RESULT_BYTES in total, SQLite's heap is capped
(``PRAGMA hard_heap_limit``), and ``fts3_tokenizer()``, which returns a memory address, returns
NULL. Client errors (404, invalid SQL) are logged as one line, not a traceback; for a 404 that line
stands in for the server's access-log line.

Scraped content is only ever shown escaped: templates use Jinja autoescaping, highlighted search
snippets are escaped before ``<mark>`` is put back, and raw archived pages (``/-/archive/<sha256>/raw``)
are served as ``text/plain`` with ``nosniff`` and a sandboxing Content-Security-Policy; the readable
copy (``nhswatch.site.reader``) shows their text escaped.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import logging
import re
import sqlite3
from collections import deque
from datetime import date
from typing import Any
from urllib.parse import quote

import markupsafe
from datasette import hookimpl
from datasette.utils.asgi import Base400, NotFound, Response
from datasette.views.base import DatasetteError

from nhswatch.extract import frameworks
from nhswatch.site import evidence, fragments
from nhswatch.site.common import HEX64, archived_fetch, nhswatch_database, plugin_config
from nhswatch.site.links import public_link
from nhswatch.site.queries import canned_queries_for

log = logging.getLogger("nhswatch.site")
MAX_VALUE_BYTES = 16 * 1024 * 1024
MAX_RESULT_BYTES = 48 * 1024 * 1024
HARD_HEAP_LIMIT = 512 * 1024 * 1024
SOFT_HEAP_LIMIT = 256 * 1024 * 1024
MMAP_BYTES = 2 * 1024 * 1024 * 1024  # address space, not memory: the pages are the OS page cache's
MAX_ARCHIVE_BYTES = 20 * 1024 * 1024
SAFE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Referrer-Policy": "no-referrer",
}
ROBOTS = {
    "pages": "User-agent: *\nAllow: /$\nAllow: /-/organisation/\nDisallow: /\n",
    "all": "User-agent: *\nAllow: /\n",
    "none": "User-agent: *\nDisallow: /\n",
}
CHART = {"width": 880, "label_width": 170, "lane": 34, "bar": 22, "axis": 26}
PALETTE = {
    "in": "#c0392b",
    "out": "#6a9f58",
    "exited": "#b8b8b8",
    "1": "#2e7d32",
    "2": "#8bc34a",
    "3": "#f0b429",
    "4": "#e67e22",
    "5": "#c0392b",
    "outstanding": "#2e7d32",
    "good": "#6a9f58",
    "requires improvement": "#f0b429",
    "inadequate": "#c0392b",
}
TIER_PALETTE = {"1": "#c0392b", "2": "#e67e22", "3": "#f0b429"}


def highlight(value: str) -> markupsafe.Markup:
    """Escape a search snippet, then turn its ``<mark>``/``</mark>`` markers back into tags."""
    parts = re.split(r"(</?mark>)", value)
    return markupsafe.Markup("".join(p if p in ("<mark>", "</mark>") else str(markupsafe.escape(p)) for p in parts))


def web_link(url: str | None) -> str | None:
    """``url`` if it is an http(s) URL (never ``javascript:``/``data:``) and not a page of the demo's
    throwaway local newsroom (its archived copy is linked instead), else None."""
    return public_link(url)


def org_link(datasette: Any, code: str, text: str) -> markupsafe.Markup:
    url = datasette.urls.path("/-/organisation/" + code)
    return markupsafe.Markup('<a href="{}">{}</a>').format(url, text)


class ResultTooLarge(sqlite3.OperationalError):
    """A query returned more than MAX_RESULT_BYTES."""


SIZED = (str, bytes)  # counted by their length; any other value as 8 bytes


def bounded_rows(conn: sqlite3.Connection, limit: int) -> Any:
    """A row factory wrapping ``conn``'s that counts the bytes each cursor has returned (called for every row of
    every query: a plain loop, about half the cost of a generator of calls)."""
    inner = conn.row_factory
    state: list[Any] = [None, 0]  # the cursor, its bytes so far

    def factory(cursor: sqlite3.Cursor, row: tuple) -> Any:
        if cursor is not state[0]:
            state[0], state[1] = cursor, 0
        total = state[1]
        for value in row:
            total += len(value) if type(value) in SIZED else 8
        state[1] = total
        if total > limit:
            raise ResultTooLarge(
                f"query result larger than {limit // (1024 * 1024)} MB: ask for fewer rows or smaller values"
            )
        return inner(cursor, row) if inner is not None else row

    return factory


def _no_fts3_tokenizer(*args: Any) -> None:
    """Stands in for SQLite's fts3_tokenizer(), which returns a pointer (an ASLR leak): always NULL."""
    return None


@hookimpl
def prepare_connection(conn: sqlite3.Connection, database: str, datasette: Any) -> None:
    """Bound what one query can allocate; disable fts3_tokenizer() (it returns a memory address); read the
    file through memory-mapped I/O."""
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    # A search's row count seeks every matching document's page: through the map that costs no system call
    # (half the time at 100k documents). SQLite maps read-only and caps the size at its compile-time limit.
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    conn.execute(f"PRAGMA soft_heap_limit = {SOFT_HEAP_LIMIT}")
    conn.execute(f"PRAGMA hard_heap_limit = {HARD_HEAP_LIMIT}")  # process-wide; only ever lowered
    for n_args in (1, 2):
        conn.create_function("fts3_tokenizer", n_args, _no_fts3_tokenizer)
    conn.row_factory = bounded_rows(conn, MAX_RESULT_BYTES)


def quiet_default_handler() -> None:
    """Datasette's own handler prints a rich traceback (with locals) for every exception, a 404 included;
    client errors are logged below as one line instead. Server errors still get a plain traceback.
    Imported here, not at the top: that module loads every plugin, this one included."""
    import datasette.handle_exception as default_exception_handler

    default_exception_handler.rich = None


def one_line(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


LOGGED_404S: deque[tuple[str, str]] = deque(maxlen=256)  # (method, path) logged by handle_exception


def not_logged_404(record: logging.LogRecord) -> bool:
    """uvicorn's access-log filter: drops the access line of a 404 handle_exception has already logged."""
    args = record.args if isinstance(record.args, tuple) else ()
    if len(args) == 5 and args[4] == 404 and (args[1], args[2]) in LOGGED_404S:
        LOGGED_404S.remove((args[1], args[2]))
        return False
    return True


# uvicorn configures its loggers after the plugins are loaded; dictConfig keeps a logger's filters.
logging.getLogger("uvicorn.access").addFilter(not_logged_404)


@hookimpl
def canned_queries(datasette: Any, database: str) -> dict[str, Any]:
    """metadata.yml's canned queries, kept out of Datasette's metadata (see nhswatch.site.queries)."""
    return canned_queries_for(plugin_config(datasette), database)


@hookimpl
def handle_exception(datasette: Any, request: Any, exception: Exception) -> None:
    """Client errors (404, invalid SQL, 403): one log line. The response is Datasette's."""
    quiet_default_handler()
    if isinstance(exception, Base400):
        status, message = exception.status, exception.args[0] if exception.args else ""
    elif isinstance(exception, DatasetteError) and exception.status < 500:
        status, message = exception.status, exception.message
    else:
        return None
    target = request.path + (f"?{request.query_string}" if request.query_string else "")
    if status == 404:  # as uvicorn's access log writes it
        LOGGED_404S.append((request.method, quote(request.path) + target[len(request.path) :]))
    log.warning("%s %s %s: %s", status, request.method, one_line(target, 200), one_line(message))
    return None


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    """Search snippets, archived-copy links and links to organisation pages."""
    if not isinstance(value, str) or not value:
        return None
    if column == "snippet":
        return highlight(value)
    if column == "archive_digest" and HEX64.fullmatch(value):
        url = datasette.urls.path(f"/-/archive/{value}")
        if "evidence" in row.keys() and row["evidence"]:  # noqa: SIM118 (a sqlite3.Row: "in" tests values)
            url += "?highlight=" + quote(row["evidence"][:1000]) + "#evidence"
        return markupsafe.Markup('<a href="{}" title="{}">archived copy</a>').format(url, value)
    if column == "ods_code" and table is None:
        return org_link(datasette, value, value)
    if table == "organisations" and column == "name":
        return org_link(datasette, row["ods_code"], value)
    return None


def day_number(value: str) -> int:
    return date.fromisoformat(value[:10]).toordinal()


def colour(framework: str, status: str, version: str | None = None) -> str:
    """Bar colour: intensive support (by the framework table) is red whatever the segment number."""
    if frameworks.is_intensive(framework, version, status):
        return PALETTE["in"]
    if framework.endswith("_tier"):
        return TIER_PALETTE.get(status, "#b8b8b8")
    return PALETTE.get(status, "#7f8c8d")


def timeline_chart(
    intervals: list[dict], changes: list[dict], today: str, marked: list[dict] | None = None
) -> dict[str, Any]:
    """Geometry of the status chart: one lane per framework, one bar per interval, a mark per change of
    ``marked`` (default: every change)."""
    tracks = list(dict.fromkeys(i["framework"] for i in intervals))
    if not tracks:
        return {"lanes": [], "height": 0, "width": CHART["width"], "ticks": []}
    # A period whose start is not reported (implied by the move or exit that ended it) is drawn from the
    # left edge, at least a year long, and marked as open-started.
    starts = [
        day_number(i["valid_from"]) if i["valid_from"] else day_number(i["valid_to"] or today) - 365 for i in intervals
    ]
    start = min(starts) - 60
    end = max([day_number(today), *(day_number(i["valid_to"]) for i in intervals if i["valid_to"])]) + 60
    left, right = CHART["label_width"], CHART["width"] - 10

    def x(day: int) -> float:
        return round(left + (right - left) * (day - start) / max(end - start, 1), 1)

    change_ids = {c["id"] for c in changes}  # a bar links to its change where it is listed, else to its period
    lanes = []
    for n, framework in enumerate(tracks):
        y = n * CHART["lane"]
        bars = []
        for i in (i for i in intervals if i["framework"] == framework):
            open_start = not i["valid_from"]
            x0 = x(start) if open_start else x(day_number(i["valid_from"]))
            x1 = x(day_number(i["valid_to"] or today))
            bars.append(
                {
                    "x": x0,
                    "width": max(round(x1 - x0, 1), 3),
                    "y": y + 6,
                    "height": CHART["bar"],
                    "fill": colour(framework, i["status"], i.get("framework_version")),
                    "label": i["status"],
                    "disputed": bool(i["disputed"]),
                    "open_start": open_start,
                    "official": i.get("provenance") == "official",  # drawn from the official record alone
                    "href": f"#change-{i['first_change_id']}"
                    if i["first_change_id"] in change_ids
                    else f"#period-{i['id']}",
                    "current": i["valid_to"] is None,
                    "title": "{}: {} from {} to {} ({} documents, {} sources){}".format(
                        frameworks.framework_label(framework),
                        i.get("status_label") or i["status"],
                        "not reported" if open_start else i.get("valid_from_label") or i["valid_from"],
                        i["valid_to"] or "now",
                        i["documents_count"],
                        i["sources_count"],
                        " - disputed"
                        if i["disputed"]
                        else (" - official record" if i.get("provenance") == "official" else ""),
                    ),
                }
            )
        marks = [
            {
                "x": x(day_number(c["effective_day"])),
                "y": y + 17,
                "href": f"#change-{c['id']}",
                "title": f"{c['effective_date']}: {c['summary']}",
                "actual": c["modality"] == "actual",
            }
            for c in (changes if marked is None else marked)
            if c["framework"] == framework and c["effective_day"]
        ]
        lanes.append(
            {
                "framework": framework,
                "name": frameworks.short_label(framework),
                "y": y,
                "label_y": y + 21,
                "bars": bars,
                "marks": marks,
            }
        )
    height = len(tracks) * CHART["lane"]
    first_year, last_year = date.fromordinal(start).year + 1, date.fromordinal(end).year
    ticks = [{"x": x(date(year, 1, 1).toordinal()), "label": str(year)} for year in range(first_year, last_year + 1)]
    return {
        "lanes": lanes,
        "height": height,
        "total_height": height + CHART["axis"],
        "width": CHART["width"],
        "ticks": ticks,
        "left": left,
        "today_x": x(day_number(today)),
    }


def with_labels(row: dict[str, Any], day: str | None) -> dict[str, Any]:
    """Add the framework table's labels to a ``status_timeline`` or ``changes`` row.

    Frameworks whose events carry no version (CQC ratings, tiers, programmes) are labelled with the
    version in force on ``day``, e.g. a 2024 CQC rating as the well-led rating.
    """
    framework, version = row["framework"], row.get("framework_version")
    label_version = version
    if not version and framework not in frameworks.versioned_frameworks():
        label_version = frameworks.version_for(framework, day, row.get("status"))
    row["framework_label"] = frameworks.framework_label(framework)
    row["status_label"] = frameworks.label(framework, label_version, row.get("status"))
    row["version_label"] = frameworks.version_label(framework, version)
    return row


def as_dicts(result: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in result.rows]


def first_day(value: str | None) -> str | None:
    if not value:
        return None
    return {4: value + "-01-01", 7: value + "-01"}.get(len(value), value[:10])


async def organisation_page(datasette: Any, request: Any) -> Response:
    """/-/organisation/<ods_code>: statuses over time, drawn as a chart, with every piece of evidence."""
    code = request.url_vars["ods_code"].strip().upper()
    db = await nhswatch_database(datasette)
    org = (await db.execute("select * from organisations where ods_code = ?", [code])).first()
    if org is None:
        raise NotFound(f"no organisation with ODS code {code}")
    # Its periods, and every change briefly (the chart's links and the choice of the latest; the listed ones are
    # then read whole), side by side on Datasette's SQL threads.
    intervals, changes = await asyncio.gather(
        db.execute_fn(lambda conn: periods_of(conn, code)),
        db.execute_fn(lambda conn: brief_changes(conn, code)),
    )
    for interval in intervals:
        with_labels(interval, interval["valid_from"])
    # The latest changes and periods, each with its first reports and links to all (nhswatch/site/evidence.py).
    everything = request.args.get("all") == "1"
    # the intensive-support family's in/out restates a framework's change: its bar is drawn, the report listed once
    changes = [c for c in changes if c["framework"] != frameworks.INTENSIVE_FAMILY]
    listed_changes = await change_details(db, evidence.latest(changes, "effective_day", everything))
    listed_periods = evidence.latest(intervals, "valid_from", everything)
    # three independent reads, run side by side on Datasette's SQL threads
    by_change, confirmations, first_claims = await asyncio.gather(
        evidence.first_reports(db, listed_changes, web_link),
        evidence.first_confirmations(db, listed_periods, web_link),
        evidence.first_claims(db, code, listed_periods),
    )
    claims: dict[str, list[dict]] = {}
    for claim in first_claims:
        claim["link"] = web_link(claim["url"])
        sides = claims.setdefault(claim["period_id"], [])
        side = next((c for c in sides if (c["kind"], c["claim"]) == (claim["kind"], claim["claim"])), None)
        if side is None:
            side = {"kind": claim["kind"], "claim": claim["claim"], "kept": claim["kept"], "reports": []}
            sides.append(side)
        side["reports"].append(claim)
        side["more"] = claim["side_reports"] - len(side["reports"])
    for interval in listed_periods:
        interval["confirmations"] = confirmations.get(interval["id"], [])
        interval["claims"] = claims.get(interval["id"], [])
    chart = timeline_chart(intervals, changes, date.today().isoformat(), marked=listed_changes)
    listed = {f"#change-{c['id']}" for c in listed_changes} | {f"#period-{i['id']}" for i in listed_periods}
    evidence.relink(chart, listed)
    aliases = [
        r["alias"]
        for r in as_dicts(
            await db.execute(
                "select alias from organisation_aliases where ods_code = ? and kind != 'generated' "
                "order by alias limit 40",
                [code],
            )
        )
    ]
    related = {
        r["ods_code"]: r["name"]
        for r in as_dicts(
            await db.execute(
                "select ods_code, name from organisations where ods_code in (select value from json_each(?))",
                [_json_codes(org)],
            )
        )
    }
    today = date.today().isoformat()
    last_run = (await db.execute("select max(ended) as ended from runs where status in ('ok', 'partial')")).first()
    context = {
        "metadata": datasette.metadata(),
        "last_update": last_run["ended"] if last_run else None,
        "org": dict(org),
        "database": db.name,
        "intervals": listed_periods,
        "changes": listed_changes,
        "periods_total": len(intervals),
        "changes_total": len(changes),
        "current": [i for i in intervals if i["valid_to"] is None],
        "evidence": by_change,
        "aliases": aliases,
        "related": related,
        "chart": chart,
        "today": today,
    }
    fragment_context = {**context, "urls": datasette.urls}
    parts = ("chart", "periods", "changes")
    context["fragments"] = {part: fragments.render(f"_nhswatch_org_{part}.html", fragment_context) for part in parts}
    return Response.html(await datasette.render_template("nhswatch_organisation.html", context, request=request))


BRIEF_CHANGES = """select id, framework, effective_date from changes where ods_code = ?
order by coalesce(effective_date, ''), framework"""


def plain_rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> tuple[list[str], list[tuple]]:
    """The column names and rows of one of this page's own queries (a row per period or change of one
    organisation), as plain tuples: without the result-size row factory and its sqlite3.Row per row."""
    cursor = conn.cursor()
    cursor.row_factory = None
    rows = cursor.execute(sql, params).fetchall()
    return [d[0] for d in cursor.description], rows


def periods_of(conn: sqlite3.Connection, code: str) -> list[dict[str, Any]]:
    """Every period of ``code``, by framework and start, with all its columns but the id lists."""
    table = conn.execute("select name from pragma_table_info('status_timeline')").fetchall()
    columns = ", ".join(f'"{row[0]}"' for row in table if row[0] not in UNLISTED_COLUMNS)
    sql = f"select {columns} from status_timeline where ods_code = ? order by framework, valid_from"
    names, rows = plain_rows(conn, sql, [code])
    return [dict(zip(names, row, strict=True)) for row in rows]


def brief_changes(conn: sqlite3.Connection, code: str) -> list[dict[str, Any]]:
    """Every change of ``code``: id, framework and date (the chart marks only the changes listed, which are read
    whole, so an unlisted change's summary is never shown). Read as plain tuples, without the result-size row
    factory (three short columns a change): the most reported organisation has over a thousand changes."""
    _names, rows = plain_rows(conn, BRIEF_CHANGES, [code])
    return [{"id": i, "framework": f, "effective_date": d, "effective_day": first_day(d)} for i, f, d in rows]


async def change_details(db: Any, changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``changes`` (brief rows, in order) with all their columns and the framework table's labels."""
    rows = await db.execute(
        f"select {await page_columns(db, 'changes')} from changes where id in (select value from json_each(?))",
        [json.dumps([c["id"] for c in changes])],
    )
    details = {row["id"]: dict(row) for row in rows.rows}
    for change in changes:
        change.update(details.get(change["id"], {}))
        with_labels(change, change["effective_day"])
    return changes


UNLISTED_COLUMNS = {"event_ids", "change_ids"}  # JSON lists of ids (hundreds of KB for a much-reported organisation)


async def page_columns(db: Any, table: str) -> str:
    """``table``'s columns an organisation page reads: all but the id lists, which it never shows."""
    columns = await db.table_columns(table)
    return ", ".join(f'"{c}"' for c in columns if c not in UNLISTED_COLUMNS)


def evidence_by(rows: list[dict[str, Any]], column: str) -> dict[str, list[dict]]:
    """Evidence rows grouped by ``column``, one per sentence per document, with a safe link."""
    out: dict[str, list[dict]] = {}
    shown: set[tuple] = set()
    for item in rows:
        key = (item[column], item["document_id"], item["evidence"])
        if key in shown:  # one sentence can carry two events of the same change
            continue
        shown.add(key)
        item["link"] = web_link(item["url"])
        out.setdefault(item[column], []).append(item)
    return out


def _json_codes(org: Any) -> str:
    codes = []
    for column in ("predecessors", "successors", "parent_icb"):
        codes += [c for c in (org[column] or "").split(";") if c]
    return json.dumps(codes)


async def archived_copy(datasette: Any, request: Any) -> Response:
    """/-/archive/<sha256>/raw: a raw archived response, as inert plain text."""
    _db, fetch, digest, path = await archived_fetch(datasette, request)
    with gzip.open(path, "rb") as handle:
        body = handle.read(MAX_ARCHIVE_BYTES + 1)
    truncated = len(body) > MAX_ARCHIVE_BYTES
    text = body[:MAX_ARCHIVE_BYTES].decode("utf-8", errors="replace")
    header = (
        f"Archived copy of {fetch['url']}\nFetched {fetch['fetched_at']}, sha256 {digest}\n"
        "Shown as plain text: scraped HTML is never rendered here.\n" + ("[truncated]\n" if truncated else "") + "\n"
    )
    return Response(header + text, content_type="text/plain; charset=utf-8", headers=dict(SAFE_HEADERS))


async def robots_txt(datasette: Any, request: Any) -> Response:
    """/robots.txt, from the ``robots`` plugin setting."""
    mode = plugin_config(datasette).get("robots", "pages")
    return Response.text(ROBOTS.get(mode, ROBOTS["pages"]))


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/-/organisation/(?P<ods_code>[A-Za-z0-9]{1,12})$", organisation_page),
        (r"^/-/archive/(?P<digest>[0-9a-f]{64})/raw$", archived_copy),  # readable copy: nhswatch.site.reader
        (r"^/robots\.txt$", robots_txt),
    ]
