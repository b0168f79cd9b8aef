"""Regenerate the index pages of the bundled sample newsroom.

The article pages under site/news/<yyyy>/<mm>/<slug>/index.html are the source
of truth. This script reads them (title from <h1>, standfirst from the meta
description, publication date from whichever of the four date styles the page
uses) and writes:

  site/index.html                      home page
  site/news/index.html                 listing page 1 (10 per page, newest first)
  site/news/page/<n>/index.html        further listing pages
  site/feed.xml                        RSS 2.0, 20 newest articles
  site/sitemap.xml                     every article
  site/robots.txt

Stdlib only. Run:  python scraper/sample_newsroom/build_site.py
"""

from __future__ import annotations

import calendar
import html
import json
import re
import shutil
from datetime import UTC, date, datetime
from email.utils import format_datetime
from html.parser import HTMLParser
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

SITE = Path(__file__).resolve().parent / "site"
HOST = "http://newsroom.example"
PER_PAGE = 10
FEED_SIZE = 20
MONTHS = tuple(calendar.month_name)[1:]  # "January" ... "December"
DATELINE = re.compile(r"(?:Date posted:|Published)\s+(\d{1,2})(?:st|nd|rd|th)?\s+([A-Z][a-z]+)\s+(\d{4})")


class _ArticleParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.jsonld: list[str] = []
        self.times: list[str] = []
        self.h1 = ""
        self.text: list[str] = []
        self._in_h1 = False
        self._in_jsonld = False
        self._in_article = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta":
            key = a.get("property") or a.get("name")
            if key and "content" in a:
                self.meta[key] = a["content"]
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")
        elif tag == "article":
            self._in_article = True
        elif tag == "h1" and self._in_article:
            self._in_h1 = True
        elif tag == "time" and self._in_article and a.get("datetime"):
            self.times.append(a["datetime"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_jsonld = False
        elif tag == "h1":
            self._in_h1 = False
        elif tag == "article":
            self._in_article = False

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld[-1] += data
        if self._in_h1:
            self.h1 += data
        if self._in_article:
            self.text.append(data)


def _published(p: _ArticleParser) -> date:
    if "article:published_time" in p.meta:
        return date.fromisoformat(p.meta["article:published_time"][:10])
    for block in p.jsonld:
        obj = json.loads(block)
        if obj.get("datePublished"):
            return date.fromisoformat(obj["datePublished"][:10])
    if p.times:
        return date.fromisoformat(p.times[0][:10])
    m = DATELINE.search(" ".join(" ".join(p.text).split()))
    if m:
        return date(int(m.group(3)), MONTHS.index(m.group(2)) + 1, int(m.group(1)))
    raise ValueError("no publication date found")


def load_articles() -> list[dict]:
    articles = []
    for path in sorted(SITE.glob("news/[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html")):
        p = _ArticleParser()
        p.feed(path.read_text(encoding="utf-8"))
        rel = path.parent.relative_to(SITE).as_posix() + "/"
        articles.append(
            {
                "url": "/" + rel,
                "title": " ".join(p.h1.split()),
                "description": p.meta.get("description", ""),
                "publisher": p.meta.get("og:site_name", ""),
                "published": _published(p),
            }
        )
    articles.sort(key=lambda a: (a["published"], a["url"]), reverse=True)
    return articles


def _long(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _page(title: str, body: str, canonical: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title, quote=False)}</title>\n"
        f'<link rel="canonical" href="{canonical}">\n'
        '<link rel="alternate" type="application/rss+xml" title="Newsroom feed" href="/feed.xml">\n'
        '<link rel="stylesheet" href="/assets/site.css">\n</head>\n<body>\n'
        '<header class="site-header"><a class="logo" href="/">Sample NHS newsroom</a>\n'
        '<nav aria-label="Primary"><ul><li><a href="/">Home</a></li><li><a href="/news/">News</a></li>'
        '<li><a href="/feed.xml">RSS</a></li></ul></nav></header>\n'
        f'<main id="maincontent">\n{body}</main>\n'
        '<footer class="site-footer"><p>A static sample of NHS-related news pages, '
        "bundled with nhswatch for demos and tests. "
        "All article text is original; organisation names and codes come from public records.</p>"
        '<ul class="footer-links"><li><a href="/sitemap.xml">Sitemap</a></li>'
        '<li><a href="/feed.xml">RSS feed</a></li></ul></footer>\n'
        "</body>\n</html>\n"
    )


def _item(a: dict) -> str:
    return (
        f'<li class="news-item"><a href="{a["url"]}">{html.escape(a["title"], quote=False)}</a> '
        f'<time datetime="{a["published"].isoformat()}">{_long(a["published"])}</time></li>\n'
    )


def _listing_url(n: int) -> str:
    return "/news/" if n == 1 else f"/news/page/{n}/"


def write_listings(articles: list[dict]) -> None:
    pages = [articles[i : i + PER_PAGE] for i in range(0, len(articles), PER_PAGE)]
    old = SITE / "news" / "page"
    if old.exists():
        shutil.rmtree(old)
    for n, chunk in enumerate(pages, start=1):
        nav = []
        if n > 1:
            nav.append(f'<a rel="prev" href="{_listing_url(n - 1)}">Previous</a>')
        nav.append(f'<span class="page-number">Page {n} of {len(pages)}</span>')
        if n < len(pages):
            nav.append(f'<a rel="next" href="{_listing_url(n + 1)}">Next</a>')
        body = (
            f'<h1>News</h1>\n<ul class="news-list">\n{"".join(_item(a) for a in chunk)}</ul>\n'
            f'<nav class="pagination" aria-label="Pagination">{" ".join(nav)}</nav>\n'
        )
        title = "News" if n == 1 else f"News – page {n}"
        out = SITE / _listing_url(n).strip("/") / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(_page(title + " | Sample NHS newsroom", body, _listing_url(n)), encoding="utf-8")


def write_home(articles: list[dict]) -> None:
    latest = "".join(_item(a) for a in articles[:5])
    body = (
        "<h1>Sample NHS newsroom</h1>\n"
        "<p>News releases and reports about NHS organisations in England.</p>\n"
        '<p><a href="/news/">All news</a></p>\n'
        f'<h2>Latest</h2>\n<ul class="news-list">\n{latest}</ul>\n'
    )
    (SITE / "index.html").write_text(_page("Sample NHS newsroom", body, "/"), encoding="utf-8")


def _rfc822(d: date) -> str:
    return format_datetime(datetime(d.year, d.month, d.day, 9, 0, tzinfo=UTC))


def write_feed(articles: list[dict]) -> None:
    items = []
    for a in articles[:FEED_SIZE]:
        link = HOST + a["url"]
        items.append(
            "<item>\n"
            f"<title>{xml_escape(a['title'])}</title>\n"
            f"<link>{link}</link>\n"
            f'<guid isPermaLink="true">{link}</guid>\n'
            f"<pubDate>{_rfc822(a['published'])}</pubDate>\n"
            f"<description>{xml_escape(a['description'])}</description>\n"
            "</item>\n"
        )
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n'
        "<title>Sample NHS newsroom</title>\n"
        f"<link>{HOST}/news/</link>\n"
        "<description>News releases and reports about NHS organisations in England</description>\n"
        "<language>en-gb</language>\n"
        f"<lastBuildDate>{_rfc822(articles[0]['published'])}</lastBuildDate>\n"
        + "".join(items)
        + "</channel>\n</rss>\n"
    )
    (SITE / "feed.xml").write_text(feed, encoding="utf-8")


def write_sitemap(articles: list[dict]) -> None:
    urls = "".join(
        f"<url><loc>{HOST}{a['url']}</loc><lastmod>{a['published'].isoformat()}</lastmod></url>\n"
        for a in sorted(articles, key=lambda a: a["url"])
    )
    (SITE / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n",
        encoding="utf-8",
    )


def write_robots() -> None:
    (SITE / "robots.txt").write_text("User-agent: *\nAllow: /\n\nSitemap: /sitemap.xml\n", encoding="utf-8")


def main() -> None:
    articles = load_articles()
    write_home(articles)
    write_listings(articles)
    write_feed(articles)
    write_sitemap(articles)
    write_robots()
    print(f"{len(articles)} articles; {(len(articles) + PER_PAGE - 1) // PER_PAGE} listing pages")


if __name__ == "__main__":
    main()
