"""Every test reads the packaged gazetteer: the user data directory (where ``nhswatch orgs refresh`` writes, and
which the gazetteer reads first) is an empty folder of the test session's own, whatever the machine holds."""

from __future__ import annotations

import os
import tempfile

os.environ["NHSWATCH_DATA_DIR"] = tempfile.mkdtemp(prefix="nhswatch-test-data-")
