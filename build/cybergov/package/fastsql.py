"""Quoting for the SQL that validate --fast writes (DuckDB)."""
from __future__ import annotations


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _v(table: str) -> str:
    """The view of a loaded table with its frictionless row number, __row."""
    return _q("v_" + table)


def _int(col: str) -> str:
    return f"TRY_CAST({col} AS BIGINT)"
