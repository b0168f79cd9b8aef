"""The one HTTP layer: polite, bounded and explicit about failure.

A descriptive User-Agent, robots.txt (protego) with crawl-delay, a per-host delay, timeouts,
retries with backoff on connection errors, 429 and 5xx (honouring Retry-After), a streamed size
cap, redirects followed by hand and only to allowed hosts (never to loopback, private or link-local
addresses unless the source opts in), and conditional requests (ETag / Last-Modified).
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import requests
from protego import Protego

from . import __version__

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = f"nhswatch/{__version__} (+https://github.com/nhswatch/nhswatch; NHS oversight research)"
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0


class FetchError(Exception):
    """A URL could not be fetched; ``reason`` is short and machine-friendly."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


@dataclass
class Response:
    """A fetched resource."""

    url: str
    status: int
    body: bytes
    headers: dict[str, str]
    elapsed: float = 0.0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def text(self) -> str:
        """The body decoded: declared charset if it decodes cleanly, else detected."""
        return decode(self.body, self.headers.get("content-type", ""))


def decode(body: bytes, content_type: str = "") -> str:
    """Bytes → str, trusting a declared charset only when it decodes without errors."""
    declared = None
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset":
            declared = value.strip("\"' ").lower()
    if body.startswith(b"\xef\xbb\xbf"):
        return body[3:].decode("utf-8", errors="replace")
    for encoding in filter(None, (declared, "utf-8")):
        try:
            return body.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    return str(best) if best is not None else body.decode("cp1252", errors="replace")


def is_private_host(host: str) -> bool:
    """True when ``host`` resolves to a loopback, private, link-local or reserved address."""
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        return False
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
            return True
    return False


@dataclass
class Fetcher:
    """Fetches URLs for one run. Thread-safe across hosts; one request at a time per host."""

    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 20.0
    max_bytes: int = MAX_BYTES
    delay: float = 1.0
    retries: int = 3
    backoff: float = 1.0
    allow_private: bool = False
    respect_robots: bool = True
    session: requests.Session = field(default_factory=requests.Session)
    _robots: dict[str, Protego | None] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _locks: dict[str, threading.Lock] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def _host_lock(self, origin: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(origin, threading.Lock())

    def _wait_turn(self, origin: str) -> None:
        robots = self._robots.get(origin)
        delay = max(self.delay, (robots.crawl_delay(self.user_agent) or 0) if robots else 0)
        wait = self._last.get(origin, 0) + delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last[origin] = time.monotonic()

    def allowed(self, url: str) -> bool:
        """robots.txt says this agent may fetch ``url``."""
        if not self.respect_robots:
            return True
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        robots = self._robots[origin]
        return robots is None or robots.can_fetch(url, self.user_agent)

    def _load_robots(self, origin: str) -> Protego | None:
        try:
            response = self._request(origin + "/robots.txt", {}, check_robots=False)
        except FetchError as error:
            log.info("no robots.txt at %s (%s)", origin, error.reason)
            return None
        if response.status >= 400:
            return None
        return Protego.parse(response.text())

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        allowed_hosts: set[str] | None = None,
    ) -> Response:
        """GET ``url`` following safe redirects; raises FetchError on anything but a usable answer."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _ in range(MAX_REDIRECTS + 1):
            self._check_target(url, allowed_hosts)
            response = self._request(url, headers)
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("location")
                if not location:
                    raise FetchError(url, "redirect without location", response.status)
                url = urljoin(url, location)
                continue
            if response.status >= 400:
                raise FetchError(url, f"http {response.status}", response.status)
            return response
        raise FetchError(url, "too many redirects")

    def _check_target(self, url: str, allowed_hosts: set[str] | None) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(url, "not an http(s) URL")
        if allowed_hosts is not None and parts.hostname.lower() not in allowed_hosts:
            raise FetchError(url, f"host {parts.hostname} not allowed for this source")
        if not self.allow_private and is_private_host(parts.hostname):
            raise FetchError(url, f"host {parts.hostname} is a private address")
        if not self.allowed(url):
            raise FetchError(url, "disallowed by robots.txt")

    def _request(self, url: str, headers: dict[str, str], check_robots: bool = True) -> Response:
        origin = _origin(url)
        attempt = 0
        while True:
            with self._host_lock(origin):
                self._wait_turn(origin)
                try:
                    response = self._stream(url, headers)
                except requests.RequestException as error:
                    response = None
                    failure = f"{type(error).__name__}"
            if response is not None and response.status not in RETRY_STATUSES:
                return response
            attempt += 1
            if attempt > self.retries:
                if response is not None:
                    return response
                raise FetchError(url, f"connection failed: {failure}")
            pause = self.backoff * 2 ** (attempt - 1)
            if response is not None:
                pause = max(pause, _retry_after(response.headers.get("retry-after")))
            log.info("retrying %s in %.1fs", url, pause)
            time.sleep(min(pause, MAX_RETRY_AFTER))

    def _stream(self, url: str, headers: dict[str, str]) -> Response:
        started = time.monotonic()
        with self.session.get(
            url,
            headers={"User-Agent": self.user_agent, **headers},
            timeout=self.timeout,
            stream=True,
            allow_redirects=False,
        ) as raw:
            declared = raw.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchError(url, f"too large: {declared} bytes declared", raw.status_code)
            chunks, size = [], 0
            for chunk in raw.iter_content(64 * 1024):
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(url, f"too large: over {self.max_bytes} bytes", raw.status_code)
                if time.monotonic() - started > self.timeout * 3:
                    raise FetchError(url, "too slow: body took too long", raw.status_code)
                chunks.append(chunk)
            return Response(
                url=url,
                status=raw.status_code,
                body=b"".join(chunks),
                headers={k.lower(): v for k, v in raw.headers.items()},
                elapsed=time.monotonic() - started,
            )


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _retry_after(value: str | None) -> float:
    if not value:
        return 0.0
    if value.strip().isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return 0.0
