"""Benchmark: Datasette latency at scale, one client and eight concurrent clients (not a test).

Generates a realistic database (default 100,000 documents): 3-8 KB articles made of the bundled sample
newsroom's sentences with about 6.6 status events each, the events' organisations drawn from the gazetteer
(some far more often than others, as in the news), one fetch per document, mentions, and the derived
tables rebuilt by the real code. Then it runs ``datasette serve`` exactly as ``nhswatch serve`` does (a
subprocess) and times the pages journalists open first, over HTTP, with one client and then with eight
concurrent clients (a thread pool; each endpoint gets a bounded number of requests):

* ``documents_search``: the documents table's search box (``/nhswatch/documents?_search=...``)
* ``documents_search_next``: the search box's second page (``&_next=``, the first page's last row)
* ``search_announcements``: the canned search with highlighted snippets
* ``events_table``: the events table with its default facets
* ``organisation_page``: ``/-/organisation/<ODS>`` for organisations that have events
* ``organisation_page_largest``: the organisation with the most events
* ``current_status`` and ``organisation_history``: the front page's canned queries

Each endpoint is timed twice: ``rendered``, every request rendered (it sends ``Cache-Control: no-cache``, which
the response cache honours), and ``served``, as readers get it from a freshly started server: a page's first
request is rendered, its repeats (the one-client pass runs first) are answered by the response cache
(nhswatch/site/response_cache.py). Targets: p95 < 100 ms with one client, p95 < 500 ms with eight. The exit
status is 1 if a ``rendered`` p95 misses one.

    .venv/bin/python benchmarks/bench_datasette.py [--docs N] [--requests N] [--clients 1,8]
        [--keep DIR] [--reuse] [--json]

``--keep DIR --reuse`` keeps the generated database in DIR and reuses it on the next run (generating
100,000 documents takes several minutes).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from types import SimpleNamespace
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

EVENTS_PER_DOC = 6.6
BATCH = 1000
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'‘“])")
EVENT_ORG_TYPES = ("trust", "ambulance_trust", "icb")
SEARCH_TERMS = (
    "special measures",
    "segment",
    "recovery support programme",
    "cancer",
    "maternity",
    '"financial improvement"',
    "ambulance handover",
    "inspectors",
    "Norfolk",
    "tier",
)
# (framework, framework version, statuses, first day, last day): the eras of the framework table.
FRAMEWORK_ERAS = (
    ("nof", "2019", ("1", "2", "3", "4"), date(2019, 7, 1), date(2021, 6, 30)),
    ("nof", "2021", ("1", "2", "3", "4"), date(2021, 7, 1), date(2025, 6, 30)),
    ("nof", "2025", ("1", "2", "3", "4", "5"), date(2025, 7, 1), date(2026, 3, 31)),
    ("rsp", None, ("in", "out"), date(2021, 7, 1), date(2026, 3, 31)),
    ("special_measures", None, ("in", "out"), date(2016, 1, 1), date(2021, 6, 30)),
    ("uec_tier", None, ("1", "2", "3"), date(2023, 1, 1), date(2026, 3, 31)),
    ("elective_tier", None, ("1", "2", "3"), date(2022, 1, 1), date(2026, 3, 31)),
    ("cancer_tier", None, ("1", "2", "3"), date(2022, 1, 1), date(2026, 3, 31)),
    (
        "cqc_rating",
        None,
        ("outstanding", "good", "requires improvement", "inadequate"),
        date(2016, 1, 1),
        date(2026, 3, 31),
    ),
)
ERA_WEIGHTS = (12, 20, 4, 8, 8, 6, 6, 4, 14)


# -- the corpus ---------------------------------------------------------------------------------------


def sample_sentences() -> list[str]:
    """The sentences of the bundled sample newsroom's articles (the filler of the synthetic articles)."""
    from nhswatch.scraper.article import parse_article

    site = Path(str(resources.files("nhswatch.scraper") / "sample_newsroom" / "site" / "news"))
    sentences = []
    for page in sorted(site.glob("*/*/*/index.html")):
        text = parse_article(page.read_text(encoding="utf-8"), page.as_uri()).text
        sentences += [s.strip() for s in SENTENCE_END.split(text.replace("\n", " ")) if len(s.strip()) > 20]
    return sentences


def event_organisations() -> tuple[list[Any], list[float]]:
    """Organisations that events are about, and how often each is drawn (a few far more than the rest)."""
    from nhswatch.extract.gazetteer import default_gazetteer

    orgs = sorted(
        (o for o in default_gazetteer().by_code.values() if o.type in EVENT_ORG_TYPES and not o.close_date),
        key=lambda o: o.ods_code,
    )
    random.Random(3).shuffle(orgs)
    return orgs, [1 / math.sqrt(rank + 1) for rank in range(len(orgs))]


def day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def evidence_sentence(org: Any, framework: str, change: str, old: str | None, new: str, when: str | None) -> str:
    """A status sentence written for the benchmark."""
    status = {
        "nof": f"segment {new} of the NHS Oversight Framework",
        "rsp": "the Recovery Support Programme",
        "special_measures": "special measures",
        "cqc_rating": f"a CQC rating of {new}",
    }.get(framework, f"tier {new} of the {framework.split('_')[0]} support programme")
    if change == "move" and old:
        return f"On {when} {org.name} moved from {old} to {new} in the national oversight arrangements."
    if change == "exit":
        return f"{org.name} left {status} on {when}, the regulator confirmed."
    if change == "remain":
        return f"{org.name} remains in {status}, according to the latest update."
    if change == "state":
        return f"{org.name} is in {status}, its board papers say."
    return f"{org.name} was placed in {status} on {when} after a review of its performance."


def org_timeline(org: Any) -> list[tuple]:
    """The organisation's own status changes (framework, version, change, old, new, day): what news reports."""
    rng = random.Random(org.ods_code)
    entries = []
    for era, weight in zip(FRAMEWORK_ERAS, ERA_WEIGHTS, strict=True):
        framework, version, statuses, first, last = era
        if rng.random() > weight / 20:
            continue
        status = None
        for day in sorted(day_between(rng, first, last) for _ in range(rng.randint(1, 4))):
            new = rng.choice([s for s in statuses if s != status])
            change = "enter" if status is None else "move"
            entries.append((framework, version, change, status, new, day))
            status = new
    return entries or [("cqc_rating", None, "state", None, "good", date(2019, 5, 1))]


def make_event(rng: random.Random, org: Any, timeline: list[tuple]) -> dict[str, Any]:
    """One report of one of the organisation's changes, or a restatement of the status it led to."""
    framework, version, change, old, new, day = rng.choice(timeline)
    effective: str | None = day.isoformat() if rng.random() < 0.6 else day.isoformat()[:7]
    when = day.strftime("%-d %B %Y") if len(effective) == 10 else day.strftime("%B %Y")
    if rng.random() < 0.3:  # a later report restating the status, undated
        change, old, effective, when = rng.choice(("state", "remain")), None, None, None
    return {
        "ods_code": org.ods_code,
        "org": org.name,
        "org_type": org.type,
        "org_mention": org.name,
        "framework": framework,
        "framework_version": version,
        "change": change,
        "from": old,
        "to": new,
        "date": effective,
        "date_text": when,
        "modality": rng.choices(("actual", "proposed", "hypothetical"), (85, 12, 3))[0],
        "evidence": evidence_sentence(org, framework, change, old, new, when),
        "confidence": round(rng.uniform(0.6, 1.0), 2),
        "rules": ["status.bench", "subject.bench", "date.bench"],
    }


def make_document(
    rng: random.Random, number: int, sentences: list[str], orgs: list[Any], weights: list[float], timelines: dict
) -> tuple[dict, list[dict]]:
    """One 3-8 KB article and its events (about EVENTS_PER_DOC), the evidence sentences inside the text."""
    count = sum(rng.random() < EVENTS_PER_DOC / 20 for _ in range(20))
    events = [make_event(rng, org, timelines[org.ods_code]) for org in rng.choices(orgs, weights, k=count)]
    events = list({event["evidence"]: event for event in events}.values())  # one report of a sentence each
    size, parts, length = rng.randint(3_000, 8_000), [], 0
    while length < size:
        parts.append(rng.choice(sentences))
        length += len(parts[-1]) + 1
    for event in events:
        parts.insert(rng.randrange(len(parts) + 1), event["evidence"])
    text = " ".join(parts)
    for event in events:
        event["start"] = text.index(event["evidence"])
        event["end"] = event["start"] + len(event["evidence"])
    published = day_between(rng, date(2016, 1, 1), date(2026, 3, 31)).isoformat()
    doc = {
        "url": f"https://news.example.org/{published[:4]}/article-{number}",
        "source": rng.choice(("bench-england", "bench-trusts", "bench-press")),
        "title": rng.choice(sentences)[:90],
        "published": published,
        "publisher": rng.choice(("NHS England", "a trust newsroom", "a local paper", "an ICB")),
        "text": text,
    }
    return doc, events


def sources() -> list[SimpleNamespace]:
    return [
        SimpleNamespace(
            name=name,
            title=f"Benchmark {name}",
            publisher="Bench",
            kind="feed",
            region="",
            homepage="https://news.example.org/",
            schedule="",
            confirmed="",
        )
        for name in ("bench-england", "bench-trusts", "bench-press")
    ]


def store_batch(db: Any, batch: list[tuple[dict, list[dict]]]) -> int:
    """Store documents, their events, mentions and one fetch each, in one transaction."""
    from nhswatch.db import load

    stored = 0
    with db.atomic():
        for doc, events in batch:
            doc_id, _ = load.store_document(db, doc)
            stored += load.replace_events(db, doc_id, events, "bench")
            counts: dict[str, int] = {}
            for event in events:
                counts[event["ods_code"]] = counts.get(event["ods_code"], 0) + 1
            db.conn.executemany(
                "insert or replace into mentions (document_id, ods_code, org_name, mentions) values (?, ?, ?, ?)",
                [(doc_id, code, None, n) for code, n in counts.items()],
            )
            db.conn.execute(
                "insert into fetches (source, url, fetched_at, status, bytes, content_hash, outcome)"
                " values (?, ?, ?, 200, ?, ?, 'new')",
                [
                    doc["source"],
                    doc["url"],
                    load.now(),
                    len(doc["text"]),
                    hashlib.sha256(doc["url"].encode()).hexdigest(),
                ],
            )
    return stored


def generate(path: Path, docs: int, seed: int = 13) -> dict[str, Any]:
    """Build the benchmark database at ``path``; returns its size and how long each part took."""
    from nhswatch.db import load
    from nhswatch.db.derived import rebuild_derived
    from nhswatch.db.schema import open_db
    from nhswatch.extract.gazetteer import default_gazetteer

    rng = random.Random(seed)
    sentences = sample_sentences()
    orgs, weights = event_organisations()
    timelines = {org.ods_code: org_timeline(org) for org in orgs}
    db = open_db(path)
    load.upsert_sources(db, sources())
    load.upsert_organisations(db, default_gazetteer().by_code.values())
    started, events, batch = time.perf_counter(), 0, []
    for number in range(docs):
        batch.append(make_document(rng, number, sentences, orgs, weights, timelines))
        if len(batch) == BATCH or number == docs - 1:
            events += store_batch(db, batch)
            batch = []
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    counts = rebuild_derived(db)
    derived_seconds = time.perf_counter() - started
    db.execute("PRAGMA optimize")
    db.close()
    return {
        "documents": docs,
        "events": events,
        "events_per_document": round(events / max(docs, 1), 2),
        "load_s": round(load_seconds, 1),
        "derived_s": round(derived_seconds, 1),
        **{f"derived_{k}": v for k, v in counts.items()},
    }


def describe(path: Path) -> dict[str, Any]:
    """Size of an existing benchmark database."""
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        docs, events = (conn.execute(f"select count(*) from {t}").fetchone()[0] for t in ("documents", "events"))
        text = conn.execute("select avg(length(text)) from documents").fetchone()[0]
    finally:
        conn.close()
    return {
        "documents": docs,
        "events": events,
        "events_per_document": round(events / max(docs, 1), 2),
        "mean_text_bytes": round(text or 0),
    }


def search_shares(path: Path) -> dict[str, float]:
    """The share of documents each search term matches (the synthetic articles reuse a small pool of sentences,
    so most terms match most documents: the search box's worst case)."""
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        docs = conn.execute("select max(rowid) from documents").fetchone()[0] or 1
        count = "select count(*) from documents_fts where documents_fts match ?"
        return {term: round(conn.execute(count, [term]).fetchone()[0] / docs, 2) for term in SEARCH_TERMS}
    finally:
        conn.close()


# -- the requests -------------------------------------------------------------------------------------


def organisations_with_events(path: Path) -> tuple[list[str], str]:
    """ODS codes that have events, and the one with the most."""
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "select ods_code, count(*) from events where ods_code is not null group by ods_code order by 2 desc"
        ).fetchall()
    finally:
        conn.close()
    return [r[0] for r in rows], rows[0][0]


def second_pages(path: Path) -> dict[str, str]:
    """Each search term's ``_next`` value for the search box's second page: the first page's last row (twenty a
    page, newest first), as Datasette writes it (the sort value, then the primary key)."""
    import sqlite3

    from datasette.utils import escape_fts, tilde_encode

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    sql = (
        "select published, id from documents where rowid in (select rowid from documents_fts where documents_fts "
        "match ?) order by published desc, id limit 1 offset 19"
    )
    try:
        rows = {term: conn.execute(sql, [escape_fts(term)]).fetchone() for term in SEARCH_TERMS}
    finally:
        conn.close()
    return {term: f"{tilde_encode(row[0])},{tilde_encode(row[1])}" for term, row in rows.items() if row}


def request_plan(
    rng: random.Random, count: int, codes: list[str], largest: str, cursors: dict[str, str]
) -> dict[str, list[str]]:
    """``count`` URLs per endpoint; ``cursors``: each search term's second page (``second_pages``)."""

    def term() -> str:
        return urllib.parse.quote(rng.choice(SEARCH_TERMS))

    pages = random.Random(11)  # a generator of its own: the other endpoints get the URLs they always got

    def next_page() -> str:
        chosen = pages.choice(sorted(cursors))
        return f"{urllib.parse.quote(chosen)}&_next={urllib.parse.quote(cursors[chosen])}"

    return {
        "documents_search": [f"/nhswatch/documents?_search={term()}" for _ in range(count)],
        "documents_search_next": [f"/nhswatch/documents?_search={next_page()}" for _ in range(count)],
        "search_announcements": [f"/nhswatch/search_announcements?q={term()}" for _ in range(count)],
        "events_table": ["/nhswatch/events" for _ in range(count)],
        "organisation_page": [f"/-/organisation/{rng.choice(codes)}" for _ in range(count)],
        "organisation_page_largest": [f"/-/organisation/{largest}" for _ in range(count)],
        "current_status": ["/nhswatch/current_status" for _ in range(count)],
        "organisation_history": [
            f"/nhswatch/organisation_history?organisation={rng.choice(codes)}" for _ in range(count)
        ],
    }


def summarise(samples: list[float], sizes: list[int], wall: float) -> dict[str, Any]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(p95 * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
        "kb": round(statistics.mean(sizes) / 1024),
        "req_per_s": round(len(samples) / wall, 1),
    }


def fetch(url: str, fresh: bool = False) -> tuple[float, int]:
    """Time one request; ``fresh`` asks for a rendered page (``Cache-Control: no-cache``), not a cached one."""
    request = urllib.request.Request(url, headers={"Cache-Control": "no-cache"} if fresh else {})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: HTTP {response.status}")
    return time.perf_counter() - started, len(body)


def time_endpoint(base: str, urls: list[str], clients: int, fresh: bool = False) -> dict[str, Any]:
    """Send ``urls`` with ``clients`` concurrent clients; latency of each request as the client sees it."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(lambda url: fetch(base + url, fresh), urls))
    wall = time.perf_counter() - started
    return summarise([r[0] for r in results], [r[1] for r in results], wall)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_and_time(
    path: Path, plan: dict[str, list[str]], clients: list[int], workdir: Path
) -> dict[str, dict[str, dict]]:
    """Time every endpoint at each client count in each of MODES, each mode on a server of its own."""
    results: dict[str, dict[str, dict]] = {}
    for mode in MODES:
        with running_server(path, workdir) as base:
            if mode == "rendered":  # warm the page cache and Datasette's caches, outside the timings
                for urls in plan.values():
                    for url in urls[:3]:
                        fetch(base + url, fresh=True)
            for n in clients:
                for name, urls in plan.items():
                    chosen = urls if n > 1 else urls[: len(urls) // 2]
                    timed = time_endpoint(base, chosen, n, fresh=mode == "rendered")
                    results.setdefault(mode, {}).setdefault(name, {})[n] = timed
    return results


@contextmanager
def running_server(path: Path, workdir: Path) -> Iterator[str]:
    """``datasette serve`` run as ``nhswatch serve`` runs it, with an empty response cache; yields its base URL."""
    from nhswatch.serving import datasette_args

    port = free_port()
    process = subprocess.Popen(
        datasette_args(path, host="127.0.0.1", port=port, workdir=workdir),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                fetch(base + "/nhswatch.json", fresh=True)
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


MODES = {
    "rendered": "every request rendered (Cache-Control: no-cache)",
    "served": "as readers get it, on a fresh server: a page's first request is rendered, repeats come from the cache",
}


def target_ms(clients: int) -> int:
    return 100 if clients == 1 else 500


def report(build: dict[str, Any], latency: dict[str, dict[str, dict]], clients: list[int]) -> list[str]:
    lines = [f"database: {json.dumps(build)}", f"machine: {platform.machine()}, {platform.python_version()}"]
    for mode, by_endpoint in latency.items():
        lines.append(f"-- {mode}: {MODES[mode]}")
        lines.append(f"{'endpoint':28}" + "".join(f"{f'{n} client(s): p50 / p95 ms, req/s':>38}" for n in clients))
        for name, by_clients in by_endpoint.items():
            cells = []
            for n in clients:
                row = by_clients[n]
                flag = "" if row["p95_ms"] < target_ms(n) else " !"
                times = f"{row['p50_ms']:>10} / {row['p95_ms']:>7}{flag:2}"
                cells.append(f"{times} {row['req_per_s']:>7}  ({row['kb']} KB)")
            lines.append(f"{name:28}" + "".join(f"{c:>38}" for c in cells))
    lines.append("targets: p95 < 100 ms with 1 client, < 500 ms with 8 (! = missed); the exit status judges 'rendered'")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=80, help="requests per endpoint with 8 clients (half with 1)")
    parser.add_argument("--clients", default="1,8", help="client counts, comma-separated")
    parser.add_argument("--keep", type=Path, help="build the database in this directory and keep it")
    parser.add_argument("--reuse", action="store_true", help="reuse the database kept in --keep if it exists")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a report")
    args = parser.parse_args()
    clients = [int(n) for n in args.clients.split(",")]
    with tempfile.TemporaryDirectory(prefix="nhswatch-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "nhswatch.db"
        if args.reuse and path.exists():
            from nhswatch.db.schema import open_db

            open_db(path).close()  # applies any migration added since the database was generated
            build = describe(path)
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            build = generate(path, args.docs)
            build["mean_text_bytes"] = describe(path)["mean_text_bytes"]
        build["database_mb"] = round(path.stat().st_size / 1e6)
        shares = search_shares(path).values()
        build["search_match_share"] = f"{min(shares):.2f}-{max(shares):.2f}"
        codes, largest = organisations_with_events(path)
        plan = request_plan(random.Random(7), args.requests, codes, largest, second_pages(path))
        latency = serve_and_time(path, plan, clients, Path(tmp))
    if args.json:
        print(json.dumps({"build": build, "latency": latency}))
    else:
        print("\n".join(report(build, latency, clients)))
    rendered = latency["rendered"]
    missed = [name for name, rows in rendered.items() for n, row in rows.items() if row["p95_ms"] >= target_ms(n)]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
