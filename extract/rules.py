"""Load the status and lexicon files in ``extract/patterns`` and check them against closed sets of keys."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .ascii_twin import AnyPattern, compile_ignoring_case

PATTERN_DIR = Path(str(resources.files("nhswatch.extract") / "patterns"))

STATUS_RULE_KEYS = frozenset({"id", "framework", "pattern", "value", "context"})
STATUS_FRAMEWORKS = frozenset(
    {"nof", "rsp", "special_measures", "tier", "cqc_rating", "nof_intensive", "programme_reference"}
)
LEXICON_KEYS = {
    "move": {
        "alongside",
        "between",
        "between_reversed",
        "rating_pair",
        "from_before",
        "to_before",
        "to_ordinal",
        "shed_before",
        "shed_between",
        "to_successor",
        "disjunction",
    },
    "anaphora": {
        "former_latter",
        "paragraph_topic",
        "trust_speaker",
        "quote_close",
        "quote_first_person",
        "quote_speaker_lead",
        "quote_speaker_after",
        "identified_opening",
        "subject_before",
        "trust",
        "service",
        "icb",
        "pronoun",
        "group",
        "indefinite",
        "indefinite_in_phrase",
        "object",
        "at_end",
        "them",
        "they",
        "trust_with_parts",
        "measures_lifted",
        "recommendation_accepted",
        "commissioner",
        "regulator_it",
        "last_change",
        "rating_unchanged",
        "part_rating",
        "headline",
        "part_rating_after",
        "the_rating",
        "report_set_rating",
        "came_out",
        "indefinite_owned",
        "helper_after",
        "helper_before",
        "called_off",
        "denied",
        "claimed_before",
        "denial_after",
        "rejected_before",
        "group_reported_before",
    },
    "tier_kinds": {"uec_tier", "elective_tier", "cancer_tier"},
    "rating_quality": {"context"},
    "aggregate": {"count"},
    "list_intro": {"colon", "pronoun_head", "verb_end", "group_head", "membership_before", "membership_after"},
    "carry_date": {
        "sequence",
        "consequence",
        "report_rating",
        "report_before",
        "same_publication",
        "publication_before",
        "told_as_earlier",
        "before_regimes",
    },
    "location_prepositions": {"before", "owner"},
    "membership": {"one_of", "partitive", "appositive"},
    "regulator_agent": {"rated"},
    "now": {"words", "announced"},
    "respectively": {"after", "listed_values"},
    "page": {"link_list_header", "inline_links", "caption"},
    "ellipsis": {"gapped_and", "gapped_to", "exit", "subordinate", "gapped", "relative_change"},
    "subject": {
        "helping_clause",
        "object_gap",
        "coordinated_count",
        "contrast_after",
        "relative_clause",
        "coordinated",
        "relative_after_other",
        "relative_running",
        "prepositional_relative",
        "runner_clause",
        "subordinate_descriptor",
        "located_topic",
        "nested_subject",
        "other_body_clause",
        "clause_of_its_own",
        "header",
        "bullet_predicate",
    },
    "scope": {"rated_in_turn", "the_hospital"},
    "tiers": {"other_scheme"},
    "reduced_relative": {
        "before",
        "main_verb_after",
        "parenthetical_before",
        "parenthetical_end",
        "fact_clause",
        "elapsed_after",
        "before_merger",
    },
    "modality": {
        "shared_infinitive",
        "approved_after",
        "ordinal_forecast",
        "recommendation_would",
        "averted_after",
        "reversed_after",
    },
}


_TWIN_SOURCE = Path(__file__).with_name("ascii_twin.py")  # builds the compiled patterns the cache keeps


class RuleError(ValueError):
    """A rule file is malformed."""


@dataclass(frozen=True)
class StatusRule:
    """One status term: a token pattern and the status it denotes."""

    id: str
    framework: str
    pattern: list[dict[str, Any]]
    value: int | str
    context: AnyPattern | None = None


def _compile(expr: str) -> AnyPattern:
    # case-insensitive, with an re.ASCII twin for plain ASCII text (ascii_twin): the same matches, faster
    return compile_ignoring_case(expr)


def _expand_num(pattern: list[dict[str, Any]], number_words: list[str]) -> list[dict[str, Any]]:
    out = []
    for token in pattern:
        token = dict(token)
        if token.pop("NUM", None):
            token["LOWER"] = {"IN": number_words}
        out.append(token)
    return out


def check_keys(what: str, raw: dict[str, Any], allowed: frozenset[str], required: set[str], seen: set[str]) -> None:
    """A rule has only ``allowed`` keys, all ``required`` ones, and an id not seen before (added to ``seen``)."""
    rule_id = raw.get("id")
    unknown = set(raw) - allowed
    if unknown:
        raise RuleError(f"{what} {rule_id!r}: unknown keys {sorted(unknown)}")
    missing = required - set(raw)
    if missing:
        raise RuleError(f"{what} {rule_id!r}: missing keys {sorted(missing)}")
    if rule_id in seen:
        raise RuleError(f"{what} {rule_id!r} is defined twice")
    seen.add(rule_id)


def parse_status_rules(data: dict[str, Any]) -> tuple[list[StatusRule], dict[str, int]]:
    """Validate and build status rules; returns (rules, number word → value)."""
    numbers = {str(k).lower(): int(v) for k, v in (data.get("numbers") or {}).items()}
    rules: list[StatusRule] = []
    seen: set[str] = set()
    for raw in data.get("rules") or []:
        check_keys("status rule", raw, STATUS_RULE_KEYS, {"id", "framework", "pattern", "value"}, seen)
        if raw["framework"] not in STATUS_FRAMEWORKS:
            raise RuleError(f"status rule {raw['id']!r}: unknown framework {raw['framework']!r}")
        context = _compile(raw["context"]) if raw.get("context") else None
        pattern = _expand_num(raw["pattern"], sorted(numbers))
        rules.append(StatusRule(raw["id"], raw["framework"], pattern, raw["value"], context))
    return rules, numbers


class Lexicon:
    """Compiled word classes (see patterns/lexicon.yml), each under its id ("anaphora.trust")."""

    def __init__(self, patterns: dict[str, AnyPattern]):
        self.patterns = patterns

    def __getitem__(self, rule_id: str) -> AnyPattern:
        return self.patterns[rule_id]

    def group(self, family: str) -> dict[str, AnyPattern]:
        """The entries of one family, by their short name ("tier_kinds" → {"uec_tier": ...})."""
        prefix = family + "."
        return {key[len(prefix) :]: p for key, p in self.patterns.items() if key.startswith(prefix)}

    def first(self, family: str, text: str) -> str | None:
        """The id of the first entry of ``family`` that matches ``text``, or None."""
        prefix = family + "."
        return next((k for k, p in self.patterns.items() if k.startswith(prefix) and p.search(text)), None)


def parse_lexicon(data: dict[str, Any]) -> Lexicon:
    """Validate (closed keys) and compile the lexicon."""
    unknown = set(data) - set(LEXICON_KEYS)
    if unknown:
        raise RuleError(f"lexicon: unknown keys {sorted(unknown)}")
    patterns: dict[str, AnyPattern] = {}
    for family, entries in data.items():
        extra = set(entries) - LEXICON_KEYS[family]
        if extra:
            raise RuleError(f"lexicon {family}: unknown keys {sorted(extra)}")
        missing = LEXICON_KEYS[family] - set(entries)
        if missing:
            raise RuleError(f"lexicon {family}: missing keys {sorted(missing)}")
        for name, expr in entries.items():
            patterns[f"{family}.{name}"] = _compile(expr)
    return Lexicon(patterns)


def _load_yaml(name: str, pattern_dir: Path) -> dict[str, Any]:
    import yaml

    with (pattern_dir / name).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when installed


@lru_cache(maxsize=4)
def load_rules(pattern_dir: Path = PATTERN_DIR) -> tuple[list[StatusRule], dict[str, int], Lexicon]:
    """Status rules, number words and the lexicon from the pattern directory (compiled once, then kept
    between runs by ``rules_cache``, keyed by the two files and this module)."""
    from .rules_cache import cached_rules

    sources = [pattern_dir / "status.yml", pattern_dir / "lexicon.yml", Path(__file__), _TWIN_SOURCE]
    return cached_rules("status-rules", sources, lambda: _read_rules(pattern_dir))


def _read_rules(pattern_dir: Path) -> tuple[list[StatusRule], dict[str, int], Lexicon]:
    rules, numbers = parse_status_rules(_load_yaml("status.yml", pattern_dir))
    lexicon = parse_lexicon(_load_yaml("lexicon.yml", pattern_dir))
    return rules, numbers, lexicon
