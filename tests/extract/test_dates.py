"""Date expressions and their normalisation against the publication date."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nhswatch.extract import extract
from nhswatch.extract.dates import find_dates, last_month_before


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("on 1st March 2024", None, "2024-03-01"),
        ("on 6 February 2025", None, "2025-02-06"),
        ("on 05/12/2024", None, "2024-12-05"),
        ("on March 4, 2023", None, "2023-03-04"),
        ("in August 2021", None, "2021-08"),
        ("in 2017", None, "2017"),
        ("in Q1 2024/25", None, "2024-04"),
        ("in Q4 2023/24", None, "2024-01"),
        ("last February", "2022-05-03", "2022-02"),
        ("last May", "2022-05-03", "2021-05"),
        ("in June last year", "2017-03-22", "2016-06"),
        ("earlier this year", "2023-09-01", "2023"),
        ("last year", "2023-09-01", "2022"),
        ("this month", "2023-09-14", "2023-09"),
        ("last month", "2023-01-14", "2022-12"),
        ("in November", "2024-03-01", "2023-11"),
        ("on 14th March", "2017-03-15", "2017-03-14"),
        ("on 20 December", "2017-03-15", "2016-12-20"),
        ("on December 8", "2017-01-19", "2016-12-08"),
        ("on Wednesday", "2016-08-19", "2016-08-17"),
        ("in the autumn of 2017", "2020-06-10", "2017"),
        ("by the summer of 2016", "2020-06-10", "2016"),
        ("in mid-2019", "2020-06-10", "2019"),
        ("a fortnight ago", "2020-06-10", "2020-05"),
        ("over the summer", "2018-09-20", "2018-06"),
        ("during the summer", "2024-03-12", "2023-06"),
        ("at the turn of the year", "2019-02-14", "2019-01"),
        ("since the start of the year", "2023-09-05", "2023-01"),
        ("at the beginning of the year", "2017-08-22", "2017-01"),
    ],
)
def test_date_forms(text, published, value):
    found = find_dates(text, published)
    assert [d.value for d in found] == [value]


def test_relative_dates_without_publication_date_are_unresolved():
    found = find_dates("last February", None)
    assert found[0].value is None and found[0].text == "last February"


@pytest.mark.parametrize(
    "text", ["a deficit of £2017m", "2017/18 budget pages 12-2019", "call 0300 123 2019", "it may 8 times"]
)
def test_numbers_that_are_not_dates(text):
    assert all(d.kind != "year" or d.value != "2017" for d in find_dates(text))


def test_financial_year_is_a_year():
    assert [d.value for d in find_dates("during 2023/24")] == ["2023"]


def test_years_ago():
    (found,) = find_dates("two years ago", "2017-03-17")
    assert found.value == "2015"


def test_months_ago_crosses_a_year():
    (found,) = find_dates("three months ago", "2017-02-10")
    assert found.value == "2016-11"


def test_years_on_counts_from_the_last_year_named():
    (found,) = find_dates("three years on", "2019-01-01")
    assert (found.kind, found.year_offset) == ("year_reference", 3)


def test_the_following_spring_is_the_next_year():
    (found,) = find_dates("the following spring", "2019-01-01")
    assert found.year_offset == 1


def test_next_spring_is_the_coming_spring():
    (found,) = find_dates("The trust expects to leave by next spring.", "2025-11-01")
    assert found.value == "2026-03"


def test_a_decade_ago_counts_ten_years_back():
    (found,) = find_dates("It entered the programme a decade ago.", "2025-11-01")
    assert found.value == "2015"


def test_years_since_is_an_offset_of_that_many_years():
    (found,) = find_dates("Five years since then, the trust has changed.", "2025-11-01")
    assert (found.kind, found.year_offset) == ("year_reference", 5)


def test_in_a_month_reads_forward_for_a_change_to_come():
    (found,) = find_dates("The trust is due to leave in April.", "2025-11-01")
    assert (found.value, found.ahead) == ("2025-04", "2026-04")


def test_dates_are_found_in_text_whose_lower_case_is_longer():
    found = find_dates("İstanbul visit: the trust was rated good in March 2016.", "2017-01-01")
    assert [d.value for d in found] == ["2016-03"]


def test_a_month_of_last_year():
    (found,) = find_dates("In November of last year the trust changed.", "2016-01-02")
    assert found.value == "2015-11"


@pytest.mark.parametrize(
    "text",
    [
        "The trust was rated good by inspectors.",
        "NOVEMBER",
        "Segment 4 Of The Framework",
        "It Left Special Measures Last Year",
        "İstanbul clinics opened in May",
        "The Trust Entered The Programme On Monday",
    ],
)
def test_the_quick_test_for_a_date_rules_out_only_text_without_one(text):
    """The cheap test before the patterns (a digit, or a date word in the lower-cased text) never hides a date:
    the patterns themselves, run on every text, find the same."""
    from nhswatch.extract import dates

    found = dates.find_dates(text, "2024-05-01")
    lowered = text.lower()
    patterns = dates._LOWER_PATTERNS if len(lowered) == len(text) else dates._PATTERNS
    subject = lowered if patterns is dates._LOWER_PATTERNS else text
    assert bool(found) == any(pattern.search(subject) for _, pattern in patterns)


_DATE_PIECES = st.sampled_from(
    ["in", "march", "2019", "12", "/", "-", "2020/21", "q3", "last", "year", "ago", "two", "monday", "spring", ",", "."]
)
_PLAIN_TEXTS = st.lists(_DATE_PIECES | st.text(alphabet="adeimnorsty0129 -/.,'\t\n", max_size=6), max_size=20).map(
    " ".join
)


@settings(max_examples=300, deadline=None)
@given(_PLAIN_TEXTS)
def test_every_date_pattern_finds_the_same_with_its_ascii_twin_in_plain_text(text):
    """find_dates reads plain ASCII text with the patterns' re.ASCII twins: they find exactly the same there."""
    from nhswatch.extract import dates

    pairs = [*zip(dates._LOWER_PATTERNS, dates._LOWER_PATTERNS_ASCII, strict=True)]
    pairs += [((kind, dates._NEEDS[kind]), (kind, dates._NEEDS_ASCII[kind])) for kind in dates._NEEDS]
    pairs += [((None, dates._DIGIT), (None, dates._DIGIT_ASCII))]
    pairs += [((None, dates._MAYBE_DATE_WORD), (None, dates._MAYBE_DATE_WORD_ASCII))]
    for (kind, pattern), (_, twin) in pairs:
        assert [(m.span(), m.groups()) for m in twin.finditer(text)] == [
            (m.span(), m.groups()) for m in pattern.finditer(text)
        ], kind


def test_a_date_pattern_ignoring_case_that_folds_to_ascii_keeps_no_twin():
    import re

    from nhswatch.extract.dates import _twin

    kelvin = re.compile("\u212a", re.IGNORECASE)
    assert _twin(kelvin) is kelvin
    assert _twin(re.compile(r"\bago\b")).flags & re.ASCII


def test_eighteen_months_ago_counts_back_from_publication():
    assert [d.value for d in find_dates("Eighteen months ago, I recommended it.", "2015-07-02")] == ["2014-01"]


def test_a_document_states_its_day_with_today_in_brackets():
    from nhswatch.extract.dates import stated_publication

    assert stated_publication("The report was published today (Monday, 15 June 2015).") == "2015-06-15"
    assert stated_publication("Read our previous reports, published on 9 June 2015.") is None


def test_a_quarter_written_in_words_is_its_first_month():
    for text in ("for quarter one of 2025/26", "in the first quarter of 2025/26", "in Q1 2025/26"):
        assert [d.value for d in find_dates(text, "2025-05-01")] == ["2025-04"], text
    assert [d.value for d in find_dates("in the third quarter of 2024/25", "2025-05-01")] == ["2024-10"]


@pytest.mark.parametrize(
    ("phrase", "value", "ahead"),
    [
        ("from April", "2019-04", "2020-04"),
        ("by the end of March", "2019-03", "2020-03"),
        ("at the end of September", "2018-09", "2019-09"),
        ("in early March", "2019-03", "2020-03"),
    ],
)
def test_a_month_after_other_words_of_time_reads_like_in_a_month(phrase, value, ahead):
    (found,) = find_dates(f"The trust will leave {phrase}.", "2019-07-03")
    assert (found.value, found.ahead) == (value, ahead)


def test_last_april_has_no_forward_reading():
    (found,) = find_dates("The trust left last April.", "2019-07-03")
    assert (found.value, found.ahead) == ("2019-04", None)


def test_in_the_spring_is_the_last_spring_or_the_next():
    (found,) = find_dates("The trust was placed in special measures in the spring.", "2019-07-03")
    assert (found.value, found.ahead) == ("2019-03", "2020-03")


def test_the_month_last_named_before_a_position():
    text = "It was rated inadequate in September 2015 and placed in special measures the same month."
    assert last_month_before(text, text.index("the same"), "2017-01-10") == "2015-09"
    assert last_month_before("Rated good in January 2018. ", 27, "2019-09-01", back=1) == "2017-12"


def test_a_range_of_years_joined_by_a_hyphen_is_no_year():
    assert find_dates("The trust's 2015-2019 strategy was published.", "2020-06-10") == []


def test_before_christmas_is_the_last_december_or_the_next():
    (found,) = find_dates("Before Christmas, the trust was rated good.", "2024-01-31")
    assert (found.value, found.ahead) == ("2023-12", "2024-12")


# --- Session 18: anniversaries, "last <season>", ends of financial years, chained relative dates ------------


def _events(text: str, published: str | None) -> list[tuple]:
    from nhswatch.extract import extract

    return [(e["ods_code"], e["framework"], e["change"], e["date"]) for e in extract(text, published).events]


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Ten years ago this month, the trust entered the regime.", "2023-07-16", "2013-07"),
        ("The trust entered the regime a decade ago this month.", "2023-07-16", "2013-07"),
        ("Five years ago today the trust entered the regime.", "2018-07-16", "2013-07-16"),
        ("It was three years ago last month that the trust entered the regime.", "2018-01-10", "2014-12"),
        ("Two years ago this week, the trust entered the regime.", "2019-05-20", "2017-05"),
        ("Four years ago yesterday the trust entered the regime.", "2019-05-20", "2015-05-19"),
        ("This month ten years ago, the trust entered the regime.", "2023-07-16", "2013-07"),
        ("It is ten years this month since the trust entered the regime.", "2023-07-16", "2013-07"),
        ("Six months ago today the trust entered the regime.", "2019-05-20", "2018-11-20"),
    ],
)
def test_years_ago_this_month_is_an_anniversary(text, published, value):
    """ "N years ago this month/today/last month": the publication's month or day, N years back (one date)."""
    assert [d.value for d in find_dates(text, published)] == [value]


def test_an_anniversary_of_a_leap_day_keeps_its_month():
    assert [d.value for d in find_dates("One year ago today it entered the regime.", "2024-02-29")] == ["2023-02"]


def test_an_anniversary_dates_the_event_and_its_framework():
    text = "Ten years ago this month, North Cumbria University Hospitals NHS Trust was placed in special measures."
    assert _events(text, "2023-07-16") == [("RNL", "special_measures", "enter", "2013-07")]


def test_an_anniversary_dates_every_body_of_a_list():
    text = (
        "Five years ago today, Medway NHS Foundation Trust and Tameside Hospital NHS Foundation Trust "
        "were placed in special measures."
    )
    assert {e[3] for e in _events(text, "2018-07-16")} == {"2013-07-16"}


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("returned to the regime last spring", "2018-07-16", "2018-03"),
        ("returned to the regime last spring", "2018-06-02", "2018-03"),
        ("left the regime last summer", "2018-09-20", "2018-06"),
        ("left the regime late last autumn", "2018-12-05", "2018-09"),
        ("left the regime last winter", "2018-03-10", "2017-12"),
    ],
)
def test_last_season_is_the_latest_one_ended(text, published, value):
    """ "last spring" said in July is this year's spring, as "last April" is; not one a year earlier."""
    assert [d.value for d in find_dates(text, published)] == [value]


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("returned to the regime last spring", "2018-04-10", "2017-03"),
        ("left the regime last summer", "2018-08-01", "2017-06"),
        ("left the regime last winter", "2018-02-10", "2016-12"),
    ],
)
def test_last_season_under_way_is_the_one_before(text, published, value):
    """A season still under way is "this spring": "last spring" then is the year before's."""
    assert [d.value for d in find_dates(text, published)] == [value]


def test_last_spring_dates_a_return_to_special_measures():
    text = "Medway NHS Foundation Trust returned to special measures last spring."
    assert _events(text, "2018-07-16") == [("RPA", "special_measures", "enter", "2018-03")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("is due to leave at the end of 2024/25", "2025-03"),
        ("had not left by the end of 2019/20", "2020-03"),
        ("should exit the programme at the end of Q1 2025/26", "2025-06"),
        ("left before the end of the third quarter of 2024/25", "2024-12"),
        ("was out by the end of quarter four of 2023/24", "2024-03"),
        ("hopes to leave by the end of the 2025/26 financial year", "2026-03"),
    ],
)
def test_the_end_of_a_financial_year_or_quarter_is_its_last_month(text, value):
    """NHS financial years run April to March: the end of 2024/25 is March 2025, of Q1 2025/26 June 2025."""
    assert [d.value for d in find_dates(text, "2025-08-01")] == [value]


def test_a_financial_year_or_quarter_without_its_end_keeps_its_value():
    assert [d.value for d in find_dates("in 2019/20, and in Q1 2024/25", "2025-08-01")] == ["2019", "2024-04"]


def test_the_end_of_a_financial_year_dates_an_expected_exit():
    text = "Medway NHS Foundation Trust is expected to leave the recovery support programme at the end of 2024/25."
    assert [e[3] for e in _events(text, "2024-11-01")] == ["2025-03"]


def test_months_later_opening_a_sentence_counts_from_the_last_month_named():
    text = (
        "Medway NHS Foundation Trust was placed in special measures in September 2015. "
        "Sixteen months later it was out of the regime."
    )
    assert _events(text, "2019-03-01")[-1] == ("RPA", "special_measures", "exit", "2017-01")


def test_months_on_opening_a_sentence_counts_from_the_last_month_named():
    text = (
        "Medway NHS Foundation Trust went into special measures in September 2015. "
        "Eighteen months on, the trust left special measures."
    )
    assert _events(text, "2019-03-01")[-1] == ("RPA", "special_measures", "exit", "2017-03")


def test_months_later_after_a_year_alone_keeps_its_words_without_a_date():
    from nhswatch.extract import extract

    text = (
        "Medway NHS Foundation Trust was placed in special measures in 2015. "
        "Sixteen months later, it left special measures."
    )
    last = extract(text, "2019-03-01").events[-1]
    assert (last["change"], last["date"], last["date_text"]) == ("exit", None, "Sixteen months later")


def test_a_month_of_the_next_year_is_a_year_after_the_last_named():
    (found,) = find_dates("In January of the next year it left.", "2025-01-01")
    assert (found.kind, found.year_offset, found.month) == ("month_year_reference", 1, 1)


def test_a_month_of_the_next_year_dates_the_change():
    text = (
        "Medway NHS Foundation Trust was placed in special measures in 2018. "
        "Then, in January of the next year, it left special measures."
    )
    assert _events(text, "2021-05-01")[-1] == ("RPA", "special_measures", "exit", "2019-01")


def test_a_year_of_backstory_does_not_move_the_story_back():
    """An earlier year in a past-perfect relative clause ("which it had joined in 2015") is not the year the story
    had reached: "the next year" after it counts from the story's year."""
    text = (
        "Medway NHS Foundation Trust was rated inadequate in November 2017. The following spring it was still in "
        "special measures, which it had entered in 2015. In January of the next year it left special measures."
    )
    assert _events(text, None)[-1] == ("RPA", "special_measures", "exit", "2019-01")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Walsall Healthcare NHS Trust was rated inadequate in 2016. That April it was placed in special measures.",
            "2016-04",
        ),
        (
            "Walsall Healthcare NHS Trust was rated inadequate in March 2016. It was placed in special measures that "
            "September.",
            "2016-09",
        ),
    ],
)
def test_that_month_is_a_month_of_the_year_the_text_reached(text, expected):
    found = [e["date"] for e in extract(text, published="2022-05-01").events if e["framework"] == "special_measures"]
    assert found == [expected]


def test_a_timeline_s_month_label_dates_its_line():
    text = (
        "The year in review\n\nApril: Medway NHS Foundation Trust left special measures.\n\n- September: Barts Health "
        "NHS Trust was rated good overall."
    )
    assert [e["date"] for e in extract(text, published="2017-12-20").events] == ["2017-04", "2017-09"]


def test_a_month_word_with_a_colon_inside_a_line_is_no_label():
    assert find_dates("The note said May: nothing changed.", "2017-12-20") == []
