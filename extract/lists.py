"""Stage 5, lists and groups: statuses of "N trusts" filled in by the organisations listed next.

A sentence whose status has no named subject, or whose subject is a count ("16 trusts", "a dozen
hospitals"), opens a list: the organisations named in the next few sentences, as bullets, after a
colon, or after "They are", "Among them", take its status. Each list introduction opens a new list
and closes the previous one; an introduction whose status is negated, conditional or hypothetical
("The three not placed in special measures are:") opens none, so what follows gets no event.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .ascii_twin import compile_ignoring_case
from .rules import Lexicon
from .statuses import Slot

if TYPE_CHECKING:
    from .anchoring import SentenceDates

BULLETS = "•*–·▪●-"
MAX_AGE = 3
INTRO_TAIL = 40
MAX_RESIDUE = 6
# "Provided and run by:" on a CQC location page: the provider of the place the page rates, no list of bodies
PROVIDER_LINE = compile_ignoring_case(
    r"\b(provided|run|managed|operated)(\s+and\s+(run|managed|operated))?\s+by\s*:\s*$"
)


@dataclass
class OpenList:
    """The status a list introduction gave, waiting for the organisations it names."""

    slots: list[Slot] = field(default_factory=list)
    age: int = 99
    rule: str = ""
    start: int | None = None  # where the introduction starts in the document: the members' evidence begins there
    bare_lines: bool = False  # the last member was a line of names alone, unpunctuated: the next such line is one too
    dates: SentenceDates | None = (
        None  # the introduction's dates: its slots' dates, for members told without one of their own
    )
    size: int | None = None  # the count of "Three trusts have been placed in ...", when it gives one

    @property
    def active(self) -> bool:
        return bool(self.slots) and self.age <= MAX_AGE


class Lists:
    """Recognises list introductions and continuations."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.aggregate = lexicon["aggregate.count"]

    def introduces(self, text: str) -> str | None:
        """The id of the rule by which a sentence introduces a list ("... are:"), or None."""
        ending = text[-INTRO_TAIL:]  # both patterns are anchored at the end of the sentence
        if PROVIDER_LINE.search(ending):
            return None
        for rule_id in ("list_intro.colon", "list_intro.verb_end"):
            if self.lexicon[rule_id].search(ending):
                return rule_id
        return None

    def open(self, current: OpenList, slots: list[Slot], rule: str, dates: SentenceDates | None = None) -> OpenList:
        """A new list with the status of ``slots``: only actual or proposed, never negated ones."""
        kept = [replace(s, rules=[*s.rules, rule]) for s in slots if s.modality in ("actual", "proposed")]
        return OpenList(kept, 0, rule, dates=dates) if kept else OpenList()

    def continuation(
        self, text: str, previous_text: str, current: OpenList, residue: int, leading: int = 0
    ) -> str | None:
        """The id of the rule by which ``text`` continues the open list, or None.

        ``residue`` is how many words of ``text`` are not names: a list item is made of names, a
        sentence that merely mentions an organisation ("a review followed the report on X") is not.
        """
        if not current.active:
            return None
        if self.lexicon["list_intro.pronoun_head"].search(text):
            return "list_intro.pronoun_head"  # "They are A, B and C", "Two of the others are ..."
        if self.lexicon["list_intro.group_head"].search(text):
            return "list_intro.group_head"  # "The four NHS organisations are: A; B; C; and D"
        if current.size and current.size > 1 and leading == current.size and current.age == 1:
            # "Three trusts have been placed in special measures. A, B and C have a combined deficit of £145m":
            # the sentence right after the count opens with as many bodies as it counted
            return "list.counted_names"
        if residue > MAX_RESIDUE:
            return None
        if text.lstrip()[:1] in BULLETS or previous_text.rstrip()[-1:] in BULLETS:
            return "list.bullet"
        intro = self.introduces(previous_text)
        if intro:
            return intro
        if current.bare_lines and residue == 0:
            return "list.line"  # "The trusts are:" then one name a line, without bullets (the last may end in ".")
        if self.lexicon["list_intro.pronoun_head"].search(previous_text):
            return "list_intro.pronoun_head"
        return None


def bare_line(text: str) -> bool:
    """A line without a sentence's closing punctuation (a list item written one to a line)."""
    return text.rstrip()[-1:] not in ".!?"
