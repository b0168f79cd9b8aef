"""``nhswatch extract``: the documented JSON interface, over .txt, .html, .jsonl and stdin."""

from __future__ import annotations

import json

from click.testing import CliRunner

from nhswatch.cli import cli

SENTENCE = "Medway NHS Foundation Trust was placed in segment 4 in August 2021."
EVENT_KEYS = {
    "org",
    "ods_code",
    "org_type",
    "framework",
    "change",
    "from",
    "to",
    "date",
    "date_text",
    "modality",
    "evidence",
    "start",
    "end",
    "confidence",
}


def run(args, stdin=None):
    return CliRunner().invoke(cli, ["extract", *args], input=stdin)


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_text_file(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(SENTENCE)
    result = run([str(path)])
    assert result.exit_code == 0, result.output
    (record,) = records(result.output)
    assert set(record) >= {"id", "published", "organisations", "events"}
    (event,) = record["events"]
    assert set(event) >= EVENT_KEYS
    assert (event["ods_code"], event["framework"], event["to"], event["date"]) == ("RPA", "nof", 4, "2021-08")
    assert record["organisations"][0] == {
        "name": "Medway NHS Foundation Trust",
        "ods_code": "RPA",
        "type": "trust",
        "mentions": 1,
    }


def test_html_file_uses_page_date(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        '<html><head><meta property="article:published_time" content="2023-05-12T09:00:00Z"></head>'
        "<body><nav>Home | News</nav><article><h1>Update</h1><p>East Kent Hospitals University NHS Foundation "
        "Trust has been put into special measures.</p></article></body></html>"
    )
    (record,) = records(run([str(path)]).output)
    assert record["published"] == "2023-05-12"
    assert [(e["ods_code"], e["framework"], e["date"]) for e in record["events"]] == [
        ("RVV", "rsp", "2023-05-12")  # "special measures" in 2023 is the RSP
    ]


def test_jsonl_from_stdin_with_html_and_text():
    docs = [
        {"id": "a", "text": SENTENCE, "published": "2021-09-01"},
        {"id": "b", "html": "<p>Nothing about oversight here.</p>", "published": "2021-09-01"},
    ]
    result = run(["-"], stdin="\n".join(json.dumps(d) for d in docs))
    out = records(result.output)
    assert [r["id"] for r in out] == ["a", "b"]
    assert len(out[0]["events"]) == 1 and out[1]["events"] == []


def test_unreadable_file_is_named_and_others_still_processed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(SENTENCE)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "fine"}\nnot json at all\n')
    result = run([str(tmp_path / "missing.txt"), str(bad), str(good)])
    assert result.exit_code == 1
    assert "missing.txt" in result.output and "bad.jsonl:2" in result.output
    assert any(r["id"] == "good" and r["events"] for r in records(result.output))


def test_binary_file_gives_no_events(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 100)
    result = run([str(path)])
    assert result.exit_code == 0
    assert records(result.output)[0]["events"] == []


def test_a_document_with_a_wrong_publication_date_is_reported_and_the_rest_read():
    docs = [
        {"id": "bad", "text": "Medway NHS Foundation Trust entered special measures.", "published": 20240101},
        {"id": "good", "text": "Barts Health NHS Trust entered special measures.", "published": "2019-01-01"},
    ]
    result = CliRunner().invoke(cli, ["extract", "-"], input="\n".join(json.dumps(d) for d in docs))
    bad, good = (json.loads(line) for line in result.stdout.splitlines())
    assert result.exit_code == 1 and bad["events"] == [] and "published must be" in bad["error"]
    assert [e["ods_code"] for e in good["events"]] == ["R1H"]
