"""The public face of the extractor: ``extract(text, published=None) -> Result``."""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .assembly import Event, deduplicate, effect_dates
from .dates import stated_publication
from .gazetteer import Gazetteer, Organisation, default_gazetteer, user_overrides
from .page_lists import blank_link_lists
from .reader import ExtractionBudgetExceeded, Reader

__all__ = ["DEFAULT_BUDGET", "EXTRACTOR_VERSION", "ExtractionBudgetExceeded", "InputError", "Result", "extract"]
DEFAULT_BUDGET = 20.0  # seconds per document: real articles take milliseconds
PACKAGE_DIR = Path(str(resources.files("nhswatch.extract")))
# Bump when the extractor's code changes what it reads; the rule, framework and gazetteer files are hashed
# into EXTRACTOR_VERSION, so editing any of them makes `nhswatch build` re-extract stored documents.
CODE_VERSION = "0.2"
RULE_FILES = ("patterns/*.yml", "data/*.yml", "data/*.csv")


def rules_fingerprint(root: Path = PACKAGE_DIR, overrides: list[Path] | None = None) -> str:
    """A short hash of every rule, framework and gazetteer file (names and bytes, in a stable order), and of
    the gazetteer files ``nhswatch orgs refresh`` wrote to the user data directory (read instead)."""
    digest = hashlib.sha256()
    for path in sorted(p for pattern in RULE_FILES for p in root.glob(pattern)):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for path in user_overrides() if overrides is None else overrides:
        digest.update(b"user/" + path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


EXTRACTOR_VERSION = f"{CODE_VERSION}+{rules_fingerprint()}"
# Same-length replacements, so character offsets into the original text stay valid.
_STRAIGHTEN = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("\u00a0", " "), ("\u2009", " "))
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


@dataclass
class Result:
    """Organisations named in a document and the events it reports, as plain data."""

    organisations: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"organisations": self.organisations, "events": self.events}


@lru_cache(maxsize=1)
def default_reader() -> Reader:
    """The reader over the shipped gazetteer and rules, built once per process."""
    return Reader(default_gazetteer())


class InputError(ValueError):
    """A document the extractor cannot read as given (a wrong type of text or publication date)."""


def _published_text(published: object) -> str | None:
    """The publication date as an ISO string: a string as given, a date or datetime as its ISO date."""
    if published is None or isinstance(published, str):
        return published or None
    if isinstance(published, date):  # datetime is a date too
        return published.isoformat()[:10]
    raise InputError(f"published must be an ISO date string or a date, not {type(published).__name__}")


def looks_binary(text: str) -> bool:
    """True for text that is mostly control characters (a binary file read as text)."""
    sample = text[:4096]
    return bool(sample) and len(_CONTROL.findall(sample)) > len(sample) * 0.05


def publisher_of(
    gazetteer: Gazetteer, url: str | None, publisher: str | None, day: str | None, publisher_ods: str | None = None
) -> Organisation | None:
    """The organisation that published a document: the source's ODS code, its web host or its publisher name."""
    if publisher_ods and publisher_ods in gazetteer.by_code:
        return gazetteer.by_code[publisher_ods]
    if url:
        host = urlsplit(url).hostname or ""
        found = gazetteer.for_domain(host)
        if found:
            return found
    if publisher:
        return gazetteer.resolve(publisher, day)
    return None


def named_as_then(event: Event, gazetteer: Gazetteer) -> Event:
    """An event dated before its body existed, whose words name the body it merged from ("NHS Mid and South
    Essex Integrated Care Board entered the programme in 2024", read in 2026): that earlier body's event."""
    org = event.org
    if not (event.date_from_text and event.date and org.open_date and event.date < org.open_date[: len(event.date)]):
        return event
    then = [o for o in gazetteer.candidates(event.mention, event.date) if o.ods_code != org.ods_code]
    if len(then) == 1 and org.ods_code in gazetteer.successors_of(then[0].ods_code):
        event.org = then[0]
        event.rules = [*event.rules, "org.named_as_then"]
    return event


def undated_after_closure(event: Event) -> Event:
    """An event the text does not date, of a body closed by the publication ("Heart of England was rated requires
    improvement", read after the merger): when is unknown, and it cannot be the publication."""
    org = event.org
    if event.date_from_text or not event.date or not org.close_date or event.date < org.close_date[: len(event.date)]:
        return event
    event.date = None
    event.rules = [*event.rules, "date.closed_before"]
    return event


def extract(
    text: str,
    published: str | None = None,
    *,
    url: str | None = None,
    publisher: str | None = None,
    publisher_ods: str | None = None,
    budget: float = DEFAULT_BUDGET,
) -> Result:
    """Organisations and status-change events in ``text``.

    Args:
        text: plain text of the document (paragraphs separated by line breaks).
        published: publication date (ISO string, or a date) that relative dates are resolved against.
        url: where the document came from; its host identifies the publisher ("the Trust", "we").
        publisher: the publisher's name, when the URL does not say who it is.
        publisher_ods: the publisher's ODS code when the caller knows it (the source registry does).
        budget: seconds of work allowed for the document; beyond it ``ExtractionBudgetExceeded`` is raised.

    Raises:
        InputError: ``text`` is not a string, or ``published`` is neither a string nor a date.
        ExtractionBudgetExceeded: the document took longer than ``budget``.
    """
    if text is not None and not isinstance(text, str):
        raise InputError(f"text must be a string, not {type(text).__name__}")
    published = _published_text(published)
    if not text or not text.strip() or looks_binary(text):
        return Result()
    gazetteer = default_gazetteer()
    straight = text
    for curly, plain in _STRAIGHTEN:
        straight = straight.replace(curly, plain)
    straight = blank_link_lists(straight, default_reader().lexicon)
    published = published or stated_publication(straight)
    publisher_org = publisher_of(gazetteer, url, publisher, published, publisher_ods)
    state = default_reader().read(straight, text, published, publisher_org, deadline=time.monotonic() + budget)
    events = deduplicate(effect_dates(state.last_events, straight, published), published)
    events = [undated_after_closure(named_as_then(event, gazetteer)) for event in events]
    mentions = [m for m in state.mentions if m.org.ods_code]  # organisations outside the gazetteer have no code
    counts = Counter(m.org.ods_code for m in mentions)
    organisations = [
        {"name": org.name, "ods_code": org.ods_code, "type": org.type, "mentions": counts[org.ods_code]}
        for org in {m.org.ods_code: m.org for m in mentions}.values()
    ]
    return Result(organisations=organisations, events=[e.as_dict() for e in events])
