"""Scraper speed: fetch+parse over a local newsroom of N realistic article pages, then ``reextract``.

Usage: python benchmarks/bench_scraper.py [--pages 2000] [--keep DIR]

A separate process serves N generated article pages (50-150 KB each: inline CSS and scripts, a
mega-menu, breadcrumbs, related links and a long footer around a 400-900 word story, some of
them reporting oversight changes) plus a sitemap. This process then

1. scrapes them with the real pipeline (one host, so one request at a time, politeness delay 0):
   fetch + archive + parse + store, reported as pages/s;
2. extracts and loads events for them (what ``nhswatch run`` does next);
3. runs ``reextract`` over the archive (decompress + parse + extract + load, no network),
   reported as pages/s of wall time and per CPU-second (the target is >= 50 pages/s per core).
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import shutil
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TRUSTS = [
    "Medway NHS Foundation Trust",
    "Nottingham University Hospitals NHS Trust",
    "Norfolk and Suffolk NHS Foundation Trust",
    "University Hospitals of Leicester NHS Trust",
    "East Kent Hospitals University NHS Foundation Trust",
    "Greater Manchester Mental Health NHS Foundation Trust",
]
WORDS = [
    "patients",
    "staff",
    "services",
    "hospital",
    "waiting",
    "emergency",
    "department",
    "care",
    "board",
    "plan",
    "improvement",
    "community",
    "clinical",
    "teams",
    "winter",
    "capacity",
    "funding",
    "beds",
    "discharge",
    "appointments",
    "diagnostic",
    "cancer",
    "elective",
    "quality",
    "safety",
    "leadership",
    "workforce",
    "recruitment",
    "digital",
    "records",
    "outpatient",
    "theatre",
    "maternity",
]


def article(n: int, base: str) -> bytes:
    """Article page ``n``: deterministic, 50-150 KB, mostly boilerplate as on real NHS sites."""
    rng = random.Random(n)
    trust = TRUSTS[n % len(TRUSTS)]
    day = f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"
    paragraphs = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90))).capitalize() + "."
        for _ in range(rng.randint(6, 10))
    ]
    if n % 3 == 0:
        paragraphs.insert(
            1,
            f"{trust} has been moved into segment {1 + n % 4} of the NHS Oversight Framework "
            f"from {1 + n % 28} March 2024.",
        )
    if n % 5 == 0:
        paragraphs.insert(2, f"{trust} has exited the Recovery Support Programme.")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    menu = "".join(
        f'<li class="menu-item"><a href="{base}section/{i}/">Service or department number {i} '
        f"with a long descriptive label</a></li>"
        for i in range(rng.randint(200, 650))
    )
    css = ".c{color:#005eb8;margin:0 auto;padding:4px 8px;font-family:Frutiger,Arial,sans-serif}" * rng.randint(80, 300)
    script = "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)};" * rng.randint(50, 200)
    related = "".join(
        f'<li><a href="{base}news/article-{(n + k) % 9999}.html">Related story {k}</a></li>' for k in range(1, 12)
    )
    footer = "".join(
        f"<p>Footer text {i}: accessibility, privacy, cookies, freedom of information and contact "
        "details for the trust and its hospitals.</p>"
        for i in range(rng.randint(30, 120))
    )
    return (
        f"<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'><title>News story {n} | {trust}</title>"
        f"<meta property='article:published_time' content='{day}T09:00:00+00:00'>"
        f"<meta property='og:site_name' content='{trust}'><style>{css}</style><script>{script}</script></head>"
        f"<body><header><nav class='mega-menu'><ul>{menu}</ul></nav></header>"
        f"<div class='breadcrumbs'><a href='{base}'>Home</a> &gt; <a href='{base}news/'>News</a></div>"
        f"<main><article><h1>News story {n} from {trust}</h1>{body}"
        f"<div class='share-links'>Share: email, print</div></article>"
        f"<aside class='related'><h2>Related news</h2><ul>{related}</ul></aside></main>"
        f"<footer>{footer}</footer></body></html>"
    ).encode()


def serve(pages: int, port_queue) -> None:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            base = f"http://{self.headers['Host']}/"
            if self.path == "/sitemap.xml":
                urls = "".join(f"<url><loc>{base}news/article-{i}.html</loc></url>" for i in range(pages))
                body = (
                    f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
                ).encode()
                kind = "application/xml"
            elif self.path.startswith("/news/article-"):
                body, kind = article(int(self.path.rsplit("-", 1)[1].split(".")[0]), base), "text/html; charset=utf-8"
            else:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port_queue.put(server.server_address[1])
    server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="keep the database and archive in this directory")
    args = parser.parse_args()

    from nhswatch.db import load, open_db
    from nhswatch.scraper.archive import Archive
    from nhswatch.scraper.fetch import Fetcher
    from nhswatch.scraper.registry import parse_source

    from nhswatch import extract, pipeline

    ports: multiprocessing.Queue = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(args.pages, ports), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{ports.get(timeout=10)}/"
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-scraper-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        sizes = [len(article(n, base)) for n in range(0, args.pages, max(1, args.pages // 200))]
        mean = sum(sizes) // len(sizes) // 1024
        print(f"{args.pages} pages, {min(sizes) // 1024}-{max(sizes) // 1024} KB (mean {mean} KB)")
        source = parse_source(
            {
                "name": "bench",
                "publisher": "Bench",
                "kind": "test",
                "homepage": base,
                "discovery": [{"sitemap": base + "sitemap.xml"}],
                "allow_private": True,
            }
        )
        db = open_db(work / "bench.db")
        archive = Archive(work / "bench.archive")
        extract.extract("warm up the pipeline", None)

        started, cpu = time.perf_counter(), time.process_time()
        counts = pipeline.scrape(
            db, [source], Fetcher(delay=0, timeout=10, retries=0), archive, load.start_run(db, "bench")
        )
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        fetched = counts.total("new")
        print(
            f"fetch+archive+parse+store: {fetched} pages in {wall:.1f}s = {fetched / wall:.0f} pages/s "
            f"({fetched / cpu:.0f} pages per CPU-second)"
        )

        started = time.perf_counter()
        events = pipeline.extract_documents(db)
        wall = time.perf_counter() - started
        print(f"extract+load: {events} events from {fetched} documents in {wall:.1f}s = {fetched / wall:.0f} pages/s")

        started, cpu = time.perf_counter(), time.process_time()
        result = pipeline.reextract(db, archive, {"bench": source})
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"reextract (read archive + parse + extract + load): {result.documents} pages in {wall:.1f}s = "
            f"{result.documents / wall:.0f} pages/s wall, {result.documents / cpu:.0f} pages per CPU-second "
            f"(target >= 50 per core); {result.events} events"
        )
    finally:
        server.terminate()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
