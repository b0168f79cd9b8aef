"""``nhswatch export DIR``: sorted, diffable CSV and JSON of the published tables, and a dated snapshot."""

from __future__ import annotations

from pathlib import Path

import click

from .validate import NothingRan


@click.command("export")
@click.argument("out_dir", metavar="DIR", type=click.Path(path_type=Path))
@click.option(
    "--db",
    "db_path",
    default="nhswatch.db",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="SQLite database file to export.",
)
@click.option(
    "--snapshot/--no-snapshot",
    default=True,
    show_default=True,
    help="Also write a copy of the whole database, DIR/nhswatch-YYYY-MM-DD.db (today's date).",
)
def export_command(out_dir: Path, db_path: Path, snapshot: bool) -> None:
    """Write DIR/TABLE.csv and DIR/TABLE.json for the changes, status_timeline and events tables.

    Columns in schema order, rows in primary-key order, one JSON object a line: re-exporting unchanged
    data gives byte-identical files, so DIR can be committed and diffed (the git-scraping pattern).
    DIR is created if its parent folder exists. Exit 2 if DIR or the database cannot be used.
    """
    from .export import EXPORT_TABLES, ExportError, export

    try:
        result = export(db_path, out_dir, with_snapshot=snapshot)
    except ExportError as error:
        raise NothingRan(str(error)) from error
    tables = ", ".join(f"{t} ({result.rows[t + '.csv']} rows)" for t in EXPORT_TABLES)
    changed = ", ".join(result.changed) if result.changed else "none (unchanged data)"
    click.echo(f"exported {tables} to {out_dir}; files changed: {changed}", err=True)
    if result.snapshot is not None:
        click.echo(f"snapshot: {result.snapshot}", err=True)
