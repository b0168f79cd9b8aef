"""Where nhswatch is blind: which organisations have a source, how healthy each source is, what
dates its documents cover, and which organisations have no source or no document in the last year.

One function, :func:`coverage`, reads the ``organisations``, ``sources``, ``documents``, ``fetches``
and ``failures`` tables through a plain ``sqlite3`` connection (so both the CLI and the Datasette
page use it) and the source registry. ``nhswatch sources coverage`` prints it, the publication shows
it at ``/-/coverage``.

An organisation is expected to have a source when it is a trust, an ambulance trust or an ICB that
is open on the day, or an ICB dissolved in the April 2026 mergers (kept for its archive; see
``nhswatch.registry_gen``). Documents count for the organisation whose newsroom published them
(the source's ``publisher_ods``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

ORG_TYPES = ("trust", "ambulance_trust", "icb")
TYPE_LABELS = {
    "trust": "NHS trusts",
    "ambulance_trust": "Ambulance trusts",
    "icb": "Integrated care boards",
    "other": "National, regional, regulator, government and press sources",
}
DISSOLVED_ICBS_CLOSED = "2026-03-31"
STALE_DAYS = 7


@dataclass
class SourceHealth:
    """One source: registry facts and what the database says of it."""

    name: str
    kind: str
    publisher_ods: str | None
    enabled: bool
    confirmed: bool
    homepage: str
    health: str = "never run"
    last_success: str | None = None
    last_failure: str | None = None
    documents: int = 0
    backfilled: int = 0
    first_published: str | None = None
    last_published: str | None = None
    last_year: int = 0


@dataclass
class OrgCoverage:
    """One organisation that should be read, and the sources that read it."""

    ods_code: str
    name: str
    type: str
    region: str
    dissolved: bool
    sources: list[SourceHealth] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return sum(s.documents for s in self.sources)

    @property
    def last_year(self) -> int:
        return sum(s.last_year for s in self.sources)

    @property
    def first_published(self) -> str | None:
        return min((s.first_published for s in self.sources if s.first_published), default=None)

    @property
    def last_published(self) -> str | None:
        return max((s.last_published for s in self.sources if s.last_published), default=None)

    @property
    def blind(self) -> str | None:
        """Why nhswatch cannot see this organisation, or None."""
        if not self.sources:
            return "no source"
        if not any(s.enabled for s in self.sources):
            return "source disabled"
        if not self.dissolved and not self.last_year:
            return "no document in the last year"
        return None

    def as_dict(self) -> dict[str, Any]:
        return {
            "ods_code": self.ods_code,
            "name": self.name,
            "type": self.type,
            "region": self.region,
            "dissolved": self.dissolved,
            "sources": [s.name for s in self.sources],
            "health": [s.health for s in self.sources],
            "documents": self.documents,
            "first_published": self.first_published,
            "last_published": self.last_published,
            "documents_last_year": self.last_year,
            "blind": self.blind,
        }


@dataclass
class Coverage:
    """The whole picture, by organisation type."""

    day: str
    by_type: dict[str, list[OrgCoverage]]
    other: list[SourceHealth]

    def summary(self) -> dict[str, dict[str, int]]:
        out = {}
        for kind, orgs in self.by_type.items():
            out[kind] = {
                "organisations": len(orgs),
                "with_source": sum(1 for o in orgs if o.sources),
                "no_source": sum(1 for o in orgs if not o.sources),
                "no_document_last_year": sum(1 for o in orgs if o.sources and not o.last_year and not o.dissolved),
                "blind": sum(1 for o in orgs if o.blind),
            }
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "day": self.day,
            "summary": self.summary(),
            "organisations": {k: [o.as_dict() for o in v] for k, v in self.by_type.items()},
            "other_sources": [asdict(s) for s in self.other],
        }


def expected(row: dict[str, Any], day: str) -> bool:
    """An organisation that should have a source on ``day``."""
    if row["type"] not in ORG_TYPES:
        return False
    close = row.get("close_date") or ""
    if row["type"] == "icb" and close == DISSOLVED_ICBS_CLOSED:
        return True
    opened = row.get("open_date") or ""
    return (not opened or opened <= day) and (not close or close >= day)


def _rows(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _has_column(conn: sqlite3.Connection, table: str, column: str) -> bool:
    return any(row[1] == column for row in conn.execute(f"pragma table_info({table})"))


def _organisations(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = _rows(conn, "select ods_code, name, type, region, open_date, close_date from organisations")
    if rows:
        return rows
    from nhswatch.extract.gazetteer import default_gazetteer  # a fresh database: the shipped gazetteer

    return [
        {
            "ods_code": o.ods_code,
            "name": o.name,
            "type": o.type,
            "region": o.region,
            "open_date": o.open_date,
            "close_date": o.close_date,
        }
        for o in default_gazetteer().by_code.values()
    ]


def source_stats(conn: sqlite3.Connection, year_ago: str) -> dict[str, dict[str, Any]]:
    """Per source name: documents, backfilled documents, date range, documents in the last year."""
    backfilled = "sum(coalesce(backfilled, 0))" if _has_column(conn, "documents", "backfilled") else "0"
    sql = (
        f"select source, count(*) as documents, {backfilled} as backfilled, min(published) as first_published,"
        " max(published) as last_published, sum(published >= ?) as last_year from documents group by source"
    )
    return {row.pop("source"): row for row in _rows(conn, sql, (year_ago,)) if row["source"]}


def _counts(stats: dict[str, Any]) -> dict[str, Any]:
    """Document statistics with SQL's NULL sums as 0."""
    return {k: (v or 0) if k in ("documents", "backfilled", "last_year") else v for k, v in stats.items()}


def _health(last_success: str | None, last_failure: str | None, stale_before: str) -> str:
    if not last_success and not last_failure:
        return "never run"
    if last_failure and (not last_success or last_failure > last_success):
        return "failing"
    if last_success < stale_before:
        return "stale"
    return "ok"


def source_health(conn: sqlite3.Connection, registry: dict[str, Any], day: str) -> list[SourceHealth]:
    """Every registry source (and any source only the database knows), with its health and documents."""
    year_ago = (date.fromisoformat(day) - timedelta(days=365)).isoformat()
    stale_before = (date.fromisoformat(day) - timedelta(days=STALE_DAYS)).isoformat()
    stats = source_stats(conn, year_ago)
    success = dict(conn.execute("select source, max(fetched_at) from fetches where outcome != 'failed' group by 1"))
    failure = dict(conn.execute("select source, max(at) from failures group by 1"))
    known = {row["name"]: row for row in _rows(conn, "select name, kind, homepage, confirmed from sources")}
    out = []
    for name in sorted(set(registry) | set(known)):
        source, row = registry.get(name), known.get(name, {})
        if (source.kind if source else row.get("kind")) == "dataset":
            continue
        health = SourceHealth(
            name=name,
            kind=source.kind if source else row.get("kind") or "",
            publisher_ods=source.publisher_ods if source else None,
            enabled=source.enabled if source else False,
            confirmed=not (source.confirmed if source else row.get("confirmed") or "").startswith("unconfirmed"),
            homepage=source.homepage if source else row.get("homepage") or "",
            last_success=success.get(name),
            last_failure=failure.get(name),
            **_counts(stats.get(name, {})),
        )
        health.health = _health(health.last_success, health.last_failure, stale_before)
        if source is None:
            health.health = "not in the registry"
        out.append(health)
    return out


def coverage(conn: sqlite3.Connection, registry: dict[str, Any], day: str | None = None) -> Coverage:
    """Coverage of every organisation that should be read, grouped by type, and of the other sources."""
    day = day or datetime.now(UTC).date().isoformat()
    sources = source_health(conn, registry, day)
    by_org: dict[str, list[SourceHealth]] = {}
    for health in sources:
        if health.publisher_ods:
            by_org.setdefault(health.publisher_ods, []).append(health)
    by_type: dict[str, list[OrgCoverage]] = {kind: [] for kind in ORG_TYPES}
    claimed = set()
    for row in sorted(_organisations(conn), key=lambda r: (r["name"] or "", r["ods_code"])):
        if not expected(row, day):
            continue
        own = by_org.get(row["ods_code"], [])
        claimed.update(s.name for s in own)
        by_type[row["type"]].append(
            OrgCoverage(
                ods_code=row["ods_code"],
                name=row["name"],
                type=row["type"],
                region=row.get("region") or "",
                dissolved=bool(row.get("close_date")),
                sources=own,
            )
        )
    return Coverage(day=day, by_type=by_type, other=[s for s in sources if s.name not in claimed])
