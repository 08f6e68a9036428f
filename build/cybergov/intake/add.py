"""`cybergov add FILE`: one saved page in as a new statement folder, once it is known to build.

Reading: the bytes are checked (size, binary, encoding) and decoded; HTML goes through
sources.pages.html_to_text; a publisher profile gives title, date and body exactly as
`cybergov build` will read them. Detecting (detect.py): language, publisher, genre, speaker
and role, event, printed and listed under `todo:` in metadata.yaml for a maintainer to
check. Writing (folder.py): the statement is processed once by the caller's trial, as the
build would; only if that succeeds are the folder and events.yaml moved into place.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlparse

from ..errors import InputError
from ..paths import Paths
from ..sources.context import Context
from ..sources.pages import html_to_text
from ..sources.statements import decode
from ..sources.wording import load_wording
from .detect import detect
from .detected import Detected
from .encoding import check_text, detect_encoding, read_bytes
from .events import event_entry
from .folder import Trial, commit, existing_hashes
from .html import html_hint, looks_like_html
from .ids import ascii_slug, check_id, default_id
from .metadata import render_metadata, todo
from .names import Names


def _decoded(file: Path, raw: bytes, d: Detected, shown: str) -> tuple[str, str, list]:
    """(the text the profile reads, the decoded file, the dates an HTML page gives): HTML is turned into lines first."""
    d.encoding, notes = detect_encoding(raw, shown, html_hint(file, raw))
    d.warnings += notes
    text = decoded = decode(raw, d.encoding, shown)
    check_text(text, shown)
    html_dates = []
    if looks_like_html(file, text):
        d.format = "html"
        html = html_to_text(text)
        text, html_dates = html.text, html.dates
        if not text.strip():
            raise InputError("no statement text was found in the HTML page", shown, None, "save the page that shows the statement itself")
    return text, decoded, html_dates


def add(paths: Paths, file: Path, trial: Trial, publisher: str | None = None, url: str | None = None, doc_id: str | None = None,
        ctx: Context | None = None) -> tuple[Detected, dict]:
    """Add FILE as a new statement: what was detected, and the rows of the trial. Raises InputError, writing nothing, on any problem."""
    file = Path(file)
    shown = str(file)
    d = Detected(file=shown)
    if url is not None:
        parts = urlparse(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InputError(f"--url {url!r} is not a web address", shown, None, "give the page's full address, starting with https:// or http://")
        d.source_url = url
    if doc_id is not None:
        check_id(paths, doc_id, shown)
    raw = read_bytes(file, shown)
    sha = hashlib.sha256(raw).hexdigest()
    dup = existing_hashes(paths).get(sha)
    if dup:
        raise InputError(f"this file was already added as {dup!r} (same sha256)", shown, None, "nothing to do: a statement is added once")
    text, decoded, html_dates = _decoded(file, raw, d, shown)

    ctx = ctx or Context.load(paths)
    names, wording = Names(ctx), load_wording(paths)
    profile, genre_cued = detect(d, text, decoded, html_dates, ctx, names, wording, publisher, shown)

    speaker_slug = d.speaker_entity or (ascii_slug(d.speaker) if d.speaker and ascii_slug(d.speaker) else None)
    if doc_id is None:
        doc_id = default_id(d, speaker_slug, names.entities_in(d.title), wording.id_stopwords)
        check_id(paths, doc_id, shown)
    d.document_id = doc_id
    events_text = event_entry(paths, ctx, names, d, wording)
    d.todo = todo(d, genre_cued, profile)
    speakers = [{"entity": d.speaker_entity, "role": d.role}] if d.speaker_entity else []
    files = {f"source.{'html' if d.format == 'html' else 'txt'}": raw,
             "metadata.yaml": render_metadata(d, speakers, sha).encode("utf-8")}
    rows = commit(paths, ctx, d.document_id, files, events_text, shown, trial)
    doc = rows["documents"][0]
    d.speech_mode, d.sentences = doc["speech_mode"], doc["n_sentences"]
    return d, rows
