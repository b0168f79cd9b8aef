"""Compiled regular expressions kept between runs.

The gazetteer's alias pattern (a prefix tree of every alias, about 100k characters) takes the best part
of a second to build and compile, on every start-up. Python cannot pickle a compiled pattern (it would
compile it again), so this module stores what ``re`` hands to the regex engine (the pattern text,
flags, engine code and groups) with ``marshal`` and gives it straight back to the engine on the next
run.

Files live in ``$NHSWATCH_CACHE_DIR`` or else platformdirs' ``user_cache_dir("nhswatch")``, one per
key: the caller's key (a hash of the data the pattern is made from) with the Python version and the
regex engine's magic number, so another interpreter never reads them. A file that is missing,
truncated, corrupt or for another key is ignored, rebuilt and overwritten; a cache that cannot be
written only costs the compile.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from nhswatch.cache_files import cache_dir, read_checked, write_checked

log = logging.getLogger(__name__)

FORMAT = "nhswatch-regex-1"


def cache_key(name: str, parts: Iterable[str], flags: int = 0) -> str:
    """A hex digest naming one compiled pattern: ``parts`` (its source data), this Python and its regex engine."""
    digest = hashlib.sha256()
    for part in (FORMAT, name, sys.version, str(_engine_magic()), str(flags)):
        digest.update(part.encode() + b"\0")
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\n")
    return digest.hexdigest()


def cached_regex(name: str, key: str, build: Callable[[], str], flags: int = 0) -> re.Pattern[str]:
    """The pattern ``build()`` returns, compiled, read from the cache when ``key`` (see :func:`cache_key`) is there."""
    path = cache_dir() / f"{name}-{key[:32]}.bin"
    pattern = _load(path, key)
    if pattern is not None:
        return pattern
    source = build()
    try:
        pattern, parts = _compile(source, flags)
    except (ImportError, AttributeError, TypeError):  # an interpreter without these internals
        return re.compile(source, flags)
    _store(path, key, parts)
    return pattern


def _engine_magic() -> int:
    try:
        import _sre

        return _sre.MAGIC
    except (ImportError, AttributeError):  # pragma: no cover - CPython has it
        return 0


def _compile(source: str, flags: int) -> tuple[re.Pattern[str], tuple]:
    """Compile as ``re`` does, keeping the arguments given to the engine."""
    import _sre
    from re import _compiler, _parser

    parsed = _parser.parse(source, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for group, index in groupindex.items():
        indexgroup[index] = group
    all_flags = int(flags | parsed.state.flags)
    parts = (source, all_flags, [int(op) for op in code], parsed.state.groups - 1, groupindex, tuple(indexgroup))
    return _sre.compile(*parts), parts


def _load(path: Path, key: str) -> re.Pattern[str] | None:
    parts = read_checked(path, key, marshal.loads)
    if parts is None:
        return None
    try:
        import _sre

        return _sre.compile(*parts)
    except Exception as error:  # engine arguments this interpreter refuses: rebuild and overwrite
        log.debug("regex cache %s unusable (%s): rebuilding it", path, error)
        return None


def _store(path: Path, key: str, parts: tuple) -> None:
    write_checked(path, key, parts, marshal.dumps)
