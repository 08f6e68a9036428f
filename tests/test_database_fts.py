"""The full-text indexes of the published database find what a plainly built index finds.

`cybergov db` fills each FTS5 table in whichever of its two processes loaded the table, with
settings of its own while filling, and copies the second process's indexes in record by record.
Here every FTS table is checked by FTS5 itself (integrity-check, against its content table) and
compared, query by query, with an index built the ordinary way from the same rows.
"""
from __future__ import annotations

import json
import sqlite3

import pytest
from cybergov.publication.database import FTS, _halves, build_database
from cybergov.publication.search_index import TOKENIZE


@pytest.fixture(scope="module")
def conn(built, tmp_path_factory):
    path = build_database(built, tmp_path_factory.mktemp("fts") / "cybergov.db")
    c = sqlite3.connect(path)
    yield c
    c.close()


def test_an_index_is_copied_from_the_second_process(built):
    package = json.loads(built.datapackage.read_text(encoding="utf-8"))
    mine, theirs = _halves(built, package)
    assert any(t in theirs for t in FTS) and any(t in mine for t in FTS), (mine, theirs)


def _queries(c: sqlite3.Connection, table: str, columns: list[str]) -> list[str]:
    """Words of the index (common and rare), prefixes, phrases, boolean and NEAR queries, column filters."""
    c.execute(f"create virtual table temp.v_{table} using fts5vocab(main, {table}_fts, row)")
    terms = [t for t, in c.execute(f"select term from temp.v_{table} where term glob '[a-z]*' order by doc desc, term")]
    picked = terms[:8] + terms[len(terms) // 2:len(terms) // 2 + 4] + terms[-4:]
    queries = [f'"{t}"' for t in picked] + [f"{t[:3]}*" for t in picked[:6]]
    a, b = picked[0], picked[1]
    queries += [f'"{a} {b}"', f"{a} OR {b}", f"{a} NOT {b}", f"NEAR({a} {b}, 5)", f"{columns[-1]}: {a}"]
    first = c.execute(f"select {columns[-1]} from {table} where {columns[-1]} glob '[A-Za-z]* [a-z]* *' limit 1").fetchone()
    if first:
        queries.append('"' + " ".join(first[0].split()[:2]).replace('"', "") + '"')
    return queries


@pytest.mark.parametrize("table", list(FTS))
def test_every_search_finds_what_a_plain_index_finds(conn, table):
    columns = FTS[table]
    conn.execute(f"insert into {table}_fts({table}_fts) values ('integrity-check')")
    cols = ", ".join(columns)
    conn.execute(f"create virtual table temp.ref_{table} using fts5({cols}, tokenize='{TOKENIZE}')")
    conn.execute(f"insert into temp.ref_{table}(rowid, {cols}) select rowid, {cols} from main.{table}")
    found = 0
    for q in _queries(conn, table, columns):
        hits = conn.execute(f"select rowid from {table}_fts where {table}_fts match ? order by rank, rowid", [q]).fetchall()
        ref = conn.execute(f"select rowid from ref_{table} where ref_{table} match ? order by rank, rowid", [q]).fetchall()
        assert hits == ref, q
        found += len(hits)
    assert found > 0
