"""The one HTTP layer: polite, bounded and explicit about failure.

* A descriptive User-Agent with a contact URL; robots.txt (protego) honoured, with its
  crawl-delay; a politeness delay per origin; one request at a time per origin (the caller runs
  one thread per origin, the lock makes it true whatever the caller does).
* Timeouts on connect and on each read, plus a *total* deadline per request covering connect, headers
  and body: a watchdog shuts the socket when it passes, so a server that drips its headers or its
  body a byte at a time fails with "too slow" (and counts against its origin) instead of hanging.
* Retries with exponential backoff on connection errors, truncated bodies, 429 and 5xx; a
  Retry-After header is honoured (and holds back the whole origin) up to ``max_retry_after``,
  beyond which the URL fails at once instead of stalling the run.
* A streamed size cap counted on *decoded* bytes, so gzip bombs stop at the cap too.
* Redirects followed by hand, each hop checked by ``HostPolicy`` (own origins only — another port
  is another origin —, no private addresses unless the source opts in); redirect loops detected.
* Each request goes on a fresh connection to the address the policy checked (DNS resolved once and
  pinned; TLS still verifies the certificate against the host name), so a DNS answer that changes
  between check and connect cannot reach a private address. Proxy environment variables are not
  used (a proxy would resolve names itself, undoing the pin).
* A body shorter than its Content-Length is a truncated fetch: retried, never returned.
* Conditional requests: ``etag`` / ``last_modified`` become If-None-Match / If-Modified-Since.
* An origin that keeps failing at the connection level is given up for the rest of the run.
"""

from __future__ import annotations

import contextlib
import http.client
import logging
import os
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

import certifi
import urllib3
from protego import Protego
from requests.utils import requote_uri
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.util.ssl_ import create_urllib3_context

from . import __version__
from .charset import decode
from .netpolicy import HostPolicy, PolicyError, UnresolvedHost, origin_key

__all__ = ["DEFAULT_USER_AGENT", "FetchError", "Fetcher", "Response", "decode"]
log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = f"nhswatch/{__version__} (+https://github.com/nhswatch/nhswatch; NHS oversight research)"
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024
DEAD_AFTER = 5
MAX_CRAWL_DELAY = 30.0


class FetchError(Exception):
    """A URL could not be fetched; ``reason`` is short and machine-friendly."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


class _Transient(Exception):
    """A failure worth retrying (connection error, timeout, truncated body)."""


class _TooSlow(Exception):
    """The request's total deadline passed: not retried (a drip would only stall the run again)."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


@dataclass
class Response:
    """A fetched resource. ``url`` is the final URL after redirects."""

    url: str
    status: int
    body: bytes
    headers: dict[str, str]
    elapsed: float = 0.0
    from_archive: bool = False

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def text(self) -> str:
        """The body decoded (see ``scraper.charset.decode``)."""
        return decode(self.body, self.headers.get("content-type", ""))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _retry_after(value: str | None) -> float:
    if not value:
        return 0.0
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError):
        return 0.0


@dataclass
class _OriginState:
    lock: threading.Lock = field(default_factory=threading.Lock)
    robots: Protego | None = None
    robots_loaded: bool = False
    robots_error: str | None = None
    last: float = 0.0
    not_before: float = 0.0
    failures: int = 0


@dataclass
class Fetcher:
    """Fetches URLs for one run. Thread-safe; one request at a time per origin."""

    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 20.0
    deadline: float = 60.0
    max_bytes: int = MAX_BYTES
    delay: float = 1.0
    retries: int = 3
    backoff: float = 1.0
    max_retry_after: float = 120.0
    respect_robots: bool = True
    policy: HostPolicy = field(default_factory=HostPolicy)
    ca_certs: str | None = None
    _ssl: ssl.SSLContext | None = None
    _origins: dict[str, _OriginState] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    # -- per-origin state -------------------------------------------------------------------
    def _state(self, origin: str) -> _OriginState:
        with self._guard:
            return self._origins.setdefault(origin, _OriginState())

    def _wait_turn(self, state: _OriginState) -> None:
        crawl_delay = 0.0
        if state.robots is not None:
            crawl_delay = min(float(state.robots.crawl_delay(self.user_agent) or 0), MAX_CRAWL_DELAY)
        start = max(state.last + max(self.delay, crawl_delay), state.not_before)
        wait = start - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        state.last = time.monotonic()

    # -- robots.txt -------------------------------------------------------------------------
    def allowed(self, url: str) -> bool:
        """robots.txt lets this agent fetch ``url`` (raises FetchError if robots.txt is unreachable)."""
        if not self.respect_robots:
            return True
        origin = _origin(url)
        state = self._state(origin)
        if not state.robots_loaded:
            self._load_robots(origin, state)
        if state.robots_error:
            raise FetchError(url, state.robots_error)
        return state.robots is None or state.robots.can_fetch(url, self.user_agent)

    def _load_robots(self, origin: str, state: _OriginState) -> None:
        url = origin + "/robots.txt"
        try:
            response = self._request(url, {}, robots=True)
            for _ in range(MAX_REDIRECTS):  # RFC 9309: follow redirects, here within the same origin only
                location = response.headers.get("location")
                if response.status not in REDIRECT_STATUSES or not location:
                    break
                url = urljoin(url, location.strip())
                if origin_key(url) != origin_key(origin):
                    break
                response = self._request(url, {}, robots=True)
        except FetchError as error:
            state.robots_error = f"robots.txt unreachable ({error.reason})"
            state.robots_loaded = True
            return
        if response.status >= 500 or response.status == 429:
            # RFC 9309: a server error on robots.txt means "assume complete disallow".
            state.robots = Protego.parse("User-agent: *\nDisallow: /\n")
        elif response.status < 300:
            state.robots = Protego.parse(response.text())
        state.robots_loaded = True

    def robots_status(self, url: str) -> str:
        """A one-line description of robots.txt for ``url``'s origin (for ``sources check``)."""
        try:
            ok = self.allowed(url)
        except FetchError as error:
            return error.reason
        state = self._state(_origin(url))
        kind = "present" if state.robots is not None else "absent"
        return f"robots.txt {kind}; {'allows' if ok else 'DISALLOWS'} this URL"

    def sitemaps(self, url: str) -> list[str]:
        """Sitemap URLs that ``url``'s robots.txt names."""
        try:
            self.allowed(url)
        except FetchError:
            return []
        robots = self._state(_origin(url)).robots
        return list(robots.sitemaps) if robots is not None else []

    # -- GET --------------------------------------------------------------------------------
    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        allowed_hosts: set[str] | None = None,
        allow_private: bool = False,
    ) -> Response:
        """GET ``url`` following checked redirects; raises FetchError on anything but a usable answer.

        A 304 (when validators were given) is returned as a Response with an empty body.
        """
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        home = url
        seen = {url}
        for hop in range(MAX_REDIRECTS + 1):
            address = self._check(url, allowed_hosts, allow_private, redirect=hop > 0, home=home)
            if not self.allowed(url):
                raise FetchError(url, "disallowed by robots.txt")
            response = self._request(url, headers, address=address)
            if response.status in REDIRECT_STATUSES:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(url, "redirect without location", response.status)
                url = urljoin(url, location.strip())
                if url in seen:
                    raise FetchError(url, "redirect loop", response.status)
                seen.add(url)
                continue
            if response.status >= 400:
                raise FetchError(url, f"http {response.status}", response.status)
            return response
        raise FetchError(url, f"too many redirects (over {MAX_REDIRECTS})")

    def _check(
        self,
        url: str,
        allowed_hosts: set[str] | None,
        allow_private: bool,
        *,
        redirect: bool = False,
        home: str | None = None,
    ) -> str | None:
        """The policy's verdict on ``url``: the (pinned) address to connect to, or FetchError."""
        try:
            return self.policy.check(url, allowed_hosts, allow_private, redirect=redirect, home=home)
        except UnresolvedHost as error:
            state = self._state(_origin(url))
            state.failures += 1
            raise FetchError(url, f"connection failed: {error.reason}") from None
        except PolicyError as error:
            raise FetchError(url, error.reason) from None

    def _request(self, url: str, headers: dict[str, str], robots: bool = False, address: str | None = None) -> Response:
        """One URL, no redirects, with retries; returns any HTTP answer it finally gets."""
        origin = _origin(url)
        state = self._state(origin)
        if state.failures >= DEAD_AFTER:
            raise FetchError(url, f"host unreachable ({state.failures} connection failures in a row)")
        if address is None and self.policy.resolve:
            # robots.txt of an origin whose page URL has passed the policy: the same pinned address
            addresses = self.policy.addresses(urlsplit(url).hostname or "")
            if not addresses:
                raise FetchError(url, "connection failed: DNS lookup failed")
            address = addresses[0]
        attempt = 0
        while True:
            failure: str | None = None
            response: Response | None = None
            with state.lock:
                self._wait_turn(state)
                try:
                    response = self._stream(url, headers, address)
                except _Transient as error:
                    failure = str(error)
                except _TooSlow as error:
                    if not robots:
                        state.failures += 1  # a drip-feeding origin is given up like a dead one
                    raise FetchError(url, str(error), error.status) from None
                finally:
                    state.last = time.monotonic()  # the politeness delay counts from the end of a request
            if response is not None:
                state.failures = 0
                if response.status not in RETRY_STATUSES:
                    return response
            attempt += 1
            pause = self.backoff * 2 ** (attempt - 1)
            if response is not None:
                asked = _retry_after(response.headers.get("retry-after"))
                if asked > self.max_retry_after:
                    raise FetchError(
                        url,
                        f"http {response.status}; Retry-After {asked:.0f}s is beyond "
                        f"the {self.max_retry_after:.0f}s limit",
                        response.status,
                    )
                pause = max(pause, asked)
                state.not_before = time.monotonic() + asked
            if attempt > self.retries:
                if response is not None:
                    return response
                if not robots:
                    state.failures += 1
                raise FetchError(url, failure or "connection failed")
            log.info("retrying %s in %.2fs (%s)", url, pause, failure or f"http {response.status}")
            time.sleep(pause)

    def _ssl_context(self) -> ssl.SSLContext:
        with self._guard:
            if self._ssl is None:
                context = create_urllib3_context(cert_reqs=ssl.CERT_REQUIRED)
                context.load_verify_locations(
                    cafile=self.ca_certs or os.environ.get("REQUESTS_CA_BUNDLE") or certifi.where()
                )
                self._ssl = context
            return self._ssl

    def _connection(self, url: str, address: str | None, timeout: float) -> tuple[HTTPConnection, str, str]:
        """A fresh connection to the pinned ``address`` of ``url``'s host; (connection, Host header, path)."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        with contextlib.suppress(UnicodeError):
            host = host.encode("idna").decode("ascii")
        https = parts.scheme == "https"
        port = parts.port or (443 if https else 80)
        target = address or host
        if https:
            connection = HTTPSConnection(
                target,
                port,
                timeout=timeout,
                server_hostname=host.strip("[]"),
                assert_hostname=host.strip("[]"),
                ssl_context=self._ssl_context(),
            )
        else:
            connection = HTTPConnection(target, port, timeout=timeout)
        bracketed = f"[{host}]" if ":" in host else host
        host_header = bracketed if port == (443 if https else 80) else f"{bracketed}:{port}"
        path = requote_uri(urlunsplit(("", "", parts.path or "/", parts.query, "")))
        return connection, host_header, path

    def _stream(self, url: str, headers: dict[str, str], address: str | None = None) -> Response:
        """One GET on a new connection to the pinned address, all of it (connect, headers, body)
        within ``deadline``: a watchdog shuts the socket when the deadline passes, so a server that
        drips its headers or body a byte at a time cannot hold the run."""
        started = time.monotonic()
        timeout = min(self.timeout, self.deadline)  # per connect and per read; the watchdog bounds the total
        connection, host_header, path = self._connection(url, address, timeout)
        expired = threading.Event()

        def expire() -> None:
            expired.set()
            sock = connection.sock
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

        watchdog = threading.Timer(self.deadline, expire)
        watchdog.daemon = True
        watchdog.start()
        try:
            try:
                connection.request(
                    "GET",
                    path,
                    headers={
                        "Host": host_header,
                        "User-Agent": self.user_agent,
                        "Accept-Encoding": "gzip, deflate",
                        "Accept": "*/*",
                        "Connection": "close",
                        **headers,
                    },
                    preload_content=False,
                    decode_content=True,
                    enforce_content_length=True,
                )
                raw = connection.getresponse()
            except (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError, ValueError) as error:
                if expired.is_set():
                    raise _TooSlow(f"too slow: no answer within the {self.deadline:g}s deadline") from error
                if isinstance(error, (TimeoutError, urllib3.exceptions.TimeoutError)) and not isinstance(
                    error, urllib3.exceptions.NewConnectionError
                ):
                    raise _Transient(f"timeout: {type(error).__name__}") from error
                raise _Transient(f"connection failed: {type(error).__name__}") from error
            response_headers = {k.lower(): v for k, v in raw.headers.items()}
            body = b""
            if raw.status not in REDIRECT_STATUSES and raw.status != 304:
                body = self._read_body(url, raw, expired)
            return Response(
                url=url, status=raw.status, body=body, headers=response_headers, elapsed=time.monotonic() - started
            )
        finally:
            watchdog.cancel()
            connection.close()

    def _read_body(self, url: str, raw: urllib3.HTTPResponse, expired: threading.Event) -> bytes:
        declared = raw.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(url, f"too large: {declared} bytes declared (limit {self.max_bytes})", raw.status)
        too_slow = f"too slow: body not complete within the {self.deadline:g}s deadline"
        chunks, size = [], 0
        while True:
            try:
                chunk = raw.read1(CHUNK, decode_content=True)
            except urllib3.exceptions.ReadTimeoutError as error:
                if expired.is_set():
                    raise _TooSlow(too_slow, raw.status) from error
                raise _Transient("timeout while reading body") from error
            except urllib3.exceptions.DecodeError as error:
                raise FetchError(url, f"bad content encoding: {error}", raw.status) from error
            except (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError) as error:
                if expired.is_set():
                    raise _TooSlow(too_slow, raw.status) from error
                raise _Transient(f"truncated body: {type(error).__name__}") from error
            if expired.is_set():
                raise _TooSlow(too_slow, raw.status)
            if not chunk:
                break
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(url, f"too large: over {self.max_bytes} bytes", raw.status)
            chunks.append(chunk)
        if declared.isdigit() and raw.tell() < int(declared):  # belt and braces: urllib3 enforces it too
            raise _Transient(f"truncated body: {raw.tell()} of {declared} bytes")
        return b"".join(chunks)
