"""A dataset source's format and framework are checked where datasets are used (``run``, ``sources check``),
with the file named; ``sources list`` does not check them (nor load the extractor to)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from nhswatch.scraper.registry import SOURCES_DIR, SourceError, load_registry, load_source

from nhswatch.cli import cli
from nhswatch.datasets import check_all_known, check_known, fetch_datasets
from nhswatch.jobs import FetchOptions, archive_for, check_job
from nhswatch.pipeline import RunCounts


def write_source(folder: Path, **dataset) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "league.yml"
    data = {
        "name": "league",
        "publisher": "NHS England",
        "kind": "dataset",
        "homepage": "http://127.0.0.1:9/official/",
        "allow_private": True,
        "dataset": {"format": "nof_league_table", "framework": "nof", "urls": ["x.csv"], **dataset},
    }
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("dataset", "message"),
    [
        ({"format": "nof_leage_table"}, "unknown dataset format 'nof_leage_table'"),
        ({"framework": "nofx"}, "unknown framework"),
        ({"version": "1999"}, "nof has no version '1999'"),
    ],
)
def test_an_unknown_format_framework_or_version_is_an_error_naming_the_file(tmp_path, dataset, message):
    path = write_source(tmp_path, **dataset)
    with pytest.raises(SourceError, match=message) as raised:
        check_known(load_source(path))
    assert str(raised.value).startswith(str(path))


def test_a_known_format_and_framework_pass(tmp_path):
    check_known(load_source(write_source(tmp_path, version="2025")))


def test_every_dataset_source_of_the_real_registry_is_known():
    check_all_known(list(load_registry(SOURCES_DIR).values()))


def test_sources_list_does_not_check_them(tmp_path):
    write_source(tmp_path, format="nof_leage_table")
    result = CliRunner().invoke(cli, ["sources", "list", "--sources-dir", str(tmp_path)])
    assert result.exit_code == 0 and result.output.startswith("league\tdataset")


def test_sources_list_json_does_not_show_the_file(tmp_path):
    write_source(tmp_path)
    result = CliRunner().invoke(cli, ["sources", "list", "--json", "--sources-dir", str(tmp_path)])
    assert "origin" not in json.loads(result.output)


@pytest.mark.parametrize("command", [["run", "--db", "{db}"], ["sources", "check"]])
def test_run_and_sources_check_refuse_an_unknown_format(tmp_path, command):
    write_source(tmp_path / "sources", format="nof_leage_table")
    args = [part.format(db=tmp_path / "n.db") for part in command]
    result = CliRunner().invoke(cli, [*args, "--sources-dir", str(tmp_path / "sources")])
    assert result.exit_code == 2
    assert "unknown dataset format 'nof_leage_table'" in result.output
    assert not (tmp_path / "n.db").exists()


def test_sources_check_called_directly_reports_it_as_a_failure(tmp_path, capsys):
    source = load_source(write_source(tmp_path, framework="nofx"))
    assert check_job([source], FetchOptions(delay=0.0), articles=1, as_json=True) == 1
    (report,) = json.loads(capsys.readouterr().out)
    assert report["status"] == "failed" and "unknown framework" in report["files"][0]["detail"]


def test_a_run_called_directly_records_it_as_the_source_failing(tmp_path):
    from nhswatch.jobs import open_database

    source = load_source(write_source(tmp_path, framework="nofx"))
    db = open_database(tmp_path / "n.db")
    counts = RunCounts()
    fetch_datasets(
        db, [source], FetchOptions(delay=0.0).fetcher(), archive_for(str(tmp_path / "n.db"), None), None, counts
    )
    assert counts.status["league"] == "failed"
    (reason,) = [row[0] for row in db.execute("select reason from failures")]
    assert "unknown framework" in reason
