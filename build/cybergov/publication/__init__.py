"""Stage 6, publication: the package made usable by people.

Takes the files of stage 5 (data/, datapackage.json, the Table Schemas); loads them into
a SQLite database with foreign keys, indexes, full-text search and precomputed aggregates
(`database`, `aggregates`, `charts`); serves it read-only with Datasette and the reading
room's pages (`site`, `pages/`, with the plugin and templates in datasette/); and packs
the release zip with Parquet copies and checksums (`release`). Nothing is written back to
the package.
"""
