"""Bad input: no crash, no invented events."""

from __future__ import annotations

from extract import extract


def test_empty_and_blank_text():
    assert extract("").events == [] and extract("   \n\n").events == []


def test_binary_text():
    assert extract("\x00\x01\x02\x03" * 500 + "segment 4").events == []


def test_another_language():
    text = "El hospital fue colocado en medidas especiales por la autoridad sanitaria el año pasado."
    assert extract(text, "2024-01-01").events == []


def test_huge_text_without_status_terms():
    text = ("The hospital opened a new car park and thanked its volunteers. " * 80 + "\n\n") * 1000
    assert len(text) > 5_000_000
    assert extract(text, "2024-01-01").events == []


def test_broken_markup_in_text():
    text = "<p>Medway NHS Foundation Trust <b>entered special measures in 2016.<div"
    found = extract(text, "2024-01-01").events
    assert [(e["ods_code"], e["framework"]) for e in found] == [("RPA", "special_measures")]
