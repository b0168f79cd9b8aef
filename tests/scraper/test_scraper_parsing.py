"""Parsing without a network: selectors, charsets, hostile XML, discovery formats, articles."""

from __future__ import annotations

import gzip
import json

import pytest
from nhswatch.scraper import xmlsafe
from nhswatch.scraper.article import parse_article
from nhswatch.scraper.charset import decode
from nhswatch.scraper.css import SelectorError, css_to_xpath, select
from nhswatch.scraper.discover import (
    DiscoveryError,
    from_feed,
    from_listing,
    from_sitemap,
    from_wordpress,
    wordpress_page,
)
from nhswatch.scraper.netpolicy import HostPolicy, PolicyError

# -- CSS selectors -----------------------------------------------------------------------------

PAGE = """<html><body><main><article class="post featured"><h1 id="t">Title</h1><p>One</p>
<p class="lead">Two</p></article></main><ul class="news"><li><a href="/a" rel="bookmark">A</a></li>
<li><a href="/b">B</a></li></ul><a rel="next" href="/p2">Next</a></body></html>"""


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("main article h1", ["Title"]),
        ("article.post.featured > p", ["One", "Two"]),
        ("#t", ["Title"]),
        ("ul.news li:first-child a", ["A"]),
        ("ul.news li:last-child a", ["B"]),
        ("a[rel=next]", ["Next"]),
        ("a[href^='/'][rel~=bookmark]", ["A"]),
        ("h1 + p", ["One"]),
        ("h1 ~ p.lead", ["Two"]),
        ("p.lead, h1", ["Title", "Two"]),
    ],
)
def test_css_selectors_select_like_a_browser(selector, expected):
    import lxml.html

    root = lxml.html.document_fromstring(PAGE)
    assert [e.text_content() for e in select(root, selector)] == expected


@pytest.mark.parametrize("bad", ["", "a >", "> a", "a > > b", "a:hover", "div::before", "a[href"])
def test_unsupported_selectors_fail_loudly(bad):
    with pytest.raises(SelectorError):
        css_to_xpath(bad)


# -- charsets ----------------------------------------------------------------------------------

TEXT = "The trust\u2019s £2.5m plan – café"


@pytest.mark.parametrize(
    ("declared", "actual"),
    [("iso-8859-1", "utf-8"), ("utf-8", "cp1252"), ("", "cp1252"), ("shift_jis", "utf-8"), ("nonsense", "utf-8")],
)
def test_wrong_declared_charset_is_overruled_by_the_bytes(declared, actual):
    body = f"<p>{TEXT}</p>".encode(actual)
    assert TEXT in decode(body, f"text/html; charset={declared}" if declared else "text/html")


def test_meta_charset_is_used_when_bytes_are_not_utf8():
    body = f'<html><head><meta charset="windows-1252"></head><body>{TEXT}</body></html>'.encode("cp1252")
    assert TEXT in decode(body, "text/html")


def test_bom_wins():
    assert decode(b"\xef\xbb\xbfhello", "text/html; charset=latin-1") == "hello"


# -- hostile XML ---------------------------------------------------------------------------------

LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>
<rss><channel><item><title>&b;</title><link>http://x/1</link></item></channel></rss>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY s SYSTEM "file:///etc/passwd">]><rss><channel>
<item><title>&s;</title><link>http://x/1</link></item></channel></rss>"""


@pytest.mark.parametrize("body", [LAUGHS, XXE, b"<!-- " + b"x" * 10000 + b" -->" + LAUGHS.split(b"?>", 1)[1]])
def test_entity_declarations_are_refused_in_feeds_and_sitemaps(body):
    with pytest.raises(xmlsafe.UnsafeXML):
        xmlsafe.check(body)
    with pytest.raises(DiscoveryError, match="refused"):
        from_feed(body, "http://x/")
    with pytest.raises(DiscoveryError, match="refused"):
        from_sitemap(body, "http://x/")


def test_gzip_sitemap_is_inflated_within_a_cap():
    sitemap = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/a</loc></url></urlset>'
    links, _ = from_sitemap(gzip.compress(sitemap), "http://x/")
    assert [link.url for link in links] == ["http://x/a"]
    with pytest.raises(ValueError, match="inflates past"):
        xmlsafe.gunzip(gzip.compress(b"\0" * 100_000), limit=1000)


# -- discovery formats -----------------------------------------------------------------------------


def test_atom_feed_gives_links_with_dates():
    atom = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>
    <entry><title>A</title><link href="/government/news/a"/><updated>2024-05-02T10:00:00+01:00</updated>
    <published>2024-05-01T09:00:00+01:00</published></entry></feed>"""
    [link] = from_feed(atom, "https://www.gov.uk/search/news-and-communications.atom")
    assert (link.url, link.published, link.modified) == (
        "https://www.gov.uk/government/news/a",
        "2024-05-01",
        "2024-05-02",
    )


def test_rss_pubdate_is_not_taken_for_a_modification_date():
    rss = b"""<rss version="2.0"><channel><title>x</title><item><title>A</title><link>http://x/a</link>
    <pubDate>Tue, 12 Mar 2024 08:00:00 +0000</pubDate></item></channel></rss>"""
    [link] = from_feed(rss, "http://x/")
    assert link.published == "2024-03-12" and link.modified is None


def test_a_web_page_is_not_a_feed():
    with pytest.raises(DiscoveryError, match="not a feed"):
        from_feed(b"<html><body><p>Hello <b>there</p></body>", "http://x/")


def test_sitemap_index_and_lastmod():
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/s1.xml</loc>
    </sitemap></sitemapindex>"""
    assert from_sitemap(index, "http://x/sitemap.xml") == ([], ["http://x/s1.xml"])
    urlset = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://x/n/1</loc>
    <lastmod>2024-02-03</lastmod></url></urlset>"""
    [link] = from_sitemap(urlset, "http://x/s1.xml")[0]
    assert link.modified == "2024-02-03"
    with pytest.raises(DiscoveryError, match="not a sitemap"):
        from_sitemap(b"<html/>", "http://x/")


def test_wordpress_api_page():
    assert "per_page=10&page=2" in wordpress_page("https://t.nhs.uk/", 2, 10)
    assert "after=2024-01-01T00%3A00%3A00" in wordpress_page("https://t.nhs.uk", 1, since="2024-01-01")
    body = json.dumps(
        [
            {
                "link": "https://t.nhs.uk/2024/01/x/",
                "date_gmt": "2024-01-05T09:00:00",
                "modified_gmt": "2024-02-01T10:00:00",
                "title": {"rendered": "Trust&#8217;s news"},
            }
        ]
    )
    [link] = from_wordpress(body.encode(), "https://t.nhs.uk/wp-json/wp/v2/posts")
    assert (link.published, link.modified[:10], link.title) == ("2024-01-05", "2024-02-01", "Trust\u2019s news")
    with pytest.raises(DiscoveryError):
        from_wordpress(b'{"code": "rest_no_route"}', "https://t.nhs.uk/")


def test_listing_items_dates_and_next_page():
    html = """<ul class="n"><li><a href="/a">A</a><time datetime="2024-01-02">2 Jan</time></li>
    <li><a href="b">B</a></li></ul><a rel="next" href="?page=2">More</a>"""
    links, following = from_listing(html, "http://x/news/", "ul.n li", "a[rel=next]")
    assert [(link.url, link.published) for link in links] == [("http://x/a", "2024-01-02"), ("http://x/news/b", None)]
    assert following == "http://x/news/?page=2"


# -- articles ------------------------------------------------------------------------------------------


def article_page(head: str = "", body: str = "<p>Text.</p>") -> str:
    return (
        f"<html><head><title>T</title>{head}</head><body><nav>Menu</nav><article><h1>H</h1>{body}</article>"
        "</body></html>"
    )


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        ('<meta property="article:published_time" content="2024-03-12T09:00:00Z">', "<p>x</p>", "2024-03-12"),
        (
            '<script type="application/ld+json">{"@graph": [{"datePublished": "2023-11-30"}]}</script>',
            "<p>x</p>",
            "2023-11-30",
        ),
        ("", '<time datetime="2022-06-01T10:00">1 June</time><p>x</p>', "2022-06-01"),
        ("", "<p>Date posted: 6th February 2025</p><p>x</p>", "2025-02-06"),
        ('<meta name="govuk:first-published-at" content="2021-07-08T10:00:00+01:00">', "<p>x</p>", "2021-07-08"),
    ],
)
def test_publication_dates_from_each_place(head, body, expected):
    assert parse_article(article_page(head, body), "http://x/a").published == expected


def test_article_text_keeps_paragraphs_quotes_and_bullets_and_drops_boilerplate():
    body = """<p>First <b>bold</b> words.</p><blockquote><p>A quote.</p></blockquote><ul><li>One</li>
    <li>Two <ul><li>Nested</li></ul></li></ul><div>Loose text in a div</div><aside>Related links</aside>
    <script>var x = 1;</script><footer>Share</footer>"""
    article = parse_article(article_page(body=body), "http://x/a")
    assert article.title == "H"
    assert article.text.split("\n\n") == [
        "H",
        "First bold words.",
        "A quote.",
        "• One",
        "• Two",
        "• Nested",
        "Loose text in a div",
    ]


def test_selectors_win_and_generic_fallback_finds_text_without_article_element():
    html = """<html><body><table><tr><td><div class="hl">Headline</div><span class="d">Published 3 June 2024</span>
    <div class="story"><p>Story text that matters and is long enough to be the main text of this page.</p></div>
    </td><td class="side">Most read: something else entirely</td></tr></table></body></html>"""
    picked = parse_article(
        html, "http://x/s", body_selector="div.story", title_selector="div.hl", date_selector="span.d"
    )
    assert (picked.title, picked.published) == ("Headline", "2024-06-03")
    assert picked.text == "Story text that matters and is long enough to be the main text of this page."
    generic = parse_article(html, "http://x/s")
    assert "Story text that matters" in generic.text


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<?xml version='1.0' encoding='utf-8'?><html><body>x</body></html>",
        "\x00\x01binary",
        "<html><body><article>" * 2000,
    ],
)
def test_parse_article_never_raises(html):
    parse_article(html, "http://x/")


# -- network policy --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "allow_private", "reason"),
    [
        ("ftp://x.nhs.uk/a", False, "not an http"),
        ("http://127.0.0.1:8000/a", False, "private address 127.0.0.1"),
        ("http://[::1]/a", False, "private address ::1"),
        ("http://169.254.169.254/latest/", True, "private address 169.254.169.254"),
        ("http://localhost/a", True, "private address localhost"),
        ("https://evil.invalid/a", False, "host evil.invalid not allowed"),
    ],
)
def test_policy_refuses(url, allow_private, reason):
    policy = HostPolicy(resolve=False)
    with pytest.raises(PolicyError, match=reason):
        policy.check(url, {"127.0.0.1", "::1", "www.england.nhs.uk"}, allow_private)


def test_policy_allows_own_hosts_and_opted_in_private_ones():
    policy = HostPolicy(resolve=False)
    policy.check("https://www.england.nhs.uk/feed/", {"www.england.nhs.uk"}, False)
    policy.check("http://127.0.0.1:9/feed", {"127.0.0.1:9"}, True)
