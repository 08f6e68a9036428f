"""What a page states, read off its title, first paragraphs, header and signature lines: title
and date, language, publisher, speaker and role, genre and event; values given with the
command's flags take the place of what the page lacks, checked as detected values are.
"""
from __future__ import annotations

import html as html_lib
import re

from ..errors import InputError
from ..sources.context import Context
from ..sources.pages import HtmlText, Page, normalise_line, read_page
from ..sources.profiles import Profile, choose_profile
from ..sources.wording import Wording
from .dates import datelines
from .detected import Detected, Notice
from .events import event_en, event_zh, link_event
from .given import Given, given_speaker, person_like
from .html import head_blocks
from .language import detect_language
from .names import Names
from .publisher import find_publisher
from .speaker import is_post, speaker_en, speaker_lines, speaker_zh

_TERMINAL = re.compile(r"[.!?。！？…:：;；][”’\"'）)」』»]*$")


def read(text: str, profile: Profile, shown: str, html_dates: list = (), title: str | None = None, date: str | None = None) -> Page:
    try:
        return read_page(text, profile, shown, html_dates, title=title, date=date)
    except InputError as exc:
        if exc.problem.startswith("the page has date lines that disagree"):
            raise InputError(exc.problem, exc.file, exc.line,
                             "pass the statement's date with --date YYYY-MM-DD (one of these), or, if one of these lines is not "
                             f"a date of the page, add a pattern for it to `boilerplate` in {profile.file}") from None
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


def _post_or_name(line: str, names: Names, w: Wording) -> bool:
    """A line that holds a speaker's name or post ("H.E. Ms. Liisa Tamm", "Permanent Representative of ..."), not a title."""
    if is_post(line, w):
        return True
    tokens = line.replace(",", " ").split()
    bare = " ".join(t for t in tokens if t.lower() not in w.honorifics)
    if not bare:
        return False
    if names.entity(bare, ("person",)):
        return True
    # a name line of an unknown person carries an honorific ("H.E. Ms. ..."): a short title can look like a name
    return bare != " ".join(tokens) and person_like(bare, names, w)


def _title(text: str, lines: list[str], page: Page, profile: Profile, given: Given, names: Names, w: Wording,
           shown: str, html_dates: list) -> tuple[Page, bool]:
    """The page read with the right title: the one given, or a line above a speaker's name and post lines that the
    reader took for it; (page, whether metadata.yaml must name the title)."""
    if given.title is not None:
        if normalise_line(given.title) in lines or page.title is None or (len(page.title) >= 60 and _TERMINAL.search(page.title)):
            return read(text, profile, shown, html_dates, title=given.title, date=given.date), True
        raise InputError(f"--title {given.title!r} is not a line of the page, whose title is {page.title!r}", shown, None,
                         "give the title line as the page writes it, or leave --title out")
    if page.title is None or page.title not in lines or not _post_or_name(page.title, names, w):
        return page, False
    at = lines.index(page.title)
    for line in reversed([x for x in lines[:at] if x]):
        if not _post_or_name(line, names, w):
            if profile.is_boilerplate(line):
                break
            return read(text, profile, shown, html_dates, title=line, date=given.date), True
    return page, False


def _date(d: Detected, page: Page, given: Given, profile: Profile, shown: str) -> None:
    if given.date is not None:
        if page.date is not None and page.date != given.date:
            raise InputError(f"--date {given.date} differs from the date the page states ({page.date}, read from its {page.date_source})",
                             shown, None, "leave out --date: the page is the authority on its date")
        d.date, d.time, d.date_given = given.date, page.time if page.date else None, True
        return
    if page.date is None:
        raise InputError("the page states no publication date that `add` can read", shown, None,
                         "pass the date the statement was published with --date YYYY-MM-DD (or YYYY-MM, or YYYY); if the page "
                         f"does state it, add the date line's form to `date_lines` in {profile.file}")
    d.date, d.time = page.date, page.time


def _language(d: Detected, page: Page, given: Given, w: Wording, shown: str) -> None:
    found = detect_language("\n".join([page.title or "", *page.paragraphs]), w)
    if given.language is not None:
        if found is not None and found[:2] != given.language[:2]:
            raise InputError(f"--language {given.language} does not agree with the text, which reads as {found}", shown, None,
                             "leave out --language, or check that the right file was given")
        found = given.language
    if found is None:
        raise InputError("the statement is neither in English nor in Chinese", shown, None,
                         "only statements in English (en) and Chinese (zh-Hans, zh-Hant) are supported; pass --language if "
                         "the text is one of them and was not recognised")
    d.language = found


def _around(lines: list[str], page: Page, decoded: str, html: HtmlText | None) -> tuple[list[str], list[str], list[str], list[str]]:
    """(header lines, parts of the HTML <title>, signature and dropped lines, the first lines): where pages name themselves."""
    title_at = lines.index(page.title) if page.title in lines else 0
    head = [line for line in lines[:title_at] if line]
    parts: list[str] = []
    if html is not None:
        head = head_blocks(decoded) + head
        m = re.search(r"<title[^>]*>(.*?)</title>", decoded[:200_000], re.I | re.S)
        if m:
            parts = [normalise_line(p) for p in re.split(r"\s[|–—-]\s", html_lib.unescape(m.group(1))) if p.strip()]
    filled = [line for line in lines if line]
    tail = [line for line in reversed(filled[-6:]) if len(line) < 150] + page.dropped
    return head, parts, tail, filled[:20]


def _speaker(d: Detected, page: Page, lines: list[str], context: list[str], names: Names, w: Wording, given: Given,
             site: set[str], shown: str) -> tuple[str | None, str | None]:
    """Speaker name and role; the title's genre and event phrase are returned by the shape readers too."""
    def ok(name: str) -> bool:
        return name not in site and person_like(name, names, w)

    def known(name: str) -> bool:
        return names.entity(name, ("person",)) is not None

    reader = speaker_zh if d.language.startswith("zh") else speaker_en
    name, role, title_genre, phrase = reader(page.title or "", context, w, ok, known)
    if name is None and role is None:
        filled = [x for x in lines if x]
        name, role = speaker_lines(filled[:25], w, ok)
        if name is None:
            name, role = speaker_lines(filled[-8:], w, ok)
    if given.speaker is not None:
        entity, given_name = given_speaker(given, names)
        role = given.role or (role if name and names.entity(name, ("person",)) == entity and entity else None)
        name, d.speaker_entity, d.speaker_given = given_name, entity, True
    elif given.role is not None:
        if name is None:
            raise InputError(f"--role {given.role!r} needs a speaker, and the page names none that `add` could read", shown, None,
                             "pass the speaker's name with --speaker as well")
        role, d.speaker_given = given.role, True
    if not d.speaker_given:
        d.speaker_entity = names.entity(name, ("person",))
    d.speaker, d.role = name, role
    return title_genre, phrase


def read_for_add(d: Detected, text: str, html: HtmlText | None, ctx: Context, names: Names, w: Wording, given: Given,
                 shown: str) -> tuple[Profile, Page, list[str]]:
    """The page read through its profile as the build will read it, with the title settled; (profile, page, its lines)."""
    html_dates = html.dates if html else []
    lines = [normalise_line(x) for x in text.splitlines()]
    profile = choose_profile(ctx.profiles, lines)
    d.profile = profile.id
    page = read(text, profile, shown, html_dates, title=html.title if html else None, date=given.date)
    page, d.title_written = _title(text, lines, page, profile, given, names, w, shown, html_dates)
    return profile, page, lines


def detect(d: Detected, page: Page, profile: Profile, lines: list[str], decoded: str, html: HtmlText | None, ctx: Context,
           names: Names, w: Wording, given: Given, given_publisher: str | None, url: str | None, shown: str) -> bool:
    """Fill `d` from the page and the given values; whether the genre was read from a cue."""
    _date(d, page, given, profile, shown)
    d.title, d.paragraphs = page.title, len(page.paragraphs)
    d.boilerplate, d.body = page.dropped, page.paragraphs
    d.warnings += [Notice("date", note) for note in page.notes]
    _language(d, page, given, w, shown)

    head, parts, tail, top = _around(lines, page, decoded, html)
    found = find_publisher(names, w, profile, given_publisher, head, parts, tail, top, url, shown)
    d.publisher, d.publisher_how, d.new_organ = found.id, found.how, found.new
    parent = found.new.parent if found.new else d.publisher
    d.holder = given.holder or (names.holder(parent) if parent else d.publisher)

    # The first paragraphs and the lines the page drops (a news lead, a caption) name speaker and event.
    context = page.paragraphs[:3] + [line for line in page.dropped if len(line) > 40]
    site = {found.new.name if found.new else names.by_id[d.publisher]["name"], *head[:3], *parts}
    title_genre, phrase = _speaker(d, page, lines, context, names, w, given, site, shown)
    reported = ctx.codebook.conventions.speech_mode(page.paragraphs) == "reported"
    d.genre, genre_cued = genre(page.title or "", title_genre, head + page.dropped, reported, w)
    if given.genre is not None:
        d.genre, genre_cued = given.genre, True
    if d.genre == "joint_statement" and not d.speaker_given:
        d.speaker = d.role = d.speaker_entity = None
    if given.event is not None:
        d.event_id = given.event
    else:
        if d.language.startswith("zh"):
            ev = event_zh(phrase, context, d.date if len(d.date) == 10 else None, w)
        else:
            ev = event_en(phrase, [page.title or "", *context], datelines(lines, w.city, w.weekdays), w)
        if ev is not None:
            link_event(ev, names)
        d.event = ev
    # A signature that names the publisher ends many pages without a full stop.
    last = next((p for p in reversed(page.paragraphs) if p != found.line), page.paragraphs[-1])
    if not _TERMINAL.search(last) and ctx.codebook.conventions.paragraph_kind(2, last) == "body":
        d.warnings.append(Notice("truncated", f"the text ends mid-sentence ({last[-40:]!r}): the saved page may be cut off"))
    return genre_cued
