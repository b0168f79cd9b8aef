"""Date expressions in sentences, normalised to ISO at the precision the text supports.

Absolute ("1st March 2024", "05/12/2024"), partial ("August 2021", "in 2017", "Q1 2024/25") and
relative forms ("last February", "earlier this year", "last month") are found with regular
expressions; relative ones are resolved against the publication date and left unresolved
(value ``None``, text kept) when there is none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .ascii_twin import ascii_safe, plain_ascii

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_MONTH2 = _MONTH.replace("?P<month>", "?P<month2>")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# a second month and a year after a month named alone: "in October and November 2023", "from June to August 2019"
_SHARED_YEAR = re.compile(r"\s*(?:,|and|or|to|until|through|-|–|—|&)\s*" + _MONTH2 + r"\s+" + _YEAR + r"\b", re.I)
# how many, in "two years ago", "sixteen months ago" (the words are COUNTS')
_COUNT = (
    r"(?P<count>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|\d{1,2})"
)
# the span of the publication an anniversary ("N years ago ...") names; resolved by _ANNIVERSARY_WHEN_BACK
_ANNIVERSARY_WHEN = r"today|yesterday|this month|this week|this year|last month|last week"

# Order matters: longer, more precise forms first; matches never overlap.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("dmy", re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.I)),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I)),
    ("numeric", re.compile(r"\b(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>(?:19|20)\d\d)\b")),
    # "at the end of 2024/25", "by the end of Q1 2025/26": the last month of that financial year or quarter
    (
        "financial_year_end",
        re.compile(
            r"\bthe\s+end\s+of\s+(?:(?:q(?P<quarter>[1-4])|quarter\s+(?P<qword>one|two|three|four|[1-4])|"
            r"the\s+(?P<qord>first|second|third|fourth)\s+quarter)\s+(?:of\s+)?)?(?:the\s+)?(?:financial\s+year\s+)?"
            r"(?P<year>(?:19|20)\d\d)/(?:\d\d){1,2}\b(?:\s+financial\s+year\b)?",
            re.I,
        ),
    ),
    (
        "quarter",
        # "Q1 2024/25", "quarter one of 2025/26", "the first quarter of 2025/26"
        re.compile(
            r"\b(?:[Qq](?P<quarter>[1-4])\s+|[Qq]uarter\s+(?P<qword>one|two|three|four|[1-4])\s+(?:of\s+)?|"
            r"(?P<qord>first|second|third|fourth)\s+quarter\s+(?:of\s+)?)(?P<year>(?:19|20)\d\d)/(?:\d\d){1,2}\b"
        ),
    ),
    ("month_rel_year", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b", re.I)),
    # "in December that year", "in March the following year", "in January of the next year": a month of the year
    # the text had reached
    (
        "month_year_reference",
        re.compile(
            rf"\b{_MONTH}\s+(?:of\s+)?(?P<ref>that|the same|the following|the next|the previous)\s+year\b", re.I
        ),
    ),
    # "That April it was placed in special measures": the month of the year the text had reached
    ("month_year_reference", re.compile(rf"\b(?P<ref>[Tt]hat)\s+{_MONTH}\b(?!,?\s+\d)")),
    ("day_month", re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}\b(?!,?\s+\d)", re.I)),
    # "on December 8" (the American order, without a year; after a preposition, so "may 8" is never a date)
    (
        "day_month",
        re.compile(rf"\b(?:on|by|from|until|since|before|after)\s+{_MONTH}\s+{_DAY}\b(?!,?\s+\d)", re.I),
    ),
    ("month_year", re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.I)),
    # "in the autumn of 2017", "summer 2018": that year
    (
        "season_year",
        re.compile(r"\b(?P<season>spring|summer|autumn|winter),?\s+(?:of\s+)?" + _YEAR + r"\b(?![/%-]\d|\.\d)", re.I),
    ),
    (
        "rel_month",
        # "in April", and the other words that name a month of no stated year: "from April", "by the end of March"
        re.compile(
            rf"\b(?P<rel>last|this|next|earlier this|in|from|by|until|(?:by |at )?the end of|(?:in )?(?:early|late))"
            rf"\s+{_MONTH}\b(?!\s+\d)",
            re.I,
        ),
    ),
    # "has been in segment 4 since July": the month alone (the "since" stays outside, as before a dated month)
    ("rel_month", re.compile(rf"(?<=\bsince )(?P<rel>){_MONTH}\b(?!\s+\d)", re.I)),
    # a timeline's month label at a line's start ("March: X was placed in special measures"), as "in March"
    ("rel_month", re.compile(rf"(?m)^[\s•*·–-]*(?P<rel>){_MONTH}\s*:(?=\s)", re.I)),
    ("financial_year", re.compile(r"\b(?P<year>(?:19|20)\d\d)/(?:\d\d){1,2}\b")),
    # "ten years ago this month", "five years ago today": the publication's month or day, that long before
    (
        "anniversary",
        re.compile(rf"\b{_COUNT}\s+(?P<unit>years?|months?|decades?)\s+ago,?\s+(?P<when>{_ANNIVERSARY_WHEN})\b", re.I),
    ),
    # "it is ten years this month since ...": the anniversary of what the since-clause tells
    (
        "anniversary",
        re.compile(
            rf"\b{_COUNT}\s+(?P<unit>years?|decades?)\s+(?P<when>today|this month|this week)(?=\s+since\b)", re.I
        ),
    ),
    # "this month ten years ago", "today, five years ago"
    (
        "anniversary",
        re.compile(rf"\b(?P<when>{_ANNIVERSARY_WHEN}),?\s+{_COUNT}\s+(?P<unit>years?|months?|decades?)\s+ago\b", re.I),
    ),
    (
        "rel_period",
        re.compile(
            r"\b(?P<rel>last|this|earlier this|later this|the (?:following|next)(?=\s+month\b)|(?<!^the )next|"
            r"the previous|the past|the same(?!\s+year)|that(?:\s+same)?(?=\s+month\b)|"
            r"earlier in the|late last|early last|earlier last)\s+(?P<unit>year|month|week|summer|spring|"
            r"autumn|winter)\b|\b(?P<rel_in>in the|by the|over the|during the)\s+(?P<unit_in>summer|spring|autumn|"
            r"winter)\b",
            re.I,
        ),
    ),
    # "at the turn of the year", "since the start of the year", "in the new year": the January of the year published
    # (or of the next, for a change to come)
    (
        "year_start",
        re.compile(
            r"\b(?:at|since|from|by|around)\s+the\s+(?:start|beginning|turn)\s+of\s+the\s+year\b"
            r"|\b(?:in|by|early\s+in)\s+the\s+new\s+year\b",
            re.I,
        ),
    ),
    ("day_word", re.compile(r"\b(?P<rel>yesterday|today)\b", re.I)),
    # "will also move to segment 4 on that date", "on the same day": the day the text last named (see last_date_before)
    ("same_day", re.compile(r"\b(?:on\s+)?(?:that|the\s+same)\s+(?:date|day)\b", re.I)),
    # "before Christmas", "by Christmas": the last December, or the next for a change to come
    ("christmas", re.compile(r"\b(?P<rel>by|before|at|over|after|until|since|last|this)\s+christmas\b", re.I)),
    (
        "ago",
        re.compile(
            rf"\b{_COUNT}\s+(?P<unit>years?|months?|decades?|fortnights?)\s+ago\b",
            re.I,
        ),
    ),
    (
        "weekday",
        re.compile(r"\b(?:on|last|this|next)\s+(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b", re.I),
    ),
    (
        "year_reference",
        re.compile(
            r"\b(?P<ref>the following|^the next|that latter|that|"
            r"the same|the previous) (?:year|spring|summer|autumn|winter)\b"
            r"|\bthe year (?P<dir>after|before)\b"
            r"|\b(?P<count>a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) (?P<unit>years?|decades?) "
            r"(?P<later>on|later|after|since)\b",
            re.I,
        ),
    ),
    # "mid-2019", "late-2020": the year
    ("year", re.compile(r"\b(?:mid|early|late)-" + _YEAR + r"\b(?![/%-]\d|\.\d)", re.I)),
    ("year", re.compile(r"(?<![£$€\d/.,-])\b" + _YEAR + r"\b(?![/%-]\d|\.\d)")),
    # "Since then the trust has been in the RSP": since the date the text last named (see last_date_before); last,
    # so "five years since then" stays a count of years
    ("since_then", re.compile(r"\b(?:ever\s+)?since\s+(?:then|that\s+(?:time|date|point))\b", re.I)),
]
QUARTERS = {"1": 1, "2": 2, "3": 3, "4": 4, "one": 1, "two": 2, "three": 3, "four": 4}
QUARTERS |= {"first": 1, "second": 2, "third": 3, "fourth": 4}
# Number words, for "two years ago", "three years on" and "the four organisations"
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "eighteen": 18, "twenty": 20,
}  # fmt: skip
COUNTS = {"a": 1, "an": 1, **NUMBER_WORDS}
# ("sixteen months later"; not in NUMBER_WORDS, which also sizes groups: "the sixteen trusts")
COUNTS |= {"thirteen": 13, "fourteen": 14, "sixteen": 16, "seventeen": 17, "nineteen": 19}
# The same patterns in lower case, matched against lower-cased text: several times faster than IGNORECASE.
# (Safe because the patterns use only lower-case escapes: \b \s \d.)
_LOWER_PATTERNS = [(kind, re.compile(pattern.pattern.lower().replace("(?p<", "(?P<"))) for kind, pattern in _PATTERNS]
# Every pattern above needs a digit or a word beginning with one of these; one pass rules most sentences out.
_DATE_WORD = (
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|last|next|earlier|later|yesterday|today|"
    r"ago|following|previous|latter|year|decade|month|week|spring|summer|autumn|winter|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|christmas|date|day|since)"
)
_MAYBE_DATE = re.compile(r"\d|" + _DATE_WORD, re.I)
# the same test for lower-cased text, a digit first: a case-sensitive scan is several times faster
_MAYBE_DATE_WORD = re.compile(_DATE_WORD)
# What each pattern cannot match without: a sentence lacking it skips the pattern (most have no month name,
# no "ago", no weekday), which keeps date finding cheap on the sentences that hold a status.
_DIGIT = re.compile(r"\d")
_MONTH_WORD = re.compile(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
_NEEDS: dict[str, re.Pattern[str]] = {
    **dict.fromkeys(
        ("iso", "numeric", "quarter", "financial_year_end", "financial_year", "year", "season_year"), _DIGIT
    ),
    **dict.fromkeys(
        ("dmy", "mdy", "month_year", "month_rel_year", "month_year_reference", "day_month", "rel_month"), _MONTH_WORD
    ),
    "rel_period": re.compile(r"year|month|week|spring|summer|autumn|winter"),
    "year_start": re.compile(r"of the year|new year"),
    "day_word": re.compile(r"yesterday|today"),
    "same_day": re.compile(r"\b(?:date|day)\b"),
    "since_then": re.compile(r"since (?:then|that)"),
    "christmas": re.compile(r"christmas"),
    "ago": re.compile(r"\bago\b"),
    "anniversary": re.compile(r"\b(?:ago|since)\b"),
    "weekday": re.compile(r"day\b"),
    "year_reference": re.compile(r"year|decade|spring|summer|autumn|winter"),
}
# The same compiled with re.ASCII, for plain ASCII text (``ascii_twin``: there they match alike, and \b, \d and \s
# are table lookups instead of Unicode database calls)
_ASCII_TWINS: dict[re.Pattern[str], re.Pattern[str]] = {}


def _twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` compiled with re.ASCII; itself when ignoring case could make the two differ (``ascii_safe``)."""
    if pattern not in _ASCII_TWINS:
        flags = pattern.flags & ~re.UNICODE
        safe = not flags & re.IGNORECASE or ascii_safe(pattern.pattern, flags)
        _ASCII_TWINS[pattern] = re.compile(pattern.pattern, flags | re.ASCII) if safe else pattern
    return _ASCII_TWINS[pattern]


_LOWER_PATTERNS_ASCII = [(kind, _twin(pattern)) for kind, pattern in _LOWER_PATTERNS]
_NEEDS_ASCII = {kind: _twin(pattern) for kind, pattern in _NEEDS.items()}
_DIGIT_ASCII, _MAYBE_DATE_WORD_ASCII = _twin(_DIGIT), _twin(_MAYBE_DATE_WORD)
_SEASON_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
_YEAR_ONLY = re.compile(r"(?<![£$€\d/.,-])\b(?:19|20)\d\d\b(?![/%-]\d|\.\d)")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class DateMention:
    """A date expression: where it is, what it says and what it means."""

    text: str
    start: int
    end: int
    value: str | None  # ISO, YYYY / YYYY-MM / YYYY-MM-DD; None when it cannot be resolved
    kind: str
    ahead: str | None = None  # the forward reading of "on Wednesday", for a change still to come
    year_offset: int | None = None  # "the following year" = +1 on the last year named before it
    month: int | None = None  # the month of a year reference ("in December that year": 12)

    @property
    def relative(self) -> bool:
        return self.kind in {
            "month_rel_year",
            "day_month",
            "rel_month",
            "rel_period",
            "day_word",
            "weekday",
            "ago",
            "anniversary",
            "christmas",
        }


def parse_published(value: str | None) -> date | None:
    """An ISO date or datetime string as a date, or None."""
    if not value:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _month_back(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 - months
    return index // 12, index % 12 + 1


def _last_named_month(month: int, published: date, inclusive: bool) -> int:
    """The year of the latest ``month`` at or before the publication month."""
    if month < published.month or (inclusive and month == published.month):
        return published.year
    return published.year - 1


def _ymd(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        if day is not None and month is not None:
            return date(year, month, day).isoformat()
    except ValueError:
        return None
    if month is not None:
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    return f"{year:04d}"


def _resolve(kind: str, m: re.Match[str], published: date | None) -> str | None:
    groups = m.groupdict()
    month = groups.get("month")
    month_no = (MONTHS.get(month.lower().rstrip(".")) if not month.isdigit() else int(month)) if month else None
    if kind in ("iso", "dmy", "mdy", "numeric"):
        return _ymd(int(groups["year"]), month_no, int(groups["day"]))
    if kind == "month_year":
        return _ymd(int(groups["year"]), month_no)
    if kind == "quarter":
        # NHS financial years start in April: Q1 2024/25 is April-June 2024.
        quarter = QUARTERS[(groups["quarter"] or groups["qword"] or groups["qord"]).lower()]
        start = int(groups["year"]) * 12 + 3 + (quarter - 1) * 3
        return _ymd(start // 12, start % 12 + 1)
    if kind == "financial_year_end":
        # the end of 2024/25 is March 2025; of Q1 2025/26, June 2025
        named = groups["quarter"] or groups["qword"] or groups["qord"]
        quarter = QUARTERS[named.lower()] if named else 4
        end = int(groups["year"]) * 12 + 3 + quarter * 3 - 1
        return _ymd(end // 12, end % 12 + 1)
    if kind in ("year_reference", "month_year_reference", "same_day", "since_then"):
        return None  # needs the text before it: see last_year_before, last_date_before
    if kind == "season_year":
        # the year only: a season spans months ("summer 2013" holds the July the Keogh trusts entered special
        # measures), and its first month would date a change before the regime existed
        return _ymd(int(groups["year"]))
    if kind == "financial_year" or kind == "year":
        return _ymd(int(groups["year"]))
    if published is None:
        return None
    rel = (groups.get("rel") or "").lower()
    if kind == "month_rel_year":
        offset = {"last": -1, "this": 0, "next": 1}[rel]
        return _ymd(published.year + offset, month_no)
    if kind == "day_month":
        # "on 14th March": the latest 14 March on or before publication
        day_no = int(groups["day"])
        year = published.year if (month_no, day_no) <= (published.month, published.day) else published.year - 1
        return _ymd(year, month_no, day_no)
    if kind == "rel_month":
        if rel == "next":
            year = published.year if month_no > published.month else published.year + 1
        elif rel == "last" and 0 <= published.month - month_no <= 2:
            # A month or two ago is "last month" or "in February"; "last February" then means a year earlier.
            year = published.year - 1
        else:
            year = _last_named_month(month_no, published, inclusive=rel != "last")
        return _ymd(year, month_no)
    if kind == "weekday":
        # "on Wednesday" in a report of what happened: the latest Wednesday up to publication
        back = (published.weekday() - WEEKDAYS.index(groups["weekday"].lower())) % 7
        if not back and m.group()[:4].lower() == "last":
            back = 7  # "last Thursday" in a story of a Thursday: the week before
        return (published - timedelta(days=back)).isoformat()
    if kind == "ago":
        count = COUNTS.get(groups["count"].lower()) or int(groups["count"])
        if groups["unit"].lower().startswith("decade"):
            return _ymd(published.year - 10 * count)
        if groups["unit"].lower().startswith("year"):
            return _ymd(published.year - count)
        if groups["unit"].lower().startswith("fortnight"):
            return (published - timedelta(days=14 * count)).isoformat()[:7]
        year, month = _month_back(published, count)
        return _ymd(year, month)
    if kind == "anniversary":
        return _anniversary(groups, published)
    if kind == "year_start":
        # ("in the new year" is told of what is to come: only its forward reading, ``_ahead``)
        return None if "new" in m.group().lower() else _ymd(published.year, 1)
    if kind == "christmas":
        return _ymd(published.year if published.month == 12 else published.year - 1, 12)
    if kind == "day_word":
        return (published - timedelta(days=1 if rel == "yesterday" else 0)).isoformat()
    if kind == "rel_period" and rel in SEQUENCE_MONTHS and groups["unit"].lower() == "month":
        return None  # "that same month", "the following month": from the month the text named last, not the report's
    if groups.get("rel_in"):
        # "placed in special measures in the spring": the last spring up to publication (see _ahead for one to come)
        return _resolve_period("in the", groups["unit_in"].lower(), published)
    return _resolve_period(rel, groups["unit"].lower(), published)


# months counted from the last month a text named ("the same month": 0; "the following month": one after)
SEQUENCE_MONTHS = {"that": 0, "that same": 0, "the same": 0, "the following": -1, "the next": -1}


def _anniversary(groups: dict[str, str | None], published: date) -> str | None:
    """ "Ten years ago this month", "five years ago today": the day, week, month or year of the publication that
    "when" names, that many years (or months) back; a day that year lacks (29 February) is its month."""
    count = (groups["count"] or "").lower()
    months = COUNTS.get(count) or int(count)
    unit = (groups["unit"] or "").lower()
    months *= 120 if unit.startswith("decade") else 12 if unit.startswith("year") else 1
    when = " ".join((groups["when"] or "").lower().split())
    day = published - timedelta(days={"yesterday": 1, "last week": 7}.get(when, 0))
    if when == "last month":
        day = date(*_month_back(published, 1), 1)
    year, month = _month_back(day, months)
    if when == "this year":
        return _ymd(year)
    if when in ("today", "yesterday"):
        return _ymd(year, month, day.day) or _ymd(year, month)
    return _ymd(year, month)


def _resolve_period(rel: str, unit: str, published: date) -> str | None:
    back = rel in ("last", "the previous", "the past", "late last", "early last", "earlier last")
    if unit == "year":
        if rel == "next":
            return _ymd(published.year + 1)
        return _ymd(published.year - 1 if back else published.year)
    if unit == "month":
        if rel in ("this", "earlier this", "later this", "the same", "that"):
            return _ymd(published.year, published.month)
        if rel == "next":
            year, month = _month_back(published, -1)
            return _ymd(year, month)
        year, month = _month_back(published, 1)
        return _ymd(year, month)
    if unit == "week":
        return (published - timedelta(days=7 if back else 0)).isoformat()[:7]
    season = _SEASON_MONTH[unit]
    if rel == "next":  # the first such season after publication
        return _ymd(published.year if season > published.month else published.year + 1, season)
    if rel in ("this", "earlier this", "later this"):
        # "this summer", said in March: the coming one; "this winter" from September on starts this December
        winter_behind = unit == "winter" and published.month < 9
        return _ymd(published.year - 1 if winter_behind else published.year, season)
    if rel in ("last", "the past", "late last", "early last", "earlier last"):
        # "last spring": the latest spring over by the publication month (said in July, this year's, as "last
        # April" is); one still under way is "this spring", so "last" is the one before. (A season is its first
        # month; winter the December it starts in.)
        return _ymd((published.year * 12 + published.month - season - 3) // 12, season)
    year = published.year - 1 if back or season > published.month else published.year
    return _ymd(year, season)


def _year_offset(m: re.Match[str]) -> int:
    """Years from the last year named: "the following year/spring" +1, "three years on" +3."""
    groups = m.groupdict()
    if groups.get("later"):
        count = groups["count"].lower()
        years = COUNTS.get(count) or int(count)
        return years * 10 if groups["unit"].lower().startswith("decade") else years
    ref = (groups.get("ref") or groups.get("dir") or "").lower()
    return {"the following": 1, "the next": 1, "after": 1, "the previous": -1, "before": -1}.get(ref, 0)


_YEAR_REFERENCE = dict(_PATTERNS)["year_reference"]


def last_date_before(text: str, end: int, published: str | None) -> str | None:
    """The day (or month) ``text`` last named before ``end`` ("From 1 December X will enter the programme. It will
    move to segment 4 on that date": 2023-12-01); None when it named none."""
    found = [d.value for d in find_dates(text[:end], published) if d.value and len(d.value) >= 7]
    return found[-1] if found else None


def last_month_before(text: str, end: int, published: str | None, back: int = 0) -> str | None:
    """The month ``text`` last named before ``end`` ("rated inadequate in September 2015 and placed in special
    measures the same month": 2015-09), or ``back`` months before it ("the previous month": 1), as YYYY-MM;
    None when no month was named."""
    named = last_date_before(text, end, published)
    if named is None:
        return None
    year, month = _month_back(date.fromisoformat(named[:7] + "-01"), back)
    return _ymd(year, month)


_MONTH_NAME = re.compile(r"\b" + _MONTH, re.I)
_SEASON_NAME = re.compile(r"\b(?:in|over|during) the (spring|summer|autumn|winter)\b", re.I)


def within_year(found: DateMention, year: int) -> str | None:
    """A month or season named without its year ("in August", "in the autumn") placed in ``year``, a year the
    sentence gave before it ("2014: placed in special measures in August"); None for any other date."""
    if found.kind == "rel_month" and not found.text.lower().startswith(tuple(w + " " for w in RELATIVE_MONTH_WORDS)):
        named = _MONTH_NAME.search(found.text)
        return _ymd(year, MONTHS[named.group("month").lower()]) if named else None
    season = _SEASON_NAME.fullmatch(found.text) if found.kind == "rel_period" else None
    return _ymd(year, _SEASON_MONTH[season.group(1).lower()]) if season else None


# "..., which it had entered in December 2015": an earlier year in a relative clause in the past perfect is
# backstory; the story's own year stays where it was
_BACKSTORY = re.compile(r"\b(?:which|that|who)\b[^,.;:]*\bhad\b[^,.;:]*$", re.I)


def month_after_told(found: DateMention, told: str) -> str | None:
    """A month named without its year ("In January, ...") in a text with no publication date, read as the first
    such month on or after ``told``, a date the text gave (YYYY or YYYY-MM): stories tell their past forwards
    ("rated inadequate in September 2014. In January it was placed in special measures": 2015-01)."""
    within = within_year(found, int(told[:4]))
    if within is None or len(within) < 7 or len(told) < 7 or within[5:7] >= told[5:7]:
        return within
    return within_year(found, int(told[:4]) + 1)


def last_year_before(text: str, end: int) -> int | None:
    """The year ``text`` had reached before ``end``: the last year written (19xx/20xx), moved on by the year
    references after it ("in 2014 ... two years later ... the following year": 2017, not 2015); an earlier year
    in a past-perfect relative clause ("the following spring it was still in special measures, which it had
    entered in 2015") does not move it back."""
    steps = sorted(
        [(m.start(), int(m.group()), False) for m in _YEAR_ONLY.finditer(text, 0, end)]
        + [(m.start(), _year_offset(m), True) for m in _YEAR_REFERENCE.finditer(text, 0, end)]
    )
    year = None
    for start, value, relative in steps:
        if relative:
            year = year + value if year is not None else None
        elif year is None or value >= year or not _BACKSTORY.search(text, max(0, start - 80), start):
            year = value
    return year


# the words before a month that say which year it is in ("last April"); any other ("in", "from", "by the end
# of") leaves it to the sentence: the last such month for a change done, the next for one to come
RELATIVE_MONTH_WORDS = frozenset({"last", "this", "next", "earlier this"})
# ... and the words before a month that the years a text with no publication date tells can place ("In January,
# it was placed in special measures" after "rated inadequate in September 2014": ``month_after_told``)
UNPUBLISHED_MONTH_WORDS = RELATIVE_MONTH_WORDS | {"in", "early", "late", "in early", "in late"}


def _ahead(kind: str, m: re.Match[str], published: date) -> str | None:
    """The forward reading of a date without a year or week ("on Wednesday", "from 1 April"): the first
    such day on or after publication, for changes still to come."""
    if kind == "weekday":
        days = (WEEKDAYS.index(m.group("weekday").lower()) - published.weekday()) % 7
        return (published + timedelta(days=days)).isoformat()
    if kind == "rel_month" and m.group("rel").lower() not in RELATIVE_MONTH_WORDS:
        # "is due to exit in April", "from April", "by the end of March": the first such month from publication on
        month = MONTHS[m.group("month").lower().rstrip(".")]
        return _ymd(published.year if month >= published.month else published.year + 1, month)
    if kind == "year_start" and published.month > 1:
        return _ymd(published.year + 1, 1)  # "is due to leave at the start of the year", said in March: the next
    if kind == "christmas" and m.group("rel").lower() in ("by", "before", "until", "at", "over", "this"):
        return _ymd(published.year, 12)
    if kind == "rel_period" and m.group("rel_in"):
        # "could leave special measures by the spring": the first such season from publication on
        season = _SEASON_MONTH[m.group("unit_in").lower()]
        return _ymd(published.year if season >= published.month else published.year + 1, season)
    if kind == "day_month":
        month, day = MONTHS[m.group("month").lower().rstrip(".")], int(m.group("day"))
        year = published.year if (month, day) >= (published.month, published.day) else published.year + 1
        return _ymd(year, month, day)
    return None


def find_dates(text: str, published: str | date | None = None) -> list[DateMention]:
    """Every date expression in ``text``, in order, resolved against ``published``."""
    probe = text.lower()
    needs = _NEEDS
    if len(probe) == len(text):
        if plain_ascii(probe):
            lowered, patterns, needs = probe, _LOWER_PATTERNS_ASCII, _NEEDS_ASCII
            maybe = _DIGIT_ASCII.search(probe) or _MAYBE_DATE_WORD_ASCII.search(probe)
        else:
            lowered, patterns = probe, _LOWER_PATTERNS
            maybe = _DIGIT.search(probe) or _MAYBE_DATE_WORD.search(probe)
    else:  # a character whose lower case is longer: offsets would move
        lowered, patterns = text, _PATTERNS
        maybe = _MAYBE_DATE.search(text)
    if not maybe:
        return []  # no digit and no date word: none of the patterns can match
    pub = published if isinstance(published, date) else parse_published(published)
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    present: dict[re.Pattern[str], bool] = {}
    for kind, pattern in patterns:
        need = needs[kind]
        if need not in present:
            present[need] = need.search(probe) is not None
        if not present[need]:
            continue
        for m in pattern.finditer(lowered):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            if kind == "rel_month" and pub is None and m.group("rel").lower() not in UNPUBLISHED_MONTH_WORDS:
                continue  # ("by March", "from April": of a year only a publication can tell)
            value = _resolve(kind, m, pub)
            shared = _SHARED_YEAR.match(lowered, m.end()) if kind == "rel_month" else None
            if shared is not None and m.group("rel").lower() not in RELATIVE_MONTH_WORDS:
                # "in October and November 2023": the year after the second month is the first's too
                value = _ymd(int(shared.group("year")), MONTHS[m.group("month").lower().rstrip(".")])
            if kind in ("year", "financial_year") and value and not 1990 <= int(value[:4]) <= 2039:
                continue
            taken.append((m.start(), m.end()))
            ahead = _ahead(kind, m, pub) if pub else None
            offset = _year_offset(m) if kind in ("year_reference", "month_year_reference") else None
            month = MONTHS[m.group("month").lower().rstrip(".")] if kind == "month_year_reference" else None
            found.append(DateMention(text[m.start() : m.end()], m.start(), m.end(), value, kind, ahead, offset, month))
    return sorted(found, key=lambda d: d.start)


# "The CQC published its findings today (8 February 2017)": the day a document gives itself, the publication date
# of an undated one ("previous reports, published on 9 June 2015" is another document's day)
STATED_DAY = re.compile(
    r"\btoday\s*\(\s*(?:\w+day,?\s+)?(?P<today>\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+,?\s+\d{4})\s*\)"
)


# "published today (Monday, 15 June)": no year, but the weekday fixes it among the years the text names
STATED_WEEKDAY = re.compile(
    r"\btoday\s*\(\s*(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day),?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+"
    r"(?P<month>[A-Z][a-z]+)\s*\)"
)


def stated_publication(text: str) -> str | None:
    """The day an undated document says it was written (the first "today (D Month YYYY)", or "today (Monday, 15
    June)" in a year the text names or the one after, whose 15 June was a Monday), as an ISO date; None when it
    says none."""
    if "today" not in text:
        return None  # the pattern opens with a word boundary, so the engine would try every position
    for found in STATED_DAY.finditer(text, text.find("today")):
        days = [d.value for d in find_dates(found.group("today"), None)]
        if days and days[0] and len(days[0]) == 10:
            return days[0]
    found = STATED_WEEKDAY.search(text, text.find("today"))
    month = MONTHS.get(found.group("month").lower()) if found else None
    if found is None or month is None:
        return None
    named = {int(y) for y in _YEAR_ONLY.findall(text)}
    weekday = WEEKDAYS.index(found.group("weekday").lower())
    fitting = {
        y for year in named for y in (year, year + 1) if _weekday_of(y, month, int(found.group("day"))) == weekday
    }
    return _ymd(fitting.pop(), month, int(found.group("day"))) if len(fitting) == 1 else None


def _weekday_of(year: int, month: int, day: int) -> int | None:
    try:
        return date(year, month, day).weekday()
    except ValueError:
        return None
