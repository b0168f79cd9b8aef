"""The official-data importers on fixtures in the real layouts (and the assumed one), and bad input."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from nhswatch.extract.official import DatasetError, HeaderMismatch, Spec, parse
from nhswatch.extract.official.ods import write_ods

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "official"
SHARED_TABLE = (
    Path(__file__).resolve().parents[3]
    / "shared/data/nhse/nof_q4_2025-26_mental-health-and-community-trust-league-table.csv"
)
LEAGUE = Spec(format="nof_league_table", framework="nof")
SEGMENTS = Spec(format="nof_segmentation", framework="nof", version="2021")
CQC = Spec(format="cqc_ratings", framework="cqc_rating", sheet="Providers")


def league_body() -> bytes:
    return (FIXTURES / "nof_league_table_q2_2025-26.csv").read_bytes()


def by_code(parsed) -> dict:
    return {o["ods_code"]: o for o in parsed.observations}


def cqc_workbook(rows: list[list[str]] | None = None) -> bytes:
    with (FIXTURES / "cqc_providers.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    return write_ods({"Locations": [["Location ID"]], "Providers": rows if rows is not None else table})


def test_league_table_gives_segment_rank_score_and_deficit():
    rmy = by_code(parse(league_body(), LEAGUE))["RMY"]
    assert (rmy["status"], rmy["framework_version"], rmy["rank"], rmy["score"], rmy["deficit"]) == (
        "4",
        "2025",
        58,
        3.1,
        1,
    )
    assert (rmy["period_label"], rmy["period_start"], rmy["period_end"]) == ("Q2 2025/26", "2025-07-01", "2025-09-30")


def test_league_table_reads_an_unchanged_copy_of_the_real_q4_file(tmp_path):
    if not SHARED_TABLE.exists():
        pytest.skip("the shared Q4 2025/26 league table is not present")
    copy = tmp_path / SHARED_TABLE.name
    shutil.copyfile(SHARED_TABLE, copy)
    parsed = parse(copy.read_bytes(), LEAGUE)
    assert len(parsed.observations) == 61 and parsed.skipped == []
    assert {o["status"] for o in parsed.observations} == {"1", "2", "3", "4"}
    assert parsed.period_label == "Q4 2025/26"


def test_segmentation_assumed_layout_reads_quarters_and_segment_words():
    parsed = parse((FIXTURES / "nof_segmentation_assumed.csv").read_bytes(), SEGMENTS)
    qmm = [o for o in parsed.observations if o["ods_code"] == "QMM"]
    assert [(o["period_label"], o["status"]) for o in qmm] == [("Q1 2024/25", "4"), ("Q2 2024/25", "3")]


def test_segmentation_header_can_be_mapped_from_the_source_yaml():
    body = b"Code,Name,NOF segment\nRCX,QEH,3\n"
    spec = Spec(format="nof_segmentation", framework="nof", version="2021", as_of="Q3 2023/24",
                columns={"code": "Code", "segment": "NOF segment", "name": "Name"})  # fmt: skip
    (obs,) = parse(body, spec).observations
    assert (obs["ods_code"], obs["status"], obs["period_start"]) == ("RCX", "3", "2023-10-01")


def test_cqc_workbook_gives_overall_ratings_of_nhs_trusts_only():
    parsed = parse(cqc_workbook(), CQC)
    assert {o["ods_code"]: (o["status"], o["period_start"]) for o in parsed.observations} == {
        "RCX": ("requires improvement", "2023-06-14"),
        "RR7": ("good", "2024-12-05"),
    }


def test_cqc_not_rated_is_a_logged_skip():
    skipped = parse(cqc_workbook(), CQC).skipped
    assert any("'Not rated' is not a value" in why for _, why in skipped)


def test_cqc_api_record_gives_the_current_overall_rating():
    spec = Spec(format="cqc_api", framework="cqc_rating")
    (obs,) = parse((FIXTURES / "cqc_api_provider.json").read_bytes(), spec).observations
    assert (obs["ods_code"], obs["status"], obs["as_of"]) == ("RR7", "good", "2024-12-05")


def test_renamed_header_is_a_header_mismatch():
    body = league_body().replace(b"Segment,", b"NOF_segment,")
    with pytest.raises(HeaderMismatch, match=r"missing column.*'Segment'"):
        parse(body, LEAGUE)


def test_unknown_columns_are_noted_not_fatal():
    lines = league_body().decode("utf-8-sig").splitlines()
    body = "\n".join([lines[0] + ",New_column", *(line + ",x" for line in lines[1:])]).encode()
    parsed = parse(body, LEAGUE)
    assert len(parsed.observations) == 3 and parsed.notes == ["columns not read: New_column"]


def test_unknown_field_in_the_yaml_mapping_is_an_error():
    with pytest.raises(DatasetError, match="unknown field"):
        parse(league_body(), Spec(format="nof_league_table", framework="nof", columns={"segmnet": "Segment"}))


@pytest.mark.parametrize("value", ["", "n/a", "N/A", "-"])
def test_blank_or_na_segment_is_a_logged_skip(value):
    body = league_body().replace(b",3.0,Yes,70.0,", f",{value},Yes,70.0,".encode())
    parsed = parse(body, LEAGUE)
    assert "RCX" not in by_code(parsed) and parsed.skipped == [(2, "blank segment")]


def test_a_trust_that_no_longer_exists_stands_for_its_successor():
    body = league_body().replace(
        b"Q2 2025/26,East,Acute trust,Small acute,RCX", b"Q1 2026/27,East,Acute trust,Small acute,RY2"
    )
    obs = [o for o in parse(body, LEAGUE).observations if o["reported_code"] == "RY2"]
    assert obs and obs[0]["ods_code"] == "RWW"


def test_an_unknown_organisation_code_is_a_logged_skip():
    body = league_body().replace(b",RCX,", b",ZZZ,")
    parsed = parse(body, LEAGUE)
    assert parsed.skipped == [(2, "organisation code ZZZ is not in the gazetteer")]


def test_a_value_the_framework_does_not_have_is_a_logged_skip():
    parsed = parse(league_body().replace(b",3.0,Yes,70.0,", b",7.0,Yes,70.0,"), LEAGUE)
    assert "RCX" not in by_code(parsed) and "is not a value of nof 2025" in parsed.skipped[0][1]


@pytest.mark.parametrize(
    "body", [b"<!DOCTYPE html><html><body>Service unavailable</body></html>", b"\n<html><p>Sign in</p></html>"]
)
def test_an_html_page_instead_of_the_file_is_an_error(body):
    with pytest.raises(DatasetError, match="HTML page"):
        parse(body, LEAGUE)


@pytest.mark.parametrize("body", [b"", b"\xef\xbb\xbf", b"\r\n\r\n"])
def test_an_empty_file_is_an_error(body):
    with pytest.raises(DatasetError, match="empty"):
        parse(body, LEAGUE)


def test_a_workbook_without_the_sheet_is_an_error():
    with pytest.raises(DatasetError, match="no sheet named 'Providers'"):
        parse(write_ods({"Locations": [["Location ID"]]}), CQC)


def test_a_file_that_is_not_a_workbook_is_an_error():
    with pytest.raises(DatasetError, match="not an OpenDocument spreadsheet"):
        parse(b"Provider ID,Domain\n", CQC)


def test_importers_do_not_import_spacy():
    import subprocess
    import sys

    code = (
        "import sys; from nhswatch.extract.official import parse; from nhswatch.scraper import datasets; "
        "assert 'spacy' not in sys.modules"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
