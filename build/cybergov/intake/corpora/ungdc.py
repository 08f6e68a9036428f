"""The UN General Debate Corpus: the speeches archive (.tgz as downloaded, or unpacked) and its speakers list.

Each text file is TXT/Session NN - YYYY/<ISO3>_<NN>_<YYYY>.txt: the state (ISO 3166-1
alpha-3, or EU), the session and the year. The corpus gives no day, so a speech's date is
its year. The event of every speech is the general debate of its session.
"""
from __future__ import annotations

import re
import tarfile
from pathlib import Path
from typing import Iterator

from ...errors import InputError
from ...sources.context import Context
from ...sources.wording import Wording
from .item import Item, Reading, Skipped
from .speakers import read_speakers

CORPUS = "ungdc"
_FILE = re.compile(r"^(?P<iso>[A-Z]{2,3})_(?P<session>\d{1,3})_(?P<year>\d{4})\.txt$")
_SESSION_DIR = re.compile(r"^Session (?P<session>\d{1,3}) - (?P<year>\d{4})$")
# The General Debate meets at UN Headquarters.
PLACE = {"city": "New York", "country": "US"}


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _files(source: Path, shown: str) -> Iterator[tuple[str, bytes]]:
    """(item key, bytes) of every speech, from the archive or the unpacked folder, in key order."""
    if source.is_dir():
        for path in sorted(source.rglob("*.txt")):
            if _SESSION_DIR.match(path.parent.name):
                yield f"TXT/{path.parent.name}/{path.name}", path.read_bytes()
        return
    if not source.is_file():
        raise InputError("no such archive or folder", shown, None,
                         "give the path of UNGDC_1946-2024.tgz as downloaded from Dataverse, or of the folder it unpacks to")
    try:
        with tarfile.open(source, "r:*") as tar:
            members = sorted((m for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt")), key=lambda m: m.name)
            for m in members:
                parts = m.name.split("/")
                if len(parts) >= 2 and _SESSION_DIR.match(parts[-2]):
                    yield f"TXT/{parts[-2]}/{parts[-1]}", tar.extractfile(m).read()
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise InputError(f"cannot read the archive ({exc})", shown, None,
                         "download UNGDC_1946-2024.tgz again; the file is damaged or not a .tgz archive") from exc


def _holders(ctx: Context) -> dict[str, str]:
    """ISO alpha-3 code (and EU) -> entity id of the speaking state or organisation."""
    out = {e["iso_alpha3"]: e["id"] for e in ctx.codebook.entities if e.get("iso_alpha3")}
    out["EU"] = "european-union"
    return out


def event(session: int, year: int) -> dict:
    return {"id": f"ungd-{session}", "name": f"General debate of the {_ordinal(session)} session of the United Nations General Assembly",
            "series": "un-general-debate", "ordinal": session, "date": str(year), **PLACE, "body": "un-general-assembly"}


def read(source: Path, speakers_path: Path, ctx: Context, w: Wording, shown: str, speakers_shown: str) -> Reading:
    """Every speech of the archive as an Item; files and spreadsheet rows without their counterpart are remarked."""
    speakers = read_speakers(speakers_path, speakers_shown, w)
    holders = _holders(ctx)
    reading, seen = Reading(), set()
    for key, raw in _files(source, shown):
        name = key.rsplit("/", 1)[-1]
        m, folder = _FILE.match(name), _SESSION_DIR.match(key.split("/")[1])
        if not m or (int(m["session"]), m["year"]) != (int(folder["session"]), folder["year"]):
            reading.skipped.append(Skipped(f"{shown}: {key}", "the file name is not <ISO3>_<session>_<year>.txt of its session's folder"))
            continue
        iso, session, year = m["iso"], int(m["session"]), int(m["year"])
        if iso not in holders:
            reading.skipped.append(Skipped(f"{shown}: {key}", f"{iso} is not a state (ISO 3166 alpha-3) in sources/codebook/states.yaml"))
            continue
        seen.add((iso, session, year))
        listed = speakers.get((iso, session, year))
        if listed is None:
            reading.remarks.append(f"{key}: no row in the speakers spreadsheet (speaker unknown)")
        reading.items.append(_item(key, raw, iso, session, year, holders[iso], listed, ctx, shown))
    for (iso, session, year), row in sorted(speakers.items(), key=lambda kv: kv[1]["row"]):
        if (iso, session, year) not in seen and holders.get(iso):
            reading.remarks.append(f"{speakers_shown}:{row['row']}: {iso} session {session} ({year}) has no text file in the archive")
    return reading


def _item(key: str, raw: bytes, iso: str, session: int, year: int, holder: str, listed: dict | None, ctx: Context, shown: str) -> Item:
    state = ctx.entities[holder]["name"]
    speakers = [{"entity": None, "name": listed["name"], "role": listed["post"]}] if listed and listed["name"] else []
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{key} is not UTF-8 (byte {exc.start})", shown, None, "use the archive as distributed; its files are UTF-8") from None
    metadata = {
        "document_id": f"{year}-ungd{session}-{iso.lower()}", "source_file": "source.txt", "encoding": encoding, "format": "text",
        "profile": "ungdc", "publisher": "un-general-assembly", "genre": "speech", "language": "en",
        "title": f"{state}: statement in the general debate of the {_ordinal(session)} session of the General Assembly ({year})",
        "date_published": str(year), "source_url": None, "retrieved": None, "corpus": {"id": CORPUS, "item": key},
        "speakers": speakers, "holder": holder, "event": f"ungd-{session}",
    }
    return Item(CORPUS, key, f"{shown}: {key}", raw, metadata["document_id"], metadata, text, event(session, year))


