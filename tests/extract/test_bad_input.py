"""Bad input: no crash, no invented events."""

from __future__ import annotations

from datetime import date

import pytest
from nhswatch.extract import ExtractionBudgetExceeded, InputError, extract
from nhswatch.extract.sentences import MAX_SENTENCE, sentence_spans


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


def test_published_of_the_wrong_type_is_a_clear_error():
    with pytest.raises(InputError, match="published must be an ISO date string or a date, not int"):
        extract("Medway NHS Foundation Trust entered special measures.", 20240101)


def test_published_as_a_date_is_read():
    (event,) = extract("Medway NHS Foundation Trust has entered special measures.", date(2017, 3, 1)).events
    assert event["date"] == "2017-03-01"


def test_a_document_over_its_budget_is_abandoned():
    text = "Medway NHS Foundation Trust was placed in special measures. " * 200
    with pytest.raises(ExtractionBudgetExceeded, match="budget exceeded"):
        extract(text, "2024-01-01", budget=0)


def test_a_run_on_sentence_is_cut_into_bounded_pieces():
    text = ", ".join(["Medway NHS Foundation Trust was placed in segment 3"] * 400) + "."
    spans = sentence_spans(text)
    assert len(spans) > 10 and max(end - start for start, end in spans) <= MAX_SENTENCE
