"""Load the rule files in ``extract/patterns`` and check them against a closed set of keys."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

PATTERN_DIR = Path(str(resources.files("extract") / "patterns"))

STATUS_RULE_KEYS = frozenset({"id", "framework", "pattern", "value", "context"})
STATUS_FRAMEWORKS = frozenset({"nof", "rsp", "special_measures", "tier", "cqc_rating", "nof_intensive"})
CUE_KEYS = frozenset(
    {
        "change",
        "modality",
        "negation",
        "anaphora",
        "tier_kinds",
        "rating_quality",
        "aggregate",
        "list_intro",
        "previous",
        "location_prepositions",
        "carry_date",
    }
)


class RuleError(ValueError):
    """A rule file is malformed."""


@dataclass(frozen=True)
class StatusRule:
    """One status term: a token pattern and the status it denotes."""

    id: str
    framework: str
    pattern: list[dict[str, Any]]
    value: int | str
    context: re.Pattern[str] | None = None


def _compile(expr: str) -> re.Pattern[str]:
    return re.compile(expr, re.IGNORECASE)


def _expand_num(pattern: list[dict[str, Any]], number_words: list[str]) -> list[dict[str, Any]]:
    out = []
    for token in pattern:
        token = dict(token)
        if token.pop("NUM", None):
            token["LOWER"] = {"IN": number_words}
        out.append(token)
    return out


def parse_status_rules(data: dict[str, Any]) -> tuple[list[StatusRule], dict[str, int]]:
    """Validate and build status rules; returns (rules, number word → value)."""
    numbers = {str(k).lower(): int(v) for k, v in (data.get("numbers") or {}).items()}
    rules: list[StatusRule] = []
    seen: set[str] = set()
    for raw in data.get("rules") or []:
        unknown = set(raw) - STATUS_RULE_KEYS
        if unknown:
            raise RuleError(f"status rule {raw.get('id')!r}: unknown keys {sorted(unknown)}")
        missing = {"id", "framework", "pattern", "value"} - set(raw)
        if missing:
            raise RuleError(f"status rule {raw.get('id')!r}: missing keys {sorted(missing)}")
        if raw["framework"] not in STATUS_FRAMEWORKS:
            raise RuleError(f"status rule {raw['id']!r}: unknown framework {raw['framework']!r}")
        if raw["id"] in seen:
            raise RuleError(f"status rule {raw['id']!r} is defined twice")
        seen.add(raw["id"])
        context = _compile(raw["context"]) if raw.get("context") else None
        pattern = _expand_num(raw["pattern"], sorted(numbers))
        rules.append(StatusRule(raw["id"], raw["framework"], pattern, raw["value"], context))
    return rules, numbers


@dataclass(frozen=True)
class Cues:
    """Compiled cue expressions (see patterns/cues.yml)."""

    change_before: list[tuple[str, re.Pattern[str]]]
    change_after: list[tuple[str, re.Pattern[str]]]
    move_between: re.Pattern[str]
    move_from_before: re.Pattern[str]
    hypothetical: list[re.Pattern[str]]
    proposed: list[re.Pattern[str]]
    realised: list[re.Pattern[str]]
    negation: list[re.Pattern[str]]
    anaphora: dict[str, re.Pattern[str]]
    tier_kinds: dict[str, re.Pattern[str]]
    rating_context: re.Pattern[str]
    rating_scope: re.Pattern[str]
    rating_overall: re.Pattern[str]
    aggregate: re.Pattern[str]
    list_intro: list[re.Pattern[str]]
    previous: re.Pattern[str]
    location: re.Pattern[str]
    carry_date: re.Pattern[str]


def parse_cues(data: dict[str, Any]) -> Cues:
    """Validate and compile the cue file."""
    unknown = set(data) - CUE_KEYS
    if unknown:
        raise RuleError(f"cues: unknown keys {sorted(unknown)}")
    change = data["change"]
    before: list[tuple[str, re.Pattern[str]]] = []
    after: list[tuple[str, re.Pattern[str]]] = []
    for family in ("exit", "remain", "state", "enter"):
        before += [(family, _compile(e)) for e in change[family].get("before", [])]
        after += [(family, _compile(e)) for e in change[family].get("after", [])]
    return Cues(
        change_before=before,
        change_after=after,
        move_between=_compile(change["move"]["between"]),
        move_from_before=_compile(change["move"]["from_before"]),
        hypothetical=[_compile(e) for e in data["modality"]["hypothetical"]],
        proposed=[_compile(e) for e in data["modality"]["proposed"]],
        realised=[_compile(e) for e in data["modality"].get("realised", [])],
        negation=[_compile(e) for e in data["negation"]["before"]],
        anaphora={k: _compile(v) for k, v in data["anaphora"].items()},
        tier_kinds={k: _compile(v) for k, v in data["tier_kinds"].items()},
        rating_context=_compile(data["rating_quality"]["context"]),
        rating_scope=_compile(data["rating_quality"]["scope"]),
        rating_overall=_compile(data["rating_quality"]["overall"]),
        aggregate=_compile(data["aggregate"]["before"]),
        list_intro=[_compile(e) for e in data["list_intro"]],
        previous=_compile(data["previous"]["before"]),
        location=_compile(data["location_prepositions"]["before"]),
        carry_date=_compile("|".join(f"(?:{e})" for e in data["carry_date"])),
    )


def _load_yaml(name: str, pattern_dir: Path) -> dict[str, Any]:
    with (pattern_dir / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=4)
def load_rules(pattern_dir: Path = PATTERN_DIR) -> tuple[list[StatusRule], dict[str, int], Cues]:
    """Status rules, number words and cues from the pattern directory."""
    rules, numbers = parse_status_rules(_load_yaml("status.yml", pattern_dir))
    cues = parse_cues(_load_yaml("cues.yml", pattern_dir))
    return rules, numbers, cues
