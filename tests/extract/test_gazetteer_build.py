"""Tests for extract.gazetteer_build and the shipped gazetteer CSVs (offline, stdlib inputs)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from nhswatch.extract import gazetteer_build as gb

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "ods"
DATA = ROOT / "extract" / "data"

ETR = FIXTURES / "etr.csv"
ECCG = FIXTURES / "eccg_bom_crlf.csv"
SUCC = FIXTURES / "succ.csv"
ICBS = FIXTURES / "icbs.csv"

HEADER = "ods_code,name,type,region,parent_icb,open_date,close_date,predecessors,successors,domains"
ALIAS_HEADER = "alias,ods_code,kind,needs_context,note"
AMBULANCE_TRUSTS = {"RRU", "RX6", "RX7", "RX8", "RX9", "RYA", "RYC", "RYD", "RYE", "RYF"}
NEW_ICBS_2026 = {"S1Y5D", "D7T5G", "T6Y0W", "S9B9J", "S0E4D", "Z9B2Z"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --- proper_name ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("upper", "expected"),
    [
        (
            "THE QUEEN ELIZABETH HOSPITAL, KING'S LYNN, NHS FOUNDATION TRUST",
            "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust",
        ),
        ("NHS NORFOLK AND WAVENEY INTEGRATED CARE BOARD", "NHS Norfolk and Waveney Integrated Care Board"),
        ("EAST OF ENGLAND AMBULANCE SERVICE NHS TRUST", "East of England Ambulance Service NHS Trust"),
        ("NORFOLK AND SUFFOLK NHS FOUNDATION TRUST", "Norfolk and Suffolk NHS Foundation Trust"),
        (
            "BARKING, HAVERING AND REDBRIDGE UNIVERSITY HOSPITALS NHS TRUST",
            "Barking, Havering and Redbridge University Hospitals NHS Trust",
        ),
        ("GUY'S AND ST THOMAS' NHS FOUNDATION TRUST", "Guy's and St Thomas' NHS Foundation Trust"),
        ("MID AND SOUTH ESSEX NHS FOUNDATION TRUST", "Mid and South Essex NHS Foundation Trust"),
        ("NHS HARTLEPOOL AND STOCKTON-ON-TEES CCG", "NHS Hartlepool and Stockton-on-Tees CCG"),
        ("QUEEN'S HOSPITAL, BURTON-UPON-TRENT", "Queen's Hospital, Burton-upon-Trent"),
        (
            "THE NEWCASTLE UPON TYNE HOSPITALS NHS FOUNDATION TRUST",
            "The Newcastle upon Tyne Hospitals NHS Foundation Trust",
        ),
        (
            "STAFFORDSHIRE AND STOKE ON TRENT PARTNERSHIP NHS TRUST",
            "Staffordshire and Stoke on Trent Partnership NHS Trust",
        ),
        (
            "GREAT ORMOND STREET HOSPITAL FOR CHILDREN NHS FOUNDATION TRUST",
            "Great Ormond Street Hospital for Children NHS Foundation Trust",
        ),
        ("NHS CORNWALL AND THE ISLES OF SCILLY ICB - 11N", "NHS Cornwall and the Isles of Scilly ICB - 11N"),
        ("NHS CENTRAL LONDON (WESTMINSTER) CCG", "NHS Central London (Westminster) CCG"),
        (
            "ROYAL BROMPTON & HAREFIELD NHS FOUNDATION TRUST",
            "Royal Brompton & Harefield NHS Foundation Trust",
        ),
        (
            "TEES, ESK AND WEAR VALLEYS NHS FOUNDATION TRUST",
            "Tees, Esk and Wear Valleys NHS Foundation Trust",
        ),
        ("NHS BIRMINGHAM CROSSCITY CCG", "NHS Birmingham CrossCity CCG"),
        ("BARTS AND THE LONDON NHS TRUST", "Barts and The London NHS Trust"),
        ("NHS DIRECT NHS TRUST", "NHS Direct NHS Trust"),
        ("ALDER HEY CHILDREN'S NHS FOUNDATION TRUST", "Alder Hey Children's NHS Foundation Trust"),
    ],
)
def test_proper_name(upper: str, expected: str) -> None:
    assert gb.proper_name(upper) == expected


def test_ods_date() -> None:
    assert gb.ods_date("20210331") == "2021-03-31"
    assert gb.ods_date("") == ""
    assert gb.ods_date("2022-07-01") == "2022-07-01"


# --- parsing -------------------------------------------------------------------------------


def test_parse_bom_crlf_quoted() -> None:
    rows = gb.parse_ods_bytes(ECCG.read_bytes())
    assert ECCG.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in ECCG.read_bytes()
    assert rows[0][0] == "06V"
    assert all(len(r) == 27 for r in rows)
    assert rows[3][1] == "NHS HARTLEPOOL AND STOCKTON-ON-TEES CCG"


def _zip(member: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("etr.pdf", b"%PDF-1.4 not a csv")
        archive.writestr(member, data)
    return buffer.getvalue()


def test_parse_zip_picks_csv_member() -> None:
    assert gb.parse_ods_bytes(_zip("etr.csv", ETR.read_bytes())) == gb.read_ods_file(ETR)


# --- build ---------------------------------------------------------------------------------


@pytest.fixture()
def built() -> dict[str, dict[str, str]]:
    rows = gb.build(ETR, ECCG, SUCC, ICBS)
    assert all(tuple(r) == gb.COLUMNS for r in rows)
    return {r["ods_code"]: r for r in rows}


def test_build_foundation_trust(built: dict[str, dict[str, str]]) -> None:
    rcx = built["RCX"]
    assert rcx["name"] == "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust"
    assert rcx["type"] == "trust"
    assert rcx["region"] == "East of England"
    assert rcx["parent_icb"] == "T6Y0W"
    assert rcx["open_date"] == "1992-04-01" and rcx["close_date"] == ""


def test_build_closed_trust_with_successor(built: dict[str, dict[str, str]]) -> None:
    assert built["RXH"]["close_date"] == "2021-03-31"
    assert built["RXH"]["successors"] == "RYR"
    assert built["RYR"]["predecessors"] == "RXH"


def test_build_ambulance_and_welsh(built: dict[str, dict[str, str]]) -> None:
    assert built["RYC"]["type"] == "ambulance_trust"
    assert built["RYC"]["name"] == "East of England Ambulance Service NHS Trust"
    assert built["R1F"]["type"] == "trust"  # Isle of Wight runs an ambulance service but stays a trust
    assert "RT4" not in built  # Welsh trusts (no NHS England region) are skipped


def test_build_ccgs(built: dict[str, dict[str, str]]) -> None:
    assert built["06V"]["type"] == "ccg"
    assert built["06V"]["name"] == "NHS North Norfolk CCG"
    assert built["06V"]["close_date"] == "2020-03-31"
    # 26A was the CCG for the whole Norfolk and Waveney footprint from 2020 until the ICB took over
    assert built["06V"]["successors"] == "26A"
    assert built["00K"]["name"] == "NHS Hartlepool and Stockton-on-Tees CCG"
    assert built["00K"]["successors"] == ""  # 16C is unknown to the fixture files
    assert "14E" not in built  # a commissioning hub, not a CCG


def test_footprint_ccg_is_rebuilt_from_its_sub_icb_location(built: dict[str, dict[str, str]]) -> None:
    ccg = built["26A"]
    assert (ccg["type"], ccg["name"]) == ("ccg", "NHS Norfolk and Waveney CCG")
    assert (ccg["close_date"], ccg["successors"]) == ("2022-06-30", "QMM")


def test_build_icbs_regions_and_national_bodies(built: dict[str, dict[str, str]]) -> None:
    assert built["QMM"]["type"] == "icb"
    assert built["QMM"]["open_date"] == "2022-07-01"
    assert built["QMM"]["close_date"] == "2026-03-31"
    assert built["QMM"]["successors"] == "T6Y0W"
    assert built["T6Y0W"]["predecessors"] == "QJG;QMM"
    assert built["QJG"]["successors"] == "T6Y0W"  # D7T5G is not in the fixture ICB list
    assert built["QRL"]["predecessors"] == ""  # QNQ (part) is not in the fixture ICB list
    assert {c for c, r in built.items() if r["type"] == "region"} == set(gb.REGIONS)
    assert built["Y61"]["name"] == "NHS England East of England"
    assert built["X24"]["type"] == "national_body" and built["X24"]["name"] == "NHS England"
    assert built["TAD"]["type"] == "trust"


def test_build_from_zip_equals_plain(tmp_path: Path) -> None:
    zipped = tmp_path / "etr.zip"
    zipped.write_bytes(_zip("etr.csv", ETR.read_bytes()))
    assert gb.build(zipped, ECCG, SUCC, ICBS) == gb.build(ETR, ECCG, SUCC, ICBS)


def test_build_with_regions_file(tmp_path: Path) -> None:
    regions = tmp_path / "regions.csv"
    regions.write_text(
        "region_ods_code,region_ons_code,region_name,source\n"
        + "".join(f"{code},E4000000{i},{name},test\n" for i, (code, name) in enumerate(gb.REGIONS.items()))
    )
    assert gb.build(ETR, ECCG, SUCC, ICBS, regions) == gb.build(ETR, ECCG, SUCC, ICBS)


def test_write_csv_round_trip(tmp_path: Path) -> None:
    rows = gb.build(ETR, ECCG, SUCC, ICBS)
    out = tmp_path / "orgs.csv"
    gb.write_csv(rows, out)
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == HEADER
    assert "\r\n" not in text
    assert gb.read_csv(out) == rows


# --- refresh -------------------------------------------------------------------------------


class FakeDownload:
    """Serves fixture bytes for the three ODS report URLs and records the calls."""

    def __init__(self, etr: bytes) -> None:
        self.calls: list[str] = []
        self.payload = {gb.ETR_URL: etr, gb.ECCG_URL: ECCG.read_bytes(), gb.SUCC_URL: SUCC.read_bytes()}

    def __call__(self, url: str) -> bytes:
        self.calls.append(url)
        return self.payload[url]


def test_refresh_writes_and_carries_over(tmp_path: Path) -> None:
    out = tmp_path / "organisations.csv"
    previous = [
        gb.empty_row(ods_code="RCX", name="old", type="trust", domains="qehkl.nhs.uk"),
        gb.empty_row(ods_code="X24", name="NHS England", type="national_body", domains="england.nhs.uk"),
        gb.empty_row(ods_code="HANDX", name="Hand-added body", type="national_body"),
    ]
    gb.write_csv(previous, out)
    download = FakeDownload(_zip("etr.csv", ETR.read_bytes()))
    rows = gb.refresh(download, out, ICBS)
    assert sorted(download.calls) == sorted([gb.ETR_URL, gb.ECCG_URL, gb.SUCC_URL])
    assert gb.ETR_URL == "https://www.odsdatasearchandexport.nhs.uk/api/getReport?report=etr"
    written = {r["ods_code"]: r for r in gb.read_csv(out)}
    assert written == {r["ods_code"]: r for r in rows}
    assert written["RCX"]["domains"] == "qehkl.nhs.uk"
    assert written["RCX"]["name"].startswith("The Queen Elizabeth Hospital")
    assert written["X24"]["domains"] == "england.nhs.uk"
    assert written["HANDX"]["name"] == "Hand-added body"
    assert written["RYC"]["type"] == "ambulance_trust"
    assert written["T6Y0W"]["type"] == "icb"


def test_refresh_reads_icbs_from_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "organisations.csv"
    gb.refresh(FakeDownload(ETR.read_bytes()), out, ICBS)
    first = out.read_text(encoding="utf-8")
    gb.refresh(FakeDownload(ETR.read_bytes()), out)  # ICB rows now come from out itself
    assert out.read_text(encoding="utf-8") == first


def test_refresh_refuses_empty_etr(tmp_path: Path) -> None:
    out = tmp_path / "organisations.csv"
    with pytest.raises(ValueError):
        gb.refresh(FakeDownload(b""), out, ICBS)
    assert not out.exists()


# --- the shipped gazetteer -----------------------------------------------------------------


def _shipped(name: str) -> tuple[str, list[dict[str, str]]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return text.splitlines()[0], list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def shipped_orgs() -> dict[str, dict[str, str]]:
    header, rows = _shipped("organisations.csv")
    assert header == HEADER
    codes = [r["ods_code"] for r in rows]
    assert len(codes) == len(set(codes)), "duplicate ods_code"
    return {r["ods_code"]: r for r in rows}


def test_shipped_types_and_counts(shipped_orgs: dict[str, dict[str, str]]) -> None:
    types = {r["type"] for r in shipped_orgs.values()}
    assert types <= {"trust", "ambulance_trust", "icb", "ccg", "national_body", "region"}
    ambulance = {c for c, r in shipped_orgs.items() if r["type"] == "ambulance_trust"}
    assert ambulance == AMBULANCE_TRUSTS
    assert shipped_orgs["R1F"]["type"] == "trust"
    icbs = {c: r for c, r in shipped_orgs.items() if r["type"] == "icb"}
    assert len(icbs) == 48
    assert set(icbs) >= NEW_ICBS_2026
    assert sum(1 for r in icbs.values() if r["open_date"] == "2022-07-01") == 42
    regions = {c for c, r in shipped_orgs.items() if r["type"] == "region"}
    assert regions == {"Y56", "Y58", "Y59", "Y60", "Y61", "Y62", "Y63"}
    assert {"X24", "NHSI", "CQC", "DHSC", "MONITOR", "NHSTDA"} <= set(shipped_orgs)
    assert {"TAD", "TAH", "TAJ"} <= set(shipped_orgs)
    assert sum(1 for r in shipped_orgs.values() if r["type"] == "ccg") > 100


def test_shipped_names(shipped_orgs: dict[str, dict[str, str]]) -> None:
    assert shipped_orgs["RCX"]["name"] == "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust"
    assert shipped_orgs["QMM"]["name"] == "NHS Norfolk and Waveney Integrated Care Board"
    assert shipped_orgs["RYC"]["name"] == "East of England Ambulance Service NHS Trust"
    assert shipped_orgs["RMY"]["name"] == "Norfolk and Suffolk NHS Foundation Trust"
    assert shipped_orgs["RF4"]["name"] == "Barking, Havering and Redbridge University Hospitals NHS Trust"
    assert shipped_orgs["RXH"]["name"] == "Brighton and Sussex University Hospitals NHS Trust"
    assert shipped_orgs["RM3"]["name"] == "Northern Care Alliance NHS Foundation Trust"
    assert all(r["name"] != r["name"].upper() for r in shipped_orgs.values())


def test_shipped_links_and_dates(shipped_orgs: dict[str, dict[str, str]]) -> None:
    for code, row in shipped_orgs.items():
        for column in ("open_date", "close_date"):
            assert not row[column] or ISO_DATE.match(row[column]), (code, column)
        for column in ("predecessors", "successors"):
            for other in filter(None, row[column].split(";")):
                assert other in shipped_orgs, (code, column, other)
        if row["parent_icb"]:
            assert shipped_orgs[row["parent_icb"]]["type"] == "icb", code
    assert shipped_orgs["RXH"]["successors"] == "RYR"
    assert shipped_orgs["RCX"]["domains"] == "qehkl.nhs.uk"


def test_shipped_aliases(shipped_orgs: dict[str, dict[str, str]]) -> None:
    header, aliases = _shipped("aliases.csv")
    assert header == ALIAS_HEADER
    kinds = {"abbreviation", "short_name", "former_name", "system_name", "place", "informal", "site"}
    for row in aliases:
        assert row["ods_code"] in shipped_orgs, row
        assert row["kind"] in kinds, row
        assert row["needs_context"] in ("0", "1"), row
        assert row["alias"].strip() == row["alias"] and row["alias"], row
    pairs = [(r["alias"].lower(), r["ods_code"]) for r in aliases]
    assert len(pairs) == len(set(pairs)), "duplicate alias rows"
    by_alias = {r["alias"]: r for r in aliases}
    for alias, code in [
        ("QEH", "RCX"),
        ("NUH", "RX1"),
        ("SaTH", "RXW"),
        ("EEAST", "RYC"),
        ("SECAmb", "RYD"),
        ("SCAS", "RYE"),
        ("UHMBT", "RTX"),
        ("NSFT", "RMY"),
        ("ELHT", "RXR"),
        ("UHL", "RWE"),
        ("BHRUT", "RF4"),
        ("GMMH", "RXV"),
        ("EKHUFT", "RVV"),
    ]:
        assert by_alias[alias]["ods_code"] == code
    assert by_alias["Devon"]["needs_context"] == "1"
    assert by_alias["Frimley Health and Care"]["ods_code"] == "QNQ"


# --- CCGs of 2022 --------------------------------------------------------------------------

LOC22_HEADER = "LOC22CD,LOC22CDH,LOC22NM,ICB22CD,ICB22CDH,ICB22NM,NHSER22CD,NHSER22CDH,NHSER22NM"


def _eccg_row(code: str, name: str, region: str, icb: str, opened: str) -> list[str]:
    row = [""] * 27
    row[0], row[1], row[2], row[3], row[10] = code, name, region, icb, opened
    return row


def test_ccg_2022_rows_from_sub_icb_locations_named_from_the_2021_list() -> None:
    eccg = [_eccg_row("03Q", "NHS HUMBER AND NORTH YORKSHIRE ICB - 03Q", "Y63", "QOQ", "20130401")]
    loc22 = [{"LOC22CDH": "03Q", "ICB22CDH": "QOQ", "NHSER22CDH": "Y63"}]
    (row,) = gb.ccg_2022_rows(eccg, loc22)
    assert (row["ods_code"], row["name"], row["type"]) == ("03Q", "NHS Vale of York CCG", "ccg")
    assert (row["open_date"], row["close_date"], row["successors"]) == ("2013-04-01", "2022-06-30", "QOQ")
    assert row["region"] == "North East and Yorkshire"


def test_ccg_2022_rows_keep_the_ods_open_date_of_a_merged_ccg() -> None:
    eccg = [_eccg_row("X2C4Y", "NHS WEST YORKSHIRE ICB - X2C4Y", "Y63", "QWO", "20210401")]
    (row,) = gb.ccg_2022_rows(eccg, None)
    assert (row["name"], row["open_date"]) == ("NHS Kirklees CCG", "2021-04-01")


def test_ccg_2022_rows_skip_codes_not_in_the_lookup() -> None:
    eccg = [_eccg_row("99C", "NHS NORTH EAST AND NORTH CUMBRIA ICB - 99C", "Y63", "QHM", "20130401")]
    assert gb.ccg_2022_rows(eccg, []) == []


def test_build_with_loc22_adds_ccgs_and_links_legacy_ones(tmp_path: Path) -> None:
    loc22 = tmp_path / "loc22.csv"
    loc22.write_text(
        LOC22_HEADER + "\nE38000239,26A,NHS Norfolk and Waveney ICB - 26A,E54000022,QMM,x,E40000007,Y61,x\n"
    )
    built = {r["ods_code"]: r for r in gb.build(ETR, ECCG, SUCC, ICBS, loc22_path=loc22)}
    assert built["26A"]["name"] == "NHS Norfolk and Waveney CCG"
    assert built["26A"]["successors"] == "QMM"
    assert built["06V"]["successors"] == "26A"


# --- hospital sites ------------------------------------------------------------------------

SITE_FIELDS = ("site_code", "site_name", "trust_code", "trust_name", "postcode", "open_date", "close_date")


def _site(code: str, name: str, trust: str, postcode: str, closed: str = "") -> dict[str, str]:
    return dict(zip(SITE_FIELDS, (code, name, trust, "", postcode, "2000-01-01", closed), strict=True))


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("ST EGBERT'S HOSPITAL", True),
        ("HILLTOWN ROYAL INFIRMARY", True),
        ("UNIVERSITY HOSPITAL OF HILLTOWN", True),
        ("GENERAL HOSPITAL", False),
        ("COMMUNITY HOSPITAL", False),
        ("WARD 4 HILLTOWN HOSPITAL", False),
        ("HILLTOWN HOSPITAL CHILDRENS UNIT", False),
        ("MARSH HOSPITAL AT HOME", False),
        ("HILLTOWN DAY HOSPITAL", False),
        ("HILLTOWN HOSPITAL - PHARMACY", False),
        ("SPIRE HILLTOWN HOSPITAL", False),
    ],
)
def test_is_hospital_name(name: str, kept: bool) -> None:
    assert gb.is_hospital_name(name) is kept


def test_site_rows_give_a_shared_hospital_to_the_trust_with_most_sites_there() -> None:
    rows = [
        _site("RDD01", "HILLTOWN ROYAL INFIRMARY", "RDD", "HT2 2BB"),
        _site("RDD02", "HILLTOWN ROYAL INFIRMARY MATERNITY UNIT", "RDD", "HT2 2BB"),
        _site("RDD03", "HILLTOWN ROYAL INFIRMARY PHARMACY", "RDD", "HT2 2BB"),
        _site("REE07", "HILLTOWN ROYAL INFIRMARY", "REE", "HT2 2BB"),
    ]
    (row,) = gb.site_rows(rows, {"RDD01": "HILLTOWN"})
    assert (row["site_code"], row["name"], row["trust_code"], row["town"]) == (
        "RDD01",
        "Hilltown Royal Infirmary",
        "RDD",
        "Hilltown",
    )


def test_site_rows_keep_two_hospitals_of_one_name_in_two_towns() -> None:
    rows = [
        _site("RCC01", "ST EGBERT'S HOSPITAL", "RCC", "MB1 1AA"),
        _site("RDD05", "ST EGBERTS HOSPITAL", "RDD", "HT9 9ZZ"),
    ]
    assert sorted(r["trust_code"] for r in gb.site_rows(rows)) == ["RCC", "RDD"]


def test_site_rows_skip_closed_sites_and_fill_current_trust() -> None:
    rows = [
        _site("RYY01", "OLD MARSH COTTAGE HOSPITAL", "RYY", "MB3 3CC"),
        _site("RYY02", "MARSH LANE HOSPITAL", "RYY", "MB3 3CD", closed="2022-01-01"),
    ]
    orgs = [gb.empty_row(ods_code="RYY", close_date="2023-03-31", successors="RDD"), gb.empty_row(ods_code="RDD")]
    (row,) = gb.site_rows(rows, organisations=orgs)
    assert (row["trust_code"], row["current_trust"]) == ("RYY", "RDD")


def _merged_into_rdd(closed: str) -> list[dict[str, str]]:
    return [
        gb.empty_row(ods_code="RYY", close_date=closed, successors="RDD"),
        gb.empty_row(ods_code="RDD", predecessors="RYY"),
    ]


def _opened(code: str, name: str, trust: str, opened: str) -> dict[str, str]:
    return {**_site(code, name, trust, "MB3 3CC"), "open_date": opened}


def test_site_rows_name_the_trust_a_merger_took_a_hospital_from() -> None:
    rows = [_opened("RDD40", "MARSH LANE HOSPITAL", "RDD", "2017-04-01")]
    (row,) = gb.site_rows(rows, organisations=_merged_into_rdd("2017-03-31"))
    assert (row["trust_code"], row["former_trust"]) == ("RDD", "RYY")


def test_site_rows_name_no_former_trust_for_a_hospital_held_long_before_the_merger() -> None:
    rows = [_opened("RDD40", "MARSH LANE HOSPITAL", "RDD", "2001-04-01")]
    (row,) = gb.site_rows(rows, organisations=_merged_into_rdd("2017-03-31"))
    assert row["former_trust"] == ""


def test_site_rows_name_no_former_trust_when_two_predecessors_closed_then() -> None:
    orgs = [
        gb.empty_row(ods_code="RYY", close_date="2017-03-31", successors="RDD"),
        gb.empty_row(ods_code="RXX", close_date="2017-03-31", successors="RDD"),
        gb.empty_row(ods_code="RDD", predecessors="RYY;RXX"),
    ]
    (row,) = gb.site_rows([_opened("RDD40", "MARSH LANE HOSPITAL", "RDD", "2017-04-01")], organisations=orgs)
    assert row["former_trust"] == ""


def test_site_rows_prefer_the_trust_based_at_the_hospital() -> None:
    rows = [
        _site("RAB12", "MARSHBY GENERAL HOSPITAL", "RAB", "MB5 5EE"),
        _site("RAB13", "MARSHBY GENERAL HOSPITAL CLINIC", "RAB", "MB5 5EE"),
        _site("RCC09", "MARSHBY GENERAL HOSPITAL", "RCC", "MB5 5EE"),
    ]
    (row,) = gb.site_rows(rows, headquarters={"MB5 5EE": {"RCC"}})
    assert row["trust_code"] == "RCC"


def test_write_sites_csv_header(tmp_path: Path) -> None:
    out = tmp_path / "sites.csv"
    gb.write_sites_csv(gb.site_rows([_site("RCC01", "ST EGBERT'S HOSPITAL", "RCC", "MB1 1AA")]), out)
    assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(gb.SITE_COLUMNS)


def test_shipped_sites(shipped_orgs: dict[str, dict[str, str]]) -> None:
    header, rows = _shipped("sites.csv")
    assert header == ",".join(gb.SITE_COLUMNS)
    assert len(rows) > 1000
    for row in rows:
        assert row["trust_code"] in shipped_orgs, row
        assert not row["current_trust"] or row["current_trust"] in shipped_orgs, row
        assert gb.is_hospital_name(row["name"].upper()), row
    by_name = {}
    for row in rows:
        by_name.setdefault(gb.site_key(row["name"]), set()).add(row["trust_code"])
    assert by_name["QUEEN ELIZABETH HOSPITAL"] == {"RCX", "RR7", "RRK", "RJ2"}
    assert by_name["MEDWAY MARITIME HOSPITAL"] == {"RPA"}


def test_site_rows_apply_an_owner_fix_for_one_town_only() -> None:
    rows = [
        _site("RRE01", "QUEENS HOSPITAL", "RRE", "DE13 0RB"),
        _site("RF401", "QUEENS HOSPITAL", "RF4", "RM7 0AG"),
    ]
    towns = {"RRE01": "BURTON-ON-TRENT", "RF401": "ROMFORD"}
    owners = {r["town"].lower(): (r["trust_code"], r["former_trust"]) for r in gb.site_rows(rows, towns)}
    assert owners == {"burton-on-trent": ("RTG", "RJF"), "romford": ("RF4", "")}
