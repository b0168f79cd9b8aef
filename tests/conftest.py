"""Every test reads the packaged gazetteer: the user data directory (where ``nhswatch orgs refresh`` writes, and
which the gazetteer reads first) is an empty folder of the test session's own, whatever the machine holds. So is
the start-up cache directory (docs/startup-caches.md): tests never write into the user's own. Both folders are
removed when the test process exits."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

for variable, prefix in (("NHSWATCH_DATA_DIR", "nhswatch-test-data-"), ("NHSWATCH_CACHE_DIR", "nhswatch-test-cache-")):
    os.environ[variable] = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, os.environ[variable], ignore_errors=True)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A start-up cache folder of the test's own (``NHSWATCH_CACHE_DIR``), for tests of the caches."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("NHSWATCH_CACHE_DIR", str(folder))
    return folder
