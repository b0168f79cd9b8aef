"""Lists and groups (extract.lists)."""

from __future__ import annotations

from nhswatch.extract import extract
from nhswatch.extract.lists import Lists, OpenList
from nhswatch.extract.rules import load_rules
from nhswatch.extract.statuses import Slot

LISTS = Lists(load_rules()[2])


def slot(modality: str = "actual") -> Slot:
    return Slot("rsp", "in", 0, 5, change="enter", modality=modality)


def test_a_colon_introduces_a_list():
    assert LISTS.introduces("The trusts affected are:") == "list_intro.colon"


def test_a_hypothetical_introduction_opens_no_list():
    assert not LISTS.open(OpenList(), [slot("hypothetical")], "list_intro.colon").active


def test_an_actual_introduction_opens_a_list():
    assert LISTS.open(OpenList(), [slot()], "list_intro.colon").active


def test_a_bullet_continues_an_open_list():
    current = LISTS.open(OpenList(), [slot()], "list_intro.colon")
    assert LISTS.continuation("• Medway NHS Foundation Trust", "The trusts are:", current, 0) == "list.bullet"


def test_a_long_sentence_is_not_a_list_item():
    current = LISTS.open(OpenList(), [slot()], "list_intro.colon")
    text = "After the report into Medway we changed the way every hospital is inspected and funded."
    assert LISTS.continuation(text, "The minister said:", current, 12) is None


def test_they_are_continues_even_with_places_named():
    current = LISTS.open(OpenList(), [slot()], "list.count")
    assert LISTS.continuation("They are A in Kent and B in the East Midlands.", "", current, 9) == (
        "list_intro.pronoun_head"
    )


def test_an_old_list_is_closed():
    current = LISTS.open(OpenList(), [slot()], "list_intro.colon")
    current.age = 4
    assert LISTS.continuation("• Medway NHS Foundation Trust", "", current, 0) is None


def test_a_list_member_s_evidence_runs_from_the_introduction():
    text = "Two trusts have entered special measures:\n• Medway NHS Foundation Trust\n• Barts Health NHS Trust"
    found = {e["ods_code"]: e["evidence"] for e in extract(text, "2016-07-21").events}
    assert found["R1H"].startswith("Two trusts have entered special measures:") and found["R1H"].endswith(
        "Barts Health NHS Trust"
    )


def test_a_location_pages_provider_line_introduces_no_list():
    text = (
        "Kettering General Hospital\n\nOverall: Requires improvement\n\nRothwell Road, Kettering\n\n"
        "Provided and run by:\nKettering General Hospital NHS Foundation Trust\n\nLatest inspection summary"
    )
    assert extract(text, "2024-05-23").events == []
