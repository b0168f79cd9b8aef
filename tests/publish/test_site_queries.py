"""Canned queries served by the plugin's hook from metadata.yml (``nhswatch.site.queries``)."""

from __future__ import annotations

import shutil

import yaml

from nhswatch import serving
from nhswatch.serving import make_datasette

WRITTEN = yaml.safe_load(serving.REPO_METADATA.read_text(encoding="utf-8"))["databases"]["nhswatch"]["queries"]


async def test_every_canned_query_is_served_as_metadata_yml_writes_it(ds):
    served = await ds.get_canned_queries("nhswatch", None)
    assert list(served) == list(WRITTEN)
    assert all(served[name] == {**WRITTEN[name], "name": name} for name in WRITTEN)


def test_datasette_holds_only_the_query_titles(tmp_path):
    queries = serving.effective_metadata(tmp_path / "nhswatch.db")["databases"]["nhswatch"]["queries"]
    assert queries == {name: {"title": query["title"]} for name, query in WRITTEN.items() if "title" in query}


async def test_a_database_with_another_name_gets_the_same_queries(sample_path, tmp_path):
    shutil.copy(sample_path, tmp_path / "weekly.db")
    served = await make_datasette(tmp_path / "weekly.db").get_canned_queries("weekly", None)
    assert (
        set(served) == set(WRITTEN) and served["search_announcements"]["sql"] == WRITTEN["search_announcements"]["sql"]
    )


async def test_another_database_gets_none_of_them(ds, tmp_path):
    assert await ds.get_canned_queries("other", None) == {}
