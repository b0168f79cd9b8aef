"""``nhswatch orgs``: the organisation gazetteer (list, look up, refresh from ODS)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import click

from .validate import NothingRan, db_in_existing_folder, iso_date

# Cold start: the gazetteer and its builder are imported inside the commands; `nhswatch --help` needs neither.

ODS_MAX_BYTES = 100 * 1024 * 1024


@click.group("orgs")
def orgs_group() -> None:
    """The organisation gazetteer."""


def lookup_candidates(name: str, day: str | None) -> dict:
    """Everything the gazetteer knows NAME (an alias or ODS code) can mean on DAY, as a dict."""
    from nhswatch.extract.gazetteer import default_gazetteer, normalise_alias

    gazetteer = default_gazetteer()
    by_code = gazetteer.by_code.get(name.strip().upper())
    alias = gazetteer.aliases.get(normalise_alias(name))
    rows = []
    if by_code is not None:
        rows.append((by_code, "ODS code"))
    if alias is not None:
        open_then = {o.ods_code for o in gazetteer.candidates(alias, day)}
        for code in alias.codes:
            org = gazetteer.by_code.get(code)
            if org is None:
                continue
            why = f"{alias.kind} alias"
            sites = [gazetteer.sites[s] for s in alias.sites if s in gazetteer.sites]
            sites = [s for s in sites if code in s.codes]
            if sites:
                why += " (" + "; ".join(f"{s.name}, {s.town}" if s.town else s.name for s in sites) + ")"
            now = gazetteer.pick([code], day)
            if now is not None and now.ods_code != code:
                why += f"; succeeded by {now.ods_code}"
            if org.ods_code not in open_then and (now is None or now.ods_code not in open_then):
                why += "; not open on that date" if day else "; closed"
            rows.append((org, why))
        for org in gazetteer.candidates(alias, day):
            if org.ods_code not in alias.codes:
                rows.append((org, "successor open on that date"))
    chosen = by_code or (gazetteer.pick(alias.codes, day) if alias else None)
    candidates = gazetteer.candidates(alias, day) if alias else []
    return {
        "query": name,
        "on": day,
        "alias": alias.text if alias else None,
        "needs_context": bool(alias and alias.needs_context),
        "ambiguous": by_code is None and len(candidates) > 1,
        "resolved": chosen.ods_code if chosen else None,
        "candidates": [
            {
                "ods_code": o.ods_code,
                "name": o.name,
                "type": o.type,
                "open_date": o.open_date or None,
                "close_date": o.close_date or None,
                "why": why,
                "open_on_date": o.ods_code in {c.ods_code for c in candidates} if alias else o.open_on(day),
            }
            for o, why in rows
        ],
    }


@orgs_group.command("lookup")
@click.argument("name")
@click.option("--on", "day", callback=iso_date, help="Resolve as of this date (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="Print the candidates as JSON.")
def orgs_lookup(name: str, day: str | None, as_json: bool) -> None:
    """Show what NAME (an official name, alias or ODS code) can mean: every candidate, and which one
    the gazetteer picks on the date (none when the name is ambiguous)."""
    result = lookup_candidates(name, day)
    if not result["candidates"]:
        raise click.ClickException(f"no organisation known as {name!r}")
    if as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    order = sorted(result["candidates"], key=lambda c: c["ods_code"] != result["resolved"])
    for cand in order:
        click.echo(
            "\t".join(
                [
                    cand["ods_code"],
                    cand["name"],
                    cand["type"],
                    cand["open_date"] or "-",
                    cand["close_date"] or "-",
                    cand["why"],
                ]
            )
        )
    if result["ambiguous"]:
        codes = ", ".join(c["ods_code"] for c in result["candidates"] if c["open_on_date"])
        click.echo(f"ambiguous: {name!r} names {codes}{' on ' + day if day else ''}; context must decide")
    elif result["needs_context"]:
        click.echo(f"needs context: {name!r} counts only where the text says what kind of body it is")


@orgs_group.command("refresh")
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    help="organisations.csv to write [default: in the user data directory ($NHSWATCH_DATA_DIR, else "
    "platformdirs' user_data_dir), which the gazetteer reads instead of the packaged file].",
)
@click.option(
    "--report-url",
    default=lambda: _report_url_template(),
    show_default="the ODS report service",
    help="Where the ODS reports are, with {report} for etr, eccg or succ.",
)
@click.option(
    "--icbs",
    type=click.Path(dir_okay=False, exists=True),
    help="ICB list (organisations.csv or icbs.csv layout) [default: the ICB rows of --out].",
)
@click.option("--allow-private", is_flag=True, help="Allow a report URL on a local or private address.")
@click.option(
    "--db",
    "db_path",
    default="nhswatch.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    callback=db_in_existing_folder,
    help="The database whose lock to hold, so no run extracts while the gazetteer is rewritten.",
)
def orgs_refresh(out: str, report_url: str, icbs: str | None, allow_private: bool, db_path: str) -> None:
    """Rebuild the gazetteer from the official ODS downloads (needs internet access).

    Domains, national bodies and other rows ODS does not publish are kept from the existing file (the
    packaged one, the first time). Never writes into the installed package: the result goes to the user
    data directory, and changes EXTRACTOR_VERSION, so the next build re-extracts. Holds the run lock of
    --db meanwhile (exit 2 if a run holds it).
    """
    from .jobs import locked  # here, not at the top: `nhswatch orgs lookup` should start quickly

    code = locked(db_path, lambda: _refresh(out, report_url, icbs, allow_private))
    if code:
        raise SystemExit(code)


def _report_url_template() -> str:
    from nhswatch.extract.gazetteer_build import REPORT_URL_TEMPLATE

    return REPORT_URL_TEMPLATE


def _refresh(out: str | None, report_url: str, icbs: str | None, allow_private: bool) -> int:
    from nhswatch.extract.gazetteer import gazetteer_file, user_data_dir
    from nhswatch.extract.gazetteer_build import refresh
    from nhswatch.scraper.fetch import Fetcher, FetchError

    fetcher = Fetcher(max_bytes=ODS_MAX_BYTES, delay=0)
    target = Path(out) if out else user_data_dir() / "organisations.csv"

    def download(url: str) -> bytes:
        click.echo(f"downloading {url}", err=True)
        return fetcher.get(url, allow_private=allow_private).body

    # Rebuilt in a copy of the file now read (the packaged one the first time), moved into place on success.
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = target.with_name(f".{target.name}.refresh")
        shutil.copyfile(target if target.exists() else gazetteer_file("organisations.csv"), work)
    except OSError as error:
        raise NothingRan(f"cannot write {target} ({error.strerror or error})") from error
    try:
        rows = refresh(download, work, icbs_path=icbs, report_url=report_url)
        os.replace(work, target)
    except (FetchError, ValueError) as error:
        raise NothingRan(f"refresh failed, {target} left as it was: {error}") from error
    finally:
        work.unlink(missing_ok=True)
    click.echo(f"wrote {len(rows)} organisations to {target}", err=True)
    return 0
