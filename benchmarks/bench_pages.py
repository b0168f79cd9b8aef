"""Page parsing speed: ``parse_article`` against plain trafilatura and bare lxml, in the same process.

Usage: python benchmarks/bench_pages.py [--pages 200] [--rounds 3]

Generates boilerplate-heavy NHS-style pages (about 50-120 KB: inline CSS and scripts, a mega-menu,
breadcrumbs, related links and a long footer around a 400-900 word story), half of them with
``<main><article>`` and half with neither (the story sits in anonymous ``<div>``s, as on many trust
sites). Dates are given as metadata, a ``<time>`` element, a dateline in the text or not at all, so
every date path runs.

Each round reads every page with every parser, page by page in turn (the order rotating), so a
burst of load from other jobs on the machine slows all of them alike. Reported per kind of page:
pages/s of bare ``lxml.html.document_fromstring``, of ``trafilatura.extract`` with default settings
(text only, no dates), and of ``parse_article`` (title, date, publisher, text), each in its best
round; then the ratio parse_article / trafilatura in every round, its minimum and median
(target >= 2.5x in every round).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scraper import TRUSTS, WORDS  # noqa: E402  (the same made-up article vocabulary)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")


def _story(rng: random.Random, n: int, trust: str) -> str:
    paragraphs = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90))).capitalize() + "."
        for _ in range(rng.randint(6, 10))
    ]
    if n % 3 == 0:
        paragraphs.insert(1, f"{trust} has moved into segment {1 + n % 4} of the NHS Oversight Framework.")
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _date_parts(n: int) -> tuple[str, str, str]:
    """(head metadata, element before the story, dateline paragraph): one date path per page."""
    day, month = 1 + n % 28, 1 + n % 10
    iso, words = f"2024-{month:02d}-{day:02d}", f"{day} {MONTHS[month - 1]} 2024"
    kind = n % 4
    if kind == 0:
        return f"<meta property='article:published_time' content='{iso}T09:00:00+00:00'>", "", ""
    if kind == 1:
        return "", f"<time datetime='{iso}'>{words}</time>", ""
    if kind == 2:
        return "", "", f"<p class='meta'>Date posted: {words}</p>"
    return "", "", ""


def page(n: int, semantic: bool) -> str:
    """Page ``n``: deterministic, 50-150 KB, mostly boilerplate; ``semantic`` wraps the story in main/article."""
    rng = random.Random(n * 2 + semantic)
    trust = TRUSTS[n % len(TRUSTS)]
    head_date, time_tag, dateline = _date_parts(n)
    menu = "".join(
        f'<li class="menu-item"><a href="/section/{i}/">Service or department number {i} with a long label</a></li>'
        for i in range(rng.randint(200, 650))
    )
    css = ".c{color:#005eb8;margin:0 auto;padding:4px 8px;font-family:Frutiger,Arial,sans-serif}" * rng.randint(80, 300)
    script = "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)};" * rng.randint(50, 200)
    related = "".join(f'<li><a href="/news/story-{(n + k) % 999}.html">Related story {k}</a></li>' for k in range(12))
    footer = "".join(
        f"<p>Footer text {i}: accessibility, privacy, cookies, freedom of information and contact details.</p>"
        for i in range(rng.randint(30, 120))
    )
    title = f"<h1>News story {n} from {trust}</h1>"
    story = f"{title}{time_tag}{dateline}{_story(rng, n, trust)}<div class='share-links'>Share: email, print</div>"
    if semantic:
        content = f"<main><article>{story}</article><aside class='related'><ul>{related}</ul></aside></main>"
    else:
        content = (
            f"<div class='container'><div class='row'><div class='col-md-8'>{story}</div>"
            f"<div class='col-md-4'><h2>Related news</h2><ul>{related}</ul></div></div></div>"
        )
    return (
        f"<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'><title>News story {n} | {trust}</title>"
        f"{head_date}<meta property='og:site_name' content='{trust}'><style>{css}</style>"
        f"<script>{script}</script></head><body><header><nav class='mega-menu'><ul>{menu}</ul></nav></header>"
        f"<div class='breadcrumbs'><a href='/'>Home</a> &gt; <a href='/news/'>News</a></div>{content}"
        f"<footer>{footer}</footer></body></html>"
    )


def timed_rounds(parsers: dict[str, Callable[[str], object]], pages: list[str], rounds: int) -> list[dict[str, float]]:
    """Seconds each parser spent on ``pages``, per round; the parsers take turns on each page."""
    names = list(parsers)
    results = []
    for round_number in range(rounds):
        spent = dict.fromkeys(names, 0.0)
        for index, html in enumerate(pages):
            shift = (round_number + index) % len(names)
            for name in names[shift:] + names[:shift]:
                started = time.perf_counter()
                parsers[name](html)
                spent[name] += time.perf_counter() - started
        results.append(spent)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200, help="pages of each kind")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    import lxml.html
    import trafilatura
    from nhswatch.scraper.article import parse_article

    parsers: dict[str, Callable[[str], object]] = {
        "lxml": lxml.html.document_fromstring,
        "trafilatura": trafilatura.extract,
        "parse_article": lambda html: parse_article(html, "https://example.nhs.uk/news/story.html"),
    }
    for semantic in (True, False):
        pages = [page(n, semantic) for n in range(args.pages)]
        sizes = sorted(len(p) // 1024 for p in pages)
        label = "with <main>/<article>" if semantic else "without <main>/<article>"
        print(f"{len(pages)} pages {label}, {sizes[0]}-{sizes[-1]} KB (median {sizes[len(sizes) // 2]} KB)")
        for parse in parsers.values():  # warm up: first-call imports and caches do not count
            parse(pages[0])
        rounds = timed_rounds(parsers, pages, args.rounds)
        for name in parsers:
            print(f"  {name:<14} {len(pages) / min(spent[name] for spent in rounds):8.1f} pages/s")
        ratios = sorted(spent["trafilatura"] / spent["parse_article"] for spent in rounds)
        listed = ", ".join(f"{ratio:.2f}" for ratio in ratios)
        print(
            f"  parse_article / trafilatura per round, lowest first: {listed}x; min {ratios[0]:.2f}x, "
            f"median {statistics.median(ratios):.2f}x (target >= 2.5x)"
        )


if __name__ == "__main__":
    main()
