"""Language families the extractor must generalise over (R1-R8 of the extraction design).

Every sentence here was written for these tests; organisation names are real so that the gazetteer
links them. One behaviour per test.
"""

from __future__ import annotations

import pytest
from nhswatch.extract import extract


def events(text: str, published: str | None = "2024-06-10", **kwargs) -> list[dict]:
    return extract(text, published, **kwargs).events


def statuses(text: str, published: str | None = "2024-06-10", **kwargs) -> set[tuple]:
    return {(e["ods_code"], e["framework"], e["change"], e["to"]) for e in events(text, published, **kwargs)}


# --- R1. Rating scope on both sides -------------------------------------------------------------------


def test_key_questions_after_each_rating_give_no_trust_rating():
    text = "Medway NHS Foundation Trust received a good rating for caring and an inadequate one for safety."
    assert events(text) == []


def test_relative_clause_about_a_unit_gives_no_trust_rating():
    text = (
        "Inspectors singled out the control room of East of England Ambulance Service NHS Trust, "
        "which is now outstanding."
    )
    assert events(text) == []


def test_service_rated_overall_is_still_the_service():
    text = "The CQC rated the maternity service at Barts Health NHS Trust inadequate overall."
    assert events(text) == []


def test_rating_for_whether_services_are_effective_is_a_key_question():
    text = "Wye Valley NHS Trust was rated requires improvement for whether its services are effective."
    assert events(text) == []


def test_rating_in_some_areas_is_not_overall():
    text = "Inspectors rated Medway NHS Foundation Trust good in some areas."
    assert events(text) == []


def test_named_hospital_rating_is_not_the_trust_rating():
    text = "The CQC has rated Whipps Cross University Hospital as requires improvement overall."
    assert events(text) == []


def test_overall_trust_rating_beside_a_service_rating_is_kept():
    text = (
        "The CQC rated Medway NHS Foundation Trust good overall, but its maternity unit was rated requires improvement."
    )
    assert statuses(text) == {("RPA", "cqc_rating", "move", "good")}


def test_services_rated_overall_are_the_trust():
    text = "Inspectors rated services at Wye Valley NHS Trust as good overall."
    assert statuses(text) == {("RLQ", "cqc_rating", "move", "good")}


def test_ccgs_have_no_cqc_rating():
    assert events("NHS Vale of York CCG was rated inadequate by the Care Quality Commission.") == []


# --- R2. Lists as discourse objects --------------------------------------------------------------------


def test_hypothetical_second_list_gives_no_events():
    text = (
        "Two trusts entered the Recovery Support Programme today: Medway NHS Foundation Trust and "
        "Barts Health NHS Trust. A second group might follow later in the year: Wye Valley NHS Trust "
        "and North Bristol NHS Trust."
    )
    assert {e["ods_code"] for e in events(text)} == {"RPA", "R1H"}


def test_a_second_list_that_may_end_up_in_the_regime_gives_no_events():
    text = (
        "The first trusts to enter financial special measures are:\n"
        "• Medway NHS Foundation Trust\n"
        "• Barts Health NHS Trust\n"
        "These may end up in the regime if there is no resolution. They are:\n"
        "• Wye Valley NHS Trust\n"
        "• North Bristol NHS Trust\n"
    )
    assert {e["ods_code"] for e in events(text, "2016-07-21")} == {"RPA", "R1H"}


def test_negated_list_introduction_closes_the_list():
    text = (
        "The trusts placed in special measures are:\n"
        "• Medway NHS Foundation Trust\n"
        "• Barts Health NHS Trust\n"
        "The trusts that were not placed in special measures are:\n"
        "• Wye Valley NHS Trust\n"
        "• North Bristol NHS Trust\n"
    )
    assert {e["ods_code"] for e in events(text)} == {"RPA", "R1H"}


def test_a_long_sentence_after_a_colon_is_not_a_list_item():
    text = (
        "Four hospital trusts were placed in special measures this week. The minister said:\n"
        "After the report into Medway NHS Foundation Trust we changed the way every hospital is inspected."
    )
    assert events(text) == []


def test_list_introduced_by_they_are_takes_the_status():
    text = (
        "Three trusts left special measures in May. "
        "They are Medway NHS Foundation Trust, Barts Health NHS Trust and Wye Valley NHS Trust."
    )
    assert {(e["ods_code"], e["change"]) for e in events(text)} == {("RPA", "exit"), ("R1H", "exit"), ("RLQ", "exit")}


# --- R4. Modality, negation and genericity ------------------------------------------------------------


def test_endorsed_advice_is_an_actual_exit():
    text = (
        "The board of NHS Improvement has endorsed the advice that "
        "Medway NHS Foundation Trust be released from special measures."
    )
    (event,) = events(text)
    assert (event["change"], event["modality"]) == ("exit", "actual")


def test_recommendation_alone_is_proposed():
    text = "The chief inspector has recommended that Medway NHS Foundation Trust be released from special measures."
    (event,) = events(text)
    assert event["modality"] == "proposed"


def test_announced_future_decision_is_actual():
    text = "Barts Health NHS Trust will be placed in segment 4 from 1 April, NHS England announced."
    (event,) = events(text)
    assert (event["to"], event["modality"]) == (4, "actual")


def test_condition_clause_gives_no_event():
    text = "Before it can be released from special measures, Medway NHS Foundation Trust must meet the exit criteria."
    assert events(text) == []


def test_generic_subject_gives_no_event():
    text = "Providers leave special measures once improvements are sustained, Barts Health NHS Trust was told."
    assert events(text) == []


def test_regime_as_topic_gives_no_event():
    text = "Special measures is a regime designed to help trusts such as Medway NHS Foundation Trust improve."
    assert events(text) == []


def test_counterfactual_gives_no_event():
    assert events("Under the old rules Wye Valley NHS Trust would have been in segment 5.") == []


def test_being_placed_as_a_noun_is_not_a_new_event():
    text = "Staff at Medway NHS Foundation Trust described being placed in special measures as a turning point."
    assert events(text) == []


def test_narrowly_missing_a_segment_is_negated():
    text = "University Hospitals of Leicester NHS Trust narrowly missed out on segment 4."
    assert events(text) == []


# --- R5. One event per change and occasion ------------------------------------------------------------


def test_repeated_exit_is_one_event():
    text = (
        "Medway NHS Foundation Trust has left special measures.\n"
        "The trust came out of special measures after four years, its chair said."
    )
    assert len(events(text)) == 1


def test_remaining_in_one_regime_and_entering_another_are_two_events():
    text = (
        "Medway NHS Foundation Trust remains in quality special measures, and NHS Improvement "
        "placed it in financial special measures in October 2016."
    )
    assert {e["change"] for e in events(text, "2017-05-01")} == {"remain", "enter"}


def test_one_change_in_two_frameworks_is_two_events():
    text = (
        "Barts Health NHS Trust entered the Recovery Support Programme in July 2022.\n"
        "The trust was placed in segment 4 of the oversight framework at the same time."
    )
    assert {e["framework"] for e in events(text)} == {"rsp", "nof"}


# --- R7. Clauses and from/to ------------------------------------------------------------------------------


def test_no_longer_in_one_segment_and_now_in_another_is_a_move():
    text = "Medway NHS Foundation Trust is no longer in segment 4 and now sits in segment 3."
    assert statuses(text) == {("RPA", "nof", "move", 3)}


def test_tier_five_is_not_a_status():
    assert events("Medway NHS Foundation Trust was placed in tier 5 of the local escalation plan.") == []


def test_three_tier_kinds_in_one_phrase():
    text = "Medway NHS Foundation Trust is currently in tier 1 for urgent and emergency care, electives and cancer."
    assert {e["framework"] for e in events(text)} == {"uec_tier", "elective_tier", "cancer_tier"}


# --- R8. Dates ------------------------------------------------------------------------------------------


def test_since_dates_the_entry_not_the_exit():
    text = "Medway NHS Foundation Trust has left special measures, which it had been in since 2016."
    (event,) = events(text, "2024-06-10")
    assert (event["change"], event["date"]) == ("exit", "2024-06-10")


def test_following_this_takes_the_previous_sentence_date_across_a_paragraph():
    text = (
        "Inspectors visited Medway NHS Foundation Trust in March 2023.\n\n"
        "Following this, the trust was placed in special measures."
    )
    (event,) = events(text, "2024-06-10")
    assert event["date"] == "2023-03"


# --- rules behind every event ---------------------------------------------------------------------------


def test_every_event_names_its_rules():
    (event,) = events("Medway NHS Foundation Trust has been placed in special measures.")
    assert {"status.special_measures", "enter.verb", "subject.named", "date.published"} <= set(event["rules"])


def test_at_that_time_takes_the_date_of_the_sentence_before():
    text = (
        "Inspectors first visited Wye Valley NHS Trust in April 2015.\n"
        "At that time the trust was rated inadequate overall."
    )
    (event,) = events(text, "2016-05-01")
    assert event["date"] == "2015-04"


def test_years_ago_counts_back_from_publication():
    (event,) = events("Two years ago, the CQC rated Medway NHS Foundation Trust as inadequate overall.", "2017-03-17")
    assert event["date"] == "2015"


def test_headline_repeated_in_the_body_is_one_event_with_the_body_modality():
    text = (
        "Medway NHS Foundation Trust to come out of special measures\n"
        "The chief inspector has recommended that Medway NHS Foundation Trust should come out of special measures."
    )
    (event,) = events(text)
    assert (event["change"], event["modality"]) == ("exit", "proposed")


def test_back_in_is_a_new_entry():
    (event,) = events("Barts Health NHS Trust is back in special measures.")
    assert event["change"] == "enter"


def test_the_trust_refers_to_the_subject_not_to_a_trust_named_in_passing():
    text = (
        "Wye Valley NHS Trust has been rated inadequate.\n"
        "The trust has been run by a team from Medway NHS Foundation Trust since April.\n"
        "The trust was placed in special measures in June."
    )
    assert {e["ods_code"] for e in events(text)} == {"RLQ"}


# --- the framework table, read by the extractor ---------------------------------------------------------


def test_special_measures_after_july_2021_is_the_rsp():
    (event,) = events("Medway NHS Foundation Trust was placed in special measures in March 2023.", "2023-04-01")
    assert (event["framework"], event["change"]) == ("rsp", "enter")
    assert "framework.special_measures_succeeded_by_rsp" in event["rules"]


def test_special_measures_before_july_2021_stays_special_measures():
    (event,) = events("Medway NHS Foundation Trust was placed in special measures in March 2017.", "2017-04-01")
    assert event["framework"] == "special_measures"


def test_a_rating_older_than_cqc_ratings_is_not_one():
    assert events("In 2009 Medway NHS Foundation Trust was rated good by the Care Quality Commission.") == []


def test_icbs_have_no_segment_in_2025_26():
    text = "NHS Kent and Medway Integrated Care Board was placed in segment 3 in September 2025."
    assert events(text, "2025-09-20") == []


def test_segment_five_in_2026_belongs_to_the_2026_27_framework():
    (event,) = events("Barts Health NHS Trust was placed in segment 5 in May 2026.", "2026-05-20")
    assert (event["to"], event["framework_version"]) == (5, "2026")


def test_segments_four_and_five_in_2025_are_two_events_of_the_2025_26_framework():
    text = (
        "Medway NHS Foundation Trust was placed in segment 4 in September 2025.\n"
        "The trust was then placed in segment 5 in December 2025."
    )
    assert {(e["to"], e["framework_version"]) for e in events(text, "2025-12-20")} == {(4, "2025"), (5, "2025")}


def test_a_realised_act_after_a_recommendation_is_actual():
    text = (
        "Following the recommendation of the chief inspector, NHS Improvement has placed "
        "Medway NHS Foundation Trust in special measures."
    )
    (event,) = events(text, "2018-09-28")
    assert (event["change"], event["modality"]) == ("enter", "actual")


def test_a_programme_opening_to_named_trusts_is_their_entry():
    text = (
        "The Recovery Support Programme opens to its first two trusts today. "
        "They are Medway NHS Foundation Trust and Barts Health NHS Trust."
    )
    assert {(e["ods_code"], e["change"]) for e in events(text, "2021-07-01")} == {("RPA", "enter"), ("R1H", "enter")}


def test_the_name_of_a_regime_is_not_a_status():
    text = "Medway NHS Foundation Trust said the phrase special measures is no longer used."
    assert events(text, "2025-05-01") == []


def test_a_regime_replacing_another_is_not_a_status():
    text = "Barts Health NHS Trust was told special measures had been replaced by the Recovery Support Programme."
    assert events(text, "2022-05-01") == []


# --- R6. Status terms the article refers back to --------------------------------------------------------


def test_the_regime_is_the_programme_named_before():
    text = (
        "Financial special measures were introduced for providers in 2016.\n"
        "North Bristol NHS Trust was placed in the regime in September 2016."
    )
    assert statuses(text, "2017-01-10") == {("RVJ", "special_measures", "enter", "in")}


def test_the_programme_after_another_named_programme_is_not_resolved():
    text = (
        "Barts Health NHS Trust left the Recovery Support Programme in 2023.\n"
        "It then joined the Maternity Safety Support Programme, "
        "and Medway NHS Foundation Trust entered the programme too."
    )
    assert {e["ods_code"] for e in events(text, "2024-01-10")} == {"R1H"}


def test_the_programme_without_a_named_programme_gives_nothing():
    assert events("Medway NHS Foundation Trust has left the programme.") == []


def test_a_strategy_to_leave_is_not_an_exit():
    text = "NHS England said Medway NHS Foundation Trust could start drawing up a strategy to leave special measures."
    (event,) = events(text)
    assert (event["change"], event["modality"]) == ("exit", "hypothetical")


def test_a_plan_to_leave_is_proposed():
    (event,) = events("Medway NHS Foundation Trust has published its plan for leaving special measures.")
    assert event["modality"] == "proposed"


def test_possible_exits_told_twice_are_one_event():
    text = (
        "A Kent health body could be out of special measures by the end of this year.\n"
        "Medway NHS Foundation Trust has been in special measures since 2014.\n"
        "Its chief executive said the trust might be released from special measures if it meets its targets."
    )
    exits = [e for e in events(text, "2018-05-01") if e["change"] == "exit"]
    assert len(exits) == 1 and exits[0]["modality"] == "hypothetical"


def test_well_led_rating_is_a_key_question_before_the_single_assessment_framework():
    assert events("The CQC rated Medway NHS Foundation Trust good for being well-led.", "2019-05-01") == []


def test_well_led_rating_is_the_trust_rating_under_the_single_assessment_framework():
    (event,) = events("The CQC rated Medway NHS Foundation Trust good for being well-led.", "2025-05-01")
    assert (event["to"], event["framework"]) == ("good", "cqc_rating")
    assert "scope.well_led_after" in event["rules"]


def test_a_move_to_an_ordinal_without_its_noun_is_a_move():
    text = (
        "Medway NHS Foundation Trust stepped up from the second tier to the first for elective care, "
        "and Barts Health NHS Trust joins the second tier."
    )
    assert statuses(text) == {("RPA", "elective_tier", "move", 1), ("R1H", "elective_tier", "enter", 2)}


def test_the_local_health_system_is_the_icb_named_before():
    text = (
        "NHS Norfolk and Waveney Integrated Care Board published its plan in May.\n"
        "The local health system has now been placed in segment 3."
    )
    assert {e["ods_code"] for e in events(text, "2023-06-01")} == {"QMM"}


def test_a_rating_given_in_two_years_is_two_events():
    text = "Medway NHS Foundation Trust was rated requires improvement by the CQC in 2016 and 2017."
    assert sorted(e["date"] for e in events(text, "2018-03-01")) == ["2016", "2017"]


def test_a_proposal_with_two_dates_is_one_event():
    text = "Medway NHS Foundation Trust is expected to leave special measures in March or April 2019."
    assert len(events(text, "2018-03-01")) == 1


def test_gapped_clauses_give_each_trust_its_own_tier_kind():
    text = (
        "Medway NHS Foundation Trust moved into tier 1 for cancer and electives, "
        "Barts Health NHS Trust for cancer and Wye Valley NHS Trust for both."
    )
    found = {(e["ods_code"], e["framework"]) for e in events(text)}
    assert found == {
        ("RPA", "cancer_tier"),
        ("RPA", "elective_tier"),
        ("R1H", "cancer_tier"),
        ("RLQ", "cancer_tier"),
        ("RLQ", "elective_tier"),
    }


def test_exit_criteria_are_not_an_exit():
    text = "Medway NHS Foundation Trust has agreed exit criteria for special measures with regulators."
    assert [e["change"] for e in events(text)] != ["exit"]


def test_an_undated_entry_mentioned_in_passing_gives_no_event():
    text = (
        "Barts Health NHS Trust left the Recovery Support Programme in March.\n"
        "It met the criteria agreed when it entered the programme."
    )
    assert {e["change"] for e in events(text, "2024-04-01")} == {"exit"}


def test_a_dated_entry_mentioned_in_passing_is_an_event():
    text = "Barts Health NHS Trust said it has improved since 2019, when it was placed in special measures."
    assert {(e["change"], e["date"]) for e in events(text, "2021-04-01")} == {("enter", "2019")}


def test_a_referring_object_before_the_status_beats_a_body_named_after_it():
    text = (
        "NHS North Tyneside CCG was placed in special measures in July 2016.\n"
        "Its chair said the decision to remove the CCG from special measures showed confidence in "
        "its leaders, who now include an officer from NHS Newcastle Gateshead CCG."
    )
    assert {(e["ods_code"], e["change"]) for e in events(text, "2017-02-10")} == {("99C", "enter"), ("99C", "exit")}


def test_the_first_to_be_taken_out_is_an_actual_exit():
    text = "Medway NHS Foundation Trust has become the first trust to be taken out of special measures."
    (event,) = events(text, "2017-02-10")
    assert event["modality"] == "actual"


def test_a_date_of_the_same_framework_in_the_sentence_is_another_occasion():
    text = (
        "Of nine trusts placed in special measures in July 2016, "
        "Medway NHS Foundation Trust is the first to see special measures lifted."
    )
    exits = [e for e in events(text, "2017-02-10") if e["change"] == "exit"]
    assert [e["date"] for e in exits] == ["2017-02-10"]


def test_a_rank_out_of_a_count_is_not_an_exit():
    text = "Medway NHS Foundation Trust is ranked 120th out of 134 acute trusts and sits in segment 4."
    assert statuses(text, "2025-10-10") == {("RPA", "nof", "state", 4)}


def test_a_segment_reserved_for_examples_is_generic():
    text = "Segment 5 is reserved for trusts needing the most help, such as Medway NHS Foundation Trust."
    assert events(text, "2025-10-10") == []


def test_two_frameworks_told_with_two_verbs_are_two_events():
    text = (
        "NHS Norfolk and Waveney Integrated Care Board was moved into segment 4 in 2023 "
        "and entered the Recovery Support Programme."
    )
    assert {e["framework"] for e in events(text, "2023-06-01")} == {"nof", "rsp"}


def test_not_yet_is_a_negation():
    assert events("Medway NHS Foundation Trust has not yet exited the Recovery Support Programme.", "2023-06-10") == []


def test_improved_to_is_a_new_rating():
    (event,) = events("The CQC said Medway NHS Foundation Trust's rating had improved to good.", "2024-06-10")
    assert (event["change"], event["to"]) == ("move", "good")


def test_having_been_gives_the_previous_tier():
    text = "East Kent Hospitals University NHS Foundation Trust is now in tier 2, having been in tier 1 since 2022."
    assert statuses(text) == {("RVV", "uec_tier", "move", 2)}


def test_hospitals_in_a_county_are_not_its_icb():
    assert events("Hospitals in Kent have been placed into tier 1 for urgent and emergency care.", "2023-06-10") == []


def test_respectively_pairs_organisations_and_statuses():
    text = "Medway NHS Foundation Trust and Barts Health NHS Trust were rated outstanding and good respectively."
    assert {(e["ods_code"], e["to"]) for e in events(text)} == {("RPA", "outstanding"), ("R1H", "good")}


def test_an_announced_decision_reported_with_would_is_actual():
    text = "Last week NHS England announced that Barts Health NHS Trust would be moved to segment 2."
    (event,) = events(text, "2022-03-01")
    assert event["modality"] == "actual"


def test_an_exit_named_as_the_subject_is_still_an_exit():
    (event,) = events(
        "Barts Health NHS Trust said its exit from special measures was a huge achievement.", "2019-03-01"
    )
    assert event["change"] == "exit"


def test_a_headline_label_is_not_a_status():
    assert events("Special measures: Medway hospital trust escapes\nRegulators said so today.", "2019-03-01") == []


def test_a_hope_that_a_trust_would_exit_is_proposed():
    text = "Its chief executive said she hoped Medway NHS Foundation Trust would exit the Recovery Support Programme."
    (event,) = events(text, "2024-01-01")
    assert event["modality"] == "proposed"


def test_in_special_measures_since_a_date_is_an_entry_then():
    text = "Medway NHS Foundation Trust has been in special measures since July 2013."
    assert statuses(text, "2016-01-01") == {("RPA", "special_measures", "enter", "in")}
    assert events(text, "2016-01-01")[0]["date"] == "2013-07"


def test_years_on_anchors_to_the_thread():
    text = (
        "Medway NHS Foundation Trust entered special measures in 2014.\n"
        "Three years on, Medway NHS Foundation Trust left special measures."
    )
    exits = [e for e in events(text, "2019-01-01") if e["change"] == "exit"]
    assert [e["date"] for e in exits] == ["2017"]


def test_an_exit_with_its_status_left_unsaid_is_an_exit():
    text = "Medway NHS Foundation Trust was placed into special measures in 2014 and left two years later."
    assert {(e["change"], e["date"]) for e in events(text, "2019-01-01")} == {("enter", "2014"), ("exit", "2016")}


def test_leaving_something_else_is_not_an_exit():
    text = "Medway NHS Foundation Trust was placed into special measures in 2014 and left the old site in 2015."
    assert {e["change"] for e in events(text, "2019-01-01")} == {"enter"}


def test_had_been_placed_is_an_event_not_an_earlier_status():
    text = "The board heard that Medway NHS Foundation Trust had been placed into special measures in 2014."
    assert statuses(text, "2019-01-01") == {("RPA", "special_measures", "enter", "in")}


def test_overall_before_a_second_rating_belongs_to_the_first():
    text = "The CQC rated Medway NHS Foundation Trust as good overall and outstanding for being caring."
    assert statuses(text) == {("RPA", "cqc_rating", "move", "good")}


def test_leaving_one_tier_and_being_in_another_is_a_move():
    text = "Medway NHS Foundation Trust has exited tier 1 for urgent and emergency care and is now in tier 2."
    assert statuses(text) == {("RPA", "uec_tier", "move", 2)}


def test_a_body_coordinated_with_a_count_is_still_a_subject():
    text = "NHS Kent and Medway ICB and three of its trusts remain in segment 3 of the oversight framework."
    assert statuses(text, "2023-09-10") == {("QKS", "nof", "remain", 3)}


def test_a_denied_time_frame_is_a_planned_change():
    (event,) = events("Medway NHS Foundation Trust will not exit special measures until next year.", "2024-05-01")
    assert (event["change"], event["modality"], event["date"]) == ("exit", "proposed", "2025")


def test_no_plans_to_place_is_no_event():
    assert events("There are no plans to place Medway NHS Foundation Trust in special measures.") == []


def test_failed_to_get_out_is_no_exit():
    assert events("Medway NHS Foundation Trust failed to get out of special measures.") == []


def test_neither_nor_denies_both():
    assert events("Medway NHS Foundation Trust was neither rated good nor placed in special measures.") == []


def test_should_it_fail_is_hypothetical():
    (event,) = events("Should Medway NHS Foundation Trust fail, it would enter special measures.")
    assert event["modality"] == "hypothetical"


def test_the_body_moved_out_of_a_status_is_its_subject():
    text = (
        "Medway NHS Foundation Trust's chief executive previously led Barts Health NHS Trust out of special measures."
    )
    assert statuses(text, "2020-05-01") == {("R1H", "special_measures", "exit", "out")}


def test_a_regime_that_worked_is_a_topic():
    text = "The health secretary, who once ran Medway NHS Foundation Trust, said special measures had worked."
    assert events(text, "2020-05-01") == []


# --- R9. An undated report of a change is the dated report of it -------------------------------------


def test_an_unresolvable_relative_date_joins_the_dated_report():
    text = (
        "Wye Valley NHS Trust went into special measures two years ago. "
        "The trust was placed in special measures in October 2014 after an inspection."
    )
    found = [e for e in events(text, None) if e["framework"] == "special_measures"]
    assert [(e["change"], e["date"]) for e in found] == [("enter", "2014-10")]


def test_a_rating_told_twice_in_an_undated_letter_is_one_rating():
    text = (
        "Our trust overall was rated good by inspectors. "
        "Ashford and St Peter's Hospitals NHS Foundation Trust was rated good following the inspection in March 2019."
    )
    found = events(text, None)
    assert [(e["to"], e["date"]) for e in found] == [("good", "2019-03")]


def test_a_return_after_a_later_exit_is_a_second_entry():
    text = (
        "Norfolk and Suffolk NHS Foundation Trust was placed in special measures in 2015. "
        "It came out of special measures in 2016. "
        "Norfolk and Suffolk NHS Foundation Trust has been placed in special measures."
    )
    entries = [e for e in events(text, None) if e["change"] == "enter"]
    assert sorted(str(e["date"]) for e in entries) == ["2015", "None"]


def test_a_rating_that_stayed_is_not_the_dated_rating():
    text = (
        "Royal Cornwall Hospitals NHS Trust was rated requires improvement in 2017. "
        "The trust's overall rating has stayed at requires improvement."
    )
    assert len(events(text, None)) == 2


# --- R10. A short form outranks a place inside it -------------------------------------------------------


def test_the_short_form_of_a_trust_named_after_its_county_is_the_trust():
    text = (
        "East Kent Hospitals University NHS Foundation Trust is to leave special measures. NHS Improvement said "
        "the decision to take East Kent out of special measures had been delayed by concerns about its finances."
    )
    assert statuses(text, None) == {("RVV", "special_measures", "exit", "out")}


def test_a_short_form_after_another_body_is_still_the_trust():
    text = (
        "East Kent Hospitals University NHS Foundation Trust was inspected in March. "
        "The Care Quality Commission recommended that East Kent leave special measures."
    )
    assert {(e["ods_code"], e["modality"]) for e in events(text, None)} == {("RVV", "proposed")}


def test_a_county_named_alone_is_still_a_place():
    text = "Hospitals across Kent are under pressure this winter."
    assert events(text) == []


# --- R11. Lifting a status is leaving it ------------------------------------------------------------------


def test_a_regulator_lifting_special_measures_at_a_body_is_its_exit():
    text = "NHS England lifted special measures at North Tyneside CCG in January."
    assert statuses(text, "2017-03-01") == {("99C", "special_measures", "exit", "out")}


def test_the_decision_to_lift_special_measures_is_the_exit():
    text = "The decision to lift special measures at Barts Health NHS Trust was welcomed by staff."
    assert statuses(text, "2017-03-01") == {("R1H", "special_measures", "exit", "out")}


def test_the_lifting_of_special_measures_is_the_exit():
    text = "The lifting of special measures at Wye Valley NHS Trust came after two years of work."
    assert statuses(text, "2017-03-01") == {("RLQ", "special_measures", "exit", "out")}


def test_considering_lifting_special_measures_is_a_plan():
    text = "Regulators are considering lifting special measures at Medway NHS Foundation Trust."
    assert [(e["change"], e["modality"]) for e in events(text, "2017-03-01")] == [("exit", "proposed")]


def test_not_lifting_special_measures_is_no_exit():
    text = "NHS England did not lift special measures at Medway NHS Foundation Trust."
    assert events(text, "2017-03-01") == []


# --- Elapsed time and "until": a status held up to a date, or long before the report --------------


def dated(text: str, published: str = "2025-11-01") -> set[tuple]:
    return {(e["ods_code"], e["framework"], e["change"], e["to"], e["date"]) for e in events(text, published)}


def test_status_inside_an_elapsed_clause_is_dated_back_from_the_report():
    text = "Ten years after it entered special measures, Medway NHS Foundation Trust has been rated outstanding."
    assert ("RPA", "special_measures", "enter", "in", "2015") in dated(text)


def test_elapsed_clause_with_since_dates_the_entry_back():
    text = "Five years since the trust was placed in special measures, Barts Health NHS Trust is rated good."
    assert ("R1H", "special_measures", "enter", "in", "2020") in dated(text)


def test_elapsed_clause_never_gives_a_current_entry():
    text = "Three years after being put into special measures, Wye Valley NHS Trust was rated good."
    entries = [e for e in events(text, "2025-11-01") if e["change"] == "enter" and e["to"] == "in"]
    assert [e["date"] for e in entries] == ["2022"]


def test_rating_inside_an_elapsed_clause_is_the_earlier_rating():
    text = "Two years after being rated inadequate, Medway NHS Foundation Trust has been rated good."
    assert ("RPA", "cqc_rating", "move", "inadequate", "2023") in dated(text)


def test_elapsed_time_after_that_dates_the_main_clause_not_back():
    text = "In 2014 Wye Valley NHS Trust was rated inadequate. Two years after that, it left special measures."
    assert ("RLQ", "special_measures", "exit", "out", "2016") in dated(text)


def test_a_decade_ago_is_ten_years_before_the_report():
    text = "Medway NHS Foundation Trust was placed in special measures a decade ago."
    assert dated(text) == {("RPA", "special_measures", "enter", "in", "2015")}


def test_remained_in_a_programme_until_a_past_date_is_an_exit_then():
    text = "Medway NHS Foundation Trust remained in special measures until 2019."
    assert dated(text) == {("RPA", "special_measures", "exit", "out", "2019")}


def test_was_in_a_programme_until_last_year_is_no_current_membership():
    text = "Barts Health NHS Trust, which was in the Recovery Support Programme until last year, has a new chair."
    assert dated(text) == {("R1H", "rsp", "exit", "out", "2024")}


def test_will_remain_until_a_date_to_come_holds_now():
    text = "Medway NHS Foundation Trust will remain in special measures until at least next spring."
    assert dated(text) == {("RPA", "rsp", "remain", "in", "2025-11-01")}


def test_rating_held_until_a_past_date_says_nothing_about_now():
    text = "Wye Valley NHS Trust was rated good until 2019."
    assert events(text, "2025-11-01") == []


# --- Lost ratings and relative clauses -------------------------------------------------------------


def test_a_lost_rating_is_not_the_current_rating():
    assert events("Medway NHS Foundation Trust has lost its outstanding rating.") == []


def test_being_stripped_of_a_rating_is_not_holding_it():
    assert events("Barts Health NHS Trust was stripped of its good rating after the inspection.") == []


def test_losing_a_rating_won_earlier_is_not_holding_it():
    assert events("Wye Valley NHS Trust lost the good rating it won in 2019.") == []


def test_relative_clause_status_belongs_to_the_body_it_follows():
    text = (
        "The former chief executive of Medway NHS Foundation Trust, which is in special measures, "
        "has joined Barts Health NHS Trust."
    )
    assert {e["ods_code"] for e in events(text)} == {"RPA"}


def test_relative_clause_after_a_body_named_after_for_is_about_that_body():
    text = "A new chair for Wye Valley NHS Trust, which was placed in special measures in 2013, starts at Barts Health NHS Trust."
    assert {(e["ods_code"], e["date"]) for e in events(text)} == {("RLQ", "2013")}


def test_a_relative_clause_closed_before_the_status_leaves_the_subject_alone():
    text = "Barts Health NHS Trust, which runs Whipps Cross, was placed in special measures in 2015."
    assert {e["ods_code"] for e in events(text)} == {"R1H"}


# --- A period spent in a programme, and leaving it --------------------------------------------------


def test_before_leaving_is_an_exit_on_its_own_date():
    text = "Medway NHS Foundation Trust was in special measures for four years before exiting in 2017."
    assert dated(text) == {("RPA", "special_measures", "exit", "out", "2017")}


def test_a_period_spent_in_a_programme_is_not_a_current_membership():
    text = "Medway NHS Foundation Trust spent four years in special measures before leaving in 2017."
    assert dated(text) == {("RPA", "special_measures", "exit", "out", "2017")}


def test_an_undated_period_spent_gives_no_event():
    assert events("Having spent 18 months in special measures, Wye Valley NHS Trust has a new chair.") == []


def test_a_period_spent_from_a_date_is_an_entry_then():
    text = "Barts Health NHS Trust spent two years in special measures from 2015."
    assert dated(text) == {("R1H", "special_measures", "enter", "in", "2015")}


# --- Which of several named bodies a status is about ------------------------------------------------


def subjects_of(text: str) -> set[str]:
    return {e["ods_code"] for e in events(text, "2025-11-01")}


def test_a_body_named_with_unlike_is_not_the_subject():
    text = "Unlike Medway NHS Foundation Trust, Barts Health NHS Trust has been placed in special measures."
    assert subjects_of(text) == {"R1H"}


def test_the_body_helped_out_of_a_programme_is_the_subject_not_the_helper():
    text = "Medway NHS Foundation Trust staff helped Barts Health NHS Trust get out of special measures."
    assert subjects_of(text) == {"R1H"}


def test_a_possessor_before_an_apposition_is_not_the_subject():
    text = "Barts Health NHS Trust's sister organisation Medway NHS Foundation Trust remains in special measures."
    assert subjects_of(text) == {"RPA"}


def test_a_body_named_after_the_status_in_another_role_is_not_the_subject():
    text = "Barts Health NHS Trust, rated inadequate in 2015, has been inspected again alongside Wye Valley NHS Trust."
    assert subjects_of(text) == {"R1H"}


def test_a_reduced_relative_clause_rating_belongs_to_the_body_before_it():
    text = "Medway NHS Foundation Trust will partner with Barts Health NHS Trust, rated outstanding last year."
    assert subjects_of(text) == {"R1H"}


def test_coordinated_bodies_all_take_the_status():
    text = "Barts Health NHS Trust, Wye Valley NHS Trust and Medway NHS Foundation Trust were placed in segment 4."
    assert subjects_of(text) == {"R1H", "RLQ", "RPA"}


def test_bodies_coordinated_after_a_type_word_all_take_the_status():
    text = "Medway NHS Foundation Trust and its neighbour Barts Health NHS Trust have both been rated good."
    assert subjects_of(text) == {"RPA", "R1H"}


def test_a_relative_clause_inside_a_contrast_keeps_each_status_apart():
    text = "Unlike Barts Health NHS Trust, which sits in segment 1, Medway NHS Foundation Trust remains in segment 4."
    assert {(e["ods_code"], e["to"]) for e in events(text, "2025-11-01")} == {("R1H", 1), ("RPA", 4)}


# --- Descriptions in a lede, and earlier statuses of another body -----------------------------------


def test_a_described_trust_in_a_place_is_the_trust_named_later_not_the_place():
    text = (
        "Hospital trust leaves special measures\n"
        "A hospital trust in Kent has been taken out of special measures.\n"
        "Medway NHS Foundation Trust entered the regime in 2018."
    )
    exits = {e["ods_code"] for e in events(text, "2024-03-14") if e["change"] == "exit"}
    assert exits == {"RPA"}


def test_a_described_trust_never_stands_for_a_commissioner():
    text = (
        "A hospital trust has been taken out of special measures.\n"
        "NHS Kent and Medway ICB welcomed the news, and the ICB's chair thanked staff."
    )
    assert events(text, "2024-03-14") == []


def test_an_earlier_status_of_another_body_is_not_this_body_s_move():
    text = "Barts Health NHS Trust was placed in segment 3, while Medway NHS Foundation Trust was in segment 4."
    assert ("R1H", "enter", None, 3) in {
        (e["ods_code"], e["change"], e["from"], e["to"]) for e in events(text, "2025-09-10")
    }
    assert not [e for e in events(text, "2025-09-10") if e["change"] == "move"]


def test_an_earlier_status_in_a_relative_clause_is_still_this_body_s_move():
    text = "Wye Valley NHS Trust, which had been in segment 4 last year, is now in segment 2."
    assert {(e["ods_code"], e["change"], e["from"], e["to"]) for e in events(text, "2025-09-10")} == {
        ("RLQ", "move", 4, 2)
    }


def test_the_universal_offer_of_a_programme_is_not_intensive_support():
    text = "Barts Health NHS Trust will now be supported through the Recovery Support Programme's universal offer."
    assert events(text, "2022-05-01") == []


def test_the_programme_itself_is_still_intensive_support():
    text = "Barts Health NHS Trust has entered the Recovery Support Programme and will receive intensive support."
    assert {(e["framework"], e["change"]) for e in events(text, "2022-05-01")} == {("rsp", "enter")}


def test_a_date_in_another_body_s_relative_clause_is_not_this_status_s_date():
    text = (
        "South Western Ambulance Service NHS Foundation Trust has been moved into the Recovery Support Programme, "
        "joining East of England Ambulance Service NHS Trust, which entered in 2021."
    )
    assert dated(text, "2023-05-05") == {("RYF", "rsp", "enter", "in", "2023-05-05")}


def test_a_regulator_s_relative_clause_keeps_its_date_for_the_status():
    text = "Medway NHS Foundation Trust was placed in special measures by NHS Improvement, which acted in March 2016."
    assert dated(text) == {("RPA", "special_measures", "enter", "in", "2016-03")}


# --- Another kind of provider in a place named like an NHS body -------------------------------------


def test_a_hospice_in_a_place_named_like_a_trust_is_not_the_trust():
    text = "A hospice in Wye Valley has been rated outstanding by the CQC."
    assert events(text, "2022-08-08") == []


def test_a_care_home_served_by_a_trust_is_not_the_trust():
    text = "A care home at Medway has been placed in special measures after an inspection."
    assert events(text, "2022-08-08") == []


def test_the_rating_for_a_body_is_that_body_s_rating():
    text = "The CQC has changed the overall rating for Wye Valley NHS Trust from inadequate to good."
    assert {(e["ods_code"], e["to"]) for e in events(text, "2022-08-08")} == {("RLQ", "good")}


# --- The publisher's own voice -------------------------------------------------------------------


def test_our_partners_are_not_the_publisher():
    text = "Our partners at Barts Health NHS Trust have been rated good."
    assert events(text, "2023-06-20", url="https://www.medway.nhs.uk/news/x") == []


def test_our_own_rating_is_the_publisher_s():
    text = "We are delighted that the Care Quality Commission has rated us good overall."
    found = {(e["ods_code"], e["to"]) for e in events(text, "2023-06-20", url="https://www.medway.nhs.uk/news/x")}
    assert found == {("RPA", "good")}


def test_a_trailing_from_gives_the_segment_moved_from():
    text = "We have moved up to segment 2 in the NHS league tables published this week, from segment 3."
    found = {
        (e["change"], e["from"], e["to"]) for e in events(text, "2026-08-01", url="https://www.bartshealth.nhs.uk/x")
    }
    assert found == {("move", 3, 2)}


# --- Statuses told in passing inside a subordinate clause -------------------------------------------


def test_a_person_leaving_is_not_the_body_leaving():
    text = "She joined when Medway NHS Foundation Trust was in special measures and left two years later."
    assert events(text, "2020-02-02") == []


def test_a_past_state_in_a_when_clause_is_history():
    text = "The chair arrived at Barts Health NHS Trust when the trust was still in special measures."
    assert events(text, "2020-02-02") == []


def test_a_dated_when_clause_keeps_its_date():
    text = "The chair arrived at Barts Health NHS Trust in 2016, when the trust was in special measures."
    assert dated(text, "2020-02-02") == {("R1H", "special_measures", "state", "in", "2016")}


def test_leaving_after_a_rating_is_no_change_of_rating():
    text = "The chief executive of Wye Valley NHS Trust left after it was rated good."
    assert [e for e in events(text, "2020-02-02") if e["change"] == "exit"] == []


def test_a_body_still_leaves_after_its_own_status_clause():
    text = "Medway NHS Foundation Trust was placed in special measures in 2013 and left in 2017."
    assert ("RPA", "special_measures", "exit", "out", "2017") in dated(text, "2020-02-02")


# --- Praise is not a rating -------------------------------------------------------------------------


def test_a_degree_adverb_makes_good_praise_not_a_rating():
    text = "Medway NHS Foundation Trust had several highlights which the CQC identified as being particularly good."
    assert events(text, "2015-05-05") == []


def test_an_adjective_before_a_noun_is_praise_not_a_rating():
    text = "Inspectors from the CQC praised good multi-disciplinary working at Medway NHS Foundation Trust."
    assert events(text, "2015-05-05") == []


def test_very_good_at_something_is_praise_not_a_rating():
    text = "The CQC said Medway NHS Foundation Trust was especially good at involving families."
    assert events(text, "2015-05-05") == []


def test_outstanding_practice_is_not_an_outstanding_rating():
    text = "The CQC highlighted outstanding practice in the stroke unit at Barts Health NHS Trust."
    assert events(text, "2015-05-05") == []


def test_a_predicate_rating_still_counts_beside_praise():
    text = "The CQC praised very good teamwork at Wye Valley NHS Trust and rated the trust good overall."
    assert {(e["ods_code"], e["to"]) for e in events(text, "2015-05-05")} == {("RLQ", "good")}


# --- Recommendations and planned dates --------------------------------------------------------------


def test_should_be_taken_out_is_a_recommendation():
    text = "Wye Valley NHS Trust should be taken out of special measures, the chief inspector said."
    assert [(e["change"], e["modality"]) for e in events(text, "2017-03-01")] == [("exit", "proposed")]


def test_a_planned_exit_in_a_month_is_the_coming_month():
    text = "Medway NHS Foundation Trust is due to exit the Recovery Support Programme in April."
    assert [(e["modality"], e["date"]) for e in events(text, "2025-11-01")] == [("proposed", "2026-04")]


def test_an_exit_reported_in_a_month_is_the_past_month():
    text = "Medway NHS Foundation Trust left the Recovery Support Programme in April."
    assert [(e["modality"], e["date"]) for e in events(text, "2025-11-01")] == [("actual", "2025-04")]


# --- Earlier statuses on their own ------------------------------------------------------------------


def test_previously_in_a_programme_is_not_in_it_now():
    assert events("Medway NHS Foundation Trust was previously in special measures.", "2025-11-01") == []


def test_an_undated_earlier_rating_gives_no_event():
    assert events("Wye Valley NHS Trust was previously rated good.", "2025-11-01") == []


def test_a_dated_earlier_rating_keeps_its_date():
    text = "Wye Valley NHS Trust was previously rated good in 2019."
    assert dated(text) == {("RLQ", "cqc_rating", "move", "good", "2019")}


def test_an_earlier_status_beside_another_framework_s_change_stands_alone():
    text = "Medway NHS Foundation Trust was in special measures until March 2017, when it was rated good."
    assert dated(text) == {
        ("RPA", "special_measures", "exit", "out", "2017-03"),
        ("RPA", "cqc_rating", "move", "good", "2017-03"),
    }


def test_a_denied_time_frame_already_past_is_what_happened():
    (event,) = events("Medway NHS Foundation Trust did not leave special measures until 2019.", "2025-11-01")
    assert (event["change"], event["modality"], event["date"]) == ("exit", "actual", "2019")


def test_an_elapsed_clause_naming_another_body_dates_that_body_s_change_back():
    text = "Three years after Barts Health NHS Trust left special measures, Medway NHS Foundation Trust followed."
    assert ("R1H", "rsp", "exit", "out", "2022") in dated(text)


def test_a_former_special_measures_trust_is_not_in_special_measures():
    text = "Medway NHS Foundation Trust, a former special measures trust, has opened a new ward."
    assert events(text, "2025-11-01") == []


def test_an_ex_segment_status_is_not_the_current_segment():
    assert events("The ex-segment 4 trust Barts Health NHS Trust has a new chair.", "2025-11-01") == []


def test_exited_is_not_ex():
    text = "Wye Valley NHS Trust exited special measures in 2017."
    assert dated(text) == {("RLQ", "special_measures", "exit", "out", "2017")}


def test_a_programme_spell_that_ended_is_an_exit():
    text = "Medway NHS Foundation Trust's time in special measures ended in 2017."
    assert dated(text) == {("RPA", "special_measures", "exit", "out", "2017")}


def test_a_post_programme_plan_is_not_membership():
    text = "The chief inspector said Barts Health NHS Trust should embed a post-special measures plan."
    assert events(text, "2016-10-10") == []


def test_goals_beyond_a_programme_are_not_membership():
    text = "Inspectors found Wye Valley NHS Trust had set no goals beyond special measures."
    assert events(text, "2016-10-10") == []


def test_putting_a_body_into_a_programme_judged_right_is_no_report():
    text = "The minister said putting Medway NHS Foundation Trust into special measures had been the right decision."
    assert events(text, "2016-10-10") == []


def test_since_a_season_dates_the_entry():
    text = "Barts Health NHS Trust has been in special measures since summer 2015."
    assert dated(text, "2016-10-10") == {("R1H", "special_measures", "enter", "in", "2015")}


def test_an_inspection_month_before_a_recommendation_leaves_the_report_its_date():
    # the recommendation is the report's news, as gold dates d003, d017 and d022: not the inspection's month
    text = "At an inspection in July, the CQC found improvements and recommended Wye Valley NHS Trust leave special measures."
    assert [(e["modality"], e["date"]) for e in events(text, "2016-10-10")] == [("proposed", "2016-10-10")]


# --- A story's "before" beside its change -----------------------------------------------------------


def test_a_state_described_in_a_story_of_leaving_is_the_before():
    text = (
        "Medway NHS Foundation Trust has exited the Recovery Support Programme.\n"
        "Trusts in segment 4, including Medway NHS Foundation Trust, receive intensive support through the programme."
    )
    found = {(e["framework"], e["change"], e["to"]) for e in events(text, "2022-03-16")}
    assert found == {("rsp", "exit", "out")}


def test_a_remaining_status_beside_another_programme_s_exit_stays():
    text = (
        "East Kent Hospitals University NHS Foundation Trust has left quality special measures.\n"
        "It will, however, remain in special measures for finance."
    )
    found = {(e["change"], e["to"]) for e in events(text, "2017-03-01")}
    assert found == {("exit", "out"), ("remain", "in")}


def test_a_past_perfect_rating_without_a_date_is_history_of_unknown_date():
    # the gold conventions annotate historical mentions, with a null date when nothing anchors them (d009)
    text = "Subsequent inspections had given Medway NHS Foundation Trust an overall rating of inadequate."
    assert [(e["to"], e["date"]) for e in events(text, "2017-03-17")] == [("inadequate", None)]


def test_a_past_perfect_in_reported_speech_is_the_news():
    text = "Norfolk and Suffolk NHS Foundation Trust said it had exited the Recovery Support Programme."
    assert {(e["change"], e["modality"]) for e in events(text, "2024-06-01")} == {("exit", "actual")}


def test_doubt_about_leaving_is_not_leaving():
    text = (
        "Leaders at Barts Health NHS Trust are not confident they can get out of special measures by the target date."
    )
    assert [e["modality"] for e in events(text, "2024-06-01")] in ([], ["hypothetical"])


def test_good_evidence_is_not_a_good_rating():
    text = "The chief inspector said the CQC had found good evidence that Medway NHS Foundation Trust is improving."
    assert events(text, "2017-03-17") == []


def test_a_plan_that_would_allow_an_exit_is_not_the_exit():
    text = (
        "Barts Health NHS Trust agreed an improvement plan which would allow it to exit the Recovery Support Programme."
    )
    assert events(text, "2022-02-01") == []


def test_progress_made_to_allow_an_exit_is_still_the_exit():
    text = "NHS England confirmed Barts Health NHS Trust has made enough progress to allow it to exit the programme of special measures."
    assert ("exit", "actual") in {(e["change"], e["modality"]) for e in events(text, "2019-02-01")}


# --- What a status means is nobody's status ---------------------------------------------------------


def test_a_segment_s_meaning_after_a_list_of_bodies_is_no_event():
    text = (
        "North West Ambulance Service NHS Trust and Yorkshire Ambulance Service NHS Trust came top.\n"
        "The trusts are grouped into four segments, with segment 1 representing the best performers."
    )
    assert events(text, "2025-09-09") == []


def test_a_definition_list_of_segments_is_no_event():
    text = "Barts Health NHS Trust explained the scale: segment 4 (most challenged); segment 1 means the best."
    assert events(text, "2025-09-09") == []


def test_a_body_placed_in_a_segment_beside_its_meaning_keeps_its_segment():
    text = "Barts Health NHS Trust has been placed in segment 4, which is for trusts needing most support."
    assert {(e["ods_code"], e["to"]) for e in events(text, "2025-09-09")} == {("R1H", 4)}


def test_a_rating_rule_leaves_other_frameworks_alone():
    text = "Medway NHS Foundation Trust will now receive tier 1 support for elective care."
    assert {(e["framework"], e["to"]) for e in events(text, "2023-05-05")} == {("elective_tier", 1)}


def test_a_hospital_s_overall_rating_named_after_for_is_not_the_trust_s():
    text = "The overall rating for Nottingham City Hospital has gone up to good, the CQC said."
    assert events(text, "2023-09-01") == []


def test_inspectors_judging_a_trust_is_its_rating_given():
    text = "Overall, CQC inspectors judged that Nottingham University Hospitals NHS Trust requires improvement."
    assert [(e["to"], e["modality"]) for e in events(text, "2023-09-01")] == [("requires improvement", "actual")]


def test_a_relative_clause_after_something_that_is_no_body_is_not_the_subject_s():
    text = "Barts Health NHS Trust operates within a regional health system which is in segment 4."
    assert events(text, "2023-06-01") == []


def test_a_relative_clause_after_the_trust_refers_to_it():
    text = "Medway NHS Foundation Trust has a new chair.\nThe trust, which is in special measures, starts a review."
    assert {(e["ods_code"], e["to"]) for e in events(text, "2016-06-01")} == {("RPA", "in")}


def test_special_financial_measures_is_special_measures():
    text = "Gloucestershire Hospitals NHS Foundation Trust was taken out of special financial measures in 2019."
    assert dated(text) == {("RTE", "special_measures", "exit", "out", "2019")}


def test_a_watchdog_s_rating_is_a_rating():
    text = "Gloucestershire Hospitals NHS Foundation Trust has gone from requiring improvement to good, the health watchdog said."
    assert {(e["from"], e["to"]) for e in events(text, "2019-06-20")} == {("requires improvement", "good")}


def test_a_previous_rating_in_the_next_sentence_is_the_rating_moved_from():
    text = (
        "Wye Valley NHS Trust is celebrating an improved rating of good.\n"
        "The report, released this week, is an upgrade from the trust's previous rating of requires improvement."
    )
    assert {(e["change"], e["from"], e["to"]) for e in events(text, "2020-02-05")} == {
        ("move", "requires improvement", "good")
    }


def test_a_last_segment_beside_the_new_one_is_the_segment_moved_from():
    text = "Barts Health NHS Trust is now in segment 2; its last segment was 3."
    found = {(e["change"], e["to"]) for e in events(text, "2026-02-05")}
    assert ("state", 3) not in found


def test_a_date_of_the_inspection_that_led_to_a_change_is_not_the_change_s():
    text = (
        "In November of last year, Barts Health NHS Trust was placed under special measures "
        "following an inspection by the CQC in June 2015."
    )
    assert dated(text, "2016-01-02") == {("R1H", "special_measures", "enter", "in", "2015-11")}


def test_the_inspection_date_is_used_when_it_is_the_only_one():
    text = "Barts Health NHS Trust was placed under special measures following an inspection in June 2015."
    assert dated(text, "2016-01-02") == {("R1H", "special_measures", "enter", "in", "2015-06")}


# --- Groups named by their size ---------------------------------------------------------------------


def test_a_group_named_by_size_lists_the_bodies_an_aggregate_status_is_about():
    text = (
        "One ICB and two trusts in Lancashire have been placed on the Recovery Support Programme.\n"
        "The three NHS organisations are: NHS Lancashire and South Cumbria ICB; Blackpool Teaching Hospitals "
        "NHS Foundation Trust; and East Lancashire Hospitals NHS Trust."
    )
    assert {(e["ods_code"], e["change"]) for e in events(text, "2024-03-15")} == {
        ("QE1", "enter"),
        ("RXL", "enter"),
        ("RXR", "enter"),
    }


def test_them_after_a_group_is_the_group():
    text = (
        "Blackpool Teaching Hospitals NHS Foundation Trust and East Lancashire Hospitals NHS Trust have struggled.\n"
        "NHS England has recommended that it place them in segment 4."
    )
    found = {(e["ods_code"], e["to"], e["modality"]) for e in events(text, "2024-03-15")}
    assert found == {("RXL", 4, "proposed"), ("RXR", 4, "proposed")}


def test_a_change_dated_by_a_when_clause_without_a_date_is_history():
    text = (
        "Barts Health NHS Trust was placed in special measures in March.\n"
        "It was placed into special measures when a culture of bullying was found at one of its hospitals."
    )
    assert dated(text, "2015-05-22") == {("R1H", "special_measures", "enter", "in", "2015-03")}


def test_a_when_clause_with_a_date_keeps_the_date():
    text = "Medway NHS Foundation Trust entered special measures in 2013 when inspectors found serious failings."
    assert dated(text, "2016-05-22") == {("RPA", "special_measures", "enter", "in", "2013")}


def test_a_segment_written_as_one_code_is_that_segment():
    text = "Medway NHS Foundation Trust has been moved out of NOF4 and into NOF3."
    assert {(e["change"], e["from"], e["to"]) for e in events(text, "2024-06-01")} == {("move", 4, 3)}


def test_a_system_oversight_code_is_a_segment():
    assert {e["to"] for e in events("NHS Devon ICB is in SOF4, the most serious level.", "2023-06-01")} == {4}


def test_a_change_reported_in_the_perfect_after_a_cause_is_the_news():
    text = "Wye Valley NHS Trust has been rated inadequate after a report found concerns first raised in 2014."
    assert dated(text, "2017-10-13") == {("RLQ", "cqc_rating", "move", "inadequate", "2017-10-13")}


def test_having_come_out_earlier_does_not_date_a_return():
    text = (
        "Medway NHS Foundation Trust has been put back in special measures, having only come out of them "
        "in October last year."
    )
    assert ("RPA", "special_measures", "enter", "in", "2017-10-13") in dated(text, "2017-10-13")


def test_a_rating_for_our_care_of_patients_is_a_key_question():
    text = "The report gave Barts Health NHS Trust a good rating for our care of patients."
    assert events(text, "2016-01-01") == []


def test_could_exit_is_a_possibility_not_an_exit():
    text = "Medway NHS Foundation Trust could exit the Recovery Support Programme within months."
    assert [(e["change"], e["modality"]) for e in events(text, "2025-11-04")] == [("exit", "hypothetical")]


def test_a_month_named_may_is_not_a_possibility():
    text = "In May Medway NHS Foundation Trust left the Recovery Support Programme."
    assert [(e["change"], e["modality"]) for e in events(text, "2025-11-04")] == [("exit", "actual")]


# --- Descriptions are not references; what a segment holds is nobody's status -------------------------


def test_a_described_class_of_trusts_is_not_the_group_named_before():
    text = (
        "Medway NHS Foundation Trust and Barts Health NHS Trust were assessed this quarter. "
        "The highest-performing organisations were placed in segment 1."
    )
    assert events(text, "2025-09-10") == []


def test_all_trusts_without_a_number_is_every_trust():
    text = (
        "Medway NHS Foundation Trust and Barts Health NHS Trust were inspected. "
        "All trusts will be placed in one of five segments."
    )
    assert events(text, "2025-09-10") == []


def test_a_group_named_by_its_number_still_refers_back():
    text = "Medway NHS Foundation Trust and Barts Health NHS Trust were assessed. The two trusts were rated inadequate."
    assert {(e["ods_code"], e["to"]) for e in events(text)} == {("RPA", "inadequate"), ("R1H", "inadequate")}


def test_a_segment_flagging_a_class_of_trusts_is_a_definition():
    text = (
        "Medway NHS Foundation Trust and Barts Health NHS Trust were assessed. Both trusts sit in a league table "
        "with segment 4 highlighting those facing the greatest challenges."
    )
    assert events(text, "2025-09-10") == []


def test_a_segment_reflecting_a_trusts_own_position_is_kept():
    text = "Medway NHS Foundation Trust was placed in segment 4, reflecting its deficit."
    assert statuses(text, "2025-09-10") == {("RPA", "nof", "enter", 4)}


# --- A clause that only bounds the change in time ------------------------------------------------------


def test_a_date_in_a_since_clause_is_not_the_exits():
    text = (
        "Medway NHS Foundation Trust has become the first trust to leave special measures since three others "
        "were removed last July."
    )
    assert dated(text, "2015-01-20") == {("RPA", "special_measures", "exit", "out", "2015-01-20")}


def test_since_and_a_date_still_dates_the_entry():
    text = "Medway NHS Foundation Trust has been in special measures since July 2013."
    assert {e["date"] for e in events(text, "2015-03-01")} == {"2013-07"}


def test_the_regimes_own_history_is_nobodys_change():
    text = (
        "Barts Health NHS Trust has been taken out of special measures, the first exit since the regime was "
        "changed in 2016."
    )
    assert dated(text, "2019-03-01") == {("R1H", "special_measures", "exit", "out", "2019-03-01")}


def test_a_programme_being_launched_is_no_status():
    text = "The Recovery Support Programme was launched in July 2021 for the most challenged trusts."
    assert events(text, "2022-01-01") == []


# --- Parts' ratings across a move ----------------------------------------------------------------------


def test_ratings_of_many_services_moving_up_are_the_services():
    text = (
        "United Lincolnshire Hospitals NHS Trust was inspected in May. Ratings for several of its services went "
        "up from requires improvement last time to good this year."
    )
    assert events(text, "2022-01-01") == []


def test_a_time_between_the_two_ratings_of_a_move_keeps_the_move():
    text = "The CQC has moved United Lincolnshire Hospitals NHS Trust from requires improvement at its last inspection to good."
    found = {(e["change"], e["from"], e["to"]) for e in events(text, "2022-01-01")}
    assert found == {("move", "requires improvement", "good")}


# --- A kind word after a short name; what a regime did for a body ---------------------------------------


def test_a_place_called_a_trust_is_not_the_places_commissioner():
    text = "Sir Mike Richards recommended that Monitor remove the Essex trust from special measures."
    assert all(e["org_type"] not in ("icb", "ccg") for e in events(text, None))


def test_a_place_called_a_system_is_not_a_trust_of_that_name():
    text = "Medway NHS Foundation Trust was inspected. The Medway system has been placed in segment 4."
    assert all(e["ods_code"] != "RPA" for e in events(text, "2023-05-01"))


def test_gaining_from_the_regime_is_no_status():
    text = "Sir Mike Richards said Sherwood Forest Hospitals NHS Foundation Trust clearly gained from the special measures regime."
    assert events(text, "2015-01-01") == []


def test_a_quoted_key_question_is_still_a_key_question():
    text = 'Inspectors gave Salford Royal NHS Foundation Trust a good rating for "safety and effectiveness".'
    assert events(text, "2016-08-10") == []


# --- Moves told backwards, ratings shaken off, dates of the inspection ---------------------------------


def test_a_move_told_to_then_from_is_one_move():
    text = "The CQC moved Medway NHS Foundation Trust to good from requires improvement."
    found = {(e["change"], e["from"], e["to"]) for e in events(text, "2024-03-01")}
    assert found == {("move", "requires improvement", "good")}


def test_a_segment_move_told_into_then_from():
    text = "Medway NHS Foundation Trust was moved into segment 3 from segment 4."
    assert {(e["from"], e["to"]) for e in events(text, "2024-03-01")} == {(4, 3)}


def test_a_rating_shaken_off_is_not_held():
    text = "Medway NHS Foundation Trust has shaken off its requires improvement rating from the CQC."
    assert events(text, "2024-03-01") == []


def test_an_opening_inspection_date_is_not_the_ratings_when_the_rating_is_news():
    text = "Following its inspection in June and July, Medway NHS Foundation Trust has been rated good by the CQC."
    assert {e["date"] for e in events(text, "2018-11-20")} == {"2018-11-20"}


def test_the_perfect_reaches_over_a_long_name():
    text = (
        "The CQC has rated West Midlands Ambulance Service University NHS Foundation Trust good overall "
        "following an inspection in August."
    )
    assert {e["date"] for e in events(text, "2024-02-23")} == {"2024-02-23"}


def test_a_past_rating_after_an_inspection_keeps_the_inspections_date():
    text = "The CQC rated Medway NHS Foundation Trust inadequate following an inspection in June 2015."
    assert {e["date"] for e in events(text, "2019-01-01")} == {"2015-06"}


def test_an_ambulance_control_centre_rating_is_a_service():
    text = "The CQC has now rated the emergency operations centres of West Midlands Ambulance Service University NHS Foundation Trust outstanding."
    assert events(text, "2024-02-23") == []


def test_good_in_four_of_the_five_key_areas_is_key_questions():
    text = (
        "The CQC rated West Midlands Ambulance Service University NHS Foundation Trust good in four "
        "(safe, effective, responsive and well-led) of the five key areas."
    )
    assert events(text, "2024-03-04") == []


def test_a_changes_aim_is_no_change():
    text = "The CQC said Medway NHS Foundation Trust was making changes to ensure it moves back to outstanding."
    assert {e["modality"] for e in events(text, "2024-03-01")} <= {"hypothetical"}


def test_an_aim_in_another_clause_leaves_the_change_actual():
    text = "Medway NHS Foundation Trust, determined to improve, left special measures in May."
    assert {e["modality"] for e in events(text, "2016-08-01")} == {"actual"}


def test_when_a_trust_is_placed_is_how_the_regime_works():
    text = (
        "Medway NHS Foundation Trust was inspected. When a trust is placed in special measures by Monitor, "
        "an improvement director is appointed."
    )
    assert events(text, "2016-03-01") == []


# --- Hospitals a trust runs; a status that describes the subject of another verb ------------------------


def test_hospitals_listed_as_what_the_trust_runs_are_not_the_subject():
    text = (
        "Sherwood Forest Hospitals NHS Foundation Trust has a new chief executive. The trust, which runs "
        "Kings Mill Hospital, Newark Hospital and Mansfield Community Hospital, was placed in special measures "
        "two years ago."
    )
    assert {e["ods_code"] for e in events(text, "2015-11-10")} == {"RK5"}


def test_a_named_trust_before_a_running_clause_is_the_subject():
    text = (
        "Barking, Havering and Redbridge University Hospitals NHS Trust, which runs King George Hospital and "
        "Queen's Hospital, was placed in special measures in December."
    )
    assert {e["ods_code"] for e in events(text, "2014-03-10")} == {"RF4"}


def test_a_status_describing_the_subject_of_another_verb_is_history_of_unknown_date():
    text = (
        "An NHS trust placed into special measures after a damning report has appointed a new chairman. "
        "East Sussex Healthcare NHS Trust named him on Monday."
    )
    assert [(e["change"], e["date"]) for e in events(text, "2016-05-10")] == [("enter", None)]


def test_a_dated_status_describing_the_subject_keeps_its_date():
    text = (
        "An NHS trust placed into special measures last year has appointed a new chairman, "
        "Medway NHS Foundation Trust said."
    )
    assert dated(text, "2016-05-10") == {("RPA", "special_measures", "enter", "in", "2015")}


def test_a_headline_without_another_verb_is_the_news():
    text = "Medway NHS Foundation Trust placed in special measures."
    assert dated(text, "2016-05-10") == {("RPA", "special_measures", "enter", "in", "2016-05-10")}


def test_hospitals_run_by_a_trust_rated_overall_are_the_hospitals():
    text = (
        "The CQC confirmed that three hospitals run by Mid and South Essex NHS Foundation Trust were rated as "
        "requires improvement overall."
    )
    assert events(text, "2025-09-22") == []


# --- "it" after a regulator; the first wave ----------------------------------------------------------


def test_it_after_a_regulator_said_is_the_regulator():
    text = (
        "Croydon Health Services NHS Trust was removed from financial special measures in February. "
        "NHS Improvement's chief executive said it could extend the scheme to more trusts."
    )
    assert {(e["ods_code"], e["change"]) for e in events(text, "2017-02-27")} == {("RJ6", "exit")}


def test_one_of_the_first_wave_to_be_placed_is_done_not_planned():
    text = "Maidstone and Tunbridge Wells NHS Trust is included in the first wave of (five) trusts to be placed in financial special measures."
    assert {e["modality"] for e in events(text, "2016-08-01")} == {"actual"}


def test_was_one_of_the_first_is_background_of_its_own_date():
    undated = "Medway NHS Foundation Trust was one of the first trusts to be placed in special measures."
    dated_text = (
        "Medway NHS Foundation Trust was one of the first trusts to be placed in special measures in July 2013."
    )
    assert {e["date"] for e in events(undated, "2016-01-01")} == {None}
    assert {e["date"] for e in events(dated_text, "2016-01-01")} == {"2013-07"}


def test_a_trust_that_runs_three_hospitals_is_still_rated_as_a_trust():
    text = "North West Anglia NHS Foundation Trust, which runs three hospitals, has been rated requires improvement by the CQC."
    assert {(e["ods_code"], e["to"]) for e in events(text, "2019-01-01")} == {("RGN", "requires improvement")}


# --- Other regulators and other providers -------------------------------------------------------------


def test_a_hospital_school_in_ofsted_special_measures_is_not_the_trusts():
    text = "The Royal Free London NHS Foundation Trust school was placed in special measures by Ofsted."
    assert events(text, "2023-03-01") == []


def test_a_care_home_run_by_a_trust_rated_inadequate_is_the_homes_rating():
    text = "The care home run by Medway NHS Foundation Trust was rated inadequate by the CQC."
    assert events(text, "2023-03-01") == []


# --- Questions, background members, trusts in general ---------------------------------------------------


def test_a_question_asserts_no_status():
    text = (
        "Does the minister agree that the plan is vital to Medway NHS Foundation Trust's future as it moves "
        "out of special measures?"
    )
    assert events(text, "2016-11-15") == []


def test_one_of_the_eleven_hospitals_placed_is_background_of_unknown_date():
    text = "Burton Hospitals NHS Foundation Trust was one of the 11 trusts placed in special measures after the Keogh review."
    assert [(e["change"], e["date"]) for e in events(text, "2013-10-22")] == [("enter", None)]


def test_a_counted_group_described_by_its_status_is_no_members_change():
    text = (
        "Eleven of the 26 trusts that have been put into special measures have left the regime, the latest being "
        "University Hospitals of Morecambe Bay NHS Foundation Trust in December 2015."
    )
    assert {(e["change"], e["date"]) for e in events(text, "2016-01-05")} == {("exit", "2015-12")}


def test_trusts_in_special_measures_in_general_are_nobody():
    text = (
        "North Cumbria University Hospitals NHS Trust was inspected in June. We should celebrate that even "
        "the trusts in special measures have hired more nurses."
    )
    assert events(text, "2016-01-05") == []


def test_the_trusts_in_a_tier_introduce_a_list():
    text = "The trusts in tier 1 are: Medway NHS Foundation Trust; Barts Health NHS Trust."
    assert {e["ods_code"] for e in events(text, "2023-02-01")} == {"RPA", "R1H"}


def test_one_change_dated_today_and_this_week_is_one_event():
    text = (
        "Medway NHS Foundation Trust announced today (6 March 2025) that it is to exit special measures.\n\n"
        "The trust said NHS England had confirmed this week that it has been removed from the Recovery Support Programme."
    )
    assert len([e for e in events(text, "2025-03-06") if e["framework"] == "rsp"]) == 1


def test_too_many_trusts_rated_is_no_rating_of_the_main_trust():
    text = (
        "CQC: too many mental health trusts rated requires improvement\n"
        "Norfolk and Suffolk NHS Foundation Trust is in special measures."
    )
    assert {e["framework"] for e in events(text, "2016-07-22")} == {"special_measures"}


def test_those_the_cqc_has_rated_good_are_nobody_named():
    text = (
        "Norfolk and Suffolk NHS Foundation Trust is in special measures. The CQC expects providers to learn "
        "from those it has rated good."
    )
    assert {e["framework"] for e in events(text, "2016-07-22")} == {"special_measures"}


def test_become_the_first_to_be_put_in_special_measures_is_done():
    text = (
        "Norfolk and Suffolk NHS Foundation Trust has been declared unsafe by the CQC and become the first "
        "mental health trust to be put in special measures."
    )
    assert {(e["change"], e["modality"]) for e in events(text, "2015-02-26")} == {("enter", "actual")}


def test_when_a_described_trust_is_put_into_special_measures_is_how_it_works():
    text = (
        "Norfolk and Suffolk NHS Foundation Trust was inspected. Usually, when a health trust is put into "
        "special measures, money follows from commissioners."
    )
    assert events(text, "2016-10-10") == []


def test_the_nhs_trust_in_a_lede_is_the_trust_named_next():
    text = (
        "THE NHS trust with 1,300 beds in Hull has been rated as requiring improvement by the CQC.\n\n"
        "Inspectors said Hull and East Yorkshire Hospitals NHS Trust needed to improve risk assessments."
    )
    assert {(e["ods_code"], e["to"]) for e in events(text, "2018-06-01")} == {("RWA", "requires improvement")}


def test_the_rating_of_the_service_at_two_hospitals_is_the_services():
    text = (
        "Inspectors raised the overall rating of the service at both Nottingham City Hospital and Queen's Medical "
        "Centre (QMC) to requires improvement, the CQC said."
    )
    assert events(text, "2024-03-01") == []


def test_a_condition_after_the_status_gives_no_exit():
    text = (
        "To be considered for removal from mandated intensive support, Nottingham University Hospitals NHS Trust "
        "must demonstrate that the exit criteria have been met."
    )
    assert events(text, "2021-09-15") == []


def test_the_service_after_a_named_service_is_that_service():
    text = "The CQC inspected maternity at Medway NHS Foundation Trust and rated the service inadequate overall."
    assert events(text, "2023-01-01") == []


def test_an_ambulance_service_rated_overall_is_still_the_trust():
    text = "South Central Ambulance Service NHS Foundation Trust was inspected by the CQC, which rated the service good overall."
    assert {(e["ods_code"], e["to"]) for e in events(text, "2023-01-01")} == {("RYE", "good")}


def test_inadequate_at_a_named_hospital_is_the_hospitals():
    text = (
        "Barts Health NHS Trust was placed in special measures after the CQC judged care inadequate at "
        "London's Whipps Cross University Hospital."
    )
    assert {e["framework"] for e in events(text, "2015-03-19")} == {"special_measures"}


# --- Dates of other clauses ------------------------------------------------------------------------------


def test_a_date_before_and_now_is_the_earlier_clauses():
    text = "The inspection took place in July 2017 and now Medway NHS Foundation Trust is rated as requires improvement by the CQC."
    assert {e["date"] for e in events(text, "2017-11-02")} == {"2017-11-02"}


def test_a_date_past_a_but_clause_is_that_clauses():
    text = "In 2016 Medway NHS Foundation Trust was rated inadequate by the CQC, but the 2017 inspection found improvements."
    assert {e["date"] for e in events(text, "2017-11-02")} == {"2016"}


def test_a_decision_that_follows_a_dated_inspection_is_the_news():
    text = (
        "Medway NHS Foundation Trust has left special measures. The decision to remove the trust from special "
        "measures follows a July 2017 CQC inspection."
    )
    assert {(e["change"], e["date"]) for e in events(text, "2017-11-02")} == {("exit", "2017-11-02")}


def test_a_status_in_a_parenthetical_takes_no_date_from_the_main_clause():
    text = (
        "Western Sussex Hospitals NHS Foundation Trust, rated outstanding by the CQC, merged with Brighton and "
        "Sussex University Hospitals NHS Trust in April 2021."
    )
    assert events(text, "2023-05-01") == []


def test_the_main_clause_takes_no_date_from_a_parenthetical():
    text = "Medway NHS Foundation Trust, rated inadequate last year, has been placed in special measures by the CQC."
    assert {(e["framework"], e["date"]) for e in events(text, "2023-05-01")} == {
        ("cqc_rating", "2022"),
        ("rsp", "2023-05-01"),
    }


def test_an_exit_under_original_plans_is_a_plan():
    text = (
        "Under original plans NHS Lincolnshire Integrated Care Board was to exit the Recovery Support Programme "
        "in March, but this could now be pushed back."
    )
    assert {e["modality"] for e in events(text, "2023-01-20")} == {"proposed"}


def test_any_decision_to_keep_it_in_the_regime_is_no_decision():
    text = (
        "A letter warned that any decision to keep NHS Lincolnshire Integrated Care Board in the Recovery Support "
        "Programme would draw attention."
    )
    assert {e["modality"] for e in events(text, "2023-01-20")} <= {"hypothetical"}


def test_urgent_and_emergency_services_rated_overall_are_the_service():
    text = (
        "Shrewsbury and Telford Hospital NHS Trust was inspected. CQC inspectors rated urgent and emergency "
        "services as inadequate overall at both hospitals."
    )
    assert events(text, "2020-04-08") == []


# --- Session 6: families found on unseen real articles -----------------------------------------------


def change_dates(text: str, published: str) -> set[tuple]:
    return {(e["ods_code"], e["change"], e["date"]) for e in events(text, published)}


def test_an_announced_exit_on_a_day_without_a_year_is_the_next_such_day():
    text = "Medway NHS Foundation Trust will leave special measures on 20 April."
    assert change_dates(text, "2016-04-18") == {("RPA", "exit", "2016-04-20")}


def test_an_exit_that_is_to_happen_in_a_month_is_the_next_such_month():
    text = "Medway NHS Foundation Trust is to come out of special measures in May, the regulator said."
    assert change_dates(text, "2016-04-18") == {("RPA", "exit", "2016-05")}


def test_a_past_exit_on_a_day_without_a_year_is_the_last_such_day():
    text = "Medway NHS Foundation Trust left special measures on 20 April."
    assert change_dates(text, "2016-04-18") == {("RPA", "exit", "2015-04-20")}


def test_a_future_verb_in_a_relative_clause_does_not_move_the_main_date():
    text = "Medway NHS Foundation Trust, which will hold its board meeting soon, left special measures on 20 April."
    assert change_dates(text, "2016-04-18") == {("RPA", "exit", "2015-04-20")}


def test_a_rating_coordinated_with_a_part_rating_is_the_parts_too():
    text = "Norfolk and Suffolk NHS Foundation Trust thanked staff for the areas rated as 'good' and 'outstanding'."
    assert events(text) == []


def test_ratings_given_as_alternatives_for_services_are_the_services():
    text = "Norfolk and Suffolk NHS Foundation Trust said the services rated good or outstanding showed progress."
    assert events(text) == []


def test_a_key_question_rating_after_an_overall_one_leaves_the_overall_one():
    text = "Medway NHS Foundation Trust was rated good overall and outstanding for caring."
    assert statuses(text) == {("RPA", "cqc_rating", "move", "good")}


def test_the_rating_for_a_named_hospital_is_not_its_trusts():
    text = (
        "The overall rating for Nottingham University Hospitals NHS Trust remains requires improvement, "
        "but the overall rating for the City Hospital has gone up to good."
    )
    assert statuses(text) == {("RX1", "cqc_rating", "remain", "requires improvement")}


def test_a_hospitals_own_rating_is_not_its_trusts():
    text = "Barking, Havering and Redbridge University Hospitals NHS Trust said King George Hospital's rating rose to good."
    assert events(text) == []


def test_a_trust_whose_name_says_hospital_keeps_its_rating():
    text = "The rating for The Queen Elizabeth Hospital King's Lynn NHS Foundation Trust rose to good."
    assert statuses(text) == {("RCX", "cqc_rating", "move", "good")}


def test_the_service_after_a_trusts_unit_is_that_unit():
    text = (
        "Inspectors visited the maternity unit of Royal Surrey NHS Foundation Trust in May. "
        "The CQC rated the service as outstanding."
    )
    assert events(text) == []


def test_the_service_after_an_ambulance_service_is_that_ambulance_service():
    text = "East of England Ambulance Service NHS Trust was inspected in May. The CQC rated the service as inadequate."
    assert statuses(text) == {("RYC", "cqc_rating", "move", "inadequate")}


def test_our_maternity_service_is_a_service_of_the_publisher():
    text = (
        "University Hospitals of North Midlands NHS Trust published its report. "
        "Our maternity service was rated requires improvement."
    )
    assert events(text) == []


def test_the_noun_good_is_no_rating():
    text = (
        "The CQC said Basildon and Thurrock University Hospitals NHS Foundation Trust would keep making "
        "changes for the good of its patients."
    )
    assert events(text) == []


def test_a_rating_beside_the_noun_good_is_kept():
    text = "The CQC rated Medway NHS Foundation Trust good; the trust said it was for the good of patients."
    assert statuses(text) == {("RPA", "cqc_rating", "move", "good")}


def test_trusts_in_general_after_that_are_nobodys_status():
    text = (
        'Medway NHS Foundation Trust welcomed the report. The chief inspector said: "We will only recommend '
        'that NHS trusts should exit special measures when we find lasting improvement."'
    )
    assert events(text) == []


def test_a_count_of_rated_trusts_is_not_the_articles_trust():
    text = (
        "Southern Health NHS Foundation Trust was criticised. The CQC has inspected all 162 NHS trusts, "
        "of which 100 have been rated requires improvement."
    )
    assert events(text) == []


def test_what_a_trust_needed_to_do_is_a_recommendation():
    text = "The chief inspector had said that United Lincolnshire Hospitals NHS Trust needed to remain in special measures."
    assert [e["modality"] for e in events(text, "2016-03-01")] == ["proposed"]


def test_the_improvements_needed_to_exit_are_no_recommendation():
    text = "NHS Norfolk and Waveney Integrated Care Board has made the improvements needed to exit the Recovery Support Programme."
    assert [e["modality"] for e in events(text)] == ["actual"]


def test_a_trust_that_is_to_be_placed_in_special_measures_is_an_announced_decision():
    for text in (
        "South East Coast Ambulance Service NHS Foundation Trust is to be placed in special measures.",
        "East Lancashire Hospitals NHS Trust is to be released from special measures, the regulator announced.",
        "Norfolk and Suffolk NHS Foundation Trust is once again to be put into special measures.",
    ):
        assert [e["modality"] for e in events(text, "2016-09-29")] == ["actual"], text


def test_a_plan_that_was_to_be_carried_out_stays_a_plan():
    text = "Under the plan, East Lancashire Hospitals NHS Trust was to be released from special measures in March."
    assert [e["modality"] for e in events(text, "2016-09-29")] == ["proposed"]


def test_one_of_a_number_to_be_placed_is_done():
    text = "Medway NHS Foundation Trust was one of eleven trusts to be placed in special measures in July 2013."
    assert {(e["change"], e["modality"], e["date"]) for e in events(text, "2014-03-01")} == {
        ("enter", "actual", "2013-07")
    }


def test_the_first_of_a_long_description_to_be_placed_is_done():
    text = (
        "Norfolk and Suffolk NHS Foundation Trust today became the first mental health foundation trust "
        "in the country to be put into special measures."
    )
    assert [e["modality"] for e in events(text, "2015-02-26")] == ["actual"]


def test_this_summer_said_in_spring_is_the_coming_summer():
    text = "Medway NHS Foundation Trust will leave special measures this summer."
    assert change_dates(text, "2014-03-01") == {("RPA", "exit", "2014-06")}


def test_a_change_made_again_is_not_the_earlier_one():
    text = (
        "In 2015, Norfolk and Suffolk NHS Foundation Trust became the first mental health trust to be placed in "
        "special measures. It is not good enough that the trust is once again to be put into special measures."
    )
    assert len([e for e in events(text, None) if e["change"] == "enter"]) == 2


def test_a_partner_described_after_with_the_is_not_the_trust_referred_to():
    text = (
        "Inspectors found problems at Buckinghamshire Healthcare NHS Trust last year. The regulator then "
        "supported the trust by pairing it with the high performing Salford Royal NHS Foundation Trust. "
        "The TDA has recommended that the trust comes out of special measures."
    )
    assert {e["ods_code"] for e in events(text)} == {"RXQ"}


def test_a_body_after_with_this_is_still_a_subject():
    text = (
        "In February NHS England moved Norfolk and Suffolk NHS Foundation Trust to segment 3. In line with "
        "this NSFT was removed from the Recovery Support Programme."
    )
    assert ("RMY", "rsp", "exit", "out") in statuses(text, "2025-03-01")


def test_a_place_inside_a_short_trust_name_is_not_the_places_icb():
    text = (
        "Two of the original trusts, United Lincolnshire and North Lincolnshire and Goole, have been placed "
        "back in special measures."
    )
    assert {e["ods_code"] for e in events(text, None)} == {"RJL", "RWD"}  # the trusts' press names, never an ICB


def test_a_place_named_alone_can_still_be_its_icb():
    text = "The Lincolnshire system was placed in segment 4 of the oversight framework."
    assert statuses(text) == {("QJM", "nof", "enter", 4)}


def test_an_undated_decision_referred_to_is_not_a_second_change():
    text = (
        "London Ambulance Service NHS Trust was placed in special measures in November. "
        "The decision to place the ambulance service under special measures is a heavy blow."
    )
    assert [(e["change"], e["date"]) for e in events(text, "2016-01-02")] == [("enter", "2015-11")]


def test_a_decision_dated_in_its_sentence_is_the_news():
    text = "The decision to place London Ambulance Service NHS Trust in special measures was announced today."
    assert [(e["change"], e["date"]) for e in events(text, "2016-01-02")] == [("enter", "2016-01-02")]


def test_what_the_cqc_judged_is_no_opinion_for_the_next_clause():
    text = (
        "In 2015 the CQC judged London Ambulance Service NHS Trust to be inadequate overall and the NHS Trust "
        "Development Authority placed it into special measures."
    )
    assert {(e["framework"], e["modality"]) for e in events(text, "2016-01-02")} == {
        ("cqc_rating", "actual"),
        ("special_measures", "actual"),
    }


def test_what_a_chief_inspector_believes_is_still_a_recommendation():
    text = "The chief inspector believes Medway NHS Foundation Trust is ready to leave special measures."
    assert [e["modality"] for e in events(text, "2016-01-02")] == ["proposed"]


def test_the_date_of_an_inspection_before_a_recommendation_is_the_inspections():
    text = (
        "The CQC today said that, at an inspection in July, it found enough improvement to recommend that "
        "Medway NHS Foundation Trust is taken out of special measures."
    )
    assert change_dates(text, "2015-10-22") == {("RPA", "exit", "2015-10-22")}


def test_the_date_of_the_same_earlier_rating_is_not_the_new_ones():
    for text in (
        "North West Anglia NHS Foundation Trust has been rated as requires improvement, which is the same rating "
        "as previously awarded in 2018.",
        "North West Anglia NHS Foundation Trust has been rated requires improvement, the same rating it was given "
        "in 2018.",
    ):
        assert {day for _, _, day in change_dates(text, "2022-05-04")} == {"2022-05-04"}, text


def test_an_inspection_date_alone_still_dates_the_change():
    text = "Following an inspection in June 2015, Medway NHS Foundation Trust was placed in special measures."
    assert change_dates(text, "2015-10-22") == {("RPA", "enter", "2015-06")}


def test_a_rating_the_cqc_gave_after_a_recommendation_is_no_recommendation():
    text = (
        "Inspectors recommended that Medway NHS Foundation Trust stay in special measures after the CQC "
        "reduced its rating to inadequate."
    )
    modality = {e["framework"]: e["modality"] for e in events(text, "2016-01-02")}
    assert modality == {"special_measures": "proposed", "cqc_rating": "actual"}


def test_what_a_report_judged_is_a_rating_given():
    text = (
        "The report on London Ambulance Service NHS Trust highlighted concerns and judged the service to be "
        "inadequate overall, and the TDA placed the trust into special measures."
    )
    assert {e["modality"] for e in events(text, "2016-01-02")} == {"actual"}


def test_a_count_of_segments_or_tiers_is_no_segment():
    for text in (
        "Leeds Teaching Hospitals NHS Trust has improved by one segment since the last quarter.",
        "Leeds Teaching Hospitals NHS Trust moved down one segment after its deficit grew.",
        "Leeds Teaching Hospitals NHS Trust is one segment away from the top.",
        "Leeds Teaching Hospitals NHS Trust has moved up one tier for cancer.",
    ):
        assert events(text, "2025-12-12") == [], text


def test_an_ordinal_segment_is_a_segment():
    text = "York and Scarborough Teaching Hospitals NHS Foundation Trust was placed in the fourth segment."
    assert statuses(text, "2025-12-12") == {("RCB", "nof", "enter", 4)}


def test_a_move_to_a_bare_number_is_a_move():
    for text, expected in (
        (
            "Shropshire, Telford and Wrekin ICS has been escalated from tier two to one for urgent and emergency care.",
            ("QOC", "uec_tier", 2, 1),
        ),
        (
            "Leeds Teaching Hospitals NHS Trust was moved from segment four to three in the latest quarter.",
            ("RR8", "nof", 4, 3),
        ),
    ):
        assert {(e["ods_code"], e["framework"], e["from"], e["to"]) for e in events(text, "2024-01-10")} == {expected}


def test_a_move_between_quoted_statuses_is_a_move():
    for text, expected in (
        (
            "North East London ICS was moved from “tier one” to “tier two” for urgent and emergency care.",
            ("QMF", "uec_tier", 1, 2),
        ),
        (
            "Leeds Teaching Hospitals NHS Trust was moved from ‘segment 4’ to ‘segment 3’ in the latest quarter.",
            ("RR8", "nof", 4, 3),
        ),
        (
            "Maidstone and Tunbridge Wells NHS Trust has been moved from segment “two” to segment “one”.",
            ("RWF", "nof", 2, 1),
        ),
    ):
        assert {(e["ods_code"], e["framework"], e["from"], e["to"]) for e in events(text, "2024-01-10")} == {expected}


def test_moved_from_a_segment_to_something_else_is_leaving_it():
    text = "Leeds Teaching Hospitals NHS Trust was moved from segment 4 to one of the regional programmes."
    assert {(e["change"], e["from"]) for e in events(text, "2024-01-10")} == {("exit", 4)}


def test_staff_taking_part_in_the_programme_is_no_status():
    for sentence in (
        "The trust wants every member of staff to be part of the programme.",
        "We hope all our staff will feel part of the Recovery Support Programme.",
    ):
        text = "Walsall Healthcare NHS Trust entered the Recovery Support Programme in 2023. " + sentence
        assert [(e["change"], e["date"]) for e in events(text, "2023-07-01")] == [("enter", "2023")], sentence


def test_an_exit_reported_then_dated_a_month_earlier_is_one_exit():
    text = (
        "Sussex Partnership NHS Foundation Trust has exited the Recovery Support Programme. "
        "NHS England confirmed the trust left the programme in July 2025."
    )
    assert [(e["change"], e["date"]) for e in events(text, "2025-09-16")] == [("exit", "2025-07")]


def test_an_earlier_exit_long_before_is_its_own_event():
    text = (
        "Sussex Partnership NHS Foundation Trust has exited the Recovery Support Programme. "
        "It first left the programme in March 2024."
    )
    assert len(events(text, "2025-09-16")) == 2


def test_tier_kinds_coordinated_after_a_head_noun_share_the_tier():
    text = (
        "NHS England placed University Hospitals Birmingham NHS Foundation Trust in tier 1 for elective care, "
        "cancer and diagnostics."
    )
    assert {e["framework"] for e in events(text, "2025-06-01")} == {"elective_tier", "cancer_tier"}


def test_ratings_by_patients_or_surveys_are_not_the_cqcs():
    for text in (
        "Patients rated Medway NHS Foundation Trust good or very good in the friends and family test.",
        "Medway NHS Foundation Trust was rated good by 90% of mothers in the latest survey.",
        "In the inpatient survey, Medway NHS Foundation Trust was rated good for its food.",
    ):
        assert events(text) == [], text


def test_a_cqc_rating_beside_a_survey_clause_is_kept():
    text = "Medway NHS Foundation Trust was rated good by the CQC, and patients rated it highly in a survey."
    assert statuses(text) == {("RPA", "cqc_rating", "move", "good")}


def test_a_key_question_right_after_an_overall_rating_is_the_key_questions():
    text = "Lewisham and Greenwich NHS Trust has achieved an overall rating of 'good' for caring."
    assert events(text, "2020-03-01") == []


def test_a_quoted_key_question_after_for_being_is_a_key_question():
    text = "Royal Cornwall Hospitals NHS Trust is now rated as Good for being 'effective and caring.'"
    assert events(text, "2020-03-01") == []


def test_the_care_provided_is_the_caring_key_question():
    text = (
        "The overall rating for Mid and South Essex NHS Foundation Trust remains requires improvement, "
        "while the care provided was rated as 'good'."
    )
    assert statuses(text, "2020-03-01") == {("RAJ", "cqc_rating", "remain", "requires improvement")}


def test_shares_of_categories_and_the_rest_are_parts():
    text = (
        "The Shrewsbury and Telford Hospital NHS Trust had a third of all categories rated 'Good', "
        "with the rest rated as 'Requires improvement'."
    )
    assert events(text, "2018-11-29") == []


def test_two_earlier_ratings_given_respectively_are_no_new_rating():
    text = (
        "Northern Care Alliance NHS Foundation Trust has been rated requires improvement. It was formed when "
        "Salford Royal NHS Foundation Trust acquired Pennine Acute Hospitals NHS Trust. The two trusts were "
        "previously rated outstanding and good respectively."
    )
    assert statuses(text, "2022-12-22") == {("RM3", "cqc_rating", "move", "requires improvement")}


def test_what_a_trust_once_was_is_history():
    text = "Salford Royal NHS Foundation Trust was previously one of only two trusts to be rated outstanding twice."
    assert events(text, "2022-12-22") == []


def test_a_description_of_the_rating_scale_is_nobodys_rating():
    for text in (
        "Royal Cornwall Hospitals NHS Trust said nothing was inadequate, the lowest of four ratings topped by "
        "'outstanding', with 'good' in second place and 'requires improvement' in third.",
        "Dorset County Hospital NHS Foundation Trust said the ratings scale runs from 'outstanding' at the top "
        "down to 'inadequate'.",
    ):
        assert events(text, "2014-03-28") == [], text


def test_a_rating_called_the_lowest_of_the_four_is_kept():
    text = "Medway NHS Foundation Trust was rated inadequate, the lowest of the four ratings."
    assert statuses(text) == {("RPA", "cqc_rating", "move", "inadequate")}


def test_nothing_rated_inadequate_is_nobodys_rating():
    for text in (
        "Royal Cornwall Hospitals NHS Trust said nothing was inadequate.",
        "Medway NHS Foundation Trust said no services were rated inadequate.",
    ):
        assert events(text, "2022-12-22") == [], text


def test_an_abbreviation_defined_for_another_hospital_is_not_the_gazetteers():
    text = (
        "Lewisham and Greenwich NHS Trust runs the Queen Elizabeth Hospital (QEH) in Woolwich. "
        "QEH has been praised by inspectors and remains in special measures."
    )
    assert "RCX" not in {e["ods_code"] for e in events(text, "2016-05-01")}


def test_an_abbreviation_the_gazetteer_lacks_names_the_body_it_was_defined_for():
    text = (
        "Royal Devon University Healthcare NHS Foundation Trust (RDUH) has left the Recovery Support Programme. "
        "In 2022 RDUH entered the programme."
    )
    assert {(e["ods_code"], e["change"]) for e in events(text, "2025-09-16")} == {("RH8", "exit"), ("RH8", "enter")}


def test_an_abbreviation_defined_for_its_own_body_stays_that_body():
    text = "The Queen Elizabeth Hospital King's Lynn NHS Foundation Trust (QEH) remains in special measures."
    assert {e["ods_code"] for e in events(text, "2019-05-01")} == {"RCX"}


def test_already_at_the_front_of_a_perfect_is_where_a_body_is():
    text = "Already Medway NHS Foundation Trust has been placed in special measures, and staff morale is low."
    assert {(e["change"], e["to"]) for e in events(text, "2019-06-01")} == {("state", "in")}


def test_the_date_a_body_was_formed_is_not_its_status_date():
    text = (
        "NHS Norfolk and Suffolk Integrated Care Board, formed in April 2026, has been placed in the Recovery "
        "Support Programme."
    )
    assert [e["date"] for e in events(text, "2026-05-01")] == ["2026-05-01"]


def test_a_merged_icb_named_for_a_date_before_the_merger_is_the_old_icb():
    text = "NHS Mid and South Essex Integrated Care Board entered the Recovery Support Programme in 2024."
    assert {(e["ods_code"], e["date"]) for e in events(text, "2026-05-01")} == {("QH8", "2024")}


def test_a_merged_icb_named_for_news_now_is_its_successor():
    text = "NHS Mid and South Essex Integrated Care Board has entered the Recovery Support Programme."
    assert {e["ods_code"] for e in events(text, "2026-05-01")} == {"D7T5G"}


def test_a_rating_told_right_after_a_dated_report_takes_the_reports_date():
    for text in (
        "In January 2018 the CQC published its report on Medway NHS Foundation Trust. "
        "The trust was rated inadequate overall.",
        "In January 2018, the CQC published its report into Medway NHS Foundation Trust. "
        "The trust's overall rating from the inspection was 'inadequate'.",
    ):
        assert [e["date"] for e in events(text, "2019-03-01")] == ["2018-01"], text


def test_a_rating_after_a_sentence_without_a_report_keeps_the_publication_date():
    text = "In January 2018 Medway NHS Foundation Trust opened a new ward. The trust was rated good overall."
    assert [e["date"] for e in events(text, "2019-03-01")] == ["2019-03-01"]


def test_a_service_at_a_hospital_defined_by_abbreviation_is_still_a_service():
    text = (
        "Lewisham and Greenwich NHS Trust remains rated requires improvement overall, with maternity services "
        "at Queen Elizabeth Hospital (QEH) retaining their rating of 'good'."
    )
    assert statuses(text, "2023-05-01") == {("RJ2", "cqc_rating", "remain", "requires improvement")}


def test_a_share_of_categories_rated_good_is_not_the_trusts_rating_even_overall():
    for text in (
        "Overall, 33 per cent of categories at The Shrewsbury and Telford Hospital NHS Trust were rated good.",
        "Despite a third of all categories inspected during a visit to The Shrewsbury and Telford Hospital NHS "
        "Trust being rated good by inspectors, the trust has been rated inadequate overall.",
    ):
        assert {e["to"] for e in events(text, "2018-11-29")} <= {"inadequate"}, text


def test_an_abbreviation_restating_its_body_in_brackets_still_names_it():
    text = (
        "An appeal by South Warwickshire NHS Foundation Trust (SWFT) against its 'requires improvement' rating "
        "from the CQC has failed."
    )
    assert {e["ods_code"] for e in events(text, "2016-01-01")} == {"RJC"}


def test_year_references_count_on_from_each_other():
    text = (
        "Medway NHS Foundation Trust was placed in special measures in 2014. It was rated good two years later "
        "and left special measures the following year."
    )
    assert {(e["framework"], e["change"], e["date"]) for e in events(text, "2019-05-01")} == {
        ("special_measures", "enter", "2014"),
        ("cqc_rating", "move", "2016"),
        ("special_measures", "exit", "2017"),
    }


def test_years_later_count_from_the_year_before_not_back_from_the_report():
    text = (
        "Medway NHS Foundation Trust was rated inadequate in 2014. Two years later it was rated requires improvement."
    )
    assert [e["date"] for e in events(text, "2020-01-10")] == ["2014", "2016"]


# --- Found on unseen real articles (session 7): ratings of parts, rank phrases, kept ratings ------------


def test_for_being_lists_of_key_questions_give_no_trust_rating():
    for text in (
        "Overall, Wye Valley NHS Trust is rated good for being caring and effective, and requires improvement "
        "for being safe.",
        "Overall, we are rated good for being well-led, caring and effective at Wye Valley NHS Trust.",
        "Wye Valley NHS Trust was rated requires improvement by the CQC for being responsive.",
    ):
        assert events(text, "2019-05-01") == [], text


def test_well_led_named_after_the_regulator_is_still_a_key_question_before_2023():
    for text in (
        "Wye Valley NHS Trust was given an 'outstanding' rating by the CQC for being well led.",
        "Wye Valley NHS Trust was given an 'outstanding' rating by the Care Quality Commission (CQC) for being well led.",
    ):
        assert events(text, "2018-06-01") == [], text


def test_ratings_across_listed_categories_are_key_questions():
    text = "Wye Valley NHS Trust was rated 'good' across the safe, caring and well-led categories."
    assert events(text) == []


def test_the_care_provided_as_a_second_object_is_not_the_trust():
    text = "The CQC rated Wye Valley NHS Trust as requires improvement, and the care it provides as good."
    assert {e["to"] for e in events(text)} == {"requires improvement"}


def test_the_service_after_a_unit_in_another_clause_is_the_unit():
    text = (
        "The CQC issued Wye Valley NHS Trust a warning notice over staffing in its maternity unit, "
        "but the service achieved a 'good' rating."
    )
    assert events(text) == []


def test_the_service_is_an_ambulance_service_named_in_the_sentence():
    text = "The CQC inspected East of England Ambulance Service NHS Trust in May and the service was rated inadequate."
    assert statuses(text) == {("RYC", "cqc_rating", "move", "inadequate")}


def test_a_kind_of_service_opening_the_clause_is_what_was_rated():
    text = (
        "Gateshead Health NHS Foundation Trust was inspected in May. Community services for adults were inspected "
        "for the first time since they moved to the trust two years ago, rated 'good' overall."
    )
    assert events(text) == []


def test_second_highest_rating_is_good_not_outstanding():
    assert statuses("The CQC gave Wye Valley NHS Trust its second-highest rating.") == {
        ("RLQ", "cqc_rating", "move", "good")
    }


def test_second_lowest_rating_is_requires_improvement():
    assert {e["to"] for e in events("Inspectors handed Wye Valley NHS Trust the second lowest rating.")} == {
        "requires improvement"
    }


def test_handed_and_jumped_to_are_new_ratings():
    for text in (
        "Wye Valley NHS Trust was handed an 'inadequate' rating by the CQC last week.",
        "Wye Valley NHS Trust's CQC rating has jumped to 'inadequate'.",
    ):
        assert {e["change"] for e in events(text)} == {"move"}, text


def test_a_rating_that_remains_unchanged_is_kept():
    for text in (
        "Wye Valley NHS Trust's overall rating of requires improvement remains unchanged.",
        "The overall rating for Wye Valley NHS Trust, requires improvement, was unchanged after the inspection.",
    ):
        assert statuses(text) == {("RLQ", "cqc_rating", "remain", "requires improvement")}, text


def test_a_fronted_since_phrase_does_not_date_the_change_after_it():
    text = (
        "Since the shared leadership began in April 2017, Medway NHS Foundation Trust has left special measures "
        "and its rating has risen to good."
    )
    assert {e["date"] for e in events(text, "2019-06-01")} == {"2019-06-01"}


def test_a_bare_fronted_since_still_dates_a_state():
    text = "Since 2017, Medway NHS Foundation Trust has been in special measures."
    assert {e["date"] for e in events(text, "2019-06-01")} == {"2017"}


def test_a_rating_inside_a_since_phrase_keeps_its_date():
    text = (
        "Since our last inspection in 2015, where we were rated as requires improvement, Medway NHS Foundation "
        "Trust has changed a great deal."
    )
    assert {e["date"] for e in events(text, "2018-03-15")} == {"2015"}


def test_a_formation_date_in_a_which_clause_is_not_the_ratings():
    text = "Mid and South Essex NHS Foundation Trust, which was formed on 1 April 2020, has been rated good by the CQC."
    assert {e["date"] for e in events(text, "2021-11-01")} == {"2021-11-01"}


def test_a_merger_bounded_by_since_is_not_carried_to_the_next_report():
    text = (
        "It is the first report published on Mid and South Essex NHS Foundation Trust since it merged in April 2020. "
        "The trust was given a 'requires improvement' rating."
    )
    assert {e["date"] for e in events(text, "2021-11-01")} == {"2021-11-01"}


def test_an_inspection_months_before_the_report_does_not_date_the_rating():
    text = (
        "Medway NHS Foundation Trust was rated good overall following an inspection which took place between "
        "January and March this year."
    )
    assert {e["date"] for e in events(text, "2019-08-02")} == {"2019-08-02"}


def test_an_inspection_long_before_the_report_still_dates_the_rating():
    text = "Medway NHS Foundation Trust was rated good overall following an inspection in March 2015."
    assert {e["date"] for e in events(text, "2019-08-02")} == {"2015-03"}


def test_and_inside_a_name_does_not_start_a_clause():
    text = (
        "The CQC has rated University Hospitals Coventry and Warwickshire NHS Trust as good, following "
        "inspections in September and November 2024."
    )
    assert {e["date"] for e in events(text, "2025-08-15")} == {"2025-08-15"}


def test_a_place_describing_a_subordinate_subject_picks_the_body_it_names():
    text = (
        "Western Sussex Hospitals NHS Foundation Trust was asked to support Brighton and Sussex University "
        "Hospitals NHS Trust in 2016, after the Brighton trust was put into special measures."
    )
    assert {(e["ods_code"], e["framework"]) for e in events(text, "2019-01-10")} == {("RXH", "special_measures")}


def test_a_place_naming_no_single_body_leaves_the_subject_to_the_other_rules():
    text = (
        "Western Sussex Hospitals NHS Foundation Trust was asked to support Brighton and Sussex University "
        "Hospitals NHS Trust in 2016, after the Sussex trust was put into special measures."
    )
    assert all(e["rules"].count("subject.subordinate_descriptor") == 0 for e in events(text, "2019-01-10"))


def test_the_regulator_rating_services_at_a_site_is_not_the_articles_organisation():
    from nhswatch.extract.rules import load_rules

    rated = load_rules()[2]["regulator_agent.rated"]
    assert rated.search("In May 2014, the CQC rated services as ")
    assert not rated.search("The CQC has rated maternity services at Royal Derby Hospital as ")


def test_a_hospitals_earlier_rating_in_the_next_sentence_is_not_its_trusts():
    text = (
        "Frimley Health NHS Foundation Trust was the first trust to be rated outstanding. Since then, Wexham Park "
        "Hospital has improved, with its rating moving from inadequate to good."
    )
    assert [(e["from"], e["to"]) for e in events(text, "2019-01-10")] == [(None, "outstanding")]


def test_a_rating_shaken_off_for_another_is_where_the_move_began():
    for text, earlier in (
        (
            "North West Ambulance Service NHS Trust has shaken off its 'requires improvement' status to be rated "
            "as 'good' by the CQC.",
            "requires improvement",
        ),
        ("Wye Valley NHS Trust has shed its inadequate rating and is now rated requires improvement.", "inadequate"),
    ):
        assert [(e["change"], e["from"]) for e in events(text, "2019-01-10")] == [("move", earlier)], text


def test_the_rating_as_next_subject_gives_the_last_change_its_start():
    for text in (
        "Wye Valley NHS Trust has been rated good by the CQC. The rating is an upgrade from 'requires improvement'.",
        "Wye Valley NHS Trust has been rated good by the CQC. This is a step up from its previous rating of "
        "requires improvement.",
    ):
        assert [(e["from"], e["to"]) for e in events(text, "2019-01-10")] == [("requires improvement", "good")], text


def test_the_rating_after_two_bodies_gives_neither_a_start():
    text = (
        "Wye Valley NHS Trust and Medway NHS Foundation Trust have been rated good by the CQC. The rating is an "
        "upgrade from 'requires improvement'."
    )
    assert {e["from"] for e in events(text, "2019-01-10")} == {None}


def test_a_good_report_is_praise_not_a_rating():
    for text in (
        "It was a good CQC report for Medway NHS Foundation Trust.",
        "Medway NHS Foundation Trust had a very good inspection, the CQC said.",
    ):
        assert events(text) == [], text


def test_praise_after_from_gives_no_earlier_rating():
    text = (
        "Medway NHS Foundation Trust has been rated outstanding. This should not distract from a very good CQC "
        "report which showed that Medway NHS Foundation Trust had much to be proud of."
    )
    assert [(e["from"], e["to"]) for e in events(text, "2019-01-10")] == [(None, "outstanding")]


def test_a_trust_described_by_lower_case_words_refers_back():
    for text in (
        "Norfolk and Norwich University Hospitals NHS Foundation Trust was praised. The £182m turnover trust was "
        "placed in special measures in October 2013.",
        "Norfolk and Norwich University Hospitals NHS Foundation Trust was praised. The troubled trust was placed "
        "in special measures in October 2013.",
    ):
        assert statuses(text, "2019-01-10") == {("RM1", "special_measures", "enter", "in")}, text


def test_another_trust_described_is_no_reference_back():
    for text in (
        "Norfolk and Norwich University Hospitals NHS Foundation Trust was praised. The neighbouring trust was "
        "placed in special measures in October 2013.",
        "Norfolk and Norwich University Hospitals NHS Foundation Trust was praised. Where the services of a "
        "hospital or trust are rated inadequate, that service may be placed in special measures.",
    ):
        assert events(text, "2019-01-10") == [], text


def test_a_hospital_the_subject_runs_does_not_make_its_rating_a_sites():
    text = "Wye Valley NHS Trust, which runs Hereford County Hospital, was rated good by the CQC."
    assert statuses(text, "2019-03-01") == {("RLQ", "cqc_rating", "move", "good")}


def test_the_hospital_itself_rated_is_a_location_rating():
    text = "Wye Valley NHS Trust was rated good by the CQC, while the hospital itself was rated outstanding."
    assert {e["to"] for e in events(text, "2019-03-01")} == {"good"}


def test_newark_hospital_is_sherwood_forests():
    text = "The trust which runs Newark Hospital has been placed in special measures."
    assert {e["ods_code"] for e in events(text, "2018-08-15")} == {"RK5"}


def test_a_reason_after_a_comma_is_a_clause_of_its_own():
    text = (
        "Royal Cornwall Hospitals NHS Trust is due to leave special measures, after problems with leadership "
        "landed it in the regime two years ago."
    )
    assert {(e["change"], e["modality"], e["date"]) for e in events(text, "2018-03-01")} == {
        ("exit", "proposed", "2018-03-01"),
        ("enter", "actual", "2016"),
    }


def test_a_cancer_backlog_is_cancer_tiering_not_elective():
    text = "Norfolk and Norwich University Hospitals NHS Foundation Trust is receiving tier 2 support for its cancer backlog."
    assert {e["framework"] for e in events(text, "2023-05-01")} == {"cancer_tier"}


def test_the_failure_regime_is_the_programme_named_last():
    text = (
        "Medway NHS Foundation Trust was placed in special measures in 2013. It is to remain in the failure regime "
        "for a further six months."
    )
    assert statuses(text, "2014-07-30") == {
        ("RPA", "special_measures", "enter", "in"),
        ("RPA", "special_measures", "remain", "in"),
    }


def test_a_status_lifted_after_its_body_is_an_exit():
    for text in (
        "Special measures at Medway NHS Foundation Trust have been lifted.",
        "Special measures for Medway NHS Foundation Trust were lifted in March, NHS Improvement said.",
    ):
        assert {(e["framework"], e["change"]) for e in events(text, "2018-06-01")} == {("special_measures", "exit")}, (
            text
        )


def test_a_body_removing_someone_is_no_exit():
    text = "Medway NHS Foundation Trust, in special measures since 2014, has removed its chief executive."
    assert {e["change"] for e in events(text, "2018-06-01")} == {"enter"}


def test_special_measures_imposed_is_an_entry():
    text = "Financial special measures were imposed on Medway NHS Foundation Trust in 2016."
    assert {(e["change"], e["date"]) for e in events(text, "2018-06-01")} == {("enter", "2016")}


def test_what_an_old_system_would_have_seen_is_a_counterfactual():
    for text in (
        "The new framework replaces an old system which would have seen Medway NHS Foundation Trust put in special "
        "measures.",
        "Regulators said the findings would have meant Medway NHS Foundation Trust being placed in special measures.",
    ):
        assert events(text, "2021-07-10") == [], text


def test_programmes_in_place_since_a_year_are_the_regime_described():
    text = (
        "Medway NHS Foundation Trust is in segment 4. It replaces the separate quality and finance special measures "
        "programmes which have been in place since 2013."
    )
    assert {e["framework"] for e in events(text, "2021-07-10")} == {"nof"}


def test_praise_of_practice_is_no_rating_even_coordinated():
    for text in (
        "Inspectors found some good and outstanding practice at North West Anglia NHS Foundation Trust, the CQC said.",
        "At Frimley Health NHS Foundation Trust the CQC inspectors observed good hygiene practices.",
    ):
        assert events(text, "2019-12-20") == [], text


def test_a_campaign_named_after_a_rating_is_no_rating():
    text = "After its inspection, Wye Valley NHS Trust launched its 'Getting to Good' campaign."
    assert events(text, "2019-12-20") == []


def test_use_of_resources_and_end_of_life_ratings_are_not_the_trusts():
    for text in (
        "Wye Valley NHS Trust has been rated as 'Requires Improvement' for using its resources productively.",
        "Wye Valley NHS Trust was inspected by the CQC. Our rating for community end of life was outstanding.",
    ):
        assert events(text, "2019-12-20") == [], text


# --- session 8 -------------------------------------------------------------------------------------


def test_a_rating_for_the_quality_of_services_is_the_overall_rating():
    text = "Royal Cornwall Hospitals NHS Trust is rated requires improvement for the quality of its services."
    assert statuses(text) == {("REF", "cqc_rating", "state", "requires improvement")}


def test_overall_is_context_enough_for_a_quoted_rating():
    text = "Barts Health NHS Trust was inspected in May. Overall the trust remains 'Requires Improvement'."
    assert statuses(text) == {("R1H", "cqc_rating", "remain", "requires improvement")}


def test_overall_does_not_make_good_a_rating():
    text = "Barts Health NHS Trust has made progress. Overall the trust remains in good shape."
    assert events(text) == []


def test_a_hospital_in_a_story_before_its_merger_is_its_trust_of_then():
    text = "Hinchingbrooke Hospital has been placed in special measures."
    assert statuses(text, "2015-01-09") == {("RQQ", "special_measures", "enter", "in")}
    assert statuses(text, "2019-01-09") == {("RGN", "special_measures", "enter", "in")}


def test_a_recommendation_not_made_proposes_no_exit():
    for text in (
        "The chief inspector said Medway NHS Foundation Trust had not yet made enough progress for him to "
        "recommend that it should leave special measures.",
        "The CQC said it could not recommend that Medway NHS Foundation Trust be taken out of special measures.",
        "Inspectors did not recommend that Medway NHS Foundation Trust should exit special measures.",
    ):
        assert events(text, "2016-01-09") == [], text


def test_a_recommendation_made_still_proposes_the_exit():
    text = "The chief inspector has recommended that Medway NHS Foundation Trust leaves special measures."
    assert [e["modality"] for e in events(text, "2016-01-09")] == ["proposed"]


def test_what_a_trust_failed_to_do_does_not_reach_its_remaining():
    text = "Medway NHS Foundation Trust failed to make enough progress and will remain in special measures."
    assert statuses(text, "2016-01-09") == {("RPA", "special_measures", "remain", "in")}


def test_leadership_across_the_trust_is_the_well_led_question():
    text = "South Central Ambulance Service NHS Foundation Trust was inspected. Leadership across the trust is now rated good."
    assert events(text, "2019-01-09") == []


def test_elements_of_a_trusts_care_are_parts():
    text = (
        "Two elements of South Central Ambulance Service NHS Foundation Trust's care have been raised "
        "from inadequate to requires improvement."
    )
    assert events(text, "2019-01-09") == []


def test_a_count_of_a_trusts_ratings_is_no_rating():
    text = "Isle of Wight NHS Trust was inspected. Now 89 of the trust's 108 ratings are good or outstanding."
    assert events(text, "2019-01-09") == []


def test_care_provided_in_a_specialty_is_a_service():
    text = "Inspectors found the care provided in neurosurgery at Hull University Teaching Hospitals NHS Trust to be outstanding."
    assert events(text, "2019-01-09") == []


def test_hospitals_named_in_a_list_are_rated_as_locations():
    text = (
        "East Kent Hospitals University NHS Foundation Trust was inspected. The inspectors rated the "
        "William Harvey and Kent and Canterbury hospitals as requiring improvement."
    )
    assert events(text, "2019-01-09") == []


def test_an_ambition_to_be_rated_is_no_rating():
    for text in (
        "Walsall Healthcare NHS Trust has revealed plans to be rated outstanding by the CQC in three years.",
        "Birmingham Community Healthcare NHS Foundation Trust said it faced a five year project to become "
        "good or outstanding after its CQC inspection.",
        "The CQC inspected Walsall Healthcare NHS Trust; its ambition is to be rated good next time.",
    ):
        assert events(text, "2019-01-09") == [], text


def test_a_purpose_is_no_exit():
    for text in (
        "St George's University Hospitals NHS Foundation Trust will spend £200m to ensure services are safe and "
        "take the trust out of special measures.",
        "Isle of Wight NHS Trust appointed an improvement director to help make improvements and exit special "
        "measures as quickly as possible.",
    ):
        assert events(text, "2017-05-01") == [], text


def test_it_rated_after_a_key_questions_rating_is_the_key_question():
    text = (
        "Cambridgeshire Community Services NHS Trust was inspected. Our rating of safe stayed the same. "
        "We rated it as good because staff were trained."
    )
    assert events(text, "2019-08-30") == []


def test_trusts_described_in_general_are_nobody():
    for text in (
        "Burton Hospitals NHS Foundation Trust has left special measures, although the original trusts that "
        "remain in special measures have had support for two years.",
        "St George's University Hospitals NHS Foundation Trust was inspected. The CQC gives those providers "
        "that it rates good or outstanding two years before returning.",
    ):
        assert statuses(text, "2017-05-01") <= {("RJF", "special_measures", "exit", "out")}, text


def modalities(text: str, published: str = "2016-01-09") -> dict[str, str]:
    return {e["framework"]: e["modality"] for e in events(text, published)}


def test_a_rating_told_done_inside_a_recommendation_is_actual():
    for text in (
        "The CQC has recommended Hinchingbrooke Health Care NHS Trust be placed into special measures after it was rated inadequate.",
        "The chief inspector recommended Isle of Wight NHS Trust be put in special measures and also rated it inadequate.",
        "The CQC has recommended that Colchester Hospital University NHS Foundation Trust should remain in special "
        "measures after an inspection resulted in it receiving an overall rating of inadequate.",
    ):
        assert modalities(text) == {"special_measures": "proposed", "cqc_rating": "actual"}, text


def test_a_rating_told_done_beside_a_possibility_is_actual():
    text = "Hinchingbrooke Health Care NHS Trust could be put into special measures after being rated inadequate."
    assert modalities(text) == {"special_measures": "hypothetical", "cqc_rating": "actual"}


def test_a_rating_recommended_stays_proposed():
    assert modalities("The CQC recommends that Isle of Wight NHS Trust be rated inadequate.") == {
        "cqc_rating": "proposed"
    }


def test_the_short_form_of_a_single_site_trusts_hospital_is_the_trust():
    text = "Inspectors returned to Hinchingbrooke Hospital. In January, Hinchingbrooke was placed in special measures."
    assert statuses(text, "2015-06-01") == {("RQQ", "special_measures", "enter", "in")}


def test_the_short_form_of_one_of_several_hospitals_is_no_trust():
    text = "Inspectors returned to Good Hope Hospital. In January, Good Hope was placed in special measures."
    assert events(text, "2015-06-01") == []


def test_a_hospital_told_by_its_town_is_that_towns_trust_of_then():
    assert statuses("Queen's Hospital, Burton was placed in special measures.", "2016-01-01") == {
        ("RJF", "special_measures", "enter", "in")
    }
    assert statuses("Queen's Hospital in Romford was placed in special measures.", "2016-01-01") == {
        ("RF4", "special_measures", "enter", "in")
    }


def test_a_rating_for_its_leadership_is_the_well_led_question():
    text = (
        "Royal Surrey County Hospital NHS Foundation Trust has been awarded an outstanding rating for its "
        "leadership by the Care Quality Commission."
    )
    assert events(text, "2019-01-09") == []


def test_a_key_question_opening_the_clause_scopes_the_rating():
    text = (
        "For being safe, one of the CQC's five questions, Great Ormond Street Hospital for Children NHS "
        "Foundation Trust was rated as requires improvement."
    )
    assert events(text, "2019-01-09") == []


def test_a_trusts_main_hospital_rated_is_a_location():
    text = "Sherwood Forest Hospitals NHS Foundation Trust has had its main hospital rated outstanding by the CQC."
    assert events(text, "2019-01-09") == []


def test_support_provided_by_the_regime_is_no_status():
    text = (
        "Sherwood Forest Hospitals NHS Foundation Trust said it had benefited from the support provided by "
        "the special measures regime."
    )
    assert events(text, "2019-01-09") == []


def test_shaking_off_special_measures_is_an_exit():
    text = "Sherwood Forest Hospitals NHS Foundation Trust has shaken off special measures."
    assert statuses(text, "2019-01-09") == {("RK5", "special_measures", "exit", "out")}


def test_an_endorsed_recommendation_is_the_decision():
    text = (
        "The CQC made a recommendation, endorsed by NHS Improvement, that Sherwood Forest Hospitals NHS "
        "Foundation Trust be removed from special measures."
    )
    assert [e["modality"] for e in events(text, "2019-01-09")] == ["actual"]


def test_a_rating_aimed_at_is_no_rating():
    for text in (
        "Sherwood Forest Hospitals NHS Foundation Trust is determined to ensure it moves back to outstanding "
        "when the CQC next inspects.",
        "The work will help Sherwood Forest Hospitals NHS Foundation Trust aim for an outstanding overall "
        "rating at the next CQC inspection.",
    ):
        assert events(text, "2019-01-09") == [], text


def test_a_date_before_a_contrasting_clause_is_not_the_next_clauses():
    text = (
        "Medway NHS Foundation Trust was again rated as requiring improvement in 2017, but after its latest "
        "inspection this year, the CQC said it was recommending the trust be taken out of special measures."
    )
    dates = {e["framework"]: e["date"] for e in events(text, "2019-05-01")}
    assert dates == {"cqc_rating": "2017", "special_measures": "2019-05-01"}


def test_removed_from_the_list_of_trusts_in_special_measures_is_an_exit():
    text = (
        "Medway NHS Foundation Trust and Croydon Health Services NHS Trust were removed from the list of eight "
        "trusts in financial special measures in February."
    )
    assert statuses(text, "2017-05-01") == {
        ("RPA", "special_measures", "exit", "out"),
        ("RJ6", "special_measures", "exit", "out"),
    }


def test_an_inspection_before_a_recommendation_does_not_date_it():
    text = (
        'The chief inspector said: "Our inspection in April found real improvements, and I am pleased to '
        'recommend that George Eliot Hospital NHS Trust should exit special measures."'
    )
    assert [e["date"] for e in events(text, "2014-07-17")] == ["2014-07-17"]


def test_a_return_visit_before_a_new_rating_does_not_date_it():
    text = (
        "In their return, between 7 October and 6 November 2019, inspectors found Norfolk and Suffolk NHS "
        "Foundation Trust had improved, and its rating has improved to requires improvement."
    )
    assert [e["date"] for e in events(text, "2020-01-15")] == ["2020-01-15"]


def test_a_since_date_of_the_cause_does_not_date_the_rating():
    text = (
        "Isle of Wight NHS Trust is celebrating an overall CQC rating of good, following a series of poor "
        "inspection reports since 2014."
    )
    assert [e["date"] for e in events(text, "2020-05-01")] == ["2020-05-01"]


def test_a_rating_said_later_to_be_unchanged_is_kept():
    text = (
        "Sherwood Forest Hospitals NHS Foundation Trust has been rated good by the CQC. Inspectors visited "
        "in May. This means the trust's ratings remain unchanged since the previous inspection."
    )
    assert statuses(text, "2019-01-01") == {("RK5", "cqc_rating", "remain", "good")}


def test_a_rating_of_two_bodies_is_not_kept_by_an_unclear_its():
    text = (
        "Sherwood Forest Hospitals NHS Foundation Trust and Medway NHS Foundation Trust have been rated good "
        "by the CQC. Its rating remains the same."
    )
    assert {e["change"] for e in events(text, "2019-01-01")} == {"move"}


def test_an_undated_past_perfect_change_is_an_event_of_unknown_date():
    text = "Medway NHS Foundation Trust was inspected again. Subsequent inspections had given the trust an overall rating of inadequate."
    found = [(e["ods_code"], e["to"], e["date"], e["date_text"]) for e in events(text, "2017-03-17")]
    assert found == [("RPA", "inadequate", None, None)]


def test_an_undated_past_state_in_passing_is_still_no_event():
    text = "Medway NHS Foundation Trust has a new chair. She joined when the trust was in special measures."
    assert events(text, "2017-03-17") == []


def test_special_measures_that_could_end_are_a_possible_exit():
    text = "Worcestershire Acute Hospitals NHS Trust: special measures could end."
    assert [(e["change"], e["modality"]) for e in events(text, "2017-01-19")] == [("exit", "hypothetical")]


def test_recommending_ending_special_measures_proposes_an_exit():
    text = "The CQC recommended ending special measures at Worcestershire Acute Hospitals NHS Trust."
    assert [(e["change"], e["modality"]) for e in events(text, "2017-01-19")] == [("exit", "proposed")]


def test_ending_up_in_special_measures_is_no_exit():
    text = "Kettering General Hospital NHS Foundation Trust has ended up in special measures."
    assert {e["change"] for e in events(text, "2017-01-19")} <= {"enter", "state"}


def test_the_journey_out_of_special_measures_is_no_exit():
    text = "Worcestershire Acute Hospitals NHS Trust called it a first step on the journey out of special measures."
    assert events(text, "2017-01-19") == []


def test_a_gp_practice_in_special_measures_is_no_trusts():
    assert events("A GP practice in Feltham, West London has been put in special measures.", "2017-01-19") == []


def test_one_of_n_described_at_length_to_be_placed_is_actual():
    text = (
        "Croydon Health Services NHS Trust was one of 5 acute trusts across the country to be placed in "
        "financial special measures in July 2016."
    )
    assert [(e["modality"], e["date"]) for e in events(text, "2017-01-19")] == [("actual", "2016-07")]


def test_a_decision_it_was_announced_is_actual():
    text = (
        "On the day it was announced Croydon Health Services NHS Trust would be going into special measures, staff met."
    )
    assert [e["modality"] for e in events(text, "2017-01-19")] == ["actual"]


def test_ratings_at_being_or_in_relation_to_a_key_question_are_key_questions():
    for text in (
        "Inspectors found Kettering General Hospital NHS Foundation Trust good at being effective, caring and responsive.",
        "Kettering General Hospital NHS Foundation Trust received a rating of good in relation to care.",
    ):
        assert events(text, "2017-01-19") == [], text


def test_an_inspection_visit_reported_months_later_does_not_date_the_rating():
    text = (
        "Inspectors visited Worcestershire Acute Hospitals NHS Trust on 7, 8 and 15 December 2016. "
        "The trust was rated as inadequate overall."
    )
    assert [e["date"] for e in events(text, "2017-01-19")] == ["2017-01-19"]
    report = (
        "In December 2016 the CQC published its report on Worcestershire Acute Hospitals NHS Trust. "
        "The trust was rated as inadequate overall."
    )
    assert [e["date"] for e in events(report, "2017-01-19")] == ["2016-12"]


def test_the_trust_in_a_history_before_a_merger_is_the_predecessor_the_story_names():
    text = (
        "Burton Hospitals NHS Foundation Trust is now part of University Hospitals of Derby and Burton NHS "
        "Foundation Trust. In July 2013 the trust was put into special measures."
    )
    assert statuses(text, "2019-01-01") == {("RJF", "special_measures", "enter", "in")}


def test_a_body_named_for_a_date_before_it_absorbed_another_stays_itself():
    text = (
        "Ipswich Hospital NHS Trust merged with it later. Colchester Hospital University NHS Foundation Trust "
        "was placed in special measures in November 2013."
    )
    assert {e["ods_code"] for e in events(text, "2019-01-01")} == {"RDE"}


def test_the_one_hospital_of_a_trust_stands_for_it_without_other_context():
    text = "Tameside General Hospital is being taken out of special measures."
    assert statuses(text, "2016-06-01") == {("RMP", "special_measures", "exit", "out")}


def test_a_hospital_a_merger_moved_is_nobody_in_a_story_without_any_date():
    text = "Basildon Hospital has been allowed out of special measures."
    assert statuses(text, "2016-06-01") == {("RDD", "special_measures", "exit", "out")}
    assert events(text, None) == []


def test_a_trusts_name_made_singular_that_is_its_hospitals_is_the_hospital():
    text = "The Royal Cornwall Hospital at Treliske has been rated inadequate overall by the CQC."
    assert events(text, "2018-01-01") == []


def test_a_trusts_own_name_that_is_also_its_hospitals_is_the_trust():
    text = "Queen Victoria Hospital FT has a good CQC rating."
    assert statuses(text, "2018-01-01") == {("RPC", "cqc_rating", "state", "good")}


def test_the_trust_is_the_only_provider_named_beyond_the_lede():
    text = (
        "The CQC has rated the services provided by The Newcastle upon Tyne Hospitals NHS Foundation Trust. "
        "A team of CQC inspectors visited the trust in January. They looked at its leadership. It took weeks. "
        "The trust had previously been rated outstanding in June 2016."
    )
    assert statuses(text, "2019-05-29") == {("RTD", "cqc_rating", "move", "outstanding")}


def test_the_trust_beyond_the_lede_is_nobody_when_two_providers_are_named():
    text = (
        "The CQC has rated the services provided by The Newcastle upon Tyne Hospitals NHS Foundation Trust and "
        "Gateshead Health NHS Foundation Trust. A team of CQC inspectors visited in January. They looked at "
        "leadership. It took weeks. The trust had previously been rated outstanding in June 2016."
    )
    assert events(text, "2019-05-29") == []


def test_a_hopeful_exit_is_no_exit():
    text = (
        'Hinchingbrooke Health Care NHS Trust is in special measures. "I am hopeful that our progress will be '
        'reflected in us coming out of special measures," the chief executive said.'
    )
    assert {(e["change"], e["modality"]) for e in events(text, "2015-06-01")} <= {
        ("state", "actual"),
        ("exit", "proposed"),
    }


def test_the_first_word_of_a_name_given_in_full_stands_for_the_body():
    text = (
        "Sherwood Forest Hospitals NHS Foundation Trust was inspected again. "
        "Sherwood was given an inadequate rating following another inspection in 2015."
    )
    assert statuses(text, None) == {("RK5", "cqc_rating", "move", "inadequate")}


def test_a_first_word_that_is_a_compass_point_stands_for_nobody():
    text = "East Kent Hospitals University NHS Foundation Trust was inspected. East was rated inadequate in 2015."
    assert events(text, None) == []


def test_a_list_of_the_rating_scale_is_nobodys_rating():
    text = (
        "Airedale NHS Foundation Trust has been rated as good overall, on a four point scale comprising the "
        "ratings of inadequate, requires improvement, good and outstanding."
    )
    assert statuses(text, "2016-06-01") == {("RCF", "cqc_rating", "move", "good")}


def test_the_cqc_requiring_improvement_is_no_rating():
    assert events("CQC requires improvement at Liverpool Community Health NHS Trust.", "2014-06-01") == []


def test_deciding_against_special_measures_is_no_entry():
    text = "During the last inspection in 2016, we decided against placing Pennine Acute Hospitals NHS Trust in special measures."
    assert events(text, "2016-06-01") == []


def test_special_measures_removed_on_or_ended_for_a_body_are_an_exit():
    for text in (
        "NHS England has removed special measures on Bedfordshire Clinical Commissioning Group.",
        "NHS England ended special measures for Bedfordshire Clinical Commissioning Group.",
    ):
        assert statuses(text, "2016-06-01") == {("06F", "special_measures", "exit", "out")}, text


def test_the_end_of_a_compound_word_is_no_name():
    text = "The Hillingdon Hospitals NHS Foundation Trust in north-west London has been rated requires improvement."
    assert {e["ods_code"] for e in events(text, "2016-06-01")} == {"RAS"}


def test_special_measures_with_a_participle_clause_after_is_still_an_entry():
    text = (
        "NHS England has now placed NHS Shropshire Clinical Commissioning Group in special measures, indicating "
        "that it has grave concerns."
    )
    assert statuses(text, "2017-03-15") == {("05N", "special_measures", "enter", "in")}


def test_good_and_outstanding_areas_of_work_are_praise():
    text = (
        "Doncaster and Bassetlaw Teaching Hospitals NHS Foundation Trust was inspected by the CQC. We are "
        "pleased they recognised the many good and outstanding areas of work in the trust."
    )
    assert events(text, "2015-10-23") == []


def test_this_area_rated_overall_is_a_part():
    text = (
        "Sandwell and West Birmingham Hospitals NHS Trust was inspected. Staff were caring and we rated this "
        "area as outstanding overall, the chief inspector said."
    )
    assert events(text, "2019-01-01") == []


def test_ratings_awarded_in_each_domain_are_the_domains():
    text = (
        "Chesterfield Royal Hospital NHS Foundation Trust was inspected by the CQC. The report explains why the "
        "outstanding and good ratings have been awarded in each of the domains."
    )
    assert events(text, "2019-01-25") == []


def test_what_the_cqc_would_have_considered_is_a_counterfactual():
    text = (
        "The CQC would have considered recommending Pennine Acute Hospitals NHS Trust enter special measures, "
        "but another trust was asked to lead it."
    )
    assert events(text, "2016-08-12") == []


def test_a_pennine_hospital_in_2016_is_pennine_acutes_and_its_rating_a_locations():
    text = (
        "Pennine Acute Hospitals NHS Trust was rated inadequate. Fairfield General Hospital in Bury was deemed "
        "as requires improvement."
    )
    assert statuses(text, "2016-08-12") == {("RW6", "cqc_rating", "move", "inadequate")}


def test_a_recent_inspection_does_not_date_the_rating_it_led_to():
    text = (
        "Following the latest inspection in February 2016, Liverpool Community Health NHS Trust is still rated "
        "as requires improvement."
    )
    assert [e["date"] for e in events(text, "2016-07-08")] == ["2016-07-08"]


def test_an_old_inspection_still_dates_a_rating_told_as_history():
    text = "When the CQC inspected in May 2014, Liverpool Community Health NHS Trust was rated as requires improvement."
    assert [e["date"] for e in events(text, "2016-07-08")] == ["2014-05"]


def test_the_year_of_the_rating_moved_from_is_not_the_new_ratings():
    text = (
        "Barnsley Hospital NHS Foundation Trust has moved upwards to good from the 2015 rating of requires improvement."
    )
    assert {e["date"] for e in events(text, "2018-01-01") if e["to"] == "good"} == {"2018-01-01"}


def test_the_services_provided_by_a_trust_rated_are_the_trust_rated():
    text = "The CQC has rated the services provided by Devon Partnership NHS Trust as good."
    assert {(e["ods_code"], e["to"]) for e in events(text, "2017-03-15")} == {("RWV", "good")}


def test_core_services_provided_by_a_trust_are_still_parts():
    text = "The CQC has rated the core services provided by Devon Partnership NHS Trust as good."
    assert events(text, "2017-03-15") == []


def test_lifted_from_a_long_named_status_is_an_exit():
    text = (
        "The progress enabled Liverpool University Hospitals NHS Foundation Trust to be lifted from NHS England's "
        "Oversight Framework segmentation 4 and the national Recovery Support Programme."
    )
    assert {(e["framework"], e["change"]) for e in events(text, "2025-02-01")} == {("rsp", "exit")}


def test_counts_of_a_trusts_services_are_parts_with_every_rating_listed():
    text = (
        "The majority (13 out of 16) of Oxford Health NHS Foundation Trust's services were rated good (12) or "
        "outstanding (1)."
    )
    assert events(text, "2017-01-01") == []


def test_a_rating_in_three_out_of_five_measurements_is_no_overall_rating():
    text = "The CQC rated Oxford Health NHS Foundation Trust good in three out of five quality measurements."
    assert events(text, "2017-01-01") == []


def test_pledges_and_plans_to_improve_a_rating_are_no_rating():
    for text in (
        "The new chief executive pledged to take Oxford Health NHS Foundation Trust to an outstanding rating.",
        "Oxford Health NHS Foundation Trust plans to improve the trust's CQC rating from requires improvement to "
        "outstanding within two years.",
    ):
        assert events(text, "2017-01-01") == [], text


def test_a_rating_improved_is_still_a_move():
    text = "Oxford Health NHS Foundation Trust improved its rating from requires improvement to good."
    assert statuses(text, "2017-01-01") == {("RNU", "cqc_rating", "move", "good")}


def test_a_tier_of_risk_is_no_tiering():
    assert (
        events("The CQC put Oxford Health NHS Foundation Trust in a second tier at less high risk.", "2014-01-01") == []
    )


def test_a_hospital_named_like_its_closed_trust_is_the_hospital_of_today_after_the_closure():
    text = "The trust which runs Newham University Hospital has come out of special measures after four years."
    assert {e["ods_code"] for e in events(text, "2019-01-01")} == {"R1H"}
    assert {e["ods_code"] for e in events("Newham University Hospital NHS Trust was inspected.", "2019-01-01")} == set()


def test_a_recent_inspection_leading_to_a_recommendation_does_not_date_it():
    text = (
        "An inspection by the CQC in February this year found improvements, leading to the chief inspector's "
        "recommendation that United Lincolnshire Hospitals NHS Trust should now come out of special measures."
    )
    assert [e["date"] for e in events(text, "2015-03-27")] == ["2015-03-27"]


def test_a_status_the_days_change_leaves_is_history_of_unknown_date():
    text = (
        "Medway NHS Foundation Trust was placed in special measures by the CQC. "
        "Medway NHS Foundation Trust has now left special measures."
    )
    found = {(e["change"], e["date"]) for e in events(text, "2018-03-07")}
    assert found == {("enter", None), ("exit", "2018-03-07")}


def test_a_dated_entry_beside_an_exit_keeps_its_date():
    text = (
        "Medway NHS Foundation Trust was placed in special measures in July 2013. "
        "Medway NHS Foundation Trust has now left special measures."
    )
    assert {(e["change"], e["date"]) for e in events(text, "2018-03-07")} == {
        ("enter", "2013-07"),
        ("exit", "2018-03-07"),
    }


def test_the_retired_annual_health_check_scale_is_no_cqc_rating():
    text = (
        "Worcestershire Health and Care NHS Trust was rated good for its quality of services last year but has "
        "now fallen to fair in the annual health check."
    )
    assert events(text, "2016-10-15") == []


def test_an_open_question_about_an_exit_is_no_change():
    text = (
        "The inspection was not to determine if Walsall Healthcare NHS Trust should be removed from special measures."
    )
    assert events(text, "2016-10-15") == []


def test_the_special_measures_action_plan_is_no_status():
    text = "Walsall Healthcare NHS Trust said progress is monitored through the special measures action plan."
    assert events(text, "2016-10-15") == []


def test_a_reported_belief_about_a_decision_proposes_it():
    text = (
        "Unions believe the second report will not reveal improvements and Kettering General Hospital NHS "
        "Foundation Trust will be placed into special measures."
    )
    assert [e["modality"] for e in events(text, "2016-10-15")] == ["proposed"]


def test_a_lower_case_compass_word_makes_a_place_description_no_name():
    text = "The hospital trust for north Lancashire and south Cumbria was placed in special measures."
    assert events(text, "2021-08-01") == []


def test_service_and_key_question_ratings_told_overall_are_not_the_trusts():
    for text in (
        "Walsall Healthcare NHS Trust was inspected. We were impressed with community health services which we "
        "have rated as outstanding overall.",
        "South East Coast Ambulance Service NHS Foundation Trust was rated as outstanding for emergency and "
        "urgent care.",
        "The report earned Queen Elizabeth Hospital King's Lynn NHS Foundation Trust a good rating as a caring, "
        "effective and well-led hospital.",
    ):
        assert events(text, "2019-08-15") == [], text


def test_recommending_that_a_trust_is_the_latest_to_leave_proposes_the_exit():
    text = (
        "The chief inspector is recommending that The Queen Elizabeth Hospital King's Lynn NHS Foundation Trust is "
        "the latest trust to come out of special measures."
    )
    assert [e["modality"] for e in events(text, "2015-07-30")] == ["proposed"]


def test_the_trust_in_a_history_is_no_predecessor_named_only_after_it():
    text = (
        "Colchester Hospital University NHS Foundation Trust has left special measures. The trust was originally "
        "placed into special measures in November 2013. It now works with Ipswich Hospital NHS Trust."
    )
    assert {e["ods_code"] for e in events(text, "2017-11-02")} == {"RDE"}


def test_an_undated_story_naming_the_rsp_tells_of_the_rsp():
    text = (
        "An ambulance service has exited special measures. South East Coast Ambulance Service NHS Foundation "
        "Trust had been placed in the Recovery Support Programme."
    )
    assert {e["framework"] for e in events(text, None)} == {"rsp"}


def test_a_status_named_again_and_not_affirmed_closes_the_open_list():
    text = (
        "Five of those trusts were already in special measures. Monitor considers that special measures are not "
        "warranted at this stage at three of the nine foundation trusts. These are Blackpool Teaching Hospitals "
        "NHS Foundation Trust, Colchester Hospital University NHS Foundation Trust and The Dudley Group NHS "
        "Foundation Trust."
    )
    assert events(text, "2013-10-24") == []


# --- Session 9 ---------------------------------------------------------------------------------------


def test_an_undated_rating_told_in_the_perfect_is_not_dated_by_its_inspection():
    for text in (
        "Ashford and St Peter's Hospitals NHS Foundation Trust has been rated good by the CQC following its "
        "inspection in December 2014.",
        "The CQC has rated Yeovil District Hospital NHS Foundation Trust as requires improvement overall following "
        "an inspection in December 2018 and January 2019.",
        "Inspectors have judged The Hillingdon Hospitals NHS Foundation Trust inadequate after visits in May 2016.",
    ):
        assert [e["date"] for e in events(text, None)] == [None], text


def test_an_undated_rating_told_in_the_past_keeps_its_inspection_year():
    text = "Sherwood Forest Hospitals NHS Foundation Trust was given an inadequate rating after an inspection in 2015."
    assert [e["date"] for e in events(text, None)] == ["2015"]


def test_a_closed_bracket_does_not_start_a_new_clause():
    text = (
        "The CQC has rated North West Ambulance Service NHS Trust (NWAS) as requires improvement following two "
        "inspections last year."
    )
    assert [e["date"] for e in events(text, "2017-01-19")] == ["2017-01-19"]


def test_the_same_rating_as_before_keeps_the_rating():
    for text in (
        "Walsall Healthcare NHS Trust is rated requires improvement overall, the same as after an inspection in 2017.",
        "United Lincolnshire Hospitals NHS Trust has been rated requires improvement overall- the same rating it "
        "received following the last inspection in 2018.",
        "The Royal Wolverhampton NHS Trust has been rated good, the same grade as it got in 2016.",
    ):
        assert [(e["change"], e["from"], e["date"]) for e in events(text, "2019-07-26")] == [
            ("remain", e["to"], "2019-07-26") for e in events(text, "2019-07-26")
        ], text


def test_the_same_rating_as_another_trust_is_no_stay():
    text = "Walsall Healthcare NHS Trust has been rated good, the same rating as Dudley's hospital trust."
    assert [e["change"] for e in events(text, "2019-07-26")] == ["move"]


def test_joining_the_trusts_already_in_the_regime_enters_it():
    for text in (
        "St George's University Hospitals NHS Foundation Trust is joining the trusts already in financial special "
        "measures.",
        "The trusts that will be joining the seven currently in special measures are:\n"
        "- St George's University Hospitals NHS Foundation Trust.",
        "St George's University Hospitals NHS Foundation Trust has joined those now in special measures.",
    ):
        assert [e["change"] for e in events(text, "2016-07-21")] == ["enter"], text


def test_a_recommended_return_to_the_regime_is_an_entry():
    text = "The CQC recommended a return to special measures for United Lincolnshire Hospitals NHS Trust."
    assert [(e["change"], e["modality"]) for e in events(text, "2016-07-21")] == [("enter", "proposed")]


def test_care_described_as_inadequate_is_no_rating():
    for text in (
        "An inspection of Walsall Healthcare NHS Trust found that care was inadequate.",
        "At Walsall Healthcare NHS Trust standards of care were still inadequate, inspectors said.",
        "At Walsall Healthcare NHS Trust, staffing has been judged to be inadequate.",
    ):
        assert events(text, "2016-07-21") == [], text


def test_an_aim_or_a_want_states_no_status():
    for text in (
        "The aim of the initiative is to help Brighton and Sussex University Hospitals NHS Trust emerge from special "
        "measures.",
        "The chief executive of Worcestershire Acute Hospitals NHS Trust says they want improvement as fast as "
        "possible and to get out of special measures.",
        "Walsall Healthcare NHS Trust is targeting an escape from special measures by next year.",
        "Medway NHS Foundation Trust has an ambition of improving its overall rating from inadequate to good.",
    ):
        assert events(text, "2016-07-21") == [], text


def test_a_missed_target_is_no_aim():
    text = "Walsall Healthcare NHS Trust, which missed its targets, was placed in special measures."
    assert [e["change"] for e in events(text, "2016-07-21")] == ["enter"]


def test_a_change_of_regime_at_the_trust_names_the_trust_after_it():
    text = (
        "Worcestershire Acute Hospitals NHS Trust is improving. The CQC recommended ending special measures at the "
        "trust."
    )
    assert [(e["ods_code"], e["change"], e["modality"]) for e in events(text, None)] == [("RWP", "exit", "proposed")]


def test_a_purpose_of_testing_the_regime_at_the_trust_is_no_event():
    text = (
        "Medway NHS Foundation Trust was inspected. The inspection was designed to test the requirement for the "
        "continued application of special measures at the trust."
    )
    assert events(text, "2017-03-30") == []


def test_a_rating_of_parts_of_services_or_of_a_key_question_is_not_the_trusts():
    for text in (
        "East Sussex Healthcare NHS Trust has been judged as outstanding in parts.",
        "Inspectors rated as outstanding the children and young people's services at East Sussex Healthcare NHS Trust.",
        "East Sussex Healthcare NHS Trust was inspected. Safety across the trust was rated as inadequate.",
        "East Sussex Healthcare NHS Trust was inspected. We rated this trust as good for its overall leadership.",
    ):
        assert events(text, "2020-02-27") == [], text


def test_a_rating_approached_or_set_aside_is_none():
    for text in (
        "An inspection of East Sussex Healthcare NHS Trust saw it come close to a good rating.",
        "East Sussex Healthcare NHS Trust was rated requires improvement, bordering on good.",
        "East Sussex Healthcare NHS Trust was given an overall rating of requires improvement rather than good.",
        "East Sussex Healthcare NHS Trust was rated good instead of outstanding.",
    ):
        assert len(events(text, "2020-02-27")) <= 1, text
        assert all(e["to"] in ("requires improvement", "good") for e in events(text, "2020-02-27")), text
    text = "East Sussex Healthcare NHS Trust was rated requires improvement, bordering on good."
    assert [e["to"] for e in events(text, "2020-02-27")] == ["requires improvement"]


def test_the_nth_or_one_among_n_to_be_placed_is_done():
    for text in (
        "Northern Lincolnshire and Goole NHS Foundation Trust is only the third in the country to be placed in "
        "financial special measures.",
        "Northern Lincolnshire and Goole NHS Foundation Trust was among 11 nationally to be placed in special "
        "measures in July 2013.",
    ):
        assert [e["modality"] for e in events(text, "2016-04-15")] == ["actual"], text


def test_being_told_to_remain_is_the_regulators_decision():
    text = "East Sussex Healthcare NHS Trust has been told it must remain in financial special measures."
    assert [(e["change"], e["from"], e["to"], e["modality"]) for e in events(text, "2016-04-15")] == [
        ("remain", "in", "in", "actual")
    ]


def test_a_report_that_rated_the_trust_beside_a_recommendation_is_done():
    text = (
        "The decision follows a recommendation by the Chief Inspector, and a previous CQC inspection report which "
        "rated Northern Lincolnshire and Goole NHS Foundation Trust as inadequate."
    )
    assert [e["modality"] for e in events(text, "2016-04-15")] == ["actual"]


def test_a_rating_told_as_unchanged_before_it_is_given_is_kept():
    text = (
        "Royal Berkshire NHS Foundation Trust was inspected. Our rating of the trust stayed the same. We rated it "
        "as requires improvement because:"
    )
    assert [(e["change"], e["from"], e["to"]) for e in events(text, "2019-06-26")] == [
        ("remain", "requires improvement", "requires improvement")
    ]


def test_an_unchanged_rating_reaches_only_the_next_sentence():
    text = (
        "Royal Berkshire NHS Foundation Trust was inspected. Our rating of the trust stayed the same. The trust "
        "has new leaders. It was rated good in 2015."
    )
    assert [e["change"] for e in events(text, "2019-06-26")] == ["move"]


def test_a_place_owning_its_hospitals_names_no_body():
    for text in (
        "The NHS trust that runs Gloucestershire's hospitals has been taken out of financial special measures.",
        "Lincolnshire's hospitals are to remain in special measures.",
    ):
        assert events(text, None) == [], text


def test_a_place_owning_its_health_system_is_the_system():
    text = "Norfolk and Waveney's health system has been placed in the Recovery Support Programme."
    assert [e["ods_code"] for e in events(text, "2023-03-01")] == ["QMM"]


def test_a_regime_set_apart_from_another_is_nobodys_status():
    text = (
        "East Sussex Healthcare NHS Trust is one of three trusts placed in financial special measures. It is "
        "separate from the special measures regime for trusts with care quality concerns."
    )
    assert [e["change"] for e in events(text, "2016-07-21")] == ["enter"]


def test_it_after_a_body_named_as_someones_employer_is_that_body():
    text = (
        "Poole Hospital NHS Foundation Trust was rated outstanding. Patricia Miller, chief executive of Dorset "
        "County Hospital NHS Foundation Trust, praised staff after it won a good rating."
    )
    assert {(e["ods_code"], e["to"]) for e in events(text, "2017-01-20")} == {
        ("RD3", "outstanding"),
        ("RBD", "good"),
    }


def test_a_year_naming_the_inspection_moved_from_does_not_date_the_new_rating():
    text = (
        "Dorset County Hospital NHS Foundation Trust won a good rating from the CQC, upgrading from its 2016 "
        "inspection."
    )
    assert [e["date"] for e in events(text, "2018-03-01")] == ["2018-03-01"]


def test_the_removal_of_a_body_from_the_regime_is_an_exit():
    text = (
        "University Hospitals of Morecambe Bay NHS Foundation Trust is improving. The removal of the trust from "
        "'special measures' is something we are proud of."
    )
    assert [(e["ods_code"], e["change"]) for e in events(text, "2017-01-20")] == [("RTX", "exit")]


def test_a_removal_that_could_happen_is_hypothetical():
    text = "The removal of Medway NHS Foundation Trust from special measures could happen next year."
    assert [(e["change"], e["modality"]) for e in events(text, "2017-01-20")] == [("exit", "hypothetical")]


def test_a_second_verb_naming_the_regime_it_left_is_no_ellipsis():
    text = (
        "Northern Lincolnshire and Goole NHS Foundation Trust first entered special measures in July 2013 and was "
        "taken out of the failure regime in April 2014."
    )
    assert [(e["change"], e["date"]) for e in events(text, "2017-01-20")] == [
        ("enter", "2013-07"),
        ("exit", "2014-04"),
    ]


def test_a_programme_its_own_words_describe_is_not_the_regime():
    text = (
        "The Princess Alexandra Hospital NHS Trust is out of special measures. Its overall rating has risen from "
        "inadequate to requires improvement, which reflects the programme of quality improvement underway."
    )
    assert [e["change"] for e in events(text, "2017-01-20") if e["framework"] == "special_measures"] == ["exit"]


def test_the_regime_for_a_further_six_months_is_still_the_regime():
    text = (
        "The Princess Alexandra Hospital NHS Trust entered special measures in 2014. It is to remain in the regime "
        "for a further six months."
    )
    assert [e["change"] for e in events(text, "2016-01-20")] == ["enter", "remain"]


def test_a_rating_given_again_or_unchanged_stays():
    for text in (
        "The CQC has again rated the services provided by Southport and Ormskirk Hospital NHS Trust as requires "
        "improvement.",
        "Leeds and York Partnership NHS Foundation Trust was rated requires improvement by the CQC. This overall "
        "rating for the trust is unchanged since July 2016.",
        "The CQC moved Mid Cheshire Hospitals NHS Foundation Trust from good to good.",
    ):
        assert [e["change"] for e in events(text, "2019-11-27") if e["framework"] == "cqc_rating"] == ["remain"], text


def test_a_recommendation_after_which_is_why_is_not_dated_by_the_clause_before():
    text = (
        "The trust made progress where we had concerns last year, which is why I recommend that Medway NHS "
        "Foundation Trust should come out of special measures."
    )
    assert [e["date"] for e in events(text, "2015-09-08")] == ["2015-09-08"]


def test_ratings_not_given_or_of_described_services_or_parts_are_none():
    for text in (
        "The CQC rated the community services that supported deaf children at Walsall Healthcare NHS Trust as "
        "outstanding.",
        "The CQC said it was unable to say Bridgewater Community Healthcare NHS Foundation Trust had done enough "
        "to improve to an overall rating of good.",
        "Bridgewater Community Healthcare NHS Foundation Trust is busy. Although no CQC inspection is due, it is "
        "always good to prepare.",
        "However, in other areas Bridgewater Community Healthcare NHS Foundation Trust was able to move up to a "
        "good rating.",
    ):
        assert events(text, "2019-11-27") == [], text


def test_a_possibility_told_again_as_a_recommendation_is_proposed():
    text = (
        "Morecambe Bay's hospital trust could soon be taken out of special measures. The chief inspector has now "
        "recommended that University Hospitals of Morecambe Bay NHS Foundation Trust should be taken out of "
        "special measures."
    )
    assert [(e["change"], e["modality"]) for e in events(text, "2015-07-22")] == [("exit", "proposed")]


def test_it_after_a_hospital_the_sentence_names_is_the_hospital():
    text = (
        "Northern Lincolnshire and Goole NHS Foundation Trust was inspected. Goole Hospital was not inspected as "
        "it was rated as good in October 2015."
    )
    assert events(text, "2017-04-06") == []


def test_a_recent_inspection_window_does_not_date_the_rating_it_gave():
    text = (
        "Northern Lincolnshire and Goole NHS Foundation Trust has been rated inadequate. On the latest inspection, "
        "in October to December 2016, the CQC found deterioration resulting in the trust being rated inadequate "
        "overall."
    )
    assert [e["date"] for e in events(text, "2017-04-06")] == ["2017-04-06"]


def test_a_town_and_hospital_in_lower_case_describes_no_trust():
    text = (
        "Private Leeds hospital ordered to improve. A spokesman said they would ensure Leeds joins the good and "
        "outstanding rated services in the CQC's ratings of the group."
    )
    assert events(text, "2019-07-04") == []


def test_an_independent_providers_hospital_is_no_nhs_trust():
    text = "Spire Leeds Hospital has been rated requires improvement by the CQC."
    assert events(text, "2019-07-04") == []


def test_a_regime_applied_to_a_body_enters_it():
    text = "NHS England has also applied special measures to NHS Ashford CCG and NHS Thanet CCG."
    assert [(e["change"], e["modality"]) for e in events(text, "2018-03-01")] == [
        ("enter", "actual"),
        ("enter", "actual"),
    ]


def test_applying_to_leave_the_regime_proposes_the_exit():
    text = "Hinchingbrooke Health Care NHS Trust has applied to leave special measures."
    assert [(e["change"], e["modality"]) for e in events(text, "2018-03-01")] == [("exit", "proposed")]


def test_left_in_the_regime_stays_in_it():
    text = "Hinchingbrooke Health Care NHS Trust is improving, but the trust was left in special measures."
    assert [e["change"] for e in events(text, "2018-03-01")] == ["remain"]


def test_a_call_made_after_a_placement_does_not_make_it_proposed():
    text = (
        "A patient group has called for a fairer deal after Croydon Health Services NHS Trust was placed into "
        "financial special measures."
    )
    assert [e["modality"] for e in events(text, "2018-03-01")] == ["actual"]


def test_recommendations_that_a_body_is_placed_propose_it():
    text = "In response to the CQC recommendations that Isle of Wight NHS Trust is placed in special measures, it met."
    assert [e["modality"] for e in events(text, "2017-04-12")] == ["proposed"]


def test_the_date_the_regime_was_imposed_does_not_date_the_release():
    text = (
        "Royal Cornwall Hospitals NHS Trust has been released from the special measures that were imposed on the "
        "trust in 2017."
    )
    assert [(e["change"], e["date"]) for e in events(text, "2020-04-06")] == [("exit", "2020-04-06")]


def test_good_in_a_list_of_qualities_of_care_is_no_rating():
    text = 'Mrs Byrne said: "Good, safe care is the number one priority for Royal Cornwall Hospitals NHS Trust."'
    assert events(text, "2020-04-06") == []


def test_the_bodies_of_a_place_are_not_the_system_named_for_it():
    text = (
        "The clinical commissioning groups across Kent and Medway are struggling. Three of the East Kent CCGs have "
        "been placed in special measures along with NHS Thanet CCG."
    )
    assert [e["ods_code"] for e in events(text, "2018-03-01")] == ["10E"]


def test_a_change_followed_by_made_this_recommendation_is_proposed():
    text = (
        "The chief inspector said that Barking, Havering and Redbridge University Hospitals NHS Trust has shown the "
        "improvement necessary to come out of special measures and has made this recommendation to NHS Improvement."
    )
    assert [e["modality"] for e in events(text, "2017-03-07")] == ["proposed"]


def test_a_rating_before_a_new_recommendation_stays_actual():
    text = (
        "The chief inspector said: We have given Hinchingbrooke Health Care NHS Trust an overall rating of "
        "inadequate and I have made a recommendation that the trust is placed into special measures."
    )
    assert [(e["framework"], e["modality"]) for e in events(text, "2014-12-09")] == [
        ("cqc_rating", "actual"),
        ("special_measures", "proposed"),
    ]


def test_an_undated_story_naming_the_rsp_after_older_years_tells_of_the_rsp():
    text = (
        "The Queen Elizabeth Hospital King's Lynn NHS Foundation Trust was rated inadequate in 2020. Today it was "
        "told it is formally out of special measures, the Recovery Support System, after its 2021 inspection."
    )
    assert {(e["framework"], e["change"]) for e in events(text, None)} >= {("rsp", "exit")}


def test_an_undated_story_whose_latest_year_is_before_the_rsp_keeps_special_measures():
    text = (
        "The Queen Elizabeth Hospital King's Lynn NHS Foundation Trust left special measures in 2017. Some now "
        "compare special measures with the Recovery Support Programme."
    )
    assert {e["framework"] for e in events(text, None)} == {"special_measures"}


def test_a_past_relative_clause_before_the_news_is_history_of_its_own_date():
    text = (
        'Tameside Hospital, which was rated "inadequate" by the health watchdog has been awarded an overall good '
        "rating by the CQC."
    )
    assert [(e["to"], e["date"]) for e in events(text, "2017-02-07")] == [
        ("inadequate", None),
        ("good", "2017-02-07"),
    ]


def test_a_status_after_a_relative_clause_about_the_services_it_provides_is_the_bodys():
    text = (
        "Black Country Healthcare NHS Foundation Trust, which also provides learning disability and family "
        "healthcare services in Dudley, has been rated good by the CQC."
    )
    assert [(e["ods_code"], e["to"]) for e in events(text, "2019-06-01")] == [("TAJ", "good")]


def test_its_rating_opening_a_sentence_is_the_last_bodys():
    text = (
        "Royal Cornwall Hospitals NHS Trust has a new boss. Its CQC rating has fallen from good to requires "
        "improvement."
    )
    assert [(e["ods_code"], e["from"], e["to"]) for e in events(text, "2019-06-01")] == [
        ("REF", "good", "requires improvement")
    ]


def test_its_rating_after_a_hospital_in_the_sentence_is_not_the_last_bodys():
    text = (
        "Frimley Health NHS Foundation Trust is big. Since then, Wexham Park has been re-inspected, with its "
        "rating moving from inadequate to good."
    )
    assert events(text, "2016-01-01") == []


def test_ccgs_sharing_a_lower_case_head_with_and_inside_a_name_are_each_named():
    text = (
        "Financial special measures were imposed on NHS Barking and Dagenham, NHS Havering and NHS Redbridge "
        "clinical commissioning groups in March 2017."
    )
    assert {e["ods_code"] for e in events(text, "2017-04-01")} == {"07L", "08F", "08N"}


def test_a_places_hospitals_leading_a_story_are_its_trust():
    text = (
        "Worcestershire's main hospitals have been moved out of special measures after nearly five years. "
        "Worcestershire Acute Hospitals NHS Trust was placed in special measures in December 2015."
    )
    assert [(e["ods_code"], e["change"]) for e in events(text, "2019-12-18")] == [
        ("RWP", "exit"),
        ("RWP", "enter"),
    ]


def test_the_trust_that_runs_the_hospital_is_no_hospital_subject():
    for text, expected in (
        (
            "Dorset County Hospital NHS Foundation Trust is in Dorchester. The trust that runs the hospital was "
            "judged to require improvement by the CQC.",
            ["requires improvement"],
        ),
        (
            "Dorset County Hospital NHS Foundation Trust is in Dorchester. The hospital was judged to require "
            "improvement by the CQC.",
            [],
        ),
    ):
        assert [e["to"] for e in events(text, "2018-06-06")] == expected, text


def test_key_questions_services_and_care_a_trust_provides_are_not_its_rating():
    for text in (
        "Kettering General Hospital NHS Foundation Trust was inspected by the CQC. The report said caring staff "
        "were across the trust which we rated good in every area.",
        "Kettering General Hospital NHS Foundation Trust was inspected. The CQC said the trust's leadership is now "
        "rated as good, while diagnostic imaging jumped to good overall.",
        "London Ambulance Service NHS Trust said the CQC had consistently rated the care we give patients as "
        "outstanding.",
        "Leicestershire Partnership NHS Trust is proud of the outstanding rating we have received for the care we "
        "provide children in the community.",
        "Leicestershire Partnership NHS Trust said community health services for adults have been re-rated good "
        "overall by the CQC.",
    ):
        assert events(text, "2019-06-01") == [], text


def test_a_rating_as_hoped_or_following_a_recommendation_is_actual():
    for text in (
        "When the CQC made its announcement on 23 May that, as hoped, London Ambulance Service NHS Trust had an "
        "overall good rating, staff cheered.",
        "The CQC has now recommended that Kettering General Hospital NHS Foundation Trust be taken out of special "
        "measures, following an overall requires improvement rating.",
    ):
        assert [e["modality"] for e in events(text, "2019-06-01") if e["framework"] == "cqc_rating"] == ["actual"], text


def test_a_rating_a_trust_could_earn_is_none():
    text = (
        "London Ambulance Service NHS Trust staff had confidence that we could make the big leap to earning a "
        "good rating from the CQC."
    )
    assert events(text, "2019-06-01") == []


def test_a_capitalised_description_after_a_is_no_fuzzy_name():
    text = "A Midlands Hospital Trust has left special measures after two years."
    assert [e["ods_code"] for e in events(text, "2019-05-23")] != ["RRE"]


def test_a_list_of_counties_ending_in_a_trusts_places_names_no_trust():
    text = (
        "East of England Ambulance Service NHS Trust covers Bedfordshire, Hertfordshire, Cambridgeshire, Essex, "
        "Norfolk and Suffolk. It joined the Recovery Support Programme in 2022."
    )
    assert [e["ods_code"] for e in events(text, "2024-03-01")] == ["RYC"]


def test_hospitals_of_several_trusts_listed_as_places_do_not_become_it():
    text = (
        "Lincolnshire Community Health Services NHS Trust runs community services. The trust delivers services "
        "from the following hospitals: Louth County Hospital, Peterborough City Hospital and Skegness Hospital. "
        "Our rating of the trust improved. We rated it as outstanding because:"
    )
    assert [e["ods_code"] for e in events(text, "2018-09-27")] == ["RY5"]


def test_north_cumbrias_hospitals_before_the_2019_merger_are_north_cumbria_university_hospitals():
    text = (
        "North Cumbria University Hospitals NHS Trust was inspected. The CQC found improvements at the trust's "
        "West Cumberland Hospital and Cumberland Infirmary sites. The trust retains its overall rating of "
        "requires improvement."
    )
    assert {e["ods_code"] for e in events(text, "2017-03-29")} == {"RNL"}


def test_a_placement_told_as_done_after_a_belief_is_actual():
    text = (
        "Lancashire Care NHS Foundation Trust's chief believes the trust has what it takes to turn things around "
        "after being placed into financial special measures."
    )
    assert [(e["change"], e["modality"]) for e in events(text, "2016-09-20")] == [("enter", "actual")]


def test_a_placement_referred_back_to_with_regard_to_is_no_new_entry():
    text = (
        "Basildon and Thurrock University Hospitals NHS Foundation Trust is improving. Monitor has been overseeing "
        "the trust with regard to it being placed in to special measures."
    )
    assert events(text, "2014-06-09") == []


def test_an_undated_document_saying_today_and_its_date_is_dated_by_it():
    text = (
        "Leicestershire Partnership NHS Trust has been rated requires improvement. The CQC has published its "
        "findings today (8 February 2017)."
    )
    assert [e["date"] for e in events(text, None)] == ["2017-02-08"]


def test_a_counted_group_refers_to_every_body_the_sentence_before_named():
    text = (
        "East Lancashire Hospitals NHS Trust, alongside Blackpool Teaching Hospitals and Lancashire Teaching "
        "Hospitals, is receiving support after the body that funds them, the Lancashire and South Cumbria "
        "Integrated Care Board, has to make savings. All four organisations have been placed into segment 4."
    )
    assert {e["ods_code"] for e in events(text, "2025-06-01")} == {"RXR", "RXL", "RXN", "QE1"}


def test_an_emergence_from_the_regime_is_an_exit():
    text = "North Cumbria University Hospitals NHS Trust celebrated its emergence from financial special measures."
    assert [e["change"] for e in events(text, "2018-09-01")] == ["exit"]


def test_a_body_acting_on_the_trust_is_not_what_the_trust_names_next():
    for text in (
        "Heatherwood and Wexham Park Hospitals NHS Foundation Trust is to be placed into special measures. "
        "Frimley Park's acquisition of the trust was due in August. The trust was rated inadequate by the CQC.",
        "Heatherwood and Wexham Park Hospitals NHS Foundation Trust is to be placed into special measures. The "
        "trust is expected to be acquired by neighbouring Frimley Park Hospital Foundation Trust. The trust was "
        "rated inadequate by the CQC.",
    ):
        assert {e["ods_code"] for e in events(text, "2014-06-01")} == {"RD7"}, text


def test_bodies_joining_a_group_in_the_regime_enter_it():
    text = (
        "The seven trusts in financial special measures will be joined by St George's University Hospitals NHS "
        "Foundation Trust and Northern Lincolnshire and Goole NHS Foundation Trust."
    )
    assert [(e["ods_code"], e["change"]) for e in events(text, "2016-07-21")] == [
        ("RJ7", "enter"),
        ("RJL", "enter"),
    ]


def test_a_unit_opening_the_sentence_keeps_a_later_rating_by_the_cqc_its_own():
    text = (
        "Medway NHS Foundation Trust is big. The maternity unit was branded inadequate by inspectors in 2013 but "
        "managed to turn things around and was rated good by the CQC in 2016."
    )
    assert events(text, "2023-04-28") == []


def test_ratings_of_these_services_are_theirs():
    text = (
        "Pennine Acute Hospitals NHS Trust runs several hospitals. The CQC previously rated these services "
        "inadequate, but has now found them to be good."
    )
    assert events(text, "2019-06-01") == []


def test_a_titles_journey_from_the_regime_is_no_status():
    text = "Morecambe Bay: From special measures to outstanding care."
    assert events(text, "2017-03-16") == []


def test_more_work_to_do_to_move_up_is_an_aim():
    text = (
        "East of England Ambulance Service NHS Trust was rated requires improvement by the CQC. We know we have "
        "more work to do, to move us from requires improvement to good, the chief said."
    )
    assert [e["to"] for e in events(text, "2016-08-09")] == ["requires improvement"]


def test_a_date_opening_a_clause_of_its_own_after_and_is_not_the_changes():
    text = (
        "NHS Lancashire and South Cumbria ICB has entered into a National Recovery Support Programme and in "
        "2024/25, Lancashire and South Cumbria was one of several systems subjected to an investigation."
    )
    assert [e["date"] for e in events(text, "2025-03-01")] == ["2025-03-01"]


def test_coordinated_dates_after_and_in_still_date_the_status():
    text = "University Hospitals of Morecambe Bay NHS Foundation Trust was rated inadequate in 2014 and in 2016."
    assert [e["date"] for e in events(text, "2017-03-16")] == ["2014", "2016"]


def test_a_recent_inspection_named_by_its_month_does_not_date_the_rating():
    text = (
        "The chief inspector has rated Mid Cheshire Hospitals NHS Foundation Trust as good overall, following a May "
        "2018 inspection by the CQC."
    )
    assert [e["date"] for e in events(text, "2018-08-01")] == ["2018-08-01"]


def test_an_older_inspection_named_by_its_month_still_dates_a_past_rating():
    text = "Mid Cheshire Hospitals NHS Foundation Trust was rated good overall following a May 2015 inspection."
    assert [e["date"] for e in events(text, "2018-08-01")] == ["2015-05"]


def test_at_this_time_in_the_past_refers_back_to_the_last_date():
    for text, expected in (
        (
            "Cornwall Partnership NHS Foundation Trust was inspected by the CQC in April 2019. At this time the "
            "trust was rated good.",
            "2019-04",
        ),
        (
            "Cornwall Partnership NHS Foundation Trust was inspected by the CQC in April 2019. At this time the "
            "trust is rated good.",
            "2019-11-27",
        ),
    ):
        assert [e["date"] for e in events(text, "2019-11-27")] == [expected], text


def test_kinds_of_care_rated_are_not_the_trusts_rating():
    text = (
        "South Tyneside and Sunderland NHS Foundation Trust was inspected. The CQC rated community-based health "
        "services as 'outstanding' and acute hospital care as 'good'."
    )
    assert events(text, "2020-06-01") == []


# --- Session 10 --------------------------------------------------------------------------------------


def test_a_lede_trust_is_the_merged_body_not_a_predecessor_the_story_names():
    text = (
        "The trust has been rated good overall by the CQC. South Tyneside and Sunderland NHS Foundation Trust "
        "came into being in April 2019 when South Tyneside NHS Foundation Trust merged with City Hospitals "
        "Sunderland NHS Foundation Trust. South Tyneside NHS Foundation Trust had been rated requires improvement."
    )
    assert [e["ods_code"] for e in events(text, "2020-06-01")][:1] == ["R0B"]


def test_a_lede_trust_is_the_merged_body_when_the_predecessors_are_named_again():
    text = (
        "Inspectors rated the trust requires improvement overall. Poole Hospital NHS Foundation Trust and The "
        "Royal Bournemouth and Christchurch Hospitals NHS Foundation Trust joined in October 2020 to form "
        "University Hospitals Dorset NHS Foundation Trust. Poole Hospital NHS Foundation Trust had been rated good."
    )
    assert [e["ods_code"] for e in events(text, "2022-03-01")][:1] == ["R0D"]


def test_before_the_merger_a_story_about_a_predecessor_keeps_it():
    text = (
        "The trust has been rated good overall by the CQC. South Tyneside NHS Foundation Trust works closely "
        "with City Hospitals Sunderland NHS Foundation Trust, and South Tyneside NHS Foundation Trust runs "
        "South Tyneside District Hospital."
    )
    assert [e["ods_code"] for e in events(text, "2017-06-01")] == ["RE9"]


def test_a_region_named_by_a_short_form_does_not_outrank_a_trust_named_in_full():
    text = (
        "Overall, the trust was rated good. Across the North East and North Cumbria, few providers can match "
        "Gateshead Health NHS Foundation Trust."
    )
    assert [e["ods_code"] for e in events(text, "2020-06-01")] == ["RR7"]


def test_a_rating_told_again_as_kept_is_a_stay():
    for text in (
        "Mid Cheshire Hospitals NHS Foundation Trust has been rated good by the CQC. It has kept the good rating it "
        "was given at its last inspection.",
        "The CQC has rated Sandwell and West Birmingham Hospitals NHS Trust as requires improvement overall. Its "
        "rating has remained requires improvement.",
        "Salford Royal NHS Foundation Trust has been rated outstanding. The trust retains its outstanding rating "
        "for a second time.",
    ):
        assert events(text, "2018-09-19")[0]["change"] == "remain", text


def test_a_body_named_past_a_contrast_after_the_status_is_not_its_subject():
    for text in (
        "The trust runs Hull Royal Infirmary and Castle Hill Hospital. Castle Hill was rated as good, but Hull "
        "Royal Infirmary was deemed to require improvement.",
        "It was rated outstanding, whereas Hull University Teaching Hospitals NHS Trust was rated requires "
        "improvement.",
        "Rated good, though Medway NHS Foundation Trust says there is more to do.",
    ):
        assert [e for e in events(text, "2018-06-01") if e["to"] in ("good", "outstanding")] == [], text


def test_a_body_named_after_the_status_without_a_contrast_is_its_subject():
    text = "Rated good: the CQC's verdict on Hull University Teaching Hospitals NHS Trust."
    assert [(e["ods_code"], e["to"]) for e in events(text, "2018-06-01")] == [("RWA", "good")]


def test_a_hospital_listed_with_its_town_is_the_location_even_when_named_like_its_trust():
    for text in (
        "Northampton General Hospital, Cliftonville - Overall rating: Requires improvement",
        "Queen Victoria Hospital, East Grinstead: rated good overall by the CQC.",
    ):
        assert events(text, "2014-03-27") == [], text


def test_a_hospital_named_like_its_trust_without_a_town_is_the_trust():
    text = "Queen Victoria Hospital has been rated good overall by the CQC."
    assert [(e["ods_code"], e["to"]) for e in events(text, "2014-03-27")] == [("RPC", "good")]


def test_a_status_only_approached_is_no_event():
    for text in (
        "Medway NHS Foundation Trust was on the verge of special measures last year.",
        "Medway NHS Foundation Trust is teetering on the edge of special measures.",
        "Medway NHS Foundation Trust came close to being placed in special measures.",
        "Medway NHS Foundation Trust is heading for special measures.",
        "Medway NHS Foundation Trust is on the brink of being taken out of special measures.",
    ):
        assert events(text, "2016-06-01") == [], text


def test_a_status_reached_after_an_approach_in_another_clause_is_still_an_event():
    text = "Medway NHS Foundation Trust, which was on the brink of collapse, was placed in special measures in 2014."
    assert [(e["change"], e["date"]) for e in events(text, "2016-06-01")] == [("enter", "2014")]


def test_a_regime_a_body_faces_is_a_threat():
    for text in (
        "Medway NHS Foundation Trust faces special measures.",
        "Medway NHS Foundation Trust is facing special measures after a damning report.",
        "Medway NHS Foundation Trust faces a second spell in special measures.",
    ):
        assert [e["modality"] for e in events(text, "2019-06-01")] == ["hypothetical"], text


def test_the_alternative_of_a_demand_is_hypothetical():
    for text in (
        "Medway NHS Foundation Trust must improve or face special measures.",
        "Medway NHS Foundation Trust must improve or be placed in special measures.",
        "Medway NHS Foundation Trust has been warned to improve or risk special measures.",
    ):
        assert [e["modality"] for e in events(text, "2019-06-01")] == ["hypothetical"], text


def test_a_body_facing_something_else_before_its_placement_is_still_placed():
    text = "Medway NHS Foundation Trust, which faces financial pressures, was placed in special measures."
    assert [(e["change"], e["modality"]) for e in events(text, "2019-06-01")] == [("enter", "actual")]


def test_an_effort_towards_a_change_is_no_event():
    for text in (
        "Medway NHS Foundation Trust is facing an uphill battle to exit special measures.",
        "Medway NHS Foundation Trust continues its fight to leave special measures.",
        "Medway NHS Foundation Trust is on a journey to exit special measures.",
        "Medway NHS Foundation Trust is making progress towards exiting special measures.",
        "Medway NHS Foundation Trust is pushing to be rated good.",
    ):
        assert events(text, "2019-06-01") == [], text


def test_a_fight_for_something_else_before_a_placement_leaves_the_placement():
    text = "Its fight for survival saw Medway NHS Foundation Trust placed in special measures in 2014."
    assert [(e["change"], e["date"]) for e in events(text, "2019-06-01")] == [("enter", "2014")]


def test_a_persons_past_act_told_in_passing_is_history():
    for text in (
        "The chief executive who took Medway NHS Foundation Trust out of special measures has joined Barts Health "
        "NHS Trust.",
        "Barts Health NHS Trust has appointed the man who led Medway NHS Foundation Trust out of special measures.",
        "A nurse who helped Medway NHS Foundation Trust exit special measures has won an award.",
    ):
        assert events(text, "2019-06-01") == [], text


def test_a_persons_past_act_dated_in_passing_keeps_its_date():
    text = "The new chair, who steered Medway NHS Foundation Trust out of special measures in 2016, starts next month."
    assert [(e["change"], e["date"]) for e in events(text, "2019-06-01")] == [("exit", "2016")]


def test_a_person_who_announces_a_placement_leaves_it_news():
    text = "Jeremy Hunt, who announced the decision today, said Medway NHS Foundation Trust will be placed in special measures."
    assert [e["change"] for e in events(text, "2019-06-01")] == ["enter"]


def test_a_date_inside_a_relative_clause_about_the_subject_does_not_date_its_status():
    for text in (
        "Medway NHS Foundation Trust, which acquired Gillingham Community Hospital in 2016, has been placed in "
        "special measures.",
        "Medway NHS Foundation Trust, which opened a new wing in 2016, has been placed in special measures.",
        "The latest report on Medway NHS Foundation Trust, which is based on an inspection in October 2016, "
        "rates it requires improvement.",
    ):
        assert [e["date"] for e in events(text, "2017-06-01")] == ["2017-06-01"], text


def test_a_date_before_the_subject_and_its_relative_clause_still_dates_the_status():
    text = "In 2016 Medway NHS Foundation Trust, which runs one hospital, was placed in special measures."
    assert [e["date"] for e in events(text, "2017-06-01")] == ["2016"]


def test_a_relative_clause_about_a_body_taken_over_is_not_the_rated_subject():
    text = "Medway NHS Foundation Trust, which took over Barts Health NHS Trust, was rated good."
    assert [e["ods_code"] for e in events(text, "2017-06-01")] == ["RPA"]


def test_the_trust_after_a_neighbour_named_by_the_way_is_the_storys_own():
    for text in (
        "Medway NHS Foundation Trust has moved to segment 2. Medway NHS Foundation Trust is ranked 40th. "
        "Neighbouring East Kent Hospitals University NHS Foundation Trust remains in segment 4. "
        "The trust left the Recovery Support Programme in 2023.",
        "Medway NHS Foundation Trust was rated good. Medway NHS Foundation Trust runs one hospital. Nearby "
        "Dartford and Gravesham NHS Trust was also inspected. The trust was placed in special measures in 2014.",
    ):
        last = events(text, "2025-12-10")[-1]
        assert (last["ods_code"], last["date"]) == ("RPA", "2023" if "Recovery" in text else "2014"), text


def test_the_trust_in_a_story_about_the_neighbour_is_the_neighbour():
    text = (
        "Neighbouring Medway NHS Foundation Trust has been placed in special measures. The trust was rated "
        "inadequate in May."
    )
    assert {e["ods_code"] for e in events(text, "2017-06-01")} == {"RPA"}


def test_a_date_after_and_in_that_opens_a_clause_with_a_pronoun_is_that_clauses():
    for text, expected in (
        (
            "In 2016 Medway NHS Foundation Trust was rated requires improvement, and in 2014 it was placed in "
            "special measures.",
            [("cqc_rating", "2016"), ("special_measures", "2014")],
        ),
        (
            "Medway NHS Foundation Trust was rated inadequate in 2014 and in 2016 it was rated requires improvement.",
            [("cqc_rating", "2014"), ("cqc_rating", "2016")],
        ),
    ):
        assert [(e["framework"], e["date"]) for e in events(text, "2018-03-01")] == expected, text


def test_coordinated_dates_without_a_new_clause_still_date_two_ratings():
    text = "Medway NHS Foundation Trust was rated requires improvement in 2016 and in 2017."
    assert [e["date"] for e in events(text, "2018-03-01")] == ["2016", "2017"]


def test_a_list_written_one_name_a_line_gives_every_line_its_status():
    text = (
        "Four hospital trusts are to be placed in special measures.\n\nThe trusts are:\n"
        "Basildon and Thurrock University Hospitals NHS Foundation Trust\n"
        "Blackpool Teaching Hospitals NHS Foundation Trust\n"
        "Medway NHS Foundation Trust\n"
    )
    assert [e["ods_code"] for e in events(text, "2013-07-16")] == ["RDD", "RXL", "RPA"]


def test_a_sentence_after_a_list_of_lines_is_not_a_member():
    text = (
        "Two hospital trusts are to be placed in special measures.\n\nThe trusts are:\n"
        "Basildon and Thurrock University Hospitals NHS Foundation Trust\n"
        "Blackpool Teaching Hospitals NHS Foundation Trust\n"
        "Medway NHS Foundation Trust welcomed the review.\n"
    )
    assert [e["ods_code"] for e in events(text, "2013-07-16")] == ["RDD", "RXL"]


def test_a_date_opening_a_clause_with_its_own_subject_dates_the_status_in_that_clause():
    text = (
        "In 2019 Medway NHS Foundation Trust was rated good overall, and in 2023 it was again rated requires "
        "improvement."
    )
    assert [(e["to"], e["date"]) for e in events(text, None)] == [("good", "2019"), ("requires improvement", "2023")]


def test_a_rating_a_body_is_said_to_hold_is_a_state():
    for text in (
        "East Midlands Ambulance Service NHS Trust is rated good.",
        "East Midlands Ambulance Service NHS Trust and Barts Health NHS Trust are rated as good.",
        "East Midlands Ambulance Service NHS Trust is also rated as requires improvement.",
    ):
        assert {e["change"] for e in events(text, "2020-09-30")} == {"state"}, text


def test_a_rating_a_body_is_now_given_is_still_a_move():
    text = "East Midlands Ambulance Service NHS Trust is now rated good."
    assert [e["change"] for e in events(text, "2020-09-30")] == ["move"]


def test_a_hospital_run_by_a_trust_of_several_hospitals_is_rated_alone():
    for text in (
        "Whipps Cross Hospital has been upgraded. The hospital, run by Barts Health NHS Trust, is now rated good.",
        "The hospital, which is run by Barts Health NHS Trust, was rated good.",
    ):
        assert events(text, "2022-04-01") == [], text


def test_a_regime_of_a_hospital_run_by_a_trust_is_the_trusts():
    text = "The hospital, run by Barts Health NHS Trust, was placed in special measures in 2015."
    assert [(e["ods_code"], e["change"]) for e in events(text, "2016-04-01")] == [("R1H", "enter")]


def test_a_rating_hoped_or_wanted_in_the_past_tense_is_an_ambition():
    for text in (
        "Medway NHS Foundation Trust said it hoped to be rated good next time.",
        "Medway NHS Foundation Trust wanted to be rated outstanding.",
    ):
        assert events(text, "2019-06-01") == [], text


def test_a_rating_in_brackets_after_a_body_is_the_rating_it_holds():
    for text in (
        "Medway NHS Foundation Trust (rated good) has a new chair.",
        "Medway NHS Foundation Trust (CQC rating: requires improvement) has a new chair.",
    ):
        assert [e["change"] for e in events(text, "2019-06-01")] == ["state"], text


# --- Session 11 --------------------------------------------------------------------------------------


def test_services_at_a_hospital_with_its_trust_in_brackets_are_the_hospitals_parts():
    for text in (
        "Six services at Lincoln County Hospital (ULHT) were rated good.",
        "Four of the core services at Pilgrim Hospital (United Lincolnshire Hospitals NHS Trust) were rated "
        "requires improvement.",
        "Services at United Lincolnshire Hospitals NHS Trust (ULHT) were rated good.",
    ):
        assert events(text, "2019-06-01") == [], text


def test_a_trust_followed_by_its_short_form_in_brackets_is_still_the_subject():
    text = "United Lincolnshire Hospitals NHS Trust (ULHT) was rated good."
    assert [(e["ods_code"], e["to"]) for e in events(text, "2019-06-01")] == [("RWD", "good")]


def test_a_rating_for_levels_or_standards_of_a_key_question_is_not_overall():
    for text in (
        "Wye Valley NHS Trust was rated good for levels of caring.",
        "Wye Valley NHS Trust was rated inadequate for its standards of safety.",
    ):
        assert events(text, "2019-06-01") == [], text


def test_beginning_to_receive_programme_support_is_an_entry():
    for text in (
        "Wye Valley NHS Trust will begin to receive intensive support from the Recovery Support Programme.",
        "Medway NHS Foundation Trust is to start receiving support through the Recovery Support Programme.",
        "Medway NHS Foundation Trust started getting help from the Recovery Support Programme last month.",
    ):
        assert [(e["framework"], e["change"]) for e in events(text, "2022-09-01")] == [("rsp", "enter")], text


def test_receiving_programme_support_now_is_a_state():
    text = "Medway NHS Foundation Trust is receiving support from the Recovery Support Programme."
    assert [e["change"] for e in events(text, "2022-09-01")] == ["state"]


def test_a_second_infinitive_shares_the_recommendations_modality():
    text = (
        "NHS England has recommended placing the two trusts into NHS Oversight Framework (NOF) Segment 4 and for "
        "those organisations to begin to receive intensive support from the National Recovery Support Programme "
        "(RSP). The trusts are:\n- Medway NHS Foundation Trust\n- Wye Valley NHS Trust"
    )
    found = {(e["ods_code"], e["framework"], e["modality"]) for e in events(text, "2025-02-06")}
    assert found == {(code, fw, "proposed") for code in ("RPA", "RLQ") for fw in ("nof", "rsp")}


def test_a_second_clause_with_its_own_verb_keeps_its_own_modality():
    text = (
        "NHS England placed Medway NHS Foundation Trust in segment 4 and it will begin to receive support "
        "from the Recovery Support Programme."
    )
    assert {e["modality"] for e in events(text, "2025-02-06")} == {"actual"}


def test_a_rating_at_the_last_inspection_opening_the_sentence_is_history():
    for text in (
        "At our last inspection we rated Medway NHS Foundation Trust good.",
        "At the previous inspection, Medway NHS Foundation Trust was rated as requires improvement.",
    ):
        assert events(text, "2022-09-01") == [], text


def test_a_rating_at_a_dated_last_inspection_is_an_event_of_that_date():
    text = "At our last inspection in 2019 we rated Medway NHS Foundation Trust good."
    assert [(e["to"], e["date"]) for e in events(text, "2022-09-01")] == [("good", "2019")]


def test_a_rating_at_the_previous_inspection_is_where_the_new_one_moved_from():
    for text in (
        "Medway NHS Foundation Trust was rated inadequate at its previous inspection and is now rated good.",
        "Medway NHS Foundation Trust has been rated good, up from requires improvement at its last inspection.",
    ):
        found = [(e["change"], e["to"]) for e in events(text, "2022-09-01")]
        assert found == [("move", "good")], text


def test_a_rating_needed_or_approached_is_no_rating():
    for text in (
        "Medway NHS Foundation Trust needs a good or outstanding rating to attract staff.",
        "We need a 'good' or 'outstanding' rating, said the chief executive of Medway NHS Foundation Trust.",
        "The board discussed what is required for Medway NHS Foundation Trust to achieve a good rating.",
        "Medway NHS Foundation Trust is moving confidently towards an outstanding rating.",
        "Medway NHS Foundation Trust needed just one more inspection to be rated good.",
    ):
        assert events(text, "2019-06-01") == [], text


def test_a_rating_the_aim_is_for_is_no_rating():
    text = "The aim is for Medway NHS Foundation Trust to be rated outstanding by 2025."
    assert events(text, "2019-06-01") == []


def test_a_need_told_in_a_relative_clause_leaves_the_rating():
    text = "Medway NHS Foundation Trust, which needed a loan last year, has been rated good."
    assert [e["to"] for e in events(text, "2019-06-01")] == ["good"]


def test_in_and_out_of_a_regime_is_no_change():
    for text in (
        "Medway NHS Foundation Trust has been in and out of special measures for years.",
        "Medway NHS Foundation Trust went in and out of special measures twice.",
    ):
        assert events(text, "2019-06-01") == [], text


def test_a_rating_people_should_be_proud_of_is_no_recommendation():
    text = (
        "Chief executive of Medway NHS Foundation Trust, Jane Smith, said the trust should be proud of its new "
        "good rating."
    )
    assert {e["modality"] for e in events(text, "2023-06-01")} == {"actual"}


def test_should_be_before_a_change_still_recommends_it():
    text = "Medway NHS Foundation Trust should be taken out of special measures, the chief inspector said."
    assert [e["modality"] for e in events(text, "2019-06-01")] == ["proposed"]


def test_a_regime_a_person_arrived_after_is_history():
    for text in (
        "Jane Smith, who was appointed after Medway NHS Foundation Trust was placed in special measures, has resigned.",
        "John Brown, who joined after Medway NHS Foundation Trust was put into special measures, is leaving.",
    ):
        assert events(text, "2019-10-01") == [], text


def test_a_regime_a_person_arrived_after_keeps_its_own_date():
    text = (
        "Jane Smith, who joined after Medway NHS Foundation Trust was placed in special measures in 2014, has resigned."
    )
    assert [(e["change"], e["date"]) for e in events(text, "2019-10-01")] == [("enter", "2014")]


def test_an_elapsed_time_after_a_dated_change_counts_back_from_that_date():
    for text in (
        "Medway NHS Foundation Trust came out of special measures in March 2017, four years after it entered the "
        "regime.",
        "In 2017, four years after it was placed in special measures, Medway NHS Foundation Trust left.",
    ):
        entries = [e["date"] for e in events(text, "2024-10-01") if e["change"] == "enter"]
        assert entries == ["2013"], text


def test_an_elapsed_time_alone_counts_back_from_publication():
    text = "Four years after it entered special measures, Medway NHS Foundation Trust has left."
    assert [e["date"] for e in events(text, "2024-10-01") if e["change"] == "enter"] == ["2020"]


def test_a_since_date_after_a_regime_dates_only_the_regime():
    text = "Medway NHS Foundation Trust, in special measures since summer 2016, was rated good in its latest report."
    found = {(e["framework"], e["date"]) for e in events(text, "2019-06-15")}
    assert found == {("special_measures", "2016"), ("cqc_rating", "2019-06-15")}


def test_a_since_date_after_a_regime_is_the_regimes_even_when_nearer_the_next_term():
    text = "Medway NHS Foundation Trust has been in special measures since 2016 and was rated inadequate."
    entries = [(e["change"], e["date"]) for e in events(text, "2019-06-15") if e["framework"] == "special_measures"]
    assert entries == [("enter", "2016")]


def test_a_bound_of_the_frameworks_rules_is_no_segment():
    for text in (
        "No trust in deficit can be placed above segment 3, so Medway NHS Foundation Trust is capped.",
        "Medway NHS Foundation Trust cannot be placed higher than segment 3 while it is in deficit.",
        "No organisation will be rated good while waiting lists grow, said Medway NHS Foundation Trust.",
    ):
        assert events(text, "2025-09-15") == [], text


def test_a_segment_told_beside_another_body_is_still_the_subjects():
    text = "Medway NHS Foundation Trust was placed in segment 3, above Dartford and Gravesham NHS Trust."
    assert [(e["ods_code"], e["to"]) for e in events(text, "2025-09-15")] == [("RPA", 3)]


def test_a_segment_scored_for_one_domain_is_not_the_trusts():
    for text in (
        "Medway NHS Foundation Trust scored in segment 2 for its finances.",
        "Medway NHS Foundation Trust was in segment 4 on access to services.",
    ):
        assert events(text, "2025-09-15") == [], text


def test_the_field_of_a_ranking_is_not_a_counted_subject():
    for text in (
        "We sit firmly mid-table - 57th out of 134 acute trusts, and in segment 3.",
        "We were ranked 40th of 134 trusts and placed in segment 3.",
    ):
        found = events(text, "2025-09-12", url="https://www.bhrhospitals.nhs.uk/news/league-tables")
        assert [(e["ods_code"], e["to"]) for e in found] == [("RF4", 3)], text


def test_a_counted_group_is_still_no_subject():
    text = "Twenty acute trusts were placed in segment 4 this year."
    assert events(text, "2025-09-12", url="https://www.bhrhospitals.nhs.uk/news/league-tables") == []


def test_a_status_in_a_clause_of_what_must_come_first_is_no_change():
    for text in (
        "Peter Herring said there was more to be done before Sherwood Forest Hospitals NHS Foundation Trust could "
        "be rated outstanding.",
        "There is work to do before Sherwood Forest Hospitals NHS Foundation Trust can be rated good.",
        "Sherwood Forest Hospitals NHS Foundation Trust has a long way to go before it is rated outstanding.",
        "Sherwood Forest Hospitals NHS Foundation Trust must improve further until it can leave special measures.",
    ):
        assert events(text, "2017-06-15") == [], text


def test_a_past_until_clause_still_tells_its_change():
    text = (
        "Sherwood Forest Hospitals NHS Foundation Trust remained in special measures until it was rated good in 2016."
    )
    assert ("cqc_rating", "good", "2016") in {(e["framework"], e["to"], e["date"]) for e in events(text, "2017-06-15")}


def test_an_undated_story_saying_special_measures_is_now_the_rsp_tells_of_the_programme():
    text = (
        "United Lincolnshire Hospitals NHS Trust says it has been taken out of special measures. Louth hospital "
        "was rated good in 2018. Improvements were enough for it to come out of what is now called the national "
        "'Recovery Support Programme' yesterday."
    )
    assert [(e["framework"], e["change"]) for e in events(text, None)] == [("rsp", "exit")]


def test_an_undated_story_with_an_older_year_and_no_renaming_keeps_special_measures():
    text = (
        "United Lincolnshire Hospitals NHS Trust has been taken out of special measures. Louth hospital was rated "
        "good in 2018. The trust thanked the Recovery Support Programme team."
    )
    assert {e["framework"] for e in events(text, None) if e["change"] == "exit"} == {"special_measures"}


def test_the_press_variant_north_lincolnshire_and_goole_names_the_trust():
    text = "North Lincolnshire and Goole FT has been placed in special measures."
    assert [e["ods_code"] for e in events(text, "2017-06-15")] == ["RJL"]


def test_the_services_provided_by_a_trust_rated_together_are_its_rating():
    for text in (
        "The services provided by Sherwood Forest Hospitals NHS Foundation Trust have been rated as good.",
        "The care provided by Sherwood Forest Hospitals NHS Foundation Trust has been rated outstanding.",
    ):
        assert [e["ods_code"] for e in events(text, "2018-08-15")] == ["RK5"], text


def test_some_or_named_services_provided_by_a_trust_are_still_parts():
    for text in (
        "Maternity services provided by Sherwood Forest Hospitals NHS Foundation Trust have been rated inadequate.",
        "Some of the services provided by Sherwood Forest Hospitals NHS Foundation Trust were rated good.",
    ):
        assert events(text, "2018-08-15") == [], text


def test_a_dated_earlier_rating_in_the_next_sentence_is_the_from_and_its_own_event():
    text = (
        "Sherwood Forest Hospitals NHS Foundation Trust has been rated as good. The trust was previously rated as "
        "requires improvement following an inspection in July 2016."
    )
    found = {(e.get("from"), e["to"], e["date"]) for e in events(text, "2018-08-15")}
    assert found == {("requires improvement", "good", "2018-08-15"), (None, "requires improvement", "2016-07")}


def test_an_undated_earlier_rating_in_the_next_sentence_is_only_the_from():
    text = (
        "Sherwood Forest Hospitals NHS Foundation Trust has been rated as good. The trust was previously rated as "
        "requires improvement."
    )
    assert [(e["from"], e["to"]) for e in events(text, "2018-08-15")] == [("requires improvement", "good")]


def test_a_date_in_a_relative_clause_after_the_body_does_not_date_another_frameworks_status():
    text = (
        "The most recent requires improvement rating was given to Northern Lincolnshire and Goole NHS Foundation "
        "Trust, which the CQC said was failing to maintain improvements after being taken out of special measures "
        "in 2014."
    )
    found = {(e["framework"], e["date"]) for e in events(text, "2016-04-18")}
    assert found == {("cqc_rating", "2016-04-18"), ("special_measures", "2014")}


def test_a_lede_descriptor_with_a_closed_relative_clause_is_the_story_s_trust():
    text = (
        "An NHS trust that was warned over its high mortality rates has been taken out of special measures.\n"
        "Sherwood Forest Hospitals NHS Foundation Trust was ordered to improve in 2013."
    )
    assert [(e["ods_code"], e["change"]) for e in events(text, "2016-06-01")] == [("RK5", "exit")]


def test_a_status_inside_a_relative_clause_after_a_thing_is_still_nobodys():
    text = (
        "The chief executive of Sherwood Forest Hospitals NHS Foundation Trust joined the county's health system, "
        "which is in segment 4."
    )
    assert events(text, "2022-06-01") == []


def test_a_count_in_a_clause_before_the_pronouns_own_does_not_stop_it():
    text = (
        "Despite 10 out of our 14 services being rated as good, we have been given an overall trust rating of "
        "requires improvement."
    )
    found = events(text, None, url="https://oxleas.nhs.uk/about-us/care-quality-commission-cqc/")
    assert [(e["ods_code"], e["to"]) for e in found] == [("RPG", "requires improvement")]


def test_a_count_in_the_pronouns_own_clause_still_stops_it():
    text = "Three trusts in the region, including us, have been placed in special measures."
    assert events(text, None, url="https://oxleas.nhs.uk/news/") == []


def test_the_same_rating_of_a_value_is_a_rating_kept():
    for text in (
        "The report gave United Lincolnshire Hospitals NHS Trust the same overall rating of 'requires improvement'.",
        "United Lincolnshire Hospitals NHS Trust was given its same CQC rating of good.",
    ):
        assert [e["change"] for e in events(text, "2019-06-01")] == ["remain"], text


def test_an_elapsed_time_before_a_gerund_or_a_short_clause_dates_that_status():
    for text, framework in (
        (
            "South East Coast Ambulance Service NHS Foundation Trust has been rated good by the CQC, two years after "
            "leaving special measures.",
            "special_measures",
        ),
        (
            "Two years after inspectors rated it inadequate, South East Coast Ambulance Service NHS Foundation Trust "
            "has left special measures.",
            "cqc_rating",
        ),
    ):
        found = {(e["framework"], e["date"]) for e in events(text, "2018-06-01")}
        assert (framework, "2016") in found, text


def test_a_date_a_first_or_best_since_bounds_does_not_date_the_change():
    for text in (
        "It is the first time since 2013 that Medway NHS Foundation Trust has been rated good.",
        "Medway NHS Foundation Trust has been rated good, its best result since 2013.",
    ):
        assert [e["date"] for e in events(text, "2019-06-01")] == ["2019-06-01"], text


def test_a_list_introduction_naming_another_change_closes_the_open_list():
    text = (
        "The following trusts will remain in special measures:\n- Medway NHS Foundation Trust\n"
        "- Dartford and Gravesham NHS Trust\n\nThe following trusts will leave:\n"
        "- East Kent Hospitals University NHS Foundation Trust"
    )
    found = {(e["ods_code"], e["change"]) for e in events(text, "2018-06-01")}
    assert found == {("RPA", "remain"), ("RN7", "remain")}


def test_a_list_introduction_without_a_change_still_reopens_the_list():
    text = (
        "Two organisations will be placed in segment 4. The organisations affected are:\n"
        "- Medway NHS Foundation Trust\n- Dartford and Gravesham NHS Trust"
    )
    assert {(e["ods_code"], e["change"]) for e in events(text, "2022-06-01")} == {("RPA", "enter"), ("RN7", "enter")}


# --- Session 12 --------------------------------------------------------------------------------------


def test_a_rating_a_plan_waits_for_is_a_condition_not_an_event():
    for text in (
        "We can continue our application once we are re-inspected and receive a 'good' or 'outstanding' rating.",
        "Our foundation trust bid can go ahead when Barts Health NHS Trust is rated good by the CQC.",
        "Barts Health NHS Trust hopes to apply for foundation status once it achieves a rating of good.",
        "The chief executive will retire when Medway NHS Foundation Trust leaves special measures.",
        "As soon as Medway NHS Foundation Trust exits special measures, the merger can go ahead.",
    ):
        assert events(text, "2019-06-01") == [], text


def test_a_past_when_clause_still_gives_its_event():
    text = "Barts Health NHS Trust was rated inadequate in 2015, when it was placed in special measures."
    assert {(e["framework"], e["date"]) for e in events(text, "2019-06-01")} == {
        ("cqc_rating", "2015"),
        ("special_measures", "2015"),
    }


def test_once_again_is_no_condition():
    text = "Medway NHS Foundation Trust has once again been rated good."
    assert [e["change"] for e in events(text, "2019-06-01")] == ["remain"]


def test_a_special_measures_regime_as_a_kind_of_thing_is_nobodys_status():
    for text in (
        "Wye Valley NHS Trust has left special measures. What is different now is that we have a special "
        "measures regime.",
        "Wye Valley NHS Trust has left special measures. The minister said a tough special measures regime "
        "was what hospitals needed.",
        "Wye Valley NHS Trust has left special measures. It was the first test of a new special measures process.",
    ):
        assert [e["change"] for e in events(text, "2019-06-01")] == ["exit"], text


def test_who_is_left_holding_a_status_is_a_state():
    for text, framework in (
        (
            "It leaves only a single trust, the Royal Cornwall Hospitals NHS Trust, now rated inadequate overall.",
            "cqc_rating",
        ),
        (
            "That leaves just two trusts, Medway NHS Foundation Trust and Barts Health NHS Trust, in special measures.",
            "special_measures",
        ),
        ("Leaving only Medway NHS Foundation Trust now in special measures in the region.", "special_measures"),
    ):
        assert {(e["framework"], e["change"]) for e in events(text, "2019-06-01")} == {(framework, "state")}, text


def test_the_rating_named_by_its_value_refers_back_to_a_parts_rating():
    for text in (
        "Maternity services at Medway NHS Foundation Trust were rated inadequate. The trust said the inadequate "
        "rating was disappointing.",
        "Inspectors rated the leadership of Medway NHS Foundation Trust as inadequate. They visited the trust in "
        "May and announced the inadequate rating in a report today.",
        "The emergency department at Medway NHS Foundation Trust was rated requires improvement. Staff were "
        "upset. The trust will appeal against this 'requires improvement' rating.",
    ):
        assert events(text, "2019-06-01") == [], text


def test_a_rating_of_the_whole_after_a_parts_rating_of_another_value_stands():
    text = (
        "Maternity services at Medway NHS Foundation Trust were rated inadequate. The trust itself was rated "
        "requires improvement, and the requires improvement rating is an upgrade."
    )
    assert [e["to"] for e in events(text, "2019-06-01")] == ["requires improvement"]


def test_a_part_rating_long_ago_in_the_story_is_no_longer_referred_to():
    text = (
        "Maternity services at Medway NHS Foundation Trust were rated inadequate. Staff were upset. Managers met. "
        "Unions spoke. The trust said the inadequate rating of Medway NHS Foundation Trust would be challenged."
    )
    assert [e["to"] for e in events(text, "2019-06-01")] == ["inadequate"]


def test_a_key_question_rated_as_an_object_is_no_overall_rating_however_long_the_name():
    for text in (
        "Inspectors rated the leadership of Mid and South Essex NHS Foundation Trust as inadequate.",
        "The CQC rated the safety of services at Mid and South Essex NHS Foundation Trust as requires improvement.",
        "The watchdog has rated leadership across Mid and South Essex NHS Foundation Trust as good.",
    ):
        assert events(text, "2019-06-01") == [], text


def test_members_of_a_group_said_to_have_entered_made_the_change():
    for text, framework in (
        (
            "The most troubled systems are now placed in a first 'tier' for urgent and emergency care. The "
            "seven first tier systems are: Devon; Kent and Medway; and Norfolk and Waveney.",
            "uec_tier",
        ),
        (
            "A further two ambulance trusts have been placed in the secondary tier for urgent and emergency care. "
            "The second tier trusts are East Midlands Ambulance Service NHS Trust and East of England Ambulance "
            "Service NHS Trust.",
            "uec_tier",
        ),
        (
            "Two trusts have entered the Recovery Support Programme. The trusts in the programme are Medway NHS "
            "Foundation Trust and Barts Health NHS Trust.",
            "rsp",
        ),
    ):
        found = {(e["framework"], e["change"]) for e in events(text, "2023-06-01")}
        assert found == {(framework, "enter")}, text


def test_members_named_without_a_group_change_before_hold_a_state():
    for text in (
        "The first tier systems for urgent and emergency care are Devon and Kent and Medway.",
        "Two trusts left the Recovery Support Programme. The trusts in the programme are Medway NHS Foundation "
        "Trust and Barts Health NHS Trust.",
    ):
        assert {e["change"] for e in events(text, "2023-06-01")} == {"state"}, text


def test_a_when_clause_right_after_a_date_happened_then():
    for text, year in (
        (
            "Medway NHS Foundation Trust had been rated inadequate since 2018, when it was put into special "
            "measures, and remained in the regime after an inspection in 2020.",
            "2018",
        ),
        (
            "Medway NHS Foundation Trust was rated inadequate in 2016, when it entered special measures, and "
            "stayed there after a visit in 2019.",
            "2016",
        ),
        ("In 2015, when Medway NHS Foundation Trust was placed in special measures, staff left.", "2015"),
    ):
        found = events(text, "2021-06-01")
        assert {e["date"] for e in found if e["framework"] == "special_measures" and e["change"] == "enter"} == {
            year
        }, text


def test_a_date_after_the_when_clause_still_dates_its_own_status():
    text = "Medway NHS Foundation Trust left special measures when inspectors returned in 2019."
    assert [e["date"] for e in events(text, "2021-06-01")] == ["2019"]


def test_a_description_naming_a_group_it_belongs_to_still_refers_to_the_story_body():
    for text in (
        "A Kent hospital trust long viewed as among the NHS' most challenged trusts is to leave special measures. "
        "Medway NHS Foundation Trust said staff had worked hard.",
        "A Kent hospital trust regarded as one of the worst trusts in England has been placed in special "
        "measures. Medway NHS Foundation Trust said it would improve.",
    ):
        assert {e["ods_code"] for e in events(text, "2016-06-01")} == {"RPA"}, text


def test_a_count_before_the_status_still_has_no_single_subject():
    text = (
        "Medway NHS Foundation Trust has a new chief executive. Two of the most challenged trusts have been "
        "placed in special measures."
    )
    assert events(text, "2016-06-01") == []


def test_a_member_of_a_group_placed_in_a_dated_year_entered_then():
    text = (
        "Medway NHS Foundation Trust has a new chief executive. It was among the 11 trusts placed in special "
        "measures in 2013."
    )
    assert [(e["change"], e["date"]) for e in events(text, "2016-06-01")] == [("enter", "2013")]


def test_a_transfer_from_special_measures_to_its_successor_is_no_exit():
    for text in (
        "United Lincolnshire Hospitals NHS Trust moved from special measures into segment 4 of the System "
        "Oversight Framework in July 2021.",
        "In July 2021 Medway NHS Foundation Trust was transferred from special measures to the Recovery Support "
        "Programme.",
        "Medway NHS Foundation Trust moved from the special measures regime straight into segment 4 in 2021.",
    ):
        assert {e["change"] for e in events(text, "2022-03-16")} == {"enter"}, text


def test_leaving_special_measures_for_a_lower_segment_is_still_an_exit():
    text = "Medway NHS Foundation Trust moved from special measures to segment 3 in 2021."
    assert "exit" in {e["change"] for e in events(text, "2022-03-16")}, text


def test_a_change_still_to_come_or_not_made_by_any_is_no_event():
    for text in (
        "Medway NHS Foundation Trust has yet to leave special measures.",
        "Barts Health NHS Trust is still to come out of special measures.",
        "Three trusts went into special measures in 2014, none of which has yet left special measures.",
        "None of the trusts, including Medway NHS Foundation Trust, has been rated outstanding.",
        "There is no prospect of Medway NHS Foundation Trust exiting special measures this year.",
        "Barts Health NHS Trust has little chance of being rated good at the next inspection.",
    ):
        assert events(text, "2016-03-01") == [], text


def test_a_change_whose_hopes_or_plans_were_dashed_is_no_event():
    for text in (
        "Medway NHS Foundation Trust's hopes of leaving special measures were dashed after inspectors returned.",
        "Plans to take Medway NHS Foundation Trust out of special measures have been shelved.",
        "Medway NHS Foundation Trust's bid to exit special measures was thwarted by a poor report.",
    ):
        assert events(text, "2016-03-01") == [], text


def test_a_status_followed_by_another_clause_with_a_refusal_stands():
    text = "Medway NHS Foundation Trust was placed in special measures and its bid for new funding was rejected."
    assert [e["change"] for e in events(text, "2016-03-01")] == ["enter"]


def test_what_a_status_means_for_the_body_is_no_definition():
    text = "Medway NHS Foundation Trust is in segment 3, meaning it receives targeted support."
    assert [(e["framework"], e["to"]) for e in events(text, "2025-09-10")] == [("nof", 3)]


def test_what_a_status_means_in_general_is_still_a_definition():
    for text in (
        "Segment 3, meaning targeted support, applies to 40 trusts.",
        "Trusts are placed in segment 4, meaning they need intensive support.",
    ):
        assert events(text, "2025-09-10") == [], text


def test_out_of_a_regime_since_a_date_left_it_then():
    for text, date in (
        ("Medway NHS Foundation Trust has been out of special measures since 2017.", "2017"),
        ("Medway NHS Foundation Trust has been free of special measures since March 2017.", "2017-03"),
        ("Barts Health NHS Trust has remained out of special measures since 2019.", "2019"),
    ):
        assert [(e["framework"], e["change"], e["date"]) for e in events(text, "2025-09-10")] == [
            ("special_measures", "exit", date)
        ], text


def test_a_date_in_a_relative_clause_with_its_own_change_is_not_the_status_date():
    text = "Barts Health NHS Trust remains in the Recovery Support Programme, which it entered in 2022."
    found = [(e["change"], e["date"]) for e in events(text, "2025-09-10")]
    assert found == [("remain", "2025-09-10"), ("enter", "2022")]


def test_a_rating_in_a_parenthetical_before_a_present_main_verb_describes_the_body():
    for text in (
        "Medway NHS Foundation Trust, rated outstanding, runs three hospitals.",
        "Barts Health NHS Trust, rated requires improvement, serves 2.5 million people.",
    ):
        assert events(text, "2022-05-10") == [], text
    dated = "Medway NHS Foundation Trust, rated outstanding in 2019, employs 4,000 staff."
    assert [e["date"] for e in events(dated, "2022-05-10")] == ["2019"]


def test_every_body_placed_as_an_object_enters():
    for text in (
        "Health chiefs have placed Medway NHS Foundation Trust and Barts Health NHS Trust in special measures.",
        "Regulators put Medway NHS Foundation Trust, and Barts Health NHS Trust into special measures in 2015.",
    ):
        found = {(e["ods_code"], e["change"]) for e in events(text, "2015-05-10")}
        assert found == {("RPA", "enter"), ("R1H", "enter")}, text


def test_who_joins_a_body_in_a_regime_enters_it_and_the_body_joined_does_not():
    for text in (
        "Medway NHS Foundation Trust joins Barts Health NHS Trust in special measures.",
        "Medway NHS Foundation Trust has joined Barts Health NHS Trust in special measures.",
        "Barts Health NHS Trust, which is already in special measures, will be joined by Medway NHS Foundation Trust.",
    ):
        assert [(e["ods_code"], e["change"]) for e in events(text, "2015-05-10")] == [("RPA", "enter")], text


def test_a_main_verb_after_a_relative_clause_holding_the_regime_is_its_exit():
    for text in (
        "Medway NHS Foundation Trust, which entered special measures three years ago, has now left.",
        "Medway NHS Foundation Trust, which was placed in special measures in 2014, has been taken out after an "
        "inspection.",
        "Barts Health NHS Trust, in special measures since 2015, has finally exited.",
    ):
        changes = {e["change"] for e in events(text, "2016-06-15") if e["framework"] == "special_measures"}
        assert "exit" in changes, text


def test_a_main_verb_after_a_relative_clause_that_names_what_was_left_is_no_exit():
    for text in (
        "Medway NHS Foundation Trust, which is in special measures, has left its chief executive in post.",
        "Medway NHS Foundation Trust, in special measures since 2014, has come out on top in a staff survey.",
    ):
        assert "exit" not in {e["change"] for e in events(text, "2016-06-15")}, text


def test_a_hospital_named_with_a_dated_change_is_the_trust_that_ran_it_then():
    for text in (
        "Hinchingbrooke Hospital was placed in special measures in 2015.",
        "In January 2015 Hinchingbrooke Hospital, then run by Circle, went into special measures.",
    ):
        assert [e["ods_code"] for e in events(text, "2017-06-15")] == ["RQQ"], text


def test_a_hospital_named_with_an_undated_change_after_its_trust_closed_is_the_successors():
    text = "Hinchingbrooke Hospital was placed in special measures."
    assert [e["ods_code"] for e in events(text, "2017-06-15")] == ["RGN"]


def test_a_status_that_would_hold_were_things_otherwise_is_a_counterfactual():
    for text in (
        "Medway NHS Foundation Trust would be in segment 3 if its finances were excluded.",
        "Medway NHS Foundation Trust would be rated good were it not for its finances.",
        "Barts Health NHS Trust would sit in segment 2 unless its deficit had grown.",
    ):
        assert events(text, "2025-09-10") == [], text


def test_a_change_with_an_open_condition_is_hypothetical():
    text = "Medway NHS Foundation Trust could exit special measures by the end of the year if targets are met."
    assert [e["modality"] for e in events(text, "2025-09-10")] == ["hypothetical"]


def test_a_past_change_before_a_concession_or_another_clauses_condition_stays_actual():
    for text in (
        "Medway NHS Foundation Trust was placed in special measures even if it had improved.",
        "Medway NHS Foundation Trust was placed in special measures, and if the board had acted sooner it could "
        "have avoided it.",
    ):
        assert [e["modality"] for e in events(text, "2025-09-10")] == ["actual"], text


def test_a_headline_naming_its_body_by_a_bare_description_is_the_storys_body():
    for text, change in (
        (
            "Ambulance service taken out of special measures\n\nSouth East Coast Ambulance Service NHS Foundation "
            "Trust has been rated good by the CQC.",
            "exit",
        ),
        (
            "Norfolk mental health trust back in special measures\n\nNorfolk and Suffolk NHS Foundation Trust has "
            "been rated inadequate for a second time.",
            "enter",
        ),
        (
            "Trust remains in special measures despite improvements\n\nMedway NHS Foundation Trust has been rated "
            "requires improvement.",
            "remain",
        ),
    ):
        found = {e["change"] for e in events(text, "2018-06-15") if e["framework"] == "special_measures"}
        assert found == {change}, text


def test_a_headline_whose_description_is_not_the_subject_of_the_status_gives_no_event():
    for text in (
        "Hospital Trusts in Special Measures\n\nMedway NHS Foundation Trust has a new chief executive.",
        "Trust bosses celebrate special measures exit at neighbour\n\nMedway NHS Foundation Trust staff met.",
        "CQC downgrades local NHS trust but care remains 'outstanding'\n\nMedway NHS Foundation Trust spoke.",
    ):
        assert events(text, "2018-06-15") == [], text


def test_a_question_whether_a_status_holds_is_no_event():
    for text in (
        "Medway NHS Foundation Trust questioned whether it should remain in special measures.",
        "Asked if Medway NHS Foundation Trust would leave special measures this year, the chair said it was too "
        "early to say.",
        "NHS England will decide whether Medway NHS Foundation Trust leaves special measures.",
        "It is unclear whether Barts Health NHS Trust will be rated good.",
    ):
        assert events(text, "2018-06-15") == [], text


def test_heading_back_into_a_regime_is_approaching_it():
    for text in (
        "Unions warned that Medway NHS Foundation Trust was heading back into special measures.",
        "Medway NHS Foundation Trust heads back towards special measures, staff fear.",
    ):
        assert events(text, "2018-06-15") == [], text


def test_a_rating_set_beside_anothers_is_not_the_subjects():
    for text in (
        "Medway NHS Foundation Trust was rated good, compared with requires improvement for Barts Health NHS Trust.",
        "Medway NHS Foundation Trust was rated good, compared to inadequate last time.",
    ):
        assert [e["to"] for e in events(text, "2019-06-15")] == ["good"], text


def test_a_care_home_or_practice_subject_inside_a_sentence_is_not_the_trusts_status():
    for text in (
        "Medway NHS Foundation Trust said the care home was placed in special measures.",
        "Barts Health NHS Trust confirmed that one GP practice it supports has been rated inadequate.",
        "Medway NHS Foundation Trust staff said the local council was rated inadequate last year.",
    ):
        assert events(text, "2019-06-15") == [], text


def test_a_status_in_a_fronted_subordinate_clause_is_dated_only_inside_it():
    for text, expected in (
        ("Before Medway NHS Foundation Trust was placed in special measures, it had been rated good.", set()),
        ("After leaving special measures, Medway NHS Foundation Trust was rated good in 2019.", {"cqc_rating"}),
        (
            "After leaving special measures in 2017, Medway NHS Foundation Trust was rated good in 2019.",
            {"cqc_rating", "special_measures"},
        ),
    ):
        dated = {e["framework"] for e in events(text, "2019-06-15") if e["date"]}
        assert dated == expected, text


def test_a_fronted_phrase_without_a_closing_comma_is_no_subordinate_clause():
    text = "After years of decline Medway NHS Foundation Trust was placed in special measures."
    assert [(e["change"], e["date"]) for e in events(text, "2019-06-15")] == [("enter", "2019-06-15")]


def test_a_rating_held_on_to_or_given_again_is_kept():
    for text in (
        "Medway NHS Foundation Trust has held on to its good rating.",
        "Barts Health NHS Trust has been rated requires improvement again.",
        "Medway NHS Foundation Trust hung on to its outstanding rating after a tough inspection.",
    ):
        assert [e["change"] for e in events(text, "2017-06-15")] == ["remain"], text


def test_a_rating_again_after_a_while_does_not_say_what_came_between():
    text = "Medway NHS Foundation Trust was rated inadequate again after two years."
    assert [e["change"] for e in events(text, "2017-06-15")] == ["move"]


def test_leaving_it_after_entering_a_regime_is_its_exit_each_with_its_own_date():
    for text, dates in (
        (
            "Medway NHS Foundation Trust was placed into the Recovery Support Programme (RSP) in 2022 and exited "
            "it in 2024.",
            {("enter", "2022"), ("exit", "2024")},
        ),
        (
            "Medway NHS Foundation Trust was placed in special measures in 2014 and left it two years later.",
            {("enter", "2014"), ("exit", "2016")},
        ),
    ):
        assert {(e["change"], e["date"]) for e in events(text, "2024-06-15")} == dates, text


def test_leaving_it_to_someone_is_no_exit():
    for text in (
        "Medway NHS Foundation Trust was placed in special measures in 2014 and left it to the board to respond.",
        "Medway NHS Foundation Trust was placed in special measures in 2014 and left it in the hands of a new "
        "chief executive.",
    ):
        assert [e["change"] for e in events(text, "2024-06-15")] == ["enter"], text


def test_a_rating_gone_down_or_come_back_to_a_value_moved_there():
    for text in (
        "The overall rating for Medway NHS Foundation Trust has gone down to requires improvement.",
        "Barts Health NHS Trust's overall rating has come back up to good.",
        "Medway NHS Foundation Trust has slid to inadequate after a poor inspection.",
    ):
        assert [e["change"] for e in events(text, "2019-06-15")] == ["move"], text


def test_an_earlier_status_after_another_frameworks_rating_keeps_its_own_cues():
    for text in (
        "Medway NHS Foundation Trust, now rated good, was in special measures until 2017.",
        "Barts Health NHS Trust, rated requires improvement, was in special measures until 2017.",
    ):
        found = {(e["framework"], e["change"], e["date"]) for e in events(text, "2019-06-15")}
        assert ("special_measures", "exit", "2017") in found, text


def test_a_lede_description_is_not_a_body_named_only_late_in_the_story():
    text = (
        "An ambulance service has been placed into special measures after being rated inadequate.\n\n"
        "Coastline Private Ambulance Service provides ambulances for hospitals in the south of England.\n\n"
        "Inspectors found medicines were not stored safely.\n\nStaff had not been trained.\n\n"
        "Managers said they would improve.\n\n"
        "South Central Ambulance Service NHS Foundation Trust said it had stopped using the company."
    )
    assert events(text, "2019-06-15") == []


def test_a_lede_description_of_a_body_named_next_is_that_body():
    text = (
        "An ambulance service has been placed into special measures.\n\n"
        "South Central Ambulance Service NHS Foundation Trust said it would improve."
    )
    assert [e["ods_code"] for e in events(text, "2019-06-15")] == ["RYE"]


def test_a_hospitals_rating_in_a_lede_description_is_the_locations():
    for text in (
        "A hospital in Bath has been downgraded from good to requires improvement by the health watchdog.\n\n"
        "Inspectors visited the Royal United Hospitals Bath NHS Foundation Trust's medical wards in July.",
        "A Somerset hospital has been rated inadequate.\n\nYeovil District Hospital NHS Foundation Trust spoke.",
    ):
        assert events(text, "2023-10-18") == [], text


def test_a_rating_for_quality_of_care_or_the_only_area_is_a_parts():
    for text in (
        "Medway NHS Foundation Trust has been rated outstanding by the health watchdog for its quality of care.",
        "Medway NHS Foundation Trust was failing on most measures. The only area the CQC said the trust was not "
        "failing was care given to patients, rating it good.",
    ):
        assert events(text, "2019-01-08") == [], text


# --- Session 13 --------------------------------------------------------------------------------------
def test_they_after_a_list_of_places_is_every_body_in_the_list():
    for text, codes in (
        (
            "While there has been progress at Medway NHS Foundation Trust, Barts Health NHS Trust and Royal "
            "Cornwall Hospitals NHS Trust, the chief inspector has recommended they remain in special measures.",
            {"RPA", "R1H", "REF"},
        ),
        (
            "Despite improvements at Medway NHS Foundation Trust and Barts Health NHS Trust, they were placed in "
            "special measures last week.",
            {"RPA", "R1H"},
        ),
        (
            "After visits to Medway NHS Foundation Trust, Barts Health NHS Trust and Royal Cornwall Hospitals NHS "
            "Trust, inspectors said they should stay in special measures.",
            {"RPA", "R1H", "REF"},
        ),
    ):
        assert {e["ods_code"] for e in events(text, "2017-06-01")} == codes, text


def test_they_as_the_agent_or_not_the_status_subject_gives_nobody():
    for text in (
        "Inspectors visited Medway NHS Foundation Trust and Barts Health NHS Trust, and they rated the wards good.",
        "Staff at Medway NHS Foundation Trust and Barts Health NHS Trust said they feared special measures.",
    ):
        assert events(text, "2017-06-01") == [], text


def test_a_place_qualifying_a_listed_name_does_not_make_the_rest_of_the_list_places():
    text = (
        "Four trusts are in segment 4. They are Barts Health NHS Trust in north east London, Medway NHS "
        "Foundation Trust and East Kent Hospitals University NHS Foundation Trust in Kent, and Royal Cornwall "
        "Hospitals NHS Trust."
    )
    assert {"RPA", "RVV", "REF"} <= {e["ods_code"] for e in events(text, "2024-06-01")}


def test_the_whole_trust_rated_with_its_hospitals_is_the_trusts_rating():
    for text in (
        "Buckinghamshire Healthcare NHS Trust was inspected in May.\n\nAll three hospitals and the trust as a whole "
        "were awarded an overall rating of requires improvement.",
        "Buckinghamshire Healthcare NHS Trust was inspected in May.\n\nThe trust and its two hospitals were all "
        "rated good.",
        "Buckinghamshire Healthcare NHS Trust was inspected in May.\n\nBoth of its hospitals, as well as the trust, "
        "were rated good.",
    ):
        assert [e["ods_code"] for e in events(text, "2017-06-01")] == ["RXQ"], text


def test_hospitals_rated_beside_the_trusts_other_parts_stay_parts():
    for text in (
        "Buckinghamshire Healthcare NHS Trust was inspected in May.\n\nThe hospital and the trust's maternity "
        "services were rated inadequate.",
        "Buckinghamshire Healthcare NHS Trust was inspected in May.\n\nInspectors visited the trust and its two "
        "hospitals, and rated the maternity service inadequate.",
    ):
        assert events(text, "2017-06-01") == [], text


def test_a_rating_for_providing_key_questions_is_a_key_questions():
    for text in (
        "Medway NHS Foundation Trust was inspected in May.\n\nInspectors found improvements and the trust has now "
        "been rated 'good' for providing safe, caring, responsive and well-led services.",
        "Inspectors rated Medway NHS Foundation Trust good for delivering effective services.",
    ):
        assert events(text, "2017-06-01") == [], text


def test_short_and_former_names_of_trusts():
    for text, code in (
        (
            "Two trusts, United Lincolnshire and Medway NHS Foundation Trust, have been placed back in special "
            "measures.",
            "RWD",
        ),
        ("Dudley and Walsall Mental Health Partnership NHS Trust has been rated good.", "RYK"),
        ("IOWT was placed in special measures in 2017.", "R1F"),
        ("Colchester NHS Foundation Trust came out of special measures in 2017.", "RDE"),
    ):
        assert code in {e["ods_code"] for e in events(text, "2017-06-01")}, text


def test_a_parts_rating_after_its_own_relative_clause_stays_the_parts():
    for text in (
        "Medway NHS Foundation Trust's maternity unit, which was rated inadequate in 2022, is now good.",
        "The A&E department at Medway NHS Foundation Trust, which was rated inadequate in 2022, has now been "
        "rated good.",
        "Barts Health NHS Trust's children's service, which had been rated requires improvement, was rated "
        "outstanding this year.",
    ):
        assert [e for e in events(text, "2025-09-10") if e["framework"] == "cqc_rating"] == [], text


def test_a_trust_whose_relative_clause_rated_a_part_keeps_its_own_rating():
    text = (
        "Medway NHS Foundation Trust, which saw its maternity unit rated inadequate in 2022, has now been rated "
        "good overall."
    )
    assert [e["to"] for e in events(text, "2025-09-10")] == ["good"]


def test_a_parts_earlier_rating_is_not_the_trusts_from_value():
    found = events(
        "Barts Health NHS Trust, whose maternity service had been rated inadequate, was rated good overall this year.",
        "2025-09-10",
    )
    assert [(e["from"], e["to"]) for e in found] == [(None, "good")]


def test_a_domains_segment_is_no_earlier_segment_of_the_trust():
    for text in (
        "Medway NHS Foundation Trust's finance score was in segment 4, but overall it sits in segment 2.",
        "Medway NHS Foundation Trust's quality rating was in segment 3; overall the trust is in segment 2.",
    ):
        assert [(e["from"], e["to"]) for e in events(text, "2025-09-10")] == [(None, 2)], text


def test_only_trusts_in_a_segment_are_a_kind_not_a_body():
    for text in (
        "Only trusts in segments 1 and 2 will get the new freedoms, and Medway NHS Foundation Trust is in neither.",
        "Only trusts in segment 1 can apply for the new freedoms, Medway NHS Foundation Trust said.",
    ):
        assert events(text, "2025-09-10") == [], text


def test_the_only_trusts_in_a_segment_are_in_it():
    text = "Medway NHS Foundation Trust and Barts Health NHS Trust are the only trusts in segment 4 in London."
    assert {(e["ods_code"], e["to"]) for e in events(text, "2025-09-10")} == {("RPA", 4), ("R1H", 4)}


def test_segments_listed_respectively_go_one_to_each_body():
    for text, expected in (
        (
            "Barts Health NHS Trust and Medway NHS Foundation Trust were placed in segments 2 and 3 respectively.",
            {("R1H", "enter", 2), ("RPA", "enter", 3)},
        ),
        (
            "Barts Health NHS Trust, Medway NHS Foundation Trust and Royal Cornwall Hospitals NHS Trust are in "
            "segments 1, 2 and 4 respectively.",
            {("R1H", "state", 1), ("RPA", "state", 2), ("REF", "state", 4)},
        ),
    ):
        assert {(e["ods_code"], e["change"], e["to"]) for e in events(text, "2025-09-10")} == expected, text


def test_segments_listed_without_respectively_or_as_a_range_say_nothing():
    for text in (
        "Barts Health NHS Trust and Medway NHS Foundation Trust are in segments 2 and 3.",
        "Medway NHS Foundation Trust has been in segments 3 to 5 over the past decade.",
    ):
        assert events(text, "2025-09-10") == [], text


def test_a_status_in_a_relative_clause_does_not_take_the_main_clauses_date():
    for text in (
        "Medway NHS Foundation Trust, which is in the RSP, is due to be assessed again next year.",
        "Medway NHS Foundation Trust, which is in segment 4, will be reviewed in 2026.",
    ):
        assert [e["date"] for e in events(text, "2024-05-10")] == ["2024-05-10"], text


def test_two_ratings_as_the_ends_of_a_move_are_ratings_without_other_rating_words():
    for text, pair in (
        ("Medway NHS Foundation Trust has moved up from inadequate to good.", ("inadequate", "good")),
        ("Medway NHS Foundation Trust has gone from requires improvement to good.", ("requires improvement", "good")),
        (
            "Barts Health NHS Trust has slipped from 'good' down to 'requires improvement'.",
            ("good", "requires improvement"),
        ),
    ):
        assert [(e["from"], e["to"]) for e in events(text, "2024-05-10")] == [pair], text


def test_a_parts_move_between_two_ratings_is_the_parts():
    for text in (
        "Medway NHS Foundation Trust's A&E department has gone from good to inadequate.",
        "Medway NHS Foundation Trust's maternity unit moved from inadequate to good.",
        "Staff morale at Medway NHS Foundation Trust went from good to inadequate, the survey found.",
    ):
        assert events(text, "2024-05-10") == [], text


def test_a_regime_at_a_body_that_has_ended_is_its_exit():
    for text in (
        "The special measures regime at Medway NHS Foundation Trust has ended.",
        "Special measures at Medway NHS Foundation Trust finally came to an end in 2017.",
    ):
        assert [e["change"] for e in events(text, "2018-05-10")] == ["exit"], text


def test_the_first_or_last_of_a_counted_group_to_change_made_that_change():
    for text, change in (
        ("Medway NHS Foundation Trust was the last of the 11 Keogh trusts to leave special measures.", "exit"),
        ("Medway NHS Foundation Trust became the first of the 14 trusts to be placed in special measures.", "enter"),
    ):
        assert [e["change"] for e in events(text, "2018-05-10")] == [change], text


def test_a_fact_in_a_relative_clause_inside_a_recommendation_is_actual():
    for text, date in (
        (
            "Inspectors made the recommendation that Medway NHS Foundation Trust, which was placed into special "
            "measures in 2018, be taken out of special measures.",
            "2018",
        ),
        (
            "The CQC recommended that Medway NHS Foundation Trust, which entered special measures in 2015, should "
            "leave it.",
            "2015",
        ),
    ):
        found = {(e["change"], e["modality"], e["date"]) for e in events(text, "2020-04-17")}
        assert ("enter", "actual", date) in found, text


def test_a_relative_clause_to_come_keeps_the_recommendations_modality():
    text = (
        "The CQC recommended that Medway NHS Foundation Trust, which will be inspected again in May, should leave "
        "special measures."
    )
    assert [(e["change"], e["modality"]) for e in events(text, "2020-04-17")] == [("exit", "proposed")]


def test_a_second_rating_said_of_elements_is_a_parts():
    for text, value in (
        ("Medway NHS Foundation Trust was rated requires improvement, with elements of good.", "requires improvement"),
        ("Medway NHS Foundation Trust was rated good, with some areas of outstanding.", "good"),
    ):
        assert [e["to"] for e in events(text, "2020-04-17")] == [value], text


def test_a_places_hospitals_in_the_lede_are_the_one_trust_it_names():
    text = (
        "Worcestershire hospitals have been taken out of special measures after five years.\n\n"
        "The chief executive of Worcestershire Acute Hospitals NHS Trust welcomed the decision."
    )
    assert [(e["ods_code"], e["change"]) for e in events(text, "2019-07-01")] == [("RWP", "exit")]


def test_a_places_hospitals_are_nobody_when_the_lede_names_several_trusts():
    for text in (
        "Kent hospitals have been placed in special measures.\n\nMedway NHS Foundation Trust and Barts Health NHS "
        "Trust were inspected.",
        "Kent's hospitals have been placed in special measures.\n\nMedway NHS Foundation Trust and Barts Health NHS "
        "Trust were inspected.",
        "While hospitals put into special measures have improved, more must be done.\n\nMedway NHS Foundation Trust "
        "was inspected.",
    ):
        assert events(text, "2019-07-01") == [], text


def test_its_rating_after_a_body_located_in_the_sentence_is_that_bodys():
    for text, pair in (
        (
            "Barts Health NHS Trust was praised.\n\nInspectors found improvement at Medway NHS Foundation Trust, "
            "raising its rating from inadequate to good.",
            ("RPA", "good"),
        ),
        (
            "Barts Health NHS Trust was praised.\n\nThe CQC found progress at Medway NHS Foundation Trust in its "
            "latest inspection, boosting its overall rating from 'inadequate' to 'requires improvement'.",
            ("RPA", "requires improvement"),
        ),
    ):
        assert [(e["ods_code"], e["to"]) for e in events(text, "2019-07-01")] == [pair], text


def test_a_name_variant_before_a_known_short_form_in_brackets_is_that_body():
    text = (
        "Barking, Havering, Redbridge University Hospitals Trust (BHRUT) was found to have improved.\n\n"
        "The trust was placed into financial special measures in 2018."
    )
    assert [(e["ods_code"], e["date"]) for e in events(text, None)] == [("RF4", "2018")]


def test_an_unknown_name_before_an_unknown_bracket_stays_unknown():
    text = "Riverside Community Care Trust (RCCT) was placed into special measures in 2018."
    assert [e["ods_code"] for e in events(text, None)] in ([], [None], [""])


def test_measures_the_last_sentence_imposed_lifted_next_are_exits():
    for text, expected in (
        (
            "Financial special measures were imposed on NHS Barking and Dagenham CCG and NHS Havering CCG in "
            "March 2017.\n\nNow, these have been lifted by NHS England.",
            {("07L", "exit", None), ("08F", "exit", None)},
        ),
        (
            "Medway NHS Foundation Trust was placed in special measures in 2014.\n\nThe measures were lifted in 2017.",
            {("RPA", "exit", "2017")},
        ),
    ):
        found = {(e["ods_code"], e["change"], e["date"]) for e in events(text, None) if e["change"] == "exit"}
        assert found == expected, text


def test_something_else_lifted_later_is_no_exit():
    for text in (
        "Special measures were imposed on Medway NHS Foundation Trust in 2014.\n\nVisiting restrictions were "
        "introduced at its hospitals.\n\nThey were lifted in 2017.",
        "Medway NHS Foundation Trust was rated inadequate in 2014.\n\nThe restrictions were lifted in 2017.",
    ):
        assert [e for e in events(text, None) if e["change"] == "exit"] == [], text


def test_a_most_recent_rating_before_a_new_one_is_its_from_value():
    for text in (
        "Medway NHS Foundation Trust, most recently rated 'requires improvement', has been rated 'good'.",
        "Medway NHS Foundation Trust, until recently rated requires improvement, has now been rated good.",
    ):
        assert [(e["from"], e["to"]) for e in events(text, "2022-07-01")] == [("requires improvement", "good")], text


def test_a_most_recent_rating_alone_keeps_its_own_date():
    text = "Medway NHS Foundation Trust, last rated good in 2019, is due an inspection."
    assert [(e["to"], e["date"]) for e in events(text, "2022-07-01")] == [("good", "2019")]


def test_a_status_at_an_undated_past_time_is_not_the_reports_day():
    for text in (
        "At the time, Medway NHS Foundation Trust was rated inadequate.",
        "Medway NHS Foundation Trust was rated outstanding in the past, but has slipped.",
        "Back then Medway NHS Foundation Trust was placed in special measures.",
    ):
        assert [e["date"] for e in events(text, "2024-07-01")] == [None], text


def test_a_past_time_the_story_dated_before_dates_the_status():
    text = "Inspectors visited Medway NHS Foundation Trust in 2014.\n\nAt the time, the trust was rated inadequate."
    assert [e["date"] for e in events(text, "2024-07-01")] == ["2014"]


def test_the_time_of_writing_and_the_past_year_are_no_undated_past():
    for text in (
        "At the time of writing, Medway NHS Foundation Trust is in special measures.",
        "Medway NHS Foundation Trust has been placed in special measures in the past few weeks.",
    ):
        assert all(e["date"] for e in events(text, "2024-07-01")), text


def test_an_earlier_rating_fronted_before_its_body_is_the_from_value():
    for text in (
        "Formerly rated 'inadequate', Medway NHS Foundation Trust has now been upgraded to 'requires improvement'.",
        "Previously rated inadequate, Medway NHS Foundation Trust has now been rated requires improvement.",
    ):
        assert [(e["from"], e["to"]) for e in events(text, "2022-07-01")] == [("inadequate", "requires improvement")]


def test_another_bodys_earlier_rating_is_no_from_value():
    text = (
        "Barts Health NHS Trust was previously rated inadequate, while Medway NHS Foundation Trust has now been "
        "rated good."
    )
    assert [(e["ods_code"], e["from"]) for e in events(text, "2022-07-01") if e["to"] == "good"] == [("RPA", None)]


def test_a_frameworks_abbreviation_and_number_is_a_segment():
    for text, expected in (
        ("Medway NHS Foundation Trust has received a letter confirming its transition to SOF 3.", [(None, 3)]),
        ("Medway NHS Foundation Trust moved from SOF 4 to SOF 3 in July.", [(4, 3)]),
    ):
        assert [(e["from"], e["to"]) for e in events(text, "2022-09-01")] == expected, text


def test_a_frameworks_abbreviation_with_a_year_is_no_segment():
    assert events("Medway NHS Foundation Trust welcomed the SOF 2021 guidance.", "2022-09-01") == []


def test_what_a_body_failed_to_do_does_not_reach_what_it_should_remain_in():
    for text in (
        "Medway NHS Foundation Trust failed to make progress and should stay in special measures.",
        "Medway NHS Foundation Trust has failed to improve enough and should remain in special measures, the CQC said.",
    ):
        assert [(e["change"], e["modality"]) for e in events(text, "2014-07-01")] == [("remain", "proposed")], text


def test_dashes_around_a_relative_clause_do_not_end_a_recommendation():
    for text in (
        "The CQC recommended Medway NHS Foundation Trust - which runs one hospital - be taken out of special measures.",
        "Inspectors recommended Barts Health NHS Trust — whose new chief executive started in May — should leave "
        "special measures.",
    ):
        assert [e["modality"] for e in events(text, "2019-07-01")] == ["proposed"], text


def test_a_dash_before_a_new_sentence_still_ends_the_clause():
    text = "The CQC recommended changes - Medway NHS Foundation Trust has been taken out of special measures."
    assert [e["modality"] for e in events(text, "2019-07-01")] == ["actual"]


def test_a_regulator_saying_a_body_can_exit_recommends_it():
    text = "The chief inspector of hospitals has said that Medway NHS Foundation Trust can exit special measures."
    assert [(e["change"], e["modality"]) for e in events(text, "2019-07-01")] == [("exit", "proposed")]


def test_a_body_that_can_move_out_as_a_result_of_a_decision_has_left():
    for text in (
        "NHS Improvement has agreed that Medway NHS Foundation Trust can now leave special measures.",
        "NHS England approved the exit. This means that Medway NHS Foundation Trust can now move out of the Recovery "
        "Support Programme.",
    ):
        assert [e["modality"] for e in events(text, "2025-07-01")] == ["actual"], text


def test_we_after_a_sentence_naming_two_bodies_is_nobody_without_a_publisher():
    text = (
        "The chief executive of Walsall Healthcare NHS Trust will join Birmingham Community Healthcare NHS "
        'Foundation Trust in May.\n\n"When we received our inadequate rating, staff were devastated," he said.'
    )
    assert events(text, "2019-07-01") == []


def test_we_after_a_sentence_naming_one_body_is_that_body():
    text = (
        'Walsall Healthcare NHS Trust spoke to staff.\n\n"We received our inadequate rating in 2016," the chief '
        "executive said."
    )
    assert [e["ods_code"] for e in events(text, "2019-07-01")] == ["RBK"]


def test_urgent_care_and_similar_services_are_parts():
    text = (
        'Isle of Wight NHS Trust has been rated requires improvement.\n\n"Our improved rating is welcome, and our '
        'Urgent Care Service has been rated good," the chief executive said.'
    )
    assert [e["to"] for e in events(text, "2019-07-01")] == ["requires improvement"]


def test_a_segment_beside_its_aggregated_metric_score_is_the_trusts():
    text = (
        "Medway NHS Foundation Trust has been categorised in Segment 4, with an aggregated metric ranking (AMR) "
        "score of 2.84."
    )
    assert [e["to"] for e in events(text, "2025-09-10")] == [4]


def test_an_ordinal_segment_in_quotes_is_a_segment():
    text = "Gateshead Health NHS Foundation Trust is also in the third \u201csegment\u2019 of the league tables."
    assert [e["to"] for e in events(text, "2025-09-10")] == [3]


def test_a_name_never_runs_across_a_sentence_or_paragraph_end():
    for text in (
        "The CQC has rated Gloucestershire Hospitals NHS Foundation Trust as good overall.\n\nSpecial praise was "
        "given to the care of patients with a Learning Disability.\n\nThe Trust came out of financial special "
        "measures in November 2018.",
        "The CQC has rated Gloucestershire Hospitals NHS Foundation Trust as good overall.\n\nSpecial praise was "
        "given to the care of patients with a Learning Disability. The Trust came out of financial special "
        "measures in November 2018.",
    ):
        found = {(e["ods_code"], e["change"]) for e in events(text, "2019-07-01")}
        assert ("RTE", "exit") in found, text


def test_ratings_offered_as_alternatives_are_nobodys():
    for text in (
        "Medway NHS Foundation Trust was rated good or outstanding in every area.",
        "Medway NHS Foundation Trust was rated 'good' or 'outstanding' for all five key questions.",
        "Medway NHS Foundation Trust was rated good or better in most services.",
        '"I knew this would be a five year project and that we would become good or outstanding," the chief '
        "executive of Medway NHS Foundation Trust said.",
    ):
        assert events(text, "2017-12-20") == [], text


def test_ratings_of_two_bodies_joined_by_and_are_each_bodys():
    text = "Medway NHS Foundation Trust was rated good, and Barts Health NHS Trust was rated outstanding."
    assert {(e["ods_code"], e["to"]) for e in events(text, "2017-12-20")} == {("RPA", "good"), ("R1H", "outstanding")}


def test_list_members_take_the_introductions_date():
    for text, date in (
        (
            "The following trusts were placed in special measures in July 2013:\n\n- Medway NHS Foundation Trust\n"
            "- Barts Health NHS Trust",
            "2013-07",
        ),
        (
            "Three trusts placed in special measures a year ago should remain there, the chief inspector said.\n\n"
            "They were Medway NHS Foundation Trust, Barts Health NHS Trust and Royal Cornwall Hospitals NHS Trust.",
            "2013",
        ),
    ):
        assert {e["date"] for e in events(text, "2014-07-01") if e["change"] == "enter"} == {date}, text


def test_a_member_dated_in_its_own_line_keeps_its_date():
    text = (
        "The following trusts were placed in special measures:\n\n- Medway NHS Foundation Trust in July 2013\n"
        "- Barts Health NHS Trust in March 2015"
    )
    assert {(e["ods_code"], e["date"]) for e in events(text, "2016-07-01")} == {("RPA", "2013-07"), ("R1H", "2015-03")}


def test_it_after_a_hospital_subject_is_the_hospitals_rating():
    text = (
        "King's Mill Hospital, which accounts for most services at Sherwood Forest Hospitals NHS Foundation Trust, "
        "was previously rated good.\n\nIt is now the only acute hospital in the east Midlands to be rated outstanding."
    )
    assert events(text, "2020-07-01") == []


def test_it_after_a_trust_that_runs_hospitals_is_the_trust():
    text = (
        "University Hospitals of Morecambe Bay NHS Foundation Trust was inspected.\n\nIt runs Furness General "
        "Hospital and Westmorland General Hospital.\n\nThe trust was put in special measures in 2014.\n\nMore than a "
        "year later it was rated as requires improvement."
    )
    assert ("RTX", "requires improvement") in {(e["ods_code"], e["to"]) for e in events(text, "2016-07-01")}


def test_a_trust_seeing_its_main_hospital_rated_is_the_hospitals_rating():
    text = "Former special measures trust sees main hospital rated outstanding\n\nSherwood Forest Hospitals NHS "
    text += "Foundation Trust remains rated good overall."
    assert [e["to"] for e in events(text, "2020-07-01")] == ["good"]


def test_a_change_a_body_is_not_in_a_position_to_make_is_no_event():
    for text in (
        "Medway NHS Foundation Trust is not yet in a position to leave special measures.",
        "Medway NHS Foundation Trust was still not in a position to be brought out of special measures.",
        "Medway NHS Foundation Trust was unable to exit special measures in 2016.",
    ):
        assert events(text, "2019-07-01") == [], text


def test_a_wish_about_what_did_not_happen_is_no_event():
    for text in (
        "I would have loved to see Medway NHS Foundation Trust make it out of special measures on its own.",
        "The chief executive of Medway NHS Foundation Trust would have liked to leave special measures sooner.",
    ):
        assert events(text, "2019-07-01") == [], text


def test_a_hospital_after_a_fronted_clause_is_its_sentences_subject():
    text = (
        "West Hertfordshire Hospitals NHS Trust was inspected.\n\nWhile the trust was given a requires improvement "
        "rating, St Albans City Hospital now has no inadequate ratings.\n\nIt still requires improvement overall."
    )
    assert [(e["change"], e["from"]) for e in events(text, "2018-07-01")] == [("move", None)]


def test_an_analogy_with_a_school_in_special_measures_is_nobodys_status():
    for text in (
        "If Medway NHS Foundation Trust was a school which had been put into special measures and then found still "
        "inadequate, the governors would have been dismissed.",
        "Medway NHS Foundation Trust was criticised.\n\nIf the trust was a school which had been found to be failing "
        "its pupils, put into special measures and then found to be still inadequate, the governing body would have "
        "been dismissed.",
    ):
        assert events(text, "2019-07-01") == [], text


# --- Session 14 --------------------------------------------------------------------------------------


def test_a_spell_in_special_measures_between_two_dates_is_an_entry_and_an_exit():
    for text, dates in (
        ("Medway NHS Foundation Trust was in special measures from 2013 to 2017.", ["2013", "2017"]),
        ("Medway NHS Foundation Trust spent 2013 until 2017 in special measures.", ["2013", "2017"]),
        ("From July 2013 to March 2016, Medway NHS Foundation Trust was in special measures.", ["2013-07", "2016-03"]),
        (
            "Medway NHS Foundation Trust, which was in special measures between July 2013 and August 2016, has grown.",
            ["2013-07", "2016-08"],
        ),
    ):
        found = [(e["change"], e["date"]) for e in events(text, "2019-06-01")]
        assert found == [("enter", dates[0]), ("exit", dates[1])], text


def test_a_spell_reaching_past_the_report_is_only_an_entry():
    text = "Medway NHS Foundation Trust was in special measures from 2013 to 2021."
    assert [(e["change"], e["date"]) for e in events(text, "2019-06-01")] == [("enter", "2013")]


def test_two_years_in_special_measures_without_a_link_are_two_states():
    text = "Medway NHS Foundation Trust was in special measures in 2013 and 2014."
    assert [e["change"] for e in events(text, "2019-06-01")] == ["state", "state"]


def test_a_body_providing_services_that_require_improvement_is_rated_so():
    for text in (
        "In May 2019 Medway NHS Foundation Trust was found by the CQC to be providing services that require improvement.",
        "Medway NHS Foundation Trust provides services that require improvement, the Care Quality Commission said.",
    ):
        assert [e["to"] for e in events(text, "2019-06-01")] == ["requires improvement"], text


def test_a_service_that_requires_improvement_is_not_the_bodys_rating():
    for text in (
        "Medway NHS Foundation Trust is providing maternity services that require improvement, the CQC said.",
        "Medway NHS Foundation Trust's maternity services require improvement, inspectors said.",
    ):
        assert events(text, "2019-06-01") == [], text


def test_the_rating_moving_to_a_new_value_is_the_last_rated_bodys():
    for text, date in (
        ("Medway NHS Foundation Trust was rated inadequate in 2014. The rating was upgraded to good in 2017.", "2017"),
        ("Medway NHS Foundation Trust was rated inadequate in 2014. In 2016 its rating improved to good.", "2016"),
    ):
        found = [(e["ods_code"], e["to"], e["date"]) for e in events(text, "2019-06-01")]
        assert found == [("RPA", "inadequate", "2014"), ("RPA", "good", date)], text


def test_the_rating_after_a_sentence_rating_no_one_body_is_nobodys():
    for text in (
        "Medway NHS Foundation Trust and Dartford and Gravesham NHS Trust were rated inadequate in 2014. The rating "
        "was upgraded to good in 2017.",
        "Medway NHS Foundation Trust's maternity unit was rated inadequate in 2014. The rating was upgraded to good.",
        "Medway NHS Foundation Trust was rated inadequate in 2014. Staff were sad. The rating was upgraded to good.",
        "Medway NHS Foundation Trust was rated inadequate in 2014. The rating for maternity was upgraded to good.",
    ):
        assert [e["to"] for e in events(text, "2019-06-01") if e["to"] == "good"] == [], text


def test_a_change_named_as_a_priority_or_goal_is_no_event():
    for text in (
        "Medway NHS Foundation Trust's chief executive said leaving special measures was the priority.",
        "Getting Medway NHS Foundation Trust out of special measures remains our top priority, the chair said.",
        "For Medway NHS Foundation Trust, exiting the Recovery Support Programme is the board's main goal this year.",
        "Coming out of special measures will be a key focus for Medway NHS Foundation Trust.",
    ):
        assert events(text, "2023-06-01") == [], text


def test_a_priority_in_the_next_clause_leaves_the_change_standing():
    text = "Medway NHS Foundation Trust left special measures in 2017, and patient safety remains the priority."
    assert [(e["change"], e["date"]) for e in events(text, "2023-06-01")] == [("exit", "2017")]


def test_a_recommendation_said_to_have_been_approved_is_the_change():
    for text in (
        "The CQC recommended that Medway NHS Foundation Trust exit special measures - a recommendation that has been "
        "approved.",
        "The CQC made a recommendation that Medway NHS Foundation Trust be taken out of special measures, and this has "
        "been approved by NHS Improvement.",
    ):
        assert [(e["change"], e["modality"]) for e in events(text, "2017-06-01")] == [("exit", "actual")], text


def test_a_recommendation_not_yet_approved_stays_proposed():
    text = (
        "The CQC recommended that Medway NHS Foundation Trust exit special measures, but this has not yet been "
        "approved."
    )
    assert [(e["change"], e["modality"]) for e in events(text, "2017-06-01")] == [("exit", "proposed")]


def test_ratings_of_a_count_of_parts_are_not_the_bodys():
    for text in (
        "We inspected three of Medway NHS Foundation Trust's core services and rated one as good and two as "
        "requires improvement.",
        "Inspectors looked at four of Medway NHS Foundation Trust's wards and rated two of them as inadequate.",
    ):
        assert events(text, "2017-06-01") == [], text


def test_both_bodies_rated_by_a_count_are_still_rated():
    text = "Medway NHS Foundation Trust and Dartford and Gravesham NHS Trust were inspected and the CQC rated both as good."
    assert sorted(e["ods_code"] for e in events(text, "2017-06-01")) == ["RN7", "RPA"]


def test_it_after_a_sentence_about_a_body_located_in_its_opening_phrase_is_that_body():
    text = (
        "Sherwood Forest Hospitals NHS Foundation Trust remains in special measures.\n\nThe 2013 inspection at "
        "Tameside Hospital NHS Foundation Trust raised concerns about leadership. It was then rated inadequate in 2014."
    )
    assert [(e["ods_code"], e["to"]) for e in events(text, "2017-06-01")] == [("RK5", "in"), ("RMP", "inadequate")]


def test_it_after_a_body_located_in_a_relative_clause_is_still_the_subject():
    text = (
        "Sherwood Forest Hospitals NHS Foundation Trust remains in special measures.\n\nThe chief executive, who "
        "previously worked at Tameside Hospital NHS Foundation Trust, is proud. It was rated inadequate in 2014."
    )
    assert [(e["ods_code"], e["to"]) for e in events(text, "2017-06-01")] == [("RK5", "in"), ("RK5", "inadequate")]


def test_an_ordinal_forecast_after_a_recommendation_is_that_recommendation():
    for text in (
        "The CQC has recommended that Tameside Hospital NHS Foundation Trust comes out of special measures.\n\n"
        "Tameside will be the seventh trust to leave the special measures regime.",
        "Tameside Hospital NHS Foundation Trust is set to become the seventh trust to leave special measures.\n\n"
        "The CQC has recommended that the trust comes out of special measures.",
    ):
        assert [(e["change"], e["modality"]) for e in events(text, "2015-06-01")] == [("exit", "proposed")], text


def test_an_ordinal_forecast_alone_is_an_announced_exit():
    text = "Tameside Hospital NHS Foundation Trust will be the seventh trust to leave the special measures regime."
    assert [(e["change"], e["modality"]) for e in events(text, "2015-06-01")] == [("exit", "actual")]


def test_the_trust_that_runs_a_hospital_is_rated_as_the_trust():
    for text in (
        "The trust which runs Medway Maritime Hospital has been rated inadequate by the CQC.",
        "Dartford and Gravesham NHS Trust remains in special measures.\n\nThe trust that runs Medway Maritime "
        "Hospital has been rated inadequate by the CQC.",
    ):
        found = [(e["ods_code"], e["to"]) for e in events(text, "2017-03-29") if e["framework"] == "cqc_rating"]
        assert found == [("RPA", "inadequate")], text


def test_a_part_of_the_trust_that_runs_a_hospital_is_not_rated_as_the_trust():
    text = "The trust which runs Medway Maritime Hospital said its maternity unit was rated inadequate by the CQC."
    assert events(text, "2017-03-29") == []


def test_inspectors_at_the_care_quality_commission_are_no_key_question():
    text = (
        "North East Ambulance Service NHS Foundation Trust was inspected in May.\n\nAs a result, the ambulance service "
        "(NEAS) is now rated overall as requires improvement by inspectors at the Care Quality Commission."
    )
    assert [(e["ods_code"], e["to"]) for e in events(text, "2017-06-01")] == [("RX6", "requires improvement")]


def test_a_rating_for_care_is_still_a_key_questions():
    text = "North East Ambulance Service NHS Foundation Trust was rated good by the CQC for care."
    assert events(text, "2017-06-01") == []


def test_this_move_lifted_years_later_is_the_exit_then():
    for text in (
        "Medway NHS Foundation Trust was placed in special measures in 2013. This move was lifted two years later.",
        "Medway NHS Foundation Trust was placed in special measures in 2013. This was lifted two years later.",
    ):
        found = [(e["change"], e["date"]) for e in events(text, "2017-02-08")]
        assert found == [("enter", "2013"), ("exit", "2015")], text


def test_this_lifted_after_a_rating_is_no_exit():
    text = "Medway NHS Foundation Trust was rated inadequate in 2013. This was lifted two years later."
    assert [e["framework"] for e in events(text, "2017-02-08")] == ["cqc_rating"]


def test_a_hospital_opening_a_sentence_about_special_measures_stands_for_its_trust():
    for text in (
        "Colchester General Hospital has been placed in special measures.",
        "COLCHESTER General Hospital is on the mend and has been taken out of special measures.",
    ):
        assert [e["ods_code"] for e in events(text, "2014-06-10")] == ["RDE"], text


def test_a_hospital_named_later_in_a_sentence_about_special_measures_needs_context():
    text = "Ipswich Hospital NHS Trust will work with staff at Colchester General Hospital in special measures."
    assert "RDE" not in [e["ods_code"] for e in events(text, "2014-06-10")]


def test_the_trust_after_a_sentence_introduces_an_unnamed_trust_is_not_the_last_one_named():
    text = (
        "Airedale NHS Foundation Trust is waiting for news.\n\nThe leaders of an ambulance trust were criticised by "
        "the CQC as the trust's rating was downgraded from good to inadequate."
    )
    assert events(text, "2024-06-10") == []


def test_the_trust_after_an_unnamed_trust_in_the_lede_is_the_main_one():
    text = (
        "An ambulance trust's leaders have been criticised as the trust's rating was downgraded from good to "
        "inadequate.\n\nSouth Central Ambulance Service NHS Foundation Trust was told its leaders are out of touch."
    )
    assert [(e["ods_code"], e["to"]) for e in events(text, "2024-06-10")] == [("RYE", "inadequate")]


def test_systems_sharing_a_plural_ics_head_are_each_named():
    for text, codes in (
        ("Lincolnshire and Northamptonshire ICSs have entered tier two for urgent and emergency care.", {"QJM", "QPM"}),
        (
            "Gloucestershire, Lincolnshire and Northamptonshire ICSs have entered tier two for urgent and emergency care.",
            {"QR1", "QJM", "QPM"},
        ),
        (
            "Gloucestershire, Lincolnshire and Northamptonshire ICBs are in tier two for urgent and emergency care.",
            {"QR1", "QJM", "QPM"},
        ),
    ):
        assert {e["ods_code"] for e in events(text, "2023-01-10")} == codes, text


def test_bodies_added_to_a_tier_enter_it():
    for text in (
        "NHS England has added Sheffield Teaching Hospitals NHS Foundation Trust to tier one for cancer.",
        'NHS England said it had added two trusts to "tier one" for cancer: Sheffield Teaching Hospitals NHS '
        "Foundation Trust and North West Anglia NHS Foundation Trust.",
    ):
        assert {e["change"] for e in events(text, "2022-12-23")} == {"enter"}, text


def test_an_application_to_have_a_body_placed_is_a_proposal_dated_when_announced():
    text = (
        "On Thursday, NHS England announced it had applied to have NHS Southend Clinical Commissioning Group placed "
        "into special measures."
    )
    found = [(e["change"], e["modality"], e["date"]) for e in events(text, "2016-06-01")]
    assert found == [("enter", "proposed", "2016-05-26")]


def test_a_proposal_for_a_coming_day_takes_that_day():
    text = "NHS Southend Clinical Commissioning Group is expected to be placed into special measures on Thursday."
    assert [e["date"] for e in events(text, "2016-06-01")] == ["2016-06-02"]


def test_a_regulator_accepting_the_last_sentences_recommendation_makes_the_change():
    text = (
        "The chief inspector of hospitals has recommended that Medway NHS Foundation Trust leaves special measures."
        "\n\nToday NHS Improvement accepts this recommendation."
    )
    found = [(e["change"], e["modality"]) for e in events(text, "2018-06-06")]
    assert found == [("exit", "proposed"), ("exit", "actual")]


def test_a_regulator_considering_a_recommendation_makes_no_change():
    text = (
        "The chief inspector of hospitals has recommended that Medway NHS Foundation Trust leaves special measures."
        "\n\nNHS Improvement is considering the recommendation."
    )
    assert [e["modality"] for e in events(text, "2018-06-06")] == ["proposed"]


def test_a_tier_of_oversight_in_a_story_naming_no_tiered_service_is_no_tiering():
    text = (
        "NHS Sussex Integrated Care Board has been escalated to 'tier 2' oversight by NHS England after a review of "
        "its governance.\n\nThe move to tier 2 means the ICB will face more scrutiny."
    )
    assert events(text, "2025-06-01") == []


def test_a_bare_tier_in_a_story_naming_no_tiered_service_is_urgent_cares():
    text = "NHS Sussex Integrated Care Board has been moved into tier 2, NHS England said."
    assert [e["framework"] for e in events(text, "2023-06-01")] == ["uec_tier"]


def test_a_rating_again_after_another_rating_is_a_move_back():
    text = (
        "Medway NHS Foundation Trust was rated good by the CQC in 2016.\n\nFollowing an inspection in March, it is "
        "now inadequate again."
    )
    found = [(e["change"], e["from"], e["to"]) for e in events(text, "2019-06-01")]
    assert found[-1] == ("move", "good", "inadequate")


def test_a_rating_again_after_the_same_rating_is_kept():
    text = (
        "Medway NHS Foundation Trust was rated requires improvement in 2016.\n\nIn March it was rated requires "
        "improvement again."
    )
    assert events(text, "2019-06-01")[-1]["change"] == "remain"


def test_what_would_follow_if_things_were_otherwise_is_no_event():
    for text in (
        "If Medway NHS Foundation Trust were rated inadequate, it would face special measures.",
        "If the figures were right, Medway NHS Foundation Trust would be in segment 4.",
    ):
        assert events(text, "2019-06-01") == [], text


def test_even_if_leaves_the_fact_standing():
    text = "Medway NHS Foundation Trust was rated inadequate in 2018, even if its staff were proud of their work."
    assert [e["to"] for e in events(text, "2019-06-01")] == ["inadequate"]


def test_a_well_led_rating_beside_an_overall_rating_is_a_key_questions():
    text = (
        "Medway NHS Foundation Trust has retained its overall rating of requires improvement, while its well-led "
        "rating rose to good."
    )
    assert [e["to"] for e in events(text, "2024-06-01")] == ["requires improvement"]


def test_months_later_counts_from_the_sentences_last_date():
    for text, date in (
        (
            "Medway NHS Foundation Trust was placed in special measures in March 2016 and left 18 months later.",
            "2017-09",
        ),
        ("Medway NHS Foundation Trust was placed in special measures in 2016 and left 24 months later.", "2018"),
        ("Medway NHS Foundation Trust was placed in special measures in late 2016 and left 18 months later.", None),
    ):
        found = [(e["framework"], e["change"], e["date"]) for e in events(text, "2025-11-20")]
        assert found[-1] == ("special_measures", "exit", date), text


def test_the_organisation_responsible_for_healthcare_in_the_lede_is_its_commissioner():
    text = (
        "The organisation responsible for healthcare in Shropshire has been placed into special measures after it "
        "forecast a deficit.\nShropshire Clinical Commissioning Group will receive help from external experts."
    )
    assert [(e["ods_code"], e["change"]) for e in events(text, "2015-11-04")] == [("05N", "enter")]


def test_the_organisation_responsible_for_healthcare_is_no_hospital_trust():
    text = (
        "The organisation responsible for healthcare in Shropshire has been placed into special measures.\n"
        "Shrewsbury and Telford Hospital NHS Trust will receive help from external experts."
    )
    assert events(text, "2015-11-04") == []


def test_it_given_the_rating_a_service_was_just_given_is_no_bodys_rating():
    text = (
        "Yorkshire Ambulance Service NHS Trust has received good ratings for its Patient Transport Service.\n"
        "It has now moved from requires improvement to good."
    )
    assert events(text, "2019-10-14") == []


def test_it_rated_after_a_body_and_no_part_is_the_bodys_rating():
    for text in (
        "Yorkshire Ambulance Service NHS Trust was inspected by the CQC in May.\nIt has now moved from requires "
        "improvement to good.",
        "Yorkshire Ambulance Service NHS Trust is rated good for caring.\nIt had been rated good since 2014.",
    ):
        assert [e["ods_code"] for e in events(text, "2019-10-14")] == ["RX8"], text


def test_being_rated_as_the_subject_of_praise_rates_nobody():
    for text in (
        'Norfolk Community Health and Care NHS Trust is proud.\nThe director said: "We are thrilled. To be rated as '
        'outstanding is a huge achievement and this is great news for Norfolk and Suffolk."',
        "To be rated good by the CQC would be a great result for Medway NHS Foundation Trust.",
    ):
        assert events(text, "2019-10-14") == [], text


def test_the_first_trust_to_be_rated_is_rated():
    text = "Medway NHS Foundation Trust was the first trust to be rated outstanding in the region."
    assert [e["to"] for e in events(text, "2019-10-14")] == ["outstanding"]


def test_care_rated_as_a_value_across_the_trust_is_a_key_question():
    text = (
        "Walsall Healthcare NHS Trust was inspected.\nIt has rated care as 'Outstanding' across the trust, but the "
        "trust requires improvement overall."
    )
    assert [e["to"] for e in events(text, "2019-10-14")] == ["requires improvement"]


def test_a_regime_first_imposed_in_a_year_is_an_entry_then_and_no_date_of_the_news():
    text = (
        "Norfolk and Suffolk NHS Foundation Trust has been rated inadequate by the CQC and remains in special "
        "measures, first imposed in 2015."
    )
    found = {(e["framework"], e["change"], e["date"]) for e in events(text, "2022-06-01")}
    assert found == {
        ("cqc_rating", "move", "2022-06-01"),
        ("rsp", "remain", "2022-06-01"),
        ("special_measures", "enter", "2015"),
    }


def test_the_second_part_rated_in_turn_is_a_part_too():
    text = (
        "Medway NHS Foundation Trust was rated good overall.\nIts hospitals were also rated separately, with "
        "Northgate being rated as 'Good' and Southgate being rated as 'Requiring Improvement'."
    )
    assert [e["to"] for e in events(text, "2015-04-01")] == ["good"]


def test_the_trust_rated_after_a_part_is_the_trusts_rating():
    for text in (
        "Medway NHS Foundation Trust's maternity unit was rated good and the trust was rated inadequate.",
        "Dartford and Gravesham NHS Trust's maternity unit was rated good and Medway NHS Foundation Trust was rated "
        "inadequate.",
    ):
        assert [(e["ods_code"], e["to"]) for e in events(text, "2015-04-01")] == [("RPA", "inadequate")], text


def test_a_counted_subject_is_not_the_body_named_in_a_clause_after_the_status():
    text = (
        "The rating means two of Norfolk's three acute trusts are in special measures following Norfolk and Norwich "
        "University Hospitals NHS Foundation Trust being put in special measures in June 2018."
    )
    assert [(e["change"], e["date"]) for e in events(text, "2018-11-10")] == [("enter", "2018-06")]


def test_a_count_with_its_members_named_after_the_status_names_them():
    text = "Two trusts are now in special measures: Medway NHS Foundation Trust and Dartford and Gravesham NHS Trust."
    assert sorted(e["ods_code"] for e in events(text, "2018-11-10")) == ["RN7", "RPA"]


def test_the_regime_a_body_was_placed_in_inside_a_recommendation_is_its_entry():
    text = (
        "Worcestershire Acute Hospitals NHS Trust has a recommendation to extend the special measures it was placed "
        "in back in December 2015."
    )
    found = [(e["change"], e["modality"], e["date"]) for e in events(text, "2017-06-01")]
    assert found == [("enter", "actual", "2015-12")]


def test_support_received_through_being_in_special_measures_is_no_change():
    for text in (
        "Kettering General Hospital NHS Foundation Trust has improved with the support it has received through being "
        "in special measures.",
        "Kettering General Hospital NHS Foundation Trust was inspected.\nWe found steady improvement being made at the "
        "trust, with the support it has received through being in special measures.",
    ):
        assert events(text, "2019-05-22") == [], text


def test_the_hospital_of_a_trust_with_several_is_rated_as_a_location():
    text = (
        "The care provided at Weston General Hospital has improved, the Care Quality Commission said.\n\nThe hospital, "
        "in Weston-super-Mare, was rated inadequate in 2021, but inspectors returned in August."
    )
    assert events(text, "2022-10-12") == []


def test_the_hospital_a_trust_is_named_after_is_rated_as_the_trust():
    text = (
        "Care at the Princess Alexandra Hospital in Harlow has improved.\n\nThe hospital was placed in special "
        "measures in June 2016 after it was rated inadequate."
    )
    assert {e["framework"] for e in events(text, "2018-03-21")} == {"special_measures", "cqc_rating"}


def test_weston_general_hospital_was_weston_area_healths_before_2020():
    text = "Weston General Hospital was placed in special measures in 2016."
    assert [e["ods_code"] for e in events(text, "2017-01-10")] == ["RA3"]


def test_a_ccg_named_without_group_is_the_ccg():
    text = (
        "NHS Sandwell and West Birmingham Clinical Commissioning has maintained a good rating in the annual assessment."
    )
    assert events(text, "2018-07-01") == []
    assert [
        e["ods_code"] for e in events("NHS Walsall Clinical Commissioning was placed in special measures in 2016.")
    ] == ["05Y"]


def test_nhs_kernow_is_the_cornish_ccg():
    assert [e["ods_code"] for e in events("NHS Kernow has been taken out of special measures.", "2018-07-01")] == [
        "11N"
    ]


def test_a_date_of_something_else_applied_to_the_body_is_not_the_status_date():
    text = (
        "We are pleased that the legal directions applied to NHS Kernow in December 2015, as well as the special "
        "measures rating, have been lifted."
    )
    assert [(e["change"], e["date"]) for e in events(text, "2019-08-01")] == [("exit", "2019-08-01")]


def test_bodies_coordinated_with_a_kind_of_provider_between_are_both_subjects():
    text = (
        "Integrated provider the Isle of Wight NHS Trust and acute provider Kettering General Hospital NHS Foundation "
        "Trust have been placed in special measures."
    )
    assert sorted(e["ods_code"] for e in events(text, "2017-04-20")) == ["R1F", "RNQ"]


def test_the_deciding_body_judging_progress_enough_to_exit_is_the_exit():
    text = (
        "NHS England and NHS Improvement considered the good progress was enough to enable Kettering General Hospital "
        "NHS Foundation Trust to come out of special measures."
    )
    assert [(e["change"], e["modality"]) for e in events(text, "2019-05-22")] == [("exit", "actual")]


def test_the_cqc_judging_progress_enough_to_exit_is_a_recommendation():
    text = (
        "The CQC considered the progress was enough to enable Kettering General Hospital NHS Foundation Trust to come "
        "out of special measures."
    )
    assert [(e["change"], e["modality"]) for e in events(text, "2019-05-22")] == [("exit", "proposed")]


def test_what_a_recovery_plan_is_for_is_no_change():
    for text in (
        "NHS Northumberland CCG was required to follow a recovery plan to bring it out of special measures.",
        "NHS Northumberland CCG has an improvement plan to help it exit special measures.",
    ):
        assert events(text, "2018-06-01") == [], text


def test_a_deciding_bodys_plan_to_take_a_body_out_is_a_proposal():
    text = "NHS England plans to take NHS Northumberland CCG out of special measures next month."
    assert [(e["change"], e["modality"]) for e in events(text, "2018-06-01")] == [("exit", "proposed")]


def test_the_organisation_in_a_while_clause_is_not_the_sentences_subject():
    text = (
        "Northumbria Healthcare NHS Foundation Trust, a buddy trust, insists it still plans to go ahead with the "
        "takeover, which can't go ahead while the organisation is in special measures."
    )
    assert events(text, "2018-06-01") == []


def test_it_in_a_while_clause_is_the_sentences_subject():
    text = "Medway NHS Foundation Trust cannot merge while it is in special measures."
    assert [(e["ods_code"], e["to"]) for e in events(text, "2018-06-01")] == [("RPA", "in")]


def test_a_good_place_to_work_is_praise_not_a_rating():
    text = (
        "The CQC inspected London Ambulance Service NHS Trust.\nMost crews told us the organisation was a good place to "
        "work in the past, the CQC said."
    )
    assert events(text, "2015-11-27") == []


def test_good_overall_for_well_led_is_the_key_questions():
    text = "We rated Cambridgeshire and Peterborough NHS Foundation Trust as good overall for well-led."
    assert events(text, "2019-09-05") == []


def test_core_services_rated_good_overall_are_the_services():
    text = (
        "All bar one of the 16 core services delivered by Cambridgeshire and Peterborough NHS Foundation Trust are "
        "rated good overall."
    )
    assert events(text, "2019-09-05") == []


def test_overall_including_for_well_led_is_the_trusts():
    text = "Cambridgeshire and Peterborough NHS Foundation Trust was rated outstanding overall, including for well-led."
    assert [e["to"] for e in events(text, "2019-09-05")] == ["outstanding"]


def test_ratings_counted_over_occasions_are_none_of_them_dated():
    for text in (
        "Norfolk and Suffolk NHS Foundation Trust was rated 'inadequate' on four separate occasions between 2015 and "
        "2023.",
        "Norfolk and Suffolk NHS Foundation Trust has been rated inadequate four times since 2015.",
    ):
        assert events(text, "2025-09-12") == [], text


def test_two_dated_ratings_are_two_events():
    text = "Norfolk and Suffolk NHS Foundation Trust was rated inadequate in 2015 and 2023."
    assert [e["date"] for e in events(text, "2025-09-12")] == ["2015", "2023"]


def test_a_definite_description_opening_the_first_sentence_after_the_headline_is_the_main_body():
    text = (
        "UK's biggest ambulance service to be placed in special measures\n\nThe UK's biggest ambulance service is to "
        "become the first in the country to be placed in special measures.\nInspectors found bullying at the London "
        "Ambulance Service NHS Trust (LAS).\nThe chief inspector said he was recommending LAS be put in special "
        "measures."
    )
    found = sorted((e["ods_code"], e["modality"]) for e in events(text, "2015-11-27"))
    assert found == [("RRU", "actual"), ("RRU", "proposed")]


def test_a_body_subject_of_a_clause_inside_a_relative_clause_about_ratings_is_that_body():
    text = (
        "Barking, Havering and Redbridge University Hospitals NHS Trust has shaken off the last of its inadequate "
        "ratings, which were handed out when the trust was put into special measures in December 2013."
    )
    assert [(e["framework"], e["change"], e["date"]) for e in events(text, "2017-03-01")] == [
        ("special_measures", "enter", "2013-12")
    ]


def test_a_relative_clause_about_a_system_has_no_body_subject():
    text = "The trust operates within the county's system, which is in segment 4."
    assert events(text, "2023-03-01") == []


def test_a_key_questions_rating_named_as_a_noun_is_no_trust_rating():
    text = "Humber NHS Foundation Trust was disappointed with the inadequate safety rating given by the CQC."
    assert events(text, "2016-06-01") == []


def test_ratings_counted_of_which_some_moved_up_are_parts():
    text = (
        "Although our overall rating remains the same, ten ratings have moved up, six of which have moved up to good, "
        "Leicestershire Partnership NHS Trust said."
    )
    assert events(text, "2018-06-01") == []


def test_a_system_is_tiered_for_electives_and_cancer_too():
    text = "NHS Shropshire, Telford and Wrekin Integrated Care Board was placed in tier 1 for elective care."
    assert [(e["ods_code"], e["framework"], e["to"]) for e in events(text, "2023-06-01")] == [
        ("QOC", "elective_tier", 1)
    ]


def test_a_bullet_opening_with_its_verb_takes_the_headers_body():
    text = (
        "The CQC inspection report shows that Leicestershire Partnership NHS Trust has:\n"
        "• Retained the overall rating of Requires Improvement"
    )
    found = [(e["ods_code"], e["change"], e["to"]) for e in events(text, "2018-06-01")]
    assert found == [("RT5", "remain", "requires improvement")]


def test_a_bullet_after_a_line_without_a_header_verb_has_no_body():
    text = "Leicestershire Partnership NHS Trust was inspected in 2018.\n\n• Retained the overall rating of good"
    assert events(text, "2018-06-01") == []


def test_a_places_schools_or_care_homes_are_no_nhs_body():
    for text in (
        "Isle of Wight schools in special measures.",
        "Wye Valley schools were inspected and Ofsted rated them inadequate.",
    ):
        assert events(text, "2017-04-20") == [], text
    text = "Isle of Wight NHS Trust has been placed in special measures."
    assert [e["ods_code"] for e in events(text, "2017-04-20")] == ["R1F"]


def test_a_suspended_rating_is_no_rating_held():
    text = (
        "The CQC has suspended a North East NHS trust's outstanding rating.\nNewcastle upon Tyne Hospitals NHS "
        "Foundation Trust said it was disappointed."
    )
    assert events(text, "2024-01-24") == []


def test_a_count_of_ratings_received_is_of_parts():
    text = "Leeds Teaching Hospitals NHS Trust received three 'Outstanding' ratings."
    assert events(text, "2019-02-15") == []


def test_a_trusts_other_institution_is_not_its_short_form():
    text = (
        "Leeds Teaching Hospitals NHS Trust was inspected.\nCritical care was rated outstanding. The Leeds Dental "
        "Institute was also rated outstanding."
    )
    assert events(text, "2019-02-15") == []


def test_a_rating_for_the_use_of_resources_is_no_overall_rating():
    text = (
        "Leeds Teaching Hospitals NHS Trust was inspected.\nFor the first time, our hospitals received ratings for the "
        "Use of Resources which was carried out by NHS Improvement and we received an Outstanding rating for this."
    )
    assert events(text, "2019-02-15") == []


# --- Session 15 --------------------------------------------------------------------------------------


def test_a_first_word_inside_another_bodys_name_is_no_short_form():
    for text in (
        "University Hospitals Birmingham NHS Foundation Trust and Birmingham Women's and Children's NHS Foundation "
        "Trust met. Birmingham was rated inadequate in 2019.",
        "Royal Devon University Healthcare NHS Foundation Trust and Devon Partnership NHS Trust met. Devon was rated "
        "inadequate in 2019.",
    ):
        assert events(text, "2019-09-20") == [], text


def test_a_first_word_of_the_only_body_so_named_is_its_short_form():
    text = "Sherwood Forest Hospitals NHS Foundation Trust was inspected. Sherwood was rated good in 2019."
    assert [e["ods_code"] for e in events(text, "2019-09-20")] == ["RK5"]


def test_a_well_led_rating_beside_an_overall_rating_in_another_sentence_is_a_key_question():
    for text in (
        "The overall rating for Leeds Teaching Hospitals NHS Trust stayed requires improvement after the 2024 "
        "inspection.\nThe rating for how well-led the trust is fell from good to inadequate.",
        "The CQC rated Leeds Teaching Hospitals NHS Trust inadequate for being well-led in August.\nIts overall "
        "rating is unchanged at requires improvement.",
    ):
        found = [(e["change"], e["to"]) for e in events(text, "2024-09-20")]
        assert found == [("remain", "requires improvement")], text


def test_a_well_led_rating_alone_is_the_trusts_under_the_single_assessment_framework():
    text = "The CQC rated Leeds Teaching Hospitals NHS Trust inadequate for being well-led in August."
    assert [(e["ods_code"], e["to"]) for e in events(text, "2024-09-20")] == [("RR8", "inadequate")]


def test_a_place_before_an_ambulance_service_is_no_commissioner():
    for text in (
        "NHS to place Sussex ambulance service in special measures",
        "Kent ambulance service has been placed in special measures.",
    ):
        assert events(text, None) == [], text


def test_special_measures_after_a_dated_inspection_take_its_date():
    for text, day in (
        (
            "In 2020, inspectors from the Care Quality Commission found failings at East of England Ambulance Service "
            "NHS Trust.\nThe trust was plunged into special measures after inspectors found evidence of bullying.",
            "2020",
        ),
        (
            "In March 2019 CQC inspectors visited Medway NHS Foundation Trust.\nThe trust was then placed in special "
            "measures following the inspection.",
            "2019-03",
        ),
    ):
        found = [(e["framework"], e["change"], e["date"]) for e in events(text, None)]
        assert found == [("special_measures", "enter", day)], text


def test_special_measures_for_another_reason_take_no_inspections_date():
    text = (
        "In March 2019 CQC inspectors visited Medway NHS Foundation Trust.\nThe trust was placed in special measures "
        "after a review of its finances."
    )
    assert [e["date"] for e in events(text, None)] == [None]


def test_out_of_the_programme_with_its_owner_between_is_an_exit():
    for text in (
        "CQC has recommended that Medway NHS Foundation Trust transitions out of the NHS England recovery support "
        "programme.",
        "Medway NHS Foundation Trust has been taken out of the national Recovery Support Programme.",
    ):
        assert [e["change"] for e in events(text, "2024-05-01")] == ["exit"], text


def test_out_of_a_count_with_an_owner_is_no_exit():
    text = "Medway NHS Foundation Trust was ranked 40 out of NHS England's 134 trusts and placed in segment 3."
    assert [e["change"] for e in events(text, "2024-05-01") if e["framework"] == "rsp"] == []


def test_a_date_in_the_regimes_own_history_is_not_the_bodys():
    for text in (
        "Medway NHS Foundation Trust will leave the recovery support programme (which replaced the former special "
        "measures regime in July 2021).",
        "Medway NHS Foundation Trust has left the Recovery Support Programme, which was introduced in July 2021.",
    ):
        assert [e["date"] for e in events(text, "2024-05-01")] == ["2024-05-01"], text


def test_what_a_recommendation_would_do_is_proposed():
    for text in (
        "The CQC has recommended that Medway NHS Foundation Trust exits the Recovery Support Programme. This "
        "recommendation would see the trust move from segment 4 to segment 3.",
        "The proposal would see Medway NHS Foundation Trust move from segment 4 to segment 3.",
    ):
        found = [(e["framework"], e["modality"]) for e in events(text, "2024-05-01") if e["framework"] == "nof"]
        assert found == [("nof", "proposed")], text


def test_what_another_change_would_do_is_hypothetical():
    text = "Such a move would see Medway NHS Foundation Trust leave special measures."
    assert [e["modality"] for e in events(text, "2024-05-01")] == ["hypothetical"]


def test_a_spell_bounded_by_two_dates_stands_beside_a_later_return():
    for text in (
        "Medway NHS Foundation Trust had previously been in special measures between 2013 and 2015, and returned to "
        "special measures again in 2018.",
        "Medway NHS Foundation Trust was in special measures from 2013 to 2015 and went back into special measures "
        "in 2018.",
    ):
        found = sorted((e["change"], e["date"]) for e in events(text, "2024-05-01"))
        assert found == [("enter", "2013"), ("enter", "2018"), ("exit", "2015")], text


def test_a_since_date_before_a_return_is_no_spell():
    text = (
        "Medway NHS Foundation Trust had been in special measures since 2013 and returned to special measures again "
        "in 2018."
    )
    assert [(e["change"], e["date"]) for e in events(text, "2024-05-01")] == [("enter", "2018")]


def test_a_place_described_as_the_only_county_is_no_body():
    text = (
        "Gloucestershire Hospitals NHS Foundation Trust is rated requires improvement. Fifty one services are rated "
        "good or outstanding, making Gloucestershire the only county in the region to receive the CQC's highest "
        "rating."
    )
    assert [e["to"] for e in events(text, "2024-05-01")] == ["requires improvement"]


def test_a_rating_moved_from_without_a_new_one_is_no_status():
    for text in (
        "East Sussex Healthcare NHS Trust is moving from its inadequate rating.",
        "East Sussex Healthcare NHS Trust was praised, with many specialities being rated as good and the hospital "
        "moving from its inadequate rating.",
    ):
        assert events(text, "2016-05-01") == [], text


def test_a_rating_moved_from_and_to_is_a_move():
    text = "East Sussex Healthcare NHS Trust has moved from inadequate to good."
    assert [(e["from"], e["to"]) for e in events(text, "2016-05-01")] == [("inadequate", "good")]


def test_a_move_from_being_rated_to_being_rated_is_a_move():
    for text, pair in (
        (
            "Sussex Partnership NHS Foundation Trust has gone from being rated as requiring improvement to being "
            "rated as good.",
            ("requires improvement", "good"),
        ),
        (
            "Sussex Partnership NHS Foundation Trust went from being rated inadequate to being rated good in two years.",
            ("inadequate", "good"),
        ),
    ):
        assert [(e["from"], e["to"]) for e in events(text, "2016-05-01")] == [pair], text


def test_a_fronted_purpose_closed_by_a_comma_does_not_reach_the_main_clause():
    text = (
        "In order to continue with its improvements, the CQC has recommended East Sussex Healthcare NHS Trust "
        "remains in special measures."
    )
    assert [(e["change"], e["modality"]) for e in events(text, "2016-05-01")] == [("remain", "proposed")]


def test_a_purpose_before_the_status_is_still_no_status():
    for text in (
        "East Sussex Healthcare NHS Trust needs more work in order to exit special measures.",
        "An improvement director was appointed to help East Sussex Healthcare NHS Trust exit special measures.",
    ):
        assert events(text, "2016-05-01") == [], text


def test_trusts_in_general_when_they_change_are_no_body():
    for text in (
        "Basildon and Thurrock University Hospitals NHS Foundation Trust was praised. She pointed out it is "
        "incredibly painful for trusts when they go into special measures.",
        "Basildon and Thurrock University Hospitals NHS Foundation Trust was praised. Hospitals often improve once "
        "they leave special measures.",
    ):
        assert events(text, "2014-07-01") == [], text


def test_the_trust_when_it_changed_is_still_the_trust():
    text = (
        "Basildon and Thurrock University Hospitals NHS Foundation Trust was praised. Staff at the trust worked hard "
        "when it went into special measures in 2013."
    )
    assert [(e["ods_code"], e["date"]) for e in events(text, "2014-07-01")] == [("RDD", "2013")]


def test_back_then_takes_the_last_sentences_date():
    text = (
        "London Ambulance Service NHS Trust entered special measures in November 2015. Back then, the CQC rated the "
        "trust inadequate."
    )
    assert [(e["framework"], e["date"]) for e in events(text, "2017-08-01")] == [
        ("special_measures", "2015-11"),
        ("cqc_rating", "2015-11"),
    ]


def test_an_undated_entry_told_after_the_body_stays_in_is_history():
    text = (
        "Medway NHS Foundation Trust will remain in special measures. The trust was placed in special measures by the "
        "CQC."
    )
    found = [(e["change"], e["date"]) for e in events(text, "2017-10-05")]
    assert found == [("remain", "2017-10-05"), ("enter", None)]


def test_an_entry_told_before_the_body_stays_in_is_the_news():
    text = (
        "Medway NHS Foundation Trust has been placed in special measures. It will remain in special measures for at "
        "least a year."
    )
    assert next((e["change"], e["date"]) for e in events(text, "2017-10-05")) == ("enter", "2017-10-05")


def test_recommended_for_special_measures_is_a_proposed_entry():
    text = (
        "Following the inspection, East of England Ambulance Service NHS Trust has been recommended for special "
        "measures."
    )
    assert [(e["change"], e["modality"]) for e in events(text, "2020-09-20")] == [("enter", "proposed")]


def test_an_undated_story_naming_a_closed_trust_reads_its_hospitals_as_its():
    text = (
        "NHS trust given requires improvement rating\n\nInspectors visited Mid Essex Hospital Services NHS Trust in the "
        "spring.\nThey went to St Peter's Hospital in Maldon and Braintree Community Hospital.\nStaff at Broomfield "
        "Hospital were praised.\nBroomfield Hospital also has a new ward."
    )
    assert [e["ods_code"] for e in events(text, None)] == ["RQ8"]


def test_the_provision_for_a_group_of_patients_is_a_service():
    text = (
        "The CQC rated the provisions for children and young people at Sheffield Children's NHS Foundation Trust as "
        "inadequate."
    )
    assert events(text, "2024-05-01") == []


def test_a_trust_providing_care_for_a_group_is_still_rated_whole():
    text = "Sheffield Children's NHS Foundation Trust provides care for children and was rated outstanding by the CQC."
    assert [e["to"] for e in events(text, "2024-05-01")] == ["outstanding"]


def test_a_word_ending_another_name_is_no_short_form():
    text = (
        "The new rating for Birmingham Women's and Children's NHS Foundation Trust is due to the Forward Thinking "
        "Birmingham mental health service being found as 'Inadequate'."
    )
    assert events(text, "2024-05-01") == []


def test_a_services_trust_described_is_the_whole_body():
    text = (
        "Southern Health NHS Foundation Trust, the largest mental health and community services trust in the country, "
        "has been rated requires improvement."
    )
    assert [e["to"] for e in events(text, "2014-06-01")] == ["requires improvement"]


def test_its_community_services_rated_are_a_part():
    text = "Southern Health NHS Foundation Trust was inspected. Its community services were rated requires improvement."
    assert events(text, "2014-06-01") == []


def test_a_place_opening_a_hospitals_name_is_no_commissioner():
    text = (
        "The NHS trust which runs Gloucestershire Royal and Cheltenham General hospitals has been put in special "
        "measures."
    )
    assert [e["ods_code"] for e in events(text, None)] == []


def test_a_status_as_the_subject_of_a_benefit_is_no_change():
    for text in (
        "St George's University Hospitals NHS Foundation Trust is not on course to meet its targets, and placing it "
        "in financial special measures would help get it the support needed.",
        "Putting St George's University Hospitals NHS Foundation Trust into special measures will help it improve.",
    ):
        assert events(text, "2016-10-18") == [], text


def test_a_status_followed_by_its_benefit_in_a_clause_is_still_the_change():
    text = (
        "St George's University Hospitals NHS Foundation Trust was placed in special measures, which will help it "
        "improve."
    )
    assert [e["change"] for e in events(text, "2016-10-18")] == ["enter"]


def test_the_trust_after_a_clause_counting_its_services_is_the_trust():
    text = (
        "St George's University Hospitals NHS Foundation Trust was inspected. Whilst some services were rated good, "
        "the trust as a whole was rated as inadequate."
    )
    assert [(e["ods_code"], e["to"]) for e in events(text, "2016-10-18")] == [("RJ7", "inadequate")]


def test_a_hospital_rated_together_with_the_trust_leaves_the_trusts_rating():
    for text in (
        "North West Anglia NHS Foundation Trust was inspected.\nThe overall ratings of Peterborough City Hospital and "
        "the trust remain unchanged as requires improvement.",
        "North West Anglia NHS Foundation Trust and its hospitals remain rated requires improvement overall.",
    ):
        found = [(e["ods_code"], e["change"]) for e in events(text, "2025-04-15")]
        assert found == [("RGN", "remain")], text


def test_a_hospital_rated_alone_is_still_the_hospital():
    text = "North West Anglia NHS Foundation Trust was inspected.\nPeterborough City Hospital remains rated requires improvement."
    assert events(text, "2025-04-15") == []


def test_the_rating_a_report_kept_is_the_one_body_last_named():
    for text, change in (
        (
            "North West Anglia NHS Foundation Trust was inspected in March.\nThe report kept the overall rating as "
            "requires improvement.",
            "remain",
        ),
        (
            "North West Anglia NHS Foundation Trust was inspected in March.\nThe CQC upgraded the overall rating to good.",
            "move",
        ),
    ):
        assert [(e["ods_code"], e["change"]) for e in events(text, "2025-04-15")] == [("RGN", change)], text


def test_the_rating_a_report_kept_after_two_bodies_is_nobodys():
    text = (
        "North West Anglia NHS Foundation Trust and Medway NHS Foundation Trust were inspected in March.\nThe report "
        "kept the overall rating as requires improvement."
    )
    assert events(text, "2025-04-15") == []


def test_among_the_first_few_trusts_in_the_country_to_be_put_in_is_done():
    text = (
        "Medway NHS Foundation Trust was among the first five NHS trusts in the country to be put in special measures."
    )
    assert [(e["change"], e["modality"]) for e in events(text, "2017-05-01")] == [("enter", "actual")]


def test_a_relative_clause_the_regulator_rated_is_about_the_body_before_it():
    text = (
        "Caroline Donovan has joined Lancashire Care NHS Foundation Trust from North Staffordshire Combined Healthcare "
        "NHS Trust, which the Care Quality Commission recently rated outstanding under her leadership."
    )
    assert [e["ods_code"] for e in events(text, "2018-05-01")] == ["RLY"]


def test_an_undated_ccg_named_is_the_ccg_not_its_successor():
    text = "Somerset CCG, which was rated inadequate by NHS England, was placed in special measures last month."
    assert [(e["ods_code"], e["framework"]) for e in events(text, None)] == [("11X", "special_measures")]


def test_leadership_rated_beside_a_rating_given_overall_is_a_key_question():
    text = (
        "East of England Ambulance Service NHS Trust was rated requires improvement overall, but its leadership was "
        "rated inadequate."
    )
    assert [e["to"] for e in events(text, "2024-05-01")] == ["requires improvement"]


def test_a_vow_or_pledge_to_lead_it_out_is_an_aim():
    for text in (
        "Chief executive vows to lead Norfolk and Suffolk NHS Foundation Trust out of special measures.",
        "The new chief executive pledged to take Norfolk and Suffolk NHS Foundation Trust out of special measures.",
    ):
        assert events(text, "2019-05-01") == [], text


def test_an_exit_as_promised_is_done():
    text = (
        "Norfolk and Suffolk NHS Foundation Trust has come out of special measures, as its chief executive promised "
        "to do."
    )
    assert [(e["change"], e["modality"]) for e in events(text, "2019-05-01")] == [("exit", "actual")]


def test_it_came_out_after_a_regime_sentence_is_an_exit_of_that_regime():
    for text, day in (
        (
            "Norfolk and Suffolk NHS Foundation Trust is back in special measures. It only came out in October last year.",
            "2016-10",
        ),
        ("Wye Valley NHS Trust re-entered special measures in 2018. It had come out in 2016.", "2016"),
    ):
        exits = [(e["change"], e["date"]) for e in events(text, "2017-09-01") if e["change"] == "exit"]
        assert exits == [("exit", day)], text


def test_it_came_out_on_top_or_a_report_came_out_is_no_exit():
    for text in (
        "Norfolk and Suffolk NHS Foundation Trust is in special measures. It came out on top in a staff survey last "
        "year.",
        "Norfolk and Suffolk NHS Foundation Trust is in special measures. The report came out in October.",
    ):
        assert [e["change"] for e in events(text, "2017-09-01")] == ["state"], text


def test_the_same_rating_at_the_previous_inspection_is_a_rating_kept():
    for text in (
        "The Royal Marsden NHS Foundation Trust has been rated outstanding by the CQC. At its previous inspection it "
        "was also rated outstanding overall.",
        "The Royal Marsden NHS Foundation Trust has been rated outstanding by the CQC. It was previously rated "
        "outstanding.",
    ):
        found = [(e["change"], e["from"], e["to"]) for e in events(text, "2019-05-01")]
        assert found == [("remain", "outstanding", "outstanding")], text


def test_another_rating_at_the_previous_inspection_is_the_moves_start():
    text = (
        "The Royal Marsden NHS Foundation Trust has been rated outstanding by the CQC. At its previous inspection it "
        "was rated good."
    )
    assert [(e["change"], e["from"]) for e in events(text, "2019-05-01")] == [("move", "good")]


def test_a_new_form_of_special_measures_is_the_recovery_support_programme():
    for text in (
        "The University Hospitals of Morecambe Bay NHS Foundation Trust was placed in a new form of special measures.",
        "The University Hospitals of Morecambe Bay NHS Foundation Trust was placed in a new form of 'special "
        "measures'.",
    ):
        assert [e["framework"] for e in events(text, None)] == ["rsp"], text


def test_it_after_the_lede_describes_the_body_a_person_belongs_to_is_that_body():
    text = (
        "Chair quits\n\nThe chair of a failing hospital trust has resigned, two months after it was placed in special "
        "measures.\nJohn Smith said he was leaving Medway NHS Foundation Trust after four years."
    )
    assert [(e["ods_code"], e["change"]) for e in events(text, "2015-05-01")] == [("RPA", "enter")]


def test_it_after_a_person_of_a_body_of_another_kind_is_nobody():
    text = (
        "Chair quits\n\nThe chair of a failing hospital trust has resigned, two months after it was placed in special "
        "measures.\nJohn Smith said he was leaving NHS Swale Clinical Commissioning Group after four years."
    )
    assert events(text, "2015-05-01") == []


def test_a_pluperfect_retelling_of_the_same_rating_is_no_rating_kept():
    text = (
        "St George's University Hospitals NHS Foundation Trust was placed in special measures after a report rated "
        "the trust as inadequate.\nThe trust had been rated inadequate on the questions of safety and leadership."
    )
    ratings = [(e["change"], e["from"]) for e in events(text, "2016-11-01") if e["framework"] == "cqc_rating"]
    assert ratings == [("move", None)]


def test_a_trust_described_by_the_hospitals_it_runs_in_a_county_is_the_trust_named_next():
    text = (
        "An NHS trust that runs three Kent hospitals should be placed in special measures, the chief inspector of "
        "hospitals has recommended.\nEast Kent Hospitals University NHS Foundation Trust said it accepted the findings."
    )
    found = [(e["ods_code"], e["framework"], e["modality"]) for e in events(text, None)]
    assert found == [("RVV", "special_measures", "proposed")]


def test_end_of_life_care_with_hyphens_is_a_service():
    text = "Wye Valley NHS Trust has now been rated good, with end-of-life care found to be outstanding."
    assert [e["to"] for e in events(text, "2016-08-01")] == ["good"]


def test_staff_rated_across_the_trust_are_no_trust_rating():
    text = (
        "Mid Yorkshire Hospitals NHS Trust was rated requires improvement. Staff across the trust were rated good, "
        "which the trust said would reassure patients."
    )
    assert [e["to"] for e in events(text, "2016-08-01")] == ["requires improvement"]


def test_staff_praised_before_the_trust_is_rated_leave_the_trusts_rating():
    text = "Mid Yorkshire Hospitals NHS Trust was inspected. Its staff were praised and the trust was rated good."
    assert [e["to"] for e in events(text, "2016-08-01")] == ["good"]


def test_a_rating_raised_from_without_a_new_one_is_no_status():
    text = (
        "An NHS trust that runs the biggest three hospitals in Essex has improved after a watchdog raised their rating "
        "from inadequate. Mid and South Essex NHS Foundation Trust runs Broomfield Hospital."
    )
    assert events(text, "2023-10-27") == []


def test_a_rating_raised_from_one_value_to_another_is_a_move():
    text = "The CQC raised its rating from inadequate to requires improvement, Mid and South Essex NHS Foundation Trust said."
    assert [(e["from"], e["to"]) for e in events(text, "2023-10-27")] == [("inadequate", "requires improvement")]


def test_a_rating_word_before_services_is_the_services():
    for text, kept in (
        ("Oxleas NHS Foundation Trust has been given a Good rating with Outstanding services by the watchdog.", "good"),
        (
            "Pennine Care NHS Foundation Trust was rated Requires Improvement, with Outstanding services for children.",
            "requires improvement",
        ),
    ):
        assert [e["to"] for e in events(text, "2024-05-01")] == [kept], text


def test_an_overall_rating_for_its_wards_is_the_wards():
    text = (
        "Greater Manchester Mental Health NHS Foundation Trust was given an overall rating of inadequate for its "
        "forensic inpatient and secure wards."
    )
    assert events(text, "2024-05-01") == []


def test_a_rating_for_the_quality_of_its_services_is_the_trusts():
    text = "Barts Health NHS Trust was inspected. Overall the trust remains requires improvement for the quality of its services."
    assert [e["change"] for e in events(text, "2019-03-01")] == ["remain"]


def test_nhs_before_the_kind_of_trust_names_the_same_trust():
    for text, code in (
        ("Coventry and Warwickshire NHS Partnership Trust was rated good.", "RYG"),
        ("Devon NHS Partnership Trust was rated good.", "RWV"),
    ):
        assert [e["ods_code"] for e in events(text, "2024-05-01")] == [code], text


def test_its_rating_after_a_sentence_naming_only_a_hospital_is_the_hospitals():
    text = "Inspectors visited Royal Stoke University Hospital. Its overall rating is now good."
    assert events(text, "2019-05-01") == []


def test_it_after_the_trust_runs_a_hospital_is_the_trust():
    text = "University Hospitals of North Midlands NHS Trust runs County Hospital. It was rated good overall."
    assert [e["ods_code"] for e in events(text, "2019-05-01")] == ["RJE"]


def test_it_after_the_trusts_hospitals_were_visited_is_the_trust():
    text = (
        "Northern Lincolnshire and Goole NHS Foundation Trust was inspected.\nInspectors visited the trust's three "
        "hospitals - Diana, Princess of Wales Hospital, Scunthorpe General Hospital and Goole and District Hospital.\n"
        "It has been rated overall as requiring improvement."
    )
    assert [e["ods_code"] for e in events(text, "2019-05-01")] == ["RJL"]


def test_a_list_after_the_status_and_a_colon_names_who_changed():
    text = (
        "Regulators have placed three trusts in special measures: East Sussex Healthcare NHS Trust, Gloucestershire "
        "Hospitals NHS Foundation Trust and Brighton and Sussex University Hospitals NHS Trust."
    )
    assert sorted(e["ods_code"] for e in events(text, "2016-10-18")) == ["RTE", "RXC", "RXH"]


def test_a_status_labelling_a_headline_is_no_change():
    assert events("Special measures: Medway NHS Foundation Trust chief speaks out", "2016-10-18") == []


def test_a_list_line_that_is_only_a_name_may_end_in_a_full_stop():
    for text in (
        "NHS England has recommended that the following organisations are placed in segment 4:\n\nBlackpool "
        "Teaching Hospitals NHS Foundation Trust;\nEast Lancashire Hospitals NHS Trust;\nLancashire Teaching "
        "Hospitals NHS Foundation Trust.\n\nThe decision will be confirmed next month.",
        "NHS England has recommended that the following organisations are placed in segment 4:\n\nBlackpool "
        "Teaching Hospitals NHS Foundation Trust.\nEast Lancashire Hospitals NHS Trust.\nLancashire Teaching "
        "Hospitals NHS Foundation Trust.",
    ):
        assert [e["ods_code"] for e in events(text, "2025-02-06")] == ["RXL", "RXR", "RXN"], text


def test_a_rating_upgraded_from_its_old_value_is_a_move():
    text = (
        "Kettering General Hospital NHS Foundation Trust's inadequate rating was upgraded to requires improvement in "
        "February 2018."
    )
    found = [(e["from"], e["to"], e["date"]) for e in events(text, "2019-05-01")]
    assert found == [("inadequate", "requires improvement", "2018-02")]


def test_cleared_of_a_rating_is_no_rating_held():
    text = "Sheffield Teaching Hospitals NHS Foundation Trust has been cleared of any 'Inadequate' ratings."
    assert events(text, "2019-05-01") == []


def test_a_key_question_named_as_a_category_or_domain_is_no_overall_rating():
    for text in (
        "The care category saw South East Coast Ambulance Service NHS Foundation Trust achieve a good rating.",
        "For the safe domain, Medway NHS Foundation Trust was rated inadequate.",
    ):
        assert events(text, "2019-05-01") == [], text


def test_a_rating_gone_from_a_trust_is_no_rating_held():
    text = "'Inadequate' ratings gone from Sheffield Teaching Hospitals NHS Foundation Trust"
    assert events(text, "2022-12-22") == []


def test_a_count_then_as_many_bodies_opening_the_next_sentence_are_its_members():
    text = (
        "Two trusts have been placed in special measures.\nMedway NHS Foundation Trust and Barts Health NHS Trust have "
        "both struggled for years."
    )
    assert sorted((e["ods_code"], e["change"]) for e in events(text, "2017-03-22")) == [
        ("R1H", "enter"),
        ("RPA", "enter"),
    ]


def test_bodies_not_matching_the_count_or_not_next_are_no_members():
    for text in (
        "Three trusts have been placed in special measures.\nMedway NHS Foundation Trust and Barts Health NHS Trust "
        "have both struggled for years.",
        "Two trusts have been placed in special measures.\nThe chief executive praised staff.\nMedway NHS Foundation "
        "Trust and Barts Health NHS Trust have both struggled for years.",
    ):
        assert events(text, "2017-03-22") == [], text


def test_it_in_a_first_sentence_is_the_one_body_it_located():
    text = (
        "Patients at Norfolk and Suffolk NHS Foundation Trust were unsafe, as the CQC rated it inadequate and "
        "recommended it be placed in special measures."
    )
    found = sorted((e["ods_code"], e["framework"], e["modality"]) for e in events(text, "2015-02-20"))
    assert found == [("RMY", "cqc_rating", "actual"), ("RMY", "special_measures", "proposed")]


def test_it_in_a_first_sentence_locating_two_bodies_is_nobody():
    text = (
        "Patients at Norfolk and Suffolk NHS Foundation Trust and Medway NHS Foundation Trust were unsafe, as the CQC "
        "rated it inadequate."
    )
    assert events(text, "2015-02-20") == []


def test_a_rating_before_a_recommendation_of_its_own_is_done():
    text = (
        "Norfolk and Suffolk NHS Foundation Trust was inspected in October. The Care Quality Commission (CQC) rated it "
        "as inadequate overall and recommend it be placed in special measures."
    )
    found = sorted((e["framework"], e["modality"]) for e in events(text, "2015-02-20"))
    assert found == [("cqc_rating", "actual"), ("special_measures", "proposed")]


def test_segment_4_and_the_programme_coordinated_are_an_event_each():
    for text, change in (
        (
            "Lancashire Teaching Hospitals NHS Foundation Trust was placed into segment 4 and the Recovery Support "
            "Programme.",
            "enter",
        ),
        ("Medway NHS Foundation Trust was taken out of segment 4 and the Recovery Support Programme.", "exit"),
    ):
        found = sorted((e["framework"], e["change"]) for e in events(text, "2025-02-06"))
        assert found == [("nof", change), ("rsp", change)], text


def test_a_programme_in_a_clause_of_its_own_takes_no_change_from_the_segment():
    text = "Medway NHS Foundation Trust was placed in segment 4, and the Recovery Support Programme has helped it."
    assert [e["framework"] for e in events(text, "2025-02-06")] == ["nof"]


def test_a_rating_lost_for_another_is_a_move_from_it():
    for text, pair in (
        (
            "Sheffield Teaching Hospitals NHS Foundation Trust lost its good rating and was dropped down to requires "
            "improvement.",
            ("good", "requires improvement"),
        ),
        ("Medway NHS Foundation Trust lost its outstanding rating and was rated good.", ("outstanding", "good")),
    ):
        assert [(e["from"], e["to"]) for e in events(text, "2022-12-22")] == [pair], text


def test_a_rating_word_before_use_of_resources_is_no_overall_rating():
    for text, expected in (
        ("Medway NHS Foundation Trust received an inadequate Use of Resources rating.", []),
        (
            "Medway NHS Foundation Trust was rated good overall and received an outstanding Use of Resources rating.",
            ["good"],
        ),
    ):
        assert [e["to"] for e in events(text, "2019-05-01")] == expected, text


def test_the_same_rating_for_the_second_time_in_a_row_is_kept():
    for text in (
        "Medway NHS Foundation Trust has been rated outstanding for the second time in a row.",
        "Medway NHS Foundation Trust has been rated outstanding for a second consecutive inspection.",
    ):
        assert [e["change"] for e in events(text, "2019-05-01")] == ["remain"], text


def test_ratings_of_the_former_and_the_latter_are_parts():
    text = (
        "East of England Ambulance Service NHS Trust was inspected in April and, although the overall rating remained "
        "at requires improvement, there was a disparity between staff and leaders as the former were seen as "
        "outstanding and the latter as inadequate."
    )
    assert [e["to"] for e in events(text, "2022-07-13")] == ["requires improvement"]


def test_a_trust_in_special_measures_a_named_body_deals_with_is_another_body():
    for text in (
        "Guy's and St Thomas' NHS Foundation Trust is buddying a trust in special measures.",
        "Inspectors compared Dorset County Hospital NHS Foundation Trust with trusts in special measures.",
    ):
        assert events(text, "2017-05-01") == [], text


def test_a_named_body_described_as_a_trust_in_special_measures_is_in():
    text = "Sherwood Forest Hospitals NHS Foundation Trust is a trust in special measures."
    assert [(e["ods_code"], e["to"]) for e in events(text, "2017-05-01")] == [("RK5", "in")]


def test_what_would_still_be_but_for_something_is_counterfactual():
    for text in (
        "Had it not been for the new leadership, Sherwood Forest Hospitals NHS Foundation Trust might still be in "
        "special measures.",
        "Without the new leadership, Sherwood Forest Hospitals NHS Foundation Trust would still be in special measures.",
    ):
        assert events(text, "2017-05-01") == [], text


def test_the_regime_ending_as_a_body_moves_on_is_no_exit_of_the_body():
    text = (
        "As special measures ends, Northern Lincolnshire and Goole NHS Foundation Trust moves into segment 4 and the "
        "new Recovery Support Programme."
    )
    found = sorted((e["framework"], e["change"]) for e in events(text, "2021-07-01"))
    assert found == [("nof", "enter"), ("rsp", "enter")]


def test_a_rating_upgraded_from_with_no_new_one_is_no_status():
    text = "The CQC upgraded it from requires improvement, Bradford Teaching Hospitals NHS Foundation Trust said."
    assert events(text, "2021-07-01") == []


def test_a_body_once_in_special_measures_is_no_status_now_or_ahead():
    text = (
        "Basildon and Thurrock University Hospitals NHS Foundation Trust, once in special measures, will merge next "
        "April with Southend University Hospital NHS Foundation Trust."
    )
    assert events(text, "2019-12-01") == []


def test_once_again_in_special_measures_is_in_now():
    text = "Basildon and Thurrock University Hospitals NHS Foundation Trust is once again in special measures."
    assert [e["to"] for e in events(text, "2019-12-01")] == ["in"]


def test_a_comma_then_left_in_a_year_is_an_elliptical_exit():
    text = "Medway NHS Foundation Trust was placed in special measures in 2013, left in 2015 and returned in 2018."
    found = sorted((e["change"], e["date"]) for e in events(text, "2019-12-01"))
    assert ("exit", "2015") in found and ("enter", "2013") in found


def test_someone_else_leaving_after_a_comma_is_no_exit():
    text = (
        "Medway NHS Foundation Trust was placed in special measures in 2013, after a review, and its chief executive "
        "left in 2014."
    )
    assert [e["change"] for e in events(text, "2019-12-01")] == ["enter"]


def test_a_timeline_bullet_opens_no_list_for_the_bullets_after_it():
    text = (
        "Timeline for Burton Hospitals NHS Foundation Trust:\n- July 2013: placed in special measures\n- October "
        "2014: left special measures\n- 2018: merged into University Hospitals of Derby and Burton NHS Foundation Trust"
    )
    assert [e["ods_code"] for e in events(text, "2019-12-01")] == []


def test_a_town_hospital_after_a_private_hospital_of_that_town_is_the_private_one():
    text = (
        "Two private hospitals placed in special measures\n\n• Priory Hospital Blandford in Dorset rated inadequate\n"
        "• NHS England also suspends admissions to Blandford hospital"
    )
    assert events(text, "2019-02-01") == []


# --- Session 16 --------------------------------------------------------------------------------------


def test_a_trust_asking_to_go_into_special_measures_is_a_proposal():
    text = "Medway NHS Foundation Trust has asked regulators to put it into special measures."
    assert [(e["change"], e["modality"]) for e in events(text, "2019-12-01")] == [("enter", "proposed")]


def test_a_board_voting_to_request_support_is_a_proposal():
    text = "The board of Medway NHS Foundation Trust voted to request special measures support."
    assert [e["modality"] for e in events(text, "2019-12-01")] == ["proposed"]


def test_a_trust_asking_to_leave_special_measures_is_a_proposal():
    text = "Medway NHS Foundation Trust has asked NHS Improvement to take it out of special measures."
    assert [(e["change"], e["modality"]) for e in events(text, "2019-12-01")] == [("exit", "proposed")]


def test_an_entry_at_the_trusts_own_request_is_actual():
    text = "At its own request, Medway NHS Foundation Trust was placed in special measures in May."
    assert [(e["change"], e["modality"]) for e in events(text, "2019-12-01")] == [("enter", "actual")]


def test_an_entry_after_someone_else_requested_a_review_is_actual():
    text = "Medway NHS Foundation Trust was placed in special measures after the CQC requested an urgent review."
    assert [e["modality"] for e in events(text, "2019-12-01")] == ["actual"]


def test_a_plan_in_an_interposed_clause_does_not_reach_the_main_verb():
    text = (
        "East Sussex Healthcare NHS Trust, which had been due to be inspected again in June, was taken out of "
        "special measures last week."
    )
    assert [(e["change"], e["modality"]) for e in events(text, "2019-01-30")] == [("exit", "actual")]


def test_a_plan_before_the_subject_still_reaches_past_its_relative_clause():
    text = (
        "NHS England expects that Medway NHS Foundation Trust, which runs Medway Maritime Hospital, will leave "
        "special measures next month."
    )
    assert [e["modality"] for e in events(text, "2019-01-30")] == ["proposed"]


def test_a_rating_given_after_a_comma_is_not_the_recommendation():
    text = (
        "The chief inspector has recommended that Worcestershire Acute Hospitals NHS Trust be placed in special "
        "measures, after rating it inadequate overall."
    )
    found = {(e["framework"], e["modality"]) for e in events(text, "2015-12-10")}
    assert found == {("special_measures", "proposed"), ("cqc_rating", "actual")}


def test_reports_a_trust_calls_untrue_give_no_entry():
    text = (
        "A spokesman for Frimley Health NHS Foundation Trust said reports that it had been placed in special "
        "measures were simply untrue."
    )
    assert events(text, "2018-06-01") == []


def test_a_rating_a_trust_rejects_the_suggestion_of_is_no_rating():
    text = "London Ambulance Service NHS Trust rejected suggestions that it had been rated inadequate."
    assert events(text, "2018-06-01") == []


def test_claims_dismissed_by_a_minister_give_no_proposal():
    text = "The minister dismissed claims that Medway NHS Foundation Trust was about to be put into special measures."
    assert events(text, "2018-06-01") == []


def test_a_trusts_own_rating_beside_claims_it_calls_untrue_stands():
    text = (
        "Walsall Healthcare NHS Trust, which was rated inadequate in 2017, said claims about its finances were untrue."
    )
    assert [e["to"] for e in events(text, "2018-06-01")] == ["inadequate"]


def test_what_a_correction_withdraws_is_no_event():
    text = (
        "Correction: an earlier version of this story stated that Bolton NHS Foundation Trust had been put into "
        "special measures."
    )
    assert events(text, "2018-06-01") == []


def test_what_an_article_wrongly_said_is_no_rating():
    text = "This article originally said Mid Cheshire Hospitals NHS Foundation Trust was rated inadequate."
    assert events(text, "2018-06-01") == []


def test_the_corrected_rating_after_a_correction_stands():
    text = (
        "Correction: an earlier version of this report said Bradford Teaching Hospitals NHS Foundation Trust was "
        "rated inadequate. It is rated requires improvement."
    )
    assert [e["to"] for e in events(text, "2018-06-01")] == ["requires improvement"]


def test_an_mp_asking_a_minister_whether_is_a_question():
    text = (
        "The MP asked the minister whether Epsom and St Helier University Hospitals NHS Trust would be considered "
        "for special measures."
    )
    assert events(text, "2015-02-11") == []


def test_an_mps_demand_for_special_measures_is_no_entry():
    text = (
        "The MP for Harrogate has written to NHS England demanding that Harrogate and District NHS Foundation Trust "
        "be put into special measures."
    )
    assert events(text, "2018-03-03") == []


def test_a_demand_for_special_measures_is_at_most_a_proposal():
    text = "Staff at Harrogate and District NHS Foundation Trust are demanding that it be put into special measures."
    assert [e["modality"] for e in events(text, "2018-03-03")] in ([], ["proposed"])


def test_a_draft_reports_rating_is_not_yet_the_rating():
    text = "A draft inspection report seen by this newspaper rates Walsall Healthcare NHS Trust inadequate overall."
    assert [e["modality"] for e in events(text, "2015-04-20")] == ["proposed"]


def test_a_final_report_after_draft_findings_is_the_rating():
    text = (
        "After the trust challenged the draft findings, the CQC's final report rated Walsall Healthcare NHS Trust "
        "requires improvement."
    )
    assert [e["modality"] for e in events(text, "2015-04-20")] == ["actual"]


def test_the_following_year_counts_on_from_the_year_before():
    text = (
        "United Lincolnshire Hospitals NHS Trust was put into special measures in 2013. The following year it was "
        "rated requires improvement overall."
    )
    assert [e["date"] for e in events(text, "2016-04-05") if e["framework"] == "cqc_rating"] == ["2014"]


def test_a_condition_on_the_main_verb_does_not_reach_an_interposed_placement():
    text = (
        "Barts Health NHS Trust, placed in special measures in March, could leave the regime within two years if it "
        "improves."
    )
    found = {(e["change"], e["modality"], e["date"]) for e in events(text, "2015-05-21")}
    assert ("enter", "actual", "2015-03") in found


def test_not_placing_a_named_trust_in_the_programme_is_no_entry():
    text = (
        "NHS England has not placed Sandwell and West Birmingham Hospitals NHS Trust in the Recovery Support "
        "Programme, despite its financial problems."
    )
    assert events(text, "2023-10-01") == []


def test_deciding_not_to_place_a_trust_in_a_segment_is_no_entry():
    text = "NHS England has decided not to place Medway NHS Foundation Trust in segment 4."
    assert events(text, "2023-10-01") == []


def test_not_only_placing_a_trust_is_still_an_entry():
    text = "NHS England not only placed Medway NHS Foundation Trust in special measures but also replaced its board."
    assert [e["change"] for e in events(text, "2023-10-01")] == ["enter"]


def test_a_tier_1_supplier_is_no_tiering():
    text = (
        "Guy's and St Thomas' NHS Foundation Trust signed a contract with a tier 1 construction supplier for its new "
        "cancer centre."
    )
    assert events(text, "2023-10-01") == []


def test_a_trust_in_tier_1_for_cancer_is_tiered():
    text = "Guy's and St Thomas' NHS Foundation Trust is in tier 1 for cancer."
    assert [(e["framework"], e["to"]) for e in events(text, "2023-10-01")] == [("cancer_tier", 1)]


def test_having_dropped_from_a_segment_is_where_it_came_from():
    text = (
        "University Hospitals Birmingham NHS Foundation Trust has been placed in segment 4 of the NHS Oversight "
        "Framework, having dropped from segment 3."
    )
    assert [(e["change"], e["from"], e["to"]) for e in events(text, "2026-02-12")] == [("move", 3, 4)]


def test_a_possible_entry_after_a_formal_recommendation_is_proposed():
    text = (
        "The East of England Ambulance Service could be placed in special measures after the chief inspector "
        "recommended the move."
    )
    assert [e["modality"] for e in events(text, "2020-10-21")] == ["proposed"]


def test_a_possible_entry_with_no_recommendation_stays_hypothetical():
    text = "The East of England Ambulance Service could be placed in special measures after a poor winter."
    assert [e["modality"] for e in events(text, "2020-10-21")] == ["hypothetical"]


def test_a_date_before_up_from_dates_the_new_rating():
    text = "Croydon Health Services NHS Trust was rated good overall in March 2019, up from requires improvement."
    assert [e["date"] for e in events(text, "2019-07-03")] == ["2019-03"]


def test_joining_a_programme_from_a_month_is_dated_that_month():
    text = (
        "James Paget University Hospitals NHS Foundation Trust will join the Recovery Support Programme from April, "
        "NHS England has confirmed."
    )
    assert [e["date"] for e in events(text, "2025-02-20")] == ["2025-04"]


def test_a_possible_exit_by_the_spring_is_dated_the_coming_spring():
    text = "NHS Vale of York CCG could leave special measures by the spring if it balances its books."
    assert [e["date"] for e in events(text, "2018-10-01")] == ["2019-03"]


def test_the_same_month_is_the_month_named_before():
    text = (
        "Royal Cornwall Hospitals NHS Trust was rated inadequate in September 2015 and placed in special measures "
        "the same month."
    )
    assert sorted(e["date"] for e in events(text, "2017-01-10")) == ["2015-09", "2015-09"]


def test_a_segment_it_remains_in_after_but_takes_no_date_of_the_exit_before():
    text = (
        "Medway NHS Foundation Trust came out of quality special measures in March 2017 but remains in segment 3 of "
        "the Single Oversight Framework."
    )
    assert {e["framework"]: e["date"] for e in events(text, "2017-09-15")} == {
        "special_measures": "2017-03",
        "nof": "2017-09-15",
    }


def test_a_segment_it_is_in_now_takes_no_date_of_a_having_clause():
    text = (
        "Medway NHS Foundation Trust is currently in segment 3 of the Single Oversight Framework, having exited "
        "quality special measures in 2016."
    )
    assert {e["framework"]: e["date"] for e in events(text, "2017-09-15")}["nof"] == "2017-09-15"


def test_a_date_in_a_long_relative_clause_about_the_subject_is_not_the_segments():
    text = (
        "Sandwell and West Birmingham Hospitals NHS Trust, which opened the Midland Metropolitan University Hospital "
        "in 2024, remains in segment 3."
    )
    assert [e["date"] for e in events(text, "2026-02-12")] == ["2026-02-12"]


def test_campaigners_calling_for_special_measures_is_no_proposal():
    text = "Campaigners have called for United Lincolnshire Hospitals NHS Trust to be placed in special measures."
    assert events(text, "2019-05-14") == []


def test_a_union_urging_regulators_is_no_proposal():
    text = "Unison has urged regulators to place East Midlands Ambulance Service NHS Trust in special measures."
    assert events(text, "2019-05-14") == []


def test_councillors_saying_a_trust_should_be_placed_is_no_proposal():
    text = "Local councillors say Northampton General Hospital NHS Trust should be placed in special measures."
    assert events(text, "2016-09-09") == []


def test_the_chief_inspector_calling_for_special_measures_is_a_proposal():
    text = (
        "The chief inspector of hospitals has called for Medway NHS Foundation Trust to be placed in special measures."
    )
    assert [e["modality"] for e in events(text, "2016-09-09")] == ["proposed"]


def test_a_patient_group_welcoming_an_exit_leaves_the_exit():
    text = "Patients' groups welcomed the news that Medway NHS Foundation Trust has been taken out of special measures."
    assert [e["change"] for e in events(text, "2016-09-09")] == ["exit"]


def test_a_segment_in_a_webinars_title_is_no_segment():
    text = (
        "A webinar, 'Segment 4 and the Recovery Support Programme: what it means', will feature the chief executive "
        "of Nottingham University Hospitals NHS Trust."
    )
    assert events(text, "2022-05-19") == []


def test_a_segment_in_a_podcasts_title_is_no_segment():
    text = "The podcast 'Segment 1 or bust' features the chair of Northumbria Healthcare NHS Foundation Trust."
    assert events(text, "2025-10-02") == []


def test_working_in_a_trust_in_special_measures_is_no_trusts_status():
    text = (
        "Director of nursing wanted\n\nEast Sussex Healthcare NHS Trust is recruiting a director of nursing. "
        "Experience of working in a trust in special measures would be an advantage."
    )
    assert events(text, "2023-01-16") == []


def test_a_nurse_at_an_outstanding_rated_trust_gives_no_rating():
    text = "The new chief nurse of Royal Cornwall Hospitals NHS Trust worked at an outstanding-rated trust in London."
    assert events(text, "2019-07-01") == []


def test_a_rating_given_to_any_trust_is_a_rule():
    text = (
        "Any trust rated inadequate will be considered for the Recovery Support Programme. University Hospitals of "
        "Morecambe Bay NHS Foundation Trust is watching closely."
    )
    assert events(text, "2021-06-24") == []


def test_an_ambition_to_reach_a_segment_is_an_aim():
    text = (
        "The chief executive of University Hospitals Birmingham NHS Foundation Trust said her ambition was to reach "
        "segment 1 within three years."
    )
    assert events(text, "2025-10-01") == []


def test_loving_to_be_rated_outstanding_is_a_wish():
    text = (
        "'We would love to be the first ambulance trust rated outstanding,' said a spokesperson for Yorkshire "
        "Ambulance Service NHS Trust."
    )
    assert events(text, "2019-11-27") == []


def test_a_rating_told_before_a_wish_stands():
    text = "Yorkshire Ambulance Service NHS Trust, a trust rated inadequate in 2018, wants to be rated good."
    assert [e["to"] for e in events(text, "2019-11-27")] == ["inadequate"]


def test_claims_rejected_without_that_are_denied():
    text = (
        "University Hospitals of Morecambe Bay NHS Foundation Trust rejected claims it had been downgraded to "
        "inadequate."
    )
    assert events(text, "2016-08-24") == []


def test_a_segment_of_a_population_health_model_is_no_oversight_segment():
    text = (
        "NHS Birmingham and Solihull Integrated Care Board said people in segment 4 of its population health model "
        "need the most support."
    )
    assert events(text, "2024-06-20") == []


def test_a_trust_grading_itself_is_no_cqc_rating():
    text = "In a mock inspection run by its own staff, Wye Valley NHS Trust graded itself good overall."
    assert events(text, "2021-03-18") == []


def test_a_drop_from_a_good_rating_keeps_its_from_value():
    text = "South Central Ambulance Service NHS Foundation Trust dropped from a good rating to inadequate."
    assert [(e["from"], e["to"]) for e in events(text, "2021-03-18")] == [("good", "inadequate")]


def test_a_dental_practice_by_a_trusts_hospital_passes_no_status_to_the_trust():
    text = (
        "A dental practice in Hereford, next door to Wye Valley NHS Trust's county hospital, has been rated "
        "inadequate and placed in special measures by the CQC."
    )
    assert events(text, "2019-03-12") == []


def test_a_care_home_placed_and_rated_passes_neither_to_a_trust():
    text = "A care home near Wye Valley NHS Trust's hospital has been placed in special measures and rated inadequate."
    assert events(text, "2019-03-12") == []


def test_a_prison_health_service_run_by_a_trust_is_not_the_trust():
    text = "The healthcare service at HMP Hull, run by Humber Teaching NHS Foundation Trust, was rated inadequate."
    assert events(text, "2021-11-03") == []


def test_an_immigration_centres_health_service_in_special_measures_is_not_the_trust():
    text = (
        "The health service at Yarl's Wood, run by Central and North West London NHS Foundation Trust, was placed in "
        "special measures by the CQC."
    )
    assert events(text, "2024-04-11") == []


def test_a_trust_rated_and_placed_in_one_sentence_keeps_both():
    text = "Wye Valley NHS Trust has been rated inadequate and placed in special measures."
    assert {e["framework"] for e in events(text, "2015-03-12")} == {"cqc_rating", "special_measures"}


def test_going_from_special_measures_to_a_rating_is_not_in_special_measures():
    text = (
        "The CQC rated Surrey and Sussex Healthcare NHS Trust outstanding, making it the first trust to go from "
        "special measures to outstanding."
    )
    assert [e["framework"] for e in events(text, "2019-07-25")] == ["cqc_rating"]


def test_a_named_private_hospital_the_cqc_rated_is_no_trusts_rating():
    text = (
        "The Care Quality Commission has rated Spire Leeds Hospital as Good following an inspection in May.\n\n"
        "The independent hospital treats NHS patients referred by Leeds Teaching Hospitals NHS Trust."
    )
    assert events(text, "2018-08-01") == []


def test_neither_nor_negates_both_trusts():
    text = (
        "Neither Kettering General Hospital NHS Foundation Trust nor Northampton General Hospital NHS Trust is in "
        "special measures."
    )
    assert events(text, "2020-11-12") == []


def test_a_trust_someone_helped_take_out_of_special_measures_is_the_one_left():
    text = (
        "The new chief executive of East Kent Hospitals University NHS Foundation Trust joins from Dartford and "
        "Gravesham NHS Trust, which she helped take out of special measures."
    )
    assert [e["ods_code"] for e in events(text, "2020-11-12")] == ["RN7"]


def test_a_past_spell_in_a_relative_clause_takes_no_date_of_the_main_clause():
    text = (
        "Basildon and Thurrock University Hospitals NHS Foundation Trust, which spent two years in special measures "
        "after the Keogh review, will merge with Southend University Hospital NHS Foundation Trust in April."
    )
    assert [e["date"] for e in events(text, "2019-11-12") if e["date"] and e["date"].endswith("-04")] == []


def test_years_after_it_was_placed_dates_the_entry_after_a_remain():
    text = (
        "NHS Vale of York Clinical Commissioning Group remains in special measures, three years after it was placed "
        "in the regime."
    )
    found = {e["change"]: e["date"] for e in events(text, "2019-09-01")}
    assert found == {"remain": "2019-09-01", "enter": "2016"}


def test_a_segment_it_is_in_after_and_takes_no_date_of_the_rating_before():
    text = (
        "The Princess Alexandra Hospital NHS Trust was rated requires improvement by the CQC in 2023 and is in "
        "segment 3 of the NHS Oversight Framework."
    )
    assert {e["framework"]: e["date"] for e in events(text, "2025-11-14")} == {
        "cqc_rating": "2023",
        "nof": "2025-11-14",
    }


def test_an_elliptical_exit_is_the_subject_before_it_not_a_body_named_after():
    text = (
        "George Eliot Hospital NHS Trust entered special measures in July 2013 and left in January 2015, while "
        "Tameside Hospital NHS Foundation Trust left in October 2015."
    )
    found = {(e["ods_code"], e["change"], e["date"]) for e in events(text, "2016-05-01")}
    assert ("RLT", "exit", "2015-01") in found and ("RMP", "exit", "2015-01") not in found


def test_a_date_after_a_semicolon_dates_the_clause_after_it():
    text = (
        "East and North Hertfordshire NHS Trust was rated requires improvement in 2016; since January 2020 it has "
        "been rated good."
    )
    assert {e["to"]: e["date"] for e in events(text, "2020-10-16")} == {
        "requires improvement": "2016",
        "good": "2020-01",
    }


def test_the_trust_is_now_the_successor_not_the_closed_predecessor_named_last():
    text = (
        "University Hospitals of Derby and Burton NHS Foundation Trust has been rated requires improvement overall.\n\n"
        "UHDB was formed in 2018 by the merger of Derby Teaching Hospitals and Burton Hospitals.\n\n"
        "Burton Hospitals had been placed in special measures in 2013 following the Keogh review.\n\n"
        "The trust is in segment 3 of the System Oversight Framework."
    )
    segments = [e["ods_code"] for e in events(text, "2024-03-01") if e["framework"] == "nof"]
    assert segments == ["RTG"]


def test_a_headline_icb_is_not_the_trust_the_story_names_most():
    text = (
        "Shropshire ICB exits Recovery Support Programme\n\n"
        "NHS Shropshire, Telford and Wrekin Integrated Care Board has been taken out of the Recovery Support "
        "Programme.\n\nThe county's main hospital trust, the Shrewsbury and Telford Hospital NHS Trust, remains in "
        "the programme.\n\nSaTH has had intensive support since it was placed in special measures in November 2018."
    )
    exits = {e["ods_code"] for e in events(text, "2025-06-30") if e["change"] == "exit"}
    assert exits == {"QOC"}


def test_remaining_in_segment_4_and_the_programme_remains_in_both():
    text = (
        "The Queen Elizabeth Hospital King's Lynn NHS Foundation Trust remains in segment 4 and the Recovery Support "
        "Programme."
    )
    assert {(e["framework"], e["change"]) for e in events(text, "2024-03-01")} == {("nof", "remain"), ("rsp", "remain")}


def test_placing_a_comma_list_in_financial_special_measures_is_an_entry_for_each():
    text = (
        "Regulators have placed Croydon Health Services NHS Trust, Epsom and St Helier University Hospitals NHS Trust "
        "and Royal Cornwall Hospitals NHS Trust in financial special measures."
    )
    assert {(e["ods_code"], e["change"]) for e in events(text, "2016-09-14")} == {
        ("RJ6", "enter"),
        ("RVR", "enter"),
        ("REF", "enter"),
    }


def test_a_rating_after_while_a_third_is_only_the_thirds():
    text = (
        "Two trusts entered special measures this week, East Sussex Healthcare NHS Trust and Epsom and St Helier "
        "University Hospitals NHS Trust, while a third, The Dudley Group NHS Foundation Trust, was rated good."
    )
    ratings = {e["ods_code"] for e in events(text, "2016-09-14") if e["framework"] == "cqc_rating"}
    assert ratings == {"RNA"}


def test_special_measures_to_protect_bats_are_no_regime():
    text = (
        "Special measures to protect a colony of bats have delayed work on the new cancer centre at Milton Keynes "
        "University Hospital NHS Foundation Trust."
    )
    assert events(text, "2021-03-15") == []


def test_a_trust_taking_special_measures_in_the_snow_is_no_regime():
    text = "Royal Cornwall Hospitals NHS Trust has taken special measures to keep staff moving in the snow."
    assert events(text, "2018-02-27") == []


def test_special_measures_in_place_on_a_road_are_no_regime():
    text = (
        "Special measures are in place on Hills Road outside Addenbrooke's Hospital while the junction is rebuilt.\n\n"
        "Cambridge University Hospitals NHS Foundation Trust asked patients to use the park and ride."
    )
    assert events(text, "2019-06-03") == []


def test_placed_in_special_measures_to_help_it_improve_is_an_entry():
    text = "Medway NHS Foundation Trust was placed in special measures to help it improve."
    assert [e["change"] for e in events(text, "2019-06-03")] == ["enter"]


def test_the_trusts_excepted_from_an_exit_have_not_left():
    text = (
        "All the Keogh trusts except Medway NHS Foundation Trust and United Lincolnshire Hospitals NHS Trust have now "
        "left special measures."
    )
    assert events(text, "2016-04-01") == []


def test_a_labelled_line_segment_to_segment_is_one_move():
    text = (
        "Changes in segment this quarter:\n\n• Croydon Health Services NHS Trust: segment 2 to segment 3\n"
        "• Royal Free London NHS Foundation Trust: segment 3 to segment 2"
    )
    found = {(e["ods_code"], e["change"], e["from"], e["to"]) for e in events(text, "2025-12-10")}
    assert found == {("RJ6", "move", 2, 3), ("RAL", "move", 3, 2)}


def test_a_second_list_about_something_else_takes_no_status_of_the_first():
    text = (
        "The trusts below remain in segment 4:\n\n• Royal Cornwall Hospitals NHS Trust\n• Walsall Healthcare NHS Trust"
        "\n\nThe trusts below were praised for their maternity services:\n\n• Frimley Health NHS Foundation Trust\n"
        "• Northumbria Healthcare NHS Foundation Trust"
    )
    assert {e["ods_code"] for e in events(text, "2025-12-12")} == {"REF", "RBK"}


def test_a_bare_reintroduction_keeps_the_list():
    text = (
        "Three trusts have been placed in special measures.\n\nThe organisations affected are:\n\n"
        "• Medway NHS Foundation Trust\n• Walsall Healthcare NHS Trust\n• Royal Cornwall Hospitals NHS Trust"
    )
    assert len(events(text, "2016-12-12")) == 3


def test_coming_out_after_months_in_special_measures_is_an_exit():
    text = (
        "After 30 months in special measures, Northern Lincolnshire and Goole NHS Foundation Trust came out on Tuesday."
    )
    assert [(e["change"], e["date"]) for e in events(text, "2016-01-15")] == [("exit", "2016-01-12")]


def test_a_spell_before_another_main_verb_is_no_state_at_its_date():
    text = (
        "After three years in special measures, Northern Lincolnshire and Goole NHS Foundation Trust was rated good "
        "on Tuesday."
    )
    assert [e["framework"] for e in events(text, "2016-01-15")] == ["cqc_rating"]


def test_a_spell_spent_from_one_month_to_another_is_an_entry_and_an_exit():
    text = "Worcestershire Acute Hospitals NHS Trust spent December 2015 to October 2019 in special measures."
    found = {(e["change"], e["date"]) for e in events(text, "2020-01-15")}
    assert found == {("enter", "2015-12"), ("exit", "2019-10")}


def test_special_measures_until_the_month_they_ended_is_no_programme_exit():
    text = (
        "Until July 2021, The Queen Elizabeth Hospital King's Lynn NHS Foundation Trust was in special measures; it "
        "then moved into the Recovery Support Programme."
    )
    exits = [e["framework"] for e in events(text, "2022-02-01") if e["change"] == "exit"]
    assert exits == ["special_measures"]


def test_the_neighbour_a_trust_is_set_against_is_not_in_its_regime():
    text = (
        "Unlike its neighbour, Dartford and Gravesham NHS Trust, Medway NHS Foundation Trust has been in special "
        "measures since 2013."
    )
    assert [e["ods_code"] for e in events(text, "2016-01-15")] == ["RPA"]


def test_each_rating_in_a_dated_series_keeps_its_own_year():
    text = (
        "The CQC rated Harrogate and District NHS Foundation Trust requires improvement overall in 2015, good in 2017 "
        "and outstanding in 2019."
    )
    assert {e["to"]: e["date"] for e in events(text, "2020-06-01")} == {
        "requires improvement": "2015",
        "good": "2017",
        "outstanding": "2019",
    }


def test_a_rating_overall_in_a_year_and_the_next_one_the_following_year():
    text = (
        "North Middlesex University Hospital NHS Trust was rated inadequate overall in 2016 and requires improvement "
        "the following year."
    )
    assert {e["to"]: e["date"] for e in events(text, "2019-02-01")} == {
        "inadequate": "2016",
        "requires improvement": "2017",
    }


def test_another_trust_in_the_region_is_not_the_named_one():
    text = (
        "Epsom and St Helier University Hospitals NHS Trust was rated good overall, while another trust in the region "
        "was rated inadequate and placed in special measures."
    )
    assert {(e["framework"], e["to"]) for e in events(text, "2016-11-02")} == {("cqc_rating", "good")}


def test_a_trust_that_cannot_be_named_is_not_the_storys():
    text = (
        "A neighbouring trust, which cannot be named until the report is published, is expected to be placed in "
        "special measures. Royal Cornwall Hospitals NHS Trust, meanwhile, was rated requires improvement."
    )
    assert [e["framework"] for e in events(text, "2014-07-15")] == ["cqc_rating"]


def test_a_named_trust_described_as_a_neighbouring_provider_keeps_its_rating():
    text = "Frimley Health NHS Foundation Trust, a neighbouring provider, was rated good in 2023."
    assert [e["to"] for e in events(text, "2024-01-15")] == ["good"]


def test_becoming_the_second_trust_to_be_rated_outstanding_twice_is_the_trusts():
    text = (
        "A Greater Manchester NHS trust has become the second in England to receive two consecutive outstanding "
        "ratings.\n\nSalford Royal NHS Foundation Trust was inspected in the spring."
    )
    assert [e["ods_code"] for e in events(text, "2018-07-15")] == ["RM3"]


def test_a_campaigner_saying_a_trust_should_be_in_special_measures_is_no_proposal():
    text = (
        '"This trust should be in special measures," said campaigner Jane Pollard. But the CQC rated Royal Cornwall '
        "Hospitals NHS Trust requires improvement."
    )
    assert [e["framework"] for e in events(text, "2017-10-05")] == ["cqc_rating"]


def test_a_trust_deserving_a_rating_is_no_rating():
    text = 'A campaigner said Colchester Hospital University NHS Foundation Trust "deserves to be rated inadequate".'
    assert events(text, "2016-02-23") == []


def test_a_councillors_fear_is_no_proposal():
    text = (
        "Local councillor Ann Reid said she feared Kettering General Hospital NHS Foundation Trust 'will end up in "
        "special measures'."
    )
    assert events(text, "2015-06-04") == []


def test_an_award_named_outstanding_is_no_rating():
    text = "Homerton Healthcare NHS Foundation Trust won an Outstanding Achievement award for its nursing team."
    assert events(text, "2022-11-23") == []


def test_what_a_trust_would_be_without_a_rule_is_counterfactual():
    text = (
        "University Hospitals of Morecambe Bay NHS Foundation Trust is in segment 4; without the deficit rule it "
        "would be in segment 3."
    )
    assert [e["to"] for e in events(text, "2025-09-09")] == [4]


def test_a_private_hospital_in_special_measures_is_no_trust():
    text = (
        "Norfolk and Suffolk NHS Foundation Trust remains in the Recovery Support Programme. A private mental health "
        "hospital near Norwich has been put into special measures by the CQC."
    )
    assert [e["change"] for e in events(text, "2022-06-01")] == ["remain"]


def test_a_chief_executives_vow_to_get_out_is_no_exit():
    text = (
        '"We will get out of special measures, I have no doubt about that," the chief executive of East of England '
        "Ambulance Service NHS Trust said."
    )
    assert events(text, "2021-03-04") == []


def test_a_vow_to_be_rated_good_is_no_rating():
    text = '"We will be rated good by 2019," Croydon Health Services NHS Trust chief executive John Goulston said.'
    assert events(text, "2017-05-04") == []


def test_a_headline_special_measures_recommended_is_a_proposal():
    text = "Barts: special measures recommended\n\nBarts Health NHS Trust was inspected in November."
    assert [e["modality"] for e in events(text, "2015-03-10")] == ["proposed"]


def test_a_rating_reported_in_backshifted_speech_is_the_rating():
    text = "Medway NHS Foundation Trust said it had been rated good by the CQC."
    assert [e["to"] for e in events(text, "2019-06-01")] == ["good"]


def test_a_pluperfect_rating_in_a_relative_clause_is_still_the_earlier_one():
    text = "Medway NHS Foundation Trust, which had been rated inadequate, is now rated good."
    assert [(e["from"], e["to"]) for e in events(text, "2019-06-01")] == [("inadequate", "good")]


def test_a_fear_that_a_trust_could_face_special_measures_is_no_status():
    text = "Hospital bosses fear Hinchingbrooke Health Care NHS Trust could one day face special measures."
    assert events(text, "2015-11-02") == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The James Paget has been rated good overall.", "RGP"),
        ("The Whittington has been rated good overall.", "RKE"),
        ("The Homerton has been rated outstanding overall.", "RQX"),
        ("North Mid has been rated requires improvement overall.", "RAP"),
        ("The N&N has been rated inadequate and placed in special measures.", "RM1"),
    ],
)
def test_hospital_nicknames_name_their_trust(text, code):
    assert {e["ods_code"] for e in events(text, "2019-04-18")} == {code}


def test_unlike_a_named_trust_an_unnamed_one_is_not_it():
    text = (
        "Unlike neighbouring Frimley Health NHS Foundation Trust, a Surrey hospital trust has been rated requires "
        "improvement overall."
    )
    assert events(text, "2019-06-01") == []


def test_trying_to_get_out_of_special_measures_is_an_aim():
    text = (
        "Managers at a trust in Lincolnshire want to copy the approach of Northumbria Healthcare NHS Foundation Trust "
        "as they try to get out of special measures."
    )
    assert events(text, "2019-06-01") == []


def test_simply_untrue_that_negates_the_claim_after_it():
    text = (
        'A spokesman for Oxford University Hospitals NHS Foundation Trust said it was "simply untrue" that the trust '
        "had been moved into segment 4."
    )
    assert events(text, "2019-06-01") == []


def test_rumours_on_social_media_give_no_rating():
    text = (
        "Unconfirmed posts on social media claim that Chesterfield Royal Hospital NHS Foundation Trust will be rated "
        "outstanding next week."
    )
    assert events(text, "2019-06-01") == []


def test_in_special_measures_in_all_but_name_is_a_figure_of_speech():
    text = (
        '"This hospital is in special measures in all but name," said a campaigner, speaking about Barnsley Hospital '
        "NHS Foundation Trust."
    )
    assert events(text, "2019-06-01") == []


def test_wanting_to_see_a_trust_rated_inadequate_is_a_wish():
    text = (
        "Union leaders said they wanted to see Alder Hey Children's NHS Foundation Trust rated inadequate if nothing "
        "changed."
    )
    assert events(text, "2019-06-01") == []


def test_outstanding_actions_are_no_rating():
    text = "Two outstanding actions from the 2018 inspection remain open at Worcestershire Acute Hospitals NHS Trust."
    assert events(text, "2019-06-01") == []


def test_an_inverted_conditional_is_counterfactual():
    text = (
        "Medway NHS Foundation Trust was inspected in May.\n\nHad the trust been rated inadequate, it would have "
        "faced special measures."
    )
    assert events(text, "2016-06-01") == []


def test_the_trusts_a_phrase_compares_with_are_not_its_subject():
    text = (
        "Unlike the 11 trusts placed in special measures after the Keogh review, Mid Staffordshire NHS Foundation "
        "Trust was put into administration."
    )
    assert events(text, "2016-06-01") == []


def test_a_buddy_during_the_other_trusts_time_in_special_measures_is_not_in_it():
    text = "Frimley Park Hospital NHS Foundation Trust acted as the trust's buddy during its time in special measures."
    assert events(text, "2016-06-01") == []


def test_like_a_short_name_then_the_subject_keeps_the_subjects_entry():
    text = "Like Medway, Dartford and Gravesham NHS Trust has been placed in special measures."
    assert [e["ods_code"] for e in events(text, "2016-06-01")] == ["RN7"]


def test_nearly_placed_is_not_placed():
    text = "Wye Valley NHS Trust was nearly placed in special measures in October 2014 after a critical inspection."
    assert events(text, "2014-10-25") == []


def test_a_trusts_maternity_unit_leaving_special_measures_is_not_the_trust():
    text = "Medway NHS Foundation Trust's maternity unit has left special measures, NHS Improvement confirmed."
    assert events(text, "2017-02-10") == []


def test_a_regions_ambulance_service_in_special_measures_is_the_trust():
    text = (
        "The region's troubled ambulance service has been placed into special measures.\n\n"
        "East of England Ambulance Service NHS Trust was rated inadequate."
    )
    assert "special_measures" in {e["framework"] for e in events(text, "2020-09-30")}


def test_others_placed_after_a_trust_was_reviewed_are_not_the_trust():
    text = (
        "Tameside Hospital NHS Foundation Trust was among the 14 trusts reviewed in July 2013, before 11 others were "
        "placed in special measures."
    )
    assert events(text, "2014-07-16") == []


def test_would_have_exited_had_inspections_not_been_halted_is_counterfactual():
    text = (
        "United Lincolnshire Hospitals NHS Trust would have exited special measures this month had inspections not "
        "been halted."
    )
    assert events(text, "2020-03-05") == []


def test_a_key_question_rated_after_with_is_not_the_trusts_rating():
    text = (
        "The latest report on Tameside and Glossop Integrated Care NHS Foundation Trust rates the trust good overall, "
        "with caring rated outstanding."
    )
    assert [e["to"] for e in events(text, "2018-05-10")] == ["good"]


def test_the_trusts_maternity_services_rated_are_a_service():
    text = (
        "The trust's maternity services at the William Harvey Hospital in Ashford were rated inadequate last year.\n\n"
        "East Kent Hospitals University NHS Foundation Trust said it had improved."
    )
    assert events(text, "2022-04-05") == []


def test_clatterbridge_hospital_is_not_the_cancer_centre_trust():
    text = "Arrowe Park Hospital was rated inadequate and Clatterbridge Hospital was rated good."
    assert all(e["ods_code"] != "REN" for e in events(text, "2019-04-05"))


def test_in_special_measures_since_summer_2013_entered_then():
    text = "Burton Hospitals NHS Foundation Trust has been in special measures since summer 2013."
    assert [(e["change"], e["date"]) for e in events(text, "2014-09-01")] == [("enter", "2013")]


def test_the_previous_month_is_the_month_before_the_one_named():
    text = (
        "Medway NHS Foundation Trust was rated good in January 2018. The previous month, Dartford and Gravesham NHS "
        "Trust was placed in special measures."
    )
    assert {e["ods_code"]: e["date"] for e in events(text, "2019-09-01")}["RN7"] == "2017-12"


def test_a_day_a_recommendation_was_made_on_is_the_last_one():
    text = "The chief inspector recommended on 3 March that Medway NHS Foundation Trust leave special measures."
    assert [(e["modality"], e["date"]) for e in events(text, "2017-03-04")] == [("proposed", "2017-03-03")]


def test_a_weekday_before_a_recommendation_is_the_last_one():
    text = "On Thursday the chief inspector recommended that Medway NHS Foundation Trust leave special measures."
    assert [e["date"] for e in events(text, "2017-03-04")] == ["2017-03-02"]


def test_a_day_an_exit_is_expected_on_is_the_next_one():
    text = "Medway NHS Foundation Trust is expected to leave special measures on 3 April."
    assert [e["date"] for e in events(text, "2017-03-04")] == ["2017-04-03"]


# --- Session 17 --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Jane Smith joins Norfolk and Norwich University Hospitals NHS Foundation Trust from Wye Valley NHS Trust, "
        "where she helped lead the trust out of special measures.",
        "Jane Smith was appointed at Norfolk and Norwich University Hospitals NHS Foundation Trust. She joins from Wye "
        "Valley NHS Trust, where she helped take the trust out of special measures in 2017.",
        "Jane Smith was appointed at Norfolk and Norwich University Hospitals NHS Foundation Trust. She was at Wye "
        "Valley NHS Trust, where it came out of special measures in 2017.",
    ],
)
def test_the_trust_in_a_where_clause_is_the_body_before_it(text):
    assert {e["ods_code"] for e in events(text, "2020-01-01")} == {"RLQ"}


def test_the_trust_in_a_where_clause_rated_is_the_body_before_it():
    text = "Mr Brown moves to Barts Health NHS Trust from Medway NHS Foundation Trust, where the trust was rated good."
    assert [e["ods_code"] for e in events(text, "2020-01-01")] == ["RPA"]


def test_the_trust_after_a_leader_of_another_body_is_the_story_s():
    text = (
        "Northern Lincolnshire and Goole NHS Foundation Trust has been rated inadequate. Chief executive Karen "
        "Jackson, who also leads Hull University Teaching Hospitals NHS Trust, said she was disappointed. The trust "
        "will now enter special measures."
    )
    assert {e["ods_code"] for e in events(text, "2020-01-01")} == {"RJL"}


@pytest.mark.parametrize(
    "helper",
    [
        "Guy's and St Thomas' NHS Foundation Trust will act as its partner.",
        "Guy's and St Thomas' NHS Foundation Trust has been asked to support the trust.",
        "Guy's and St Thomas' NHS Foundation Trust is now supporting it.",
    ],
)
@pytest.mark.parametrize("then", ["The trust was rated inadequate in March.", "It was rated outstanding in March."])
def test_the_trust_after_a_helper_is_unclear(helper, then):
    text = f"Medway NHS Foundation Trust has been placed in special measures. {helper} {then}"
    assert [(e["ods_code"], e["framework"]) for e in events(text, "2020-01-01")] == [("RPA", "special_measures")]


def test_the_trust_after_a_sentence_without_a_helper_is_still_the_last_named():
    text = (
        "Medway NHS Foundation Trust has been placed in special measures. Guy's and St Thomas' NHS Foundation Trust "
        "said it would share its experience. The trust was rated outstanding in March."
    )
    assert {e["ods_code"] for e in events(text, "2020-01-01")} == {"RPA", "RJ1"}


@pytest.mark.parametrize(
    "text",
    [
        "Walsall Healthcare NHS Trust faced being placed in special measures but avoided that after improvements.",
        "Walsall Healthcare NHS Trust had been expected to enter special measures, but was spared.",
        "Walsall Healthcare NHS Trust could be placed in special measures, but inspectors found enough improvement "
        "to avoid that.",
        "Walsall Healthcare NHS Trust had been tipped to be put into the Recovery Support Programme, but it narrowly "
        "escaped it.",
    ],
)
def test_a_possible_change_the_sentence_says_was_averted_gives_nothing(text):
    assert events(text, "2016-01-01") == []


@pytest.mark.parametrize(
    "text",
    [
        "Walsall Healthcare NHS Trust could face special measures, but Dudley Group NHS Foundation Trust avoided "
        "that fate.",
        "Walsall Healthcare NHS Trust could be placed in special measures, but bosses hope to avoid that.",
    ],
)
def test_an_outcome_another_body_or_a_hope_avoids_stays_possible(text):
    assert [e["ods_code"] for e in events(text, "2016-01-01")] == ["RBK"]


def test_a_change_at_the_start_of_the_year_to_come_is_the_next_january():
    text = "Walsall Healthcare NHS Trust is expected to leave special measures at the start of the year."
    assert [e["date"] for e in events(text, "2019-03-14")] == ["2020-01"]


def test_a_change_over_the_summer_is_the_last_summer():
    text = "Over the summer, NHS Improvement removed Walsall Healthcare NHS Trust from special measures."
    assert [e["date"] for e in events(text, "2019-03-14")] == ["2018-06"]


def test_a_date_in_a_condition_after_the_status_is_not_the_change_s():
    text = "Mid and South Essex NHS Foundation Trust could be placed in segment 5 if its deficit grows over the winter."
    assert [e["date"] for e in events(text, "2025-09-11")] == ["2025-09-11"]


def test_a_deadline_in_a_condition_dates_the_change():
    text = "Gloucestershire Hospitals NHS Foundation Trust will exit segment 4 if it hits its targets by June."
    assert [e["date"] for e in events(text, "2026-03-20")] == ["2026-06"]


@pytest.mark.parametrize(
    ("text", "published", "version"),
    [
        (
            "Royal Cornwall Hospitals NHS Trust has been placed in segment 3 under the NHS Oversight Framework 2025/26.",
            "2025-09-10",
            "2025",
        ),
        ("In the first NOF 2026/27 publication, NHS West Yorkshire ICB was placed in segment 2.", "2026-06-12", "2026"),
        ("NHS Kent and Medway ICB has been placed in segment 3 under the 2026/27 framework.", "2026-06-12", "2026"),
    ],
)
def test_the_year_of_the_framework_in_force_names_it_and_dates_nothing(text, published, version):
    assert [(e["date"], e["framework_version"]) for e in events(text, published)] == [(published, version)]


def test_the_year_of_a_past_framework_dates_what_the_sentence_says():
    text = "Under the 2024/25 framework NHS Devon Integrated Care Board was in segment 4."
    assert [e["date"] for e in events(text, "2025-10-01")] == ["2024"]


@pytest.mark.parametrize(
    "text",
    [
        "The Dudley Group NHS Foundation Trust is not in tier 1 or tier 2 for elective care.",
        "The Dudley Group NHS Foundation Trust has not been placed in segment 4 or segment 5.",
        "The Dudley Group NHS Foundation Trust will be placed in segment 3 or segment 4 next month.",
    ],
)
def test_statuses_given_as_alternatives_assert_neither(text):
    assert events(text, "2025-07-20") == []


def test_statuses_of_two_kinds_joined_by_and_are_both_kept():
    text = "The Dudley Group NHS Foundation Trust is in tier 1 for elective care and tier 2 for cancer."
    assert {(e["framework"], e["to"]) for e in events(text, "2025-07-20")} == {("elective_tier", 1), ("cancer_tier", 2)}


@pytest.mark.parametrize(
    "text",
    [
        "London Ambulance Service is one of three trusts piloting a new approach to the Recovery Support Programme.",
        "London Ambulance Service is helping to design changes to special measures.",
        "London Ambulance Service has contributed to a review of the Recovery Support Programme.",
        "London Ambulance Service will test a new version of the Recovery Support Programme.",
    ],
)
def test_the_regime_as_what_is_worked_on_is_nobody_s_status(text):
    assert events(text, "2025-07-20") == []


def test_a_review_of_something_else_leaves_the_entry():
    text = "London Ambulance Service was placed in the Recovery Support Programme after a review of its finances."
    assert [e["change"] for e in events(text, "2025-07-20")] == ["enter"]


@pytest.mark.parametrize(
    "text",
    [
        "Royal Devon University Healthcare NHS Foundation Trust uses an escalation system in its emergency department, "
        "with tier 1 alerts sent to senior managers.",
        "Royal Devon University Healthcare NHS Foundation Trust declared a tier 2 incident in its emergency department.",
    ],
)
def test_a_hospital_s_own_alert_levels_are_no_tiering(text):
    assert events(text, "2025-07-20") == []


@pytest.mark.parametrize(
    "text",
    [
        "Inspectors considered whether Colchester Hospital University NHS Foundation Trust should be placed in special "
        "measures. They decided against it.",
        "NHS Walsall CCG has been placed in special measures, according to a local paper. The report is wrong, the "
        "CCG said.",
        "A report published by mistake had rated Isle of Wight NHS Trust inadequate. The regulator withdrew it within "
        "an hour.",
        "Isle of Wight NHS Trust was rated inadequate in a draft. It was later withdrawn.",
    ],
)
def test_what_the_next_sentence_calls_off_or_denies_gives_nothing(text):
    assert events(text, "2015-01-28") == []


def test_a_body_disputing_its_rating_does_not_undo_it():
    text = "Isle of Wight NHS Trust has been rated inadequate. The report is wrong, the trust said."
    assert [e["to"] for e in events(text, "2015-01-28")] == ["inadequate"]


def test_a_decision_against_a_regime_keeps_the_rating_before_it():
    text = (
        "Colchester Hospital University NHS Foundation Trust was rated requires improvement. NHS Improvement decided "
        "not to place it in special measures."
    )
    assert [e["framework"] for e in events(text, "2015-01-28")] == ["cqc_rating"]


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        (
            "Worcestershire Acute Hospitals NHS Trust was rated inadequate in 2015 and placed in special measures in "
            "December that year.",
            ("special_measures", "2015-12"),
        ),
        (
            "Medway NHS Foundation Trust was rated inadequate in 2013 and left special measures in March the "
            "following year.",
            ("special_measures", "2014-03"),
        ),
        (
            "Medway NHS Foundation Trust was placed in special measures in August 2014 after a CQC inspection in "
            "March of that year found serious concerns and rated it inadequate.",
            ("cqc_rating", "2014-03"),
        ),
    ],
)
def test_a_month_of_the_year_the_text_reached_dates_the_change(text, dated):
    assert dated in {(e["framework"], e["date"]) for e in events(text, "2023-03-01")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "• 2014: East Kent Hospitals University NHS Foundation Trust is placed in special measures in August.",
            ("special_measures", "2014-08"),
        ),
        (
            "2017: East Kent Hospitals University NHS Foundation Trust leaves special measures in March.",
            ("special_measures", "2017-03"),
        ),
        (
            "• 2021: East Kent Hospitals University NHS Foundation Trust enters the Recovery Support Programme in the "
            "autumn.",
            ("rsp", "2021-09"),
        ),
        ("In 2016, Medway NHS Foundation Trust was rated inadequate in January.", ("cqc_rating", "2016-01")),
    ],
)
def test_a_month_of_a_line_opening_with_a_year_is_in_that_year(text, expected):
    assert [(e["framework"], e["date"]) for e in events(text, "2025-11-20")] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Kettering General Hospital NHS Foundation Trust asked to join the Recovery Support Programme in January.",
        "Kettering General Hospital NHS Foundation Trust was recommended for the Recovery Support Programme in January.",
    ],
)
def test_a_proposal_already_made_is_dated_when_it_was_made(text):
    assert [e["date"] for e in events(text, "2022-02-10")] == ["2022-01"]


def test_a_proposal_the_sentence_says_was_decided_against_gives_nothing():
    text = (
        "Kettering General Hospital NHS Foundation Trust could be placed in special measures, but NHS Improvement "
        "decided against it."
    )
    assert events(text, "2016-12-14") == []


@pytest.mark.parametrize(
    "text",
    [
        "Neighbouring NHS Medway CCG remains outside special measures.",
        "Medway NHS Foundation Trust stays out of special measures.",
        "Medway NHS Foundation Trust kept clear of the Recovery Support Programme.",
    ],
)
def test_staying_outside_a_regime_is_no_status_of_it(text):
    assert events(text, "2016-12-14") == []


def test_staying_in_a_regime_is_still_a_stay():
    assert [e["change"] for e in events("Medway NHS Foundation Trust remains in special measures.", "2016-12-14")] == [
        "remain"
    ]


def test_a_place_s_end_before_hospitals_is_no_ending():
    text = (
        "Barts Health NHS Trust, which runs the Royal London, Whipps Cross and Mile End hospitals, entered special "
        "measures in March 2015."
    )
    assert [e["change"] for e in events(text, "2017-11-22")] == ["enter"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Brighton and Sussex University Hospitals NHS Trust left financial special measures in 2018 and quality "
            "special measures in 2019.",
            [("exit", "out", "2018"), ("exit", "out", "2019")],
        ),
        (
            "Brighton and Sussex University Hospitals NHS Trust was placed in segment 4 in 2019 and segment 3 in 2022.",
            [("enter", 4, "2019"), ("enter", 3, "2022")],
        ),
        (
            "East Kent Hospitals University NHS Foundation Trust entered special measures in 2014, and came out of "
            "quality special measures in 2017.",
            [("enter", "in", "2014"), ("exit", "out", "2017")],
        ),
    ],
)
def test_a_second_status_with_its_verb_left_unsaid_changes_as_the_first(text, expected):
    assert [(e["change"], e["to"], e["date"]) for e in events(text, "2023-10-12")] == expected


def test_a_group_a_body_speaks_of_is_the_bodies_last_named_together():
    text = (
        "Northern Lincolnshire and Goole NHS Foundation Trust and United Lincolnshire Hospitals NHS Trust are in "
        "segment 4.\n\nNHS Lincolnshire ICB says it expects both trusts to move into segment 3 next year."
    )
    assert {(e["ods_code"], e["to"]) for e in events(text, "2023-10-12") if e["to"] == 3} == {("RJL", 3), ("RWD", 3)}


def test_a_group_a_body_speaks_of_is_never_the_speaker():
    text = "NHS Lincolnshire ICB says it expects both trusts to move into segment 3 next year."
    assert events(text, "2023-10-12") == []


@pytest.mark.parametrize("part", ["Its call-handling service", "Its 999 call handling"])
def test_an_ambulance_trust_s_call_handling_is_a_service(part):
    text = f"South Western Ambulance Service NHS Foundation Trust was rated good overall. {part} was rated outstanding."
    assert [e["to"] for e in events(text, "2022-08-30")] == ["good"]


def test_a_year_a_change_is_measured_from_is_not_its_date():
    text = (
        "Countess of Chester Hospital NHS Foundation Trust has been rated requires improvement overall, its first "
        "inspection since the 2016 neonatal deaths inquiry."
    )
    assert [e["date"] for e in events(text, "2020-02-06")] == ["2020-02-06"]


def test_a_rating_since_an_inspection_s_year_dates_from_it():
    assert [e["date"] for e in events("Medway NHS Foundation Trust had been rated good since a 2014 inspection.")] == [
        "2014"
    ]


def test_a_rating_given_after_recommending_an_action_is_actual():
    text = (
        "East of England Ambulance Service NHS Trust was inspected in June. The CQC had recommended the action after "
        "rating the trust inadequate overall."
    )
    assert [e["modality"] for e in events(text, "2020-09-30")] == ["actual"]


def test_on_the_brink_of_a_regime_is_only_possible():
    text = (
        "Southport and Ormskirk Hospital NHS Trust spent much of 2022 on the brink of being referred to the Recovery "
        "Support Programme."
    )
    assert {e["modality"] for e in events(text, "2023-10-12")} <= {"hypothetical"}


# --- Session 18 --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Morale has lifted since we were placed in special measures, the chair said.",
        "The trust has improved a great deal since it was placed in special measures.",
        "It is the first time it has been rated good since it entered special measures.",
        "Staff turnover has fallen since the trust came out of special measures.",
        "Much has changed since being put into special measures, the chair said.",
    ],
)
def test_the_past_event_since_counts_from_is_no_event_of_the_day(sentence):
    text = f"Medway NHS Foundation Trust has been rated good. {sentence}"
    found = events(text, "2024-05-01")
    assert [(e["framework"], e["to"]) for e in found] == [("cqc_rating", "good")]


def test_the_past_event_since_counts_from_keeps_its_own_date():
    text = "Medway NHS Foundation Trust has had three chief executives since it was placed in special measures in 2014."
    assert [(e["framework"], e["change"], e["date"]) for e in events(text, "2024-05-01")] == [
        ("special_measures", "enter", "2014")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "It has since been rated outstanding overall by the Care Quality Commission.",
        "The trust has since been rated outstanding overall.",
    ],
)
def test_since_as_an_adverb_leaves_the_change_of_the_day(sentence):
    text = f"Last December, Northumbria Healthcare NHS Foundation Trust moved into segment 1. {sentence}"
    assert ("cqc_rating", "outstanding") in [(e["framework"], e["to"]) for e in events(text, "2026-02-20")]


@pytest.mark.parametrize(
    "text",
    [
        "South Tees Hospitals NHS Foundation Trust is in segment 4, and the rest are in segment 2.",
        "South Tees Hospitals NHS Foundation Trust is in segment 4; the remaining trusts in the region are in segment 2.",
        "South Tees Hospitals NHS Foundation Trust sits in segment 4 while the others sit in segment 2.",
    ],
)
def test_the_bodies_left_unnamed_give_the_last_named_nothing(text):
    assert [(e["ods_code"], e["to"]) for e in events(text, "2025-09-10")] == [("RTR", 4)]


def test_the_rest_of_a_body_s_services_is_no_aggregate_of_bodies():
    text = "South Tees Hospitals NHS Foundation Trust was rated good, and the rest of its services were rated good too."
    assert [e["to"] for e in events(text, "2025-09-10")] == ["good"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sherwood Forest Hospitals NHS Foundation Trust and East Lancashire Hospitals NHS Trust exited special "
            "measures in January 2016 and July 2015 respectively.",
            {("RK5", "2016-01"), ("RXR", "2015-07")},
        ),
        (
            "Sherwood Forest Hospitals NHS Foundation Trust and East Lancashire Hospitals NHS Trust were rated good "
            "in 2016 and 2018, respectively.",
            {("RK5", "2016"), ("RXR", "2018")},
        ),
    ],
)
def test_respective_dates_go_one_to_each_body(text, expected):
    assert {(e["ods_code"], e["date"]) for e in events(text, "2019-01-10")} == expected


def test_coordinated_dates_without_respectively_stay_with_every_body():
    text = (
        "Sherwood Forest Hospitals NHS Foundation Trust and East Lancashire Hospitals NHS Trust were rated good in "
        "2016 and 2018."
    )
    assert len(events(text, "2019-01-10")) == 4


@pytest.mark.parametrize(
    "clause",
    [
        "which is helping King's College Hospital NHS Foundation Trust",
        "which has been supporting King's College Hospital NHS Foundation Trust since last year",
        "who mentored King's College Hospital NHS Foundation Trust through its recovery",
    ],
)
def test_the_main_verb_after_a_helper_s_clause_is_the_helper_s(clause):
    text = f"Guy's and St Thomas' NHS Foundation Trust, {clause}, has been rated outstanding."
    assert [(e["ods_code"], e["to"]) for e in events(text, "2018-10-01")] == [("RJ1", "outstanding")]


def test_a_status_inside_a_helper_s_clause_is_the_helped_body_s():
    text = (
        "Guy's and St Thomas' NHS Foundation Trust, which is supporting King's College Hospital NHS Foundation Trust "
        "after it was placed in financial special measures, has been rated good."
    )
    assert {(e["ods_code"], e["framework"]) for e in events(text, "2018-10-01")} == {
        ("RJZ", "special_measures"),
        ("RJ1", "cqc_rating"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust works to leave the Recovery Support Programme.",
        "As it works towards leaving the Recovery Support Programme, The Queen Elizabeth Hospital, King's Lynn, NHS "
        "Foundation Trust has appointed a new chair.",
    ],
)
def test_working_to_leave_a_regime_is_no_exit(text):
    assert [e for e in events(text, "2022-09-01") if e["change"] == "exit"] == []


def test_more_work_to_do_is_no_aim():
    text = "Oxleas NHS Foundation Trust has more work to do, but it has kept its good overall rating."
    assert [e["to"] for e in events(text, "2022-09-01")] == ["good"]


def test_each_semicolon_part_with_its_own_status_keeps_its_own_bodies():
    text = (
        "The ambulance trusts in tier 1 for urgent and emergency care are East of England Ambulance Service NHS Trust "
        "and South East Coast Ambulance Service NHS Foundation Trust; North East Ambulance Service NHS Foundation "
        "Trust is in tier 2."
    )
    assert {(e["ods_code"], e["to"]) for e in events(text, "2023-03-01")} == {("RYC", 1), ("RYD", 1), ("RX6", 2)}


def test_semicolons_between_the_items_of_a_list_keep_the_header_s_status():
    text = (
        "The trusts rated inadequate overall this year are: Medway NHS Foundation Trust; Dartford and Gravesham NHS "
        "Trust; Maidstone and Tunbridge Wells NHS Trust."
    )
    assert {e["ods_code"] for e in events(text, "2016-03-01")} == {"RPA", "RN7", "RWF"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Walsall Healthcare NHS Trust and The Dudley Group NHS Foundation Trust were inspected in the spring. The "
            "former was rated inadequate and the latter good.",
            {("RBK", "inadequate"), ("RNA", "good")},
        ),
        (
            "Walsall Healthcare NHS Trust and The Dudley Group NHS Foundation Trust were inspected; the latter was "
            "rated outstanding, the former requires improvement.",
            {("RNA", "outstanding"), ("RBK", "requires improvement")},
        ),
        (
            "Walsall Healthcare NHS Trust and The Dudley Group NHS Foundation Trust now share a chair. The latter is in "
            "segment 2.",
            {("RNA", 2)},
        ),
    ],
)
def test_the_former_and_the_latter_are_the_two_bodies_named_before(text, expected):
    assert {(e["ods_code"], e["to"]) for e in events(text, "2025-12-01")} == expected


def test_the_former_after_one_body_named_is_nobody():
    text = (
        "Inspectors looked at maternity and surgery at Walsall Healthcare NHS Trust. The former was rated good, the "
        "latter inadequate."
    )
    assert events(text, "2019-03-01") == []


def test_the_former_as_a_title_is_no_reference():
    text = (
        "The former chief executive of Walsall Healthcare NHS Trust said the trust had been rated inadequate in 2015."
    )
    assert {e["ods_code"] for e in events(text, "2019-03-01")} == {"RBK"}


def test_a_body_named_by_its_old_name_stays_that_body_as_the_latter():
    text = (
        "Ipswich Hospital NHS Trust and Colchester Hospital University NHS Foundation Trust will share a chief "
        "executive. The latter was placed back in special measures last year."
    )
    assert [e["ods_code"] for e in events(text, "2017-06-01")] == ["RDE"]


@pytest.mark.parametrize(
    "text",
    [
        "Royal Stoke University Hospital, run by University Hospitals of North Midlands NHS Trust, is a tier 1 trauma "
        "centre for the region.",
        "The Christie NHS Foundation Trust is among the few tier 1 research centres for early cancer trials.",
        "Barnsley Hospital NHS Foundation Trust activated tier 3 of its surge plan after a busy weekend.",
        "Leeds Teaching Hospitals NHS Trust runs a tier 3 neonatal unit for the cancer centre's families.",
    ],
)
def test_a_service_s_tier_or_a_hospital_s_own_plan_is_no_tiering(text):
    assert events(text, "2023-03-14") == []


@pytest.mark.parametrize(
    "text",
    [
        "NHS England moved Lewisham and Greenwich NHS Trust into tier 2 for cancer from tier 1.",
        "Lewisham and Greenwich NHS Trust has dropped to tier 2 for elective care from tier 1.",
    ],
)
def test_a_tier_after_the_programme_and_from_is_where_it_moved_from(text):
    assert [(e["change"], e["from"], e["to"]) for e in events(text, "2023-03-14")] == [("move", 1, 2)]


@pytest.mark.parametrize(
    "lede",
    [
        "A Priory mental health hospital has been placed in special measures after it was rated inadequate.",
        "An Elysium hospital for young people near Leeds has been placed in special measures.",
    ],
)
def test_an_independent_provider_s_hospital_is_not_the_nhs_body_named_next(lede):
    text = f"{lede}\n\nLeeds and York Partnership NHS Foundation Trust sends some patients there."
    assert events(text, "2019-08-15") == []


@pytest.mark.parametrize(
    "text",
    [
        "Our wholly owned subsidiary, Frimley Health Services Limited, has been rated good overall by the CQC.",
        "Frimley Health Services Ltd was rated good overall.",
    ],
)
def test_a_company_named_after_a_trust_is_not_the_trust(text):
    assert events(text, "2024-08-15") == []


@pytest.mark.parametrize(
    "text",
    [
        "The board noted press reports suggesting that George Eliot Hospital NHS Trust could be placed in special "
        "measures.",
        "Media reports claimed George Eliot Hospital NHS Trust was about to be placed in special measures.",
        "Newspaper reports say George Eliot Hospital NHS Trust will be placed in special measures.",
    ],
)
def test_what_press_reports_suggest_is_no_decision(text):
    assert events(text, "2024-08-15") == []


@pytest.mark.parametrize(
    "phrase", ["an improvement on the requires improvement rating", "an improvement from requires improvement"]
)
def test_an_improvement_on_a_rating_is_where_it_moved_from(phrase):
    text = f"The CQC has rated Salisbury NHS Foundation Trust as good overall, {phrase} it had before."
    assert [(e["change"], e["from"], e["to"]) for e in events(text, "2017-08-03")] == [
        ("move", "requires improvement", "good")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The Care Quality Commission has rated medical care at North Devon District Hospital, part of Royal Devon "
        "University Healthcare NHS Foundation Trust, as requires improvement.",
        "The CQC has rated the emergency department at Derriford Hospital, run by University Hospitals Plymouth NHS "
        "Trust, as inadequate following an unannounced inspection.",
        "Inspectors rated surgical services at Royal Cornwall Hospitals NHS Trust as good.",
    ],
)
def test_a_service_rated_at_a_hospital_is_not_the_trust_s_rating(text):
    assert events(text, "2023-03-29") == []


def test_a_well_led_rating_beside_an_overall_one_is_a_key_question_under_the_new_framework():
    text = (
        "The CQC has rated University Hospitals Sussex NHS Foundation Trust as requires improvement overall. The "
        "trust's rating for being well-led has fallen from good to inadequate."
    )
    assert [e["to"] for e in events(text, "2024-09-19")] == ["requires improvement"]


@pytest.mark.parametrize("adverb", ["probably", "almost certainly", "otherwise"])
def test_a_counterfactual_with_an_adverb_is_no_event(adverb):
    text = f"Without the extra money, United Lincolnshire Hospitals NHS Trust would {adverb} have been placed in special measures."
    assert events(text, "2022-06-01") == []


@pytest.mark.parametrize(
    "clause", ["and 21 were put in segment 4", "while three are in segment 3", "and nine were rated inadequate"]
)
def test_a_bare_count_as_a_subject_gives_the_body_named_before_nothing(clause):
    text = f"Twelve trusts were placed in segment 1, among them The Christie NHS Foundation Trust, {clause}."
    assert {e["to"] for e in events(text, "2025-09-09")} == {1}


def test_a_number_in_a_sum_is_no_count_of_bodies():
    text = "Medway NHS Foundation Trust was placed in special measures after losses of £1,200 were reported."
    assert [e["framework"] for e in events(text, "2016-06-01")] == ["special_measures"]


def test_the_trust_before_a_status_is_the_one_named_before_not_after():
    text = (
        "Basildon and Thurrock University Hospitals NHS Foundation Trust hired him in 2010. He left shortly before the "
        "trust was placed in special measures in July 2013, and later chaired Colchester Hospital University NHS "
        "Foundation Trust."
    )
    assert [e["ods_code"] for e in events(text, "2020-01-10")] == ["RDD"]


def test_the_hospital_named_for_part_of_its_trust_is_the_hospital():
    text = (
        "Maidstone and Tunbridge Wells NHS Trust runs Maidstone Hospital. Inspectors said the hospital as a whole "
        "requires improvement overall."
    )
    assert events(text, "2022-06-01") == []


@pytest.mark.parametrize("service", ["gender identity service was", "eating disorders unit has been"])
def test_a_service_any_kind_named_by_its_owner_is_not_the_owner_s_rating(service):
    text = f"The Tavistock and Portman NHS Foundation Trust's {service} rated inadequate."
    assert events(text, "2022-06-01") == []


def test_a_place_s_ambulance_service_is_its_ambulance_trust():
    text = (
        "South Central Ambulance Service NHS Foundation Trust was inspected in May. The county's ambulance service has "
        "been rated good overall."
    )
    assert [(e["ods_code"], e["to"]) for e in events(text, "2022-08-30")] == [("RYE", "good")]


def test_a_headline_s_lost_rating_is_not_what_the_trust_holds():
    text = (
        "Mental health trust loses outstanding rating\n\nCumbria, Northumberland, Tyne and Wear NHS Foundation Trust "
        "has been rated requires improvement, down from outstanding."
    )
    assert [(e["change"], e["to"]) for e in events(text, "2022-07-28")] == [("move", "requires improvement")]


def test_moving_from_special_measures_into_the_programme_that_replaced_it_is_no_exit():
    text = (
        "United Lincolnshire Hospitals NHS Trust has moved from special measures into NHS England's new Recovery "
        "Support Programme."
    )
    assert [(e["framework"], e["change"]) for e in events(text, "2021-08-05")] == [("rsp", "enter")]


def test_a_rating_in_a_relative_clause_stays_a_fact_beside_a_plan():
    text = (
        "The Royal Bournemouth and Christchurch Hospitals NHS Foundation Trust is planning to merge with Poole "
        "Hospital NHS Foundation Trust, which is rated requires improvement."
    )
    assert [e["modality"] for e in events(text, "2018-02-15")] == ["actual"]


def test_a_change_to_come_in_the_new_year_is_dated_next_january():
    text = "Tameside Hospital NHS Foundation Trust is expected to leave special measures in the new year."
    assert [e["date"] for e in events(text, "2014-09-30")] == ["2015-01"]


def test_the_new_year_does_not_date_a_change_already_made():
    text = (
        "Nottingham University Hospitals NHS Trust moved to segment 5 after NHS England confirmed it would enter the "
        "Recovery Support Programme in the new year."
    )
    found = {e["framework"]: e["date"] for e in events(text, "2025-12-11")}
    assert found["nof"] == "2025-12-11"


def test_on_that_date_is_the_day_named_before():
    text = (
        "From 1 December 2023, University Hospitals Sussex NHS Foundation Trust will enter the Recovery Support "
        "Programme.\n\nThe trust will also move to segment 4 on that date."
    )
    assert {e["framework"]: e["date"] for e in events(text, "2023-11-10")} == {"rsp": "2023-12-01", "nof": "2023-12-01"}


def test_the_same_day_with_no_day_named_before_is_the_news_s_day():
    text = "Isle of Wight NHS Trust has been rated inadequate overall. It was placed in special measures the same day."
    assert {e["date"] for e in events(text, "2017-04-13")} == {"2017-04-13"}


@pytest.mark.parametrize(
    "text",
    [
        "The local MP claimed Wirral University Teaching Hospital NHS Foundation Trust would soon leave special measures.",
        "Unison alleged that Wirral University Teaching Hospital NHS Foundation Trust had been put into special measures.",
        "Campaigners have argued that Wirral University Teaching Hospital NHS Foundation Trust is in special measures in "
        "all but name.",
    ],
)
def test_an_outsider_s_claim_is_no_status(text):
    assert events(text, "2020-11-10") == []


@pytest.mark.parametrize(
    "ending",
    [
        "in October but did not",
        "in October, but the exit was postponed",
        "soon, but regulators said no decision had been made",
    ],
)
def test_a_plan_the_sentence_says_did_not_happen_is_no_event(ending):
    text = f"Wirral University Teaching Hospital NHS Foundation Trust was expected to leave special measures {ending}."
    assert events(text, "2020-11-10") == []


def test_a_plan_still_pending_stays_proposed():
    text = (
        "Wirral University Teaching Hospital NHS Foundation Trust is expected to leave special measures, but this has "
        "not yet been confirmed."
    )
    assert [e["modality"] for e in events(text, "2020-11-10")] == ["proposed"]


@pytest.mark.parametrize("plan", ["was due to", "had hoped to", "was scheduled to"])
def test_a_past_plan_s_month_is_the_last_such_month(plan):
    text = f"Wirral University Teaching Hospital NHS Foundation Trust {plan} leave special measures in October."
    assert [(e["framework"], e["date"]) for e in events(text, "2020-11-10")] == [("special_measures", "2020-10")]


@pytest.mark.parametrize(
    "sentence",
    [
        '"The special measures years taught us a lot," said a consultant at Medway NHS Foundation Trust.',
        "Medway NHS Foundation Trust says its special measures period was short.",
        "Medway NHS Foundation Trust has its own history of special measures.",
        "Medway NHS Foundation Trust had been through special measures and knew what failure felt like.",
        "Medway NHS Foundation Trust hired a new chief. The second time it went into special measures, staff were "
        "determined it would be the last.",
    ],
)
def test_a_regime_told_in_passing_is_no_event_of_the_day(sentence):
    assert events(sentence, "2025-11-18") == []


def test_was_already_in_a_regime_is_no_state_of_the_day():
    text = (
        "Brighton and Sussex University Hospitals NHS Trust was rated inadequate. It was already in financial special "
        "measures, having been placed there in October 2016."
    )
    regime = [e for e in events(text, "2025-11-18") if e["framework"] in ("rsp", "special_measures")]
    assert all(e["date"] != "2025-11-18" for e in regime)


def test_is_already_in_a_regime_is_its_state_now():
    text = "Medway NHS Foundation Trust is already in the Recovery Support Programme."
    assert [(e["framework"], e["change"]) for e in events(text, "2025-11-18")] == [("rsp", "state")]


def test_that_month_is_the_month_named_before():
    text = "Walsall Healthcare NHS Trust was rated inadequate in April 2016.\n\nIt entered special measures that month."
    assert {(e["framework"], e["date"]) for e in events(text, "2024-10-15")} == {
        ("cqc_rating", "2016-04"),
        ("special_measures", "2016-04"),
    }


def test_one_change_told_twice_in_a_sentence_is_dated_once():
    text = (
        "When Norfolk and Suffolk NHS Foundation Trust was placed in special measures in February 2015, it became the "
        "first mental health trust in England to enter the regime."
    )
    assert [(e["framework"], e["date"]) for e in events(text, "2025-09-30")] == [("special_measures", "2015-02")]


def test_again_after_a_relative_date_lists_a_second_rating():
    text = "Liverpool Heart and Chest Hospital NHS Foundation Trust was rated outstanding in 2016 and again this year."
    assert {e["date"] for e in events(text, "2019-09-12")} == {"2016", "2019"}


@pytest.mark.parametrize(
    "text",
    [
        "St George's University Hospitals NHS Foundation Trust is also working with the Provider Improvement Programme.",
        "St George's University Hospitals NHS Foundation Trust works closely with the Recovery Support Programme team.",
    ],
)
def test_a_programme_a_body_works_with_is_not_its_status(text):
    assert events(text, "2026-01-15") == []


@pytest.mark.parametrize(
    "text",
    [
        "Cambridge University Hospitals NHS Foundation Trust was placed in segment 2 in September 2025, and North West "
        "Anglia NHS Foundation Trust in segment 3.",
        "In September 2025, Cambridge University Hospitals NHS Foundation Trust was placed in segment 2 and North West "
        "Anglia NHS Foundation Trust in segment 3.",
    ],
)
def test_a_second_body_with_the_verb_left_unsaid_changes_as_the_first_did(text):
    assert {(e["ods_code"], e["change"], e["to"], e["date"]) for e in events(text, "2026-01-15")} == {
        ("RGT", "enter", 2, "2025-09"),
        ("RGN", "enter", 3, "2025-09"),
    }


def test_a_second_body_with_a_verb_of_its_own_keeps_it():
    text = (
        "Cambridge University Hospitals NHS Foundation Trust was placed in segment 2, and North West Anglia NHS "
        "Foundation Trust is in segment 3."
    )
    assert {(e["ods_code"], e["change"]) for e in events(text, "2026-01-15")} == {("RGT", "enter"), ("RGN", "state")}


def test_a_ccg_has_no_status_from_before_it_was_formed():
    text = (
        "Crawley, Horsham and Mid Sussex and Brighton and Hove CCGs merged into NHS West Sussex CCG last April; the "
        "three had left financial special measures in 2019."
    )
    assert events(text, "2021-02-10") == []


@pytest.mark.parametrize(
    "text",
    [
        "The Tavistock and Portman NHS Foundation Trust's gender identity development service (GIDS) has been rated "
        "inadequate overall.",
        "Essex Partnership University NHS Foundation Trust was inspected in May. The CQC rated its mental health "
        "crisis line inadequate.",
    ],
)
def test_a_service_named_with_an_abbreviation_or_as_its_own_is_not_the_trust_s(text):
    assert events(text, "2022-06-01") == []


def test_rating_its_services_as_a_whole_is_the_trust_s():
    text = (
        "Essex Partnership University NHS Foundation Trust was inspected in May. The CQC rated its services as good "
        "overall."
    )
    assert [e["to"] for e in events(text, "2022-06-01")] == ["good"]


def test_a_fronted_contrast_s_body_does_not_take_the_main_clause_s_status():
    text = (
        "While NHS Shropshire, Telford and Wrekin ICB was in segment 4 of the System Oversight Framework, the "
        "Shrewsbury and Telford Hospital NHS Trust remained in special measures."
    )
    assert {e["ods_code"] for e in events(text, "2023-01-18")} == {"RXW"}


def test_a_fronted_contrast_with_a_relative_clause_keeps_its_own_subject():
    text = (
        "While Sherwood Forest Hospitals NHS Foundation Trust, which left special measures in 2017, is now rated "
        "outstanding, Nottingham University Hospitals NHS Trust has been rated inadequate."
    )
    found = {(e["ods_code"], e["to"]) for e in events(text, "2023-01-17") if e["framework"] == "cqc_rating"}
    assert found == {("RK5", "outstanding"), ("RX1", "inadequate")}


# --- Session 19 --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In March 2018 the Queen Elizabeth Hospital King's Lynn NHS Foundation Trust was still in special "
            "measures, which it had entered in December 2015.",
            {("enter", "2015-12"), ("remain", "2018-03")},
        ),
        (
            "Medway NHS Foundation Trust is still in special measures, which it first entered in July 2013.",
            {("enter", "2013-07"), ("remain", "2019-06-01")},
        ),
        (
            "By 2019 East Kent Hospitals University NHS Foundation Trust remained in segment 3, where it had been "
            "placed in 2017.",
            {("enter", "2017"), ("remain", "2019")},
        ),
        (
            "Barts Health NHS Trust was placed in special measures in 2015, which it left in 2017.",
            {("enter", "2015"), ("exit", "2017")},
        ),
    ],
)
def test_a_relative_clause_changing_the_status_before_it_is_a_change_of_its_own(text, expected):
    assert {(e["change"], e["date"]) for e in events(text, "2019-06-01")} >= expected


def test_a_relative_clause_change_keeps_its_date_from_the_main_status():
    text = "Wye Valley NHS Trust remains in the Recovery Support Programme, which it joined in 2022."
    found = {(e["change"], e["date"]) for e in events(text, "2024-05-01")}
    assert found == {("enter", "2022"), ("remain", "2024-05-01")}


@pytest.mark.parametrize(
    "text",
    [
        "Norfolk and Suffolk NHS Foundation Trust has a history of special measures, which it entered four times "
        "between 2015 and 2021.",
        "Medway NHS Foundation Trust is still in special measures, which it entered after a critical report.",
        "Medway NHS Foundation Trust is in special measures, which it was placed in by NHS Improvement.",
    ],
)
def test_a_relative_clause_of_several_changes_or_with_no_date_of_its_own_adds_no_dated_change(text):
    assert not [e for e in events(text, "2024-05-01") if e["change"] in ("enter", "exit") and e["date"]]


def test_a_relative_clause_change_is_told_as_fact_beside_a_possible_change():
    text = (
        "Mid and South Essex NHS Foundation Trust could leave the Recovery Support Programme, which it joined in "
        "2021, by the end of next year if it meets its financial targets."
    )
    found = {(e["change"], e["date"], e["modality"]) for e in events(text, "2024-05-01")}
    assert found == {("enter", "2021", "actual"), ("exit", "2025", "hypothetical")}


def test_a_date_after_a_relative_clause_is_the_main_clause_s():
    text = (
        "Mid and South Essex NHS Foundation Trust expects to leave the Recovery Support Programme, which it joined "
        "in 2021, by the end of next year."
    )
    found = {(e["change"], e["date"], e["modality"]) for e in events(text, "2024-05-01")}
    assert found == {("enter", "2021", "actual"), ("exit", "2025", "proposed")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In 2016 Pennine Acute Hospitals NHS Trust was rated inadequate, and in 2018 it improved to requires "
            "improvement.",
            {("inadequate", "2016"), ("requires improvement", "2018")},
        ),
        (
            "Aintree University Hospital NHS Foundation Trust was rated good in 2016, and in 2018 Royal Liverpool and "
            "Broadgreen University Hospitals NHS Trust was rated requires improvement.",
            {("good", "2016"), ("requires improvement", "2018")},
        ),
        (
            "Medway NHS Foundation Trust was rated inadequate in 2014, and in 2017 the trust climbed to requires "
            "improvement.",
            {("inadequate", "2014"), ("requires improvement", "2017")},
        ),
    ],
)
def test_a_date_opening_a_clause_whose_subject_then_changes_is_that_clause_s(text, expected):
    assert {(e["to"], e["date"]) for e in events(text, "2019-06-01")} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Croydon Health Services NHS Trust has been rated good overall, five years after inspectors first rated "
            "it requires improvement.",
            {("good", "2019-06-01"), ("requires improvement", "2014")},
        ),
        (
            "The London Ambulance Service NHS Trust, which left special measures in June 2017, has been rated good, "
            "four years after inspectors rated it inadequate.",
            {("good", "2019-06-01"), ("inadequate", "2015")},
        ),
        (
            "In 2018 Medway NHS Foundation Trust was rated good, three years after it was rated inadequate.",
            {("good", "2018"), ("inadequate", "2015")},
        ),
    ],
)
def test_years_after_a_rating_count_back_from_the_status_the_clause_follows(text, expected):
    assert {(e["to"], e["date"]) for e in events(text, "2019-06-01") if e["framework"] == "cqc_rating"} == expected


@pytest.mark.parametrize(
    "text",
    [
        "Croydon Health Services NHS Trust has been rated good overall, several years after inspectors first rated "
        "it requires improvement.",
        "Croydon Health Services NHS Trust has been rated good overall, some months after the regulator rated it "
        "inadequate.",
    ],
)
def test_an_undated_rating_in_an_elapsed_time_clause_is_history_without_a_date(text):
    found = [(e["to"], e["date"]) for e in events(text, "2019-06-01") if e["framework"] == "cqc_rating"]
    assert found[0] == ("good", "2019-06-01")
    assert [date for _, date in found[1:]] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "Sandwell and West Birmingham Hospitals NHS Trust remained outside the Recovery Support Programme.",
        "Sandwell and West Birmingham Hospitals NHS Trust remains outside the national Recovery Support Programme.",
        "Unlike its neighbours, Sandwell and West Birmingham Hospitals NHS Trust stayed outside the RSP in 2022.",
    ],
)
def test_staying_outside_a_named_programme_is_no_status_of_it(text):
    assert events(text, "2023-03-01") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In 2014, a year after it was placed in special measures, George Eliot Hospital NHS Trust came out of "
            "the regime.",
            {("enter", "2013"), ("exit", "2014")},
        ),
        (
            "In March 2019, four years after it was rated inadequate, Barts Health NHS Trust was rated good.",
            {("move", "2015"), ("move", "2019-03")},
        ),
    ],
)
def test_a_fronted_date_before_an_elapsed_clause_is_the_main_clause_s(text, expected):
    assert {(e["change"], e["date"]) for e in events(text, "2020-03-03")} == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "London North West Healthcare NHS Trust, formed in October 2014 when North West London Hospitals NHS "
            "Trust acquired Ealing Hospital NHS Trust, has been rated requires improvement overall.",
            "R1K",
        ),
        (
            "Torbay and South Devon NHS Foundation Trust, which was created in 2015 after South Devon Healthcare NHS "
            "Foundation Trust took over Torbay and Southern Devon Health and Care NHS Trust, has been rated good.",
            "RA9",
        ),
    ],
)
def test_bodies_named_in_the_subject_s_formation_clause_are_not_what_changed(text, code):
    assert {e["ods_code"] for e in events(text, "2018-09-30")} == {code}


def test_a_relative_clause_of_a_compared_body_is_that_body_s():
    text = (
        "Unlike its neighbour Sussex Partnership NHS Foundation Trust, which fell to segment 4, Surrey and Borders "
        "Partnership NHS Foundation Trust stayed in segment 2."
    )
    assert {(e["ods_code"], e["to"]) for e in events(text, "2025-12-10")} == {("RX2", 4), ("RXX", 2)}


def test_a_rating_given_in_the_regulator_s_clause_is_a_new_rating():
    text = "Walsall Healthcare NHS Trust has been placed in special measures after the CQC rated it inadequate."
    ratings = [e for e in events(text, "2016-01-13") if e["framework"] == "cqc_rating"]
    assert [(e["change"], e["to"]) for e in ratings] == [("move", "inadequate")]


@pytest.mark.parametrize(
    "text",
    [
        "The Isle of Wight NHS Trust was rated requires improvement overall. The trust's ambulance service was rated "
        "good.",
        "The Isle of Wight NHS Trust was rated requires improvement overall. The island's ambulance service was "
        "rated good.",
    ],
)
def test_an_ambulance_service_of_a_trust_that_is_not_an_ambulance_trust_is_a_service(text):
    assert [e["to"] for e in events(text, "2019-06-26")] == ["requires improvement"]


def test_the_county_s_ambulance_service_can_still_be_an_ambulance_trust():
    text = (
        "South Central Ambulance Service NHS Foundation Trust was inspected in May. The county's ambulance service "
        "was rated good."
    )
    assert [(e["ods_code"], e["to"]) for e in events(text, "2019-06-26")] == [("RYE", "good")]


@pytest.mark.parametrize(
    "text",
    [
        "Northampton General Hospital NHS Trust: overall segment 3; finance and productivity segment 4; access to "
        "services segment 2.",
        "Northampton General Hospital NHS Trust - segment 3 (finance: segment 4)",
    ],
)
def test_a_segment_labelled_with_a_domain_is_not_the_trust_s(text):
    assert {e["to"] for e in events(text, "2025-09-11")} == {3}


def test_a_month_in_a_condition_before_a_possible_change_is_the_next_one():
    text = (
        "If the trust clears its deficit by March, Northampton General Hospital NHS Trust could move up to segment 2."
    )
    assert [(e["date"], e["modality"]) for e in events(text, "2025-12-11")] == [("2026-03", "hypothetical")]


def test_a_draft_report_s_rating_is_proposed_however_long_the_name_after_it():
    text = (
        "A draft report seen by this newspaper indicates that West Hertfordshire Teaching Hospitals NHS Trust will "
        "be rated inadequate overall."
    )
    assert [e["modality"] for e in events(text, "2018-09-05")] == ["proposed"]


def test_statuses_after_an_opening_before_the_merger_are_how_the_bodies_were_then():
    text = (
        "NHS West and North London ICB has taken over from two boards.\n\nBefore the merger, NHS North West London ICB "
        "was in segment 3 and NHS North Central London ICB in segment 2 of the oversight framework."
    )
    assert events(text, "2026-04-15") == []


def test_a_date_in_an_opening_merger_phrase_is_the_merger_s():
    text = "Before its merger with Derby in 2018, Burton Hospitals NHS Foundation Trust was rated requires improvement."
    assert [e["date"] for e in events(text, "2026-04-15")] != ["2018"]


def test_no_longer_in_a_programme_after_years_in_the_regime_is_an_exit():
    text = "Tameside Hospital NHS Foundation Trust is no longer in special measures after two years in the regime."
    assert [e["change"] for e in events(text, "2015-10-29") if e["date"]] == ["exit"]


@pytest.mark.parametrize(
    "text",
    [
        "Barts Health NHS Trust is to come out of special measures, the Care Quality Commission recommended today.",
        "Barts Health NHS Trust should leave special measures, England's chief inspector of hospitals has recommended.",
        "Barts Health NHS Trust is to come out of special measures, the CQC recommended the move after a visit.",
    ],
)
def test_a_trailing_recommendation_tag_makes_the_change_proposed(text):
    assert [e["modality"] for e in events(text, "2017-03-23")] == ["proposed"]


def test_a_recommendation_of_its_own_after_a_rating_leaves_the_rating_actual():
    text = "Barts Health NHS Trust was rated inadequate, and the CQC recommended that it be placed in special measures."
    assert {(e["framework"], e["modality"]) for e in events(text, "2017-03-23")} == {
        ("cqc_rating", "actual"),
        ("special_measures", "proposed"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "All trusts in the Black Country have now been rated good overall, with the exception of Walsall Healthcare "
        "NHS Trust, which remains rated requires improvement.",
        "Inspectors visited the county's hospitals this year. Every acute trust in the county has been rated good, "
        "except for Walsall Healthcare NHS Trust.",
    ],
)
def test_a_body_excepted_from_the_others_does_not_take_their_status(text):
    assert [e["to"] for e in events(text, "2017-11-28") if e["to"] == "good"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Last year University Hospitals Sussex NHS Foundation Trust was told it would enter the Recovery Support "
        "Programme, but NHS England later reversed the decision.",
        "Medway NHS Foundation Trust was placed in special measures in 2014, but the regulator quickly overturned the "
        "decision.",
    ],
)
def test_a_change_its_sentence_says_was_reversed_is_no_change(text):
    assert events(text, "2024-05-01") == []


def test_inspectors_could_downgrade_is_a_possibility():
    text = (
        "Inspectors could downgrade Calderdale and Huddersfield NHS Foundation Trust from good to requires "
        "improvement, a leaked report suggests."
    )
    assert [e["modality"] for e in events(text, "2019-07-11")] == ["hypothetical"]


@pytest.mark.parametrize(
    "text",
    [
        "Ministers are considering whether trusts in deficit, such as Epsom and St Helier University Hospitals NHS "
        "Trust, should be capped at segment 3.",
        "Epsom and St Helier University Hospitals NHS Trust can be no higher than segment 3 while it is in deficit.",
    ],
)
def test_a_cap_on_a_segment_is_no_segment(text):
    assert events(text, "2025-10-01") == []


def test_last_weekday_in_a_story_of_that_weekday_is_the_week_before():
    text = (
        "Last Thursday the chief inspector of hospitals recommended that Burton Hospitals NHS Foundation Trust should "
        "come out of special measures."
    )
    assert [e["date"] for e in events(text, "2015-06-04")] == ["2015-05-28"]


def test_a_consequence_to_come_of_a_past_change_shares_its_past_day():
    text = (
        "Countess of Chester Hospital NHS Foundation Trust was placed in segment 5 of the NHS Oversight Framework on "
        "Tuesday, meaning it will join the Recovery Support Programme."
    )
    assert {e["date"] for e in events(text, "2025-09-11")} == {"2025-09-09"}


def test_a_change_announced_for_a_weekday_is_still_the_next_one():
    text = "Countess of Chester Hospital NHS Foundation Trust will join the Recovery Support Programme on Tuesday."
    assert [e["date"] for e in events(text, "2025-09-11")] == ["2025-09-16"]


def test_years_in_the_regime_after_an_exit_are_no_state_of_the_telling_s_day():
    text = (
        "Wye Valley NHS Trust left special measures last February after more than three years in the regime, its "
        "chair told a public meeting on Monday."
    )
    assert [(e["change"], e["date"]) for e in events(text, "2018-11-20")] == [("exit", "2018-02")]


@pytest.mark.parametrize(
    "text",
    [
        "Walsall Healthcare NHS Trust is looking for a director of nursing. The successful candidate will have "
        "experience of leading a trust out of special measures.",
        "Leeds Teaching Hospitals NHS Trust is recruiting a chief operating officer. Experience of helping a trust "
        "leave the Recovery Support Programme would be an advantage.",
    ],
)
def test_a_trust_in_a_job_advert_s_experience_is_no_body(text):
    assert events(text, "2024-05-20") == []


def test_northern_ireland_s_southern_health_trust_is_not_southern_health():
    text = (
        "Northern Ireland's Southern Health and Social Care Trust has been placed under special measures by the "
        "Department of Health in Belfast."
    )
    assert events(text, "2022-01-25") == []


def test_an_expectation_the_news_dashed_is_no_status():
    text = (
        "NHS Kent and Medway Integrated Care Board said it was disappointed that Maidstone and Tunbridge Wells NHS "
        "Trust had been placed in segment 3. The trust had expected to be in segment 2."
    )
    assert [e["to"] for e in events(text, "2025-09-10")] == [3]


def test_the_body_that_speaks_is_not_what_changed():
    text = (
        "NHS Lincolnshire Integrated Care Board said United Lincolnshire Teaching Hospitals NHS Trust had exited tier 1 "
        "for urgent and emergency care and was now in tier 2."
    )
    assert {e["ods_code"] for e in events(text, "2024-06-01")} == {"RWD"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Medway NHS Foundation Trust was rated good overall by the Care Quality Commission in 2016 and outstanding "
            "in August 2019.",
            {("good", "2016"), ("outstanding", "2019-08")},
        ),
        (
            "Medway NHS Foundation Trust was rated requires improvement overall by the CQC in March 2016, before moving "
            "up to good in June 2018.",
            {("requires improvement", "2016-03"), ("good", "2018-06")},
        ),
        (
            "Medway NHS Foundation Trust was rated good overall by the Care Quality Commission in July 2019, having "
            "been rated requires improvement in 2016.",
            {("good", "2019-07")},
        ),
    ],
)
def test_a_date_after_the_rater_closes_its_rating_before_the_next_clause(text, expected):
    assert {(e["to"], e["date"]) for e in events(text, "2025-09-10")} >= expected


@pytest.mark.parametrize(
    "text",
    [
        "Barts Health NHS Trust was inspected in January. The NHS Trust Development Authority said the trust as a "
        "whole would enter special measures.",
        "George Eliot Hospital NHS Trust was inspected in July. NHS Improvement confirmed that the trust should now "
        "leave special measures.",
    ],
)
def test_the_decider_s_reported_will_is_its_decision(text):
    assert [e["modality"] for e in events(text, "2015-03-17")] == ["actual"]


def test_the_decider_s_expectation_is_still_a_plan():
    text = (
        "Barts Health NHS Trust was inspected in January. NHS Improvement said it expected the trust to leave special "
        "measures next year."
    )
    assert [e["modality"] for e in events(text, "2015-03-17")] == ["proposed"]


def test_chorley_and_south_ribble_hospital_is_lancashire_teaching_s():
    text = "Chorley and South Ribble Hospital's trust has been moved from tier 1 to tier 2 for elective care."
    found = [m["ods_code"] for m in extract(text, published="2023-05-25").organisations]
    assert found == ["RXN"]


@pytest.mark.parametrize(
    "text",
    [
        "Walsall Healthcare NHS Trust, with which Dudley shares a chair, is rated requires improvement.",
        "Walsall Healthcare NHS Trust, alongside which The Dudley Group NHS Foundation Trust runs a pathology service, "
        "has been placed in segment 3.",
    ],
)
def test_a_body_in_a_prepositional_relative_clause_is_not_the_subject_s(text):
    assert {e["ods_code"] for e in events(text, "2023-03-22")} == {"RBK"}


def test_a_date_before_but_is_now_closes_the_clause_before():
    text = (
        "South Central Ambulance Service NHS Foundation Trust has been downgraded. It was rated good after an "
        "inspection in 2019 but is now rated inadequate overall."
    )
    assert {(e["to"], e["date"]) for e in events(text, "2022-08-19")} == {
        ("good", "2019"),
        ("inadequate", "2022-08-19"),
    }


def test_rated_again_after_another_rating_told_later_is_a_move_from_it():
    text = (
        "Tees, Esk and Wear Valleys NHS Foundation Trust has been rated good again overall, after being downgraded to "
        "requires improvement in 2021."
    )
    now = [e for e in events(text, "2022-08-25") if e["to"] == "good"]
    assert [(e["change"], e["from"]) for e in now] == [("move", "requires improvement")]


def test_an_exit_dated_and_an_entry_now_make_a_move_of_the_exit_s_date():
    text = "University Hospitals Plymouth NHS Trust exited tier 1 for elective care in Q1 2025/26 and is now in tier 2."
    assert [(e["change"], e["date"]) for e in events(text, "2025-08-21")] == [("move", "2025-04")]


@pytest.mark.parametrize(
    "text",
    [
        "In 2018 inspectors noted improvement at Isle of Wight NHS Trust but left the trust in special measures.",
        "In 2018 the regulator left Isle of Wight NHS Trust in special measures for another year.",
    ],
)
def test_leaving_a_body_in_a_programme_is_no_exit(text):
    assert [e["change"] for e in events(text, "2025-10-01")] == ["remain"]


def test_a_first_name_before_a_surname_is_a_person_not_a_trust():
    text = (
        "The death of Christie Harnett led to a review at Tees, Esk and Wear Valleys NHS Foundation Trust. Christie's "
        "father spoke to the board. The trust was rated requires improvement in 2021."
    )
    assert {e["ods_code"] for e in events(text, "2025-11-29")} == {"RX3"}


def test_the_christie_is_still_a_trust():
    assert [e["ods_code"] for e in events("The Christie was rated outstanding overall.", "2019-06-01")] == ["RBV"]


@pytest.mark.parametrize("opening", ["Within days", "Weeks later", "A few days later"])
def test_a_sentence_opening_with_a_short_sequence_takes_the_date_before(opening):
    text = (
        "The Queen Elizabeth Hospital King's Lynn NHS Foundation Trust was rated inadequate in September 2018. "
        f"{opening} the regulator placed the trust into special measures."
    )
    found = {e["framework"]: e["date"] for e in events(text, "2025-10-18")}
    assert found == {"cqc_rating": "2018-09", "special_measures": "2018-09"}


def test_a_short_name_on_its_hospital_is_the_hospital():
    text = (
        "The Maudsley Hospital in Camberwell has been rated requires improvement overall after the Care Quality "
        "Commission inspected the location."
    )
    assert events(text, "2023-11-29") == []


def test_a_service_run_by_a_trust_is_rated_for_itself():
    text = "Inspectors rated the crisis line run by Oxleas NHS Foundation Trust requires improvement."
    assert events(text, "2024-04-18") == []


def test_the_services_provided_by_a_trust_are_the_trust():
    text = (
        "England's Chief Inspector of Hospitals has rated the services provided by Oxleas NHS Foundation Trust as good."
    )
    assert [(e["ods_code"], e["to"]) for e in events(text, "2024-04-18")] == [("RPG", "good")]


def test_an_own_service_with_a_relative_clause_is_still_the_service():
    text = (
        "Medway NHS Foundation Trust has kept its outstanding rating. Our children's therapy service, which was also "
        "inspected, was rated good."
    )
    assert [e["to"] for e in events(text, "2024-03-05")] == ["outstanding"]


def test_a_programme_s_year_label_is_no_date():
    text = (
        "Bedfordshire Hospitals NHS Foundation Trust has been placed in tier 2 of NHS England's urgent and emergency "
        "care support programme for 2023/24."
    )
    assert [e["date"] for e in events(text, "2024-01-10")] == ["2024-01-10"]


def test_a_final_league_table_s_year_published_after_it_is_no_date():
    text = (
        "Kent Community Health NHS Foundation Trust was placed in segment 1 in the final NHS Oversight Framework "
        "league table for 2025/26."
    )
    assert [e["date"] for e in events(text, "2026-05-14")] == ["2026-05-14"]


def test_it_after_a_body_named_by_the_name_its_code_kept_is_that_body():
    text = (
        "East Suffolk and North Essex NHS Foundation Trust was formed when Colchester Hospital University NHS "
        "Foundation Trust and Ipswich Hospital NHS Trust merged in July 2018.\n\nThe Colchester trust was placed in "
        "special measures in November 2013. It left special measures in 2017."
    )
    assert {
        (e["ods_code"], e["change"]) for e in events(text, "2019-03-10") if e["framework"] == "special_measures"
    } == {
        ("RDE", "enter"),
        ("RDE", "exit"),
    }


def test_it_after_a_predecessor_named_last_is_still_that_predecessor():
    text = (
        "Hinchingbrooke Health Care NHS Trust and Peterborough and Stamford Hospitals NHS Foundation Trust have merged "
        "to create North West Anglia NHS Foundation Trust.\n\nHinchingbrooke was placed in special measures in January "
        "2015. It left special measures in December 2015."
    )
    exits = [e["ods_code"] for e in events(text, "2017-04-03") if e["change"] == "exit"]
    assert exits == ["RQQ"]


# --- Session 20 ---------------------------------------------------------------------------------------------------

NEIGHBOUR_PARAGRAPH = (
    "Northumberland, Tyne and Wear NHS Foundation Trust has been placed in segment 3 of the NHS Oversight "
    "Framework.\n\nInspectors rated the trust requires improvement in 2024.\n\nNext door, Tees, Esk and Wear Valleys "
    "NHS Foundation Trust remains rated requires improvement.\n\n"
)


def test_a_paragraph_opening_with_the_trust_returns_to_the_story_s_body():
    text = NEIGHBOUR_PARAGRAPH + "The trust's chief executive said she hoped it could move into segment 2 next year."
    hoped = [e["ods_code"] for e in events(text, "2025-12-04") if e["to"] == 2]
    assert hoped == ["RX4"]


def test_a_quote_after_the_returning_paragraph_is_the_story_s_body():
    text = (
        NEIGHBOUR_PARAGRAPH
        + 'The trust has recruited 90 nurses since the summer. "We could move up to segment 2 within a year," its '
        "chair said."
    )
    assert {e["ods_code"] for e in events(text, "2025-12-04") if e["to"] == 2} == {"RX4"}


def test_the_trust_in_the_neighbour_s_own_paragraph_is_the_neighbour():
    text = (
        "Northumberland, Tyne and Wear NHS Foundation Trust has been placed in segment 3 of the NHS Oversight "
        "Framework.\n\nTees, Esk and Wear Valleys NHS Foundation Trust was rated inadequate in 2019. The trust was "
        "placed in special measures that year."
    )
    entered = [e["ods_code"] for e in events(text, "2025-12-04") if e["framework"] == "special_measures"]
    assert entered == ["RX3"]


def test_a_paragraph_opening_with_the_trust_keeps_the_neighbour_when_the_neighbour_came_first():
    text = (
        "Tees, Esk and Wear Valleys NHS Foundation Trust was rated inadequate in 2019, a year after Northumberland, "
        "Tyne and Wear NHS Foundation Trust was rated outstanding. Northumberland, Tyne and Wear NHS Foundation Trust "
        "has since been placed in segment 3, and Northumberland, Tyne and Wear's board met on Tuesday.\n\n"
        "Tees, Esk and Wear Valleys NHS Foundation Trust was then put in special measures.\n\n"
        "The trust left special measures in 2021."
    )
    exits = [e["ods_code"] for e in events(text, "2025-12-04") if e["change"] == "exit"]
    assert exits == ["RX3"]


@pytest.mark.parametrize(
    "remark",
    [
        'He added: "We know that leaving the programme is not the same as being well."',
        "She said she thought being in the programme had helped the trust recruit.",
        'He added: "I believe that coming out of the programme is only the start."',
    ],
)
def test_a_change_someone_knows_or_thinks_about_is_no_event(remark):
    text = (
        "Yorkshire Ambulance Service NHS Trust is set to leave the Recovery Support Programme, after NHS England's "
        "regional team advised that the intensive support it has had since 2022 should end.\n\nThe trust's chief "
        'executive said he was "quietly pleased". ' + remark
    )
    assert [e["modality"] for e in events(text, "2024-10-09")] == ["proposed"]


def test_a_quote_opening_with_a_dated_exit_still_tells_it():
    text = 'George Eliot Hospital NHS Trust\'s chair said: "Leaving special measures in January 2015 was the start."'
    assert [(e["change"], e["date"]) for e in events(text, "2016-03-01")] == [("exit", "2015-01")]


def test_we_quoted_from_the_trust_s_chief_executive_is_the_trust_not_the_icb_named_last():
    text = (
        "Tees, Esk and Wear Valleys NHS Foundation Trust was rated requires improvement in 2024.\n\nNHS North East and "
        "North Cumbria Integrated Care Board buys most of its services.\n\n'We are in the Recovery Support Programme "
        "and we intend to leave it,' the trust's chief executive said."
    )
    assert {e["ods_code"] for e in events(text, "2025-10-07") if e["framework"] == "rsp"} == {"RX3"}


def test_we_quoted_from_the_trust_s_chief_executive_after_a_neighbour_is_unclear():
    text = (
        "Tees, Esk and Wear Valleys NHS Foundation Trust was rated requires improvement in 2024.\n\nNext door, "
        "Cumbria, Northumberland, Tyne and Wear NHS Foundation Trust was rated outstanding in 2016 and is now in "
        "segment 3. 'We came out of the Recovery Support Programme last year,' the trust's chief executive said."
    )
    assert [e for e in events(text, "2025-10-07") if e["framework"] == "rsp"] == []


def test_we_quoted_from_a_named_trust_s_chief_executive_is_that_trust():
    text = (
        "Tees, Esk and Wear Valleys NHS Foundation Trust was rated requires improvement in 2024.\n\nThe chief "
        "executive of Cumbria, Northumberland, Tyne and Wear NHS Foundation Trust said: 'We came out of the Recovery "
        "Support Programme last year.'"
    )
    assert [e["ods_code"] for e in events(text, "2025-10-07") if e["framework"] == "rsp"] == ["RX4"]


@pytest.mark.parametrize(
    "text",
    [
        "Dartford and Gravesham NHS Trust was placed in special measures in 2018/19. Inspectors found improvements "
        "the next year and upgraded it to requires improvement overall.",
        "Dartford and Gravesham NHS Trust was placed in special measures in 2018. Two years later it left the regime.",
    ],
)
def test_a_change_told_as_done_is_not_dated_after_the_report(text):
    assert [e["date"] for e in events(text, "2019-09-05")][1:] == [None]


def test_a_change_announced_for_later_keeps_its_date_after_the_report():
    text = "Dartford and Gravesham NHS Trust will leave special measures next month, NHS Improvement said."
    assert [e["date"] for e in events(text, "2019-09-05")] == ["2019-10"]


def test_an_aim_in_the_past_tense_is_no_rating():
    text = (
        "Mersey Care NHS Foundation Trust was rated good in 2019. The trust said it aimed to be rated outstanding "
        "by the end of its five-year strategy."
    )
    assert [e["to"] for e in events(text, "2020-02-14") if e["modality"] == "actual"] == ["good"]


NEIGHBOUR_NAMED_IN_PASSING = (
    "Royal Cornwall Hospitals NHS Trust has been placed in segment 4 of the NHS Oversight Framework.\n\nMany patients "
    "from east Cornwall are treated at University Hospitals Plymouth NHS Trust.\n\n"
)


def test_the_trust_identified_by_the_hospital_it_runs_is_that_hospital_s_trust():
    text = (
        NEIGHBOUR_NAMED_IN_PASSING + "The trust, which runs Derriford Hospital, was rated requires improvement in 2023."
    )
    assert [e["ods_code"] for e in events(text, "2025-09-09") if e["framework"] == "cqc_rating"] == ["RK9"]


def test_a_paragraph_opening_the_trust_which_runs_is_no_return_to_the_story_s_body():
    text = (
        "Royal Cornwall Hospitals NHS Trust has been placed in segment 4.\n\nNext door, University Hospitals Plymouth "
        "NHS Trust was rated requires improvement in 2023.\n\nThe trust, which has 1,000 beds, has been in the Recovery "
        "Support Programme since 2023."
    )
    assert [e["ods_code"] for e in events(text, "2025-09-09") if e["framework"] == "rsp"] == ["RK9"]


@pytest.mark.parametrize(
    "text",
    [
        "There was no suggestion Walsall Healthcare NHS Trust would be put into the Recovery Support Programme.",
        "Councillors were given no indication that Walsall Healthcare NHS Trust would enter special measures.",
    ],
)
def test_no_suggestion_of_a_change_proposes_nothing(text):
    assert events(text, "2023-06-02") == []


def test_an_inverted_condition_inside_a_report_is_a_counterfactual():
    text = (
        "Inspectors said that had Walsall Healthcare NHS Trust been rated inadequate, it could have faced special "
        "measures."
    )
    assert events(text, "2019-04-17") == []


def test_the_elective_recovery_support_programme_is_no_rsp():
    text = (
        "University Hospitals of Leicester NHS Trust has been moved from tier 1 to tier 2 of the elective recovery "
        "support programme."
    )
    assert [e["framework"] for e in events(text, "2024-01-17")] == ["elective_tier"]


def test_a_body_the_subject_runs_is_not_the_subject_of_keeps():
    text = (
        "Imperial College Healthcare NHS Trust, which runs St Mary's, Charing Cross and Hammersmith hospitals, keeps "
        "its overall rating of good."
    )
    assert [e["ods_code"] for e in events(text, "2023-06-02")] == ["RYJ"]


@pytest.mark.parametrize(
    "aim",
    [
        "Its ambition is segment 2 within three years.",
        '"Our target for 2026/27 is to be a segment 2 trust," the chief executive said.',
        "The board's goal is segment 2 by 2027.",
    ],
)
def test_an_ambition_for_a_segment_is_no_segment(aim):
    text = "Hull University Teaching Hospitals NHS Trust has been placed in segment 3. " + aim
    assert [(e["to"], e["modality"]) for e in events(text, "2025-09-10")] == [(3, "actual")]


def test_if_targets_are_met_is_still_a_condition():
    text = "If targets are met, Hull University Teaching Hospitals NHS Trust could leave segment 4 next year."
    assert [e["modality"] for e in events(text, "2025-09-10")] == ["hypothetical"]


@pytest.mark.parametrize(
    "text",
    [
        "Hull University Teaching Hospitals NHS Trust did not expect to be placed in the Provider Improvement Programme.",
        "Nobody expects Hull University Teaching Hospitals NHS Trust to be placed in the Recovery Support Programme.",
        "Hull University Teaching Hospitals NHS Trust might have expected to be in segment 5, had its deficit grown.",
    ],
)
def test_an_expectation_denied_or_counterfactual_is_no_event(text):
    assert events(text, "2025-09-10") == []


def test_a_league_table_s_year_after_of_is_no_date():
    text = (
        "University Hospitals Coventry and Warwickshire NHS Trust has moved from segment 4 to segment 3 in the final "
        "league tables of 2025/26."
    )
    assert [e["date"] for e in events(text, "2026-06-19")] == ["2026-06-19"]


def test_months_later_after_the_change_counts_from_the_last_sentence_s_date():
    text = (
        "In January 2023 the CQC rated Royal Cornwall Hospitals NHS Trust inadequate. It entered the Recovery Support "
        "Programme eight months later, with extra money for its emergency department."
    )
    assert [e["date"] for e in events(text, "2025-09-10") if e["framework"] == "rsp"] == ["2023-09"]


@pytest.mark.parametrize(
    ("text", "member"),
    [
        (
            "University Hospitals of Derby and Burton NHS Foundation Trust was formed in 2018 by merging Derby Teaching "
            "Hospitals and Burton Hospitals NHS Foundation Trust, one of the trusts put into special measures in July "
            "2013.",
            "RJF",
        ),
        (
            "Sherwood Forest Hospitals NHS Foundation Trust works closely with Nottingham University Hospitals NHS "
            "Trust, one of the trusts placed in segment 4 last year.",
            "RX1",
        ),
    ],
)
def test_an_appositive_member_of_a_group_is_the_body_it_follows(text, member):
    assert [e["ods_code"] for e in events(text, "2025-09-10")] == [member]


@pytest.mark.parametrize(
    "clause",
    ["which specialises in bone and joint surgery", "whose chief executive also leads a neighbour"],
)
def test_the_trust_which_after_a_trust_named_in_passing_is_that_trust(clause):
    text = (
        "The Shrewsbury and Telford Hospital NHS Trust remains in segment 4.\n\nMany patients are treated at The Robert "
        "Jones and Agnes Hunt Orthopaedic Hospital NHS Foundation Trust in Oswestry.\n\nThe trust, "
        + clause
        + ", was placed in segment 1."
    )
    assert [e["ods_code"] for e in events(text, "2025-09-09") if e["to"] == 1] == ["RL1"]


def test_the_trust_without_a_clause_after_a_trust_named_in_passing_is_still_the_subject_s():
    text = (
        "The Shrewsbury and Telford Hospital NHS Trust remains in segment 4. Many of its patients are treated at The "
        "Robert Jones and Agnes Hunt Orthopaedic Hospital NHS Foundation Trust. The trust has been in the Recovery "
        "Support Programme since 2021."
    )
    assert [e["ods_code"] for e in events(text, "2025-09-09") if e["framework"] == "rsp"] == ["RXW"]


def test_the_trust_which_runs_an_unknown_hospital_is_the_trust_named_in_passing():
    text = (
        "Nottingham University Hospitals NHS Trust has been rated inadequate.\n\nMental health care in the city is "
        "provided by Nottinghamshire Healthcare NHS Foundation Trust.\n\nThe trust, which runs a secure hospital in the "
        "county, entered the Recovery Support Programme in 2022."
    )
    assert [e["ods_code"] for e in events(text, "2023-03-15") if e["framework"] == "rsp"] == ["RHA"]


def test_a_status_told_as_now_is_not_dated_by_a_target_to_come():
    text = (
        "NHS Norfolk and Waveney Integrated Care Board remains in the Recovery Support Programme, with a target exit "
        "date of March 2026."
    )
    assert [e["date"] for e in events(text, "2025-02-10")] == ["2025-02-10"]


# Session 21


@pytest.mark.parametrize(
    "quote",
    [
        '"We came out of the Recovery Support Programme last year," the chief executive of Walsall Healthcare NHS '
        "Trust said.",
        "“We came out of the Recovery Support Programme last year,” said Jane Smith, chief executive of Walsall "
        "Healthcare NHS Trust.",
        '"It has been a long road. We left the Recovery Support Programme last year," Walsall Healthcare NHS Trust\'s '
        "chair said.",
        "'We came out of the Recovery Support Programme last year,' Walsall Healthcare NHS Trust said.",
    ],
)
def test_a_first_person_quote_before_its_named_speaker_is_the_speaker_s_body(quote):
    text = "The Dudley Group NHS Foundation Trust was rated good last month.\n\n" + quote
    assert [e["ods_code"] for e in events(text, "2024-05-01") if e["framework"] == "rsp"] == ["RBK"]


@pytest.mark.parametrize(
    "quote",
    [
        '"We placed the trust in the Recovery Support Programme last year," said the chief executive of NHS Black '
        "Country Integrated Care Board.",
        '"Dudley left the Recovery Support Programme last year and we are delighted," said the chief executive of '
        "Walsall Healthcare NHS Trust.",
    ],
)
def test_a_quote_about_another_body_is_not_the_speaker_s(quote):
    text = "The Dudley Group NHS Foundation Trust was rated good last month.\n\n" + quote
    assert [e["ods_code"] for e in events(text, "2024-05-01") if e["framework"] == "rsp"] == ["RNA"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "Walsall Healthcare NHS Trust will leave the Recovery Support Programme from 1 April, NHS England confirmed "
            "today.",
            "2025-04-01",
        ),
        (
            "NHS England has confirmed that Walsall Healthcare NHS Trust will exit the Recovery Support Programme with "
            "effect from 1 April 2025.",
            "2025-04-01",
        ),
        ("From April, Walsall Healthcare NHS Trust will no longer be in the Recovery Support Programme.", "2025-04"),
    ],
)
def test_an_exit_announced_from_a_later_day_is_dated_that_day(text, day):
    assert [e["date"] for e in events(text, "2025-02-20")] == [day]


def test_a_past_spell_from_a_date_does_not_date_the_exit():
    text = "Walsall Healthcare NHS Trust left special measures, having been in the regime from April 2016."
    assert [e["date"] for e in events(text, "2019-02-20")] == ["2019-02-20"]


@pytest.mark.parametrize(
    "text",
    [
        "Croydon Health Services NHS Trust is to leave tier 1 for urgent and emergency care from next month. It will "
        "move into tier 2, with support from the regional team.",
        "Croydon Health Services NHS Trust will be taken out of tier 1 for urgent and emergency care. From next month "
        "the trust will be placed in tier 2.",
        "Croydon Health Services NHS Trust has been placed in tier 2 for urgent and emergency care. The trust moves "
        "down from tier 1, where it spent two years.",
    ],
)
def test_leaving_a_tier_and_entering_another_in_the_next_sentence_is_one_move(text):
    assert [(e["change"], e["from"], e["to"]) for e in events(text, "2024-03-10")] == [("move", 1, 2)]


def test_leaving_a_tier_with_nothing_said_of_the_next_stays_an_exit():
    text = (
        "Croydon Health Services NHS Trust is to leave tier 1 for urgent and emergency care from next month. Its "
        "chief executive thanked staff."
    )
    assert [(e["change"], e["to"]) for e in events(text, "2024-03-10")] == [("exit", None)]


@pytest.mark.parametrize(
    "text",
    [
        "United Lincolnshire Hospitals NHS Trust has been in special measures twice.",
        "United Lincolnshire Hospitals NHS Trust, which has been in special measures three times since 2013, has a new "
        "chair.",
        "United Lincolnshire Hospitals NHS Trust has entered special measures on two occasions since 2013.",
    ],
)
def test_a_count_of_spells_in_a_regime_is_no_status_and_no_dated_entry(text):
    assert [e for e in events(text, "2019-05-01") if e["framework"] in ("special_measures", "rsp")] == []


def test_the_nth_time_since_a_year_rated_below_a_rating_is_no_rating():
    text = "It is the second time since 2014 that United Lincolnshire Hospitals NHS Trust has been rated below good."
    assert events(text, "2019-05-01") == []


@pytest.mark.parametrize(
    "text",
    [
        "NHS Cheshire and Merseyside Integrated Care Board said: 'We are glad that none of the trusts in our area is in "
        "segment 5.'",
        "The chair of NHS Cheshire and Merseyside Integrated Care Board said that none of the hospital trusts it "
        "oversees is in segment 5.",
    ],
)
def test_none_of_the_trusts_after_that_or_a_quote_is_nobody_s_segment(text):
    assert events(text, "2026-04-10") == []


@pytest.mark.parametrize("noun", ["plan is", "aim is", "ambition is now", "goal remains"])
def test_an_organisation_s_stated_plan_for_a_segment_is_no_actual_segment(noun):
    text = f"Wirral University Teaching Hospital NHS Foundation Trust said: 'Our {noun} to be in segment 2.'"
    assert [e["modality"] for e in events(text, "2025-11-01") if e["modality"] == "actual"] == []


@pytest.mark.parametrize(
    ("second", "day"),
    [
        ("A year later inspectors found some progress, but the trust stayed in special measures.", "2017-01"),
        (
            "In March 2017 the rating rose to requires improvement, but the trust remained in special measures.",
            "2017-03",
        ),
    ],
)
def test_a_time_opening_the_sentence_dates_a_past_clause_after_but(second, day):
    text = "Walsall Healthcare NHS Trust was put into special measures in January 2016.\n\n" + second
    found = [e for e in events(text, "2023-07-08") if e["change"] == "remain"]
    assert [(e["framework"], e["date"]) for e in found] == [("special_measures", day)]


def test_a_time_opening_the_sentence_does_not_date_a_present_clause_after_but():
    text = "In 2016 Walsall Healthcare NHS Trust was rated inadequate, but it is now rated good."
    assert [e["date"] for e in events(text, "2023-07-08") if e["to"] == "good"] == ["2023-07-08"]


@pytest.mark.parametrize(
    "second",
    [
        "Under the System Oversight Framework the trust sits in segment 3.",
        "Under the System Oversight Framework introduced in 2021 it was placed in segment 3.",
    ],
)
def test_the_system_oversight_framework_is_no_system_to_refer_to(second):
    text = "Royal Cornwall Hospitals NHS Trust was rated inadequate in 2017.\n\n" + second
    assert {e["ods_code"] for e in events(text, "2022-05-18") if e["framework"] == "nof"} == {"REF"}


@pytest.mark.parametrize("bodies", ["trusts outside", "providers that are not in", "those outside"])
def test_bodies_outside_a_programme_are_a_class_not_a_status(bodies):
    text = f"Royal Cornwall Hospitals NHS Trust is in segment 3, a segment open to {bodies} the Recovery Support Programme."
    assert [e["framework"] for e in events(text, "2022-05-18")] == ["nof"]


@pytest.mark.parametrize(
    "text",
    [
        "All but East Midlands Ambulance Service NHS Trust are rated good overall: North East Ambulance Service NHS "
        "Foundation Trust and Yorkshire Ambulance Service NHS Trust.",
        "All but Walsall Healthcare NHS Trust have now left the Recovery Support Programme.",
    ],
)
def test_the_body_all_but_excepts_has_not_the_status(text):
    assert "RX9" not in {e["ods_code"] for e in events(text, "2024-02-20")}
    assert "RBK" not in {e["ods_code"] for e in events(text, "2024-02-20")}


def _own_page(text: str) -> list[dict]:
    """Events of a text published on Walsall Healthcare NHS Trust's own website."""
    found = extract(text, published="2023-07-05", url="https://www.walsallhealthcare.nhs.uk/news/board-update/")
    return found.events


@pytest.mark.parametrize(
    "last",
    [
        "The Trust's overall rating remains requires improvement.",
        "We remain in segment 3 of the oversight framework.",
        '"Our overall rating is still requires improvement," said our chief executive.',
    ],
)
def test_on_a_trust_s_own_page_the_trust_and_we_are_the_publisher(last):
    text = (
        "Our board met on Tuesday.\n\nThe Dudley Group NHS Foundation Trust, our neighbour, was rated good last "
        "year.\n\n" + last
    )
    assert {e["ods_code"] for e in _own_page(text) if e["date"] == "2023-07-05"} == {"RBK"}


def test_on_a_trust_s_own_page_the_lower_case_trust_after_a_neighbour_is_the_neighbour():
    text = (
        "Our board met on Tuesday.\n\nThe Dudley Group NHS Foundation Trust, our neighbour, was rated good last "
        "year.\n\nThe trust has been in segment 2 since 2022."
    )
    assert {e["ods_code"] for e in _own_page(text) if e["framework"] == "nof"} == {"RNA"}


@pytest.mark.parametrize("rough", ["more than two years", "nearly three years", "almost a decade"])
def test_a_rough_elapsed_time_fixes_no_year_of_entry(rough):
    text = f"Sherwood Forest Hospitals NHS Foundation Trust has been rated good, {rough} after it entered special measures."
    found = [e for e in events(text, "2016-04-20") if e["framework"] in ("special_measures", "rsp")]
    assert [(e["framework"], e["date"]) for e in found] == [("special_measures", None)]


@pytest.mark.parametrize(
    ("lead", "day"),
    [
        ("has left the Recovery Support Programme, three years after it was placed in special measures.", "2020-09"),
        ("is rated good, four years after it first went into special measures.", "2020-09"),
        (
            "has left the Recovery Support Programme, more than three years after it was placed in special measures.",
            "2020-09",
        ),
    ],
)
def test_an_entry_counted_back_takes_the_month_the_text_gives_later(lead, day):
    text = (
        "East of England Ambulance Service NHS Trust " + lead + "\n\nThe trust was put into special measures in "
        "September 2020."
    )
    found = [e for e in events(text, "2024-02-15") if e["change"] == "enter"]
    assert [e["date"] for e in found] == [day]


def test_a_year_given_then_a_month_in_it_keeps_the_month():
    text = (
        "University Hospitals of Morecambe Bay NHS Foundation Trust entered special measures in 2014.\n\nIt was placed "
        "in special measures in June 2014 after an inspection."
    )
    assert [e["date"] for e in events(text, "2024-02-15")] == ["2014-06"]


def test_every_step_of_the_way_through_a_programme_is_no_exit():
    text = (
        'Nottingham University Hospitals NHS Trust has been placed in the Recovery Support Programme.\n\n"We will '
        'support the trust every step of the way through its time in the programme," said its chair.'
    )
    assert [(e["change"], e["date"]) for e in events(text, "2024-02-08")] == [("enter", "2024-02-08")]


@pytest.mark.parametrize(
    "text",
    [
        "Medway NHS Foundation Trust has been placed in tier 1 for urgent and emergency care.\n\nNHS England said the Kent "
        "hospital would now receive tier 1 support.",
        "Medway NHS Foundation Trust has been placed in tier 1 for urgent and emergency care.\n\nThe trust remains in tier "
        "1 while a new team is recruited from outside Kent.",
    ],
)
def test_a_place_describing_a_hospital_or_named_after_the_status_is_not_its_body(text):
    assert {e["ods_code"] for e in events(text, "2023-06-14")} == {"RPA"}


def test_an_mp_named_with_a_constituency_calling_for_special_measures_proposes_nothing():
    text = "North Somerset MP Jane Doe has called for Weston Area Health NHS Trust to be placed in special measures."
    assert events(text, "2017-07-20") == []


@pytest.mark.parametrize(
    ("second", "day"),
    [
        ("That same month it was placed in special measures.", "2016-03"),
        ("Two months after that, it was placed in special measures.", "2016-05"),
        ("The next year it was placed in special measures.", "2017"),
        ("In the same year it was placed in special measures.", "2016"),
    ],
)
def test_a_sentence_opening_with_a_time_counted_from_the_last_date_takes_it(second, day):
    text = "Walsall Healthcare NHS Trust was rated inadequate in March 2016.\n\n" + second
    found = [e for e in events(text, "2023-01-10") if e["framework"] != "cqc_rating"]
    assert [(e["framework"], e["date"]) for e in found] == [("special_measures", day)]


@pytest.mark.parametrize(
    "text",
    [
        '"At no point has Wirral University Teaching Hospital NHS Foundation Trust been placed in special measures," '
        "she said.",
        "At no stage was The Dudley Group NHS Foundation Trust among those recommended for special measures.",
        "East Kent Hospitals University NHS Foundation Trust is not in special measures, so it cannot be placed in "
        "segment 4.",
    ],
)
def test_at_no_point_and_cannot_deny_the_status(text):
    assert events(text, "2019-12-12") == []


def test_a_prediction_the_news_proved_wrong_is_no_proposal():
    text = (
        "University Hospitals Birmingham NHS Foundation Trust, which some had predicted would be in segment 4, was "
        "placed in segment 3."
    )
    assert [e["to"] for e in events(text, "2025-09-10")] == [3]


@pytest.mark.parametrize(
    "generic",
    [
        "A trust that breaches its control total could be placed in financial special measures, under the rules.",
        "For example, a trust in segment 1 might be a large teaching hospital, while a trust in segment 5 would be "
        "receiving intensive support.",
        "Under the draft framework, a trust in tier 1 would be expected to fall into segment 4.",
    ],
)
def test_an_indefinite_trust_told_as_any_such_trust_is_not_the_story_s(generic):
    text = "Croydon Health Services NHS Trust has been rated good.\n\n" + generic
    assert [e["framework"] for e in events(text, "2024-01-18")] == ["cqc_rating"]


def test_a_lede_s_indefinite_trust_is_still_the_story_s():
    text = (
        "A hospital trust in special measures has been rated inadequate again. Medway NHS Foundation Trust was rated "
        "inadequate by the Care Quality Commission."
    )
    assert {e["ods_code"] for e in events(text, "2016-01-18")} == {"RPA"}


def test_the_provider_improvement_programme_is_no_provider_to_refer_to():
    text = (
        "Kent Community Health NHS Foundation Trust is not affected.\n\nSegment 5 will continue to be reserved for "
        "organisations in the Provider Improvement Programme, while the threshold for segment 1 will be raised."
    )
    assert events(text, "2026-03-18") == []


def test_a_rating_under_the_use_of_resources_assessment_is_not_the_overall_rating():
    text = (
        "Walsall Healthcare NHS Trust has become the first acute trust to be rated inadequate under NHS Improvement's "
        "new use of resources assessment."
    )
    assert events(text, "2018-01-16") == []


def test_the_kind_of_trust_people_deserve_has_no_rating():
    text = (
        'Norfolk and Suffolk NHS Foundation Trust remains in segment 4.\n\n"Patients in this county deserve a trust '
        'rated good, and that is what we are working towards," said its chief executive.'
    )
    assert [e["framework"] for e in events(text, "2025-11-20")] == ["nof"]


def test_an_independent_hospital_run_by_a_named_group_is_not_the_story_s_trust():
    text = (
        "University Hospital Southampton NHS Foundation Trust was rated good.\n\nMeanwhile, a mental health hospital "
        "run by the Priory Group in Hampshire has been rated inadequate and placed in special measures."
    )
    assert [e["to"] for e in events(text, "2019-04-10")] == ["good"]


def test_a_while_clause_with_its_own_indefinite_subject_is_not_the_named_body_s():
    text = (
        "NHS Southend CCG has been rated requires improvement in its annual assessment, while a GP surgery in "
        "Westcliff has been rated inadequate and placed in special measures."
    )
    assert events(text, "2016-10-13") == []


@pytest.mark.parametrize(
    "rule",
    [
        "When the CQC rates a trust inadequate overall, the regulator recommends further action.",
        "A trust in that position will usually be recommended for special measures.",
    ],
)
def test_a_rule_about_any_trust_gives_the_story_s_trust_nothing(rule):
    text = "Croydon Health Services NHS Trust has been rated good.\n\n" + rule
    assert [e["to"] for e in events(text, "2018-01-18")] == ["good"]


@pytest.mark.parametrize(
    "text",
    [
        "Walsall Healthcare NHS Trust has been moved into segment 4.\n\nThe move, confirmed by NHS England's Midlands "
        "region on Monday, means the trust will receive help through the Recovery Support Programme.",
        "Walsall Healthcare NHS Trust learned on Monday that it will stay in the Recovery Support Programme.",
    ],
)
def test_a_weekday_of_a_past_telling_before_a_will_is_the_last_one(text):
    assert [e["date"] for e in events(text, "2023-07-06") if e["framework"] == "rsp"] == ["2023-07-03"]


def test_the_trust_returns_to_the_trust_the_story_opens_with_after_neighbours_named_more_often():
    text = (
        "Northern Lincolnshire and Goole NHS Foundation Trust has left the Recovery Support Programme.\n\nIn April "
        "2017, Hull University Teaching Hospitals NHS Trust was rated requires improvement, and United Lincolnshire "
        "Teaching Hospitals NHS Trust entered special measures; Hull University Teaching Hospitals NHS Trust later "
        "shared a chief executive with it.\n\nThe trust moved into segment 4 of the oversight framework in July 2021."
    )
    assert [e["ods_code"] for e in events(text, "2022-11-03") if e["framework"] == "nof"] == ["RJL"]


def test_a_date_in_a_clause_announcing_a_change_for_later_dates_the_status_before_it_ahead():
    text = (
        "Three trusts have been told they no longer need mandated intensive support and will leave the Recovery "
        "Support Programme at the end of March. They are Walsall Healthcare NHS Trust, The Dudley Group NHS Foundation "
        "Trust and The Royal Wolverhampton NHS Trust."
    )
    assert {e["date"] for e in events(text, "2026-02-11")} == {"2026-03"}


def test_a_telling_between_a_later_change_and_its_weekday_keeps_the_weekday_past():
    text = (
        "NHS Norfolk and Waveney Integrated Care Board has been placed in segment 4 and will receive support through "
        "the Recovery Support Programme, its board heard on Tuesday."
    )
    assert [e["date"] for e in events(text, "2023-07-06") if e["framework"] == "nof"] == ["2023-07-04"]


@pytest.mark.parametrize(
    ("closing", "day"),
    [("The new tiers take effect from 1 April.", "2025-04-01"), ("The change takes effect on Monday.", "2025-03-24")],
)
def test_changes_told_as_news_take_the_day_a_sentence_near_them_says_they_take_effect(closing, day):
    text = "Walsall Healthcare NHS Trust moves to tier 2 for urgent and emergency care. " + closing
    assert [e["date"] for e in events(text, "2025-03-20")] == [day]


def test_a_change_the_text_dates_elsewhere_keeps_that_date_beside_took_effect():
    text = (
        "Walsall Healthcare NHS Trust has formally left special measures.\n\nInspectors advised in May that it should "
        "come out of the regime. The regulator agreed with the advice in July, and the exit took effect on 1 August."
    )
    found = [e["date"] for e in events(text, "2016-09-06") if e["change"] == "exit" and e["modality"] == "actual"]
    assert "2017-08-01" not in found and "2016-09-06" not in found


# Session 22


@pytest.mark.parametrize(
    "text",
    [
        "Dudley Group NHS Foundation Trust was rated inadequate in March 2019 and entered special measures the "
        "following month.",
        "The Dudley Group NHS Foundation Trust was rated inadequate in March 2019. The next month it was put into "
        "special measures.",
        "In March 2019 the regulator rated The Dudley Group NHS Foundation Trust inadequate.\n\nThe following month, "
        "the trust went into special measures.",
    ],
)
def test_the_following_month_is_the_month_after_the_one_named(text):
    found = [e["date"] for e in events(text, "2024-06-10") if e["framework"] == "special_measures"]
    assert found == ["2019-04"]


def test_the_following_month_after_a_year_alone_keeps_the_year():
    text = "Dudley Group NHS Foundation Trust was rated inadequate in 2019 and entered special measures the following month."
    assert [e["date"] for e in events(text) if e["framework"] == "special_measures"] == ["2019"]


def test_the_following_month_after_no_date_is_unknown_not_the_publication():
    text = (
        "Dudley Group NHS Foundation Trust was rated inadequate, and it entered special measures the following month."
    )
    assert [e["date"] for e in events(text) if e["framework"] == "special_measures"] == [None]


def test_next_month_without_the_still_counts_from_the_publication():
    text = "Dudley Group NHS Foundation Trust will leave the Recovery Support Programme next month, NHS England said."
    assert [e["date"] for e in events(text, "2024-06-10")] == ["2024-07"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "The CQC rated Medway NHS Foundation Trust inadequate in May 2017. A year later the trust came out of special "
            "measures.",
            "2018-05",
        ),
        (
            "Medway NHS Foundation Trust was placed in special measures in July 2014.\n\nTwo years on, the trust left "
            "special measures.",
            "2016-07",
        ),
        (
            "Medway NHS Foundation Trust entered special measures in July 2014 and came out of the regime two years later.",
            "2016-07",
        ),
    ],
)
def test_years_later_after_a_month_keep_the_month(text, day):
    assert [e["date"] for e in events(text, "2020-05-01") if e["change"] == "exit"] == [day]


def test_the_following_year_after_a_month_is_the_year_alone():
    text = "Medway NHS Foundation Trust entered special measures in July 2014. The following year it left special measures."
    assert [e["date"] for e in events(text, "2020-05-01") if e["change"] == "exit"] == ["2015"]


def test_years_later_beside_a_date_of_its_own_keep_only_that_year():
    text = (
        "Medway NHS Foundation Trust entered special measures in July 2013. It came out of special measures two years "
        "later, in the autumn of 2015."
    )
    assert [e["date"] for e in events(text, "2020-05-01") if e["change"] == "exit"] == ["2015"]


@pytest.mark.parametrize(
    "text",
    [
        "Tameside and Glossop Integrated Care NHS Foundation Trust is to leave the Recovery Support Programme, NHS "
        "England announced on Tuesday.",
        "Tameside and Glossop Integrated Care NHS Foundation Trust will exit the Recovery Support Programme, the "
        "regional director confirmed on Tuesday.",
        "Tameside and Glossop Integrated Care NHS Foundation Trust and Wirral University Teaching Hospital NHS "
        "Foundation Trust are to come out of the Recovery Support Programme, NHS England said on Tuesday.",
    ],
)
def test_a_later_change_told_on_a_weekday_takes_the_past_weekday(text):
    assert {e["date"] for e in events(text, "2023-09-07")} == {"2023-09-05"}


def test_a_weekday_after_a_change_to_come_without_a_telling_is_still_ahead():
    text = "Tameside and Glossop Integrated Care NHS Foundation Trust will leave the Recovery Support Programme on Tuesday."
    assert [e["date"] for e in events(text, "2023-09-07")] == ["2023-09-12"]


@pytest.mark.parametrize(
    "second",
    [
        "Once it leaves, the trust will sit in segment 3.",
        "When it exits, Wirral University Teaching Hospital NHS Foundation Trust will be placed in segment 3.",
        "As soon as it leaves, it will move into segment 3 of the oversight framework.",
    ],
)
def test_a_fronted_time_clause_keeps_its_leaving_from_the_segment_after_it(second):
    text = (
        "Wirral University Teaching Hospital NHS Foundation Trust will leave the Recovery Support Programme in March. "
    )
    found = [(e["to"], e["date"]) for e in events(text + second, "2025-02-06") if e["framework"] == "nof"]
    assert found == [(3, "2025-03")]


def test_a_fronted_time_clause_about_the_past_takes_the_past_date_before_it():
    text = (
        "Wirral University Teaching Hospital NHS Foundation Trust left the Recovery Support Programme in March. When it "
        "left, it was moved to segment 3."
    )
    assert [(e["to"], e["date"]) for e in events(text, "2025-02-06") if e["framework"] == "nof"] == [(3, "2024-03")]


def test_a_fronted_time_clause_holding_the_status_keeps_its_own_verb():
    text = "When it left the Recovery Support Programme, Wirral University Teaching Hospital NHS Foundation Trust was relieved."
    assert [e["change"] for e in events(text, "2025-02-06")] == ["exit"]


@pytest.mark.parametrize(
    "text",
    [
        "Medway NHS Foundation Trust moved into the Recovery Support Programme when the programme replaced special "
        "measures in July 2021.",
        "Medway NHS Foundation Trust was placed in the Recovery Support Programme when the programme began in July 2021.",
        "When the Recovery Support Programme replaced special measures in July 2021, Medway NHS Foundation Trust was "
        "placed in the programme.",
        "Medway NHS Foundation Trust was moved into the RSP when special measures were abolished in July 2021.",
    ],
)
def test_an_entry_told_with_the_programme_beginning_takes_the_beginning_date(text):
    assert [(e["framework"], e["date"]) for e in events(text, "2021-09-30")] == [("rsp", "2021-07")]


@pytest.mark.parametrize(
    "text",
    [
        "Medway NHS Foundation Trust has been in segment 4 since the framework was introduced in July 2021.",
        "Medway NHS Foundation Trust has been in the Recovery Support Programme since it was set up in July 2021.",
    ],
)
def test_a_status_held_since_the_framework_began_dates_from_the_beginning(text):
    assert [e["date"] for e in events(text, "2023-06-20")] == ["2021-07"]


def test_a_status_held_since_another_body_changed_is_still_not_dated_by_it():
    text = (
        "Medway NHS Foundation Trust is the first trust to leave segment 4 since three others were removed last July."
    )
    assert [e["date"] for e in events(text, "2023-06-20")] != ["2022-07"]


def test_only_to_be_placed_is_what_happened_not_a_plan():
    text = "Medway NHS Foundation Trust left special measures in 2017, only to be placed in the Recovery Support Programme in July 2021."
    found = [(e["framework"], e["modality"]) for e in events(text, "2023-01-01")]
    assert found == [("special_measures", "actual"), ("rsp", "actual")]


@pytest.mark.parametrize(
    "text",
    [
        "NHS England has confirmed that Wirral University Teaching Hospital NHS Foundation Trust is on track to leave "
        "the Recovery Support Programme by March.",
        "The regional team has agreed that Wirral University Teaching Hospital NHS Foundation Trust is likely to move "
        "to segment 3 next year.",
    ],
)
def test_a_plan_inside_a_confirmation_stays_a_plan(text):
    assert [e["modality"] for e in events(text, "2024-11-27")] == ["proposed"]


def test_a_recommendation_inside_an_acceptance_is_still_a_decision():
    text = (
        "NHS Improvement has accepted the recommendation that Wirral University Teaching Hospital NHS Foundation Trust "
        "should leave special measures."
    )
    assert [e["modality"] for e in events(text, "2019-11-27")] == ["actual"]


@pytest.mark.parametrize(
    "text",
    [
        "Risk 14: possibility of Wirral University Teaching Hospital NHS Foundation Trust moving to segment 4.",
        "The board discussed the prospect of Wirral University Teaching Hospital NHS Foundation Trust being placed in "
        "segment 4.",
    ],
)
def test_a_possibility_of_a_move_is_no_move(text):
    assert [e["modality"] for e in events(text, "2025-11-27")] == ["hypothetical"]


@pytest.mark.parametrize(
    "second",
    [
        "University Hospitals of Leicester NHS Trust remains in segment 3.",
        "University Hospitals of Leicester NHS Trust has moved from segment 3 to segment 2.",
    ],
)
def test_a_status_told_after_a_dated_publication_takes_its_date(second):
    text = "NHS England published the quarter 2 segmentation on 11 November 2025. " + second
    assert [e["date"] for e in events(text, "2025-11-27")] == ["2025-11-11"]


def test_the_same_publication_carries_its_date_to_the_next_sentence():
    text = (
        "NHS England published the quarter 2 segmentation on 11 November 2025. University Hospitals of Leicester NHS "
        "Trust remains in segment 3. In the same publication, Leicestershire Partnership NHS Trust moved to segment 2."
    )
    assert {e["date"] for e in events(text, "2025-11-27")} == {"2025-11-11"}


def test_a_publication_date_is_not_its_inspections_date():
    text = (
        "The CQC published its report on Croydon Health Services NHS Trust on 12 February 2020 following inspections "
        "in November and December 2019.\n\nThe trust's overall rating has improved from requires improvement to good."
    )
    assert [e["date"] for e in events(text, "2020-02-27")] == ["2020-02-12"]


def test_an_earlier_status_after_a_dated_publication_keeps_its_own_date():
    text = (
        "The CQC published its report on Croydon Health Services NHS Trust on 12 February 2020. The trust had "
        "previously been rated inadequate."
    )
    assert "2020-02-12" not in [e["date"] for e in events(text, "2020-02-27") if e["to"] == "inadequate"]


def test_an_old_publication_does_not_date_a_status_told_now():
    text = (
        "NHS England published its first segmentation on 11 November 2022. University Hospitals of Leicester NHS Trust "
        "remains in segment 3."
    )
    assert [e["date"] for e in events(text, "2025-11-27")] == ["2025-11-27"]


def test_a_date_past_a_coordinated_clause_with_its_own_subject_is_that_clauses():
    text = (
        "In December the chief inspector of hospitals recommended that George Eliot Hospital NHS Trust should leave "
        "special measures, and the NHS Trust Development Authority accepted that recommendation today."
    )
    assert [e["date"] for e in events(text, "2015-01-20") if e["modality"] == "proposed"] == ["2014-12"]


def test_a_date_past_a_coordinated_clause_still_dates_a_term_without_a_date_before():
    text = "George Eliot Hospital NHS Trust left special measures, and the regulator announced it on 20 January 2015."
    assert [e["date"] for e in events(text, "2015-01-22")] == ["2015-01-20"]


@pytest.mark.parametrize(
    "text",
    [
        "Barnsley Hospital NHS Foundation Trust was placed in segment 3 when NHS England published its first league "
        "tables last September.",
        "Barnsley Hospital NHS Foundation Trust entered segment 3 when the segmentation was published in September.",
    ],
)
def test_a_change_told_with_a_publication_takes_the_publications_date(text):
    assert [e["date"] for e in events(text, "2026-01-20")] == ["2025-09"]


def test_a_rating_after_a_recent_inspection_is_still_the_reports_news():
    text = "Barnsley Hospital NHS Foundation Trust has been rated good following an inspection in November."
    assert [e["date"] for e in events(text, "2026-01-20")] == ["2026-01-20"]


@pytest.mark.parametrize(
    "text",
    [
        "South Central Ambulance Service NHS Foundation Trust is no longer receiving intensive support through NHS "
        "England's Recovery Support Programme.",
        "South Central Ambulance Service NHS Foundation Trust no longer needs the mandated intensive support offered "
        "by NHS England's Recovery Support Programme.",
    ],
)
def test_no_longer_receiving_the_programmes_support_is_an_exit(text):
    assert [(e["change"], e["to"]) for e in events(text, "2024-11-05")] == [("exit", "out")]


def test_an_entry_in_an_elapsed_clause_after_a_recommendation_is_what_happened():
    text = (
        "NHS Croydon CCG is expected to be taken out of financial special measures next month, almost two years after "
        "NHS England placed it in the regime in October 2016."
    )
    found = {(e["change"], e["modality"]) for e in events(text, "2018-08-10")}
    assert ("enter", "actual") in found and ("enter", "proposed") not in found


def test_a_while_clause_with_a_name_of_its_own_is_not_the_first_bodys():
    text = (
        "Weston Area Health NHS Trust was rated requires improvement in 2019, while UH Bristol has been rated "
        "outstanding since 2017."
    )
    assert [e["to"] for e in events(text, "2020-01-01")] == ["requires improvement"]


def test_a_while_clause_with_it_is_still_the_first_bodys():
    text = "Weston Area Health NHS Trust was rated requires improvement in 2019, while it has been in special measures since 2017."
    assert {e["ods_code"] for e in events(text, "2020-01-01")} == {"RA3"}


@pytest.mark.parametrize(
    "text",
    [
        "University Hospitals Sussex NHS Foundation Trust was taken out of cancer tier 1 in January, having cut its "
        "62-day backlog by half.",
        "University Hospitals Sussex NHS Foundation Trust, which remains in tier 1 for cancer, saw its backlog rise.",
    ],
)
def test_a_tier_named_for_cancer_is_cancers_only(text):
    assert {e["framework"] for e in events(text, "2024-03-12")} == {"cancer_tier"}


def test_a_bare_tier_after_a_paragraph_about_cancer_is_cancers():
    text = (
        "University Hospitals Sussex NHS Foundation Trust was taken out of cancer tier 1 in January. It now sits in "
        "tier 2, though its backlog is still large."
    )
    assert {e["framework"] for e in events(text, "2024-03-12")} == {"cancer_tier"}


@pytest.mark.parametrize(
    "text",
    [
        "If Royal Devon University Healthcare NHS Foundation Trust had been closer to break-even, it would be in "
        "segment 2.",
        "If Royal Devon University Healthcare NHS Foundation Trust had met its financial plan, it would now sit in "
        "segment 2.",
    ],
)
def test_an_if_had_been_would_be_counterfactual_is_no_event(text):
    assert events(text, "2025-09-18") == []


def test_an_open_condition_is_still_hypothetical():
    text = "If Royal Devon University Healthcare NHS Foundation Trust meets its financial plan, it could move into segment 2."
    assert [e["modality"] for e in events(text, "2025-09-18")] == ["hypothetical"]


@pytest.mark.parametrize(
    "text",
    [
        "Croydon Health Services NHS Trust was rated good in 2019 after years of requires improvement.",
        "Croydon Health Services NHS Trust is now rated good overall, after three years of requires improvement.",
    ],
)
def test_years_of_a_rating_before_a_new_one_is_where_it_moved_from(text):
    assert [e["to"] for e in events(text, "2020-09-15")] == ["good"]


def test_a_rating_ending_a_run_at_another_is_the_new_rating():
    text = (
        "In July 2021 the CQC rated Northern Lincolnshire and Goole NHS Foundation Trust requires improvement overall, "
        "ending a run of four years at inadequate."
    )
    assert [(e["to"], e["date"]) for e in events(text, "2022-09-15")] == [("requires improvement", "2021-07")]


def test_a_spell_that_ended_is_still_an_exit():
    text = "Northern Lincolnshire and Goole NHS Foundation Trust's time in special measures ended in 2021."
    assert [e["change"] for e in events(text, "2022-09-15")] == ["exit"]


def test_a_bracketed_segment_range_in_a_list_item_is_a_move_to_the_second():
    text = (
        "Eight trusts moved up a segment in the latest update. Among them:\n- Medway NHS Foundation Trust (segment 4 "
        "to 3)\n- Airedale NHS Foundation Trust (segment 3 to 2)"
    )
    assert sorted((e["ods_code"], e["to"]) for e in events(text, "2026-03-13")) == [("RCF", 2), ("RPA", 3)]


@pytest.mark.parametrize("verb", ["fell", "has dropped", "slipped back"])
def test_falling_from_a_segment_is_not_entering_it(verb):
    text = f"University Hospitals of North Midlands NHS Trust {verb} from segment 3 after its finances worsened."
    assert [e["to"] for e in events(text, "2025-12-12")] != [3]


def test_falling_from_one_segment_into_another_is_the_second():
    text = "University Hospitals of North Midlands NHS Trust fell from segment 3 into segment 4."
    assert [e["to"] for e in events(text, "2025-12-12")] == [4]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("East Kent Hospitals University NHS Foundation Trust has been in segment 4 since July.", "2022-07"),
        ("East Kent Hospitals University NHS Foundation Trust has been in tier 2 for cancer since January.", "2022-01"),
        ("East Kent Hospitals University NHS Foundation Trust has been in segment 4 since October.", "2022-10"),
    ],
)
def test_a_status_held_since_a_month_alone_dates_from_that_month(text, day):
    assert [e["date"] for e in events(text, "2022-10-19")] == [day]


def test_the_first_exit_since_a_month_alone_is_not_dated_by_it():
    text = "East Kent Hospitals University NHS Foundation Trust is the first trust to leave segment 4 since July."
    assert [e["date"] for e in events(text, "2022-10-19")] != ["2022-07"]


@pytest.mark.parametrize(
    "text",
    [
        "Reports in some newspapers this morning that Nottingham University Hospitals NHS Trust has been placed in "
        "special measures are not correct.",
        "An article on Monday said that Nottingham University Hospitals NHS Trust is still in special measures. This "
        "is not the case.",
        "Some coverage of the report has suggested that Nottingham University Hospitals NHS Trust has been rated "
        "inadequate. This is not correct.",
        "We do not accept the suggestion in some reports that Nottingham University Hospitals NHS Trust is about to be "
        "placed in special measures.",
    ],
)
def test_a_claim_the_text_denies_is_no_event(text):
    assert events(text, "2016-06-10") == []


def test_a_claim_told_without_a_denial_is_still_read():
    text = "Reports say that Nottingham University Hospitals NHS Trust has been placed in special measures."
    assert [e["framework"] for e in events(text, "2016-06-10")] == ["special_measures"]


def test_a_rating_the_trust_disputes_is_still_its_rating():
    text = "Nottingham University Hospitals NHS Trust has been rated inadequate. The trust said this is not correct."
    assert [e["to"] for e in events(text, "2016-06-10")] == ["inadequate"]


@pytest.mark.parametrize(
    "second",
    [
        "UHSM, which runs Wythenshawe Hospital, was rated requires improvement.",
        "UHSM was rated requires improvement.",
        "and UHSM has been rated requires improvement.",
    ],
)
def test_a_clause_after_a_semicolon_with_a_name_not_known_is_not_the_first_bodys(second):
    text = "Central Manchester University Hospitals NHS Foundation Trust was rated good by the CQC in 2016; " + second
    assert [e["to"] for e in events(text, "2017-03-01")] == ["good"]


def test_a_clause_after_a_semicolon_with_a_known_name_is_that_bodys():
    text = (
        "Central Manchester University Hospitals NHS Foundation Trust was rated good by the CQC in 2016; University "
        "Hospital of South Manchester NHS Foundation Trust was rated requires improvement."
    )
    assert sorted((e["ods_code"], e["to"]) for e in events(text, "2017-03-01")) == [
        ("RM2", "requires improvement"),
        ("RW3", "good"),
    ]


@pytest.mark.parametrize(
    "clause",
    [
        "whose patch has been split between the new ICB and NHS Buckinghamshire, Oxfordshire and Berkshire West "
        "Integrated Care Board,",
        "whose chief executive also leads Royal Berkshire NHS Foundation Trust,",
    ],
)
def test_a_body_inside_a_whose_clause_is_not_the_subject(clause):
    text = f"Frimley Health NHS Foundation Trust, {clause} is in segment 2."
    assert [e["ods_code"] for e in events(text, "2025-06-01")] == ["RDU"]


def test_an_undated_status_of_a_body_closed_before_the_story_has_no_date():
    text = "Heart of England NHS Foundation Trust was rated requires improvement."
    found = events(text, "2020-01-01")
    assert [(e["ods_code"], e["date"]) for e in found] == [("RR1", None)]
    assert "date.closed_before" in found[0]["rules"]


def test_a_dated_status_of_a_body_closed_since_keeps_its_date():
    text = "Heart of England NHS Foundation Trust was rated requires improvement in 2016."
    assert [e["date"] for e in events(text, "2020-01-01")] == ["2016"]


def test_an_undated_status_of_a_body_still_open_keeps_the_publication():
    text = "University Hospitals Birmingham NHS Foundation Trust was rated requires improvement."
    assert [e["date"] for e in events(text, "2020-01-01")] == ["2020-01-01"]


@pytest.mark.parametrize(
    "text",
    [
        "George Eliot Hospital NHS Trust has since left special measures.",
        "George Eliot Hospital NHS Trust, placed in special measures in July 2013, has since been rated good.",
        "Of the trusts placed in special measures in July 2013, George Eliot Hospital NHS Trust and Tameside Hospital "
        "NHS Foundation Trust have since left the regime.",
    ],
)
def test_a_change_told_with_since_as_an_adverb_is_undated(text):
    found = [e["date"] for e in events(text, "2014-10-20") if e["change"] != "enter"]
    assert found and set(found) == {None}


def test_a_status_held_since_a_year_keeps_the_year():
    text = "George Eliot Hospital NHS Trust has been in special measures since 2013."
    assert [e["date"] for e in events(text, "2014-10-20")] == ["2013"]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (
            "Southend University Hospital NHS Foundation Trust was rated good, as was Mid Essex Hospital Services NHS "
            "Trust.",
            ["RAJ", "RQ8"],
        ),
        (
            "Southend University Hospital NHS Foundation Trust was placed in segment 3, as were Mid Essex Hospital "
            "Services NHS Trust and Basildon and Thurrock University Hospitals NHS Foundation Trust.",
            ["RAJ", "RDD", "RQ8"],
        ),
        ("Southend University Hospital NHS Foundation Trust was rated good, as was its maternity unit.", ["RAJ"]),
    ],
)
def test_as_was_gives_the_status_to_the_bodies_after_it(text, codes):
    assert sorted(e["ods_code"] for e in events(text, "2019-01-01")) == codes


def test_an_ambition_with_words_before_is_to_is_a_plan():
    text = (
        "Norfolk and Suffolk NHS Foundation Trust entered the Recovery Support Programme this week. The ambition we "
        "share with our commissioners is to leave the programme within two years."
    )
    assert [e["modality"] for e in events(text, "2021-07-02") if e["change"] == "exit"] == ["proposed"]


@pytest.mark.parametrize("call", ["asking for", "appealing for"])
def test_an_mp_asking_for_special_measures_is_no_proposal(call):
    text = (
        f"The local MP has written to the health secretary {call} Portsmouth Hospitals NHS Trust to be placed in "
        "special measures."
    )
    assert events(text, "2016-03-10") == []


# Session 23


@pytest.mark.parametrize(
    "text",
    [
        "Inspectors judged that Wye Valley NHS Trust required improvement overall.",
        "The CQC's report said Wye Valley NHS Trust required improvement overall and was inadequate for safety.",
        "Last year the Care Quality Commission found Wye Valley NHS Trust required improvement overall.",
    ],
)
def test_required_improvement_in_the_past_tense_is_a_rating(text):
    assert [e["to"] for e in events(text, "2016-05-01")] == ["requires improvement"]


def test_a_department_that_required_improvement_is_no_trust_rating():
    text = "Inspectors said the emergency department at Wye Valley NHS Trust required improvement."
    assert events(text, "2016-05-01") == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "Hinchingbrooke Health Care NHS Trust was rated inadequate in September 2014. In January, it was placed in "
            "special measures.",
            "2015-01",
        ),
        (
            "In January, Hinchingbrooke Health Care NHS Trust was placed in special measures after an inspection "
            "carried out in September 2014 found it inadequate.",
            "2015-01",
        ),
        (
            "Hinchingbrooke Health Care NHS Trust was rated inadequate in 2014. In March it went into special "
            "measures.",
            "2014-03",
        ),
    ],
)
def test_a_month_without_a_year_takes_the_year_an_undated_text_told(text, date):
    assert [e["date"] for e in events(text, None) if e["framework"] == "special_measures"] == [date]


def test_a_month_without_a_year_in_an_undated_text_that_told_none_stays_undated():
    text = "In January, Hinchingbrooke Health Care NHS Trust was placed in special measures."
    assert [e["date"] for e in events(text, None)] == [None]


@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        (
            "Kettering General Hospital NHS Foundation Trust was previously rated good following an inspection in "
            "March 2015, but is now rated outstanding.",
            ("good", "2015-03"),
        ),
        (
            "Kettering General Hospital NHS Foundation Trust has been rated good, up from requires improvement in 2016.",
            ("requires improvement", "2016"),
        ),
        (
            "Kettering General Hospital NHS Foundation Trust has been rated outstanding, having been rated good in 2015.",
            ("good", "2015"),
        ),
    ],
)
def test_an_earlier_rating_with_a_date_of_its_own_is_an_event_too(text, earlier):
    found = {(e["to"], e["date"]) for e in events(text, "2019-03-01")}
    assert earlier in found and len(found) == 2


def test_an_earlier_rating_without_a_date_is_only_the_from():
    text = (
        "Kettering General Hospital NHS Foundation Trust has been rated outstanding, having previously been rated good."
    )
    assert [(e["to"], e["from"]) for e in events(text, "2019-03-01")] == [("outstanding", "good")]


@pytest.mark.parametrize(
    "second",
    [
        "The trust, which scored 2.6, sits in segment 4.",
        "The trust, whose finances are in deficit, was placed in segment 4.",
    ],
)
def test_the_trust_after_a_named_trust_and_its_hospitals_is_the_named_trust(second):
    text = (
        "North West Anglia NHS Foundation Trust, which runs Peterborough City Hospital, Hinchingbrooke Hospital and "
        f"Stamford and Rutland Hospital, came 107th in the league table.\n\n{second}"
    )
    assert [e["ods_code"] for e in events(text, "2025-09-10")] == ["RGN"]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "St George's University Hospitals NHS Foundation Trust had been rated inadequate since the CQC's report "
            "was published in November 2016.",
            "2016-11",
        ),
        (
            "St George's University Hospitals NHS Foundation Trust has been in special measures since the regulator "
            "published its findings in November 2016.",
            "2016-11",
        ),
        (
            "St George's University Hospitals NHS Foundation Trust has been in segment 4 since the first tables came "
            "out in September 2025.",
            "2025-09",
        ),
    ],
)
def test_a_status_held_since_a_dated_clause_began_then(text, date):
    assert [e["date"] for e in events(text, "2026-02-01")] == [date]


def test_a_first_change_since_a_dated_clause_is_not_dated_by_it():
    text = (
        "St George's University Hospitals NHS Foundation Trust is the first trust to leave special measures since "
        "three others were removed in July 2016."
    )
    assert [e["date"] for e in events(text, "2018-06-01")] == ["2018-06-01"]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (
            "Clinical commissioning groups in Barking and Dagenham, Havering and Redbridge have left financial special "
            "measures.",
            ["07L", "08F", "08N"],
        ),
        ("The CCGs in Croydon and Enfield were placed in special measures.", ["07V", "07X"]),
        ("NHS England has put the CCGs for Walsall and North Tyneside into special measures.", ["05Y", "99C"]),
    ],
)
def test_a_plural_head_before_places_names_one_body_for_each(text, codes):
    assert sorted(e["ods_code"] for e in events(text, "2017-08-01")) == codes


def test_a_plural_head_before_places_it_cannot_all_name_names_none():
    text = "The CCGs for Croydon, Enfield and Kent were placed in special measures."
    assert events(text, "2017-08-01") == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "South Central Ambulance Service NHS Foundation Trust was given a warning notice in 2022. Since then the "
            "trust has been in the Recovery Support Programme.",
            "2022",
        ),
        (
            "South Central Ambulance Service NHS Foundation Trust was rated inadequate in August 2022. Since that time "
            "it has remained in the Recovery Support Programme.",
            "2022-08",
        ),
    ],
)
def test_since_then_opening_a_sentence_dates_a_status_held_from_the_date_named_before(text, date):
    assert [e["date"] for e in events(text, None) if e["framework"] == "rsp"] == [date]


def test_since_then_before_a_dated_change_leaves_the_change_its_date():
    text = (
        "South Central Ambulance Service NHS Foundation Trust was rated inadequate in 2019. Since then it has moved "
        "into the Recovery Support Programme, in July 2021."
    )
    assert [e["date"] for e in events(text, None) if e["framework"] == "rsp"] == ["2021-07"]


@pytest.mark.parametrize(
    "text",
    [
        "The chief executive of United Lincolnshire Hospitals NHS Trust thanked staff for the support the trust has "
        "received as part of special measures.",
        "United Lincolnshire Hospitals NHS Trust received extra help through the Recovery Support Programme.",
        '"We have had a great deal of support through special measures," said the chair of United Lincolnshire '
        "Hospitals NHS Trust.",
    ],
)
def test_support_received_in_a_programme_looked_back_on_is_no_event(text):
    assert events(text, "2022-03-17") == []


def test_support_being_received_in_a_programme_is_its_status_now():
    text = (
        "United Lincolnshire Hospitals NHS Trust is receiving extra support as part of the Recovery Support Programme."
    )
    assert [(e["framework"], e["to"]) for e in events(text, "2022-03-17")] == [("rsp", "in")]


@pytest.mark.parametrize("published", [None, "2024-12-20"])
def test_a_month_before_another_month_and_a_year_takes_that_year(published):
    text = (
        "The Shrewsbury and Telford Hospital NHS Trust was rated requires improvement after inspections in October "
        "and November 2023."
    )
    assert [e["date"] for e in events(text, published)] == ["2023-10"]


def test_special_measures_in_an_undated_story_of_the_healthcare_commission_era_is_the_older_regime():
    text = (
        "Cornwall Partnership NHS Trust has come out of special measures.\n\nThe Healthcare Commission had found "
        "serious failings in its learning disability services in 2006."
    )
    assert events(text, None) == []


def test_an_undated_story_naming_the_healthcare_commission_and_a_later_year_keeps_its_events():
    text = (
        "Cornwall Partnership NHS Trust has come out of special measures.\n\nThe Healthcare Commission's findings "
        "of 2006 were recalled when the trust entered the regime in 2015."
    )
    assert {e["change"] for e in events(text, None)} >= {"exit"}


@pytest.mark.parametrize(
    "text",
    [
        "The ambulance trust, which works across Kent, Surrey and Sussex, was placed in special measures.",
        "The trust serves patients across Kent, Surrey and Sussex, and has been recommended for special measures.",
    ],
)
def test_a_place_ending_a_list_of_places_after_across_is_where_not_who(text):
    assert "S9B9J" not in {e["ods_code"] for e in events(text, None)}


def test_a_planned_month_in_an_undated_text_takes_no_year_from_an_earlier_date():
    text = (
        "NHS Norfolk and Waveney ICB has been in the Recovery Support Programme since July 2021. Under the first plan "
        "the board was to leave the programme in March."
    )
    assert [e["date"] for e in events(text, None) if e["change"] == "exit"] == [None]


@pytest.mark.parametrize(
    ("first", "date"),
    [
        (
            "The Care Quality Commission sent South Central Ambulance Service NHS Foundation Trust a warning notice in 2022.",
            "2022",
        ),
        ("The CQC inspected South Central Ambulance Service NHS Foundation Trust in March 2022.", "2022-03"),
    ],
)
def test_inspectors_rating_a_body_after_a_dated_notice_or_inspection_take_its_date(first, date):
    text = f"{first} Inspectors rated the trust inadequate overall."
    assert [e["date"] for e in events(text, None)] == [date]


def test_a_month_without_a_year_takes_no_year_from_another_paragraph():
    text = (
        "Hinchingbrooke Health Care NHS Trust lost its private operator in January 2015.\n\n"
        "The Princess Alexandra Hospital NHS Trust was rated inadequate and placed in special measures in October."
    )
    assert {e["date"] for e in events(text, None) if e["ods_code"] == "RQW"} == {None}


def test_an_undated_story_is_told_no_earlier_than_the_opening_of_a_trust_it_names():
    text = (
        "Isle of Wight NHS Trust has named a new chair.\n\nThe trust was rated inadequate and placed in special "
        "measures this month.\n\nThe new chair ran a health board in Wales from 2006 to 2010."
    )
    assert {(e["ods_code"], e["framework"]) for e in events(text, None)} == {
        ("R1F", "cqc_rating"),
        ("R1F", "special_measures"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "A spokeswoman could not confirm whether or not Barts Health NHS Trust is to be placed in special measures.",
        "It is not yet known whether Barts Health NHS Trust will be placed in special measures.",
        "NHS Improvement will decide in the new year whether Barts Health NHS Trust should leave special measures.",
        "The chief executive declined to say whether Barts Health NHS Trust would be placed in special measures.",
    ],
)
def test_an_open_question_whether_a_body_changes_is_no_event(text):
    assert events(text, "2015-03-10") == []


def test_a_rating_given_as_the_cause_after_a_since_date_takes_that_date():
    text = (
        "Northern Lincolnshire and Goole NHS Foundation Trust has been in special measures since 2017, after being "
        "given an inadequate rating."
    )
    assert {(e["framework"], e["date"]) for e in events(text, "2021-06-01")} == {
        ("special_measures", "2017"),
        ("cqc_rating", "2017"),
    }


def test_a_stated_day_without_a_year_takes_the_year_its_weekday_fits():
    text = (
        "A report on Central London Community Healthcare NHS Trust has been published today (Monday, 15 June). "
        "Inspectors visited in February and March 2020. The trust is rated as good overall."
    )
    assert [e["date"] for e in events(text, None)] == ["2020-06-15"]
