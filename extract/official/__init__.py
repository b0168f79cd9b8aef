"""Official records as observations: one small importer module per file format.

Each importer is ``parse(body, spec, gazetteer) -> Parsed``: the bytes of one publication as received,
the ``dataset:`` block of its registry entry (:class:`Spec`) and the organisation gazetteer. It returns
every observation (organisation, framework and version, value, the period or as-of date it applies
to, plus rank, score and deficit flag where the file gives them) and every row it skipped with the
reason, or raises :class:`DatasetError` / :class:`HeaderMismatch` for a file it cannot read. Importers
do not import spaCy. Adding a format: one module here and one line in ``FORMATS``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import cqc_api, cqc_ratings, nof_league_table, nof_segmentation
from .common import DatasetError, HeaderMismatch, Parsed, Spec

__all__ = ["FORMATS", "DatasetError", "HeaderMismatch", "Parsed", "Spec", "importer", "parse"]

FORMATS: dict[str, Callable[[bytes, Spec, Any], Parsed]] = {
    "nof_league_table": nof_league_table.parse,
    "nof_segmentation": nof_segmentation.parse,
    "cqc_ratings": cqc_ratings.parse,
    "cqc_ratings_csv": cqc_ratings.parse_csv,
    "cqc_api": cqc_api.parse,
}


def importer(fmt: str) -> Callable[[bytes, Spec, Any], Parsed]:
    """The parse function of a format; DatasetError for an unknown one."""
    try:
        return FORMATS[fmt]
    except KeyError:
        raise DatasetError(f"unknown dataset format {fmt!r} (known: {', '.join(FORMATS)})") from None


def parse(body: bytes, spec: Spec, gazetteer: Any = None) -> Parsed:
    """Read one publication with the importer of ``spec.format`` (the shipped gazetteer by default)."""
    if gazetteer is None:
        from nhswatch.extract.gazetteer import default_gazetteer

        gazetteer = default_gazetteer()
    return importer(spec.format)(body, spec, gazetteer)
