"""Stage 8, event assembly and merging: one event per organisation, change and occasion.

Within a sentence, "segment 4 of the RSP" and "left special measures and the RSP" are one change.
Across a document, a repeat of the same change (headline, body, "the two bodies formally exited")
joins the first clear mention, which keeps its evidence and takes the most specific date; a change
described in two frameworks ("entered the RSP" ... "placed in segment 4") stays one event per
framework; different occasions stay apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from . import frameworks
from .ascii_twin import compile_ignoring_case
from .dates import find_dates
from .gazetteer import Organisation
from .statuses import INTENSIVE

NOT_YET = frozenset({"proposed", "hypothetical"})
FORECAST = "modality.ordinal_forecast"
ELAPSED = "date.elapsed"  # a year counted back from the report by an elapsed time: the text's own date is better
RECENT_MONTHS = 3  # a report of a change and a dated report of it in the same article are at most this far apart
# "the decision to place the trust in special measures is a blow": a reference to a change, dated by whatever
# else the document says of it
DECISION_NOUN = compile_ignoring_case(
    r"\b(the|this|that|its|their) (original |earlier |initial )?(decision|move) to "
    r"(place|put|plunge|take|remove|move)\b"
)
# "is once again to be put into special measures", "placed back in": a change that happened before, again
AGAIN = compile_ignoring_case(
    r"\b(again|once more|back (in|into|under|on)|for a (second|third) time|re-?entered|returned to)\b"
)


@dataclass
class Event:
    """A status change (or asserted status) of one organisation, with the rules that made it."""

    org: Organisation
    framework: str
    change: str
    from_: Any
    to: Any
    date: str | None
    date_text: str | None
    modality: str
    evidence: str
    start: int
    end: int
    confidence: float
    framework_version: str | None = None
    date_from_text: bool = False
    mention: str = ""
    rules: list[str] = field(default_factory=list)
    headline: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "org": self.org.name,
            "ods_code": self.org.ods_code,
            "org_type": self.org.type,
            "org_mention": self.mention,
            "framework": self.framework,
            "framework_version": self.framework_version,
            "change": self.change,
            "from": self.from_,
            "to": self.to,
            "date": self.date,
            "date_text": self.date_text,
            "modality": self.modality,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
            "confidence": self.confidence,
            "rules": list(dict.fromkeys(self.rules)),
        }


def intensive(event: Event) -> str | None:
    """'in'/'out' when an event is about mandated intensive support, whatever its framework (a bare
    state outside it, "is in segment 3", says nothing about leaving it)."""
    state = frameworks.intensive_state(event.framework, event.framework_version, event.from_, event.to, event.change)
    return None if state == "out" and event.change == "state" else state


TRANSITIONS = frozenset({"enter", "exit", "move"})


def same_kind_of_change(a: Event, b: Event) -> bool:
    """Both report a transition, or both the same non-transition; a bare state goes with anything."""
    if "state" in (a.change, b.change) or a.change == b.change:
        return True
    return a.change in TRANSITIONS and b.change in TRANSITIONS


def not_yet(event: Event) -> bool:
    """Proposed or hypothetical, or a forecast that takes its modality from the rest of the story ("will be the
    seventh trust to leave" after a recommendation only)."""
    return event.modality in NOT_YET or FORECAST in event.rules


def same_modality(a: Event, b: Event) -> bool:
    """Proposed and hypothetical reports of one change are one possibility; an actual one is another."""
    return a.modality == b.modality or (not_yet(a) and not_yet(b))


def same_change(a: Event, b: Event) -> bool:
    """Two events of a document that report one change (in different sentences).

    The Recovery Support Programme and special measures are one status under two names; a NOF segment
    move is reported as its own event even when another sentence calls it leaving the programme.
    """
    if a.org.ods_code != b.org.ods_code or not same_modality(a, b):
        return False
    if a.framework in INTENSIVE and b.framework in INTENSIVE:
        return intensive(a) == intensive(b) and same_kind_of_change(a, b)
    if a.framework != b.framework:
        return False
    if a.to == b.to:
        return a.from_ == b.from_ or "state" in (a.change, b.change) or None in (a.from_, b.from_)
    # "left segment 4" and "moved from segment 4 to segment 3" on one occasion are one change
    return a.from_ is not None and a.from_ == b.from_ and None in (a.to, b.to)


def same_occasion(a: Event, b: Event, published: str | None) -> bool:
    """Two reports of one change: same date, one date within the other, or one dated only by publication and
    the other around it.
    A change that has not happened (proposed, hypothetical) has one occasion, whatever dates are given."""
    if a.date == b.date or (a.modality in NOT_YET and b.modality in NOT_YET):
        return True
    if a.date_from_text and b.date_from_text:
        # "today (6 March 2025)" and "this week", "in July 2014" and "in 2014": one date within the other
        if bool(a.date and b.date and (a.date.startswith(b.date) or b.date.startswith(a.date))):
            return True
        # "three years after it was placed in special measures" counted back, and "in September 2020": a year apart
        counted = (ELAPSED in a.rules) != (ELAPSED in b.rules)
        return counted and bool(a.date and b.date) and abs(int(a.date[:4]) - int(b.date[:4])) <= 1
    dated = a if a.date_from_text else b
    if not (published and dated.date):
        return False
    if len(dated.date) == 4:
        return published.startswith(dated.date)
    # "has exited the programme" (the news) and "left the programme in August" (published in September): one
    # change; a body cannot make the same change twice within a few months
    return abs(month_index(published) - month_index(dated.date)) <= RECENT_MONTHS


def month_index(day: str) -> int:
    """Months since year 0 of an ISO date or month."""
    return int(day[:4]) * 12 + int(day[5:7]) - 1


def take_date(event: Event, source: Event) -> None:
    """Give ``event`` the date the text gave ``source``, with the rules that dated it."""
    event.date, event.date_text, event.date_from_text = source.date, source.date_text, True
    dated = [r for r in source.rules if r.startswith("date.")]
    event.rules = [r for r in event.rules if not r.startswith("date.")] + dated


def more_specific(repeat: Event, kept: Event) -> bool:
    """A repeat dated from the text more precisely within the kept date ("in 2014", then "in June 2014"), or by the
    text where the kept date was only counted back ("ten years after it entered", then "in July 2013") or not fixed."""
    if not (repeat.date_from_text and kept.date_from_text and repeat.date):
        return False
    if not kept.date:
        return True  # the kept date was told but not fixed ("more than two years after it entered")
    counted = ELAPSED in kept.rules and ELAPSED not in repeat.rules
    return counted or (repeat.date.startswith(kept.date) and len(repeat.date) > len(kept.date))


def absorb(kept: Event, repeat: Event) -> None:
    """Keep the first clear mention; take what a repeat adds (a date from the text, the earlier status)."""
    if (repeat.date_from_text and not kept.date_from_text) or more_specific(repeat, kept):
        take_date(kept, repeat)
    if kept.change == "state" != repeat.change or (kept.to is None and repeat.to is not None):
        kept.change, kept.from_, kept.to = repeat.change, repeat.from_, repeat.to
    if kept.from_ is None and repeat.from_ is not None and kept.to == repeat.to:
        kept.from_ = repeat.from_
        if kept.change == "enter" and kept.framework not in INTENSIVE:
            kept.change = repeat.change
    if kept.change == "move" and kept.from_ is not None and kept.from_ == kept.to:
        kept.change = "remain"  # rated good, and a repeat says it was good before: it kept its rating
    if FORECAST in kept.rules and repeat.modality in NOT_YET:
        kept.modality = repeat.modality  # "will be the seventh to leave", then "the CQC recommended it leave"
    if kept.modality == "hypothetical" and repeat.modality == "proposed":
        # "could soon be taken out of special measures", then "has recommended that it should be": one change, a
        # possibility a formal recommendation makes a proposal
        kept.modality = "proposed"
    kept.rules = [*kept.rules, "merge.repeat"]


def merge_headline(events: list[Event], published: str | None) -> list[Event]:
    """A headline's change told again in the body is the body's event (whose modality is the clearer):
    the body report of the same occasion if there is one, else the first body report of that change."""
    body = [e for e in events if not e.headline]
    out = []
    for event in events:
        if event.headline:
            twins = [e for e in body if same_change_any_modality(e, event)]
            twin = next((e for e in twins if same_occasion(e, event, published)), twins[0] if twins else None)
            if twin is not None:
                absorb(twin, event)
                continue
        out.append(event)
    return out


def same_change_any_modality(a: Event, b: Event) -> bool:
    return same_change(a, replace(b, modality=a.modality))


ADJACENT_GAP = 4  # characters between one sentence's evidence and the next's (a space, a paragraph break)


def adjacent(a: Event, b: Event) -> bool:
    """Whether two events come from neighbouring sentences, in either order."""
    return 0 <= b.start - a.end <= ADJACENT_GAP or 0 <= a.start - b.end <= ADJACENT_GAP


def entry_of_move(leaving: Event, entry: Event) -> bool:
    """Whether ``entry`` is where the body went when it left ``leaving``'s value: the same sentence ("exited tier 1
    and is now in tier 2"), or a change told in the next or previous one ("will leave segment 4 from next month.
    It will move into segment 3")."""
    if (
        entry is leaving
        or entry.org.ods_code != leaving.org.ods_code
        or entry.framework != leaving.framework
        or entry.to in (None, leaving.from_)
        or entry.modality != leaving.modality
    ):
        return False
    if entry.start == leaving.start:
        return entry.change in ("enter", "state")
    return adjacent(leaving, entry) and (
        entry.change == "enter" or (entry.change == "move" and entry.from_ in (None, leaving.from_))
    )


def merge_exit_and_entry(events: list[Event]) -> list[Event]:
    """'Exited tier 1 for urgent care and is now in tier 2': leaving one value of a framework and entering another
    is one move (programmes excepted: leaving one is the whole change)."""
    out = list(events)
    for leaving in events:
        if leaving.change != "exit" or leaving.framework in INTENSIVE or leaving.from_ is None:
            continue
        entry = next((e for e in out if entry_of_move(leaving, e)), None)
        if entry is not None and leaving in out:
            entry.change, entry.from_ = "move", leaving.from_
            entry.rules = [*entry.rules, "merge.exit_and_entry"]
            if leaving.date_from_text and not entry.date_from_text:
                # "exited tier 1 in Q1 2025/26 and is now in tier 2": the move's date is the exit's
                take_date(entry, leaving)
            out.remove(leaving)
    return out


def undated_report(event: Event) -> bool:
    """No date at all, or only the publication's for a decision referred to ("the decision to place X in ...")."""
    return event.date is None or (not event.date_from_text and DECISION_NOUN.search(event.evidence) is not None)


def undated_repeat(a: Event, b: Event, events: list[Event]) -> bool:
    """A report with no date at all ("two years ago" in an undated article) tells the same change as a dated
    report of it, unless the organisation's status changed again after that date (then it may be a return)."""
    undated, dated = (a, b) if undated_report(a) else (b, a)
    if not undated_report(undated) or undated_report(dated) or a.framework != b.framework:
        return False  # a programme and its successor are one change only on one occasion
    if a.change != b.change or a.change in ("state", "remain"):
        return False  # "has stayed at requires improvement" is not the rating given in 2017
    if AGAIN.search(undated.evidence):
        return False  # "is once again to be put into special measures": not the first time, dated earlier
    return not any(
        e.org.ods_code == dated.org.ods_code
        and e.framework == dated.framework
        and e.to != dated.to
        and e.date is not None
        and e.date > dated.date
        for e in events
    )


SUPERSEDABLE = frozenset({"rsp", "nof"})  # tracks whose bare "now" state a same-day change can supersede


def contradicts(state: Event, change: Event) -> bool:
    """A status asserted "now" that a change reported "now" of the same body has left behind ("Those in
    segment 4, including X, ..." in a story on X leaving the programme): the state is the before."""
    if state.org.ods_code != change.org.ods_code or change.change not in TRANSITIONS or state.change != "state":
        return False
    if state.framework not in SUPERSEDABLE or change.framework not in SUPERSEDABLE:
        return False  # quality and financial special measures are two statuses; a rating "now" is asserted
    if state.date_from_text or change.date_from_text or {state.modality, change.modality} != {"actual"}:
        return False
    if state.framework == change.framework:
        return state.to != change.to
    before, after = intensive(state), intensive(change)
    return before is not None and after is not None and before != after


def drop_superseded_states(events: list[Event]) -> list[Event]:
    """Bare states that a change of the same day contradicts: the change says where the body is now."""
    return [e for e in events if e.change != "state" or not any(contradicts(e, other) for other in events)]


def left_behind(earlier: Event, change: Event) -> bool:
    """An undated status the same story reports a body leaving "now": "The trust was rated inadequate" beside
    "it has moved from inadequate to requires improvement"; "X was placed in special measures" beside "X has
    left special measures". Neither is dated by the text, so the first is history, not the day's news."""
    if earlier is change or earlier.org.ods_code != change.org.ods_code:
        return False
    if change.change not in ("move", "exit", "remain"):
        return False
    if earlier.date_from_text or change.date_from_text or {earlier.modality, change.modality} != {"actual"}:
        return False
    if change.change == "remain":
        # "X will remain in special measures. X was placed in special measures by the CQC.": an entry told after
        # the story said the body stays in is how it got there, not the day's news
        return (
            earlier.change == "enter"
            and change.start < earlier.start
            and earlier.framework in INTENSIVE
            and change.framework in INTENSIVE
            and intensive(earlier) == intensive(change) == "in"
        )
    if earlier.change not in ("enter", "state", "move") or (earlier.change == "move" and earlier.from_ is not None):
        return False
    if earlier.framework in INTENSIVE and change.framework in INTENSIVE:
        return intensive(earlier) == "in" and intensive(change) == "out"
    return earlier.framework == change.framework and earlier.to is not None and change.from_ == earlier.to


def date_history(events: list[Event]) -> list[Event]:
    """Take the publication date from statuses the day's change has left behind (``left_behind``): their date is
    unknown (``date.unknown``, which keeps them out of the timeline)."""
    for event in events:
        if any(left_behind(event, other) for other in events):
            event.date = event.date_text = None
            event.rules = [r for r in event.rules if r != "date.published"] + ["date.unknown", "date.left_behind"]
    return events


# "The new tiers take effect from 1 April", "The change comes into force on Monday": when the changes around it happen
TAKES_EFFECT = compile_ignoring_case(
    r"\b(takes?|took|will\s+take|to\s+take)\s+effect\s+(from|on)\s+|\bcomes?\s+into\s+(force|effect)\s+(from|on)\s+"
)
EFFECT_REACH = 600  # characters around the sentence that the changes it dates may be told in
EFFECT_CHANGES = frozenset({"enter", "exit", "move"})


def effect_dates(events: list[Event], text: str, published: str | None) -> list[Event]:
    """Date the changes a story tells as news (dated only by the publication) by the day a sentence near them says
    they take effect ("... moves to tier 2. The new tiers take effect from 1 April.")."""
    if not published or ("effect" not in text and "into force" not in text):
        return events
    for phrase in TAKES_EFFECT.finditer(text):
        # (the phrase's own "on"/"from" belongs to the date: "on Monday")
        found = [
            d for d in find_dates(text[phrase.start() : phrase.end() + 40], published) if d.end > len(phrase.group())
        ]
        date_found = found[0] if found and found[0].start <= len(phrase.group()) + 1 else None
        told_done = phrase.group().lower().startswith("took")  # "took effect on 1 August": the last one
        day = (date_found.value if told_done else date_found.ahead or date_found.value) if date_found else None
        if not day:
            continue
        for event in events:
            near = phrase.start() - EFFECT_REACH <= event.start <= phrase.end() + EFFECT_REACH
            news = "date.published" in event.rules and event.modality == "actual"
            dated = any(  # the text dates this change elsewhere ("accepted the recommendation in July"): that stands
                other.date_from_text
                and other.modality == "actual"
                and other.org.ods_code == event.org.ods_code
                and (intensive(other) or other.to) == (intensive(event) or event.to)
                and other.change != "state"
                for other in events
            )
            if near and news and not dated and event.change in EFFECT_CHANGES and event.framework != "cqc_rating":
                event.date, event.date_text, event.date_from_text = day, date_found.text, True
                event.rules = [r for r in event.rules if not r.startswith("date.")] + ["date.takes_effect"]
    return events


AGAIN_RULES = frozenset({"remain.rated_again_after", "remain.again_rated"})


def returned_to(events: list[Event]) -> list[Event]:
    """A rating "again" after the story gave the body another rating last ("rated good in 2016 ... it is now
    inadequate again") returns to an earlier value: a move from the last one, not a rating kept."""
    for index, event in enumerate(events):
        if event.change != "remain" or event.framework != "cqc_rating" or not AGAIN_RULES.intersection(event.rules):
            continue
        rated = [
            e
            for e in events
            if e is not event
            and e.org.ods_code == event.org.ods_code
            and e.framework == "cqc_rating"
            and e.modality == "actual"
        ]
        # ("rated good again, after being downgraded to requires improvement in 2021": the rating dated last before
        # this one, wherever the story tells it; else the one told last before it)
        dated = [e for e in rated if e.date and event.date and e.date < event.date[: len(e.date)]]
        earlier = sorted(dated, key=lambda e: e.date or "") or [e for e in events[:index] if e in rated]
        if earlier and earlier[-1].to is not None and earlier[-1].to != event.to:
            event.change, event.from_ = "move", earlier[-1].to
            event.rules = [*event.rules, "move.again_after_other"]
    return events


def deduplicate(events: list[Event], published: str | None = None) -> list[Event]:
    """One event per organisation per change and occasion."""
    out = drop_superseded_states(merge_headline(merge_exit_and_entry(returned_to(events)), published))
    result: list[Event] = []
    for event in out:
        twin = next(
            (
                e
                for e in result
                if same_change(e, event) and (same_occasion(e, event, published) or undated_repeat(e, event, out))
            ),
            None,
        )
        if twin is None:
            result.append(event)
        else:
            absorb(twin, event)
    return date_history(result)
