"""Reconciling official observations with the news-derived timeline (db/reconcile.py) in a real database:
an organisation with an agreeing period, a contradicted one and a change only the official record shows."""

from __future__ import annotations

import random
from datetime import date

import pytest
import yaml
from db_helpers import organisation
from nhswatch.db import load
from nhswatch.db import official as store
from nhswatch.db.derived import rebuild_derived, update_derived
from nhswatch.db.reconcile import reconcile
from nhswatch.db.schema import open_db
from nhswatch.extract.gazetteer import default_gazetteer
from nhswatch.extract.official import Spec, parse
from test_incremental import CODES
from test_incremental import store as store_random

from nhswatch.serving import REPO_METADATA

SEGMENTS = Spec(format="nof_segmentation", framework="nof", version="2021")
FILE = (
    "Quarter,Region,Organisation_type,Organisation_code,Organisation_name,Segment\n"
    "Q1 2024/25,East,Trust,RMY,Norfolk and Suffolk,4\n"  # agrees with the news: segment 4 until May 2025
    "Q1 2025/26,East,Trust,RMY,Norfolk and Suffolk,4\n"  # contradicts "moved to segment 3 on 22 May 2025"
    "Q2 2025/26,East,Trust,RMY,Norfolk and Suffolk,3\n"  # agrees again (segment 3)
    "Q1 2024/25,East,Trust,RCX,QEH,3\n"
    "Q2 2024/25,East,Trust,RCX,QEH,2\n"  # a change no article reported
)


def news(db, url: str, published: str, ods: str, change: str, from_: str | None, to: str, day: str) -> None:
    with db.atomic():
        doc_id, _ = load.store_document(db, {"url": url, "title": url, "text": "text", "published": published})
        event = {"ods_code": ods, "org": ods, "framework": "nof", "framework_version": "2021", "change": change,
                 "from": from_, "to": to, "date": day, "modality": "actual", "evidence": f"{ods} {change} {to}."}  # fmt: skip
        load.replace_events(db, doc_id, [event], "test")


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "n.db")
    load.upsert_organisations(db, default_gazetteer().by_code.values())
    news(db, "https://news.example/rmy-1", "2023-01-10", "RMY", "state", None, "4", "2023-01-10")
    news(db, "https://news.example/rmy-2", "2025-05-22", "RMY", "move", "4", "3", "2025-05-22")
    news(db, "https://news.example/rcx-1", "2024-03-01", "RCX", "move", "4", "3", "2024-03-01")
    rebuild_derived(db)
    parsed = parse(FILE.encode(), SEGMENTS)
    meta = {"source": "segmentation", "url": "https://data.example/seg.csv", "format": "nof_segmentation",
            "framework": "nof", "title": "NOF segmentation", "content_hash": "abc"}  # fmt: skip
    with db.atomic():
        pid, _ = store.store_publication(db, meta, parsed)
        reconcile(db, store.pairs_of(db, pid))
    return db


def periods(db, ods: str) -> list[tuple]:
    return db.execute(
        "select status, valid_from, official_verdict, official_status from status_timeline "
        "where ods_code = ? and framework = 'nof' order by valid_from",
        [ods],
    ).fetchall()


def test_a_period_the_official_record_agrees_with_is_confirmed(db):
    assert ("4", "2023-01-10", "confirmed", "4") in periods(db, "RMY")


def test_a_news_claim_the_quarters_list_contradicts_is_flagged_and_both_are_kept(db):
    assert ("3", "2025-05-22", "contradicted", "4") in periods(db, "RMY")
    note = db.execute(
        "select official_note from status_timeline where official_verdict = 'contradicted' and ods_code = 'RMY'"
    ).fetchone()
    assert "Q1 2025/26" in note[0]
    assert db.execute("select count(*) from official_observations where ods_code = 'RMY'").fetchone()[0] == 3


def test_a_change_only_official_data_shows_is_a_change_with_provenance_official(db):
    rows = db.execute(
        "select from_status, to_status, effective_date, provenance from changes where ods_code = 'RCX' and framework = 'nof' "
        "order by effective_date"
    ).fetchall()
    assert rows == [("4", "3", "2024-03-01", "news"), ("3", "2", "2024-07-01", "official")]


def test_a_change_the_news_reported_is_not_repeated_as_official(db):
    assert db.execute("select count(*) from changes where ods_code = 'RMY' and provenance = 'official'").fetchone() == (
        0,
    )


def test_a_period_without_official_data_is_silent(db):
    rows = db.execute("select distinct official_verdict from status_timeline where framework = 'rsp'").fetchall()
    assert rows in ([], [("silent",)])


def test_a_rebuild_keeps_verdicts_and_official_changes(db):
    before = db.execute("select id, official_verdict from status_timeline order by id").fetchall()
    rebuild_derived(db)
    assert db.execute("select id, official_verdict from status_timeline order by id").fetchall() == before
    assert db.execute("select count(*) from changes where provenance = 'official'").fetchone() == (1,)


# --- the official record in the timeline (db/official_periods.py) ---------------------------------------

LEAGUE = Spec(format="nof_league_table", framework="nof")
LEAGUE_FILE = (
    "Quarter,Region,Trust_type,Trust_subtype,Trust_code,Trust_name,Average_score,Likely_range_of_average_score,"
    "Segment,Trust_in_financial_deficit,Rank,Likely_range_of_rank\n"
    "Q4 2025/26,East,Acute trust,Medium acute,RAJ,Mid and South Essex,2.31,1.9 to 2.7,3.0,No,61.0,40 to 80\n"
)
CQC = Spec(format="cqc_ratings_csv", framework="cqc_rating")
CQC_FILE = (
    "Provider ID,Provider ODS Code,Provider Name,Provider Type,Provider Primary Inspection Category,"
    "Provider Street Address,Provider Address Line 2,Provider City,Provider Post Code,Provider Local Authority,"
    "Provider Region,Provider NHS Region,Service / Population Group,Domain,Latest Rating,Publication Date,"
    "Report Type,Inherited Rating (Y/N),URL,Brand ID,Brand Name\n"
    "RCX,RCX,QEH King's Lynn,NHS Healthcare Organisation,Acute hospital - NHS,1 Road,,King's Lynn,ZZ1 1ZZ,Norfolk,"
    "East of England,East of England,Overall,Overall,Requires improvement,14/06/2023,Provider,N,"
    "https://www.cqc.org.uk/provider/RCX,-,-\n"
)
METADATA = yaml.safe_load(REPO_METADATA.read_text(encoding="utf-8"))
QUERIES = METADATA["databases"]["nhswatch"]["queries"]


def publish(db, body: str, spec: Spec, source: str) -> None:
    """Store one official file and reconcile what it speaks about, as an import does."""
    meta = {"source": source, "url": f"https://data.example/{source}", "format": spec.format,
            "framework": spec.framework, "title": source, "content_hash": source}  # fmt: skip
    with db.atomic():
        pid, _ = store.store_publication(db, meta, parse(body.encode(), spec))
        reconcile(db, store.pairs_of(db, pid))


def canned(db, name: str, **params: str) -> list[dict]:
    """Run a canned query of metadata.yml on the database."""
    cursor = db.execute(QUERIES[name]["sql"], {p: params.get(p, "") for p in QUERIES[name].get("params", [])})
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


@pytest.fixture
def official_db(tmp_path):
    db = open_db(tmp_path / "o.db")
    load.upsert_organisations(db, default_gazetteer().by_code.values())
    news(db, "https://news.example/rcx-cqc", "2019-02-01", "RCX", "state", None, "inadequate", "2019-02-01")
    with db.atomic():  # the news event above is a CQC rating, not a NOF segment
        db.execute("update events set framework = 'cqc_rating', framework_version = null where ods_code = 'RCX'")
    rebuild_derived(db)
    publish(db, LEAGUE_FILE, LEAGUE, "league")
    publish(db, CQC_FILE, CQC, "cqc")
    return db


def test_an_organisation_only_the_official_record_covers_gets_an_official_period(official_db):
    rows = official_db.execute(
        "select status, valid_from, valid_to, provenance, documents_count from status_timeline "
        "where ods_code = 'RAJ' and framework = 'nof'"
    ).fetchall()
    assert rows == [("3", "2026-01-01", "2026-04-01", "official", 0)]


def test_status_on_a_date_answers_from_the_official_period_where_the_news_is_silent(official_db):
    rows = {
        r["framework"]: r for r in canned(official_db, "status_on_date", date="2026-02-15") if r["ods_code"] == "RAJ"
    }
    assert (rows["nof"]["status"], rows["nof"]["according_to"]) == ("3", "official record")
    assert rows["intensive_support"]["status"] == "out"  # segment 3 of 2025/26 is not intensive support
    assert not [r for r in canned(official_db, "status_on_date", date="2025-12-15") if r["ods_code"] == "RAJ"]


def test_a_disagreement_prefers_the_official_record_now_and_keeps_the_news_period(official_db):
    (row,) = canned(official_db, "current_status", framework="cqc_rating", status="")
    assert (row["ods_code"], row["status"], row["news_status"]) == ("RCX", "requires improvement", "inadequate")
    assert row["according_to"] == "official record"
    kept = official_db.execute(
        "select status, official_verdict, provenance from status_timeline where ods_code = 'RCX' and framework = 'cqc_rating'"
    ).fetchall()
    assert kept == [("inadequate", "contradicted", "news")]


def test_the_intensive_support_track_is_confirmed_and_contradicted_by_nof_segments(db):
    rows = db.execute(
        "select status, valid_from, official_verdict, official_status from status_timeline "
        "where ods_code = 'RMY' and framework = 'intensive_support' order by valid_from"
    ).fetchall()
    # segment 4 of 2021-25 is the RSP: Q1 2024/25 confirms 'in'; Q1 2025/26 contradicts the reported exit
    assert rows == [("in", "2023-01-10", "confirmed", "in"), ("out", "2025-05-22", "contradicted", "in")]


def current_quarter(today: date) -> str:
    """'Q3 2026/27' for a day in October-December 2026 (NHS quarters run from April)."""
    first = today.year if today.month >= 4 else today.year - 1
    return f"Q{(today.month - 4) % 12 // 3 + 1} {first}/{(first + 1) % 100:02d}"


def test_intensive_support_now_follows_the_official_record_where_it_covers_today(official_db):
    quarter = current_quarter(date.today())
    row = f"{quarter},East,Acute trust,Medium acute,RAJ,Mid and South Essex,3.5,3.2 to 3.8,5.0,Yes,130.0,120 to 134\n"
    publish(official_db, LEAGUE_FILE.splitlines(keepends=True)[0] + row, LEAGUE, "league-now")
    assert [r["ods_code"] for r in canned(official_db, "intensive_support_now")] == ["RAJ"]


def snapshot(db) -> dict[str, list[tuple]]:
    tables = ("status_timeline", "changes", "official_spans")
    return {t: sorted(map(tuple, db.execute(f"select * from {t}").fetchall())) for t in tables}


def test_reconciling_after_an_import_or_incrementally_gives_the_rows_of_a_full_rebuild(official_db):
    news(official_db, "https://news.example/raj", "2026-02-01", "RAJ", "state", None, "4", "2026-02-01")
    with official_db.atomic():
        official_db.execute("update events set framework_version = '2025' where ods_code = 'RAJ'")
    update_derived(official_db, aliases=False)
    incremental = snapshot(official_db)
    rebuild_derived(official_db, aliases=False)
    assert incremental == snapshot(official_db)
    # the news now covers February 2026 on: the official period keeps only January, the news period is contradicted
    rows = official_db.execute(
        "select status, valid_from, valid_to, provenance, official_verdict from status_timeline "
        "where ods_code = 'RAJ' and framework = 'nof' order by valid_from"
    ).fetchall()
    assert rows == [
        ("3", "2026-01-01", "2026-02-01", "official", "official"),
        ("4", "2026-02-01", None, "news", "contradicted"),
    ]


def random_segmentation(rng: random.Random) -> str:
    """A 2021-25 segmentation file with random segments for random quarters of the incremental test's trusts."""
    rows = ["Quarter,Region,Organisation_type,Organisation_code,Organisation_name,Segment"]
    for code in CODES:
        for year in rng.sample(range(2021, 2025), 2):
            for quarter in sorted(rng.sample(range(1, 5), rng.randint(1, 4))):
                rows.append(f"Q{quarter} {year}/{(year + 1) % 100:02d},East,Trust,{code},{code},{rng.randint(1, 4)}")
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize("seed", range(4))
def test_random_news_and_official_data_give_the_same_rows_incrementally_and_in_full(tmp_path, seed):
    rng = random.Random(seed)
    db = open_db(tmp_path / "r.db")
    load.upsert_organisations(db, [organisation(code, f"Trust {code}") for code in CODES])
    docs = [store_random(db, rng, n) for n in range(40)]
    rebuild_derived(db, aliases=False)
    publish(db, random_segmentation(rng), SEGMENTS, "segmentation")
    after_import = snapshot(db)
    rebuild_derived(db, aliases=False)
    assert after_import == snapshot(db)
    for n in range(40, 50):
        store_random(db, rng, n)
    with db.atomic():
        load.replace_events(db, docs[2], [], "1")
    update_derived(db, aliases=False)
    incremental = snapshot(db)
    rebuild_derived(db, aliases=False)
    assert incremental == snapshot(db)
