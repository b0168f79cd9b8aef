"""Local HTTP servers for the scraper tests: fixture newsrooms served from tests/fixtures/sites.

``FixtureSite`` serves a directory like a real newsroom would:

* ``http://newsroom.example`` in any text file is rewritten to the server's own origin;
* a directory URL serves its ``index.html`` or ``index.xml``; ``*.xml.gz`` is gzipped on the fly
  from the matching ``*.xml``;
* strong ETags and Last-Modified on every 200, and 304 answers to If-None-Match /
  If-Modified-Since (so incremental runs can be tested);
* ``/wp-json/wp/v2/posts`` is answered from the site's ``wp-posts.json`` with WordPress's
  pagination (``per_page``, ``page``, ``X-WP-Total``, ``X-WP-TotalPages``, 400 past the end);
* ``overrides`` replaces a path's body at run time (a changed article), ``statuses`` answers a
  path with another status (a removed article), ``delay`` slows every
  article answer (for the kill test), and ``log`` records (path, status) of every request.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import mimetypes
import threading
import time
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import yaml

SITES = Path(__file__).resolve().parent.parent / "fixtures" / "sites"
PLACEHOLDER = b"http://newsroom.example"
LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:
        pass

    def do_GET(self) -> None:
        site = self.server.site
        with site._lock:
            site.in_flight += 1
            site.max_in_flight = max(site.max_in_flight, site.in_flight)
        try:
            self._get(site)
        finally:
            with site._lock:
                site.in_flight -= 1

    def _get(self, site: FixtureSite) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        status, body, ctype, extra = site.resolve(path, parse_qs(parts.query), self.headers.get("Host", ""))
        if status == 200 and site.delay and not path.endswith((".xml", ".txt", "/feed/")) and "wp-json" not in path:
            time.sleep(site.delay)
        etag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
        if status == 200 and (self.headers.get("If-None-Match") == etag or self._not_modified_since()):
            status = 304
        site.record(path + (f"?{parts.query}" if parts.query else ""), status, self.headers)
        self.send_response(status)
        for key, value in extra.items():
            self.send_header(key, value)
        if status in (200, 304):
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", LAST_MODIFIED)
        if status == 304:
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _not_modified_since(self) -> bool:
        since = self.headers.get("If-Modified-Since")
        if not since or self.headers.get("If-None-Match"):
            return False
        try:
            return parsedate_to_datetime(since) >= parsedate_to_datetime(LAST_MODIFIED)
        except (TypeError, ValueError):
            return False


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: FixtureSite

    def handle_error(self, request, client_address) -> None:
        """A client that hangs up (a killed run) is not a test failure."""


class FixtureSite:
    """A fixture newsroom on a free 127.0.0.1 port; use as a context manager."""

    def __init__(self, root: Path | str, *, delay: float = 0.0):
        self.root = SITES / root if isinstance(root, str) else Path(root)
        self.delay = delay
        self.overrides: dict[str, bytes] = {}
        self.statuses: dict[str, int] = {}
        self.log: list[tuple[str, int]] = []
        self.agents: set[str] = set()
        self.times: list[float] = []
        self.in_flight = self.max_in_flight = 0
        self._lock = threading.Lock()
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.site = self
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def record(self, path: str, status: int, headers) -> None:
        with self._lock:
            self.times.append(time.monotonic())
            self.log.append((path, status))
            self.agents.add(headers.get("User-Agent", ""))

    def requests(self, prefix: str = "") -> list[tuple[str, int]]:
        with self._lock:
            return [(p, s) for p, s in self.log if p.startswith(prefix)]

    def clear_log(self) -> None:
        with self._lock:
            self.log.clear()

    def resolve(self, path: str, query: dict, host: str) -> tuple[int, bytes, str, dict[str, str]]:
        """(status, body, content type, extra headers) for a GET of ``path``."""
        origin = f"http://{host}".encode()
        if path == "/wp-json/wp/v2/posts" and (self.root / "wp-posts.json").exists():
            return self._wordpress(query, origin)
        if path in self.statuses:
            return self.statuses[path], b"<html><body><h1>Gone</h1></body></html>", "text/html", {}
        if path in self.overrides:
            return 200, self.overrides[path].replace(PLACEHOLDER, origin), "text/html; charset=utf-8", {}
        file = (self.root / path.lstrip("/")).resolve()
        if not str(file).startswith(str(self.root.resolve())):
            return 404, b"not found", "text/plain", {}
        if file.is_dir():
            file = next((file / n for n in ("index.html", "index.xml") if (file / n).exists()), file / "index.html")
        if file.suffix == ".gz" and not file.exists() and file.with_suffix("").exists():
            raw = file.with_suffix("").read_bytes().replace(PLACEHOLDER, origin)
            return 200, gzip.compress(raw, mtime=0), "application/gzip", {}
        if not file.is_file():
            return 404, b"<html><body><h1>Not found</h1></body></html>", "text/html", {}
        body = file.read_bytes().replace(PLACEHOLDER, origin)
        ctype = {
            ".xml": "application/xml; charset=utf-8",
            ".html": "text/html; charset=utf-8",
            ".txt": "text/plain; charset=utf-8",
        }.get(file.suffix)
        ctype = ctype or mimetypes.guess_type(file.name)[0] or "text/plain"
        return 200, body, ctype, {}

    def _wordpress(self, query: dict, origin: bytes) -> tuple[int, bytes, str, dict[str, str]]:
        posts = json.loads((self.root / "wp-posts.json").read_bytes().replace(PLACEHOLDER, origin))
        after = query.get("after", [""])[0]
        if after:
            posts = [p for p in posts if p["date_gmt"] >= after]
        per_page = int(query.get("per_page", ["10"])[0])
        page = int(query.get("page", ["1"])[0])
        pages = max(1, -(-len(posts) // per_page))
        if page > pages:
            body = json.dumps({"code": "rest_post_invalid_page_number", "data": {"status": 400}}).encode()
            return 400, body, "application/json", {}
        chunk = posts[(page - 1) * per_page : page * per_page]
        headers = {"X-WP-Total": str(len(posts)), "X-WP-TotalPages": str(pages)}
        return 200, json.dumps(chunk).encode(), "application/json; charset=UTF-8", headers

    def __enter__(self) -> FixtureSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def write_source(directory: Path, base_url: str, spec: dict) -> Path:
    """Write a registry YAML for a fixture site into ``directory``: URLs in ``spec`` are made
    absolute against ``base_url`` and the source opts in to private addresses (127.0.0.1)."""
    from urllib.parse import urljoin

    def absolute(value):
        if isinstance(value, str):
            return urljoin(base_url, value)
        return {**value, "url": urljoin(base_url, value["url"])}

    data = {
        **spec,
        "homepage": urljoin(base_url, spec.get("homepage", "/")),
        "allow_private": True,
        "discovery": [{k: absolute(v) for k, v in step.items()} for step in spec["discovery"]],
    }
    data.setdefault("kind", "test")
    data.setdefault("publisher", spec["name"])
    data.setdefault("confirmed", "test fixture served on 127.0.0.1")
    data.setdefault("expect", {"new_within_days": None})  # fixture newsrooms are frozen in 2024: never "stale"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{spec['name']}.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


# The fixture newsrooms and how each is read (URLs relative to the site).
SOURCES = {
    "wordpress": {
        "name": "fixture-wordpress",
        "publisher": "Fenmouth Hospitals NHS Foundation Trust",
        "kind": "trust",
        "discovery": [
            {"feed": "/feed/"},
            {"wordpress": {"url": "/", "per_page": 2, "max_pages": 5}},
            {"listing": {"url": "/news/", "items": "article.post h2", "next": "a.next"}},
        ],
    },
    "sitemap": {
        "name": "fixture-sitemap",
        "publisher": "Department of Health Fixture",
        "kind": "government",
        "discovery": [{"sitemap": "/sitemap.xml"}],
        "article": {"url_pattern": "/government/news/"},
    },
    "listing": {
        "name": "fixture-listing",
        "publisher": "North Fixture Ambulance Service NHS Trust",
        "kind": "trust",
        "discovery": [
            {"listing": {"url": "/news/", "items": "ul.news-list li", "next": "a[rel=next]", "max_pages": 5}}
        ],
    },
    "selectors": {
        "name": "fixture-selectors",
        "publisher": "Fixture Local Press",
        "kind": "press",
        "discovery": [{"feed": "/rss.xml"}],
        "article": {"body": "div.story-body", "title": "div.story-headline", "date": "span.story-date"},
    },
}


def scrape_registry(tmp_path: Path, registry_dir: Path, fetcher, names=None, *, extract: bool = False):
    """Scrape the fixture registry into ``tmp_path/t.db`` as one recorded run.

    Returns (db, counts, events stored); events are only extracted when ``extract`` is set.
    """
    from nhswatch.db import load, open_db
    from nhswatch.scraper.archive import Archive
    from nhswatch.scraper.registry import load_registry

    from nhswatch import pipeline

    registry = load_registry(registry_dir)
    db = open_db(tmp_path / "t.db")
    run_id = load.start_run(db, "test")
    sources = [registry[n] for n in names] if names else list(registry.values())
    counts = pipeline.scrape(db, sources, fetcher, Archive(tmp_path / "archive"), run_id)
    extracted = pipeline.extract_documents(db) if extract else 0
    load.finish_run(db, run_id, counts.exit_code(), counts.as_row())
    return db, counts, extracted
