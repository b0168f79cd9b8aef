"""Bytes → text for web pages whose declared charset cannot be trusted.

Order: a byte-order mark; strict UTF-8 (random bytes in any other encoding almost never decode
as UTF-8, so a page that does *is* UTF-8 whatever its header says); the HTTP header's charset; a
``<meta charset>`` in the first 4 KB; Windows-1252 (the legacy encoding of English-language
sites, which charset detectors confuse with its Central European cousin on short pages);
charset-normalizer's guess; and last cp1252 with replacement characters. ISO-8859-1 and ASCII
are read as cp1252, as browsers do.
"""

from __future__ import annotations

import codecs
import re

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w:.]+)""", re.I)
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
BROWSER_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
}


def declared_charset(content_type: str) -> str | None:
    """The ``charset`` parameter of a Content-Type header, lower-cased."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value.strip("\"' "):
            return value.strip("\"' ").lower()
    return None


def _usable(name: str | None) -> str | None:
    if not name:
        return None
    name = BROWSER_ALIASES.get(name.lower(), name.lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(body: bytes, content_type: str = "") -> str:
    """Decode ``body``, trusting a declared charset only as far as the bytes agree with it."""
    for bom, encoding in BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    meta = META_CHARSET.search(body[:4096])
    for name in (declared_charset(content_type), meta.group(1).decode("ascii", "ignore") if meta else None):
        encoding = _usable(name)
        if encoding and encoding not in ("utf-8", "utf_8"):
            try:
                return body.decode(encoding)
            except UnicodeDecodeError:
                continue
    try:  # English-language sites: the legacy encoding is almost always Windows-1252
        return body.decode("cp1252")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    if best is not None and best.encoding:
        return body.decode(best.encoding, errors="replace")
    return body.decode("cp1252", errors="replace")
