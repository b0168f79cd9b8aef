"""Bad flags are errors before any work starts (click's exit code 2), never a run that silently
does nothing: --since must be a real ISO date, --db's folder must exist (only ``demo`` creates it)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from nhswatch.cli import cli
from nhswatch.validate import iso_date


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("since", ["31/02/2024", "yesterday", "2024-02-31", "2024-13-01", ""])
@pytest.mark.parametrize("command", ["run", "scrape"])
def test_since_must_be_an_iso_date(tmp_path, offline, command, since):
    db_path = tmp_path / "n.db"
    result = invoke(command, *offline, "--since", since, "--db", db_path)
    assert result.exit_code == 2, result.output
    assert "is not a date (YYYY-MM-DD)" in result.output
    assert not db_path.exists() and not (tmp_path / "n.lock").exists()


def test_since_is_normalised():
    assert iso_date(None, None, "2024-02-29") == "2024-02-29"
    assert iso_date(None, None, "20240229") == "2024-02-29"  # compared as a string with YYYY-MM-DD dates


@pytest.mark.parametrize(
    "flag", [["--workers", "0"], ["--limit", "0"], ["--delay", "-1"], ["--timeout", "0"], ["--retries", "-1"]]
)
def test_numeric_flags_out_of_range_are_errors(tmp_path, offline, flag):
    result = invoke("run", *offline, *flag, "--db", tmp_path / "n.db")
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "n.db").exists()


@pytest.mark.parametrize(
    "args",
    [["build"], ["load", "README.md"], ["run", "SOURCE"], ["reextract"], ["scrape", "SOURCE"], ["orgs", "refresh"]],
)
def test_db_in_a_missing_folder_is_an_error(tmp_path, offline, args):
    db_path = tmp_path / "missing" / "sub" / "n.db"
    args = [a for arg in args for a in (offline if arg == "SOURCE" else [arg])]
    result = invoke(*args, "--db", db_path)
    assert result.exit_code == 2, result.output
    assert "does not exist" in result.output and "only `nhswatch demo`" in result.output
    assert not (tmp_path / "missing").exists()


def test_demo_creates_the_folder(tmp_path):
    db_path = tmp_path / "new" / "sub" / "n.db"
    result = invoke("demo", "--no-serve", "--db", db_path)
    assert result.exit_code == 0, result.output
    assert db_path.exists()


def test_an_unreadable_registry_is_exit_2_not_1(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "broken.yml").write_text("name: [unclosed\n")
    result = invoke("run", "--sources-dir", sources, "--db", tmp_path / "n.db")
    assert result.exit_code == 2, result.output


def test_an_unreadable_input_is_exit_2_and_loads_nothing(tmp_path):
    result = invoke("load", tmp_path / "nope.jsonl", "--db", tmp_path / "n.db")
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "n.db").exists()
