"""The Internet Archive's CDX API: every capture of a URL prefix, with timestamp, status and digest.

Query (``cdx_url``)::

    <base>/cdx/search/cdx?url=<prefix>&matchType=prefix&output=json
        &fl=timestamp,original,statuscode,digest,mimetype&filter=statuscode:200&collapse=digest
        &from=YYYY&to=YYYY&limit=N&showResumeKey=true

The answer (``parse_cdx``) is either JSON, an array of rows whose first row names the fields, or the
default plain text, one capture a line with the fields separated by spaces in the order of ``fl``.
With ``showResumeKey=true`` a further page is announced by a resumption key: in JSON an empty row
then a one-item row holding the key, in text an empty line then the key.

``latest_captures`` keeps one capture per article: the latest good one (status 200, HTML).
A capture is replayed without the archive's rewriting at ``<base>/web/<timestamp>id_/<original>``;
``strip_toolbar`` removes the banner, scripts and link rewriting the archive injects when a page is
replayed without ``id_`` (or a mirror adds them anyway), so article parsing never sees them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

FIELDS = ("timestamp", "original", "statuscode", "digest", "mimetype")
DEFAULT_BASE = "https://web.archive.org"
PAGE_SIZE = 5000
_TIMESTAMP = re.compile(r"^\d{4,14}$")
_REPLAY = re.compile(r"/web/(?P<ts>\d{4,14})(?P<flag>[a-z]{2}_)?/(?P<original>.+)$")


class CdxError(ValueError):
    """A CDX answer that cannot be read."""


@dataclass(frozen=True)
class Capture:
    """One capture in the archive's index."""

    timestamp: str
    original: str
    statuscode: str
    digest: str
    mimetype: str

    @property
    def when(self) -> str:
        """The capture time, ISO 8601 UTC (``2019-05-14T09:30:00+00:00``)."""
        return capture_time(self.timestamp)

    def replay_url(self, base: str) -> str:
        return replay_url(base, self.timestamp, self.original)


def capture_time(timestamp: str) -> str:
    """``20190514093000`` → ``2019-05-14T09:30:00+00:00`` (missing digits count as the start of the period)."""
    ts = (timestamp + "00000101000000"[len(timestamp) :])[:14]
    return f"{ts[:4]}-{ts[4:6]}-{ts[6:8]}T{ts[8:10]}:{ts[10:12]}:{ts[12:14]}+00:00"


def replay_url(base: str, timestamp: str, original: str) -> str:
    """The capture as archived, without the archive's toolbar or link rewriting (the ``id_`` form)."""
    return f"{base.rstrip('/')}/web/{timestamp}id_/{original}"


def parse_replay_url(url: str) -> tuple[str, str] | None:
    """(timestamp, original URL) of a replay URL, or None."""
    match = _REPLAY.search(urlsplit(url)._replace(scheme="", netloc="").geturl())
    return (match["ts"], match["original"]) if match else None


def cdx_url(
    base: str,
    prefix: str,
    *,
    year_from: int | None = None,
    year_to: int | None = None,
    output: str = "json",
    resume_key: str | None = None,
    limit: int = PAGE_SIZE,
) -> str:
    """The CDX query for the captures of ``prefix`` (successful ones, consecutive duplicates collapsed)."""
    query: list[tuple[str, str]] = [
        ("url", prefix),
        ("matchType", "prefix"),
        ("fl", ",".join(FIELDS)),
        ("filter", "statuscode:200"),
        ("collapse", "digest"),
        ("limit", str(limit)),
        ("showResumeKey", "true"),
    ]
    if output == "json":
        query.append(("output", "json"))
    if year_from:
        query.append(("from", str(year_from)))
    if year_to:
        query.append(("to", str(year_to)))
    if resume_key:
        query.append(("resumeKey", resume_key))
    return f"{base.rstrip('/')}/cdx/search/cdx?{urlencode(query)}"


def _capture(values: list[str], fields: tuple[str, ...]) -> Capture:
    row = dict(zip(fields, values, strict=False))
    if not _TIMESTAMP.match(row.get("timestamp", "")) or not row.get("original"):
        raise CdxError(f"not a capture: {values!r}")
    return Capture(**{name: row.get(name, "") for name in FIELDS})


def parse_cdx(body: bytes, fields: tuple[str, ...] = FIELDS) -> tuple[list[Capture], str | None]:
    """(captures, resumption key or None) of a CDX answer, JSON or plain text."""
    text = body.decode("utf-8", "replace").strip()
    if not text:
        return [], None
    if text.startswith("["):
        return _parse_json(text)
    return _parse_text(text, fields)


def _parse_json(text: str) -> tuple[list[Capture], str | None]:
    try:
        rows = json.loads(text)
    except ValueError as error:
        raise CdxError(f"CDX answer is not JSON: {error}") from error
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise CdxError("CDX JSON answer is not a list of rows")
    if not rows:
        return [], None
    header, rows = tuple(rows[0]), rows[1:]
    resume = None
    if len(rows) >= 2 and rows[-2] == [] and len(rows[-1]) == 1:
        resume, rows = rows[-1][0], rows[:-2]
    return [_capture([str(v) for v in row], header) for row in rows if row], resume


def _parse_text(text: str, fields: tuple[str, ...]) -> tuple[list[Capture], str | None]:
    blocks = text.split("\n\n")
    resume = blocks[1].strip() if len(blocks) > 1 and blocks[1].strip() else None
    lines = [line.split(" ") for line in blocks[0].splitlines() if line.strip()]
    return [_capture(line, fields) for line in lines], resume


def is_good(capture: Capture) -> bool:
    """A successful capture of an HTML page (the archive writes ``warc/revisit`` for some duplicates)."""
    return capture.statuscode == "200" and capture.mimetype.split(";")[0].strip().lower() in ("text/html", "")


def latest_captures(captures: list[Capture], key=lambda url: url) -> dict[str, Capture]:
    """The latest good capture (status 200, HTML) of each ``key(original)``: one capture per article.
    (Articles whose content digest equals one already stored are skipped when fetched: see ``backfill``.)"""
    latest: dict[str, Capture] = {}
    for capture in captures:
        if not is_good(capture):
            continue
        url = key(capture.original)
        if url not in latest or capture.timestamp > latest[url].timestamp:
            latest[url] = capture
    return latest


_TOOLBAR = [
    re.compile(r"<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->.*?<!--\s*END WAYBACK TOOLBAR INSERT\s*-->", re.S | re.I),
    re.compile(r"<script[^>]*>[^<]*?__wm\.(init|wombat|bt)\b.*?</script>", re.S | re.I),
    re.compile(
        r"<script[^>]*src=\"[^\"]*(/_static/js/|archive\.org/includes/|wombat\.js)[^\"]*\"[^>]*>\s*</script>", re.I
    ),
    re.compile(r"<link[^>]*href=\"[^\"]*/_static/css/[^\"]*\"[^>]*/?>", re.I),
    re.compile(r"<!--\s*End Wayback Rewrite JS Include\s*-->", re.I),
    re.compile(r"<!--\s*(FILE ARCHIVED ON|playback timings).*?-->", re.S | re.I),
]
_REWRITTEN = re.compile(r"(?P<attr>\b(?:href|src|action)=[\"'])(?:https?://[^/\"']+)?/web/\d{4,14}(?:[a-z]{2}_)?/")


def strip_toolbar(html: str) -> str:
    """The page as its site served it: the archive's banner, scripts, styles and comments removed, and
    links rewritten to ``/web/<timestamp>/<url>`` turned back into ``<url>``."""
    for pattern in _TOOLBAR:
        html = pattern.sub("", html)
    return _REWRITTEN.sub(r"\g<attr>", html)
