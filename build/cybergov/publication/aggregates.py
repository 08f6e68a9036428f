"""Tables precomputed when the database is built, so that pages need not aggregate per request.

At 10,000 statements the base tables hold hundreds of thousands of mentions, stances and
theme codes: a GROUP BY over them takes seconds, longer than Datasette's time limit. The
database is immutable once built, so the counts the reading room and the canned queries
show are computed once, together with the indexes those pages filter and sort by. Each
table is described in TABLES, which site.py turns into Datasette metadata.

The counts are computed by DuckDB from the package's CSVs, the very rows the base tables
are loaded from (aggregate_rows), by the second of the two processes that load the
database (database.py), into tables whose DDL is given here.
"""
from __future__ import annotations

import json

import duckdb
import sqlite_utils

from ..paths import Paths
from . import positions
from .charts import overview_specs

# name -> title, description, column descriptions, SQLite DDL and the DuckDB query that gives its rows
# (tables named in a query are the package's, or aggregates listed before it).
TABLES: dict[str, dict] = {
    "entity_documents": {
        "title": "Entities by statement",
        "description": "One row per entity and statement that mentions it or takes a stance on it, with the counts. "
                       "Precomputed from mentions and stances when the database is built.",
        "columns": {
            "entity_id": "The entity.",
            "document_id": "The statement.",
            "date_published": "Date the statement was published.",
            "mentions": "Mentions of the entity in the statement.",
            "stances": "Stances in the statement whose object is the entity.",
            "support": "Of those stances, how many support it.",
            "oppose": "Of those stances, how many oppose it.",
        },
        "ddl": """create table entity_documents (
            entity_id text not null references entities(entity_id),
            document_id text not null references documents(document_id),
            date_published text,
            mentions integer not null, stances integer not null, support integer not null, oppose integer not null,
            primary key (entity_id, document_id)) without rowid""",
        "rows": """select x.entity_id, x.document_id, d.date_published, sum(x.mentions) as mentions, sum(x.stances) as stances,
                   sum(x.support) as support, sum(x.oppose) as oppose
            from (select entity_id, document_id, count(*) as mentions, 0 as stances, 0 as support, 0 as oppose
                  from mentions group by entity_id, document_id
                  union all
                  select object_entity_id, document_id, 0, count(*), count_if(polarity = 'support'), count_if(polarity = 'oppose')
                  from stances where object_entity_id is not null group by object_entity_id, document_id) x
            join documents d on d.document_id = x.document_id
            group by x.entity_id, x.document_id, d.date_published order by 1, 2""",
        # The entity page and entity_statements take an entity's latest statements from here.
        "indexes": [("entity_id", "date_published", "document_id")],
        "sortable": ["date_published", "mentions", "stances", "support", "oppose"],
    },
    "entity_counts": {
        "title": "Entities: counts",
        "description": "One row per entity: how often statements mention it and take stances on it or hold them. "
                       "Precomputed from mentions and stances when the database is built.",
        "columns": {
            "entity_id": "The entity.",
            "name": "Its name.",
            "kind": "Its kind.",
            "mentions": "Mentions of it in all statements.",
            "stances": "Stances whose object is it.",
            "support": "Of those stances, how many support it.",
            "oppose": "Of those stances, how many oppose it.",
            "statements": "Statements that mention it or take a stance on it.",
            "first_date": "Earliest publication date among those statements.",
            "last_date": "Latest publication date among those statements.",
            "held": "Stances it holds (as holder).",
            "held_statements": "Statements in which it holds a stance.",
            "surfaces": "The distinct words that mention it, separated by ' | '.",
        },
        "ddl": """create table entity_counts (
            entity_id text primary key references entities(entity_id), name text, kind text,
            mentions integer not null, stances integer not null, support integer not null, oppose integer not null,
            statements integer not null, first_date text, last_date text,
            held integer not null, held_statements integer not null, surfaces text)""",
        "rows": """select e.entity_id, e.name, e.kind,
                   coalesce(x.mentions, 0), coalesce(x.stances, 0), coalesce(x.support, 0), coalesce(x.oppose, 0),
                   coalesce(x.statements, 0), x.first_date, x.last_date, coalesce(h.held, 0), coalesce(h.docs, 0), w.surfaces
            from entities e
            left join (select entity_id, sum(mentions) as mentions, sum(stances) as stances, sum(support) as support,
                              sum(oppose) as oppose, count(*) as statements,
                              min(date_published) as first_date, max(date_published) as last_date
                       from entity_documents group by entity_id) x on x.entity_id = e.entity_id
            left join (select holder_id, count(*) as held, count(distinct document_id) as docs
                       from stances group by holder_id) h on h.holder_id = e.entity_id
            left join (select entity_id, string_agg(surface, ' | ' order by surface) as surfaces
                       from (select distinct entity_id, surface from mentions) group by entity_id) w on w.entity_id = e.entity_id
            order by e.rowid""",
        "indexes": [("kind", "name")],
        "sortable": ["name", "kind", "mentions", "stances", "support", "oppose", "statements", "first_date", "last_date",
                     "held", "held_statements"],
    },
    "theme_document_counts": {
        "title": "Themes by statement",
        "description": "The theme x statement matrix, one row per non-empty cell: how many sentences of the statement "
                       "are coded with the theme. Precomputed from sentence_themes when the database is built.",
        "columns": {
            "theme_id": "The theme.",
            "document_id": "The statement.",
            "date_published": "Date the statement was published.",
            "sentences": "Sentences of the statement coded with the theme.",
        },
        "ddl": """create table theme_document_counts (
            theme_id text not null references themes(theme_id),
            document_id text not null references documents(document_id),
            date_published text, sentences integer not null,
            primary key (theme_id, document_id)) without rowid""",
        # (sentence_id, theme_id) is the key of sentence_themes, so count(*) counts distinct sentences.
        "rows": """select st.theme_id, st.document_id, d.date_published, count(*) as sentences
            from sentence_themes st join documents d on d.document_id = st.document_id
            group by st.theme_id, st.document_id, d.date_published order by 1, 2""",
        "indexes": [("document_id",)],
        "sortable": ["date_published", "sentences"],
    },
    "stance_pairs": {
        "title": "Stances by holder and object",
        "description": "How often each holder supports or opposes each object that is an entity or a contested issue (other "
                       "objects are counted together under an empty object). Precomputed from stances.",
        "columns": {
            "holder_id": "The entity that holds the stances.",
            "holder": "Its name.",
            "polarity": "support or oppose.",
            "object_id": "The entity or the issue the object is; empty for other objects.",
            "object": "Name of the entity or label of the issue.",
            "stances": "Number of stances.",
            "statements": "Statements they occur in.",
        },
        "ddl": """create table stance_pairs (
            holder_id text references entities(entity_id), holder text, polarity text,
            object_id text, object text, stances integer not null, statements integer not null)""",
        "rows": """select t.holder_id, h.name, t.polarity, coalesce(t.object_entity_id, t.issue_id) as object_id,
                   coalesce(e.name, i.label) as object, count(*) as stances, count(distinct t.document_id) as statements
            from stances t
            join entities h on h.entity_id = t.holder_id
            left join entities e on e.entity_id = t.object_entity_id
            left join issues i on i.issue_id = t.issue_id
            group by all order by 1 nulls first, 2 nulls first, 3 nulls first, 4 nulls first, 5 nulls first""",
        "indexes": [("stances",)],
        "sortable": ["holder", "polarity", "object", "stances", "statements"],
    },
}
TABLES.update(positions.TABLES)
# Indexes on base tables, for the pages' filters and sort orders (the foreign-key columns
# are indexed by database.py already).
INDEXES = {
    # Latest statements first (home page, statements view sorted by date).
    "documents": [("date_published", "document_id"), ("genre",), ("language",), ("speech_mode",)],
    # An entity's evidence in a few given statements (entity page, entity_statements).
    "mentions": [("entity_id", "document_id")],
    "stances": [("object_entity_id", "document_id"), ("issue_id", "document_id")],
}
for _table, _indexes in positions.INDEXES.items():
    INDEXES[_table] = INDEXES.get(_table, []) + _indexes
# The home page charts: Vega-Lite specs, computed once here (charts.py).
OVERVIEW = "overview_charts"


# The package's tables the queries read, and the columns they need.
_SOURCES = {"documents": ("document_id", "date_published"), "entities": ("entity_id", "name", "kind"),
            "themes": ("theme_id", "label"), "issues": ("issue_id", "label"), "mentions": ("entity_id", "document_id", "surface"),
            "stances": ("holder_id", "object_entity_id", "issue_id", "polarity", "document_id"),
            "sentence_themes": ("theme_id", "document_id")}


for _table, _columns in positions.SOURCES.items():
    _SOURCES[_table] = (*_SOURCES[_table], *_columns)


def aggregate_rows(paths: Paths) -> dict[str, list[tuple]]:
    """The rows of every table in TABLES, from the package's CSVs (empty cells read as NULL, as SQLite gets them)."""
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = true")  # entity_counts keeps the order of entities.csv
    try:
        for table, columns in _SOURCES.items():
            path = paths.data / f"{table}.csv"
            # The dialect is the writer's, stated: sniffed from the first rows, a table whose first
            # 20,000 rows quote nothing was read as unquoted (General Debate sentence_themes).
            con.execute(f"CREATE TABLE {table} AS SELECT {', '.join(columns)} FROM read_csv(?, header=true, all_varchar=true, "
                        "delim=',', quote='\"', escape='\"')", [str(path)])
        out = {}
        for name, spec in TABLES.items():
            con.execute(f"CREATE TABLE {name} AS {spec['rows']}")
            out[name] = con.execute(f"SELECT * FROM {name}").fetchall()
        return out
    finally:
        con.close()


def create_page_indexes(db: sqlite_utils.Database) -> None:
    for table, indexes in INDEXES.items():
        for columns in indexes:
            db[table].create_index(columns, if_not_exists=True)


def create_aggregate_tables(db: sqlite_utils.Database) -> None:
    for name, spec in TABLES.items():
        db.execute(f"drop table if exists {name}")
        db.execute(spec["ddl"])


def insert_aggregates(db: sqlite_utils.Database, rows: dict[str, list[tuple]]) -> None:
    for name, values in rows.items():
        if values:
            db.conn.executemany(f"insert into {name} values ({', '.join('?' * len(values[0]))})", values)


def finish_aggregates(db: sqlite_utils.Database) -> None:
    """The aggregates' indexes, and the home page's charts computed from the tables."""
    for name, spec in TABLES.items():
        for columns in spec.get("indexes", []):
            db[name].create_index(columns, if_not_exists=True)
    db.execute(f"drop table if exists {OVERVIEW}")
    db.execute(f"create table {OVERVIEW} (name text primary key, spec text not null)")
    db.conn.executemany(f"insert into {OVERVIEW} values (?, ?)",
                        [(k, json.dumps(v, ensure_ascii=False)) for k, v in overview_specs(db.conn).items()])
