"""`cybergov add FILE`: one saved page in as a new statement folder, once it is known to build.

Reading: the bytes are checked (size, binary, encoding, control characters) and decoded;
HTML goes through sources.pages.html_to_text; a publisher profile gives title, date and body
exactly as `cybergov build` will read them. Detecting (detect.py): language, publisher,
genre, speaker and role, event; values given with the flags (given.py) take the place of what
the page lacks. A publisher the page names but the codebook lacks becomes a new organ
(publisher.py). Everything is printed and listed under `todo:` in metadata.yaml for a
maintainer to check. Writing (folder.py, journal.py): the statement is processed once by the
caller's trial, as the build would; only if that succeeds are the folder, events.yaml and
entities.yaml put in place, in one undoable step.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlparse

from ..errors import InputError
from ..paths import Paths
from ..sources.context import Context
from ..sources.pages import HtmlText, html_to_text
from ..sources.statements import decode
from ..sources.wording import load_wording
from .detect import detect, read_for_add
from .detected import Detected
from .duplicates import near_duplicate
from .encoding import check_text, detect_encoding, read_bytes
from .events import event_entry
from .folder import Trial, commit, existing_hashes
from .given import Given, check_given
from .html import check_html, check_words, html_hint, looks_like_html
from .ids import ascii_slug, check_id, default_id
from .journal import recover
from .metadata import render_metadata, todo
from .names import Names
from .publisher import render_entity


def _decoded(file: Path, raw: bytes, d: Detected, shown: str) -> tuple[str, str, HtmlText | None]:
    """(the text the profile reads, the decoded file, the HTML page's text and dates): HTML is turned into lines first."""
    d.encoding, notes = detect_encoding(raw, shown, html_hint(file, raw))
    d.warnings += notes
    text = decoded = decode(raw, d.encoding, shown)
    check_text(text, shown)
    html = None
    if looks_like_html(file, text):
        d.format = "html"
        check_html(text, shown)
        html = html_to_text(text)
        text = html.text
        if not text.strip():
            raise InputError("no statement text was found in the HTML page", shown, None, "save the page that shows the statement itself")
        check_words(text, shown, "the page's text")
    else:
        check_words(text, shown)
    return text, decoded, html


def _entities_text(paths: Paths, d: Detected, names: Names) -> tuple[str, str] | None:
    """entities.yaml with the new publisher appended, and its id; None when the codebook has the publisher."""
    if d.new_organ is None:
        return None
    path = paths.codebook / "entities.yaml"
    old = path.read_text(encoding="utf-8")
    return old + ("" if old.endswith("\n") else "\n") + render_entity(d.new_organ, names.by_id[d.new_organ.parent]["name"] if d.new_organ.parent else None), d.new_organ.id


def add(paths: Paths, file: Path, trial: Trial, publisher: str | None = None, url: str | None = None, doc_id: str | None = None,
        ctx: Context | None = None, given: Given | None = None) -> tuple[Detected, dict]:
    """Add FILE as a new statement: what was detected, and the rows of the trial. Raises InputError, writing nothing, on any problem."""
    file = Path(file)
    shown = str(file)
    d = Detected(file=shown)
    d.recovered = recover(paths)
    given = given or Given()
    if url is not None:
        parts = urlparse(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InputError(f"--url {url!r} is not a web address", shown, None, "give the page's full address, starting with https:// or http://")
        d.source_url = url
    if doc_id is not None:
        check_id(paths, doc_id, shown)
    raw = read_bytes(file, shown)
    sha = hashlib.sha256(raw).hexdigest()
    hashes = existing_hashes(paths)
    if sha in hashes:
        raise InputError(f"this file was already added as {hashes[sha]!r} (same sha256)", shown, None, "nothing to do: a statement is added once")
    text, decoded, html = _decoded(file, raw, d, shown)

    ctx = ctx or Context.load(paths)
    names, wording = Names(ctx), load_wording(paths)
    check_given(given, ctx, names, wording, paths.schemas / "inputs" / "metadata.schema.json", shown)
    d.given = (["publisher"] if publisher is not None else []) + given.keys()
    profile, page, lines = read_for_add(d, text, html, ctx, names, wording, given, shown)
    # The same statement saved again is refused as such, before anything the page lacks is asked for.
    dup = near_duplicate(paths, ctx, {v: k for k, v in hashes.items()}, page.title, page.paragraphs)
    if dup:
        raise InputError(f"this page's text is that of {dup!r}, already added (the same statement saved again, with other line "
                         "endings, another encoding or as HTML and as text)", shown, None,
                         f"nothing to do: a statement is added once; compare with sources/statements/{dup}/ if in doubt")
    genre_cued = detect(d, page, profile, lines, decoded, html, ctx, names, wording, given, publisher, url, shown)

    speaker_slug = d.speaker_entity or (ascii_slug(d.speaker) if d.speaker and ascii_slug(d.speaker) else None)
    if doc_id is None:
        doc_id = default_id(d, speaker_slug, names.entities_in(d.title), wording.id_stopwords)
        check_id(paths, doc_id, shown)
    d.document_id = doc_id
    events_text = event_entry(paths, ctx, names, d, wording) if given.event is None else None
    d.todo = todo(d, genre_cued, profile)
    files = {f"source.{'html' if d.format == 'html' else 'txt'}": raw, "metadata.yaml": render_metadata(d, sha).encode("utf-8")}
    rows = commit(paths, ctx, d.document_id, files, events_text, _entities_text(paths, d, names), shown, trial)
    doc = rows["documents"][0]
    d.speech_mode, d.sentences = doc["speech_mode"], doc["n_sentences"]
    return d, rows
