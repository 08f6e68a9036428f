"""Read a saved page through a publisher profile: title, date line, body paragraphs.

Everything that is specific to one site (menus, breadcrumbs, footers, the shape of its
date line) is data in sources/profiles/*.yaml; this module only applies it.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .paths import Paths
from .yamlio import check_schema, load_yaml

# Spaces that publishers' pages use for layout; the published text has plain spaces.
_SPACES = re.compile(r"[\u00a0\u2007\u202f\u3000\t\u000b\u000c]")
_RUNS = re.compile(r" {2,}")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"], 1)}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    publisher: str | None
    priority: int
    detect: tuple[re.Pattern, ...]
    boilerplate: tuple[re.Pattern, ...]
    date_lines: tuple[re.Pattern, ...]
    file: str

    def is_boilerplate(self, line: str) -> bool:
        return any(p.search(line) for p in self.boilerplate)


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


def _compile(patterns, file: str, where: str) -> tuple[re.Pattern, ...]:
    out = []
    for i, pat in enumerate(patterns):
        try:
            out.append(re.compile(pat))
        except re.error as exc:
            raise InputError(f"{where}[{i}]: invalid regular expression: {exc}", file, getattr(patterns, "item_lines", [None] * (i + 1))[i],
                             "correct the pattern (Python regular expression syntax)") from exc
    return tuple(out)


def load_profiles(paths: Paths) -> list[Profile]:
    """All profiles, most specific first; the generic fallback (lowest priority) last."""
    profiles = []
    seen: dict[str, str] = {}
    for path in sorted(paths.profiles.glob("*.yaml")):
        shown = paths.rel(path)
        data = load_yaml(path, shown)
        check_schema(data, paths.schemas / "inputs" / "profile.schema.json", shown, "schemas/inputs/profile.schema.json")
        if data["id"] != path.stem:
            raise InputError(f"profile id {data['id']!r} differs from the file name", shown, data.key_lines.get("id"), "name the file <id>.yaml")
        if data["id"] in seen:
            raise InputError(f"duplicate profile id {data['id']!r} (also in {seen[data['id']]})", shown, fix="give each profile its own id")
        seen[data["id"]] = shown
        profiles.append(Profile(
            id=data["id"], name=data["name"], publisher=data.get("publisher"), priority=data.get("priority", 0),
            detect=_compile(data["detect"], shown, "detect"),
            boilerplate=_compile(data["boilerplate"], shown, "boilerplate"),
            date_lines=_compile([d["pattern"] for d in data["date_lines"]], shown, "date_lines"),
            file=shown,
        ))
    if not profiles:
        raise InputError("no publisher profiles found", paths.rel(paths.profiles), fix="restore sources/profiles/generic.yaml")
    return sorted(profiles, key=lambda p: (-p.priority, p.id))


def choose_profile(profiles: list[Profile], lines: list[str], wanted: str | None = None) -> Profile:
    """The named profile, or the first whose detect patterns all match the page's first lines."""
    if wanted:
        for p in profiles:
            if p.id == wanted:
                return p
        raise KeyError(wanted)
    head = [line for line in lines[:15] if line]
    for p in profiles:
        if p.detect and all(any(rx.search(line) for line in head) for rx in p.detect):
            return p
    return profiles[-1]


def parse_date(match: re.Match) -> tuple[str, str | None]:
    groups = match.groupdict()
    month = groups["month"]
    month_no = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
    if month_no is None:
        raise ValueError(f"unknown month {month!r}")
    date = dt.date(int(groups["year"]), month_no, int(groups["day"])).isoformat()
    time = None
    if groups.get("hour") is not None:
        time = dt.time(int(groups["hour"]), int(groups["minute"])).strftime("%H:%M")
    return date, time


def find_dates(profile: Profile, lines: list[str]) -> list[tuple[int, str, str | None]]:
    """Every line that is a date line under this profile, as (index, date, time)."""
    found = []
    for i, line in enumerate(lines):
        for rx in profile.date_lines:
            m = rx.fullmatch(line)
            if m:
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


def read_page(text: str, profile: Profile, shown_as: str) -> Page:
    lines = [normalise_line(x) for x in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    dropped = [line for line in lines if line and profile.is_boilerplate(line)]
    dates = find_dates(profile, lines)
    if len({(d, t) for _, d, t in dates}) > 1:
        shown = "; ".join(f"line {i + 1}: {lines[i]!r}" for i, _, _ in dates)
        raise InputError(f"the page has date lines that disagree ({shown})", shown_as, dates[1][0] + 1,
                         "keep the page as saved and set `date_published` in metadata.yaml; if one of the lines is not a date line, add it to the profile's boilerplate")
    date_idx, date, time = dates[0] if dates else (None, None, None)
    kept = [(i, line) for i, line in enumerate(lines) if not (line and profile.is_boilerplate(line)) and i != date_idx]
    content = [(i, line) for i, line in kept if line]
    if not content:
        raise InputError("the page has no text besides boilerplate", shown_as,
                         fix="check that the saved page contains the statement; extend the profile only if a real paragraph was dropped")
    # The title is the first line of content, above or below the date line; the body follows both.
    title_idx, title = content[0]
    body_start = max(title_idx, date_idx if date_idx is not None else -1)
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
    return Page(profile=profile, title=title, date=date, time=time, paragraphs=paragraphs, dropped=dropped)


def html_to_text(html: str) -> str:
    """A saved HTML page as plain lines: title, date line, then the main text.

    trafilatura finds the main text and drops menus, scripts and styles; its metadata
    gives the title and date, which are put back as the first lines so that the same
    profile rules read every page, HTML or text.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, favor_precision=True,
                                      with_metadata=True, deduplicate=False)
    if doc is None:
        return ""
    body = doc.text or ""
    head = [doc.title or ""]
    if doc.date:
        head.append(doc.date)
    # trafilatura puts one paragraph per line; the published text separates them by a blank line.
    paragraphs = [line for line in body.splitlines() if line.strip()]
    return "\n".join(head) + "\n\n" + "\n\n".join(paragraphs) + "\n"
