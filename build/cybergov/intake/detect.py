"""What a page states, read off its title, first paragraphs and header lines: language,
publisher, speaker and role, genre and event.
"""
from __future__ import annotations

import html as html_lib
import re

from ..errors import InputError
from ..sources.context import Context
from ..sources.pages import Page, normalise_line, read_page
from ..sources.profiles import Profile, choose_profile
from ..sources.wording import Wording
from .dates import datelines
from .detected import Detected, Notice
from .events import event_en, event_zh, link_event
from .language import detect_language
from .names import Names
from .speaker import speaker_en, speaker_zh

_TERMINAL = re.compile(r"[.!?。！？…:：;；][”’\"'）)」』»]*$")
_PUBLISHER_KINDS = ("state_organ", "organisation", "un_body", "state", "party_organ", "forum")


def read(text: str, profile: Profile, shown: str, html_dates: list = ()) -> Page:
    try:
        return read_page(text, profile, shown, html_dates)
    except InputError as exc:
        if exc.problem.startswith("the page has date lines that disagree"):
            raise InputError(exc.problem, exc.file, exc.line,
                             f"if one of these lines is not the page's date, add a pattern for it to `boilerplate` in {profile.file}; "
                             "otherwise add the statement by hand with `date_published` in metadata.yaml (docs/adding-statements.md)") from None
        raise


def genre(title: str, title_genre: str | None, head: list[str], reported: bool, w: Wording) -> tuple[str, bool]:
    """The genre and whether it was read from a cue (False: a default to check)."""
    if w.joint_title.search(title):
        return "joint_statement", True
    if title_genre:
        return title_genre, True
    if w.interview_title.search(title):
        return "interview", True
    if any(rx.match(line) for line in head for rx in w.press_release_lines):
        return "press_release", True
    if w.statement_title_zh.search(title):
        return "statement", True
    if reported:
        return "readout", True
    return "statement", False


def publisher(names: Names, profile: Profile, given: str | None, lines: list[str], shown: str) -> str:
    if given is not None:
        if given not in names.by_id:
            raise InputError(f"--publisher {given!r} is not an entity id in sources/codebook/entities.yaml", shown, None,
                             "use the id of the publishing ministry or mission, adding it to entities.yaml first if it is new")
        if profile.publisher is not None and profile.publisher != given:
            raise InputError(f"--publisher {given!r} differs from {profile.publisher!r}, whose site layout the page has ({profile.file})",
                             shown, None, "leave out --publisher, or check that the right file was given")
        return given
    if profile.publisher is not None:
        return profile.publisher
    for line in lines:
        eid = names.entity(line, _PUBLISHER_KINDS)
        if eid:
            return eid
    plain = [line for line in lines if not re.search(r"[|>»]", line) and len(line) < 120]
    named = next((line for line in plain if re.search(r"Ministry|Mission|Embassy|Government|Office|外交部|代表团|代表團|政府", line, re.I)),
                 plain[0] if plain else None)
    hint = f" (the page's header says {named!r})" if named else ""
    raise InputError(f"the publisher is unknown: no profile in sources/profiles matches this site, and no line of the page names "
                     f"a publisher in the codebook{hint}", shown, None,
                     "add the publisher to sources/codebook/entities.yaml (kind state_organ, parent: its state) and run again "
                     "with --publisher <its id>")


def _head(lines: list[str], page: Page, decoded: str, html: bool) -> list[str]:
    """Lines above the title, and for HTML the parts of <title> (the site's name is often there, after a bar or dash)."""
    title_at = lines.index(page.title) if page.title in lines else 0
    head = [line for line in lines[:title_at] if line]
    if html:
        m = re.search(r"<title[^>]*>(.*?)</title>", decoded, re.I | re.S)
        if m:
            head += [normalise_line(part) for part in re.split(r"\s[|–—-]\s", html_lib.unescape(m.group(1))) if part.strip()]
    return head


def detect(d: Detected, text: str, decoded: str, html_dates: list, ctx: Context, names: Names, w: Wording,
           given_publisher: str | None, shown: str) -> tuple[Profile, bool]:
    """Fill `d` from the page; (the profile it was read with, whether the genre was cued)."""
    lines = [normalise_line(x) for x in text.splitlines()]
    profile = choose_profile(ctx.profiles, lines)
    d.profile = profile.id
    page = read(text, profile, shown, html_dates)
    if page.date is None:
        raise InputError("the page states no publication date that its profile recognises", shown, None,
                         f"add the page's date line format to `date_lines` in {profile.file}, or add the statement by hand "
                         "with `date_published` in metadata.yaml (docs/adding-statements.md)")
    d.title, d.date, d.time, d.paragraphs = page.title, page.date, page.time, len(page.paragraphs)
    d.boilerplate, d.body = page.dropped, page.paragraphs
    d.warnings += [Notice("date", note) for note in page.notes]
    head = _head(lines, page, decoded, d.format == "html")
    lang = detect_language("\n".join([page.title, *page.paragraphs]), w)
    if lang is None:
        raise InputError("the statement is neither in English nor in Chinese", shown, None,
                         "only statements in English (en) and Chinese (zh-Hans, zh-Hant) are supported")
    d.language = lang
    chinese = lang.startswith("zh")
    d.publisher = publisher(names, profile, given_publisher, head + page.dropped, shown)
    d.holder = names.holder(d.publisher)

    # The first paragraphs and the lines the page drops (a news lead, a caption) name speaker and event.
    context = [p for p in page.paragraphs[:3]] + [line for line in page.dropped if len(line) > 40]
    name, role, title_genre, phrase = (speaker_zh if chinese else speaker_en)(page.title, context, w)
    d.speaker, d.role = name, role
    d.speaker_entity = names.entity(name, ("person",))
    reported = ctx.codebook.conventions.speech_mode(page.paragraphs) == "reported"
    d.genre, genre_cued = genre(page.title, title_genre, head + page.dropped, reported, w)
    if d.genre == "joint_statement":
        d.speaker = d.role = d.speaker_entity = None
    if chinese:
        ev = event_zh(phrase, context, d.date, w)
    else:
        ev = event_en(phrase, [page.title, *context], datelines(lines, w.city, w.weekdays), w)
    if ev is not None:
        link_event(ev, names)
    d.event = ev
    last = page.paragraphs[-1]
    if not _TERMINAL.search(last) and ctx.codebook.conventions.paragraph_kind(2, last) == "body":
        d.warnings.append(Notice("truncated", f"the text ends mid-sentence ({last[-40:]!r}): the saved page may be cut off"))
    return profile, genre_cued
