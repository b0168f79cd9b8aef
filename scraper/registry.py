"""The source registry: one YAML file per source in ``scraper/sources/``.

Adding a source means adding one file. Keys are checked against a closed set, and selectors and
URL patterns are compiled at load time, so a typo fails loudly instead of silently disabling part
of a source. Discovery steps (tried in order, links merged):

* ``feed: URL`` — RSS or Atom;
* ``sitemap: URL`` — a sitemap or sitemap index (nested sitemaps followed, ``lastmod`` kept);
* ``wordpress: BASE`` or ``{url: BASE, max_pages: N, per_page: N}`` — the WordPress REST API;
* ``listing: {url, items, next, max_pages}`` — HTML listing pages with CSS selectors;
* ``auto: NEWS_PAGE`` — for unconfirmed sites: announced feeds, ``/feed/``, the WordPress API,
  the news page as a listing, then sitemaps; the first that works is used (``autodiscover``).

``kind: dataset`` sources (official records) need no discovery: a ``dataset:`` block names the file(s),
the format and the framework (``scraper.datasets``; docs/official-data.md). Whether the format and framework exist is
checked by ``nhswatch.datasets.check_known`` where datasets are used: reading the registry imports nothing
of the extractor.

``article`` may give CSS selectors (``body``, ``title``, ``date``) and regular expressions
(``url_pattern`` a link must match, ``exclude`` it must not).

Values are checked too: ``schedule`` is one of hourly, daily, weekly, monthly, quarterly or "on demand" (a typo is an
error, not a source that is never due); ``enabled``, ``allow_private`` and ``rebase`` are YAML
booleans (``enabled: 'no'`` is an error, not "enabled").

``expect`` states what a healthy source yields, like a dataset assertion: ``min_articles`` (article
links discovery must find; 1 by default, so a source whose selectors stopped matching fails instead
of being "ok with 0 articles") and ``new_within_days`` (``sources check`` calls a source whose newest
article is older than that "stale"; by default 30 days for national, regional, regulator, government
and press sources, 90 for ICBs and trusts, none for samples and tests; ``null`` for none). A
discovery step in mapping form may carry its own ``expect: {min_articles: N}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from . import datasets

# Cold start: YAML, the CSS selector compiler (lxml) and the network policy (socket) are imported when a
# file is parsed, so a registry read from nhswatch.registry_cache's pickle costs none of them.

SOURCES_DIR = Path(str(resources.files("nhswatch.scraper") / "sources"))
GENERATED_DIR = "generated"  # written by nhswatch/registry_gen.py
SOURCE_KEYS = frozenset(
    {
        "name",
        "title",
        "publisher",
        "publisher_ods",
        "kind",
        "region",
        "homepage",
        "discovery",
        "article",
        "allowed_hosts",
        "allow_private",
        "schedule",
        "confirmed",
        "notes",
        "rebase",
        "max_articles",
        "enabled",
        "expect",
        "dataset",
        "backfill",
    }
)
DISCOVERY_KEYS = frozenset({"feed", "sitemap", "listing", "wordpress", "auto"})
STEP_KEYS = {
    "auto": frozenset({"url", "expect"}),
    "feed": frozenset({"url", "expect"}),
    "sitemap": frozenset({"url", "expect"}),
    "wordpress": frozenset({"url", "max_pages", "per_page", "expect"}),
    "listing": frozenset({"url", "items", "next", "max_pages", "expect"}),
}
EXPECT_KEYS = frozenset({"min_articles", "new_within_days"})
STEP_EXPECT_KEYS = frozenset({"min_articles"})
DEFAULT_EXPECT = {"min_articles": 1}
NEW_WITHIN_DAYS = {
    "national": 30,
    "regional": 30,
    "regulator": 30,
    "government": 30,
    "press": 30,
    "icb": 90,
    "trust": 90,
}
ARTICLE_KEYS = frozenset({"body", "title", "date", "url_pattern", "exclude"})
KINDS = frozenset(
    {"national", "regional", "icb", "trust", "regulator", "government", "press", "sample", "test", "dataset"}
)
SCHEDULES = {"hourly": 3600, "daily": 86400, "weekly": 7 * 86400, "monthly": 30 * 86400, "quarterly": 91 * 86400}
ON_DEMAND = "on demand"
BOOLEAN_KEYS = ("enabled", "allow_private", "rebase")
NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


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
    enabled: bool = True
    notes: str | None = None
    expect: dict[str, int | None] = field(default_factory=lambda: dict(DEFAULT_EXPECT))
    dataset: dict[str, Any] | None = None  # kind: dataset (see scraper.datasets)
    backfill: dict[str, Any] = field(default_factory=dict)  # web archive prefixes, WordPress base (nhswatch.backfill)
    origin: str = field(default="<source>", compare=False, repr=False)  # the file, for error messages

    def steps(self) -> list[tuple[str, dict[str, Any]]]:
        """Discovery steps as (kind, options) with options always a dict holding ``url``."""
        return [
            (kind, value if isinstance(value, dict) else {"url": value})
            for step in self.discovery
            for kind, value in step.items()
        ]

    def selectors(self) -> dict[str, str | None]:
        """Keyword arguments for ``parse_article``."""
        return {
            "body_selector": self.article.get("body"),
            "title_selector": self.article.get("title"),
            "date_selector": self.article.get("date"),
        }

    def wants(self, url: str) -> bool:
        """The URL passes the source's ``url_pattern`` and ``exclude`` filters."""
        pattern, exclude = self.article.get("url_pattern"), self.article.get("exclude")
        if pattern and not re.search(pattern, url):
            return False
        return not (exclude and re.search(exclude, url))

    def step_expect(self, options: dict[str, Any]) -> int:
        """The least number of article links one discovery step must find (0: no expectation)."""
        return int((options.get("expect") or {}).get("min_articles", 0))

    @property
    def interval(self) -> int | None:
        """Seconds between scheduled runs, or None for on-demand sources."""
        return SCHEDULES.get(self.schedule)

    def with_base(self, base_url: str) -> Source:
        """A copy whose relative URLs are resolved against ``base_url`` (used for local sites)."""
        discovery = [{kind: {**options, "url": urljoin(base_url, options["url"])}} for kind, options in self.steps()]
        from .netpolicy import host_entry

        entry = host_entry(base_url) or ""
        dataset = datasets.rebase(self.dataset, base_url) if self.dataset else None
        return replace(
            self,
            homepage=urljoin(base_url, self.homepage),
            discovery=discovery,
            allowed_hosts={entry},
            dataset=dataset,
        )


def _check_discovery(steps: Any, origin: str) -> None:
    if not isinstance(steps, list) or not steps:
        raise SourceError(f"{origin}: discovery must be a non-empty list")
    for step in steps:
        if not isinstance(step, dict) or len(step) != 1 or set(step) - DISCOVERY_KEYS:
            raise SourceError(f"{origin}: each discovery step is one of {sorted(DISCOVERY_KEYS)}")
        ((kind, value),) = step.items()
        if isinstance(value, str):
            if kind == "listing":
                raise SourceError(f"{origin}: listing needs url and items")
            continue
        if not isinstance(value, dict) or "url" not in value or set(value) - STEP_KEYS[kind]:
            raise SourceError(f"{origin}: {kind} takes a URL or a mapping with keys {sorted(STEP_KEYS[kind])}")
        if "expect" in value:
            _check_expect(value["expect"], f"{origin}: {kind} expect", STEP_EXPECT_KEYS)
        for key in ("max_pages", "per_page"):
            if key in value and not _count(value[key], minimum=1):
                raise SourceError(f"{origin}: {kind} {key} must be a whole number of at least 1")
        if kind == "listing":
            if "items" not in value:
                raise SourceError(f"{origin}: listing needs url and items")
            _check_selector(value["items"], origin)
            if value.get("next"):
                _check_selector(value["next"], origin)


def _count(value: Any, minimum: int = 0) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def _check_expect(expect: Any, what: str, keys: frozenset[str]) -> None:
    if not isinstance(expect, dict) or set(expect) - keys:
        raise SourceError(f"{what}: a mapping with keys {sorted(keys)}")
    if "min_articles" in expect and not _count(expect["min_articles"]):
        raise SourceError(f"{what}: min_articles must be a whole number of at least 0")
    if expect.get("new_within_days") is not None and not _count(expect["new_within_days"], minimum=1):
        raise SourceError(f"{what}: new_within_days must be a whole number of at least 1, or null")


def _check_values(data: dict[str, Any], origin: str) -> None:
    """Values, not just keys: a typo must not quietly change what a source does."""
    schedule = data.get("schedule")
    if schedule is not None and schedule not in SCHEDULES and schedule != ON_DEMAND:
        raise SourceError(f"{origin}: schedule must be one of {[*SCHEDULES, ON_DEMAND]}, not {schedule!r}")
    for key in BOOLEAN_KEYS:
        if key in data and not isinstance(data[key], bool):
            raise SourceError(f"{origin}: {key} must be true or false (a YAML boolean), not {data[key]!r}")
    if data.get("max_articles") is not None and not _count(data["max_articles"], minimum=1):
        raise SourceError(f"{origin}: max_articles must be a whole number of at least 1")
    if "expect" in data:
        _check_expect(data["expect"], f"{origin}: expect", EXPECT_KEYS)
    if data.get("allowed_hosts") is not None and (
        not isinstance(data["allowed_hosts"], list) or not all(isinstance(h, str) for h in data["allowed_hosts"])
    ):
        raise SourceError(f"{origin}: allowed_hosts must be a list of host names")


def _check_selector(selector: str, origin: str) -> None:
    from .css import SelectorError, validate

    try:
        validate(selector)
    except SelectorError as error:
        raise SourceError(f"{origin}: {error}") from error


def _check_article(article: Any, origin: str) -> None:
    if not isinstance(article, dict) or set(article) - ARTICLE_KEYS:
        raise SourceError(f"{origin}: article keys are {sorted(ARTICLE_KEYS)}")
    for key in ("body", "title", "date"):
        if article.get(key):
            _check_selector(article[key], origin)
    for key in ("url_pattern", "exclude"):
        if article.get(key):
            try:
                re.compile(article[key])
            except re.error as error:
                raise SourceError(f"{origin}: article.{key}: {error}") from error


def _check_backfill(backfill: Any, origin: str) -> None:
    """``backfill: {archive: [URL prefix, ...], wordpress: BASE}`` (see ``nhswatch.backfill``)."""
    if not isinstance(backfill, dict) or set(backfill) - {"archive", "wordpress"}:
        raise SourceError(f"{origin}: backfill is a mapping with keys archive (URL prefixes) and wordpress (a URL)")
    prefixes = backfill.get("archive", [])
    if not isinstance(prefixes, list) or not all(isinstance(p, str) and "://" in p for p in prefixes):
        raise SourceError(f"{origin}: backfill archive must be a list of URL prefixes")
    if "wordpress" in backfill and not (isinstance(backfill["wordpress"], str) and "://" in backfill["wordpress"]):
        raise SourceError(f"{origin}: backfill wordpress must be the site's base URL")


def parse_source(data: dict[str, Any], origin: str = "<source>") -> Source:
    """Validate one registry entry."""
    if not isinstance(data, dict):
        raise SourceError(f"{origin}: a source is a mapping")
    unknown = set(data) - SOURCE_KEYS
    if unknown:
        raise SourceError(f"{origin}: unknown keys {sorted(unknown)}")
    is_dataset = data.get("kind") == "dataset"
    for key in ("name", "publisher", "kind", "homepage", "dataset" if is_dataset else "discovery"):
        if not data.get(key):
            raise SourceError(f"{origin}: missing {key}")
    if not NAME.match(str(data["name"])):
        raise SourceError(f"{origin}: name must be lower-case letters, digits and hyphens")
    if data["kind"] not in KINDS:
        raise SourceError(f"{origin}: kind must be one of {sorted(KINDS)}")
    _check_values(data, origin)
    if is_dataset:
        try:
            datasets.check_dataset(data["dataset"], origin)
        except datasets.DatasetSpecError as error:
            raise SourceError(str(error)) from error
    if data.get("discovery") or not is_dataset:
        _check_discovery(data["discovery"], origin)
    _check_article(data.get("article") or {}, origin)
    _check_backfill(data.get("backfill") or {}, origin)
    from .netpolicy import host_entry

    hosts = {h.lower() for h in data.get("allowed_hosts") or []}
    for url in (
        [data["homepage"]]
        + [(v if isinstance(v, str) else v["url"]) for step in data.get("discovery") or [] for v in step.values()]
        + datasets.dataset_urls(data.get("dataset") or {})
    ):
        entry = host_entry(url)  # "host", or "host:port" for a port that is not the scheme's default
        if entry:
            hosts.add(entry)
    return Source(
        name=data["name"],
        title=data.get("title") or data["name"],
        publisher=data["publisher"],
        kind=data["kind"],
        homepage=data["homepage"],
        discovery=data.get("discovery") or [],
        article=data.get("article") or {},
        allowed_hosts=hosts,
        allow_private=bool(data.get("allow_private")),
        region=data.get("region"),
        publisher_ods=data.get("publisher_ods"),
        schedule=data.get("schedule") or "daily",
        confirmed=data.get("confirmed") or "",
        rebase=bool(data.get("rebase")),
        max_articles=data.get("max_articles"),
        enabled=data.get("enabled", True),
        notes=data.get("notes"),
        expect={**DEFAULT_EXPECT, "new_within_days": NEW_WITHIN_DAYS.get(data["kind"]), **(data.get("expect") or {})},
        dataset=data.get("dataset"),
        backfill=data.get("backfill") or {},
        origin=origin,
    )


def load_source(path: Path) -> Source:
    """One source file."""
    import yaml

    # libyaml's safe loader when PyYAML has it: a registry of hundreds of files loads several times faster.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with Path(path).open(encoding="utf-8") as handle:
        try:
            data = yaml.load(handle, Loader=loader)
        except yaml.YAMLError as error:
            raise SourceError(f"{path}: not YAML: {error}") from error
    return parse_source(data, str(path))


def load_registry(directory: Path = SOURCES_DIR, *, generated: bool = True) -> dict[str, Source]:
    """Every source in the registry directory, by name; then the generated entries
    (``generated/*.yml``, see ``nhswatch.registry_gen``) of organisations no hand entry covers."""
    sources: dict[str, Source] = {}
    for path in sorted(Path(directory).glob("*.yml")):
        source = load_source(path)
        if source.name in sources:
            raise SourceError(f"{path}: duplicate source name {source.name}")
        sources[source.name] = source
    taken = {s.publisher_ods for s in sources.values() if s.publisher_ods}
    for path in sorted((Path(directory) / GENERATED_DIR).glob("*.yml")) if generated else []:
        source = load_source(path)
        if source.name not in sources and source.publisher_ods not in taken:  # a hand entry wins
            sources[source.name] = source
    return sources
