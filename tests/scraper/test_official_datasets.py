"""Official datasets as registry sources: validation, and ``run``/``sources check`` against a real local
HTTP server (fetched through the polite layer, archived as received, imported once)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from nhswatch.db.schema import open_db
from nhswatch.scraper.localsite import LocalSite
from nhswatch.scraper.registry import SourceError, parse_source

from nhswatch.jobs import FetchOptions, archive_for, check_job, run_job

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "official"
TABLE = "nof_league_table_q2_2025-26.csv"


def entry(**dataset) -> dict:
    return {
        "name": "league",
        "publisher": "NHS England",
        "kind": "dataset",
        "homepage": "/official/",
        "allow_private": True,
        "dataset": {"format": "nof_league_table", "framework": "nof", **dataset},
    }


def test_a_dataset_source_needs_no_discovery_and_lists_its_hosts():
    source = parse_source(entry(urls=["https://files.example.org/a.csv"]))
    assert source.kind == "dataset" and "files.example.org" in source.allowed_hosts


@pytest.mark.parametrize(
    ("dataset", "message"),
    [
        ({}, "needs urls"),
        ({"list_page": {"url": "/", "take": "last"}}, "take is one of"),
        ({"urls": ["x.csv"], "colour": "red"}, "dataset is a mapping"),
    ],
)
def test_a_malformed_dataset_block_is_an_error(dataset, message):
    with pytest.raises(SourceError, match=message):
        parse_source(entry(**dataset))


def test_the_registry_leaves_formats_and_frameworks_to_the_wiring_layer():
    # nhswatch.datasets.check_known checks them (tests/nhswatch/test_dataset_known.py): no extractor here
    source = parse_source(entry(format="nof_leage_table", framework="nofx", urls=["x.csv"]))
    assert (source.dataset["format"], source.dataset["framework"]) == ("nof_leage_table", "nofx")


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    (root / "official").mkdir(parents=True)
    shutil.copy(FIXTURES / TABLE, root / "official" / TABLE)
    (root / "official" / "index.html").write_text(f'<a href="{TABLE}">table</a> <a href="other.pdf">pdf</a>')
    (root / "official" / "error.csv").write_text("<!DOCTYPE html><html><body>Error 500</body></html>")
    with LocalSite(root, port=0) as served:
        yield served


def run(db_path: Path, source) -> int:
    return run_job(str(db_path), [source], archive=None, since=None, limit=None, user_agent=None, delay=0.0,
                   command="run", extract_too=False)  # fmt: skip


def count(db_path: Path, sql: str) -> int:
    return open_db(db_path).execute(sql).fetchone()[0]


def test_run_fetches_archives_and_imports_a_dataset_from_its_list_page(site, tmp_path):
    source = parse_source(entry(list_page={"url": "/official/", "link_pattern": r"league.table.*\.csv$"}))
    db_path = tmp_path / "n.db"
    assert run(db_path, source.with_base(site.url)) == 0
    assert count(db_path, "select count(*) from official_observations") == 3
    digest = open_db(db_path).execute("select content_hash from official_publications").fetchone()[0]
    assert archive_for(str(db_path), None).get(digest) == (FIXTURES / TABLE).read_bytes()


def test_importing_an_unchanged_file_again_changes_nothing(site, tmp_path):
    source = parse_source(entry(urls=[f"/official/{TABLE}"])).with_base(site.url)
    db_path = tmp_path / "n.db"
    run(db_path, source)
    before = open_db(db_path).execute("select * from official_observations order by id").fetchall()
    assert run(db_path, source) == 0
    assert open_db(db_path).execute("select * from official_observations order by id").fetchall() == before
    assert count(db_path, "select count(*) from official_publications") == 1
    assert count(db_path, "select count(*) from fetches where outcome in ('unchanged', 'not modified')") == 1


def test_an_html_error_page_is_a_failure_and_stores_nothing(site, tmp_path):
    source = parse_source(entry(urls=["/official/error.csv"])).with_base(site.url)
    db_path = tmp_path / "n.db"
    assert run(db_path, source) == 2
    assert count(db_path, "select count(*) from official_publications") == 0
    reason = open_db(db_path).execute("select reason from failures").fetchone()[0]
    assert "HTML page" in reason


def test_sources_check_reports_a_header_mismatch(site, capsys):
    spec = {"urls": [f"/official/{TABLE}"], "columns": {"segment": "Segment_2026"}}
    source = parse_source(entry(**spec)).with_base(site.url)
    assert check_job([source], FetchOptions(delay=0.0), articles=1, as_json=True) == 1
    (report,) = json.loads(capsys.readouterr().out)
    assert "HEADER MISMATCH" in report["files"][0]["detail"] and "'Segment_2026'" in report["files"][0]["detail"]
