"""Every test reads the packaged gazetteer: the user data directory (where ``nhswatch orgs refresh`` writes, and
which the gazetteer reads first) is an empty folder of the test session's own, whatever the machine holds. So is
the start-up cache directory (docs/startup-caches.md): tests never write into the user's own."""

from __future__ import annotations

import os
import tempfile

os.environ["NHSWATCH_DATA_DIR"] = tempfile.mkdtemp(prefix="nhswatch-test-data-")
os.environ["NHSWATCH_CACHE_DIR"] = tempfile.mkdtemp(prefix="nhswatch-test-cache-")
