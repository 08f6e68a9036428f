"""Tables precomputed when the database is built, so that pages need not aggregate per request."""
from __future__ import annotations

import sqlite_utils


def create_aggregates(db: sqlite_utils.Database) -> None:
    """Nothing yet: pages aggregate on request."""
