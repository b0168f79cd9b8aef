"""The database download (``/nhswatch.db``): a consistent snapshot of the served (mutable) file, on by default,
off with ``allow_download=False``; through Datasette's real test client."""

from __future__ import annotations

import shutil
import sqlite3

from nhswatch.serving import make_datasette


def rows(path, sql):
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


async def download(ds, tmp_path, name="download.db"):
    response = await ds.client.get("/nhswatch.db")
    assert response.status_code == 200, response.text
    path = tmp_path / name
    path.write_bytes(response.content)
    return response, path


async def test_the_database_can_be_downloaded(ds, sample_path, tmp_path):
    response, path = await download(ds, tmp_path)
    assert response.content.startswith(b"SQLite format 3\x00")
    assert 'filename="nhswatch.db"' in response.headers["content-disposition"]
    assert rows(path, "select count(*) from changes") == rows(sample_path, "select count(*) from changes")


async def test_the_operator_can_turn_the_download_off(sample_path):
    ds = make_datasette(sample_path, allow_download=False)
    assert (await ds.client.get("/nhswatch.db")).status_code == 403
    page = await ds.client.get("/nhswatch")
    assert "/nhswatch.db" not in page.text


async def test_the_database_page_links_to_the_download(ds):
    page = await ds.client.get("/nhswatch")
    assert 'href="/nhswatch.db"' in page.text


async def test_a_download_follows_writes_still_in_the_wal(sample_path, tmp_path):
    path = tmp_path / "live" / "nhswatch.db"
    path.parent.mkdir()
    shutil.copyfile(sample_path, path)
    ds = make_datasette(path)
    _, first = await download(ds, tmp_path, "first.db")
    writer = sqlite3.connect(path)
    writer.execute("pragma journal_mode = wal")
    writer.execute("pragma wal_autocheckpoint = 0")
    writer.execute("update changes set confidence = 0.125")
    writer.commit()
    try:
        _, second = await download(ds, tmp_path, "second.db")
    finally:
        writer.close()
    assert rows(first, "select count(*) from changes where confidence = 0.125") == [(0,)]
    assert rows(second, "select distinct confidence from changes") == [(0.125,)]


async def test_an_unknown_database_is_not_found(ds):
    assert (await ds.client.get("/nothere.db")).status_code == 404
