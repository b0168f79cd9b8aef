"""One page, one URL: canonical article URLs before anything is stored.

``canonical_url`` lower-cases scheme and host, drops a default port, user info, the fragment and
tracking parameters (``utm_*``, ``fbclid``, ``gclid`` …), resolves dot-segments, normalises
percent-encoding and sorts the query (w3lib's ``canonicalize_url`` does the last three), and can
upgrade http to https. ``identity`` is what two URLs of the same page share: the canonical URL
without its scheme and without a trailing slash. The crawler keys links by identity and, of the
variants of a page, keeps the one already stored (so existing documents keep their ids).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

DEFAULT_PORTS = {"http": 80, "https": 443}
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "hsa_", "_hs", "mc_", "oly_", "vero_", "ns_", "at_", "piwik_")
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "igshid",
        "igsh",
        "li_fat_id",
        "mkt_tok",
        "_ga",
        "_gl",
        "_openstat",
        "hsctatracking",
        "s_cid",
        "cmp",
        "cmpid",
        "rb_clickid",
        "ref_src",
        "ref_url",
        "wt.mc_id",
        "ocid",
        "xtor",
        "spm",
        "sr_share",
        "fb_action_ids",
        "fb_action_types",
        "fb_source",
        "action_object_map",
        "action_type_map",
        "action_ref_map",
    }
)
_LEADING_DOTS = re.compile(r"^(/\.\.)+(?=/|$)")


def is_tracking(name: str) -> bool:
    """A query parameter that identifies a campaign or a click, not the page."""
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def canonical_url(url: str, *, prefer_https: bool = False) -> str:
    """The canonical form of an http(s) URL (anything else is returned unchanged)."""
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return url
    try:
        port = parts.port
    except ValueError:
        return url
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k)])
    host = parts.hostname.lower().rstrip(".")
    if prefer_https and scheme == "http" and port in (None, 80):
        scheme, port = "https", None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    path = _LEADING_DOTS.sub("", parts.path) or "/"
    return canonicalize_url(urlunsplit((scheme, netloc, path, query, "")), keep_blank_values=True)


def identity(url: str) -> str:
    """What all URLs of one page share: the canonical URL without scheme or trailing slash."""
    parts = urlsplit(canonical_url(url))
    path = parts.path.rstrip("/") or "/"
    return f"{parts.netloc}{path}" + (f"?{parts.query}" if parts.query else "")
