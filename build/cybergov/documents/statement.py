"""One statement's text and structure: the page read through its profile, reconciled with
the metadata, segmented into paragraphs and sentences, as rows.

A pure function of the source and the context: nothing here reads or writes outside its
arguments, so statements can be processed in any order, in parallel, and cached.
"""
from __future__ import annotations

from ..errors import InputError
from ..sources.context import Context
from ..sources.pages import Page, html_to_text, normalise_line, read_page
from ..sources.profiles import choose_profile
from ..sources.statements import Source, decode
from .segment import Segmenter
from .turns import assign_turns


def _meta_line(meta, key):
    return meta.key_lines.get(key) if hasattr(meta, "key_lines") else None


def _check_refs(src: Source, ctx: Context, shown: str) -> None:
    meta = src.metadata
    refs = [("publisher", meta["publisher"]), ("holder", meta["holder"])]
    refs += [("speakers", s["entity"]) for s in meta["speakers"] if s.get("entity") is not None]
    for key, value in refs:
        if value not in ctx.entity_ids:
            raise InputError(f"{key}: {value!r} is not an entity id in the codebook", shown, _meta_line(meta, key),
                             "add the entity to sources/codebook/entities.yaml or correct the id")
    if meta.get("event") is not None and meta["event"] not in ctx.event_ids:
        raise InputError(f"event: {meta['event']!r} is not in sources/events.yaml", shown, _meta_line(meta, "event"),
                         "add the event to sources/events.yaml or set event to null")


def read_statement(src: Source, ctx: Context) -> tuple[Page, str, str | None]:
    """Decode the source, read it through its profile and reconcile it with the metadata: (page, date, time).

    The page is the authority on what it states; the metadata supplies what it does not (the
    title and date of a corpus file) and, where it repeats the page, must agree with it.
    """
    meta = src.metadata
    shown_src = f"{src.folder}/{meta['source_file']}"
    shown_meta = f"{src.folder}/metadata.yaml"
    _check_refs(src, ctx, shown_meta)
    text = decode(src.raw, meta.get("encoding", "utf-8"), shown_src)
    html_dates, headline = [], None
    if meta.get("format", "text") == "html":
        html = html_to_text(text)
        text, html_dates, headline = html.text, html.dates, html.title
    lines = [normalise_line(x) for x in text.splitlines()]
    try:
        profile = choose_profile(ctx.profiles, lines, meta.get("profile"))
    except KeyError:
        raise InputError(f"profile: no profile {meta['profile']!r} in sources/profiles", shown_meta, _meta_line(meta, "profile"),
                         "name an existing profile or remove the key to detect it") from None
    if profile.publisher is not None and profile.publisher != meta["publisher"]:
        raise InputError(
            f"publisher: metadata says {meta['publisher']!r} but the page has the layout of {profile.publisher!r} ({profile.file})",
            shown_meta, _meta_line(meta, "publisher"), "correct `publisher`, or set `profile` if the page only looks alike")
    page = read_page(text, profile, shown_src, html_dates, title=meta.get("title") or headline, date=meta.get("date_published"))
    for key, page_value in (("title", page.title), ("date_published", page.date), ("time_published", page.time)):
        given = meta.get(key)
        if given is not None and page_value is not None and normalise_line(str(given)) != page_value:
            raise InputError(f"{key}: metadata says {given!r} but the page says {page_value!r}", shown_meta, _meta_line(meta, key),
                             f"remove `{key}` from metadata.yaml (the page is the authority) or correct it")
    if page.title is None:
        if not meta.get("title"):
            raise InputError("the source states no title", shown_meta, None, f"set `title` in metadata.yaml (the profile {profile.id} reads none)")
        page.title = normalise_line(meta["title"])
    date = page.date or meta.get("date_published")
    if date is None:
        raise InputError("the page states no publication date", shown_src,
                         fix="set `date_published: YYYY-MM-DD` in metadata.yaml, or add the page's date format to its profile")
    time = page.time or meta.get("time_published")
    return page, date, time


PRECISION = {4: "year", 7: "month", 10: "day"}


def _speakers(src: Source, ctx: Context) -> list[dict]:
    rows = []
    for i, s in enumerate(src.metadata["speakers"], start=1):
        entity = s.get("entity")
        name = s.get("name") or (ctx.entities[entity]["name"] if entity else None)
        rows.append({"document_id": src.document_id, "ordinal": i, "entity_id": entity, "name": name, "role": s.get("role")})
    return rows


def _structure(doc_id: str, text: str, paras) -> tuple[list[dict], list[dict]]:
    paragraph_rows, sentence_rows = [], []
    for p in paras:
        pid = f"{doc_id}/p{p.ordinal:02d}"
        paragraph_rows.append({"paragraph_id": pid, "document_id": doc_id, "ordinal": p.ordinal, "kind": p.kind, "turn": None,
                               "asker": None, "char_start": p.start, "char_end": p.end, "text": text[p.start:p.end]})
        for j, s in enumerate(p.sentences, start=1):
            sentence_rows.append({"sentence_id": f"{pid}/s{j:02d}", "paragraph_id": pid, "document_id": doc_id, "ordinal": j,
                                  "char_start": s.start, "char_end": s.end, "text": text[s.start:s.end]})
    return paragraph_rows, sentence_rows


def document_rows(src: Source, ctx: Context, segmenter: Segmenter) -> dict[str, list[dict]]:
    """Rows of documents, document_speakers, paragraphs and sentences for one statement."""
    meta = src.metadata
    doc_id = src.document_id
    page, date, time = read_statement(src, ctx)
    language = meta["language"]
    text, paras = segmenter.segment(page.title if page.profile.title == "page" else None, page.paragraphs, language)
    paragraph_rows, sentence_rows = _structure(doc_id, text, paras)
    speakers = _speakers(src, ctx)
    if meta["genre"] == "press_conference":
        names = [s["name"] for s in speakers] + [a.alias for s in speakers if s["entity_id"] for a in ctx.codebook.aliases_of(s["entity_id"])]
        assign_turns(paragraph_rows, ctx.codebook.conventions["turns"], names)
    corpus = meta.get("corpus") or {}
    body = [r["text"] for r in paragraph_rows if r["kind"] == "body"]
    doc_row = {
        "document_id": doc_id, "title": page.title, "publisher_id": meta["publisher"], "genre": meta["genre"],
        "language": language, "date_published": date, "date_precision": PRECISION[len(date)], "time_published": time,
        "event_id": meta.get("event"), "speech_mode": ctx.codebook.conventions.speech_mode(body),
        "holder_id": meta["holder"], "profile_id": page.profile.id, "source_file": f"{src.folder}/{meta['source_file']}",
        "source_url": meta.get("source_url"), "retrieved": meta.get("retrieved"), "corpus_id": corpus.get("id"),
        "corpus_item": corpus.get("item"), "sha256": src.sha256,
        "n_paragraphs": len(paragraph_rows), "n_sentences": len(sentence_rows), "n_chars": len(text), "text": text,
    }
    return {"documents": [doc_row], "document_speakers": speakers, "paragraphs": paragraph_rows, "sentences": sentence_rows}
