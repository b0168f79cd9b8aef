"""Kill a real ``nhswatch run`` mid-way (SIGKILL) and run again: the database is consistent and
ends with exactly the rows an uninterrupted run gives."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scraper"))

from sitefixtures import FixtureSite, write_source

from nhswatch.cli import cli

pytestmark = pytest.mark.slow
ARTICLES = 30
TRUSTS = [
    "Medway NHS Foundation Trust",
    "Nottingham University Hospitals NHS Trust",
    "Norfolk and Suffolk NHS Foundation Trust",
]


def build_site(root: Path) -> None:
    """A small newsroom: a feed and ARTICLES pages, some reporting oversight changes."""
    items = []
    for n in range(ARTICLES):
        day = datetime(2024, 1, 1, 9, tzinfo=UTC) + timedelta(days=3 * n)
        trust = TRUSTS[n % 3]
        text = (
            f"{trust} has been moved into segment {n % 4 + 1} of the NHS Oversight Framework."
            if n % 2 == 0
            else f"{trust} opened a new clinic this week, number {n}."
        )
        page = root / "news" / f"item-{n}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f"<html><head><title>Item {n}</title><meta property='article:published_time' "
            f"content='{day:%Y-%m-%d}'></head><body><nav>Menu</nav><article><h1>Item {n}</h1>"
            f"<p>{text}</p><p>Further detail for item {n}.</p></article></body></html>"
        )
        items.append(
            f"<item><title>Item {n}</title><link>http://newsroom.example/news/item-{n}.html</link>"
            f"<pubDate>{format_datetime(day)}</pubDate></item>"
        )
    (root / "feed.xml").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Slow</title>" + "".join(items) + "</channel></rss>"
    )


def rows(db_path: Path) -> dict[str, list]:
    db = sqlite3.connect(db_path)
    try:
        assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
        return {
            "documents": sorted(db.execute("select id, url, title, published, text, version from documents")),
            "versions": sorted(db.execute("select document_id, version, content_hash, text from document_versions")),
            "events": sorted(
                db.execute("select id, document_id, framework, change, to_status, effective_date from events")
            ),
        }
    finally:
        db.close()


def count_documents(db_path: Path) -> int:
    try:
        db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)
        try:
            return db.execute("select count(*) from documents").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def test_killed_run_then_rerun_equals_uninterrupted_run(tmp_path):
    build_site(tmp_path / "site")
    with FixtureSite(tmp_path / "site", delay=0.08) as site:
        write_source(tmp_path / "sources", site.url, {"name": "slow", "discovery": [{"feed": "/feed.xml"}]})
        args = ["run", "--sources-dir", str(tmp_path / "sources"), "--delay", "0", "--timeout", "5"]
        killed_db = tmp_path / "killed.db"
        process = subprocess.Popen(
            [sys.executable, "-m", "nhswatch.cli", *args, "--db", str(killed_db)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while count_documents(killed_db) < 6 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait()
        partial = count_documents(killed_db)
        assert 6 <= partial < ARTICLES, partial

        rerun = CliRunner().invoke(cli, [*args, "--db", str(killed_db)])
        assert rerun.exit_code == 0, rerun.output
        clean = CliRunner().invoke(cli, [*args, "--db", str(tmp_path / "clean.db")])
        assert clean.exit_code == 0, clean.output

    killed, uninterrupted = rows(killed_db), rows(tmp_path / "clean.db")
    assert len(killed["documents"]) == ARTICLES
    assert killed["documents"] == uninterrupted["documents"]
    assert killed["versions"] == uninterrupted["versions"]
    assert killed["events"] == uninterrupted["events"] and killed["events"]
    db = sqlite3.connect(killed_db)
    statuses = [row[0] for row in db.execute("select status from runs order by id")]
    assert statuses == ["interrupted", "ok"]
    # the re-run asked for the pages the killed run had stored, conditionally, and got 304s
    assert db.execute("select count(*) from fetches where run_id = 2 and status = 304").fetchone()[0] >= partial - 1


def test_sigterm_stops_a_run_cleanly(tmp_path):
    build_site(tmp_path / "site")
    with FixtureSite(tmp_path / "site", delay=0.08) as site:
        write_source(tmp_path / "sources", site.url, {"name": "slow", "discovery": [{"feed": "/feed.xml"}]})
        db_path = tmp_path / "n.db"
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "nhswatch.cli",
                "run",
                "--db",
                str(db_path),
                "--sources-dir",
                str(tmp_path / "sources"),
                "--delay",
                "0",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while count_documents(db_path) < 3 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 2, stderr
    assert "interrupted" in stderr
    db = sqlite3.connect(db_path)
    assert db.execute("select status, exit_code from runs").fetchall() == [("interrupted", 2)]
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert not (tmp_path / "n.lock").read_text()  # released and emptied: the next run sees no stale lock
