"""The CDX API client: both answer formats, resumption keys, one capture per article, the toolbar."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from cdxserver import PAGES, FakeArchive, rows
from nhswatch.scraper.article import parse_article
from nhswatch.scraper.cdx import (
    FIELDS,
    Capture,
    CdxError,
    capture_time,
    cdx_url,
    latest_captures,
    parse_cdx,
    parse_replay_url,
    replay_url,
    strip_toolbar,
)
from nhswatch.scraper.fetch import Fetcher


@pytest.fixture(scope="module")
def fake():
    server = FakeArchive(rows())
    yield server
    server.close()


def _get(fake, **params) -> bytes:
    url = cdx_url(fake.url, "www.fenland.example/news/", **params)
    return Fetcher(delay=0, respect_robots=False).get(url, allow_private=True).body


def test_the_query_asks_for_successful_captures_of_a_prefix_between_two_years():
    query = parse_qs(urlsplit(cdx_url("http://a.example", "b.example/news/", year_from=2018, year_to=2024)).query)
    assert query["matchType"] == ["prefix"] and query["filter"] == ["statuscode:200"]
    assert query["fl"] == [",".join(FIELDS)] and query["output"] == ["json"]
    assert (query["from"], query["to"]) == (["2018"], ["2024"])


def test_json_and_text_answers_give_the_same_captures(fake):
    from_json, _ = parse_cdx(_get(fake))
    from_text, _ = parse_cdx(_get(fake, output="text"))
    assert from_json == from_text and len(from_json) > 5
    assert {c.statuscode for c in from_json} == {"200"}


def test_the_json_answer_names_its_fields_in_the_first_row(fake):
    body = json.loads(_get(fake))
    assert body[0] == list(FIELDS)


def test_a_resumption_key_is_read_in_both_formats(fake):
    for output in ("json", "text"):
        captures, key = parse_cdx(_get(fake, output=output, limit=2))
        assert len(captures) == 2 and key == "2"
        rest, end = parse_cdx(_get(fake, output=output, limit=100, resume_key=key))
        assert end is None and captures[0] not in rest


def test_years_limit_the_captures(fake):
    captures, _ = parse_cdx(_get(fake, year_from=2021, year_to=2022))
    assert {c.timestamp[:4] for c in captures} == {"2021", "2022"}


def test_an_empty_answer_is_no_captures():
    assert parse_cdx(b"") == ([], None) and parse_cdx(b"[]") == ([], None)


def test_a_garbled_answer_is_an_error():
    with pytest.raises(CdxError):
        parse_cdx(b"<html>rate limited</html>")


def _c(ts: str, path: str, digest: str, status: str = "200", mime: str = "text/html") -> Capture:
    return Capture(ts, f"http://www.fenland.example{path}", status, digest, mime)


def test_the_latest_good_capture_of_each_url_is_kept():
    latest = latest_captures(
        [
            _c("20180101000000", "/news/a", "A1"),
            _c("20200101000000", "/news/a", "A2"),
            _c("20210101000000", "/news/a", "A3", status="404"),
            _c("20190101000000", "/news/b", "B1", mime="image/png"),
        ]
    )
    assert [c.digest for c in latest.values()] == ["A2"]


def test_capture_times_are_iso_utc():
    assert capture_time("20190514093005") == "2019-05-14T09:30:05+00:00"
    assert capture_time("2019") == "2019-01-01T00:00:00+00:00"


def test_replay_urls_use_the_id_form_and_read_back():
    url = replay_url("http://127.0.0.1:9/", "20190514093005", "https://www.fenland.example/news/a?x=1")
    assert url == "http://127.0.0.1:9/web/20190514093005id_/https://www.fenland.example/news/a?x=1"
    assert parse_replay_url(url) == ("20190514093005", "https://www.fenland.example/news/a?x=1")


def test_the_toolbar_is_stripped_and_rewritten_links_restored():
    html = strip_toolbar(PAGES["segment-new"].decode())
    assert "Wayback Machine" not in html and "__wm" not in html and "_static" not in html
    assert 'href="https://www.fenland.example/news/"' in html


def test_the_parsed_article_has_no_trace_of_the_toolbar():
    article = parse_article(strip_toolbar(PAGES["segment-new"].decode()), "https://www.fenland.example/news/x")
    assert "segment 4" in article.text
    assert "Wayback" not in article.text and "captures" not in article.text
