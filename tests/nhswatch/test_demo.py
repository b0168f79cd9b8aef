"""The main job end to end: the bundled sample newsroom, served on 127.0.0.1, scraped by the real
scraper, extracted, loaded into SQLite and published with Datasette."""

from __future__ import annotations

import sqlite3

import pytest
import yaml
from datasette.app import Datasette

from nhswatch.demo import build_demo
from nhswatch.serving import REPO_METADATA

FRAMEWORKS = {"nof", "rsp", "special_measures", "uec_tier", "elective_tier", "cancer_tier", "cqc_rating"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "nhswatch.db"
    assert build_demo(path) == 0
    return path


def rows(path, sql, params=()):
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, params).fetchall()


def counts(path):
    return {t: rows(path, f"select count(*) from {t}")[0][0] for t in ("documents", "events", "organisations")}


def test_every_sample_article_is_stored(demo_db):
    assert counts(demo_db)["documents"] == 35
    (undated,) = rows(demo_db, "select count(*) from documents where published is null")[0]
    assert undated == 0


@pytest.mark.parametrize(
    ("ods_code", "framework", "change", "from_status", "to_status", "date"),
    [
        ("QMM", "nof", "move", "4", "3", "2024-07-01"),  # "on 1st July 2024"
        ("RCX", "nof", "move", "4", "3", "2024-03-01"),  # "on 1 March 2024"
        ("RJL", "nof", "enter", None, "4", "2021-08"),  # "in August 2021"
        ("QMM", "nof", "enter", None, "4", "2022-09"),  # "last month", published October 2022
        ("RYR", "rsp", "enter", "out", "in", "2024-12-05"),  # "05/12/2024"
        ("RMY", "special_measures", "exit", "in", "out", "2016-10-12"),  # "yesterday"
    ],
)
def test_specific_events(demo_db, ods_code, framework, change, from_status, to_status, date):
    found = rows(
        demo_db,
        "select e.from_status, e.effective_date, d.url, e.evidence from events e"
        " join documents d on d.id = e.document_id where e.ods_code = ? and e.framework = ? and e.change = ?"
        " and e.to_status = ? and e.modality = 'actual'",
        (ods_code, framework, change, to_status),
    )
    assert any(f == from_status and d == date for f, d, _, _ in found), found
    url, evidence = found[0][2], found[0][3]
    assert url.startswith("http://127.0.0.1:") and evidence


def test_every_framework_is_represented(demo_db):
    assert {f for (f,) in rows(demo_db, "select distinct framework from events")} == FRAMEWORKS


def test_evidence_offsets_point_into_the_document(demo_db):
    for text, start, end, evidence in rows(
        demo_db,
        "select d.text, e.evidence_start, e.evidence_end, e.evidence from events e join documents d"
        " on d.id = e.document_id",
    ):
        assert text[start:end] == evidence


def test_running_twice_changes_nothing(demo_db):
    before = counts(demo_db)
    assert build_demo(demo_db) == 0
    assert counts(demo_db) == before


async def test_datasette_serves_tables_and_metadata(demo_db):
    metadata = yaml.safe_load(REPO_METADATA.read_text())
    ds = Datasette([str(demo_db)], metadata=metadata)
    response = await ds.client.get("/nhswatch/events.json?_shape=array&ods_code=QMM")
    assert response.status_code == 200
    assert any(row["framework"] == "nof" for row in response.json())
    response = await ds.client.get("/-/metadata.json")
    assert response.json()["title"] == metadata["title"]
    response = await ds.client.get("/nhswatch/documents.json?_search=segment&_shape=array")
    assert response.status_code == 200 and response.json()
