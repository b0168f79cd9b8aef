"""``nhswatch serve`` stops its Datasette child on SIGTERM and SIGHUP (systemd's stop and a closed
terminal) instead of leaving it running, orphaned; a real server on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from livesite import free_port

pytestmark = pytest.mark.slow


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_serve_stops_datasette_on_a_stop_signal(sample_path, tmp_path, signum):
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "nhswatch.cli", "serve", "--db", str(sample_path), "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    child = None
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(base + "/-/versions.json") == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"nhswatch serve did not start:\n{log.read_text()}")
            time.sleep(0.2)
        (child,) = children(process.pid)
        assert get(base + "/nope") == 404
        assert get(base + "/nhswatch.json?sql=selec+x") == 400
        process.send_signal(signum)
        assert process.wait(timeout=30) == 0
        deadline = time.monotonic() + 15
        while alive(child) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(child), "datasette was left running"
        text = log.read_text()
        assert "Traceback" not in text and "──" not in text, text
        assert sum("404 GET /nope" in line for line in text.splitlines()) == 1, text
    finally:
        for pid in (process.pid, child):
            if pid is not None and alive(pid):
                os.kill(pid, signal.SIGKILL)
        process.wait()
