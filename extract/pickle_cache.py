"""Objects kept between runs: a pickle keyed by a hash of the data (and code) they are built from.

The parsed gazetteer (organisations, some 8k aliases with their variants, sites) takes a tenth of a
second or more to build from its CSV files on every start-up; unpickling it costs a third of that.
Files live beside the compiled regular expressions (:func:`nhswatch.extract.regex_cache.cache_dir`),
one per name and key. The key hashes the caller's parts with this format and the Python version, so a
changed data file, a changed module or another interpreter never reads a stale object. A file that is
missing, truncated, corrupt (its SHA-256 is checked before unpickling) or written for another key is
ignored, rebuilt and overwritten; a cache that cannot be written only costs the build.

Only nhswatch writes these files, in the user's own cache directory: reading them trusts that
directory as much as the installed code.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from .regex_cache import cache_dir

log = logging.getLogger(__name__)

FORMAT = "nhswatch-pickle-1"
_DIGEST_SIZE = 32
T = TypeVar("T")


def cache_key(name: str, parts: Iterable[bytes]) -> str:
    """A hex digest naming one cached object: ``parts`` (its source data and code) and this Python."""
    digest = hashlib.sha256()
    for part in (FORMAT, name, sys.version, str(pickle.HIGHEST_PROTOCOL)):
        digest.update(part.encode() + b"\0")
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def cached_object(name: str, key: str, build: Callable[[], T]) -> T:
    """``build()``'s result, read from the cache when an object for ``key`` (see :func:`cache_key`) is there."""
    path = cache_dir() / f"{name}-{key[:32]}.pickle"
    found = _load(path, key)
    if found is not None:
        return found
    value = build()
    _store(path, key, value)
    return value


def _load(path: Path, key: str) -> object | None:
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    try:
        digest, payload = blob[:_DIGEST_SIZE], blob[_DIGEST_SIZE:]
        if hashlib.sha256(payload).digest() != digest:
            raise ValueError("checksum mismatch")
        stored_key, value = pickle.loads(payload)
        if stored_key != key:
            raise ValueError("written for another key")
        return value
    except Exception as error:  # any damage means: rebuild and overwrite
        log.debug("object cache %s unusable (%s): rebuilding it", path, error)
        return None


def _store(path: Path, key: str, value: object) -> None:
    try:
        payload = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(hashlib.sha256(payload).digest() + payload)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, ValueError, pickle.PicklingError) as error:
        log.debug("object cache %s not written: %s", path, error)
