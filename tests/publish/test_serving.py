"""``nhswatch serve``: the Datasette command line and the metadata it is given."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from nhswatch import serving


def test_datasette_args_use_public_settings(tmp_path):
    args = serving.datasette_args(Path("nhswatch.db"), host="127.0.0.1", port=9000, workdir=tmp_path)
    settings = {args[i + 1]: args[i + 2] for i, a in enumerate(args) if a == "--setting"}
    assert settings["default_allow_sql"] == "on" and settings["allow_download"] == "on"
    assert settings["sql_time_limit_ms"] == "3000" and settings["max_returned_rows"] == "2000"
    assert "--plugins-dir" not in args and "--template-dir" not in args  # the site comes from the package
    meta = yaml.safe_load(Path(args[args.index("--metadata") + 1]).read_text())
    assert meta["plugins"]["nhswatch"] == {
        "database": "nhswatch",
        "robots": "pages",
        "archive_dir": "nhswatch.archive",
        "queries": {"file": str(serving.REPO_METADATA.resolve()), "database": "nhswatch"},
        "response_cache_mb": 64,
        "response_cache_seconds": 300,
    }
    off = serving.datasette_args(Path("x.db"), host="h", port=1, allow_sql=False, robots="none", workdir=tmp_path)
    assert off[off.index("default_allow_sql") + 1] == "off"
    no_download = serving.datasette_args(Path("x.db"), host="h", port=1, allow_download=False, workdir=tmp_path)
    assert no_download[no_download.index("allow_download") + 1] == "off"


def test_metadata_follows_the_database_name(tmp_path):
    meta = serving.effective_metadata(tmp_path / "weekly.db")
    assert "weekly" in meta["databases"] and "nhswatch" not in meta["databases"]
    assert "/weekly/current_status" in meta["description_html"]
    assert meta["plugins"]["nhswatch"]["archive_dir"] == str(tmp_path / "weekly.archive")
    with pytest.raises(ValueError):
        serving.effective_metadata(tmp_path / "weekly.db", robots="sometimes")


@pytest.mark.slow
def test_the_real_datasette_command_line_serves_the_metadata(sample_path, tmp_path):
    args = serving.datasette_args(sample_path, host="127.0.0.1", port=0, workdir=tmp_path)
    result = subprocess.run(
        [*args, "--get", "/nhswatch/intensive_support_now.json?_shape=array"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert '"ods_code": "RX1"' in result.stdout
