"""The object cache (parsed gazetteer) between runs: reused when the data is the same, rebuilt otherwise."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from nhswatch.extract import gazetteer

from nhswatch import pickle_cache

pytestmark = pytest.mark.usefixtures("cache_dir")  # tests/conftest.py: a cache folder of each test's own


def counting_build(calls: list[int], value: object):
    def build() -> object:
        calls.append(1)
        return value

    return build


def test_a_second_request_for_the_same_key_is_read_from_the_cache() -> None:
    calls: list[int] = []
    key = pickle_cache.cache_key("thing", [b"data"])
    first = pickle_cache.cached_object("thing", key, counting_build(calls, {"a": [1, 2]}))
    second = pickle_cache.cached_object("thing", key, counting_build(calls, {"a": "never built"}))
    assert (first, second, len(calls)) == ({"a": [1, 2]}, {"a": [1, 2]}, 1)


def test_other_data_gives_another_key() -> None:
    assert pickle_cache.cache_key("thing", [b"data"]) != pickle_cache.cache_key("thing", [b"data2"])


def test_a_corrupt_cache_file_is_rebuilt_and_overwritten(cache_dir: Path) -> None:
    calls: list[int] = []
    key = pickle_cache.cache_key("thing", [b"data"])
    pickle_cache.cached_object("thing", key, counting_build(calls, "good"))
    (path,) = cache_dir.glob("thing-*.pickle")
    path.write_bytes(path.read_bytes()[:-5] + b"xxxxx")
    assert pickle_cache.cached_object("thing", key, counting_build(calls, "rebuilt")) == "rebuilt"
    assert pickle_cache.cached_object("thing", key, counting_build(calls, "again")) == "rebuilt"
    assert len(calls) == 2


def test_an_unwritable_cache_only_costs_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NHSWATCH_CACHE_DIR", str(blocker / "cache"))
    assert pickle_cache.cached_object("thing", pickle_cache.cache_key("thing", [b"x"]), lambda: 42) == 42


def test_the_cached_gazetteer_is_the_parsed_one(cache_dir: Path) -> None:
    fresh = gazetteer.load_gazetteer()
    cached = gazetteer.load_gazetteer()
    assert list(cache_dir.glob("gazetteer-*.pickle"))
    assert cached is not fresh
    assert (cached.by_code, cached.aliases, cached.sites) == (fresh.by_code, fresh.aliases, fresh.sites)


def test_an_edited_gazetteer_file_is_read_again(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(gazetteer.DATA_DIR, data, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    before = gazetteer.load_gazetteer(data)
    with (data / "aliases.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"Benchmark Test Hospital Alias,{next(iter(before.by_code))},informal,0\n")
    after = gazetteer.load_gazetteer(data)
    assert "benchmark test hospital alias" in after.aliases
    assert "benchmark test hospital alias" not in before.aliases


def test_an_object_whose_key_changed_during_the_build_is_not_kept(cache_dir: Path) -> None:
    key = pickle_cache.cache_key("thing", [b"v1"])
    value = pickle_cache.cached_object("thing", key, lambda: "built", recheck=lambda: "another key")
    assert value == "built" and not list(cache_dir.glob("thing-*.pickle"))


def test_prune_keeps_only_the_newest_file_of_a_name(cache_dir: Path) -> None:
    for data in (b"v1", b"v2"):
        pickle_cache.cached_object("thing", pickle_cache.cache_key("thing", [data]), lambda d=data: d, prune=True)
    pickle_cache.cached_object("other", pickle_cache.cache_key("other", [b"x"]), lambda: 1)
    (kept,) = cache_dir.glob("thing-*.pickle")
    assert kept.name == f"thing-{pickle_cache.cache_key('thing', [b'v2'])[:32]}.pickle"
    assert list(cache_dir.glob("other-*.pickle"))
