"""The demo: serve the bundled sample newsroom on 127.0.0.1 and run the real job against it."""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from nhswatch.scraper.localsite import LocalSite
from nhswatch.scraper.registry import load_source

from .jobs import run_job

SAMPLE_DIR = Path(str(resources.files("nhswatch.scraper") / "sample_newsroom"))
log = logging.getLogger("nhswatch")


def build_demo(db_path: Path, *, delay: float = 0.0) -> int:
    """Scrape, extract and load the sample newsroom into ``db_path``; returns run_job's exit code."""
    source = load_source(SAMPLE_DIR / "source.yml")
    official = [load_source(path) for path in sorted((SAMPLE_DIR / "datasets").glob("*.yml"))]  # official records
    with LocalSite(SAMPLE_DIR / "site") as site:
        log.info("sample newsroom served at %s", site.url)
        return run_job(
            str(db_path),
            [source.with_base(site.url), *(s.with_base(site.url) for s in official)],
            archive=None,
            since=None,
            limit=None,
            user_agent=None,
            delay=delay,
            command="demo",
            extract_too=True,
        )
