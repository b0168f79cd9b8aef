#!/usr/bin/env python3
"""Install check: the built wheel, installed (not editable) in a fresh virtual environment, gives the full site.

1. copies the source tree (without .venv, build/, dist/, *.egg-info, databases) and builds its wheel
   (``pip wheel --no-deps``), so nothing stale in the checkout can slip into it;
2. creates a fresh virtual environment and installs the wheel (its dependencies from the package index);
3. from a folder outside the checkout, runs ``nhswatch demo --no-serve --db WORK/nhswatch.db``: the sample
   newsroom, the gazetteer and the rules must come from the installed package;
4. runs this script again with the new environment's Python (``--inner``), which checks that nhswatch is
   imported from that environment, that ``serving.check_site()`` passes, and that, through Datasette's test
   client configured as ``nhswatch serve`` configures it, the home page, every canned query, the Atom feeds
   (``.atom``), an organisation page, /robots.txt and the database download answer 200; and, through the
   real ``datasette`` command line (``--get``), that /robots.txt and the organisation page do too.

Usage: ``python .ci/install_check.py [--work DIR] [--python PYTHON]``. Exit 0 when everything answered,
1 when a check failed, 77 when the wheel or its dependencies could not be fetched (no package index).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = 77
NOT_SOURCE = (".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", "*.db", "*.db-*", "*.archive", ".*cache")
NO_INDEX = ("Failed to establish a new connection", "Could not fetch URL", "No matching distribution found")


def run(args: list[str], *, cwd: Path | None = None, index: bool = False) -> None:
    """Run ``args``; on failure print its output and exit 1 (77 if a package index was needed and unreachable)."""
    print("+", " ".join(str(a) for a in args), flush=True)
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        output = result.stdout + result.stderr
        print(output[-6000:], file=sys.stderr)
        if index and any(marker in output for marker in NO_INDEX):
            print("install check: the package index cannot be reached; skipped", file=sys.stderr)
            sys.exit(SKIP)
        sys.exit(f"install check: failed: {' '.join(str(a) for a in args[:4])} ... (exit {result.returncode})")
    print(result.stdout, end="", flush=True)


def build_and_install(work: Path, python: str) -> Path:
    """Build the wheel from a clean copy of the source and install it in ``work/venv``; returns the venv."""
    source = work / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    dist = work / "dist"
    run([python, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", dist, source], index=True)
    (wheel,) = dist.glob("nhswatch-*.whl")
    venv = work / "venv"
    run([python, "-m", "venv", venv])
    run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel], index=True)
    return venv


def outer(work: Path, python: str) -> int:
    venv = build_and_install(work, python)
    run_dir = work / "run"
    run_dir.mkdir()
    db = run_dir / "nhswatch.db"
    run([venv / "bin" / "nhswatch", "demo", "--no-serve", "--db", db], cwd=run_dir)
    run([venv / "bin" / "python", Path(__file__).resolve(), "--inner", db], cwd=run_dir)
    print("install check: ok", flush=True)
    return 0


def inner(db: Path) -> int:
    """Run by the fresh environment's Python: what the installed package serves."""
    import asyncio
    import sqlite3

    import yaml

    import nhswatch
    from nhswatch import serving

    if not Path(nhswatch.__file__).resolve().is_relative_to(Path(sys.prefix).resolve()):
        print(f"nhswatch was imported from {nhswatch.__file__}, not from {sys.prefix}", file=sys.stderr)
        return 1
    serving.check_site()
    with sqlite3.connect(db) as conn:
        documents = conn.execute("select count(*) from documents").fetchone()[0]
        events = conn.execute("select count(*) from events").fetchone()[0]
        (ods,) = conn.execute("select ods_code from status_timeline where ods_code is not null order by id").fetchone()
    if not documents or not events:
        print(f"the demo stored {documents} documents and {events} events", file=sys.stderr)
        return 1
    queries = yaml.safe_load(serving.REPO_METADATA.read_text(encoding="utf-8"))["databases"]["nhswatch"]["queries"]
    paths = ["/", "/robots.txt", f"/-/organisation/{ods}", "/nhswatch.db", "/-/metadata.json"]
    paths += [f"/nhswatch/{name}" for name in queries]
    paths += [
        f"/nhswatch/{name}.atom" + (f"?ods_code={ods}" if ":ods_code" in query["sql"] else "")
        for name, query in queries.items()
        if "atom_id" in query["sql"]
    ]
    failed = asyncio.run(client_check(db, paths)) + cli_check(db, ["/robots.txt", f"/-/organisation/{ods}"])
    print(f"{len(paths)} pages through the test client, 2 through datasette --get; {failed} failed", flush=True)
    return 1 if failed else 0


async def client_check(db: Path, paths: list[str]) -> int:
    from nhswatch.serving import make_datasette

    ds = make_datasette(db)
    failed = 0
    for path in paths:
        response = await ds.client.get(path)
        bad = response.status_code != 200 or (path.split("?")[0].endswith(".atom") and b"<feed" not in response.content)
        failed += bad
        print(f"{'FAIL' if bad else 'ok'} {response.status_code} {path}", flush=True)
    return failed


def cli_check(db: Path, paths: list[str]) -> int:
    """The same configuration through the real ``datasette`` command line (``nhswatch serve``'s arguments)."""
    from nhswatch import serving

    failed = 0
    with tempfile.TemporaryDirectory() as workdir:
        for path in paths:
            args = serving.datasette_args(db, host="127.0.0.1", port=0, workdir=Path(workdir))
            result = subprocess.run([*args, "--get", path], capture_output=True, text=True, timeout=300)
            bad = result.returncode != 0 or not result.stdout.strip()
            failed += bad
            print(f"{'FAIL' if bad else 'ok'} datasette --get {path}", flush=True)
            if bad:
                print(result.stderr[-3000:], file=sys.stderr)
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, help="Working folder (default: a new temporary folder, removed after).")
    parser.add_argument("--python", default=sys.executable, help="Python that builds the wheel and the venv.")
    parser.add_argument("--inner", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.inner:
        return inner(options.inner)
    if options.work:
        options.work.mkdir(parents=True, exist_ok=True)
        return outer(options.work.resolve(), options.python)
    with tempfile.TemporaryDirectory(prefix="nhswatch-install-") as work:
        return outer(Path(work), options.python)


if __name__ == "__main__":
    sys.exit(main())
