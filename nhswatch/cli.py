"""The ``nhswatch`` command: a click group that wires the scraper, extractor, database and Datasette.

Exit codes of ``run`` and ``scrape``: 0 all well, 1 some sources or pages failed (the rest stored),
2 nothing could run (bad arguments, lock held, database unusable).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

import extract as extractor
from db import open_db
from db.load import finish_run, start_run
from scraper.archive import Archive
from scraper.fetch import DEFAULT_USER_AGENT, Fetcher
from scraper.registry import load_registry

from . import pipeline, serving
from .inputs import InputError, read_documents
from .lock import LockHeld, RunLock

DEFAULT_DB = "nhswatch.db"
log = logging.getLogger("nhswatch")

db_option = click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
                         help="SQLite database file.")


def archive_for(db_path: str, archive: str | None) -> Archive:
    return Archive(Path(archive) if archive else Path(db_path).with_suffix(".archive"))


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log debugging detail.")
@click.version_option(package_name="nhswatch")
def cli(verbose: bool) -> None:
    """Which NHS organisations are under which kind of oversight, since when, and on whose word."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("urllib3", "trafilatura", "htmldate", "charset_normalizer"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True)
def extract_command(paths: tuple[str, ...]) -> None:
    """Print the organisations and events in documents (.txt, .html, .jsonl; '-' = JSONL on stdin).

    One JSON object per document on stdout. Unreadable files are reported on stderr and skipped;
    the exit code is 1 if any were.
    """
    failed = False
    for path in paths:
        try:
            for doc in read_documents(path):
                result = extractor.extract(doc.get("text") or "", doc.get("published"), url=doc.get("url"),
                                           publisher=doc.get("publisher"))
                record = {"id": doc.get("id"), "published": doc.get("published"), **result.as_dict()}
                click.echo(json.dumps(record, ensure_ascii=False))
        except InputError as error:
            click.echo(f"nhswatch extract: {error}", err=True)
            failed = True
    sys.exit(1 if failed else 0)


@cli.command("load")
@click.argument("paths", nargs=-1, required=True)
@db_option
def load_command(paths: tuple[str, ...], db_path: str) -> None:
    """Load documents (.txt, .html, .jsonl) into the database and extract their events."""
    db = open_db(db_path)
    docs = []
    for path in paths:
        try:
            docs += list(read_documents(path))
        except InputError as error:
            raise click.ClickException(str(error)) from error
    counts = pipeline.load_documents(db, docs)
    click.echo(json.dumps(counts.as_row()), err=True)


@cli.command("build")
@db_option
@click.option("--all", "everything", is_flag=True, help="Re-extract every document, not only new ones.")
def build_command(db_path: str, everything: bool) -> None:
    """Extract events from stored documents that this extractor version has not read yet."""
    db = open_db(db_path)
    stored = pipeline.extract_documents(db, everything=everything)
    click.echo(f"{stored} events stored", err=True)


def fetcher_for(user_agent: str | None, delay: float, allow_private: bool) -> Fetcher:
    return Fetcher(user_agent=user_agent or DEFAULT_USER_AGENT, delay=delay, allow_private=allow_private)


def summary(counts: pipeline.RunCounts) -> None:
    for source, c in sorted(counts.by_source.items()):
        click.echo(
            f"{source}: fetched {c['fetched']}, new {c['new']}, changed {c['changed']}, "
            f"unchanged {c['unchanged']}, failed {c['failed']}",
            err=True,
        )


def run_job(db_path: str, sources: list, *, archive: str | None, since: str | None, limit: int | None,
            user_agent: str | None, delay: float, command: str, extract_too: bool) -> int:
    """Scrape (and optionally extract) under the run lock; returns the exit code."""
    try:
        with RunLock(Path(db_path).with_suffix(".lock")) as lock:
            if lock.stale_pid:
                log.warning("removed a stale lock left by pid %s", lock.stale_pid)
            db = open_db(db_path)
            run_id = start_run(db, command)
            exit_code = 2
            counts = pipeline.RunCounts()
            try:
                fetcher = fetcher_for(user_agent, delay, allow_private=any(s.allow_private for s in sources))
                counts = pipeline.scrape(db, sources, fetcher, archive_for(db_path, archive), run_id,
                                         since=since, limit=limit)
                if extract_too:
                    pipeline.extract_documents(db)
                exit_code = 1 if counts.total("failed") else 0
                summary(counts)
                return exit_code
            finally:
                finish_run(db, run_id, exit_code, counts.as_row())
    except LockHeld as error:
        click.echo(f"nhswatch: {error}", err=True)
        return 2


def selected_sources(names: tuple[str, ...], sources_dir: str | None) -> list:
    registry = load_registry(Path(sources_dir)) if sources_dir else load_registry()
    unknown = [n for n in names if n not in registry]
    if unknown:
        raise click.UsageError(f"unknown source(s): {', '.join(unknown)} (see `nhswatch sources list`)")
    return [registry[n] for n in names] if names else list(registry.values())


scrape_options = [
    click.argument("names", nargs=-1),
    db_option,
    click.option("--archive", type=click.Path(file_okay=False), help="Archive directory [default: DB.archive]"),
    click.option("--since", help="Only articles published on or after this date (YYYY-MM-DD)."),
    click.option("--limit", type=int, help="At most this many articles per source."),
    click.option("--sources-dir", type=click.Path(file_okay=False, exists=True), help="Another registry directory."),
    click.option("--user-agent", help="User-Agent to send (include a contact URL)."),
    click.option("--delay", type=float, default=1.0, show_default=True, help="Seconds between requests to a host."),
]


def with_options(options):
    def decorate(func):
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


@cli.command("scrape")
@with_options(scrape_options)
def scrape_command(names, db_path, archive, since, limit, sources_dir, user_agent, delay) -> None:
    """Fetch new and changed articles from the registry's sources (all, or those NAMED)."""
    sources = selected_sources(names, sources_dir)
    sys.exit(run_job(db_path, sources, archive=archive, since=since, limit=limit, user_agent=user_agent,
                     delay=delay, command="scrape", extract_too=False))


@cli.command("run")
@with_options(scrape_options)
def run_command(names, db_path, archive, since, limit, sources_dir, user_agent, delay) -> None:
    """The scheduled job: scrape → extract → load. Exit 0 ok, 1 some failures, 2 could not run."""
    sources = selected_sources(names, sources_dir)
    sys.exit(run_job(db_path, sources, archive=archive, since=since, limit=limit, user_agent=user_agent,
                     delay=delay, command="run", extract_too=True))


@cli.group("sources")
def sources_group() -> None:
    """The source registry."""


@sources_group.command("list")
@click.option("--sources-dir", type=click.Path(file_okay=False, exists=True))
def sources_list(sources_dir: str | None) -> None:
    """List the registered sources."""
    for source in selected_sources((), sources_dir):
        click.echo(f"{source.name}\t{source.kind}\t{source.publisher}\t{source.homepage}")


@cli.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--metadata", type=click.Path(dir_okay=False, exists=True), help="metadata.yml to use.")
def serve_command(db_path: str, host: str, port: int, metadata: str | None) -> None:
    """Publish the database with Datasette."""
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path} does not exist: run `nhswatch run` or `nhswatch demo` first")
    sys.exit(serving.serve(Path(db_path), host=host, port=port, metadata=Path(metadata) if metadata else None))


@cli.command("demo")
@db_option
@click.option("--serve/--no-serve", default=True, help="Start Datasette when the database is built.")
@click.option("--port", default=8001, show_default=True, type=int)
def demo_command(db_path: str, serve: bool, port: int) -> None:
    """Build the database from the bundled sample newsroom (served locally), then publish it."""
    from .demo import build_demo

    code = build_demo(Path(db_path))
    if code == 2:
        sys.exit(code)
    if serve:
        sys.exit(serving.serve(Path(db_path), port=port))
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    cli()
