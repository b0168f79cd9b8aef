"""A run lock so two scheduled runs never overlap; a lock left by a killed run is detected."""

from __future__ import annotations

import json
import os
from pathlib import Path


class LockHeld(RuntimeError):
    """Another live process holds the lock."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class RunLock:
    """An exclusive lock file holding the owner's pid."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.stale_pid: int | None = None

    def __enter__(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                pid = self._owner()
                if pid and _alive(pid):
                    raise LockHeld(f"another nhswatch run (pid {pid}) holds {self.path}") from None
                self.stale_pid = pid
                self.path.unlink(missing_ok=True)
                continue
            with os.fdopen(fd, "w") as handle:
                json.dump({"pid": os.getpid()}, handle)
            return self
        raise LockHeld(f"could not take {self.path}")

    def _owner(self) -> int | None:
        try:
            return int(json.loads(self.path.read_text()).get("pid"))
        except (OSError, ValueError, TypeError, AttributeError):
            return None

    def __exit__(self, *exc) -> None:
        self.path.unlink(missing_ok=True)
