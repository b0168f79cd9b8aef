"""Checks on flags and arguments, made before any work starts (click errors, exit code 2)."""

from __future__ import annotations

import datetime
from pathlib import Path

import click


class NothingRan(click.ClickException):
    """An error found before anything was written (an unreadable input, a broken registry): exit code 2."""

    exit_code = 2


def iso_date(_ctx: click.Context | None, _param: click.Parameter | None, value: str | None) -> str | None:
    """A calendar date as YYYY-MM-DD (``31/02/2024``, ``2024-02-31`` and ``yesterday`` are errors)."""
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def db_in_existing_folder(_ctx: click.Context | None, _param: click.Parameter | None, value: str) -> str:
    """``--db``: its folder must exist (only ``nhswatch demo`` creates one)."""
    folder = Path(value).parent
    if not folder.is_dir():
        raise click.BadParameter(
            f"{value!r}: the folder {str(folder)!r} does not exist; create it first "
            "(only `nhswatch demo` creates the database's folder)"
        )
    return value
