"""Fixtures for the db tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from db_helpers import event_row, organisation
from nhswatch.db import load
from nhswatch.db.schema import open_db


@pytest.fixture
def event() -> Callable[..., dict[str, Any]]:
    """A factory of joined event/document rows (see ``db_helpers.event_row``)."""
    return event_row


@pytest.fixture
def small_db(tmp_path):
    """An empty, migrated database with two organisations."""
    db = open_db(tmp_path / "nhswatch.db")
    load.upsert_organisations(
        db,
        [
            organisation("RXW", "The Shrewsbury and Telford Hospital NHS Trust"),
            organisation("RX1", "Nottingham University Hospitals NHS Trust"),
        ],
    )
    yield db
    db.close()
