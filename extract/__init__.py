"""Text → organisations, oversight status changes and dates (a spaCy rule-based pipeline)."""

from .api import EXTRACTOR_VERSION, Result, extract

__all__ = ["EXTRACTOR_VERSION", "Result", "extract"]
