"""The parsed registry kept between runs: the same sources as a fresh read, and any change to a file read again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from nhswatch.scraper import registry
from nhswatch.scraper.registry import SOURCES_DIR, SourceError

from nhswatch import registry_cache

SOURCE = """name: {name}
publisher: Example NHS Trust
kind: trust
homepage: https://www.example.nhs.uk/
discovery:
  - feed: https://www.example.nhs.uk/news/feed/
"""


pytestmark = pytest.mark.usefixtures("cache_dir")  # tests/conftest.py: a cache folder of each test's own


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The directories the uncached loader really read."""
    seen: list[Path] = []
    real = registry.load_registry

    def counting(directory: Path, *, generated: bool = True):
        seen.append(directory)
        return real(directory, generated=generated)

    monkeypatch.setattr(registry, "load_registry", counting)
    return seen


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "sources"
    path.mkdir()
    (path / "a.yml").write_text(SOURCE.format(name="trust-a"), encoding="utf-8")
    return path


def test_the_real_registry_from_the_cache_is_the_one_read_from_its_files(reads, cache_dir):
    first = registry_cache.load_registry()
    second = registry_cache.load_registry()
    assert len(reads) == 1 and list(cache_dir.glob("registry-*.pickle"))
    assert second == first == registry.load_registry(SOURCES_DIR)
    assert [s.origin for s in second.values()] == [s.origin for s in first.values()]


def test_an_edited_file_is_read_again(folder, reads):
    registry_cache.load_registry(folder)
    (folder / "a.yml").write_text(SOURCE.format(name="trust-b"), encoding="utf-8")
    assert list(registry_cache.load_registry(folder)) == ["trust-b"]
    assert len(reads) == 2


def test_an_edit_that_keeps_size_and_modification_time_is_read_again(folder):
    path = folder / "a.yml"
    registry_cache.load_registry(folder)
    before = path.stat()
    path.write_text(SOURCE.format(name="trust-z"), encoding="utf-8")  # same length as trust-a
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert list(registry_cache.load_registry(folder)) == ["trust-z"]


def test_an_added_or_removed_file_is_seen(folder):
    registry_cache.load_registry(folder)
    (folder / "b.yml").write_text(SOURCE.format(name="trust-b"), encoding="utf-8")
    assert list(registry_cache.load_registry(folder)) == ["trust-a", "trust-b"]
    (folder / "a.yml").unlink()
    assert list(registry_cache.load_registry(folder)) == ["trust-b"]


def test_a_file_broken_after_caching_is_an_error_again(folder):
    registry_cache.load_registry(folder)
    (folder / "a.yml").write_text(SOURCE.format(name="trust-a") + "colour: red\n", encoding="utf-8")
    with pytest.raises(SourceError, match="unknown keys"):
        registry_cache.load_registry(folder)


def test_a_damaged_cache_file_is_rebuilt(folder, reads, cache_dir):
    registry_cache.load_registry(folder)
    (path,) = cache_dir.glob("registry-*.pickle")
    path.write_bytes(path.read_bytes()[:100])
    assert list(registry_cache.load_registry(folder)) == ["trust-a"]
    assert len(reads) == 2


def test_generated_entries_are_part_of_the_key(tmp_path):
    shutil.copytree(SOURCES_DIR, tmp_path / "sources")
    with_generated = registry_cache.load_registry(tmp_path / "sources")
    hand_only = registry_cache.load_registry(tmp_path / "sources", generated=False)
    assert len(hand_only) < len(with_generated)
    (tmp_path / "sources" / registry.GENERATED_DIR / "icb-example.yml").write_text(
        SOURCE.format(name="icb-example").replace("kind: trust", "kind: icb"), encoding="utf-8"
    )
    assert "icb-example" in registry_cache.load_registry(tmp_path / "sources")
