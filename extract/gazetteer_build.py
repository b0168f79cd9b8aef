"""Build the organisation gazetteer (``extract/data/organisations.csv``) from ODS files.

The NHS England Organisation Data Service (ODS) publishes its organisation lists as CSV
files in a fixed 27-column layout without a header row (optionally zipped, with a BOM and
CRLF line endings). Three of them are read here:

* ``etr``  -- NHS trusts (open and closed; column 3 = NHS England region, 4 = parent ICB);
* ``eccg`` -- CCGs, sub-ICB locations and commissioning hubs (only the CCG rows are kept);
* ``succ`` -- successions: predecessor code, successor code, reason, effective date, flag.

ICB rows come from a separate, hand-checked file (the ``derived/icbs.csv`` layout, or an
existing organisations.csv whose ``icb`` rows are reused). NHS England regions, national
bodies and the care trusts that are not in ``etr`` are constants in this module. The
``domains`` column is hand-maintained: a rebuild carries it over from the previous
organisations.csv by ODS code (see :func:`merge_existing`).

Everything here is standard library only, so it runs without the project's dependencies.
Licence of the inputs: Open Government Licence v3.0 (NHS England ODS, ONS, NHS England).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

ODS_REPORT_URL = "https://www.odsdatasearchandexport.nhs.uk/api/getReport?report="
REPORT_URL_TEMPLATE = ODS_REPORT_URL + "{report}"
ETR_URL = REPORT_URL_TEMPLATE.format(report="etr")
ECCG_URL = REPORT_URL_TEMPLATE.format(report="eccg")
SUCC_URL = REPORT_URL_TEMPLATE.format(report="succ")

COLUMNS = (
    "ods_code",
    "name",
    "type",
    "region",
    "parent_icb",
    "open_date",
    "close_date",
    "predecessors",
    "successors",
    "domains",
)
ORG_TYPES = ("national_body", "region", "icb", "trust", "ambulance_trust", "ccg")

# ODS 27-field layout, 0-based positions of the fields used here.
F_CODE, F_NAME, F_REGION, F_ICB, F_OPEN, F_CLOSE = 0, 1, 2, 3, 10, 11

# NHS England regions (ODS Y-codes); the same codes appear in etr/eccg column 3.
REGIONS: dict[str, str] = {
    "Y56": "London",
    "Y58": "South West",
    "Y59": "South East",
    "Y60": "Midlands",
    "Y61": "East of England",
    "Y62": "North West",
    "Y63": "North East and Yorkshire",
}

# National bodies. X24 is NHS England's ODS code; the others have no ODS code known to this
# project and use stable pseudo-codes (documented in extract/data/README.md).
NATIONAL_BODIES: tuple[dict[str, str], ...] = (
    {"ods_code": "X24", "name": "NHS England", "predecessors": "MONITOR;NHSI;NHSTDA"},
    {
        "ods_code": "NHSI",
        "name": "NHS Improvement",
        "open_date": "2016-04-01",
        "close_date": "2022-06-30",
        "successors": "X24",
    },
    {
        "ods_code": "MONITOR",
        "name": "Monitor",
        "close_date": "2022-06-30",
        "successors": "X24",
    },
    {
        "ods_code": "NHSTDA",
        "name": "NHS Trust Development Authority",
        "open_date": "2012-06-01",
        "close_date": "2022-06-30",
        "successors": "X24",
    },
    {"ods_code": "CQC", "name": "Care Quality Commission", "open_date": "2009-04-01"},
    {"ods_code": "DHSC", "name": "Department of Health and Social Care"},
)

# Care trusts (ODS "ect" file, T-codes) that the press names but etr does not hold. Names of
# TAD/TAH/TAJ as in NHS England's NOF Q4 2025/26 league table; TAE/TAF closures from succ.
EXTRA_TRUSTS: tuple[dict[str, str], ...] = (
    {
        "ods_code": "TAD",
        "name": "Bradford District Care NHS Foundation Trust",
        "region": "North East and Yorkshire",
        "parent_icb": "QWO",
    },
    {
        "ods_code": "TAH",
        "name": "Sheffield Health Partnership University NHS Foundation Trust",
        "region": "North East and Yorkshire",
        "parent_icb": "QF7",
    },
    {
        "ods_code": "TAJ",
        "name": "Black Country Healthcare NHS Foundation Trust",
        "region": "Midlands",
        "parent_icb": "QUA",
    },
    {
        "ods_code": "TAE",
        "name": "Manchester Mental Health and Social Care Trust",
        "region": "North West",
        "parent_icb": "QOP",
        "close_date": "2016-12-31",
    },
    {
        "ods_code": "TAF",
        "name": "Camden and Islington NHS Foundation Trust",
        "region": "London",
        "parent_icb": "Z9B2Z",
        "close_date": "2024-10-31",
    },
)

# The 106 CCGs that existed until 2022-06-30, by ODS code, with their ODS names (upper case, as in
# ODS). On 2022-07-01 each code became a sub-ICB location named "NHS <ICB> ICB - <code>", so the
# ODS files of today no longer hold these names. Source: the hard-coded table ``ccg_mapping_2021``
# (CCG code, ONS E38 code, CCG name as of April 2021) in NHS Digital's
# ``NHSDigital/mental-health-bulletin`` repository, file
# ``mental-health-bulletin-main/mh_bulletin/mh_bulletin/setup/Reference Data.py`` (commit
# 1b54a481a621a26f1f8baa01a033e0c3e4343441); names are ODS data (Open Government Licence v3.0).
# Checked: the 106 codes are exactly the 106 LOC22CDH codes of the ONS July 2022 sub-ICB location
# lookup. One name is corrected (CCG_NAME_FIXES): that table reuses the pre-2020 name for 18C.
CCG_NAMES_2021: dict[str, str] = {
    "00L": "NHS NORTHUMBERLAND CCG",
    "00N": "NHS SOUTH TYNESIDE CCG",
    "00P": "NHS SUNDERLAND CCG",
    "00Q": "NHS BLACKBURN WITH DARWEN CCG",
    "00R": "NHS BLACKPOOL CCG",
    "00T": "NHS BOLTON CCG",
    "00V": "NHS BURY CCG",
    "00X": "NHS CHORLEY AND SOUTH RIBBLE CCG",
    "00Y": "NHS OLDHAM CCG",
    "01A": "NHS EAST LANCASHIRE CCG",
    "01D": "NHS HEYWOOD, MIDDLETON AND ROCHDALE CCG",
    "01E": "NHS GREATER PRESTON CCG",
    "01F": "NHS HALTON CCG",
    "01G": "NHS SALFORD CCG",
    "01H": "NHS NORTH CUMBRIA CCG",
    "01J": "NHS KNOWSLEY CCG",
    "01K": "NHS MORECAMBE BAY CCG",
    "01T": "NHS SOUTH SEFTON CCG",
    "01V": "NHS SOUTHPORT AND FORMBY CCG",
    "01W": "NHS STOCKPORT CCG",
    "01X": "NHS ST HELENS CCG",
    "01Y": "NHS TAMESIDE AND GLOSSOP CCG",
    "02A": "NHS TRAFFORD CCG",
    "02E": "NHS WARRINGTON CCG",
    "02G": "NHS WEST LANCASHIRE CCG",
    "02H": "NHS WIGAN BOROUGH CCG",
    "02M": "NHS FYLDE AND WYRE CCG",
    "02P": "NHS BARNSLEY CCG",
    "02Q": "NHS BASSETLAW CCG",
    "02T": "NHS CALDERDALE CCG",
    "02X": "NHS DONCASTER CCG",
    "02Y": "NHS EAST RIDING OF YORKSHIRE CCG",
    "03F": "NHS HULL CCG",
    "03H": "NHS NORTH EAST LINCOLNSHIRE CCG",
    "03K": "NHS NORTH LINCOLNSHIRE CCG",
    "03L": "NHS ROTHERHAM CCG",
    "03N": "NHS SHEFFIELD CCG",
    "03Q": "NHS VALE OF YORK CCG",
    "03R": "NHS WAKEFIELD CCG",
    "03W": "NHS EAST LEICESTERSHIRE AND RUTLAND CCG",
    "04C": "NHS LEICESTER CITY CCG",
    "04V": "NHS WEST LEICESTERSHIRE CCG",
    "04Y": "NHS CANNOCK CHASE CCG",
    "05D": "NHS EAST STAFFORDSHIRE CCG",
    "05G": "NHS NORTH STAFFORDSHIRE CCG",
    "05Q": "NHS SOUTH EAST STAFFORDSHIRE AND SEISDON PENINSULA CCG",
    "05V": "NHS STAFFORD AND SURROUNDS CCG",
    "05W": "NHS STOKE ON TRENT CCG",
    "06H": "NHS CAMBRIDGESHIRE AND PETERBOROUGH CCG",
    "06K": "NHS EAST AND NORTH HERTFORDSHIRE CCG",
    "06L": "NHS IPSWICH AND EAST SUFFOLK CCG",
    "06N": "NHS HERTS VALLEY CCG",
    "06Q": "NHS MID ESSEX CCG",
    "06T": "NHS NORTH EAST ESSEX CCG",
    "07G": "NHS THURROCK CCG",
    "07H": "NHS WEST ESSEX CCG",
    "07K": "NHS WEST SUFFOLK CCG",
    "09D": "NHS BRIGHTON AND HOVE CCG",
    "10Q": "NHS OXFORDSHIRE CCG",
    "10R": "NHS PORTSMOUTH CCG",
    "11J": "NHS DORSET CCG",
    "11M": "NHS GLOUCESTERSHIRE CCG",
    "11N": "NHS KERNOW CCG",
    "11X": "NHS SOMERSET CCG",
    "12F": "NHS WIRRAL CCG",
    "13T": "NHS NEWCASTLE GATESHEAD CCG",
    "14L": "NHS MANCHESTER CCG",
    "14Y": "NHS BUCKINGHAMSHIRE CCG",
    "15A": "NHS BERKSHIRE WEST CCG",
    "15C": "NHS BRISTOL, NORTH SOMERSET AND SOUTH GLOUCESTERSHIRE CCG",
    "15E": "NHS BIRMINGHAM AND SOLIHULL CCG",
    "15F": "NHS LEEDS CCG",
    "15M": "NHS DERBY AND DERBYSHIRE CCG",
    "15N": "NHS DEVON CCG",
    "16C": "NHS TEES VALLEY CCG",
    "18C": "NHS HEREFORDSHIRE CCG",
    "26A": "NHS NORFOLK AND WAVENEY CCG",
    "27D": "NHS CHESHIRE CCG",
    "36J": "NHS BRADFORD DISTRICT AND CRAVEN CCG",
    "36L": "NHS SOUTH WEST LONDON CCG",
    "42D": "NHS NORTH YORKSHIRE CCG",
    "52R": "NHS NOTTINGHAM AND NOTTINGHAMSHIRE CCG",
    "70F": "NHS WEST SUSSEX CCG",
    "71E": "NHS LINCOLNSHIRE CCG",
    "72Q": "NHS SOUTH EAST LONDON CCG",
    "78H": "NHS NORTHAMPTONSHIRE CCG",
    "84H": "NHS COUNTY DURHAM CCG",
    "91Q": "NHS KENT AND MEDWAY CCG",
    "92A": "NHS SURREY HEARTLANDS CCG",
    "92G": "NHS BATH AND NORTH EAST SOMERSET, SWINDON AND WILTSHIRE CCG",
    "93C": "NHS NORTH CENTRAL LONDON CCG",
    "97R": "NHS EAST SUSSEX CCG",
    "99A": "NHS LIVERPOOL CCG",
    "99C": "NHS NORTH TYNESIDE CCG",
    "99E": "NHS BASILDON AND BRENTWOOD CCG",
    "99F": "NHS CASTLE POINT AND ROCHFORD CCG",
    "99G": "NHS SOUTHEND CCG",
    "A3A8R": "NHS NORTH EAST LONDON CCG",
    "B2M3M": "NHS COVENTRY AND WARWICKSHIRE CCG",
    "D2P2L": "NHS BLACK COUNTRY AND WEST BIRMINGHAM CCG",
    "D4U1Y": "NHS FRIMLEY CCG",
    "D9Y0V": "NHS HAMPSHIRE, SOUTHAMPTON AND ISLE OF WIGHT CCG",
    "M1J4Y": "NHS BEDFORDSHIRE, LUTON AND MILTON KEYNES CCG",
    "M2L0M": "NHS SHROPSHIRE, TELFORD AND WREKIN CCG",
    "W2U3Z": "NHS NORTH WEST LONDON CCG",
    "X2C4Y": "NHS KIRKLEES CCG",
}
CCG_NAME_FIXES: dict[str, str] = {"18C": "NHS HEREFORDSHIRE AND WORCESTERSHIRE CCG"}

# --- proper casing -------------------------------------------------------------------------

_UPPER_WORDS = frozenset({"NHS", "CCG", "ICB", "ICS", "UK", "H&J", "GP", "NHSX"})
_LOWER_WORDS = frozenset({"and", "of", "the", "upon", "on", "in", "for", "at", "under", "with"})
_LOWER_HYPHEN_PARTS = frozenset({"on", "upon", "in", "under", "le", "la", "de", "super", "by", "the"})
_SPECIAL_WORDS = {"CROSSCITY": "CrossCity", "2GETHER": "2gether"}
# Official spellings that word-by-word casing cannot produce.
_PHRASE_FIXES = (
    ("Barts and the London", "Barts and The London"),
    ("Dorset Healthcare University", "Dorset HealthCare University"),
)


def _cap(word: str) -> str:
    """'KING'S' -> "King's", "O'NEILL" -> "O'Neill", 'THOMAS'' -> "Thomas'"."""
    low = word.lower()
    for i, ch in enumerate(low):
        if ch.isalpha():
            low = low[:i] + ch.upper() + low[i + 1 :]
            break
    if re.match(r"^O'[a-z]", low):
        low = "O'" + low[2].upper() + low[3:]
    return low


def _case_core(core: str, first: bool, in_hyphen: bool) -> str:
    """Case one bare word (no surrounding punctuation)."""
    upper = core.upper()
    if upper in _SPECIAL_WORDS:
        return _SPECIAL_WORDS[upper]
    if upper in _UPPER_WORDS:
        return upper
    low = core.lower()
    if not first and in_hyphen and low in _LOWER_HYPHEN_PARTS:
        return low
    if not first and not in_hyphen and low in _LOWER_WORDS:
        return low
    return _cap(core)


def _case_token(token: str, first: bool) -> str:
    """Case one space-separated token, keeping punctuation and hyphen parts."""
    if token.upper() in _UPPER_WORDS:
        return token.upper()
    match = re.match(r"^([(\"']*)(.*?)([),.;:\"]*)$", token)
    lead, body, trail = match.groups() if match else ("", token, "")
    if lead.startswith("("):
        first = True
    parts = body.split("-")
    cased = [
        _case_core(part, first and i == 0, in_hyphen=len(parts) > 1 and i > 0) if part else part
        for i, part in enumerate(parts)
    ]
    return lead + "-".join(cased) + trail


def proper_name(ods_upper_name: str) -> str:
    """Turn an ODS upper-case name into the official proper-case form.

    >>> proper_name("THE QUEEN ELIZABETH HOSPITAL, KING'S LYNN, NHS FOUNDATION TRUST")
    "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust"
    >>> proper_name("NHS HARTLEPOOL AND STOCKTON-ON-TEES CCG")
    'NHS Hartlepool and Stockton-on-Tees CCG'
    """
    tokens = ods_upper_name.split()
    name = " ".join(_case_token(tok, i == 0) for i, tok in enumerate(tokens))
    for wrong, right in _PHRASE_FIXES:
        name = name.replace(wrong, right)
    return name


# --- reading ODS files ---------------------------------------------------------------------


def _decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (BOM tolerated), falling back to Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _unzip(data: bytes) -> bytes:
    """The CSV member of a zip archive (the first ``.csv`` member, else the first file)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [n for n in archive.namelist() if not n.endswith("/")]
        if not names:
            raise ValueError("empty zip archive")
        csvs = [n for n in names if n.lower().endswith(".csv")]
        return archive.read((csvs or names)[0])


def parse_ods_bytes(data: bytes) -> list[list[str]]:
    """Rows of an ODS CSV given as bytes (plain or zipped; BOM, CRLF and quotes handled)."""
    if data[:4] == b"PK\x03\x04":
        data = _unzip(data)
    text = _decode(data)
    rows = []
    for row in csv.reader(io.StringIO(text, newline="")):
        cells = [cell.strip() for cell in row]
        if any(cells):
            rows.append(cells)
    return rows


def read_ods_file(path: str | Path) -> list[list[str]]:
    """Rows of an ODS CSV (or zip holding one) on disk."""
    return parse_ods_bytes(Path(path).read_bytes())


def ods_date(value: str) -> str:
    """ODS ``YYYYMMDD`` to ISO ``YYYY-MM-DD`` ('' stays ''; ISO input passes through)."""
    value = (value or "").strip()
    if not value:
        return ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    return datetime.datetime.strptime(value, "%Y%m%d").date().isoformat()


def _field(row: Sequence[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


def _split_codes(value: str) -> list[str]:
    """ODS codes in a ';'-separated cell, ignoring notes such as '(part)'."""
    out = []
    for item in (value or "").split(";"):
        match = re.match(r"\s*([A-Z0-9]{2,8})\b", item)
        if match:
            out.append(match.group(1))
    return out


def _read_dicts(path: str | Path) -> list[dict[str, str]]:
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        return [dict(row) for row in csv.DictReader(handle)]


# --- building rows -------------------------------------------------------------------------


def empty_row(**values: str) -> dict[str, str]:
    """A row with every column present, in column order."""
    row = {col: "" for col in COLUMNS}
    for key, value in values.items():
        if key in row:
            row[key] = value or ""
    return row


def trust_type(upper_name: str) -> str:
    """'ambulance_trust' for the English ambulance services, else 'trust'."""
    return "ambulance_trust" if "AMBULANCE SERVICE" in upper_name.upper() else "trust"


def trust_rows(etr: Iterable[Sequence[str]], regions: dict[str, str]) -> list[dict[str, str]]:
    """One row per English trust in etr (rows without an NHS England region are Welsh)."""
    out = []
    for row in etr:
        region_code = _field(row, F_REGION)
        if region_code not in regions:
            continue
        name = _field(row, F_NAME)
        out.append(
            empty_row(
                ods_code=_field(row, F_CODE),
                name=proper_name(name),
                type=trust_type(name),
                region=regions[region_code],
                parent_icb=_field(row, F_ICB),
                open_date=ods_date(_field(row, F_OPEN)),
                close_date=ods_date(_field(row, F_CLOSE)),
            )
        )
    return out


def is_ccg_name(upper_name: str) -> bool:
    """True for a CCG's own name ('NHS X CCG'), not sub-ICB locations or hubs."""
    name = upper_name.upper().strip()
    return name.endswith(" CCG") or name.endswith("CLINICAL COMMISSIONING GROUP")


def ccg_rows(eccg: Iterable[Sequence[str]], regions: dict[str, str]) -> list[dict[str, str]]:
    """One row per CCG in eccg (sub-ICB locations and commissioning hubs are skipped)."""
    out = []
    for row in eccg:
        name = _field(row, F_NAME)
        if not is_ccg_name(name):
            continue
        out.append(
            empty_row(
                ods_code=_field(row, F_CODE),
                name=proper_name(name),
                type="ccg",
                region=regions.get(_field(row, F_REGION), ""),
                parent_icb=_field(row, F_ICB),
                open_date=ods_date(_field(row, F_OPEN)),
                close_date=ods_date(_field(row, F_CLOSE)),
            )
        )
    return out


ICB_START = "2022-07-01"
CCG_END = "2022-06-30"


def footprint_ccg_rows(eccg: Iterable[Sequence[str]], icbs: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    """CCGs that covered a whole ICB footprint until 2022-06-30 and live on as its only sub-ICB location.

    ODS now lists them only as "NHS <area> ICB - <code>", but the press of 2020-22 names the CCG
    ("NHS Devon CCG"), so they get a CCG row named after the ICB's area, closed when the ICB opened.
    """
    icb_names = {icb["ods_code"]: icb["name"] for icb in icbs}
    by_parent: dict[str, list[Sequence[str]]] = {}
    for row in eccg:
        if is_ccg_name(_field(row, F_NAME)) or " ICB - " not in _field(row, F_NAME).upper():
            continue
        opened = ods_date(_field(row, F_OPEN))
        if opened and opened < ICB_START:
            by_parent.setdefault(_field(row, F_ICB), []).append(row)
    out = []
    for parent, rows in sorted(by_parent.items()):
        if len(rows) != 1 or parent not in icb_names:
            continue
        area = icb_names[parent].removeprefix("NHS ").removesuffix(" Integrated Care Board")
        row = rows[0]
        out.append(
            empty_row(
                ods_code=_field(row, F_CODE),
                name=f"NHS {area} CCG",
                type="ccg",
                parent_icb=parent,
                open_date=ods_date(_field(row, F_OPEN)),
                close_date=CCG_END,
                successors=parent,
            )
        )
    return out


CCG_DEFAULT_OPEN = "2013-04-01"


def read_loc22(path: str | Path) -> list[dict[str, str]]:
    """Rows of the ONS July 2022 sub-ICB location -> ICB -> region lookup (LOC22CDH, ICB22CDH, ...)."""
    return [{k.strip(): (v or "").strip() for k, v in row.items()} for row in _read_dicts(path)]


def ccg_2022_rows(
    eccg: Iterable[Sequence[str]],
    loc22: Sequence[dict[str, str]] | None = None,
    regions: dict[str, str] | None = None,
    names: dict[str, str] | None = None,
) -> list[dict[str, str]]:
    """The CCGs of 2021-22 (106 on 2022-06-30), rebuilt from the sub-ICB locations that kept their codes.

    Each is a ``ccg`` row named as in :data:`CCG_NAMES_2021` ("NHS Vale of York CCG"), closed on
    2022-06-30 with its parent ICB as successor. With ``loc22`` (the ONS July 2022 lookup) the set of
    codes and the parent ICB come from it; otherwise every eccg sub-ICB location opened before
    2022-07-01 whose code has a known name counts, with the eccg parent. The open date is the ODS
    one (2020 or 2021 for CCGs formed by mergers), else 2013-04-01.
    """
    regions = regions or REGIONS
    names = {**(CCG_NAMES_2021 if names is None else names), **CCG_NAME_FIXES}
    sub_icb = {
        _field(row, F_CODE): row
        for row in eccg
        if not is_ccg_name(_field(row, F_NAME)) and " ICB - " in _field(row, F_NAME).upper()
    }
    if loc22 is not None:
        wanted = [(r["LOC22CDH"], r.get("ICB22CDH", ""), r.get("NHSER22CDH", "")) for r in loc22 if r.get("LOC22CDH")]
    else:
        wanted = [
            (code, _field(row, F_ICB), _field(row, F_REGION))
            for code, row in sub_icb.items()
            if (ods_date(_field(row, F_OPEN)) or CCG_DEFAULT_OPEN) < ICB_START
        ]
    out = []
    for code, parent, region_code in sorted(wanted):
        if code not in names:
            continue
        row = sub_icb.get(code)
        parent = parent or (_field(row, F_ICB) if row else "")
        region_code = region_code or (_field(row, F_REGION) if row else "")
        opened = ods_date(_field(row, F_OPEN)) if row else ""
        out.append(
            empty_row(
                ods_code=code,
                name=proper_name(names[code]),
                type="ccg",
                region=regions.get(region_code, ""),
                parent_icb=parent,
                open_date=opened if opened and opened < ICB_START else CCG_DEFAULT_OPEN,
                close_date=CCG_END,
                successors=parent,
            )
        )
    return out


def sub_icb_parents(eccg: Iterable[Sequence[str]]) -> dict[str, str]:
    """Code -> parent ICB for the eccg rows that are not CCGs (sub-ICB locations etc.)."""
    return {
        _field(row, F_CODE): _field(row, F_ICB)
        for row in eccg
        if not is_ccg_name(_field(row, F_NAME)) and _field(row, F_ICB)
    }


def successions(succ: Iterable[Sequence[str]]) -> list[tuple[str, str, str]]:
    """(predecessor, successor, ISO effective date) triples from succ."""
    out = []
    for row in succ:
        old, new = _field(row, 0), _field(row, 1)
        if old and new and old != new:
            out.append((old, new, ods_date(_field(row, 3))))
    return out


def read_regions(path: str | Path | None) -> dict[str, str]:
    """Region code -> name from a headed CSV (derived/nhs_england_regions.csv layout)."""
    if path is None:
        return dict(REGIONS)
    regions = {}
    for row in _read_dicts(path):
        code = (row.get("region_ods_code") or row.get("ods_code") or "").strip()
        name = (row.get("region_name") or row.get("name") or "").strip()
        if code and name:
            regions[code] = name
    return regions or dict(REGIONS)


def region_rows(regions: dict[str, str]) -> list[dict[str, str]]:
    """One row per NHS England region, named 'NHS England <region>'."""
    return [
        empty_row(ods_code=code, name=f"NHS England {name}", type="region", region=name)
        for code, name in sorted(regions.items())
    ]


def read_icbs(path: str | Path, regions: dict[str, str] | None = None) -> list[dict[str, str]]:
    """ICB rows from ``derived/icbs.csv`` or from an organisations.csv (its ``icb`` rows)."""
    regions = regions or REGIONS
    out = []
    for row in _read_dicts(path):
        if "type" in row and "legal_start" not in row:
            if (row.get("type") or "").strip() == "icb":
                out.append(empty_row(**{k: (row.get(k) or "").strip() for k in COLUMNS}))
            continue
        region = (row.get("region_name") or "").strip() or regions.get((row.get("region_ods_code") or "").strip(), "")
        out.append(
            empty_row(
                ods_code=row["ods_code"].strip(),
                name=row["name"].strip(),
                type="icb",
                region=region,
                open_date=(row.get("legal_start") or "").strip(),
                close_date=(row.get("legal_end") or "").strip(),
                predecessors=";".join(_split_codes(row.get("predecessor_ods_codes", ""))),
                successors=";".join(_split_codes(row.get("successor_ods_codes", ""))),
            )
        )
    return out


def _add_code(row: dict[str, str], column: str, code: str) -> None:
    codes = _split_codes(row[column])
    if code not in codes and code != row["ods_code"]:
        codes.append(code)
    row[column] = ";".join(codes)


def link_successions(
    rows: list[dict[str, str]],
    succ: Iterable[tuple[str, str, str]],
    parents: dict[str, str] | None = None,
) -> None:
    """Fill predecessors/successors in place, keeping only codes present in ``rows``.

    A successor that is a sub-ICB location (a CCG code kept on 2022-07-01) is replaced by
    its parent ICB from ``parents`` so legacy CCGs point at an organisation in the file.
    """
    parents = parents or {}
    by_code = {row["ods_code"]: row for row in rows}
    for old, new, _date in succ:
        target = new if new in by_code else parents.get(new, "")
        if old in by_code and target in by_code:
            _add_code(by_code[old], "successors", target)
        if new in by_code and old in by_code:
            _add_code(by_code[new], "predecessors", old)
    for row in rows:
        for column in ("predecessors", "successors"):
            codes = [c for c in _split_codes(row[column]) if c in by_code]
            row[column] = ";".join(sorted(dict.fromkeys(codes)))


def _type_order(row: dict[str, str]) -> tuple[int, str]:
    kind = row["type"]
    return (ORG_TYPES.index(kind) if kind in ORG_TYPES else len(ORG_TYPES), row["ods_code"])


def build_rows(
    etr: Sequence[Sequence[str]],
    eccg: Sequence[Sequence[str]],
    succ: Sequence[Sequence[str]],
    icbs: Sequence[dict[str, str]],
    regions: dict[str, str] | None = None,
    loc22: Sequence[dict[str, str]] | None = None,
) -> list[dict[str, str]]:
    """Gazetteer rows from already-parsed inputs (see :func:`build`)."""
    regions = regions or dict(REGIONS)
    rows: list[dict[str, str]] = []
    rows += [empty_row(type="national_body", **body) for body in NATIONAL_BODIES]
    rows += region_rows(regions)
    rows += [empty_row(**{k: v for k, v in icb.items() if k in COLUMNS}) for icb in icbs]
    rows += trust_rows(etr, regions)
    rows += [empty_row(type="trust", **extra) for extra in EXTRA_TRUSTS]
    rows += ccg_rows(eccg, regions)
    rows += ccg_2022_rows(eccg, loc22, regions)
    rows += footprint_ccg_rows(eccg, icbs)
    seen: dict[str, dict[str, str]] = {}
    for row in rows:
        seen.setdefault(row["ods_code"], row)
    rows = list(seen.values())
    # A CCG closed on 2022-06-30 lives on as a sub-ICB location; later moves of that location are
    # not successions of the CCG.
    ended = {row["ods_code"] for row in rows if row["type"] == "ccg" and row["close_date"] == CCG_END}
    links = [(old, new, day) for old, new, day in successions(succ) if old not in ended or not day or day <= CCG_END]
    link_successions(rows, links, sub_icb_parents(eccg))
    return sorted(rows, key=_type_order)


def build(
    etr_path: str | Path,
    eccg_path: str | Path,
    succ_path: str | Path,
    icbs_path: str | Path,
    regions_path: str | Path | None = None,
    loc22_path: str | Path | None = None,
) -> list[dict[str, str]]:
    """Gazetteer rows (in :data:`COLUMNS` order) from ODS files on disk.

    ``etr_path``, ``eccg_path`` and ``succ_path`` are ODS CSVs or zips as published;
    ``icbs_path`` is ``derived/icbs.csv`` or an organisations.csv; ``regions_path`` is an
    optional headed region list (defaults to :data:`REGIONS`); ``loc22_path`` the optional ONS
    July 2022 sub-ICB location lookup (which codes were the CCGs of 2022-06-30, and their ICBs).
    """
    regions = read_regions(regions_path)
    return build_rows(
        read_ods_file(etr_path),
        read_ods_file(eccg_path),
        read_ods_file(succ_path),
        read_icbs(icbs_path, regions),
        regions,
        read_loc22(loc22_path) if loc22_path else None,
    )


def merge_existing(rows: list[dict[str, str]], existing: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    """Carry hand-kept data over from a previous organisations.csv.

    ``domains`` is copied by ODS code when the new row has none, and rows of the old file
    whose code the build did not produce (hand-added bodies) are kept.
    """
    old_by_code = {r.get("ods_code", "").strip(): r for r in existing if r.get("ods_code")}
    codes = {row["ods_code"] for row in rows}
    for row in rows:
        old = old_by_code.get(row["ods_code"])
        if old and not row["domains"]:
            row["domains"] = (old.get("domains") or "").strip()
    kept = [
        empty_row(**{k: (r.get(k) or "").strip() for k in COLUMNS}) for c, r in old_by_code.items() if c not in codes
    ]
    return sorted(rows + kept, key=_type_order)


def read_csv(path: str | Path) -> list[dict[str, str]]:
    """Rows of an organisations.csv ([] when the file does not exist)."""
    return _read_dicts(path) if Path(path).exists() else []


def write_csv(rows: Iterable[dict[str, str]], path: str | Path, columns: Sequence[str] = COLUMNS) -> None:
    """Write rows as UTF-8 CSV with a header of ``columns`` (default :data:`COLUMNS`; LF line endings)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({col: row.get(col, "") for col in columns})


# --- hospital sites ------------------------------------------------------------------------

SITE_COLUMNS = ("site_code", "name", "trust_code", "current_trust", "town", "postcode", "former_trust")
# A site registered under its trust within this many days of a predecessor's closing came with it.
FORMER_OWNER_DAYS = 200

# A hospital's own name ends in one of these words, or is 'University Hospital (of) <place>'.
_HOSPITAL_END = re.compile(r"\b(HOSPITAL|INFIRMARY)$|^(THE )?(UNIVERSITY |GENERAL )?HOSPITAL (OF )?[A-Z']+( [A-Z']+)?$")
# Words that make a site row a part of a hospital, a service or somebody else's building.
_NOT_A_HOSPITAL = re.compile(
    r"\b(WARDS?|UNITS?|CLINICS?|DEPT|DEPARTMENTS?|CENTRE|HUB|TEAMS?|SERVICES?|TRIALS?|OFFICE|OUTPATIENTS?|"
    r"SUITE|WING|BLOCK|THEATRES?|LABORATORY|PHARMACY|PRESCRIBING|COVID(19)?|VACCINATION|OUTREACH|LIAISON|"
    r"ANNEXE|LODGE|HOUSE|NHS|TRUST|BEDS|DAY HOSPITAL|HOSPITAL AT HOME|AT|SPIRE|NUFFIELD|BMI|RAMSAY|CIRCLE|"
    r"PRIORY|CYGNET|NIGHTINGALE|PRIVATE|HEALTHCARE|HOSPICE|PRISON|HMP|BUPA|KIMS|SULIS|FITZROY|BENENDEN|"
    r"A&E|ACCIDENT|AFG|ACUTE|FORMER|TEMPORARY|UNIDENTIFIED|PTS|WALES)\b"
)
# Hospitals whose owner the site counts get wrong: another trust registers more sites there.
SITE_OWNER_FIXES: dict[str, str] = {
    "AINTREE UNIVERSITY HOSPITAL": "REM",
    "UNIVERSITY HOSPITAL AINTREE": "REM",
    "WILLIAM HARVEY HOSPITAL": "RVV",
    "FAIRFIELD GENERAL HOSPITAL": "RM3",  # Northern Care Alliance's; Pennine Care registers a hub there
    "NEWARK HOSPITAL": "RK5",  # Sherwood Forest's; Nottinghamshire Healthcare registers its units there
    "WESTON GENERAL HOSPITAL": "RA7",  # UHBW's since April 2020; North Bristol registers a service there
    "CHORLEY SOUTH RIBBLE HOSPITAL": "RXN",  # Lancashire Teaching's; the mental health trust registers a unit
    # one of several hospitals of the name, told by its town: Queen's Hospital, Burton is UHDB's (the
    # partnership trust registers a portakabin there), Burton's own registration is "Burton Hospital"
    "QUEENS HOSPITAL@BURTON-ON-TRENT": "RTG",
    "BURTON HOSPITAL@BURTON-ON-TRENT": "RTG",
    "SIR ROBERT PEEL COMMUNITY HOSPITAL": "RTG",  # UHDB's community hospitals, as Burton Hospitals' before
    "SAMUEL JOHNSON COMMUNITY HOSPITAL": "RTG",
    "SAMUEL JOHNSON HOSPITAL": "RTG",
}
# Hospitals whose former trust the site file cannot date (their sites kept older codes).
SITE_FORMER_OWNER_FIXES: dict[str, str] = {
    "WESTON GENERAL HOSPITAL": "RA3",  # Weston Area Health's until it merged into UHBW in April 2020
    "QUEENS HOSPITAL@BURTON-ON-TRENT": "RJF",  # Burton Hospitals until it joined Derby in July 2018
    "BURTON HOSPITAL@BURTON-ON-TRENT": "RJF",
    "SIR ROBERT PEEL COMMUNITY HOSPITAL": "RJF",
    "SAMUEL JOHNSON COMMUNITY HOSPITAL": "RJF",
    "SAMUEL JOHNSON HOSPITAL": "RJF",
    # Pennine Acute's hospitals until October 2021 (North Manchester then went to Manchester University)
    "FAIRFIELD GENERAL HOSPITAL": "RW6",
    "NORTH MANCHESTER GENERAL HOSPITAL": "RW6",
    "ROCHDALE INFIRMARY": "RW6",
    "ROYAL OLDHAM HOSPITAL": "RW6",
    # North Cumbria University Hospitals' until it merged into North Cumbria Integrated Care in October 2019
    "CUMBERLAND INFIRMARY": "RNL",
    "WEST CUMBERLAND HOSPITAL": "RNL",
    "WEST CUMBERLAND INFIRMARY": "RNL",
}
# Words that do not make a hospital's name distinctive on their own ("General Hospital", "Royal
# Infirmary", "Community Hospital"). "St Mary's Hospital" is kept: distinctive enough, but ambiguous
# (it is several hospitals).
_GENERIC_SITE_WORDS = frozenset(
    [
        "THE",
        "HOSPITAL",
        "HOSPITALS",
        "INFIRMARY",
        "GENERAL",
        "COMMUNITY",
        "DISTRICT",
        "ROYAL",
        "UNIVERSITY",
        "TEACHING",
        "MEMORIAL",
        "WAR",
        "COTTAGE",
        "DAY",
        "CHILDRENS",
        "WOMENS",
        "MATERNITY",
        "EYE",
        "DENTAL",
        "NEW",
        "CITY",
        "COUNTY",
        "OF",
        "FOR",
        "AND",
        "ST",
        "MENTAL",
        "HEALTH",
        "PSYCHIATRIC",
        "ORTHOPAEDIC",
        "REHABILITATION",
        "CENTRAL",
        "NORTH",
        "SOUTH",
        "EAST",
        "WEST",
        "MAIN",
        "OLD",
        "VICTORIA",
    ]
)


def site_key(upper_name: str) -> str:
    """A hospital name reduced for grouping: upper case, no leading THE, no 'AND'/'&', apostrophes or dots."""
    name = upper_name.upper().replace("’", "'").replace("&", " ").replace(" AND ", " ")
    name = re.sub(r"[.'`]", "", name)
    name = re.sub(r"\s+", " ", name).strip()
    return name[4:] if name.startswith("THE ") else name


def postcode_sector(postcode: str) -> str:
    """'PE30 4ET' -> 'PE30 4': the postcode sector, which holds a hospital's buildings."""
    postcode = re.sub(r"\s+", " ", (postcode or "").upper().strip())
    return postcode[: postcode.find(" ") + 2] if " " in postcode else postcode


def is_hospital_name(upper_name: str) -> bool:
    """True for the name of a whole, distinctively named hospital ("ADDENBROOKE'S HOSPITAL").

    Parts and services ("... WARD", "... UNIT", "HOSPITAL AT HOME"), names with digits, brackets or
    dashes, private hospitals and names made only of generic words ("GENERAL HOSPITAL") are not.
    """
    name = re.sub(r"\s+", " ", upper_name.upper().strip())
    if not _HOSPITAL_END.search(name) or re.search(r"[0-9()\-:/,;@]", name.replace("-ON-", " ").replace("-UPON-", " ")):
        return False
    if _NOT_A_HOSPITAL.search(name):
        return False
    words = site_key(name).split()
    return len(words) >= 2 and any(w not in _GENERIC_SITE_WORDS for w in words)


def site_rows(
    sites: Iterable[dict[str, str]],
    towns: dict[str, str] | None = None,
    organisations: Sequence[dict[str, str]] | None = None,
    headquarters: dict[str, set[str]] | None = None,
) -> list[dict[str, str]]:
    """One row per hospital and the trust that runs it, from ``derived/nhs_trust_sites.csv`` rows.

    A trust that provides a service at another trust's hospital registers its own site there under
    the same name; such rows are grouped by name and postcode and the hospital is given to the trust
    with the most sites (of any name, open or closed) at that postcode. ``towns`` maps site codes to
    the ODS town (ets column 8). ``organisations`` (organisations.csv rows) fills ``current_trust``:
    the trust the 2023 parent became through successions (blank when unchanged or unknown).
    ``headquarters`` maps a postcode to the open trusts based there (etr column 10): a hospital at
    one trust's headquarters is that trust's, whoever else lists it.
    """
    rows = [dict(r) for r in sites]
    towns = towns or {}
    per_postcode: dict[str, dict[str, int]] = {}
    per_sector: dict[str, dict[str, int]] = {}
    for row in rows:
        postcode = row.get("postcode", "")
        for table, key in ((per_postcode, postcode), (per_sector, postcode_sector(postcode))):
            counts = table.setdefault(key, {})
            counts[row["trust_code"]] = counts.get(row["trust_code"], 0) + 1
    groups: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in rows:
        # "GOOLE & DISTRICT HOSPITAL (ACUTE)": the hospital's name with a qualifier
        base = re.sub(r"\s*\([^()]*\)$", "", row["site_name"].strip())
        if row.get("close_date") or not is_hospital_name(base):
            continue
        row = {**row, "site_name": base}
        place = towns.get(row["site_code"], "").upper() or postcode_sector(row.get("postcode", ""))
        groups.setdefault((site_key(row["site_name"]), place), []).append(row)
    current = _current_trusts(organisations or [])
    out: dict[tuple[str, str], dict[str, str]] = {}
    for (key, place), members in sorted(groups.items()):
        # The trust with the most sites at (and around) the hospital's postcodes runs it, even when it
        # registered the hospital under another spelling; trusts that list the name win ties.
        score: dict[str, int] = {}
        for postcode in {r.get("postcode", "") for r in members}:
            for trust, n in per_postcode.get(postcode, {}).items():
                score[trust] = score.get(trust, 0) + 10 * n
        for sector in {postcode_sector(r.get("postcode", "")) for r in members}:
            for trust, n in per_sector.get(sector, {}).items():
                score[trust] = score.get(trust, 0) + n
        listed = {r["trust_code"] for r in members}
        # A trust whose headquarters are at the hospital runs it.
        based = sorted({t for r in members for t in (headquarters or {}).get(r.get("postcode", ""), ())})
        best_listed = max(listed, key=lambda t: (score.get(t, 0), t))
        best = max(score, key=lambda t: (score[t], t in listed, t))
        if score[best] < 3 * score.get(best_listed, 0):  # a trust that lists the name, unless another dominates
            best = best_listed
        fixed = SITE_OWNER_FIXES.get(f"{key}@{place}") or SITE_OWNER_FIXES.get(key)
        trust = fixed or (based[0] if len(based) == 1 else "") or best
        own = [r for r in members if r["trust_code"] == trust]
        site = min(own or members, key=lambda r: (not r["site_code"].startswith(r["trust_code"]), r["site_code"]))
        if (key, trust) in out:
            continue
        now = current.get(trust, trust)
        former = (
            SITE_FORMER_OWNER_FIXES.get(f"{key}@{place}")
            or SITE_FORMER_OWNER_FIXES.get(key)
            or _former_owner(trust, site.get("open_date", "") if own else "", organisations or [])
        )
        out[(key, trust)] = {
            "site_code": site["site_code"] if own else "",
            "name": proper_name(re.sub(r"\bST\. ", "ST ", site["site_name"])),
            "trust_code": trust,
            "current_trust": now if now != trust else "",
            "town": proper_name(towns.get(site["site_code"], "")),
            "postcode": site.get("postcode", ""),
            "former_trust": former,
        }
    return sorted(out.values(), key=lambda r: (site_key(r["name"]), r["trust_code"]))


def _former_owner(trust: str, site_opened: str, organisations: Sequence[dict[str, str]]) -> str:
    """The trust that ran a hospital before ``trust`` took it over, or "".

    The site file knows only today's owner, but a hospital re-registered under its trust when a
    merger brought it there carries the merger's date: a site opened within
    :data:`FORMER_OWNER_DAYS` of the closing of exactly one of the trust's predecessors was that
    predecessor's until then (Hinchingbrooke Hospital was Hinchingbrooke Health Care's until 2017).
    """
    if not site_opened:
        return ""
    by_code = {r["ods_code"]: r for r in organisations}
    row = by_code.get(trust)
    if row is None:
        return ""
    opened = _iso_day(site_opened)
    closed_then = [
        code
        for code in _split_codes(row.get("predecessors", ""))
        if by_code.get(code, {}).get("close_date")
        and abs((opened - _iso_day(by_code[code]["close_date"])).days) <= FORMER_OWNER_DAYS
    ]
    return closed_then[0] if len(closed_then) == 1 else ""


def _iso_day(value: str) -> datetime.date:
    value = value.strip()
    return datetime.date.fromisoformat(value if "-" in value else f"{value[:4]}-{value[4:6]}-{value[6:8]}")


def _current_trusts(organisations: Sequence[dict[str, str]]) -> dict[str, str]:
    """Closed trust -> the open trust it became, when the chain of single successors leads to one."""
    by_code = {r["ods_code"]: r for r in organisations}
    out = {}
    for code, row in by_code.items():
        seen, now = {code}, row
        while now.get("close_date") and len(_split_codes(now.get("successors", ""))) == 1:
            nxt = _split_codes(now["successors"])[0]
            if nxt in seen or nxt not in by_code:
                break
            seen.add(nxt)
            now = by_code[nxt]
        out[code] = now["ods_code"]
    return out


def read_site_towns(ets_path: str | Path) -> dict[str, str]:
    """Site code -> town (column 8) from an ODS ets file; its '# Source' comment line is skipped."""
    data = Path(ets_path).read_bytes()
    text = _decode(data)
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith("#")]
    return {_field(row, F_CODE): _field(row, 7) for row in parse_ods_bytes("".join(lines).encode("utf-8"))}


def trust_headquarters(etr: Iterable[Sequence[str]]) -> dict[str, set[str]]:
    """Postcode -> codes of the open trusts whose registered address (etr column 10) it is."""
    out: dict[str, set[str]] = {}
    for row in etr:
        if _field(row, 9) and not _field(row, F_CLOSE):
            out.setdefault(_field(row, 9), set()).add(_field(row, F_CODE))
    return out


def build_sites(
    sites_path: str | Path,
    ets_path: str | Path | None = None,
    organisations_path: str | Path | None = None,
    etr_path: str | Path | None = None,
) -> list[dict[str, str]]:
    """Hospital rows (in :data:`SITE_COLUMNS` order) from ``derived/nhs_trust_sites.csv`` on disk.

    ``ets_path`` (ODS ets, for towns), ``organisations_path`` (for current trusts) and ``etr_path``
    (ODS etr, for trust headquarters) are optional.
    """
    towns = read_site_towns(ets_path) if ets_path and Path(ets_path).exists() else {}
    orgs = read_csv(organisations_path) if organisations_path else []
    hq = trust_headquarters(read_ods_file(etr_path)) if etr_path and Path(etr_path).exists() else {}
    return site_rows(_read_dicts(sites_path), towns, orgs, hq)


def write_sites_csv(rows: Iterable[dict[str, str]], path: str | Path) -> None:
    """Write hospital rows as UTF-8 CSV with the :data:`SITE_COLUMNS` header (LF line endings)."""
    write_csv(rows, path, SITE_COLUMNS)


def refresh(
    download: Callable[[str], bytes],
    out_path: str | Path,
    icbs_path: str | Path | None = None,
    report_url: str = REPORT_URL_TEMPLATE,
) -> list[dict[str, str]]:
    """Download etr, eccg and succ, rebuild and write ``out_path``; returns the rows.

    ``report_url`` is where each report lives, with ``{report}`` for its name (a mirror or a
    local copy can stand in for the ODS service).

    ``download(url) -> bytes`` fetches one report (a CSV or a zip). ICB rows are read from
    ``icbs_path`` (derived icbs.csv layout or an organisations.csv); by default from the
    existing ``out_path``. Domains and hand-added rows of the existing file are kept.
    """
    out_path = Path(out_path)
    existing = read_csv(out_path)
    icb_source = Path(icbs_path) if icbs_path is not None else out_path
    icbs = read_icbs(icb_source) if icb_source.exists() else []
    if not icbs:
        raise ValueError(f"no ICB rows found in {icb_source}")
    etr = parse_ods_bytes(download(report_url.format(report="etr")))
    eccg = parse_ods_bytes(download(report_url.format(report="eccg")))
    succ = parse_ods_bytes(download(report_url.format(report="succ")))
    for label, parsed in (("etr", etr), ("eccg", eccg), ("succ", succ)):
        if not parsed or len(parsed[0]) < 2:
            raise ValueError(f"the {label} download is empty or not an ODS CSV; not overwriting")
    if not trust_rows(etr, REGIONS):
        raise ValueError("the etr download holds no English trusts; not overwriting")
    rows = build_rows(etr, eccg, succ, icbs, dict(REGIONS))
    rows = merge_existing(rows, existing)
    write_csv(rows, out_path)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Rebuild organisations.csv from a directory laid out like /work/shared/data."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, help="directory with ods/, derived/")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "data" / "organisations.csv")
    parser.add_argument("--sites-out", type=Path, default=Path(__file__).parent / "data" / "sites.csv")
    args = parser.parse_args(argv)
    d = args.data_dir
    loc22 = d / "ons" / "LOC22_ICB22_NHSER22_EN_LU.csv"
    rows = build(
        d / "ods" / "etr.csv",
        d / "ods" / "eccg.csv",
        d / "ods" / "succ.csv",
        d / "derived" / "icbs.csv",
        d / "derived" / "nhs_england_regions.csv",
        loc22 if loc22.exists() else None,
    )
    rows = merge_existing(rows, read_csv(args.out))
    write_csv(rows, args.out)
    print(f"wrote {len(rows)} organisations to {args.out}")
    sites_path = d / "derived" / "nhs_trust_sites.csv"
    if sites_path.exists():
        sites = build_sites(sites_path, d / "ods" / "ets.csv", args.out, d / "ods" / "etr.csv")
        write_sites_csv(sites, args.sites_out)
        print(f"wrote {len(sites)} hospital sites to {args.sites_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
