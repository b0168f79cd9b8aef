"""Fixtures for the publication tests: the sample database and a Datasette configured like ``nhswatch serve``."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sample_db import build_sample_db

from nhswatch.serving import make_datasette


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory) -> Path:
    """A database built by the real demo job (its local newsroom already stopped), once per session."""
    from nhswatch.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "nhswatch.db"
    assert build_demo(path) == 0
    return path


@pytest.fixture(scope="session")
def sample_path(tmp_path_factory) -> Path:
    """The sample database (read-only for the tests), built once per session."""
    return build_sample_db(tmp_path_factory.mktemp("publish") / "nhswatch.db")


@pytest.fixture
def ds(sample_path):
    """Datasette over the sample database, with the repository's metadata, templates and plugin."""
    return make_datasette(sample_path)


@pytest.fixture
def query(ds):
    """Run a canned query through the JSON API; returns its rows as dicts."""

    async def run(name: str, **params: str) -> list[dict]:
        response = await ds.client.get(f"/nhswatch/{name}.json", params={**params, "_shape": "array"})
        assert response.status_code == 200, response.text
        return response.json()

    return run


@pytest.fixture
def without_dates_index(db_path: Path, tmp_path: Path) -> Path:
    """A copy of the module's ``db_path`` without the documents' dates index (a database built before it)."""
    older = tmp_path / "nhswatch.db"
    shutil.copy(db_path, older)
    conn = sqlite3.connect(older)
    conn.execute("drop index idx_documents_id_published")
    conn.commit()
    conn.close()
    return older
