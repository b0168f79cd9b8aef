"""Every test reads the packaged gazetteer: the user data directory (where ``nhswatch orgs refresh`` writes, and
which the gazetteer reads first) is an empty folder of the test session's own, whatever the machine holds. So is
the start-up cache directory (docs/startup-caches.md): tests never write into the user's own."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ["NHSWATCH_DATA_DIR"] = tempfile.mkdtemp(prefix="nhswatch-test-data-")
os.environ["NHSWATCH_CACHE_DIR"] = tempfile.mkdtemp(prefix="nhswatch-test-cache-")


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A start-up cache folder of the test's own (``NHSWATCH_CACHE_DIR``), for tests of the caches."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("NHSWATCH_CACHE_DIR", str(folder))
    return folder
