"""The database download: ``/<name>.db`` answers a consistent snapshot of a served database file.

Datasette's own download refuses a mutable database, and ``nhswatch serve`` serves the database mutable
(so a scheduled run's writes are seen without a restart); copying the live file could also miss what is
still in its WAL. This route copies the database with SQLite's backup API (``nhswatch.export.snapshot``)
into a cache folder, makes a new copy only when the database or its WAL has changed, and sends that.
It follows Datasette's ``allow_download`` setting (``nhswatch serve --no-allow-download`` turns it off:
403), and a "Download the database" link is added to the menu and the database's actions.

Registered as its own ``datasette`` entry point (``nhswatch_download``) beside ``nhswatch.site``.
"""

from __future__ import annotations

import asyncio
import atexit
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import AsgiFileDownload, Forbidden, NotFound

from nhswatch.export import snapshot


def file_state(path: Path) -> tuple:
    """What changes when the database is written: size and mtime of the file and of its WAL."""
    state = []
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            stat = part.stat()
        except FileNotFoundError:
            state.append(None)
        else:
            state.append((stat.st_size, stat.st_mtime_ns))
    return tuple(state)


class Snapshots:
    """One cached snapshot per database file, in a private temporary folder, remade when the file changes."""

    def __init__(self) -> None:
        self.made: dict[Path, tuple[tuple, Path]] = {}
        self.lock = threading.Lock()
        self.cache_dir: Path | None = None

    def get(self, db_path: Path) -> Path:
        with self.lock:
            state = file_state(db_path)
            made = self.made.get(db_path)
            if made is not None and made[0] == state and made[1].is_file():
                return made[1]
            if self.cache_dir is None:
                self.cache_dir = Path(tempfile.mkdtemp(prefix="nhswatch-downloads-"))
                atexit.register(shutil.rmtree, self.cache_dir, ignore_errors=True)
            dest = self.cache_dir / f"{len(self.made) if made is None else made[1].parent.name}" / db_path.name
            dest.parent.mkdir(exist_ok=True)
            snapshot(db_path, dest)
            self.made[db_path] = (state, dest)
            return dest


SNAPSHOTS = Snapshots()


def downloadable(datasette: Any, name: str) -> Any:
    """The served file-backed database called ``name``, or None."""
    db = datasette.databases.get(name)
    if db is None or db.is_memory or not db.path:
        return None
    return db


async def download(datasette: Any, request: Any) -> Any:
    name = request.url_vars["database"]
    db = downloadable(datasette, name)
    if db is None:
        raise NotFound(f"no database called {name}")
    if not datasette.setting("allow_download"):
        raise Forbidden("Database download is turned off on this site")
    await datasette.ensure_permissions(
        request.actor, [("view-database-download", name), ("view-database", name), "view-instance"]
    )
    path = await asyncio.to_thread(SNAPSHOTS.get, Path(db.path))
    return AsgiFileDownload(path, filename=f"{name}.db", content_type="application/vnd.sqlite3")


@hookimpl
def register_routes(datasette: Any) -> list:
    return [(r"^/(?P<database>[^/]+)\.db$", download)]


def download_link(datasette: Any) -> list[dict[str, str]]:
    if not datasette.setting("allow_download"):
        return []
    names = [n for n in datasette.databases if downloadable(datasette, n) is not None]
    return [
        {"href": datasette.urls.path(f"/{name}.db"), "label": f"Download the database ({name}.db)"} for name in names
    ]


@hookimpl
def menu_links(datasette: Any, actor: Any, request: Any) -> list[dict[str, str]]:
    return download_link(datasette)


@hookimpl
def database_actions(datasette: Any, actor: Any, database: str, request: Any) -> list[dict[str, str]]:
    return [link for link in download_link(datasette) if link["href"].endswith(f"/{database}.db")]
