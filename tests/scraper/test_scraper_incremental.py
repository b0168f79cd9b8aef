"""Incremental runs: unchanged sites cost 304s and re-extract nothing; a changed article becomes a
new version with the old kept; ``reextract`` re-reads the archive without any network."""

from __future__ import annotations

import pytest
from nhswatch.db import load, open_db
from nhswatch.scraper.archive import Archive
from nhswatch.scraper.registry import load_registry
from sitefixtures import scrape_registry

from nhswatch import pipeline

ARTICLE = "/news/trust-moves-into-segment-two/"


def run(tmp_path, registry_dir, fetcher, names=None):
    return scrape_registry(tmp_path, registry_dir, fetcher, names, extract=True)


def snapshot(db):
    return {
        "documents": sorted(
            tuple(r)
            for r in db.execute(
                "select id, url, title, published, text, version, content_hash, extractor_version from documents"
            )
        ),
        "versions": sorted(
            tuple(r) for r in db.execute("select document_id, version, content_hash from document_versions")
        ),
        "events": sorted(tuple(r) for r in db.execute("select id, document_id, framework, to_status from events")),
    }


def article_paths(site, db):
    stored = {row[0].replace(site.url, "/") for row in db.execute("select url from documents")}
    return [(path, status) for path, status in site.requests() if path in stored]


def test_second_run_against_unchanged_sites_refetches_and_reextracts_nothing(tmp_path, registry_dir, fetcher, sites):
    db, first, extracted = run(tmp_path, registry_dir, fetcher)
    assert first.total("new") == 20 and extracted > 0
    before = snapshot(db)
    for site in sites.values():
        site.clear_log()
    db, second, extracted = run(tmp_path, registry_dir, fetcher)
    assert extracted == 0
    assert second.total("new") == second.total("changed") == second.total("failed") == 0
    assert second.total("unchanged") == 20
    assert snapshot(db) == before
    for name, site in sites.items():
        statuses = {status for _, status in article_paths(site, db)}
        assert statuses <= {304}, (name, article_paths(site, db))  # 304, or not asked at all (sitemap/API lastmod)
    assert {status for _, status in article_paths(sites["listing"], db)} == {304}
    outcomes = {row[0] for row in db.execute("select outcome from fetches where run_id = 2 and kind = 'article'")}
    assert outcomes == {"not modified"}


def test_changed_article_becomes_a_new_version_and_the_old_is_kept(tmp_path, registry_dir, fetcher, sites):
    db, _, _ = run(tmp_path, registry_dir, fetcher, ["fixture-listing"])
    site = sites["listing"]
    original = (site.root / ARTICLE.strip("/") / "index.html").read_text()
    site.overrides[ARTICLE] = original.replace("into segment 2 of", "into segment 3 of").encode()
    db, counts, extracted = run(tmp_path, registry_dir, fetcher, ["fixture-listing"])
    assert counts.total("changed") == 1 and counts.total("new") == 0
    doc_id = load.document_id(site.url + ARTICLE.lstrip("/"))
    versions = list(
        db.query("select version, text from document_versions where document_id = ? order by version", [doc_id])
    )
    assert [v["version"] for v in versions] == [1, 2]
    assert "into segment 2 of" in versions[0]["text"] and "into segment 3 of" in versions[1]["text"]
    assert db.execute("select version from documents where id = ?", [doc_id]).fetchone()[0] == 2
    assert (
        extracted >= 0
        and db.execute("select count(*) from documents where extractor_version is null").fetchone()[0] == 0
    )


def test_reextract_rereads_the_archive_without_network(tmp_path, registry_dir, fetcher, sites):
    db, _, _ = run(tmp_path, registry_dir, fetcher)
    before = snapshot(db)
    for site in sites.values():
        site.__exit__(None, None, None)  # no network from here on
    counts = pipeline.reextract(db, Archive(tmp_path / "archive"), load_registry(registry_dir))
    assert counts.documents == counts.reparsed == 20 and counts.no_raw == counts.failed == 0
    assert counts.changed == 0
    assert snapshot(db) == before


def test_reextract_applies_a_parser_change_in_place(tmp_path, registry_dir, fetcher):
    db, _, _ = run(tmp_path, registry_dir, fetcher, ["fixture-selectors"])
    registry = load_registry(registry_dir)
    registry["fixture-selectors"].article["body"] = "div.story-body p:first-child"
    counts = pipeline.reextract(db, Archive(tmp_path / "archive"), registry)
    assert counts.changed == 3
    story = next(db.query("select * from documents where url like '%1001.html'"))
    assert story["version"] == 1 and story["text"].count("\n\n") == 0
    assert db.execute("select count(*) from document_versions").fetchone()[0] == 3  # no new versions


def test_archived_but_unstored_page_is_parsed_from_the_archive_after_a_304(tmp_path, registry_dir, fetcher, sites):
    """A run killed between archiving a page and storing it: the next run gets a 304 and still stores it."""
    db, _, _ = run(tmp_path, registry_dir, fetcher, ["fixture-listing"])
    url = sites["listing"].url + "news/response-times-improve/"
    with db.atomic():
        doc_id = load.document_id(url)
        for table, column in (("events", "document_id"), ("document_versions", "document_id"), ("documents", "id")):
            db.execute(f"delete from {table} where {column} = ?", [doc_id])
        db.execute("delete from mentions where document_id = ?", [doc_id]) if "mentions" in db.table_names() else None
    sites["listing"].clear_log()
    db, counts, _ = run(tmp_path, registry_dir, fetcher, ["fixture-listing"])
    assert counts.total("new") == 1
    assert ("/news/response-times-improve/", 304) in sites["listing"].requests()
    assert db.execute("select title from documents where url = ?", [url]).fetchone()[0].startswith("Response times")


@pytest.mark.parametrize("outcome", ["interrupted"])
def test_interrupted_runs_are_marked(tmp_path, outcome):
    db = open_db(tmp_path / "t.db")
    stale = load.start_run(db, "run")
    current = load.start_run(db, "run")
    assert load.mark_interrupted_runs(db, current) == 1
    assert db["runs"].get(stale)["status"] == outcome
    assert db["runs"].get(current)["status"] == "running"
