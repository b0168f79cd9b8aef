"""CQC syndication API provider records (JSON): a provider's current overall rating.

Real layout (``GET https://api.cqc.org.uk/public/v1/providers/{providerId}``): an object with
``providerId``, ``name`` and ``currentRatings.overall.rating`` / ``currentRatings.overall.reportDate``.
A file may hold one such object, a list of them, or ``{"providers": [...]}``.
"""

from __future__ import annotations

import json
from typing import Any

from .common import DatasetError, Parsed, Spec, day, finish, sniff

FORMAT = "cqc_api"


def parse(body: bytes, spec: Spec, gazetteer: Any) -> Parsed:
    """Overall ratings of the providers in one API answer."""
    sniff(body)
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DatasetError(f"not JSON: {error}") from None
    records = data.get("providers", [data]) if isinstance(data, dict) else data
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise DatasetError("expected a provider object, a list of them, or {'providers': [...]}")
    if records and "providerId" not in records[0]:
        raise DatasetError(f"no providerId in the record (keys: {', '.join(sorted(records[0])) or 'none'})")
    parsed = Parsed(sorted(records[0]) if records else [])
    candidates = []
    for n, record in enumerate(records, start=1):
        overall = ((record.get("currentRatings") or {}).get("overall")) or {}
        published = day(str(overall.get("reportDate") or ""))
        if not overall.get("rating") or published is None:
            parsed.skipped.append((n, "no current overall rating with a report date"))
            continue
        candidates.append(
            {
                "row": n,
                "reported_code": str(record.get("providerId") or ""),
                "org_name": record.get("name"),
                "period_label": f"rating published {published}",
                "period_start": published,
                "period_end": spec.as_of or published,
                "as_of": published,
                "raw": overall["rating"],
                "raw_text": overall["rating"],
                "detail": None,
                "link": None,
            }
        )
    return finish(parsed, candidates, spec, gazetteer)
