"""Dates and numbers in running text: "On 30 April 2025", "4月30日", "第十五次"."""
from __future__ import annotations

import datetime as dt
import re

from ..sources.pages import month_number

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
DATE_EN = rf"(?:{_MONTH} \d{{1,2}},? \d{{4}}|\d{{1,2}} {_MONTH} \d{{4}})"
DATE_EN_RX = re.compile(rf"(?:(?P<m1>{_MONTH}) (?P<d1>\d{{1,2}}),? (?P<y1>\d{{4}})|(?P<d2>\d{{1,2}}) (?P<m2>{_MONTH}) (?P<y2>\d{{4}}))")
ZH_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ZH_ORDINAL = re.compile(r"第(?P<n>[〇零一二两兩三四五六七八九十百\d]+)(?:次|届|屆)")
_ZH_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
ZH_DATE = re.compile(rf"(?:(?P<y>\d{{4}})年)?(?P<m>{_ZH_NUM})月(?P<d>{_ZH_NUM})日")


def zh_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    total = current = 0
    for ch in text:
        if ch in ZH_DIGITS:
            current = ZH_DIGITS[ch]
        elif ch in "十百":
            total += (current or 1) * (10 if ch == "十" else 100)
            current = 0
        else:
            return None
    return total + current or None


def iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def date_en(m: re.Match) -> str | None:
    return iso(int(m["y1"] or m["y2"]), month_number(m["m1"] or m["m2"]), int(m["d1"] or m["d2"]))


def date_zh(m: re.Match, published: str | None) -> str | None:
    """A Chinese date; one without a year is the latest such day on or before publication."""
    month, day = zh_number(m["m"]), zh_number(m["d"])
    if not month or not day:
        return None
    if m["y"]:
        return iso(int(m["y"]), month, day)
    if not published:
        return None
    year, pub_month = int(published[:4]), int(published[5:7])
    return iso(year - 1 if month > pub_month else year, month, day)


def datelines(lines: list[str], city: str, weekdays: set[str]) -> list[tuple[str, str]]:
    """("Place", date) from lines such as "New York, 8 August 2024" or "2 December 2024, New York", or that open a paragraph."""
    out = []
    for line in lines:
        m = re.fullmatch(rf"(?P<city>{city}), (?P<date>{DATE_EN})", line) or re.fullmatch(rf"(?P<date>{DATE_EN}), (?P<city>{city})", line) \
            or re.match(rf"(?P<date>{DATE_EN}), (?P<city>{city})\s+[-–—]\s", line)  # "2 December 2024, New York - Key messages ..."
        if m and m["city"].split()[0].lower() not in weekdays:
            date = date_en(DATE_EN_RX.search(m["date"]))
            if date:
                out.append((m["city"], date))
    return out
