"""The commands: ``sources check``, ``scrape``/``run`` exit codes and records, ``reextract``."""

from __future__ import annotations

import json

from click.testing import CliRunner
from faultserver import FaultServer
from nhswatch.db import open_db
from sitefixtures import write_source

from nhswatch.cli import cli

FAST = ["--delay", "0", "--timeout", "2", "--retries", "0"]


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_sources_check_reports_a_healthy_source(registry_dir):
    result = invoke("sources", "check", "fixture-wordpress", "--sources-dir", registry_dir, *FAST)
    assert result.exit_code == 0, result.output
    assert "fixture-wordpress: OK" in result.output
    assert "robots.txt present; allows this URL" in result.output
    assert "article" in result.output and ": ok, 2024-06-10" in result.output


def test_sources_check_json_and_an_unhealthy_source(tmp_path, registry_dir):
    with FaultServer() as faults:
        hostile = {"name": "hostile", "discovery": [{"feed": "/feeds/billion-laughs.xml"}]}
        write_source(registry_dir, faults.url + "/", hostile)
        result = invoke(
            "sources", "check", "hostile", "fixture-listing", "--json", "--sources-dir", registry_dir, *FAST
        )
    assert result.exit_code == 1
    reports = {r["source"]: r for r in json.loads(result.output)}
    assert reports["hostile"]["status"] == "failed"
    assert any("EntitiesForbidden" in step["detail"] and not step["ok"] for step in reports["hostile"]["steps"])
    assert reports["fixture-listing"]["status"] == "ok"
    assert len(reports["fixture-listing"]["articles"]) == 3


def test_run_records_the_run_and_per_source_summary(tmp_path, registry_dir):
    db_path = tmp_path / "n.db"
    result = invoke("run", "--db", db_path, "--sources-dir", registry_dir, *FAST)
    assert result.exit_code == 0, result.output
    assert "fixture-wordpress: ok — fetched 6, new 6" in result.output
    db = open_db(db_path)
    run = next(db.query("select * from runs"))
    assert (run["command"], run["status"], run["exit_code"], run["new"], run["failed"]) == ("run", "ok", 0, 20, 0)
    assert run["ended"] and run["pid"]
    per_source = {r["source"]: r for r in db.query("select * from run_sources")}
    assert set(per_source) == {"fixture-wordpress", "fixture-sitemap", "fixture-listing", "fixture-selectors"}
    assert all(r["status"] == "ok" for r in per_source.values())
    assert db.execute("select count(*) from events").fetchone()[0] > 0
    assert (tmp_path / "n.archive").is_dir()


def test_exit_code_1_when_some_fail_and_2_when_all_fail(tmp_path, registry_dir):
    with FaultServer() as faults:
        write_source(registry_dir, faults.url + "/", {"name": "down", "discovery": [{"feed": "/feeds/down.xml"}]})
        partial = invoke("scrape", "--db", tmp_path / "a.db", "--sources-dir", registry_dir, *FAST)
        nothing = invoke("scrape", "down", "--db", tmp_path / "b.db", "--sources-dir", registry_dir, *FAST)
    assert partial.exit_code == 1, partial.output
    assert nothing.exit_code == 2, nothing.output
    failure = next(open_db(tmp_path / "b.db").query("select * from failures"))
    assert (failure["source"], failure["reason"], failure["status"]) == ("down", "http 500", 500)
    assert next(open_db(tmp_path / "a.db").query("select status from runs"))["status"] == "partial"


def test_unknown_source_is_a_usage_error(registry_dir):
    result = CliRunner().invoke(cli, ["scrape", "no-such-source", "--sources-dir", str(registry_dir)])
    assert result.exit_code == 2 and "unknown source" in result.output


def test_reextract_command(tmp_path, registry_dir):
    db_path = tmp_path / "n.db"
    assert invoke("run", "--db", db_path, "--sources-dir", registry_dir, *FAST).exit_code == 0
    events = open_db(db_path).execute("select count(*) from events").fetchone()[0]
    result = invoke("reextract", "--db", db_path, "--sources-dir", registry_dir)
    assert result.exit_code == 0, result.output
    counts = json.loads(result.output.strip().splitlines()[-1])
    assert counts["reparsed"] == 20 and counts["events"] == events


def test_user_agent_is_sent(tmp_path, registry_dir, sites):
    invoke(
        "scrape",
        "fixture-listing",
        "--db",
        tmp_path / "n.db",
        "--sources-dir",
        registry_dir,
        "--user-agent",
        "nhswatch-test (+https://example.org/contact)",
        *FAST,
    )
    assert sites["listing"].agents == {"nhswatch-test (+https://example.org/contact)"}


def test_due_runs_only_sources_whose_schedule_has_come(tmp_path, registry_dir):
    db_path = tmp_path / "n.db"
    first = invoke("scrape", "--due", "--db", db_path, "--sources-dir", registry_dir, *FAST)
    assert first.exit_code == 0 and "fixture-listing: ok" in first.output  # never run: all due
    again = invoke("scrape", "--due", "--db", db_path, "--sources-dir", registry_dir, *FAST)
    assert again.exit_code == 0 and "no source is due" in again.output  # daily, run minutes ago
    named = invoke("scrape", "fixture-listing", "--db", db_path, "--sources-dir", registry_dir, *FAST)
    assert named.exit_code == 0 and "fixture-listing: ok" in named.output  # without --due: always
    assert open_db(db_path).execute("select count(*) from runs").fetchone()[0] == 2
