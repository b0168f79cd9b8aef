"""Politeness and concurrency: a delay per host, robots.txt crawl-delay, one request at a time per
host, several hosts at once; and progress output."""

from __future__ import annotations

import io
import time
from collections import Counter

from conftest import fast_fetcher
from nhswatch.db import load, open_db
from nhswatch.scraper.archive import Archive
from nhswatch.scraper.registry import load_registry
from sitefixtures import SOURCES, FixtureSite, write_source

from nhswatch import pipeline
from nhswatch.progress import Reporter


def test_delay_spaces_requests_to_one_host(sites):
    fetcher = fast_fetcher(delay=0.15)
    site = sites["listing"]
    for page in ("news/", "news/page-2.html", "news/page-3.html"):
        fetcher.get(site.url + page, allow_private=True)
    gaps = [b - a for a, b in zip(site.times, site.times[1:], strict=False)]
    assert len(site.times) == 4  # robots.txt, then three pages
    assert min(gaps) >= 0.14


def test_robots_crawl_delay_is_honoured():
    with FixtureSite("listing") as site:
        site.overrides["/robots.txt"] = b"User-agent: *\nCrawl-delay: 0.3\n"
        fetcher = fast_fetcher(delay=0)
        for page in ("news/", "news/page-2.html", "news/page-3.html"):
            fetcher.get(site.url + page, allow_private=True)
        gaps = [b - a for a, b in zip(site.times[1:], site.times[2:], strict=False)]
    assert min(gaps) >= 0.29


def test_hosts_in_parallel_but_one_request_at_a_time_per_host(tmp_path):
    slow = [FixtureSite(name, delay=0.15).__enter__() for name in ("listing", "selectors", "sitemap")]
    try:
        for site, name in zip(slow, ("listing", "selectors", "sitemap"), strict=True):
            write_source(tmp_path / "src", site.url, SOURCES[name])
        db = open_db(tmp_path / "t.db")
        started = time.monotonic()
        counts = pipeline.scrape(
            db,
            load_registry(tmp_path / "src").values(),
            fast_fetcher(timeout=2, deadline=5),  # (not timed out and retried on a loaded machine)
            Archive(tmp_path / "a"),
            load.start_run(db, "t"),
            workers=3,
        )
        elapsed = time.monotonic() - started
    finally:
        for site in slow:
            site.__exit__(None, None, None)
    assert counts.total("new") == 14
    # the three hosts were being crawled at the same time ...
    assert max(site.times[0] for site in slow) < min(site.times[-1] for site in slow)
    sequential = sum(site.delay for site in slow for path, _ in site.log if not path.endswith((".txt", ".xml")))
    assert elapsed < sequential, (elapsed, sequential)
    # ... but each host only ever saw one request at a time
    assert all(site.max_in_flight == 1 for site in slow)


def test_reporter_draws_a_live_line_on_a_terminal_and_logs_otherwise(caplog):
    stream = io.StringIO()
    reporter = Reporter(2, stream=stream, tty=True)
    reporter.page("a", "new")
    reporter.source_done("a", Counter(fetched=1, new=1), "ok")
    reporter.close()
    assert "[1/2 sources]" in stream.getvalue() or "[0/2 sources]" in stream.getvalue()
    caplog.set_level("INFO", logger="nhswatch")
    plain = io.StringIO()
    reporter = Reporter(1, stream=plain, tty=False)
    reporter.page("b", "failed")
    reporter.source_done("b", Counter(fetched=0, failed=1), "failed")
    assert plain.getvalue() == ""
    assert "[1/1] b failed: fetched 0, new 0, changed 0, unchanged 0, skipped 0, failed 1" in caplog.text
