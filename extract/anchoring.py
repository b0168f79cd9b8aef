"""Stage 7, dates: which date an event took effect on.

``extract.dates`` finds and normalises date expressions; this stage anchors them to status terms.
A date nearest a status term is its own (a date between two belongs to the nearer); "has now been
moved" means the publication date; a sentence that opens by referring back ("Following this, ...")
takes the last date before it, across a paragraph break; relative years ("the following year")
count from the last year written before them; otherwise the publication date. Each choice returns
the id of the anchoring rule, which the event lists among its rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from .ascii_twin import compile_ignoring_case
from .dates import (
    COUNTS,
    SEQUENCE_MONTHS,
    DateMention,
    find_dates,
    last_date_before,
    last_month_before,
    last_year_before,
    month_after_told,
    within_year,
)
from .statuses import INTENSIVE, Slot

SINCE = compile_ignoring_case(
    r"\b(since|from)\s+(early |late |mid-?|the end of |the start of |(the )?(spring|summer|autumn|winter)( of)? )?$"
)
# "a rating notice was given to X, which it said had slipped after leaving special measures in 2014": a relative
# clause after the term tells of the body, and its date is not the term's
RELATIVE_AFTER = compile_ignoring_case(r",\s*(which|who|whose)\b")
# "remains in the RSP, which it entered in 2022": a relative clause with a change of its own after the term
RELATIVE_CHANGE_AFTER = compile_ignoring_case(
    r",\s*(which|that)\s+(it|they|the\s+trust|the\s+\w+)\s+(first\s+|originally\s+)?(entered|joined|left|exited|"
    r"went into|came out of)\b[^,;]*$"
)
# "transitions out of the recovery support programme (which replaced special measures in July 2021)", "special
# measures, introduced in 2013,": a clause after the term telling the regime's own history dates the regime
REGIME_HISTORY_AFTER = compile_ignoring_case(
    r"[\s\"'”’]*[,(]\s*\(?\s*((which|that)\s+(was\s+|were\s+)?)?(replaced|succeeded|superseded|took over from|"
    r"introduced|launched|created|set up|brought in|established|came into (force|effect|being))\b[^,;)]*$"
)
FIRST_SINCE = compile_ignoring_case(
    r"\b(first|second|third|fourth|fifth|only|best|worst|highest|lowest|biggest|\w+est|twice|times|occasions)\s+"
    r"([\w'’-]+\s+){0,2}?since\s+(early |late |mid-?)?$"
)
# "in special measures since summer 2016": the since-date right after a status term is that term's
# a date followed by the next term's comma or "and" ("in 2015, good in 2017", "in 2016 and requires improvement")
DATE_THEN_NEXT = compile_ignoring_case(r"\s*(,|and\b)")
# between a term and its own date: "requires improvement overall in 2015"
# (also after its rater: "good overall by the Care Quality Commission in 2016")
DATE_CLOSES_TERM = compile_ignoring_case(
    r"\W*((overall|as a whole)\s+)?(by\s+(the\s+)?(care\s+quality\s+commission|cqc|regulator|watchdog|inspectors)"
    r"(\s*\(cqc\))?\s+)?(in|on|during|by)\s+"
)
# a date, then the earlier status a move came from ("in March 2019, up from requires improvement")
FROM_AFTER_DATE = compile_ignoring_case(
    r",\s*((up|down|rising|falling|improving|improved|dropping|climbing|moving|having moved)\s+)?"
    r"from\s+(an?\s+|its\s+)?\W*"
)
SINCE_AFTER_TERM = compile_ignoring_case(
    r"[\s\"'”’]*(ever\s+)?(since|from)\s+"
    r"(early |late |mid-?|the end of |the start of |(the )?(spring|summer|autumn|winter)( of)? )?"
)
# "has been out of special measures since 2017": the since-date is when it came out
# "will leave the programme from 1 April", "with effect from April": the day a change announced for later takes effect
EFFECTIVE_FROM = compile_ignoring_case(r"\b((with\s+)?effect(ive)?\s+)?from\s+(the\s+(end|start)\s+of\s+)?$")
OUT_OF_BEFORE = compile_ignoring_case(
    r"\b(been|is|are|was|were|remained|remains|stayed|stays)\s+(out\s+of|free\s+of|clear\s+of)\s+(the\s+)?\W*$"
)
# "in special measures from 2013 to 2017", "between July 2013 and 2016", "spent 2013 until 2017 in": a period,
# entered at its first date and left at its second
PERIOD_OPENER = compile_ignoring_case(r"\b(from|between|spent|spending|spends)\s+$")
PERIOD_AFTER_TERM = compile_ignoring_case(r"[\s\"'”’]*(between|from)\s+(early\s+|late\s+|mid-?)?")
# between an earlier status and a date of its own: "good in", "good following an inspection in", "good (2015"
OWN_CLAUSE_DATE_GAP = compile_ignoring_case(
    r"[\s\"'”’)(]*((in|on|during|following|after|at)\s+((an?|the|its|their|our)\s+)?((cqc|full|comprehensive)"
    r"\s+)?((inspection|re-?inspection|visit|report|assessment)\s+)?((carried out|published|undertaken)\s+)?"
    r"(in|on|during)?\s*)?"
)
PERIOD_LINK = compile_ignoring_case(r"\s*(-|–|—|to|and|until|till)\s*")
PAST_REPORT = compile_ignoring_case(
    r"\b(announced|said|confirmed|revealed|stated|told|wrote|had|was|were|did|recommended|decided|agreed|concluded|"
    r"advised|urged)\b"
)
# a past verb right before the date ("The chief inspector recommended on 3 March that ...", "confirmed by the region on
# Monday, means the trust will ..."): the day it was done
PAST_BEFORE_DATE = compile_ignoring_case(
    r"\b(announced|said|confirmed|revealed|recommended|decided|agreed|concluded|advised|wrote|published|learned|learnt|"
    r"heard|approved|ratified|endorsed)\s+(by\s+[^,;.]{1,60}?\s+)?(on\s+)?$"
)
TO_BE_BEFORE = compile_ignoring_case(r"\b(is|are|be|being)\s+$")
# a proposal already made, before its status ("was recommended for special measures in January", "the board asked
# to join the programme in May"): a date after the status is when it was made
PAST_PROPOSAL_BEFORE = compile_ignoring_case(
    r"\b((was|were|had\s+been)\s+recommended\s+(for|to)|(asked|requested|applied|volunteered)\s+(to|for)"
    r"|(was|were|had\s+been)\s+(due|expected|set|scheduled|planned|supposed|poised)\s+to"
    r"|had\s+(hoped|planned|aimed|expected|intended|wanted)\s+to)\s+[^,;]*$"
)
MONTHS_LATER = compile_ignoring_case(
    r"\b(?P<count>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|\d{1,2})\s+(?P<unit>months?)\s+(later|on|after\s+(that|this))\b"
)
MONTHS_LATER_REACH = 40  # characters after a status that "18 months later" may follow it in
# "Sixteen months later it was out of the regime": the phrase opening the sentence, before its status
MONTHS_LATER_OPENING = compile_ignoring_case(r"^\W*(?:(?:just|only|some|about|around|and|but|then)\s+)?$")
IMPOSED_BEFORE = compile_ignoring_case(
    r",\s*(which\s+(was|were|had\s+been)\s+)?(first\s+|originally\s+|initially\s+)?(imposed|introduced|put\s+in\s+place)"
    r"\s+((on|upon)\s+(it|the\s+trust|the\s+organisation)\s+)?(in|on|since)\s+$"
)
APPLIED_TO_BEFORE = compile_ignoring_case(
    r"\b(applied|imposed|issued|introduced)\s+(to|on|upon)\s+([\w'’&-]+\s+){0,6}?(in|on|since)\s+$"
)
IMPOSED_GAP = re.compile(r"[\s\"'”’)]*")  # between a regime's name and its ", first imposed in"
UNTIL = compile_ignoring_case(
    r"\b(until|till|up to|up until)\s+(early |late |mid-?|the end of |the start of |at least )?$"
)
# "Ten years after it entered special measures, ...", "..., a decade after being placed in special measures":
# the status term sits inside the clause the elapsed time opens, so it happened that long before the report
# a count of years given roughly ("more than two years after", "almost a decade after"): no year can be counted back
ROUGHLY_BEFORE = compile_ignoring_case(r"\b(more\s+than|over|almost|nearly|about|around|some|at\s+least)\s+$")
ELAPSED_CLAUSE = compile_ignoring_case(
    r"(?:\s+(?:from|it|they|the trust|the organisation|being|having|had|was|were|been|first|the|inspectors"
    r"|regulators|(?-i:[A-Z][\w'&-]*)))*"
    r"\s+\w+(?:\s+\w+){0,2}?(?:\s+(?:it|them|the trust))?\s+(?:in|into|to|on|from|as)?\s*"
)
CUE_WINDOW = 90
# "X ICB, formed in April 2026, has been placed in ...": the date describes the subject
APPOSITIVE_PARTICIPLE = compile_ignoring_case(
    r",\s*((which|that)\s+(was|were|has been|had been)\s+)?(formed|created|established|set up|founded|launched|merged|"
    r"renamed)\b[^,;]*$"
)
# "X, which acquired Y in 2016, has been placed in ...": a relative clause of its own describes the subject
RELATIVE_OPEN = compile_ignoring_case(r",\s*(which|who)\b[^,;]*$")
# "Since the shared leadership began in April 2017, X has left special measures": the change came after that date
FRONTED_SINCE = compile_ignoring_case(r"^\W*(ever\s+)?since\b(?P<phrase>[^,;]*)$")
# "... since it merged with Y in April 2018": a date a since-clause bounds is no report's date to carry
# "Before its merger with Derby in 2018, X was rated ...": the date of the merger an opening phrase names
FRONTED_MERGER = compile_ignoring_case(
    r"^\W*(before|prior\s+to|until|ahead\s+of|after|following)\s+(the|its|their|this|that)\s+([\w-]+\s+){0,2}?"
    r"(mergers?|merging|reorganisation|abolition|closure|takeover|acquisition)\b[^,;]*$"
)
SINCE_RELATIVE = compile_ignoring_case(r"[^,;]*,\s*(where|when|which|at which|in which|who)\b")
SINCE_BOUND = compile_ignoring_case(r"\bsince\b[^,;.]*$")
# "came out of special measures in March 2017 but remains in segment 3": the date is the first clause's
CONTRAST_PRESENT = compile_ignoring_case(
    r"\b(but|while|whilst|whereas|yet|and)\s+((it|they|the\s+trust|the\s+\w+)\s+)?((still|now|currently)\s+)?"
    r"(remains?|is|are|stays?|continues?|sits?)\b"
)
# the comma closing a relative clause before the main verb ("which spent two years in special measures, will merge")
RELATIVE_CLOSED_BY_VERB = compile_ignoring_case(
    r",\s*(will|would|is|was|are|were|has|had|have|remains|remained|became|merged|joined|said|says)\b"
)
# a participle clause after the term: ", having exited special measures in"
PARTICIPLE_AFTER = compile_ignoring_case(r"[^,;]*,\s*having\s+(been\s+)?\w+")
RECENT_CAUSE_MONTHS = 6  # a cause this close before the report: the change is the report's news
# "The inspection took place in July 2017 and now the trust is rated ...": the date is the earlier clause's
# a sentence opening with a year ("2014: ...", "• 2017 - ...", "In 2016, ..."): the year of the months it names
YEAR_LABEL = compile_ignoring_case(r"\W*(in\s+)?(?P<year>(19|20)\d\d)\s*(:|,|–|—|-)\s")
SINCE_THE = compile_ignoring_case(r"\bsince\s+(the|its|their|a|an)\s+$")
# (not an inspection's or a report's year: "rated good since a 2014 inspection" was rated then)
WORD_AFTER = compile_ignoring_case(r"\s+(?!(cqc\s+)?(inspections?|visits?|reports?|ratings?|reviews?)\b)[a-z]")
NOW_CLAUSE = compile_ignoring_case(r"(\band|\bbut|,|;)\s+now\b")
# "could be placed in segment 5 if its deficit grows over the winter": a date in a condition after the status is the
# condition's, not the change's (but for a deadline: "will exit if it hits its targets by June" exits by then)
CONDITION_OPENS = compile_ignoring_case(r"\b(if|unless)\s")
DEADLINE = compile_ignoring_case(r"(by|before|until)\b")
_CONTRAST = r",\s*(but|whereas|while|whilst|although|though|yet|which is why|that is why|and that is why)\b|;\s"
# "rated inadequate in 2016, but the 2017 inspection found ...": a date past a contrasting clause is that clause's
# (and "rated requires improvement, the same rating as it was given in 2018": the date is the earlier rating's;
# "released from the special measures that were imposed in 2017": the entry's)
CLAUSE_BREAK = compile_ignoring_case(
    _CONTRAST
    + r"|,\s*((which|that)\s+(is|was)\s+)?(the\s+)?same\s+(rating|grade|segment|tier|status|as)\b"
    + r"|\bunchanged\s+(from|since)\b"
    + r"|\b(that|which)\s+(was|were|had been|has been|have been)\s+(imposed|introduced|put in place|applied|placed)\b"
)
# "rated requires improvement in 2017, but after its latest inspection the CQC recommended ...": a date before a
# contrasting clause is the first clause's
CONTRAST_BEFORE = compile_ignoring_case(_CONTRAST)
# "A year later the rating improved, but the trust stayed in special measures": a time opening the sentence dates a
# past clause after "but" too (not a present or perfect one: "In 2016 it was rated inadequate, but it is now good")
FRONTED_TIME = compile_ignoring_case(r"[\s\"'“‘]*((in|on|by|during|at|from|early|late)\s+)?")
PAST_CLAUSE = compile_ignoring_case(r"\b(was|were|had|stayed|remained|left|kept|went|came|put|\w+ed)\b")
NOT_PAST = compile_ignoring_case(r"\b(is|are|has|have|will|would|now|currently|still|remains?|stays?|since)\b")
_INSPECTED = r"\b(inspect\w*|re-?inspect\w*|visit\w*)\b"
# a sentence about an inspection or visit, and one about a published report (whose date a rating may carry)
INSPECTION_WORDS = compile_ignoring_case(_INSPECTED)
REPORT_WORDS = compile_ignoring_case(r"\b(published|publishes|released|report)\b")
# "following an inspection in December 2018 and January 2019": the words that make a date an inspection's
INSPECTION_DATE = compile_ignoring_case(
    _INSPECTED + r"([\s,]+[\w'’]+){0,5}?[\s,]+((in|on|during|between|from|of|at)(\s+the)?"
    r"|(in|between|from)\s+[a-z]+\s+(to|and|until|-|–))\s*$"
    r"|" + _INSPECTED + r"[^.;]{0,30}\b(and|or)\s*$"
)
AND_IN = compile_ignoring_case(r"\band\s+(in|on|during|by|from)\s*$")
NEW_SUBJECT_AFTER = re.compile(r"\s*,\s+[A-Z]")
# a clause's own subject: a pronoun, "the trust" and the like, or a capitalised name
_CLAUSE_SUBJECT = (
    r"\s+((?i:we|it|they|the\s+(trust|organisation|board|hospital|ccg|icb|service|regulator|watchdog))|(the\s+)?"
    r"[A-Z][\w'&-]*(\s+(and\s+)?[A-Z][\w'&-]*){0,6})\s+"
)
# "rated requires improvement in 2016, and in 2014 we were placed in ...": a subject and its verb after the date
# ("and in 2018 it improved to requires improvement", "and in 2017 Aintree was rated good")
SUBJECT_VERB_AFTER = re.compile(
    _CLAUSE_SUBJECT + r"(?i:was|were|is|are|had|has|have|became|entered|left|exited|moved|"
    r"received|improved|deteriorated|dropped|fell|slipped|slid|rose|climbed|returned|went|came|regained|achieved|"
    r"gained|got|earned|secured|retained|kept)\b"
)
PUBLISHED_WHEN = compile_ignoring_case(
    r"\bwhen\s+([\w'&-]+\s+){1,4}?(published|publishes|released|issued|announced)\b[^,;]*$"
)
COMMA_AND = re.compile(r",\s+and\b")
# (a coordinated clause's: ", and the NHS Trust Development Authority accepted")
CLAUSE_SUBJECT_VERB = re.compile(
    _CLAUSE_SUBJECT + r"(?i:was|were|is|are|had|has|have|said|told|made|gave|took|found|\w+ed)\b"
)
INSPECTION_AFTER = compile_ignoring_case(r"\s+(cqc\s+)?(re-?)?(inspections?|visits?)\b")
FOLLOWING_A = compile_ignoring_case(r"\b(following|after)\s+(an?|the|its|their)\s+$")
LEADING_PREPOSITION = compile_ignoring_case(r"(in|on|during|between|from|of|at)\s+")
# "moved up to good from the 2015 rating of requires improvement", "upgrading from its 2016 inspection": a year
# naming the rating moved from
ATTRIBUTIVE_DATE = compile_ignoring_case(r"\s+(cqc\s+)?(ratings?|grades?|inspections?|reports?|visits?)\b")
FROM_THE = compile_ignoring_case(r"\b(from|than|since)\s+(the|its|our|their)\s+$")
# "the decision to remove the trust ... follows a July 2017 inspection": told in the present, the date is the cause's
CAUSE_VERB = compile_ignoring_case(r"\b(follows|comes after|is based on|are based on)\b")
# the date of a cause ("following an inspection in June") or of a clause with its own verb ("when
# inspectors visited in May") is not the change's, when the change has a date of its own to take
CAUSE = compile_ignoring_case(
    r"\b(following|after|having|(an?|the|its|their|our|latest|last|recent)\s+(inspections?|re-?inspections?|visits?|"
    r"reviews?|returns?))\b"
    # (not a regime's own history: "moved into the RSP when the programme replaced special measures in July 2021")
    r"|\b(when|while|whilst|because)\s+(?!(the\s+)?(new\s+)?(programme|framework|regime|scheme|system|rsp|"
    r"recovery support|special measures|tiering)\b)([\w'&-]+\s+){1,6}?(was|were|had|did|\w+ed)\b"
)
# where the clause of a status term begins: "has" after it is that clause's ("The CQC has rated X good")
CLAUSE_START = compile_ignoring_case(r"[,;:(\"“”]|\b(and|but|which|who|that|after|following|when|while)\b")
# "and" between two capitalised words is inside a name ("Coventry and Warwickshire"), not a clause's start
NAME_AND = re.compile(r"[A-Z][\w'’-]*\s+and\s+[A-Z]")
PERFECT_REACH = 160
CAUSE_REACH = 40  # how far before a date the words of its cause are looked for ("at an inspection in July")
# "the first to leave since three others were removed last July": a clause that only bounds the change
SINCE_CLAUSE = compile_ignoring_case(
    r"\bsince\s+(?!(early|late|mid|the (end|start|beginning|middle) of|at least)\b)([\w'&-]+\s+){1,6}?"
    r"(was|were|is|are|had|has|have|did|\w+ed)\b"
)
# between a since-date and a status given as its cause: "since 2017, after receiving an inadequate rating"
SINCE_CAUSE_BETWEEN = compile_ignoring_case(
    r"\W*(after|following)\s+(receiving|being\s+given|getting|being\s+(rated|judged)|it\s+was\s+(rated|judged|given))"
    r"\s+(as\s+)?(an?\s+|the\s+|its\s+)?(overall\s+)?\W*"
)
# (nor "had been rated inadequate since the report was published in November 2016": a status held since then)
HELD_BEFORE = compile_ignoring_case(r"\b(has|have|had)\s+(previously\s+|also\s+|now\s+|already\s+)?been\b[^,;.]{0,60}$")
SINCE_RIGHT_AFTER = compile_ignoring_case(r"[\s\"'”’]*((as\s+)?overall\s+)?(ever\s+)?since\b")
# (but "in segment 4 since the framework was introduced in July 2021": the status held from the framework's start)
FRAMEWORK_BEGAN = compile_ignoring_case(
    r"\bsince\s+(it|the\s+((new|current|national|oversight)\s+)?(programme|framework|regime|scheme|system|rsp|nof))\s+"
    r"((was|were)\s+)?(began|begun|started|launched|introduced|set\s+up|created|established|brought\s+in|"
    r"came\s+into\s+(force|effect|being))\b[^,;]*$"
)
PERFECT = compile_ignoring_case(r"\b(has|have)\b")
# "has since left", "have since been rated": "since" as an adverb, no date of its own
SINCE_THEN = compile_ignoring_case(r"\b(has|have|had)\s+(also\s+|all\s+|both\s+)?since\s+(?!(\d|then\b|the\b))[a-z]+")
# "will leave special measures on 20 April", "is to exit on 1 May": an announced change still to come
# a reporting clause between a status told in passing and a date: the date is the telling's
REPORTED_BEFORE = compile_ignoring_case(
    r",\s*([\w'’-]+\s+){0,6}?(told|said|says|announced|confirmed|explained|wrote|revealed)\b[^,;]*$"
)
CONDITION_BEFORE_DATE = compile_ignoring_case(r"\b(if|unless|once|provided|as long as)\b[^,;.]*$")
FUTURE = compile_ignoring_case(r"\b(will|shall|(is|are) (to|set to|due to|going to|expected to))\b")
# "rated inadequate since 2018, when it was put into special measures, and ... after an inspection in 2020": the
# when-clause right after a date happened then
WHEN_AFTER_DATE = compile_ignoring_case(r"\s*,?\s*when\s+([\w'’&-]+\s+){1,8}?")
COORDINATED = compile_ignoring_case(r"\s*(,|and|&|,\s*and|as well as)\s*(again\s+)?(in\s+|on\s+)?")


@dataclass
class Anchor:
    """The date of an event, the words that gave it and the rule that chose it."""

    value: str | None
    text: str | None
    from_text: bool
    rule: str


# "placed in segment 3 under the NHS Oversight Framework 2025/26", "the 2026/27 framework": a year naming a framework
# (or its league tables) is no date of the change
# (also a programme's or a league table's year: "support programme for 2023/24", "league table for 2025/26")
FRAMEWORK_LABEL_BEFORE = compile_ignoring_case(
    r"\b(framework|nof|sof|programme|program|league\s+tables?|segmentation|tiering)\s+(\(nof\)\s+)?(for\s+|of\s+)?$"
)
SUMMARY_LABEL = compile_ignoring_case(r"\b(league\s+tables?|programme|program)\b")
FRAMEWORK_LABEL_AFTER = compile_ignoring_case(
    r"\s*(nhs\s+)?(system\s+|single\s+)?(oversight\s+)?(framework|nof|sof|segmentation|league\s+tables?)\b"
)


def _framework_label(text: str, found: DateMention, published: str | None) -> bool:
    """A year naming the framework in force when the story was published (a past version's year, "under the
    2024/25 framework X was in segment 4", still dates what it says)."""
    if found.kind not in ("financial_year", "year") or not found.value or not published:
        return False
    year = int(found.value[:4])
    before = FRAMEWORK_LABEL_BEFORE.search(text, max(0, found.start - 30), found.start)
    # (a year's final league table or programme is published after the year: "the final league table for 2025/26")
    last = f"{year + 1}-09" if before is not None and SUMMARY_LABEL.search(before.group()) else f"{year + 1}-03"
    if not f"{year}-04" <= published[:7] <= last:
        return False
    return before is not None or FRAMEWORK_LABEL_AFTER.match(text, found.end) is not None


class SentenceDates:
    """The date expressions of a sentence, found only if an event needs them."""

    def __init__(self, text: str, published: str | None, carried_from: str, slots: list[Slot], offset: int):
        self.text, self.published, self.offset = text, published, offset
        self.slots = slots  # the sentence's status terms: each date belongs to the nearest
        self.carried_from = carried_from  # the text before a sentence that refers back to it
        self._items: list[DateMention] | None = None
        self.other_clauses: list[int] = []  # where bodies with a relative clause of their own are named
        self._labels: list[DateMention] = []  # years naming a framework ("under the NOF 2025/26"): no change's date

    @property
    def items(self) -> list[DateMention]:
        if self._items is None:
            found = find_dates(self.text, self.published)
            self._labels = [d for d in found if _framework_label(self.text, d, self.published)]
            self._items = [d for d in found if d not in self._labels]
        return self._items

    @property
    def framework_label(self) -> str | None:
        """The year of the framework version the sentence names ("under the 2026/27 framework": 2026), if any."""
        _ = self.items
        return self._labels[-1].value if self._labels else None

    def carried(self) -> DateMention | None:
        """The last resolved date before a sentence like "Following this, ..."."""
        found = [d for d in find_dates(self.carried_from, self.published) if d.value] if self.carried_from else []
        found = [d for d in found if not SINCE_BOUND.search(self.carried_from, 0, d.start)]
        return found[-1] if found else None


def nearest_slot(found: DateMention, slots: list[Slot]) -> Slot | None:
    """The status term a date expression is closest to."""
    if not slots:
        return None
    # ("placed in the RSP in 2022 and exited it in 2024": a date before an elliptical verb is the clause before's)
    # (nor one after the closing comma of a relative clause's: "leave the RSP, which it joined in 2021, by 2025")
    candidates = [
        s
        for s in slots
        if not (s.elliptical and (found.end <= s.start or (s.clause_end is not None and found.start >= s.clause_end)))
    ] or slots
    return min(candidates, key=lambda s: max(s.start - found.end, found.start - s.end, 0))


def _owner(found: DateMention, slots: list[Slot], text: str) -> Slot | None:
    """The status term a date belongs to: the one a since-date follows ("X, in special measures since summer
    2016, was rated good": the regime's start, not the rating's), else the nearest."""
    for slot in reversed(slots):
        if slot.end <= found.start and SINCE_AFTER_TERM.fullmatch(text, slot.end, found.start):
            return slot
    if found.year_offset is not None and found.text.lower().endswith(("after", "since")):
        # "remains in special measures, four years after it was first placed in the regime": the entry's
        following = [s for s in slots if s.start >= found.end]
        if following and ELAPSED_CLAUSE.fullmatch(text, found.end, following[0].start):
            return following[0]
    nearest = nearest_slot(found, slots)
    if nearest is not None and found.end <= nearest.start and CONTRAST_PRESENT.search(text, found.end, nearest.start):
        # "rated good after an inspection in 2019 but is now rated inadequate": the date closes the clause before
        before = [s for s in slots if s.end <= found.start]
        if before:
            return before[-1]
    if nearest is not None and found.end <= nearest.start and "historical.elapsed_after" in nearest.rules:
        # "In 2014, a year after it was placed in special measures, X came out of the regime": the elapsed clause
        # counts back from this date, which is the main clause's
        main = [s for s in slots if s.start > nearest.end and "historical.elapsed_after" not in s.rules]
        if main and "," in text[nearest.end : main[0].start]:
            return main[0]
    if nearest is not None and nearest.end <= found.start and ";" in text[nearest.end : found.start]:
        # "rated requires improvement in 2016; since January 2020 it has been rated good": the next clause's
        return nearest_slot(found, [s for s in slots if s.start >= found.end]) or nearest
    if nearest is not None and nearest.start >= found.end and DATE_THEN_NEXT.match(text, found.end, nearest.start):
        # "rated requires improvement overall in 2015, good in 2017 and ...": "in 2015" closes the term before
        before = [s for s in slots if s.end <= found.start]
        if before and DATE_CLOSES_TERM.fullmatch(text, before[-1].end, found.start):
            return before[-1]
    if nearest is not None and nearest.start >= found.end and FROM_AFTER_DATE.fullmatch(text, found.end, nearest.start):
        # "rated good overall in March 2019, up from requires improvement": the earlier rating is no date's owner
        return nearest_slot(found, [s for s in slots if s.end <= found.start]) or nearest
    return nearest


def anchors(
    sentence_dates: SentenceDates, slot: Slot, full_text: str, published: str | None, now: re.Pattern[str]
) -> list[Anchor]:
    """The dates ``slot`` took effect: one, or several for coordinated dates ("rated requires improvement
    in 2016 and 2017" reports two ratings)."""
    first = anchor(sentence_dates, slot, full_text, published, now)
    period = _period(sentence_dates, slot, first, published)
    if period:
        return period
    imposed = _imposed_after(sentence_dates, slot)
    if imposed is not None:
        return [first, imposed]
    if first.rule != "date.sentence" or slot.modality != "actual":
        return [first]
    items = [d for d in sentence_dates.items if d.value]
    chosen = next((i for i, d in enumerate(items) if d.text == first.text and d.value == first.value), None)
    if chosen is None:
        return [first]
    out = [first]
    for previous, current in zip(items[chosen:], items[chosen + 1 :], strict=False):
        if not COORDINATED.fullmatch(sentence_dates.text[previous.end : current.start]):
            break
        between = sentence_dates.text[previous.end : current.start]
        if current.kind != previous.kind and "again" not in between.lower():
            # "in 2016 and 2017" is a list; "in April 2022 and last February the other trust ..." is not ("that month
            # and again in 2017" is)
            break
        if _subject_follows(sentence_dates.text, current.end):
            break  # "rated inadequate in 2014 and in 2016 it was rated ...": the second date opens a clause
        out.append(Anchor(current.value, current.text, True, "date.coordinated"))
    return out


def _reference_point(text: str, found: DateMention) -> bool:
    """A year naming something else a change is measured from ("since the 2016 inquiry")."""
    return (
        found.kind == "year"
        and SINCE_THE.search(text, max(0, found.start - 12), found.start) is not None
        and WORD_AFTER.match(text, found.end) is not None
    )


def _imposed(text: str, found: DateMention) -> bool:
    """A date told as when a regime was imposed, in a phrase after its name ("..., first imposed in 2015")."""
    return found.start > 0 and IMPOSED_BEFORE.search(text, max(0, found.start - 60), found.start) is not None


def _applied_before(text: str, found: DateMention, slot: Slot) -> bool:
    """A date in a phrase about something else applied to the body, before the status ("the legal directions
    applied to NHS Kernow in December 2015, as well as the special measures rating, have been lifted")."""
    if found.end > slot.start or "," not in text[found.end : slot.start]:
        return False
    return APPLIED_TO_BEFORE.search(text, max(0, found.start - 80), found.start) is not None


def _imposed_after(sentence_dates: SentenceDates, slot: Slot) -> Anchor | None:
    """ "remains in special measures, first imposed in 2015": the body's entry into the regime, then."""
    if slot.framework not in INTENSIVE or slot.modality != "actual" or slot.change not in ("state", "remain"):
        return None
    text = sentence_dates.text
    for found in sentence_dates.items:
        if found.value and found.start >= slot.end and _imposed(text, found):
            opening = IMPOSED_BEFORE.search(text, max(0, found.start - 60), found.start)
            if opening is not None and IMPOSED_GAP.fullmatch(text, slot.end, opening.start()):
                return Anchor(found.value, found.text, True, "date.first_imposed")
    return None


def bounds_period(sentence_dates: SentenceDates, slot: Slot) -> bool:
    """Whether two dates right after ``slot`` bound a spell in it ("had been in special measures between 2013 and
    2015, and returned in 2018"): a status of its own, not only the earlier state of the change that follows."""
    text = sentence_dates.text
    items = [d for d in sentence_dates.items if d.value and not d.relative and d.start >= slot.end]
    if len(items) < 2 or not PERIOD_AFTER_TERM.fullmatch(text, slot.end, items[0].start):
        return False
    link = PERIOD_LINK.fullmatch(text, items[0].end, items[1].start)
    return link is not None and items[0].value < items[1].value


def dated_in_own_clause(sentence_dates: SentenceDates, slot: Slot) -> bool:
    """Whether a date the text writes out follows an earlier status in its own clause, before any other status
    term ("previously rated good following an inspection in September 2014, but is now rated outstanding", "rated
    outstanding, having been rated good in 2015"): a past status of its own, not only the from of the change."""
    text = sentence_dates.text
    following = min((s.start for s in sentence_dates.slots if s.start >= slot.end), default=len(text))
    items = [d for d in sentence_dates.items if d.value and not d.relative and slot.end <= d.start < following]
    return bool(items) and OWN_CLAUSE_DATE_GAP.fullmatch(text, slot.end, items[0].start) is not None


def _period(sentence_dates: SentenceDates, slot: Slot, first: Anchor, published: str | None) -> list[Anchor]:
    """The entry and the exit of a spell in intensive support the sentence bounds by two dates ("was in special
    measures from 2013 to 2017"); nothing when ``first`` is not one of a period's two dates."""
    if slot.framework not in INTENSIVE or slot.modality != "actual" or slot.change not in ("state", "remain"):
        return []
    if slot.to != "in" or first.rule not in ("date.since", "date.until", "date.sentence"):
        return []
    text = sentence_dates.text
    items = [d for d in sentence_dates.items if d.value and not d.relative]
    for start, end in pairwise(items):
        if first.value not in (start.value, end.value) or not start.value < end.value:
            continue
        link = PERIOD_LINK.fullmatch(text, start.end, end.start)
        if link is None:
            continue
        opener = PERIOD_OPENER.search(text[max(0, start.start - 10) : start.start])
        word = link.group(1).lower()
        if word == "and" and (opener is None or opener.group(1).lower() != "between"):
            continue
        if word in ("to", "-", "–", "—") and opener is None:
            continue
        ended = _until(end, published)
        if ended.rule != "date.until":
            return []  # a period reaching past the report: only its start is history
        return [Anchor(start.value, start.text, True, "date.since"), ended]
    return []


def anchor(
    sentence_dates: SentenceDates, slot: Slot, full_text: str, published: str | None, now: re.Pattern[str]
) -> Anchor:
    """The date ``slot`` took effect."""
    text = sentence_dates.text
    # ("remains in special measures, first imposed in 2015": the regime's start, no date of the sentence's news)
    dates = [d for d in sentence_dates.items if not _imposed(text, d) and not _applied_before(text, d, slot)]
    if not published:
        # a month without a year that nothing in its paragraph places is no date at all (``_told_before``)
        dates = [
            d
            for d in dates
            if d.value
            or d.kind != "rel_month"
            or (slot.modality == "actual" and _told_before(full_text, sentence_dates, d, slot))
        ]
    # "Since then the trust has been in the RSP": only a status held, in a sentence that names no date of its own
    opening = any(d.kind == "since_then" and not any(c.isalnum() for c in text[: d.start]) for d in dates)
    if slot.change not in ("state", "remain") or any(d.value for d in dates) or not opening:
        dates = [d for d in dates if d.kind != "since_then"]
    if slot.change not in ("state", "remain"):
        # "rated requires improvement, its first inspection since the 2016 inquiry": a point of reference
        dates = [d for d in dates if not _reference_point(text, d)]
    when = next((d for d in dates if d.value and d.end <= slot.start and _when_clause_of(d, slot, text)), None)
    if when is not None:
        since = slot.change in ("state", "remain") and SINCE.search(text[max(0, when.start - 25) : when.start])
        return Anchor(when.value, when.text, True, "date.since" if since else "date.when_clause")
    if slot.change == "exit":
        # "which it has been in since 2016" dates the entry, never the exit (but "has been out of special measures
        # since 2017" dates the exit)
        out_since = OUT_OF_BEFORE.search(text, max(0, slot.start - 40), slot.start)
        # (and "will leave the programme from 1 April" dates the exit to come)
        to_come = _future(text, slot.start) or "realised.decider_said" in slot.rules
        dates = [
            d
            for d in dates
            if not SINCE.search(text[max(0, d.start - 25) : d.start])
            or (out_since and d.start >= slot.end and SINCE_AFTER_TERM.fullmatch(text, slot.end, d.start))
            or (to_come and _effective_from(text, d))
        ]
    if any(s is slot for s in sentence_dates.slots):
        own = [
            d
            for d in dates
            if (_owner(d, sentence_dates.slots, text) is slot or _opens_clause_of(d, slot, text, sentence_dates.slots))
            and not (d.start >= slot.end and RELATIVE_CHANGE_AFTER.search(text, slot.end, d.start))
        ]
        window = text[max(0, slot.start - CUE_WINDOW) : slot.start]
        if own or now.search(window):
            dates = own
        else:
            # a date of another framework's term still dates this one ("placed in special measures in
            # 2014 after being rated inadequate"); one of the same framework is another occasion
            # (not a since-date: it dates only the start of the status it follows)
            dates = [
                d
                for d in dates
                if (_owner(d, sentence_dates.slots, text) or slot).framework != slot.framework
                and (
                    not SINCE.search(text[max(0, d.start - 25) : d.start])
                    # ("in special measures since 2017, after receiving an inadequate rating": the cause's time too)
                    or (d.end <= slot.start and SINCE_CAUSE_BETWEEN.fullmatch(text, d.end, slot.start) is not None)
                )
                and not (d.start >= slot.end and RELATIVE_AFTER.search(text, slot.end, d.start))
            ]
    dates = [d for d in dates if not (d.start >= slot.end and REGIME_HISTORY_AFTER.match(text, slot.end, d.start))]
    # "moved into X, joining B, which entered in 2020": a date past another body's clause is that body's
    dates = [d for d in dates if not any(slot.end <= c < d.start for c in sentence_dates.other_clauses)]
    dates = [
        d
        for d in dates
        if d.start < slot.end
        or not SINCE_CLAUSE.search(text, slot.end, d.start)
        or (slot.change in ("state", "remain") and FRAMEWORK_BEGAN.search(text, slot.end, d.start))
        or _held_since(text, slot)
    ]
    dates = [d for d in dates if not _other_clause(d, slot, text, sentence_dates.slots)]
    if any(d.end <= slot.start for d in dates):
        # "In December the chief inspector recommended that it leave, and the regulator accepted that today": a date
        # past a coordinated clause with its own subject is that clause's, when one before the term is the term's
        dates = [d for d in dates if d.start < slot.end or not _and_clause_between(text, slot.end, d.start)]
    if slot.framework == "cqc_rating":
        # "rated good following an inspection in December 2018 and January 2019", reported in April: the report's
        # date (as gold dates d017); an older inspection still dates a rating told as history
        dates = [d for d in dates if not (_recent(d, published) and _inspection_date(text, d))]
    # "rated good, following a series of inspection reports since 2014": the since-date bounds the cause
    dates = [d for d in dates if not (d.start >= slot.end and _since_in_cause(text, slot.end, d))]
    # "the first time since 2013 that X has been rated good", "its best result since 2013": the date bounds a
    # time without it
    dates = [d for d in dates if not FIRST_SINCE.search(text, max(0, d.start - 40), d.start)]
    if dates:
        after = [d for d in dates if d.start >= slot.end]
        # "placed in special measures following an inspection in June 2015": that date is the inspection's,
        # when the sentence has another
        before = [d for d in dates if d.end <= slot.start]
        # "today said that, at an inspection in July, it found ... to recommend": the inspection's date, when the
        # sentence has another
        uncaused = [d for d in before if not CAUSE.search(text[max(0, d.start - CAUSE_REACH) : d.start])]
        if uncaused and len(uncaused) < len(before):
            dates = [d for d in dates if d in uncaused or d.start >= slot.end]
            before = uncaused
        # (not a publication's: "placed in segment 3 when NHS England published its league tables last September")
        caused = [
            d
            for d in after
            if CAUSE.search(text, slot.end, d.start) and not PUBLISHED_WHEN.search(text, slot.end, d.start)
        ]
        told_in_perfect = _perfect(text, slot.start)
        # "has been rated good following their inspection in December 2014", undated: the rating is the report's
        # news, of unknown date; the inspection's month is not the rating's
        # (not "following a May 2018 inspection" here: without a publication date the inspection's month is the
        # nearest there is to the news, and keeps it apart from an older rating the story also tells)
        inspected = [d for d in caused if _inspection_date(text, d, attributive=False)]
        if told_in_perfect and not published and inspected:
            dates = [d for d in dates if d not in inspected]
            after = [d for d in after if d not in inspected]
        # (only with a publication date to say when "has been" is; else the cause's date is the nearest there is)
        perfect = bool(published) and told_in_perfect
        # a recommendation, like a change told in the perfect, is the report's news
        told_now = perfect or (bool(published) and slot.modality == "proposed")
        if told_now:
            # "Following its inspection in June, the trust has been rated good", "Our inspection in April found
            # improvements, and I recommend ...": the inspection's date; "an inspection in February this year found
            # improvements leading to the recommendation": a recent inspection's, too
            before = [
                d
                for d in before
                if not _fronted_cause(text, d, slot.start)
                and not (slot.modality == "proposed" and _recent(d, published) and _caused(text, d))
            ]
        if before or told_now:
            # "has been rated inadequate after a report found concerns raised in 2014": the change is the news
            after = [d for d in after if d not in caused]
        dates = before + after if told_now else dates
        # "was rated good following an inspection between January and March this year", reported in August:
        # the inspection's date, and the rating is the report's news
        recent = [d for d in caused if not perfect and _recent(d, published)]
        if recent:
            after = [d for d in after if d not in recent]
            dates = [d for d in dates if d not in recent]
    if dates:
        chosen = after[0] if after else before[-1] if before else dates[0]
        if chosen.kind == "year_reference" and chosen.end <= slot.start:
            # "left in March 2017, four years after it entered": four years before the date the sentence gave
            told = [d for d in sentence_dates.items if d.end <= chosen.start and d.value and d.kind != "year_reference"]
            prior = [s for s in sentence_dates.slots if s.end <= chosen.start and s is not slot]
            if told and prior and _owner(told[-1], sentence_dates.slots, text) is not prior[-1]:
                # "X, which left special measures in 2017, has been rated good, four years after it was rated
                # inadequate": the clause counts back from the status it follows, undated here (the publication)
                told = []
            elapsed = _elapsed(text[chosen.end : slot.start], chosen, told[-1].value if told else published)
            told_after = any(d.value and d.start >= slot.end for d in sentence_dates.items)
            if (
                elapsed is not None
                and not told_after
                and ROUGHLY_BEFORE.search(text, max(0, chosen.start - 20), chosen.start)
            ):
                # "more than two years after it was placed in special measures": some year before that, unsaid
                return Anchor(None, chosen.text, True, "date.unresolved")
            if elapsed is not None:
                return elapsed
        # "due to exit in April", "will leave on 20 April": a day to come; "at an inspection in July, it
        # recommended ...": the last July
        # ("NHS England confirmed X would be stepped down from 1 April": the decider's reported "will")
        to_come = slot.modality != "actual" or _future(text, slot.start) or "realised.decider_said" in slot.rules
        # ("no longer need intensive support and will leave the programme at the end of March": the date's own clause
        # announces it for later)
        to_come = to_come or _announced_before(text, slot, chosen)
        if to_come and (
            (
                chosen.end <= slot.start
                and (
                    PAST_REPORT.search(text, chosen.end, slot.start)
                    or PAST_BEFORE_DATE.search(text, max(0, chosen.start - 90), chosen.start)
                )
            )
            or (chosen.start >= slot.end and _told_on(text, max(slot.end, chosen.start - 90), chosen.start))
        ):
            to_come = False  # "On Thursday, NHS England announced it had applied to have X placed": the last Thursday
        if (
            to_come
            and chosen.start >= slot.end
            and PAST_PROPOSAL_BEFORE.search(text, max(0, slot.start - 50), slot.start)
        ):
            to_come = False  # "was recommended for special measures in January", "asked to join the programme in May"
        if (
            to_come
            and chosen.end <= slot.start
            and any(
                s.end <= chosen.start and s.modality == "actual" and not _future(text, s.start)
                for s in sentence_dates.slots
                if s is not slot
            )
        ):
            to_come = False  # "was placed in segment 5 on Tuesday, meaning it will join the RSP": the past Tuesday
        label = YEAR_LABEL.match(text) if chosen.kind in ("rel_month", "rel_period") else None
        in_label_year = within_year(chosen, int(label.group("year"))) if label else None
        if in_label_year:
            # "• 2014: East Kent is placed in special measures in August": August of the line's year
            return Anchor(in_label_year, chosen.text, True, "date.year_label")
        # (a change done, told in order; not a plan: "was to exit the regime in March" after "since July 2021")
        told = None
        if not (published or chosen.value) and slot.modality == "actual":
            told = _told_before(full_text, sentence_dates, chosen, slot)
        in_told_year = month_after_told(chosen, told) if told else None
        if in_told_year:
            # no publication date: "rated inadequate in September 2014. In January it was placed ...": 2015-01
            return Anchor(in_told_year, chosen.text, True, "date.text_told")
        if (
            chosen.ahead
            and to_come
            and (
                chosen.kind != "rel_month"
                or chosen.start >= slot.end
                # "If the trust clears its deficit by March, it could move up": the condition's month is to come
                or CONDITION_BEFORE_DATE.search(text, max(0, chosen.start - 60), chosen.start) is not None
                # "From April, the trust will no longer be in the programme": the start of what is to come
                or _effective_from(text, chosen)
            )
        ):
            return Anchor(chosen.ahead, chosen.text, True, "date.ahead")
        if chosen.kind == "since_then":
            # "Since then the trust has been in the RSP": a status held from the date the text last named
            since = _date_reached(full_text, sentence_dates.offset + chosen.start, published)
            if since:
                return Anchor(since, chosen.text, True, "date.since_then_named")
        if chosen.kind == "same_day":
            # (with no day named before, "the same day" is the news's own: the publication's, below)
            day = last_date_before(full_text, sentence_dates.offset + chosen.start, published)
            if day is not None:
                return Anchor(day, chosen.text, True, "date.same_day")
        back = _months_back(chosen)
        if back is not None:
            # ("rated good in March 2018. The previous month, ...": the month before the one last named)
            month = last_month_before(full_text, sentence_dates.offset + chosen.start, published, back=back)
            if month is not None:
                return Anchor(month, chosen.text, True, SEQUENCE_RULES[back])
            year = last_year_before(full_text, sentence_dates.offset + chosen.start) if back < 1 else None
            if year is not None:
                # ("rated inadequate in 2019 and placed in special measures the following month": most likely 2019)
                return Anchor(str(year), chosen.text, True, SEQUENCE_RULES[back])
            if back < 0:
                return Anchor(None, chosen.text, True, "date.unresolved")  # after no date named: unknown
        if chosen.year_offset is not None:
            year = last_year_before(full_text, sentence_dates.offset + chosen.start)
            if year is not None:
                month = chosen.month or _month_of_year(full_text, sentence_dates, chosen, year)
                value = f"{year + chosen.year_offset}" + (f"-{month:02d}" if month else "")
                return Anchor(value, chosen.text, True, "date.year_offset")
        if chosen.value:
            if slot.change in ("state", "remain") and SINCE.search(text[max(0, chosen.start - 25) : chosen.start]):
                return Anchor(chosen.value, chosen.text, True, "date.since")  # in it since then: entered then
            own_date = nearest_slot(chosen, sentence_dates.slots) in (slot, None)
            if slot.change != "exit" and own_date and UNTIL.search(text[max(0, chosen.start - 25) : chosen.start]):
                return _until(chosen, published)
            return Anchor(chosen.value, chosen.text, True, "date.sentence")
    later = _months_later(sentence_dates, slot, full_text, published) or _months_later_opening(
        sentence_dates, slot, full_text, published
    )
    if later is not None:
        return later
    carried = sentence_dates.carried()
    # "Inspectors visited X on 7 and 15 December. The trust was rated inadequate.", reported in January: the
    # visit's date, and the rating is the report's news (a report's own date still carries)
    visit = INSPECTION_WORDS.search(sentence_dates.carried_from) and not REPORT_WORDS.search(
        sentence_dates.carried_from
    )
    if carried is not None and not (visit and _recent(carried, published)):
        if carried.ahead and _future(text, slot.start):
            # ("X will leave the RSP in March. Once it leaves, it will be in segment 3": the coming March)
            return Anchor(carried.ahead, carried.text, True, "date.carried")
        return Anchor(carried.value, carried.text, True, "date.carried")
    if SINCE_THEN.search(text, max(0, slot.start - 60), slot.start):
        # "four have since left the regime", "has since been rated good": some time between then and now
        return Anchor(None, None, False, "date.since_then")
    return Anchor(published[:10] if published else None, None, False, "date.published")


def _when_clause_of(found: DateMention, slot: Slot, text: str) -> bool:
    """ "in 2016, when it was put into special measures": the status term is in a when-clause right after the date."""
    return found.year_offset is None and WHEN_AFTER_DATE.fullmatch(text, found.end, slot.start) is not None


def _held_since(text: str, slot: Slot) -> bool:
    """A status held, told in the perfect, with a since-clause right after it ("has been in special measures since
    the CQC published its report in November 2016"): the clause's date is when it began."""
    return bool(
        SINCE_RIGHT_AFTER.match(text, slot.end) and HELD_BEFORE.search(text, max(0, slot.start - 80), slot.start)
    )


def _since_in_cause(text: str, slot_end: int, found: DateMention) -> bool:
    """A "since" date after the cause of a status term ("following reports since 2014")."""
    return bool(SINCE.search(text[max(0, found.start - 25) : found.start])) and bool(
        CAUSE.search(text, slot_end, found.start)
    )


def _other_clause(found: DateMention, slot: Slot, text: str, slots: list[Slot]) -> bool:
    """A date of another clause than the status term's (``NOW_CLAUSE``, ``CLAUSE_BREAK``, ``CAUSE_VERB``)."""
    if found.end <= slot.start:
        # "X, rated inadequate last year, has been placed in ...": a date inside another term's parenthetical
        inside = any(
            other.clause_end is not None and other.start - 60 < found.start < other.clause_end <= slot.start
            for other in slots
            if other is not slot
        )
        # "X ICB, formed in April 2026, has been placed in ...": a date inside a participle phrase after the subject
        # (or "X, which acquired Y in 2016, has been placed in ...": inside a relative clause closed before the term)
        described = any(
            pattern.search(text, max(0, found.start - reach), found.start) is not None
            for pattern, reach in ((APPOSITIVE_PARTICIPLE, 60), (RELATIVE_OPEN, 120))
        )
        described = described and "," in text[found.end : slot.start]
        return (
            inside
            or described
            or _fronted_since(text, found, slot)
            or (FRONTED_MERGER.match(text, 0, found.start) is not None and "," in text[found.end : slot.start])
            or NOW_CLAUSE.search(text, found.end, slot.start) is not None
            or _contrasted(text, found, slot)
            or (slot.change in ("state", "remain") and CONTRAST_PRESENT.search(text, found.end, slot.start) is not None)
        )
    if found.start >= slot.end:
        if slot.clause_end is not None and found.start >= slot.clause_end:
            return True
        if slot.needs_own_date and REPORTED_BEFORE.search(text, slot.end, found.start):
            return True  # "left after three years in the regime, its chair told a meeting on Monday": the telling's
        between = text[slot.end : found.start]
        # "moved up to good from the 2015 rating of requires improvement": a date naming another report
        attributive = (
            found.kind == "year"
            and ATTRIBUTIVE_DATE.match(text, found.end) is not None
            and FROM_THE.search(text, max(0, found.start - 12), found.start) is not None
        )
        # "entered the programme and in 2024/25, Lancashire was one of ...": a date opening a clause of its own
        opens_clause = AND_IN.search(between) is not None and _subject_follows(text, found.end)
        # "X, which spent two years in special measures, will merge ... in April": the main clause's date
        closed = RELATIVE_OPEN.search(text, max(0, slot.start - 120), slot.start) is not None
        main_clause = closed and RELATIVE_CLOSED_BY_VERB.search(between) is not None
        # "is currently in segment 3, having exited special measures in 2019": what it is now has no past date
        having = slot.change in ("state", "remain") and PARTICIPLE_AFTER.match(between) is not None
        return (
            attributive
            or main_clause
            or having
            or opens_clause
            or CLAUSE_BREAK.search(between) is not None
            or CAUSE_VERB.search(between) is not None
            or (CONDITION_OPENS.search(between) is not None and not DEADLINE.match(found.text))
        )
    return False


def _opens_clause_of(found: DateMention, slot: Slot, text: str, slots: list[Slot]) -> bool:
    """ "rated good in 2019, and in 2023 it was rated requires improvement": a date opening a clause with its own
    subject is the date of the next status term in that clause, however near the term before it is."""
    if found.end > slot.start or any(found.end <= other.start < slot.start for other in slots if other is not slot):
        return False
    return AND_IN.search(text, max(0, found.start - 12), found.start) is not None and _subject_follows(text, found.end)


def _and_clause_between(text: str, start: int, end: int) -> bool:
    """Whether a coordinated clause with a subject and verb of its own (", and the regulator accepted") opens
    between ``start`` and ``end``."""
    return any(CLAUSE_SUBJECT_VERB.match(text, m.end()) for m in COMMA_AND.finditer(text, start, end))


def _subject_follows(text: str, end: int) -> bool:
    """A clause's own subject (and its verb) right after a date ending at ``end``: ", Lancashire was", " it was"."""
    return NEW_SUBJECT_AFTER.match(text, end) is not None or SUBJECT_VERB_AFTER.match(text, end) is not None


def _clause_start(text: str, start: int) -> int:
    """Where the clause of the term at ``start`` begins (looking back at most ``PERFECT_REACH``)."""
    first = max(0, start - PERFECT_REACH)
    bounds = [
        m.end()
        for m in CLAUSE_START.finditer(text, first, start)
        if not (m.group().lower() == "and" and NAME_AND.match(text, text.rfind(" ", 0, m.start() - 1) + 1))
        and not _closed_bracket(text, m, start)
    ]
    return bounds[-1] if bounds else first


def announced_later(text: str, slot: Slot, when: Anchor, announced: re.Pattern[str]) -> bool:
    """Whether the clause of ``slot`` announces it for later ("will leave special measures next month", "with
    effect from 1 April"), from the clause's start to the term, or to the date when it follows the term."""
    end = slot.end
    if when.text:
        found = text.find(when.text, slot.end)
        end = found + len(when.text) if found >= 0 else end
    return announced.search(text, _clause_start(text, slot.start), end) is not None


def _fronted_since(text: str, found: DateMention, slot: Slot) -> bool:
    """A date in an opening "Since ..." phrase: the change came after it ("Since the merger in April 2017, X has
    left ..."); only a bare date dates a state from then on ("Since 2017, X has been in special measures")."""
    opening = FRONTED_SINCE.match(text[: found.start])
    if opening is None or "," not in text[found.end : slot.start]:
        return False
    if SINCE_RELATIVE.match(text, found.end, slot.start):
        return False  # "Since our inspection in 2015, where we were rated ...": the term is inside the phrase
    return bool(opening.group("phrase").strip()) or slot.change not in ("state", "remain")


def _recent(found: DateMention, published: str | None) -> bool:
    """A month-precise date at most ``RECENT_CAUSE_MONTHS`` before the publication date."""
    if not published or not found.value or len(found.value) < 7 or len(published) < 7:
        return False
    months = (int(published[:4]) - int(found.value[:4])) * 12 + int(published[5:7]) - int(found.value[5:7])
    return 0 <= months <= RECENT_CAUSE_MONTHS


def names_recent_date(text: str, published: str | None) -> bool:
    """Whether the last date ``text`` names is month-precise and at most ``RECENT_CAUSE_MONTHS`` before
    ``published`` ("NHS England published the segmentation on 11 November 2025", reported that month)."""
    found = [d for d in find_dates(text, published) if d.value]
    return bool(found) and _recent(found[-1], published)


def _closed_bracket(text: str, found: re.Match[str], start: int) -> bool:
    """An opening bracket closed before ``start``: "rated North West Ambulance Service (NWAS) as" is one clause."""
    return found.group() == "(" and ")" in text[found.end() : start]


def _inspection_date(text: str, found: DateMention, attributive: bool = True) -> bool:
    """A date the words of an inspection lead up to ("following an inspection in October 2014")."""
    # (a date written with its preposition, "in October", is read from after it)
    opening = LEADING_PREPOSITION.match(found.text)
    end = found.start + (opening.end() if opening else 0)
    if INSPECTION_DATE.search(text, max(0, found.start - CAUSE_REACH), end) is not None:
        return True
    if not attributive:
        return False
    # "following a May 2018 inspection": the date names the inspection
    return (
        INSPECTION_AFTER.match(text, found.end) is not None
        and FOLLOWING_A.search(text, max(0, found.start - 20), found.start) is not None
    )


def _perfect(text: str, start: int) -> bool:
    """True when the clause of the term at ``start`` is in the perfect ("has been rated", "The CQC has rated X")."""
    return PERFECT.search(text, _clause_start(text, start), start) is not None


def _contrasted(text: str, found: DateMention, slot: Slot) -> bool:
    """Whether a contrasting clause ("..., but") stands between a date and the status term after it, and the date
    is not the time the sentence opens with, over a clause told in the past."""
    contrast = CONTRAST_BEFORE.search(text, found.end, slot.start)
    if contrast is None:
        return False
    fronted = FRONTED_TIME.fullmatch(text, 0, found.start) is not None
    clause = text[contrast.end() : slot.start]
    return not (fronted and PAST_CLAUSE.search(clause) and not NOT_PAST.search(clause))


def _announced_before(text: str, slot: Slot, found: DateMention) -> bool:
    """A date after the status whose own clause announces something for later, with no pause or telling between
    ("... and will leave the programme at the end of March", not "... and will receive support, its board heard on
    Tuesday")."""
    if found.start < slot.end:
        return False
    futures = list(FUTURE.finditer(text, slot.end, found.start))
    if not futures:
        return False
    between = text[futures[-1].end() : found.start]
    return "," not in between and PAST_REPORT.search(between) is None


def _effective_from(text: str, found: DateMention) -> bool:
    """A date told as the start of something ("from 1 April", "with effect from April")."""
    if found.text[:5].lower() == "from ":
        return True  # the month's own preposition ("From April, ...")
    return EFFECTIVE_FROM.search(text, max(0, found.start - 30), found.start) is not None


def _told_on(text: str, start: int, end: int) -> bool:
    """Whether a past telling ends right before ``end`` ("X is to come out of special measures, the regulator
    announced on Tuesday": the telling's day, not a day to come); not "when the results are published in November"."""
    told = PAST_BEFORE_DATE.search(text, start, end)
    return told is not None and not TO_BE_BEFORE.search(text, max(0, told.start() - 12), told.start())


def _future(text: str, start: int) -> bool:
    """True when the clause of the term at ``start`` announces it for later ("will leave", "is to exit")."""
    return FUTURE.search(text, _clause_start(text, start), start) is not None


def _caused(text: str, found: DateMention) -> bool:
    """A date with the words of a cause just before it ("an inspection by the CQC in February")."""
    return CAUSE.search(text[max(0, found.start - CAUSE_REACH) : found.start]) is not None


def _fronted_cause(text: str, found: DateMention, start: int) -> bool:
    """A date inside an opening phrase of cause before the main clause ("Following an inspection in June, ...")."""
    opening = text[max(0, found.start - 60) : found.start]
    return CAUSE.search(opening) is not None and "," in text[found.end : start]


def _elapsed(gap: str, chosen: DateMention, published: str | None) -> Anchor | None:
    """The date of a status term inside an elapsed-time clause ("Ten years after it entered special
    measures"): that many years before ``published`` (the publication, or a date the sentence gave before the
    clause); None when the term is not inside such a clause."""
    if chosen.year_offset is None or not published or "," in gap or not ELAPSED_CLAUSE.fullmatch(gap):
        return None
    if chosen.text.lower().endswith("later"):
        return None  # "Two years later it was rated ...": later than the year before it, not before the report
    if chosen.text.lower().startswith(("the ", "that ")):
        return None  # "The following year it was rated ...": a year after the last one named, not before the report
    return Anchor(str(int(published[:4]) - chosen.year_offset), chosen.text, True, "date.elapsed")


def _months_later(sentence_dates: SentenceDates, slot: Slot, full_text: str, published: str | None) -> Anchor | None:
    """ "placed in special measures in March 2016 and left 18 months later": that many months after the last date
    the sentence gave before the phrase, or (a sentence giving none: "It entered the programme eight months later")
    the last date the text gave before the sentence; a year alone moved by months is no year the text fixes (date
    unknown)."""
    text = sentence_dates.text
    found = MONTHS_LATER.search(text, slot.end, min(len(text), slot.end + MONTHS_LATER_REACH))
    if found is None:
        return None
    base = [d.value for d in sentence_dates.items if d.value and d.end <= found.start() and len(d.value) >= 4]
    if not base and not any(d.value for d in sentence_dates.items):
        base = [d.value for d in find_dates(full_text[: sentence_dates.offset], published) if d.value]
    if not base:
        return None
    count = found.group("count").lower()
    months = COUNTS.get(count) or int(count)
    if found.group("unit").lower().startswith("year"):
        months *= 12
    return _months_after(base[-1], months, found.group())


def _months_later_opening(
    sentence_dates: SentenceDates, slot: Slot, full_text: str, published: str | None
) -> Anchor | None:
    """ "... placed in special measures in September 2015. Sixteen months later it was out of the regime": a sentence
    opening with the phrase counts from the last date the text gave before it (as "two years later" does from the
    last year); after a year alone, or with no date before, the words are kept and the date is unknown."""
    text = sentence_dates.text
    found = MONTHS_LATER.search(text, 0, slot.start)
    if (
        found is None
        or not MONTHS_LATER_OPENING.match(text[: found.start()])
        or re.search(r"[.;]", text[found.end() : slot.start])
    ):
        return None
    count = found.group("count").lower()
    months = COUNTS.get(count) or int(count)
    before = [d for d in find_dates(full_text[: sentence_dates.offset + found.start()], published) if d.value]
    return _months_after(before[-1].value if before else None, months, found.group())


def _month_of_year(full_text: str, sentence_dates: SentenceDates, chosen: DateMention, year: int) -> int | None:
    """The month "a year later" / "two years on" keeps: that of the last date named before it, when that date is
    in the year counted from ("rated inadequate in October 2016 ... A year later": October 2017); None for "the
    following year" (any month of it), a month in another year, or a date after it in the sentence ("two years later,
    in the autumn of 2015")."""
    if not chosen.text.lower().endswith((" later", " on")) or any(
        d.value and d.start > chosen.start for d in sentence_dates.items
    ):
        return None
    named = last_date_before(full_text, sentence_dates.offset + chosen.start, None)
    return int(named[5:7]) if named and int(named[:4]) == year else None


SEQUENCE_RULES = {0: "date.same_month", 1: "date.previous_month", -1: "date.following_month"}


def _told_before(full_text: str, sentence_dates: SentenceDates, chosen: DateMention, slot: Slot) -> str | None:
    """The date a text with no publication date had reached before ``chosen`` in its paragraph: the last month or
    year it named (a later year outranks an earlier month), else the date of a cause the same sentence gives after
    its change ("In January, X was placed in special measures after an inspection in September 2014")."""
    # (only its own paragraph's: a year told of another story's thread is not this one's)
    end = sentence_dates.offset + chosen.start
    paragraph = full_text[full_text.rfind("\n", 0, end) + 1 : end]
    reached = _date_reached(paragraph, len(paragraph), None)
    if reached is not None:
        return reached[:7]
    text = sentence_dates.text
    caused = [
        d for d in sentence_dates.items if d.value and d.start >= slot.end and CAUSE.search(text, slot.end, d.start)
    ]
    return caused[0].value if caused else None


def _date_reached(text: str, end: int, published: str | None) -> str | None:
    """The date ``text`` had reached before ``end``: the last day or month it named, or the last year when that is
    later ("in March 2014 ... in 2016": 2016); None when it named none."""
    named = last_date_before(text, end, published)
    year = last_year_before(text, end)
    if named is not None and (year is None or int(named[:4]) >= year):
        return named
    return str(year) if year is not None else None


def _months_back(chosen: DateMention) -> int | None:
    """How many months before the month the text last named a phrase puts its change ("the same month" 0, "the
    previous month" 1, "the following month" -1); None for any other date."""
    if chosen.kind != "rel_period" or not chosen.text.lower().endswith(" month"):
        return None
    rel = chosen.text.lower()[: -len(" month")]
    return 1 if rel == "the previous" else SEQUENCE_MONTHS.get(rel)


def _months_after(start: str | None, months: int, phrase: str) -> Anchor:
    """``months`` after the date ``start`` ("18 months later"); a year alone moved by other than whole years, or no
    date before, fixes no date (the words are kept)."""
    if start is not None and len(start) >= 7:
        total = int(start[:4]) * 12 + int(start[5:7]) - 1 + months
        return Anchor(f"{total // 12:04d}-{total % 12 + 1:02d}", phrase, True, "date.months_later")
    if start is not None and months % 12 == 0:
        return Anchor(str(int(start[:4]) + months // 12), phrase, True, "date.months_later")
    return Anchor(None, phrase, True, "date.unresolved")


def _until(chosen: DateMention, published: str | None) -> Anchor:
    """A state held "until" a date: up to then, so it ended then (a past date), or holds now (a date to come)."""
    if published and chosen.value and chosen.value > published[: len(chosen.value)]:
        return Anchor(published[:10], None, False, "date.until_future")
    return Anchor(chosen.value, chosen.text, True, "date.until")
