"""The tables `cybergov db` precomputes (aggregates.py), checked against the base tables they
summarise, and the canned queries that read them, checked against the unbounded queries
they replace, on the seed package."""
from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict

import pytest
from conftest import rows
from cybergov.paths import DATABASE
from cybergov.publication.aggregates import INDEXES, OVERVIEW, TABLES
from cybergov.publication.database import build_database
from cybergov.publication.site import FACET_MAX_ROWS, FACETS, metadata
from cybergov.sources.yamlio import load_yaml


@pytest.fixture(scope="module")
def db(built, tmp_path_factory):
    path = build_database(built, tmp_path_factory.mktemp("agg") / "cybergov.db")
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    yield conn
    conn.close()


def table(conn, name: str) -> list[dict]:
    return [dict(r) for r in conn.execute(f"select * from {name}")]


def test_entity_documents_counts_each_entity_in_each_statement(db, built):
    dates = {d["document_id"]: d["date_published"] for d in rows(built, "documents")}
    expected: dict = defaultdict(lambda: {"mentions": 0, "stances": 0, "support": 0, "oppose": 0})
    for m in rows(built, "mentions"):
        expected[(m["entity_id"], m["document_id"])]["mentions"] += 1
    for t in rows(built, "stances"):
        if t["object_entity_id"]:
            e = expected[(t["object_entity_id"], t["document_id"])]
            e["stances"] += 1
            e[t["polarity"]] += 1
    got = {(r["entity_id"], r["document_id"]): r for r in table(db, "entity_documents")}
    assert set(got) == set(expected) and got
    for key, e in expected.items():
        r = got[key]
        assert r["date_published"] == dates[key[1]]
        assert (r["mentions"], r["stances"], r["support"], r["oppose"]) == (e["mentions"], e["stances"], e["support"], e["oppose"])


def test_entity_counts_sum_over_all_statements(db, built):
    entities = rows(built, "entities")
    mentions, stances = rows(built, "mentions"), rows(built, "stances")
    dates = {d["document_id"]: d["date_published"] for d in rows(built, "documents")}
    got = {r["entity_id"]: r for r in table(db, "entity_counts")}
    assert set(got) == {e["entity_id"] for e in entities}  # every entity, mentioned or not
    for e in entities:
        i = e["entity_id"]
        ms = [m for m in mentions if m["entity_id"] == i]
        ts = [t for t in stances if t["object_entity_id"] == i]
        held = [t for t in stances if t["holder_id"] == i]
        docs = {m["document_id"] for m in ms} | {t["document_id"] for t in ts}
        r = got[i]
        assert (r["name"], r["kind"]) == (e["name"], e["kind"])
        assert (r["mentions"], r["stances"], r["statements"]) == (len(ms), len(ts), len(docs))
        assert (r["support"], r["oppose"]) == (sum(t["polarity"] == "support" for t in ts), sum(t["polarity"] == "oppose" for t in ts))
        assert (r["held"], r["held_statements"]) == (len(held), len({t["document_id"] for t in held}))
        assert (r["first_date"], r["last_date"]) == ((min(dates[d] for d in docs), max(dates[d] for d in docs)) if docs else (None, None))
        assert (r["surfaces"] or "") == " | ".join(sorted({m["surface"] for m in ms}))


def test_theme_document_counts_is_the_theme_by_statement_matrix(db, built):
    expected = Counter((r["theme_id"], r["document_id"]) for r in rows(built, "sentence_themes"))
    got = {(r["theme_id"], r["document_id"]): r["sentences"] for r in table(db, "theme_document_counts")}
    assert got == dict(expected) and got


def test_stance_pairs_equal_the_grouping_over_stances(db):
    # The query stances_by_holder_and_object ran on every request before it was precomputed.
    base = db.execute("""
        select t.holder_id, h.name as holder, t.polarity,
               coalesce(t.object_entity_id, t.issue_id) as object_id,
               coalesce(e.name, i.label) as object, count(*) as stances, count(distinct t.document_id) as statements
        from stances t
        join entities h on h.entity_id = t.holder_id
        left join entities e on e.entity_id = t.object_entity_id
        left join issues i on i.issue_id = t.issue_id
        group by 1, 2, 3, 4, 5""").fetchall()
    got = db.execute("select holder_id, holder, polarity, object_id, object, stances, statements from stance_pairs").fetchall()
    assert sorted(map(tuple, got), key=repr) == sorted(map(tuple, base), key=repr) and got


def canned(built) -> dict:
    return load_yaml(built.root / "datasette" / "queries.yaml")


def test_canned_queries_are_bounded(built):
    for name, q in canned(built).items():
        sql = q["sql"].lower()
        assert "limit" in sql, f"{name} has no limit: at 10,000 statements it would list thousands of rows"


def test_entity_statements_equals_the_query_over_the_base_tables(db, built):
    sql = canned(built)["entity_statements"]["sql"]
    for entity_id in {m["entity_id"] for m in rows(built, "mentions")} | {"brics"}:
        got = db.execute(sql, {"entity_id": entity_id}).fetchall()
        base = db.execute("""
            select d.date_published, d.title, d.document_id, s.sentence_id, 'mention', m.surface, null, s.text
            from mentions m join sentences s on s.sentence_id = m.sentence_id join documents d on d.document_id = m.document_id
            where m.entity_id = :entity_id
            union all
            select d.date_published, d.title, d.document_id, s.sentence_id, 'stance', t.quote, t.polarity, s.text
            from stances t join sentences s on s.sentence_id = t.sentence_id join documents d on d.document_id = t.document_id
            where t.object_entity_id = :entity_id
            order by 1 desc, 3 desc, 4""", {"entity_id": entity_id}).fetchall()
        got, base = [tuple(r) for r in got], [tuple(r) for r in base]
        if len(base) <= 100:
            assert got == base, entity_id
        else:  # the query stops at 100 rows: the latest ones, in order
            key = lambda r: (r[0], r[2])  # noqa: E731
            assert len(got) == 100 and set(got) <= set(base), entity_id
            assert [key(r) for r in got] == sorted((key(r) for r in got), reverse=True)
            assert min(key(r) for r in got) >= sorted((key(r) for r in base), reverse=True)[99]


def test_formulations_summary_equals_the_uses_in_the_base_tables(db, built):
    got = {r["entity_id"]: dict(r) for r in db.execute(canned(built)["formulations_across_documents"]["sql"])}
    dates = {d["document_id"]: d["date_published"] for d in rows(built, "documents")}
    kinds = {e["entity_id"]: e["kind"] for e in rows(built, "entities")}
    uses: dict[str, list] = defaultdict(list)
    for m in rows(built, "mentions"):
        if kinds[m["entity_id"]] == "formulation":
            uses[m["entity_id"]].append(m)
    assert set(got) == set(uses) and got
    for entity_id, ms in uses.items():
        docs = {m["document_id"] for m in ms}
        latest = max(docs, key=lambda d: (dates[d], d))
        r = got[entity_id]
        assert (r["statements"], r["mentions"]) == (len(docs), len(ms))
        assert (r["first_used"], r["date_published"], r["document_id"]) == (min(dates[d] for d in docs), dates[latest], latest)


def test_theme_document_matrix_is_the_latest_statements(db, built):
    got = db.execute(canned(built)["theme_document_matrix"]["sql"]).fetchall()
    docs = sorted(rows(built, "documents"), key=lambda d: (d["date_published"], d["document_id"]), reverse=True)[:20]
    ids = {d["document_id"] for d in docs}
    expected = Counter((r["theme_id"], r["document_id"]) for r in rows(built, "sentence_themes") if r["document_id"] in ids)
    assert {(r["theme_id"], r["document_id"]): r["sentences"] for r in got} == dict(expected)


def test_overview_charts_are_stored_as_vega_lite(db):
    specs = {name: json.loads(spec) for name, spec in db.execute(f"select name, spec from {OVERVIEW}")}
    assert set(specs) == {"timeline", "themes"}
    assert all("vega-lite" in s["$schema"] for s in specs.values())


def test_pages_read_by_index(db):
    """The queries the entity page and the home page run per request find their rows by index, without sorting."""
    names = {r[0] for r in db.execute("select name from sqlite_master where type = 'index'")}
    for tbl, indexes in INDEXES.items():
        for columns in indexes:
            assert f"idx_{tbl}_{'_'.join(columns)}" in names
    plans = {
        "select document_id from entity_documents where entity_id = 'china' order by date_published desc, document_id desc limit 20": "entity_documents",
        "select document_id from documents order by date_published desc, document_id desc limit 50": "documents",
    }
    for sql, tbl in plans.items():
        plan = " ".join(r[3] for r in db.execute("explain query plan " + sql))
        assert "TEMP B-TREE" not in plan and "USING" in plan and tbl in plan, plan


def test_aggregates_are_described_for_datasette(db, built):
    tables = metadata(built)["databases"][DATABASE]["tables"]
    for name, spec in TABLES.items():
        columns = [r[1] for r in db.execute(f"pragma table_info({name})")]
        assert list(tables[name]["columns"]) == columns, name
        assert tables[name]["description"] and set(tables[name]["sortable_columns"]) <= set(columns)
    assert tables[OVERVIEW]["hidden"]


def test_facets_only_on_tables_small_enough(built, tmp_path):
    """Default facets run over the whole table on every request: tables above FACET_MAX_ROWS get none."""
    counts = {name: 10 for name in FACETS}
    counts["mentions"] = FACET_MAX_ROWS + 1
    db = tmp_path / "cybergov.db"
    db.with_suffix(".inspect.json").write_text(json.dumps({DATABASE: {"tables": {n: {"count": c} for n, c in counts.items()}}}))
    tables = metadata(built, db)["databases"][DATABASE]["tables"]
    assert "facets" not in tables["mentions"]
    assert tables["stances"]["facets"] == FACETS["stances"] and tables["statements"]["facets"] == FACETS["statements"]


def test_position_tables_equal_the_grouping_over_stances(db, built):
    stances = rows(built, "stances")
    years = {d["document_id"]: d["date_published"][:4] for d in rows(built, "documents")}
    expected: dict[tuple, list] = defaultdict(lambda: [0, 0, set()])
    for t in stances:
        for kind, column in (("issue", "issue_id"), ("entity", "object_entity_id")):
            if t[column]:
                e = expected[(t["holder_id"], kind, t[column], years[t["document_id"]])]
                e[0] += t["polarity"] == "support"
                e[1] += t["polarity"] == "oppose"
                e[2].add(t["document_id"])
    got = {(r["holder_id"], r["object_kind"], r["object_id"], r["year"]): (r["support"], r["oppose"], r["statements"])
           for r in table(db, "holder_positions")}
    assert got == {k: (s, o, len(d)) for k, (s, o, d) in expected.items()} and got
    # A stance counts for a theme when its sentence is coded with the theme or a sub-theme, once.
    parent = {t["theme_id"]: t["parent_id"] for t in rows(built, "themes")}
    themes_of: dict[str, set] = defaultdict(set)
    for c in rows(built, "sentence_themes"):
        theme = c["theme_id"]
        while theme:
            themes_of[c["sentence_id"]].add(theme)
            theme = parent[theme]
    by_theme: dict[tuple, list] = defaultdict(lambda: [0, 0, set()])
    for t in stances:
        for theme in themes_of[t["sentence_id"]]:
            e = by_theme[(theme, t["holder_id"], years[t["document_id"]])]
            e[0] += t["polarity"] == "support"
            e[1] += t["polarity"] == "oppose"
            e[2].add(t["document_id"])
    got = {(r["theme_id"], r["holder_id"], r["year"]): (r["support"], r["oppose"], r["statements"]) for r in table(db, "theme_positions")}
    assert got == {k: (s, o, len(d)) for k, (s, o, d) in by_theme.items()} and got
    holders = {d["document_id"]: d["holder_id"] for d in rows(built, "documents")}
    named = Counter((holders[m["document_id"]], m["entity_id"]) for m in rows(built, "mentions"))
    assert {(r["holder_id"], r["entity_id"]): r["mentions"] for r in table(db, "holder_mentions")} == dict(named)
