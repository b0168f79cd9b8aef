"""A run lock so two scheduled runs never overlap; a lock left by a killed run is detected.

The lock is an ``flock`` on a small file next to the database. The kernel drops the lock when
its process dies however it dies (SIGKILL included), so a killed run can never block the next
one. The file also holds the owner's pid and start time: a clean exit empties it, so finding it
non-empty *and* unlocked means the previous run was killed; ``stale_pid`` then says whose it was.
The file is never deleted (deleting a lock file lets two processes lock two different files).
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
from datetime import UTC, datetime
from pathlib import Path


class LockHeld(RuntimeError):
    """Another live process holds the lock."""


class RunLock:
    """An exclusive, non-blocking lock; use as a context manager."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.stale_pid: int | None = None
        self.stale: dict | None = None
        self._fd: int | None = None

    def _read(self, fd: int) -> dict | None:
        os.lseek(fd, 0, os.SEEK_SET)
        raw = os.read(fd, 4096)
        if not raw.strip():
            return None
        try:
            info = json.loads(raw)
        except ValueError:
            return {"pid": None, "unreadable": raw[:100].decode("utf-8", "replace")}
        return info if isinstance(info, dict) else {"pid": None}

    def __enter__(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            info = self._read(fd) or {}
            os.close(fd)
            raise LockHeld(
                f"another nhswatch run (pid {info.get('pid', '?')}, started {info.get('started', '?')}) "
                f"holds {self.path}; not starting"
            ) from None
        self.stale = self._read(fd)
        if self.stale is not None:
            pid = self.stale.get("pid")
            self.stale_pid = int(pid) if isinstance(pid, int) or str(pid).isdigit() else -1
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(
            fd,
            json.dumps(
                {
                    "pid": os.getpid(),
                    "host": socket.gethostname(),
                    "started": datetime.now(UTC).isoformat(timespec="seconds"),
                }
            ).encode(),
        )
        os.fsync(fd)
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
