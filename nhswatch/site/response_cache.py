"""A response cache for the public site: a page many people open at once is rendered once.

When a newsroom shares a link, dozens of readers open the same page within a minute; each render of a
much-reported organisation's page or a common search costs 50-100 ms of CPU at 100,000 documents, so eight
concurrent readers queue behind one another. This ASGI wrapper keeps the finished responses of anonymous
``GET`` requests in memory and answers repeats from there. An entry is used only while

* every database file the site serves (and its WAL) has the size and modification time it had when the entry
  was made: a scheduled run's first write makes every entry stale;
* it is younger than ``response_cache_seconds`` (default 300): pages computed against the clock (the last
  seven days' changes, a source's recent failures) drift by at most that much;
* the request carries no cookie and no ``Authorization`` header (Datasette's pages ``Vary`` on both) and no
  ``Cache-Control: no-cache`` (the response is then rendered afresh, and kept).

Only complete ``200`` responses without ``Set-Cookie`` and no bigger than ``MAX_ENTRY_BYTES`` are kept; a
response is passed on as it streams, never delayed. The cache holds at most ``response_cache_mb`` (default
64; 0 turns it off) and drops the least recently used entries first. Hits carry ``X-nhswatch-cache: hit``.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datasette import hookimpl

from .common import plugin_config
from .download import file_state

DEFAULT_MB = 64
DEFAULT_SECONDS = 300
MAX_ENTRY_BYTES = 4 * 1024 * 1024
HIT_HEADER = (b"x-nhswatch-cache", b"hit")


@dataclass
class Entry:
    state: tuple
    made: float
    start: dict[str, Any]
    body: bytes


class ResponseCache:
    """Finished responses by request, least recently used first, bounded in bytes."""

    def __init__(self, max_bytes: int, max_seconds: float):
        self.max_bytes = max_bytes
        self.max_seconds = max_seconds
        self.entries: OrderedDict[tuple, Entry] = OrderedDict()
        self.size = 0

    def get(self, key: tuple, state: tuple) -> Entry | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        if entry.state != state or time.monotonic() - entry.made > self.max_seconds:
            self.drop(key)
            return None
        self.entries.move_to_end(key)
        return entry

    def put(self, key: tuple, entry: Entry) -> None:
        if len(entry.body) > self.max_bytes:
            return
        self.drop(key)
        self.entries[key] = entry
        self.size += len(entry.body)
        while self.size > self.max_bytes:
            self.drop(next(iter(self.entries)))

    def drop(self, key: tuple) -> None:
        entry = self.entries.pop(key, None)
        if entry is not None:
            self.size -= len(entry.body)


def served_files(datasette: Any) -> list[Path] | None:
    """The database files the site serves, or None when one of them has no file (nothing can tell its changes)."""
    paths = []
    for name, db in datasette.databases.items():
        if name == "_internal":
            continue
        if db.is_memory or not db.path:
            return None
        paths.append(Path(db.path))
    return paths


def request_key(scope: dict[str, Any]) -> tuple | None:
    """What identifies a cacheable request, or None: not a plain anonymous GET."""
    if scope.get("type") != "http" or scope.get("method") != "GET":
        return None
    headers = dict(scope.get("headers") or [])
    if b"cookie" in headers or b"authorization" in headers:
        return None
    return (scope.get("scheme"), headers.get(b"host"), scope.get("path"), scope.get("query_string"))


def wants_fresh(scope: dict[str, Any]) -> bool:
    """``Cache-Control: no-cache``: render afresh (and keep the result)."""
    return b"no-cache" in dict(scope.get("headers") or []).get(b"cache-control", b"").lower()


def wrap(app: Any, datasette: Any) -> Any:
    config = plugin_config(datasette)
    max_bytes = int(float(config.get("response_cache_mb", DEFAULT_MB)) * 1024 * 1024)
    if max_bytes <= 0:
        return app
    cache = ResponseCache(max_bytes, float(config.get("response_cache_seconds", DEFAULT_SECONDS)))

    async def cached_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        key = request_key(scope)
        files = served_files(datasette) if key is not None else None
        if key is None or files is None:
            await app(scope, receive, send)
            return
        state = tuple(file_state(path) for path in files)
        entry = None if wants_fresh(scope) else cache.get(key, state)
        if entry is not None:
            await send({**entry.start, "headers": [*entry.start["headers"], HIT_HEADER]})
            await send({"type": "http.response.body", "body": entry.body})
            return
        await app(scope, receive, recording(send, cache, key, state))

    return cached_app


def recording(send: Any, cache: ResponseCache, key: tuple, state: tuple) -> Any:
    """``send``, passing every message on at once and keeping a copy of a cacheable response."""
    kept: dict[str, Any] = {"start": None, "body": [], "size": 0, "ok": True}

    async def send_and_keep(message: dict[str, Any]) -> None:
        await send(message)
        if not kept["ok"]:
            return
        if message["type"] == "http.response.start":
            names = {name.lower() for name, _ in message.get("headers") or []}
            kept["ok"] = message.get("status") == 200 and b"set-cookie" not in names
            kept["start"] = message
        elif message["type"] == "http.response.body":
            body = message.get("body", b"")
            kept["size"] += len(body)
            if kept["size"] > MAX_ENTRY_BYTES:
                kept["ok"], kept["body"] = False, []
                return
            kept["body"].append(body)
            if not message.get("more_body"):
                cache.put(key, Entry(state, time.monotonic(), kept["start"], b"".join(kept["body"])))

    return send_and_keep


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    return lambda app: wrap(app, datasette)
