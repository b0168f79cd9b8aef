"""Refuse hostile XML before any parser that might expand it sees it.

Feeds and sitemaps are first parsed by defusedxml with entity declarations and external
references forbidden: a billion-laughs or external-entity document raises ``UnsafeXML`` at the
declaration, before anything is expanded. Merely malformed XML passes this check (it is left to
the lenient feed parser, which expands nothing). Gzipped sitemaps are inflated with a cap.
"""

from __future__ import annotations

import zlib
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

MAX_INFLATED = 50 * 1024 * 1024


class UnsafeXML(ValueError):
    """The document declares entities or refers to external resources."""


def check(body: bytes) -> None:
    """Raise UnsafeXML if ``body`` declares entities or external references."""
    try:
        fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise UnsafeXML(f"refused: {type(error).__name__}") from error
    except (ParseError, ValueError, LookupError):
        return


def gunzip(body: bytes, limit: int = MAX_INFLATED) -> bytes:
    """Inflate a gzip body (``.xml.gz`` sitemaps) without letting it grow past ``limit``."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, limit + 1)
    except zlib.error as error:
        raise ValueError(f"bad gzip data: {error}") from error
    if len(out) > limit:
        raise ValueError(f"gzip body inflates past {limit} bytes")
    return out
