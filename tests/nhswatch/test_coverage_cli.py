"""``nhswatch sources coverage``: per organisation type, who has a source, its health and dates, who is blind."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from nhswatch.db.schema import open_db

from nhswatch.cli import cli

TODAY = datetime.now(UTC).date()
RECENT = (TODAY - timedelta(days=20)).isoformat()
OLD = "2019-05-14"


def _source(name: str, ods: str | None, kind: str = "trust") -> dict:
    return {
        "name": name,
        "publisher": name,
        "publisher_ods": ods,
        "kind": kind,
        "homepage": f"https://{name}.example/",
        "discovery": [{"feed": f"https://{name}.example/feed/"}],
        "confirmed": "test fixture",
    }


def _org(code: str, name: str, kind: str = "trust", close: str = "") -> dict:
    return {
        "ods_code": code,
        "name": name,
        "type": kind,
        "region": "Midlands",
        "open_date": "2001-04-01",
        "close_date": close,
    }


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    """A registry of three sources and a database: one trust read recently, one read only in 2019, one
    trust with no source, a dissolved ICB with a failing source, and a closed trust nobody should read."""
    registry = tmp_path / "sources"
    registry.mkdir()
    for data in (
        _source("lively", "ZL1"),
        _source("quiet", "ZQ1"),
        _source("old-icb", "ZZZ", "icb"),
        _source("regulator-news", None, "regulator"),
    ):
        (registry / f"{data['name']}.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    db = open_db(tmp_path / "nhswatch.db")
    db["organisations"].insert_all(
        [
            _org("ZL1", "Lively Hospitals NHS Trust"),
            _org("ZQ1", "Quiet Hospitals NHS Trust"),
            _org("ZN1", "Nobody Reads Us NHS Trust"),
            _org("ZC1", "Long Closed NHS Trust", close="2015-03-31"),
            _org("ZZZ", "NHS Old Fens Integrated Care Board", "icb", close="2026-03-31"),
        ]
    )
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for source, published in (("lively", RECENT), ("lively", OLD), ("quiet", OLD), ("regulator-news", RECENT)):
        db["sources"].upsert({"name": source, "kind": "trust"}, pk="name")
        db["documents"].insert(
            {
                "id": f"{source}{published}",
                "url": f"https://{source}.example/{published}",
                "source": source,
                "published": published,
                "first_seen": now,
                "fetched_at": now,
            }
        )
        db["fetches"].insert(
            {
                "source": source,
                "url": f"https://{source}.example/{published}",
                "fetched_at": now,
                "status": 200,
                "outcome": "new",
            }
        )
    db["sources"].upsert({"name": "old-icb", "kind": "icb"}, pk="name")
    db["failures"].insert(
        {"source": "old-icb", "url": "https://old-icb.example/feed/", "stage": "feed", "reason": "http 404", "at": now}
    )
    db.conn.close()
    return tmp_path / "nhswatch.db", registry


def run(setup, *extra: str):
    db, registry = setup
    result = CliRunner().invoke(cli, ["sources", "coverage", "--db", str(db), "--sources-dir", str(registry), *extra])
    assert result.exit_code == 0, result.output
    return result.output


def test_an_organisation_with_no_source_is_reported(setup):
    assert "no source: ZN1 Nobody Reads Us NHS Trust" in run(setup)


def test_closed_organisations_are_not_expected_to_have_a_source(setup):
    assert "ZC1" not in run(setup)


def test_an_organisation_with_no_document_in_the_last_year_is_reported(setup):
    assert "no document in the last year: ZQ1 Quiet Hospitals NHS Trust [quiet (ok)]" in run(setup)


def test_the_summary_counts_each_type(setup):
    out = run(setup)
    assert "NHS trusts: 2 of 3 have a source, 1 have none; 1 have no document published in the last year" in out


def test_json_gives_dates_health_and_the_dissolved_icb(setup):
    report = json.loads(run(setup, "--json"))
    trusts = {o["ods_code"]: o for o in report["organisations"]["trust"]}
    assert trusts["ZL1"]["first_published"] == OLD and trusts["ZL1"]["last_published"] == RECENT
    assert trusts["ZL1"]["documents_last_year"] == 1 and trusts["ZL1"]["blind"] is None
    (icb,) = report["organisations"]["icb"]
    assert icb["dissolved"] and icb["health"] == ["failing"] and icb["blind"] is None
    assert [s["name"] for s in report["other_sources"]] == ["regulator-news"]


def test_a_missing_database_reports_every_source_as_never_run(setup, tmp_path):
    _, registry = setup
    result = CliRunner().invoke(
        cli, ["sources", "coverage", "--db", str(tmp_path / "absent.db"), "--sources-dir", str(registry), "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert {s["health"] for s in report["other_sources"]} == {"never run"}
    assert not (tmp_path / "absent.db").exists()


def test_the_shipped_registry_covers_every_current_trust_and_icb_with_a_known_website(tmp_path):
    result = CliRunner().invoke(cli, ["sources", "coverage", "--db", str(tmp_path / "none.db"), "--json"])
    report = json.loads(result.output)
    from nhswatch.extract.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    for orgs in report["organisations"].values():
        for org in orgs:
            if org["blind"] == "no source":
                assert not gazetteer.by_code[org["ods_code"]].domains, org
    assert report["summary"]["ambulance_trust"]["no_source"] == 0
