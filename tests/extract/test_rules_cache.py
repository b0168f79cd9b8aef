"""Rule tables kept between runs: their patterns come back compiled and equal, and edited files are read again."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from nhswatch.extract import rules_cache
from nhswatch.extract.context import _read_context_rules
from nhswatch.extract.rules import PATTERN_DIR, _read_rules, load_rules

pytestmark = pytest.mark.usefixtures("cache_dir")  # tests/conftest.py: a cache folder of each test's own


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "rules.txt"
    path.write_text("segment", encoding="utf-8")
    return path


def build_from(path: Path, calls: list[int]):
    def build() -> dict[str, re.Pattern[str]]:
        calls.append(1)
        return {"rule": re.compile(r"\b" + path.read_text(encoding="utf-8") + r"\s+(?P<n>\d)", re.I)}

    return build


def test_a_cached_pattern_comes_back_equal_and_working(source):
    calls: list[int] = []
    first = rules_cache.cached_rules("t", [source], build_from(source, calls))
    second = rules_cache.cached_rules("t", [source], build_from(source, calls))
    assert len(calls) == 1 and second == first
    assert second["rule"].search("In SEGMENT 3").group("n") == "3"


def test_an_edited_source_is_built_again(source):
    calls: list[int] = []
    rules_cache.cached_rules("t", [source], build_from(source, calls))
    source.write_text("tier", encoding="utf-8")
    assert rules_cache.cached_rules("t", [source], build_from(source, calls))["rule"].search("tier 1")
    assert len(calls) == 2


def test_a_source_edited_during_the_build_is_not_kept(source, cache_dir):
    def build() -> str:
        source.write_text("changed meanwhile", encoding="utf-8")
        return "built from the old file"

    rules_cache.cached_rules("t", [source], build)
    assert not list(cache_dir.glob("t-*.pickle"))


def test_a_damaged_cache_file_is_rebuilt(source, cache_dir):
    calls: list[int] = []
    rules_cache.cached_rules("t", [source], build_from(source, calls))
    (path,) = cache_dir.glob("t-*.pickle")
    path.write_bytes(path.read_bytes()[:-3] + b"xyz")
    assert rules_cache.cached_rules("t", [source], build_from(source, calls))["rule"].search("segment 2")
    assert len(calls) == 2


def test_the_status_and_context_rules_from_the_cache_equal_a_fresh_read():
    load_rules.cache_clear()
    load_rules()
    load_rules.cache_clear()
    cached = load_rules()
    fresh = _read_rules(PATTERN_DIR)
    assert cached[0] == fresh[0] and cached[1] == fresh[1]
    assert cached[2].patterns == fresh[2].patterns
    assert rules_cache.cached_rules("c", [PATTERN_DIR / "context.yml"], lambda: _read_context_rules(PATTERN_DIR)) == (
        _read_context_rules(PATTERN_DIR)
    )


def test_an_edited_lexicon_is_read_again(tmp_path):
    patterns = tmp_path / "patterns"
    shutil.copytree(PATTERN_DIR, patterns)
    before = load_rules(patterns)[2]
    text = (patterns / "lexicon.yml").read_text(encoding="utf-8")
    assert "(now|today|this week)" in text
    (patterns / "lexicon.yml").write_text(text.replace("(now|today|this", "(now|nowadays|today|this"), encoding="utf-8")
    load_rules.cache_clear()
    after = load_rules(patterns)[2]
    assert after["now.words"] != before["now.words"]


def test_an_edited_source_replaces_its_cache_file(source, cache_dir):
    calls: list[int] = []
    rules_cache.cached_rules("t", [source], build_from(source, calls))
    source.write_text("tier", encoding="utf-8")
    rules_cache.cached_rules("t", [source], build_from(source, calls))
    assert len(list(cache_dir.glob("t-*.pickle"))) == 1
