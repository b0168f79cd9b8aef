"""``nhswatch orgs refresh`` writes to the user data directory (``NHSWATCH_DATA_DIR`` here), never into the
installed package; the gazetteer reads that file first, and EXTRACTOR_VERSION counts it."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from nhswatch.extract.api import rules_fingerprint
from nhswatch.extract.gazetteer import DATA_DIR, load_gazetteer
from nhswatch.scraper.localsite import LocalSite

from nhswatch.cli import cli

ODS_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ods"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def with_extra_row(folder: Path) -> Path:
    """A user organisations.csv: the packaged one plus a made-up trust."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (DATA_DIR / "organisations.csv").read_text(encoding="utf-8")
    header = text.splitlines()[0].split(",")
    row = dict.fromkeys(header, "")
    row.update(ods_code="ZZ901", name="Nowhere Test NHS Trust", type="trust")
    path = folder / "organisations.csv"
    path.write_text(text.rstrip("\n") + "\n" + ",".join(row[h] for h in header) + "\n", encoding="utf-8")
    return path


def test_refresh_writes_to_the_user_data_directory_not_the_package(tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("NHSWATCH_DATA_DIR", str(data))
    packaged = digest(DATA_DIR / "organisations.csv")
    site = tmp_path / "ods"
    site.mkdir()
    for name, served in (("etr.csv", "etr.csv"), ("eccg_bom_crlf.csv", "eccg.csv"), ("succ.csv", "succ.csv")):
        shutil.copy(ODS_FIXTURES / name, site / served)
    with LocalSite(site) as server:
        args = ["orgs", "refresh", "--report-url", server.url + "{report}.csv", "--allow-private"]
        result = CliRunner().invoke(
            cli, [*args, "--icbs", str(ODS_FIXTURES / "icbs.csv"), "--db", str(tmp_path / "n.db")]
        )
    assert result.exit_code == 0, result.output
    assert str(data / "organisations.csv") in result.output
    assert "RYC" in (data / "organisations.csv").read_text(encoding="utf-8")
    assert digest(DATA_DIR / "organisations.csv") == packaged
    assert sorted(p.name for p in data.iterdir()) == ["organisations.csv"]  # no work file left behind


def test_a_failed_first_refresh_leaves_no_override(tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("NHSWATCH_DATA_DIR", str(data))
    with LocalSite(tmp_path) as server:
        args = ["orgs", "refresh", "--report-url", server.url + "missing-{report}.csv", "--allow-private"]
        result = CliRunner().invoke(cli, [*args, "--db", str(tmp_path / "n.db")])
    assert result.exit_code == 2 and "left as it was" in result.output
    assert list(data.iterdir()) == []


def test_the_gazetteer_reads_the_user_file_first(tmp_path, monkeypatch):
    monkeypatch.setenv("NHSWATCH_DATA_DIR", str(tmp_path / "data"))
    assert "ZZ901" not in load_gazetteer().by_code
    with_extra_row(tmp_path / "data")
    assert load_gazetteer().by_code["ZZ901"].name == "Nowhere Test NHS Trust"
    assert "ZZ901" not in load_gazetteer(DATA_DIR).by_code


def test_a_refreshed_file_changes_the_extractor_version(tmp_path):
    user_file = with_extra_row(tmp_path / "data")
    assert rules_fingerprint(overrides=[user_file]) != rules_fingerprint(overrides=[])
    code = "from nhswatch.extract.api import EXTRACTOR_VERSION; print(EXTRACTOR_VERSION)"

    def version(data_dir: Path) -> str:
        env = {**os.environ, "NHSWATCH_DATA_DIR": str(data_dir)}
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout

    assert version(tmp_path / "data") != version(tmp_path / "empty")
