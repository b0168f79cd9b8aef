"""The official record as spans and official periods (db/official_periods.py), on hand-made observations."""

from __future__ import annotations

from nhswatch.db.official_periods import intensive_observations, period_rows, spans, uncovered

QUARTERS = {"Q1": ("2024-04-01", "2024-06-30"), "Q2": ("2024-07-01", "2024-09-30"), "Q3": ("2024-10-01", "2024-12-31")}


def quarter(label: str, status: str, version: str = "2021") -> dict:
    start, end = QUARTERS[label]
    return {"id": label, "framework": "nof", "framework_version": version, "status": status, "period_label": label,
            "period_start": start, "period_end": end, "publication_id": "p", "first_seen": "2025-01-05T00:00:00"}  # fmt: skip


def rating(day: str, status: str) -> dict:
    return {"id": day, "framework": "cqc_rating", "framework_version": "2023", "status": status, "period_label": day,
            "period_start": day, "period_end": day, "publication_id": "p", "first_seen": "2025-01-05T00:00:00"}  # fmt: skip


def shape(found: list[dict]) -> list[tuple]:
    return [(s["status"], s["valid_from"], s["valid_to"], len(s["observations"])) for s in found]


def test_adjacent_quarters_with_the_same_segment_are_one_span():
    found = spans([quarter("Q1", "4"), quarter("Q2", "4"), quarter("Q3", "3")], [])
    assert shape(found) == [("4", "2024-04-01", "2024-10-01", 2), ("3", "2024-10-01", "2025-01-01", 1)]


def test_a_quarter_missing_between_two_of_the_same_segment_splits_the_span():
    found = spans([quarter("Q1", "4"), quarter("Q3", "4")], [])
    assert shape(found) == [("4", "2024-04-01", "2024-07-01", 1), ("4", "2024-10-01", "2025-01-01", 1)]


def test_a_rating_holds_until_a_later_news_period_begins():
    news = [{"status": "good", "valid_from": "2025-03-01", "valid_to": None}]
    assert shape(spans([rating("2023-06-14", "requires improvement")], news)) == [
        ("requires improvement", "2023-06-14", "2025-03-01", 1)
    ]


def test_the_latest_rating_with_nothing_after_it_is_open():
    found = spans([rating("2019-06-12", "inadequate"), rating("2023-06-14", "good")], [])
    assert shape(found) == [("inadequate", "2019-06-12", "2023-06-14", 1), ("good", "2023-06-14", None, 1)]


def test_uncovered_keeps_the_parts_no_news_period_covers():
    covered = [("2024-05-01", "2024-06-01"), ("2024-09-01", "9999-12-31")]
    assert uncovered("2024-04-01", "2024-10-01", covered) == [
        ("2024-04-01", "2024-05-01"),
        ("2024-06-01", "2024-09-01"),
    ]
    assert uncovered("2024-04-01", None, []) == [("2024-04-01", None)]


def test_official_periods_fill_only_the_gap_before_the_first_news_period():
    news = [{"status": "3", "valid_from": "2024-08-15", "valid_to": None, "earliest_possible": "2024-08-15"}]
    rows = period_rows(("RCX", "nof"), spans([quarter("Q1", "4"), quarter("Q2", "4")], news), news, [])
    assert [(r["status"], r["valid_from"], r["valid_to"], r["ended_by"]) for r in rows] == [
        ("4", "2024-04-01", "2024-08-15", "next change")
    ]
    assert rows[0]["provenance"] == "official" and rows[0]["official_ids"] == '["Q1", "Q2"]'


def test_nof_segments_speak_of_intensive_support_by_the_framework_table():
    found = intensive_observations([quarter("Q1", "4"), quarter("Q2", "4", "2025"), quarter("Q3", "5", "2025")])
    assert [o["status"] for o in found] == ["in", "out", "in"]
