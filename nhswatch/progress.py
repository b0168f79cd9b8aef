"""Progress for long jobs: a bar on a terminal, plain log lines otherwise."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

import click

T = TypeVar("T")
log = logging.getLogger("nhswatch")
LOG_EVERY = 50


def progress(items: Iterable[T], label: str) -> Iterator[T]:
    """Yield ``items``, showing progress on stderr."""
    if sys.stderr.isatty():
        with click.progressbar(items, label=label, file=sys.stderr) as bar:
            yield from bar
        return
    count = 0
    for count, item in enumerate(items, start=1):
        if count % LOG_EVERY == 0:
            log.info("%s: %d done", label, count)
        yield item
    log.info("%s: %d in all", label, count)
