"""Which source links may be shown as links: a page on a loopback host (the demo's throwaway local
newsroom, gone once the demo stops) is never linked; its archived copy stands in for it."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

DEMO_SOURCES = frozenset({"sample-newsroom"})
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_loopback_url(url: str | None) -> bool:
    """True for an http(s) URL whose host is this machine (127.0.0.0/8, ::1, localhost)."""
    if not url or not re.match(r"https?://", url, re.I):
        return False
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return False
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    if not (host[:1].isdigit() or ":" in host):
        return False  # a host name: no address to parse (and raising per link costs)
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_demo(url: str | None, source: str | None = None) -> bool:
    """A document of the bundled demo (by its source) or any page on a loopback host."""
    return source in DEMO_SOURCES or is_loopback_url(url)


def public_link(url: str | None, source: str | None = None) -> str | None:
    """``url`` if it may be linked: an http(s) URL (never ``javascript:``/``data:``) that is not a demo page."""
    if not url or not re.match(r"https?://", url, re.I) or is_demo(url, source):
        return None
    return url
