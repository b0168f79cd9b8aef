"""Link lists and captions of scraped pages: blanked before reading, offsets kept."""

from __future__ import annotations

import pytest
from nhswatch.extract.api import extract
from nhswatch.extract.page_lists import blank_link_lists
from nhswatch.extract.rules import load_rules

LEXICON = load_rules()[2]

STORY = "Wye Valley NHS Trust has been rated requires improvement overall by the Care Quality Commission."


def blank(text: str) -> str:
    return blank_link_lists(text, LEXICON)


@pytest.mark.parametrize("header", ["Related news", "More on this story", "Most read", "Latest news:", "See also"])
def test_headline_lines_after_a_list_header_are_blanked(header):
    text = f"{STORY}\n\n{header}\n\nMedway NHS Foundation Trust placed in special measures\n\nBarts Health rated Good"
    assert blank(text).split() == STORY.split()


def test_an_inline_link_line_is_blanked():
    text = f"{STORY}\nRead more: Sandwell hospital rated Good | Birmingham Women's and Children's rated Outstanding"
    assert blank(text).strip() == STORY


def test_a_labelled_caption_is_blanked():
    text = f"Image caption: The trust has been placed in special measures\n{STORY}"
    assert blank(text).strip() == STORY


def test_a_sentence_after_the_list_ends_it():
    later = "The trust said it would publish an action plan."
    text = f"Related news\nMedway placed in special measures\n{later}"
    assert blank(text).strip() == later


def test_blanking_keeps_every_offset():
    text = f"Top stories\nMedway placed in special measures\n\n{STORY}"
    blanked = blank(text)
    assert len(blanked) == len(text)
    assert blanked.index(STORY) == text.index(STORY)


def test_prose_using_the_header_words_is_kept():
    text = f"Issues related to staffing were found. {STORY}"
    assert blank(text) == text


def test_a_page_s_related_headlines_give_no_events():
    text = (
        f"Home > News\n\nWye Valley rated requires improvement\n\n{STORY}\n\nRelated news\n\n"
        "Medway NHS Foundation Trust placed in special measures\n\nRead more: Barts Health NHS Trust rated Good"
    )
    assert {e["ods_code"] for e in extract(text, published="2017-06-07").events} == {"RLQ"}
