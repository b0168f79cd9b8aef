"""Fetch and archive NHS announcement pages: discovery, polite HTTP, article parsing."""

__version__ = "0.1.0"
