"""Curated annotations: hand-made additions, removals and errata, located by verbatim quote."""
from __future__ import annotations

from ..errors import InputError
from .base import DocView, Sentence, span_row
from .stances import stance_row


class Curator:
    def __init__(self, doc: DocView, curated: dict, shown: str, entity_ids: set[str], theme_ids: set[str], issue_ids: set[str]):
        self.doc, self.curated, self.shown = doc, curated or {}, shown
        self.entity_ids, self.theme_ids, self.issue_ids = entity_ids, theme_ids, issue_ids

    def _error(self, item, problem: str, fix: str):
        return InputError(problem, self.shown, getattr(item, "line", None), fix)

    def locate(self, item, key: str = "quote") -> tuple[int, int, Sentence]:
        """Offsets of item[key] in the text: unique, or made unique by `context` or `occurrence`."""
        text, quote = self.doc.text, item[key]
        lo, hi = 0, len(text)
        if item.get("context"):
            ctx = item["context"]
            where = find_all(text, ctx)
            if len(where) != 1:
                raise self._error(item, f"context {ctx!r} occurs {len(where)} times in the text", "quote a passage that occurs exactly once, verbatim")
            lo, hi = where[0], where[0] + len(ctx)
        found = [i for i in find_all(text[lo:hi], quote)]
        if not found:
            raise self._error(item, f"{key} {quote!r} is not in the {'context' if item.get('context') else 'text'}",
                              "copy the words exactly as published (check apostrophes, spaces and typos)")
        if item.get("occurrence"):
            if item["occurrence"] > len(found):
                raise self._error(item, f"{key} {quote!r} occurs {len(found)} times, not {item['occurrence']}", "correct `occurrence`")
            start = lo + found[item["occurrence"] - 1]
        elif len(found) > 1:
            raise self._error(item, f"{key} {quote!r} occurs {len(found)} times",
                              "add `context` (a longer quote around it that occurs once) or `occurrence` (1 for the first)")
        else:
            start = lo + found[0]
        end = start + len(quote)
        sentence = self.doc.sentence_at(start, end)
        if sentence is None:
            raise self._error(item, f"{key} {quote!r} runs across a sentence boundary", "quote words within one sentence")
        return start, end, sentence

    def _known(self, item, key: str, known: set[str], what: str, fix_file: str) -> None:
        if item.get(key) is not None and item[key] not in known:
            raise self._error(item, f"{key} {item[key]!r} is not a {what} in the codebook", f"use an id from {fix_file}")

    def errata(self) -> list[dict]:
        rows = []
        for i, item in enumerate(self.curated.get("errata", []), start=1):
            start, end, s = self.locate(item)
            rows.append({"erratum_id": f"{self.doc.document_id}/e{i:02d}", "document_id": self.doc.document_id,
                         "sentence_id": s.sentence_id, "char_start": start, "char_end": end, "surface": self.doc.text[start:end],
                         "correction": item["correction"], "note": item.get("note"), "method": "curated"})
        return rows

    def mentions(self, rows: list[dict]) -> list[dict]:
        spec = self.curated.get("mentions", {})
        for item in spec.get("remove", []):
            start, end, _ = self.locate(item)
            keep = [r for r in rows if not (r["char_start"] == start and r["char_end"] == end
                                            and (item.get("entity") is None or r["entity_id"] == item["entity"]))]
            if len(keep) == len(rows):
                raise self._error(item, f"no rule mention of {item['quote']!r} to remove", "remove this item; the rule no longer finds it")
            rows = keep
        for item in spec.get("add", []):
            self._known(item, "entity", self.entity_ids, "entity", "sources/codebook/entities.yaml")
            start, end, s = self.locate(item)
            rows = [r for r in rows if r["char_end"] <= start or r["char_start"] >= end]  # the curated span replaces overlaps
            rows.append(span_row(self.doc, s, start, end, entity_id=item["entity"], method="curated"))
        return rows

    def themes(self, rows: list[dict]) -> list[dict]:
        spec = self.curated.get("themes", {})
        for item in spec.get("remove", []):
            _, _, s = self.locate(item)
            keep = [r for r in rows if not (r["sentence_id"] == s.sentence_id and r["theme_id"] == item["theme"])]
            if len(keep) == len(rows):
                raise self._error(item, f"the sentence has no theme {item['theme']!r} to remove", "remove this item or correct `theme`")
            rows = keep
        for item in spec.get("add", []):
            self._known(item, "theme", self.theme_ids, "theme", "sources/codebook/themes.yaml")
            start, end, s = self.locate(item)
            rows = [r for r in rows if not (r["sentence_id"] == s.sentence_id and r["theme_id"] == item["theme"])]
            rows.append(span_row(self.doc, s, start, end, theme_id=item["theme"], cue=item.get("reason") or "curated", method="curated"))
        return rows

    def stances(self, rows: list[dict], mentions: list[dict]) -> list[dict]:
        spec = self.curated.get("stances", {})
        for item in spec.get("remove", []):
            start, end, _ = self.locate(item, "cue")
            keep = [r for r in rows if not (r["cue_start"] < end and start < r["cue_end"])]
            if len(keep) == len(rows):
                raise self._error(item, f"no rule stance with cue {item['cue']!r} to remove", "remove this item; the rule no longer finds it")
            rows = keep
        for item in spec.get("add", []):
            self._known(item, "object_entity", self.entity_ids, "entity", "sources/codebook/entities.yaml")
            self._known(item, "holder", self.entity_ids, "entity", "sources/codebook/entities.yaml")
            self._known(item, "issue", self.issue_ids, "issue", "sources/codebook/issues.yaml")
            cs, ce, s = self.locate(item, "cue")
            os_, oe, s2 = self.locate(item, "object")
            if s2.sentence_id != s.sentence_id:
                raise self._error(item, "cue and object are in different sentences", "quote a cue and object of the same sentence")
            rows = [r for r in rows if not (r["cue_start"] < ce and cs < r["cue_end"])]
            rows.append(stance_row(self.doc, s, "curated", cs, ce, os_, oe, item["polarity"], "curated",
                                   item.get("holder") or self.doc.holder_id, item.get("object_entity"), item.get("issue")))
        return rows


def find_all(text: str, needle: str) -> list[int]:
    """Start of every occurrence of needle, overlapping ones included."""
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out
