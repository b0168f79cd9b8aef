"""Source health for ``nhswatch sources check``: reachable, robots.txt, discovery valid, articles parse,
and fresh.

A source is "stale" when its newest article — by the dates its indexes and sampled articles give,
or by ``last_new`` (when the caller knows from the database when a run last stored something new
from it) — is older than its ``expect.new_within_days``: a site that moved its news elsewhere
while the old page still answers looks healthy by every other test.

Read-only: nothing is archived or stored. Sources on different origins are checked in parallel.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from .crawl import Crawler, PageResult
from .fetch import Fetcher, FetchError
from .registry import Source


@dataclass
class StepReport:
    """One discovery step (or one index page of it)."""

    kind: str
    url: str
    ok: bool
    detail: str = ""
    probe: bool = False


@dataclass
class ArticleReport:
    """One sampled article."""

    url: str
    ok: bool
    title: str = ""
    published: str | None = None
    chars: int = 0
    error: str | None = None


@dataclass
class CheckReport:
    """The health of one source."""

    source: str
    homepage: str
    reachable: str = ""
    robots: str = ""
    steps: list[StepReport] = field(default_factory=list)
    links: int = 0
    articles: list[ArticleReport] = field(default_factory=list)
    newest: str | None = None
    new_within_days: int | None = None
    today: str | None = None

    @property
    def stale(self) -> bool:
        """Nothing new for longer than the source's ``expect.new_within_days`` (unknown dates: not stale)."""
        if not (self.newest and self.new_within_days and self.today):
            return False
        try:
            age = date.fromisoformat(self.today) - date.fromisoformat(self.newest[:10])
        except ValueError:
            return False
        return age.days > self.new_within_days

    @property
    def status(self) -> str:
        """ok (everything worked), degraded (some parts failed, articles still parse), stale (articles
        parse but the newest is older than the source promises) or failed."""
        parsed = sum(article.ok for article in self.articles)
        if not parsed:
            return "failed"
        if self.stale:
            return "stale"
        if all(step.ok or step.probe for step in self.steps) and parsed == len(self.articles):
            return "ok"
        return "degraded"

    def as_dict(self) -> dict:
        return {**asdict(self), "status": self.status, "stale": self.stale}

    def lines(self) -> list[str]:
        """A human-readable report."""
        out = [
            f"{self.source}: {self.status.upper()}",
            f"  homepage {self.homepage}: {self.reachable}",
            f"  {self.robots}",
        ]
        for step in self.steps:
            state = "ok" if step.ok else ("tried, no" if step.probe else "FAILED")
            out.append(f"  {step.kind} {step.url}: {state} {step.detail}".rstrip())
        out.append(f"  {self.links} article links found")
        if self.newest:
            state = f"STALE: nothing new for over {self.new_within_days} days" if self.stale else "fresh"
            out.append(f"  newest article {self.newest[:10]}: {state}")
        for article in self.articles:
            if article.ok:
                out.append(
                    f"  article {article.url}: ok, {article.published or 'no date'}, {article.chars} chars, "
                    f"{article.title[:60]!r}"
                )
            else:
                out.append(f"  article {article.url}: FAILED {article.error}")
        return out


def _step(result: PageResult) -> StepReport:
    if result.note:
        return StepReport(result.kind, result.url, True, result.note)
    if result.error:
        return StepReport(result.kind, result.url, False, result.error, probe=result.probe)
    response = result.response
    return StepReport(result.kind, result.url, True, f"http {response.status}, {len(response.body)} bytes")


def _day(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def check_source(
    source: Source, fetcher: Fetcher, *, articles: int = 3, last_new: str | None = None, today: str | None = None
) -> CheckReport:
    """Check one source against the live site (or whatever ``fetcher`` reaches).

    ``last_new``: when a run last stored a new article from this source (from the database), if known.
    """
    report = CheckReport(
        source.name,
        source.homepage,
        new_within_days=source.expect.get("new_within_days"),
        today=today or datetime.now(UTC).date().isoformat(),
    )
    try:
        response = fetcher.get(
            source.homepage, allowed_hosts=source.allowed_hosts or None, allow_private=source.allow_private
        )
        report.reachable = f"reachable (http {response.status})"
    except FetchError as error:
        report.reachable = f"NOT reachable: {error.reason}"
    report.robots = fetcher.robots_status(source.homepage)
    crawler = Crawler(source, fetcher, None, {}, limit=articles)
    links = []
    for item in crawler.discover():
        if isinstance(item, PageResult):
            report.steps.append(_step(item))
        else:
            links = item
    report.links = len(links)
    for link in crawler.select(links):
        result = crawler.article(link)
        if result.article is not None:
            report.articles.append(
                ArticleReport(link.url, True, result.article.title, result.article.published, len(result.article.text))
            )
        else:
            report.articles.append(ArticleReport(link.url, False, error=result.error or result.skipped))
    dates = [_day(link.published) or _day(link.modified) for link in links]
    dates += [_day(article.published) for article in report.articles if article.ok]
    dates.append(_day(last_new))
    report.newest = max((d for d in dates if d and d <= report.today), default=None)
    return report


def check_sources(
    sources: list[Source],
    fetcher: Fetcher,
    *,
    articles: int = 3,
    workers: int = 8,
    last_new: dict[str, str] | None = None,
    today: str | None = None,
) -> list[CheckReport]:
    """Check several sources, in parallel across origins; reports in the order given.

    ``last_new`` maps source names to when a run last stored something new from them (optional).
    """
    by_origin: dict[str, list[Source]] = {}
    for source in sources:
        parts = urlsplit(source.homepage)
        by_origin.setdefault(f"{parts.scheme}://{parts.netloc}", []).append(source)

    def run(group: list[Source]) -> list[CheckReport]:
        return [
            check_source(source, fetcher, articles=articles, last_new=(last_new or {}).get(source.name), today=today)
            for source in group
        ]

    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(by_origin)))) as pool:
        done = {report.source: report for group in pool.map(run, by_origin.values()) for report in group}
    return [done[source.name] for source in sources]
