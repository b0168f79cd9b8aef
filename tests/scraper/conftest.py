"""Fixtures for the scraper tests: local fixture newsrooms, a fault server, a fast Fetcher."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from faultserver import FaultServer
from nhswatch.scraper.fetch import Fetcher
from sitefixtures import SOURCES, FixtureSite, write_source


def fast_fetcher(**overrides) -> Fetcher:
    """A Fetcher with test-sized timeouts, no politeness delay and tiny backoff."""
    options = {
        "delay": 0,
        "timeout": 0.5,
        "deadline": 1.0,
        "retries": 1,
        "backoff": 0.01,
        "max_retry_after": 5,
        "max_bytes": 2 * 1024 * 1024,
    }
    return Fetcher(**{**options, **overrides})


@pytest.fixture
def fetcher() -> Fetcher:
    return fast_fetcher()


@pytest.fixture
def sites():
    """The four fixture newsrooms, each on its own port (so each is its own origin)."""
    started = {name: FixtureSite(name).__enter__() for name in SOURCES}
    yield started
    for site in started.values():
        site.__exit__(None, None, None)


@pytest.fixture
def registry_dir(tmp_path, sites) -> Path:
    """A registry directory with one YAML per fixture site."""
    directory = tmp_path / "sources"
    for name, site in sites.items():
        write_source(directory, site.url, SOURCES[name])
    return directory


@pytest.fixture
def faults():
    with FaultServer(stall=3.0) as server:
        yield server
