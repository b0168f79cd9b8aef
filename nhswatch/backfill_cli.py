"""``nhswatch backfill SOURCE... [--from YEAR] [--to YEAR]``: a source's history from web archive captures,
or from its WordPress REST API when the registry gives ``backfill.wordpress`` (``--method``).

Under the run lock, recorded in ``runs`` as command ``backfill``; after fetching, the new documents are
extracted and the derived tables rebuilt (unless ``--no-extract``). Exit 0 all well, 1 some captures
failed (the rest stored), 2 nothing ran (lock held, bad arguments, SIGTERM), 3 fatal. See
``nhswatch/backfill.py``, ``nhswatch/backfill_wordpress.py`` and docs/backfill.md.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from datetime import UTC, datetime

import click

from .validate import db_in_existing_folder

log = logging.getLogger("nhswatch")
ARCHIVE_URL_ENV = "NHSWATCH_ARCHIVE_URL"
OUTCOMES = ("stored", "duplicate", "exists", "skipped", "failed")
METHODS = ("auto", "wordpress", "archive")


def _year(_ctx, _param, value: int | None) -> int | None:
    if value is not None and not 1996 <= value <= datetime.now(UTC).year:
        raise click.BadParameter(f"{value} is not a year the web archive can hold (1996 to this year)")
    return value


@click.command("backfill")
@click.argument("names", nargs=-1, required=True)
@click.option("--from", "year_from", type=int, callback=_year, help="First year of captures (default: all).")
@click.option("--to", "year_to", type=int, callback=_year, help="Last year of captures (default: all).")
@click.option(
    "--db",
    "db_path",
    default="nhswatch.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    callback=db_in_existing_folder,
)
@click.option("--archive", type=click.Path(file_okay=False), help="Archive directory [default: DB.archive]")
@click.option("--sources-dir", type=click.Path(file_okay=False, exists=True), help="Another registry directory.")
@click.option(
    "--archive-url",
    envvar=ARCHIVE_URL_ENV,
    default="https://web.archive.org",
    show_default=True,
    help=f"The web archive (its CDX API and replays); also ${ARCHIVE_URL_ENV}.",
)
@click.option(
    "--archive-delay",
    type=click.FloatRange(min=0),
    default=2.0,
    show_default=True,
    help="Seconds between requests to the archive (its own rate limit).",
)
@click.option("--cdx-output", type=click.Choice(["json", "text"]), default="json", show_default=True)
@click.option(
    "--method",
    type=click.Choice(METHODS),
    default="auto",
    show_default=True,
    help="wordpress: the site's REST API (backfill.wordpress); archive: web archive captures; "
    "auto: wordpress where the registry gives it, else archive.",
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Seconds between requests to a live WordPress site.",
)
@click.option("--user-agent", help="User-Agent to send (include a contact URL).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True)
@click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True)
@click.option("--extract/--no-extract", default=True, help="Extract events and rebuild derived tables afterwards.")
def backfill_command(
    names: tuple[str, ...],
    year_from: int | None,
    year_to: int | None,
    db_path: str,
    archive: str | None,
    sources_dir: str | None,
    archive_url: str,
    archive_delay: float,
    cdx_output: str,
    method: str,
    delay: float,
    user_agent: str | None,
    timeout: float,
    retries: int,
    extract: bool,
) -> None:
    """Fill the history of the NAMED sources from the Internet Archive's captures of their news pages,
    or from their WordPress REST API where the registry gives backfill.wordpress (see --method).

    Resumable: run it again after an interruption and it goes on where it stopped, without asking the
    archive again for what it stored. Backfilled documents are dated by their capture and left out of
    the "new changes" feed.
    """
    from .cli import selected_sources

    if year_from and year_to and year_from > year_to:
        raise click.BadParameter(f"--from {year_from} is after --to {year_to}")
    if not archive_url.startswith(("http://", "https://")):
        raise click.BadParameter(f"{archive_url!r} is not an http(s) URL", param_hint="--archive-url")
    sources = selected_sources(names, sources_dir)
    from nhswatch.backfill import ArchiveConfig

    if method == "wordpress" and (bare := [s.name for s in sources if not s.backfill.get("wordpress")]):
        raise click.BadParameter(f"no backfill.wordpress in the registry for {', '.join(bare)}", param_hint="--method")
    config = ArchiveConfig(base=archive_url, year_from=year_from, year_to=year_to, output=cdx_output)
    sys.exit(
        backfill_job(
            db_path, sources, config, archive, user_agent, archive_delay, timeout, retries, extract, method, delay
        )
    )


def uses_wordpress(source, method: str) -> bool:
    """Whether ``source`` is backfilled from its WordPress REST API rather than the web archive."""
    return method != "archive" and bool(source.backfill.get("wordpress"))


def backfill_job(
    db_path, sources, config, archive, user_agent, delay, timeout, retries, extract, method="auto", live_delay=1.0
) -> int:
    """Backfill ``sources`` under the run lock; returns the exit code."""
    from nhswatch.backfill import Backfiller
    from nhswatch.db import load
    from nhswatch.scraper.fetch import DEFAULT_USER_AGENT, Fetcher

    from . import errors, pipeline
    from .jobs import Interrupted, archive_for, locked, open_database, record_end, sigterm_interrupts
    from .progress import progress

    def one(db, source, fetcher: Fetcher, run_id: int) -> Counter:
        """Backfill one source: from its WordPress REST API (the live site's own delay) or the archive."""
        store = archive_for(db_path, archive)
        if not uses_wordpress(source, method):
            return Backfiller(db, source, fetcher, store, run_id, config, progress).run()
        from nhswatch.backfill_wordpress import WordPressBackfiller

        live = Fetcher(
            user_agent=fetcher.user_agent,
            delay=live_delay,
            timeout=timeout,
            retries=retries,
            deadline=fetcher.deadline,
        )
        years = {"year_from": config.year_from, "year_to": config.year_to}
        return WordPressBackfiller(db, source, live, store, run_id, **years, progress=progress).run()

    def body() -> int:
        db = open_database(db_path)
        load.mark_interrupted_runs(db)
        load.upsert_sources(db, sources)
        run_id = load.start_run(db, "backfill", sources=len(sources))
        fetcher = Fetcher(
            user_agent=user_agent or DEFAULT_USER_AGENT,
            delay=delay,
            timeout=timeout,
            retries=retries,
            deadline=max(60.0, timeout * 6),
        )
        totals, status, code = Counter(), None, errors.NOTHING_RAN
        try:
            with sigterm_interrupts():
                for source in sources:
                    counts = one(db, source, fetcher, run_id)
                    totals.update(counts)
                    click.echo(f"{source.name}: " + ", ".join(f"{k} {counts[k]}" for k in OUTCOMES), err=True)
                if extract:
                    log.info("extracted: %d events stored", pipeline.extract_documents(db))
                    pipeline.rebuild_derived(db)
            failed = db.execute(
                "select count(*) from failures where run_id = ? and stage != 'extract'", [run_id]
            ).fetchone()[0]
            code = errors.OK if not failed else 1
            return code
        except (Interrupted, KeyboardInterrupt):
            status = "interrupted"
            click.echo("nhswatch: interrupted; stored captures are kept, run backfill again to go on", err=True)
            return errors.NOTHING_RAN
        finally:
            row = {
                "fetched": totals["stored"] + totals["failed"],
                "new": totals["stored"],
                "changed": 0,
                "unchanged": totals["duplicate"] + totals["exists"],
                "skipped": totals["skipped"],
                "failed": totals["failed"],
            }
            record_end(db, run_id, code, row, status)

    return locked(db_path, body)
