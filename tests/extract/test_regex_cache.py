"""The compiled-pattern cache: same matches as a fresh compile, and damage means a rebuild, never an error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from nhswatch.extract import regex_cache

SOURCE = r"(?<!\w)(?:medway(?: nhs foundation trust)?|kent(?:\s+and\s+medway)?)(?!\w)"
TEXT = "Kent and Medway ICB and Medway NHS Foundation Trust; kentish medwayish"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NHSWATCH_CACHE_DIR", str(tmp_path))
    return tmp_path


def compiled(key: str = "k1") -> re.Pattern[str]:
    return regex_cache.cached_regex("test", regex_cache.cache_key("test", [key]), lambda: SOURCE)


def spans(pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(TEXT.lower())]


def test_a_cached_pattern_matches_like_a_fresh_compile(cache: Path) -> None:
    compiled()
    assert len(list(cache.iterdir())) == 1

    def never_called() -> str:
        raise AssertionError("rebuilt although cached")

    again = regex_cache.cached_regex("test", regex_cache.cache_key("test", ["k1"]), never_called)
    assert spans(again) == spans(re.compile(SOURCE)) == [(0, 15), (24, 51)]


def test_a_corrupt_cache_file_is_rebuilt_and_overwritten(cache: Path) -> None:
    compiled()
    (path,) = cache.iterdir()
    path.write_bytes(path.read_bytes()[:-40] + b"x" * 40)
    assert spans(compiled()) == spans(re.compile(SOURCE))
    pattern = regex_cache._load(path, regex_cache.cache_key("test", ["k1"]))
    assert pattern is not None  # the damaged file was replaced by a good one


def test_a_truncated_cache_file_is_rebuilt(cache: Path) -> None:
    compiled()
    (path,) = cache.iterdir()
    path.write_bytes(b"")
    assert spans(compiled()) == spans(re.compile(SOURCE))


def test_another_key_gets_its_own_file(cache: Path) -> None:
    compiled("k1")
    compiled("k2")
    assert len(list(cache.iterdir())) == 2


def test_an_unwritable_cache_only_costs_the_compile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("NHSWATCH_CACHE_DIR", str(blocker / "cache"))
    assert spans(compiled()) == spans(re.compile(SOURCE))
