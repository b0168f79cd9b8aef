"""Status terms as slots (extract.statuses)."""

from __future__ import annotations

from nhswatch.extract.pipeline import find_statuses
from nhswatch.extract.rules import load_rules
from nhswatch.extract.statuses import SlotBuilder

RULES, NUMBERS, LEXICON = load_rules()
BUILDER = SlotBuilder(RULES, NUMBERS, LEXICON)


def slots(text: str, programme: str | None = None):
    terms = find_statuses(text, text.lower(), [(0, len(text))])
    return BUILDER.build(text, 0, terms, text, lambda: [], lambda _: programme)


def test_from_to_is_one_move():
    (slot,) = slots("It moved from segment 4 to segment 3.")
    assert (slot.framework, slot.change, slot.from_, slot.to) == ("nof", "move", 4, 3)


def test_a_gloss_is_one_status():
    (slot,) = slots("It joined the Recovery Support Programme (RSP).")
    assert slot.framework == "rsp"


def test_tier_five_gives_no_slot():
    assert slots("It was put in tier 5 of the plan.") == []


def test_coordinated_tier_kinds_give_one_slot_each():
    found = slots("It is in tier 1 for urgent and emergency care, electives and cancer.")
    assert [s.framework for s in found] == ["uec_tier", "elective_tier", "cancer_tier"]


def test_the_regime_takes_the_programme_named_before():
    (slot,) = slots("It was placed in the regime.", programme="special_measures")
    assert (slot.framework, "reference.special_measures" in slot.rules) == ("special_measures", True)


def test_the_regime_without_a_programme_gives_no_slot():
    assert slots("It was placed in the regime.") == []


def test_every_slot_names_its_status_rule():
    (slot,) = slots("It was placed in special measures.")
    assert slot.rules == ["status.special_measures"]


def test_a_status_word_at_the_very_start_of_the_text_is_found():
    (slot,) = slots("Segment 4 is where the trust was placed.")
    assert (slot.framework, slot.to) == ("nof", 4)


def test_the_trigger_finds_key_words_as_whole_words_only():
    from nhswatch.extract.pipeline import status_trigger

    text = " segment 4, subsegment 5, segmentation"  # find_statuses puts the space in front
    assert [m.start() for m in status_trigger().finditer(text)] == [0]


def test_the_trigger_finds_the_same_with_its_ascii_twin_in_plain_text():
    from nhswatch.extract.pipeline import status_trigger, status_trigger_ascii

    text = " segment 4, subsegment 5, segmentation; special measures_ x\tspecial\nrecovery support 2special"
    assert [m.span() for m in status_trigger_ascii().finditer(text)] == [
        m.span() for m in status_trigger().finditer(text)
    ]
    assert status_trigger_ascii().pattern == status_trigger().pattern
