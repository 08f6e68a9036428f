"""The reading room's pages: what the statement, entity, search and home pages show.

Plain functions over a SQLite connection to the published database (Datasette calls them
through `execute_fn`, from the plugin in datasette/plugins/), so they can be tested
without a server. The HTML they return is built from offsets into documents.text: every
piece of text goes through markupsafe, and the tags come only from these modules.
"""
