"""A document the extractor gives up on is skipped with a recorded reason; the run goes on."""

from __future__ import annotations

import nhswatch.extract.api
from nhswatch.db.schema import open_db

from nhswatch import pipeline

GOOD = {
    "id": "good",
    "title": "t",
    "published": "2024-02-01",
    "text": "Medway NHS Foundation Trust has been placed in segment 3 of the NHS Oversight Framework.",
}
SLOW = {
    "id": "slow",
    "title": "t",
    "published": "2024-02-01",
    "text": "Barts Health NHS Trust was placed in special measures. " * 50,
}


def test_a_document_over_budget_is_recorded_and_the_others_are_extracted(tmp_path, monkeypatch):
    db = open_db(tmp_path / "n.db")
    real = nhswatch.extract.api.extract

    def budgeted(text, published=None, **kwargs):
        return real(text, published, budget=0 if "Barts" in text else 30.0, **kwargs)

    monkeypatch.setattr(nhswatch.extract.api, "extract", budgeted)
    pipeline.load_documents(db, [SLOW, GOOD])
    assert [r[0] for r in db.execute("select org_name from events")] == ["Medway NHS Foundation Trust"]
    (reason,) = db.execute("select reason from failures where stage = 'extract'").fetchone()
    assert "budget exceeded" in reason


def test_a_skipped_document_is_not_tried_again_by_the_same_extractor(tmp_path, monkeypatch):
    db = open_db(tmp_path / "n.db")
    real = nhswatch.extract.api.extract
    monkeypatch.setattr(
        nhswatch.extract.api, "extract", lambda text, published=None, **kw: real(text, published, budget=0, **kw)
    )
    pipeline.load_documents(db, [SLOW])
    assert pipeline.pending_documents(db) == []
