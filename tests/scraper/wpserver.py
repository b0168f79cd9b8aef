"""A fake WordPress site on 127.0.0.1 answering ``/wp-json/wp/v2/posts`` as WordPress does.

``per_page`` (at most 100), ``page``, ``orderby=date`` with ``order``, ``after``/``before`` (exclusive, on
the site-local ``date``) and ``_fields``; the answer is a JSON array of posts whose ``title`` and
``content`` are ``{"rendered": ...}`` objects, with the ``X-WP-Total`` and ``X-WP-TotalPages`` headers and
a ``Link`` header to the next page. A page past the last is answered 400 with the error object
``rest_post_invalid_page_number``. ``fail_pages`` answer 500; ``overstate`` adds phantom pages to
``X-WP-TotalPages`` (as when posts are deleted between two requests). Every request to the API is
counted in ``hits`` by page number.

The newsroom is fictional; its posts were written for these tests.
"""

from __future__ import annotations

import json
import math
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from localserver import LocalServer

SITE = "https://www.fens-nhs.example"
FILLER = (
    "Leaders from the region's hospitals met the regional team to agree the next steps, and said they would "
    "publish their progress every quarter so that patients and staff can follow it."
)
PAST_LAST_PAGE = {
    "code": "rest_post_invalid_page_number",
    "message": "The page number requested is larger than the number of pages available.",
    "data": {"status": 400},
}


def post(post_id: int, day: str | None, slug: str, title: str, content: str, **extra: Any) -> dict[str, Any]:
    """One post as WordPress renders it (``day`` None: no publication date at all)."""
    stamp = f"{day}T09:30:00" if day else None
    return {
        "id": post_id,
        "date": stamp,
        "date_gmt": stamp,
        "guid": {"rendered": f"{SITE}/?p={post_id}"},
        "modified": stamp,
        "modified_gmt": stamp,
        "slug": slug,
        "status": "publish",
        "type": "post",
        "link": f"{SITE}/{day[:4] if day else '2020'}/{day[5:7] if day else '01'}/{slug}/",
        "title": {"rendered": title},
        "content": {"rendered": content, "protected": False},
        "excerpt": {"rendered": "", "protected": False},
        **extra,
    }


def posts() -> list[dict[str, Any]]:
    """The fictional regional newsroom's posts, 2017 to 2025."""
    return [
        post(101, "2017-06-01", "old-news", "Before the years asked", f"<p>An older story.</p><p>{FILLER}</p>"),
        post(
            102,
            "2018-03-10",
            "segment-4",
            "Norfolk &amp; Norwich trust&#8217;s move to segment&nbsp;4",
            "<p>NHS England confirmed today that Norfolk and Norwich University Hospitals NHS Foundation Trust "
            "has been moved into segment 4 of the NHS Oversight Framework, after a difficult winter.</p>"
            f"<p>{FILLER}</p>",
        ),
        post(
            103,
            "2019-07-02",
            "waiting-lists",
            "Waiting lists fall <em>again</em>",
            f"<p>Waiting lists for planned operations fell for a third month.</p><p>{FILLER}</p>"
            '<div class="share-links"><a href="#">Share on social media</a></div>',
        ),
        {
            **post(104, "2020-02-02", "undated", "A post without a publication date", f"<p>{FILLER}</p>"),
            "date": None,
            "date_gmt": None,
        },
        {
            **post(105, None, "timeless", "A post with no date at all", f"<p>{FILLER}</p>"),
            "modified": None,
            "modified_gmt": None,
        },
        post(106, "2021-05-20", "video-only", "A video", ""),
        post(107, "2022-11-30", "new-ward", "A new ward opens", f"<p>The new ward has twenty beds.</p><p>{FILLER}</p>"),
        post(108, "2025-01-15", "too-new", "After the years asked", f"<p>A newer story.</p><p>{FILLER}</p>"),
    ]


def many(n: int, year: int = 2020) -> list[dict[str, Any]]:
    """``n`` plain posts in one year (for paging and kill tests)."""
    return [
        post(
            1000 + i,
            f"{year}-{(i % 12) + 1:02d}-{(i % 28) + 1:02d}",
            f"story-{i:03d}",
            f"Story {i}",
            f"<p>{FILLER}</p>",
        )
        for i in range(n)
    ]


class FakeWordPress(LocalServer):
    """Serves ``items`` on 127.0.0.1 until ``close()``."""

    def __init__(self, items: list[dict[str, Any]], *, delay: float = 0.0):
        self.items = items
        self.delay = delay
        self.fail_pages: set[int] = set()
        self.overstate = 0
        self.hits: Counter = Counter()
        self.queries: list[dict[str, list[str]]] = []
        super().__init__(self._handler())

    def answer(self, query: dict[str, list[str]]) -> tuple[int, dict[str, str], Any]:
        """(status, headers, JSON value) of a posts query."""
        one = {key: values[0] for key, values in query.items()}
        per_page, page = min(int(one.get("per_page", 10)), 100), int(one.get("page", 1))
        found = [p for p in self.items if not one.get("after") or (p["date"] or "9999") > one["after"]]
        found = [p for p in found if not one.get("before") or (p["date"] or "") < one["before"]]
        found.sort(key=lambda p: (p["date"] or "", p["id"]), reverse=one.get("order", "desc") == "desc")
        pages = math.ceil(len(found) / per_page) + (self.overstate if found else 0)
        if page in self.fail_pages:
            return 500, {}, {"code": "internal_server_error", "message": "Something went wrong.", "data": None}
        if page > max(pages, 1):
            return 400, {}, PAST_LAST_PAGE
        fields = one["_fields"].split(",") if one.get("_fields") else None
        chosen = found[(page - 1) * per_page : page * per_page]
        body = [{k: v for k, v in p.items() if fields is None or k in fields} for p in chosen]
        headers = {"X-WP-Total": str(len(found)), "X-WP-TotalPages": str(pages)}
        if page < pages:
            headers["Link"] = f'<{self.url}/wp-json/wp/v2/posts?{urlencode({**one, "page": page + 1})}>; rel="next"'
        return 200, headers, body

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path.rstrip("/") != "/wp-json/wp/v2/posts":
                    body = json.dumps(
                        {"code": "rest_no_route", "message": "No route was found.", "data": {"status": 404}}
                    )
                    self._send(404, {}, body.encode())
                    return
                query = parse_qs(parts.query)
                fake.queries.append(query)
                fake.hits[int(query.get("page", ["1"])[0])] += 1
                if fake.delay:
                    time.sleep(fake.delay)
                status, headers, value = fake.answer(query)
                self._send(status, headers, json.dumps(value).encode())

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Access-Control-Expose-Headers", "X-WP-Total, X-WP-TotalPages, Link")
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler
