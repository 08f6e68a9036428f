"""Statement ids: readable slugs made from date, speaker and title, checked before anything is written."""
from __future__ import annotations

import re
import unicodedata

from ..errors import InputError
from ..paths import Paths
from .detected import Detected

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_ID_CHARS = 120  # metadata.schema.json
DEFAULT_ID_CHARS = 80


def ascii_slug(text: str) -> str:
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", flat).strip("-")


def trim_slug(slug: str, limit: int) -> str:
    """At most `limit` characters, cut at a hyphen, without a dangling "of-the" at the end."""
    if len(slug) <= limit:
        return slug
    cut = slug[:limit + 1].rfind("-")
    words = slug[:cut if cut > 0 else limit].strip("-").split("-")
    while len(words) > 1 and words[-1] in ("a", "an", "the", "of", "on", "in", "and", "for", "to", "at", "by"):
        words.pop()
    return "-".join(words)


def check_id(paths: Paths, doc_id: str, shown: str) -> None:
    if not SLUG.match(doc_id) or len(doc_id) > MAX_ID_CHARS:
        raise InputError(f"--id {doc_id!r} is not a valid statement id", shown, None,
                         f"use lower-case letters, digits and single hyphens, at most {MAX_ID_CHARS} characters (e.g. 2024-06-20-fu-cong-unsc-cybersecurity)")
    target = (paths.statements / doc_id).resolve()
    if target.parent != paths.statements.resolve():
        raise InputError(f"--id {doc_id!r} would write outside sources/statements/", shown, None, "use a plain slug as the id")
    if target.exists():
        raise InputError(f"a statement with the id {doc_id!r} already exists ({paths.rel(target)})", shown, None,
                         "choose another id with --id, or remove the existing statement first if it is the same one")


def default_id(d: Detected, speaker_slug: str | None, title_entities: list[str], stopwords: set[str]) -> str:
    who = speaker_slug or d.publisher
    skip = set(who.split("-"))
    words = [w for w in ascii_slug(d.title).split("-") if w and w not in stopwords and w not in skip]
    keywords = "-".join(words[:4]) if len(words) >= 2 else "-".join(title_entities[:2]) or (ascii_slug(d.event.name) if d.event else "")
    doc_id = "-".join(p for p in (d.date, who, keywords) if p)
    return trim_slug(re.sub(r"-{2,}", "-", doc_id), DEFAULT_ID_CHARS)
