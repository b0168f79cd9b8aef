"""Literals a cue pattern needs (extract.cue_literals): a window without them is never a match."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from nhswatch.extract.context import load_context_rules
from nhswatch.extract.cue_literals import may_match, required_literals

FILTERED = [rule for rule in load_context_rules() if rule.needles is not None]
PIECES = st.sampled_from(["had", "been", "from", "should", "former", "trusts", "that", "the", "said", ".", ",", ":"])
WINDOWS = st.lists(PIECES | st.text(alphabet="abcdefghijklmnopqrstuvwxyz -.,:;(", max_size=8), max_size=25).map(
    " ".join
)


def test_a_branch_needs_one_of_its_alternatives():
    assert required_literals(r"\b(placed|put) into\b") == frozenset({" into"})


def test_the_longest_certain_literal_is_chosen():
    assert required_literals(r"(a|b)\s+because") == frozenset({"because"})


def test_an_optional_part_promises_nothing():
    assert required_literals(r"(status\s+)?") is None


def test_a_negative_lookahead_promises_nothing():
    assert required_literals(r"^(?!.*\bsaid\b).*\bhad\s+\w+") == frozenset({"had"})


def test_a_window_without_the_literals_cannot_match():
    assert not may_match(frozenset({"had"}), "it was placed in special measures")


def test_the_shipped_cues_without_start_keys_have_literals():
    assert FILTERED, "no cue is filtered: the literals are no longer derived"


@settings(max_examples=400, deadline=None)
@given(WINDOWS)
def test_a_window_the_literals_rule_out_never_matches(window):
    for rule in FILTERED:
        if not may_match(rule.needles, window):
            assert rule.pattern.search(window) is None, rule.id
