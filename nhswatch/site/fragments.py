"""The long parts of an organisation page (chart, periods, changes), rendered by a synchronous Jinja environment.

Datasette renders pages with an async Jinja environment, which awaits every expression: for an organisation
with hundreds of periods (a bar each on the chart) that was about half of the page's time. These fragments
need nothing asynchronous, so they are rendered here from the same templates folder, autoescaped exactly as
the page is, and handed to ``nhswatch_organisation.html`` as markup.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True)


def render(name: str, context: dict[str, Any]) -> markupsafe.Markup:
    """The fragment template ``name`` rendered with ``context`` (autoescaped)."""
    return markupsafe.Markup(environment().get_template(name).render(context))
