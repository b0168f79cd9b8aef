"""The source registry: one YAML file per source in ``scraper/sources/``.

Adding a source means adding one file. Keys are checked against a closed set so a typo fails
loudly instead of silently disabling part of a source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml

SOURCES_DIR = Path(str(resources.files("scraper") / "sources"))
SOURCE_KEYS = frozenset(
    {
        "name", "title", "publisher", "publisher_ods", "kind", "region", "homepage", "discovery",
        "article", "allowed_hosts", "allow_private", "schedule", "confirmed", "notes", "rebase", "max_articles",
    }
)
DISCOVERY_KEYS = frozenset({"feed", "sitemap", "listing"})
LISTING_KEYS = frozenset({"url", "items", "next", "max_pages"})
ARTICLE_KEYS = frozenset({"body", "title", "date", "url_pattern"})
KINDS = frozenset({"national", "regional", "icb", "trust", "regulator", "government", "press", "sample"})


class SourceError(ValueError):
    """A source file is malformed."""


@dataclass
class Source:
    """A newsroom and how to read it."""

    name: str
    title: str
    publisher: str
    kind: str
    homepage: str
    discovery: list[dict[str, Any]]
    article: dict[str, str] = field(default_factory=dict)
    allowed_hosts: set[str] = field(default_factory=set)
    allow_private: bool = False
    region: str | None = None
    publisher_ods: str | None = None
    schedule: str = "daily"
    confirmed: str = ""
    rebase: bool = False
    max_articles: int | None = None

    def with_base(self, base_url: str) -> Source:
        """A copy whose relative URLs are resolved against ``base_url`` (used for local sites)."""
        def absolute(url: str) -> str:
            return urljoin(base_url, url)

        discovery = []
        for step in self.discovery:
            (kind, value), = step.items()
            if kind == "listing":
                value = {**value, "url": absolute(value["url"])}
            else:
                value = absolute(value)
            discovery.append({kind: value})
        host = urlsplit(base_url).hostname or ""
        return Source(**{**self.__dict__, "homepage": absolute(self.homepage), "discovery": discovery,
                         "allowed_hosts": {host}})


def parse_source(data: dict[str, Any], origin: str = "<source>") -> Source:
    """Validate one registry entry."""
    unknown = set(data) - SOURCE_KEYS
    if unknown:
        raise SourceError(f"{origin}: unknown keys {sorted(unknown)}")
    for key in ("name", "publisher", "kind", "homepage", "discovery"):
        if not data.get(key):
            raise SourceError(f"{origin}: missing {key}")
    if data["kind"] not in KINDS:
        raise SourceError(f"{origin}: kind must be one of {sorted(KINDS)}")
    for step in data["discovery"]:
        if not isinstance(step, dict) or len(step) != 1 or set(step) - DISCOVERY_KEYS:
            raise SourceError(f"{origin}: each discovery step is one of {sorted(DISCOVERY_KEYS)}")
        if "listing" in step:
            listing = step["listing"]
            if set(listing) - LISTING_KEYS or "url" not in listing or "items" not in listing:
                raise SourceError(f"{origin}: listing needs url and items (keys {sorted(LISTING_KEYS)})")
    if set(data.get("article") or {}) - ARTICLE_KEYS:
        raise SourceError(f"{origin}: article keys are {sorted(ARTICLE_KEYS)}")
    hosts = set(data.get("allowed_hosts") or [])
    home_host = urlsplit(data["homepage"]).hostname
    if home_host:
        hosts.add(home_host)
    return Source(
        name=data["name"],
        title=data.get("title") or data["name"],
        publisher=data["publisher"],
        kind=data["kind"],
        homepage=data["homepage"],
        discovery=data["discovery"],
        article=data.get("article") or {},
        allowed_hosts=hosts,
        allow_private=bool(data.get("allow_private")),
        region=data.get("region"),
        publisher_ods=data.get("publisher_ods"),
        schedule=data.get("schedule") or "daily",
        confirmed=data.get("confirmed") or "",
        rebase=bool(data.get("rebase")),
        max_articles=data.get("max_articles"),
    )


def load_source(path: Path) -> Source:
    with path.open(encoding="utf-8") as handle:
        return parse_source(yaml.safe_load(handle), str(path))


def load_registry(directory: Path = SOURCES_DIR) -> dict[str, Source]:
    """Every source in the registry directory, by name."""
    sources: dict[str, Source] = {}
    for path in sorted(directory.glob("*.yml")):
        source = load_source(path)
        if source.name in sources:
            raise SourceError(f"{path}: duplicate source name {source.name}")
        sources[source.name] = source
    return sources
