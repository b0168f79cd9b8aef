"""``nhswatch orgs``: lookup, and refresh from ODS reports served by a local HTTP server."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from nhswatch.scraper.localsite import LocalSite

from nhswatch.cli import cli

ODS_FIXTURES = Path(__file__).parents[1] / "fixtures" / "ods"


def test_lookup_by_alias_and_date():
    runner = CliRunner()
    result = runner.invoke(cli, ["orgs", "lookup", "QEH"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("RCX\t")
    result = runner.invoke(cli, ["orgs", "lookup", "NHS Norfolk and Waveney CCG", "--on", "2021-01-01"])
    assert result.output.startswith("26A\t")


def test_lookup_ambiguous_site_lists_every_candidate():
    result = CliRunner().invoke(cli, ["orgs", "lookup", "Queen Elizabeth Hospital", "--on", "2024-02-01"])
    assert result.exit_code == 0, result.output
    codes = {line.split("\t")[0] for line in result.output.splitlines() if "\t" in line}
    assert {"RCX", "RR7", "RRK", "RJ2"} <= codes
    assert "ambiguous" in result.output


def test_lookup_json_shows_successor_and_resolution():
    result = CliRunner().invoke(cli, ["orgs", "lookup", "Norfolk and Waveney ICS", "--on", "2026-05-01", "--json"])
    data = json.loads(result.output)
    assert data["resolved"] == "T6Y0W" and not data["ambiguous"]
    assert {c["ods_code"] for c in data["candidates"]} == {"QMM", "T6Y0W"}


def test_lookup_json_marks_shared_name_ambiguous():
    result = CliRunner().invoke(cli, ["orgs", "lookup", "Norfolk and Suffolk", "--on", "2026-05-01", "--json"])
    data = json.loads(result.output)
    assert data["ambiguous"] and data["resolved"] is None
    assert {c["type"] for c in data["candidates"]} == {"trust", "icb"}


def test_lookup_rejects_impossible_date():
    result = CliRunner().invoke(cli, ["orgs", "lookup", "QEH", "--on", "2024-13-45"])
    assert result.exit_code == 2
    assert "is not a date" in result.output


def test_lookup_unknown_name_fails_clearly():
    result = CliRunner().invoke(cli, ["orgs", "lookup", "Nowhere General Infirmary"])
    assert result.exit_code != 0 and "no organisation known" in result.output


def test_refresh_from_local_mirror(tmp_path):
    site = tmp_path / "ods"
    site.mkdir()
    shutil.copy(ODS_FIXTURES / "etr.csv", site / "etr.csv")
    shutil.copy(ODS_FIXTURES / "eccg_bom_crlf.csv", site / "eccg.csv")
    shutil.copy(ODS_FIXTURES / "succ.csv", site / "succ.csv")
    out = tmp_path / "organisations.csv"
    with LocalSite(site) as server:
        result = CliRunner().invoke(
            cli,
            [
                "orgs",
                "refresh",
                "--out",
                str(out),
                "--report-url",
                server.url + "{report}.csv",
                "--icbs",
                str(ODS_FIXTURES / "icbs.csv"),
                "--allow-private",
                "--db",
                str(tmp_path / "n.db"),
            ],
        )
    assert result.exit_code == 0, result.output
    rows = {row["ods_code"]: row for row in csv.DictReader(out.open())}
    assert rows["RYC"]["type"] == "ambulance_trust"
    assert "wrote" in result.output


def test_refresh_failure_leaves_file_alone(tmp_path):
    out = tmp_path / "organisations.csv"
    out.write_text("ods_code,name\nX,Y\n")
    with LocalSite(tmp_path) as server:
        result = CliRunner().invoke(
            cli,
            [
                "orgs",
                "refresh",
                "--out",
                str(out),
                "--report-url",
                server.url + "missing-{report}.csv",
                "--icbs",
                str(ODS_FIXTURES / "icbs.csv"),
                "--allow-private",
                "--db",
                str(tmp_path / "n.db"),
            ],
        )
    assert result.exit_code != 0
    assert "left as it was" in result.output
    assert out.read_text() == "ods_code,name\nX,Y\n"
