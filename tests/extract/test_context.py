"""Context rules (extract.context): loading, direction, clause scope, reach and framework filters."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nhswatch.extract.context import (
    TERMINATORS,
    ContextReader,
    RuleIndex,
    load_context_rules,
    parse_context_rules,
    plain_ascii,
    start_keys,
    window_keys,
)
from nhswatch.extract.rules import RuleError


def reader(*rules: dict) -> ContextReader:
    return ContextReader(tuple(parse_context_rules({"rules": list(rules)})))


def read(r: ContextReader, text: str, term: str, **kwargs):
    start = text.index(term)
    return r.read(text, start, start + len(term), **kwargs)


EXIT = {"id": "exit.left", "category": "EXIT", "direction": "forward", "max_words": 3, "pattern": r"\bleft\b"}
BUT = {"id": "clause.but", "category": "TERMINATE", "direction": "both", "pattern": r",\s*but\b"}


def test_unknown_key_is_an_error():
    with pytest.raises(RuleError, match="unknown keys"):
        parse_context_rules({"rules": [{**EXIT, "scope": 3}]})


def test_unknown_category_is_an_error():
    with pytest.raises(RuleError, match="unknown category"):
        parse_context_rules({"rules": [{**EXIT, "category": "MAYBE"}]})


def test_duplicate_id_is_an_error():
    with pytest.raises(RuleError, match="defined twice"):
        parse_context_rules({"rules": [EXIT, EXIT]})


def test_upper_case_cue_pattern_is_an_error():
    with pytest.raises(RuleError, match="lower case"):
        parse_context_rules({"rules": [{**EXIT, "pattern": "Left"}]})


def test_forward_cue_reaches_the_term_after_it():
    context = read(reader(EXIT), "The trust left special measures.", "special measures")
    assert context.has("EXIT") and context.rule("EXIT") == "exit.left"


def test_forward_cue_does_not_reach_a_term_before_it():
    assert not read(reader(EXIT), "Special measures were left behind.", "Special measures").has("EXIT")


def test_cue_beyond_max_words_does_not_reach():
    text = "The trust left its old offices and moved into special measures."
    assert not read(reader(EXIT), text, "special measures").has("EXIT")


def test_terminator_stops_a_cue():
    text = "The trust left the old site, but special measures remain."
    assert not read(reader({**EXIT, "max_words": None}, BUT), text, "special measures").has("EXIT")


PLAN = {"id": "proposed.due", "category": "PROPOSED", "direction": "forward", "pattern": r"\bdue to\b"}
PART = {"id": "scope.unit", "category": "SCOPE_PART", "direction": "forward", "pattern": r"\bunit\b"}
INTERPOSED = {"id": "clause.x", "category": "TERMINATE_MODALITY", "direction": "both", "pattern": r",\s+(?=was\b)"}


def test_a_modality_boundary_stops_a_modality_cue():
    text = "The trust, which was due to be seen, was taken out of special measures."
    assert not read(reader(PLAN, INTERPOSED), text, "special measures").has("PROPOSED")


def test_a_modality_boundary_leaves_other_cues_alone():
    text = "The unit at the trust, as a location, was taken out of special measures."
    assert read(reader(PART, INTERPOSED), text, "special measures").has("SCOPE_PART")


LIFTED = {"id": "exit.lifted", "category": "EXIT", "direction": "backward", "max_words": 0, "pattern": "lifted"}


def test_backward_cue_reaches_the_term_before_it():
    assert read(reader(LIFTED), "Special measures lifted today.", "Special measures").has("EXIT")


def test_backward_cue_with_no_room_needs_to_follow_the_term_at_once():
    assert not read(reader(LIFTED), "Special measures were lifted.", "Special measures").has("EXIT")


def test_cue_limited_to_a_framework_skips_other_terms():
    overall = {**EXIT, "id": "scope.x", "category": "OVERALL", "frameworks": ["cqc_rating"]}
    context = read(reader(overall), "The trust left special measures.", "special measures", framework="rsp")
    assert not context.has("OVERALL")


def test_slot_bounded_cue_stops_at_the_previous_term():
    text = "The trust left segment 4 for segment 3."
    start = text.index("segment 3")
    context = reader(EXIT).read(text, start, start + 9, lower=text.index("segment 4") + 9)
    assert not context.has("EXIT")


def test_shipped_rules_load_with_unique_ids():
    ids = [rule.id for rule in load_context_rules()]
    assert len(ids) == len(set(ids)) > 40


def test_start_keys_read_a_word_boundary_and_letters():
    assert start_keys(r"\b(plac(e|ed)|put|go(es)? into)\b") == frozenset({"plac", "put", "go"})


def test_start_keys_give_up_on_an_optional_start():
    assert start_keys(r"(status\s+)?lifted") is None


SHIPPED = [rule for rule in load_context_rules() if rule.keys is not None]
WORDS = st.sampled_from(
    [
        "the",
        "trust",
        "was",
        "placed",
        "removed",
        "exit",
        "exited",
        "leaving",
        "not",
        "never",
        "could",
        "might",
        "would",
        "have",
        "been",
        "recommended",
        "expected",
        "plan",
        "hoped",
        "rated",
        "overall",
        "maternity",
        "services",
        "safe",
        "caring",
        "well-led",
        "hospitals",
        "segment",
        "tier",
        "special",
        "measures",
        "programme",
        "announced",
        "accepted",
        "if",
        "unless",
        "before",
        "it",
        "can",
        "one",
        "of",
        "out",
        "of",
        "when",
        "it",
        "entered",
        "providers",
        "trusts",
        "phrase",
        "replaced",
        "being",
        "described",
        "of",
        "to",
        "from",
        "into",
        "in",
        "on",
        "by",
        "a",
        "an",
        "is",
        "are",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(WORDS | st.text(alphabet="abcdefghijklmnopqrstuvwxyz -'", max_size=8), max_size=25).map(" ".join))
def test_a_window_the_keys_rule_out_never_matches(window):
    """The keys only rule out windows a pattern cannot match in: the filter never changes a result."""
    keys = window_keys(window)
    for rule in SHIPPED:
        if rule.keys.isdisjoint(keys):
            assert rule.pattern.search(window) is None, rule.id


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS | st.text(alphabet="abcdefghijklmnopqrstuvwxyz -'", max_size=8), max_size=25).map(" ".join))
def test_the_rule_index_offers_every_rule_that_matches_a_window(window):
    index = RuleIndex(list(SHIPPED))
    offered = {rule.id for rule in index.matching(window)}
    assert {rule.id for rule in SHIPPED if rule.pattern.search(window)} <= offered


@settings(max_examples=200, deadline=None)
@given(
    st.lists(WORDS | st.text(alphabet="abcdefghijklmnopqrstuvwxyzAZ -',;:()\t", max_size=8), max_size=25).map(" ".join)
)
def test_the_ascii_patterns_match_as_the_patterns_do_in_plain_text(text):
    """In ``plain_ascii`` text a rule's ASCII pattern finds exactly what its pattern finds."""
    assert plain_ascii(text)
    for rule in load_context_rules():
        expected = [match.span() for match in rule.pattern.finditer(text)]
        assert [match.span() for match in rule.ascii_pattern.finditer(text)] == expected, rule.id


def test_text_with_other_characters_or_unicode_only_spaces_is_not_plain():
    assert plain_ascii("moved into segment 4; it left\ttier 1")
    assert not plain_ascii("it left\x1csegment 4")
    assert not plain_ascii("Café rated good – overall")


def test_word_starts_are_remembered_per_window_without_changing_them():
    from nhswatch.extract.context import _WORD_START, _word_starts

    window = "the trust could not leave special measures, it was placed in segment 4"
    assert _word_starts(window) == frozenset(_WORD_START.findall(window))
    assert _word_starts(window) is _word_starts(window[:10] + window[10:])  # an equal window: the same result
    index = RuleIndex(list(SHIPPED))
    assert {r.id for r in index.matching(window)} == {r.id for r in RuleIndex(list(SHIPPED)).matching(window)}


def naive_hits(rules: tuple, text: str, start: int, end: int) -> dict[str, list]:
    """The cues of ``rules`` for the term at ``text[start:end]`` of a sentence without clause boundaries,
    found the plain way: every rule's own pattern over the whole window on each side, no index, no literals."""
    import re

    lowered = text.lower()
    before, after = lowered[max(0, start - 600) : start], lowered[end : end + 600]
    first = max(0, start - 600)
    hits: dict[str, list] = {}
    for rule in rules:
        if rule.category in TERMINATORS:
            continue
        words = rule.max_words
        if rule.direction != "backward":
            for match in rule.pattern.finditer(before):
                gap = before[match.end() :]
                if words is None or len(re.findall(r"\w+", gap)) <= words:
                    hits.setdefault(rule.category, []).append((len(gap), rule.id, first + match.start()))
        if rule.direction != "forward" and after:
            match = rule.pattern.match(after) if words == 0 else rule.pattern.search(after)
            if match and (words is None or len(re.findall(r"\w+", after[: match.start()])) <= words):
                hits.setdefault(rule.category, []).append((match.start(), rule.id, end + match.start()))
    return {category: sorted(found) for category, found in sorted(hits.items())}


def all_hits(context) -> dict[str, list]:
    context.has("PROPOSED")  # the cues read only when first asked about
    return {category: sorted(found) for category, found in sorted(context.hits.items())}


SENTENCE_WORDS = WORDS | st.sampled_from(["special measures", "segment 4", ",", "“", "é", "\t", "was", "has"])


@settings(max_examples=300, deadline=None)
@given(st.lists(SENTENCE_WORDS, max_size=20).map(" ".join), st.lists(SENTENCE_WORDS, max_size=20).map(" ".join))
def test_the_reader_finds_what_every_rule_finds_on_its_own(left, right):
    """The rule index, the literal tests, the ASCII patterns and the sentence cache only skip work: the cues
    that reach a term are those a plain scan of every shipped rule finds."""
    text = f"{left} special measures {right}".replace(";", " ")
    shipped = tuple(rule for rule in load_context_rules() if rule.category not in TERMINATORS)
    start = text.index("special measures")
    found = all_hits(ContextReader(shipped).read(text, start, start + 16))
    assert found == naive_hits(shipped, text, start, start + 16)


NEW_RULES = [
    {"id": "new.keyed_before", "category": "EXIT", "direction": "forward", "max_words": 2, "pattern": r"\bwaved off\b"},
    {"id": "new.unkeyed_before", "category": "PROPOSED", "direction": "forward", "pattern": r"[xz]ylo+phone"},
    {
        "id": "new.anchored_after",
        "category": "HYPOTHETICAL",
        "direction": "backward",
        "max_words": 0,
        "pattern": r"\?+",
    },
    {
        "id": "new.keyed_after",
        "category": "REALISED",
        "direction": "backward",
        "max_words": 3,
        "pattern": r"\bat last\b",
    },
    {"id": "new.both", "category": "GENERIC", "direction": "both", "pattern": r"(?<!not )\bkazoo"},
    {"id": "new.boundary", "category": "TERMINATE", "direction": "both", "pattern": r"\s+meanwhile\b"},
]


@pytest.mark.parametrize(
    ("sentence", "category", "rule_id"),
    [
        ("The trust was waved off special measures.", "EXIT", "new.keyed_before"),
        ("A xylooophone left special measures.", "PROPOSED", "new.unkeyed_before"),
        ("The trust left special measures??", "HYPOTHETICAL", "new.anchored_after"),
        ("The trust left special measures, at last.", "REALISED", "new.keyed_after"),
        ("Kazoo special measures.", "GENERIC", "new.both"),
        ("Special measures, said the kazoo.", "GENERIC", "new.both"),
    ],
)
def test_a_new_cue_rule_in_the_data_applies(sentence, category, rule_id):
    """Any rule added to the data is applied, whatever its shape (keyed or not, before, after, anchored)."""
    rules = tuple(parse_context_rules({"rules": [*list_rules(), *NEW_RULES]}))
    start = sentence.lower().index("special measures")
    context = ContextReader(rules).read(sentence, start, start + 16)
    assert context.has(category) and rule_id in {hit[1] for hit in context.hits[category]}


def test_a_new_clause_boundary_in_the_data_stops_cues():
    rules = tuple(parse_context_rules({"rules": [*list_rules(), *NEW_RULES]}))
    sentence = "The trust was waved off meanwhile special measures stay."
    start = sentence.index("special measures")
    assert not ContextReader(rules).read(sentence, start, start + 16).has("EXIT")


def test_a_new_rule_is_offered_by_the_rule_index_for_the_words_it_starts_with():
    (rule,) = parse_context_rules({"rules": NEW_RULES[:1]})
    assert rule.keys == frozenset({"wave"})
    assert RuleIndex([rule]).matching("it was waved off") == [rule]
    assert RuleIndex([rule]).matching("it was wafted off") == []


def list_rules() -> list[dict]:
    """The shipped rule file's rules as data."""
    import yaml
    from nhswatch.extract.rules import PATTERN_DIR

    return yaml.safe_load((PATTERN_DIR / "context.yml").read_text(encoding="utf-8"))["rules"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdefgh é_1-' \t\n,", max_size=40))
def test_word_starts_after_a_space_are_the_word_boundary_ones(window):
    from nhswatch.extract.context import _WORD_START, _word_starts

    assert _word_starts(window) == frozenset(_WORD_START.findall(window))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdefgh_1-' \t\n,.:", max_size=40))
def test_word_starts_and_word_counts_of_plain_windows_are_the_same_with_the_ascii_twins(window):
    from nhswatch.extract.context import _WORD_START, _word_starts, _words

    assert _word_starts(window, True) == _word_starts(window, False) == frozenset(_WORD_START.findall(window))
    assert _words(window, True) == _words(window, False)


def test_a_cue_with_a_lookbehind_or_a_start_anchor_keeps_its_own_pattern():
    from nhswatch.extract.context import spaced_form

    assert spaced_form(r"\b(placed|put) into\b") == r"\W(?:(placed|put) into\b)"
    assert spaced_form(r"\bleft(?<!\bleft)") is None
    assert spaced_form(r"\b(left|^right)") is None
    assert spaced_form(r"(left)") is None


def test_matches_back_to_back_are_all_found_from_the_spaced_form():
    """A match ending in a space is followed at once by the next: the next search starts where it ended."""
    rule = {"id": "x.back_to_back", "category": "EXIT", "direction": "forward", "pattern": r"\bab\s"}
    context = read(reader(rule), "ab ab ab special measures", "special measures")
    assert sorted(context.hits["EXIT"]) == [
        (0, "x.back_to_back", 6),
        (3, "x.back_to_back", 3),
        (6, "x.back_to_back", 0),
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS | st.sampled_from([" ", "  ", ",", "-", "é", "x"]), max_size=25).map(" ".join))
def test_the_spaced_forms_find_what_the_patterns_find(window):
    """The matches read from a rule's spaced form are finditer's matches of its pattern."""
    for rule in load_context_rules():
        if rule.spaced is None:
            continue
        expected = [m.span() for m in rule.pattern.finditer(window)]
        found, match = [], rule.spaced.search(" " + window)
        while match is not None:
            found.append((match.start(), match.end() - 1))
            match = rule.spaced.search(" " + window, match.end() - 1)
        assert found == expected, rule.id
