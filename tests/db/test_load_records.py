"""What the loader records: the rules behind every event, and URLs that have gone."""

from __future__ import annotations

import json

from nhswatch.db.load import known_urls, record_fetch, replace_events, store_document
from nhswatch.db.schema import open_db
from nhswatch.scraper.fetch import Response


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


def test_a_url_answering_404_after_its_last_good_fetch_is_gone(tmp_path):
    db = open_db(tmp_path / "gone.db")
    url = "http://127.0.0.1/article"
    record_fetch(db, None, "s", url, Response(url, 200, b"<p>x</p>", {}), "new", "digest1")
    record_fetch(db, None, "s", url, Response(url, 404, b"", {}), "skipped", None)
    assert known_urls(db)[url]["gone"] is True


def test_a_url_that_answers_again_after_a_404_is_not_gone(tmp_path):
    db = open_db(tmp_path / "back.db")
    url = "http://127.0.0.1/article"
    for status, digest in ((200, "d1"), (404, None), (200, "d2")):
        record_fetch(db, None, "s", url, Response(url, status, b"x", {}), "fetched", digest)
    assert known_urls(db)[url]["gone"] is False
