"""The status pipeline's tokenizer: spaCy's English tokenizer, built for a fast start.

spaCy builds its English tokenizer in a fifth of a second or more on every start: three affix expressions
of some 10k characters are compiled and 1,347 tokenizer exceptions ("don't", "Dr.", emoticons) loaded.
Here the compiled expressions come from the regex cache (``regex_cache``, keyed by their text, so
another spaCy's rules are compiled afresh), and only the exceptions that can touch a status phrase are
loaded. The status matcher's results are the same as with spaCy's own tokenizer
(tests/extract/test_status_tokenizer.py compares them):

* a token is a substring of the text, and an exception only decides how the characters of its own
  string are split (a string bounded by whitespace, or by affixes split off before it is reached);
  without the exception the affix rules split those characters instead;
* so every token the exception's characters give, with or without it, is a substring of its string. If
  that string, lower-cased, contains no word of any status phrase, none of those tokens is a phrase word
  and no phrase match can include one either way; every other token is the same in both.

Exceptions with whitespace, or with a capital sigma (the one letter Python lower-cases by its context, so
that a part lower-cased may not be part of the whole lower-cased), are kept whatever they contain.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.tokenizer import Tokenizer

from .regex_cache import cache_key, cached_regex


def create_tokenizer(phrase_words: Iterable[str]) -> Callable[[Language], Tokenizer]:
    """A tokenizer factory (``Language(create_tokenizer=...)``) for phrases made of ``phrase_words``."""
    words = sorted(set(phrase_words))

    def factory(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        # the expressions spacy.util.compile_{prefix,suffix,infix}_regex would build
        prefixes = "|".join("^" + piece for piece in defaults.prefixes if piece.strip())
        suffixes = "|".join(piece + "$" for piece in defaults.suffixes if piece.strip())
        infixes = "|".join(piece for piece in defaults.infixes if piece.strip())
        return Tokenizer(
            nlp.vocab,
            rules=relevant_exceptions(defaults.tokenizer_exceptions, words),
            prefix_search=_compiled("tokenizer-prefixes", prefixes).search,
            suffix_search=_compiled("tokenizer-suffixes", suffixes).search,
            infix_finditer=_compiled("tokenizer-infixes", infixes).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return factory


def relevant_exceptions(exceptions: dict[str, Any], words: Iterable[str]) -> dict[str, Any]:
    """The tokenizer exceptions whose string can hold one of ``words`` (lower-case); see the module's docstring."""
    alternatives = sorted((re.escape(word) for word in words if word), key=len, reverse=True)
    if not alternatives:
        return dict(exceptions)
    word = re.compile("|".join(alternatives))
    return {
        text: tokens
        for text, tokens in exceptions.items()
        if "\u03a3" in text or any(char.isspace() for char in text) or word.search(text.lower())
    }


def _compiled(name: str, expression: str) -> re.Pattern[str]:
    return cached_regex(name, cache_key(name, [expression]), lambda: expression)
