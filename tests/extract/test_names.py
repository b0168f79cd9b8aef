"""Names the gazetteer does not hold verbatim (extract.names)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from nhswatch.extract import extract
from nhswatch.extract.gazetteer import default_gazetteer
from nhswatch.extract.names import OTHER, distinctive, fuzzy_organisation, near, unknown_names


def test_one_slip_in_a_long_word_is_near():
    assert near("shrewbury", "shrewsbury")


def test_short_words_must_match_exactly():
    assert not near("kent", "bent")


def test_north_and_northern_are_the_same_token():
    assert distinctive("Northern Devon Healthcare NHS Trust") == distinctive("North Devon Healthcare Trust")


def test_misspelt_trust_name_links_to_the_trust():
    org = fuzzy_organisation(default_gazetteer(), "The Shrewbury and Telford Hospital NHS Trust", "2026-03-05")
    assert org is not None and org.ods_code == "RXW"


def test_dropped_teaching_still_links():
    org = fuzzy_organisation(default_gazetteer(), "Blackpool Hospitals NHS Foundation Trust", "2020-01-01")
    assert org is not None and org.ods_code == "RXL"


def test_a_name_with_an_unknown_place_links_to_nothing():
    assert fuzzy_organisation(default_gazetteer(), "Eastvale Hospitals NHS Trust", "2024-01-01") is None


def test_a_private_provider_is_another_organisation():
    (found,) = unknown_names(default_gazetteer(), "Westbrook Care Ltd was rated inadequate.", [], "2024-01-01")
    assert found.org.type == OTHER and found.kind == "other"


def test_a_story_about_a_private_provider_does_not_fall_back_to_the_nhs_body():
    text = (
        "Westbrook Community Care CIC, which runs clinics for Medway NHS Foundation Trust, was inspected in May.\n"
        "Westbrook Community Care CIC said it was disappointed.\n"
        "The provider has been rated inadequate by the Care Quality Commission."
    )
    assert extract(text, "2024-06-01").events == []


def test_misspelt_name_gives_the_trust_its_event():
    text = "The Shrewbury and Telford Hospital NHS Trust was placed in special measures in November 2018."
    (event,) = extract(text, "2019-01-01").events
    assert event["ods_code"] == "RXW"


def test_our_trust_is_not_another_organisation():
    text = "Our Trust has risen in the tables. Each Trust is scored."
    assert unknown_names(default_gazetteer(), text, [], None) == []


def test_a_welsh_health_board_is_another_organisation():
    text = (
        "Betsi Cadwaladr University Health Board was placed back into special measures.\n"
        "The health board runs hospitals across north Wales."
    )
    assert extract(text, "2023-03-01").events == []


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Trust", "FT", "CCG", "Council", "Company", "plc", "LLP", "Ltd", "Limited", "NHS", "é"])
        | st.text(alphabet="aTFCLpéÉ_0 -.,\n'", max_size=6),
        max_size=20,
    ).map("".join)
)
def test_whole_words_match_as_a_word_boundary_alternation_does(text):
    import re

    from nhswatch.extract.names import HEAD, HEAD_WORDS

    plain = re.compile(r"\b(?:" + "|".join(HEAD_WORDS) + r")\b")
    assert [m.span() for m in HEAD.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_known_name_with_a_lower_case_nhs_trust_is_found() -> None:
    gazetteer = default_gazetteer()
    text = "Barking, Havering and Redbridge NHS trust has been lifted out of special measures."
    found = unknown_names(gazetteer, text, [], "2017-03-01")
    assert [(m.org.ods_code, m.kind) for m in found] == [("RF4", "fuzzy")]


def test_a_lower_case_nhs_trust_describing_a_body_names_nobody() -> None:
    assert unknown_names(default_gazetteer(), "A Cumbrian NHS trust is ready to leave.", [], "2017-03-01") == []


def test_a_name_two_bodies_share_a_place_with_goes_to_the_one_sharing_most_words() -> None:
    org = fuzzy_organisation(default_gazetteer(), "Wirral University Teaching Hospitals NHS FT", "2018-07-13")
    assert org is not None and org.ods_code == "RBL"


def test_a_county_short_form_is_the_county() -> None:
    org = fuzzy_organisation(default_gazetteer(), "Herts Partnership Foundation Trust", "2018-01-01")
    assert org is not None and org.ods_code == "RWR"
