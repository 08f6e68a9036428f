"""What the search page needs beside the FTS5 tables: the words of the index with their stems,
British and American spellings, and an index of the sentences that hold Chinese characters.

The FTS5 tables index words as written (unicode61), so that a prefix ("militari*") matches
the beginnings of words as a reader types them. Stemming is done on the query instead: a
word is looked up by its Porter stem (SQLite's own `porter` tokenizer, run on a table in
memory) in `search_terms`, and replaced by every word of the index with the same stem, or
with the stem of its other spelling (`spelling_variants`, from datasette/spelling.yaml).

unicode61 reads a run of Chinese characters as one token, so Chinese text is indexed
apart, in `sentences_cjk_fts`: each Han character is its own token, and a query word in
Chinese becomes the phrase of its characters, which finds words of any length (a trigram
index finds nothing shorter than three characters, and most Chinese words have two).
"""
from __future__ import annotations

import re
import sqlite3
from functools import lru_cache
from pathlib import Path

from ..sources.yamlio import load_yaml

# Han ideographs (the CJK blocks and their extensions), the characters that get tokens of their own.
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Put around each Han character in sentences_cjk_fts: a separator to unicode61 (a control
# character, never in the published text) that the page removes from the snippets.
SEP = "\x1f"
TOKENIZE = "unicode61 remove_diacritics 2"
CJK_FTS = "sentences_cjk_fts"
TERMS = "search_terms"
VARIANTS = "spelling_variants"
# The FTS tables whose words are looked up by stem.
VOCABULARY_OF = ("sentences_fts", "entities_fts")
# The tables the search tables are computed from (create_search_tables).
SEARCH_SOURCES = ("sentences", "entities")
# The tables an FTS5 table of external content keeps its index in.
FTS_SHADOWS = ("data", "idx", "docsize", "config")
# Terms FTS5 gathers in memory before it writes a segment, while an index is filled. Its
# default (1 MB) writes hundreds of small segments for a large table and merges them again and
# again; at 64 MB filling the sentences takes about 40 % less time. The setting is removed once
# the index is full, so the published configuration is FTS5's own.
FILL_HASHSIZE = 64 << 20


def cjk_form(text: str) -> str:
    """The text as sentences_cjk_fts indexes it: every Han character set apart by SEP."""
    return HAN.sub(lambda m: SEP + m.group(0) + SEP, text)


def porter_stems(words) -> dict[str, str]:
    """The stem SQLite's porter tokenizer gives each word (words it splits or drops are left out)."""
    words = list(dict.fromkeys(words))
    if not words:
        return {}
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute(f"create virtual table w using fts5(word, tokenize='porter {TOKENIZE}')")
        conn.executemany("insert into w(rowid, word) values (?, ?)", enumerate(words))
        conn.execute("create virtual table v using fts5vocab(w, instance)")
        found: dict[int, list[str]] = {}
        for term, doc in conn.execute("select term, doc from v order by doc, offset"):
            found.setdefault(doc, []).append(term)
        return {words[i]: terms[0] for i, terms in found.items() if len(terms) == 1}
    finally:
        conn.close()


@lru_cache(maxsize=4096)
def stem(word: str) -> str | None:
    return porter_stems([word]).get(word)


def variant_rows(path: Path) -> list[tuple[str, str, str]]:
    """(british, american, kind) from the spelling table: whole words, and word endings."""
    if not path.is_file():
        return []
    data = load_yaml(path, path.name)
    return ([(b, a, "word") for b, a in (data.get("words") or {}).items()]
            + [(b, a, "ending") for b, a in (data.get("endings") or {}).items()])


def create_fts(conn: sqlite3.Connection, table: str, columns: list[str], fill: bool) -> None:
    """table_fts, indexing the columns with the table as its external content (the text is not
    stored twice), in the words sqlite-utils' enable_fts writes, which Datasette recognises;
    filled from the table when `fill`, else left empty (database.py copies its index in)."""
    quoted = ", ".join(f'"{c}"' for c in columns)
    conn.execute(f'CREATE VIRTUAL TABLE "{table}_fts" USING FTS5 (\n    {quoted},\n    tokenize=\'{TOKENIZE}\','
                 f'\n    content="{table}"\n)')
    if fill:
        conn.execute(f"insert into {table}_fts({table}_fts, rank) values ('hashsize', {FILL_HASHSIZE})")
        conn.execute(f"insert into {table}_fts(rowid, {quoted}) select rowid, {quoted} from {table}")
        conn.execute(f"delete from {table}_fts_config where k = 'hashsize'")


def create_search_tables(conn: sqlite3.Connection, spelling: Path) -> None:
    """search_terms, spelling_variants and sentences_cjk_fts, once the FTS tables are built."""
    conn.execute(f"create table {VARIANTS} (british text not null, american text not null, kind text not null, "
                 "primary key (british, kind))")
    conn.executemany(f"insert into {VARIANTS} values (?, ?, ?)", variant_rows(spelling))
    conn.execute(f"create index {VARIANTS}_american on {VARIANTS}(american, kind)")

    counts: dict[str, int] = {}
    for fts in VOCABULARY_OF:
        conn.execute(f"create virtual table temp.vocab_{fts} using fts5vocab(main, {fts}, row)")
        for term, rows in conn.execute(f"select term, doc from temp.vocab_{fts}"):
            # Words only: runs of Han characters are one token to unicode61, and searched in CJK_FTS.
            if not HAN.search(term) and not term.isdigit():
                counts[term] = counts.get(term, 0) + rows
        conn.execute(f"drop table temp.vocab_{fts}")
    stems = porter_stems(sorted(counts))
    conn.execute(f"create table {TERMS} (term text primary key, stem text not null, rows integer not null) without rowid")
    conn.executemany(f"insert into {TERMS} values (?, ?, ?)", ((t, stems[t], counts[t]) for t in sorted(stems)))
    conn.execute(f"create index {TERMS}_stem on {TERMS}(stem, rows)")

    conn.execute(f"create virtual table {CJK_FTS} using fts5(text, tokenize='{TOKENIZE}')")
    # Only sentences with a character beyond ASCII (more bytes than characters) can hold Han
    # ones: SQLite picks them out without handing every sentence to Python.
    rows = ((rowid, cjk_form(text)) for rowid, text in conn.execute(
        "select rowid, text from sentences where length(text) <> length(cast(text as blob))") if HAN.search(text))
    conn.executemany(f"insert into {CJK_FTS}(rowid, text) values (?, ?)", list(rows))
    conn.execute(f"insert into {CJK_FTS}({CJK_FTS}) values ('optimize')")
