"""The archived copy for people: ``/-/archive/<sha256>`` shows the article as readable text, with the
evidence sentence (``?highlight=...``) marked ``<mark id="evidence">`` and scrolled to (``#evidence``).

The text is the document text nhswatch stored from that fetch (what the extractor read), else the main
text trafilatura finds in the archived HTML, else the archived bytes as plain text. Everything is
escaped: scraped markup is never rendered. The raw response stays one click away at
``/-/archive/<sha256>/raw`` (inert ``text/plain``, served by the main plugin).
"""

from __future__ import annotations

import gzip
import re
from typing import Any

import markupsafe
from datasette import hookimpl
from datasette.utils.asgi import Response

from nhswatch.site.common import archived_fetch
from nhswatch.site.links import public_link

MAX_READ_BYTES = 5 * 1024 * 1024
MAX_HIGHLIGHT = 2000


def paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs of ``text`` (blank lines, else single line breaks, separate them)."""
    parts = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [" ".join(p.split()) for p in parts if p.strip()]


def find_span(paragraph: str, sentence: str) -> tuple[int, int] | None:
    """Where ``sentence`` is in ``paragraph``: exact, then ignoring case and runs of white space."""
    if not sentence:
        return None
    at = paragraph.find(sentence)
    if at >= 0:
        return at, at + len(sentence)
    words = [re.escape(w) for w in sentence.split()]
    if not words:
        return None
    match = re.search(r"\s+".join(words), paragraph, re.I)
    return match.span() if match else None


def render_text(text: str, sentence: str | None) -> tuple[list[markupsafe.Markup], bool]:
    """Escaped paragraphs; the first occurrence of ``sentence`` wrapped in ``<mark id="evidence">``. Evidence
    over several lines (a list's introduction and a member) is marked by its first line found alone."""
    parts = paragraphs(text)
    lines = [" ".join(line.split()) for line in (sentence or "").splitlines() if line.strip()]
    options = [" ".join((sentence or "").split()), *lines]
    sentence = next((o for o in options if any(find_span(para, o) for para in parts)), options[0])
    out, found = [], False
    for para in parts:
        span = None if found else find_span(para, sentence)
        if span:
            found = True
            start, end = span
            out.append(
                markupsafe.Markup('{}<mark id="evidence">{}</mark>{}').format(para[:start], para[start:end], para[end:])
            )
        else:
            out.append(markupsafe.Markup("{}").format(para))
    return out, found


def main_text(body: bytes) -> str | None:
    """The article text trafilatura finds in archived HTML, or None."""
    try:
        import trafilatura

        return trafilatura.extract(body.decode("utf-8", errors="replace"), include_comments=False) or None
    except Exception:  # a page trafilatura cannot parse is shown raw instead
        return None


async def stored_text(db: Any, digest: str, url: str) -> dict[str, Any] | None:
    """The stored document of ``url`` if ``digest`` is its latest archived fetch (the text matches the copy)."""
    latest = (
        await db.execute(
            "select content_hash from fetches where url = ? and content_hash is not null order by id desc limit 1",
            [url],
        )
    ).first()
    if latest is None or latest["content_hash"] != digest:
        return None
    row = (
        await db.execute("select id, title, published, publisher, source, text from documents where url = ?", [url])
    ).first()
    return dict(row) if row and row["text"] else None


async def readable_copy(datasette: Any, request: Any) -> Response:
    """/-/archive/<sha256>: the archived article as readable text, the evidence sentence highlighted."""
    db, fetch, digest, path = await archived_fetch(datasette, request)
    document = await stored_text(db, digest, fetch["url"])
    if document:
        text, origin = document["text"], "the text nhswatch stored from this page"
    else:
        with gzip.open(path, "rb") as handle:
            body = handle.read(MAX_READ_BYTES)
        extracted = main_text(body)
        text = extracted or body.decode("utf-8", errors="replace")
        origin = "the main text of the archived page" if extracted else "the archived page, as plain text"
    highlight = (request.args.get("highlight") or "")[:MAX_HIGHLIGHT]
    shown, found = render_text(text, highlight)
    context = {
        "digest": digest,
        "fetch": dict(fetch),
        "document": document,
        "database": db.name,
        "origin_link": public_link(fetch["url"], fetch["source"]),
        "paragraphs": shown,
        "highlight": highlight,
        "found": found,
        "text_origin": origin,
        "raw_url": datasette.urls.path(f"/-/archive/{digest}/raw"),
    }
    return Response.html(await datasette.render_template("nhswatch_archive.html", context, request=request))


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/-/archive/(?P<digest>[0-9a-f]{64})$", readable_copy)]
