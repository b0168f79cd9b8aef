"""Lists of links a scraped page carries beside its story ("Related news", "Read more: A | B"), and captions.

Their lines are other stories' headlines: "X placed in special measures" there is no news of this page,
and an item's status must not reach the body named in the next item. They are blanked with spaces of the
same length, so every offset into the text stays valid. The header words are the lexicon's ``page``
family (``patterns/lexicon.yml``).
"""

from __future__ import annotations

import re

from .rules import Lexicon

# a headline: no sentence punctuation at its end ("Medway placed in special measures")
_SENTENCE_END = re.compile(r"[.!?;:][\"'”’)\]]*\s*$")
HEADLINE_WORDS = 25  # a longer line is prose, and ends the list
HEADER_CHARS = 60  # a list's header line is at most this long
LABEL_CHARS = 30  # a link or caption label ends with a colon within this many characters


def blank_link_lists(text: str, lexicon: Lexicon) -> str:
    """``text`` with link-list headers, the headline lines after them, inline link lines and labelled captions
    blanked."""
    header, inline, caption = (lexicon[f"page.{key}"] for key in ("link_list_header", "inline_links", "caption"))
    lines = text.split("\n")
    in_list = changed = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        # (a header is a short line; a link or caption line has its label's colon near its start)
        opens = len(stripped) <= HEADER_CHARS and header.fullmatch(stripped) is not None
        labelled = not opens and ":" in stripped[:LABEL_CHARS] and (inline.match(stripped) or caption.match(stripped))
        if opens or labelled:
            in_list = opens
        elif not (in_list and not _SENTENCE_END.search(stripped) and len(stripped.split()) <= HEADLINE_WORDS):
            in_list = False
            continue
        lines[index] = " " * len(line)
        changed = True
    if not changed:
        return text
    return "\n".join(lines)
