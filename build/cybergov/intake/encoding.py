"""The bytes of a saved page: refused when they are not a statement's text, decoded otherwise."""
from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from ..errors import InputError
from ..sources.statements import MAX_SOURCE_BYTES
from .detected import Notice

_MAGIC = [
    (b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (a Word .docx file is one)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc, .xls)"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"\x1f\x8b", "a gzip archive"), (b"{\\rtf", "an RTF document"), (b"\x7fELF", "a program"),
]
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "mac_roman", "mac_latin2", "cp850", "cp437", "iso8859_3",
            "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_16", "cp1254", "cp1257", "mac_iceland", "mac_turkish", "ascii"}
_WESTERN_MARKS = "’‘‚“”„–—…«»‹›€•·°§©®™\u00a0¡¿"
_GB = {"gb2312", "gbk", "gb18030", "hz"}
_BIG5 = {"big5", "big5hkscs", "cp950"}
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_DECLARED_MAP = {"utf-8": "utf-8", "utf8": "utf-8", "windows-1252": "cp1252", "cp1252": "cp1252", "iso-8859-1": "cp1252",
                 "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "utf-8", "gb2312": "gb18030", "gbk": "gb18030",
                 "gb18030": "gb18030", "big5": "big5", "big5-hkscs": "big5"}


def fail(problem: str, file: str, fix: str, line: int | None = None) -> InputError:
    return InputError(problem, file, line, fix)


def read_bytes(path: Path, shown: str) -> bytes:
    if not path.exists():
        raise fail("no such file", shown, "give the path of the saved page (text or HTML)")
    if not path.is_file():
        raise fail("is not a file", shown, "give the path of one saved page, not a folder")
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise fail(f"the file is {size:,} bytes, over the {MAX_SOURCE_BYTES:,}-byte limit", shown,
                   "save only the statement's page, not a whole site, an archive or a binary file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise fail(f"cannot read the file ({exc.strerror})", shown, "check that the file is readable") from exc
    if not raw.strip():
        raise fail("the file is empty", shown, "save the statement's page again; an empty file cannot be added")
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise fail(f"the file is binary: it is {what}", shown,
                       "save the statement's web page as text or HTML (copy the text into a .txt file if there is no page)")
    return raw


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
        return True
    except (UnicodeDecodeError, LookupError):
        return False


def _unicode_form(raw: bytes, shown: str) -> str | None:
    """utf-8-sig, utf-16 or utf-8 when the bytes say so unambiguously; refusals for UTF-32 and NUL bytes."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise fail("the file is UTF-32, which is not supported", shown, "save it as UTF-8")
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        even, odd = raw[0::2].count(0), raw[1::2].count(0)
        if max(even, odd) > len(raw) // 4 and min(even, odd) < len(raw) // 50:
            raise fail("the file looks like UTF-16 without a byte-order mark, whose byte order cannot be known for sure", shown,
                       "save it as UTF-8 (or as UTF-16 with a byte-order mark)", line)
        raise fail("the file is binary (it contains NUL bytes)", shown,
                   "save the statement as text or HTML; PDF, Word and image files are not accepted", line)
    return "utf-8" if _decodes(raw, "utf-8") else None


_MULTIBYTE = re.compile(r"^(?:utf|gb|big5|cp9[3-5]|shift|euc|iso2022|johab|hz|cp1361|mac_(?:japanese|korean|chinese))", re.I)


def _mixed_line(raw: bytes) -> tuple[int, int] | None:
    """(first line of UTF-8, first line of another encoding) when the file has lines of both: a page pasted together
    from two sources, which no single encoding reads right."""
    first_utf8 = first_other = None
    for n, line in enumerate(raw.split(b"\n"), 1):
        if max(line, default=0) < 0x80:
            continue
        if _decodes(line, "utf-8"):
            first_utf8 = first_utf8 or n
        else:
            first_other = first_other or n
        if first_utf8 and first_other:
            return first_utf8, first_other
    return None


def detect_encoding(raw: bytes, shown: str, html_hint: bool) -> tuple[str, list[Notice]]:
    """One of the encodings metadata.schema.json allows, checked by a strict decode."""
    known = _unicode_form(raw, shown)
    if known:
        return known, []
    if html_hint:
        m = _DECLARED.search(raw[:4096])
        declared = _DECLARED_MAP.get(m.group(1).decode("ascii", "replace").lower()) if m else None
        if declared and _decodes(raw, declared):
            return declared, []
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise fail("the file is binary or in an unknown encoding", shown,
                   "save the page as UTF-8 text or HTML; GB18030/GBK, Big5, UTF-16 and Windows-1252 are also read")
    guess = best.encoding
    if guess in _GB:
        return "gb18030", []
    if guess in _BIG5:
        return "big5", []
    if guess.startswith(("utf_16", "utf_32")):
        raise fail(f"the file looks like {guess} without a byte-order mark", shown, "save it as UTF-8")
    mixed = _mixed_line(raw)
    if mixed:
        utf8, other = mixed
        raise fail(f"the file mixes encodings: line {utf8} is UTF-8 and line {other} is not (Windows-1252, say), so one of "
                   "them would be stored garbled", shown, "save the whole page again in one encoding, UTF-8",
                   max(utf8, other))
    if guess in _WESTERN or not _MULTIBYTE.match(guess):
        # A short text gives charset-normalizer little to go on (it may say cp775 or cp1250 for English with
        # curly quotes): every single-byte guess is read as the Western encoding the package records.
        enc = "cp1252" if _decodes(raw, "cp1252") else "latin-1"
        # Read as cp1252, a text in another code page shows symbols where its letters were ("£ódŸ" for "Łódź").
        odd = {ch for ch in raw.decode(enc) if ord(ch) > 127 and not unicodedata.category(ch).startswith("L") and ch not in _WESTERN_MARKS}
        notes = [] if guess in ("cp1252", "latin_1", "ascii") or not odd else [Notice(
            "encoding", f"the encoding was guessed as {guess}; it is read as {enc}, the Western encoding the package records: check accented letters")]
        return enc, notes
    raise fail(f"the file's encoding looks like {guess}, which is not supported", shown,
               "save it as UTF-8; GB18030/GBK, Big5, UTF-16 (with BOM) and Windows-1252/Latin-1 are also read")


def check_text(text: str, shown: str) -> None:
    """Refuse text with control characters other than tab and line breaks, naming the line of the first."""
    if not text.strip():
        raise fail("the file has no text", shown, "save the statement's page again")
    controls = [i for i, ch in enumerate(text) if ch not in "\t\n\r" and unicodedata.category(ch) == "Cc"]
    if len(controls) > max(2, len(text) // 200):
        raise fail(f"the file is binary ({len(controls)} control characters in the text)", shown,
                   "save the statement as text or HTML; PDF, Word and image files are not accepted")
    if controls:
        at = controls[0]
        line = text.count("\n", 0, at) + 1
        raise fail(f"the text has a control character (U+{ord(text[at]):04X}) on line {line}, which no statement page contains", shown,
                   "remove it from the saved file (an editor that shows invisible characters helps), or save the page again", line)
