"""What a scheduled run must not be fooled by: a bad page over a good article, a removed article,
one page under many URLs, a capped discovery, off-site links, a source that silently finds nothing,
a typo in a source file."""

from __future__ import annotations

import logging

import pytest
import yaml
from conftest import fast_fetcher
from nhswatch.db import load
from nhswatch.scraper import crawl
from nhswatch.scraper.check import check_source
from nhswatch.scraper.crawl import Crawler, PageResult
from nhswatch.scraper.registry import SourceError, load_registry, load_source, parse_source
from nhswatch.scraper.urls import canonical_url, identity
from sitefixtures import SOURCES, FixtureSite, scrape_registry, write_source

ARTICLE = "/news/trust-moves-into-segment-two/"


def listing_run(tmp_path, registry_dir, fetcher):
    return scrape_registry(tmp_path, registry_dir, fetcher, ["fixture-listing"], extract=True)


def state_of(db, url):
    doc = db.execute("select version, title, text, content_hash from documents where url = ?", [url]).fetchone()
    events = sorted(
        tuple(r)
        for r in db.execute(
            "select id, framework, to_status from events where document_id = ?", [load.document_id(url)]
        )
    )
    return tuple(doc), events


# -- 2. a bad page where a good article was ---------------------------------------------------------

BAD_PAGES = {
    "binary served as text/html": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40,
    "control characters": (
        "<html><body><article><h1>T</h1><p>"
        + "".join(chr(c) for c in range(1, 32)) * 80
        + "</p></article></body></html>"
    ).encode(),
    "soft 404": b"<html><head><title>Page not found</title></head><body><article><h1>Page not found</h1>"
    b"<p>Sorry, we could not find the page you were looking for.</p></article></body></html>",
    "boilerplate only": b"<html><head><title>Trust moves into segment 2</title></head><body><article>"
    b"<h1>Trust moves into segment 2</h1><p>Accept cookies?</p></article></body></html>",
}


@pytest.mark.parametrize("kind", sorted(BAD_PAGES))
def test_a_bad_page_does_not_replace_a_good_article_or_its_events(tmp_path, registry_dir, fetcher, sites, kind):
    site = sites["listing"]
    url = site.url + ARTICLE.lstrip("/")
    db, _, _ = listing_run(tmp_path, registry_dir, fetcher)
    before = state_of(db, url)
    assert before[1], "the fixture article should have events"
    site.overrides[ARTICLE] = BAD_PAGES[kind]
    db, counts, _ = listing_run(tmp_path, registry_dir, fetcher)
    assert state_of(db, url) == before
    assert counts.total("changed") == 0 and counts.total("failed") == 1
    failure = next(db.query("select * from failures where url = ?", [url]))
    assert failure["stage"] == "parse" and failure["run_id"] == 2
    fetch = next(db.query("select * from fetches where url = ? and run_id = 2", [url]))
    assert fetch["outcome"] == "failed" and fetch["content_hash"] is None  # the good version stays "known"
    # the site recovers: the next run asks with the good version's validators and gets a 304
    del site.overrides[ARTICLE]
    site.clear_log()
    db, counts, _ = listing_run(tmp_path, registry_dir, fetcher)
    assert counts.total("failed") == 0 and (ARTICLE, 304) in site.requests(ARTICLE)
    assert state_of(db, url) == before


def test_a_longer_rewrite_of_an_article_is_still_a_new_version(tmp_path, registry_dir, fetcher, sites):
    site = sites["listing"]
    listing_run(tmp_path, registry_dir, fetcher)
    original = (site.root / ARTICLE.strip("/") / "index.html").read_text()
    site.overrides[ARTICLE] = original.replace("into segment 2 of", "into segment 3 of").encode()
    _, counts, _ = listing_run(tmp_path, registry_dir, fetcher)
    assert counts.total("changed") == 1 and counts.total("failed") == 0


# -- 3. a removed article ---------------------------------------------------------------------------


@pytest.mark.parametrize("status", [404, 410])
def test_a_removed_article_is_gone_not_a_failure(tmp_path, registry_dir, fetcher, sites, status):
    site = sites["listing"]
    url = site.url + ARTICLE.lstrip("/")
    db, _, _ = listing_run(tmp_path, registry_dir, fetcher)
    before = state_of(db, url)
    site.statuses[ARTICLE] = status
    db, counts, _ = listing_run(tmp_path, registry_dir, fetcher)
    assert counts.total("failed") == 0 and counts.exit_code() == 0
    assert counts.status["fixture-listing"] == "ok"
    fetch = next(db.query("select * from fetches where url = ? and run_id = 2", [url]))
    assert fetch["status"] == status and fetch["outcome"] == "skipped"
    db, counts, _ = listing_run(tmp_path, registry_dir, fetcher)  # recorded once: not asked again
    assert counts.exit_code() == 0
    assert not list(db.query("select * from fetches where url = ? and run_id = 3", [url]))
    assert not list(db.query("select * from failures where url = ?", [url]))
    assert state_of(db, url) == before  # the document and its events stay


def test_a_never_stored_url_answering_404_is_still_a_failure(tmp_path, registry_dir, fetcher, sites):
    site = sites["listing"]
    site.statuses[ARTICLE] = 404
    db, counts, _ = listing_run(tmp_path, registry_dir, fetcher)
    assert counts.total("failed") == 1
    assert "http 404" in next(db.query("select reason from failures"))["reason"]


def test_known_gone_urls_are_not_requested_again(tmp_path, sites):
    site = sites["listing"]
    source = load_source(write_source(tmp_path, site.url, SOURCES["listing"]))
    url = site.url + ARTICLE.lstrip("/")
    known = {url: crawl.Known(has_document=True, gone=True)}
    result = Crawler(source, fast_fetcher(), None, known).article(crawl.Link(url))
    assert result.skipped.startswith("gone") and result.error is None and result.response is None
    assert site.requests(ARTICLE) == []


# -- 4. canonical URLs ------------------------------------------------------------------------------

VARIANTS = [
    "/news/a/",
    "/news/a/?utm_source=rss&utm_medium=feed",
    "/news/a/#comments",
    "/news/a",
    "/news/./a/",
    "/news/x/../a/?fbclid=IwAR0",
    "/news/a/?gclid=abc#top",
]
PAGE = (
    b"<html><head><title>One story</title><meta property='article:published_time' content='2024-05-01'>"
    b"</head><body><article><h1>One story</h1><p>"
    + b"The trust published its annual report. " * 10
    + b"</p></article></body></html>"
)


def feed(paths, base="http://newsroom.example"):
    items = "".join(f"<item><title>t</title><link>{base}{p}</link></item>" for p in paths)
    return (
        (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><link>{base}/</link>'
            f"<description>d</description>{items}</channel></rss>"
        )
        .replace("&", "&amp;")
        .encode()
    )


@pytest.fixture
def tiny_site(tmp_path):
    root = tmp_path / "site"
    (root / "news" / "a").mkdir(parents=True)
    (root / "news" / "b").mkdir(parents=True)
    (root / "news" / "a" / "index.html").write_bytes(PAGE)
    (root / "news" / "b" / "index.html").write_bytes(PAGE.replace(b"One story", b"Another story"))
    (root / "robots.txt").write_text("User-agent: *\n")
    with FixtureSite(root) as site:
        yield site, root


def test_one_article_under_seven_urls_is_stored_once(tmp_path, tiny_site):
    site, root = tiny_site
    (root / "feed.xml").write_bytes(feed(VARIANTS))
    directory = tmp_path / "sources"
    write_source(directory, site.url, {"name": "tiny", "discovery": [{"feed": "/feed.xml"}]})
    db, counts, _ = scrape_registry(tmp_path, directory, fast_fetcher())
    assert [row[0] for row in db.execute("select url from documents")] == [site.url + "news/a/"]
    assert counts.total("new") == 1 and counts.total("failed") == 0
    assert len([p for p, _ in site.requests("/news/")]) == 1


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "HTTP://WWW.Example.NHS.UK:80/News/?utm_source=x&b=2&a=1&fbclid=9#frag",
            "http://www.example.nhs.uk/News/?a=1&b=2",
        ),
        ("https://www.example.nhs.uk:443/news/x/?gclid=1&mc_cid=2&_ga=3", "https://www.example.nhs.uk/news/x/"),
        ("https://x.nhs.uk/a/./b/../c", "https://x.nhs.uk/a/c"),
        ("https://x.nhs.uk", "https://x.nhs.uk/"),
        ("https://x.nhs.uk:8443/a?id=5&page=2", "https://x.nhs.uk:8443/a?id=5&page=2"),
    ],
)
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


def test_http_and_https_and_trailing_slashes_are_one_page():
    assert canonical_url("http://x.nhs.uk/a", prefer_https=True) == "https://x.nhs.uk/a"
    assert identity("http://x.nhs.uk/a/") == identity("https://X.nhs.uk:443/a?utm_campaign=z") == "x.nhs.uk/a"
    assert identity("https://x.nhs.uk/a?id=1") != identity("https://x.nhs.uk/a?id=2")


def test_a_stored_variant_keeps_its_url(tmp_path, tiny_site):
    site, root = tiny_site
    source = load_source(write_source(tmp_path, site.url, {"name": "tiny", "discovery": [{"feed": "/feed.xml"}]}))
    (root / "feed.xml").write_bytes(feed(["/news/a/?utm_source=rss", "/news/b"]))
    known = {site.url + "news/b/": crawl.Known(has_document=True)}
    links = next(item for item in Crawler(source, fast_fetcher(), None, known).discover() if isinstance(item, list))
    assert sorted(link.url for link in links) == [site.url + "news/a/", site.url + "news/b/"]


# -- 5. discovery caps ------------------------------------------------------------------------------


def sitemap(count, start=0):
    urls = "".join(f"<url><loc>http://newsroom.example/news/{n}/</loc></url>" for n in range(start, start + count))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{urls}</urlset>"
    ).encode()


def discovered(source, known=None):
    crawler = Crawler(source, fast_fetcher(), None, known or {})
    items = list(crawler.discover())
    return items[-1], [item for item in items if isinstance(item, PageResult)]


def test_a_sitemap_of_ten_thousand_urls_is_read_whole(tmp_path, tiny_site, caplog):
    site, root = tiny_site
    (root / "sitemap.xml").write_bytes(sitemap(10_000))
    source = load_source(write_source(tmp_path, site.url, {"name": "big", "discovery": [{"sitemap": "/sitemap.xml"}]}))
    caplog.set_level(logging.WARNING)
    links, _ = discovered(source)
    assert len(links) == 10_000
    assert "cap" not in caplog.text


def test_every_discovery_cap_that_is_hit_is_logged(tmp_path, tiny_site, caplog, monkeypatch, sites):
    site, root = tiny_site
    (root / "sitemap.xml").write_bytes(sitemap(300))
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>http://newsroom.example/sitemap.xml</loc></sitemap>"
        "<sitemap><loc>http://newsroom.example/sitemap-2.xml</loc></sitemap></sitemapindex>"
    )
    (root / "index.xml").write_text(index)
    monkeypatch.setattr(crawl, "MAX_LINKS", 100)
    caplog.set_level(logging.WARNING)
    source = load_source(write_source(tmp_path, site.url, {"name": "big", "discovery": [{"sitemap": "/sitemap.xml"}]}))
    links, _ = discovered(source)
    assert len(links) == 100
    assert "link cap hit: kept the first 100 article links, dropped 200" in caplog.text
    monkeypatch.setattr(crawl, "MAX_SITEMAPS", 2)
    source = load_source(write_source(tmp_path, site.url, {"name": "idx", "discovery": [{"sitemap": "/index.xml"}]}))
    discovered(source)
    assert "sitemap cap hit: read 2 sitemaps, 1 more not read" in caplog.text
    spec = {
        **SOURCES["listing"],
        "discovery": [{"listing": {**SOURCES["listing"]["discovery"][0]["listing"], "max_pages": 1}}],
    }
    discovered(load_source(write_source(tmp_path, sites["listing"].url, spec)))
    assert "listing page cap hit: read 1 pages" in caplog.text
    spec = {**SOURCES["wordpress"], "discovery": [{"wordpress": {"url": "/", "per_page": 2, "max_pages": 1}}]}
    discovered(load_source(write_source(tmp_path, sites["wordpress"].url, spec)))
    assert "WordPress page cap hit: read 1 pages" in caplog.text


# -- 6. off-site links ------------------------------------------------------------------------------


def test_off_site_links_are_skipped_and_logged_once_not_failures(tmp_path, tiny_site, caplog):
    site, root = tiny_site
    offsite = [
        "https://www.bbc.co.uk/news/health-1",
        "https://www.bbc.co.uk/news/health-2",
        "http://127.0.0.1:9/elsewhere",
    ]
    items = feed(["/news/a/", "/news/b/"]).replace(
        b"</channel>",
        "".join(f"<item><title>x</title><link>{url}</link></item>" for url in offsite).encode() + b"</channel>",
    )
    (root / "feed.xml").write_bytes(items)
    directory = tmp_path / "sources"
    write_source(directory, site.url, {"name": "tiny", "discovery": [{"feed": "/feed.xml"}]})
    caplog.set_level(logging.WARNING)
    db, counts, _ = scrape_registry(tmp_path, directory, fast_fetcher())
    assert counts.exit_code() == 0 and counts.total("failed") == 0 and counts.total("new") == 2
    assert not list(db.query("select * from failures"))
    messages = [r.getMessage() for r in caplog.records if "off-site" in r.getMessage()]
    assert len(messages) == 1 and "skipped 3 off-site links" in messages[0]


# -- 9. source values, yield expectations, staleness ------------------------------------------------

BASE = {
    "name": "x",
    "publisher": "P",
    "kind": "trust",
    "homepage": "https://x.nhs.uk/",
    "discovery": [{"feed": "https://x.nhs.uk/feed/"}],
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"schedule": "dialy"}, "schedule must be one of"),
        ({"enabled": "no"}, "enabled must be true or false"),
        ({"enabled": "false"}, "enabled must be true or false"),
        ({"allow_private": "yes"}, "allow_private must be true or false"),
        ({"max_articles": 0}, "max_articles"),
        ({"expect": {"min_articles": -1}}, "min_articles"),
        ({"expect": {"min_article": 1}}, "expect"),
        ({"expect": {"new_within_days": "weekly"}}, "new_within_days"),
        (
            {"discovery": [{"listing": {"url": "https://x/n", "items": "li", "expect": {"min_articles": "1"}}}]},
            "min_articles",
        ),
        ({"discovery": [{"wordpress": {"url": "https://x/", "max_pages": "5"}}]}, "max_pages"),
    ],
)
def test_bad_values_are_refused(change, message):
    with pytest.raises(SourceError, match=message):
        parse_source({**BASE, **change})


def test_slow_publications_can_be_checked_monthly_or_quarterly():
    assert parse_source({**BASE, "schedule": "monthly"}).interval == 30 * 86400
    assert parse_source({**BASE, "schedule": "quarterly"}).interval == 91 * 86400


def test_good_values_load():
    assert parse_source({**BASE, "enabled": False}).enabled is False
    assert parse_source({**BASE, "schedule": "on demand"}).interval is None
    source = parse_source({**BASE, "expect": {"min_articles": 3}})
    assert source.expect == {"min_articles": 3, "new_within_days": 90}
    assert parse_source({**BASE, "kind": "national"}).expect["new_within_days"] == 30


def test_the_real_registry_still_loads():
    registry = load_registry()
    assert all(isinstance(source.enabled, bool) for source in registry.values())


def test_a_listing_whose_selector_stopped_matching_fails_the_source(tmp_path, sites):
    spec = {**SOURCES["listing"], "discovery": [{"listing": {"url": "/news/", "items": "ul.renamed-list li"}}]}
    directory = tmp_path / "sources"
    write_source(directory, sites["listing"].url, spec)
    db, counts, _ = scrape_registry(tmp_path, directory, fast_fetcher())
    assert counts.status["fixture-listing"] == "failed" and counts.exit_code() == 2
    reason = next(db.query("select stage, reason from failures"))
    assert reason["stage"] == "discovery" and "found 0 article links, expected at least 1" in reason["reason"]


def test_a_step_expectation_catches_one_dead_step_among_working_ones(tmp_path, sites):
    steps = [
        {"feed": "/feed/"},
        {"listing": {"url": "/news/", "items": "article.renamed h2", "expect": {"min_articles": 1}}},
    ]
    directory = tmp_path / "sources"
    write_source(directory, sites["wordpress"].url, {**SOURCES["wordpress"], "discovery": steps})
    db, counts, _ = scrape_registry(tmp_path, directory, fast_fetcher())
    assert counts.status["fixture-wordpress"] == "partial" and counts.total("new") > 0
    assert "found 0 article links, expected at least 1" in next(db.query("select reason from failures"))["reason"]


def test_a_source_with_nothing_new_for_longer_than_expected_is_stale(tmp_path, sites):
    spec = {**SOURCES["selectors"], "expect": {"new_within_days": 30}}
    source = load_source(write_source(tmp_path, sites["selectors"].url, spec))
    report = check_source(source, fast_fetcher(), today="2024-06-20")
    assert report.newest == "2024-06-03" and not report.stale and report.status == "ok"
    report = check_source(source, fast_fetcher(), today="2024-09-01")
    assert report.stale and report.status == "stale" and report.as_dict()["stale"] is True
    assert any("STALE: nothing new for over 30 days" in line for line in report.lines())
    report = check_source(source, fast_fetcher(), today="2024-09-01", last_new="2024-08-30")
    assert report.status == "ok"


def test_expectations_round_trip_through_yaml(tmp_path):
    path = tmp_path / "s.yml"
    path.write_text(yaml.safe_dump({**BASE, "expect": {"min_articles": 2, "new_within_days": None}}))
    assert load_source(path).expect == {"min_articles": 2, "new_within_days": None}
