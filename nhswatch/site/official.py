"""The official record on organisation pages (a ``datasette`` entry point of its own).

``extra_template_vars`` gives ``nhswatch_organisation.html`` (through its include of
``nhswatch_official_record.html``) what the official publications say of the organisation: per framework,
the latest official value, its period and a link to the publication; every observation as a marker on the
timeline's date axis; the periods the official record contradicts; the periods drawn from the official record
alone (``provenance = 'official'``: no news period covers them); and, where an official span covers today and
the news says otherwise, both statuses now (the official one first).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from datasette import hookimpl

from nhswatch.extract import frameworks
from nhswatch.site.links import public_link

TEMPLATE = "nhswatch_organisation.html"
MARKER_COLOURS = {"confirmed": "#2e7d32", "contradicted": "#c0392b"}


def web_link(url: str | None) -> str | None:
    return public_link(url)  # never a page of the demo's local newsroom, gone once the demo has run


def latest_per_framework(observations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The newest observation of each framework (by the period it applies to), labelled."""
    latest: dict[str, dict[str, Any]] = {}
    for obs in observations:
        key = obs["framework"]
        if key not in latest or (obs["period_end"] or "", obs["period_start"] or "") > (
            latest[key]["period_end"] or "",
            latest[key]["period_start"] or "",
        ):
            latest[key] = obs
    return [latest[k] for k in sorted(latest, key=lambda f: frameworks.framework_label(f))]


def label(obs: dict[str, Any]) -> dict[str, Any]:
    obs["framework_label"] = frameworks.framework_label(obs["framework"])
    obs["status_label"] = frameworks.label(obs["framework"], obs["framework_version"], obs["status"])
    obs["link"] = web_link(obs.get("publication_url"))
    return obs


def axis(chart: dict[str, Any], today: str) -> tuple[float, float] | None:
    """(x of day 0, pixels per day) of the news chart, from two of its known points (year ticks, today)."""
    points = [(date(int(t["label"]), 1, 1).toordinal(), t["x"]) for t in chart.get("ticks") or []]
    if chart.get("today_x") is not None:
        points.append((date.fromisoformat(today).toordinal(), chart["today_x"]))
    points = sorted(set(points))
    if len(points) < 2 or points[0][0] == points[-1][0]:
        return None
    (d0, x0), (d1, x1) = points[0], points[-1]
    scale = (x1 - x0) / (d1 - d0)
    return x0 - d0 * scale, scale


def markers(chart: dict[str, Any], today: str, observations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One marker per observation, placed at the middle of the period it applies to, on the chart's axis."""
    found = axis(chart, today)
    if found is None:
        return []
    origin, scale = found
    left, right = chart.get("left", 0), chart.get("width", 880) - 10
    out = []
    for obs in observations:
        first = date.fromisoformat(obs["period_start"]).toordinal()
        last = date.fromisoformat(obs["period_end"] or obs["period_start"]).toordinal()
        x = round(origin + scale * (first + last) / 2, 1)
        if left <= x <= right:
            out.append(
                {
                    "x": x,
                    "label": obs["status"],
                    "title": f"{obs['period_label']}: {obs['status_label']} (official: {obs['publication_title']})",
                    "framework": obs["framework"],
                }
            )
    return out


async def official_vars(datasette: Any, request: Any) -> dict[str, Any]:
    from nhswatch.site.common import nhswatch_database

    code = request.url_vars["ods_code"].strip().upper()
    db = await nhswatch_database(datasette)
    if not await db.table_exists("official_observations"):
        return {"official_record": [], "official_conflicts": [], "official_markers": lambda chart, today: []}
    extra = await official_periods_now(db, code) if await db.table_exists("official_spans") else {}
    rows = await db.execute(
        """select o.*, p.title as publication_title, p.url as publication_url, p.first_seen as published,
                  (select f.content_hash from fetches f where f.url = p.url and f.content_hash is not null
                   order by f.id desc limit 1) as archive_digest
           from official_observations o join official_publications p on p.id = o.publication_id
           where o.ods_code = ? order by o.framework, o.period_start""",
        [code],
    )
    observations = [label(dict(r)) for r in rows.rows]
    conflicts = await db.execute(
        """select framework, framework_version, status, valid_from_label, valid_from, valid_to, official_status,
                  official_note, id from status_timeline
           where ods_code = ? and official_verdict = 'contradicted' order by framework, valid_from""",
        [code],
    )
    contradicted = []
    for row in conflicts.rows:
        item = dict(row)
        item["framework_label"] = frameworks.framework_label(item["framework"])
        item["status_label"] = frameworks.label(item["framework"], item["framework_version"], item["status"])
        contradicted.append(item)
    return {
        "official_record": latest_per_framework(observations),
        "official_observations": observations,
        "official_conflicts": contradicted,
        "official_markers": lambda chart, today: markers(chart, today, observations),
        "official_periods": [],
        "official_now": [],
        **extra,
    }


def labelled(row: Any) -> dict[str, Any]:
    item = dict(row)
    item["framework_label"] = frameworks.framework_label(item["framework"])
    item["status_label"] = frameworks.label(item["framework"], item["framework_version"], item["status"])
    return item


async def official_periods_now(db: Any, code: str) -> dict[str, Any]:
    """The organisation's periods drawn from the official record alone, and where an official span covering
    today disagrees with the news period in force (the canned "now" queries show the official status)."""
    periods = await db.execute(
        """select id, framework, framework_version, status, valid_from, valid_from_label, valid_to, official_note
           from status_timeline where ods_code = ? and provenance = 'official' order by framework, valid_from""",
        [code],
    )
    now = await db.execute(
        """select f.framework, f.framework_version, f.status, f.note, f.period_label, t.status as news_status,
                  t.framework_version as news_version, t.id as period_id
           from official_spans f
           join status_timeline t on t.ods_code = f.ods_code and t.framework = f.framework and t.provenance = 'news'
             and (t.valid_to is null or t.valid_to > date('now'))
             and coalesce(t.valid_from, t.earliest_possible, '') <= date('now')
           where f.ods_code = ? and f.valid_from <= date('now') and (f.valid_to is null or f.valid_to > date('now'))
             and f.status != t.status
           order by f.framework""",
        [code],
    )
    disagreements = []
    for row in now.rows:
        item = labelled(row)
        item["news_label"] = frameworks.label(item["framework"], item["news_version"], item["news_status"])
        disagreements.append(item)
    return {"official_periods": [labelled(r) for r in periods.rows], "official_now": disagreements}


@hookimpl
def extra_template_vars(template: str, request: Any, datasette: Any) -> Any:
    if template != TEMPLATE or request is None or "ods_code" not in (request.url_vars or {}):
        return {}

    async def inner() -> dict[str, Any]:
        return await official_vars(datasette, request)

    return inner
