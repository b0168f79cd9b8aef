"""The spaCy pipeline: a blank English tokenizer plus rule components.

Components (registered as spaCy factories):
- ``nhswatch_paragraphs``: a line break always starts a new sentence (lists, headlines).
- ``nhswatch_orgs``: a PhraseMatcher over every gazetteer alias → ``doc.spans["orgs"]``.
- ``nhswatch_statuses``: a Matcher over the status rules → ``doc.spans["statuses"]``.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .gazetteer import default_gazetteer
from .rules import load_rules

BULLETS = frozenset({"•", "-", "*", "–", "—", "·", "▪", "●"})


@Language.component("nhswatch_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break and at list bullets."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_ or (token.text in BULLETS and previous.is_space):
            token.is_sent_start = True
    return doc


class OrgMatcher:
    """Marks every alias of every organisation in the gazetteer."""

    def __init__(self, nlp: Language):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        aliases = list(default_gazetteer().aliases)
        self.matcher.add("ORG", list(nlp.tokenizer.pipe(aliases)))

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, start, end, label="ORG") for _, start, end in self.matcher(doc)]
        doc.spans["orgs"] = filter_spans(spans)
        return doc


class StatusMatcher:
    """Marks status terms (segments, tiers, programmes, ratings)."""

    def __init__(self, nlp: Language):
        rules, _, _ = load_rules()
        self.matcher = Matcher(nlp.vocab)
        for rule in rules:
            self.matcher.add(rule.id, [rule.pattern])

    def __call__(self, doc: Doc) -> Doc:
        spans = [
            Span(doc, start, end, label=doc.vocab.strings[match_id])
            for match_id, start, end in self.matcher(doc)
        ]
        doc.spans["statuses"] = filter_spans(spans)
        return doc


@Language.factory("nhswatch_orgs")
def make_org_matcher(nlp: Language, name: str) -> OrgMatcher:
    return OrgMatcher(nlp)


@Language.factory("nhswatch_statuses")
def make_status_matcher(nlp: Language, name: str) -> StatusMatcher:
    return StatusMatcher(nlp)


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The extraction pipeline, built once per process."""
    nlp = spacy.blank("en")
    nlp.max_length = 20_000_000
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("nhswatch_paragraphs")
    nlp.add_pipe("nhswatch_orgs")
    nlp.add_pipe("nhswatch_statuses")
    return nlp
