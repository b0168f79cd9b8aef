"""Text → organisations, oversight status changes and dates (a spaCy rule-based pipeline).

``extract``, ``Result`` and ``EXTRACTOR_VERSION`` are imported on first use, so light modules such as
``extract.frameworks`` (read by ``db`` and the Datasette plugin) can be imported without spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import EXTRACTOR_VERSION, ExtractionBudgetExceeded, InputError, Result, extract

__all__ = ["EXTRACTOR_VERSION", "ExtractionBudgetExceeded", "InputError", "Result", "extract"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
