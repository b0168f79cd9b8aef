"""The canned queries, served through Datasette's ``canned_queries`` hook from metadata.yml itself.

metadata.yml stays the one place the queries are written (``databases: nhswatch: queries:``), but
``nhswatch.serving.effective_metadata`` takes them out of the metadata Datasette holds and names the
file here instead (plugin config ``queries: {file, database}``). Datasette 0.65 deep-copies its whole
metadata on every table permission check, several times a page; without the queries (about 45% of
it) each copy costs half as much. Same names, titles, descriptions, parameters and SQL.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=8)
def queries_in(path: str, database: str, mtime_ns: int) -> dict[str, Any]:
    """The queries metadata.yml at ``path`` lists for ``database`` (read once per file version)."""
    import yaml

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    queries = ((data.get("databases") or {}).get(database) or {}).get("queries") or {}
    return {name: query if isinstance(query, dict) else {"sql": query} for name, query in queries.items()}


def canned_queries_for(config: dict[str, Any], database: str) -> dict[str, Any]:
    """The canned queries of ``database`` under the plugin config ``config`` (none for another database)."""
    source = config.get("queries") or {}
    if not source.get("file") or database != config.get("database"):
        return {}
    path = Path(source["file"])
    queries = queries_in(str(path), source.get("database", database), path.stat().st_mtime_ns)
    # Datasette writes each query's name into the dict it gets: give it copies, not the cache.
    return {name: dict(query) for name, query in queries.items()}
