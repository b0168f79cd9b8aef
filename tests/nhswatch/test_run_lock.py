"""The run lock: one run at a time, a second exits at once with a clear message, and a lock left
by a killed run never blocks the next one (and is reported)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from nhswatch.db.schema import open_db

from nhswatch.cli import cli
from nhswatch.jobs import lock_for
from nhswatch.lock import LockHeld, RunLock

HOLDER = """
import sys, time
from nhswatch.lock import RunLock
with RunLock(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(60)
"""


def test_second_lock_is_refused_while_the_first_is_held(tmp_path):
    path = tmp_path / "n.lock"
    with RunLock(path), pytest.raises(LockHeld, match=f"pid {os.getpid()}"), RunLock(path):
        pass
    with RunLock(path) as again:  # released on exit, and a clean exit is not "stale"
        assert again.stale_pid is None


@pytest.mark.slow
def test_lock_of_a_killed_process_is_detected_as_stale(tmp_path):
    path = tmp_path / "n.lock"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(LockHeld, match=str(holder.pid)), RunLock(path):
            pass
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with RunLock(path) as lock:
        assert lock.stale_pid == holder.pid


def test_cli_run_exits_2_at_once_when_another_run_holds_the_lock(tmp_path):
    db_path = tmp_path / "n.db"
    with RunLock(db_path.with_suffix(".lock")):
        started = time.monotonic()
        result = CliRunner().invoke(cli, ["run", "--db", str(db_path)])
    assert result.exit_code == 2
    assert "another nhswatch run" in result.output and "not starting" in result.output
    assert time.monotonic() - started < 5
    assert not db_path.exists()  # nothing was touched


@pytest.mark.parametrize(
    "args",
    [
        ["run", "SOURCE"],
        ["scrape", "SOURCE"],
        ["build"],
        ["load", "README.md"],
        ["reextract"],
        ["orgs", "refresh", "--out", "x.csv"],
    ],
)
def test_every_writer_takes_the_lock(tmp_path, offline, args):
    args = [a for arg in args for a in (offline if arg == "SOURCE" else [arg])]
    db_path = tmp_path / "n.db"
    open_db(db_path).close()
    before = db_path.read_bytes()
    with RunLock(tmp_path / "n.lock"):
        result = CliRunner().invoke(cli, [*args, "--db", str(db_path)])
    assert result.exit_code == 2, result.output
    assert "another nhswatch run" in result.output and "not starting" in result.output
    assert db_path.read_bytes() == before


def test_the_lock_follows_symlinks_to_the_real_database(tmp_path):
    real = tmp_path / "data" / "n.db"
    real.parent.mkdir()
    open_db(real).close()
    (tmp_path / "link.db").symlink_to(real)
    (tmp_path / "linked-folder").symlink_to(real.parent)
    assert lock_for(tmp_path / "link.db").path == lock_for(real).path == real.with_suffix(".lock")
    with lock_for(real):
        for path in (tmp_path / "link.db", tmp_path / "linked-folder" / "n.db"):
            result = CliRunner().invoke(cli, ["build", "--db", str(path)])
            assert result.exit_code == 2, result.output
            assert "another nhswatch run" in result.output
