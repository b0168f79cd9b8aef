"""The timeline rules beside the inserts: a full rebuild's derived rows computed in worker processes.

``db.timeline.build_all`` is pure Python and needs only one organisation's events, so a full rebuild of a
large database (``MIN_EVENTS``) hands organisations, in order, to worker processes and writes the rows they
send back while they compute the next ones: the rules run beside SQLite's inserts instead of before them.
The rows, and the order they are written in, are those of one process.

A worker is ``python -m nhswatch.db.workers DATABASE``: a fresh interpreter (never a fork: an SQLite
connection must not cross one; and not ``multiprocessing``, whose spawned children re-run the caller's
script) with its own read-only connection, reading the committed events. That is what the rebuild sees:
it holds the write lock and writes no events, and the caller says whether it was already inside a
transaction (then, and for an in-memory database or one not in WAL mode, where a reader would wait for
the writer, everything runs in this process). Requests and replies are pickles over the worker's stdin
and stdout; at most ``WINDOW`` chunks of organisations are in flight per worker, and a worker replies one
organisation at a time (a chunk ends with ``None``), so its memory is bounded by the largest organisation.
Rows travel as tuples in column order (``pack``): unpickling a dict per row cost the writing process more
than inserting it.

The rules allocate millions of short-lived objects; Python's default collector thresholds scanned them over
and over (15-20% of the rules' time), so a rebuild runs with ``few_collections``. Some of them do form
cycles, which only a collection frees: with collections that rare, a worker's memory grew with every
organisation (310 MB at 50,000 documents). So everything is collected once after each organisation, when
all of its garbage is dead: about 1 ms an organisation, and a worker's peak is its largest organisation's.
"""

from __future__ import annotations

import gc
import os
import pickle
import sqlite3
import subprocess
import sys
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import groupby
from operator import itemgetter
from typing import IO, Any
from urllib.parse import quote

from sqlite_utils import Database

from .timeline import Derived, build_all

MIN_EVENTS = 20_000  # below this, starting workers costs more than it saves
MAX_WORKERS = 2
CHUNK_ORGS = 8
WINDOW = 2  # chunks in flight per worker
GC_THRESHOLD = (100_000, 50, 100)  # allocations between young collections (Python's default: 700, 10, 10)
TABLES = ("changes", "change_events", "status_timeline", "period_evidence", "timeline_claim_rows")
Superseded = dict[tuple[str, str], str]
# Each table's rows as (column names, value tuples in that order); "derived_version_starts" included.
Packed = dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]


def pack(code: str, derived: Derived, consume: bool = False) -> Packed:
    """One organisation's derived rows as tuples, with their column names (all rows of a table share them).
    ``consume``: empty each of ``derived``'s lists once packed, so its dicts and the tuples are not all alive."""
    packed: Packed = {}
    for table in TABLES:
        rows = getattr(derived, table)
        if rows:
            columns = tuple(rows[0])
            values = itemgetter(*columns)
            if len(columns) == 1:  # itemgetter of one key gives the value, not a 1-tuple
                packed[table] = (columns, [(values(row),) for row in rows])
            else:
                packed[table] = (columns, [values(row) for row in rows])
            if consume:
                rows.clear()
    if derived.version_starts:
        packed["derived_version_starts"] = (
            ("ods_code", "framework", "framework_version", "first_day"),
            [(code, framework, version, day) for (framework, version), day in sorted(derived.version_starts.items())],
        )
    return packed


@contextmanager
def few_collections() -> Iterator[None]:
    """Cyclic garbage collection at ``GC_THRESHOLD`` for the block (see the module docstring)."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def derived_by_org(
    db: Database,
    sql: str,
    where: str,
    superseded: Superseded,
    *,
    parallel: bool = False,
    codes: list[str] | None = None,
) -> Iterator[tuple[str, Packed]]:
    """(ODS code, its derived rows, ``pack``ed) for every organisation the events query ``sql`` (with
    ``{where}``) returns, in ODS code order. ``parallel`` (no outer transaction; ``codes``: the organisations ``where``
    selects, in order, None for all): in worker processes when worthwhile."""
    workers = _workers(db) if parallel and (codes is not None or not where) else 0
    if workers:
        if codes is None:
            found = db.execute("select distinct ods_code from events where ods_code is not null order by 1")
            codes = [row[0] for row in found]
        chunks = [codes[i : i + CHUNK_ORGS] for i in range(0, len(codes), CHUNK_ORGS)]
        yield from _in_workers(workers, _path(db), sql, superseded, chunks)
        return
    for code, events in rows_by_org(db.conn.execute(sql.format(where=where))):
        yield code, pack(code, build_all(events, superseded))
        gc.collect()  # the organisation's garbage, cycles included (see the module docstring)


def rows_by_org(cursor: sqlite3.Cursor) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(ODS code, its joined event rows as dicts), one organisation at a time, from a cursor ordered by code."""
    names = [c[0] for c in cursor.description]
    rows = (dict(zip(names, row, strict=False)) for row in cursor)  # a cursor's rows have its description's length
    for code, events in groupby(rows, key=itemgetter("ods_code")):
        yield code, list(events)


def _workers(db: Database) -> int:
    """How many worker processes are worth starting (0: none)."""
    cores = os.cpu_count() or 1
    if cores < 2 or not sys.executable or not _path(db) or db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        return 0
    events = db.execute("select count(*) from events where ods_code is not null").fetchone()[0]
    return min(MAX_WORKERS, cores) if events >= MIN_EVENTS else 0


def _path(db: Database) -> str:
    """The main database's file ('' in memory)."""
    return next((row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main"), "") or ""


def _in_workers(
    count: int, path: str, sql: str, superseded: Superseded, chunks: list[list[str]]
) -> Iterator[tuple[str, Packed]]:
    """The derived rows of each chunk of organisations, computed by ``count`` workers, in chunk order."""
    command = [sys.executable, "-m", "nhswatch.db.workers", path]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}  # the modules this process has
    procs = [subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env) for _ in range(count)]
    todo = iter(chunks)
    pending: deque[subprocess.Popen] = deque()  # who computes each chunk in flight, in chunk order

    def send(proc: subprocess.Popen) -> None:
        chunk = next(todo, None)
        if chunk is not None:
            _send(proc, chunk)
            pending.append(proc)

    try:
        for proc in procs:
            _send(proc, (sql, superseded))
        for _ in range(WINDOW):
            for proc in procs:
                send(proc)
        while pending:
            proc = pending.popleft()
            send(proc)
            yield from _replies(proc)
    finally:  # at the end of the input a worker exits; after a failure here, it may be stuck replying
        for proc in procs:
            _close(proc, stop=bool(pending))


def _replies(proc: subprocess.Popen) -> Iterator[tuple[str, Packed]]:
    """One chunk's replies from a worker: an organisation's rows at a time, up to the chunk's end (None)."""
    while True:
        try:
            reply = pickle.load(proc.stdout)  # type: ignore[arg-type]
        except EOFError:
            raise _stopped(proc) from None
        if reply is None:
            return
        yield reply


def _send(proc: subprocess.Popen, message: Any) -> None:
    assert proc.stdin is not None
    try:
        pickle.dump(message, proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        proc.stdin.flush()
    except BrokenPipeError:
        raise _stopped(proc) from None


def _stopped(proc: subprocess.Popen) -> RuntimeError:
    return RuntimeError(f"a derived-rows worker stopped (exit code {proc.wait()})")


def _close(proc: subprocess.Popen, stop: bool) -> None:
    """End a worker's input and let it exit; ``stop`` it at once, or if it does not exit."""
    try:
        if stop:
            proc.kill()
        if proc.stdin:
            proc.stdin.close()
        proc.wait(timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        proc.kill()
        proc.wait()


def serve(path: str, requests: IO[bytes], replies: IO[bytes]) -> None:
    """A worker: read (query, supersession dates), then chunks of ODS codes until the end of input; reply
    to each with its organisations' derived rows."""
    conn = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True)
    sql, superseded = pickle.load(requests)
    while True:
        try:
            codes = pickle.load(requests)
        except EOFError:
            break
        cursor = conn.execute(sql.format(where=f"where e.ods_code in ({', '.join('?' * len(codes))})"), codes)
        for code, events in rows_by_org(cursor):
            # one organisation's rows at a time, each stage's input let go before the next: a worker holds
            # one organisation, not a chunk of them
            derived = build_all(events, superseded)
            del events
            packed = pack(code, derived, consume=True)
            del derived
            pickle.dump((code, packed), replies, protocol=pickle.HIGHEST_PROTOCOL)
            del packed
            gc.collect()  # see the module docstring: an organisation's garbage, cycles included, is dead now
        pickle.dump(None, replies, protocol=pickle.HIGHEST_PROTOCOL)  # the end of the chunk
        replies.flush()
    conn.close()


if __name__ == "__main__":
    replies, sys.stdout = sys.stdout.buffer, sys.stderr  # nothing else may write to the reply pipe
    gc.freeze()  # the modules' objects: never garbage, never scanned again
    with few_collections():
        serve(sys.argv[1], sys.stdin.buffer, replies)
