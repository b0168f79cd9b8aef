"""Files of the start-up caches (``nhswatch.pickle_cache``, ``nhswatch.extract.regex_cache``): where they
live, and how one is read and written safely. A leaf module (standard library and platformdirs only), so
the scraper's registry and the extractor can both use it without importing each other.

Files live in ``$NHSWATCH_CACHE_DIR`` or else platformdirs' ``user_cache_dir("nhswatch")``. Each holds
the SHA-256 of its payload, then the payload: the caller's key and value, serialised by the caller's
``dumps``. A file that is missing, truncated, corrupt or written for another key reads as None (the
caller rebuilds and overwrites it); it is written to a temporary file and renamed, so a reader never
sees half of one; a cache that cannot be written is only logged.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_DIGEST_SIZE = 32


def cache_dir() -> Path:
    """``$NHSWATCH_CACHE_DIR`` if set, else the user cache directory for nhswatch."""
    override = os.environ.get("NHSWATCH_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("nhswatch"))


def read_checked(path: Path, key: str, loads: Callable[[bytes], Any]) -> Any | None:
    """The value stored in ``path`` for ``key``, or None when there is no sound file for that key."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    try:
        digest, payload = blob[:_DIGEST_SIZE], blob[_DIGEST_SIZE:]
        if hashlib.sha256(payload).digest() != digest:
            raise ValueError("checksum mismatch")
        stored_key, value = _without_gc(loads, payload)
        if stored_key != key:
            raise ValueError("written for another key")
        return value
    except Exception as error:  # any damage means: rebuild and overwrite
        log.debug("cache file %s unusable (%s): rebuilding it", path, error)
        return None


def _without_gc(loads: Callable[[bytes], Any], payload: bytes) -> Any:
    """``loads(payload)`` with the cyclic garbage collector paused: unpickling a large object makes many
    small ones, and with spaCy loaded each collection they set off walks every live object (5x slower)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return loads(payload)
    finally:
        if enabled:
            gc.enable()


def write_checked(path: Path, key: str, value: Any, dumps: Callable[[Any], bytes]) -> None:
    """Store ``value`` for ``key`` in ``path`` (atomically); a failure is logged, never raised."""
    try:
        payload = dumps((key, value))
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(hashlib.sha256(payload).digest() + payload)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except Exception as error:  # unwritable directory, unpicklable value ...: the build is only not kept
        log.debug("cache file %s not written: %s", path, error)
