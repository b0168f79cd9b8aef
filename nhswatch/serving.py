"""Publishing with Datasette, with settings suited to a public, read-only site.

``serve()`` runs ``datasette serve`` with the repository's metadata.yml, templates/ and plugins/,
limits fit for public exposure, and two switches: arbitrary SQL on or off (``allow_sql``) and the
robots.txt policy (``robots``: ``pages`` = only the home page and organisation pages may be
crawled, ``all``, ``none``). ``make_datasette()`` builds the same configuration in-process, for
tests and benchmarks.

Read-only: Datasette reads through ``mode=ro`` connections, no write queries are configured and
0.65 has no write API. The database is served mutable (not ``-i``) so that a scheduled run writing
in WAL mode is seen without a restart.
"""

from __future__ import annotations

import copy
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
REPO_METADATA = REPO / "metadata.yml"
TEMPLATE_DIR = REPO / "templates"
PLUGINS_DIR = REPO / "plugins"
METADATA_DB = "nhswatch"
ROBOTS_MODES = ("pages", "all", "none")
PUBLIC_SETTINGS: dict[str, Any] = {
    "sql_time_limit_ms": 3000,
    "max_returned_rows": 2000,
    "default_page_size": 50,
    "facet_time_limit_ms": 500,
    "facet_suggest_time_limit_ms": 100,
    "suggest_facets": False,
    "allow_download": False,
    "truncate_cells_html": 600,
    "max_csv_mb": 200,
    "num_sql_threads": 4,
}


def setting_text(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def settings(*, allow_sql: bool = True) -> dict[str, Any]:
    """Datasette settings for a public site; ``allow_sql=False`` turns off arbitrary SQL."""
    return {**PUBLIC_SETTINGS, "default_allow_sql": allow_sql}


def effective_metadata(db_path: Path, *, metadata: Path | None = None, robots: str = "pages",
                       archive: Path | None = None) -> dict[str, Any]:
    """metadata.yml adapted to ``db_path``: its database name, robots policy and archive directory.

    metadata.yml describes a database called ``nhswatch`` (the default ``nhswatch.db``); a database
    file with another name gets the same descriptions, queries and links under its own name.
    """
    if robots not in ROBOTS_MODES:
        raise ValueError(f"robots must be one of {', '.join(ROBOTS_MODES)}")
    source = metadata or REPO_METADATA
    data = yaml.safe_load(source.read_text(encoding="utf-8")) if source.exists() else {}
    data = copy.deepcopy(data or {})
    name = Path(db_path).stem
    databases = data.setdefault("databases", {})
    if name != METADATA_DB and METADATA_DB in databases:
        databases[name] = databases.pop(METADATA_DB)
        for key in ("description_html", "description"):
            if isinstance(data.get(key), str):
                data[key] = data[key].replace(f"/{METADATA_DB}/", f"/{name}/")
    plugin = data.setdefault("plugins", {}).setdefault("nhswatch", {})
    plugin.update({"database": name, "robots": robots})
    plugin["archive_dir"] = str(archive or Path(db_path).with_suffix(".archive"))
    return data


def make_datasette(db_path: Path, *, metadata: Path | None = None, allow_sql: bool = True,
                   robots: str = "pages", archive: Path | None = None, **overrides: Any) -> Any:
    """An in-process Datasette configured exactly as ``serve`` configures the server."""
    from datasette.app import Datasette

    return Datasette(
        [str(db_path)],
        metadata=effective_metadata(db_path, metadata=metadata, robots=robots, archive=archive),
        template_dir=str(TEMPLATE_DIR) if TEMPLATE_DIR.is_dir() else None,
        plugins_dir=str(PLUGINS_DIR) if PLUGINS_DIR.is_dir() else None,
        settings={**settings(allow_sql=allow_sql), **overrides},
    )


def datasette_args(db_path: Path, *, host: str, port: int, metadata: Path | None = None,
                   allow_sql: bool = True, robots: str = "pages", archive: Path | None = None,
                   workdir: Path | None = None) -> list[str]:
    """The ``datasette serve`` command line for ``db_path``.

    The effective metadata is written to ``workdir`` (a new temporary directory if not given).
    """
    workdir = Path(workdir or tempfile.mkdtemp(prefix="nhswatch-serve-"))
    meta_file = workdir / "metadata.yml"
    meta_file.write_text(yaml.safe_dump(
        effective_metadata(db_path, metadata=metadata, robots=robots, archive=archive),
        sort_keys=False, allow_unicode=True), encoding="utf-8")
    args = [sys.executable, "-m", "datasette", "serve", str(db_path), "--host", host, "--port", str(port),
            "--metadata", str(meta_file)]
    for option, folder in (("--template-dir", TEMPLATE_DIR), ("--plugins-dir", PLUGINS_DIR)):
        if folder.is_dir():
            args += [option, str(folder)]
    for name, value in settings(allow_sql=allow_sql).items():
        args += ["--setting", name, setting_text(value)]
    return args


def serve(db_path: Path, *, host: str = "127.0.0.1", port: int = 8001, metadata: Path | None = None,
          allow_sql: bool = True, robots: str = "pages", archive: Path | None = None) -> int:
    """Run Datasette in the foreground until interrupted; returns its exit code."""
    with tempfile.TemporaryDirectory(prefix="nhswatch-serve-") as workdir:
        args = datasette_args(db_path, host=host, port=port, metadata=metadata, allow_sql=allow_sql,
                              robots=robots, archive=archive, workdir=Path(workdir))
        print(f"Serving {db_path} at http://{host}:{port}/ (Ctrl-C to stop)", file=sys.stderr)
        try:
            return subprocess.call(args)
        except KeyboardInterrupt:
            return 0
