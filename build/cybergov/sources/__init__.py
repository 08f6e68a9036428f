"""Stage 1, sources: reading what people wrote by hand under sources/.

Takes the YAML files (codebook, profiles, conventions, events, package metadata) and the
statement folders (saved page, metadata.yaml, curated.yaml), checks each against its JSON
Schema and against the others, and hands on a `Context` (codebook and profiles) and one
`Source` per statement. A saved page is read through its publisher profile here too
(title, date line, body paragraphs), since that is reading an input as it was saved.
The phrase matcher that finds codebook names in text lives here because every later
stage uses it. Nothing in this stage imports from a later one.
"""
