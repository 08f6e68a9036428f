"""The gold made by reading imported statements (tests/gold/corpus/), placed on the built package.

A gold file names its statement by corpus and item, and gives whole paragraphs verbatim with
what a reader found in them: mentions, stances, the turn. Each passage is found in the
published text (whitespace and Markdown emphasis aside, as the build removes them), and
every surface, cue and object in it gets offsets, so that rule rows can be compared span by
span. What cannot be placed is listed, never silently dropped.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..sources.yamlio import load_yaml

_SPACE = re.compile(r"\s+")


@dataclass
class GoldStance:
    holder: str | None
    polarity: str
    cue: tuple[int, int]
    object: tuple[int, int]
    object_text: str
    issue: str | None
    entity: str | None


@dataclass
class Passage:
    document_id: str
    language: str
    corpus: str
    folder: str  # the gold's folder: one coder's files
    start: int
    end: int
    turn: str | None
    asker: str | None
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    stances: list[GoldStance] = field(default_factory=list)
    themes: list[tuple[int, int, list[str]]] = field(default_factory=list)  # (start, end, theme ids) per gold sentence


@dataclass
class Gold:
    statements: list[dict] = field(default_factory=list)  # (document_id, the gold's metadata)
    passages: list[Passage] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)


def _normalised(text: str) -> tuple[str, list[int]]:
    """Text with whitespace runs collapsed and Markdown emphasis removed, and the offset in `text` of each of its characters."""
    out, where = [], []
    i = 0
    while i < len(text):
        ch = text[i]
        if text.startswith("**", i):
            i += 2
            continue
        if ch.isspace() or ch == "\u00a0":
            if out and out[-1] != " ":
                out.append(" ")
                where.append(i)
            i += 1
            continue
        out.append(ch)
        where.append(i)
        i += 1
    return "".join(out), where


def _clean(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).replace("**", "")).strip()


class _Located:
    """One document's text, searchable with gold quotes written with other whitespace."""

    def __init__(self, text: str):
        self.text = text
        self.norm, self.where = _normalised(text)

    def find(self, quote: str, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
        """Offsets in the text of the first occurrence of `quote` within [lo, hi)."""
        hi = len(self.text) if hi is None else hi
        exact = self.text.find(quote, lo, hi)
        if exact >= 0:
            return exact, exact + len(quote)
        needle = _clean(quote)
        if not needle:
            return None
        nlo = bisect.bisect_left(self.where, lo)
        at = self.norm.find(needle, nlo)
        if at < 0:
            return None
        start, end = self.where[at], self.where[at + len(needle) - 1] + 1
        return (start, end) if end <= hi else None


def _spans_in_order(doc: _Located, start: int, end: int, surfaces: list[str]) -> list[tuple[int, int] | None]:
    """Each surface in turn, at or after the previous one, inside [start, end)."""
    out, pos = [], start
    for surface in surfaces:
        found = doc.find(surface, pos, end) or doc.find(surface, start, end)
        out.append(found)
        if found:
            pos = found[0] + 1
    return out


def _all(doc: _Located, words: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    while (found := doc.find(words, pos, end)) is not None:
        out.append(found)
        pos = found[0] + 1
    return out


def _stances(doc: _Located, start: int, end: int, items: list[dict], holder_default: str | None) -> tuple[list[GoldStance], list[str]]:
    """Each stance's cue and object, the pair of occurrences nearest to each other (a passage may repeat both)."""
    out, missing, used = [], [], []
    for st in items:
        objects, cues = _all(doc, st["object"], start, end), _all(doc, st["cue"], start, end)
        if not objects or not cues:
            missing.append(f"object {st['object'][:50]!r}" if not objects else f"cue {st['cue']!r}")
            continue
        free = [c for c in cues if c not in used] or cues
        cue, obj = min(((c, o) for c in free for o in objects), key=lambda co: (abs(co[0][0] - co[1][0]), co[0][0]))
        used.append(cue)
        out.append(GoldStance(st.get("holder") or holder_default, st["polarity"], cue, obj, st["object"], st.get("issue"), st.get("entity")))
    return out, missing


def load_gold(root: Path, documents: list[dict]) -> Gold:
    """Every gold file under tests/gold/corpus/ (and its themes under tests/gold/themes/), placed on `documents`."""
    by_item = {(d["corpus_id"], Path(d["corpus_item"]).stem): d for d in documents if d.get("corpus_id")}
    gold = Gold()
    for path in sorted((root / "tests" / "gold" / "corpus").rglob("*.yaml")):
        data = load_yaml(path, str(path.relative_to(root)))
        doc = by_item.get((data["corpus"], Path(data["item"]).stem))
        if doc is None:
            gold.unplaced.append(f"{path.name}: {data['corpus']} {data['item']} is not in the package")
            continue
        gold.statements.append({"document_id": doc["document_id"], **data["metadata"]})
        located = _Located(doc["text"])
        themes = _themes(root, path)
        for i, passage in enumerate(data["passages"], start=1):
            placed = located.find(passage["quote"])
            if placed is None:
                gold.unplaced.append(f"{path.name} passage {i}: not found in {doc['document_id']}")
                continue
            gold.passages.append(_passage(located, doc, data, passage, placed, themes.get(_clean(passage["quote"])), gold, path.name, i,
                                          path.parent.name))
    return gold


def _passage(located: _Located, doc: dict, data: dict, passage: dict, placed, themes, gold: Gold, name: str, i: int,
             folder: str) -> Passage:
    start, end = placed
    p = Passage(doc["document_id"], doc["language"], data["corpus"], folder, start, end, passage.get("turn"), passage.get("asker"))
    mentions = passage.get("mentions") or []
    for m, span in zip(mentions, _spans_in_order(located, start, end, [m["surface"] for m in mentions])):
        if span is None:
            gold.unplaced.append(f"{name} passage {i}: mention {m['surface']!r}")
        else:
            p.mentions.append((*span, m["entity"]))
    holder = data["metadata"].get("holder")
    p.stances, missing = _stances(located, start, end, passage.get("stances") or [], holder)
    gold.unplaced += [f"{name} passage {i}: {m}" for m in missing]
    for sentence in themes or []:
        span = located.find(sentence["text"], start, end)
        if span:
            p.themes.append((*span, list(sentence.get("themes") or [])))
    return p


def _themes(root: Path, gold_file: Path) -> dict[str, list[dict]]:
    """The theme gold of a statement (tests/gold/themes/<same name>), by the cleaned quote of its passages."""
    path = root / "tests" / "gold" / "themes" / gold_file.name
    if not path.is_file():
        return {}
    data = load_yaml(path, str(path.relative_to(root)))
    return {_clean(p["quote"]): p.get("sentences") or [] for p in data["passages"]}
