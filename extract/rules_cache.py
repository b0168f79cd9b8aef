"""Rule tables kept between runs with their regular expressions already compiled.

Reading the status, lexicon and context rule files costs little; compiling their hundred-odd regular
expressions (and reading where each cue can start) costs a good part of a one-sentence ``nhswatch
extract``. A plain pickle would compile every pattern again when loaded, so patterns are pickled as
what ``re`` hands to the regex engine (as ``regex_cache`` does for the gazetteer's pattern) and given
straight back to it.

Files live with the other start-up caches (``nhswatch.cache_files``), keyed by the bytes of the rule files
and of the modules that parse them, this Python and its regex engine: an edited rule or parser is read
again. A file that is missing, damaged or for another key is rebuilt; one that cannot be written only
costs the build.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from nhswatch.cache_files import cache_dir, read_checked, write_checked
from nhswatch.pickle_cache import cache_key

from .regex_cache import _compile, _engine_magic

T = TypeVar("T")
FORMAT = "nhswatch-rules-1"


def cached_rules(name: str, sources: Iterable[Path], build: Callable[[], T]) -> T:
    """``build()``'s result, from the cache when it was built from the same ``sources`` (files) before."""
    sources = list(sources)
    key = _key(name, sources)
    # one file per set of sources: an edited rule file replaces its cache file instead of adding one
    where = hashlib.sha256("\0".join(str(Path(p).resolve()) for p in sources).encode("utf-8", "surrogateescape"))
    prefix = f"{name}-{where.hexdigest()[:12]}-"
    path = cache_dir() / f"{prefix}{key[:32]}.pickle"
    found = read_checked(path, key, pickle.loads)
    if found is not None:
        return found
    value = build()
    if _key(name, sources) == key:  # else a file changed while it was read: the value may match neither
        write_checked(path, key, value, _dumps)
        for other in path.parent.glob(f"{prefix}*.pickle"):
            if other != path:
                other.unlink(missing_ok=True)
    return value


def _key(name: str, sources: list[Path]) -> str:
    return cache_key(name, [FORMAT.encode(), str(_engine_magic()).encode(), *(Path(p).read_bytes() for p in sources)])


class _PatternPickler(pickle.Pickler):
    """Pickles a compiled pattern as the regex engine's arguments, not as its source to compile again."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, re.Pattern):
            _, parts = _compile(obj.pattern, obj.flags)
            return _restore, (parts,)
        return NotImplemented


def _restore(parts: tuple) -> re.Pattern:
    import _sre

    return _sre.compile(*parts)


def _dumps(value: Any) -> bytes:
    buffer = io.BytesIO()
    _PatternPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()
