"""The scheduled jobs behind ``nhswatch scrape|run|reextract|sources check``, returning exit codes.

Exit codes (see ``nhswatch.errors``): 0 all well; 1 some sources or pages failed (the rest were
stored); 2 nothing could run (lock held, no sources selected, or every source failed outright);
3 fatal (the database cannot be used: raised as ``FatalError`` after recording the run as failed
when the database can still be written). Each scrape is recorded in ``runs`` (and per source in
``run_sources``); runs left "running" by a killed process are marked "interrupted" by the next
one. SIGTERM (systemd's stop, a CI timeout) ends a run cleanly: the current document is finished
or rolled back, the run is recorded as interrupted, the lock released.
"""

from __future__ import annotations

import json
import logging
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import click

from nhswatch.db import load, open_db
from nhswatch.scraper.archive import Archive
from nhswatch.scraper.check import check_sources
from nhswatch.scraper.fetch import DEFAULT_USER_AGENT, Fetcher
from nhswatch.scraper.registry import Source

from . import datasets, errors, pipeline
from .errors import fatal_error
from .lock import LockHeld, RunLock
from .progress import Reporter, describe

log = logging.getLogger("nhswatch")


@dataclass
class FetchOptions:
    """How to fetch: politeness and patience."""

    user_agent: str | None = None
    delay: float = 1.0
    timeout: float = 20.0
    retries: int = 3
    workers: int = 8

    def fetcher(self) -> Fetcher:
        return Fetcher(
            user_agent=self.user_agent or DEFAULT_USER_AGENT,
            delay=self.delay,
            timeout=self.timeout,
            retries=self.retries,
            deadline=max(60.0, self.timeout * 6),
        )


def archive_for(db_path: str, archive: str | None) -> Archive:
    """The archive directory: given, or next to the database (``nhswatch.archive``)."""
    return Archive(Path(archive) if archive else Path(db_path).with_suffix(".archive"))


def lock_for(db_path: str | Path) -> RunLock:
    """The run lock of a database: ``x.lock`` next to the database's real file (symlinks resolved),
    so two paths to one database (a symlink, ``./x.db`` and ``/abs/x.db``) share one lock."""
    return RunLock(Path(db_path).resolve().with_suffix(".lock"))


class Interrupted(Exception):
    """SIGTERM arrived."""


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """Turn SIGTERM into an exception in the main thread, so finally-blocks run."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise Interrupted()

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def summary(counts: pipeline.RunCounts) -> None:
    """Per-source and total counts on stderr."""
    for source, c in sorted(counts.by_source.items()):
        click.echo(f"{source}: {counts.status.get(source, '?')} — {describe(c)}", err=True)
    total = counts.as_row()
    click.echo(f"total: {len(counts.by_source)} sources — " + ", ".join(f"{k} {v}" for k, v in total.items()), err=True)


def locked(db_path: str | Path, body: Callable[[], int]) -> int:
    """Run ``body`` under the run lock; 2 if the lock is held.

    Errors that make the database unusable propagate as FatalError (exit code 3).
    """
    try:
        with lock_for(db_path) as lock:
            if lock.stale_pid:
                log.warning("the previous run (pid %s) was killed; its lock was released by the system", lock.stale_pid)
            return body()
    except LockHeld as error:
        click.echo(f"nhswatch: {error}", err=True)
        return errors.NOTHING_RAN
    except Exception as error:
        fatal = fatal_error(error, str(db_path))
        if fatal is None or fatal is error:
            raise
        raise fatal from error


def open_database(db_path: str | Path):
    """``open_db``, with the errors that make a database unusable turned into FatalError."""
    try:
        return open_db(db_path)
    except Exception as error:
        fatal = fatal_error(error, str(db_path))
        if fatal is None:
            raise
        raise fatal from error


def due_sources(db, sources: list[Source], now: datetime | None = None) -> list[Source]:
    """The sources whose ``schedule`` (hourly ... quarterly) says they are due; on-demand ones never are."""
    now = now or datetime.now(UTC)
    due = []
    for source in sources:
        if source.interval is None:
            continue
        last = load.last_success(db, source.name)
        if last is None or (now - datetime.fromisoformat(last)).total_seconds() >= source.interval * 0.9:
            due.append(source)
    return due


def run_job(
    db_path: str,
    sources: list[Source],
    *,
    archive: str | None,
    since: str | None,
    limit: int | None,
    user_agent: str | None,
    delay: float,
    command: str,
    extract_too: bool,
    options: FetchOptions | None = None,
    due: bool = False,
) -> int:
    """Scrape (and for ``run``: extract, load, rebuild derived tables) under the run lock.

    With ``due``, only the sources whose schedule says they are due are scraped (0 if none is).
    """
    options = options or FetchOptions(user_agent=user_agent, delay=delay)
    options.user_agent, options.delay = user_agent or options.user_agent, delay
    if not sources:
        click.echo("nhswatch: no sources selected (all disabled?)", err=True)
        return 2

    def body() -> int:
        db = open_database(db_path)
        interrupted = load.mark_interrupted_runs(db)
        if interrupted:
            log.warning("marked %d earlier run(s) that never finished as interrupted", interrupted)
        selected = due_sources(db, sources) if due else sources
        if not selected:
            click.echo("nhswatch: no source is due; nothing to do", err=True)
            return 0
        run_id = load.start_run(db, command, sources=len(selected))
        exit_code, status, counts = 2, None, pipeline.RunCounts()
        try:
            with sigterm_interrupts():
                counts = pipeline.scrape(
                    db,
                    [s for s in selected if s.kind != "dataset"],
                    options.fetcher(),
                    archive_for(db_path, archive),
                    run_id,
                    since=since,
                    limit=limit,
                    workers=options.workers,
                    reporter=Reporter(len(selected)),
                )
                official = [s for s in selected if s.kind == "dataset"]  # official records (nhswatch.datasets)
                datasets.fetch_datasets(db, official, options.fetcher(), archive_for(db_path, archive), run_id, counts)
                if extract_too:
                    stored = pipeline.extract_documents(db)
                    log.info("extracted: %d events stored", stored)
                    pipeline.rebuild_derived(db)
                    log.info("derived tables rebuilt")
            exit_code = counts.exit_code()
            summary(counts)
            return exit_code
        except (Interrupted, KeyboardInterrupt):
            status = "interrupted"
            click.echo("nhswatch: interrupted; finished work is stored, the next run completes the rest", err=True)
            return 2
        except Exception as error:
            fatal = fatal_error(error, db_path)
            exit_code = fatal.exit_code if fatal else errors.INTERNAL
            if fatal is not None and "locked" in fatal.cause:
                run_id = None  # waiting the busy timeout a second time would not help
            if fatal is None or fatal is error:
                raise
            raise fatal from error
        finally:
            if run_id is not None:
                record_end(db, run_id, exit_code, counts.as_row(), status)

    return locked(db_path, body)


def record_end(db, run_id: int, exit_code: int, counts: dict[str, int], status: str | None) -> None:
    """``finish_run``; if the database cannot be written (full, locked), the run stays "running"
    and the next run marks it interrupted."""
    try:
        load.finish_run(db, run_id, exit_code, counts, status=status)
    except Exception as error:
        if fatal_error(error) is None:
            raise
        log.warning("could not record the end of run %s: %s", run_id, error)


def reextract_job(db_path: str, registry: dict[str, Source], *, archive: str | None, names: tuple[str, ...]) -> int:
    """Re-parse archived responses and re-extract events (no network), then rebuild derived tables."""
    if not Path(db_path).exists():
        click.echo(f"nhswatch: {db_path} does not exist", err=True)
        return 2

    def body() -> int:
        db = open_database(db_path)
        counts = pipeline.reextract(db, archive_for(db_path, archive), registry, sources=names)
        pipeline.rebuild_derived(db)
        click.echo(json.dumps(counts.as_row()), err=True)
        return 1 if counts.failed else 0

    return locked(db_path, body)


def check_job(sources: list[Source], options: FetchOptions, *, articles: int, as_json: bool) -> int:
    """Check sources' health; 0 if all are ok, 1 if any is degraded or failed."""
    news = [s for s in sources if s.kind != "dataset"]
    reports = check_sources(news, options.fetcher(), articles=articles, workers=options.workers) if news else []
    reports += [datasets.check_dataset(s, options.fetcher()) for s in sources if s.kind == "dataset"]
    if as_json:
        click.echo(json.dumps([report.as_dict() for report in reports], indent=2))
    else:
        for report in reports:
            click.echo("\n".join(report.lines()))
        statuses = [report.status for report in reports]
        order = ["ok", "degraded", *sorted(set(statuses) - {"ok", "degraded", "failed"}), "failed"]
        click.echo(", ".join(f"{statuses.count(s)} {s}" for s in order), err=True)
    return 0 if all(report.status == "ok" for report in reports) else 1
