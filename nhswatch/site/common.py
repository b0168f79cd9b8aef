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
