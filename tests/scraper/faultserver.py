"""A fault-injecting newsroom on 127.0.0.1: every way a real site or network lets a scraper down.

``/feed.xml`` lists one article per fault (plus good ones); further feeds are broken on purpose.
``FAULTS`` maps each faulty path to a substring of the failure reason the scraper must record.
Delays are short so the whole suite stays fast; the Fetcher under test uses small timeouts.
"""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

GOOD = {
    "/articles/good-1": (
        "Trust exits special measures",
        "2024-05-01",
        "Medway NHS Foundation Trust has left special measures for quality, the regulator said.",
    ),
    "/articles/good-2": (
        "Hospital opens new ward",
        "2024-05-02",
        "A new twenty-bed ward opened this week to ease pressure on the emergency department.",
    ),
    "/fault/503-then-ok": (
        "Statement after a busy weekend",
        "2024-05-03",
        "The trust thanked staff for their work over a very busy weekend.",
    ),
}
# Pages whose *declared* charset is wrong: the text must still come out right.
CHARSET = {
    "/articles/latin1-declared-utf8-sent": ("iso-8859-1", "utf-8"),
    "/articles/utf8-declared-cp1252-sent": ("utf-8", "cp1252"),
}
CHARSET_TEXT = "The trust\u2019s £2.5m plan – agreed on 6 May – will fund café staff."
FAULTS = {
    "/fault/500": "http 500",
    "/fault/503-long": "Retry-After 3600s",
    "/fault/429": "http 429",
    "/fault/timeout": "timeout",
    "/fault/drip": "too slow",
    "/fault/drip-headers": "too slow",
    "/fault/truncated": "truncated body",
    "/fault/loop-a": "redirect loop",
    "/fault/redirect-other-host": "host other.invalid not allowed",
    "/fault/redirect-private": "private address 10.1.2.3",
    "/fault/redirect-localhost": "private address localhost",
    "/fault/redirect-other-port": "private address 127.0.0.1",
    "/fault/huge": "too large",
    "/fault/huge-chunked": "too large",
    "/fault/gzip-bomb": "too large",
    "/fault/empty-page": "no article text",
    "/private/secret-article": "disallowed by robots.txt",
}
BROKEN_FEEDS = {
    "/feeds/malformed.xml": "not a feed",
    "/feeds/billion-laughs.xml": "EntitiesForbidden",
    "/feeds/external-entity.xml": "refused",
    "/feeds/down.xml": "http 500",
    "/sitemaps/hostile.xml": "EntitiesForbidden",
}
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "lol">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
]>
<rss version="2.0"><channel><title>&h;</title>
<item><title>&h;</title><link>/articles/good-1</link></item></channel></rss>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<rss version="2.0"><channel><title>x</title>
<item><title>&secret;</title><link>/articles/good-1</link></item></channel></rss>
"""
HOSTILE_SITEMAP = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [ <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"> ]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/articles/&b;</loc></url></urlset>
"""
MALFORMED = b"<html><body><p>This is a web page, not a feed <b>at all</p></body>"
ROBOTS = b"User-agent: *\nDisallow: /private/\n"
BIG = 20 * 1024 * 1024


def _html(title: str, date: str, text: str) -> bytes:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta property='article:published_time' content='{date}'></head><body><nav>Menu</nav>"
        f"<article><h1>{title}</h1><p>{text}</p></article><footer>Footer</footer></body></html>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    server: FaultServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:
        pass

    def send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send(302, b"", Location=location)

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        self.server.hits[path] = self.server.hits.get(path, 0) + 1
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.route(path)

    def route(self, path: str) -> None:
        hits = self.server.hits[path]
        if path == "/robots.txt":
            return self.send(200, ROBOTS, "text/plain")
        if path == "/feed.xml":
            return self.send(200, self.server.feed(), "application/rss+xml; charset=utf-8")
        if path in GOOD and path != "/fault/503-then-ok":
            return self.send(200, _html(*GOOD[path]))
        if path == "/fault/503-then-ok":
            if hits == 1:
                return self.send(503, b"busy", Retry_After="1")
            return self.send(200, _html(*GOOD[path]))
        if path in CHARSET:
            declared, actual = CHARSET[path]
            body = (
                f"<html><head><title>Charset</title></head><body><article><h1>Charset test</h1>"
                f"<p>{CHARSET_TEXT}</p></article></body></html>"
            ).encode(actual)
            return self.send(200, body, f"text/html; charset={declared}")
        if path == "/fault/500":
            return self.send(500, b"<h1>Internal Server Error</h1>")
        if path == "/fault/503-long":
            return self.send(503, b"down for maintenance", Retry_After="3600")
        if path == "/fault/429":
            return self.send(429, b"slow down", Retry_After="0")
        if path == "/fault/timeout":
            time.sleep(self.server.stall)
            return self.send(200, _html("Late", "2024-01-01", "Too late."))
        if path == "/fault/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            for _ in range(int(self.server.stall / 0.05)):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.05)
            return None
        if path == "/fault/drip-headers":  # the status line and headers a byte at a time, then a good page
            head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"x" * 200 + b"\r\n"
            body = _html("Dripped", "2024-01-01", "Headers sent one byte at a time.")
            head += b"Content-Length: %d\r\n\r\n" % len(body)
            for index in range(len(head)):
                self.wfile.write(head[index : index + 1])
                self.wfile.flush()
                time.sleep(self.server.stall / len(head))
            self.wfile.write(body)
            return None
        if path == "/fault/redirect-other-port":  # same host, another port: another origin
            return self.redirect(f"{self.server.other or 'http://127.0.0.1:9'}/articles/good-1")
        if path == "/fault/truncated":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "10000")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"<html><body><article><p>cut off in the midd")
            self.close_connection = True
            return None
        if path == "/fault/loop-a":
            return self.redirect("/fault/loop-b")
        if path == "/fault/loop-b":
            return self.redirect("/fault/loop-a")
        if path == "/fault/redirect-other-host":
            return self.redirect("http://other.invalid/news/1")
        if path == "/fault/redirect-private":
            return self.redirect("http://10.1.2.3/latest/meta-data/")
        if path == "/fault/redirect-localhost":
            return self.redirect(f"http://localhost:{self.server.server_address[1]}/articles/good-1")
        if path == "/fault/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(BIG))
            self.end_headers()
            return self._stream_zeros(BIG)
        if path == "/fault/huge-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            return self._stream_zeros(BIG)
        if path == "/fault/gzip-bomb":
            return self.send(200, self.server.bomb, "text/html", Content_Encoding="gzip")
        if path == "/fault/not-html":
            return self.send(200, b"%PDF-1.4 not really a pdf", "application/pdf")
        if path == "/fault/empty-page":
            return self.send(200, b"<html><head><title>Empty</title></head><body><article></article></body></html>")
        if path == "/private/secret-article":
            return self.send(200, _html("Secret", "2024-01-01", "Should never be fetched."))
        if path == "/feeds/malformed.xml":
            return self.send(200, MALFORMED, "application/rss+xml")
        if path == "/feeds/billion-laughs.xml":
            return self.send(200, BILLION_LAUGHS, "application/rss+xml")
        if path == "/feeds/external-entity.xml":
            return self.send(200, EXTERNAL_ENTITY, "application/rss+xml")
        if path == "/feeds/down.xml":
            return self.send(500, b"oops")
        if path == "/sitemaps/hostile.xml":
            return self.send(200, HOSTILE_SITEMAP, "application/xml")
        return self.send(404, b"<h1>Not found</h1>")

    def _stream_zeros(self, size: int) -> None:
        block = b"0" * 65536
        sent = 0
        while sent < size:
            self.wfile.write(block)
            sent += len(block)


@lru_cache(maxsize=1)
def gzip_bomb() -> bytes:
    """About 100 KB of gzip that inflates to 100 MB."""
    return gzip.compress(b"\0" * (100 * 1024 * 1024), compresslevel=9)


class FaultServer(ThreadingHTTPServer):
    """The fault-injecting newsroom; use as a context manager."""

    daemon_threads = True

    def __init__(self, stall: float = 3.0):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.stall = stall
        self.other: str | None = None
        self.hits: dict[str, int] = {}
        self.bomb = gzip_bomb()
        self.thread = threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request, client_address) -> None:
        """Clients hanging up on purpose-built faults is expected: stay quiet."""

    def feed(self) -> bytes:
        paths = [*GOOD, *CHARSET, *FAULTS, "/fault/not-html"]
        items = "".join(f"<item><title>{p}</title><link>{self.url}{p}</link></item>" for p in paths)
        return (
            f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Faulty newsroom</title>'
            f"<link>{self.url}/</link><description>x</description>{items}</channel></rss>"
        ).encode()

    def __enter__(self) -> FaultServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()
