"""The WordPress REST API's posts, read for a backfill: URLs, answers and post records, no database.

Query (``posts_url``)::

    <base>/wp-json/wp/v2/posts?per_page=100&page=N&orderby=date&order=asc
        &_fields=id,date,date_gmt,modified_gmt,link,title,content&after=...&before=...

Oldest first, so that posts published while a backfill runs (or between a killed run and its resumption)
join the end of the listing and never shift the pages already read. ``after`` and ``before`` are
exclusive and compare the post's (site-local) publication date.

The answer (``parse_posts``) is a JSON array of post objects: ``title`` and ``content`` are objects whose
``rendered`` member is HTML (the title with HTML entities such as ``&#8217;``), ``date_gmt`` and
``modified_gmt`` are ISO 8601 without a zone (UTC), ``null`` when WordPress holds no date. The number of
posts and of pages is in the ``X-WP-Total`` and ``X-WP-TotalPages`` headers (``total_pages``); a page past
the last is answered ``400`` with the error code ``rest_post_invalid_page_number`` (``is_past_last_page``).
The text of a post is its rendered content read by the same article text cleaning as crawled pages
(``content_text``).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from .article import parse_article

PER_PAGE = 100  # the API's maximum
FIELDS = ("id", "date", "date_gmt", "modified_gmt", "link", "title", "content")
PAST_LAST_PAGE = "rest_post_invalid_page_number"
_TAG = re.compile(r"<[^>]+>")
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})")


class WordPressError(ValueError):
    """A WordPress REST answer that cannot be read."""


@dataclass(frozen=True)
class Post:
    """One post as the REST API gives it (title as text, content as HTML, dates ISO 8601 UTC or None)."""

    id: int | None
    link: str
    title: str
    content: str
    published: str | None  # date_gmt, else the site-local date read as UTC
    modified: str | None

    @property
    def dated(self) -> str | None:
        """The time the post is placed at: its publication, else its last modification."""
        return self.published or self.modified


def api_base(base: str) -> str:
    """``https://site/sub`` → ``https://site/sub/wp-json/wp/v2/posts`` (a base that is already the endpoint stays)."""
    base = base.rstrip("/")
    return base if base.endswith("/wp-json/wp/v2/posts") else f"{base}/wp-json/wp/v2/posts"


def posts_url(
    base: str, page: int, *, year_from: int | None = None, year_to: int | None = None, per_page: int = PER_PAGE
) -> str:
    """One page of the posts published in the years asked (all years when not given), oldest first."""
    query: list[tuple[str, str]] = [
        ("per_page", str(per_page)),
        ("page", str(page)),
        ("orderby", "date"),
        ("order", "asc"),
        ("_fields", ",".join(FIELDS)),
    ]
    if year_from:
        query.append(("after", f"{year_from - 1}-12-31T23:59:59"))
    if year_to:
        query.append(("before", f"{year_to + 1}-01-01T00:00:00"))
    return f"{api_base(base)}?{urlencode(query)}"


def post_url(base: str, post_id: int | None) -> str:
    """The REST URL of one post (where its text was read)."""
    return f"{api_base(base)}/{post_id}" if post_id is not None else api_base(base)


def total_pages(headers: dict[str, str]) -> int | None:
    """``X-WP-TotalPages`` (headers as the fetch layer gives them, lower-cased), or None."""
    value = (headers.get("x-wp-totalpages") or "").strip()
    return int(value) if value.isdigit() else None


def is_past_last_page(body: bytes) -> bool:
    """The answer is WordPress's error for a page past the last one."""
    try:
        answer = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(answer, dict) and answer.get("code") == PAST_LAST_PAGE


def utc_time(value: Any) -> str | None:
    """``2019-05-14T09:30:00`` → ``2019-05-14T09:30:00+00:00``; None for null, empty or the zero date."""
    match = _DATETIME.match(value) if isinstance(value, str) else None
    if not match or match[1] == "0000":
        return None
    return "{}-{}-{}T{}:{}:{}+00:00".format(*match.groups())


def _rendered(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("rendered")
    return value if isinstance(value, str) else ""


def title_text(rendered: str) -> str:
    """A rendered title as plain text: tags dropped, entities (``&#8217;``, ``&amp;``) decoded."""
    return " ".join(html.unescape(_TAG.sub("", rendered)).split())


def parse_posts(body: bytes) -> list[Post]:
    """The posts of one answer; entries without a link are left out. Raises WordPressError."""
    try:
        answer = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise WordPressError(f"WordPress API answer is not JSON: {error}") from error
    if not isinstance(answer, list):
        raise WordPressError("WordPress API answer is not a list of posts")
    posts = []
    for item in answer:
        if not isinstance(item, dict) or not isinstance(item.get("link"), str) or not item["link"].strip():
            continue
        post_id = item.get("id")
        posts.append(
            Post(
                id=post_id if isinstance(post_id, int) else None,
                link=item["link"].strip(),
                title=title_text(_rendered(item.get("title"))),
                content=_rendered(item.get("content")),
                published=utc_time(item.get("date_gmt")) or utc_time(item.get("date")),
                modified=utc_time(item.get("modified_gmt")),
            )
        )
    return posts


def content_text(content: str, url: str) -> str:
    """The text of a post's rendered content, cleaned as an article body is (share blocks, scripts out)."""
    if not content.strip():
        return ""
    page = f"<!DOCTYPE html><html><body><article>{content}</article></body></html>"
    return parse_article(page, url, body_selector="article").text
