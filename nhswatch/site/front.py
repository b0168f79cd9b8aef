"""The publication for people: the front page, the organisation finder, the About page, dropdowns for
canned query parameters and human labels in result tables.

Routes (a ``datasette`` entry point of its own, ``nhswatch_front``):

- ``/``: who is in intensive support now, counts by framework and tier, the latest changes as
  sentences, the finder, when the data was last updated and how many sources and documents it holds;
- ``/-/find?q=``: a name, alias or ODS code; one match redirects to its organisation page, several
  are listed (the finder without JavaScript); ``/-/find.json?q=`` gives the suggestions as you type;
- ``/-/about``: what is extracted, how, how accurately (``about.yml``), limits, licences, citing;
- ``/-/query-choices.json``: the closed sets (framework, status, tier) that ``choices.js`` turns into
  dropdowns on canned query pages, from the framework table.

Which status is intensive support, and every label, come from the framework table
(``nhswatch.extract.frameworks``), never from this module.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

import markupsafe
import yaml
from datasette import hookimpl
from datasette.utils.asgi import Response

from nhswatch.extract import frameworks
from nhswatch.site.common import nhswatch_database
from nhswatch.site.links import is_demo, public_link

ABOUT = Path(__file__).with_name("about.yml")
LATEST_CHANGES = 12
SUGGESTIONS = 10
MAX_QUERY = 200
NOT_COUNTED = frozenset({frameworks.EXITED, "out"})  # "not in the RSP" is not a status worth counting here
# Canned query parameters whose values are a closed set, and which set: see query_choices().
CHOICE_PARAMS = {"framework": "frameworks", "status": "statuses", "tier": "tiers"}
CHOICE_QUERIES = {"current_status", "status_on_date", "tiers_now"}


@lru_cache(maxsize=1)
def about_facts() -> dict[str, Any]:
    """``about.yml``: the measured accuracy figures and the facts the About page states."""
    return yaml.safe_load(ABOUT.read_text(encoding="utf-8"))


def status_label(framework: str, version: str | None, status: Any) -> str:
    return frameworks.label(framework, version or None, status)


def change_sentence(change: dict[str, Any]) -> str:
    """'Nottingham University Hospitals NHS Trust left Recovery Support Programme' from a ``changes`` row."""
    verb = "is " if change["change"] in ("state", "remain") else ""
    return f"{change['org_name']} {verb}{change['summary']}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


async def current_periods(db: Any) -> list[dict[str, Any]]:
    rows = await db.execute(
        """select t.ods_code, t.org_name, t.framework, t.framework_version, t.status, t.valid_from,
                  t.valid_from_label, t.disputed, t.documents_count, t.sources_count
           from status_timeline t where t.valid_to is null order by t.org_name, t.framework"""
    )
    return [dict(r) for r in rows.rows]


def intensive_now(periods: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Organisations in mandated intensive support now, each with the regimes that say so."""
    orgs: dict[str, dict[str, Any]] = {}
    for p in periods:
        family = p["framework"] == frameworks.INTENSIVE_FAMILY and p["status"] == "in"
        regime = frameworks.is_intensive(p["framework"], p["framework_version"], p["status"])
        if not (family or regime):
            continue
        org = orgs.setdefault(
            p["ods_code"], {"ods_code": p["ods_code"], "name": p["org_name"], "regimes": [], "since": [], "disputed": 0}
        )
        if regime:
            org["regimes"].append(status_label(p["framework"], p["framework_version"], p["status"]))
        org["since"].append((p["valid_from"] or "", p["valid_from_label"] or p["valid_from"] or "not reported"))
        org["disputed"] |= p["disputed"] or 0
    for org in orgs.values():
        org["regimes"] = org["regimes"] or [frameworks.framework_label(frameworks.INTENSIVE_FAMILY)]
        org["since"] = min(org["since"])[1]
    return sorted(orgs.values(), key=lambda o: o["name"])


def status_counts(periods: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Organisations per framework and status now, in framework-table order, labelled."""
    groups: dict[str, dict[str, Any]] = {}
    for p in periods:
        if p["framework"] == frameworks.INTENSIVE_FAMILY or p["status"] in NOT_COUNTED:
            continue
        group = groups.setdefault(
            p["framework"],
            {"framework": p["framework"], "label": frameworks.framework_label(p["framework"]), "rows": {}},
        )
        label = status_label(p["framework"], p["framework_version"], p["status"])
        row = group["rows"].setdefault(label, {"label": label, "status": p["status"], "count": 0})
        row["count"] += 1
    order = {fid: n for n, fid in enumerate(frameworks.frameworks())}
    out = sorted(groups.values(), key=lambda g: order.get(g["framework"], len(order)))
    for group in out:
        group["rows"] = sorted(group["rows"].values(), key=lambda r: (str(r["status"]), r["label"]))
    return out


async def latest_changes(db: Any) -> list[dict[str, Any]]:
    """The latest actual changes by first reported (the intensive-support family rows restate a framework's)."""
    rows = await db.execute(
        """select id, ods_code, org_name, framework, change, summary, effective_label, first_seen,
                  documents_count, sources_count, disputed
           from changes
           where modality = 'actual' and framework != ?
           order by first_seen desc, id limit ?""",
        [frameworks.INTENSIVE_FAMILY, LATEST_CHANGES],
    )
    out = []
    for row in rows.rows:
        change = dict(row)
        change["sentence"] = change_sentence(change)
        change["framework_label"] = frameworks.framework_label(change["framework"])
        out.append(change)
    return out


async def totals(db: Any) -> dict[str, Any]:
    row = (
        await db.execute(
            """select (select count(*) from sources) as sources, (select count(*) from documents) as documents,
                      (select count(*) from organisations) as organisations,
                      (select max(ended) from runs where status in ('ok', 'partial')) as last_update"""
        )
    ).first()
    return dict(row)


async def front_page(datasette: Any, request: Any) -> Response:
    """/: the front page."""
    db = await nhswatch_database(datasette)
    periods = await current_periods(db)
    context = {
        "database": db.name,
        "intensive": intensive_now(periods),
        "intensive_label": frameworks.framework_label(frameworks.INTENSIVE_FAMILY),
        "counts": status_counts(periods),
        "changes": await latest_changes(db),
        "totals": await totals(db),
        "metadata": datasette.metadata(),
        "finder_js": datasette.urls.static_plugins("nhswatch", "finder.js"),
    }
    return Response.html(await datasette.render_template("nhswatch_front.html", context, request=request))


def like_escape(text: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", text)


async def find_organisations(db: Any, text: str, limit: int = SUGGESTIONS) -> list[dict[str, Any]]:
    """Organisations matching ``text``: ODS code, then exact name or alias, then names and aliases
    beginning with it, then containing it (open organisations first)."""
    text = " ".join(text.split())[:MAX_QUERY]
    code = re.search(r"\(([A-Za-z0-9]{2,12})\)$", text)  # "Name (ODS)", as a suggestion reads
    if code:
        text = code.group(1)
    if not text:
        return []
    params = {"q": text, "like": like_escape(text.lower()), "long": len(text) >= 3, "limit": limit}
    rows = await db.execute(
        r"""with hits as (
              select ods_code, 0 as rank, null as matched from organisations where ods_code = upper(:q)
              union all
              select ods_code, 1, null from organisations where lower(name) = lower(:q)
              union all
              select ods_code, 2, alias from organisation_aliases where alias = lower(:q)
              union all
              select ods_code, 3, null from organisations where lower(name) like :like || '%' escape '\'
              union all
              select ods_code, 4, null from organisations
              where :long and lower(name) like '%' || :like || '%' escape '\'
              union all
              select ods_code, 5, alias from organisation_aliases
              where :long and kind != 'generated' and alias like '%' || :like || '%' escape '\'
            )
            select o.ods_code, o.name, o.type, o.close_date, min(h.rank) as rank,
                   (select h2.matched from hits h2 where h2.ods_code = o.ods_code and h2.matched is not null
                    order by h2.rank limit 1) as matched
            from hits h join organisations o on o.ods_code = h.ods_code
            group by o.ods_code
            order by rank, o.close_date is not null, o.name
            limit :limit""",
        params,
    )
    return [dict(r) for r in rows.rows]


async def find_json(datasette: Any, request: Any) -> Response:
    """/-/find.json?q=: suggestions for the finder."""
    db = await nhswatch_database(datasette)
    found = await find_organisations(db, request.args.get("q") or "")
    for org in found:
        org["url"] = datasette.urls.path("/-/organisation/" + org["ods_code"])
    return Response.json(found)


async def find_page(datasette: Any, request: Any) -> Response:
    """/-/find?q=: one match goes straight to its page; otherwise the matches (or none) are listed."""
    db = await nhswatch_database(datasette)
    text = request.args.get("q") or ""
    found = await find_organisations(db, text, limit=50)
    exact = [o for o in found if o["rank"] <= 2]
    if len(found) == 1 or len({o["ods_code"] for o in exact}) == 1:
        target = (exact or found)[0]["ods_code"]
        return Response.redirect(datasette.urls.path("/-/organisation/" + target))
    context = {"q": text, "found": found, "database": db.name}
    return Response.html(await datasette.render_template("nhswatch_find.html", context, request=request))


def software_version() -> str:
    try:
        return importlib_metadata.version("nhswatch")
    except importlib_metadata.PackageNotFoundError:
        return "unknown"


async def about_page(datasette: Any, request: Any) -> Response:
    """/-/about: what nhswatch extracts, how, how accurately, its limits, licences and how to cite it."""
    db = await nhswatch_database(datasette)
    context = {
        "about": about_facts(),
        "database": db.name,
        "totals": await totals(db),
        "frameworks": [frameworks.framework(fid) for fid in frameworks.frameworks()],
        "intensive_label": frameworks.framework_label(frameworks.INTENSIVE_FAMILY),
        "version": software_version(),
        "site_url": str(request.url).split("/-/", 1)[0] + "/",
        "today": date.today().isoformat(),
        "metadata": datasette.metadata(),
    }
    return Response.html(await datasette.render_template("nhswatch_about.html", context, request=request))


def neutral_label(framework: str, status: str) -> str:
    """A status label that holds in every version ('segment 4', not the 2021-25 meaning of it)."""
    label = status_label(framework, None, status)
    generic = f"{frameworks.framework_label(framework)}: {status}"
    return frameworks.phrase(framework, status) if label == generic else label


def query_choices() -> dict[str, Any]:
    """Closed sets of canned query parameters, with the labels people read, from the framework table."""
    table = frameworks.table()
    ids = [*frameworks.frameworks(), *table.families]
    statuses: dict[str, list[dict[str, str]]] = {}
    for fid in ids:
        keys = (
            list(table.families[fid].values)
            if fid in table.families
            else list(dict.fromkeys(k for v in frameworks.framework(fid).versions.values() for k in v.values))
        )
        statuses[fid] = [{"value": k, "label": neutral_label(fid, k)} for k in keys]
    return {
        "frameworks": [{"value": fid, "label": frameworks.framework_label(fid)} for fid in ids],
        "statuses": statuses,
        "tiers": [
            {"value": fid, "label": frameworks.framework_label(fid)}
            for fid in frameworks.frameworks()
            if frameworks.framework(fid).kind == "tier"
        ],
        "params": CHOICE_PARAMS,
        "queries": sorted(CHOICE_QUERIES),
    }


async def choices_json(datasette: Any, request: Any) -> Response:
    """/-/query-choices.json"""
    return Response.json(query_choices())


@hookimpl
def prepare_connection(conn: Any) -> None:
    """``nhswatch_public_url(url)``: the URL if it may be linked, NULL for a demo page (used by the feeds)."""
    conn.create_function("nhswatch_public_url", 1, public_link, deterministic=True)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/$", front_page),
        (r"^/-/find$", find_page),
        (r"^/-/find\.json$", find_json),
        (r"^/-/about$", about_page),
        (r"^/-/query-choices\.json$", choices_json),
    ]


@hookimpl
def extra_js_urls(template: str, view_name: str, request: Any, datasette: Any) -> list[dict[str, Any]]:
    """Dropdowns on canned query pages; organisation links and short snippets in the global search."""
    if template.startswith("query-") or template == "query.html":
        return [{"url": datasette.urls.static_plugins("nhswatch", "choices.js"), "module": False}]
    if template == "search_all.html":
        return [{"url": datasette.urls.static_plugins("nhswatch", "search_all.js"), "module": False}]
    return []


def human_cell(row: Any, value: Any, column: str) -> str | None:
    """The label a person reads for a framework id, status, tier or framework version in a result row."""
    keys = row.keys()
    if column in ("framework", "tier") and isinstance(value, str):
        known = value in frameworks.table().frameworks or value in frameworks.table().families
        return frameworks.framework_label(value) if known else None
    framework = row["framework"] if "framework" in keys else None
    version = row["framework_version"] if "framework_version" in keys else None
    if not isinstance(framework, str) or value in (None, ""):
        return None
    if column in ("status", "from_status", "period_status", "news_status", "official_status"):
        return status_label(framework, version, value)
    if column == "framework_version":
        return frameworks.version_label(framework, str(value))
    return None


async def demo_cell(datasette: Any, database: str, value: str) -> markupsafe.Markup:
    """A demo page's URL, not linked (its server is gone), with its archived copy when there is one."""
    db = datasette.get_database(database)
    digest = (
        await db.execute(
            "select content_hash from fetches where url = ? and content_hash is not null order by id desc limit 1",
            [value],
        )
    ).first()
    text = markupsafe.Markup('<span class="nw-demo-url" title="a page of the demo newsroom, not online">{}</span>')
    cell = text.format(value)
    if digest:
        url = datasette.urls.path(f"/-/archive/{digest[0]}")
        cell += markupsafe.Markup(' <a href="{}">archived copy</a>').format(url)
    return cell


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    """Human labels for framework codes; demo (loopback) URLs shown as text beside their archived copy."""
    if isinstance(value, str) and value[:4].lower() == "http" and is_demo(value):

        async def inner() -> markupsafe.Markup:
            return await demo_cell(datasette, database, value)

        return inner
    if table in (None, "status_timeline", "changes", "timeline_claims", "events"):
        label = human_cell(row, value, column)
        if label and label != str(value):
            return markupsafe.Markup('<span title="{}">{}</span>').format(value, label)
    return None
