"""Dates that a page states in a form its profile's date lines do not list, read with dateparser.

A profile that sets `date_search` (the generic one does) lets read_page look, when its date
lines find nothing, in the page's first lines (down to its first paragraph of prose) and
then its last lines. A date found there counts only where pages put their own date: once the
date is replaced by {date} and a label in front of it ("Published on:", "작성일") is removed,
the line has one of the profile's shapes. `lines` shapes are date lines, kept out of the text
like the profile's date lines; `inside` shapes are lines of text that open with the date
("2 December 2024, New York - Key EU messages ..."), which stay in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# A day, month and year, as dateparser reads them; the time when the words give one.
_SETTINGS = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False,
             "PREFER_DATES_FROM": "past"}
_TIME = re.compile(r"\d{1,2}[:時时시]\s*\d{2}")
# All-number dates whose day and month could be read either way ("03/04/2024").
_NUMERIC = re.compile(r"^(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-]\d{2,4}$")
_EDGE_WORDS = re.compile(r"^(?:(?:on|at|by|the|of|dated)\s+)+|(?:\s+(?:on|at|by|the|of))+$", re.I)


@dataclass(frozen=True)
class DateSearch:
    languages: tuple[str, ...]
    label: re.Pattern | None
    lines: tuple[re.Pattern, ...]
    inside: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class Found:
    index: int  # the line stating the date
    date: str
    time: str | None
    whole: bool  # a date line (kept out of the text), or a line of text that opens with the date
    label: int | None = None  # a line above holding only the date's label


def _search(text: str, languages: tuple[str, ...]):
    from dateparser.search import search_dates

    return search_dates(text, languages=list(languages), settings=_SETTINGS) or []


def _ambiguous(surface: str) -> bool:
    m = _NUMERIC.match(surface)
    return bool(m) and int(m["a"]) <= 12 and int(m["b"]) <= 12 and m["a"] != m["b"]


def _in_line(search: DateSearch, line: str, labelled: bool) -> tuple[str, str | None, bool] | None:
    """(date, time, whole line) when the line states a date in one of the shapes; `labelled`: the line above is a label."""
    rest = line
    if search.label is not None:
        m = search.label.match(line)
        if m and m.end() < len(line):
            rest, labelled = line[m.end():], True
    if not re.search(r"\d", rest):
        return None
    for surface, when in _search(rest, search.languages):
        surface = _EDGE_WORDS.sub("", surface).strip()
        if not surface or surface not in rest or _ambiguous(surface):
            continue
        shaped = rest.replace(surface, "{date}", 1).strip()
        time = when.strftime("%H:%M") if _TIME.search(surface) else None
        if any(rx.search(shaped) for rx in search.lines) or (labelled and shaped == "{date}"):
            return when.date().isoformat(), time, True
        if any(rx.search(shaped) for rx in search.inside):
            return when.date().isoformat(), time, False
    return None


def search_dates(search: DateSearch, lines: list[str], text_start: int | None) -> list[Found]:
    """Dates stated in the first lines (down to the first paragraph of prose, `text_start`), else in the last three."""
    filled = [i for i, line in enumerate(lines) if line]
    top = [i for i in filled if text_start is None or i <= text_start][:40]
    bottom = [i for i in filled[-3:] if i not in top]
    for window in (top, bottom):
        found = []
        for n, i in enumerate(window):
            above = window[n - 1] if n else None
            label = above if above is not None and search.label is not None and search.label.fullmatch(lines[above]) else None
            hit = _in_line(search, lines[i], label is not None)
            if hit:
                found.append(Found(i, *hit, label=label))
        if found:
            return found
    return []
