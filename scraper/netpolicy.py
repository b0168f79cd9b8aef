"""Where the scraper may go: http(s) only, a source's own hosts, and no private addresses.

A URL (first request or any redirect hop) is refused when its host is not one of the source's
allowed hosts, or when the host is, or resolves to, a loopback, private, link-local, reserved or
multicast address, unless the source opts in with ``allow_private`` (test and demo sites on
127.0.0.1) *and* the host is one of its own. DNS answers are cached for the life of the policy.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from urllib.parse import urlsplit

LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})


class PolicyError(Exception):
    """A URL the policy refuses; ``reason`` is short and stable."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _is_private_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return bool(ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast
                or ip.is_unspecified)


class HostPolicy:
    """Decides whether a URL may be fetched; thread-safe."""

    def __init__(self, resolve: bool = True):
        self.resolve = resolve
        self._cache: dict[str, bool] = {}
        self._lock = threading.Lock()

    def is_private(self, host: str) -> bool:
        """True when ``host`` is or resolves to a non-public address (unresolvable hosts are not)."""
        host = host.lower().strip("[]")
        with self._lock:
            if host in self._cache:
                return self._cache[host]
        try:
            private = _is_private_address(host)
        except ValueError:
            private = host in LOCAL_NAMES or host.endswith(".localhost")
            if not private and self.resolve:
                try:
                    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
                except (socket.gaierror, UnicodeError, OSError):
                    infos = []
                private = any(_is_private_address(info[4][0]) for info in infos)
        with self._lock:
            self._cache[host] = private
        return private

    def check(self, url: str, allowed_hosts: set[str] | None, allow_private: bool, *, redirect: bool = False) -> None:
        """Raise PolicyError when ``url`` may not be fetched."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise PolicyError(f"not an http(s) URL: {url[:100]}")
        host = parts.hostname.lower()
        own = allowed_hosts is None or host in allowed_hosts
        what = "redirect to" if redirect else "URL on"
        if self.is_private(host) and not (allow_private and own):
            raise PolicyError(f"{what} private address {host} refused")
        if not own:
            raise PolicyError(f"{what} host {host} not allowed for this source")
