"""Sentence boundaries as character offsets.

A line break always ends a sentence (headlines, paragraphs and list items come one per line);
inside a line, a sentence ends at ., ! or ? (and any closing quotes or brackets) followed by space and
a capital, digit, quote or bullet. A regular expression does this at C speed, which matters: the
extractor's budget is twice the cost of tokenizing the text.
"""

from __future__ import annotations

import re

_LINE = re.compile(r"[^\n]+")
MAX_SENTENCE = 1500  # characters
_END = re.compile(r"([.!?][\"'”’)\]]*)\s+(?=[A-Z0-9\"'“‘(•])")
# Abbreviations after which a full stop does not end a sentence
_NO_BREAK = re.compile(
    r"\b(Dr|Mr|Mrs|Ms|Prof|St|Sir|Rev|No|Co|Ltd|vs|approx|e\.g|i\.e|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.$"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank sentence, end exclusive, without surrounding space."""
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start = line.start()
        for end in _END.finditer(text, line.start(), line.end()):
            if _NO_BREAK.search(text, max(start, end.start() - 8), end.start() + 1):
                continue
            spans.append((start, end.end(1)))
            start = end.end()
        spans.append((start, line.end()))
    out = []
    for start, end in spans:
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            out += _bounded(text, start + lead, start + lead + len(stripped))
    return out


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut into pieces of at most MAX_SENTENCE characters, at the last clause break (";", ",")
    or space before the limit: no real sentence is that long, and every later stage then costs at most
    a constant per piece, so a hostile run-on "sentence" costs time linear in its length."""
    pieces = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = max(text.rfind("; ", start, limit), text.rfind(", ", start, limit))
        if cut <= start:
            cut = text.rfind(" ", start, limit)
        cut = cut + 1 if cut > start else limit
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces
