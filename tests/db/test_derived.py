"""The derived tables: merging reports of one change, and the status timeline."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from nhswatch.db import load
from nhswatch.db.derived import (
    build,
    clean_date,
    describe,
    intensive_state,
    rebuild_derived,
    replace_mentions,
    sync_aliases,
)
from nhswatch.extract import frameworks


def by(rows, **match):
    return [r for r in rows if all(r[k] == v for k, v in match.items())]


def only(rows, **match):
    found = by(rows, **match)
    assert len(found) == 1, found
    return found[0]


def test_one_change_reported_by_two_publishers_is_one_row(event):
    changes, links, _ = build(
        [
            event(
                framework="rsp",
                change="enter",
                from_status="out",
                to_status="in",
                effective_date="2021-07-14",
                framework_version=None,
                doc="a",
            ),
            event(
                framework="rsp",
                change="enter",
                from_status="out",
                to_status="in",
                effective_date="2021-07",
                framework_version=None,
                doc="b",
                publisher="Shropshire Star",
                confidence=0.6,
            ),
        ]
    )
    rsp = only(changes, framework="rsp")
    assert (rsp["documents_count"], rsp["sources_count"], rsp["events_count"]) == (2, 2, 2)
    assert rsp["effective_date"] == "2021-07-14" and rsp["date_precision"] == "day"
    assert rsp["confidence"] == 0.9 and rsp["document_id"] == "a"
    assert len(json.loads(rsp["event_ids"])) == 2
    assert len(by(links, change_id=rsp["id"])) == 2


def test_same_publisher_counts_once_as_a_source(event):
    changes, _, _ = build([event(doc="a"), event(doc="b", effective_date="2021-07")])
    row = only(changes, framework="nof")
    assert (row["documents_count"], row["sources_count"]) == (2, 1)


def test_different_months_are_different_changes(event):
    # more than SAME_CHANGE_DAYS apart: a second entry (after an unreported exit), not a redated report
    changes, _, _ = build([event(effective_date="2021-07-01"), event(effective_date="2022-08-01")])
    assert len(by(changes, framework="nof")) == 2
    # another status reported in between: two changes, however close
    changes, _, _ = build(
        [
            event(effective_date="2021-07-01"),
            event(to_status="3", change="move", from_status="4", effective_date="2021-08-03"),
            event(effective_date="2021-09-01", change="move", from_status="3"),
        ]
    )
    assert len(by(changes, framework="nof", status="4")) == 2


def test_a_year_only_report_joins_the_single_matching_month(event):
    changes, _, _ = build([event(effective_date="2021-07-14"), event(effective_date="2021")])
    assert only(changes, framework="nof")["events_count"] == 2
    # two entries into segment 4 in 2021 (it left in between): the year-only report joins neither
    changes, _, _ = build(
        [
            event(effective_date="2021-02-14"),
            event(change="move", from_status="4", to_status="3", effective_date="2021-05-01"),
            event(change="move", from_status="3", effective_date="2021-09-01"),
            event(effective_date="2021"),
        ]
    )
    assert len(by(changes, framework="nof", status="4")) == 3


def test_an_undated_event_takes_its_documents_month(event):
    changes, _, timeline = build([event(effective_date=None, published="2022-03-09T10:00:00")])
    row = only(changes, framework="nof")
    assert (row["effective_date"], row["date_precision"]) == ("2022-03", "month")
    assert only(timeline, framework="nof")["valid_from"] == "2022-03-01"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-06T10:00:00+00:00", "2024-05-06"),
        ("2024-05", "2024-05"),
        ("2024", "2024"),
        ("2024-13", None),
        ("2024-02-30", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_clean_date(value, expected):
    assert clean_date(value) == expected


def test_proposed_changes_are_kept_but_not_on_the_timeline(event):
    changes, _, timeline = build([event(modality="proposed")])
    assert only(changes, framework="nof")["modality"] == "proposed"
    assert timeline == []


@pytest.mark.parametrize(
    ("framework", "version", "from_", "to", "state"),
    [
        ("rsp", None, "out", "in", "in"),
        ("special_measures", None, "in", "out", "out"),
        ("nof", "2021", None, "4", "in"),
        ("nof", "2021", "4", "3", "out"),
        ("nof", "2021", "4", None, "out"),
        ("nof", "2025", None, "4", "out"),
        ("nof", "2025", None, "5", "in"),
        ("nof", "2021", "2", None, None),
        ("nof", "2025", "5", None, "out"),
        ("nof", "2025", "4", "3", "out"),
        ("nof", "2026", None, "5", "in"),
        ("nof", "2026", None, "4", "out"),
        ("uec_tier", None, None, "1", None),
        ("cqc_rating", None, None, "inadequate", None),
    ],
)
def test_intensive_support_family(framework, version, from_, to, state):
    assert intensive_state(framework, version, from_, to) == state


def test_rsp_and_segment_4_reports_are_one_intensive_support_change(event):
    changes, _, timeline = build(
        [
            event(framework="rsp", framework_version=None, from_status="out", to_status="in", doc="a"),
            event(framework="nof", to_status="4", change="move", from_status="3", doc="b", effective_date="2021-07"),
        ]
    )
    family = only(changes, framework="intensive_support")
    assert (family["change"], family["status"], family["documents_count"]) == ("enter", "in", 2)
    assert only(timeline, framework="intensive_support")["documents_count"] == 2
    assert only(changes, framework="nof")["summary"] == "moved from segment 3 to segment 4 (NOF 2021)"


def test_a_move_between_lower_segments_is_not_an_intensive_support_exit(event):
    changes, _, _ = build([event(change="move", from_status="2", to_status="3")])
    assert only(changes, framework="intensive_support")["change"] == "state"


def test_timeline_intervals_and_status_on_a_date(event):
    _, _, timeline = build(
        [
            event(to_status="4", change="enter", effective_date="2021-07-14"),
            event(to_status="4", change="remain", effective_date="2022-05"),
            event(to_status="3", change="move", from_status="4", effective_date="2023-02"),
        ]
    )
    nof = sorted(by(timeline, framework="nof"), key=lambda r: r["valid_from"])
    assert [(r["status"], r["valid_from"], r["valid_to"]) for r in nof] == [
        ("4", "2021-07-14", "2023-02-01"),
        ("3", "2023-02-01", None),
    ]
    # the "remains in segment 4" report confirms the period: evidence, not a second change
    assert nof[0]["changes_count"] == 1 and nof[0]["confirmations_count"] == 1
    assert nof[0]["documents_count"] == 2 and nof[0]["last_reported"] == "2022-05"
    assert nof[1]["is_current"] == 1 and nof[1]["previous_status"] == "4" and nof[1]["start_change"] == "move"

    def status_on(day):
        return [r["status"] for r in nof if r["valid_from"] <= day and (r["valid_to"] is None or r["valid_to"] > day)]

    assert status_on("2022-01-01") == ["4"] and status_on("2024-01-01") == ["3"] and status_on("2020-01-01") == []


def test_sources_disagreeing_in_one_month_are_flagged(event):
    changes, _, timeline = build(
        [
            event(change="state", to_status="3", effective_date="2022-05", doc="a"),
            event(change="state", to_status="3", effective_date="2022-05", doc="b"),
            event(change="state", to_status="4", effective_date="2022-05", doc="c"),
        ]
    )
    row = only(timeline, framework="nof")
    assert row["status"] == "3" and row["disputed"] == 1 and "4 (1 docs)" in row["dispute_note"]
    assert all(c["disputed"] for c in by(changes, framework="nof"))


def test_a_still_in_report_published_after_an_exit_is_a_dispute(event):
    _, _, timeline = build(
        [
            event(
                framework="rsp",
                framework_version=None,
                change="exit",
                from_status="in",
                to_status="out",
                effective_date="2024-01-12",
                published="2024-01-15",
                doc="a",
            ),
            event(
                framework="rsp",
                framework_version=None,
                change="remain",
                to_status="in",
                effective_date="2024-01",
                published="2024-01-20",
                doc="b",
                publisher="Nottingham Post",
            ),
        ]
    )
    row = only(timeline, framework="rsp", status="out")
    assert (row["status"], row["disputed"]) == ("out", 1)


def test_changes_on_different_days_of_a_month_are_a_sequence(event):
    _, _, timeline = build(
        [
            event(framework="uec_tier", framework_version=None, to_status="1", effective_date="2022-05-03"),
            event(
                framework="uec_tier",
                framework_version=None,
                change="exit",
                from_status="1",
                to_status=None,
                effective_date="2022-05-30",
            ),
        ]
    )
    rows = sorted(by(timeline, framework="uec_tier"), key=lambda r: r["valid_from"])
    assert [(r["status"], r["disputed"]) for r in rows] == [("1", 0), ("exited", 0)]


def test_an_exit_beside_the_new_status_is_not_a_dispute(event):
    _, _, timeline = build(
        [
            event(to_status="4", change="state", effective_date="2024-01"),
            event(change="exit", from_status="4", to_status=None, effective_date="2025-05-22", doc="x"),
            event(change="state", to_status="3", effective_date="2025-05-22", doc="x"),
        ]
    )
    rows = sorted(by(timeline, framework="nof"), key=lambda r: r["valid_from"])
    assert [(r["status"], r["disputed"]) for r in rows] == [("4", 0), ("3", 0)]


def test_a_move_from_an_unexpected_status_is_flagged(event):
    _, _, timeline = build(
        [
            event(to_status="2", change="state", effective_date="2022-01"),
            event(to_status="3", change="move", from_status="4", effective_date="2023-01"),
        ]
    )
    current = only(timeline, framework="nof", is_current=1)
    assert current["disputed"] == 1 and "status reported before was 2" in current["dispute_note"]


def test_intervals_end_when_the_organisation_closes(event):
    _, _, timeline = build(
        [
            event(
                framework="special_measures",
                framework_version=None,
                to_status="in",
                from_status="out",
                close_date="2021-09-30",
                effective_date="2019-02-12",
            )
        ]
    )
    row = only(timeline, framework="special_measures")
    assert (row["valid_to"], row["ended_by"], row["is_current"]) == ("2021-09-30", "organisation closed", 0)


def test_nof_intervals_end_when_a_new_framework_version_appears(event):
    _, _, timeline = build(
        [
            event(to_status="3", change="state", effective_date="2023-02"),
            event(ods_code="RX1", to_status="2", change="state", framework_version="2025", effective_date="2025-10"),
        ]
    )
    row = only(timeline, framework="nof", ods_code="RXW")
    assert (row["valid_to"], row["ended_by"]) == ("2025-10-01", "framework superseded")


def test_nof_versions_are_superseded_in_the_table_order(event):
    _, _, timeline = build(
        [
            event(to_status="3", change="state", framework_version="2025", effective_date="2025-10"),
            event(ods_code="RX1", to_status="2", change="state", framework_version="2026", effective_date="2026-07"),
        ]
    )
    row = only(timeline, framework="nof", ods_code="RXW")
    assert (row["valid_to"], row["ended_by"]) == ("2026-07-01", "framework superseded")


def test_segment_5_of_2025_26_enters_intensive_support(event):
    changes, _, _ = build([event(to_status="5", framework_version="2025", effective_date="2025-09")])
    family = only(changes, framework="intensive_support")
    assert (family["change"], family["status"]) == ("enter", "in")


def test_segment_4_of_2025_26_is_not_intensive_support(event):
    changes, _, _ = build([event(to_status="4", framework_version="2025", effective_date="2025-09")])
    assert only(changes, framework="intensive_support")["status"] == "out"


def test_a_nof_event_without_a_version_is_read_with_the_version_of_its_date(event):
    changes, _, _ = build([event(to_status="4", framework_version=None, effective_date="2025")])
    assert only(changes, framework="intensive_support")["status"] == "out"  # '2025' → 2025/26 framework


def test_a_bare_exit_from_the_rsp_leaves_intensive_support(event):
    changes, _, _ = build(
        [
            event(
                framework="rsp",
                framework_version=None,
                change="exit",
                from_status=None,
                to_status=None,
                effective_date="2023-05",
            )
        ]
    )
    assert only(changes, framework="intensive_support")["status"] == "out"


def test_leaving_segment_4_ends_the_rsp_interval(event):
    _, _, timeline = build(
        [
            event(framework="rsp", framework_version=None, from_status="out", to_status="in"),
            event(change="move", from_status="4", to_status="3", effective_date="2023-02"),
        ]
    )
    row = only(timeline, framework="rsp")
    assert (row["valid_to"], row["ended_by"]) == ("2023-02-01", "left intensive support")


def test_ids_are_stable(event):
    events = [event(), event(effective_date="2023-01", to_status="3")]
    assert build(events) == build([dict(e) for e in reversed(events)])


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (("nof", "enter", None, "4", "2021"), "moved into segment 4 (NOF 2021)"),
        (("nof", "exit", "4", "exited", None), "left segment 4"),
        (("uec_tier", "state", None, "1"), "in urgent and emergency care tier 1"),
        (("cqc_rating", "move", "good", "inadequate"), "moved from rated good to rated inadequate"),
        (("rsp", "exit", "in", "out"), "left Recovery Support Programme"),
        (("intensive_support", "state", None, "out"), "not in intensive support"),
        (("intensive_support", "enter", "out", "in"), "entered intensive support"),
        (("nof", "enter", None, "5", "2025"), "moved into segment 5 (NOF 2025)"),
        (("elective_tier", "state", None, "1"), "in elective recovery tier 1"),
    ],
)
def test_describe(args, text):
    assert describe(*args) == text


def test_rebuild_derived_writes_the_tables_and_is_repeatable(small_db):
    with small_db.atomic():
        doc_id, _ = load.store_document(
            small_db, {"url": "https://example.org/c", "title": "t", "text": "x", "published": "2023-01-01"}
        )
        load.replace_events(
            small_db,
            doc_id,
            [
                {
                    "ods_code": "RXW",
                    "org": "Shrewsbury",
                    "framework": "nof",
                    "framework_version": "2021",
                    "change": "enter",
                    "to": 4,
                    "date": "2021-07",
                }
            ],
            "1",
        )
    first = rebuild_derived(small_db, aliases=False)
    rows = list(small_db.query("select * from status_timeline order by id"))
    assert first == rebuild_derived(small_db, aliases=False)
    assert rows == list(small_db.query("select * from status_timeline order by id"))
    assert {r["framework"] for r in rows} == {"nof", "intensive_support"}


def test_rebuild_writes_the_framework_labels(small_db):
    rebuild_derived(small_db, aliases=False)
    label = small_db.execute(
        "select label, intensive from framework_labels where framework = 'nof' "
        "and framework_version = '2025' and status = '5'"
    ).fetchone()
    assert label == ("segment 5 (2025/26 framework): Provider Improvement Programme", 1)
    assert small_db["framework_versions"].count == len(frameworks.version_rows())


def test_rebuild_on_an_empty_database(small_db):
    assert rebuild_derived(small_db, aliases=False) == {
        "changes": 0,
        "change_events": 0,
        "status_timeline": 0,
        "period_evidence": 0,
        "timeline_claim_rows": 0,
    }


def test_sync_aliases_keeps_known_organisations(small_db):
    alias = SimpleNamespace
    gazetteer = SimpleNamespace(
        aliases={
            "sath": alias(text="sath", codes=["RXW"], needs_context=False, kind="abbreviation"),
            "nuh": alias(text="nuh", codes=["RX1", "ZZZ"], needs_context=True, kind="abbreviation"),
        }
    )
    assert sync_aliases(small_db, gazetteer) == 2
    nuh = small_db.execute(
        "select ods_code, needs_context, shared_by from organisation_aliases where alias = 'nuh'"
    ).fetchall()
    assert nuh == [("RX1", 1, 2)]


def test_replace_mentions_skips_unknown_codes(small_db):
    with small_db.atomic():
        doc_id, _ = load.store_document(small_db, {"url": "https://example.org/d", "title": "t", "text": "x"})
        stored = replace_mentions(
            small_db,
            doc_id,
            [
                {"ods_code": "RXW", "name": "Shrewsbury", "mentions": 3},
                {"ods_code": "NOPE", "name": "Nowhere", "mentions": 1},
            ],
        )
        assert stored == 1
        replace_mentions(small_db, doc_id, [{"ods_code": "RX1", "name": "Nottingham", "mentions": 2}])
    assert small_db.execute("select ods_code, mentions from mentions").fetchall() == [("RX1", 2)]


def _store_special_measures_entry(db, url: str, **event: object) -> None:
    with db.atomic():
        doc_id, _ = load.store_document(db, {"url": url, "title": "t", "text": "x", "published": "2023-01-01"})
        row = {"ods_code": "RXW", "org": "Shrewsbury", "framework": "special_measures", "change": "enter", "to": "in"}
        load.replace_events(db, doc_id, [{**row, **event}], "1")


def test_a_change_of_unknown_date_is_an_event_but_no_timeline_period(small_db):
    _store_special_measures_entry(small_db, "https://example.org/u", date=None, rules=["date.unknown"])
    rebuild_derived(small_db, aliases=False)
    assert small_db["events"].count == 1
    assert small_db["changes"].count == 0 and small_db["status_timeline"].count == 0


def test_a_change_without_a_date_of_its_own_takes_the_publication_date(small_db):
    _store_special_measures_entry(small_db, "https://example.org/p", date=None, rules=["date.published"])
    rebuild_derived(small_db, aliases=False)
    dates = {r["framework"]: r["effective_date"] for r in small_db.query("select * from changes")}
    assert dates == {"special_measures": "2023-01", "intensive_support": "2023-01"}
