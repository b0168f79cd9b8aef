"""Objects kept between runs: a pickle keyed by a hash of the data (and code) they are built from.

The parsed gazetteer (organisations, some 8k aliases with their variants, sites) takes a tenth of a
second or more to build from its CSV files on every start-up; unpickling it costs a third of that. The
parsed source registry (some 270 YAML files) is kept the same way (``nhswatch.registry_cache``).
Files live beside the compiled regular expressions (:func:`nhswatch.cache_files.cache_dir`),
one per name and key. The key hashes the caller's parts with this format and the Python version, so a
changed data file, a changed module or another interpreter never reads a stale object. A file that is
missing, truncated, corrupt (its SHA-256 is checked before unpickling) or written for another key is
ignored, rebuilt and overwritten; a cache that cannot be written only costs the build (``cache_files``).

Only nhswatch writes these files, in the user's own cache directory: reading them trusts that
directory as much as the installed code.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from .cache_files import cache_dir, read_checked, write_checked

log = logging.getLogger(__name__)

FORMAT = "nhswatch-pickle-1"
T = TypeVar("T")


def cache_key(name: str, parts: Iterable[bytes]) -> str:
    """A hex digest naming one cached object: ``parts`` (its source data and code) and this Python."""
    digest = hashlib.sha256()
    for part in (FORMAT, name, sys.version, str(pickle.HIGHEST_PROTOCOL)):
        digest.update(part.encode() + b"\0")
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def cached_object(
    name: str, key: str, build: Callable[[], T], *, recheck: Callable[[], str] | None = None, prune: bool = False
) -> T:
    """``build()``'s result, read from the cache when an object for ``key`` (see :func:`cache_key`) is there.

    ``recheck`` computes the key again after a build: if a source changed while it was being read, the
    object is not kept (it might not match either version). ``prune`` removes this name's other files
    when one is written (for a name that only ever has one current key).
    """
    path = cache_dir() / f"{name}-{key[:32]}.pickle"
    found = _load(path, key)
    if found is not None:
        return found
    value = build()
    if recheck is not None and recheck() != key:
        return value
    _store(path, key, value)
    if prune:
        for other in path.parent.glob(f"{name}-*.pickle"):
            if other != path:
                other.unlink(missing_ok=True)
    return value


def _load(path: Path, key: str) -> object | None:
    return read_checked(path, key, pickle.loads)


def _store(path: Path, key: str, value: object) -> None:
    write_checked(path, key, value, lambda item: pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))
