"""Publishing with Datasette, with settings suited to a public, read-only site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_METADATA = Path(__file__).resolve().parents[1] / "metadata.yml"
PUBLIC_SETTINGS = {
    "sql_time_limit_ms": "3000",
    "max_returned_rows": "2000",
    "default_page_size": "50",
    "facet_time_limit_ms": "500",
    "allow_download": "off",
}


def datasette_args(db_path: Path, *, host: str, port: int, metadata: Path | None) -> list[str]:
    """The ``datasette serve`` command line for ``db_path``."""
    metadata = metadata or REPO_METADATA
    args = [sys.executable, "-m", "datasette", "serve", str(db_path), "--host", host, "--port", str(port)]
    if metadata.exists():
        args += ["--metadata", str(metadata)]
    for name, value in PUBLIC_SETTINGS.items():
        args += ["--setting", name, value]
    return args


def serve(db_path: Path, *, host: str = "127.0.0.1", port: int = 8001, metadata: Path | None = None) -> int:
    """Run Datasette in the foreground until interrupted; returns its exit code."""
    args = datasette_args(db_path, host=host, port=port, metadata=metadata)
    print(f"Serving {db_path} at http://{host}:{port}/ (Ctrl-C to stop)", file=sys.stderr)
    try:
        return subprocess.call(args)
    except KeyboardInterrupt:
        return 0
