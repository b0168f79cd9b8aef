"""Fixtures for the command tests."""

from __future__ import annotations

import pytest
import yaml


@pytest.fixture
def offline(tmp_path) -> list[str]:
    """Arguments naming a source on a closed port of 127.0.0.1, so a command that wrongly went ahead
    would fail fast instead of reaching the internet: ``["offline", "--sources-dir", DIR]``."""
    directory = tmp_path / "offline-sources"
    directory.mkdir()
    (directory / "offline.yml").write_text(
        yaml.safe_dump(
            {
                "name": "offline",
                "title": "Closed port",
                "publisher": "Nobody",
                "kind": "test",
                "homepage": "http://127.0.0.1:9/",
                "allow_private": True,
                "confirmed": "test fixture",
                "discovery": [{"feed": "http://127.0.0.1:9/feed.xml"}],
            }
        ),
        encoding="utf-8",
    )
    return ["offline", "--sources-dir", str(directory)]
