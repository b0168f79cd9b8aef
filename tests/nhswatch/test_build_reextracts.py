"""`nhswatch build` re-extracts stored documents when the extractor version changes."""

from __future__ import annotations

import nhswatch.extract.api
from click.testing import CliRunner
from nhswatch.db.schema import open_db

from nhswatch import pipeline
from nhswatch.cli import cli

DOC = {
    "id": "d1",
    "title": "Update",
    "published": "2024-02-01",
    "text": "Medway NHS Foundation Trust has been placed in segment 3 of the NHS Oversight Framework.",
}


def test_documents_read_by_this_version_are_not_pending(tmp_path):
    db = open_db(tmp_path / "n.db")
    pipeline.load_documents(db, [DOC])
    assert pipeline.pending_documents(db) == []


def test_a_new_extractor_version_makes_every_document_pending(tmp_path, monkeypatch):
    db = open_db(tmp_path / "n.db")
    pipeline.load_documents(db, [DOC])
    monkeypatch.setattr(nhswatch.extract.api, "EXTRACTOR_VERSION", "0.0+changed-rules")
    assert [d["id"] for d in pipeline.pending_documents(db)] == [db.execute("select id from documents").fetchone()[0]]


def test_build_stores_the_new_version_and_the_rules(tmp_path, monkeypatch):
    path = tmp_path / "n.db"
    pipeline.load_documents(open_db(path), [DOC])
    monkeypatch.setattr(nhswatch.extract.api, "EXTRACTOR_VERSION", "0.0+changed-rules")
    result = CliRunner().invoke(cli, ["build", "--db", str(path)])
    assert result.exit_code == 0, result.output
    db = open_db(path)
    assert {r[0] for r in db.execute("select extractor_version from events")} == {"0.0+changed-rules"}
    assert "status.segment_number" in db.execute("select rules from events").fetchone()[0]
