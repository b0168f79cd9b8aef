"""The spaCy pipeline for status terms, run only on the sentences that can hold one.

The pipeline is a blank English tokenizer plus ``nhswatch_statuses`` (a spaCy factory): a
PhraseMatcher over the status rules' phrases → ``doc.spans["statuses"]``. A sentence is parsed only
when it contains one of the rules' key words (``status_trigger``): most sentences of most
announcements cannot state a status, and skipping them keeps extraction within twice the cost of
tokenizing the text. Sentences come from ``extract.sentences``; organisation names from the
gazetteer's automaton (``Gazetteer.find``), which scans the whole text once.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .ascii_twin import plain_ascii
from .gazetteer import _trie_pattern
from .rules import load_rules


def expand_phrases(pattern: list[dict[str, Any]]) -> list[list[str]]:
    """Every lower-case word sequence a literal token pattern matches.

    Status terms are short fixed phrases, so a PhraseMatcher over their expansions finds the same
    spans as a Matcher over the patterns, several times faster.
    """
    sequences: list[list[str]] = [[]]
    for token in pattern:
        unknown = set(token) - {"LOWER", "TEXT", "OP"}
        if unknown or token.get("OP", "?") != "?":
            raise ValueError(f"status patterns use LOWER/TEXT literals and OP '?', not {token}")
        value = token.get("LOWER", token.get("TEXT"))
        words = value["IN"] if isinstance(value, dict) else [value]
        options = [[str(w).lower()] for w in words] + ([[]] if token.get("OP") == "?" else [])
        sequences = [seq + option for seq in sequences for option in options]
    return [seq for seq in sequences if seq]


class StatusMatcher:
    """Marks status terms (segments, tiers, programmes, ratings)."""

    def __init__(self, nlp: Language):
        rules, _, _ = load_rules()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for rule in rules:
            self.matcher.add(rule.id, [Doc(nlp.vocab, words=words) for words in expand_phrases(rule.pattern)])

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        doc.spans["statuses"] = [Span(doc, start, end, label=strings[label]) for label, start, end in self.terms(doc)]
        return doc

    def terms(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The status phrases of ``doc`` as (label hash, start token, end token), in order. Of overlapping
        phrases the longest is kept (the first found, of equal ones), as spaCy's ``filter_spans`` keeps
        Spans: without building a Span for each match, which is a good part of the matcher's cost."""
        longest_first = sorted(self.matcher(doc), key=lambda match: (match[2] - match[1], -match[1]), reverse=True)
        kept: list[tuple[int, int, int]] = []
        taken: set[int] = set()
        for label, start, end in longest_first:
            if start not in taken and end - 1 not in taken:
                kept.append((label, start, end))
                taken.update(range(start, end))
        return sorted(kept, key=lambda match: match[1])


@Language.factory("nhswatch_statuses")
def make_status_matcher(nlp: Language, name: str) -> StatusMatcher:
    return StatusMatcher(nlp)


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The extraction pipeline, built once per process: a blank English pipeline whose tokenizer starts
    fast and gives the status matcher the same tokens as spaCy's own (``status_tokenizer``)."""
    from spacy.lang.en import English

    from .status_tokenizer import create_tokenizer

    rules, _, _ = load_rules()
    words = {word for rule in rules for phrase in expand_phrases(rule.pattern) for word in phrase}
    nlp = English(create_tokenizer=create_tokenizer(words))
    nlp.max_length = 20_000_000
    nlp.add_pipe("nhswatch_statuses")
    return nlp


@dataclass(frozen=True)
class StatusTerm:
    """A status term found in the text: where, which rule, the words."""

    start: int
    end: int
    rule: str
    text: str


# Words too common to pick a sentence out; each phrase has a rarer one ("recovery", "special").
_COMMON_WORDS = frozenset(
    {
        "support",
        "programme",
        "program",
        "system",
        "scheme",
        "improvement",
        "measures",
        "measure",
        "top",
        "highest",
        "best",
        "best-possible",
        "lowest",
        "worst",
        "bottom",
    }
)


# Words never used as key words: nearly every sentence has them.
_STOP_WORDS = frozenset({"the", "this", "that", "its", "a", "an", "of"})


def _key_word(phrase: list[str], numbers: dict[str, int]) -> str:
    words = [w for w in phrase if w not in numbers and w.isalnum() and not w.isdigit() and w not in _STOP_WORDS]
    rare = [w for w in words if w not in _COMMON_WORDS]
    return (rare or words)[0]


@lru_cache(maxsize=1)
def status_trigger() -> re.Pattern[str]:
    """A regex for one key word of every status phrase: a sentence without any holds no status."""
    rules, numbers, _ = load_rules()
    words = {_key_word(phrase, numbers) for rule in rules for phrase in expand_phrases(rule.pattern)}
    # as a prefix tree, the regex engine tries a few first letters at each word, not every key word; key
    # words are letters and digits, so a match starts after a non-word character (or at the text's start,
    # hence the space find_statuses puts in front), and the engine skips along words in a tight loop
    return re.compile(r"\W(?:" + _trie_pattern(words) + r")\b")


@lru_cache(maxsize=1)
def status_trigger_ascii() -> re.Pattern[str]:
    """``status_trigger`` compiled with re.ASCII, for plain ASCII text (``ascii_twin``: the same matches there)."""
    return re.compile(status_trigger().pattern, re.ASCII)


# Between chosen sentences: a token no status phrase contains, so no match spans two sentences (and
# spaces, which keep spaCy's tokenizer cache effective, unlike line breaks inside a chunk).
_JOIN = " | "


def find_statuses(text: str, lowered: str, sentences: list[tuple[int, int]]) -> list[StatusTerm]:
    """Status terms in the sentences of ``text`` that contain a trigger word (``lowered`` = text lower-cased)."""
    starts = [start for start, _ in sentences]
    # m.start() is the character before the key word, or the space in front for a key word at the start
    trigger = status_trigger_ascii() if plain_ascii(lowered) else status_trigger()
    chosen_indexes = sorted({bisect_right(starts, m.start()) - 1 for m in trigger.finditer(" " + lowered)})
    chosen = [sentences[i] for i in chosen_indexes if i >= 0]
    if not chosen:
        return []
    # One doc for all chosen sentences; offsets are mapped back.
    pieces, offsets, position = [], [], 0
    for start, end in chosen:
        pieces.append(text[start:end])
        offsets.append((position, start))
        position += end - start + len(_JOIN)
    nlp = get_nlp()
    chunk = _JOIN.join(pieces)
    doc = nlp.make_doc(chunk)  # the pipeline's one component, asked for offsets instead of Spans
    joined_starts = [joined for joined, _ in offsets]
    found = []
    for label, start, end in nlp.get_pipe("nhswatch_statuses").terms(doc):
        start_char, last = doc[start].idx, doc[end - 1]
        end_char = last.idx + len(last)
        joined, original = offsets[bisect_right(joined_starts, start_char) - 1]
        shift = original - joined
        found.append(
            StatusTerm(start_char + shift, end_char + shift, nlp.vocab.strings[label], chunk[start_char:end_char])
        )
    return found
