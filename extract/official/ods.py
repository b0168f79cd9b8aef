"""A small streaming reader for one sheet of an OpenDocument spreadsheet (.ods), the format of CQC's
"Care directory with ratings". Standard library plus defusedxml; the sheet's XML is read as a stream,
so a 25 MB workbook is not held in memory as a tree.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from defusedxml.ElementTree import iterparse

from .common import DatasetError

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
MAX_REPEAT = 1000  # trailing empty cells are written as one cell repeated to the sheet's width


def sheet_rows(body: bytes, sheet: str) -> Iterator[list[str]]:
    """The rows of ``sheet`` as lists of strings (dates as ISO text); DatasetError if there is none."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
        handle = archive.open("content.xml")
    except (zipfile.BadZipFile, KeyError) as error:
        raise DatasetError(f"not an OpenDocument spreadsheet ({error})") from None
    found = False
    with handle:
        inside = False
        for event, element in iterparse(handle, events=("start", "end")):
            if element.tag == f"{TABLE}table":
                if event == "start":
                    inside = element.get(f"{TABLE}name") == sheet
                    found = found or inside
                else:
                    if inside:
                        return
                    element.clear()
                continue
            if event == "end" and element.tag == f"{TABLE}table-row":
                if inside:
                    row = _row(element)
                    if any(row):
                        yield row
                element.clear()
    if not found:
        raise DatasetError(f"the workbook has no sheet named {sheet!r}")


def _row(element) -> list[str]:
    cells: list[str] = []
    for child in element:
        if child.tag not in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
            continue
        value = child.get(f"{OFFICE}date-value") or "".join("".join(p.itertext()) for p in child.iter(f"{TEXT}p"))
        repeat = min(int(child.get(f"{TABLE}number-columns-repeated", "1")), MAX_REPEAT)
        cells.extend([value.strip()] * repeat)
    while cells and not cells[-1]:
        cells.pop()
    return cells


def write_ods(sheets: dict[str, list[list[str]]]) -> bytes:
    """A minimal valid .ods holding ``sheets`` (for fixtures and the sample newsroom)."""
    from xml.sax.saxutils import escape

    tables = []
    for name, rows in sheets.items():
        body = "".join(
            "<table:table-row>"
            + "".join(
                f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'
                for value in row
            )
            + "</table:table-row>"
            for row in rows
        )
        tables.append(f'<table:table table:name="{escape(name)}">{body}</table:table>')
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet>" + "".join(tables) + "</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        info = zipfile.ZipInfo("mimetype", date_time=(2026, 1, 1, 0, 0, 0))
        archive.writestr(info, "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        info = zipfile.ZipInfo("content.xml", date_time=(2026, 1, 1, 0, 0, 0))
        archive.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
