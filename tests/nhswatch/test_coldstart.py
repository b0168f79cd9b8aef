"""Cold start: light commands and the scraper do not load spaCy or the extractor (checked on sys.modules)."""

from __future__ import annotations

import subprocess
import sys

import pytest

SCRAPER_MODULES = [
    "nhswatch.scraper.article",
    "nhswatch.scraper.crawl",
    "nhswatch.scraper.fetch",
    "nhswatch.scraper.registry",
    "nhswatch.scraper.check",
    "nhswatch.scraper.discover",
]


def loaded_after(statement: str) -> set[str]:
    """Module names in sys.modules after ``statement`` runs in a fresh interpreter."""
    code = f"import sys\n{statement}\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_importing_the_cli_does_not_load_spacy_or_the_extractor() -> None:
    loaded = loaded_after("import nhswatch.cli")
    assert "spacy" not in loaded
    assert "nhswatch.extract.api" not in loaded
    assert "nhswatch.extract.pipeline" not in loaded


@pytest.mark.parametrize("module", SCRAPER_MODULES)
def test_scraper_modules_do_not_load_the_extractor(module: str) -> None:
    loaded = loaded_after(f"import {module}")
    assert not {name for name in loaded if name == "nhswatch.extract" or name.startswith("nhswatch.extract.")}
    assert "spacy" not in loaded


HTTP_MODULES = {"requests", "urllib3", "certifi", "protego", "nhswatch.scraper.fetch"}


def test_loading_the_registry_does_not_load_the_http_layer() -> None:
    loaded = loaded_after("from nhswatch.scraper.registry import load_registry; load_registry()")
    assert not HTTP_MODULES & loaded


def test_the_dataset_sources_module_loads_the_http_layer_only_when_fetching() -> None:
    loaded = loaded_after("import nhswatch.scraper.datasets")
    assert not HTTP_MODULES & loaded
    assert "lxml.html" not in loaded


def extractor_or_spacy(loaded: set[str]) -> set[str]:
    return {name for name in loaded if name in ("spacy", "nhswatch.extract") or name.startswith("nhswatch.extract.")}


def test_loading_the_registry_does_not_load_the_extractor() -> None:
    assert not extractor_or_spacy(loaded_after("from nhswatch.scraper.registry import load_registry; load_registry()"))


@pytest.mark.parametrize("cache", ["empty", "filled"])
def test_sources_list_does_not_load_the_extractor(tmp_path, cache: str) -> None:
    # the registry includes dataset sources, whose formats and frameworks only `run` and `sources check` check
    env = f"import os; os.environ['NHSWATCH_CACHE_DIR'] = {str(tmp_path)!r}"
    run = "from nhswatch.cli import cli; cli(['sources', 'list'], standalone_mode=False)"
    if cache == "filled":
        loaded_after(f"{env}\n{run}")
    loaded = loaded_after(f"{env}\nimport contextlib, io\nwith contextlib.redirect_stdout(io.StringIO()):\n    {run}")
    assert "nhswatch.scraper.registry" in loaded
    assert not extractor_or_spacy(loaded)


def test_the_cli_reads_the_registry_without_yaml_or_lxml_once_cached(tmp_path) -> None:
    env = f"import os; os.environ['NHSWATCH_CACHE_DIR'] = {str(tmp_path)!r}"
    run = "from nhswatch.registry_cache import load_registry; load_registry()"
    loaded_after(f"{env}\n{run}")
    assert not {"yaml", "lxml.etree", "cssselect", "socket"} & loaded_after(f"{env}\n{run}")
