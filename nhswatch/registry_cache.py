"""The source registry, parsed once and kept between runs.

Reading the registry's 270-odd YAML files and checking their selectors costs more than everything else
``nhswatch sources list`` does. The parsed sources are pickled (``nhswatch.pickle_cache``: checksummed,
written atomically, a damaged file is rebuilt) under a key made of every registry file's name, size,
modification and change times and inode, and the bytes of the modules that parse them. Any edit, new or
removed file, or upgraded parser makes a new key: the registry is read again, and a malformed file raises
``SourceError`` as it always does (nothing is cached then).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from nhswatch.scraper import registry
from nhswatch.scraper.registry import GENERATED_DIR, SOURCES_DIR, Source

from .pickle_cache import cache_key, cached_object

# The modules whose code decides what a registry file parses to.
PARSERS = ("registry.py", "datasets.py", "css.py", "netpolicy.py")


def load_registry(directory: Path = SOURCES_DIR, *, generated: bool = True) -> dict[str, Source]:
    """``nhswatch.scraper.registry.load_registry``, read from the cache when no file it reads has changed."""
    directory = Path(directory)
    where = f"{directory.resolve()}\0{generated}"
    name = "registry-" + hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()[:12]

    def key() -> str:
        parts = [where.encode("utf-8", "surrogateescape"), *_parser_code(), _listing(directory)]
        return cache_key("registry", parts + ([_listing(directory / GENERATED_DIR)] if generated else []))

    def build() -> dict[str, Source]:
        return registry.load_registry(directory, generated=generated)

    # one file per registry directory: an edited registry replaces its file instead of adding one
    return cached_object(name, key(), build, recheck=key, prune=True)


def _parser_code() -> list[bytes]:
    folder = Path(registry.__file__).parent
    return [(folder / name).read_bytes() for name in PARSERS]


def _listing(folder: Path) -> bytes:
    """Name, size, times and inode of each ``*.yml`` file in ``folder`` (b"" if there is no folder).

    The change time moves on any write and cannot be set back, so an edit that keeps the size and
    restores the modification time still makes a new key.
    """
    try:
        entries = sorted((entry for entry in os.scandir(folder) if entry.name.endswith(".yml")), key=lambda e: e.name)
    except OSError:
        return b""
    lines = []
    for entry in entries:
        info = entry.stat()
        lines.append(f"{entry.name}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0{info.st_ino}")
    return "\n".join(lines).encode("utf-8", "surrogateescape")
