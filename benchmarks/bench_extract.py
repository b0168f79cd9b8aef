"""Extractor speed and memory against bare spaCy tokenization, on the same corpus in the same run.

Usage: python benchmarks/bench_extract.py [CORPUS.jsonl] [--repeat N]
Without a corpus, the bundled sample newsroom's article texts are used. Targets: at least 200,000
words/s per core on the shared/dev articles, the pipeline loads in < 2 s, resident memory < 300 MB.
The ratio to the bare tokenizer in the same run shows how much of a change is the machine's.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from importlib import resources
from pathlib import Path

import spacy


def sample_texts() -> list[tuple[str, str | None]]:
    from nhswatch.scraper.article import parse_article

    site = Path(str(resources.files("nhswatch.scraper") / "sample_newsroom" / "site" / "news"))
    texts = []
    for page in sorted(site.glob("*/*/*/index.html")):
        article = parse_article(page.read_text(encoding="utf-8"), page.as_uri())
        texts.append((article.text, article.published))
    return texts


def corpus_texts(path: Path) -> list[tuple[str, str | None]]:
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(d.get("text") or "", d.get("published")) for d in docs]


def timed(func) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=5, help="copies of the corpus per round")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds (best is reported)")
    args = parser.parse_args()

    started = time.perf_counter()
    from nhswatch.extract.pipeline import get_nlp

    from nhswatch import extract

    get_nlp()
    extract.extract("warm-up text about segment 4.", None)
    load_seconds = time.perf_counter() - started

    texts = (corpus_texts(args.corpus) if args.corpus else sample_texts()) * args.repeat
    words = sum(len(t.split()) for t, _ in texts)
    tokenizer = spacy.blank("en").tokenizer

    def tokenize_all() -> None:
        for text, _ in texts:
            tokenizer(text)

    def extract_all() -> None:
        for text, published in texts:
            extract.extract(text, published)

    # Interleaved rounds, best of each: both see the same machine load and a warm vocabulary.
    tokenize_seconds = extract_seconds = float("inf")
    for _ in range(args.rounds):
        tokenize_seconds = min(tokenize_seconds, timed(tokenize_all))
        extract_seconds = min(extract_seconds, timed(extract_all))

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ratio = tokenize_seconds / extract_seconds
    print(f"documents: {len(texts)}  words: {words}")
    print(f"pipeline load: {load_seconds:.2f} s (target < 2 s)")
    print(f"tokenizer: {len(texts) / tokenize_seconds:,.0f} docs/s  {words / tokenize_seconds:,.0f} words/s")
    rate = words / extract_seconds
    print(f"extractor: {len(texts) / extract_seconds:,.0f} docs/s  {rate:,.0f} words/s (target >= 200,000)")
    print(f"extractor speed / tokenizer speed: {ratio:.2f}")
    print(f"peak resident memory: {rss_mb:.0f} MB (target < 300 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
