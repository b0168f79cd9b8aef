"""What every official-data importer shares: reading a table, checking its header, cleaning values,
quarters, and resolving ODS codes through the gazetteer's successions.

An importer never guesses: a header without a column the mapping needs is a :class:`HeaderMismatch`
(``nhswatch sources check`` prints it), a file that is empty or an HTML page is a :class:`DatasetError`,
and a row that cannot be read (blank or "n/a" value, unknown value, unknown or closed organisation) is
skipped with its reason, never stored half-read.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from nhswatch.extract import frameworks

BLANKS = frozenset({"", "n/a", "na", "-", "–", "not applicable", "not available", "none", "null", "*"})
QUARTER = re.compile(r"^\s*Q([1-4])\s*(\d{4})\s*/\s*(\d{2,4})\s*$", re.I)


class DatasetError(ValueError):
    """A file cannot be imported: the reason is one clear sentence."""


class HeaderMismatch(DatasetError):
    """The file's header lacks columns the importer's mapping needs."""

    def __init__(self, missing: list[str], found: list[str], fmt: str):
        self.missing, self.found, self.format = missing, found, fmt
        super().__init__(
            f"header mismatch for format {fmt}: missing column(s) {', '.join(repr(m) for m in missing)}; "
            f"the file has {', '.join(repr(f) for f in found) or 'no columns'}"
        )


@dataclass
class Spec:
    """What an importer needs from a registry entry's ``dataset:`` block."""

    format: str
    framework: str
    version: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    as_of: str | None = None
    publisher: str | None = None


@dataclass
class Parsed:
    """One file read: its header, the observations, and the rows skipped with their reason."""

    header: list[str]
    observations: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    period_label: str | None = None
    period_start: str | None = None
    period_end: str | None = None


def sniff(body: bytes) -> None:
    """Raise DatasetError for an empty body or an HTML page (an error page served instead of the file)."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head:
        raise DatasetError("the file is empty")
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in head[:512]:
        raise DatasetError("the file is an HTML page, not data (an error or login page?)")


def read_csv(body: bytes) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a CSV file (UTF-8 with or without BOM, else cp1252); blank lines dropped."""
    sniff(body)
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = body.decode("cp1252", errors="replace")
    rows = [row for row in csv.reader(io.StringIO(text, newline="")) if any(cell.strip() for cell in row)]
    if not rows:
        raise DatasetError("the file is empty")
    return [cell.strip() for cell in rows[0]], rows[1:]


def mapping(defaults: dict[str, str], spec: Spec) -> dict[str, str]:
    """Field → header: the importer's defaults (the real layout) overridden by the source's ``columns``."""
    unknown = set(spec.columns) - set(defaults)
    if unknown:
        raise DatasetError(f"unknown field(s) in columns: {', '.join(sorted(unknown))}; known: {', '.join(defaults)}")
    return {**defaults, **spec.columns}


def locate(header: list[str], columns: dict[str, str], required: Iterable[str], fmt: str) -> dict[str, int]:
    """Field → column index; HeaderMismatch if a required field's header is absent (case and spaces ignored)."""
    index = {_norm(name): n for n, name in enumerate(header)}
    found = {name: index[_norm(heading)] for name, heading in columns.items() if _norm(heading) in index}
    missing = [columns[name] for name in required if name not in found]
    if missing:
        raise HeaderMismatch(missing, header, fmt)
    return found


def extra_columns(header: list[str], columns: dict[str, str]) -> list[str]:
    """Headers the mapping does not know (reported, not an error: publishers add columns)."""
    known = {_norm(h) for h in columns.values()}
    return [h for h in header if h and _norm(h) not in known]


def _norm(text: str) -> str:
    return " ".join(text.replace("_", " ").lower().split())


def cell(row: list[str], at: dict[str, int], name: str) -> str | None:
    """A cleaned cell value; None for a missing column, a blank or an "n/a"."""
    n = at.get(name)
    if n is None or n >= len(row):
        return None
    value = " ".join(str(row[n]).split())
    return None if value.lower() in BLANKS else value


def number(value: str | None) -> float | None:
    try:
        return float(value.replace(",", "")) if value is not None else None
    except ValueError:
        return None


def whole(value: str | None) -> int | None:
    """'4', '4.0' → 4; anything else None."""
    found = number(value)
    return int(found) if found is not None and found.is_integer() else None


def yes_no(value: str | None) -> int | None:
    return {"yes": 1, "y": 1, "no": 0, "n": 0}.get((value or "").lower())


def quarter(label: str | None) -> tuple[str, str] | None:
    """'Q4 2025/26' → ('2026-01-01', '2026-03-31'): quarters of the NHS financial year (April to March)."""
    match = QUARTER.match(label or "")
    if not match:
        return None
    q, year = int(match.group(1)), int(match.group(2))
    start_month = 3 * q + 1 if q < 4 else 1
    start_year = year if q < 4 else year + 1
    end_month = start_month + 2
    last = date(start_year + (end_month > 12), (end_month - 1) % 12 + 1, 1)
    next_month = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    return date(start_year, start_month, 1).isoformat(), date.fromordinal(next_month.toordinal() - 1).isoformat()


def day(value: str | None) -> str | None:
    """An ISO day from '2024-05-03', '03/05/2024' (day first, as UK files write it) or '2024-05-03T...'."""
    text = (value or "").strip()
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        parts = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
    else:
        match = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", text)
        if not match:
            return None
        parts = (int(match.group(3)), int(match.group(2)), int(match.group(1)))
    try:
        return date(*parts).isoformat()
    except ValueError:
        return None


def status_value(framework: str, version: str | None, raw: str | None) -> str | None:
    """The framework table's key for a value ('4.0' → '4', 'Requires Improvement' → 'requires improvement'),
    or None when the version has no such value."""
    text = re.sub(r"^\s*segment\s+", "", raw or "", flags=re.I)  # "Segment 4" as some files write it
    whole_number = whole(text)
    key = frameworks.value_key(whole_number if whole_number is not None else text)
    if key is None:
        return None
    fw = frameworks.framework(framework)
    versions = [fw.versions[version]] if version in fw.versions else list(fw.versions.values())
    return key if any(key in v.values for v in versions) else None


def resolve(code: str | None, on: str | None, gazetteer: Any) -> tuple[str | None, str | None]:
    """(ODS code of the organisation on ``on``, reason when there is none).

    A code closed by then stands for its one successor open that day (the gazetteer's successions);
    a code the gazetteer does not know, or closed without one successor, is skipped with a reason.
    """
    if not code:
        return None, "no organisation code"
    code = code.strip().upper()
    org = gazetteer.by_code.get(code)
    if org is None:
        return None, f"organisation code {code} is not in the gazetteer"
    if org.open_on(on):
        return code, None
    successors = _open_successors(org, on, gazetteer)
    if len(successors) == 1:
        return successors[0], None
    return None, f"organisation {code} had closed by {on} ({org.close_date}) and has no single successor"


def _open_successors(org: Any, on: str | None, gazetteer: Any) -> list[str]:
    """Successors (and their successors) open on ``on``, following the ODS successions."""
    found, seen, frontier = [], {org.ods_code}, list(org.successors)
    while frontier:
        code = frontier.pop(0)
        succ = gazetteer.by_code.get(code)
        if succ is None or code in seen:
            continue
        seen.add(code)
        if succ.open_on(on):
            found.append(code)
        else:
            frontier.extend(succ.successors)
    return found


def quarterly_rows(
    rows: list[list[str]], at: dict[str, int], parsed: Parsed, *, as_of: str | None, example: str
) -> Iterator[tuple[list[str], dict[str, Any]]]:
    """Each row with a quarter (its own, else ``as_of``) and a segment, with the fields every quarterly
    file gives (row number, code, name, period, raw segment); other rows are skipped with the reason."""
    for n, row in enumerate(rows, start=2):
        label = cell(row, at, "quarter") or as_of
        span = quarter(label)
        if span is None:
            parsed.skipped.append((n, f"quarter {label!r} is not like {example!r}"))
            continue
        raw = cell(row, at, "segment")
        if raw is None:
            parsed.skipped.append((n, "blank segment"))
            continue
        parsed.period_label, parsed.period_start, parsed.period_end = label, *span
        yield (
            row,
            {
                "row": n,
                "reported_code": cell(row, at, "code"),
                "org_name": cell(row, at, "name"),
                "period_label": label,
                "period_start": span[0],
                "period_end": span[1],
                "raw": raw,
                "raw_text": raw,
            },
        )


def finish(parsed: Parsed, rows: list[dict[str, Any]], spec: Spec, gazetteer: Any) -> Parsed:
    """Resolve each candidate row's organisation and value; rows that fail are skipped with their reason."""
    for row in rows:
        number_ = row.pop("row")
        on = row.get("period_end") or row.get("as_of")
        code, why = resolve(row.get("reported_code"), on, gazetteer)
        if code is None:
            parsed.skipped.append((number_, why or "unresolved"))
            continue
        version = spec.version or frameworks.version_for(spec.framework, row.get("period_start") or on, row["raw"])
        value = status_value(spec.framework, version, row.pop("raw"))
        if value is None:
            parsed.skipped.append((number_, f"{row.get('raw_text')!r} is not a value of {spec.framework} {version}"))
            continue
        row.pop("raw_text", None)
        parsed.observations.append(
            {
                **row,
                "row_number": number_,
                "ods_code": code,
                "framework": spec.framework,
                "framework_version": version,
                "status": value,
            }
        )
    return parsed
