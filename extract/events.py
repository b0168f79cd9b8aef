"""From a parsed document to status-change events.

Per sentence: status terms (found by the spaCy pipeline, ``extract.pipeline``) are grouped into slots ("from segment 4
to segment 3" is one slot), each slot gets a change type, a modality and a date from the cue
rules, and is given to the organisations the sentence names (or, when it names none, to the
organisation that "the trust", "it", "we" refers to). A status whose subject is a count ("16
trusts") is held for a list of organisations that follows ("The three trusts are: A; B; C").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import Any

from .dates import DateMention, find_dates, last_year_before
from .gazetteer import NON_SUBJECT_TYPES, Gazetteer, Organisation, lower_same_length
from .pipeline import StatusTerm, find_statuses
from .rules import Cues, StatusRule
from .sentences import sentence_spans

CONTEXT_WORDS = re.compile(
    r"\b(ICSs?|ICBs?|STPs?|systems?|trusts?|integrated care|health (and care )?economy|footprints?|tiers?|"
    r"segments?|ambulance services?)\b",
    re.I,
)
INTENSIVE = {"rsp", "special_measures"}
CUE_WINDOW = 90
NOW = re.compile(r"\b(now|today|this week)\b(\s+\S+){0,4}\s*$", re.I)
# "X is one of 14 trusts", "among the trusts": X is a member of the counted group ("two of our
# providers", by contrast, are the subject themselves)
MEMBERSHIP = re.compile(r"\bone of\s+(the\s+)?$|\bamong\s+(the\s+)?$", re.I)
PARTITIVE = re.compile(r"one of\b", re.I)
COUNT_WORDS = {"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
WORD = re.compile(r"[a-z0-9]+")
REGULATOR_AGENT = re.compile(r"\b(CQC|Care Quality Commission|inspectors?)\b[^.;]*\brated\b", re.I)
CONDITION_AFTER = re.compile(r"^[^.;]*?\b(if|unless)\b", re.I)
PARENTHESES = re.compile(r"\([^)]*\)")
GLOSS_GAP = re.compile(r"^[\s(\[\-–—:,\"']*$")
ICB_TYPES = frozenset({"icb", "ccg"})
BULLETS = "•*–·▪●-"


class SentenceDates:
    """The date expressions of a sentence, found only if an event needs them."""

    def __init__(
        self, text: str, published: str | None, carried_from: str = "", slots: list[Slot] | None = None,
        offset: int = 0,
    ):
        self.text, self.published, self.offset = text, published, offset
        self.slots = slots or []  # the sentence's status terms: each date belongs to the nearest
        self.carried_from = carried_from  # earlier text of the paragraph, when the sentence refers back to it
        self._items: list[DateMention] | None = None

    @property
    def items(self) -> list[DateMention]:
        if self._items is None:
            self._items = find_dates(self.text, self.published)
        return self._items

    def carried(self) -> DateMention | None:
        """The last resolved date of the paragraph before a sentence like "In line with this, ..."."""
        found = [d for d in find_dates(self.carried_from, self.published) if d.value] if self.carried_from else []
        return found[-1] if found else None


@dataclass
class OrgMention:
    """An organisation named in the text."""

    org: Organisation
    start: int
    end: int
    text: str


@dataclass
class Slot:
    """One status claim in a sentence: framework, from, to and where it is."""

    framework: str
    to: Any
    start: int
    end: int
    from_: Any = None
    change: str = "state"
    modality: str = "actual"
    version: str | None = None


@dataclass
class Event:
    """A status change (or asserted status) of one organisation."""

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
        }


@dataclass
class DocState:
    """What the reader remembers while going through a document."""

    published: str | None
    publisher: Organisation | None
    last_trust: Organisation | None = None
    last_icb: Organisation | None = None
    last_subject: Organisation | None = None
    confident_codes: set[str] = field(default_factory=set)
    pending: list[Slot] = field(default_factory=list)
    pending_age: int = 99
    doc_tier_kinds: list[str] | None = None
    full_text: str = ""
    last_events: list[Event] = field(default_factory=list)
    main_org: Organisation | None = None
    last_group: list[Organisation] = field(default_factory=list)
    mentions: list[OrgMention] = field(default_factory=list)
    sentence_index: int = 0


def nof_version(day: str | None, value: Any) -> str:
    """Which oversight framework a segment belongs to, by the date it applies to.

    2016: NHS Improvement's Single Oversight Framework (Oct 2016 - Jun 2019); 2019: NHS Oversight
    Framework 2019/20-2020/21; 2021: NHS Oversight Framework 2021/22-2024/25 (segment 4 = Recovery
    Support Programme); 2025: NHS Oversight Framework 2025/26 (segments 1-5, league tables).
    Without a date, the framework in force now is assumed only for segment 5.
    """
    if value == 5 or (day and day >= "2025-07"):
        return "2025"
    if day and day < "2019-07":
        return "2016"
    if day and day < "2021-07":
        return "2019"
    return "2021"


class DocumentReader:
    """Turns one parsed document into events."""

    def __init__(self, gazetteer: Gazetteer, rules: list[StatusRule], numbers: dict[str, int], cues: Cues):
        self.gazetteer = gazetteer
        self.rules = {r.id: r for r in rules}
        self.numbers = numbers
        self.cues = cues

    # -- organisations -------------------------------------------------------------------------
    def org_mentions(self, text: str, state: DocState, starts: list[int]) -> list[OrgMention]:
        """Resolved organisation mentions, dropping ambiguous aliases without context.

        ``starts`` are the sentences' start offsets: an ambiguous alias ("Devon") counts when its
        sentence also names an organisation unambiguously or uses a word like "ICS" or "trusts".
        """
        candidates = []
        confident_sents: set[int] = set()
        for start, end, alias in self.gazetteer.find(text):
            org = self.gazetteer.pick(alias.codes, state.published)
            if org is None:
                continue
            sentence = bisect_right(starts, start) - 1
            candidates.append(((start, end), alias, org, sentence))
            if not alias.needs_context:
                confident_sents.add(sentence)
                state.confident_codes.add(org.ods_code)
        out: list[OrgMention] = []
        for span, alias, org, sentence in candidates:
            if alias.needs_context and not (
                sentence in confident_sents
                or org.ods_code in state.confident_codes
                or CONTEXT_WORDS.search(_sentence_text(text, starts, sentence))
            ):
                continue
            out.append(OrgMention(org, span[0], span[1], text[span[0] : span[1]]))
        return out

    # -- status terms --------------------------------------------------------------------------
    def status_value(self, term: StatusTerm, rule: StatusRule) -> Any:
        if rule.value != "NUM":
            return rule.value
        for word in WORD.findall(term.text.lower()):
            value = self.numbers.get(word)
            if value is not None:
                return value
        return None

    def document_tier_kinds(self, state: DocState) -> list[str]:
        """Tier kinds named anywhere in the document (computed once, when first needed)."""
        if state.doc_tier_kinds is None:
            state.doc_tier_kinds = self.tier_kinds(state.full_text)
        return state.doc_tier_kinds

    def nearest_tier_kinds(self, text: str, start: int, end: int, limit: int) -> list[str]:
        """Tier kinds named right after a tier ("tier 1 for cancer", before ``limit``, where the next
        status term starts) or just before it ("cancer tier 1")."""
        after = {}
        for kind, pattern in self.cues.tier_kinds.items():
            found = pattern.search(text, end, limit)
            if found:
                after[kind] = found.start() - end
        if after and min(after.values()) <= 45:
            # "tier 1 for both elective and cancer": the nearest kind and any coordinated with it
            nearest = min(after.values())
            return [kind for kind, gap in after.items() if gap <= nearest + 25]
        before = [k for k, p in self.cues.tier_kinds.items() if p.search(text[max(0, start - 30) : start])]
        return before or ([min(after, key=after.get)] if after else [])

    def tier_kinds(self, text: str) -> list[str]:
        return [kind for kind, pattern in self.cues.tier_kinds.items() if pattern.search(text)]

    def slots(self, full: str, offset: int, text: str, terms: list[StatusTerm], state: DocState) -> list[Slot]:
        """Status terms of a sentence as slots with framework and value resolved."""
        out: list[Slot] = []
        for index, term in enumerate(terms):
            rule = self.rules[term.rule]
            if rule.context and not rule.context.search(text):
                continue
            value = self.status_value(term, rule)
            if value is None:
                continue
            start, end = term.start - offset, term.end - offset
            if rule.framework == "tier":
                kinds = (
                    self.nearest_tier_kinds(text, start, end, _next_start(terms, index, offset, len(text)))
                    or self.tier_kinds(text)
                    or self.tier_kinds(_paragraph(full, offset))
                    or self.document_tier_kinds(state)[:1]
                    or ["uec_tier"]
                )
                out += [Slot(kind, value, start, end) for kind in kinds]
            elif rule.framework == "nof_intensive":
                out.append(Slot("nof", value, start, end, version="2025"))
            elif rule.framework == "nof" and not 1 <= value <= 5:
                continue
            else:
                out.append(Slot(rule.framework, value, start, end))
        return self.merge_moves(self.drop_glosses(out, text), text)

    @staticmethod
    def drop_glosses(slots: list[Slot], text: str) -> list[Slot]:
        """'the Recovery Support Programme (RSP)', 'segment 4 (mandated intensive support)': one status."""
        out: list[Slot] = []
        for slot in slots:
            prev = out[-1] if out else None
            if (
                prev is not None
                and slot.start >= prev.end
                and GLOSS_GAP.match(text[prev.end : slot.start])
                and (
                    (prev.framework == slot.framework and prev.to == slot.to)
                    or (slot.framework in INTENSIVE and prev.framework in INTENSIVE | {"nof"})
                )
            ):
                continue
            out.append(slot)
        return out

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
                and self.cues.move_between.search(PARENTHESES.sub("", text[slot.end : nxt.start]))
                and (self.cues.move_from_before.search(text[: slot.start]) or slot.framework == "cqc_rating")
            ):
                merged.append(replace(nxt, from_=slot.to, start=slot.start, change="move"))
                i = slots.index(nxt) + 1
                continue
            merged.append(slot)
            i += 1
        return merged

    def classify(self, slot: Slot, text: str, window_start: int) -> bool:
        """Set change and modality of a slot from its cues; False when the status is denied."""
        # Cues sit within a few words of the status term; a short window keeps the regexes cheap.
        before = text[max(window_start, slot.start - CUE_WINDOW) : slot.start]
        after = text[slot.end : slot.end + CUE_WINDOW]
        lead = text[max(0, slot.start - 2 * CUE_WINDOW) : slot.end]
        if slot.change != "move":
            slot.change = "state"
            for family, pattern in self.cues.change_before:
                if pattern.search(before):
                    slot.change = family
                    break
            else:
                for family, pattern in self.cues.change_after:
                    if pattern.search(after):
                        slot.change = family
                        break
            if any(p.search(before) for p in self.cues.negation):
                return False
        if any(p.search(lead) for p in self.cues.hypothetical) or CONDITION_AFTER.search(after[:80]):
            slot.modality = "hypothetical"
        elif any(p.search(lead) for p in self.cues.proposed) and not any(p.search(text) for p in self.cues.realised):
            slot.modality = "proposed"
        self.normalise(slot)
        return True

    @staticmethod
    def normalise(slot: Slot) -> None:
        """Make from/to follow the output conventions of each framework."""
        if slot.framework in INTENSIVE:
            if slot.change == "exit":
                slot.from_, slot.to = "in", "out"
            elif slot.change in ("enter", "move"):
                slot.change = "enter"
                slot.from_, slot.to = "out", "in"
            else:
                slot.from_, slot.to = None, "in"
        elif slot.change == "exit":
            slot.from_, slot.to = slot.to, None
        elif slot.change == "remain":
            slot.from_ = slot.to
        elif slot.framework == "cqc_rating" and slot.change in ("enter", "state"):
            slot.change = "move" if slot.change == "enter" else "state"

    # -- subjects ------------------------------------------------------------------------------
    def subjects(self, mentions: list[OrgMention], text: str) -> list[OrgMention]:
        """Organisations a sentence is about (not regulators, not places things happen in)."""
        subjects = [m for m in mentions if m.org.type not in NON_SUBJECT_TYPES]
        direct = [m for m in subjects if not self.cues.location.search(text[: m.start])]
        return direct or subjects

    def anaphor(self, before: str, state: DocState) -> Organisation | None:
        """The organisation 'the trust', 'the ICB', 'it' or 'we' refers to."""
        if self.cues.aggregate.search(before):
            return None
        if self.cues.anaphora["icb"].search(before):
            return state.last_icb or (
                state.publisher if state.publisher and state.publisher.type in ICB_TYPES else None
            )
        if self.cues.anaphora["trust"].search(before):
            if state.last_trust:
                return state.last_trust
            if state.publisher and state.publisher.type not in ICB_TYPES | NON_SUBJECT_TYPES:
                return state.publisher
            # a headline or lede may say "the ambulance service" before naming it
            lede = state.sentence_index < 4 and state.main_org and state.main_org.type not in ICB_TYPES
            return state.main_org if lede else None
        if state.sentence_index < 4 and state.main_org and self.cues.anaphora["indefinite"].search(before):
            return state.main_org
        if self.cues.anaphora["pronoun"].search(before):
            return state.last_subject or (
                state.publisher if state.publisher and state.publisher.type not in NON_SUBJECT_TYPES else None
            )
        return None

    @staticmethod
    def remember(state: DocState, org: Organisation) -> None:
        if org.type in ICB_TYPES:
            state.last_icb = org
        elif org.type not in NON_SUBJECT_TYPES:
            state.last_trust = org
        if org.type not in NON_SUBJECT_TYPES:
            state.last_subject = org

    def pick_date(
        self, sentence_dates: SentenceDates, slot: Slot, state: DocState
    ) -> tuple[str | None, str | None, bool]:
        """The date a slot took effect: a date in its sentence, else the publication date."""
        dates = sentence_dates.items
        if any(s is slot for s in sentence_dates.slots):
            # a date nearest this status term is its own; else "has now been moved" means today;
            # else a date elsewhere in the sentence ("placed in special measures in 2014 after being
            # rated inadequate") still dates it
            own = [d for d in dates if _nearest_slot_to(d, sentence_dates.slots) is slot]
            window = sentence_dates.text[max(0, slot.start - CUE_WINDOW) : slot.start]
            if not own and NOW.search(window):
                dates = []
            elif own:
                dates = own
        if dates:
            after = [d for d in dates if d.start >= slot.end]
            before = [d for d in dates if d.end <= slot.start]
            chosen = after[0] if after else before[-1] if before else dates[0]
            if chosen.ahead and slot.modality != "actual":
                return chosen.ahead, chosen.text, True
            if chosen.year_offset is not None:
                year = last_year_before(state.full_text, sentence_dates.offset + chosen.start)
                if year is not None:
                    return str(year + chosen.year_offset), chosen.text, True
            if chosen.value:
                return chosen.value, chosen.text, True
        carried = sentence_dates.carried()
        if carried is not None:
            return carried.value, carried.text, True
        return (state.published[:10] if state.published else None), None, False

    # -- the document --------------------------------------------------------------------------
    def read(self, full: str, original: str, state: DocState) -> list[Event]:
        """Events of a document: ``full`` is its text with quotes straightened, ``original`` as given
        (the two have the same length, so offsets hold in both)."""
        state.full_text = full
        sentences = sentence_spans(full)
        starts = [start for start, _ in sentences]
        mentions = self.org_mentions(full, state, starts)
        state.mentions = mentions
        state.main_org = main_organisation(mentions)
        by_sentence = _bucket(starts, mentions, lambda m: m.start)
        statuses = _bucket(starts, find_statuses(full, lower_same_length(full), sentences), lambda term: term.start)
        events: list[Event] = []
        previous_text = ""
        for index, (offset, end) in enumerate(sentences):
            text = full[offset:end]
            in_sent = [replace(m, start=m.start - offset, end=m.end - offset) for m in by_sentence[index]]
            if statuses[index] or (in_sent and state.pending):
                slots = self.slots(full, offset, text, statuses[index], state)
                earlier = full[full.rfind("\n", 0, offset) + 1 : offset] if self.cues.carry_date.search(text) else ""
                sentence_dates = SentenceDates(text, state.published, earlier, slots, offset)
                new_events = self.read_sentence(text, in_sent, slots, sentence_dates, state, previous_text)
                evidence, span = _evidence(original, offset, end)
                for event in new_events:
                    event.evidence, (event.start, event.end) = evidence, span
                events += new_events
                if new_events:
                    state.last_events = new_events
            if in_sent:
                named = self.subjects(in_sent, text)
                for m in reversed(named):
                    self.remember(state, m.org)
                group = list({m.org.ods_code: m.org for m in named if m.org.type not in NON_SUBJECT_TYPES}.values())
                if len(group) > 1:
                    state.last_group = group
            previous_text = text
            state.pending_age += 1
            if state.pending and self.cues.list_intro[0].search(text):
                state.pending_age = 0  # "The organisations affected are:" keeps the status for the list
            state.sentence_index += 1
        return events

    def read_sentence(
        self,
        text: str,
        mentions: list[OrgMention],
        slots: list[Slot],
        dates: SentenceDates,
        state: DocState,
        previous_text: str,
    ) -> list[Event]:
        subjects = self.subjects(mentions, text)
        if not slots:
            return self.list_continuation(text, subjects, dates, state, previous_text)
        kept: list[Slot] = []
        previous_values: list[Slot] = []
        for slot in slots:
            # a status term's cues lie between it and the previous term (the same term read as two
            # tier kinds shares its window)
            window = max((s.end for s in slots if s.end <= slot.start), default=0)
            before = text[window : slot.start]
            if slot.framework == "cqc_rating" and self.service_rating(slot, subjects, text, window):
                continue
            if self.cues.previous.search(before) and slot.change != "move":
                previous_values.append(slot)
            elif self.classify(slot, text, window):
                kept.append(slot)
        if previous_values and kept:
            self.apply_previous(kept, previous_values)
        elif previous_values:
            updated = self.update_previous_events(previous_values, subjects, text, state)
            if updated:
                return []
            for slot in previous_values:
                if self.classify(slot, text, 0):
                    kept.append(slot)
        if not kept:
            return []
        events: list[Event] = []
        for slot in kept:
            orgs, confidence = self.slot_subjects(slot, kept, subjects, text, state)
            if not orgs:
                if self.cues.aggregate.search(text[: slot.start]) or not subjects:
                    state.pending, state.pending_age = [replace(s) for s in kept], 0
                continue
            for mention, org in orgs:
                events.append(self.event(org, slot, text, dates, state, confidence, mention))
        return events

    def slot_subjects(
        self, slot: Slot, slots: list[Slot], subjects: list[OrgMention], text: str, state: DocState
    ) -> tuple[list[tuple[str, Organisation]], float]:
        """Which organisations a slot is about, and how sure we are."""
        if subjects and self.aggregate_subject(slot, subjects, text):
            return [], 0.0
        if subjects:
            values = {(s.framework, s.to) for s in slots}
            if len(values) > 1:
                mine = [m for m in subjects if self.nearest_slot(m, slots) is slot]
                if mine:
                    return [(m.text, m.org) for m in mine], 0.85
            return [(m.text, m.org) for m in subjects], 0.9
        before = text[: slot.start]
        if state.last_group and self.group_reference(before[-CUE_WINDOW:], len(state.last_group)):
            return [(before.strip()[:60], org) for org in state.last_group], 0.65
        org = self.anaphor(before, state)
        if org is not None:
            return [(before.strip()[:60], org)], 0.7
        if slot.framework == "cqc_rating" and state.main_org and REGULATOR_AGENT.search(text[: slot.start]):
            # "In May 2014, the CQC rated services as good overall": the article's organisation
            return [(state.main_org.name, state.main_org)], 0.6
        return [], 0.0

    def group_reference(self, before: str, group_size: int) -> bool:
        """'the four organisations', 'both trusts', 'these systems' naming a group of that size."""
        found = self.cues.anaphora["group"].search(before)
        if not found:
            return False
        count = (found.group("count") or "").lower()
        size = 2 if found.group("det").lower() == "both" else self.numbers.get(count, COUNT_WORDS.get(count))
        if size is None and count.isdigit():
            size = int(count)
        return size is None or size == group_size

    def service_rating(self, slot: Slot, subjects: list[OrgMention], text: str, window: int) -> bool:
        """A rating of a service, unit or key question rather than of the organisation."""
        if self.cues.rating_overall.search(text[slot.end :]):
            return False
        start = max([window] + [m.end for m in subjects if m.end <= slot.start])
        return bool(self.cues.rating_scope.search(text[start : slot.start]))

    def aggregate_subject(self, slot: Slot, subjects: list[OrgMention], text: str) -> bool:
        """True when a count ('two of our providers') stands between the organisations and the status."""
        before = [m for m in subjects if m.end <= slot.start]
        last_org_end = max((m.end for m in before), default=0)
        counts = [
            m
            for m in self.cues.aggregate.finditer(text[: slot.start])
            if m.start() >= last_org_end
            and not MEMBERSHIP.search(text, 0, m.start())
            and not PARTITIVE.match(m.group())
        ]
        return bool(counts) and not [m for m in subjects if m.start >= slot.end]

    @staticmethod
    def nearest_slot(mention: OrgMention, slots: list[Slot]) -> Slot:
        following = [s for s in slots if s.start >= mention.end]
        if following:
            return following[0]
        return min(slots, key=lambda s: abs(s.start - mention.end))

    def update_previous_events(
        self, previous_values: list[Slot], subjects: list[OrgMention], text: str, state: DocState
    ) -> bool:
        """'It was previously in Tier 2': turn the last sentence's entries into moves."""
        orgs = {m.org.ods_code for m in subjects}
        if not orgs:
            org = self.anaphor(text[: previous_values[0].start], state)
            orgs = {org.ods_code} if org else set()
        updated = False
        for event in state.last_events:
            for prev in previous_values:
                same = event.org.ods_code in orgs and event.framework == prev.framework and event.to != prev.to
                if same and _open_change(event.change, event.from_):
                    event.from_, event.change = prev.to, "move"
                    updated = True
        return updated

    @staticmethod
    def apply_previous(kept: list[Slot], previous_values: list[Slot]) -> None:
        for slot in kept:
            for prev in previous_values:
                if prev.framework == slot.framework and _open_change(slot.change, slot.from_) and prev.to != slot.to:
                    slot.from_, slot.change = prev.to, "move"

    def list_continuation(
        self, text: str, subjects: list[OrgMention], dates: SentenceDates, state: DocState, previous_text: str
    ) -> list[Event]:
        """Organisations listed after a sentence that named the status of 'N trusts'."""
        if not subjects or not state.pending or state.pending_age > 3:
            return []
        listed = (
            text.lstrip()[:1] in BULLETS
            or previous_text.rstrip()[-1:] in BULLETS
            or any(p.search(previous_text) for p in self.cues.list_intro)
            or any(p.search(text) for p in self.cues.list_intro[1:2])
        )
        if not listed:
            return []
        state.pending_age = 0
        return [
            self.event(m.org, slot, text, dates, state, 0.6, m.text) for slot in state.pending for m in subjects
        ]

    def event(
        self,
        org: Organisation,
        slot: Slot,
        text: str,
        dates: SentenceDates,
        state: DocState,
        confidence: float,
        mention: str,
    ) -> Event:
        day, day_text, from_text = self.pick_date(dates, slot, state)
        version = slot.version
        if slot.framework == "nof" and version is None:
            version = nof_version(day or state.published, slot.to)
        return Event(
            org=org,
            framework=slot.framework,
            change=slot.change,
            from_=slot.from_,
            to=slot.to,
            date=day,
            date_text=day_text,
            modality=slot.modality,
            evidence=text,
            start=0,
            end=0,
            confidence=confidence,
            framework_version=version,
            date_from_text=from_text,
            mention=mention,
        )


def _nearest_slot_to(found: DateMention, slots: list[Slot]) -> Slot | None:
    """The status term a date expression is closest to (a date between two belongs to the nearer)."""
    if not slots:
        return None
    return min(slots, key=lambda s: max(s.start - found.end, found.start - s.end, 0))


def _next_start(terms: list[StatusTerm], index: int, offset: int, default: int) -> int:
    """Where the status term after ``terms[index]`` starts in its sentence (or ``default``)."""
    return terms[index + 1].start - offset if index + 1 < len(terms) else default


def _open_change(change: str, from_: Any) -> bool:
    """A change whose earlier status is unknown, so a "previously ..." can supply it."""
    return change in ("enter", "state") or (change == "move" and from_ is None)


def _bucket(starts: list[int], items: list, position) -> list[list]:
    """Items grouped by the sentence (given by its start offset) they fall in."""
    buckets: list[list] = [[] for _ in starts]
    for item in items:
        index = bisect_right(starts, position(item)) - 1
        if index >= 0:
            buckets[index].append(item)
    return buckets


def _sentence_text(text: str, starts: list[int], index: int) -> str:
    end = starts[index + 1] if index + 1 < len(starts) else len(text)
    return text[starts[index] : end] if index >= 0 else ""


def _paragraph(text: str, offset: int) -> str:
    """The line (paragraph or list item) the sentence starting at ``offset`` belongs to."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)]


def _evidence(original: str, start: int, end: int) -> tuple[str, tuple[int, int]]:
    """The sentence as it stands in the original text, without surrounding space and bullets."""
    raw = original[start:end]
    stripped = raw.lstrip(" \t\n" + BULLETS)
    lead = len(raw) - len(stripped)
    stripped = stripped.rstrip(" \t\n" + BULLETS)
    return stripped, (start + lead, start + lead + len(stripped))


def main_organisation(mentions: list[OrgMention]) -> Organisation | None:
    """The organisation a document is mostly about: the most-named subject, the earliest on a tie."""
    counts: dict[str, int] = {}
    first: dict[str, OrgMention] = {}
    for mention in mentions:
        if mention.org.type in NON_SUBJECT_TYPES:
            continue
        counts[mention.org.ods_code] = counts.get(mention.org.ods_code, 0) + 1
        first.setdefault(mention.org.ods_code, mention)
    if not counts:
        return None
    best = max(counts, key=lambda code: (counts[code], -first[code].start))
    return first[best].org


def _intensive(event: Event) -> str | None:
    """'in'/'out' when an event is about mandated intensive support, whatever its framework."""
    if event.framework in INTENSIVE:
        return event.to
    if event.framework == "nof":
        if event.to == 4 and event.framework_version != "2025":
            return "in"
        if event.from_ == 4 and (event.to is None or (isinstance(event.to, int) and event.to < 4)):
            return "out"
    return None


def _same_change(a: Event, b: Event) -> bool:
    """Two events of a document that report one change (in different sentences).

    The Recovery Support Programme and special measures are one status under two names; a NOF segment
    move is reported as its own event even when another sentence calls it leaving the programme.
    """
    if a.org.ods_code != b.org.ods_code or a.modality != b.modality:
        return False
    if a.framework in INTENSIVE and b.framework in INTENSIVE:
        return _intensive(a) == _intensive(b)
    if a.framework != b.framework:
        return False
    if a.to == b.to:
        return a.from_ == b.from_ or "state" in (a.change, b.change) or None in (a.from_, b.from_)
    # "left segment 4" and "moved from segment 4 to segment 3" on one occasion are one change
    return a.from_ is not None and a.from_ == b.from_ and None in (a.to, b.to)


_FRAMEWORK_PREFERENCE = {"nof": 0, "rsp": 1, "special_measures": 2}


def _same_occasion(a: Event, b: Event, published: str | None) -> bool:
    """Two reports of one change: same date, or one undated and the other dated around publication."""
    if a.date == b.date:
        return True
    if a.date_from_text and b.date_from_text:
        return False
    dated = a if a.date_from_text else b
    return bool(published and dated.date and published[:7].startswith(dated.date[:7]))


def deduplicate(events: list[Event], published: str | None = None) -> list[Event]:
    """One event per organisation per change.

    Within a sentence, 'segment 4 of the RSP' and 'left special measures and the RSP' are one change;
    across the document, a repeat of the same change without its own date adds no event.
    """
    by_sentence: dict[tuple[str, int, str | None], Event] = {}
    out: list[Event] = []
    for event in events:
        intensive = _intensive(event)
        if intensive is None:
            out.append(event)
            continue
        key = (event.org.ods_code, event.start, intensive)
        kept = by_sentence.get(key)
        if kept is None:
            by_sentence[key] = event
            out.append(event)
        elif _FRAMEWORK_PREFERENCE[event.framework] < _FRAMEWORK_PREFERENCE[kept.framework]:
            out[out.index(kept)] = event
            by_sentence[key] = event
    result: list[Event] = []
    for event in out:
        twin = next((e for e in result if _same_change(e, event) and _same_occasion(e, event, published)), None)
        if twin is None:
            result.append(event)
        elif (
            (event.date_from_text and not twin.date_from_text)
            or (twin.change == "state" != event.change)
            or (twin.to is None and event.to is not None)
            or (twin.from_ is None and event.from_ is not None)
        ):
            result[result.index(twin)] = event
    return result
