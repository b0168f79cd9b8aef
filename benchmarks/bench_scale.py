"""How the database side grows: load, build, derived tables and reextract at 1k / 10k / 100k documents.

Usage: python benchmarks/bench_scale.py [--sizes 1000,10000] [--workdir DIR] [--skip reextract]

For each size a synthetic corpus is written (JSONL): realistic 3-8 KB articles made of the bundled sample
newsroom's own sentences, with the organisations and dates redrawn from the gazetteer, and sentences that
report a status weighted so a document carries about as many events as a real one. Each stage runs in a
fresh process, so its peak RSS is its own:

* load - ``nhswatch load``: documents stored, extracted, events stored, derived tables brought up to date;
  split into extraction compute and storing the events and mentions (``store_extraction``)
* build - a no-change ``nhswatch build`` (nothing to extract, nothing dirty)
* derived full / derived no-change - ``rebuild_derived`` / ``update_derived``, and as the reference a
  plain ``INSERT ... SELECT`` copy of the events table in the same process; the full rebuild's worker
  processes (``db/workers.py``) report their own peak RSS
* reextract - every document re-extracted from its stored text, then the derived update

The table shows seconds and peak RSS per stage and size, and the slope between sizes (log time / log
size: 1.0 is linear, 2.0 quadratic). Targets (docs/operations.md#sizing): peak RSS under 400 MB at every
size; full derived rebuild within 2x the copy; no-change derived update under 5% of the full rebuild;
storing events and mentions at most 0.5x extraction compute.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_datasette import sample_sentences

STAGES = ("load", "build", "derived_full", "derived_nochange", "reextract")
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DATE = re.compile(r"\b(?:(\d{1,2}) )?(" + "|".join(MONTHS) + r") (20\d\d)\b")
EVENTS_PER_DOC = 6.6


# -- the corpus ---------------------------------------------------------------------------------------


def events_per_sentence(sentences: list[str]) -> list[int]:
    """How many events the extractor finds in each sentence on its own (to weight the draw)."""
    from nhswatch import extract

    return [len(extract.extract(s, "2022-06-01").events) for s in sentences]


class Corpus:
    """Draws synthetic articles: sample sentences, organisations and dates redrawn."""

    def __init__(self, seed: int = 13):
        from nhswatch.extract.gazetteer import default_gazetteer

        self.rng = random.Random(seed)
        sentences = sample_sentences()
        counts = events_per_sentence(sentences)
        self.eventful = [s for s, n in zip(sentences, counts, strict=True) if n]
        self.plain = [s for s, n in zip(sentences, counts, strict=True) if not n]
        eventful_mean = sum(counts) / max(1, len(self.eventful))
        self.organisations: dict[str, list[str]] = {}
        for org in default_gazetteer().by_code.values():
            self.organisations.setdefault(org.type, []).append(org.name)
        known = [(name, kind) for kind, names in self.organisations.items() for name in names]
        present = [(n, k) for n, k in known if len(n) > 12 and any(n in s for s in sentences)]
        self.names = re.compile("|".join(re.escape(n) for n, _ in sorted(present, key=lambda p: -len(p[0]))))
        self.kind_of = dict(present)
        self.eventful_mean = eventful_mean

    def _org(self, match: re.Match) -> str:
        return self.rng.choice(self.organisations[self.kind_of[match.group(0)]])

    def _date(self, match: re.Match) -> str:
        year, month = self.rng.randint(2016, 2025), self.rng.choice(MONTHS)
        return f"{self.rng.randint(1, 28)} {month} {year}" if match.group(1) else f"{month} {year}"

    def sentence(self, eventful: bool) -> str:
        text = self.rng.choice(self.eventful if eventful else self.plain)
        return DATE.sub(self._date, self.names.sub(self._org, text))

    def article(self, number: int) -> dict[str, Any]:
        """One 3-8 KB article; about ``EVENTS_PER_DOC`` events expected."""
        size = self.rng.randint(3_000, 8_000)
        wanted = max(1, round(self.rng.gauss(EVENTS_PER_DOC / self.eventful_mean, 1.0)))
        picks = [True] * wanted
        paragraphs, length = [], 0
        while length < size:
            sentences = [self.sentence(picks.pop() if picks else False) for _ in range(self.rng.randint(2, 5))]
            paragraphs.append(" ".join(sentences))
            length += len(paragraphs[-1]) + 2
        self.rng.shuffle(paragraphs)
        published = date(self.rng.randint(2016, 2025), self.rng.randint(1, 12), self.rng.randint(1, 28))
        return {
            "id": f"synthetic-{number}",
            "url": f"https://news.example.org/{published.year}/{number}",
            "title": paragraphs[0][:80],
            "text": "\n\n".join(paragraphs),
            "published": published.isoformat(),
            "publisher": self.rng.choice(["NHS England", "a trust newsroom", "a local paper", "an ICB"]),
        }

    def write(self, path: Path, count: int) -> None:
        with path.open("w", encoding="utf-8") as out:
            for number in range(count):
                out.write(json.dumps(self.article(number)) + "\n")


# -- the stages (each in its own process) ----------------------------------------------------------------


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class ChildPeak:
    """The largest peak RSS (VmHWM) of this process's child processes - the derived rebuild's workers,
    db/workers.py - sampled from /proc while the block runs (0 where there is no /proc). Not
    ``RUSAGE_CHILDREN``: a child's peak there includes the parent's pages between fork and exec."""

    def __init__(self) -> None:
        self.mb, self._stop = 0.0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> ChildPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        mine = f"PPid:\t{os.getpid()}\n"
        while not self._stop.wait(0.1):
            for status in Path("/proc").glob("[0-9]*/status"):
                try:
                    text = status.read_text()
                except OSError:
                    continue
                if mine in text and "VmHWM:" in text:
                    self.mb = max(self.mb, int(text.split("VmHWM:")[1].split()[0]) / 1024)


def timed(func: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = func()
    return time.perf_counter() - started, result


def stage_load(db_path: Path, corpus: Path) -> dict[str, float]:
    from nhswatch.db.schema import open_db

    from nhswatch import pipeline
    from nhswatch.inputs import read_documents

    db = open_db(db_path)
    spent = {"extract_compute": 0.0, "storage": 0.0, "extract_documents": 0.0}
    for name, key in (("extract_one", "extract_compute"), ("store_extraction", "storage"), ("extract_documents", None)):
        _count_time(pipeline, name, spent, key or name)
    total, _ = timed(lambda: pipeline.load_documents(db, read_documents(str(corpus))))
    derived, _ = timed(lambda: pipeline.rebuild_derived(db))
    return {
        "seconds": total + derived,
        "extract_compute": spent["extract_compute"],
        "storage": spent["storage"],
        "documents": total - spent["extract_documents"],
        "derived": derived,
        "events": db.execute("select count(*) from events").fetchone()[0],
    }


def _count_time(module: Any, name: str, spent: dict[str, float], key: str) -> None:
    """Replace ``module.name`` by a wrapper adding the seconds it takes to ``spent[key]``."""
    original = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        seconds, result = timed(lambda: original(*args, **kwargs))
        spent[key] += seconds
        return result

    setattr(module, name, wrapper)


def stage_build(db_path: Path, corpus: Path) -> dict[str, float]:
    from nhswatch.db.schema import open_db

    from nhswatch import pipeline

    db = open_db(db_path)
    seconds, _ = timed(lambda: (pipeline.extract_documents(db), pipeline.rebuild_derived(db)))
    return {"seconds": seconds}


def stage_derived_full(db_path: Path, corpus: Path) -> dict[str, float]:
    from nhswatch.db.derived import rebuild_derived
    from nhswatch.db.schema import open_db

    db = open_db(db_path)
    seconds, _ = timed(lambda: rebuild_derived(db))

    def copy() -> None:
        with db.atomic():
            db.execute("create table bench_events_copy as select * from events where 0")
            db.execute("insert into bench_events_copy select * from events")
        db.execute("drop table bench_events_copy")

    copy_seconds, _ = timed(copy)
    return {"seconds": seconds, "copy": copy_seconds}


def stage_derived_nochange(db_path: Path, corpus: Path) -> dict[str, float]:
    from nhswatch.db.derived import update_derived
    from nhswatch.db.schema import open_db

    db = open_db(db_path)
    seconds, _ = timed(lambda: update_derived(db))
    return {"seconds": seconds}


def stage_reextract(db_path: Path, corpus: Path) -> dict[str, float]:
    from nhswatch.db.schema import open_db
    from nhswatch.scraper.archive import Archive

    from nhswatch import pipeline

    db = open_db(db_path)
    with tempfile.TemporaryDirectory() as empty:
        seconds, _ = timed(lambda: (pipeline.reextract(db, Archive(Path(empty)), {}), pipeline.rebuild_derived(db)))
    return {"seconds": seconds}


def run_stage(stage: str, db_path: Path, corpus: Path) -> dict[str, float]:
    """Run a stage in a fresh interpreter; its measurements, with its own peak RSS."""
    command = [sys.executable, __file__, "--stage", stage, "--db", str(db_path), "--corpus", str(corpus)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"stage {stage} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the report ------------------------------------------------------------------------------------------


def slope(sizes: list[int], values: list[float | None]) -> str:
    """Log-log slope from the first size to the last (1.0: linear)."""
    pairs = [(n, v) for n, v in zip(sizes, values, strict=True) if v]
    if len(pairs) < 2:
        return "-"
    (n1, v1), (n2, v2) = pairs[0], pairs[-1]
    return f"{math.log(v2 / v1) / math.log(n2 / n1):.2f}"


def report(sizes: list[int], results: dict[int, dict[str, dict[str, float]]]) -> Iterator[str]:
    head = "| stage | " + " | ".join(f"{n:,} docs s / MB" for n in sizes) + " | slope |"
    yield head
    yield "|" + "---|" * (len(sizes) + 2)
    rows: list[tuple[str, str, str]] = [(s, s, "seconds") for s in STAGES]
    rows[1:1] = [
        ("  extraction compute", "load", "extract_compute"),
        ("  storing events + mentions", "load", "storage"),
        ("  storing documents", "load", "documents"),
        ("  derived update", "load", "derived"),
    ]
    rows.insert(rows.index(("derived_full", "derived_full", "seconds")) + 1, ("  events copy", "derived_full", "copy"))
    for label, stage, key in rows:
        values = [results[n].get(stage, {}).get(key) for n in sizes]
        cells = []
        for n, value in zip(sizes, values, strict=True):
            rss = results[n].get(stage, {}).get("rss_mb") if key == "seconds" else None
            cells.append("-" if value is None else f"{value:.2f}" + (f" / {rss:.0f}" if rss else ""))
        yield f"| {label} | " + " | ".join(cells) + f" | {slope(sizes, values)} |"
    for n in sizes:
        r = results[n]
        load, full = r.get("load", {}), r.get("derived_full", {})
        facts = [f"{n:,} docs: {load.get('events', 0):,.0f} events, database {r['db_mb']:.0f} MB"]
        if load.get("extract_compute"):
            facts.append(f"storage/extraction {load['storage'] / load['extract_compute']:.2f}")
        if full.get("copy"):
            facts.append(f"full derived/copy {full['seconds'] / full['copy']:.2f}")
        if full.get("worker_rss_mb"):
            facts.append(f"full derived workers' peak RSS {full['worker_rss_mb']:.0f} MB each")
        if full.get("seconds") and r.get("derived_nochange"):
            facts.append(f"no-change/full {r['derived_nochange']['seconds'] / full['seconds']:.3f}")
        yield "; ".join(facts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--workdir", type=Path, help="keep corpora and databases here (default: a temp dir)")
    parser.add_argument("--skip", default="", help="comma-separated stages to leave out")
    parser.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:  # a child: one stage, measurements as one JSON line
        with ChildPeak() as workers:
            result = globals()[f"stage_{args.stage}"](args.db, args.corpus)
        print(json.dumps({**result, "rss_mb": peak_rss_mb(), "worker_rss_mb": workers.mb}))
        return 0
    sizes = [int(n) for n in args.sizes.split(",")]
    skip = set(filter(None, args.skip.split(",")))
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench_scale_"))
    workdir.mkdir(parents=True, exist_ok=True)
    corpus = Corpus()
    results: dict[int, dict[str, dict[str, float]]] = {}
    for n in sizes:
        path, db_path = workdir / f"corpus-{n}.jsonl", workdir / f"scale-{n}.db"
        for stale in workdir.glob(f"scale-{n}.*"):
            stale.unlink()
        corpus.write(path, n)
        results[n] = {}
        for stage in STAGES:
            if stage not in skip:
                results[n][stage] = run_stage(stage, db_path, path)
                print(f"{n:,} {stage}: {results[n][stage]}", file=sys.stderr, flush=True)
        results[n]["db_mb"] = db_path.stat().st_size / 1e6  # type: ignore[assignment]
    print(
        f"bench_scale {date.today()} on {platform.node()} ({platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()})"
    )
    print("\n".join(report(sizes, results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
