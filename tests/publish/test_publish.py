"""``nhswatch publish``: the ``datasette package`` command line it builds, the options it uses exist in the
installed Datasette, and a clear error without Docker (none runs here)."""

from __future__ import annotations

import shlex
import sqlite3
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from datasette.app import SETTINGS
from datasette.cli import cli as datasette_cli

from nhswatch.cli import cli
from nhswatch.publish import package_args, prepare

VERSION = version("nhswatch")


def test_the_package_command_line(tmp_path):
    wheel = tmp_path / "wheels" / "nhswatch-0.1.0-py3-none-any.whl"
    args = package_args(
        tmp_path / "nhswatch.db",
        tmp_path / "metadata.yml",
        tag="nhswatch:2026",
        wheel=wheel,
        archive=Path("/data/nhswatch.archive"),
        port=8080,
    )
    options = args[args.index("--extra-options") + 1]
    assert args == [
        sys.executable,
        "-m",
        "datasette",
        "package",
        str(tmp_path / "nhswatch.db"),
        "--tag",
        "nhswatch:2026",
        "--metadata",
        str(tmp_path / "metadata.yml"),
        "--static",
        f"wheels:{tmp_path / 'wheels'}",
        "--install",
        "/app/wheels/nhswatch-0.1.0-py3-none-any.whl",
        "--static",
        "archive:/data/nhswatch.archive",
        "--extra-options",
        options,
        "--version-note",
        f"nhswatch {VERSION}",
        "--port",
        "8080",
    ]
    assert "--setting default_allow_sql off" in options and "--setting allow_download on" in options


def test_without_a_wheel_nhswatch_comes_from_the_index(tmp_path):
    args = package_args(tmp_path / "x.db", tmp_path / "m.yml", tag="t", allow_download=False)
    assert args[args.index("--install") + 1] == f"nhswatch=={VERSION}"
    assert "--static" not in args and "--setting allow_download off" in args[args.index("--extra-options") + 1]


def test_every_option_used_exists_in_the_installed_datasette(tmp_path):
    help_text = CliRunner().invoke(datasette_cli, ["package", "--help"]).output
    args = package_args(tmp_path / "x.db", tmp_path / "m.yml", tag="t", wheel=tmp_path / "w.whl", archive=tmp_path)
    options = args[5::2]  # after the database file every option takes one value
    assert options and all(o.startswith("--") for o in options)
    for option in options:
        assert f" {option} " in help_text, option
    settings = shlex.split(args[args.index("--extra-options") + 1])
    assert {settings[i + 1] for i in range(0, len(settings), 3)} <= {s.name for s in SETTINGS}


def test_prepare_writes_a_snapshot_and_metadata_pointing_at_the_copied_archive(sample_path, tmp_path):
    db_copy, meta_file = prepare(sample_path, tmp_path, archive=Path("nhswatch.archive"), robots="none")
    metadata = yaml.safe_load(meta_file.read_text())
    plugin = metadata["plugins"]["nhswatch"]
    assert {key: plugin[key] for key in ("database", "robots", "archive_dir")} == {
        "database": "nhswatch",
        "robots": "none",
        "archive_dir": "archive",
    }
    with sqlite3.connect(db_copy) as conn:
        assert conn.execute("select count(*) from changes").fetchone()[0] > 0


@pytest.fixture
def small_db(tmp_path):
    path = tmp_path / "nhswatch.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table changes (id text primary key)")
    return path


def test_without_docker_a_clear_error(small_db, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = CliRunner().invoke(cli, ["publish", "--db", str(small_db), "--no-archive"])
    assert result.exit_code == 2 and "docker is not installed" in result.output


def test_a_docker_without_its_daemon_is_a_clear_error(small_db, tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    docker = bin_dir / "docker"
    docker.write_text("#!/bin/sh\necho 'Cannot connect to the Docker daemon' >&2\nexit 1\n")
    docker.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    result = CliRunner().invoke(cli, ["publish", "--db", str(small_db), "--no-archive"])
    assert result.exit_code == 2 and "Docker daemon cannot be reached" in result.output


def test_dry_run_prints_the_command_without_docker(small_db, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = CliRunner().invoke(cli, ["publish", "--db", str(small_db), "--no-archive", "--dry-run"])
    assert result.exit_code == 0 and " package " in result.output and "--install" in result.output


def test_a_missing_archive_is_named(small_db):
    result = CliRunner().invoke(cli, ["publish", "--db", str(small_db), "--dry-run"])
    assert result.exit_code == 2 and "--no-archive" in result.output
