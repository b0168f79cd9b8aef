"""``nhswatch backfill``: a fictional newsroom's 2018-2024 history from a fake web archive on 127.0.0.1."""

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
from cdxserver import SITE, FakeArchive, many, rows
from click.testing import CliRunner
from nhswatch.db.schema import open_db
from nhswatch.scraper.archive import Archive
from nhswatch.scraper.fetch import Fetcher
from nhswatch.scraper.registry import parse_source

from nhswatch.backfill import ArchiveConfig, Backfiller
from nhswatch.cli import cli

SOURCE = {
    "name": "fenland-news",
    "title": "Fenland Trust news",
    "publisher": "Fenland Trust",
    "kind": "trust",
    "homepage": f"{SITE}/",
    "discovery": [{"auto": f"{SITE}/news/"}],
    "confirmed": "test fixture",
}


def backfill(db, archive_dir: Path, fake: FakeArchive, **config):
    source = parse_source(SOURCE)
    fetcher = Fetcher(delay=0, retries=0)
    run = Backfiller(db, source, fetcher, Archive(archive_dir), None, ArchiveConfig(base=fake.url, **config))
    return run.run()


@pytest.fixture(scope="module")
def fake():
    server = FakeArchive(rows())
    yield server
    server.close()


@pytest.fixture(scope="module")
def filled(tmp_path_factory, fake):
    """A database backfilled once (2018-2024), and the outcome counts."""
    tmp = tmp_path_factory.mktemp("backfill")
    db = open_db(tmp / "nhswatch.db")
    counts = backfill(db, tmp / "archive", fake, year_from=2018, year_to=2024)
    return db, counts, tmp


def doc(db, path: str) -> dict:
    rows = list(db.query("select * from documents where url = ?", [f"{SITE}{path}"]))
    return rows[0] if rows else {}


def capture(db, path: str) -> dict:
    rows = list(db.query("select * from backfill_captures where url = ?", [f"{SITE}{path}"]))
    return rows[0] if rows else {}


def test_the_outcomes_of_every_capture(filled):
    _, counts, _ = filled
    assert dict(counts) == {"stored": 4, "duplicate": 1, "failed": 1}


def test_the_latest_good_capture_is_stored_with_original_url_capture_url_and_time(filled):
    db, _, _ = filled
    row = doc(db, "/news/2018/segment-4")
    assert "segment 4 of the NHS Oversight Framework" in row["text"] and "early version" not in row["text"]
    assert row["capture_url"].endswith(f"/web/20190112080000id_/{SITE}/news/2018/segment-4")
    assert row["captured_at"] == "2019-01-12T08:00:00+00:00" and row["backfilled"] == 1


def test_dates_come_from_the_page_and_the_capture(filled):
    db, _, _ = filled
    row = doc(db, "/news/2018/segment-4")
    assert row["published"] == "2018-03-10"
    assert row["first_seen"] == row["fetched_at"] == "2019-01-12T08:00:00+00:00"
    assert doc(db, "/news/2023/volunteers")["published"] == "2023-04-15"  # undated page: the capture's day


def test_the_injected_toolbar_never_reaches_the_text(filled):
    db, _, _ = filled
    row = doc(db, "/news/2018/segment-4")
    assert "Wayback" not in row["text"] and "captures of this page" not in row["text"]


def test_a_second_url_with_the_same_digest_is_a_duplicate_and_not_fetched(filled, fake):
    db, _, _ = filled
    statuses = {capture(db, p)["status"] for p in ("/news/2019/good-news", "/news/2019/good-news-for-patients")}
    assert statuses == {"stored", "duplicate"}
    assert sum(n for path, n in fake.hits.items() if "good-news" in path) == 1


def test_404_captures_index_pages_and_images_are_never_fetched(filled, fake):
    db, _, _ = filled
    for path in ("/news/2020/withdrawn", "/news/", "/news/2024/logo.png"):
        assert capture(db, path) == {}
        assert not [hit for hit in fake.hits if hit.endswith(f"{SITE}{path}")]


def test_a_redirect_capture_is_followed_to_the_capture_it_names(filled):
    db, _, _ = filled
    row = doc(db, "/news/2021/new-ward")
    assert row["captured_at"] == "2021-05-23T11:11:11+00:00"
    assert "/web/20210523111111id_/" in row["capture_url"]


def test_a_capture_that_no_longer_parses_is_a_recorded_failure(filled):
    db, _, _ = filled
    assert doc(db, "/news/2022/app-only") == {}
    assert capture(db, "/news/2022/app-only")["status"] == "failed"
    failure = next(db.query("select stage, reason from failures where url like '%app-only'"))
    assert failure["stage"] == "parse" and "no longer parses" in failure["reason"]


def test_a_second_backfill_fetches_nothing_and_changes_nothing(filled, fake):
    db, _, tmp = filled
    before = (dict(fake.hits), list(db.query("select id, version, content_hash from documents order by id")))
    queries = len(fake.cdx_queries)
    counts = backfill(db, tmp / "archive", fake, year_from=2018, year_to=2024)
    assert sum(counts.values()) == 0
    assert dict(fake.hits) == before[0] and len(fake.cdx_queries) == queries
    assert list(db.query("select id, version, content_hash from documents order by id")) == before[1]


def test_a_paged_index_in_text_form_gives_the_same_documents(tmp_path, fake, filled):
    db = open_db(tmp_path / "nhswatch.db")
    backfill(db, tmp_path / "archive", fake, year_from=2018, year_to=2024, output="text", page_size=2)
    assert [r["url"] for r in db.query("select url from documents order by url")] == [
        r["url"] for r in filled[0].query("select url from documents order by url")
    ]
    assert db.execute("select pages from backfill_queries").fetchone()[0] > 2


def test_a_live_copy_wins_over_the_archive(tmp_path, fake):
    db = open_db(tmp_path / "nhswatch.db")
    from nhswatch.db import load

    with db.atomic():
        load.store_document(db, {"url": f"{SITE}/news/2019/good-news", "title": "Live", "text": "The live text."})
    backfill(db, tmp_path / "archive", fake, year_from=2019, year_to=2019)
    assert doc(db, "/news/2019/good-news")["text"] == "The live text."
    assert capture(db, "/news/2019/good-news")["status"] == "exists"


# -- the command, the feeds ------------------------------------------------------------------------
@pytest.fixture
def registry(tmp_path) -> Path:
    directory = tmp_path / "sources"
    directory.mkdir()
    (directory / "fenland-news.yml").write_text(yaml.safe_dump(SOURCE), encoding="utf-8")
    return directory


def cli_backfill(db_path: Path, registry: Path, fake: FakeArchive, *extra: str):
    args = ["backfill", "fenland-news", "--db", str(db_path), "--sources-dir", str(registry)]
    args += ["--archive-url", fake.url, "--archive-delay", "0", "--retries", "0", *extra]
    return CliRunner().invoke(cli, args)


async def _feed(db_path: Path) -> tuple[str, list]:
    from nhswatch.serving import make_datasette

    ds = make_datasette(db_path)
    feed = (await ds.client.get("/nhswatch/changes_feed.atom")).text
    last = (await ds.client.get("/nhswatch/last_run.json", params={"_shape": "array"})).json()
    return feed, last


async def test_the_live_run_feed_is_unchanged_by_a_backfill(tmp_path, registry, fake):
    from nhswatch import pipeline

    db_path = tmp_path / "nhswatch.db"
    db = open_db(db_path)
    live = "NHS England confirmed today that Medway NHS Foundation Trust has been moved into segment 3 of the NHS Oversight Framework."
    pipeline.load_documents(
        db,
        [
            {
                "id": "live-1",
                "url": "https://www.medway.example/news/1",
                "title": "Segment 3",
                "text": live,
                "published": "2026-11-30",
            }
        ],
    )
    pipeline.rebuild_derived(db)
    db.conn.close()
    before = await _feed(db_path)
    assert "Medway" in before[0]

    result = cli_backfill(db_path, registry, fake, "--from", "2018", "--to", "2024")
    assert result.exit_code == 1, result.output  # the capture that no longer parses is a failure
    db = sqlite3.connect(db_path)
    change = db.execute("select first_seen, effective_date from changes where ods_code = 'RM1'").fetchone()
    assert change is not None, "the backfilled article was extracted"
    assert change[0].startswith("2019-01-12")
    assert await _feed(db_path) == before


def test_backfill_refuses_years_in_the_wrong_order(tmp_path, registry, fake):
    result = cli_backfill(tmp_path / "nhswatch.db", registry, fake, "--from", "2024", "--to", "2018")
    assert result.exit_code == 2 and "after --to" in result.output


def test_backfill_refuses_an_unknown_source(tmp_path, registry, fake):
    result = CliRunner().invoke(
        cli, ["backfill", "nope", "--db", str(tmp_path / "x.db"), "--sources-dir", str(registry)]
    )
    assert result.exit_code == 2 and "unknown source" in result.output


@pytest.mark.slow
def test_a_killed_backfill_resumes_without_fetching_what_it_stored(tmp_path, registry):
    fake = FakeArchive(many(12), delay=0.3)
    db_path = tmp_path / "nhswatch.db"
    args = [sys.executable, "-m", "nhswatch.cli", "backfill", "fenland-news", "--db", str(db_path)]
    args += ["--sources-dir", str(registry), "--archive-url", fake.url, "--archive-delay", "0", "--no-extract"]
    try:
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
        deadline = time.monotonic() + 60
        stored: list[str] = []
        while time.monotonic() < deadline and len(stored) < 3:
            time.sleep(0.1)
            if db_path.exists():
                try:
                    with sqlite3.connect(db_path, timeout=1) as conn:
                        stored = [
                            r[0]
                            for r in conn.execute("select capture_url from backfill_captures where status = 'stored'")
                        ]
                except sqlite3.OperationalError:
                    pass
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        assert 3 <= len(stored) < 12

        fake.delay = 0
        assert subprocess.run(args, capture_output=True, timeout=120).returncode == 0
        with sqlite3.connect(db_path) as conn:
            assert conn.execute("select count(*) from documents").fetchone()[0] == 12
            assert conn.execute("select count(*) from backfill_captures where status = 'stored'").fetchone()[0] == 12
        for url in stored:
            assert fake.hits[url[len(fake.url) :]] == 1, url  # stored before the kill: never fetched again

        hits = dict(fake.hits)
        assert subprocess.run(args, capture_output=True, timeout=120).returncode == 0
        assert dict(fake.hits) == hits
    finally:
        fake.close()
