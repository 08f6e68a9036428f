"""Read a saved page through a publisher profile: title, date line, body paragraphs.

Everything that is specific to one site (menus, breadcrumbs, footers, the shape of its
date line) is data in sources/profiles/*.yaml (see profiles.py); this module only applies it.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..errors import InputError
from .profiles import Profile

# Spaces that publishers' pages use for layout; the published text has plain spaces.
_SPACES = re.compile(r"[\u00a0\u2007\u202f\u3000\t\u000b\u000c]")
_RUNS = re.compile(r" {2,}")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
_SENTENCE_END = re.compile(r"[.!?。！？…][”’\"'）)」』]*$")
_OPENS_TEXT = re.compile(r"[,:，：]$")  # a salutation ("Mr. President,") is never the title
_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"], 1)}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9


@dataclass
class Page:
    profile: Profile
    title: str
    date: str | None  # ISO 8601 date as the page states it
    time: str | None  # HH:MM as the page states it, no time zone given
    paragraphs: list[str]
    dropped: list[str] = field(default_factory=list)


def normalise_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line)
    line = _SPACES.sub(" ", line).replace("\ufeff", "")
    return _RUNS.sub(" ", line).strip()


def month_number(month: str) -> int | None:
    """1-12 for a month given as a number or an English name or abbreviation."""
    return int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))


def parse_date(match: re.Match) -> tuple[str, str | None]:
    groups = match.groupdict()
    month = groups["month"]
    month_no = month_number(month)
    if month_no is None:
        raise ValueError(f"unknown month {month!r}")
    date = dt.date(int(groups["year"]), month_no, int(groups["day"])).isoformat()
    time = None
    if groups.get("hour") is not None:
        time = dt.time(int(groups["hour"]), int(groups["minute"])).strftime("%H:%M")
    return date, time


def find_dates(profile: Profile, lines: list[str]) -> list[tuple[int, str, str | None]]:
    """Every line that is a date line under this profile, as (index, date, time).

    A pattern without a year group matches a line stating only a time ("香港時間18時15分");
    it counts when the line above it is a date line, and dates that line.
    """
    found = []
    for i, line in enumerate(lines):
        for rx in profile.date_lines:
            m = rx.fullmatch(line)
            if not m:
                continue
            if "year" not in rx.groupindex:
                above = next((j for j in range(i - 1, -1, -1) if lines[j]), None)
                if not found or found[-1][0] != above:
                    continue
                try:
                    time = dt.time(int(m["hour"]), int(m["minute"])).strftime("%H:%M")
                except ValueError:
                    continue
                found.append((i, found[-1][1], time))
                break
            try:
                date, time = parse_date(m)
            except ValueError:
                continue
            found.append((i, date, time))
            break
    return found


def join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph: a space between words, nothing between CJK characters."""
    out = lines[0]
    for line in lines[1:]:
        sep = "" if _CJK.match(out[-1:]) and _CJK.match(line[:1]) else " "
        out += sep + line
    return out


def _running_text(line: str) -> bool:
    """A line of prose (a paragraph), as opposed to a title, menu or heading."""
    return len(line) >= (25 if _CJK.search(line) else 60) and bool(_SENTENCE_END.search(line))


def read_page(text: str, profile: Profile, shown_as: str) -> Page:
    lines = [normalise_line(x) for x in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    end = next((i for i, line in enumerate(lines) if line and profile.ends_page(line)), len(lines))
    dates = find_dates(profile, lines[:end])
    days = {d for _, d, _ in dates}
    times = {t for _, _, t in dates if t is not None}
    if len(days) > 1 or len(times) > 1:
        shown = "; ".join(f"line {i + 1}: {lines[i]!r}" for i, _, _ in dates)
        first_time = next((t for _, _, t in dates if t is not None), None)
        odd = next(i for i, d, t in dates if d != dates[0][1] or t not in (None, first_time))
        raise InputError(f"the page has date lines that disagree ({shown})", shown_as, odd + 1,
                         "keep the page as saved and set `date_published` in metadata.yaml; if one of the lines is not a date line, add it to the profile's boilerplate")
    date_idx = dates[0][0] if dates else None
    date = dates[0][1] if dates else None
    time = next(iter(times)) if times else None
    date_rows = {i for i, _, _ in dates}
    kept = [(i, line) for i, line in enumerate(lines[:end]) if not (line and profile.is_boilerplate(line)) and i not in date_rows]
    content = [(i, line) for i, line in kept if line]
    if not content:
        raise InputError("the page has no text besides boilerplate", shown_as,
                         fix="check that the saved page contains the statement; extend the profile only if a real paragraph was dropped")
    # The title is the last line of the head: above a date line that precedes the text, or
    # else above the first paragraph of prose. Lines above it are the site's masthead. Without
    # either, it is the first line of content (a date line may then stand above or below it).
    text_idx = next((i for i, line in content if _running_text(line)), None)
    date_on_top = date_idx is not None and (text_idx is None or date_idx < text_idx)
    head_end = date_idx if date_on_top else text_idx
    head = [(i, line) for i, line in content if head_end is not None and i < head_end and not _OPENS_TEXT.search(line)]
    title_idx, title = head[-1] if head else content[0]
    body_start = max(title_idx, date_idx if date_on_top else -1)
    paragraphs: list[str] = []
    block: list[str] = []
    for i, line in kept:
        if i <= body_start:
            continue
        if line:
            block.append(line)
        elif block:
            paragraphs.append(join_lines(block))
            block = []
    if block:
        paragraphs.append(join_lines(block))
    if not paragraphs:
        raise InputError("the page has a title but no body text", shown_as, fix="check that the saved page contains the statement itself")
    used = {i for i, _ in kept if i > body_start} | {title_idx} | date_rows
    dropped = [line for i, line in enumerate(lines) if line and i not in used]
    return Page(profile=profile, title=title, date=date, time=time, paragraphs=paragraphs, dropped=dropped)


class _FirstH1(HTMLParser):
    """Collects the text of the first <h1> of a page (standard library only)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []
        self.done = False

    def handle_starttag(self, tag, attrs):
        if tag == "h1" and not self.done:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "h1" and self.depth:
            self.depth -= 1
            self.done = self.depth == 0 and bool("".join(self.parts).strip())

    def handle_data(self, data):
        if self.depth and not self.done:
            self.parts.append(data)


def _headline(html: str) -> str | None:
    """The text of the page's first <h1>, which is the statement's title on most sites."""
    parser = _FirstH1()
    parser.feed(html)
    parser.close()
    return normalise_line(" ".join("".join(parser.parts).split())) or None


def html_to_text(html: str) -> str:
    """A saved HTML page as plain lines: title, date line, then the main text.

    trafilatura finds the main text and drops menus, scripts and styles; its metadata
    gives the date, and the title when the main text has no <h1>. They are put first so that
    the same profile rules read every page, HTML or text. Lines the extractor kept above
    the headline (a kicker such as "Press release") stay above it, where they are head.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, favor_precision=True,
                                      with_metadata=True, deduplicate=False)
    if doc is None:
        return ""
    # trafilatura puts one paragraph per line; the published text separates them by a blank line.
    paragraphs = [line for line in (doc.text or "").splitlines() if line.strip()]
    # An <h1> outside the main text is often the site's logo, so it is the title only when inside.
    headline = _headline(html)
    above: list[str] = []
    at = next((i for i, line in enumerate(paragraphs) if normalise_line(line) == headline), None) if headline else None
    if at is not None:
        above, paragraphs = paragraphs[:at], paragraphs[at + 1:]
    head = [*above, headline if at is not None else doc.title or headline or ""]
    if doc.date:
        head.append(doc.date)
    return "\n".join(head) + "\n\n" + "\n\n".join(paragraphs) + "\n"
