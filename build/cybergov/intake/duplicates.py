"""The same statement saved twice: other line endings, another encoding, the HTML and the text
version of one page. The bytes differ, so the sha256 does not find it; the text read off the
page does. Each statement is reduced to the fingerprints of its normalised paragraphs (case,
spacing, quotes and dashes folded), kept in .cache/ by source hash so that a large collection
is read once.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata

from ..errors import InputError
from ..paths import Paths
from ..sources.context import Context
from ..sources.pages import html_to_text, normalise_line, read_page
from ..sources.profiles import choose_profile
from ..sources.statements import statement_folders
from ..sources.yamlio import load_yaml

_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
MIN_CHARS = 40  # shorter paragraphs ("Mr. Chair,", "Thank you.") are in every statement
SHARE = 0.8  # of the shorter statement's paragraphs found in the other


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    return re.sub(r"\s+", "", text)


def fingerprints(title: str | None, paragraphs: list[str]) -> list[str]:
    """Short hashes of the title and the paragraphs long enough to tell statements apart."""
    parts = [p for p in ([title] if title else []) + paragraphs if len(p) >= MIN_CHARS]
    return sorted({hashlib.blake2b(fold(p).encode("utf-8"), digest_size=8).hexdigest() for p in parts})


def _read(ctx: Context, folder) -> list[str] | None:
    """The fingerprints of a statement already in sources/, read as the build reads it; None if it cannot be read."""
    try:
        meta = load_yaml(folder / "metadata.yaml", "metadata.yaml")
        text = (folder / meta["source_file"]).read_bytes().decode(meta.get("encoding", "utf-8"))
        title = None
        if meta.get("format") == "html":
            html = html_to_text(text)
            text, title = html.text, html.title
        profile = choose_profile(ctx.profiles, [normalise_line(x) for x in text.splitlines()], meta.get("profile"))
        page = read_page(text, profile, str(folder), title=meta.get("title") or title, date=meta.get("date_published"))
        return fingerprints(page.title, page.paragraphs)
    except (InputError, OSError, KeyError, UnicodeDecodeError, ValueError, TypeError):
        return None


def _cache_key(paths: Paths) -> str:
    """Profiles decide how pages are read: a change to one reads every statement again."""
    h = hashlib.sha256()
    for p in sorted(paths.profiles.glob("*.yaml")):
        h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()[:16]


def _index(paths: Paths, ctx: Context, hashes: dict[str, str]) -> dict[str, list[str]]:
    """document id -> fingerprints, for every statement, from the cache where its source is unchanged."""
    store = paths.cache / "add-fingerprints.json"
    key = _cache_key(paths)
    try:
        cached = json.loads(store.read_text(encoding="utf-8"))
        cached = cached["statements"] if cached.get("key") == key else {}
    except (OSError, ValueError, KeyError, AttributeError):
        cached = {}
    out, fresh = {}, {}
    for folder in statement_folders(paths):
        sha = hashes.get(folder.name)
        hit = cached.get(folder.name)
        if hit and hit.get("sha256") == sha:
            out[folder.name] = hit["fingerprints"]
        else:
            prints = _read(ctx, folder)
            if prints is not None:
                out[folder.name] = prints
        fresh[folder.name] = {"sha256": sha, "fingerprints": out.get(folder.name, [])}
    if fresh != cached:
        store.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".fingerprints-", dir=store.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"key": key, "statements": fresh}, fh, sort_keys=True)
        os.replace(tmp, store)
    return out


def near_duplicate(paths: Paths, ctx: Context, hashes: dict[str, str], title: str, paragraphs: list[str]) -> str | None:
    """The id of a statement whose text is this one's (most of its long paragraphs the same), or None."""
    mine = set(fingerprints(title, paragraphs))
    if not mine:
        return None
    for doc_id, prints in _index(paths, ctx, hashes).items():
        theirs = set(prints)
        if theirs and len(mine & theirs) >= SHARE * min(len(mine), len(theirs)):
            return doc_id
    return None
