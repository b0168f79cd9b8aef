"""Tests for extract.gazetteer: successions, ambiguous names, hospital sites (invented rows)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nhswatch.extract.gazetteer import (
    Gazetteer,
    Organisation,
    Site,
    default_gazetteer,
    generated_aliases,
    town_forms,
    with_possessives,
)


def _org(code: str, name: str, kind: str = "trust", **extra: object) -> Organisation:
    return Organisation(ods_code=code, name=name, type=kind, **extra)  # type: ignore[arg-type]


@pytest.fixture()
def small() -> Gazetteer:
    orgs = [
        _org(
            "QAA",
            "NHS Fenland and Marsh Integrated Care Board",
            "icb",
            open_date="2022-07-01",
            close_date="2026-03-31",
            successors=("QZZ",),
        ),
        _org(
            "QZZ", "NHS Fenland and Fells Integrated Care Board", "icb", open_date="2026-04-01", predecessors=("QAA",)
        ),
        _org("RAA", "Fenland and Fells NHS Foundation Trust"),
        _org("RBB", "Marshby Hospitals NHS Trust", close_date="2020-03-31", successors=("RCC",)),
        _org("RCC", "Marsh and Coast University Hospitals NHS Foundation Trust"),
        _org("RDD", "Hilltown Health NHS Foundation Trust"),
        _org("RYY", "Old Marsh NHS Trust", close_date="2023-03-31", successors=("RDD",)),
        _org("01Z", "NHS Upper Vale CCG", "ccg", open_date="2013-04-01", close_date="2022-06-30", successors=("QAA",)),
    ]
    sites = [
        Site("RCC01", "St Egbert's Hospital", "RCC", "Marshby", "MB1 1AA"),
        Site("RDD01", "St Egbert's Hospital", "RDD", "Hilltown", "HT2 2BB"),
        Site("RDD02", "Hilltown Royal Infirmary", "RDD", "Hilltown", "HT2 2BC"),
        Site("RYY01", "Old Marsh Cottage Hospital", "RYY", "Marshby", "MB3 3CC", current_trust="RDD"),
        Site("RCC05", "Coastway General Hospital", "RCC", "Marshby", "MB2 2AB", former_trust="RBB"),
    ]
    hand = [{"alias": "Fenland and Fells", "ods_code": "QZZ", "kind": "place", "needs_context": "1"}]
    return Gazetteer(orgs, hand, sites)


def test_closed_icb_name_read_after_closing_resolves_to_successor(small: Gazetteer) -> None:
    assert small.resolve("Fenland and Marsh ICS", "2026-06-01").ods_code == "QZZ"


def test_icb_name_read_while_open_stays_itself(small: Gazetteer) -> None:
    assert small.resolve("Fenland and Marsh ICS", "2024-01-01").ods_code == "QAA"


def test_closed_trust_name_stays_the_historic_trust(small: Gazetteer) -> None:
    assert small.resolve("Marshby Hospitals NHS Trust", "2024-01-01").ods_code == "RBB"


def test_shared_short_name_is_ambiguous_and_needs_context(small: Gazetteer) -> None:
    alias = small.aliases["fenland and fells"]
    assert alias.ambiguous and alias.needs_context
    assert small.pick(alias.codes, "2026-06-01") is None
    assert {o.ods_code for o in small.candidates(alias, "2026-06-01")} == {"RAA", "QZZ"}


def test_shared_short_name_is_clear_before_the_second_body_exists(small: Gazetteer) -> None:
    assert small.resolve("Fenland and Fells", "2019-01-01").ods_code == "RAA"


def test_choose_settles_shared_name_by_kind_word(small: Gazetteer) -> None:
    chosen = small.choose("Fenland and Fells", "2026-06-01", "Fenland and Fells ICB has a new chair.")
    assert chosen.ods_code == "QZZ"


def test_choose_settles_shared_name_by_mental_health_word(small: Gazetteer) -> None:
    text = "The mental health trust Fenland and Fells was rated good."
    assert small.choose("Fenland and Fells", "2026-06-01", text).ods_code == "RAA"


def test_choose_without_context_gives_none(small: Gazetteer) -> None:
    assert small.choose("Fenland and Fells", "2026-06-01", "Fenland and Fells said so.") is None


def test_site_alias_links_hospital_to_its_trust(small: Gazetteer) -> None:
    alias = small.aliases["hilltown royal infirmary"]
    assert alias.kind == "site" and alias.sites == ["RDD02"] and alias.needs_context
    assert small.resolve("Hilltown Royal Infirmary", "2024-01-01").ods_code == "RDD"


def test_site_name_of_two_trusts_is_ambiguous_not_picked(small: Gazetteer) -> None:
    alias = small.aliases["st egbert's hospital"]
    assert alias.ambiguous and sorted(alias.codes) == ["RCC", "RDD"]
    assert small.pick(alias.codes, "2024-01-01") is None


def test_shared_site_name_with_town_is_clear(small: Gazetteer) -> None:
    assert small.resolve("St Egbert's Hospital in Hilltown", "2024-01-01").ods_code == "RDD"
    assert small.resolve("St Egberts Hospital, Marshby", "2024-01-01").ods_code == "RCC"


def test_choose_settles_shared_site_by_town_nearby(small: Gazetteer) -> None:
    text = "Inspectors visited St Egbert's Hospital, which serves Marshby and the coast."
    assert small.choose("St Egbert's Hospital", "2024-01-01", text).ods_code == "RCC"


def test_site_of_closed_trust_follows_its_successor_by_date(small: Gazetteer) -> None:
    assert small.resolve("Old Marsh Cottage Hospital", "2019-05-01").ods_code == "RYY"
    assert small.resolve("Old Marsh Cottage Hospital", "2024-05-01").ods_code == "RDD"


def test_site_taken_over_in_a_merger_was_the_former_trusts_before(small: Gazetteer) -> None:
    assert small.resolve("Coastway General Hospital", "2018-05-01").ods_code == "RBB"
    assert small.resolve("Coastway General Hospital", "2024-05-01").ods_code == "RCC"


def test_site_and_its_former_trust_are_not_ambiguous(small: Gazetteer) -> None:
    assert not small.aliases["coastway general hospital"].ambiguous


def test_site_and_successor_are_not_ambiguous(small: Gazetteer) -> None:
    assert not small.aliases["old marsh cottage hospital"].ambiguous


def test_ccg_full_name_with_nhs_and_long_form(small: Gazetteer) -> None:
    assert small.resolve("NHS Upper Vale Clinical Commissioning Group", "2020-01-01").ods_code == "01Z"


def test_bare_ccg_place_is_not_an_alias(small: Gazetteer) -> None:
    assert "upper vale" not in small.aliases


def test_is_ambiguous_per_day(small: Gazetteer) -> None:
    assert small.is_ambiguous("Fenland and Fells", "2026-06-01")
    assert not small.is_ambiguous("Fenland and Fells", "2020-06-01")


# --- the shipped gazetteer -----------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> Gazetteer:
    return default_gazetteer()


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Vale of York CCG", "03Q"),
        ("NHS North Tyneside Clinical Commissioning Group", "99C"),
        ("North Tyneside CCG", "99C"),
        ("NHS Vale of York CCG", "03Q"),
    ],
)
def test_shipped_ccgs_of_2022(shipped: Gazetteer, name: str, code: str) -> None:
    assert shipped.resolve(name, "2021-06-01").ods_code == code


def test_shipped_has_the_106_ccgs_of_june_2022(shipped: Gazetteer) -> None:
    ccgs = [o for o in shipped.by_code.values() if o.type == "ccg" and o.close_date == "2022-06-30"]
    assert len(ccgs) == 106
    assert all(shipped.by_code[o.successors[0]].type == "icb" for o in ccgs)


def test_shipped_bare_places_are_not_confident_aliases(shipped: Gazetteer) -> None:
    for place in ("north tyneside", "walsall", "vale of york"):
        alias = shipped.aliases.get(place)
        assert alias is None or alias.needs_context, place


def test_shipped_norfolk_and_waveney_ics_in_2026(shipped: Gazetteer) -> None:
    assert shipped.resolve("Norfolk and Waveney ICS", "2026-05-01").ods_code == "T6Y0W"


def test_shipped_norfolk_and_suffolk_is_ambiguous_in_2026(shipped: Gazetteer) -> None:
    alias = shipped.aliases["norfolk and suffolk"]
    assert alias.needs_context and alias.ambiguous
    assert shipped.resolve("Norfolk and Suffolk", "2026-05-01") is None
    assert shipped.resolve("Norfolk and Suffolk ICB", "2026-05-01").ods_code == "T6Y0W"
    assert shipped.resolve("Norfolk and Suffolk NHS Foundation Trust", "2026-05-01").ods_code == "RMY"


def test_shipped_queen_elizabeth_hospital_lists_four_trusts(shipped: Gazetteer) -> None:
    alias = shipped.aliases["queen elizabeth hospital"]
    assert {"RCX", "RR7", "RRK", "RJ2"} <= set(alias.codes)
    assert shipped.resolve("Queen Elizabeth Hospital", "2024-01-01") is None
    assert shipped.resolve("Queen Elizabeth Hospital, Gateshead", "2024-01-01").ods_code == "RR7"


def test_shipped_distinct_hospital_resolves(shipped: Gazetteer) -> None:
    assert shipped.resolve("Medway Maritime Hospital", "2024-01-01").ods_code == "RPA"
    assert shipped.resolve("Addenbrooke's Hospital", "2024-01-01").ods_code == "RGT"


def test_shipped_generic_hospital_names_are_not_aliases(shipped: Gazetteer) -> None:
    for generic in ("general hospital", "community hospital", "royal infirmary", "district hospital"):
        assert generic not in shipped.aliases


def test_a_gazetteer_file_changed_while_parsed_is_not_cached(tmp_path, monkeypatch) -> None:
    import shutil

    import nhswatch.extract.gazetteer as gazetteer_module

    from nhswatch.cache_files import cache_dir

    for name in gazetteer_module.GAZETTEER_FILES:
        shutil.copy(gazetteer_module.gazetteer_file(name), tmp_path / name)
    parse = gazetteer_module._parse_gazetteer

    def parse_then_edit(files):
        parsed = parse(files)
        with (tmp_path / "aliases.csv").open("a", encoding="utf-8") as handle:
            handle.write("\n")
        return parsed

    monkeypatch.setattr(gazetteer_module, "_parse_gazetteer", parse_then_edit)
    before = set(cache_dir().glob("gazetteer-*.pickle"))
    gazetteer_module.load_gazetteer(tmp_path)
    assert set(cache_dir().glob("gazetteer-*.pickle")) == before


def test_a_name_at_the_very_start_of_the_text_is_found(small: Gazetteer) -> None:
    found = small.find("Hilltown Health NHS Foundation Trust was rated good.")
    assert [(start, end, alias.codes) for start, end, alias in found] == [(0, 36, ["RDD"])]


def test_a_name_inside_a_word_is_not_found(small: Gazetteer) -> None:
    assert small.find("XHilltown Health NHS Foundation Trusts") == []


def test_names_one_after_another_are_all_found(small: Gazetteer) -> None:
    text = "Fenland and Fells NHS Foundation Trust,Hilltown Health NHS Foundation Trust (Marshby Hospitals NHS Trust)"
    assert [text[start:end] for start, end, _ in small.find(text)] == [
        "Fenland and Fells NHS Foundation Trust",
        "Hilltown Health NHS Foundation Trust",
        "Marshby Hospitals NHS Trust",
    ]


ALIAS_WORDS = ["north", "north east", "east", "st", "st. mary's", "trust", "the", "(the) trust", "2gether"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*ALIAS_WORDS, " ", "  ", "\n", ",", "x", "'", "-", "(", ")", "é"]), max_size=30).map(
        "".join
    )
)
def test_the_word_start_pattern_finds_what_the_lookbehind_pattern_finds(text: str) -> None:
    """alias_pattern's form for aliases that start with a word character finds the same names as a
    lookbehind at every position would; with an alias that does not, it is that lookbehind form."""
    import re

    from nhswatch.extract.gazetteer import _trie_pattern, alias_pattern

    for aliases in (ALIAS_WORDS[:-2] + ALIAS_WORDS[-1:], ALIAS_WORDS):
        plain = re.compile(r"(?<!\w)(?:" + _trie_pattern(aliases) + r")(?!\w)")
        expected = [m.span() for m in plain.finditer(text)]
        pattern = re.compile(alias_pattern(aliases))
        if pattern.groups:
            found = [(m.start(1) - 1, m.end() - 1) for m in pattern.finditer(" " + text)]
        else:
            found = [m.span() for m in pattern.finditer(text)]
        assert found == expected


def test_town_forms_add_the_short_town_the_press_uses() -> None:
    assert town_forms("Burton-on-Trent") == ["Burton-on-Trent", "Burton"]
    assert town_forms("Bury St. Edmunds") == ["Bury St. Edmunds", "Bury St Edmunds"]


def test_site_names_gain_the_apostrophes_the_site_file_drops() -> None:
    assert with_possessives("Queens Hospital") == "Queen's Hospital"
    assert with_possessives("St Marys Hospital") == "St Mary's Hospital"
    assert with_possessives("St Thomas Hospital") == "St Thomas Hospital"


def test_choose_ignores_a_town_the_name_itself_holds() -> None:
    orgs = [_org("RAA", "Fenland and Fells NHS Foundation Trust"), _org("RBB", "Isles Trust")]
    sites = [
        Site("RAA01", "St Mary's Hospital", "RAA", "Newport", "PO1 1AA"),
        Site("RBB01", "St Mary's Hospital", "RBB", "St. Mary's", "TR1 1AA"),
    ]
    gazetteer = Gazetteer(orgs, [], sites)
    assert gazetteer.choose("St Mary's Hospital", "2024-01-01", "Staff at St Mary's Hospital were praised.") is None


def test_a_hospitals_trust_named_after_several_places_is_also_those_places() -> None:
    org = Organisation("RF4", "Barking, Havering and Redbridge University Hospitals NHS Trust", "trust")
    assert "Barking, Havering and Redbridge" in generated_aliases(org)


def test_a_hospitals_trust_named_after_one_place_is_not_that_place() -> None:
    org = Organisation("RWA", "Hull University Teaching Hospitals NHS Trust", "trust")
    assert "Hull" not in generated_aliases(org)


def test_a_trust_opened_after_the_day_is_nobody_a_name_can_mean_then(shipped: Gazetteer) -> None:
    assert shipped.resolve("North London NHS Foundation Trust", "2017-06-01") is None
    assert shipped.resolve("North London NHS Foundation Trust", "2025-06-01").ods_code == "G6V2S"


def test_an_ics_named_before_its_board_opened_is_still_the_board(shipped: Gazetteer) -> None:
    assert shipped.resolve("Norfolk and Waveney ICS", "2021-08-01").ods_code == "QMM"
