"""Publishing with Datasette, with settings suited to a public, read-only site.

``serve()`` runs ``datasette serve`` with the package's metadata.yml (``nhswatch/site/``); the site's
plugin, templates and static files are the ``nhswatch.site`` package, registered as a ``datasette``
entry point, so an installed nhswatch serves the full site and so does ``datasette --install nhswatch``;
limits fit for public exposure, and three switches: arbitrary SQL on or off (``allow_sql``), the
database download at ``/<name>.db`` on or off (``allow_download``, default on) and the robots.txt
policy (``robots``: ``pages`` = only the home page and organisation pages may be crawled, ``all``,
``none``). ``make_datasette()`` builds the same configuration in-process, for
tests and benchmarks.

Arbitrary SQL is on by default only on a loopback address (``allow_sql=None``); wherever it is
on, the plugin (``nhswatch.site``) bounds each value and each result's size, SQLite's heap,
and disables ``fts3_tokenizer()``. ``serve()`` stops Datasette on SIGTERM, SIGHUP and SIGINT.

Read-only: Datasette reads through ``mode=ro`` connections, no write queries are configured and
0.65 has no write API. The database is served mutable (not ``-i``) so that a scheduled run writing
in WAL mode is seen without a restart.
"""

from __future__ import annotations

import copy
import ipaddress
import signal
import sys
import tempfile
from pathlib import Path
from typing import Any

# Cold start: yaml, socket and subprocess are imported by the functions that use them, so the CLI
# (which reads ROBOTS_MODES here for `serve --help`) starts without them.

SITE_DIR = Path(__file__).resolve().parent / "site"
REPO_METADATA = SITE_DIR / "metadata.yml"
TEMPLATE_DIR = SITE_DIR / "templates"
METADATA_DB = "nhswatch"
ROBOTS_MODES = ("pages", "all", "none")
PUBLIC_SETTINGS: dict[str, Any] = {
    "sql_time_limit_ms": 3000,
    "max_returned_rows": 2000,
    "default_page_size": 50,
    "facet_time_limit_ms": 500,
    "facet_suggest_time_limit_ms": 100,
    "suggest_facets": False,
    "allow_download": True,  # a consistent snapshot, served by nhswatch.site.download (the file is mutable)
    "truncate_cells_html": 600,
    "max_csv_mb": 200,
    "num_sql_threads": 4,
}


SITE_PLUGIN = "nhswatch.site"


def check_site() -> None:
    """Refuse to serve a bare Datasette: the package's metadata, templates and plugin must be installed."""
    from importlib.metadata import entry_points

    from .errors import FatalError

    missing = [str(path) for path in (REPO_METADATA, TEMPLATE_DIR / "nhswatch_organisation.html") if not path.is_file()]
    if not any(ep.value == SITE_PLUGIN for ep in entry_points(group="datasette")):
        missing.append(f"the {SITE_PLUGIN} datasette entry point")
    if missing:
        raise FatalError(
            f"the nhswatch site is not installed completely (missing {', '.join(missing)})",
            "reinstall nhswatch (pip install --force-reinstall nhswatch)",
        )


def setting_text(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def default_allow_sql(host: str, allow_sql: bool | None) -> bool:
    """Arbitrary SQL: as asked, or by default only when served on a loopback address."""
    return is_loopback(host) if allow_sql is None else allow_sql


def settings(*, allow_sql: bool = True, allow_download: bool = True) -> dict[str, Any]:
    """Datasette settings for a public site; ``allow_sql=False`` turns off arbitrary SQL,
    ``allow_download=False`` the database download."""
    return {**PUBLIC_SETTINGS, "default_allow_sql": allow_sql, "allow_download": allow_download}


def port_busy(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on (another server holds it, say), or None if it can.

    Binds with SO_REUSEADDR as uvicorn does, so a port left in TIME_WAIT counts as free.
    """
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as error:
        return f"cannot resolve {host!r} ({error})"
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as error:
            return error.strerror or str(error)
    return None


def effective_metadata(
    db_path: Path,
    *,
    metadata: Path | None = None,
    robots: str = "pages",
    archive: Path | None = None,
    queries_by_hook: bool = True,
) -> dict[str, Any]:
    """metadata.yml adapted to ``db_path``: its database name, robots policy and archive directory.

    metadata.yml describes a database called ``nhswatch`` (the default ``nhswatch.db``); a database
    file with another name gets the same descriptions, queries and links under its own name.
    ``queries_by_hook``: the canned queries are left out and the plugin serves them from the same file
    (``nhswatch.site.queries``: Datasette deep-copies its metadata on every permission check); False
    keeps them inline, for a metadata file used where this one cannot be read (``nhswatch publish``).
    """
    if robots not in ROBOTS_MODES:
        raise ValueError(f"robots must be one of {', '.join(ROBOTS_MODES)}")
    import yaml

    source = metadata or REPO_METADATA
    data = yaml.safe_load(source.read_text(encoding="utf-8")) if source.exists() else {}
    data = copy.deepcopy(data or {})
    name = Path(db_path).stem
    databases = data.setdefault("databases", {})
    source_databases = set(databases)
    if name != METADATA_DB and METADATA_DB in databases:
        databases[name] = databases.pop(METADATA_DB)
        for key in ("description_html", "description"):
            if isinstance(data.get(key), str):
                data[key] = data[key].replace(f"/{METADATA_DB}/", f"/{name}/")
    plugin = data.setdefault("plugins", {}).setdefault("nhswatch", {})
    plugin.update({"database": name, "robots": robots})
    if queries_by_hook and isinstance(databases.get(name), dict) and databases[name].get("queries"):
        # Served by the plugin's canned_queries hook from this same file (nhswatch.site.queries).
        # Only the titles stay (datasette-atom titles a feed from metadata); the hook's queries replace them.
        titles = {
            query: {"title": spec["title"]}
            for query, spec in databases[name]["queries"].items()
            if isinstance(spec, dict) and "title" in spec
        }
        databases[name] = {**databases[name], "queries": titles}
        original = METADATA_DB if name != METADATA_DB and METADATA_DB in source_databases else name
        plugin["queries"] = {"file": str(Path(source).resolve()), "database": original}
    plugin["archive_dir"] = str(archive or Path(db_path).with_suffix(".archive"))
    return data


def make_datasette(
    db_path: Path,
    *,
    metadata: Path | None = None,
    allow_sql: bool = True,
    robots: str = "pages",
    archive: Path | None = None,
    allow_download: bool = True,
    **overrides: Any,
) -> Any:
    """An in-process Datasette configured exactly as ``serve`` configures the server."""
    from datasette.app import Datasette

    return Datasette(
        [str(db_path)],
        metadata=effective_metadata(db_path, metadata=metadata, robots=robots, archive=archive),
        settings={**settings(allow_sql=allow_sql, allow_download=allow_download), **overrides},
    )


def datasette_args(
    db_path: Path,
    *,
    host: str,
    port: int,
    metadata: Path | None = None,
    allow_sql: bool | None = None,
    robots: str = "pages",
    archive: Path | None = None,
    workdir: Path | None = None,
    allow_download: bool = True,
) -> list[str]:
    """The ``datasette serve`` command line for ``db_path``.

    The effective metadata is written to ``workdir`` (a new temporary directory if not given).
    ``allow_sql=None``: arbitrary SQL only if ``host`` is a loopback address.
    """
    import yaml

    allow_sql = default_allow_sql(host, allow_sql)
    workdir = Path(workdir or tempfile.mkdtemp(prefix="nhswatch-serve-"))
    meta_file = workdir / "metadata.yml"
    meta_file.write_text(
        yaml.safe_dump(
            effective_metadata(db_path, metadata=metadata, robots=robots, archive=archive),
            sort_keys=False,
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    args = [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        str(db_path),
        "--host",
        host,
        "--port",
        str(port),
        "--metadata",
        str(meta_file),
    ]
    for name, value in settings(allow_sql=allow_sql, allow_download=allow_download).items():
        args += ["--setting", name, setting_text(value)]
    return args


STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
STOP_GRACE_SECONDS = 10


class _Stop(Exception):
    def __init__(self, signum: int):
        self.signum = signum


def serve(
    db_path: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8001,
    metadata: Path | None = None,
    allow_sql: bool | None = None,
    robots: str = "pages",
    archive: Path | None = None,
    allow_download: bool = True,
) -> int:
    """Run Datasette in the foreground until it exits or a stop signal arrives; returns its exit code.

    SIGTERM, SIGHUP and SIGINT stop Datasette (SIGTERM, then SIGKILL after STOP_GRACE_SECONDS)
    before returning, so it is never left running without its parent; 0 after a stop signal.
    """
    import subprocess

    check_site()
    with tempfile.TemporaryDirectory(prefix="nhswatch-serve-") as workdir:
        args = datasette_args(
            db_path,
            host=host,
            port=port,
            metadata=metadata,
            allow_sql=allow_sql,
            robots=robots,
            archive=archive,
            workdir=Path(workdir),
            allow_download=allow_download,
        )
        sql = "arbitrary SQL on" if default_allow_sql(host, allow_sql) else "arbitrary SQL off"
        print(f"Serving {db_path} at http://{host}:{port}/ ({sql}; Ctrl-C to stop)", file=sys.stderr)

        def stop(signum, frame):
            raise _Stop(signum)

        previous = {sig: signal.signal(sig, stop) for sig in STOP_SIGNALS}
        process = None
        try:
            process = subprocess.Popen(args)
            return process.wait()
        except (_Stop, KeyboardInterrupt):
            return 0
        finally:
            for sig in STOP_SIGNALS:  # a second signal must not interrupt the clean-up
                signal.signal(sig, signal.SIG_IGN)
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=STOP_GRACE_SECONDS)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
