"""The coverage page, ``/-/coverage`` (a ``datasette`` entry point of its own): for each organisation
type, which organisations nhswatch reads, each source's health, the dates of the documents it holds,
and which organisations have no source or no document in the last year. See ``nhswatch.coverage``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response

from nhswatch.coverage import TYPE_LABELS, coverage
from nhswatch.scraper.registry import load_registry

from .common import nhswatch_database, plugin_config

TEMPLATE = "nhswatch_coverage.html"


def registry(datasette: Any) -> dict[str, Any]:
    """The source registry: the installed one, or the ``sources_dir`` plugin setting."""
    directory = plugin_config(datasette).get("sources_dir")
    return load_registry(Path(directory)) if directory else load_registry()


async def coverage_page(datasette: Any, request: Any) -> Response:
    db = await nhswatch_database(datasette)
    sources = registry(datasette)
    day = request.args.get("on") or None
    if day is not None:
        try:
            day = date.fromisoformat(day).isoformat()
        except ValueError:
            return Response.text(f"on={day!r} is not a date (YYYY-MM-DD)", status=400)
    report = await db.execute_fn(lambda conn: coverage(conn, sources, day))
    context = {
        "report": report,
        "summary": report.summary(),
        "labels": TYPE_LABELS,
        "database": db.name,
    }
    return Response.html(await datasette.render_template(TEMPLATE, context, request=request))


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/-/coverage$", coverage_page)]
