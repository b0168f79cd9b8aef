"""Extraction time on inputs of 1, 10 and 100 KB, ordinary and hostile, to show it grows linearly.

Usage: python benchmarks/bench_hostile.py

Shapes (all generated here):
- ``article``: ordinary sentences about organisations and their statuses, one per line;
- ``comma_list``: one run-on "sentence" of comma-separated organisation-and-status clauses
  (once ~N^4: 10 KB took minutes);
- ``brackets``: deeply nested brackets around a status term (once ~n^2 in the tokenizer);
- ``names``: a long list of organisation names with no status.
For each shape the time per KB at 100 KB should be close to the time per KB at 10 KB (ratio ~1).
"""

from __future__ import annotations

import time

ORGS = [
    "Medway NHS Foundation Trust",
    "Barts Health NHS Trust",
    "Wye Valley NHS Trust",
    "North Bristol NHS Trust",
    "East Kent Hospitals University NHS Foundation Trust",
]


def article(size: int) -> str:
    lines, i = [], 0
    while sum(len(line) + 1 for line in lines) < size:
        lines.append(f"{ORGS[i % 5]} was placed in segment {i % 4 + 1} of the oversight framework in {2016 + i % 9}.")
        i += 1
    return "\n".join(lines)


def comma_list(size: int) -> str:
    parts, i = [], 0
    while sum(len(part) + 2 for part in parts) < size:
        parts.append(f"{ORGS[i % 5]} was placed in segment {i % 4 + 1}")
        i += 1
    return ", ".join(parts) + "."


def brackets(size: int) -> str:
    depth = size // 2
    return ORGS[0] + " " + "(" * depth + "special measures" + ")" * depth


def names(size: int) -> str:
    return (" and ".join(ORGS) + ", ") * (size // 160 + 1)


def main() -> None:
    from nhswatch.extract import extract

    extract("Warm-up: Medway NHS Foundation Trust is in segment 2.", "2024-01-01")
    print(f"{'shape':<12}{'KB':>6}{'seconds':>10}{'ms per KB':>12}")
    for shape in (article, comma_list, brackets, names):
        per_kb = {}
        for kb in (1, 10, 100):
            text = shape(kb * 1024)
            started = time.perf_counter()
            extract(text, "2024-01-01")
            seconds = time.perf_counter() - started
            per_kb[kb] = seconds * 1000 / kb
            print(f"{shape.__name__:<12}{kb:>6}{seconds:>10.3f}{per_kb[kb]:>12.2f}")
        print(f"{'':<12}growth 10->100 KB, per KB: x{per_kb[100] / per_kb[10]:.2f} (linear: ~1)")


if __name__ == "__main__":
    main()
