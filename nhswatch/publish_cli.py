"""``nhswatch publish``: build a Docker image of the site with ``datasette package`` (see nhswatch.publish)."""

from __future__ import annotations

import shlex
import shutil
import tempfile
from pathlib import Path

import click

from . import serving
from .validate import NothingRan


@click.command("publish")
@click.option(
    "--db",
    "db_path",
    default="nhswatch.db",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="SQLite database to publish (a consistent snapshot of it goes into the image).",
)
@click.option("--tag", default="nhswatch", show_default=True, help="Name (and :tag) of the Docker image.")
@click.option(
    "--wheel",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A built nhswatch wheel to install in the image (`make publish` builds one).",
)
@click.option("--install", "requirement", help="What to pip install instead of a wheel [default: nhswatch==VERSION].")
@click.option(
    "--archive/--no-archive",
    default=True,
    show_default=True,
    help="Copy the archive of raw pages (DB.archive) into the image, so archived copies answer.",
)
@click.option("--allow-sql/--no-allow-sql", default=False, show_default=True, help="Allow arbitrary SQL.")
@click.option("--allow-download/--no-allow-download", default=True, show_default=True, help="Offer /NAME.db.")
@click.option("--robots", type=click.Choice(serving.ROBOTS_MODES), default="pages", show_default=True)
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535), help="Port in the image.")
@click.option("--dry-run", is_flag=True, help="Print the datasette package command instead of running it.")
def publish_command(
    db_path: Path,
    tag: str,
    wheel: Path | None,
    requirement: str | None,
    archive: bool,
    allow_sql: bool,
    allow_download: bool,
    robots: str,
    port: int,
    dry_run: bool,
) -> None:
    """Build a Docker image serving the database as `nhswatch serve` does (with `datasette package`).

    Run it with `docker run -p PORT:PORT TAG`. Needs Docker: exit 2 with a clear message if it is missing.
    """
    import subprocess

    from .publish import PublishError, check_docker, check_wheel, image_exists, package_args, prepare

    archive_dir = db_path.with_suffix(".archive") if archive else None
    try:
        check_wheel(wheel)
        if archive_dir is not None and not archive_dir.is_dir():
            raise PublishError(f"{archive_dir} does not exist: pass --no-archive to publish without archived copies")
        if not dry_run:
            check_docker()
        with tempfile.TemporaryDirectory(prefix="nhswatch-publish-") as workdir:
            db_copy, meta_file = prepare(db_path, Path(workdir), archive=archive_dir, robots=robots)
            if wheel is not None:  # only this wheel goes into the image, not the rest of its folder
                (Path(workdir) / "wheels").mkdir()
                wheel = Path(shutil.copy2(wheel, Path(workdir) / "wheels"))
            args = package_args(
                db_copy,
                meta_file,
                tag=tag,
                install=requirement,
                wheel=wheel,
                archive=archive_dir.resolve() if archive_dir else None,
                allow_sql=allow_sql,
                allow_download=allow_download,
                port=port,
            )
            click.echo(shlex.join(args), err=dry_run is False)
            if dry_run:
                return
            code = subprocess.call(args)
    except PublishError as error:
        raise NothingRan(str(error)) from error
    if code or not image_exists(tag):
        raise click.ClickException(f"datasette package did not build the image {tag} (exit {code}); see above")
    click.echo(f"built the image {tag}: run it with `docker run -p {port}:{port} {tag}`", err=True)
