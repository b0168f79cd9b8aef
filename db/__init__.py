"""SQLite storage: schema and migrations, idempotent loading, derived tables."""

from .schema import open_db

__all__ = ["open_db"]
