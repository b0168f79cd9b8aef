"""NHS (System) Oversight Framework segmentation, 2021-25 (NHS England, quarterly).

ASSUMED LAYOUT: no copy of the published segmentation file was found, so the default columns below are
an assumption (a CSV with one row per organisation and quarter: ``Quarter, Region, Organisation_type,
Organisation_code, Organisation_name, Segment``). A source's YAML maps the real headers with
``columns:`` (field: header); on first contact with a file whose header lacks a mapped column,
``nhswatch sources check`` reports the mismatch and nothing is imported. A file without a quarter column
takes the quarter from the source's ``as_of`` (a 'Q2 2024/25' label).
"""

from __future__ import annotations

from typing import Any

from .common import (
    DatasetError,
    Parsed,
    Spec,
    cell,
    extra_columns,
    finish,
    locate,
    mapping,
    quarter,
    quarterly_rows,
    read_csv,
)

FORMAT = "nof_segmentation"
COLUMNS = {
    "quarter": "Quarter",
    "region": "Region",
    "org_type": "Organisation_type",
    "code": "Organisation_code",
    "name": "Organisation_name",
    "segment": "Segment",
}
REQUIRED = ("code", "segment")


def parse(body: bytes, spec: Spec, gazetteer: Any) -> Parsed:
    """Observations of one segmentation file."""
    header, rows = read_csv(body)
    columns = mapping(COLUMNS, spec)
    at = locate(header, columns, REQUIRED, FORMAT)
    if "quarter" not in at and quarter(spec.as_of) is None:
        raise DatasetError("the file has no quarter column and the source gives no as_of quarter ('Q2 2024/25')")
    parsed = Parsed(header)
    extra = extra_columns(header, columns)
    if extra:
        parsed.notes.append(f"columns not read: {', '.join(extra)}")
    candidates = [
        {**fields, "detail": cell(row, at, "org_type")}
        for row, fields in quarterly_rows(rows, at, parsed, as_of=spec.as_of, example="Q2 2024/25")
    ]
    return finish(parsed, candidates, spec, gazetteer)
