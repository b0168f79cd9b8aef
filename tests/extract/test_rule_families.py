"""One-sentence tests for each rule family, positive and negative (sentences written for these tests)."""

from __future__ import annotations

import pytest
from nhswatch.extract import extract


def events(text: str, published: str | None = "2024-06-10", **kwargs):
    return extract(text, published, **kwargs).events


def only(text: str, published: str | None = "2024-06-10", **kwargs) -> dict:
    found = events(text, published, **kwargs)
    assert len(found) == 1, found
    return found[0]


# --- NOF segments -----------------------------------------------------------------------------


def test_segment_entry_with_number_word():
    event = only("East of England Ambulance Service NHS Trust has been placed in segment four.")
    assert (event["ods_code"], event["framework"], event["change"], event["to"]) == ("RYC", "nof", "enter", 4)


def test_segment_move_from_to():
    event = only("NHS Norfolk and Waveney ICB moved from segment 4 to segment 3 on 1 March 2024.")
    assert (event["ods_code"], event["change"], event["from"], event["to"]) == ("QMM", "move", 4, 3)
    assert event["date"] == "2024-03-01"
    assert event["date_text"] == "1 March 2024"


def test_segment_state_is_reported_as_state():
    event = only("Medway NHS Foundation Trust is in segment 3 of the oversight framework.")
    assert (event["change"], event["to"]) == ("state", 3)


def test_no_longer_in_segment_four_is_an_exit():
    event = only("NHS England says NHS Norfolk and Waveney ICB is no longer in segment 4.")
    assert (event["ods_code"], event["change"], event["from"], event["to"]) == ("QMM", "exit", 4, None)


def test_segment_five_belongs_to_the_2025_framework():
    event = only("University Hospitals of Leicester NHS Trust was placed in segment 5 in September 2025.")
    assert (event["to"], event["framework_version"], event["date"]) == (5, "2025", "2025-09")


def test_framework_version_follows_the_date():
    event = only("Medway NHS Foundation Trust entered segment 4 in August 2021.")
    assert event["framework_version"] == "2021"


def test_aggregate_count_yields_no_event():
    assert events("Sixteen trusts have been placed in segment four under the new rules.") == []


def test_generic_explanation_yields_no_event():
    assert events("Segment 4 is for organisations that need mandated intensive support.") == []


# --- Recovery Support Programme and special measures ---------------------------------------


def test_rsp_entry():
    event = only("University Hospitals of Morecambe Bay NHS Foundation Trust joined the Recovery Support Programme.")
    assert (event["ods_code"], event["framework"], event["change"], event["to"]) == ("RTX", "rsp", "enter", "in")


def test_rsp_exit():
    event = only("Norfolk and Suffolk NHS Foundation Trust has exited the Recovery Support Programme.")
    assert (event["framework"], event["change"], event["from"], event["to"]) == ("rsp", "exit", "in", "out")


def test_special_measures_entry_and_partial_date():
    event = only("Royal Cornwall Hospitals NHS Trust was put into special measures in 2017.")
    assert (event["framework"], event["change"], event["date"]) == ("special_measures", "enter", "2017")


def test_special_measures_exit_with_relative_date():
    event = only("The Queen Elizabeth Hospital King's Lynn left special measures last February.", "2022-05-03")
    assert (event["ods_code"], event["change"], event["date"]) == ("RCX", "exit", "2022-02")


def test_segment_four_of_the_rsp_is_one_event():
    event = only("East of England Ambulance Service NHS Trust has been placed in segment four of the RSP.")
    assert (event["framework"], event["to"]) == ("nof", 4)


def test_denied_status_yields_no_event():
    assert events("Medway NHS Foundation Trust has not been placed in special measures.") == []


# --- tiering ------------------------------------------------------------------------------------


def test_uec_tier_list_separated_by_semicolons():
    found = events(
        "Urgent and emergency care tiering was announced today. "
        "The first-tier systems are: Devon ICS; Norfolk and Waveney ICS; and Kent and Medway ICS."
    )
    assert {(e["ods_code"], e["framework"], e["to"]) for e in found} == {
        ("QJK", "uec_tier", 1),
        ("QMM", "uec_tier", 1),
        ("QKS", "uec_tier", 1),
    }


def test_elective_and_cancer_tiers_in_one_sentence():
    found = events("Leeds Teaching Hospitals NHS Trust moved into tier 1 for elective and cancer performance.")
    assert {(e["framework"], e["to"]) for e in found} == {("elective_tier", 1), ("cancer_tier", 1)}


def test_previous_tier_in_next_sentence_makes_a_move():
    found = events(
        "James Paget University Hospitals NHS Foundation Trust was moved into tier 1 for cancer. "
        "It was previously in tier 2."
    )
    assert [(e["change"], e["from"], e["to"]) for e in found] == [("move", 2, 1)]


# --- CQC ratings ----------------------------------------------------------------------------------


def test_cqc_rating_downgrade():
    event = only("Inspectors from the CQC downgraded South Central Ambulance Service from good to inadequate.")
    expected = ("RYE", "cqc_rating", "good", "inadequate")
    assert (event["ods_code"], event["framework"], event["from"], event["to"]) == expected


def test_cqc_rating_needs_rating_context():
    assert events("Medway NHS Foundation Trust said the weather was good for the fun run.") == []


def test_cqc_retained_rating_is_remain():
    event = only("Gloucestershire Health and Care NHS Foundation Trust has retained its good rating from the CQC.")
    assert (event["change"], event["to"]) == ("remain", "good")


# --- modality -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Royal Cornwall Hospitals NHS Trust is expected to exit special measures in the spring.",
        "Inspectors have recommended that Royal Cornwall Hospitals NHS Trust be taken out of special measures.",
    ],
)
def test_proposed_changes(sentence):
    assert only(sentence)["modality"] == "proposed"


def test_hypothetical_change():
    event = only("Medway NHS Foundation Trust could be placed in special measures if finances worsen.")
    assert event["modality"] == "hypothetical"


# --- references to organisations -----------------------------------------------------------------


def test_the_trust_refers_back():
    found = events(
        "Royal Cornwall Hospitals NHS Trust runs hospitals across the county.\n\n"
        "The trust was placed in special measures in 2017."
    )
    assert [(e["ods_code"], e["date"]) for e in found] == [("REF", "2017")]


def test_we_in_a_trust_newsroom_is_the_publisher():
    event = only("We have been placed in segment 3.", url="https://www.qehkl.nhs.uk/news/item")
    assert event["ods_code"] == "RCX"


def test_list_after_a_count_sentence():
    found = events(
        "NHS Improvement put three trusts into financial special measures on 22 March 2017. The trusts are:\n"
        "• St George's University Hospitals NHS Foundation Trust;\n"
        "• Northern Lincolnshire and Goole NHS Foundation Trust; and\n"
        "• University Hospitals of North Midlands NHS Trust.",
        "2017-03-22",
    )
    assert {e["ods_code"] for e in found} == {"RJ7", "RJL", "RJE"}
    assert all(e["framework"] == "special_measures" and e["to"] == "in" for e in found)


def test_evidence_offsets_point_at_the_sentence():
    text = "Some other news first.\n\nMedway NHS Foundation Trust entered special measures in 2016."
    event = only(text)
    assert text[event["start"] : event["end"]] == event["evidence"]
    assert event["evidence"].startswith("Medway")


# --- rules added while reading real articles (sentences written for these tests) -----------------


def test_service_level_rating_is_not_the_trusts_rating():
    text = "Medway NHS Foundation Trust was inspected in May. Its maternity unit was rated outstanding by the CQC."
    assert [e for e in events(text) if e["framework"] == "cqc_rating"] == []


def test_overall_rating_of_services_counts():
    text = "Medway NHS Foundation Trust welcomed inspectors.\n\nIn May 2014, the CQC rated services as good overall."
    event = only(text)
    assert (event["ods_code"], event["to"], event["date"]) == ("RPA", "good", "2014-05")


def test_no_services_rated_is_denied():
    assert events("Medway NHS Foundation Trust said it has no services rated inadequate by the CQC.") == []


def test_lede_reference_to_the_article_organisation():
    text = (
        "A struggling hospital trust has been put into special measures.\n\n"
        "Medway NHS Foundation Trust said it would work with regulators. Medway NHS Foundation Trust staff were told."
    )
    found = events(text, "2019-01-10")
    assert [(e["ods_code"], e["framework"]) for e in found] == [("RPA", "special_measures")]


def test_already_rated_is_a_state():
    event = only("Medway NHS Foundation Trust, already rated inadequate by the CQC, is under pressure.")
    assert event["change"] == "state"


def test_list_introduced_by_some_of_the_others():
    text = (
        "Nineteen trusts are in segment 4.\n\n"
        "Two of the others are ambulance trusts, South Central and South East Coast, while more are acute."
    )
    assert {e["ods_code"] for e in events(text)} == {"RYE", "RYD"}


def test_previous_rating_in_next_sentence():
    text = (
        "South Central Ambulance Service NHS Foundation Trust has been rated inadequate by the CQC.\n\n"
        "The trust received the rating after an inspection in April, dropping from a good rating."
    )
    event = only(text)
    assert (event["change"], event["from"], event["to"]) == ("move", "good", "inadequate")


def test_ccg_name_links_to_the_ccg_while_it_existed():
    event = only("NHS Norfolk and Waveney CCG has moved from segment 3 to segment 2.", "2021-03-10")
    assert event["ods_code"] == "26A"


def test_publisher_code_from_the_source_registry():
    event = only("Our trust has been moved into segment 2.", publisher_ods="RYC")
    assert event["ods_code"] == "RYC"


def test_the_four_organisations_refers_to_those_named_together():
    text = (
        "NHS England named East Kent Hospitals University NHS Foundation Trust, Medway NHS Foundation Trust, "
        "Royal Cornwall Hospitals NHS Trust and The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust.\n\n"
        "The four organisations have been placed in segment 4."
    )
    assert {e["ods_code"] for e in events(text)} == {"RVV", "RPA", "REF", "RCX"}


def test_a_count_without_the_is_not_a_reference():
    text = (
        "NHS England named Medway NHS Foundation Trust and Royal Cornwall Hospitals NHS Trust.\n\n"
        "Four organisations have been placed in segment 4 this year."
    )
    assert events(text) == []


def test_a_total_after_a_group_is_not_a_reference():
    text = (
        "Devon ICS and Norfolk and Waveney ICS are in segment 4.\n\n"
        "Overall, 30 of the 209 trusts make it into segment 1."
    )
    assert {(e["ods_code"], e["to"]) for e in events(text)} == {("QJK", 4), ("QMM", 4)}


def test_a_proposed_change_on_a_weekday_is_the_coming_one():
    event = only(
        "The CQC will recommend on Wednesday that Medway NHS Foundation Trust goes into special measures.", "2016-08-16"
    )
    assert (event["modality"], event["date"]) == ("proposed", "2016-08-17")


def test_a_sentence_referring_back_takes_the_paragraphs_date():
    text = (
        "In February 2025 Medway NHS Foundation Trust moved to segment 3. "
        "In line with this, Medway NHS Foundation Trust left the Recovery Support Programme."
    )
    rsp = [e for e in events(text, "2025-06-01") if e["framework"] == "rsp"]
    assert [(e["change"], e["date"]) for e in rsp] == [("exit", "2025-02")]


def test_an_unlinked_sentence_keeps_the_publication_date():
    text = "In 2014 Medway NHS Foundation Trust entered special measures. It has now left special measures."
    exits = [e for e in events(text, "2025-06-01") if e["change"] == "exit"]
    assert [e["date"] for e in exits] == ["2025-06-01"]


def test_each_tier_takes_the_kind_named_with_it():
    found = events("Medway NHS Foundation Trust was escalated to tier 1 for cancer and tier 2 for elective care.")
    assert {(e["framework"], e["to"]) for e in found} == {("cancer_tier", 1), ("elective_tier", 2)}


def test_removed_organisation_from_programme_is_an_exit():
    event = only("NHS England removed Nottingham University Hospitals NHS Trust from the Recovery Support Programme.")
    assert (event["ods_code"], event["change"], event["to"]) == ("RX1", "exit", "out")


def test_up_from_gives_the_previous_rating():
    event = only("Walsall Healthcare NHS Trust has been rated good by the CQC, up from requires improvement.")
    assert (event["change"], event["from"], event["to"]) == ("move", "requires improvement", "good")


def test_after_years_in_a_segment_gives_the_previous_segment():
    event = only("NHS Devon ICB has been moved into segment 3 after two years in segment 4.")
    assert (event["change"], event["from"], event["to"]) == ("move", 4, 3)


def test_one_of_many_is_a_member_not_a_count():
    event = only("The Royal Wolverhampton NHS Trust is one of 14 trusts now in segment 1.")
    assert (event["ods_code"], event["to"]) == ("RL4", 1)


def test_now_dates_a_change_today_despite_an_earlier_date_in_the_sentence():
    text = "Medway NHS Foundation Trust, placed in special measures in 2019, has now been moved to segment 3."
    dates = {(e["framework"], e["date"]) for e in events(text, "2024-06-10")}
    assert dates == {("special_measures", "2019"), ("nof", "2024-06-10")}


def test_planned_change_from_a_day_this_year_is_dated_ahead():
    event = only(
        "NHS England confirmed Medway NHS Foundation Trust would be stepped down from tier 1 to tier 2 for urgent "
        "and emergency care from 1 April.",
        "2024-03-20",
    )
    # (NHS England's confirmed decision is actual, as the gold conventions read "is to exit"; its day is ahead)
    assert (event["modality"], event["from"], event["to"], event["date"]) == ("actual", 1, 2, "2024-04-01")


def test_not_to_be_moved_out_is_denied():
    assert events("Medway NHS Foundation Trust was disappointed not to be moved out of segment 4.") == []


def test_would_have_is_counterfactual():
    assert events("Medway NHS Foundation Trust would have been placed in special measures under the old rules.") == []


def test_previous_segment_in_brackets():
    event = only("Medway NHS Foundation Trust has been placed into segment 2 (from segment 3).")
    assert (event["change"], event["from"], event["to"]) == ("move", 3, 2)


def test_moves_up_to_is_an_entry():
    assert only("Medway NHS Foundation Trust moves up to segment 2 this quarter.")["change"] == "enter"


def test_the_following_year_counts_from_the_last_year_named():
    text = (
        "Norfolk and Suffolk NHS Foundation Trust entered special measures in 2015. "
        "It left special measures the following year."
    )
    assert [(e["change"], e["date"]) for e in events(text, "2024-01-01")] == [("enter", "2015"), ("exit", "2016")]


def test_that_latter_year():
    text = (
        "Royal Cornwall Hospitals NHS Trust was inspected in 2016 and 2017 and put into special measures "
        "that latter year."
    )
    assert only(text, "2024-01-01")["date"] == "2017"
