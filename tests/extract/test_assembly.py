"""Event assembly and merging (extract.assembly)."""

from __future__ import annotations

from nhswatch.extract.assembly import Event, deduplicate, intensive
from nhswatch.extract.gazetteer import Organisation

ORG = Organisation("RPA", "Medway NHS Foundation Trust", "trust")


def event(**kw) -> Event:
    base = dict(
        org=ORG,
        framework="rsp",
        change="enter",
        from_="out",
        to="in",
        date="2024-01-10",
        date_text=None,
        modality="actual",
        evidence="e",
        start=0,
        end=1,
        confidence=0.9,
    )
    return Event(**{**base, **kw})


def test_segment_five_of_2025_26_is_intensive_support():
    assert intensive(event(framework="nof", to=5, from_=None, framework_version="2025")) == "in"


def test_segment_four_of_2025_26_is_not_intensive_support():
    assert intensive(event(framework="nof", to=4, from_=None, change="enter", framework_version="2025")) == "out"


def test_a_bare_segment_state_says_nothing_about_intensive_support():
    assert intensive(event(framework="nof", to=3, from_=None, change="state", framework_version="2021")) is None


def test_a_repeat_keeps_the_first_mention_and_takes_the_later_date():
    first = event(evidence="headline", start=0, date="2024-01-10", date_from_text=False)
    later = event(evidence="body", start=50, date="2024-01", date_text="January 2024", date_from_text=True)
    (merged,) = deduplicate([first, later], "2024-01-10")
    assert (merged.evidence, merged.date) == ("headline", "2024-01")


def test_different_occasions_stay_apart():
    first = event(date="2016-10", date_from_text=True, start=0)
    second = event(date="2022-07", date_from_text=True, start=50)
    assert len(deduplicate([first, second], "2024-01-10")) == 2


def test_proposed_and_actual_reports_of_one_change_stay_apart():
    assert len(deduplicate([event(modality="proposed"), event(start=50)], "2024-01-10")) == 2


def test_remain_and_enter_in_one_sentence_are_two_events():
    assert len(deduplicate([event(change="remain", from_="in"), event(framework="special_measures")])) == 2


def test_a_headline_joins_its_body_event():
    headline = event(headline=True, modality="actual", change="exit", from_="in", to="out")
    body = event(start=50, modality="proposed", change="exit", from_="in", to="out")
    (merged,) = deduplicate([headline, body], "2024-01-10")
    assert merged.modality == "proposed" and "merge.repeat" in merged.rules
