"""A folder of saved pages with a manifest: file, url, retrieved, optional language and sha256.

Generic: every page is read through the publisher profiles exactly as `cybergov build`
reads it (title, date, body), and what the page states gives the rest: the speaker and
role named in the title, press conferences by their title, the publisher by the profile.
The English and Chinese pages of one press conference (same publisher, same date) are
linked as translations. Pages without any running text (index and error pages) are
skipped, with the reason.
"""
from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path
from urllib.parse import urlparse

from ...errors import InputError
from ...sources.context import Context
from ...sources.pages import Page, html_to_text, normalise_line, read_page
from ...sources.profiles import choose_profile
from ...sources.statements import decode
from ...sources.wording import Wording
from ..encoding import detect_encoding
from ..ids import ascii_slug
from ..language import detect_language
from ..names import Names
from .item import Item, Reading, Skipped

REQUIRED = ("file", "url", "retrieved")
_RUNNING = re.compile(r"[.!?。！？][”’\"'）)」』]*$")
_LANGUAGES = {"en": "en", "zh": None, "zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}


def _rows(manifest: Path, shown: str) -> list[tuple[int, dict]]:
    if not manifest.is_file():
        raise InputError("the manifest is missing", shown, None, "give the CSV that lists the saved pages (file, url, retrieved)")
    with manifest.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"the manifest has no column {', '.join(missing)}", shown, 1, "its first row must name file, url and retrieved")
        rows = [(n, row) for n, row in enumerate(reader, start=2)]
    urls: dict[str, int] = {}
    for n, row in rows:
        url = (row.get("url") or "").strip()
        if urlparse(url).scheme not in ("http", "https"):
            raise InputError(f"url {url!r} is not a web address", shown, n, "give the page's full address, starting with https://")
        if url in urls:
            raise InputError(f"the URL {url} is listed twice (also on line {urls[url]})", shown, n, "list each page once")
        urls[url] = n
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?", (row.get("retrieved") or "").strip()):
            raise InputError(f"retrieved {row.get('retrieved')!r} is not a date or UTC time", shown, n, "write YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ")
    return rows


def _page_bytes(folder: Path, row: dict, n: int, shown: str) -> bytes:
    path = folder / row["file"]
    if not path.is_file():
        raise InputError(f"the file {row['file']} is missing", shown, n, "restore the saved page, or remove its line from the manifest")
    raw = path.read_bytes()
    given = (row.get("sha256") or "").strip()
    if given and hashlib.sha256(raw).hexdigest() != given:
        raise InputError(f"the sha256 of {row['file']} is not the one the manifest records", shown, n,
                         "the page changed since the manifest was written: restore it, or record its new checksum")
    return raw


def _speaker(title: str, names: Names) -> dict | None:
    """The person the title names, as it writes the name, and the post written just before it ("Foreign Ministry
    Spokesperson", 外交部发言人)."""
    person = next(iter(names.entities_in(title, ("person",))), None)
    if person is None:
        return None
    hit = next(h for h in names.matcher.hits(title, chinese=True) if h.phrase.value == person)
    before = re.sub(r"^\d{4}年\d{1,2}月\d{1,2}日", "", title[:hit.start]).strip()
    if re.search(r"[\u4e00-\u9fff]$", before):
        role = before or None
    else:
        tail = re.search(r"(?:[A-Z][\w’'-]*\s+)*[A-Z][\w’'-]*$", before)
        role = tail.group() if tail else None
    return {"entity": person, "name": title[hit.start:hit.end], "role": role}


def _item(folder: Path, row: dict, n: int, corpus: str, ctx: Context, names: Names, w: Wording, shown: str) -> Item | Skipped:
    raw = _page_bytes(folder, row, n, shown)
    where = f"{shown}:{n} ({row['file']})"
    encoding, _ = detect_encoding(raw, where, True)
    html = html_to_text(decode(raw, encoding, where))
    lines = [normalise_line(x) for x in html.text.splitlines()]
    profile = choose_profile(ctx.profiles, lines)
    try:
        page = read_page(html.text, profile, where, html.dates, title=html.title)
    except InputError as exc:
        return Skipped(where, f"not a statement: {exc.problem}")
    if not any(len(p) > 40 and _RUNNING.search(p) for p in page.paragraphs):
        return Skipped(where, "not a statement: no paragraph of running text (an index or error page)")
    if page.date is None:
        return Skipped(where, "the page states no date")
    body = "\n".join(page.paragraphs)
    language = _LANGUAGES.get((row.get("language") or "").strip().lower()) or detect_language(f"{page.title}\n{body}", w)
    if language is None:
        return Skipped(where, "neither English nor Chinese")
    return _statement(row, corpus, page, profile.publisher, language, raw, encoding, body, ctx, names, w, where)


def _statement(row, corpus, page: Page, publisher, language, raw, encoding, body, ctx: Context, names: Names, w: Wording, where) -> Item:
    press = bool(w.press_conference_title.search(page.title))
    speaker = _speaker(page.title, names)
    series = next(iter(names.entities_in(page.title, ("forum",))), None) if press else None
    lang = "en" if language == "en" else "zh"
    slug = ascii_slug(Path(urlparse(row["url"]).path).stem) or "page"
    doc_id = f"{page.date}-{publisher}-press-conference-{lang}" if press else f"{page.date}-{publisher}-{slug}-{lang}"
    event = None
    if series:
        event = {"id": f"{page.date}-{series}", "name": f"{ctx.entities[series]['name']}, {page.date}", "series": series,
                 "ordinal": None, "date": page.date, "city": None, "country": None, "body": publisher}
    metadata = {
        "document_id": doc_id, "source_file": "source.html", "encoding": encoding, "format": "html", "publisher": publisher,
        "genre": "press_conference" if press else ("interview" if w.interview_title.search(page.title) else "statement"),
        "language": language, "source_url": row["url"].strip(), "retrieved": row["retrieved"].strip(),
        "corpus": {"id": corpus, "item": row["file"]},
        "speakers": [speaker] if speaker else [], "holder": names.holder(publisher),
        "event": event["id"] if event else None,
    }
    return Item(corpus, row["file"], where, raw, doc_id, metadata, f"{page.title}\n{body}", event)


def read(folder: Path, manifest: Path, corpus: str, ctx: Context, w: Wording, shown: str, progress=None) -> Reading:
    names = Names(ctx)
    reading = Reading()
    rows = _rows(manifest, shown)
    for n, row in rows:
        got = _item(folder, row, n, corpus, ctx, names, w, shown)
        (reading.items if isinstance(got, Item) else reading.skipped).append(got)
        if progress:
            progress(1)
    _unique_ids(reading.items)
    _pair(reading.items)
    return reading


def _unique_ids(items: list[Item]) -> None:
    """Two pages of one day and kind (a conference saved twice under two addresses): the second keeps its page name."""
    seen: dict[str, Item] = {}
    for item in items:
        if item.document_id in seen:
            stem = ascii_slug(Path(item.metadata["source_url"]).stem) or "page"
            item.document_id = item.metadata["document_id"] = f"{item.document_id}-{stem}"
        seen[item.document_id] = item


def _pair(items: list[Item]) -> None:
    """The English and Chinese pages of one press conference: same publisher, same date, one of each language."""
    groups: dict[tuple, list[Item]] = {}
    for item in items:
        meta = item.metadata
        if meta["genre"] == "press_conference":
            groups.setdefault((meta["publisher"], meta["event"]), []).append(item)
    for group in groups.values():
        english = [i for i in group if i.metadata["language"] == "en"]
        chinese = [i for i in group if i.metadata["language"].startswith("zh")]
        if len(english) == 1 and len(chinese) == 1:
            for one, other in ((english[0], chinese[0]), (chinese[0], english[0])):
                one.pair = other.key
                one.metadata["translation"] = {"of": other.document_id, "matched_by": "same publisher and date, both regular press conferences"}
