"""Sitemaps with dates: Google News ``publication_date`` or ``lastmod`` choose what ``--since`` fetches and
date a page that shows no date of its own."""

from __future__ import annotations

from nhswatch.scraper.crawl import Crawler
from nhswatch.scraper.discover import from_sitemap
from nhswatch.scraper.fetch import Fetcher
from nhswatch.scraper.registry import parse_source

SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://www.fenland.example/news/new-ward</loc>
    <news:news><news:publication><news:name>Fenland</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2024-03-05T09:00:00+00:00</news:publication_date><news:title>A new ward</news:title>
    </news:news></url>
  <url><loc>https://www.fenland.example/news/old-story</loc><lastmod>2019-06-01</lastmod></url>
  <url><loc>https://www.fenland.example/news/undated</loc></url>
</urlset>"""


def test_news_publication_date_wins_and_lastmod_dates_the_rest():
    links, _ = from_sitemap(SITEMAP, "https://www.fenland.example/sitemap.xml")
    dated = {link.url.rsplit("/", 1)[1]: (link.published, link.title) for link in links}
    assert dated == {
        "new-ward": ("2024-03-05", "A new ward"),
        "old-story": ("2019-06-01", None),
        "undated": (None, None),
    }


def test_since_chooses_by_the_sitemap_dates():
    links, _ = from_sitemap(SITEMAP, "https://www.fenland.example/sitemap.xml")
    source = parse_source(
        {
            "name": "s",
            "publisher": "P",
            "kind": "test",
            "homepage": "https://www.fenland.example/",
            "discovery": [{"sitemap": "https://www.fenland.example/sitemap.xml"}],
        }
    )
    chosen = Crawler(source, Fetcher(), since="2024-01-01").select(links)
    assert [link.url.rsplit("/", 1)[1] for link in chosen] == ["new-ward", "undated"]
