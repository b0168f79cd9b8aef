"""Every stored event says which rules made it."""

from __future__ import annotations

import json

from db.load import replace_events, store_document
from db.schema import open_db


def test_event_rules_are_stored_as_a_json_list(tmp_path):
    db = open_db(tmp_path / "rules.db")
    doc_id, _ = store_document(
        db, {"url": "http://127.0.0.1/a", "title": "t", "text": "x", "published": "2024-01-02", "source": None}
    )
    event = {
        "org": "Medway NHS Foundation Trust",
        "ods_code": None,
        "framework": "rsp",
        "change": "enter",
        "to": "in",
        "rules": ["status.special_measures", "enter.verb", "subject.named", "date.published"],
    }
    replace_events(db, doc_id, [event], "test")
    (stored,) = db.execute("select rules from events").fetchall()
    assert json.loads(stored[0]) == event["rules"]
