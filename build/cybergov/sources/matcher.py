"""A multi-pattern phrase matcher (Aho-Corasick) with word boundaries and case rules.

One automaton holds every phrase in lower case; a hit is kept when the words around it
are boundaries and, for case-sensitive phrases, when the text has the phrase as written.
Chinese text is matched through a character-for-character Traditional-to-Simplified
mapping, so offsets stay those of the published text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, NamedTuple

import ahocorasick


@dataclass(frozen=True)
class Phrase:
    text: str
    value: Any
    case_sensitive: bool = False
    prefix: bool = False  # a cue written "terroris*": any word ending may follow


class Hit(NamedTuple):
    """A phrase found at [start, end) (a tuple: a text's hits are made by the thousand)."""
    start: int
    end: int
    phrase: Phrase


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x3000 <= o <= 0x303F or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF \
        or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x2FFFF


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=65536)
def _simplified(ch: str) -> str:
    out = _t2s().convert(ch)
    return out if len(out) == 1 else ch


def fold(text: str, chinese: bool = False) -> str:
    """Lower case (and Simplified Chinese) with exactly one character per input character.

    A curly apostrophe folds to a straight one: "People’s Republic" is the same name as "People's Republic".
    """
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    low = low.replace("\u2019", "'")
    if chinese:
        low = "".join(_simplified(c) if _is_cjk(c) else c for c in low)
    return low


_ASCII_MASK = {i: ("w" if (chr(i).isalnum() or chr(i) == "_") else " ") for i in range(128)}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _mask_char(m: re.Match) -> str:
    ch = m.group()
    return "c" if _is_cjk(ch) else "w" if _is_word_char(ch) else " "


def word_mask(text: str) -> str:
    """One character per character of text: "w" a word character, "c" a CJK one, " " anything else.

    Computed once per document, so that boundary checks are two string lookups.
    """
    return _NON_ASCII.sub(_mask_char, text.translate(_ASCII_MASK))


class PhraseMatcher:
    """`hyphen_joins`: a hyphen is part of the word, so "counter" does not match in "counter-terrorism"."""

    def __init__(self, phrases: Iterable[Phrase], hyphen_joins: bool = False):
        self.hyphen_joins = hyphen_joins
        table: dict[str, list[Phrase]] = {}
        for p in phrases:
            table.setdefault(fold(p.text, chinese=True), []).append(p)
        self.table = {key: tuple(items) for key, items in table.items()}
        self._alone: MatcherGroup | None = None

    def hits(self, text: str, chinese: bool = False, folded: str | None = None, mask: str | None = None) -> list[Hit]:
        """Every hit that respects boundaries and case, overlapping ones included."""
        if self._alone is None:
            self._alone = MatcherGroup([self])
        return self._alone.hits(text, chinese, folded, mask)[0]

    def bounded(self, text: str, mask: str, start: int, end: int, p: Phrase) -> bool:
        """Whether a match of `p` at [start, end) ends at a boundary (its start is checked already)."""
        if self.hyphen_joins and ((start > 0 and text[start - 1] == "-") or (end < len(text) and text[end] == "-" and not p.prefix)):
            return False
        # Only two non-CJK word characters are joined: next to a CJK character there is always a boundary.
        if p.prefix:
            return True
        return not (end < len(text) and mask[end - 1] == "w" and mask[end] == "w")


class MatcherGroup:
    """Several matchers in one automaton: one pass over a text gives each matcher's hits, the
    same as its own pass would (a text read by a dozen matchers is read once)."""

    def __init__(self, matchers: list[PhraseMatcher]):
        self.matchers = list(matchers)
        entries: dict[str, list[tuple[int, tuple[Phrase, ...]]]] = {}
        for i, m in enumerate(self.matchers):
            for key, phrases in m.table.items():
                entries.setdefault(key, []).append((i, phrases))
        self._auto = ahocorasick.Automaton()
        for key, items in entries.items():
            self._auto.add_word(key, (len(key), tuple(items)))
        self._empty = not entries
        if not self._empty:
            self._auto.make_automaton()

    def hits(self, text: str, chinese: bool = False, folded: str | None = None, mask: str | None = None) -> list[list[Hit]]:
        """The hits of each matcher, in the order of `matchers`."""
        out: list[list[Hit]] = [[] for _ in self.matchers]
        if self._empty or not text:
            return out
        folded = fold(text, chinese) if folded is None else folded
        mask = word_mask(text) if mask is None else mask
        for end_idx, (length, items) in self._auto.iter(folded):
            start = end_idx - length + 1
            if start > 0 and mask[start - 1] == "w" and mask[start] == "w":
                continue  # inside a word, for every phrase of this key (most raw matches)
            for i, phrases in items:
                matcher = self.matchers[i]
                for p in phrases:
                    end = end_idx + 1
                    if p.case_sensitive and text[start:end] != p.text or not matcher.bounded(text, mask, start, end, p):
                        continue
                    if p.prefix:
                        while end < len(text) and mask[end] == "w":
                            end += 1
                    out[i].append(Hit(start, end, p))
        for found in out:
            found.sort(key=lambda h: (h.start, -(h.end - h.start), h.phrase.text))
        return out


def longest_first(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits: the longest wins, then the leftmost; returned in text order."""
    chosen: list[Hit] = []
    taken: list[tuple[int, int]] = []
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(h.end <= s or h.start >= e for s, e in taken):
            chosen.append(h)
            taken.append((h.start, h.end))
    return sorted(chosen, key=lambda h: h.start)
