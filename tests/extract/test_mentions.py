"""Organisation mentions (extract.mentions): shared names settled by context, hospitals, subjects."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from nhswatch.extract import extract
from nhswatch.extract.gazetteer import default_gazetteer
from nhswatch.extract.mentions import find_mentions

GAZETTEER = default_gazetteer()


def codes(text: str, day: str = "2024-06-01", publisher=None) -> list[str]:
    mentions, _ = find_mentions(GAZETTEER, text, [0], day, publisher)
    return [m.org.ods_code for m in mentions if m.org.ods_code]


def test_a_shared_hospital_name_alone_links_to_no_one():
    assert codes("The Queen Elizabeth Hospital was praised by inspectors.") == []


def test_a_shared_hospital_name_with_its_town_links_to_its_trust():
    assert codes("The Queen Elizabeth Hospital in Gateshead was praised by inspectors.") == ["RR7"]


def test_the_publisher_settles_a_shared_name():
    publisher = GAZETTEER.by_code["RCX"]
    assert codes("The Queen Elizabeth Hospital was praised by inspectors.", publisher=publisher) == ["RCX"]


def test_a_shared_name_gives_no_event_without_context():
    assert extract("The Queen Elizabeth Hospital has been placed in special measures.", "2024-06-01").events == []


def test_a_closed_icb_name_in_an_undated_text_is_that_icb():
    assert codes("Norfolk and Waveney ICS was told it needs support.", day=None) == ["QMM"]


def test_a_hospital_of_a_multi_site_trust_is_a_site():
    mentions, _ = find_mentions(GAZETTEER, "Whipps Cross University Hospital was rated good.", [0], "2024-06-01")
    assert mentions[0].org.ods_code == "R1H" and mentions[0].is_site


def test_the_area_of_the_document_settles_a_shared_name():
    text = "Norfolk and Waveney ICS and the Queen Elizabeth Hospital were both placed in segment 4."
    assert "RCX" in codes(text, day="2021-09-01")


def test_names_sharing_a_plural_head_are_each_named():
    text = "Directions were lifted for North Cumbria, North Tyneside and Walsall CCGs."
    assert codes(text, day="2017-05-01") == ["01H", "99C", "05Y"]


def test_a_short_form_after_the_full_name_is_the_same_body():
    text = "NHS North Tyneside CCG was praised. North Tyneside has cut its deficit."
    assert codes(text, day="2017-05-01") == ["99C", "99C"]


def test_a_short_form_before_the_full_name_is_not_linked():
    text = "North Tyneside has cut its deficit. NHS North Tyneside CCG was praised."
    assert codes(text, day="2017-05-01") == ["99C"]


def test_a_place_and_trust_descriptor_needs_the_full_name_in_the_story():
    assert codes("A Bristol trust has been praised.", day="2017-07-11") == []


def test_a_preposition_inside_the_name_before_does_not_locate_the_next_body():
    text = "Two CCGs were placed in special measures: NHS Vale of York CCG and NHS Scarborough and Ryedale CCG."
    found = {e["ods_code"] for e in extract(text, "2016-07-07").events}
    assert found == {"03Q", "03M"}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789189204 a_-é./\n", max_size=40))
def test_the_year_scan_finds_what_a_word_boundary_pattern_finds(text):
    import re

    from nhswatch.extract.mentions import YEAR

    assert YEAR.findall(text) == re.findall(r"\b(?:19[89]\d|20[0-4]\d)\b", text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["(", ")", " ", "\n", "\u2003", "QEH", "RDUH", "Trust", "x", "&", "(RD)"]), max_size=20)
)
def test_the_abbreviations_found_from_their_brackets_are_the_patterns_matches(pieces):
    from nhswatch.extract.mentions import DEFINED_ABBREVIATION, defined_abbreviations

    text = "".join(pieces)
    expected = [(m.start(), m.end(), m.group("abbreviation")) for m in DEFINED_ABBREVIATION.finditer(text)]
    assert defined_abbreviations(text) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["CCGs", "ICBs", "Clinical Commissioning Groups", " ", "\t", "x", ",", "CCG"]), max_size=15
    )
)
def test_the_plural_heads_are_those_a_space_first_pattern_finds(pieces):
    import re

    from nhswatch.extract.mentions import PLURAL_HEAD

    text = "".join(pieces)
    space_first = re.compile(r"\s(?P<head>CCGs|Clinical Commissioning Groups|ICBs)\b")
    expected = [m.span("head") for m in space_first.finditer(text)]
    assert [m.span("head") for m in PLURAL_HEAD.finditer(text)] == expected
