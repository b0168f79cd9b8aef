"""``nhswatch load``/``extract`` inputs are streamed: a JSONL file of any size is read a line at a time,
and a bad line half-way through a load stores nothing."""

from __future__ import annotations

import json
import sqlite3

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
