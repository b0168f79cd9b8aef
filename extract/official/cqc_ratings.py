"""CQC "Care directory with ratings" (monthly, OpenDocument spreadsheet): provider-level overall ratings.

Real layout: sheet ``Providers``, one row per provider, service/population group and domain, with columns
``Provider ID, Provider ODS Code, Provider Name, Provider Type, Provider Primary Inspection Category,
Provider Street Address, Provider Address Line 2, Provider City, Provider Post Code, Provider Local
Authority, Provider Region, Provider NHS Region, Service / Population Group, Domain, Latest Rating,
Publication Date, Report Type, Inherited Rating (Y/N), URL, Brand ID, Brand Name``. An NHS trust's
CQC provider ID is its ODS code. Only rows of NHS trusts (``Provider Type`` containing "NHS") whose
domain is ``Overall`` and whose population group is ``Overall`` are read; the rating applies from its
publication date. A CSV export of the same sheet is read too (``format: cqc_ratings_csv``).
"""

from __future__ import annotations

from typing import Any

from .common import Parsed, Spec, cell, day, extra_columns, finish, locate, mapping, read_csv, sniff
from .ods import sheet_rows

FORMAT = "cqc_ratings"
SHEET = "Providers"
COLUMNS = {
    "provider_id": "Provider ID",
    "ods_code": "Provider ODS Code",
    "name": "Provider Name",
    "provider_type": "Provider Type",
    "category": "Provider Primary Inspection Category",
    "population": "Service / Population Group",
    "domain": "Domain",
    "rating": "Latest Rating",
    "published": "Publication Date",
    "report_type": "Report Type",
    "url": "URL",
}
REQUIRED = ("provider_id", "domain", "rating", "published")
OVERALL = "overall"


def parse(body: bytes, spec: Spec, gazetteer: Any) -> Parsed:
    """Overall ratings of NHS trusts from the Providers sheet of the workbook."""
    sniff(body)
    rows = list(sheet_rows(body, spec.sheet or SHEET))
    if not rows:
        from .common import DatasetError

        raise DatasetError(f"the sheet {spec.sheet or SHEET!r} is empty")
    return _read(rows[0], rows[1:], spec, gazetteer)


def parse_csv(body: bytes, spec: Spec, gazetteer: Any) -> Parsed:
    """The same sheet exported as CSV."""
    header, rows = read_csv(body)
    return _read(header, rows, spec, gazetteer)


def _read(header: list[str], rows: list[list[str]], spec: Spec, gazetteer: Any) -> Parsed:
    columns = mapping(COLUMNS, spec)
    at = locate(header, columns, REQUIRED, FORMAT)
    parsed = Parsed(header)
    extra = extra_columns(header, columns)
    if extra:
        parsed.notes.append(f"columns not read: {', '.join(extra)}")
    candidates = []
    for n, row in enumerate(rows, start=2):
        if (cell(row, at, "domain") or "").lower() != OVERALL:
            continue
        if (cell(row, at, "population") or OVERALL).lower() != OVERALL:
            continue
        if "nhs" not in (cell(row, at, "provider_type") or "nhs").lower():
            continue
        raw = cell(row, at, "rating")
        published = day(cell(row, at, "published"))
        if raw is None:
            parsed.skipped.append((n, "blank rating"))
            continue
        if published is None:
            parsed.skipped.append((n, f"publication date {cell(row, at, 'published')!r} is not a date"))
            continue
        candidates.append(
            {
                "row": n,
                "reported_code": cell(row, at, "ods_code") or cell(row, at, "provider_id"),
                "org_name": cell(row, at, "name"),
                "period_label": f"rating published {published}",
                "period_start": published,
                "period_end": spec.as_of or published,
                "as_of": published,
                "raw": raw,
                "raw_text": raw,
                "detail": cell(row, at, "report_type"),
                "link": cell(row, at, "url"),
            }
        )
    return finish(parsed, candidates, spec, gazetteer)
