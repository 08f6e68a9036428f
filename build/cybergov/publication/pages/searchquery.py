"""The search box's language, read into terms and operators and written out as FTS5 queries.

A reader types words, `prefix*`, "quoted phrases", AND, OR, NOT and parentheses. Everything
else is text: no FTS5 syntax reaches the index except what this module writes, and every
term it writes is a quoted string, so a query can be wrong (a message says how) but never
break the search. Words are widened to the words of the index with the same Porter stem
and to their other spelling (search_index.py); phrases and prefixes are taken as written.
"""
from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass

from ..search_index import HAN, TERMS, VARIANTS, stem

OPERATORS = ("AND", "OR", "NOT")
MAX_TERMS = 16
# Words of the index one query word may stand for (its forms and spellings; never many).
MAX_FORMS = 30
_LEXEME = re.compile(r'"(?P<phrase>[^"]*)"|(?P<open>\()|(?P<close>\))|(?P<word>[^\s"()]+)|(?P<quote>")')


class QueryError(ValueError):
    """A query that cannot be read; the message is for the reader."""


@dataclass(frozen=True)
class Term:
    kind: str  # word, prefix or phrase
    tokens: tuple[str, ...]


def tokens(text: str) -> list[str]:
    """Words as unicode61 reads them: runs of letters, digits and marks, lowercased; each Han character on its own."""
    out, current = [], []
    for ch in unicodedata.normalize("NFC", text):
        if HAN.match(ch):
            if current:
                out.append("".join(current))
                current = []
            out.append(ch)
        elif unicodedata.category(ch)[0] in "LNM":
            current.append(ch.lower())
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


def _term(raw: str) -> Term | None:
    prefix = raw.endswith("*")
    parts = tokens(raw.rstrip("*"))
    if not parts:
        return None
    if prefix and len(parts) == 1 and not HAN.match(parts[0]):
        return Term("prefix", tuple(parts))
    if len(parts) == 1 and not HAN.match(parts[0]):
        return Term("word", tuple(parts))
    return Term("phrase", tuple(parts))  # "state-of-the-art", "U.N.", and Chinese words


def parse(text: str) -> list:
    """The query as a list of Terms and the strings AND, OR, NOT, (, ); QueryError when it cannot be read."""
    items: list = []
    for m in _LEXEME.finditer(text):
        if m["quote"]:
            raise QueryError("A quotation mark is not closed: close the phrase with another \".")
        if m["open"] or m["close"]:
            items.append(m[0])
        elif m["word"] in OPERATORS:
            items.append(m["word"])
        else:
            raw = m["phrase"] if m["phrase"] is not None else m["word"]
            term = _term(raw)
            if term is not None:
                items.append(Term("phrase", term.tokens) if m["phrase"] is not None else term)
    _check(items)
    return items


def _check(items: list) -> None:
    if not any(isinstance(i, Term) for i in items):
        raise QueryError("Type at least one word to search for.")
    if sum(isinstance(i, Term) for i in items) > MAX_TERMS:
        raise QueryError(f"That is more than {MAX_TERMS} words or phrases: search for fewer.")
    depth, previous = 0, None
    for item in items:
        if item == "(":
            depth += 1
        elif item == ")":
            depth -= 1
            if depth < 0:
                raise QueryError("A closing parenthesis has no opening one.")
            if previous == "(":
                raise QueryError("There is nothing between the parentheses.")
        if item in OPERATORS and (previous is None or previous in OPERATORS or previous == "("):
            raise QueryError(f"{item} needs a word or phrase before it, as in: cyberspace {item} sovereignty.")
        if item == ")" and previous in OPERATORS:
            raise QueryError(f"{previous} needs a word or phrase after it.")
        previous = item
    if depth:
        raise QueryError("A parenthesis is not closed.")
    if previous in OPERATORS:
        raise QueryError(f"{previous} needs a word or phrase after it.")


def uses_han(items: list) -> bool:
    return any(isinstance(i, Term) and any(HAN.match(t) for t in i.tokens) for i in items)


def _quoted(words) -> str:
    return '"' + " ".join(w.replace('"', '""') for w in words) + '"'


def variants(conn: sqlite3.Connection, word: str) -> set[str]:
    """The other spellings of a word: listed words both ways, and the listed endings."""
    found = {r[0] for r in conn.execute(
        f"select american from {VARIANTS} where british = ? and kind = 'word' "
        f"union select british from {VARIANTS} where american = ? and kind = 'word'", (word, word))}
    for british, american in conn.execute(f"select british, american from {VARIANTS} where kind = 'ending'"):
        for a, b in ((british, american), (american, british)):
            if word.endswith(a) and len(word) - len(a) >= 3:
                found.add(word[: -len(a)] + b)
    return found - {word}


def forms(conn: sqlite3.Connection, word: str) -> list[str]:
    """The words of the index a query word stands for: the same stem as the word or one of its spellings."""
    spellings = {word} | variants(conn, word)
    stems = {s for s in (stem(w) for w in spellings) if s}
    stems |= {s for s in (stem(v) for st in list(stems) for v in variants(conn, st)) if s}
    found = [r[0] for r in conn.execute(
        f"select term from {TERMS} where stem in ({', '.join('?' * len(stems))}) order by rows desc, term limit ?",
        (*sorted(stems), MAX_FORMS))] if stems else []
    return sorted(set(found) | {word}, key=lambda w: (w != word, w))


def to_fts(conn: sqlite3.Connection, items: list) -> tuple[str, dict[str, list[str]]]:
    """The FTS5 query, and the words each query word was widened to (shown to the reader)."""
    out, widened = [], {}
    for item in items:
        if not isinstance(item, Term):
            out.append(item)
        elif item.kind == "prefix":
            out.append(_quoted(item.tokens) + "*")
        elif item.kind == "phrase":
            out.append(_quoted(item.tokens))
        else:
            words = forms(conn, item.tokens[0])
            widened[item.tokens[0]] = words
            out.append(_quoted(words[:1]) if len(words) == 1 else "(" + " OR ".join(_quoted([w]) for w in words) + ")")
    return " ".join(out), widened


def highlighter(items: list, widened: dict[str, list[str]]) -> re.Pattern | None:
    """A pattern for the words a query matches, to mark them in the sentences it finds."""
    pats = []
    for item in items:
        if not isinstance(item, Term):
            continue
        parts = [re.escape(t) if HAN.match(t) else rf"\b{re.escape(t)}" for t in item.tokens]
        if item.kind == "prefix":
            pats.append(parts[0] + r"\w*")
        elif item.kind == "phrase":
            glue = "".join(
                p + ("" if i + 1 == len(parts) else ("\\s*" if HAN.match(item.tokens[i]) or HAN.match(item.tokens[i + 1]) else r"\b\W+"))
                for i, p in enumerate(parts))
            pats.append(glue + ("" if HAN.match(item.tokens[-1]) else r"\b"))
        else:
            pats += [rf"\b{re.escape(w)}\b" for w in widened.get(item.tokens[0], item.tokens)]
    return re.compile("|".join(pats), re.I) if pats else None
