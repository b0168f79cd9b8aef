"""Storing official publications and their observations (tables of migration ``m006_official``).

A publication is one file as received, identified by its source and content digest: importing the same
bytes again changes nothing. Its observations replace those of earlier publications of the same source
for the same organisation, framework and period (a corrected file wins), in the one transaction that
stores the publication, so a half-read file is never stored.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlite_utils import Database

from .load import now

MAX_SKIPPED_LISTED = 200


def publication_id(source: str, digest: str) -> str:
    return hashlib.sha1(f"{source}\n{digest}".encode()).hexdigest()[:16]


def observation_id(source: str, obs: dict[str, Any]) -> str:
    key = [source, obs["ods_code"], obs["framework"], obs.get("period_label"), obs.get("period_start")]
    return hashlib.sha1(json.dumps(key).encode()).hexdigest()[:16]


def has_publication(db: Database, source: str, digest: str) -> bool:
    """This source already stored these exact bytes."""
    row = db.execute("select 1 from official_publications where id = ?", [publication_id(source, digest)]).fetchone()
    return row is not None


def store_publication(db: Database, meta: dict[str, Any], parsed: Any) -> tuple[str, int]:
    """Store one parsed publication; returns (publication id, observations stored). Call inside a transaction.

    ``meta``: source, url, format, framework, content_hash, title, last_modified.
    Observations of organisations missing from ``organisations`` are skipped (listed with the others).
    """
    pid = publication_id(meta["source"], meta["content_hash"])
    seen = now()
    known = {row[0] for row in db.execute("select ods_code from organisations")}
    skipped = [f"row {n}: {why}" for n, why in parsed.skipped]
    rows = []
    for obs in parsed.observations:
        if obs["ods_code"] not in known:
            skipped.append(f"row {obs['row_number']}: {obs['ods_code']} is not in the organisations table")
            continue
        rows.append(
            {
                "id": observation_id(meta["source"], obs),
                "publication_id": pid,
                "source": meta["source"],
                "first_seen": seen,
                **{k: obs.get(k) for k in OBSERVATION_COLUMNS},
            }
        )
    db["official_publications"].upsert(
        {
            "id": pid,
            "source": meta["source"],
            "url": meta.get("url"),
            "format": meta.get("format"),
            "framework": meta.get("framework"),
            "title": meta.get("title"),
            "content_hash": meta["content_hash"],
            "first_seen": seen,
            "last_modified": meta.get("last_modified"),
            "period_label": parsed.period_label,
            "period_start": parsed.period_start,
            "period_end": parsed.period_end,
            "rows_read": len(parsed.observations) + len(parsed.skipped),
            "observations_count": len(rows),
            "skipped_count": len(skipped),
            "skipped": json.dumps(skipped[:MAX_SKIPPED_LISTED]),
            "header": json.dumps(parsed.header),
            "notes": "; ".join(parsed.notes) or None,
        },
        pk="id",
    )
    if rows:
        # an observation already stored keeps the time nhswatch first saw it (the feeds go by it)
        first = dict(
            db.execute(
                f"select id, first_seen from official_observations where id in ({','.join('?' * len(rows))})",
                [r["id"] for r in rows],
            ).fetchall()
        )
        for row in rows:
            row["first_seen"] = first.get(row["id"], row["first_seen"])
        db["official_observations"].upsert_all(rows, pk="id")
    return pid, len(rows)


OBSERVATION_COLUMNS = (
    "ods_code",
    "reported_code",
    "org_name",
    "framework",
    "framework_version",
    "status",
    "period_label",
    "period_start",
    "period_end",
    "as_of",
    "rank",
    "rank_range",
    "score",
    "score_range",
    "deficit",
    "detail",
    "link",
    "row_number",
)


def pairs_of(db: Database, publication: str) -> set[tuple[str, str]]:
    """The (organisation, framework) pairs a publication speaks about: what reconciliation must recompute."""
    rows = db.execute(
        "select distinct ods_code, framework from official_observations where publication_id = ?", [publication]
    )
    return {(code, framework) for code, framework in rows}
