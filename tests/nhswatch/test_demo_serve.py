"""``nhswatch demo`` serves as ``nhswatch serve`` does: SIGTERM stops its Datasette too, and a 404 is one log
line, not a traceback; a real demo build and server on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def alive(pid: int) -> bool:
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_served(process: subprocess.Popen, base: str, log: Path) -> None:
    deadline = time.monotonic() + 240  # the demo builds its database first
    while True:
        try:
            if status(base + "/-/versions.json") == 200:
                return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"nhswatch demo did not start serving:\n{log.read_text()}")
        time.sleep(0.5)


def test_demo_stops_datasette_on_sigterm_and_logs_a_404_in_one_line(tmp_path):
    port = free_port()
    log = tmp_path / "demo.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "nhswatch.cli", "demo", "--db", str(tmp_path / "nhswatch.db"), "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    datasette = None
    try:
        wait_until_served(process, base, log)
        (datasette,) = children(process.pid)
        before = len(log.read_text().splitlines())
        assert status(base + "/no-such-page") == 404
        time.sleep(0.5)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        deadline = time.monotonic() + 15
        while alive(datasette) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(datasette), "datasette was left running"
        after = log.read_text().splitlines()[before:]
        about_it = [line for line in after if "no-such-page" in line or "Traceback" in line or "──" in line]
        assert len(about_it) == 1 and "404 GET /no-such-page" in about_it[0], "\n".join(after)
    finally:
        for pid in (process.pid, datasette):
            if pid is not None and alive(pid):
                os.kill(pid, signal.SIGKILL)
        process.wait()
