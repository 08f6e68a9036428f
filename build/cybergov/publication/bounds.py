"""Bounds that SQLite itself enforces on every connection the site opens.

The SQL time limit stops a slow query, not a fast one that makes a huge value
(`randomblob(1000000000)` takes milliseconds to ask for and gigabytes to answer). So each
connection refuses values over VALUE_BYTES, and each query stops once the rows it returned
hold more than RESULT_BYTES: a request can hold a few MB of results, never more.
"""
from __future__ import annotations

import re
import sqlite3
import threading

# The longest value stored is a statement's text (about 43 KB in the corpus); this leaves room.
VALUE_BYTES = 1_000_000
# Rows one query may return, counted in bytes of their text and blobs: a page of 1,000
# statements with their whole texts (about 13 MB now) still fits.
RESULT_BYTES = 16_000_000
SQL_BYTES = 100_000
COLUMNS = 200


class ResultTooLarge(sqlite3.OperationalError):
    """An OperationalError, so that Datasette answers it as it does bad SQL: 400, with the message."""


class _Budget:
    """Bytes of text and blobs returned so far by the connection's current cursor (a cursor
    is one query; Datasette reads one at a time on a connection)."""

    def __init__(self, limit: int):
        self.limit = limit
        self.cursor = None
        self.used = 0

    def row(self, cursor, values):
        n = 0
        for v in values:
            if v.__class__ is str or v.__class__ is bytes:
                n += len(v)
        if cursor is not self.cursor:
            self.cursor, self.used = cursor, 0
        self.used += n + 8 * len(values)
        if self.used > self.limit:
            raise ResultTooLarge(f"the result is larger than {self.limit // 1_000_000} MB: "
                                 "ask for fewer rows or columns (_size, _col, LIMIT), or download the CSV files")
        return sqlite3.Row(cursor, values)


# SQLite's printf repeats a %c to its precision one character at a time, past the length
# limit (2.4 s for '%.*c' with 1,000,000,000, and no progress handler runs meanwhile).
_REPEATED_CHAR = re.compile(r"%[-+ #0!,]*(?:\d+|\*)?\.(\d+|\*)c")
MAX_REPEAT = 10_000
_builtin = threading.local()


def _printf(fmt=None, *args):
    """SQLite's own printf, after refusing a %c repeated beyond MAX_REPEAT."""
    if isinstance(fmt, str):
        for precision in _REPEATED_CHAR.findall(fmt):
            if precision == "*" or int(precision) > MAX_REPEAT:
                raise ValueError(f"printf: a %c may be repeated at most {MAX_REPEAT} times")
    conn = getattr(_builtin, "conn", None)
    if conn is None:
        conn = _builtin.conn = sqlite3.connect(":memory:", check_same_thread=False)
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, VALUE_BYTES)
    return conn.execute(f"select printf({', '.join('?' * (1 + len(args)))})", (fmt, *args)).fetchone()[0]


def bound(conn: sqlite3.Connection, value_bytes: int = VALUE_BYTES, result_bytes: int = RESULT_BYTES) -> None:
    """Set the limits on a connection Datasette opened (its rows stay sqlite3.Row)."""
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, value_bytes)
    conn.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, SQL_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_COLUMN, COLUMNS)
    conn.row_factory = _Budget(result_bytes).row
    for name in ("printf", "format"):
        conn.create_function(name, -1, _printf, deterministic=True)
