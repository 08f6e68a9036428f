"""Stage 5, package: the published data package and its checks.

Takes the rows of stages 3 and 4 (statement by statement, in order) and the codebook;
writes the CSV tables as the Table Schemas declare them, the nested view
(statements.jsonl) and its generated JSON Schema, datapackage.json and CODEBOOK.md.
`validate` checks what was written (frictionless, the evidence offsets, the nested view;
`fastcheck` does the same in DuckDB for large corpora) and `report` scores the rule
annotators against the gold. Hands on the files under data/ that stage 6 publishes.
"""
