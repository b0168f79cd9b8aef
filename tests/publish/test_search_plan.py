"""The documents search box plans a search that matches a lot so it reads one page of rows (nhswatch.site.search)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from nhswatch.db import load
from nhswatch.db.schema import open_db

from nhswatch.serving import make_datasette

COMMON, RARE = "hospital", "heliport"
MIDDLING, MIDDLING_DOCUMENTS = "ambulance", 12  # between 1/32 and 1/4 of the documents with few_is_many
DOCUMENTS = 61  # sixty dated, one undated


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sixty dated documents and an undated one: every one mentions the hospital, every fifth dated one an
    ambulance, one the heliport; stored out of date order."""
    path = tmp_path_factory.mktemp("search") / "nhswatch.db"
    db = open_db(path)
    with db.atomic():
        load.store_document(
            db,
            {
                "url": "https://news.example.org/undated",
                "source": None,
                "title": "An undated story about the ward",
                "published": None,
                "publisher": "A local paper",
                "text": "The hospital board met to discuss waiting lists.",
            },
        )
        for n in range(DOCUMENTS - 1):
            day = f"20{10 + n % 15}-{1 + n % 12:02d}-{1 + n % 27:02d}"
            extra = " A new heliport opens on the roof." if n == 7 else ""
            extra += " An ambulance waited outside." if n % 5 == 0 else ""
            load.store_document(
                db,
                {
                    "url": f"https://news.example.org/story-{n}",
                    "source": None,
                    "title": f"Story {n:02d} about the ward",
                    "published": day,
                    "publisher": "A local paper",
                    "text": f"The hospital board met on {day} to discuss waiting lists.{extra}",
                },
            )
    db.close()
    return path


@pytest.fixture
def few_is_many(monkeypatch: pytest.MonkeyPatch) -> None:
    """Count 10 matches as many, so sixty documents show the plan a large archive gets."""
    from nhswatch.site import search

    monkeypatch.setattr(search, "MIN_MANY", 10)


async def searched(db_path: Path, term: str, **args: str) -> dict:
    ds = make_datasette(db_path, trace_debug=True)
    response = await ds.client.get("/nhswatch/documents.json", params={"_search": term, "_trace": "1", **args})
    assert response.status_code == 200, response.text
    return response.json()


def traced(result: dict, prefix: str) -> str:
    return next(t["sql"] for t in result["_trace"]["traces"] if t["sql"].startswith(prefix))


def count_sql(result: dict) -> str:
    return traced(result, "select count(*) from documents")


def page_sql(result: dict) -> str:
    """The query that read the page's rows."""
    return traced(result, "select id, url")


def expected_ids(db_path: Path, term: str, order: str, limit: int = 20) -> list[str]:
    conn = sqlite3.connect(db_path)
    try:
        sql = (
            "select d.id from documents d join documents_fts f on f.rowid = d.rowid "
            f"where documents_fts match ? order by {order} limit {limit}"
        )
        return [row[0] for row in conn.execute(sql, [term])]
    finally:
        conn.close()


@pytest.mark.asyncio
async def test_a_common_search_walks_the_date_index_testing_each_row_in_the_full_text_index(
    db_path: Path, few_is_many: None
) -> None:
    result = await searched(db_path, COMMON)
    assert "where exists (select 1 from documents_fts where documents_fts match" in page_sql(result)


@pytest.mark.asyncio
async def test_a_search_alone_is_counted_by_the_full_text_index(db_path: Path, few_is_many: None) -> None:
    result = await searched(db_path, COMMON)
    assert count_sql(result).startswith("select count(*) from documents_fts where documents_fts match")
    assert result["filtered_table_rows_count"] == DOCUMENTS


@pytest.mark.asyncio
async def test_a_common_search_finds_the_same_rows_newest_first_and_counts_them(
    db_path: Path, few_is_many: None
) -> None:
    result = await searched(db_path, COMMON)
    assert result["filtered_table_rows_count"] == DOCUMENTS
    assert [row[0] for row in result["rows"]] == expected_ids(db_path, COMMON, "d.published desc, d.id")


@pytest.mark.asyncio
async def test_the_next_page_of_a_common_search_has_the_next_rows(db_path: Path, few_is_many: None) -> None:
    first = await searched(db_path, COMMON)
    second = await searched(db_path, COMMON, _next=first["next"])
    expected = expected_ids(db_path, COMMON, "d.published desc, d.id", limit=40)
    assert [row[0] for row in first["rows"] + second["rows"]] == expected


@pytest.mark.asyncio
async def test_a_search_alone_is_counted_once(db_path: Path, few_is_many: None) -> None:
    result = await searched(db_path, COMMON)
    counts = [t["sql"] for t in result["_trace"]["traces"] if t["sql"].startswith("select count(*)")]
    assert counts == ["select count(*) from documents_fts where documents_fts match escape_fts(:search)"]
    assert result["filtered_table_rows_count"] == DOCUMENTS


@pytest.mark.asyncio
async def test_a_search_alone_without_a_count_is_probed_only_as_far_as_the_plan_needs(
    db_path: Path, few_is_many: None
) -> None:
    result = await searched(db_path, COMMON, _nocount="1")
    counts = [t["sql"] for t in result["_trace"]["traces"] if t["sql"].startswith("select count(*)")]
    assert counts == [
        "select count(*) from (select rowid from documents_fts where documents_fts match escape_fts(:search) limit 15)"
    ]
    assert "where exists (select 1 from documents_fts where documents_fts match" in page_sql(result)


@pytest.mark.asyncio
async def test_a_search_alone_matching_fewer_than_a_quarter_walks_the_date_index_testing_rows_against_all_matches(
    db_path: Path, few_is_many: None
) -> None:
    result = await searched(db_path, MIDDLING)
    assert "where +rowid in (select rowid from documents_fts" in page_sql(result)


@pytest.mark.asyncio
async def test_a_search_alone_matching_fewer_than_a_quarter_finds_the_same_rows_newest_first_and_counts_them(
    db_path: Path, few_is_many: None
) -> None:
    result = await searched(db_path, MIDDLING, _size="5")
    assert result["filtered_table_rows_count"] == MIDDLING_DOCUMENTS
    second = await searched(db_path, MIDDLING, _size="5", _next=result["next"])
    expected = expected_ids(db_path, MIDDLING, "d.published desc, d.id", limit=10)
    assert [row[0] for row in result["rows"] + second["rows"]] == expected


@pytest.mark.asyncio
async def test_the_next_page_of_a_common_search_walks_the_date_index(db_path: Path, few_is_many: None) -> None:
    first = await searched(db_path, COMMON)
    second = await searched(db_path, COMMON, _next=first["next"])
    assert "(+published < :p" in page_sql(second) and "(published < :p" not in page_sql(second)


@pytest.mark.asyncio
async def test_every_page_of_a_common_search_in_turn_lists_every_match_the_undated_last(
    db_path: Path, few_is_many: None
) -> None:
    rows, page = [], await searched(db_path, COMMON, _size="7")
    while True:
        rows += [row[0] for row in page["rows"]]
        if not page["next"]:
            break
        page = await searched(db_path, COMMON, _size="7", _next=page["next"])
    assert rows == expected_ids(db_path, COMMON, "d.published desc, d.id", limit=DOCUMENTS)
    assert page["rows"][-1][3] == "An undated story about the ward"


@pytest.mark.asyncio
async def test_the_next_page_of_a_common_search_sorted_oldest_first_has_the_next_rows(
    db_path: Path, few_is_many: None
) -> None:
    first = await searched(db_path, COMMON, _sort="published", _size="7")
    second = await searched(db_path, COMMON, _sort="published", _size="7", _next=first["next"])
    assert "(+published > :p" in page_sql(second)
    expected = expected_ids(db_path, COMMON, "d.published, d.id", limit=14)
    assert [row[0] for row in first["rows"] + second["rows"]] == expected


@pytest.mark.asyncio
async def test_a_common_search_with_another_filter_tests_rows_against_all_matches(
    db_path: Path, few_is_many: None
) -> None:
    result = await searched(db_path, COMMON, publisher="A local paper")
    assert "and +rowid in (select rowid from documents_fts" in count_sql(result)
    assert result["filtered_table_rows_count"] == DOCUMENTS


@pytest.mark.asyncio
async def test_a_faceted_common_search_tests_rows_against_all_matches(db_path: Path, few_is_many: None) -> None:
    result = await searched(db_path, COMMON, _facet="publisher")
    assert "where +rowid in (select rowid from documents_fts" in page_sql(result)
    assert result["facet_results"]["publisher"]["results"][0]["count"] == DOCUMENTS


@pytest.mark.asyncio
async def test_a_rare_search_keeps_datasettes_plan(db_path: Path, few_is_many: None) -> None:
    result = await searched(db_path, RARE)
    assert "where rowid in (select rowid from documents_fts" in page_sql(result)
    assert result["filtered_table_rows_count"] == 1


@pytest.mark.asyncio
async def test_a_search_sorted_by_a_column_no_index_starts_with_keeps_datasettes_plan(
    db_path: Path, few_is_many: None
) -> None:
    result = await searched(db_path, COMMON, _sort="title")
    assert "where rowid in (select rowid from documents_fts" in page_sql(result)
    assert [row[0] for row in result["rows"]] == expected_ids(db_path, COMMON, "d.title, d.id")


@pytest.mark.asyncio
async def test_a_search_of_another_tables_index_is_counted_over_the_table(db_path: Path) -> None:
    result = await searched(db_path, "hospital", _fts_table="organisations_fts")
    assert count_sql(result).startswith("select count(*) from documents where rowid in (select rowid from")
    assert result["filtered_table_rows_count"] == 0


@pytest.mark.asyncio
async def test_a_malformed_raw_search_is_reported_once_by_datasettes_own_query(
    db_path: Path, few_is_many: None, capfd: pytest.CaptureFixture
) -> None:
    ds = make_datasette(db_path)
    response = await ds.client.get("/nhswatch/documents.json", params={"_search": "NEAR(", "_searchmode": "raw"})
    assert response.status_code == 400 and "fts5" in response.json()["error"]
    assert "select count(*) from (select rowid" not in capfd.readouterr().err  # the plan's probe stays quiet
