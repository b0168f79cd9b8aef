"""The ``nhswatch`` command: a click group that wires the scraper, extractor, database and Datasette.

Exit codes (``nhswatch.errors``): 0 all well, 1 some sources or pages failed (the rest stored),
2 nothing could run (bad flags or arguments, lock held, no source, every source failed, SIGTERM),
3 fatal (the database cannot be used: one line on stderr names the cause and the fix),
4 internal error (a bug: the traceback is printed).
"""

from __future__ import annotations

import atexit
import gc
import json
import logging
import os
import sys
import traceback
from pathlib import Path

import click

# Cold start: the extractor (spaCy), the scraper and the pipeline are imported inside the commands
# that use them, so `nhswatch --help`, `serve` and `sources` start in the time of click and sqlite-utils.
from . import errors, serving
from .errors import fatal_error
from .validate import NothingRan, db_in_existing_folder, iso_date

DEFAULT_DB = "nhswatch.db"
log = logging.getLogger("nhswatch")

db_option = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    callback=db_in_existing_folder,
    help="SQLite database file (its folder must exist).",
)


class Main(click.Group):
    """The ``nhswatch`` group: fatal errors end in one line and exit code 3, crashes in exit code 4."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("nhswatch: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # the reader went away ("nhswatch sources list | head"): not an error; stop writing quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except Exception as error:
            fatal = fatal_error(error)
            if fatal is None:
                traceback.print_exc()
                click.echo(f"nhswatch: internal error (a bug, please report it): {error!r}", err=True)
                ctx.exit(errors.INTERNAL)
            click.echo(fatal.line(), err=True)
            ctx.exit(fatal.exit_code)


@click.group(cls=Main)
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
    """Print the organisations and events in documents (.txt, .html, .jsonl; '-' = JSONL on stdin; a file of
    another name, such as /dev/stdin, whose first line is a JSON document is read as JSONL).

    One JSON object per document on stdout. Unreadable files, and documents the extractor cannot read
    (a publication date of the wrong type, a document over its time budget), are reported on stderr
    and skipped (the latter with an "error" field and no events); the exit code is 1 if any were.
    """
    from nhswatch import extract as extractor

    from .inputs import InputError, read_documents

    # Cold start: at exit, the interpreter's last garbage collection walks every object spaCy and the
    # extractor made (a tenth of a second or more). Frozen, they are left to the process's end instead:
    # this command writes nothing but stdout, which the interpreter flushes regardless.
    atexit.register(gc.freeze)
    failed = False
    for path in paths:
        try:
            for doc in read_documents(path):
                record = {"id": doc.get("id"), "published": doc.get("published")}
                try:
                    result = extractor.extract(
                        doc.get("text") or "", doc.get("published"), url=doc.get("url"), publisher=doc.get("publisher")
                    )
                except (extractor.InputError, extractor.ExtractionBudgetExceeded) as error:
                    # one bad document is reported and skipped; the others are still read
                    click.echo(f"nhswatch extract: {doc.get('id') or path}: {error}", err=True)
                    record.update({"organisations": [], "events": [], "error": str(error)})
                    failed = True
                else:
                    record.update(result.as_dict())
                click.echo(json.dumps(record, ensure_ascii=False, default=str))
        except InputError as error:
            click.echo(f"nhswatch extract: {error}", err=True)
            failed = True
    sys.exit(1 if failed else 0)


@cli.command("load")
@click.argument("paths", nargs=-1, required=True)
@db_option
def load_command(paths: tuple[str, ...], db_path: str) -> None:
    """Load documents (.txt, .html, .jsonl) into the database and extract their events.

    Exit 2 if a file cannot be read (nothing is loaded), 3 on a fatal database error. Files are read
    as a stream (JSONL a line at a time), so their size is not limited by memory.
    """
    from . import pipeline
    from .inputs import InputError, check_readable, read_documents
    from .jobs import locked, open_database

    for path in paths:
        try:
            check_readable(path)
        except InputError as error:
            raise NothingRan(str(error)) from error

    def body() -> int:
        db = open_database(db_path)
        try:
            counts = pipeline.load_documents(db, (doc for path in paths for doc in read_documents(path)))
        except InputError as error:  # a bad line half-way: the documents' transaction was rolled back
            click.echo(f"Error: {error}", err=True)
            return errors.NOTHING_RAN
        pipeline.rebuild_derived(db)
        click.echo(json.dumps(counts.as_row()), err=True)
        return errors.OK

    sys.exit(locked(db_path, body))


@cli.command("build")
@db_option
@click.option("--all", "everything", is_flag=True, help="Re-extract every document, not only new ones.")
@click.option(
    "--full", is_flag=True, help="Rebuild the derived tables from all events, not only organisations whose changed."
)
def build_command(db_path: str, everything: bool, full: bool) -> None:
    """Extract events from stored documents that this extractor version has not read yet, then bring the
    changes and the status timeline up to date (only the organisations whose events changed)."""
    from . import pipeline
    from .jobs import locked, open_database

    def body() -> int:
        db = open_database(db_path)
        stored = pipeline.extract_documents(db, everything=everything)
        pipeline.rebuild_derived(db, full=full)
        click.echo(f"{stored} events stored", err=True)
        return errors.OK

    sys.exit(locked(db_path, body))


def selected_sources(
    names: tuple[str, ...], sources_dir: str | None, *, enabled_only: bool = False, datasets: bool = False
) -> list:
    """Sources NAMED (any), or every source in the registry (only enabled ones if ``enabled_only``).

    With ``datasets`` (commands that fetch them), the dataset sources' formats and frameworks are checked
    too: that needs the extractor's importers, which listing sources does not load.
    """
    from nhswatch.scraper.registry import SourceError

    from .registry_cache import load_registry

    try:
        registry = load_registry(Path(sources_dir)) if sources_dir else load_registry()
    except SourceError as error:
        raise NothingRan(str(error)) from error
    unknown = [n for n in names if n not in registry]
    if unknown:
        raise click.UsageError(f"unknown source(s): {', '.join(unknown)} (see `nhswatch sources list`)")
    chosen = [registry[n] for n in names] if names else [s for s in registry.values() if s.enabled or not enabled_only]
    if datasets:
        from .datasets import check_all_known

        try:
            check_all_known(chosen)
        except SourceError as error:
            raise NothingRan(str(error)) from error
    return chosen


def fetch_options(func):
    """--user-agent, --delay, --timeout, --retries, --workers."""
    for option in reversed(
        [
            click.option("--user-agent", help="User-Agent to send (include a contact URL)."),
            click.option(
                "--delay",
                type=click.FloatRange(min=0),
                default=1.0,
                show_default=True,
                help="Seconds between requests to a host.",
            ),
            click.option(
                "--timeout",
                type=click.FloatRange(min=0, min_open=True),
                default=20.0,
                show_default=True,
                help="Connect/read timeout, seconds.",
            ),
            click.option(
                "--retries",
                type=click.IntRange(min=0),
                default=3,
                show_default=True,
                help="Retries per URL (with backoff).",
            ),
            click.option(
                "--workers", type=click.IntRange(min=1), default=8, show_default=True, help="Hosts fetched in parallel."
            ),
        ]
    ):
        func = option(func)
    return func


def scrape_options(func):
    """NAMES, --db, --archive, --since, --limit, --sources-dir and the fetch options."""
    for option in reversed(
        [
            click.argument("names", nargs=-1),
            db_option,
            click.option("--archive", type=click.Path(file_okay=False), help="Archive directory [default: DB.archive]"),
            click.option(
                "--since",
                callback=iso_date,
                metavar="YYYY-MM-DD",
                help="Only articles published on or after this date.",
            ),
            click.option("--limit", type=click.IntRange(min=1), help="At most this many articles per source."),
            click.option("--sources-dir", type=click.Path(file_okay=False, exists=True), help="Another registry dir."),
            click.option("--due", is_flag=True, help="Only sources whose schedule (hourly ... quarterly) is due."),
        ]
    ):
        func = option(func)
    return fetch_options(func)


def _scrape(
    command: str,
    extract_too: bool,
    names,
    db_path,
    archive,
    since,
    limit,
    sources_dir,
    due,
    user_agent,
    delay,
    timeout,
    retries,
    workers,
) -> None:
    from . import jobs
    from .jobs import run_job

    sources = selected_sources(names, sources_dir, enabled_only=True, datasets=True)
    options = jobs.FetchOptions(user_agent, delay, timeout, retries, workers)
    sys.exit(
        run_job(
            db_path,
            sources,
            archive=archive,
            since=since,
            limit=limit,
            user_agent=user_agent,
            delay=delay,
            command=command,
            extract_too=extract_too,
            options=options,
            due=due,
        )
    )


@cli.command("scrape")
@scrape_options
def scrape_command(**kwargs) -> None:
    """Fetch new and changed articles from the registry's sources (all enabled, or those NAMED).

    Exit 0 all well, 1 some sources or pages failed (the rest stored), 2 nothing could run.
    """
    _scrape("scrape", False, **kwargs)


@cli.command("run")
@scrape_options
def run_command(**kwargs) -> None:
    """The scheduled job: scrape → extract → load → rebuild derived tables.

    Exit 0 all well, 1 some sources or pages failed (the rest stored), 2 nothing could run.
    """
    _scrape("run", True, **kwargs)


@cli.command("reextract")
@click.argument("names", nargs=-1)
@db_option
@click.option("--archive", type=click.Path(file_okay=False), help="Archive directory [default: DB.archive]")
@click.option("--sources-dir", type=click.Path(file_okay=False, exists=True), help="Another registry directory.")
def reextract_command(names: tuple[str, ...], db_path: str, archive: str | None, sources_dir: str | None) -> None:
    """Re-parse archived pages and re-extract events for all documents (or those of NAMED sources).

    Nothing is fetched. Use after upgrading the parser or the extractor.
    """
    from . import jobs

    registry = {s.name: s for s in selected_sources((), sources_dir)}
    registry.update(bundled_sources())
    sys.exit(jobs.reextract_job(db_path, registry, archive=archive, names=names))


def bundled_sources() -> dict:
    """Sources that live outside the registry directory (the sample newsroom)."""
    from nhswatch.demo import SAMPLE_DIR
    from nhswatch.scraper.registry import SourceError, load_source

    path = SAMPLE_DIR / "source.yml"
    try:
        source = load_source(path)
    except (OSError, SourceError):
        return {}
    return {source.name: source}


@cli.group("sources")
def sources_group() -> None:
    """The source registry."""


@sources_group.command("list")
@click.option("--sources-dir", type=click.Path(file_okay=False, exists=True))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per source.")
def sources_list(sources_dir: str | None, as_json: bool) -> None:
    """List the registered sources: name, kind, region, discovery, homepage."""
    for source in selected_sources((), sources_dir):
        if as_json:
            row = {k: v for k, v in source.__dict__.items() if k not in ("allowed_hosts", "origin")}
            click.echo(json.dumps({**row, "allowed_hosts": sorted(source.allowed_hosts)}))
            continue
        kinds = ",".join(kind for kind, _ in source.steps())
        flag = "" if source.enabled else "\t(disabled)"
        click.echo(f"{source.name}\t{source.kind}\t{source.region or '-'}\t{kinds}\t{source.homepage}{flag}")


@sources_group.command("check")
@click.argument("names", nargs=-1)
@click.option("--sources-dir", type=click.Path(file_okay=False, exists=True), help="Another registry directory.")
@click.option("--articles", type=int, default=3, show_default=True, help="Articles to fetch and parse per source.")
@click.option("--json", "as_json", is_flag=True, help="Reports as JSON.")
@fetch_options
def sources_check(names, sources_dir, articles, as_json, user_agent, delay, timeout, retries, workers) -> None:
    """Check sources against the live sites: reachable, robots.txt, discovery valid, articles parsed.

    Exit 0 if every source checked is healthy, 1 otherwise.
    """
    from . import jobs

    sources = selected_sources(names, sources_dir, datasets=True)
    options = jobs.FetchOptions(user_agent, delay, timeout, retries, workers)
    sys.exit(jobs.check_job(sources, options, articles=articles, as_json=as_json))


@cli.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--metadata", type=click.Path(dir_okay=False, exists=True), help="metadata.yml to use.")
@click.option(
    "--allow-sql/--no-allow-sql",
    default=None,
    help="Allow arbitrary read-only, time- and memory-limited SQL. [default: only on a loopback --host]",
)
@click.option(
    "--robots",
    type=click.Choice(serving.ROBOTS_MODES),
    default="pages",
    show_default=True,
    help="robots.txt: pages (home and organisation pages only), all, none.",
)
@click.option(
    "--allow-download/--no-allow-download",
    default=True,
    show_default=True,
    help="Offer the whole database for download (a consistent snapshot) at /NAME.db.",
)
def serve_command(
    db_path: str,
    host: str,
    port: int,
    metadata: str | None,
    allow_sql: bool | None,
    robots: str,
    allow_download: bool,
) -> None:
    """Publish the database with Datasette (read-only, with limits suited to a public site).

    Arbitrary SQL is on by default only on a loopback address (127.0.0.1, ::1, localhost).
    SIGTERM, SIGHUP and Ctrl-C stop Datasette too. Exit 2 if the port is in use.
    """
    if not Path(db_path).exists():
        raise NothingRan(f"{db_path} does not exist: run `nhswatch run` or `nhswatch demo` first")
    check_port(host, port, "choose another with --port")
    sys.exit(
        serving.serve(
            Path(db_path),
            host=host,
            port=port,
            metadata=Path(metadata) if metadata else None,
            allow_sql=allow_sql,
            robots=robots,
            allow_download=allow_download,
        )
    )


def check_port(host: str, port: int, fix: str) -> None:
    """Exit 2, naming the option to change, if ``host:port`` cannot be listened on."""
    why = serving.port_busy(host, port)
    if why is not None:
        raise NothingRan(f"cannot serve on {host}:{port} ({why}): {fix}")


@cli.command("demo")
@click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="SQLite database file (its folder is created if need be).",
)
@click.option("--serve/--no-serve", default=True, help="Start Datasette when the database is built.")
@click.option("--port", default=8001, show_default=True, type=int)
def demo_command(db_path: str, serve: bool, port: int) -> None:
    """Build the database from the bundled sample newsroom (served locally), then publish it.

    Exit 2, before anything is built, if the port is in use (choose another with --port).
    """
    from .demo import build_demo

    if serve:
        check_port("127.0.0.1", port, f"choose another with --port (make demo PORT={port + 1})")
    Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    code = build_demo(Path(db_path))
    if code == 2:
        sys.exit(code)
    if serve:
        sys.exit(serving.serve(Path(db_path), port=port))
    sys.exit(code)


from .export_cli import export_command  # noqa: E402
from .orgs_cli import orgs_group  # noqa: E402  (registered after the group is defined)
from .publish_cli import publish_command  # noqa: E402

cli.add_command(orgs_group)
cli.add_command(export_command)
cli.add_command(publish_command)
from .coverage_cli import coverage_command  # noqa: E402

sources_group.add_command(coverage_command)
from .backfill_cli import backfill_command  # noqa: E402

cli.add_command(backfill_command)


if __name__ == "__main__":  # pragma: no cover
    cli()
