"""``nhswatch sources coverage``: which organisations nhswatch reads, how well, and where it is blind.

Reads the database read-only (a missing database means nothing has been read yet: every source is
"never run"); see ``nhswatch.coverage``.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import click

from .validate import NothingRan, iso_date


def _connect(db_path: str) -> sqlite3.Connection:
    """The database read-only, or an empty one with the schema when it does not exist yet."""
    if Path(db_path).exists():
        return sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True)
    from nhswatch.db.schema import open_db

    return open_db(":memory:").conn


def _text(report) -> list[str]:
    from nhswatch.coverage import TYPE_LABELS

    lines = [f"coverage on {report.day}"]
    summary = report.summary()
    for kind, orgs in report.by_type.items():
        s = summary[kind]
        lines.append(
            f"{TYPE_LABELS[kind]}: {s['with_source']} of {s['organisations']} have a source,"
            f" {s['no_source']} have none; {s['no_document_last_year']} have no document published in the last year"
        )
        for org in sorted(orgs, key=lambda o: o.blind != "no source"):  # the unread first
            if org.blind:
                names = ", ".join(f"{s.name} ({s.health})" for s in org.sources) or "-"
                lines.append(f"  {org.blind}: {org.ods_code} {org.name} [{names}]")
    lines.append(f"{TYPE_LABELS['other']}:")
    for s in report.other:
        dates = f"{s.first_published or '?'} to {s.last_published or '?'}" if s.documents else "no documents"
        lines.append(f"  {s.name} ({s.kind}): {s.health}; {s.documents} documents, {dates}")
    return lines


@click.command("coverage")
@click.option("--db", "db_path", default="nhswatch.db", show_default=True, type=click.Path(dir_okay=False))
@click.option("--sources-dir", type=click.Path(file_okay=False, exists=True), help="Another registry directory.")
@click.option("--on", "day", callback=iso_date, metavar="YYYY-MM-DD", help="The day to judge by [default: today].")
@click.option("--json", "as_json", is_flag=True, help="The report as one JSON object.")
def coverage_command(db_path: str, sources_dir: str | None, day: str | None, as_json: bool) -> None:
    """Per organisation type: who has a source, each source's health, the dates of documents held, and
    which organisations have no source or no document in the last year."""
    from nhswatch.coverage import coverage
    from nhswatch.scraper.registry import SourceError, load_registry

    try:
        registry = load_registry(Path(sources_dir)) if sources_dir else load_registry()
    except SourceError as error:
        raise NothingRan(str(error)) from error
    conn = _connect(db_path)
    try:
        report = coverage(conn, registry, day)
    except sqlite3.DatabaseError as error:
        raise NothingRan(f"{db_path}: not an nhswatch database ({error})") from error
    finally:
        conn.close()
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        click.echo("\n".join(_text(report)))
