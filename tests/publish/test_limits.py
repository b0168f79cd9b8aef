"""Public serving is bounded: arbitrary SQL is off by default off loopback; where it is on, no
value and no result can take the server to gigabytes, fts3_tokenizer() leaks no address, and
client errors (404, invalid SQL) are logged as one line, not a traceback."""

from __future__ import annotations

import logging
import os
import subprocess
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner

from nhswatch import serving
from nhswatch.cli import cli

MANY_BIG_ROWS = (
    "with recursive r(n) as (select 1 union all select n + 1 from r where n < 1000) select zeroblob(10000000) from r"
)


async def sql(ds, text: str):
    return await ds.client.get("/nhswatch.json", params={"sql": text, "_shape": "array"})


async def test_a_huge_value_is_an_error_not_300_mb(ds):
    response = await sql(ds, "select zeroblob(300000000)")
    assert response.status_code == 400
    assert "too big" in response.text


async def test_a_huge_result_is_an_error(ds):
    response = await sql(ds, MANY_BIG_ROWS)
    assert response.status_code == 400
    assert "larger than" in response.text


async def test_ordinary_queries_still_work(ds):
    response = await sql(ds, "select length(group_concat(text)) as n from documents")
    assert response.status_code == 200 and response.json()[0]["n"] > 0
    response = await ds.client.get("/nhswatch/documents.json?_shape=array")
    assert response.status_code == 200 and response.json()


@pytest.mark.parametrize(
    "call", ["fts3_tokenizer('simple')", "hex(fts3_tokenizer('porter'))", "fts3_tokenizer('simple', x'00')"]
)
async def test_fts3_tokenizer_leaks_no_address(ds, call):
    response = await sql(ds, f"select {call} as t")
    assert response.status_code == 200
    assert response.json()[0]["t"] in (None, "")  # SQLite's own returns the tokenizer's address


async def test_full_text_search_still_works(ds):
    response = await ds.client.get("/nhswatch/documents.json?_search=segment&_shape=array")
    assert response.status_code == 200 and response.json()


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/nope", 404),
        ("/nhswatch/nope", 404),
        ("/-/organisation/ZZZ", 404),
        ("/nhswatch.json?sql=selec%0Ax", 400),
        ("/nhswatch?sql=update+documents+set+title%3D1", 400),
    ],
)
async def test_client_errors_log_one_line_and_no_traceback(ds, capfd, caplog, path, status):
    caplog.set_level(logging.WARNING, logger="nhswatch.site")
    response = await ds.client.get(path)
    assert response.status_code == status
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err and "──" not in out + err  # no plain or rich traceback
    records = [r for r in caplog.records if r.name == "nhswatch.site"]
    assert len(records) == 1 and "\n" not in records[0].getMessage()
    assert records[0].getMessage().startswith(f"{status} GET ")


@pytest.mark.parametrize(
    ("host", "allow_sql", "expected"),
    [
        ("127.0.0.1", None, "on"),
        ("localhost", None, "on"),
        ("::1", None, "on"),
        ("0.0.0.0", None, "off"),
        ("192.0.2.10", None, "off"),
        ("::", None, "off"),
        ("example.org", None, "off"),
        ("0.0.0.0", True, "on"),
        ("127.0.0.1", False, "off"),
    ],
)
def test_arbitrary_sql_is_on_by_default_only_on_loopback(tmp_path, host, allow_sql, expected):
    args = serving.datasette_args(tmp_path / "n.db", host=host, port=1, allow_sql=allow_sql, workdir=tmp_path)
    assert args[args.index("default_allow_sql") + 1] == expected


def test_serve_passes_no_sql_choice_unless_asked(sample_path, monkeypatch):
    calls = []
    monkeypatch.setattr(serving, "serve", lambda *a, **kw: calls.append(kw) or 0)
    for extra, expected in (([], None), (["--allow-sql"], True), (["--no-allow-sql"], False)):
        result = CliRunner().invoke(cli, ["serve", "--db", str(sample_path), "--host", "0.0.0.0", *extra])
        assert result.exit_code == 0, result.output
        assert calls.pop()["allow_sql"] is expected


def max_rss_kb(args: list[str]) -> tuple[int, str]:
    """Run ``args``; its own peak resident memory (KiB) and its output."""
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss, output


@pytest.mark.slow
def test_the_real_server_stays_small_under_memory_hungry_sql(sample_path, tmp_path):
    args = serving.datasette_args(sample_path, host="127.0.0.1", port=0, workdir=tmp_path)
    baseline, _ = max_rss_kb([*args, "--get", "/nhswatch.json?sql=select+1"])
    for query in (
        "select zeroblob(300000000)",
        MANY_BIG_ROWS,
        "select randomblob(200000000)",
        "select length(printf('%.*c', 300000000, 'x'))",
    ):
        peak, output = max_rss_kb([*args, "--get", "/nhswatch.json?" + urlencode({"sql": query})])
        assert peak - baseline < 150_000, (query, peak, baseline, output[-500:])
        assert "Traceback" not in output, output
