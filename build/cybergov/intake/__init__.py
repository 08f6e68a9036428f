"""Stage 2, intake: getting statements in, as statement folders under sources/statements/.

`add` takes one saved page (text or HTML): it checks and decodes the bytes, reads the page
through a publisher profile (stage 1), detects what the page states (language, publisher,
speaker and role, genre, event) with the wording of sources/wording.yaml, and writes the
folder (the page byte-for-byte, metadata.yaml with a todo list), any new event and any new
publisher the page names in one step, after a trial build that the caller runs. `import`
does the same for whole corpora through adapters. Nothing here imports from a later stage:
the trial build is handed in.
"""
