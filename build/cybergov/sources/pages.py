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
from . import plaintext
from .datesearch import search_dates
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
    title: str | None  # None when the source states none (its metadata gives it)
    date: str | None  # ISO 8601 date as the page states it
    time: str | None  # HH:MM as the page states it, no time zone given
    paragraphs: list[str]
    dropped: list[str] = field(default_factory=list)
    date_source: str | None = None  # where the date was read: "date line", "title" or "page metadata"
    notes: list[str] = field(default_factory=list)  # what a maintainer should know (conflicting dates)


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


def _running_text(line: str) -> bool:
    """A line of prose (a paragraph), as opposed to a title, menu or heading."""
    return len(line) >= (25 if _CJK.search(line) else 60) and bool(_SENTENCE_END.search(line))


def _disagree(dates: list[tuple[int, str, str | None]], lines: list[str], shown_as: str, prefer: str | None,
              notes: list[str]) -> list[tuple[int, str, str | None]]:
    """The date lines that agree; refused when they disagree, unless `prefer` (metadata's date) names one of their days."""
    days = {d for _, d, _ in dates}
    times = {t for _, _, t in dates if t is not None}
    if len(days) <= 1 and len(times) <= 1:
        return dates
    keep = [x for x in dates if x[1] == prefer]
    if keep and len({t for _, _, t in keep if t is not None}) <= 1:
        notes += [f"line {i + 1} gives the date {d}; the statement's date is {prefer}, as metadata.yaml says" for i, d, _ in dates if d != prefer]
        return keep
    shown = "; ".join(f"line {i + 1}: {lines[i]!r}" for i, _, _ in dates)
    first_time = next((t for _, _, t in dates if t is not None), None)
    odd = next(i for i, d, t in dates if d != dates[0][1] or t not in (None, first_time))
    raise InputError(f"the page has date lines that disagree ({shown})", shown_as, odd + 1,
                     "keep the page as saved and set `date_published` in metadata.yaml to the statement's date (`cybergov add --date`); "
                     "if one of the lines is not a date line, add it to the profile's boilerplate")


def _page_date(profile: Profile, lines: list[str], shown_as: str, prefer: str | None,
               notes: list[str]) -> tuple[list[tuple[int, str, str | None]], set[int]]:
    """The page's date lines (refused when they disagree) and the rows they take: the profile's date lines,
    else the dates its `date_search` finds (a date opening a line of text gives the date but leaves the line)."""
    dates = find_dates(profile, lines)
    rows = {i for i, _, _ in dates}
    if not dates and profile.date_search is not None:
        plain = ["" if line and profile.is_boilerplate(line) else line for line in lines]
        text_start = next((i for i, line in enumerate(plain) if _running_text(line)), None)
        found = search_dates(profile.date_search, plain, text_start)
        dates = [(f.index, f.date, f.time) for f in found]
        rows = {f.index for f in found if f.whole} | {f.label for f in found if f.label is not None}
    return _disagree(dates, lines, shown_as, prefer, notes), rows


def title_date(profile: Profile, title: str | None) -> tuple[str | None, tuple[int, int] | None]:
    """A date the title states ("... Press Conference on May 15, 2018") through the profile's title_dates,
    and the (month, day) it states when it gives no year ("... on September 21")."""
    for rx in profile.title_dates if title else ():
        m = rx.search(title)
        if not m:
            continue
        if m.groupdict().get("year") is None:
            month = month_number(m["month"])
            return None, (month, int(m["day"])) if month else None
        try:
            return parse_date(m)[0], None
        except ValueError:
            continue
    return None, None


def _title(content: list[tuple[int, str]], date_idx: int | None, given: str | None) -> tuple[int | None, str, bool]:
    """(line index, title, whether the date line stands above the text).

    The title is the last line of the head: above a date line that precedes the text, or
    else above the first paragraph of prose. Lines above it are the site's masthead. Without
    either, it is the first line of content (a date line may then stand above or below it).
    A title given by the metadata (or the HTML page's headline) is that line of the page, or,
    when the page has no such line, a title the page does not state (index None).
    """
    text_idx = next((i for i, line in content if _running_text(line)), None)
    date_on_top = date_idx is not None and (text_idx is None or date_idx < text_idx)
    if given:
        return next((i for i, line in content if line == given), None), given, date_on_top
    head_end = date_idx if date_on_top else text_idx
    head = [(i, line) for i, line in content if head_end is not None and i < head_end and not _OPENS_TEXT.search(line)]
    title_idx, title = head[-1] if head else content[0]
    return title_idx, title, date_on_top


def read_page(text: str, profile: Profile, shown_as: str, html_dates: list[tuple[str, str]] = (), title: str | None = None,
              date: str | None = None) -> Page:
    """Title, date and paragraphs of a page as its profile reads it.

    The date is, in this order, that of the page's date lines, the one its title states, or
    one that the HTML page gives around its headline or in its metadata (`html_dates`, most
    trusted first); a date of the HTML that disagrees with the page's words is noted, and the
    words win. `title` and `date` settle what the page leaves open (metadata.yaml gives them,
    or the HTML page's headline): which line is the title, and which of date lines that
    disagree, or of a date the page's words and its HTML metadata give, is the statement's.
    """
    lines = [normalise_line(profile.stripped(x)) for x in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    end = next((i for i, line in enumerate(lines) if line and profile.ends_page(line)), len(lines))
    notes: list[str] = []
    dates, date_rows = _page_date(profile, lines[:end], shown_as, date, notes)
    date_idx = min(date_rows, default=None)
    times = {t for _, _, t in dates if t is not None}
    kept = [(i, line) for i, line in enumerate(lines[:end]) if not (line and profile.is_boilerplate(line)) and i not in date_rows]
    content = [(i, line) for i, line in kept if line]
    if not content:
        raise InputError("the page has no text besides boilerplate", shown_as,
                         fix="check that the saved page contains the statement; extend the profile only if a real paragraph was dropped")
    if profile.title == "metadata":
        title, title_idx, body_start = None, None, -1
    else:
        title_idx, title, date_on_top = _title(content, date_idx, normalise_line(title) if title else None)
        body_start = max(-1 if title_idx is None else title_idx, date_idx if date_on_top else -1)
    body = [line for i, line in kept if i > body_start]
    paragraphs = plaintext.paragraphs(body) if profile.paragraphs == "lines" else plaintext.blocks(body)
    if not paragraphs:
        raise InputError("the page has a title but no body text", shown_as, fix="check that the saved page contains the statement itself")
    used = {i for i, _ in kept if i > body_start} | {title_idx} | date_rows
    dropped = [line for i, line in enumerate(lines) if line and i not in used]
    page = Page(profile=profile, title=title, date=dates[0][1] if dates else None, time=next(iter(times)) if times else None,
                paragraphs=paragraphs, dropped=dropped, notes=notes)
    page.date_source = ("date line" if date_rows else "line of text") if page.date else None
    found, partial = title_date(profile, title)
    if page.date is None and found:
        page.date, page.date_source = found, "title"
    for where, day in html_dates:
        if partial and (int(day[5:7]), int(day[8:10])) != partial:
            # The title gives a day without its year, and this date another day: it is not the statement's.
            page.notes.append(f"the {where} gives the date {day}, but the title another day; it is not used")
        elif page.date is None:
            page.date, page.date_source = day, where
        elif day != page.date:
            page.notes.append(f"the {where} gives the date {day}, the {page.date_source} {page.date}; the page's words are kept")
    if date and page.date_source == "page's metadata" and page.date != date:
        # The HTML's metadata is not the page's words: a date that the metadata file gives (as read by `add`) wins.
        page.notes.append(f"the page's metadata gives the date {page.date}; the statement's date is {date}, as metadata.yaml says")
        page.date, page.date_source = date, "metadata.yaml"
    return page


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


@dataclass
class HtmlText:
    text: str  # lines: what was above the headline, the headline, a blank line, the paragraphs
    dates: list[tuple[str, str]]  # (where, YYYY-MM-DD): stated beside the headline, then in the page's metadata
    title: str | None = None  # the headline (or the metadata's title): read_page takes it as the title


_DATE_SETTINGS = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}


def _head_date(html: str, headline: str | None, first: str | None) -> str | None:
    """A date written between the headline and the main text ("2018-05-27 [字体：大 中 小] 打印本页"): where pages put theirs."""
    import trafilatura
    from dateparser.search import search_dates

    if not headline or not first:
        return None
    full = " ".join((trafilatura.html2txt(html) or "").split())
    # Line breaks of the HTML may fall anywhere in the headline: match it whatever the spacing.
    spaced = lambda words: r"\s*".join(map(re.escape, "".join(words.split())))  # noqa: E731
    head = re.search(spaced(headline), full)
    tail = re.compile(spaced(first[:40])).search(full, head.end()) if head else None
    if not head or not tail:
        return None
    at, end = head.end(), tail.start()
    zone = full[at:end][:300]
    found = search_dates(zone, languages=["en", "zh", "ko"], settings=_DATE_SETTINGS) if zone.strip() else None
    return found[0][1].date().isoformat() if found else None


def html_to_text(html: str) -> HtmlText:
    """A saved HTML page as plain lines (title, then the main text), and the dates it gives outside them.

    trafilatura finds the main text and drops menus, scripts and styles. The dates are kept
    apart (read_page decides): the one written beside the headline, and the one trafilatura
    finds in the metadata. The title is the page's <h1> when it is inside the main text,
    else the metadata's. Lines the extractor kept above the headline (a kicker such as
    "Press release") stay above it, where they are head.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, favor_precision=True,
                                      with_metadata=True, deduplicate=False)
    if doc is None:
        return HtmlText("", [], None)
    # trafilatura puts one paragraph per line; the published text separates them by a blank line.
    paragraphs = [line for line in (doc.text or "").splitlines() if line.strip()]
    # An <h1> outside the main text is often the site's logo, so it is the title only when inside.
    headline = _headline(html)
    above: list[str] = []
    at = next((i for i, line in enumerate(paragraphs) if normalise_line(line) == headline), None) if headline else None
    if at is not None:
        above, paragraphs = paragraphs[:at], paragraphs[at + 1:]
    title = headline if at is not None else doc.title or headline or ""
    dates = []
    if found := _head_date(html, title, paragraphs[0] if paragraphs else None):
        dates.append(("line beside the headline", found))
    if doc.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.date):
        dates.append(("page's metadata", doc.date))
    return HtmlText("\n".join([*above, title]) + "\n\n" + "\n\n".join(paragraphs) + "\n", dates, normalise_line(title) or None)
