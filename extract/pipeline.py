"""The spaCy pipeline: a blank English tokenizer plus rule components.

Sentences are found by ``extract.sentences`` on character offsets (cheaper than a spaCy sentencizer
plus ``doc.sents``, and a line break always ends a sentence there).

Components (registered as spaCy factories):
- ``nhswatch_orgs``: a PhraseMatcher over every gazetteer alias → ``doc.spans["orgs"]``.
- ``nhswatch_statuses``: a PhraseMatcher over the status rules' phrases → ``doc.spans["statuses"]``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .gazetteer import default_gazetteer
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
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for rule in rules:
            self.matcher.add(rule.id, [Doc(nlp.vocab, words=words) for words in expand_phrases(rule.pattern)])

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
    nlp.add_pipe("nhswatch_orgs")
    nlp.add_pipe("nhswatch_statuses")
    return nlp
