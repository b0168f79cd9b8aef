"""Everything that goes wrong on real sites, at once: each fault handled and recorded, the run
completes, and the healthy sources' articles are stored."""

from __future__ import annotations

import time

import pytest
from conftest import fast_fetcher
from faultserver import BROKEN_FEEDS, CHARSET, CHARSET_TEXT, FAULTS, GOOD, FaultServer
from nhswatch.db import load, open_db
from nhswatch.scraper.archive import Archive
from nhswatch.scraper.registry import load_registry
from sitefixtures import SOURCES, FixtureSite, write_source

from nhswatch import pipeline

pytestmark = pytest.mark.slow  # fault servers and real deadlines


@pytest.fixture(scope="module")
def faulty_run(tmp_path_factory):
    """One run over the fault server and a healthy WordPress fixture, shared by this module's tests."""
    tmp_path = tmp_path_factory.mktemp("faults")
    with FaultServer(stall=3.0) as faults, FixtureSite("wordpress") as wordpress:
        directory = tmp_path / "sources"
        write_source(directory, wordpress.url, SOURCES["wordpress"])
        write_source(directory, faults.url + "/", {"name": "faulty", "discovery": [{"feed": "/feed.xml"}]})
        for number, path in enumerate(BROKEN_FEEDS):
            kind = "sitemap" if "sitemap" in path else "feed"
            write_source(directory, faults.url + "/", {"name": f"broken-{number}", "discovery": [{kind: path}]})
        db = open_db(tmp_path / "t.db")
        run_id = load.start_run(db, "test")
        started = time.monotonic()
        archive = Archive(tmp_path / "a")
        counts = pipeline.scrape(db, load_registry(directory).values(), fast_fetcher(), archive, run_id)
        load.finish_run(db, run_id, counts.exit_code(), counts.as_row())
        yield db, counts, time.monotonic() - started, faults, archive


def failure_reasons(db, base):
    return {row["url"].replace(base, ""): row["reason"] for row in db.query("select url, reason from failures")}


def test_run_completes_quickly_with_exit_code_1(faulty_run):
    db, counts, elapsed, *_ = faulty_run
    assert counts.exit_code() == 1
    assert elapsed < 30
    run = next(db.query("select * from runs"))
    assert run["status"] == "partial" and run["failed"] == len(FAULTS) + len(BROKEN_FEEDS)


@pytest.mark.parametrize("path", sorted(FAULTS))
def test_each_faulty_page_is_recorded_with_its_reason(faulty_run, path):
    db, _, _, faults, _ = faulty_run
    reasons = failure_reasons(db, faults.url)
    assert FAULTS[path] in reasons[path]
    row = next(db.query("select * from failures where url = ?", [faults.url + path]))
    assert row["source"] == "faulty" and row["stage"] in ("fetch", "parse") and row["run_id"]


@pytest.mark.parametrize("path", sorted(BROKEN_FEEDS))
def test_each_broken_or_hostile_index_is_recorded(faulty_run, path):
    db, counts, _, faults, _ = faulty_run
    assert BROKEN_FEEDS[path] in failure_reasons(db, faults.url)[path]
    broken = [name for name, status in counts.status.items() if name.startswith("broken-")]
    assert all(counts.status[name] == "failed" for name in broken)


def test_healthy_pages_and_sources_are_stored(faulty_run):
    db, counts, _, faults, _ = faulty_run
    assert counts.status["fixture-wordpress"] == "ok"
    assert db.execute("select count(*) from documents where source = 'fixture-wordpress'").fetchone()[0] == 6
    stored = {row["url"].replace(faults.url, "") for row in db.query("select url from documents where source='faulty'")}
    assert stored == set(GOOD) | set(CHARSET)
    assert counts.status["faulty"] == "partial"


def test_retry_after_is_honoured(faulty_run):
    _db, _, _, faults, _ = faulty_run
    assert faults.hits["/fault/503-then-ok"] == 2
    assert faults.hits["/fault/500"] == 2  # retried once (retries=1), then given up
    assert faults.hits["/fault/503-long"] == 1  # Retry-After beyond the limit: not waited for


def test_wrong_declared_charsets_still_give_the_right_text(faulty_run):
    db, _, _, faults, _ = faulty_run
    for path in CHARSET:
        text = db.execute("select text from documents where url = ?", [faults.url + path]).fetchone()[0]
        assert CHARSET_TEXT in text


def test_robots_disallowed_and_private_targets_are_never_requested(faulty_run):
    _, _, _, faults, _ = faulty_run
    assert "/private/secret-article" not in faults.hits
    assert faults.hits["/robots.txt"] == 1


def test_fetch_log_and_archive_hold_what_was_fetched(faulty_run):
    db, _, _, faults, archive = faulty_run
    rows = list(db.query("select * from fetches where url = ?", [faults.url + "/articles/good-1"]))
    assert rows[0]["status"] == 200 and rows[0]["content_hash"] and rows[0]["kind"] == "article"
    assert b"Medway NHS Foundation Trust" in archive.get(rows[0]["content_hash"])
    not_html = next(db.query("select * from fetches where url = ?", [faults.url + "/fault/not-html"]))
    assert not_html["outcome"] == "skipped" and not_html["content_hash"] in archive  # kept, not a failure
    assert not list(db.query("select * from failures where url = ?", [faults.url + "/fault/not-html"]))


def test_gzip_bomb_does_not_blow_up_memory():
    import resource

    with FaultServer() as server:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with pytest.raises(Exception, match="too large"):
            fast_fetcher(max_bytes=1024 * 1024).get(server.url + "/fault/gzip-bomb", allow_private=True)
        grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 60 * 1024  # far below the 100 MB the bomb inflates to
