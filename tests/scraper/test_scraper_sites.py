"""Scraping fixture newsrooms shaped like the real ones, through the whole pipeline into SQLite."""

from __future__ import annotations

import pytest
from nhswatch.scraper.crawl import Crawler
from nhswatch.scraper.registry import load_registry, load_source
from sitefixtures import SOURCES, FixtureSite, scrape_registry, write_source

from nhswatch import pipeline


def scrape_all(tmp_path, registry_dir, fetcher, names=None):
    db, counts, _ = scrape_registry(tmp_path, registry_dir, fetcher, names)
    return db, counts


def docs(db, source):
    return {
        row["url"].split("/", 3)[3]: row
        for row in db.query("select * from documents where source = ? order by url", [source])
    }


def test_every_fixture_site_is_scraped_with_titles_dates_and_text(tmp_path, registry_dir, fetcher):
    db, counts = scrape_all(tmp_path, registry_dir, fetcher)
    assert counts.exit_code() == 0
    assert {name: c["new"] for name, c in counts.by_source.items()} == {
        "fixture-wordpress": 6,
        "fixture-sitemap": 5,
        "fixture-listing": 6,
        "fixture-selectors": 3,
    }
    assert db.execute("select count(*) from failures").fetchone()[0] == 0
    for row in db.query("select * from documents"):
        assert row["title"] and row["published"] and row["text"], row["url"]
        assert row["version"] == 1
    # boilerplate (navigation, footers, sidebars, share links) stays out of the text
    for row in db.query("select text from documents"):
        for junk in ("Most read", "Share this", "Accessibility, privacy", "cookies", "Back to all news"):
            assert junk not in row["text"]


def test_wordpress_site_feed_api_and_listing_are_merged(tmp_path, registry_dir, fetcher, sites):
    db, _ = scrape_all(tmp_path, registry_dir, fetcher, ["fixture-wordpress"])
    found = docs(db, "fixture-wordpress")
    assert "2024/01/15/board-welcomes-exit-from-recovery-support/" in found  # only in the API and the listing
    assert found["2024/03/12/oversight-segment-update/"]["published"] == "2024-03-12"
    api = [path for path, _ in sites["wordpress"].requests("/wp-json/wp/v2/posts")]
    assert len(api) == 3  # per_page 2: three pages of posts, stopped by X-WP-TotalPages
    assert sites["wordpress"].requests("/news/page/2/")


def test_sitemap_index_gzip_lastmod_and_url_pattern(tmp_path, registry_dir, fetcher, sites):
    db, _ = scrape_all(tmp_path, registry_dir, fetcher, ["fixture-sitemap"])
    found = docs(db, "fixture-sitemap")
    assert len(found) == 5 and all(path.startswith("government/news/") for path in found)
    assert found["government/news/trust-placed-in-special-measures-for-quality"]["published"] == "2024-03-18"  # JSON-LD
    assert found["government/news/ambulance-response-times-statement"]["published"] == "2024-07-22"  # <time>
    assert ("/sitemaps/news-2.xml.gz", 200) in sites["sitemap"].requests()
    assert not sites["sitemap"].requests("/government/organisations")


def test_listing_pagination_without_feed_and_datelines(tmp_path, registry_dir, fetcher, sites):
    db, _ = scrape_all(tmp_path, registry_dir, fetcher, ["fixture-listing"])
    found = docs(db, "fixture-listing")
    assert len(found) == 6
    assert found["news/response-times-improve/"]["published"] == "2025-02-06"  # "Date posted: 6th February 2025"
    assert {path for path, _ in sites["listing"].requests("/news/page")} == {"/news/page-2.html", "/news/page-3.html"}


def test_selectors_give_exactly_the_story(tmp_path, registry_dir, fetcher):
    db, _ = scrape_all(tmp_path, registry_dir, fetcher, ["fixture-selectors"])
    story = docs(db, "fixture-selectors")["story/1001.html"]
    assert story["title"] == "Hospital trust told to improve maternity care"
    assert story["published"] == "2024-03-12"
    assert story["text"].startswith("Inspectors have told East Kent Hospitals")
    assert "Advertisement" not in story["text"] and "Most read" not in story["text"]


def test_run_extracts_events_from_scraped_pages(tmp_path, registry_dir, fetcher):
    db, _ = scrape_all(tmp_path, registry_dir, fetcher)
    assert pipeline.extract_documents(db) > 0
    frameworks = {row[0] for row in db.execute("select distinct framework from events")}
    assert frameworks  # the extractor's own tests check which; here: scraped text reaches it


def test_since_and_limit(tmp_path, registry_dir, fetcher):
    source = load_registry(registry_dir)["fixture-wordpress"]
    results = list(Crawler(source, fetcher, since="2024-04-01").run())
    articles = [r for r in results if r.kind == "article" and r.article]
    assert sorted(r.article.published for r in articles) == ["2024-04-02", "2024-05-21", "2024-06-10"]
    limited = [r for r in Crawler(source, fetcher, limit=2).run() if r.kind == "article"]
    assert [r.article.published for r in limited] == ["2024-06-10", "2024-05-21"]


@pytest.mark.parametrize(
    ("site", "news_path", "expected"),
    [("wordpress", "/news/", "feed"), ("listing", "/news/", "listing"), ("sitemap", "/government/news/", "sitemap")],
)
def test_auto_discovery_finds_each_kind_of_newsroom(tmp_path, fetcher, site, news_path, expected):
    with FixtureSite(site) as server:
        path = write_source(tmp_path, server.url, {"name": "auto", "discovery": [{"auto": news_path}]})
        results = list(Crawler(load_source(path), fetcher).run())
    notes = [r.note for r in results if r.note]
    assert notes and f"using {expected}" in notes[0]
    assert not [r for r in results if r.error and not r.probe]
    assert len([r for r in results if r.article]) >= 4


def test_auto_discovery_that_finds_nothing_is_one_failure(tmp_path, fetcher):
    with FixtureSite("selectors") as server:
        path = write_source(tmp_path, server.url, {"name": "auto", "discovery": [{"auto": "/nothing/"}]})
        results = list(Crawler(load_source(path), fetcher).run())
    failures = [r for r in results if r.error and not r.probe]
    assert len(failures) == 1 and "auto-discovery found no" in failures[0].error


def test_demo_sample_source_still_scrapes(tmp_path, fetcher):
    """The bundled sample newsroom (written elsewhere) parses with this scraper, if present."""
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "scraper" / "sample_newsroom"
    if not (sample / "site" / "feed.xml").exists():
        pytest.skip("sample newsroom not built")
    from nhswatch.scraper.localsite import LocalSite

    with LocalSite(sample / "site") as site:
        source = load_source(sample / "source.yml").with_base(site.url)
        results = list(Crawler(source, fetcher).run())
    assert len([r for r in results if r.article]) >= 25
    assert not [r for r in results if r.error]


def test_fixture_sources_written_for_every_site():
    assert set(SOURCES) == {"wordpress", "sitemap", "listing", "selectors"}
