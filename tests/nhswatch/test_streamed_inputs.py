"""``nhswatch load``/``extract`` inputs are streamed: a JSONL file of any size is read a line at a time,
and a bad line half-way through a load stores nothing."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

from click.testing import CliRunner

from nhswatch import inputs
from nhswatch.cli import cli


def write_jsonl(path, count: int, bad_line: int | None = None) -> None:
    lines = [json.dumps({"id": f"d{n}", "text": f"Document {n} about nothing in particular."}) for n in range(count)]
    if bad_line is not None:
        lines[bad_line] = "{not json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_jsonl_file_over_the_single_document_cap_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_FILE_BYTES", 200)
    path = tmp_path / "many.jsonl"
    write_jsonl(path, 50)
    assert path.stat().st_size > inputs.MAX_FILE_BYTES
    assert [doc["id"] for doc in inputs.read_documents(str(path))] == [f"d{n}" for n in range(50)]


def test_a_jsonl_file_is_read_lazily(tmp_path):
    path = tmp_path / "bad.jsonl"
    write_jsonl(path, 10, bad_line=9)
    documents = inputs.read_documents(str(path))
    assert next(documents)["id"] == "d0"  # the bad line at the end has not been read yet


def test_a_bad_line_half_way_through_a_load_stores_nothing(tmp_path):
    path, db_path = tmp_path / "bad.jsonl", tmp_path / "n.db"
    write_jsonl(path, 20, bad_line=15)
    result = CliRunner().invoke(cli, ["load", str(path), "--db", str(db_path)])
    assert result.exit_code == 2, result.output
    assert "bad.jsonl:16" in result.output
    assert sqlite3.connect(db_path).execute("select count(*) from documents").fetchone() == (0,)


def test_jsonl_under_another_name_is_one_document_a_line(tmp_path):
    path = tmp_path / "documents.json"
    write_jsonl(path, 3)
    assert [doc["id"] for doc in inputs.read_documents(str(path))] == ["d0", "d1", "d2"]


def test_jsonl_piped_through_dev_stdin_is_one_document_a_line(tmp_path):
    path = tmp_path / "many.jsonl"
    write_jsonl(path, 2)
    with path.open("rb") as stream:
        result = subprocess.run(
            [sys.executable, "-c", "from nhswatch.cli import cli; cli()", "extract", "/dev/stdin"],
            stdin=stream,
            capture_output=True,
            check=True,
        )
    assert [json.loads(line)["id"] for line in result.stdout.decode().splitlines()] == ["d0", "d1"]


def test_a_plain_file_of_another_name_is_one_document(tmp_path):
    path = tmp_path / "note"
    path.write_text('{"not": "a document"}\nMedway NHS Foundation Trust was rated good.\n', encoding="utf-8")
    assert [doc["id"] for doc in inputs.read_documents(str(path))] == ["note"]
