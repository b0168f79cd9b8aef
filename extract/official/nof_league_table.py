"""NHS Oversight Framework 2025/26 league tables (NHS England, quarterly CSV): segment, rank, average score
and the financial-deficit flag of each trust.

Real layout (the Q4 2025/26 mental health and community trust table): ``Quarter, Region, Trust_type,
Trust_subtype, Trust_code, Trust_name, Average_score, Likely_range_of_average_score, Segment,
Trust_in_financial_deficit, Rank, Likely_range_of_rank``; UTF-8 with a BOM; numbers written as ``1.0``.
"""

from __future__ import annotations

from typing import Any

from .common import (
    Parsed,
    Spec,
    cell,
    extra_columns,
    finish,
    locate,
    mapping,
    number,
    quarterly_rows,
    read_csv,
    whole,
    yes_no,
)

FORMAT = "nof_league_table"
COLUMNS = {
    "quarter": "Quarter",
    "region": "Region",
    "trust_type": "Trust_type",
    "trust_subtype": "Trust_subtype",
    "code": "Trust_code",
    "name": "Trust_name",
    "score": "Average_score",
    "score_range": "Likely_range_of_average_score",
    "segment": "Segment",
    "deficit": "Trust_in_financial_deficit",
    "rank": "Rank",
    "rank_range": "Likely_range_of_rank",
}
REQUIRED = ("quarter", "code", "segment")


def parse(body: bytes, spec: Spec, gazetteer: Any) -> Parsed:
    """Observations of one league table file."""
    header, rows = read_csv(body)
    columns = mapping(COLUMNS, spec)
    at = locate(header, columns, REQUIRED, FORMAT)
    parsed = Parsed(header)
    extra = extra_columns(header, columns)
    if extra:
        parsed.notes.append(f"columns not read: {', '.join(extra)}")
    candidates = [
        {
            **fields,
            "rank": whole(cell(row, at, "rank")),
            "rank_range": cell(row, at, "rank_range"),
            "score": number(cell(row, at, "score")),
            "score_range": cell(row, at, "score_range"),
            "deficit": yes_no(cell(row, at, "deficit")),
            "detail": cell(row, at, "trust_type"),
        }
        for row, fields in quarterly_rows(rows, at, parsed, as_of=None, example="Q4 2025/26")
    ]
    return finish(parsed, candidates, spec, gazetteer)
