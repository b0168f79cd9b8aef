"""``nhswatch orgs``: the organisation gazetteer (list, look up, refresh from ODS)."""

from __future__ import annotations

from pathlib import Path

import click

from extract.gazetteer import DATA_DIR, default_gazetteer
from extract.gazetteer_build import REPORT_URL_TEMPLATE, refresh
from scraper.fetch import Fetcher, FetchError

ODS_MAX_BYTES = 100 * 1024 * 1024


@click.group("orgs")
def orgs_group() -> None:
    """The organisation gazetteer."""


@orgs_group.command("lookup")
@click.argument("name")
@click.option("--on", "day", help="Resolve as of this date (YYYY-MM-DD).")
def orgs_lookup(name: str, day: str | None) -> None:
    """Show the organisation NAME (an official name, alias or ODS code) means."""
    gazetteer = default_gazetteer()
    org = gazetteer.by_code.get(name.upper()) or gazetteer.resolve(name, day)
    if org is None:
        raise click.ClickException(f"no organisation known as {name!r}")
    click.echo(f"{org.ods_code}\t{org.name}\t{org.type}\t{org.open_date or '-'}\t{org.close_date or '-'}")


@orgs_group.command("refresh")
@click.option("--out", type=click.Path(dir_okay=False), default=str(DATA_DIR / "organisations.csv"),
              show_default=True, help="organisations.csv to rewrite.")
@click.option("--report-url", default=REPORT_URL_TEMPLATE, show_default=True,
              help="Where the ODS reports are, with {report} for etr, eccg or succ.")
@click.option("--icbs", type=click.Path(dir_okay=False, exists=True),
              help="ICB list (organisations.csv or icbs.csv layout) [default: the ICB rows of --out].")
@click.option("--allow-private", is_flag=True, help="Allow a report URL on a local or private address.")
def orgs_refresh(out: str, report_url: str, icbs: str | None, allow_private: bool) -> None:
    """Rebuild the gazetteer from the official ODS downloads (needs internet access).

    Domains, national bodies and other rows ODS does not publish are kept from the existing file.
    """
    fetcher = Fetcher(max_bytes=ODS_MAX_BYTES, delay=0)

    def download(url: str) -> bytes:
        click.echo(f"downloading {url}", err=True)
        return fetcher.get(url, allow_private=allow_private).body

    try:
        rows = refresh(download, Path(out), icbs_path=icbs, report_url=report_url)
    except (FetchError, ValueError) as error:
        raise click.ClickException(f"refresh failed, {out} left as it was: {error}") from error
    click.echo(f"wrote {len(rows)} organisations to {out}", err=True)
