"""Cold start: how long commands take to start, as ratios to bare imports measured in the same run.

Usage: python benchmarks/bench_coldstart.py [--runs 7]

Each command runs ``--runs`` times in a fresh process, interleaved with the references so machine load
hits all alike; the median wall time counts, and each round's own ratio (to the reference run in the same
round) gives the range shown. Targets:

- ``nhswatch --help``, ``serve --help``, ``sources list``, ``orgs --help`` and ``orgs lookup``: at most
  1.5x ``python -c "import click, sqlite_utils"`` (none of them imports spaCy);
- ``nhswatch extract`` on one sentence, with the start-up caches (gazetteer, rules, tokenizer) filled:
  at most 1.3x ``python -c "import spacy"``. The first run in an empty cache is shown too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = "Medway NHS Foundation Trust was moved into segment 3 of the NHS Oversight Framework on 1 March 2024.\n"


def wall(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    python = sys.executable
    script = Path(python).parent / "nhswatch"
    nhswatch = [str(script)] if script.exists() else [python, "-m", "nhswatch.cli"]
    work = Path(tempfile.mkdtemp(prefix="bench-coldstart-"))
    sentence = work / "one.txt"
    sentence.write_text(SENTENCE, encoding="utf-8")
    env = {**os.environ, "NHSWATCH_CACHE_DIR": str(work / "cache")}

    first_extract = wall([*nhswatch, "extract", str(sentence)], env)  # empty cache: builds it
    first_list = wall([*nhswatch, "sources", "list"], env)  # the same for the parsed registry
    references = {
        "import click, sqlite_utils": [python, "-c", "import click, sqlite_utils"],
        "import spacy": [python, "-c", "import spacy"],
    }
    commands = {
        "nhswatch --help": [*nhswatch, "--help"],
        "nhswatch serve --help": [*nhswatch, "serve", "--help"],
        "nhswatch sources list": [*nhswatch, "sources", "list"],
        "nhswatch orgs --help": [*nhswatch, "orgs", "--help"],
        "nhswatch orgs lookup": [*nhswatch, "orgs", "lookup", "Medway NHS Foundation Trust"],
        "nhswatch extract (1 sentence)": [*nhswatch, "extract", str(sentence)],
    }
    times: dict[str, list[float]] = {name: [] for name in [*references, *commands]}
    for _ in range(args.runs):
        for name, command in {**references, **commands}.items():
            times[name].append(wall(command, env))
    median = {name: statistics.median(values) for name, values in times.items()}

    spacy = median["import spacy"]
    print(f"median of {args.runs} runs, seconds of wall time; ratio = median, and its range over the runs")
    for name in references:
        print(f"  {name:<32} {median[name]:6.3f}")
    for name in commands:
        reference, target = ("import spacy", 1.3) if "extract" in name else ("import click, sqlite_utils", 1.5)
        ratios = [mine / ref for mine, ref in zip(times[name], times[reference], strict=True)]
        print(
            f"  {name:<32} {median[name]:6.3f}  = {median[name] / median[reference]:4.2f}x "
            f"({min(ratios):4.2f}-{max(ratios):4.2f}) {reference} (target <= {target}x)"
        )
    print(f"  {'extract, empty cache (once)':<32} {first_extract:6.3f}  = {first_extract / spacy:4.2f}x import spacy")
    light = median["import click, sqlite_utils"]
    print(f"  {'sources list, empty cache (once)':<32} {first_list:6.3f}  = {first_list / light:4.2f}x import click")


if __name__ == "__main__":
    main()
