"""``nhswatch backfill`` through the WordPress REST API: a fictional regional newsroom from a fake WordPress."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from nhswatch.db.schema import open_db
from nhswatch.scraper.archive import Archive
from nhswatch.scraper.fetch import Fetcher
from nhswatch.scraper.registry import parse_source
from wpserver import SITE, FakeWordPress, many, posts

from nhswatch.backfill_wordpress import WordPressBackfiller
from nhswatch.cli import cli


def entry(site: FakeWordPress) -> dict:
    return {
        "name": "fens-region",
        "title": "NHS England — Fens (fictional)",
        "publisher": "NHS England — Fens",
        "kind": "regional",
        "homepage": f"{SITE}/",
        "discovery": [{"feed": f"{SITE}/feed/"}],
        "allow_private": True,
        "backfill": {"wordpress": site.url},
        "confirmed": "test fixture",
    }


def backfill(db, tmp: Path, site: FakeWordPress, **options):
    source = parse_source(entry(site))
    return WordPressBackfiller(db, source, Fetcher(delay=0, retries=0), Archive(tmp / "archive"), None, **options).run()


@pytest.fixture(scope="module")
def site():
    server = FakeWordPress(posts())
    yield server
    server.close()


@pytest.fixture(scope="module")
def filled(tmp_path_factory, site):
    """A database backfilled once (2018-2024, two posts a page), and the outcome counts."""
    tmp = tmp_path_factory.mktemp("wp")
    db = open_db(tmp / "nhswatch.db")
    counts = backfill(db, tmp, site, year_from=2018, year_to=2024, per_page=2)
    return db, counts, tmp


def doc(db, path: str) -> dict:
    rows = list(db.query("select * from documents where url = ?", [f"{SITE}{path}"]))
    return rows[0] if rows else {}


def test_the_outcome_of_every_post_in_the_years_asked(filled):
    _, counts, _ = filled
    assert dict(counts) == {"stored": 4, "skipped": 2}


def test_posts_outside_the_years_asked_are_not_stored(filled):
    db, _, _ = filled
    assert doc(db, "/2017/06/old-news/") == {} and doc(db, "/2025/01/too-new/") == {}


def test_a_post_is_stored_with_its_link_title_text_and_date(filled):
    db, _, _ = filled
    row = doc(db, "/2018/03/segment-4/")
    assert row["title"] == "Norfolk & Norwich trust\u2019s move to segment 4"
    assert row["text"].startswith("NHS England confirmed today") and "<p>" not in row["text"]
    assert row["published"] == "2018-03-10"
    assert row["first_seen"] == row["fetched_at"] == "2018-03-10T09:30:00+00:00"


def test_a_stored_post_is_marked_backfilled_with_its_rest_url(filled, site):
    db, _, _ = filled
    row = doc(db, "/2018/03/segment-4/")
    assert row["backfilled"] == 1 and row["capture_url"] == f"{site.url}/wp-json/wp/v2/posts/102"


def test_a_post_without_publication_date_is_placed_at_its_modification(filled):
    db, _, _ = filled
    row = doc(db, "/2020/02/undated/")
    assert row["published"] is None and row["first_seen"] == "2020-02-02T09:30:00+00:00"


def test_posts_without_any_date_or_without_text_are_skipped_with_a_reason(filled):
    db, _, _ = filled
    reasons = dict(db.execute("select original, reason from backfill_captures where status = 'skipped'").fetchall())
    assert reasons == {
        f"{SITE}/2020/01/timeless/": "no date (neither date_gmt, date nor modified_gmt)",
        f"{SITE}/2021/05/video-only/": "no text in the post's content",
    }


def test_the_listing_is_recorded_as_finished(filled, site):
    db, _, _ = filled
    row = next(db.query("select * from backfill_queries"))
    assert row["prefix"] == f"{site.url}/wp-json/wp/v2/posts" and row["done_at"] and row["pages"] == 3


def test_a_second_backfill_asks_nothing_and_changes_nothing(filled, site):
    db, _, tmp = filled
    before = (len(site.queries), list(db.query("select id, version, content_hash from documents order by id")))
    assert sum(backfill(db, tmp, site, year_from=2018, year_to=2024, per_page=2).values()) == 0
    assert (len(site.queries), list(db.query("select id, version, content_hash from documents order by id"))) == before


def test_a_live_copy_wins_over_the_post(tmp_path, site):
    from nhswatch.db import load

    db = open_db(tmp_path / "nhswatch.db")
    with db.atomic():
        load.store_document(db, {"url": f"{SITE}/2022/11/new-ward/", "title": "Live", "text": "The live text."})
    counts = backfill(db, tmp_path, site, year_from=2022, year_to=2022)
    assert counts["exists"] == 1 and doc(db, "/2022/11/new-ward/")["text"] == "The live text."


def test_a_failed_page_is_resumed_without_asking_again_for_the_pages_read(tmp_path):
    server = FakeWordPress(many(7))
    try:
        db = open_db(tmp_path / "nhswatch.db")
        server.fail_pages = {3}
        first = backfill(db, tmp_path, server, per_page=2)
        assert first["stored"] == 4 and first["failed"] == 1
        assert db.execute("select count(*) from failures where stage = 'wordpress'").fetchone()[0] == 1
        server.fail_pages = set()
        server.hits.clear()
        second = backfill(db, tmp_path, server, per_page=2)
        assert second["stored"] == 3 and dict(server.hits) == {3: 1, 4: 1}
        assert db.execute("select count(*) from documents").fetchone()[0] == 7
    finally:
        server.close()


def test_a_400_past_the_last_page_ends_the_listing(tmp_path):
    server = FakeWordPress(many(3))
    try:
        server.overstate = 2  # the page count promises pages that are gone by the time they are asked
        db = open_db(tmp_path / "nhswatch.db")
        counts = backfill(db, tmp_path, server, per_page=2)
        assert counts == {"stored": 3}
        assert db.execute("select done_at from backfill_queries").fetchone()[0]
        assert db.execute("select count(*) from failures").fetchone()[0] == 0
    finally:
        server.close()


# -- the command, the feeds ------------------------------------------------------------------------
@pytest.fixture
def registry(tmp_path, site) -> Path:
    directory = tmp_path / "sources"
    directory.mkdir()
    (directory / "fens-region.yml").write_text(yaml.safe_dump(entry(site)), encoding="utf-8")
    return directory


def cli_args(db_path: Path, registry: Path, *extra: str) -> list[str]:
    args = ["backfill", "fens-region", "--db", str(db_path), "--sources-dir", str(registry)]
    return [*args, "--archive-url", "http://127.0.0.1:9", "--delay", "0", "--retries", "0", *extra]


async def test_the_command_backfills_from_wordpress_and_leaves_the_feed_unchanged(tmp_path, registry):
    from nhswatch import pipeline
    from nhswatch.serving import make_datasette

    db_path = tmp_path / "nhswatch.db"
    db = open_db(db_path)
    live = "NHS England confirmed today that Medway NHS Foundation Trust has been moved into segment 3 of the NHS Oversight Framework."
    pipeline.load_documents(
        db, [{"id": "live-1", "url": "https://www.medway.example/news/1", "title": "Segment 3", "text": live}]
    )
    pipeline.rebuild_derived(db)
    db.conn.close()
    before = (await make_datasette(db_path).client.get("/nhswatch/changes_feed.atom")).text
    assert "Medway" in before

    result = CliRunner().invoke(cli, cli_args(db_path, registry, "--from", "2018", "--to", "2024"))
    assert result.exit_code == 0, result.output
    assert "fens-region: stored 4" in result.output
    db = sqlite3.connect(db_path)
    change = db.execute("select first_seen from changes where ods_code = 'RM1'").fetchone()
    assert change is not None and change[0].startswith("2018-03-10"), "the backfilled post was extracted"
    assert (await make_datasette(db_path).client.get("/nhswatch/changes_feed.atom")).text == before


def test_method_wordpress_needs_the_registry_entry(tmp_path, registry):
    plain = yaml.safe_load((registry / "fens-region.yml").read_text())
    del plain["backfill"]
    (registry / "fens-region.yml").write_text(yaml.safe_dump(plain), encoding="utf-8")
    result = CliRunner().invoke(cli, cli_args(tmp_path / "x.db", registry, "--method", "wordpress"))
    assert result.exit_code == 2 and "no backfill.wordpress" in result.output


@pytest.mark.slow
def test_a_killed_wordpress_backfill_resumes_without_asking_again_for_what_it_stored(tmp_path):
    server = FakeWordPress(many(250), delay=0.5)  # three pages of 100
    directory = tmp_path / "sources"
    directory.mkdir()
    (directory / "fens-region.yml").write_text(yaml.safe_dump(entry(server)), encoding="utf-8")
    db_path = tmp_path / "nhswatch.db"
    args = [sys.executable, "-m", "nhswatch.cli", *cli_args(db_path, directory, "--no-extract")]
    try:
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
        deadline, pages = time.monotonic() + 60, 0
        while time.monotonic() < deadline and not pages:
            time.sleep(0.05)
            try:
                with sqlite3.connect(db_path, timeout=1) as conn:
                    pages = conn.execute("select coalesce(max(pages), 0) from backfill_queries").fetchone()[0]
            except sqlite3.OperationalError:
                pass
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        assert 1 <= pages < 3

        server.delay = 0
        assert subprocess.run(args, capture_output=True, timeout=120).returncode == 0
        with sqlite3.connect(db_path) as conn:
            assert conn.execute("select count(*) from documents where backfilled = 1").fetchone()[0] == 250
        assert server.hits[1] == 1  # the page stored before the kill was not asked again
        hits = dict(server.hits)
        assert subprocess.run(args, capture_output=True, timeout=120).returncode == 0
        assert dict(server.hits) == hits
    finally:
        server.close()
