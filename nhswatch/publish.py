"""A deployment: ``datasette package`` builds a Docker image that serves the site as ``nhswatch serve`` does.

The image holds a consistent snapshot of the database (``nhswatch.export.snapshot``), the effective
metadata (database name, robots policy, ``archive_dir: archive``), the archive of raw pages copied in
as ``archive/`` (so the "archived copy" links answer; ``--static`` also serves its gzip files at
``/archive/``), nhswatch itself (``--install``: a built wheel copied into the image, or a requirement such
as ``nhswatch==0.1.0`` from the package index; its ``datasette`` entry points bring the plugin, templates
and metadata) and the public settings (limits, arbitrary SQL off unless asked, the download switch).

Run the image with ``docker run -p 8001:8001 TAG``; any container host (Fly.io, Cloud Run, a VM) can run it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import yaml

from . import serving
from .export import snapshot

ARCHIVE_MOUNT = "archive"
WHEEL_MOUNT = "wheels"
CONTAINER_APP = "/app"  # where `datasette package`'s Dockerfile copies the build folder


class PublishError(Exception):
    """The image cannot be built (no docker, no database, a wheel that is not there)."""


def default_install() -> str:
    """The requirement for this nhswatch on the package index."""
    return f"nhswatch=={version('nhswatch')}"


def extra_options(*, allow_sql: bool, allow_download: bool) -> str:
    """``datasette serve`` settings for the image, as ``--extra-options`` (no value holds a space)."""
    settings = serving.settings(allow_sql=allow_sql, allow_download=allow_download)
    return " ".join(f"--setting {name} {serving.setting_text(value)}" for name, value in settings.items())


def prepare(
    db_path: Path,
    workdir: Path,
    *,
    archive: Path | None,
    robots: str,
) -> tuple[Path, Path]:
    """The database snapshot and the metadata file the image is built from, written to ``workdir``."""
    if not Path(db_path).is_file():
        raise PublishError(f"{db_path} does not exist: run `nhswatch run` or `nhswatch demo` first")
    db_copy = snapshot(db_path, workdir / Path(db_path).name)
    # Queries inline: the image has the metadata file, not this machine's path to it.
    metadata = serving.effective_metadata(db_copy, robots=robots, archive=Path(ARCHIVE_MOUNT), queries_by_hook=False)
    if archive is None:
        metadata["plugins"]["nhswatch"].pop("archive_dir")
    meta_file = workdir / "metadata.yml"
    meta_file.write_text(yaml.safe_dump(metadata, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return db_copy, meta_file


def package_args(
    db_copy: Path,
    meta_file: Path,
    *,
    tag: str,
    install: str | None = None,
    wheel: Path | None = None,
    archive: Path | None = None,
    allow_sql: bool = False,
    allow_download: bool = True,
    port: int = 8001,
) -> list[str]:
    """The ``datasette package`` command line: every option named here exists in Datasette 0.65."""
    args = [sys.executable, "-m", "datasette", "package", str(db_copy), "--tag", tag, "--metadata", str(meta_file)]
    if wheel is not None:
        args += ["--static", f"{WHEEL_MOUNT}:{wheel.parent}"]
        args += ["--install", f"{CONTAINER_APP}/{WHEEL_MOUNT}/{wheel.name}"]
    else:
        args += ["--install", install or default_install()]
    if archive is not None:
        args += ["--static", f"{ARCHIVE_MOUNT}:{archive}"]
    args += ["--extra-options", extra_options(allow_sql=allow_sql, allow_download=allow_download)]
    args += ["--version-note", f"nhswatch {version('nhswatch')}", "--port", str(port)]
    return args


def check_docker() -> None:
    """PublishError unless ``docker`` is on PATH and its daemon answers (``datasette package`` runs
    ``docker build`` but exits 0 even when that fails, so this is checked first)."""
    if shutil.which("docker") is None:
        raise PublishError(
            "docker is not installed (no `docker` on PATH): `nhswatch publish` builds a Docker image with "
            "`datasette package`; install Docker, or use --dry-run to print the command"
        )
    try:
        result = subprocess.run(["docker", "info"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PublishError(f"docker does not answer ({error}); start the Docker daemon") from error
    if result.returncode != 0:
        why = " ".join((result.stderr or result.stdout).split())[-300:]
        raise PublishError(f"the Docker daemon cannot be reached ({why}); start it, or use --dry-run")


def image_exists(tag: str) -> bool:
    """Whether ``docker build`` produced the image ``tag``."""
    result = subprocess.run(["docker", "image", "inspect", tag], capture_output=True, timeout=60)
    return result.returncode == 0


def check_wheel(wheel: Path | None) -> None:
    if wheel is not None and not (wheel.is_file() and wheel.name.endswith(".whl")):
        raise PublishError(f"{wheel} is not a wheel file (build one with `pip wheel --no-deps -w dist .`)")
