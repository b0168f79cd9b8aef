"""NHS Oversight Framework 2025/26 league tables (NHS England, quarterly CSV): segment, rank, average score
and the financial-deficit flag of each trust.

Real layout (the Q4 2025/26 mental health and community trust table): ``Quarter, Region, Trust_type,
Trust_subtype, Trust_code, Trust_name, Average_score, Likely_range_of_average_score, Segment,
Trust_in_financial_deficit, Rank, Likely_range_of_rank``; UTF-8 with a BOM; numbers written as ``1.0``.
"""

from __future__ import annotations

from typing import Any

from .common import Parsed, Spec, cell, extra_columns, finish, locate, mapping, number, quarter, read_csv, whole
from .common import yes_no as _yes_no

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
    candidates = []
    for n, row in enumerate(rows, start=2):
        label = cell(row, at, "quarter")
        span = quarter(label)
        if span is None:
            parsed.skipped.append((n, f"quarter {label!r} is not like 'Q4 2025/26'"))
            continue
        raw = cell(row, at, "segment")
        if raw is None:
            parsed.skipped.append((n, "blank segment"))
            continue
        parsed.period_label, parsed.period_start, parsed.period_end = label, *span
        candidates.append(
            {
                "row": n,
                "reported_code": cell(row, at, "code"),
                "org_name": cell(row, at, "name"),
                "period_label": label,
                "period_start": span[0],
                "period_end": span[1],
                "raw": raw,
                "raw_text": raw,
                "rank": whole(cell(row, at, "rank")),
                "rank_range": cell(row, at, "rank_range"),
                "score": number(cell(row, at, "score")),
                "score_range": cell(row, at, "score_range"),
                "deficit": _yes_no(cell(row, at, "deficit")),
                "detail": cell(row, at, "trust_type"),
            }
        )
    return finish(parsed, candidates, spec, gazetteer)
