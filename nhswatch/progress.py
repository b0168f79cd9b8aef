"""Progress for long jobs: a live line or bar on a terminal, plain log lines otherwise."""

from __future__ import annotations

import logging
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

import click

T = TypeVar("T")
log = logging.getLogger("nhswatch")
LOG_EVERY = 50
PAGES_LOG_EVERY = 200


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


def describe(counts: Counter) -> str:
    """``fetched 12, new 3, changed 1, unchanged 8, skipped 0, failed 1``."""
    return ", ".join(f"{key} {counts[key]}" for key in ("fetched", "new", "changed", "unchanged", "skipped", "failed"))


class Reporter:
    """Progress of a scrape: one updating status line on a terminal, log lines otherwise."""

    def __init__(self, sources: int, *, stream: TextIO | None = None, tty: bool | None = None, enabled: bool = True):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.enabled = enabled
        self.sources, self.done = sources, 0
        self.pages: Counter = Counter()
        self.started = time.monotonic()
        self._last_draw = 0.0

    def page(self, source: str, outcome: str) -> None:
        """One URL dealt with."""
        self.pages[outcome] += 1
        total = sum(self.pages.values())
        if not self.enabled:
            return
        if self.tty:
            self._draw(source)
        elif total % PAGES_LOG_EVERY == 0:
            log.info("scrape: %d URLs so far (%d new, %d failed)", total, self.pages["new"], self.pages["failed"])

    def source_done(self, source: str, counts: Counter, status: str) -> None:
        """A source finished."""
        self.done += 1
        if not self.enabled:
            return
        if self.tty:
            self._clear()
        log.info("[%d/%d] %s %s: %s", self.done, self.sources, source, status, describe(counts))
        if self.tty:
            self._draw(source, force=True)

    def _draw(self, source: str, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_draw < 0.1:
            return
        self._last_draw = now
        total = sum(self.pages.values())
        rate = total / max(now - self.started, 1e-6)
        line = (
            f"[{self.done}/{self.sources} sources] {total} URLs · {self.pages['new']} new · "
            f"{self.pages['failed']} failed · {rate:.1f}/s · {source}"
        )
        self.stream.write("\r\x1b[2K" + line[:200])
        self.stream.flush()

    def _clear(self) -> None:
        self.stream.write("\r\x1b[2K")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.tty:
            self._clear()
