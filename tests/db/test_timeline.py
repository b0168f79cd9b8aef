"""The timeline says what the evidence says: implied periods, restatements, one row per change, disputes."""

from __future__ import annotations

import pytest
from db_helpers import organisation
from nhswatch.db import load
from nhswatch.db.derived import build, build_all, rebuild_derived
from nhswatch.db.schema import migrations, open_db
from nhswatch.db.timeline import human_date


def by(rows, **match):
    return [r for r in rows if all(r[k] == v for k, v in match.items())]


def only(rows, **match):
    found = by(rows, **match)
    assert len(found) == 1, found
    return found[0]


def test_a_move_implies_the_status_before_it(event):
    changes, _, timeline = build([event(change="move", from_status="4", to_status="3", effective_date="2024-03-01")])
    move = only(changes, framework="nof")
    before = only(timeline, framework="nof", status="4")
    assert (before["valid_from"], before["valid_to"], before["valid_from_label"]) == (
        None,
        "2024-03-01",
        "not reported",
    )
    assert before["implied_by"] == move["id"] and before["first_change_id"] is None
    assert before["earliest_possible"] == "2021-07-01"  # NOF 2021 came into force (framework table)
    assert before["documents_count"] == 1 and before["is_current"] == 0
    after = only(timeline, framework="nof", status="3")
    assert (after["valid_from"], after["previous_status"], after["valid_from_label"]) == (
        "2024-03-01",
        "4",
        "1 March 2024",
    )
    # leaving segment 4 (2021 framework) is leaving intensive support: 'in' before, start not reported
    family = only(timeline, framework="intensive_support", status="in")
    assert family["valid_from"] is None and family["valid_to"] == "2024-03-01"


@pytest.mark.parametrize(
    ("framework", "from_", "to", "implied"),
    [
        ("uec_tier", "1", None, "1"),
        ("rsp", None, None, "in"),
        ("rsp", "in", "out", "in"),
    ],
)
def test_an_exit_implies_the_status_it_left(event, framework, from_, to, implied):
    _, _, timeline = build(
        [
            event(
                framework=framework,
                framework_version=None,
                change="exit",
                from_status=from_,
                to_status=to,
                effective_date="2024-05-02",
            )
        ]
    )
    row = only(timeline, framework=framework, valid_to="2024-05-02")
    assert (row["status"], row["valid_from"], row["valid_from_label"]) == (implied, None, "not reported")


def test_no_implied_period_when_the_status_before_was_reported(event):
    _, _, timeline = build(
        [
            event(change="state", to_status="4", effective_date="2022-01"),
            event(change="move", from_status="4", to_status="3", effective_date="2024-03-01"),
        ]
    )
    rows = sorted(by(timeline, framework="nof"), key=lambda r: r["valid_from"])
    assert [(r["valid_from"], r["valid_from_label"], r["implied_by"]) for r in rows] == [
        ("2022-01-01", "January 2022", None),
        ("2024-03-01", "1 March 2024", None),
    ]
    # an entry says what it entered, not what came before: no implied 'out' period
    _, _, timeline = build(
        [event(framework="rsp", framework_version=None, change="enter", from_status="out", to_status="in")]
    )
    assert [(r["status"], r["implied_by"]) for r in by(timeline, framework="rsp")] == [("in", None)]


def test_restatements_confirm_a_period_and_are_not_changes(event):
    derived = build_all(
        [
            event(change="enter", to_status="4", effective_date="2021-07-14", doc="a"),
            event(change="state", to_status="4", effective_date="2022-03", doc="b", publisher="HSJ"),
            event(change="remain", to_status="4", effective_date="2022-11", doc="c"),
        ]
    )
    nof = by(derived.changes, framework="nof")
    assert [(c["change"], c["documents_count"]) for c in nof] == [("enter", 1)]
    period = only(derived.status_timeline, framework="nof")
    assert (period["changes_count"], period["confirmations_count"]) == (1, 2)
    assert (period["documents_count"], period["sources_count"], period["last_reported"]) == (3, 2, "2022-11")
    roles = sorted((e["role"], e["document_id"]) for e in derived.period_evidence if e["period_id"] == period["id"])
    assert roles == [("change", "a"), ("confirmation", "b"), ("confirmation", "c")]
    assert {e["change_id"] for e in derived.period_evidence if e["role"] == "confirmation"} == {None}
    linked = {link["event_id"] for link in derived.change_events}
    assert not any(e["document_id"] in ("b", "c") for e in derived.period_evidence if e["event_id"] in linked)


def test_a_state_with_nothing_to_confirm_opens_a_period_and_is_listed(event):
    changes, _, timeline = build(
        [event(change="state", to_status="2", effective_date="2025-10", framework_version="2025")]
    )
    assert only(changes, framework="nof")["change"] == "state"
    row = only(timeline, framework="nof")
    assert (row["valid_from"], row["start_change"], row["valid_from_label"]) == ("2025-10-01", "state", "October 2025")
    # a statement of another status than the one in force is news too: it starts a period
    changes, _, timeline = build(
        [
            event(change="state", to_status="2", effective_date="2022-01"),
            event(change="state", to_status="3", effective_date="2023-01"),
        ]
    )
    assert len(by(changes, framework="nof")) == 2
    assert [r["confirmations_count"] for r in by(timeline, framework="nof")] == [0, 0]


def test_one_change_reported_with_dates_in_different_months_is_one_disputed_row(event):
    first = event(
        change="move",
        from_status="4",
        to_status="3",
        effective_date="2022-08",
        doc="hsj",
        publisher="HSJ",
        first_seen="2022-09-01T00:00:00+00:00",
    )
    second = event(
        change="move",
        from_status="4",
        to_status="3",
        effective_date="2022-06-03",
        doc="bbc",
        publisher="BBC News",
        first_seen="2022-09-05T00:00:00+00:00",
    )
    alone, _, _ = build([first])
    derived = build_all([first, second])
    row = only(derived.changes, framework="nof")
    assert (row["documents_count"], row["sources_count"], row["disputed"]) == (2, 2, 1)
    assert (row["effective_date"], row["effective_label"]) == ("2022-06-03", "3 June 2022")  # the day, not the month
    assert (row["date_min"], row["date_max"]) == ("2022-06-03", "2022-08")
    assert row["id"] == only(alone, framework="nof")["id"]  # the id of the first-seen report: feeds stay stable
    assert "3 June 2022 (1 docs); August 2022 (1 docs)" in row["dispute_note"]
    period = only(derived.status_timeline, framework="nof", status="3")
    assert period["disputed"] == 1 and period["valid_from"] == "2022-06-03"
    claims = sorted(
        (c["claim"], c["kept"], c["publisher"]) for c in derived.timeline_claim_rows if c["period_id"] == period["id"]
    )
    assert claims == [("3 June 2022", 1, "BBC News"), ("August 2022", 0, "HSJ")]


def test_different_days_of_one_month_are_a_date_dispute(event):
    changes, _, _ = build([event(effective_date="2021-07-14", doc="a"), event(effective_date="2021-07-20", doc="b")])
    row = only(changes, framework="nof")
    assert row["disputed"] == 1 and "14 July 2021" in row["dispute_note"]
    # the same day at lower precisions is no disagreement
    changes, _, _ = build(
        [
            event(effective_date="2021-07-14", doc="a"),
            event(effective_date="2021-07", doc="b"),
            event(effective_date="2021", doc="c"),
        ]
    )
    row = only(changes, framework="nof")
    assert (row["disputed"], row["documents_count"], row["effective_label"]) == (0, 3, "14 July 2021")


def test_a_status_dispute_keeps_every_claim(event):
    derived = build_all(
        [
            event(change="state", to_status="3", effective_date="2022-05", doc="a"),
            event(change="state", to_status="3", effective_date="2022-05", doc="b"),
            event(change="state", to_status="4", effective_date="2022-05", doc="c", publisher="Local paper"),
        ]
    )
    period = only(derived.status_timeline, framework="nof")
    claims = [
        (c["kind"], c["claim"], c["kept"], c["document_id"])
        for c in derived.timeline_claim_rows
        if c["period_id"] == period["id"]
    ]
    assert claims == [
        ("status", "in segment 3 (NOF 2021)", 1, "a"),
        ("status", "in segment 3 (NOF 2021)", 1, "b"),
        ("status", "in segment 4 (NOF 2021)", 0, "c"),
    ]
    # the losing bare statement is a claim, not a change
    assert [c["status"] for c in by(derived.changes, framework="nof")] == ["3"]


def test_a_move_from_an_unexpected_status_keeps_both_claims(event):
    derived = build_all(
        [
            event(to_status="2", change="state", effective_date="2022-01", doc="a"),
            event(to_status="3", change="move", from_status="4", effective_date="2023-01", doc="b"),
        ]
    )
    period = only(derived.status_timeline, framework="nof", is_current=1)
    claims = {(c["claim"], c["kept"]) for c in derived.timeline_claim_rows if c["period_id"] == period["id"]}
    assert claims == {("from segment 4", 0), ("segment 2", 1)}


@pytest.mark.parametrize(
    ("value", "label"),
    [("2026", "2026"), ("2026-03", "March 2026"), ("2026-03-03", "3 March 2026"), (None, None), ("", None)],
)
def test_human_date(value, label):
    assert human_date(value) == label


def test_rebuild_writes_period_evidence_and_claims(small_db):
    with small_db.atomic():
        for n, (date, change) in enumerate([("2024-03-01", "move"), ("2024-06", "remain")]):
            doc_id, _ = load.store_document(
                small_db, {"url": f"https://example.org/{n}", "title": "t", "text": "x", "published": "2024-07-01"}
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
                        "change": change,
                        "to": 3,
                        "from": 4 if change == "move" else None,
                        "date": date,
                    }
                ],
                "1",
            )
    counts = rebuild_derived(small_db, aliases=False)
    assert counts["period_evidence"] >= 3 and counts["timeline_claim_rows"] == 0
    rows = small_db.execute(
        "select status, valid_from, valid_from_label, confirmations_count from status_timeline "
        "where framework = 'nof' order by coalesce(valid_from, '')"
    ).fetchall()
    assert rows == [("4", None, "not reported", 0), ("3", "2024-03-01", "1 March 2024", 1)]
    assert small_db.execute("select count(*) from changes where change = 'remain'").fetchone() == (0,)
    assert rebuild_derived(small_db, aliases=False) == counts


def test_an_m004_database_gains_the_timeline_evidence_tables(tmp_path):
    from sqlite_utils import Database

    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="m005_timeline_evidence")
    assert "timeline_claims" not in old.table_names() and "effective_label" not in old["changes"].columns_dict
    load.upsert_organisations(old, [organisation("RXW", "The Shrewsbury and Telford Hospital NHS Trust")])
    old.close()
    db = open_db(path)
    assert "period_evidence" in db.table_names() and "timeline_claims" in db.view_names()
    assert {"valid_from_label", "earliest_possible", "implied_by", "confirmations_count"} <= set(
        db["status_timeline"].columns_dict
    )
    assert "effective_label" in db["changes"].columns_dict
    db.close()
