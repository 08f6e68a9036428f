"""Precomputed counts of positions: who supports and opposes what, by year (aggregates.py loads them).

The state, issue, theme, compare and event pages read these rather than the stances table,
so that a page costs the same at 10,000 statements as at 600. A stance counts for an issue
when its object is the issue, for an entity when its object is the entity, and for a theme
when its sentence is coded with the theme or one of the theme's sub-themes.
"""
from __future__ import annotations

_COUNTS = {
    "support": "Of those stances, how many support the object.",
    "oppose": "Of those stances, how many oppose it.",
    "statements": "Statements the stances occur in.",
}

TABLES: dict[str, dict] = {
    "holder_positions": {
        "title": "Positions by holder, object and year",
        "description": "How often each holder supported or opposed each contested issue and each entity in each year. "
                       "Precomputed from stances (issue_id, object_entity_id) when the database is built.",
        "columns": {"holder_id": "The state or organisation that holds the positions.",
                    "object_kind": "`issue` or `entity`.",
                    "object_id": "The issue (issues) or entity (entities) the stances' object is.",
                    "year": "Year of the statements (from date_published).", **_COUNTS},
        "ddl": """create table holder_positions (
            holder_id text not null references entities(entity_id), object_kind text not null, object_id text not null,
            year text not null, support integer not null, oppose integer not null, statements integer not null,
            primary key (holder_id, object_kind, object_id, year)) without rowid""",
        "rows": """select holder_id, kind, id, year, count_if(polarity = 'support'), count_if(polarity = 'oppose'),
                   count(distinct document_id)
            from (select t.holder_id, 'issue' as kind, t.issue_id as id, substr(d.date_published, 1, 4) as year, t.polarity, t.document_id
                  from stances t join documents d on d.document_id = t.document_id where t.issue_id is not null
                  union all
                  select t.holder_id, 'entity', t.object_entity_id, substr(d.date_published, 1, 4), t.polarity, t.document_id
                  from stances t join documents d on d.document_id = t.document_id where t.object_entity_id is not null)
            group by all order by 1, 2, 3, 4""",
        "indexes": [("object_kind", "object_id", "holder_id")],
        "sortable": ["year", "support", "oppose", "statements"],
    },
    "theme_positions": {
        "title": "Positions by theme, holder and year",
        "description": "How often each holder took a stance (support or oppose) in sentences coded with each theme or one "
                       "of its sub-themes, in each year. Precomputed from stances and sentence_themes.",
        "columns": {"theme_id": "The theme (counts include its sub-themes).",
                    "holder_id": "The state or organisation that holds the positions.",
                    "year": "Year of the statements (from date_published).",
                    "support": "Stances that support their object, in sentences coded with the theme.",
                    "oppose": "Stances that oppose their object, in those sentences.",
                    "statements": "Statements the stances occur in."},
        "ddl": """create table theme_positions (
            theme_id text not null references themes(theme_id), holder_id text not null references entities(entity_id),
            year text not null, support integer not null, oppose integer not null, statements integer not null,
            primary key (theme_id, holder_id, year)) without rowid""",
        # Each stance once per theme, whether its sentence has the theme, a sub-theme or both.
        "rows": """with recursive up(theme_id, ancestor) as (
                select theme_id, theme_id from themes
                union select u.theme_id, th.parent_id from up u join themes th on th.theme_id = u.ancestor
                where th.parent_id is not null),
            coded as (select distinct u.ancestor as theme_id, st.sentence_id
                      from sentence_themes st join up u on u.theme_id = st.theme_id),
            pairs as (select distinct c.theme_id, t.stance_id, t.holder_id, t.polarity, t.document_id
                      from coded c join stances t on t.sentence_id = c.sentence_id)
            select p.theme_id, p.holder_id, substr(d.date_published, 1, 4),
                   count_if(p.polarity = 'support'), count_if(p.polarity = 'oppose'), count(distinct p.document_id)
            from pairs p join documents d on d.document_id = p.document_id
            group by all order by 1, 2, 3""",
        "indexes": [("holder_id",)],
        "sortable": ["year", "support", "oppose", "statements"],
    },
    "holder_mentions": {
        "title": "Entities named by each holder",
        "description": "How often the statements of each holder (documents.holder_id) name each entity: its formulations, "
                       "the organisations and treaties it cites. Precomputed from mentions.",
        "columns": {"holder_id": "The state or organisation whose statements these are.",
                    "entity_id": "The entity named.",
                    "mentions": "Mentions of the entity in those statements.",
                    "statements": "Statements of the holder that name it.",
                    "first_date": "Earliest of those statements.", "last_date": "Latest of those statements."},
        "ddl": """create table holder_mentions (
            holder_id text not null references entities(entity_id), entity_id text not null references entities(entity_id),
            mentions integer not null, statements integer not null, first_date text, last_date text,
            primary key (holder_id, entity_id)) without rowid""",
        "rows": """select d.holder_id, m.entity_id, count(*), count(distinct m.document_id),
                   min(d.date_published), max(d.date_published)
            from mentions m join documents d on d.document_id = m.document_id
            group by all order by 1, 2""",
        "indexes": [("entity_id",)],
        "sortable": ["mentions", "statements", "first_date", "last_date"],
    },
    "theme_counts": {
        "title": "Themes: counts",
        "description": "One row per theme coded at least once: the statements and sentences coded with it (not its sub-themes). "
                       "Precomputed from sentence_themes.",
        "columns": {"theme_id": "The theme.", "statements": "Statements with a sentence coded with it.",
                    "sentences": "Sentences coded with it."},
        "ddl": """create table theme_counts (theme_id text primary key references themes(theme_id),
            statements integer not null, sentences integer not null)""",
        "rows": """select theme_id, count(distinct document_id), count(*) from sentence_themes group by 1 order by 1""",
        "sortable": ["statements", "sentences"],
    },
}

# The package's tables and columns the queries above read (added to aggregates._SOURCES).
SOURCES = {"documents": ("holder_id",), "themes": ("parent_id",), "stances": ("stance_id", "sentence_id"),
           "sentence_themes": ("sentence_id",)}
# Indexes on base tables for the pages that list quotes (a holder's strongest on one object).
INDEXES = {"stances": [("holder_id", "issue_id"), ("holder_id", "object_entity_id")],
           "documents": [("holder_id", "date_published"), ("event_id", "holder_id")]}
