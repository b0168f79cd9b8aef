"""A content-addressed archive of raw responses: ``<root>/<aa>/<sha256>.gz``.

Writing is atomic (temporary file then rename), so a killed run never leaves half a file.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
from pathlib import Path


class Archive:
    """Raw bytes stored once per distinct content."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path_for(self, digest: str) -> Path:
        return self.root / digest[:2] / f"{digest}.gz"

    def put(self, body: bytes) -> str:
        """Store ``body``; returns its sha256 hex digest."""
        digest = hashlib.sha256(body).hexdigest()
        target = self.path_for(digest)
        if target.exists():
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=target.parent, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as zipped:
                zipped.write(body)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return digest

    def get(self, digest: str) -> bytes:
        with gzip.open(self.path_for(digest), "rb") as handle:
            return handle.read()

    def __contains__(self, digest: str) -> bool:
        return self.path_for(digest).exists()
