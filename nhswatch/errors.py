"""Exit codes, and the fatal errors a scheduled job must report in one line rather than a traceback.

Exit codes of every command that writes the database (``run``, ``scrape``, ``build``, ``load``,
``reextract``, ``demo``):

- 0: all well;
- 1: some sources or pages failed, the rest was stored (``run``/``scrape``; ``reextract``: some
  archived pages could not be re-parsed). Schedulers may treat it as success;
- 2: nothing ran: a bad flag or argument (click's usage errors), another nhswatch holds the lock,
  no source selected, every source failed outright, stopped by SIGTERM;
- 3: fatal: the database cannot be used (not an SQLite file or corrupt, locked by another program
  past the busy timeout, disk or quota full, read-only, I/O error, written by a newer nhswatch);
- 4: internal error: nhswatch crashed (a bug); the traceback is printed.
"""

from __future__ import annotations

import errno
import sqlite3

OK, PARTIAL, NOTHING_RAN, FATAL, INTERNAL = 0, 1, 2, 3, 4
DISK_ERRNOS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EIO: "a disk I/O error occurred",
}


class FatalError(Exception):
    """An error the operator must fix before any run can succeed; exit code 3."""

    exit_code = FATAL

    def __init__(self, cause: str, fix: str):
        super().__init__(f"{cause}: {fix}")
        self.cause, self.fix = cause, fix

    def line(self) -> str:
        """The one line printed on stderr."""
        return f"nhswatch: fatal: {self.cause}; {self.fix}"


def fatal_error(error: BaseException, db_path: str | None = None) -> FatalError | None:
    """The FatalError that ``error`` amounts to, or None if it is not one (a bug, say)."""
    from nhswatch.db.schema import NewerDatabase  # here: commands that never open a database skip sqlite-utils

    db = db_path or "the database"
    if isinstance(error, FatalError):
        return error
    if isinstance(error, NewerDatabase):
        return FatalError(
            f"{db} was written by a newer nhswatch (schema version {error.found}, "
            f"this nhswatch knows up to {error.known})",
            "upgrade nhswatch, or point --db at another database",
        )
    if isinstance(error, OSError) and error.errno in DISK_ERRNOS:
        where = f" ({error.filename})" if error.filename else ""
        return FatalError(f"{DISK_ERRNOS[error.errno]}{where}", "free space (or fix the disk) and run again")
    if not isinstance(error, sqlite3.Error):
        return None
    message = str(error).lower()
    if "is not a database" in message or "malformed" in message or "file is encrypted" in message:
        return FatalError(
            f"{db} is not an SQLite database or is corrupt ({error})",
            "restore it from a backup, or move it aside and let the next run start a new one",
        )
    if "locked" in message or "busy" in message:
        return FatalError(
            f"{db} is locked by another program ({error}) for longer than the busy timeout",
            f"find it with `fuser {db}` and stop it (not an nhswatch writer: those take the lock file)",
        )
    if "disk is full" in message or "disk full" in message:
        return FatalError(f"the disk holding {db} is full ({error})", "free space and run again")
    if "readonly" in message or "read-only" in message:
        return FatalError(f"{db} is read-only ({error})", "run as a user that may write it and its folder")
    if "disk i/o error" in message:
        return FatalError(f"disk I/O error on {db} ({error})", "check the disk (dmesg) and the file system")
    if "unable to open database" in message:
        return FatalError(f"cannot open {db} ({error})", "check that its folder exists and is writable")
    return None
