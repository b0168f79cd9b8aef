"""Generated inputs (hypothesis): the extractor never crashes, never invents malformed events, and its
evidence offsets always point into the text. Pieces are made of real organisation names, status words,
dates and hostile punctuation, so the generated texts reach every stage."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nhswatch.extract import extract

NAMES = [
    "Medway NHS Foundation Trust",
    "Barts Health NHS Trust",
    "the trust",
    "it",
    "NHS Kent and Medway ICB",
    "Queen Elizabeth Hospital",
    "North Tyneside",
    "Westbrook Care Ltd",
    "three trusts",
    "they",
]
PHRASES = [
    "was placed in special measures",
    "left the Recovery Support Programme",
    "is in segment 4",
    "moved from segment 4 to segment 3",
    "was rated good overall",
    "could be rated inadequate",
    "remains in tier 1 for cancer",
    "was not placed in special measures",
    "is expected to exit the regime",
    "segment 5",
    "requires improvement",
    "the programme",
    "tier 2 for electives and cancer",
]
GLUE = [
    " ",
    ", ",
    ". ",
    "; ",
    " and ",
    " (",
    ")",
    ": ",
    "\n",
    "\n• ",
    " in March 2019",
    " since 2016",
    " two years ago",
    " on 1 April",
    " – ",
    '"',
    "((((",
    "))))",
    " respectively",
    " but ",
]
PIECES = st.sampled_from(NAMES + PHRASES + GLUE) | st.text(max_size=12)
FRAMEWORKS = {"nof", "rsp", "special_measures", "uec_tier", "elective_tier", "cancer_tier", "cqc_rating"}
CHANGES = {"enter", "exit", "move", "remain", "state"}
MODALITIES = {"actual", "proposed", "hypothetical"}
PUBLISHED = st.none() | st.dates().map(lambda d: d.isoformat())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=60).map("".join), PUBLISHED)
def test_generated_texts_give_well_formed_events(text, published):
    for event in extract(text, published).events:
        assert event["framework"] in FRAMEWORKS
        assert event["change"] in CHANGES
        assert event["modality"] in MODALITIES
        assert event["ods_code"] and event["rules"]
        assert 0 <= event["start"] <= event["end"] <= len(text)
        assert text[event["start"] : event["end"]] == event["evidence"]
        assert event["date"] is None or event["date"][:4].isdigit()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), PUBLISHED)
def test_arbitrary_unicode_never_crashes(text, published):
    extract(text, published)
