"""Documents for ``nhswatch extract``/``load``: .txt, .html and .jsonl files, or JSONL on stdin.

JSONL is read a line at a time, so a file of any size is accepted and memory holds one document. A
.txt or .html file is one document, read whole: those are refused above ``MAX_FILE_BYTES``. A file of
another name (``data.json``, ``/dev/stdin``) whose first line is a JSON document is read as JSONL (whole,
under the same limit); otherwise it is one plain-text document.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from nhswatch.scraper.charset import decode

MAX_FILE_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".html", ".htm"})  # read as one document whatever they hold


class InputError(Exception):
    """A file could not be read as documents."""


def _from_html(doc: dict[str, Any]) -> dict[str, Any]:
    from nhswatch.scraper.article import parse_article  # lxml and trafilatura: only for HTML input

    article = parse_article(doc["html"], doc.get("url") or "")
    return {
        **doc,
        "text": article.text,
        "title": doc.get("title") or article.title,
        "published": doc.get("published") or article.published,
        "publisher": doc.get("publisher") or article.publisher,
    }


def _jsonl(lines: Iterable[str], origin: str) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{origin}:{number}: not JSON ({error.msg})") from error
        if not isinstance(doc, dict) or not ("text" in doc or "html" in doc):
            raise InputError(f"{origin}:{number}: a document needs 'text' or 'html'")
        doc.setdefault("id", f"{Path(origin).stem}:{number}")
        yield _from_html(doc) if "html" in doc and "text" not in doc else doc


def read_documents(path: str) -> Iterator[dict[str, Any]]:
    """Documents in ``path`` ('-' = JSONL on stdin); raises InputError naming the file."""
    if path == "-":
        yield from _jsonl(iter(sys.stdin), "<stdin>")
        return
    file = Path(path)
    if file.suffix.lower() == ".jsonl":
        yield from _jsonl(_lines(file), path)
        return
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            raise InputError(f"{path}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        raw = file.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: {error.strerror or error}") from error
    text = decode(raw)
    if file.suffix.lower() not in TEXT_SUFFIXES and _first_line_is_document(text):
        # JSONL under another name ("data.json", /dev/stdin): one document a line, not one document of JSON text
        yield from _jsonl(text.splitlines(), path)
        return
    if file.suffix.lower() in (".html", ".htm"):
        yield _from_html({"id": file.stem, "html": text, "url": file.resolve().as_uri()})
    else:
        yield {"id": file.stem, "text": text, "published": None}


def _first_line_is_document(text: str) -> bool:
    """Whether the first non-blank line of ``text`` is a JSON document ({"text": ...} or {"html": ...})."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    try:
        doc = json.loads(first)
    except json.JSONDecodeError:
        return False
    return isinstance(doc, dict) and ("text" in doc or "html" in doc)


def _lines(file: Path) -> Iterator[str]:
    """The lines of a JSONL file, decoded one at a time (UTF-8, else the legacy encodings ``decode`` tries)."""
    try:
        with file.open("rb") as stream:
            for raw in stream:
                yield decode(raw)
    except OSError as error:
        raise InputError(f"{file}: {error.strerror or error}") from error


def check_readable(path: str) -> None:
    """Raise InputError unless ``path`` ('-' = stdin) can be opened, before anything is written."""
    if path == "-":
        return
    try:
        with Path(path).open("rb"):
            pass
    except OSError as error:
        raise InputError(f"{path}: {error.strerror or error}") from error
