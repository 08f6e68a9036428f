"""Stage 3, documents: one statement's published text, paragraphs and sentences.

Takes a `Source` and the `Context` from stage 1; reads the saved page through its profile,
reconciles title and date with the metadata, and splits the text into paragraphs (with
their kind) and sentences, every span a pair of code-point offsets into the published
text. Hands on the rows of documents, document_speakers, paragraphs and sentences.
"""
