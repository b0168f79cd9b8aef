"""Stage 3, status terms: the spaCy matches of a sentence as slots with a framework and a value.

"from segment 4 to segment 3" is one slot (a move); "the Recovery Support Programme (RSP)" and
"segment 4 (mandated intensive support)" are one status. Tier terms take their kind (urgent and
emergency care, elective, cancer) from the nearest kind words, else the paragraph's or the document's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from . import frameworks
from .ascii_twin import compile_ignoring_case
from .pipeline import StatusTerm
from .rules import Lexicon, StatusRule

INTENSIVE = frameworks.intensive_frameworks()  # programmes that are intensive support (RSP, special measures)
WORD = re.compile(r"[a-z0-9]+")
# "the programme of quality improvement", "the scheme to cut waiting lists": a programme its own words describe
OTHER_PROGRAMME = compile_ignoring_case(
    r"\s+((of|for)\s+(?!(intensive|mandated|special|recovery|support|the|a|an|another|at|up|now|over|almost|nearly|"
    r"more|less|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|several|many|some)\b)"
    r"|to\s+(?!(exit|leave|enter|be|end)\b)\w)"
)
# "Croydon Health Services NHS Trust: segment 2 to segment 3": a label, then a bare move
LABEL_BEFORE = re.compile(r":\s*$")
BARE_TO = re.compile(r"\s+(to|->|→)\s+")
PARENTHESES = re.compile(r"\([^)]*\)")
# ("for elective care, cancer and diagnostics": a kind's head noun may come before the comma)
BRACKET_BEFORE = re.compile(r"\(\s*$")
# a kind right before the tier: "cancer tier 1", "the elective tier 2 list"
KIND_BEFORE_TIER = compile_ignoring_case(
    r"\b(cancer|elective|electives|uec|urgent\s+(and|&)\s+emergency\s+care|emergency\s+care)\s+$"
)
COORDINATION = compile_ignoring_case(
    r"(\s+(care|services|surgery|recovery|treatment|performance))?\s*(,|and|&|or|as well as)?\s*(and|or)?\s*"
    r"(for\s+|in\s+)?(both\s+)?"
)
GLOSS_GAP = re.compile(r"^[\s(\[\-–—:,\"']*$")
# between two names of intensive support for one status: "of the", "(", " - " (not "and": "placed into segment 4
# and the Recovery Support Programme" is one change in two frameworks, an event each)
PROGRAMME_GLOSS_GAP = compile_ignoring_case(
    r"^[\s(\[\-–—:,\"']*((of|in|within|under|or|also known as|known as|formerly|previously|the|nhs|"
    r"england's|englands|new|national)\b[\s\"']*)*[\s(\[\-–—:,\"']*$"
)


@dataclass
class Slot:
    """One status claim in a sentence: framework, from, to, where it is and the rules behind it."""

    framework: str
    to: Any
    start: int
    end: int
    from_: Any = None
    change: str = "state"
    modality: str = "actual"
    rules: list[str] = field(default_factory=list)
    needs_own_date: bool = False  # a past change mentioned in passing: an event only when the text dates it
    # the change a verb says of a status left unsaid, the verb being the term: "placed in special measures in 2014
    # and left in 2016" (exit), "still in special measures, which it entered in 2015" (enter)
    elliptical: str | None = None
    clause_end: int | None = None  # where a parenthetical holding the term closes: later dates are not its own
    part_rating: bool = False  # a rating of a part (service, site, key question), not of the whole
    gapped_from: Slot | None = None  # "placed A in segment 2 in 2025, and B in segment 3": B's verb (and date) is A's


class SlotBuilder:
    """Turns the status terms of a sentence into slots."""

    def __init__(self, rules: list[StatusRule], numbers: dict[str, int], lexicon: Lexicon):
        self.rules = {r.id: r for r in rules}
        self.numbers = numbers
        self.tier_kinds = lexicon.group("tier_kinds")
        self.move_between = lexicon["move.between"]
        self.move_from_before = lexicon["move.from_before"]
        self.move_to_ordinal = lexicon["move.to_ordinal"]
        self.move_between_reversed = lexicon["move.between_reversed"]
        self.move_to_before = lexicon["move.to_before"]
        self.shed_before = lexicon["move.shed_before"]
        self.shed_between = lexicon["move.shed_between"]
        self.ellipsis_exit = lexicon["ellipsis.exit"]
        self.ellipsis_subordinate = lexicon["ellipsis.subordinate"]
        self.relative_change = lexicon["ellipsis.relative_change"]
        self.respectively = lexicon["respectively.after"]
        self.rating_pair = lexicon["move.rating_pair"]
        self.listed_values = lexicon["respectively.listed_values"]

    def value(self, term: StatusTerm, rule: StatusRule) -> Any:
        if rule.value != "NUM":
            return rule.value
        for word in WORD.findall(term.text.lower()):
            value = self.numbers.get(word)
            if value is not None:
                return value
        return None

    def programme_of(self, term: StatusTerm) -> str | None:
        """The programme a status term names (RSP, special measures), if it names one."""
        framework = self.rules[term.rule].framework
        return framework if framework in INTENSIVE else None

    def kinds_in(self, text: str) -> list[str]:
        return [kind for kind, pattern in self.tier_kinds.items() if pattern.search(text)]

    def nearest_tier_kinds(self, text: str, start: int, end: int, limit: int) -> list[str]:
        """Tier kinds named right after a tier ("tier 1 for cancer", before ``limit``, where the next
        status term starts), with any coordinated with it ("for UEC, electives and cancer"), or just
        before it ("cancer tier 1")."""
        # ("taken out of cancer tier 1 in January, having cut its 62-day backlog": the kind naming the tier itself)
        named = [k for k, p in self.tier_kinds.items() if p.search(text, max(0, start - 30), start)]
        if len(named) == 1 and KIND_BEFORE_TIER.search(text, max(0, start - 40), start):
            return named
        found = sorted(
            (m.start(), m.end(), kind)
            for kind, pattern in self.tier_kinds.items()
            for m in pattern.finditer(text, end, limit)
        )
        if found and found[0][0] - end <= 45:
            kinds, last_end = [found[0][2]], found[0][1]
            for kind_start, kind_end, kind in found[1:]:
                if not COORDINATION.fullmatch(text[last_end:kind_start]):
                    break
                kinds.append(kind)
                last_end = kind_end
            return list(dict.fromkeys(kinds))
        before = [k for k, p in self.tier_kinds.items() if p.search(text[max(0, start - 30) : start])]
        return before or ([found[0][2]] if found else [])

    def build(
        self,
        text: str,
        offset: int,
        terms: list[StatusTerm],
        paragraph: str,
        document_kinds: Callable[[], list[str]],  # the kinds the document names, else its default (or none)
        programme_before: Callable[[int], str | None] = lambda _: None,
    ) -> list[Slot]:
        """Slots of the sentence ``text`` (which starts at ``offset`` in the document)."""
        out: list[Slot] = []
        pairs: list[tuple[int, int]] | None = None
        for index, term in enumerate(terms):
            rule = self.rules[term.rule]
            if rule.context and not rule.context.search(text):
                if pairs is None:
                    pairs = [m.span() for m in self.rating_pair.finditer(text)]
                if not any(a <= term.start - offset < b for a, b in pairs):
                    continue
            value = self.value(term, rule)
            if value is None:
                continue
            start, end = term.start - offset, term.end - offset
            ids = [f"status.{rule.id}"]
            if rule.framework == "tier":
                if value not in (1, 2, 3):
                    continue  # "tier 5" is not a tiering status
                limit = terms[index + 1].start - offset if index + 1 < len(terms) else len(text)
                kinds = (
                    self.nearest_tier_kinds(text, start, end, limit)
                    or self.kinds_in(text)
                    or self.kinds_in(paragraph)
                    or document_kinds()[:1]
                )
                out += [Slot(kind, value, start, end, rules=list(ids)) for kind in kinds]
            elif rule.framework == "programme_reference":
                if OTHER_PROGRAMME.match(text, end):
                    continue  # "the programme of quality improvement underway": a programme of its own
                named = programme_before(term.start)
                if named is not None:
                    out.append(Slot(named, value, start, end, rules=[*ids, f"reference.{named}"]))
            elif rule.framework == "nof_intensive":
                out.append(Slot("nof", value, start, end, rules=ids))
            elif rule.framework == "nof" and not 1 <= value <= 5:
                continue
            elif rule.framework == "nof" and term.text.lower().startswith("segments"):
                out += self.listed_segments(text, value, start, end, ids)
            else:
                out.append(Slot(rule.framework, value, start, end, rules=ids))
        return self.with_elliptical_exits(self.merge_moves(drop_glosses(out, text), text), text)

    def listed_segments(self, text: str, value: int, start: int, end: int, ids: list[str]) -> list[Slot]:
        """ "A and B were placed in segments 2 and 3 respectively": a slot per number, each body taking its own;
        without "respectively" whose number is whose is unsaid (and "segments 3 to 5" is a range): none."""
        listed = self.listed_values.match(text, end)
        if listed is None:
            return [Slot("nof", value, start, end, rules=list(ids))]
        if not self.respectively.search(text):
            return []
        slots = [Slot("nof", value, start, end, rules=list(ids))]
        for word in WORD.finditer(text, end, listed.end()):
            number = self.numbers.get(word.group().lower())
            if number is not None and 1 <= number <= 5:
                slots.append(Slot("nof", number, word.start(), word.end(), rules=[*ids, "status.listed_values"]))
        return slots

    def with_elliptical_exits(self, slots: list[Slot], text: str) -> list[Slot]:
        """A status followed by "and left (in 2016)" with the status left unsaid: an exit slot on the verb; and one
        followed by a relative clause changing it (", which it entered in 2015"): a slot on that clause's verb."""
        out = list(slots)
        for index, slot in enumerate(slots):
            if slot.framework == "cqc_rating":
                continue
            limit = slots[index + 1].start if index + 1 < len(slots) else len(text)
            if self.ellipsis_subordinate.search(text, max(0, slot.start - 90), slot.start):
                continue
            found = self.ellipsis_exit.search(text, slot.end, limit)
            # (read again without the limit: what follows the verb may name what was left, "out of the regime")
            if found and self.ellipsis_exit.match(text, found.start()):
                start, end = found.span("verb")
                rules = [*slot.rules[:1], "ellipsis.exit"]
                out.append(Slot(slot.framework, slot.to, start, end, rules=rules, elliptical="exit"))
            told = self.relative_change.match(text, slot.end)
            if told is not None and slot.to is not None:
                # "still in special measures, which it had entered in December 2015": the clause's own change
                verb = "enter" if told.group("enter") else "exit"
                start, end = told.span(verb)
                rules = [*slot.rules[:1], f"ellipsis.relative_{verb}"]
                # (told in passing: an event only when the clause dates it; a date after its closing comma is not its)
                closing = text.find(",", end)
                out.append(
                    Slot(
                        slot.framework,
                        slot.to,
                        start,
                        end,
                        rules=rules,
                        elliptical=verb,
                        needs_own_date=True,
                        clause_end=closing if closing >= 0 else None,
                    )
                )
        return sorted(out, key=lambda s: s.start)

    def merge_moves(self, slots: list[Slot], text: str) -> list[Slot]:
        """'from segment 4 to segment 3' → one slot with from_ and to."""
        merged: list[Slot] = []
        i = 0
        while i < len(slots):
            slot = slots[i]
            nxt = next((s for s in slots[i + 1 :] if s.start >= slot.end), None)
            if (
                nxt is not None
                and nxt.framework == slot.framework
                # ("no longer in special measures after two years in the regime": no move; "from good to good" kept)
                and (nxt.to != slot.to or slot.framework == "cqc_rating")
                and self.move_between.search(PARENTHESES.sub("", text[slot.end : nxt.start]))
                and (
                    self.move_from_before.search(text[: slot.start])
                    or slot.framework == "cqc_rating"
                    or (LABEL_BEFORE.search(text[: slot.start]) and BARE_TO.fullmatch(text, slot.end, nxt.start))
                )
            ):
                rules = [*slot.rules, *nxt.rules, "move.between"]
                merged.append(replace(nxt, from_=slot.to, start=slot.start, change="move", rules=rules))
                i = slots.index(nxt) + 1
                continue
            if nxt is not None and self.shed_move(slot, nxt, text):
                # "shook off its requires improvement status to be rated good": left the first for the second
                rules = [*slot.rules, *nxt.rules, "move.shed"]
                merged.append(replace(nxt, from_=slot.to, change="move", rules=rules))
                i = slots.index(nxt) + 1
                continue
            if nxt is not None and self.reversed_move(slot, nxt, text):
                # "dropped to good from outstanding": the first term is where it went
                rules = [*slot.rules, *nxt.rules, "move.reversed"]
                merged.append(replace(slot, from_=nxt.to, end=nxt.end, change="move", rules=rules))
                i = slots.index(nxt) + 1
                continue
            elliptical = self.move_to_ordinal.match(text, slot.end)
            # (or "Medway NHS Foundation Trust (segment 4 to 3)": a list item's bracket)
            bracketed = BRACKET_BEFORE.search(text, 0, slot.start) is not None
            if elliptical and (self.move_from_before.search(text[: slot.start]) or bracketed):
                # "from the second tier to the first": the second term is left out
                value = self.numbers.get(elliptical.group("ordinal").lower())
                if value is not None and value != slot.to:
                    rules = [*slot.rules, "move.to_ordinal"]
                    merged.append(
                        replace(slot, from_=slot.to, to=value, end=elliptical.end(), change="move", rules=rules)
                    )
                    i += 1
                    continue
            merged.append(slot)
            i += 1
        return merged

    def shed_move(self, slot: Slot, nxt: Slot, text: str) -> bool:
        """'shook off its X status to be rated Y': two terms of one framework, the first one shed for the second."""
        return (
            nxt.framework == slot.framework
            and slot.to != nxt.to
            and self.shed_before.search(text, max(0, slot.start - 40), slot.start) is not None
            and self.shed_between.search(text[slot.end : nxt.start]) is not None
        )

    def reversed_move(self, slot: Slot, nxt: Slot, text: str) -> bool:
        """'to good from outstanding': two terms of one framework, the first after 'to', the second after 'from'."""
        return (
            nxt.framework == slot.framework
            and slot.to != nxt.to
            and self.move_to_before.search(text, max(0, slot.start - 30), slot.start) is not None
            and self.move_between_reversed.search(PARENTHESES.sub("", text[slot.end : nxt.start])) is not None
        )


def drop_glosses(slots: list[Slot], text: str) -> list[Slot]:
    """One status under two names in one phrase is one slot: 'the Recovery Support Programme (RSP)',
    'segment 4 (mandated intensive support)', 'segment four of the RSP' (not 'segment 4 and the RSP': two).
    Of a NOF segment and a programme, the segment is kept (it says more)."""
    out: list[Slot] = []
    for slot in slots:
        prev = out[-1] if out else None
        if prev is None or slot.start < prev.end:
            out.append(slot)
            continue
        gap = text[prev.end : slot.start]
        same = prev.framework == slot.framework and prev.to == slot.to and GLOSS_GAP.match(gap)
        intensive = {prev.framework, slot.framework} <= INTENSIVE | {"nof"} and (
            prev.framework in INTENSIVE or slot.framework in INTENSIVE
        )
        if same or (intensive and PROGRAMME_GLOSS_GAP.match(gap)):
            if slot.framework == "nof" and prev.framework != "nof":
                out[-1] = replace(slot, start=prev.start, rules=[*prev.rules, *slot.rules])
            continue
        out.append(slot)
    return out
