"""``nhswatch export DIR``: sorted, diffable CSV and JSON of changes, status_timeline and events, and a snapshot;
on a real SQLite file (the sample database)."""

from __future__ import annotations

import csv
import difflib
import json
import shutil
import sqlite3
from datetime import date

import pytest
from click.testing import CliRunner

from nhswatch.cli import cli
from nhswatch.export import EXPORT_TABLES, ExportError, export

DAY = date(2026, 3, 1)


def schema_columns(path, table):
    with sqlite3.connect(path) as conn:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def count(path, table):
    with sqlite3.connect(path) as conn:
        return conn.execute(f"select count(*) from {table}").fetchone()[0]


@pytest.fixture
def db_copy(sample_path, tmp_path):
    """A writable copy of the sample database."""
    path = tmp_path / "copy.db"
    shutil.copyfile(sample_path, path)
    return path


def test_each_table_is_written_as_csv_and_json_in_schema_and_key_order(sample_path, tmp_path):
    export(sample_path, tmp_path / "out", day=DAY)
    for table in EXPORT_TABLES:
        with (tmp_path / "out" / f"{table}.csv").open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        assert rows[0] == schema_columns(sample_path, table)
        ids = [row[0] for row in rows[1:]]
        assert ids == sorted(ids) and len(ids) == count(sample_path, table) > 0
        data = json.loads((tmp_path / "out" / f"{table}.json").read_text(encoding="utf-8"))
        assert [row["id"] for row in data] == ids and list(data[0]) == rows[0]


def test_files_end_with_one_newline_and_json_has_one_row_a_line(sample_path, tmp_path):
    export(sample_path, tmp_path, with_snapshot=False)
    text = (tmp_path / "events.json").read_text(encoding="utf-8")
    assert text.endswith("}\n]\n") and "\r" not in (tmp_path / "events.csv").read_text(encoding="utf-8")
    assert len(text.splitlines()) == count(sample_path, "events") + 2


def test_exporting_unchanged_data_again_is_byte_identical(sample_path, tmp_path):
    first = export(sample_path, tmp_path / "a", with_snapshot=False)
    export(sample_path, tmp_path / "b", with_snapshot=False)
    again = export(sample_path, tmp_path / "a", with_snapshot=False)
    assert len(first.changed) == 2 * len(EXPORT_TABLES) and again.changed == []
    for name in first.rows:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_a_changed_row_is_a_one_line_diff(db_copy, tmp_path):
    export(db_copy, tmp_path, with_snapshot=False)
    before = (tmp_path / "events.csv").read_text(encoding="utf-8").splitlines()
    with sqlite3.connect(db_copy) as conn:
        (event_id,) = conn.execute("select id from events order by id limit 1 offset 3").fetchone()
        conn.execute("update events set confidence = 0.5 where id = ?", (event_id,))
    result = export(db_copy, tmp_path, with_snapshot=False)
    after = (tmp_path / "events.csv").read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.unified_diff(before, after, lineterm="", n=0) if line[:1] in "+-"]
    assert sorted(result.changed) == ["events.csv", "events.json"]
    assert len(changed) == 4 and all(event_id in line for line in changed[2:])  # ---/+++ then one - and one +


def test_the_snapshot_is_a_dated_self_contained_copy(sample_path, tmp_path):
    result = export(sample_path, tmp_path, day=DAY)
    assert result.snapshot == tmp_path / "nhswatch-2026-03-01.db"
    with sqlite3.connect(result.snapshot) as conn:
        assert conn.execute("pragma journal_mode").fetchone()[0] == "delete"
        assert conn.execute("select count(*) from events").fetchone()[0] == count(sample_path, "events")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*result.rows, result.snapshot.name])


def test_the_snapshot_holds_what_is_still_in_the_wal(db_copy, tmp_path):
    writer = sqlite3.connect(db_copy)
    writer.execute("pragma journal_mode = wal")
    writer.execute("pragma wal_autocheckpoint = 0")
    writer.execute("update events set confidence = 0.25")
    writer.commit()
    try:
        result = export(db_copy, tmp_path / "out", day=DAY)
        with sqlite3.connect(result.snapshot) as conn:
            assert conn.execute("select distinct confidence from events").fetchall() == [(0.25,)]
    finally:
        writer.close()


def test_a_file_in_place_of_the_folder_is_a_clear_error(sample_path, tmp_path):
    target = tmp_path / "exports"
    target.write_text("not a folder")
    result = CliRunner().invoke(cli, ["export", str(target), "--db", str(sample_path)])
    assert result.exit_code == 2
    assert f"{target} is not a folder" in result.output and "Traceback" not in result.output


def test_a_folder_whose_parent_is_missing_is_a_clear_error(sample_path, tmp_path):
    with pytest.raises(ExportError, match="does not exist; create it first"):
        export(sample_path, tmp_path / "missing" / "exports")
    assert not (tmp_path / "missing").exists()


def test_a_missing_database_is_a_clear_error_and_creates_nothing(tmp_path):
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "out"), "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "does not exist" in result.output
    assert not (tmp_path / "none.db").exists()


def test_the_command_reports_what_changed(sample_path, tmp_path):
    args = ["export", str(tmp_path / "out"), "--db", str(sample_path), "--no-snapshot"]
    first = CliRunner().invoke(cli, args)
    second = CliRunner().invoke(cli, args)
    assert first.exit_code == 0 and "changes.csv" in first.output
    assert second.exit_code == 0 and "none (unchanged data)" in second.output
    assert not list((tmp_path / "out").glob("*.db"))
