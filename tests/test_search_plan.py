"""The plans search_plan chooses between for a page of a table's full-text search: each gives
Datasette's rows in Datasette's order, also where row ids do not follow the keys, and the
choice follows where the matches lie."""
from __future__ import annotations

import random
import sqlite3

import pytest
from cybergov.publication.search_index import create_fts
from cybergov.publication.search_plan import cheapest, rewritten

N = 4000
DATASETTE = "rowid in (select rowid from t_fts where t_fts match :search)"


def _text(i: int) -> str:
    words = ["common"]
    if i % 7 == 0:
        words.append("weekly")
    if i >= N - 40:
        words.append("late")
    if i == N - 3:
        words.append("rare")
    return " ".join(words)


@pytest.fixture(scope="module")
def conn():
    conn = sqlite3.connect(":memory:")
    conn.execute("create table t (id text primary key not null, text text not null)")
    # Row ids only roughly follow the keys, as in the package's tables (whose keys number
    # paragraphs and sentences with two digits, so p100 comes before p11): each block of 50
    # is written in a shuffled order.
    rng = random.Random(7)
    for start in range(0, N, 50):
        block = list(range(start, min(N, start + 50)))
        rng.shuffle(block)
        conn.executemany("insert into t values (?, ?)", [(f"k{i:05d}", _text(i)) for i in block])
    create_fts(conn, "t", ["text"], fill=True)
    return conn


def _page(conn, condition: str, word: str, rows: int, after: str | None) -> list[str]:
    where = condition + (" and id > :after" if after else "")
    return [r[0] for r in conn.execute(f"select id from t where {where} order by id limit {rows}", {"search": word, "after": after})]


@pytest.mark.parametrize("word", ["common", "weekly", "late", "rare", "absent"])
@pytest.mark.parametrize("rows", [1, 21, 301])
@pytest.mark.parametrize("after", [None, "k00100", "k03900"])
def test_every_plan_gives_datasettes_rows(conn, word, rows, after):
    expected = _page(conn, DATASETTE, word, rows, after)
    assert expected == sorted(f"k{i:05d}" for i in range(N) if word in _text(i).split() and (after is None or f"k{i:05d}" > after))[:rows]
    for plan in ("walk", "probe"):
        assert _page(conn, rewritten(DATASETTE, plan, "t"), word, rows, after) == expected, plan


def test_datasettes_escaped_search_is_rewritten_too(conn):
    """Datasette's default condition passes the words through its escape_fts function."""
    from datasette.utils import escape_fts

    conn.create_function("escape_fts", 1, escape_fts)
    theirs = DATASETTE.replace(":search", "escape_fts(:search)")
    for plan in ("walk", "probe"):
        condition = rewritten(theirs, plan, "t")
        assert "escape_fts(:search)" in condition
        assert _page(conn, condition, "common weekly", 30, "k00100") == _page(conn, theirs, "common weekly", 30, "k00100") != []


def test_the_plan_follows_where_the_matches_lie(conn):
    # In every row: the page's rows are the first ones, and a probe of each finds them.
    assert cheapest(conn, "t", "id", "common", 21) == "probe"
    # One row in seven: checking each against the list of matches is cheaper than probing.
    assert cheapest(conn, "t", "id", "weekly", 21) == "walk"
    # Only at the end of the table: looking up the few matches beats walking there.
    assert cheapest(conn, "t", "id", "late", 21) == "lookup"
    assert cheapest(conn, "t", "id", "rare", 21) == "lookup"
    assert cheapest(conn, "t", "id", "absent", 21) == "lookup"
    # After a key near the end, the matches of "common" still lie right there.
    assert cheapest(conn, "t", "id", "common", 21, after="k03900") == "probe"


def test_the_plans_read_as_sqlite_is_meant_to_read_them(conn):
    """A walk and a probe go through the key index without sorting; the lookups look rows up by rowid."""
    def plan(condition):
        return " | ".join(r[3] for r in conn.execute(f"explain query plan select * from t where {condition} order by id limit 5",
                                                      {"search": "common"}))
    assert "USING INTEGER PRIMARY KEY" in plan(DATASETTE) and "TEMP B-TREE" in plan(DATASETTE)
    for name in ("walk", "probe"):
        shown = plan(rewritten(DATASETTE, name, "t"))
        assert "SCAN t USING INDEX" in shown and "TEMP B-TREE" not in shown, shown
