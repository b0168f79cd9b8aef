"""What the site's plugin modules share: the plugin's settings, the nhswatch database, the archive.

Kept apart from ``nhswatch.site`` (the main plugin module) so that the other plugin modules, which
Datasette may load while ``nhswatch.site`` itself is still being imported, never import it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from datasette.utils.asgi import NotFound

PLUGIN = "nhswatch"
HEX64 = re.compile(r"[0-9a-f]{64}")


def plugin_config(datasette: Any) -> dict[str, Any]:
    return datasette.plugin_config(PLUGIN) or {}


async def nhswatch_database(datasette: Any) -> Any:
    """The Datasette database holding the nhswatch tables."""
    name = plugin_config(datasette).get("database")
    if name and name in datasette.databases:
        return datasette.databases[name]
    for db_name, db in datasette.databases.items():
        if db_name != "_internal" and await db.table_exists("status_timeline"):
            return db
    raise NotFound("no nhswatch database is being served")


def archive_root(datasette: Any, db: Any) -> Path | None:
    configured = plugin_config(datasette).get("archive_dir")
    if configured:
        return Path(configured)
    return Path(db.path).with_suffix(".archive") if db.path else None


async def archived_fetch(datasette: Any, request: Any) -> tuple[Any, Any, str, Path]:
    """For /-/archive/<sha256>...: the nhswatch database, the latest fetch with that digest, the digest and
    the archived file; NotFound when the digest is malformed or the copy is not on this server."""
    digest = request.url_vars["digest"]
    if not HEX64.fullmatch(digest):
        raise NotFound("not an archive digest")
    db = await nhswatch_database(datasette)
    fetch = (
        await db.execute(
            "select url, fetched_at, source from fetches where content_hash = ? order by id desc limit 1", [digest]
        )
    ).first()
    root = archive_root(datasette, db)
    path = root / digest[:2] / f"{digest}.gz" if root else None
    if fetch is None or path is None or not path.is_file():
        raise NotFound("this archived copy is not available on this server")
    return db, fetch, digest, path
