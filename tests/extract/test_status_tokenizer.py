"""The status pipeline's fast-start tokenizer finds exactly the status terms spaCy's own English tokenizer does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from nhswatch.extract.pipeline import expand_phrases, get_nlp
from nhswatch.extract.rules import load_rules
from nhswatch.extract.status_tokenizer import relevant_exceptions
from spacy.lang.en import English

SHARED = Path(__file__).resolve().parents[3] / "shared"


@pytest.fixture(scope="module")
def reference():
    """The pipeline as it was built before: spacy.blank("en") with every tokenizer exception."""
    nlp = spacy.blank("en")
    nlp.add_pipe("nhswatch_statuses")
    return nlp


def statuses(nlp, text: str) -> list[tuple[int, int, str]]:
    doc = nlp(text)
    return [(span.start_char, span.end_char, span.label_) for span in doc.spans["statuses"]]


def test_every_dropped_exception_next_to_and_inside_status_phrases_changes_nothing(reference):
    fast = get_nlp()
    for text in English.Defaults.tokenizer_exceptions:
        for sample in (
            f"{text} moved into segment 3 {text} of the recovery support programme.",
            f"Trust{text}segment 4, tier 1{text} and special measures({text})",
            f"The trust {text}, rated good{text} in tier two.",
        ):
            assert statuses(fast, sample) == statuses(reference, sample), sample


def test_contractions_abbreviations_and_times_keep_their_status_terms(reference):
    text = "It can't leave segment 4 by 10a.m. on Mar. 3rd; Dr. Smith's trust isn't in tier 1 (they're in tier 2)."
    assert statuses(get_nlp(), text) == statuses(reference, text)
    assert statuses(reference, text)


def test_an_exception_holding_a_phrase_word_is_kept():
    rules, _, _ = load_rules()
    words = {word for rule in rules for phrase in expand_phrases(rule.pattern) for word in phrase}
    kept = relevant_exceptions(English.Defaults.tokenizer_exceptions, words)
    assert "there's" in kept and "\n" in kept
    assert "Dr." not in kept and ":)" not in kept
    assert len(kept) < len(English.Defaults.tokenizer_exceptions) / 2


def test_no_words_keeps_every_exception():
    assert relevant_exceptions({"Dr.": [], "don't": []}, []) == {"Dr.": [], "don't": []}


@pytest.mark.parametrize("name", ["seeds", "dev", "dev2"])
def test_the_sample_corpora_give_the_same_status_terms(reference, name):
    corpus = SHARED / name / "corpus.jsonl"
    if not corpus.exists():
        pytest.skip(f"{corpus} is not here")
    for line in corpus.read_text(encoding="utf-8").splitlines():
        text = json.loads(line).get("text") or ""
        assert statuses(get_nlp(), text) == statuses(reference, text)


@pytest.mark.parametrize(
    "text",
    [
        "It moved from the recovery support programme into special measures, segment 4 and tier 1.",
        "The Trust, rated requires improvement overall, left NOF segment 3 | and entered the RSP.",
        "special special measures measures in segment segment 4 4",
    ],
)
def test_the_matchers_terms_are_the_spans_spacy_would_keep(text):
    """``StatusMatcher.terms`` keeps, of overlapping matches, the ones ``filter_spans`` keeps from the Spans."""
    from nhswatch.extract.pipeline import find_statuses
    from spacy.tokens import Span
    from spacy.util import filter_spans

    nlp = get_nlp()
    matcher = nlp.get_pipe("nhswatch_statuses")
    doc = nlp.make_doc(text)
    spans = filter_spans([Span(doc, s, e, label=nlp.vocab.strings[m]) for m, s, e in matcher.matcher(doc)])
    expected = [(span.start_char, span.end_char, span.label_, span.text) for span in spans]
    assert expected
    assert [(t.start, t.end, t.rule, t.text) for t in find_statuses(text, text.lower(), [(0, len(text))])] == expected
