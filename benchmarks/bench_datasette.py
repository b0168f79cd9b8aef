"""Benchmark: load rate and Datasette latency on a generated database (not a test).

Generates 100,000 documents and 20,000 events (defaults) with the real loaders, rebuilds the
derived tables, then times the publication's canned queries through Datasette's JSON API:
search (``search_announcements``), organisation history (``organisation_history``) and status on a
date (``status_on_date``), plus the organisation page. Targets: p95 < 100 ms, load >= 5,000 docs/s.

    .venv/bin/python benchmarks/bench_datasette.py [--docs N] [--events N] [--requests N] [--http]
        [--keep DIR] [--json]

``--http`` runs ``datasette`` as a subprocess (as ``nhswatch serve`` does) and times real HTTP
requests; the default uses Datasette's in-process ASGI client.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from nhswatch.db import load  # noqa: E402
from nhswatch.db.derived import rebuild_derived  # noqa: E402
from nhswatch.db.schema import open_db  # noqa: E402

from nhswatch.serving import datasette_args, make_datasette  # noqa: E402

WORDS = (
    "trust",
    "hospital",
    "patients",
    "care",
    "emergency",
    "elective",
    "waiting",
    "cancer",
    "board",
    "segment",
    "tier",
    "support",
    "recovery",
    "programme",
    "oversight",
    "framework",
    "quality",
    "inspection",
    "rating",
    "staff",
    "beds",
    "ambulance",
    "handover",
    "finance",
    "deficit",
    "leadership",
    "improvement",
    "governance",
    "mental",
    "health",
    "community",
    "services",
    "nurses",
    "doctors",
    "maternity",
    "safety",
    "performance",
    "targets",
    "winter",
    "pressures",
    "discharge",
    "diagnostics",
    "theatre",
    "outpatient",
    "referral",
    "treatment",
    "announcement",
    "chief",
    "executive",
    "chair",
    "regulator",
    "commission",
    "report",
    "progress",
    "plan",
    "review",
)
FRAMEWORKS = [
    ("nof", ["1", "2", "3", "4"]),
    ("rsp", ["in", "out"]),
    ("uec_tier", ["1", "2", "3"]),
    ("elective_tier", ["1", "2"]),
    ("cancer_tier", ["1", "2"]),
    ("special_measures", ["in", "out"]),
    ("cqc_rating", ["outstanding", "good", "requires improvement", "inadequate"]),
]


def organisations(count: int) -> list[SimpleNamespace]:
    return [
        SimpleNamespace(
            ods_code=f"B{n:04d}",
            name=f"Benchmark {WORDS[n % len(WORDS)].title()} {n} NHS Trust",
            type="trust",
            region="Midlands",
            parent_icb="",
            open_date="2000-01-01",
            close_date="",
            predecessors=(),
            successors=(),
            domains=(),
        )
        for n in range(count)
    ]


def make_document(rng: random.Random, n: int) -> dict:
    words = rng.choices(WORDS, k=140) + [f"w{rng.randrange(50_000)}" for _ in range(10)]
    rng.shuffle(words)
    text = " ".join(words)
    year, month, day = rng.randrange(2016, 2027), rng.randrange(1, 13), rng.randrange(1, 29)
    return {
        "url": f"https://news.example.org/{n}",
        "source": "bench",
        "title": " ".join(rng.choices(WORDS, k=8)),
        "published": f"{year}-{month:02d}-{day:02d}",
        "publisher": rng.choice(["NHS England", "Local Paper"]),
        "text": text,
    }


def make_event(rng: random.Random, org: SimpleNamespace, published: str) -> dict:
    framework, values = rng.choice(FRAMEWORKS)
    to = rng.choice(values)
    return {
        "ods_code": org.ods_code,
        "org": org.name,
        "org_type": "trust",
        "framework": framework,
        "framework_version": "2021" if framework == "nof" else None,
        "change": rng.choice(["enter", "state", "move", "exit", "remain"]),
        "from": None,
        "to": to,
        "date": published[: rng.choice([7, 10])],
        "modality": rng.choice(["actual"] * 9 + ["proposed"]),
        "evidence": f"{org.name} is in {framework} {to}.",
        "start": 0,
        "end": 40,
        "confidence": 0.9,
    }


def generate(path: Path, docs: int, events: int, orgs: int, seed: int = 5) -> dict:
    """Build the benchmark database; returns timings."""
    rng = random.Random(seed)
    db = open_db(path)
    load.upsert_sources(
        db,
        [
            SimpleNamespace(
                name="bench",
                title="Benchmark",
                publisher="Bench",
                kind="feed",
                region="",
                homepage="https://news.example.org/",
                schedule="",
                confirmed="",
            )
        ],
    )
    orgs_list = organisations(orgs)
    load.upsert_organisations(db, orgs_list)
    documents = [make_document(rng, n) for n in range(docs)]
    started = time.perf_counter()
    ids = []
    for start in range(0, docs, 1000):
        with db.atomic():
            for doc in documents[start : start + 1000]:
                ids.append(load.store_document(db, doc)[0])
    load_seconds = time.perf_counter() - started
    carrying = rng.sample(range(docs), k=min(docs, max(1, events * 3 // 4)))
    per_doc: dict[int, list[dict]] = {}
    for i in range(events):
        n = carrying[i % len(carrying)]
        per_doc.setdefault(n, []).append(make_event(rng, rng.choice(orgs_list), documents[n]["published"]))
    started = time.perf_counter()
    with db.atomic():
        for n, evs in per_doc.items():
            load.replace_events(db, ids[n], evs, "bench")
    events_seconds = time.perf_counter() - started
    started = time.perf_counter()
    counts = rebuild_derived(db, aliases=False)
    derived_seconds = time.perf_counter() - started
    # One document per transaction, as the scheduled run stores them.
    single = [make_document(rng, docs + n) for n in range(2000)]
    started = time.perf_counter()
    for doc in single:
        with db.atomic():
            load.store_document(db, doc)
    single_seconds = time.perf_counter() - started
    db.execute("PRAGMA optimize")
    db.close()
    return {
        "documents": docs,
        "events": events,
        "organisations": orgs,
        "load_docs_per_s_batched": round(docs / load_seconds),
        "load_docs_per_s_one_txn_each": round(len(single) / single_seconds),
        "events_per_s": round(events / events_seconds),
        "rebuild_derived_s": round(derived_seconds, 2),
        **{f"derived_{k}": v for k, v in counts.items()},
    }


def requests_for(rng: random.Random, count: int, orgs: int) -> dict[str, list[str]]:
    terms = [
        "recovery",
        "segment support",
        "w123",
        "cancer tier",
        "maternity safety",
        '"chief executive"',
        "winter pressures",
        "w4567",
        "inspection",
        "ambulance handover",
    ]
    return {
        "search": [
            f"/nhswatch/search_announcements.json?_shape=array&q={urllib.parse.quote(rng.choice(terms))}"
            for _ in range(count)
        ],
        "organisation_history": [
            f"/nhswatch/organisation_history.json?_shape=array&organisation=B{rng.randrange(orgs):04d}"
            for _ in range(count)
        ],
        "organisation_history_by_name": [
            "/nhswatch/organisation_history.json?_shape=array&organisation="
            + urllib.parse.quote(f"Benchmark {WORDS[n % len(WORDS)].title()} {n}")
            for n in (rng.randrange(orgs) for _ in range(count))
        ],
        "status_on_date": [
            f"/nhswatch/status_on_date.json?_shape=array&date={rng.randrange(2017, 2027)}-{rng.randrange(1, 13):02d}-15"
            for _ in range(count)
        ],
        "status_on_date_one_framework": [
            f"/nhswatch/status_on_date.json?_shape=array&framework=nof&date={rng.randrange(2017, 2027)}-06-15"
            for _ in range(count)
        ],
        "organisation_page": [f"/-/organisation/B{rng.randrange(orgs):04d}" for _ in range(count)],
        "documents_table_search": [
            f"/nhswatch/documents.json?_size=5&_search={urllib.parse.quote(rng.choice(terms))}" for _ in range(count)
        ],
    }


def summarise(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(p95 * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


async def time_in_process(path: Path, plan: dict[str, list[str]]) -> dict:
    ds = make_datasette(path)
    await ds.client.get("/nhswatch.json")  # start-up, outside the timings
    results = {}
    for name, urls in plan.items():
        samples = []
        for url in urls:
            started = time.perf_counter()
            response = await ds.client.get(url)
            samples.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code, response.text[:300])
        results[name] = summarise(samples)
    return results


def time_http(path: Path, plan: dict[str, list[str]], workdir: Path) -> dict:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        datasette_args(path, host="127.0.0.1", port=port, workdir=workdir),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/nhswatch.json", timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        results = {}
        for name, urls in plan.items():
            samples = []
            for url in urls:
                started = time.perf_counter()
                urllib.request.urlopen(base + url, timeout=30).read()
                samples.append(time.perf_counter() - started)
            results[name] = summarise(samples)
        return results
    finally:
        process.terminate()
        process.wait(timeout=10)


def report(title: str, rows: dict, check: Callable[[dict], bool] | None = None) -> None:
    print(title)
    for name, row in rows.items():
        flag = "" if check is None else ("  ok" if check(row) else "  ABOVE TARGET")
        print(f"  {name:32} {json.dumps(row)}{flag}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--orgs", type=int, default=1_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per query")
    parser.add_argument("--http", action="store_true", help="time a datasette subprocess over HTTP")
    parser.add_argument("--keep", type=Path, help="build the database in this directory and keep it")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a report")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nhswatch-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "nhswatch.db"
        path.unlink(missing_ok=True)
        build = generate(path, args.docs, args.events, args.orgs)
        plan = requests_for(random.Random(7), args.requests, args.orgs)
        latency = time_http(path, plan, folder) if args.http else asyncio.run(time_in_process(path, plan))
        build["database_mb"] = round(path.stat().st_size / 1e6, 1)
    if args.json:
        print(json.dumps({"build": build, "latency": latency, "mode": "http" if args.http else "in-process"}))
    else:
        report("build", {"database": build})
        mode = "HTTP, datasette subprocess" if args.http else "in-process ASGI client"
        report(f"latency ({mode}); target p95 < 100 ms", latency, lambda row: row["p95_ms"] < 100)
        print("load target >= 5,000 docs/s:", "ok" if build["load_docs_per_s_batched"] >= 5000 else "BELOW TARGET")
    ok = build["load_docs_per_s_batched"] >= 5000 and all(r["p95_ms"] < 100 for r in latency.values())
    # exit status 1 when a target is missed, so the script can gate a CI job if wanted
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
