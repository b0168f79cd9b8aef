"""Versioned exports for researchers: sorted, diffable CSV and JSON of the published tables, and a snapshot.

``export(db_path, out_dir)`` writes, for each table in EXPORT_TABLES, ``TABLE.csv`` and ``TABLE.json``:
columns in the schema's order, rows in primary-key order, UTF-8, ``\\n`` line ends and a final newline.
The JSON is an array with one object a line, so a diff shows one line per changed row. Every table is
read in one read transaction, so the files agree with each other even while a run is writing. A file is
rewritten only if its bytes change: exporting unchanged data again leaves every CSV and JSON file
byte-identical (and untouched). No column changes on every run: ``first_seen`` is when nhswatch first
saw a document or change, and ``extractor_version`` changes only with the extractor.

``snapshot(db_path, dest)`` copies the database with SQLite's backup API (a consistent copy even of a
database being written in WAL mode), as a single self-contained file (rollback journal, not WAL).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

EXPORT_TABLES = ("changes", "status_timeline", "events")
SNAPSHOT_NAME = "nhswatch-{day}.db"


class ExportError(Exception):
    """The export cannot be made (the output folder is unusable, the database lacks a table)."""


@dataclass
class ExportResult:
    """What an export wrote: file -> row count, which files changed, and the snapshot's path."""

    rows: dict[str, int] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)
    snapshot: Path | None = None


def read_only(db_path: Path) -> sqlite3.Connection:
    """A read-only connection to an existing database file (never creates one)."""
    if not Path(db_path).is_file():
        raise ExportError(f"{db_path} does not exist: run `nhswatch run` or `nhswatch demo` first")
    conn = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 30000")
    return conn


def table_columns(conn: sqlite3.Connection, table: str) -> tuple[list[str], list[str]]:
    """A table's columns in schema order, and its primary-key columns (rowid if it declares none)."""
    info = conn.execute(f"PRAGMA table_info([{table}])").fetchall()
    if not info:
        raise ExportError(f"the database has no {table} table: is it an nhswatch database? (run `nhswatch build`)")
    columns = [row[1] for row in info]
    keys = [row[1] for row in sorted((r for r in info if r[5]), key=lambda r: r[5])]
    return columns, keys or ["rowid"]


def table_rows(conn: sqlite3.Connection, table: str) -> tuple[list[str], list[tuple]]:
    columns, keys = table_columns(conn, table)
    names = ", ".join(f"[{c}]" for c in columns)
    order = ", ".join(f"[{k}]" if k != "rowid" else k for k in keys)
    return columns, conn.execute(f"SELECT {names} FROM [{table}] ORDER BY {order}").fetchall()


def csv_text(columns: list[str], rows: Iterable[tuple]) -> str:
    """CSV with a header, ``\\n`` line ends; NULL is an empty field (the JSON keeps null)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return buffer.getvalue()


def json_text(columns: list[str], rows: Iterable[tuple]) -> str:
    """A JSON array of objects (keys in column order), one object a line."""
    lines = [json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) for row in rows]
    return "[\n" + ",\n".join(lines) + ("\n" if lines else "") + "]\n"


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` atomically unless it already holds exactly these bytes; True if written."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def output_folder(out_dir: Path) -> Path:
    """``out_dir``, created if its parent exists; a clear ExportError if it cannot be used."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"{out_dir} is not a folder")
    if not out_dir.exists():
        if not out_dir.parent.is_dir():
            raise ExportError(f"{out_dir}: the folder {out_dir.parent} does not exist; create it first")
        try:
            out_dir.mkdir()
        except OSError as error:
            raise ExportError(f"cannot create {out_dir} ({error.strerror or error})") from error
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise ExportError(f"{out_dir} is not writable")
    return out_dir


def snapshot(db_path: Path, dest: Path) -> Path:
    """A consistent copy of ``db_path`` at ``dest`` (replaced atomically), by SQLite's backup API."""
    dest = Path(dest)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".tmp")
    os.close(fd)
    source = read_only(db_path)
    try:
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
        finally:
            target.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        source.close()
    return dest


def export(
    db_path: Path,
    out_dir: Path,
    *,
    tables: Iterable[str] = EXPORT_TABLES,
    with_snapshot: bool = True,
    day: date | None = None,
) -> ExportResult:
    """Write ``TABLE.csv`` and ``TABLE.json`` of each table to ``out_dir``, and ``nhswatch-DAY.db``."""
    out_dir = output_folder(out_dir)
    result = ExportResult()
    conn = read_only(db_path)
    try:
        conn.execute("BEGIN")  # one read transaction: the files describe one state of the database
        contents: dict[str, tuple[list[str], list[tuple]]] = {t: table_rows(conn, t) for t in tables}
        conn.execute("COMMIT")
    finally:
        conn.close()
    for table, (columns, rows) in contents.items():
        for name, text in ((f"{table}.csv", csv_text(columns, rows)), (f"{table}.json", json_text(columns, rows))):
            result.rows[name] = len(rows)
            if write_if_changed(out_dir / name, text):
                result.changed.append(name)
    if with_snapshot:
        name = SNAPSHOT_NAME.format(day=(day or date.today()).isoformat())
        result.snapshot = snapshot(db_path, out_dir / name)
    return result
