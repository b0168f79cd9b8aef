"""``scraper.wordpress``: the REST API's posts read through the fetch layer from a fake WordPress on 127.0.0.1."""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
from nhswatch.scraper.fetch import Fetcher, FetchError
from nhswatch.scraper.wordpress import (
    WordPressError,
    api_base,
    content_text,
    is_past_last_page,
    parse_posts,
    posts_url,
    total_pages,
    utc_time,
)
from wpserver import SITE, FakeWordPress, posts


@pytest.fixture(scope="module")
def site():
    server = FakeWordPress(posts())
    yield server
    server.close()


def fetch(url: str):
    return Fetcher(delay=0, retries=0).get(url, allow_private=True)


def by_id(site: FakeWordPress, **years) -> dict[int, object]:
    return {p.id: p for p in parse_posts(fetch(posts_url(site.url, 1, **years)).body)}


def test_titles_have_their_entities_decoded_and_tags_dropped(site):
    found = by_id(site)
    assert found[102].title == "Norfolk & Norwich trust\u2019s move to segment 4"
    assert found[103].title == "Waiting lists fall again"


def test_dates_are_utc_from_date_gmt(site):
    assert by_id(site)[102].published == "2018-03-10T09:30:00+00:00"


def test_a_post_without_a_publication_date_is_placed_at_its_modification(site):
    found = by_id(site)[104]
    assert found.published is None and found.dated == "2020-02-02T09:30:00+00:00"


def test_a_post_with_no_date_at_all_has_none(site):
    assert by_id(site)[105].dated is None


def test_the_years_asked_become_exclusive_after_and_before(site):
    found = by_id(site, year_from=2018, year_to=2024)
    assert 101 not in found and 108 not in found and {102, 107} <= set(found)
    query = parse_qs(urlsplit(posts_url(site.url, 1, year_from=2018, year_to=2024)).query)
    assert query["after"] == ["2017-12-31T23:59:59"] and query["before"] == ["2025-01-01T00:00:00"]


def test_posts_are_asked_oldest_first_with_only_the_fields_used(site):
    query = parse_qs(urlsplit(posts_url(site.url, 3)).query)
    assert query["order"] == ["asc"] and query["page"] == ["3"] and query["per_page"] == ["100"]
    assert set(query["_fields"][0].split(",")) == {"id", "date", "date_gmt", "modified_gmt", "link", "title", "content"}


def test_the_page_count_comes_from_the_headers(site):
    response = fetch(posts_url(site.url, 1, per_page=3))
    assert total_pages(response.headers) == 3 and response.headers["x-wp-total"] == "8"


def test_a_page_past_the_last_is_a_400_with_its_error_code(site):
    url = posts_url(site.url, 4, per_page=3)
    with pytest.raises(FetchError) as raised:
        fetch(url)
    assert raised.value.status == 400
    with pytest.raises(urllib.error.HTTPError) as direct:
        urllib.request.urlopen(url, timeout=5)
    assert is_past_last_page(direct.value.read())


def test_the_content_is_cleaned_like_an_article_body(site):
    found = by_id(site)[103]
    text = content_text(found.content, found.link)
    assert text.startswith("Waiting lists for planned operations fell") and "Share on social media" not in text
    assert found.link == f"{SITE}/2019/07/waiting-lists/"


def test_empty_content_has_no_text():
    assert content_text("", f"{SITE}/x/") == ""


@pytest.mark.parametrize("body", [b"<html>not json</html>", b'{"code": "rest_no_route"}'])
def test_an_answer_that_is_not_a_list_of_posts_is_an_error(body):
    with pytest.raises(WordPressError):
        parse_posts(body)


def test_entries_without_a_link_are_left_out():
    assert [p.id for p in parse_posts(b'[{"id": 1}, {"id": 2, "link": "https://a.example/p/"}]')] == [2]


@pytest.mark.parametrize("value", [None, "", "0000-00-00T00:00:00", 17])
def test_no_date_is_none(value):
    assert utc_time(value) is None


def test_the_endpoint_of_a_multisite_subsite():
    assert api_base("https://www.england.nhs.uk/london/") == "https://www.england.nhs.uk/london/wp-json/wp/v2/posts"
