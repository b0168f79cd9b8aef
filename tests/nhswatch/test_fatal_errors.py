"""Fatal errors (a corrupt or foreign file, a database locked past the busy timeout, a full disk, a
database from a newer nhswatch) exit 3 with one line naming the cause and the fix, never 1 (which
schedulers treat as success) and never a traceback; a run is recorded as failed when it can be."""

from __future__ import annotations

import errno
import sqlite3
import threading

import nhswatch.db.schema
import nhswatch.scraper.archive
import pytest
from click.testing import CliRunner
from nhswatch.db.schema import open_db, schema_version

from nhswatch import errors, jobs, pipeline
from nhswatch.cli import cli

DOC = '{"id": "d1", "title": "t", "published": "2024-02-01", "text": "Medway NHS Foundation Trust news."}\n'


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def assert_one_fatal_line(result, *words):
    assert result.exit_code == errors.FATAL, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("nhswatch: fatal:")]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture
def docs(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(DOC)
    return path


@pytest.mark.parametrize("command", ["build", "load", "run", "reextract"])
def test_a_file_that_is_not_a_database_exits_3(tmp_path, docs, offline, command):
    db_path = tmp_path / "n.db"
    db_path.write_bytes(b"this is a spreadsheet, not a database\n" * 200)
    before = db_path.read_bytes()
    args = {"load": ["load", docs], "run": ["run", *offline]}.get(command, [command])
    result = invoke(*args, "--db", db_path)
    assert_one_fatal_line(result, "not an SQLite database", "restore it from a backup")
    assert db_path.read_bytes() == before


def test_a_database_from_a_newer_nhswatch_is_refused_untouched(tmp_path, docs, offline):
    db_path = tmp_path / "n.db"
    open_db(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"pragma user_version = {schema_version() + 1}")
    conn.close()
    before = db_path.read_bytes()
    for args in (["build"], ["load", docs], ["run", *offline]):
        result = invoke(*args, "--db", db_path)
        assert_one_fatal_line(result, "newer nhswatch", "upgrade nhswatch")
    assert db_path.read_bytes() == before


def test_a_database_locked_past_the_busy_timeout_exits_3(tmp_path, docs, monkeypatch):
    db_path = tmp_path / "n.db"
    open_db(db_path).close()
    monkeypatch.setattr(nhswatch.db.schema, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("begin immediate")  # another program writing and never committing
    try:
        for args in (["load", docs], ["build"]):
            result = invoke(*args, "--db", db_path)
            assert_one_fatal_line(result, "locked by another program", "fuser")
    finally:
        holder.execute("rollback")
        holder.close()


def test_a_database_locked_for_less_than_the_timeout_is_waited_for(tmp_path, docs, monkeypatch):
    db_path = tmp_path / "n.db"
    open_db(db_path).close()
    monkeypatch.setattr(nhswatch.db.schema, "BUSY_TIMEOUT_MS", 10_000)
    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    holder.execute("begin immediate")
    release = threading.Timer(0.5, lambda: holder.execute("rollback"))
    release.start()
    try:
        result = invoke("load", docs, "--db", db_path)
    finally:
        release.join()
        holder.close()
    assert result.exit_code == 0, result.output


def test_a_full_disk_during_load_exits_3(tmp_path, monkeypatch):
    db_path = tmp_path / "n.db"
    open_db(db_path).close()
    big = tmp_path / "big.txt"
    big.write_text("Medway NHS Foundation Trust. " * 200_000)  # ~6 MB

    def small_disk(path):
        database = open_db(path)
        pages = database.execute("pragma page_count").fetchone()[0]
        database.execute(f"pragma max_page_count = {pages + 20}")  # SQLite's own "disk is full"
        return database

    monkeypatch.setattr(jobs, "open_db", small_disk)
    result = invoke("load", big, "--db", db_path)
    assert_one_fatal_line(result, "full", "free space")
    assert sqlite3.connect(db_path).execute("pragma integrity_check").fetchone()[0] == "ok"


def test_a_full_disk_during_a_run_records_the_run_as_failed(tmp_path, monkeypatch):
    def full(self, body):
        raise OSError(errno.ENOSPC, "No space left on device", str(self.root))

    monkeypatch.setattr(nhswatch.scraper.archive.Archive, "put", full)
    db_path = tmp_path / "n.db"
    result = invoke("demo", "--no-serve", "--db", db_path)
    assert_one_fatal_line(result, "disk is full", "free space")
    rows = sqlite3.connect(db_path).execute("select status, exit_code from runs").fetchall()
    assert rows == [("failed", errors.FATAL)]
    assert not (tmp_path / "n.lock").read_text()  # the lock was released


def test_a_full_disk_while_extracting_records_the_run_as_failed(tmp_path, monkeypatch):
    def full(database, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(pipeline, "extract_documents", full)
    db_path = tmp_path / "n.db"
    result = invoke("demo", "--no-serve", "--db", db_path)
    assert_one_fatal_line(result, "full")
    assert sqlite3.connect(db_path).execute("select status, exit_code from runs").fetchall() == [
        ("failed", errors.FATAL)
    ]


def test_a_bug_exits_4_with_its_traceback(tmp_path, monkeypatch):
    def bug(database, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(pipeline, "extract_documents", bug)  # the CLI imports pipeline when it runs
    result = invoke("build", "--db", tmp_path / "n.db")
    assert result.exit_code == errors.INTERNAL, result.output
    assert "Traceback" in result.output and "internal error" in result.output


def test_fatal_error_lines_name_cause_and_fix():
    fatal = errors.fatal_error(sqlite3.DatabaseError("file is not a database"), "x.db")
    assert fatal.line().startswith("nhswatch: fatal: x.db is not an SQLite database")
    assert errors.fatal_error(ValueError("no")) is None
    assert errors.fatal_error(OSError(errno.ENOSPC, "full")).cause == "the disk is full"


def test_a_reader_that_stops_early_is_not_an_error():
    """``nhswatch sources list | head -1``: the closed pipe ends the command quietly with exit 0."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "nhswatch.cli", "sources", "list"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        process.stdout.readline()
        process.stdout.close()
        stderr = process.stderr.read().decode()
        code = process.wait(timeout=60)
    assert (code, "internal error" in stderr) == (0, False)
