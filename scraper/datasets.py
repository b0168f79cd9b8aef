"""Official datasets as registry sources (``kind: dataset``): their ``dataset:`` block, and fetching them.

A dataset source names the file to fetch in one of two ways::

    dataset:
      format: nof_league_table          # the importer (nhswatch.extract.official.FORMATS)
      framework: nof                    # a framework of extract/data/frameworks.yml
      version: "2025"                   # optional: else the version in force for the period
      urls: [https://.../league-table.csv]           # fixed files, or
      list_page: {url: https://.../publication/, link_pattern: 'league-table.*\\.csv$', take: all}
      columns: {code: Trust_code}       # optional: field -> header, for a renamed column or an assumed layout
      sheet: Providers                  # optional: the sheet of a workbook
      as_of: Q2 2024/25                 # optional: the quarter or day a file without one applies to
      assumed_layout: true              # optional: the default columns are an assumption (docs say why)
      max_bytes: 50000000               # optional: size cap (default 100 MB)

Files are fetched with the one polite HTTP layer (robots.txt, delays, retries, conditional requests) and
archived as received. Nothing here reads the files: that is ``nhswatch.extract.official``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

if TYPE_CHECKING:  # cold start: the HTTP layer and lxml load only when a dataset is fetched
    from .fetch import Fetcher, Response

DATASET_KEYS = frozenset(
    {"format", "framework", "version", "urls", "list_page", "columns", "sheet", "as_of", "assumed_layout", "max_bytes"}
)
LIST_PAGE_KEYS = frozenset({"url", "link_pattern", "take", "max_files"})
TAKE = ("all", "first")
DEFAULT_MAX_BYTES = 100 * 1024 * 1024
DEFAULT_MAX_FILES = 12


class DatasetSpecError(ValueError):
    """A ``dataset:`` block is malformed."""


def check_dataset(data: Any, origin: str) -> None:
    """Validate a ``dataset:`` block's shape; DatasetSpecError says what is wrong.

    Whether its format has an importer and its framework is in the framework table is checked where
    datasets are used (``nhswatch.datasets.check_known``): the scraper does not import the extractor."""
    if not isinstance(data, dict) or set(data) - DATASET_KEYS:
        raise DatasetSpecError(f"{origin}: dataset is a mapping with keys {sorted(DATASET_KEYS)}")
    for key in ("format", "framework"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise DatasetSpecError(f"{origin}: dataset needs {key}")
    if bool(data.get("urls")) == bool(data.get("list_page")):
        raise DatasetSpecError(f"{origin}: dataset needs urls (a list) or list_page, not both")
    if data.get("urls") is not None and (
        not isinstance(data["urls"], list) or not all(isinstance(u, str) and u for u in data["urls"])
    ):
        raise DatasetSpecError(f"{origin}: dataset urls must be a list of URLs")
    page = data.get("list_page")
    if page is not None:
        if not isinstance(page, dict) or set(page) - LIST_PAGE_KEYS or not page.get("url"):
            raise DatasetSpecError(f"{origin}: list_page is a mapping with url and keys {sorted(LIST_PAGE_KEYS)}")
        try:
            re.compile(page.get("link_pattern") or "")
        except re.error as error:
            raise DatasetSpecError(f"{origin}: list_page.link_pattern: {error}") from error
        if page.get("take", "all") not in TAKE:
            raise DatasetSpecError(f"{origin}: list_page.take is one of {list(TAKE)}")
    columns = data.get("columns")
    if columns is not None and (not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values())):
        raise DatasetSpecError(f"{origin}: dataset columns map field names to header names")


def dataset_urls(data: dict[str, Any]) -> list[str]:
    """Every URL a dataset block names (for the source's allowed hosts)."""
    return list(data.get("urls") or []) + ([data["list_page"]["url"]] if data.get("list_page") else [])


def rebase(data: dict[str, Any], base_url: str) -> dict[str, Any]:
    """A copy whose relative URLs are resolved against ``base_url`` (local sites)."""
    out = dict(data)
    if data.get("urls"):
        out["urls"] = [urljoin(base_url, u) for u in data["urls"]]
    if data.get("list_page"):
        out["list_page"] = {**data["list_page"], "url": urljoin(base_url, data["list_page"]["url"])}
    return out


@dataclass
class DatasetFile:
    """One fetched file (``response`` None on failure, with ``error``)."""

    url: str
    response: Response | None = None
    error: str | None = None
    stage: str = "fetch"
    kind: str = "dataset"


def discover(source: Any, fetcher: Fetcher) -> tuple[list[str], list[DatasetFile]]:
    """The file URLs of a dataset source, and the list page fetched (or failed) on the way."""
    from lxml import html as lxml_html

    from .fetch import FetchError

    data = source.dataset
    if data.get("urls"):
        return list(data["urls"]), []
    page = data["list_page"]
    try:
        response = fetcher.get(
            page["url"], allowed_hosts=source.allowed_hosts or None, allow_private=source.allow_private
        )
    except FetchError as error:
        return [], [DatasetFile(page["url"], None, error.reason, "discover", "index")]
    pattern = re.compile(page.get("link_pattern") or r"\.(csv|ods|xlsx|json)$", re.I)
    links: list[str] = []
    try:
        tree = lxml_html.fromstring(response.body or b"<html></html>")
        hrefs = [urljoin(response.url, href.strip()) for href in tree.xpath("//a/@href")]
    except (ValueError, TypeError) as error:
        return [], [DatasetFile(page["url"], response, f"list page unreadable: {error}", "discover", "index")]
    for href in hrefs:
        if pattern.search(href) and href not in links:
            links.append(href)
    if page.get("take", "all") == "first":
        links = links[:1]
    found = [
        DatasetFile(page["url"], response, None if links else "no file link matches link_pattern", "discover", "index")
    ]
    return links[: int(page.get("max_files") or DEFAULT_MAX_FILES)], found


def fetch_file(source: Any, fetcher: Fetcher, url: str, known: dict[str, Any] | None) -> DatasetFile:
    """GET one file conditionally (ETag / Last-Modified of its last good fetch)."""
    from .fetch import FetchError

    known = known or {}
    try:
        response = fetcher.get(
            url,
            etag=known.get("etag"),
            last_modified=known.get("last_modified"),
            allowed_hosts=source.allowed_hosts or None,
            allow_private=source.allow_private,
        )
    except FetchError as error:
        return DatasetFile(url, None, error.reason)
    return DatasetFile(url, response)
