"""The response cache (nhswatch/site/response_cache.py): a repeated anonymous page comes from memory until the
database file changes; through Datasette's real test client over a real SQLite file."""

from __future__ import annotations

import shutil
import sqlite3
import time

import pytest
import yaml

from nhswatch.serving import REPO_METADATA, make_datasette
from nhswatch.site.response_cache import Entry, ResponseCache, recording

HIT = "x-nhswatch-cache"


@pytest.fixture
def live_path(sample_path, tmp_path):
    """A copy of the sample database the test may write to."""
    path = tmp_path / "live" / "nhswatch.db"
    path.parent.mkdir()
    shutil.copyfile(sample_path, path)
    return path


def org_code(path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("select ods_code from changes order by ods_code limit 1").fetchone()[0]


async def test_a_repeated_page_is_answered_from_the_cache(ds, sample_path):
    url = f"/-/organisation/{org_code(sample_path)}"
    await ds.client.get("/nhswatch")  # a first connection may create the WAL file: a change of the file's state
    first, second = await ds.client.get(url), await ds.client.get(url)
    assert first.status_code == second.status_code == 200
    assert HIT not in first.headers
    assert second.headers[HIT] == "hit"
    assert second.text == first.text


async def test_a_write_to_the_database_makes_the_next_page_fresh(live_path):
    ds = make_datasette(live_path)
    await ds.client.get("/nhswatch/sources.json?_shape=array")
    with sqlite3.connect(live_path) as writer:
        writer.execute("update sources set name = name || '-renamed'")
    after = await ds.client.get("/nhswatch/sources.json?_shape=array")
    assert HIT not in after.headers
    assert all(row["name"].endswith("-renamed") for row in after.json())


async def test_a_request_with_a_cookie_is_never_answered_from_the_cache(ds):
    await ds.client.get("/nhswatch/sources")
    with_cookie = await ds.client.get("/nhswatch/sources", cookies={"ds_actor": "someone"})
    assert HIT not in with_cookie.headers


async def test_no_cache_renders_the_page_afresh(ds):
    await ds.client.get("/nhswatch")
    await ds.client.get("/nhswatch/sources")
    fresh = await ds.client.get("/nhswatch/sources", headers={"Cache-Control": "no-cache"})
    assert HIT not in fresh.headers
    assert (await ds.client.get("/nhswatch/sources")).headers[HIT] == "hit"


async def test_an_error_page_is_not_kept(ds):
    await ds.client.get("/-/organisation/NOSUCH")
    again = await ds.client.get("/-/organisation/NOSUCH")
    assert again.status_code == 404
    assert HIT not in again.headers


async def test_the_operator_can_turn_the_cache_off(sample_path, tmp_path):
    data = yaml.safe_load(REPO_METADATA.read_text(encoding="utf-8"))
    data.setdefault("plugins", {}).setdefault("nhswatch", {})["response_cache_mb"] = 0
    metadata = tmp_path / "metadata.yml"
    metadata.write_text(yaml.safe_dump(data), encoding="utf-8")
    ds = make_datasette(sample_path, metadata=metadata)
    await ds.client.get("/nhswatch/sources")
    assert HIT not in (await ds.client.get("/nhswatch/sources")).headers


def entry(state: tuple, body: bytes, made: float | None = None) -> Entry:
    return Entry(
        state,
        time.monotonic() if made is None else made,
        {"type": "http.response.start", "status": 200, "headers": []},
        body,
    )


def test_the_least_recently_used_entries_go_first_when_the_cache_is_full():
    cache = ResponseCache(max_bytes=10, max_seconds=60)
    cache.put(("a",), entry((), b"1234"))
    cache.put(("b",), entry((), b"1234"))
    assert cache.get(("a",), ()) is not None  # a is now the most recently used
    cache.put(("c",), entry((), b"1234"))
    assert cache.get(("b",), ()) is None
    assert cache.get(("a",), ()) is not None and cache.get(("c",), ()) is not None
    assert cache.size == 8


def test_an_entry_made_before_a_change_of_state_is_dropped():
    cache = ResponseCache(max_bytes=100, max_seconds=60)
    cache.put(("a",), entry(("before",), b"x"))
    assert cache.get(("a",), ("after",)) is None
    assert cache.size == 0


def test_an_entry_older_than_its_lifetime_is_dropped(monkeypatch):
    cache = ResponseCache(max_bytes=100, max_seconds=60)
    cache.put(("a",), entry((), b"x", made=1000.0))
    monkeypatch.setattr("nhswatch.site.response_cache.time.monotonic", lambda: 1061.0)
    assert cache.get(("a",), ()) is None


async def test_a_response_that_sets_a_cookie_is_passed_on_but_not_kept():
    cache = ResponseCache(max_bytes=100, max_seconds=60)
    sent = []

    async def send(message):
        sent.append(message)

    keep = recording(send, cache, ("a",), ())
    await keep({"type": "http.response.start", "status": 200, "headers": [(b"set-cookie", b"ds_csrftoken=1")]})
    await keep({"type": "http.response.body", "body": b"page"})
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"]
    assert cache.get(("a",), ()) is None
