"""Case-insensitive patterns with an re.ASCII twin (extract.ascii_twin): the same matches on plain ASCII text."""

from __future__ import annotations

import pickle
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from nhswatch.extract.ascii_twin import CasePattern, ascii_safe, compile_ignoring_case, plain_ascii
from nhswatch.extract.rules import load_rules

_, _, LEXICON = load_rules()
PIECES = st.sampled_from(["The Trust", "ICB", "its", "it", "we", "two", "trusts", "NHS", "rated", ":", ",", "\t", "’"])
TEXTS = st.lists(PIECES | st.text(alphabet="abcdeiksztAIKSZ0129 -',;:()\t\n\x1c", max_size=8), max_size=25).map(
    " ".join
)


def test_a_pattern_with_an_ascii_twin_searches_plain_text_with_it():
    pattern = compile_ignoring_case(r"\bthe trust\b")
    assert isinstance(pattern, CasePattern)
    assert pattern._for("The Trust left") is pattern.ascii
    assert pattern._for("The Trust left – at last") is pattern.unicode
    assert pattern._for("The Trust\x1cleft") is pattern.unicode


def test_a_letter_that_folds_to_ascii_gets_no_twin():
    # the Kelvin sign matches "k" ignoring case, which re.ASCII would not do
    assert not ascii_safe("\u212a")
    assert isinstance(compile_ignoring_case("\u212aent"), re.Pattern)
    assert compile_ignoring_case("\u212aent").search("Kent")


def test_quotes_and_dashes_fold_to_nothing_ascii():
    assert ascii_safe("[’'–-]")


def test_a_range_beyond_ascii_gets_no_twin():
    assert not ascii_safe("[a-\u00ff]")


def test_a_case_pattern_survives_pickling_as_the_rule_cache_stores_it():
    pattern = compile_ignoring_case(r"\bsegment (\d)")
    again = pickle.loads(pickle.dumps(pattern))
    assert again == pattern and again.search("In SEGMENT 4").group(1) == "4"


def test_sub_and_finditer_read_as_re_does():
    pattern = compile_ignoring_case(r"\s*,\s*")
    assert pattern.sub(" ", "A , B,C") == re.sub(r"\s*,\s*", " ", "A , B,C")
    assert [m.span() for m in pattern.finditer("A , B,C", 2)] == [(2, 4), (5, 6)]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_every_lexicon_pattern_finds_the_same_with_its_twin(text):
    """Where a pattern's twin is used (plain ASCII text) it finds exactly what the pattern finds."""
    if not plain_ascii(text):
        return
    for key, pattern in LEXICON.patterns.items():
        if isinstance(pattern, CasePattern):
            expected = [m.span() for m in pattern.unicode.finditer(text)]
            assert [m.span() for m in pattern.ascii.finditer(text)] == expected, key


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_every_lexicon_search_finds_what_the_pattern_finds(text):
    """A whole-string search (through the spaced form where there is one) finds the pattern's own match."""
    for key, pattern in LEXICON.patterns.items():
        found = pattern.search(text)
        expected = re.compile(pattern.pattern, re.IGNORECASE).search(text)
        assert (found and (found.span(), found.groups())) == (expected and (expected.span(), expected.groups())), key


def test_a_pattern_that_may_open_with_a_non_word_character_has_no_spaced_form():
    from nhswatch.extract.ascii_twin import spaced_form

    assert spaced_form(r"\b(the|this) trust\b") == r"\W(?:(the|this) trust\b)"
    assert spaced_form(r"\b(the|-) trust") is None
    assert spaced_form(r"\b[^a] trust") is None
    assert spaced_form(r"\b[a-z-] trust") is None
    assert spaced_form(r"\b\s+trust") is None
    assert compile_ignoring_case(r"\b(the|this) trust\b").search("It was THIS trust").span() == (7, 17)


def test_a_pattern_opening_with_a_class_of_word_characters_has_a_spaced_form():
    from nhswatch.extract.ascii_twin import spaced_form

    assert spaced_form(r"\b(\d+|two) trusts") == r"\W(?:(\d+|two) trusts)"
    assert spaced_form(r"\b(\w+) trust") == r"\W(?:(\w+) trust)"
    assert spaced_form(r"\b[a-z0-9_]+ trust") == r"\W(?:[a-z0-9_]+ trust)"


def test_finditer_through_the_spaced_form_finds_what_re_finds():
    pattern = compile_ignoring_case(r"\b(\d+|two)\s+trusts?")
    assert pattern.spaced is not None
    text = "12 trusts, 3trusts, TWO Trusts and two trust;2 trusts"
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in re.finditer(pattern.pattern, text, re.I)]
    assert [m.group(1) for m in pattern.finditer(text)] == ["12", "TWO", "two", "2"]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_every_lexicon_finditer_finds_what_the_pattern_finds(text):
    """finditer over a whole string (through the spaced form where there is one) finds the pattern's matches."""
    for key, pattern in LEXICON.patterns.items():
        found = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        expected = [(m.span(), m.groups()) for m in re.compile(pattern.pattern, re.IGNORECASE).finditer(text)]
        assert found == expected, key


def test_the_plain_test_of_long_strings_is_remembered_per_string():
    from nhswatch.extract.ascii_twin import _plain

    plain, separated = "the trust " * 100, "the trust " * 99 + "the\x1ctrust"
    assert _plain(plain) and not _plain(separated) and _plain(plain) and not _plain(separated)
    pattern = compile_ignoring_case(r"\bthe\s+trust\b")
    assert pattern._for(plain) is pattern.ascii and pattern._for(separated) is pattern.unicode
