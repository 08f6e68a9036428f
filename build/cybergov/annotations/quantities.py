"""Quantities as stated: amounts with qualifier and unit, percentages, years and ordinals (Chinese ones: quantities_zh)."""
from __future__ import annotations

import re

from ..sources.codebook import Codebook
from .base import DocView, span_row
from .quantities_zh import ChineseQuantities

_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<ord>st|nd|rd|th)?"


class QuantityAnnotator:
    def __init__(self, codebook: Codebook):
        q = codebook.quantities
        self.q = q
        words = sorted(q["number_words"], key=len, reverse=True)
        self.number = re.compile(r"(?<![\w.,:/-])(?:" + _NUMBER + r"|(?P<word>\b(?:" + "|".join(map(re.escape, words)) + r")\b))(?![\w:/]|[.,]\d)",
                                 re.IGNORECASE)
        months = "|".join(map(re.escape, q["months"]))
        # A date, with or without its year ("on August 30", "30 August 2019"), is not an amount.
        self.dates = re.compile(rf"\b(?:(?:{months})\.? \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{months})(?: \d{{4}})?"
                                rf"|(?:{months}) \d{{4}}|\d{{1,2}}:\d{{2}})\b")
        quals = sorted(q["qualifiers"], key=len, reverse=True)
        self.qualifier = re.compile(r"(?:^|(?<=\W))(?P<q>" + "|".join(map(re.escape, quals)) + r")\s+$", re.IGNORECASE)
        scales = sorted(q["scales"], key=len, reverse=True)
        self.scale = re.compile(r"^\s+(?P<s>" + "|".join(scales) + r")\b", re.IGNORECASE)
        pcts = sorted(q["percent_words"], key=len, reverse=True)
        self.percent = re.compile(r"^\s*(?P<p>" + "|".join(map(re.escape, pcts)) + r")", re.IGNORECASE)
        self.unit_word = re.compile(r"^\s+(?P<w>[A-Za-z][A-Za-z’'-]*)")
        self.stops = {w.lower() for w in q["unit_stops"]}
        self.chinese = ChineseQuantities(q["zh"], q["years"])

    def __call__(self, doc: DocView) -> list[dict]:
        rows = []
        for s in doc.sentences:
            if doc.chinese:
                rows.extend(span_row(doc, s, s.start + a, s.start + b, method="rule", **v) for a, b, v in self.chinese.rows(s.text))
                continue
            numbers = list(self.number.finditer(s.text))
            if not numbers:
                continue
            masked = [(m.start(), m.end()) for m in self.dates.finditer(s.text)]
            for m in numbers:
                if any(a <= m.start() < b for a, b in masked):
                    continue
                row = self._read(s.text, m)
                if row:
                    start, end, values = row
                    rows.append(span_row(doc, s, s.start + start, s.start + end, method="rule", **values))
        return rows

    def _unit(self, text: str, pos: int, capitalised_only: bool = False) -> tuple[str | None, int]:
        words, end = [], pos
        while len(words) < self.q["unit_max_words"]:
            m = self.unit_word.match(text[end:])
            if not m or m["w"].lower() in self.stops or (capitalised_only and not m["w"][0].isupper()):
                break
            words.append(m["w"])
            end += m.end()
        return (" ".join(words) or None), end

    def _read(self, text: str, m: re.Match):
        start, end = m.start(), m.end()
        if m["word"]:
            value, kind = self.q["number_words"][m["word"].lower()], "amount"
        else:
            value = float(m["num"].replace(",", ""))
            if m["ord"]:
                unit, end = self._unit(text, end, capitalised_only=True)
                if unit is None:
                    unit, end = self._unit(text, m.end())
                return start, end, {"kind": "ordinal", "value": int(value), "unit": unit, "qualifier": None}
            if m["num"].isdigit() and len(m["num"]) == 4 and self.q["years"]["min"] <= value <= self.q["years"]["max"] \
                    and not self.scale.match(text[end:]):
                return start, end, {"kind": "year", "value": int(value), "unit": None, "qualifier": None}
            kind = "amount"
        sc = self.scale.match(text[end:])
        if sc:
            value *= self.q["scales"][sc["s"].lower()]
            end += sc.end()
        pc = self.percent.match(text[end:])
        if pc:
            kind, unit = "percentage", "percent"
            end += pc.end()
        else:
            unit, end = self._unit(text, end)
        qual = self.qualifier.search(text[:start])
        qualifier = None
        if qual:
            qualifier, start = qual["q"], qual.start("q")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return start, end, {"kind": kind, "value": value, "unit": unit, "qualifier": qualifier}
