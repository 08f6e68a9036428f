"""Whole corpora in: adapters that turn a published collection into statement folders.

Each adapter reads a collection as its publishers distribute it (the UN General Debate
Corpus archive and speakers spreadsheet; a folder of saved pages with a manifest) and
yields `Item`s: the source bytes and the metadata the collection states. `importer` does
the rest for every adapter: scope, what is already in, a trial read, and one atomic write.
"""
