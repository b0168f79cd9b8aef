"""Helpers for the db tests: event rows as ``db.derived.build`` reads them, and organisations."""

from __future__ import annotations

import itertools
from types import SimpleNamespace
from typing import Any

_ids = itertools.count(1)


def event_row(**values: Any) -> dict[str, Any]:
    """One joined event/document row, with defaults for everything not given."""
    n = next(_ids)
    doc = values.pop("doc", f"d{n}")
    row = {
        "id": f"e{n}",
        "document_id": doc,
        "ods_code": "RXW",
        "org_name": "Shrewsbury",
        "org_type": "trust",
        "close_date": "",
        "framework": "nof",
        "framework_version": "2021",
        "change": "enter",
        "from_status": None,
        "to_status": "4",
        "effective_date": "2021-07-14",
        "date_precision": "day",
        "modality": "actual",
        "evidence": f"evidence {n}",
        "confidence": 0.9,
        "published": "2021-07-15",
        "first_seen": "2024-01-01T00:00:00+00:00",
        "url": f"https://www.england.nhs.uk/{doc}",
        "title": f"title {n}",
        "publisher": "NHS England",
        "source": "nhse",
    }
    row.update(values)
    return row


def organisation(code: str, name: str, close_date: str = "") -> SimpleNamespace:
    """An organisation as ``db.load.upsert_organisations`` takes it."""
    return SimpleNamespace(
        ods_code=code,
        name=name,
        type="trust",
        region="Midlands",
        parent_icb="",
        open_date="2000-01-01",
        close_date=close_date,
        predecessors=(),
        successors=(),
        domains=(),
    )
