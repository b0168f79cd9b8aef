# ruff: noqa: E501  (rows of data read better one to a line)
"""Write the sample newsroom's official files (site/official/): a NOF league table, a 2021-25
segmentation file and a CQC "Care directory with ratings" workbook, in the real layouts, with rows made
up for the demo (codes and framework values are real; segments, ranks, scores and dates are invented).

Run after editing the rows: ``.venv/bin/python scraper/sample_newsroom/build_official.py``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from nhswatch.extract.official.ods import write_ods

SITE = Path(__file__).resolve().parent / "site" / "official"

LEAGUE_HEADER = [
    "Quarter", "Region", "Trust_type", "Trust_subtype", "Trust_code", "Trust_name", "Average_score",
    "Likely_range_of_average_score", "Segment", "Trust_in_financial_deficit", "Rank", "Likely_range_of_rank",
]  # fmt: skip
LEAGUE_ROWS = [
    ["Q4 2025/26", "North East and Yorkshire", "Acute trust", "Large acute", "RTF", "Northumbria Healthcare NHS Foundation Trust",
     "1.71", "1.4 to 2.02", "2.0", "No", "12.0", "4 to 25"],
    ["Q4 2025/26", "South East", "Acute trust", "Large acute", "RYR", "University Hospitals Sussex NHS Foundation Trust",
     "3.41", "3.1 to 3.7", "5.0", "Yes", "131.0", "120 to 134"],
    ["Q4 2025/26", "South East", "Acute trust", "Large acute", "RVV", "East Kent Hospitals University NHS Foundation Trust",
     "3.52", "3.2 to 3.8", "5.0", "Yes", "133.0", "124 to 134"],
    ["Q4 2025/26", "East", "Acute trust", "Medium acute", "RAJ", "Mid and South Essex NHS Foundation Trust",
     "2.95", "2.6 to 3.3", "4.0", "Yes", "104.0", "88 to 118"],
    ["Q4 2025/26", "East", "Acute trust", "Small acute", "RCX", "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust",
     "2.31", "1.9 to 2.7", "3.0", "Yes", "61.0", "40 to 80"],
]  # fmt: skip
SEGMENTATION_HEADER = ["Quarter", "Region", "Organisation_type", "Organisation_code", "Organisation_name", "Segment"]
SEGMENTATION_ROWS = [
    ["Q1 2024/25", "East of England", "ICB", "QMM", "NHS Norfolk and Waveney Integrated Care Board", "4"],
    ["Q2 2024/25", "East of England", "ICB", "QMM", "NHS Norfolk and Waveney Integrated Care Board", "3"],
    ["Q1 2024/25", "East of England", "Trust", "RCX", "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust", "3"],
    ["Q2 2024/25", "East of England", "Trust", "RCX", "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust", "3"],
    ["Q3 2024/25", "East of England", "Trust", "RCX", "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust", "2"],
    ["Q4 2024/25", "East of England", "Trust", "RMY", "Norfolk and Suffolk NHS Foundation Trust", "4"],
    ["Q1 2025/26", "East of England", "Trust", "RMY", "Norfolk and Suffolk NHS Foundation Trust", "4"],
    ["Q3 2024/25", "East of England", "Trust", "RYC", "East of England Ambulance Service NHS Trust", "3"],
    ["Q3 2024/25", "East of England", "Trust", "RGN", "North West Anglia NHS Foundation Trust", "n/a"],
]  # fmt: skip
CQC_HEADER = [
    "Provider ID", "Provider ODS Code", "Provider Name", "Provider Type", "Provider Primary Inspection Category",
    "Provider Street Address", "Provider Address Line 2", "Provider City", "Provider Post Code",
    "Provider Local Authority", "Provider Region", "Provider NHS Region", "Service / Population Group", "Domain",
    "Latest Rating", "Publication Date", "Report Type", "Inherited Rating (Y/N)", "URL", "Brand ID", "Brand Name",
]  # fmt: skip


def cqc_row(code: str, name: str, kind: str, domain: str, rating: str, published: str, city: str) -> list[str]:
    return [code, code if kind.startswith("NHS") else "", name, kind, "Acute hospital - NHS", "1 Hospital Road", "",
            city, "ZZ1 1ZZ", "Sampleshire", "East of England", "East of England", "Overall", domain, rating, published,
            "Provider", "N", f"https://www.cqc.org.uk/provider/{code}", "-", "-"]  # fmt: skip


CQC_ROWS = [
    cqc_row("RCX", "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust", "NHS Healthcare Organisation",
            "Overall", "Requires improvement", "14/06/2023", "King's Lynn"),
    cqc_row("RCX", "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust", "NHS Healthcare Organisation",
            "Safe", "Requires improvement", "14/06/2023", "King's Lynn"),
    cqc_row("RR7", "Gateshead Health NHS Foundation Trust", "NHS Healthcare Organisation",
            "Overall", "Good", "05/12/2024", "Gateshead"),
    cqc_row("RGP", "James Paget University Hospitals NHS Foundation Trust", "NHS Healthcare Organisation",
            "Overall", "Good", "12/06/2019", "Great Yarmouth"),
    cqc_row("1-000000001", "Sample Care Homes Ltd", "Social Care Org", "Overall", "Good", "01/02/2025", "Norwich"),
]  # fmt: skip
INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Official data</title></head>
<body><main><h1>Official data (sample)</h1><ul>
<li><a href="nof-league-table-acute-q4-2025-26.csv">NOF league table, Q4 2025/26 (CSV)</a></li>
<li><a href="nof-segmentation-2024-25.csv">NOF segmentation 2024/25 (CSV)</a></li>
<li><a href="01_June_2026_Latest_ratings.ods">Care directory with ratings, June 2026 (ODS)</a></li>
</ul></main></body></html>
"""


def csv_bytes(header: list[str], rows: list[list[str]], *, bom: bool) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")


def main() -> None:
    SITE.mkdir(parents=True, exist_ok=True)
    (SITE / "nof-league-table-acute-q4-2025-26.csv").write_bytes(csv_bytes(LEAGUE_HEADER, LEAGUE_ROWS, bom=True))
    (SITE / "nof-segmentation-2024-25.csv").write_bytes(csv_bytes(SEGMENTATION_HEADER, SEGMENTATION_ROWS, bom=False))
    (SITE / "01_June_2026_Latest_ratings.ods").write_bytes(
        write_ods({"Locations": [["Location ID", "Location Name"]], "Providers": [CQC_HEADER, *CQC_ROWS]})
    )
    (SITE / "index.html").write_text(INDEX, encoding="utf-8")


if __name__ == "__main__":
    main()
