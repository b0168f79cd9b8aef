"""A real ``datasette serve`` process for the browser and signal tests, configured as ``nhswatch serve`` runs it."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from nhswatch.serving import datasette_args


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(db_path: Path, workdir: Path) -> Iterator[str]:
    """``datasette`` as ``nhswatch serve`` runs it, serving ``db_path`` on a free port; yields its base URL."""
    port = free_port()
    args = datasette_args(db_path, host="127.0.0.1", port=port, workdir=workdir)
    log = workdir / "datasette.log"
    with log.open("w") as output:
        process = subprocess.Popen(args, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/-/versions.json", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"datasette did not start:\n{log.read_text()}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
