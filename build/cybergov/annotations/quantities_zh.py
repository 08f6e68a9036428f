"""Chinese quantities: Arabic or Chinese numerals with scales, hedges, classifiers and units.

The words are data (the `zh` part of sources/codebook/quantities.yaml); this module holds the
grammar. Values are normalised as in English: 3.5亿网民 is 350000000 "网民", 百分之三十 is the
percentage 30, 三十多个 is 30 with the qualifier 多. Dates (2019年, 3月1日, 21-22日), clock
times, numbered items (第2758号, 第一), list markers (一、, （二）) and names with a numeral in
them (一带一路, 十九大) are masked, as English dates are.
"""
from __future__ import annotations

import re

from ..sources.matcher import fold

_ARABIC = r"[0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?"
_CLAUSE_END = "，。；：？！、,;:?!（）()\n"


def _alt(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


class ChineseQuantities:
    def __init__(self, zh: dict, years: dict):
        self.years = years
        self.digits, self.powers, self.scales = zh["digits"], zh["powers"], zh["scales"]
        self.opening = set(self.digits) | {min(self.powers, key=self.powers.get)}  # 十二 is twelve; 千方百计 no number
        numeral = "".join(list(self.digits) + list(self.powers) + list(self.scales))
        self.number = re.compile(
            rf"(?P<pct>{_alt(zh['percent_before'])})?"
            rf"(?P<vague>[{''.join(zh['vague'])}](?=[{''.join(self.powers)}{''.join(self.scales)}]))?"
            rf"(?P<num>(?:{_ARABIC}|[{numeral}])+)")
        self.between = re.compile(rf"(?:{_alt(zh['qualifiers_between'])})")
        self.pct_after = re.compile(rf"(?:{_alt(zh['percent_after'])})")
        self.ordinal_unit = re.compile(rf"(?:{_alt(zh['ordinal_units'])})")
        self.classifier = re.compile(rf"(?:{_alt(zh['classifiers'])})(?:{_alt(zh['counted'] + zh['units'])})?")
        self.unit = re.compile(rf"(?:{_alt(zh['units'])})")
        self.after = re.compile(rf"(?:{_alt(zh['qualifiers_after'])})")
        self.before = re.compile(rf"(?:{_alt(zh['qualifiers_before'])})$")
        self.not_before = re.compile(rf"(?:{_alt(zh['not_qualifiers'])})$")
        zh_digit = f"[{''.join(self.digits)}{''.join(self.powers)}]"
        num = rf"(?:{_ARABIC}|{zh_digit}+)"
        self.ordinal = re.compile(rf"第(?P<num>{num})(?P<measure>{_alt(zh['ordinal_measures'])})"
                                  rf"(?P<name>[^{_CLAUSE_END}]{{0,24}}?(?:{_alt(zh['ordinal_heads'])}))")
        self.masks = re.compile(
            rf"(?:{_alt(zh['names'])})"
            rf"|第{num}"                                                   # numbered items: 第一, 第2758号
            rf"|(?:[0-9０-９]{{4}}\s*[-－—~至到]\s*)?(?:[0-9０-９]{{4}}|[〇零一二三四五六七八九]{{4}})年(?!代)"  # years, 2017-2018年
            rf"|{num}年代"                                                 # decades
            rf"|{num}月份?"                                                 # months (the value is checked below)
            rf"|{num}(?:\s*[-－—~至到]\s*{num})?[日号]"                    # days, day ranges, numbers like 2758号
            rf"|[0-9０-９]{{1,2}}(?:[:：][0-9０-９]{{2}}|时|点[0-9０-９]{{1,2}}分)"  # clock times
            rf"|[0-9０-９]+\+[0-9０-９]+"                                     # groupings named by numbers: 10+3
            rf"|[0-9０-９]{{1,2}}[·•・][0-9０-９]{{1,2}}"                       # incidents named by their date: 7·5, 9·11
            rf"|{num}、|[（(]{num}[）)]")                                    # list markers

    def rows(self, published: str) -> list[tuple[int, int, dict]]:
        """Each quantity of one sentence: (start, end, values) with offsets into the sentence.

        The rules read the Simplified fold of the text (個 is 个, 億 is 亿; same length, same
        offsets); units and qualifiers are taken from the text as published.
        """
        text = fold(published, chinese=True)
        out, masked = [], []
        for m in self.ordinal.finditer(text):
            unit = published[m.start("name"):m.end("name")]
            out.append((m.start(), m.end(), {"kind": "ordinal", "value": self.value(m["num"]), "unit": unit, "qualifier": None}))
            masked.append((m.start(), m.end()))
        for m in self.masks.finditer(text):
            if not self._not_a_date(m.group()):
                masked.append((m.start(), m.end()))
        for m in self.number.finditer(text):
            if any(a <= m.start("num") < b for a, b in masked) or self._glued(text, m):
                continue
            row = self._read(text, m)
            if row:
                start, end, values = row
                spans = {k: values[k] for k in ("unit", "qualifier") if isinstance(values[k], tuple)}
                out.append((start, end, {**values, **{k: published[a:b] for k, (a, b) in spans.items()}}))
        return sorted(out, key=lambda r: r[0])

    def _not_a_date(self, s: str) -> bool:
        """13月 is no month and 5000年 no year: such numbers are read as amounts."""
        if s.endswith(("月", "月份")):
            v = self.value(s.rstrip("份").rstrip("月"))
            return v is None or not 1 <= v <= 12
        if s.endswith("年") and not s.startswith("第"):
            last = re.search(r"([0-9０-９]+|[〇零一二三四五六七八九十百千]+)年$", s).group(1)
            v = self.value(last) if re.search(r"[0-9０-９十百千]", last) else int("".join(str(self.digits[c]) for c in last))
            return v is None or not self.years["min"] <= v <= self.years["max"]
        return False

    def _glued(self, text: str, m: re.Match) -> bool:
        """Digits that belong to a Latin token (5G, G20, COVID-19, H1N1) are no amount."""
        if not m["num"][0].isdigit():
            return False
        before = text[m.start("num") - 1] if m.start("num") else ""
        return bool(re.match(r"[A-Za-z0-9_./-]", before) or re.match(r"[A-Za-z]|-[A-Za-z]", text[m.end():m.end() + 2]))

    def _read(self, text: str, m: re.Match):
        """One amount; unit and qualifier are given as spans, to be taken from the published text."""
        num, chinese = m["num"], not m["num"][0].isdigit()
        if chinese and not (num[0] in self.opening or m["vague"] or m["pct"]):
            return None  # 千方百计, 万象: a power or scale does not open a number
        value = self.value(num)
        if value is None:
            return None
        start, end = m.start(), m.end()
        qualifier = m.span("vague") if m["vague"] else None
        if (q := self.between.match(text, end)):
            qualifier, end = qualifier or q.span(), q.end()
            while end < len(text) and text[end] in self.scales:  # 300多万: the scale follows the hedge
                value, end = _number(value * self.scales[text[end]]), end + 1
        kind, unit = "amount", None
        if m["pct"]:
            kind, unit = "percentage", "percent"
        elif (p := self.pct_after.match(text, end)):
            kind, unit, end = "percentage", "percent", p.end()
        elif (o := self.ordinal_unit.match(text, end)):
            kind, unit, end = "ordinal", o.span(), o.end()
        elif (u := max((self.classifier.match(text, end), self.unit.match(text, end)), key=lambda x: x.end() if x else -1)):
            unit, end = u.span(), u.end()  # the longer of the two: 13亿多人口 counts 人口, not 人
        if chinese and not (unit or self._spelled_out(num)):
            return None  # 十分, 说三道四: a numeral inside a word
        if chinese and num == "一" and not m["pct"]:
            return None  # 一个, 一次: the article, as English "a" is no amount
        if (a := self.after.match(text, end)):
            qualifier, end = qualifier or a.span(), a.end()
        if (b := self.before.search(text, 0, start)) and not self.not_before.search(text, 0, start):
            qualifier, start = b.span(), b.start()
        return start, end, {"kind": kind, "value": value, "unit": unit, "qualifier": qualifier}

    def _spelled_out(self, num: str) -> bool:
        """一百二十, 两千万: a numeral of two characters or more with a power or scale stands without a unit."""
        return len(num) >= 2 and any(c in self.powers or c in self.scales for c in num)

    def value(self, num: str) -> int | float | None:
        """The value of a numeral run: 3.5亿, 3万5千, 两千万, 一百零五, 2.5万亿; None if it is no number (一二)."""
        total, section, current, digit_before = 0, 0, None, False
        top = max(self.scales.values())
        for token in re.findall(rf"{_ARABIC}|.", num):
            is_digit = token in self.digits
            if token[0].isdigit():
                current = float(token.replace(",", "").replace("．", "."))
            elif is_digit:
                if digit_before and current:  # 一二, 二〇一九: digits in a row are a code or a year, not a number
                    return None
                current = self.digits[token]
            elif token in self.powers:
                section += (1 if current is None else current) * self.powers[token]
                current = None
            elif token in self.scales:
                # The largest scale takes everything before it (一亿两千万, 2.5万亿); a smaller one its section.
                if self.scales[token] == top:
                    total = (total + section + (current or 0)) * top
                else:
                    total += (section + (current or 0)) * self.scales[token]
                section, current = 0, None
            else:
                return None
            digit_before = is_digit
        return _number(total + section + (current or 0))


def _number(v: float) -> int | float:
    return int(v) if float(v).is_integer() else round(v, 6)
