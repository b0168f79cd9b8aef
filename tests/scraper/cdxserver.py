"""A fake web archive on 127.0.0.1: a CDX index in the real answer formats and ``id_`` replays.

``/cdx/search/cdx`` answers like the Internet Archive's CDX server: ``url`` with ``matchType=prefix``
(host and path, scheme ignored), ``from``/``to`` years, ``filter=statuscode:200``, ``collapse=digest``
(adjacent captures of one URL with the same digest), ``fl`` field order, ``limit`` with
``showResumeKey=true``, and ``output=json`` (rows, the first naming the fields; then ``[]`` and
``[key]``) or the default space-separated text (then an empty line and the key).
``/web/<timestamp>id_/<original>`` replays a capture, answers a redirect capture with a 302 to another
timestamp, and counts every replay it serves in ``hits``.

The newsroom is a fictional trust's; the pages and sentences were written for these tests.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from localserver import LocalServer

SITE = "https://www.fenland.example"
TOOLBAR = """<script src="//archive.org/includes/analytics.js?v=cf34f82" type="text/javascript"></script>
<script type="text/javascript">window.RufflePlayer=window.RufflePlayer||{};__wm.init("https://web.archive.org/web");</script>
<script type="text/javascript" src="/_static/js/bundle-playback.js?v=1WaXNDFE" charset="utf-8"></script>
<link rel="stylesheet" type="text/css" href="/_static/css/banner-styles.css?v=S1zqJCYt" />
<!-- End Wayback Rewrite JS Include -->"""
BANNER = """<!-- BEGIN WAYBACK TOOLBAR INSERT -->
<div id="wm-ipp-base"><div id="wm-ipp"><p>The Wayback Machine has 12 captures of this page. Success: the
capture shown is from 12 January 2019. Close this banner and Help.</p></div></div>
<!-- END WAYBACK TOOLBAR INSERT -->"""


def article(title: str, day: str | None, *paragraphs: str, toolbar: bool = False) -> bytes:
    """A newsroom article page (with the archive's toolbar injected when ``toolbar``)."""
    date = f'<time datetime="{day}">{day}</time>' if day else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    head = f"<title>{title} | Fenland Trust</title>" + (TOOLBAR if toolbar else "")
    top = BANNER if toolbar else ""
    link = '<a href="/web/20190112000000/https://www.fenland.example/news/">All news</a>' if toolbar else ""
    return (
        f"<!DOCTYPE html><html><head>{head}</head><body>{top}<nav>{link}</nav>"
        f"<article><h1>{title}</h1>{date}{body}</article><footer>Fenland Trust, Fen Road</footer></body></html>"
    ).encode()


FILLER = (
    "Staff across the wards were thanked for their work over a long winter, and the chief executive said "
    "the improvement plan would carry on through the coming year with the support of local partners."
)
PAGES = {
    "segment-old": article(
        "Trust placed in segment 4",
        "2018-03-10",
        "This early version of the story was replaced later the same year.",
        FILLER,
    ),
    "segment-new": article(
        "Trust placed in segment 4",
        "2018-03-10",
        "NHS England confirmed today that Norfolk and Norwich University Hospitals NHS Foundation Trust has been "
        "moved into segment 4 of the NHS Oversight Framework, after a difficult winter.",
        FILLER,
        toolbar=True,
    ),
    "exit": article("Good news for patients", "2019-07-02", "Waiting lists for planned operations fell again.", FILLER),
    "moved": article("A new ward opens", "2021-05-20", "The new ward has twenty beds for older patients.", FILLER),
    "broken": b"<!DOCTYPE html><html><head><title></title></head><body><script>var app = 1;</script></body></html>",
    "undated": article("Volunteers wanted", None, "The trust is looking for volunteers for its cafe.", FILLER),
}


@dataclass
class Row:
    """One capture: what the index says, and what the replay serves."""

    timestamp: str
    path: str
    status: str = "200"
    digest: str = ""
    mimetype: str = "text/html"
    page: str | None = None
    redirect_to: str | None = None  # the replay answers 302 to this timestamp
    listed: bool = True  # in the index (False: only reachable as a redirect's target)

    @property
    def original(self) -> str:
        return f"{SITE}{self.path}"


def rows() -> list[Row]:
    """The captures of the fictional newsroom, sorted as the index sorts them (URL, then time)."""
    items = [
        Row("20180312101500", "/news/", digest="IDXA", page="exit"),
        Row("20180312093000", "/news/2018/segment-4", digest="SEGOLD", page="segment-old"),
        Row("20190112080000", "/news/2018/segment-4", digest="SEGNEW", page="segment-new"),
        Row("20190112090000", "/news/2018/segment-4", digest="SEGNEW", page="segment-new"),  # collapsed
        Row("20190703120000", "/news/2019/good-news", digest="EXIT", page="exit"),
        Row("20190704120000", "/news/2019/good-news-for-patients", digest="EXIT", page="exit"),  # same content
        Row("20200101000000", "/news/2020/withdrawn", status="404", digest="GONE"),
        Row("20210521000000", "/news/2021/new-ward", status="301", digest="REDIR"),
        Row("20210522000000", "/news/2021/new-ward", digest="MOVED", page="moved", redirect_to="20210523111111"),
        Row("20210523111111", "/news/2021/new-ward", digest="MOVED2", page="moved", listed=False),
        Row("20220301000000", "/news/2022/app-only", digest="BROKEN", page="broken"),
        Row("20230415061500", "/news/2023/volunteers", digest="UNDATED", page="undated"),
        Row("20240101000000", "/news/2024/logo.png", mimetype="image/png", digest="IMG"),
    ]
    return sorted(items, key=lambda r: (r.path, r.timestamp))


def many(n: int) -> list[Row]:
    """``n`` plain articles (for the kill test)."""
    return [Row(f"2020{(i % 12) + 1:02d}01000000", f"/news/2020/story-{i:02d}", digest=f"MANY{i}") for i in range(n)]


class FakeArchive(LocalServer):
    """Serves ``index`` on 127.0.0.1 until ``close()``."""

    def __init__(self, index: list[Row], *, delay: float = 0.0):
        self.index = index
        self.delay = delay
        self.hits: Counter = Counter()
        self.cdx_queries: list[dict[str, list[str]]] = []
        super().__init__(self._handler())

    # -- the index ---------------------------------------------------------------------------
    def answer(self, query: dict[str, list[str]]) -> tuple[str, str]:
        """(content type, body) of a CDX query."""
        prefix = query["url"][0].split("://", 1)[-1]
        fields = query.get("fl", ["urlkey,timestamp,original,mimetype,statuscode,digest,length"])[0].split(",")
        found = [r for r in self.index if r.listed and r.original.split("://", 1)[1].startswith(prefix)]
        if "from" in query:
            found = [r for r in found if r.timestamp[:4] >= query["from"][0][:4]]
        if "to" in query:
            found = [r for r in found if r.timestamp[:4] <= query["to"][0][:4]]
        for spec in query.get("filter", []):
            field, value = spec.split(":", 1)
            found = [r for r in found if str(getattr(r, {"statuscode": "status"}.get(field, field))) == value]
        if "digest" in query.get("collapse", []):
            found = [
                r
                for i, r in enumerate(found)
                if i == 0 or (found[i - 1].path, found[i - 1].digest) != (r.path, r.digest)
            ]
        start = int(query.get("resumeKey", ["0"])[0])
        limit = int(query.get("limit", ["100000"])[0])
        page, rest = found[start : start + limit], found[start + limit :]
        resume = str(start + limit) if rest and query.get("showResumeKey") == ["true"] else None
        values = [[self._value(r, f) for f in fields] for r in page]
        if query.get("output") == ["json"]:
            out = [fields, *values] if values else []
            if resume:
                out += [[], [resume]]
            return "application/json", json.dumps(out)
        text = "".join(" ".join(v) + "\n" for v in values)
        return "text/plain", text + (f"\n{resume}\n" if resume else "")

    @staticmethod
    def _value(row: Row, field: str) -> str:
        if field == "urlkey":
            return "example,fenland)" + row.path
        return {"statuscode": row.status, "length": "1234"}.get(field) or str(getattr(row, field, "-"))

    def replay(self, timestamp: str, original: str) -> tuple[int, dict[str, str], bytes]:
        row = next((r for r in self.index if r.timestamp == timestamp and r.original == original), None)
        if row is None:
            return 404, {"Content-Type": "text/html"}, b"<html><title>Not found</title></html>"
        if row.redirect_to:
            return 302, {"Location": f"/web/{row.redirect_to}id_/{original}"}, b""
        body = PAGES.get(row.page or "") or article(
            f"Story {row.path[-2:]}", f"{timestamp[:4]}-{timestamp[4:6]}-{timestamp[6:8]}", "A short story.", FILLER
        )
        return 200, {"Content-Type": "text/html; charset=utf-8"}, body

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path == "/cdx/search/cdx":
                    query = parse_qs(parts.query)
                    fake.cdx_queries.append(query)
                    kind, body = fake.answer(query)
                    self._send(200, {"Content-Type": kind}, body.encode())
                elif parts.path.startswith("/web/"):
                    stamp, original = self.path[len("/web/") :].split("/", 1)
                    fake.hits[self.path] += 1
                    if fake.delay:
                        time.sleep(fake.delay)
                    self._send(*fake.replay(stamp.removesuffix("id_"), original))
                else:
                    self._send(404, {"Content-Type": "text/plain"}, b"not found")

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler
