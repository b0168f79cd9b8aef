"""Where the scraper may go: http(s) only, a source's own origins, and no private addresses.

A URL (first request or any redirect hop) is refused when its origin is not one of the source's
allowed origins, or when the host is, or resolves to, a loopback, private, link-local, reserved or
multicast address, unless the source opts in with ``allow_private`` (test and demo sites on
127.0.0.1) *and* the origin is one of its own.

An origin is a host *and a port*: an ``allowed_hosts`` entry ``host`` allows that host on the
default ports (80 and 443, so an http → https redirect stays home); ``host:port`` allows that port
only. A redirect to another port of the same host is therefore a new origin, refused unless listed.

DNS is resolved once per host (and cached for the life of the policy); ``check`` returns the
address it judged, and the fetcher connects to exactly that address (it is *pinned*), so a DNS
answer that changes between the check and the connect cannot reach a private address.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from urllib.parse import urlsplit

LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
DEFAULT_PORTS = {"http": 80, "https": 443}


class PolicyError(Exception):
    """A URL the policy refuses; ``reason`` is short and stable."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class UnresolvedHost(PolicyError):
    """The host has no address (a DNS failure): a connection failure, not a refusal."""


def _is_private_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return bool(
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast or ip.is_unspecified
    )


def _literal(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.split("%", 1)[0]))
    except ValueError:
        return None


def _entry_host(entry: str) -> str:
    if entry.startswith("["):
        return entry[1 : entry.find("]")]
    return entry.split(":", 1)[0] if entry.count(":") == 1 else entry


def origin_key(url: str) -> str | None:
    """``host:port`` of an http(s) URL (IPv6 hosts bracketed), the port made explicit; None otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError:
        return None
    host = parts.hostname.lower()
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def host_entry(url: str) -> str | None:
    """The ``allowed_hosts`` entry for ``url``'s origin: ``host`` on a default port, else ``host:port``."""
    parts = urlsplit(url)
    key = origin_key(url)
    if key is None:
        return None
    host = parts.hostname.lower()
    return host if key.rsplit(":", 1)[1] == str(DEFAULT_PORTS[parts.scheme]) else key


def origin_allowed(url: str, allowed_hosts: set[str] | None) -> bool:
    """``url``'s host and port are among ``allowed_hosts`` (None allows every origin)."""
    if allowed_hosts is None:
        return True
    key = origin_key(url)
    if key is None:
        return False
    if key in allowed_hosts:
        return True
    host, port = key.rsplit(":", 1)
    return int(port) in DEFAULT_PORTS.values() and host.strip("[]") in allowed_hosts


class HostPolicy:
    """Decides whether a URL may be fetched and which address to connect to; thread-safe."""

    def __init__(self, resolve: bool = True):
        self.resolve = resolve
        self._cache: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()

    def addresses(self, host: str) -> tuple[str, ...]:
        """The addresses of ``host``, resolved once (an empty answer is not cached, so a retry re-asks)."""
        host = host.lower().strip("[]")
        literal = _literal(host)
        if literal is not None:
            return (literal,)
        with self._lock:
            if host in self._cache:
                return self._cache[host]
        if not self.resolve:
            return ()
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError, OSError):
            infos = []
        found = tuple(dict.fromkeys(str(info[4][0]) for info in infos))
        if found:
            with self._lock:
                found = self._cache.setdefault(host, found)
        return found

    def is_private(self, host: str) -> bool:
        """True when ``host`` is or resolves to a non-public address (unresolvable hosts are not)."""
        host = host.lower().strip("[]")
        if host in LOCAL_NAMES or host.endswith(".localhost"):
            return True
        return any(_is_private_address(address) for address in self.addresses(host))

    def check(
        self,
        url: str,
        allowed_hosts: set[str] | None,
        allow_private: bool,
        *,
        redirect: bool = False,
        home: str | None = None,
    ) -> str | None:
        """Raise PolicyError when ``url`` may not be fetched; else return the address to connect to.

        ``home`` is the URL the request started from: with ``allowed_hosts`` None, a private address
        is allowed (``allow_private``) only on that URL's own host and port. None is returned only
        when the policy does not resolve names (``resolve=False``, for offline tests).
        """
        parts = urlsplit(url)
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            raise PolicyError(f"not an http(s) URL: {url[:100]}")
        try:
            parts.port  # noqa: B018 - a port that is not a number raises here
        except ValueError:
            raise PolicyError(f"bad port in URL: {url[:100]}") from None
        host = parts.hostname.lower()
        own = origin_allowed(url, allowed_hosts)
        what = "redirect to" if redirect else "URL on"
        private = self.is_private(host)
        if private:
            own_private = own if allowed_hosts is not None else origin_key(url) == origin_key(home or url)
            if not (allow_private and own_private):
                raise PolicyError(f"{what} private address {host} refused")
        if not own:
            if allowed_hosts is not None and host in {_entry_host(entry) for entry in allowed_hosts}:
                raise PolicyError(
                    f"{what} host {host} port {origin_key(url).rsplit(':', 1)[1]} not allowed "
                    f"for this source (another port is another origin)"
                )
            raise PolicyError(f"{what} host {host} not allowed for this source")
        if not self.resolve:
            return None
        addresses = self.addresses(host)
        if not addresses:
            raise UnresolvedHost(f"DNS lookup failed for {host}")
        return addresses[0]
