"""`cybergov add FILE`: turn one saved page into a statement folder, once it is known to build.

Reading: the bytes are checked (size, binary, encoding) and decoded; HTML goes through
pages.html_to_text; a publisher profile gives title, date and body exactly as `cybergov
build` will read them. Detecting: language, genre, speaker and role, event. These are
read off the wording of the title and the first paragraphs, printed, and listed under
`todo:` in metadata.yaml for a maintainer to check. Writing: the statement is processed
once in memory as the build would; only if that succeeds are the new folder and the new
events.yaml entry moved into place, so a failure leaves sources/ as it was.
"""
from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import hashlib
import html as html_lib
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

import yaml

from . import document
from .annotate.matcher import Phrase, PhraseMatcher, fold, longest_first
from .context import Context
from .errors import InputError
from .pages import Page, Profile, choose_profile, html_to_text, month_number, normalise_line, read_page
from .paths import Paths
from .sources import MAX_SOURCE_BYTES, Source, decode, statement_folders
from .yamlio import check_schema, load_yaml

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_ID_CHARS = 120  # metadata.schema.json
DEFAULT_ID_CHARS = 80
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}

# --- reading the bytes ---------------------------------------------------------------

_MAGIC = [
    (b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (a Word .docx file is one)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc, .xls)"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"\x1f\x8b", "a gzip archive"), (b"{\\rtf", "an RTF document"), (b"\x7fELF", "a program"),
]
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "mac_roman", "mac_latin2", "cp850", "cp437", "iso8859_3",
            "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_16", "cp1254", "cp1257", "mac_iceland", "mac_turkish", "ascii"}
_GB = {"gb2312", "gbk", "gb18030", "hz"}
_BIG5 = {"big5", "big5hkscs", "cp950"}
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_DECLARED_MAP = {"utf-8": "utf-8", "utf8": "utf-8", "windows-1252": "cp1252", "cp1252": "cp1252", "iso-8859-1": "cp1252",
                 "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "utf-8", "gb2312": "gb18030", "gbk": "gb18030",
                 "gb18030": "gb18030", "big5": "big5", "big5-hkscs": "big5"}
_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:p|div|br|h1|span|a)\b[^>]*>", re.I)


@dataclass
class Notice:
    code: str
    message: str


def _fail(problem: str, file: str, fix: str, line: int | None = None) -> InputError:
    return InputError(problem, file, line, fix)


def read_bytes(path: Path, shown: str) -> bytes:
    if not path.exists():
        raise _fail("no such file", shown, "give the path of the saved page (text or HTML)")
    if not path.is_file():
        raise _fail("is not a file", shown, "give the path of one saved page, not a folder")
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise _fail(f"the file is {size:,} bytes, over the {MAX_SOURCE_BYTES:,}-byte limit", shown,
                    "save only the statement's page, not a whole site, an archive or a binary file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _fail(f"cannot read the file ({exc.strerror})", shown, "check that the file is readable") from exc
    if not raw.strip():
        raise _fail("the file is empty", shown, "save the statement's page again; an empty file cannot be added")
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise _fail(f"the file is binary: it is {what}", shown,
                        "save the statement's web page as text or HTML (copy the text into a .txt file if there is no page)")
    return raw


def detect_encoding(raw: bytes, shown: str, html_hint: bool) -> tuple[str, list[Notice]]:
    """One of the encodings metadata.schema.json allows, checked by a strict decode."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise _fail("the file is UTF-32, which is not supported", shown, "save it as UTF-8")
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", []
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", []
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        even, odd = raw[0::2].count(0), raw[1::2].count(0)
        if max(even, odd) > len(raw) // 4 and min(even, odd) < len(raw) // 50:
            raise _fail("the file looks like UTF-16 without a byte-order mark, whose byte order cannot be known for sure", shown,
                        "save it as UTF-8 (or as UTF-16 with a byte-order mark)", line)
        raise _fail("the file is binary (it contains NUL bytes)", shown,
                    "save the statement as text or HTML; PDF, Word and image files are not accepted", line)
    try:
        raw.decode("utf-8")
        return "utf-8", []
    except UnicodeDecodeError:
        pass
    if html_hint:
        m = _DECLARED.search(raw[:4096])
        declared = _DECLARED_MAP.get(m.group(1).decode("ascii", "replace").lower()) if m else None
        if declared and _decodes(raw, declared):
            return declared, []
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise _fail("the file is binary or in an unknown encoding", shown,
                    "save the page as UTF-8 text or HTML; GB18030/GBK, Big5, UTF-16 and Windows-1252 are also read")
    guess = best.encoding
    if guess in _GB:
        return "gb18030", []
    if guess in _BIG5:
        return "big5", []
    if guess in _WESTERN:
        enc = "cp1252" if _decodes(raw, "cp1252") else "latin-1"
        notes = [] if guess in ("cp1252", "latin_1") else [Notice(
            "encoding", f"the encoding was guessed as {guess}; it is read as {enc}, the Western encoding the package records: check accented letters")]
        return enc, notes
    if guess.startswith(("utf_16", "utf_32")):
        raise _fail(f"the file looks like {guess} without a byte-order mark", shown, "save it as UTF-8")
    raise _fail(f"the file's encoding looks like {guess}, which is not supported", shown,
                "save it as UTF-8; GB18030/GBK, Big5, UTF-16 (with BOM) and Windows-1252/Latin-1 are also read")


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
        return True
    except (UnicodeDecodeError, LookupError):
        return False


def _check_text(text: str, shown: str) -> None:
    if not text.strip():
        raise _fail("the file has no text", shown, "save the statement's page again")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if controls > max(2, len(text) // 200):
        raise _fail(f"the file is binary ({controls} control characters in the text)", shown,
                    "save the statement as text or HTML; PDF, Word and image files are not accepted")


def looks_like_html(path: Path, text: str) -> bool:
    return path.suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(text[:2048])) or len(_HTML_TAGS.findall(text[:20000])) >= 5


# --- detecting what the page states --------------------------------------------------

_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_WORD = rf"[{_UP}][\w’'.-]*"
_CAPWORD = rf"(?:{_WORD}|\d+(?:st|nd|rd|th)|ICTs?)"
_CONNECT = r"(?:of|on|for|and|the|to|in the|de|la|–|—|-|&)"
_CAPPHRASE = rf"{_CAPWORD}(?:\s+(?:{_CONNECT}\s+)*{_CAPWORD})*"
_CITY = rf"[{_UP}][\w’'-]+(?: [{_UP}][\w’'-]+){{0,2}}"
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
_DATE_EN = rf"(?:{_MONTH} \d{{1,2}},? \d{{4}}|\d{{1,2}} {_MONTH} \d{{4}})"
_DATE_EN_RX = re.compile(rf"(?:(?P<m1>{_MONTH}) (?P<d1>\d{{1,2}}),? (?P<y1>\d{{4}})|(?P<d2>\d{{1,2}}) (?P<m2>{_MONTH}) (?P<y2>\d{{4}}))")
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_NOT_CITY = _WEEKDAYS | {"the", "this", "that", "january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december", "cyberspace", "order", "line", "particular", "addition", "accordance", "support"}

# English titles of the genre: "<Kind> by <who> at the <event>", "<who> attends the <event>".
_KINDS = {"joint statement": "joint_statement", "joint declaration": "joint_statement", "joint communique": "joint_statement",
          "joint communiqué": "joint_statement", "statement": "statement", "remarks": "remarks", "opening remarks": "remarks",
          "closing remarks": "remarks", "keynote speech": "remarks", "keynote address": "remarks", "speech": "remarks",
          "address": "remarks", "briefing": "remarks", "intervention": "statement"}
_TITLE_BY = re.compile(
    r"^(?:full text(?: of)?:?\s+)?(?P<kind>" + "|".join(sorted(map(re.escape, _KINDS), key=len, reverse=True)) + r")"
    r"(?:\s+(?:delivered|made|given))?\s+by\s+(?P<who>.+?)(?:\s+(?P<prep>at|to|before|during|on)\s+(?P<rest>.+))?$", re.I)
_TITLE_VERB = re.compile(
    rf"^(?P<who>{_CAPPHRASE}?)\s+(?P<verb>attends|attended|co-chairs|co-chaired|chairs|chaired|addresses|addressed|hosts|hosted|"
    r"speaks at|spoke at|delivers remarks at|participates in|takes part in|on)\s+(?:the\s+)?(?P<rest>.+)$")
_EVENT_VERBS = r"(?:attended|attend|co-chaired|chaired|hosted|addressed|participated in|took part in|opened|spoke at|met (?:at|on the margins of))"
_SPEECH_VERBS = (r"(?:said|stated|noted|stressed|emphasi[sz]ed|pointed out|added|underlined|recalled|announced|proposed|urged|called for|"
                 r"expressed|attended|co-chaired|chaired|delivered|addressed|affirmed|welcomed|highlighted)")
_ROLE_HEADS = {"ambassador", "minister", "secretary", "secretary-general", "under-secretary-general", "director", "director-general",
               "president", "vice-president", "premier", "chancellor", "councillor", "councilor", "spokesperson", "spokesman",
               "spokeswoman", "representative", "envoy", "adviser", "advisor", "chair", "chairman", "chairwoman", "chairperson",
               "co-chair", "commissioner", "counsellor", "counselor", "minister-counsellor", "head", "chief", "member", "chargé",
               "coordinator", "officer", "leader"}
_ROLE_WORDS = _ROLE_HEADS | {
    "deputy", "vice", "assistant", "prime", "state", "permanent", "special", "foreign", "affairs", "general", "executive", "senior",
    "political", "bureau", "central", "committee", "commission", "office", "council", "administration", "ministry", "department",
    "national", "security", "international", "cyber", "cyberspace", "digital", "d’affaires", "d'affaires", "delegation", "mission",
    "government", "high", "at-large", "european", "public", "information", "technology", "economic", "development", "trade",
    "defence", "defense", "justice", "interior", "home", "legal", "policy", "strategic", "cpc", "party", "ministers", "ambassadors"}
_HONORIFICS = {"h.e.", "he", "mr.", "mr", "ms.", "ms", "mrs.", "mrs", "dr.", "dr", "prof.", "his", "her", "excellency", "madam", "sir"}
_CONNECT_WORDS = {"of", "on", "for", "and", "the", "to", "in", "–", "—", "-", "&", "de", "la"}
_LEADING_EVENT = re.compile(r"^(?:the\s+)?(?:(?:official\s+)?(?:opening|closing)\s+(?:ceremony|session|segment)|high-level\s+segment|"
                            r"sidelines|margins|plenary)\s+of\s+(?:the\s+)?", re.I)
_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
_TENS = ["twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet"]
_ORDINAL_WORDS = {w: i for i, w in enumerate(_UNITS, 1)} | {w: i for i, w in enumerate(_TEENS, 10)}
for _t, _base in zip(_TENS, range(20, 100, 10)):
    _ORDINAL_WORDS[f"{_t}ieth"] = _base
    _ORDINAL_WORDS.update({f"{_t}y-{u}": _base + i for i, u in enumerate(_UNITS, 1)})
_ORDINAL = re.compile(r"^(?:the\s+)?(?:(?P<num>\d{1,3})(?:st|nd|rd|th)|(?P<word>[A-Za-z]+(?:-[a-z]+)?))\s+(?P<rest>.+)$")
_SESSION = re.compile(rf"\bthe (?P<ord>\d{{1,3}}(?:st|nd|rd|th)|[A-Za-z]+(?:-[a-z]+)?) [Ss]ession of the (?P<name>{_CAPPHRASE})")
_ID_STOP = {"a", "an", "the", "of", "on", "in", "at", "by", "for", "and", "to", "with", "from", "its", "full", "text", "statement",
            "remarks", "speech", "keynote", "address", "joint", "opening", "closing", "ceremony", "ambassador", "minister", "vice",
            "deputy", "foreign", "mr", "ms", "h", "e", "he", "his", "her", "co", "chairs", "attends", "hosts", "s"}
_ENGLISH = {"the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "we", "our", "by", "as", "are", "be", "it",
            "this", "will", "has", "have", "its", "at", "from", "an", "all", "should"}

# Chinese titles and phrases: "周明远大使在……上的发言", "林浩然出席……第二次会议", "外交部副部长林浩然".
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_ZH_ROLE = (r"(?:特别代表|特別代表|常驻联合国代表|常駐聯合國代表|副代表|代表|大使|特使|部长助理|部長助理|副部长|副部長|部长|部長|外长|外長|"
            r"发言人|發言人|国务委员|國務委員|副主任|主任|副主席|主席|副总理|副總理|总理|總理|秘书长|秘書長|司长|司長|局长|局長|参赞|參贊|公使)")
_ZH_TITLE_SPEECH = re.compile(rf"^(?P<who>[{_HAN}]{{2,20}}?)(?:在(?P<event>.+?)上)?的?(?P<kind>主旨讲话|主旨講話|发言|發言|讲话|講話|致辞|致辭|演讲|演講)$")
_ZH_TITLE_VERB = re.compile(rf"^(?P<who>[{_HAN}]{{2,20}}?)(?P<verb>共同主持|出席|主持|会见|會見|会晤|會晤|集体会见|集體會見)(?P<rest>.+)$")
_ZH_ORDINAL = re.compile(r"第(?P<n>[〇零一二两兩三四五六七八九十百\d]+)(?:次|届|屆)")
_ZH_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_ZH_DATE = re.compile(rf"(?:(?P<y>\d{{4}})年)?(?P<m>{_ZH_NUM})月(?P<d>{_ZH_NUM})日")
_ZH_CITY = re.compile(rf"在(?P<city>[{_HAN}]{{2,4}}?)(?:联合国总部|聯合國總部|出席|举行|舉行|召开|召開|主持|会见|會見|以|通过|通過|同|与|與|，)")
_ZH_EVENT_IN_TEXT = re.compile(r"(?:出席|主持|参加|參加)(?P<event>[^，。；、《》]+?)(?:并|並|。|，|；)")
_ZH_PRESS = re.compile(r"^(?:新闻稿|新聞稿|新闻公报|新聞公報|新闻发布|新聞發布)$")
_PRESS = re.compile(r"^(?i:press releases?|news releases?|communiqué de presse|media release)$")
_TERMINAL = re.compile(r"[.!?。！？…:：;；][”’\"'）)」』»]*$")


@dataclass
class Event:
    name: str
    ordinal: int | None = None
    city: str | None = None
    date: str | None = None
    series: str | None = None
    body: str | None = None


@dataclass
class Detected:
    """What `add` read off the page, for the summary, metadata.yaml and the tests."""

    file: str
    document_id: str = ""
    encoding: str = ""
    format: str = "text"
    profile: str = ""
    publisher: str = ""
    holder: str = ""
    title: str = ""
    date: str | None = None
    time: str | None = None
    language: str = "en"
    genre: str = "statement"
    speech_mode: str = "direct"
    speaker: str | None = None
    speaker_entity: str | None = None
    role: str | None = None
    event: Event | None = None
    event_id: str | None = None
    event_is_new: bool = False
    source_url: str | None = None
    paragraphs: int = 0
    sentences: int = 0
    candidates: list[tuple[str, int]] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)  # lines of the page that are neither title, date nor body
    body: list[str] = field(default_factory=list)


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


@lru_cache(maxsize=1)
def _s2t():
    from opencc import OpenCC

    return OpenCC("s2t")


def detect_language(text: str) -> str | None:
    """en, zh-Hans or zh-Hant; None for text in another language."""
    han = len(re.findall(f"[{_HAN}]", text))
    latin = len(re.findall(r"[A-Za-zÀ-ÿ]", text))
    if han and han * 2 >= latin:
        chars = set(re.findall(f"[{_HAN}]", text))
        traditional = sum(1 for c in chars if fold(c, chinese=True) != c)
        simplified = sum(1 for c in chars if len(_s2t().convert(c)) == 1 and _s2t().convert(c) != c)
        return "zh-Hant" if traditional > simplified else "zh-Hans"
    words = re.findall(r"[A-Za-z]+", text.lower())
    if not words:
        return None
    share = sum(1 for w in words if w in _ENGLISH) / len(words)
    return "en" if share >= 0.08 else None


def _zh_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    total = current = 0
    for ch in text:
        if ch in _ZH_DIGITS:
            current = _ZH_DIGITS[ch]
        elif ch in "十百":
            total += (current or 1) * (10 if ch == "十" else 100)
            current = 0
        else:
            return None
    return total + current or None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _date_en(m: re.Match) -> str | None:
    return _iso(int(m["y1"] or m["y2"]), month_number(m["m1"] or m["m2"]), int(m["d1"] or m["d2"]))


def _date_zh(m: re.Match, published: str | None) -> str | None:
    month, day = _zh_number(m["m"]), _zh_number(m["d"])
    if not month or not day:
        return None
    if m["y"]:
        return _iso(int(m["y"]), month, day)
    if not published:
        return None
    year, pub_month = int(published[:4]), int(published[5:7])
    return _iso(year - 1 if month > pub_month else year, month, day)


def _ordinal(word: str) -> int | None:
    word = word.lower()
    m = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", word)
    return int(m.group(1)) if m else _ORDINAL_WORDS.get(word)


def split_role_name(phrase: str) -> tuple[str | None, str | None]:
    """"Vice Foreign Minister Song Yuwen" -> ("Vice Foreign Minister", "Song Yuwen"); either may be None."""
    phrase = " ".join(phrase.split()).strip(" ,")
    if "," in phrase:  # "H.E. Mr. Kofi Mensah, Permanent Representative of Ghana"
        first, rest = (p.strip() for p in phrase.split(",", 1))
        name_tokens = [t for t in first.split() if t.lower() not in _HONORIFICS]
        role = rest if _has_role_head(rest) else None
        return role, " ".join(name_tokens) if 1 < len(name_tokens) <= 4 and _name_like(name_tokens) else None
    tokens = phrase.split()
    i = len(tokens)
    while i > 0 and tokens[i - 1].lower() not in _ROLE_WORDS | _CONNECT_WORDS and re.match(f"[{_UP}]", tokens[i - 1]):
        i -= 1
    name_tokens = tokens[i:]
    if i > 0 and tokens[i - 1].lower() in _CONNECT_WORDS and len(name_tokens) > 2:
        # "... of the Republic of Korea Park Ji-hoon": the organisation's name runs into the person's
        name_tokens, i = name_tokens[-2:], len(tokens) - 2
    role_tokens = [t for t in tokens[:i] if t.lower() not in _HONORIFICS]
    while name_tokens and name_tokens[0].lower() in _HONORIFICS:
        name_tokens = name_tokens[1:]
    role = " ".join(role_tokens) if role_tokens and _has_role_head(" ".join(role_tokens)) else None
    name = " ".join(name_tokens) if 1 < len(name_tokens) <= 4 and _name_like(name_tokens) else None
    return role, name


def _has_role_head(text: str) -> bool:
    return any(t.lower().strip(",") in _ROLE_HEADS for t in text.split())


def _name_like(tokens: list[str]) -> bool:
    return all(re.fullmatch(rf"[{_UP}][\w’'.-]*", t) and t.lower() not in _ROLE_WORDS for t in tokens)


class Reader:
    """Detects speaker, role, genre and event on one page; the codebook resolves names to ids."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.by_id = {e["id"]: e for e in ctx.codebook.entities}
        self.alias_owner: dict[str, str] = {}
        for a in ctx.codebook.aliases:
            self.alias_owner.setdefault(self._key(a.alias), a.entity_id)
        self.matcher = PhraseMatcher(Phrase(a.alias, a.entity_id, a.case_sensitive) for a in ctx.codebook.aliases)

    @staticmethod
    def _key(text: str) -> str:
        flat = unicodedata.normalize("NFKD", " ".join(text.split()).replace("’", "'"))
        return fold("".join(c for c in flat if not unicodedata.combining(c)), chinese=True)

    def entity(self, name: str | None, kinds: tuple[str, ...] | None = None) -> str | None:
        if not name:
            return None
        eid = self.alias_owner.get(self._key(name))
        if eid and (kinds is None or self.by_id[eid]["kind"] in kinds):
            return eid
        return None

    def entities_in(self, text: str, kinds: tuple[str, ...]) -> list[str]:
        hits = longest_first(self.matcher.hits(text, chinese=True))
        out = []
        for h in hits:
            if self.by_id[h.phrase.value]["kind"] in kinds and h.phrase.value not in out:
                out.append(h.phrase.value)
        return out

    def holder(self, publisher: str) -> str:
        """The state a publisher belongs to (its nearest ancestor of kind state), else the publisher."""
        node, seen = publisher, set()
        while node and node not in seen:
            seen.add(node)
            if self.by_id[node]["kind"] == "state":
                return node
            node = self.by_id[node].get("parent")
        return publisher

    # --- speaker and role -------------------------------------------------------------
    def speaker_en(self, title: str, texts: list[str]) -> tuple[str | None, str | None, str | None, str | None]:
        """(name, role, genre from the title, event phrase from the title)."""
        name = role = genre = event = None
        m = _TITLE_BY.match(title)
        if m:
            genre = _KINDS[" ".join(m["kind"].lower().split())]
            if genre != "joint_statement":
                role, name = split_role_name(m["who"])
            if m["prep"] and m["prep"].lower() != "on":
                event = m["rest"]
        else:
            m = _TITLE_VERB.match(title)
            if m:
                who_role, who_name = split_role_name(m["who"])
                if who_name:
                    name, role = who_name, who_role
                if m["verb"] != "on":
                    event = m["rest"]
        if genre == "joint_statement":
            return None, None, genre, event
        if name is None:
            for text in texts:
                for sm in re.finditer(rf"(?P<who>{_CAPPHRASE})\s+{_SPEECH_VERBS}\b", text):
                    r, n = split_role_name(sm["who"])
                    if n and r:
                        name, role = n, r
                        break
                if name:
                    break
        if name and role is None:
            role = self.role_of_en(name, [title, *texts])
        return name, role, genre, event

    @staticmethod
    def role_of_en(name: str, texts: list[str]) -> str | None:
        for text in texts:
            m = re.search(rf"(?P<role>{_CAPPHRASE})\s+{re.escape(name)}\b", text)
            if m:
                role, _ = split_role_name(m["role"] + " " + name)
                if role:
                    return role
            m = re.search(rf"\b{re.escape(name)},\s+(?:the\s+)?(?P<role>[{_UP}][^,;.()]*?)[,;.]", text)
            if m and _has_role_head(m["role"]):
                return m["role"].strip()
        return None

    def speaker_zh(self, title: str, texts: list[str]) -> tuple[str | None, str | None, str | None, str | None]:
        name = role = genre = event = None
        m = _ZH_TITLE_SPEECH.match(title)
        if m:
            genre, event = "remarks", m["event"]
            name, role = self._zh_who(m["who"])
        else:
            m = _ZH_TITLE_VERB.match(title)
            if m:
                name, role = self._zh_who(m["who"])
                if m["verb"] in ("出席", "主持", "共同主持"):
                    event = re.split(r"并|並", m["rest"])[0]
        if name and role is None:
            for text in texts:
                rm = re.search(rf"(?P<role>[{_HAN}]{{0,10}}?{_ZH_ROLE}){re.escape(name)}", text)
                if rm:
                    role = rm["role"]
                    break
        if name is None and role is None:
            for text in texts:  # "政府發言人表示，……": a spokesperson without a name
                rm = re.match(rf"(?P<role>[{_HAN}]{{0,8}}(?:发言人|發言人))(?:表示|指出|强调|強調|说|說)", text)
                if rm:
                    role = rm["role"]
                    break
        return name, role, genre, event

    @staticmethod
    def _zh_who(who: str) -> tuple[str | None, str | None]:
        m = re.fullmatch(rf"(?P<name>[{_HAN}]{{2,4}}?)(?P<role>{_ZH_ROLE})", who)
        if m:
            return m["name"], m["role"]
        m = re.fullmatch(rf"(?P<role>[{_HAN}]*{_ZH_ROLE})(?P<name>[{_HAN}]{{2,4}})", who)
        if m:
            return m["name"], m["role"]
        if 2 <= len(who) <= 4 and not re.search(r"政府|国家|國家|中方|各方|部|会|會|团|團", who):
            return who, None
        return None, None

    # --- event ------------------------------------------------------------------------
    def event_en(self, phrase: str | None, texts: list[str], datelines: list[tuple[str, str]]) -> Event | None:
        ordinal = None
        name = None
        if phrase:
            name = phrase.strip().rstrip(".")
        else:
            for text in texts:
                m = re.search(rf"\b{_EVENT_VERBS}\s+the\s+(?P<event>{_CAPPHRASE})", text) or _SESSION.search(text)
                if m:
                    if "ord" in m.groupdict() and m["ord"]:
                        ordinal, name = _ordinal(m["ord"]), m["name"]
                    else:
                        name = m["event"]
                    break
        if not name:
            return None
        name = _LEADING_EVENT.sub("", name)
        m = _ORDINAL.match(name)
        if m and ordinal is None:
            n = int(m["num"]) if m["num"] else _ORDINAL_WORDS.get(m["word"].lower())
            if n:
                ordinal, name = n, m["rest"]
        name = re.sub(r"^the\s+", "", name, flags=re.I).strip()
        m = re.match(rf"^(?P<name>.+?) in (?P<city>{_CITY})$", name)
        city = None
        if m and m["city"].lower() not in _NOT_CITY and not re.search(r"\b(?:Use|Field|Context)\b", m["city"]):
            name, city = m["name"], m["city"]
        event = Event(name=name, ordinal=ordinal, city=city)
        self._place_en(event, texts, datelines)
        return event

    def _place_en(self, event: Event, texts: list[str], datelines: list[tuple[str, str]]) -> None:
        """City and date of the event: a dateline, or the words around the event's name."""
        if datelines:
            city, date = datelines[0]
            event.city = event.city or city
            event.date = event.date or date
        for text in texts:
            at = text.find(event.name)
            if at < 0:
                continue
            if event.city is None:
                m = re.match(rf"\s+in (?P<city>{_CITY})", text[at + len(event.name):])
                if m and m["city"].split()[0].lower() not in _NOT_CITY:
                    event.city = m["city"]
            if event.date is None:
                m = re.match(rf"\s*On (?P<date>{_DATE_EN})", text)
                if m:
                    event.date = _date_en(_DATE_EN_RX.search(m["date"]))
        for text in texts:
            if event.city is None:
                m = re.search(rf"\b(?:met|meet|held|hosted|convened|gathered) in (?P<city>{_CITY})\b", text) \
                    or re.match(rf"\s*On {_DATE_EN}(?: local time)?, in (?P<city>{_CITY}),", text)
                if m and m["city"].split()[0].lower() not in _NOT_CITY:
                    event.city = m["city"]
            if event.city and event.date is None:
                m = re.search(rf"\bin {re.escape(event.city)}(?:,| on) (?P<date>{_DATE_EN})", text)
                if m:
                    event.date = _date_en(_DATE_EN_RX.search(m["date"]))

    def event_zh(self, phrase: str | None, texts: list[str], published: str | None) -> Event | None:
        name = phrase
        where = None
        if not name:
            for text in texts:
                m = _ZH_EVENT_IN_TEXT.search(text) or re.search(
                    rf"(?P<ord>第[〇零一二两兩三四五六七八九十百\d]+(?:届|屆))(?P<event>[{_HAN}]{{2,20}}?)(?=於|于|在|，|。|上|期间|期間)", text)
                if m:
                    name, where = m["event"], (text, m.end())
                    if "ord" in m.groupdict() and m["ord"]:
                        name = m["ord"] + name
                    break
        if not name:
            return None
        ordinal = None
        m = _ZH_ORDINAL.search(name)
        if m:
            ordinal = _zh_number(m["n"])
            name = name[:m.start()] + name[m.end():]
        event = Event(name=name, ordinal=ordinal)
        scan = [where[0][where[1]:]] if where else []
        scan += [t for t in texts if name in t or (event.ordinal and t in texts[:1])]
        for text in scan:
            if event.city is None:
                cm = _ZH_CITY.search(text)
                if cm:
                    event.city = cm["city"]
            if event.date is None:
                dm = re.match(rf"\s*{_ZH_DATE.pattern}", text) or re.search(rf"(?:於|于){_ZH_DATE.pattern}", text)
                if dm:
                    event.date = _date_zh(dm, published)
        return event

    def link_event(self, event: Event) -> None:
        """The series (a recurring meeting in the codebook) and the convening body, when named."""
        event.series = self.entity(event.name, ("forum", "un_body"))
        for eid in self.entities_in(event.name, ("un_body", "organisation", "forum")):
            if eid != event.series:
                event.body = eid
                break
        else:  # a session of a UN organ: the organ is both the series and the body
            if event.series and self.by_id[event.series]["kind"] == "un_body":
                event.body = event.series


def _datelines(lines: list[str]) -> list[tuple[str, str]]:
    """("Place", date) from lines such as "New York, 8 August 2024" or "2 December 2024, New York"."""
    out = []
    for line in lines:
        m = re.fullmatch(rf"(?P<city>{_CITY}), (?P<date>{_DATE_EN})", line) or re.fullmatch(rf"(?P<date>{_DATE_EN}), (?P<city>{_CITY})", line)
        if m and m["city"].split()[0].lower() not in _WEEKDAYS:
            date = _date_en(_DATE_EN_RX.search(m["date"]))
            if date:
                out.append((m["city"], date))
    return out


def _genre(title: str, title_genre: str | None, head: list[str], reported: bool) -> tuple[str, bool]:
    """The genre and whether it was read from a cue (False: a default to check)."""
    low = title.lower()
    if re.match(r"^joint (?:statement|declaration|communiqu)", low) or re.search("联合声明|聯合聲明", title):
        return "joint_statement", True
    if title_genre:
        return title_genre, True
    if re.search(r"答记者问|答記者問|专访|專訪|\binterview\b", title, re.I):
        return "interview", True
    if any(_PRESS.match(line) or _ZH_PRESS.match(line) for line in head):
        return "press_release", True
    if re.search(r"声明|聲明$", title):
        return "statement", True
    if reported:
        return "readout", True
    return "statement", False


# --- adding --------------------------------------------------------------------------

def _yaml_scalar(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    out = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1 << 30).rstrip("\n")
    return out[:-4].rstrip() if out.endswith("\n...") else out


def render_metadata(d: Detected, speakers: list[dict], sha256: str) -> str:
    lines = ["# Written by `cybergov add`; title, date and body are read from the page by the build.",
             f"document_id: {d.document_id}", f"source_file: source.{'html' if d.format == 'html' else 'txt'}",
             f"sha256: {sha256}", f"encoding: {d.encoding}", f"format: {d.format}", f"publisher: {d.publisher}",
             f"genre: {d.genre}", f"language: {d.language}", f"source_url: {_yaml_scalar(d.source_url)}", "retrieved: null"]
    if speakers:
        lines.append("speakers:")
        for s in speakers:
            lines += [f"  - entity: {s['entity']}", f"    role: {_yaml_scalar(s['role'])}"]
    else:
        lines.append("speakers: []")
    lines += [f"holder: {d.holder}", f"event: {_yaml_scalar(d.event_id)}"]
    lines.append("todo:" if d.todo else "todo: []")
    lines += [f"  - {_yaml_scalar(t)}" for t in d.todo]
    return "\n".join(lines) + "\n"


def render_event(event_id: str, ev: Event) -> str:
    fields = [("id", event_id), ("name", ev.name), ("series", ev.series), ("ordinal", ev.ordinal), ("date", ev.date),
              ("city", ev.city), ("country", None), ("body", ev.body)]
    return "\n".join(("- " if i == 0 else "  ") + f"{k}: {_yaml_scalar(v)}" for i, (k, v) in enumerate(fields)) + "\n"


_SHA_LINE = re.compile(r"^sha256:\s*['\"]?([0-9a-f]{64})", re.M)


def _existing_hashes(paths: Paths) -> dict[str, str]:
    """sha256 of every statement's source, as its metadata records it (the build checks the record),
    so that a large collection is not read again; a folder without the record is hashed."""
    out = {}
    for folder in statement_folders(paths):
        meta = folder / "metadata.yaml"
        found = _SHA_LINE.search(meta.read_text(encoding="utf-8", errors="replace")) if meta.is_file() else None
        if found:
            out[found.group(1)] = folder.name
            continue
        for f in sorted(folder.glob("source.*")):
            out[hashlib.sha256(f.read_bytes()).hexdigest()] = folder.name
    return out


def check_id(paths: Paths, doc_id: str, shown: str) -> None:
    if not SLUG.match(doc_id) or len(doc_id) > MAX_ID_CHARS:
        raise _fail(f"--id {doc_id!r} is not a valid statement id", shown,
                    f"use lower-case letters, digits and single hyphens, at most {MAX_ID_CHARS} characters (e.g. 2024-06-20-fu-cong-unsc-cybersecurity)")
    target = (paths.statements / doc_id).resolve()
    if target.parent != paths.statements.resolve():
        raise _fail(f"--id {doc_id!r} would write outside sources/statements/", shown, "use a plain slug as the id")
    if target.exists():
        raise _fail(f"a statement with the id {doc_id!r} already exists ({paths.rel(target)})", shown,
                    "choose another id with --id, or remove the existing statement first if it is the same one")


def default_id(d: Detected, speaker_slug: str | None, title_entities: list[str]) -> str:
    who = speaker_slug or d.publisher
    skip = set(who.split("-"))
    words = [w for w in ascii_slug(d.title).split("-") if w and w not in _ID_STOP and w not in skip]
    keywords = "-".join(words[:4]) if len(words) >= 2 else "-".join(title_entities[:2]) or (ascii_slug(d.event.name) if d.event else "")
    doc_id = "-".join(p for p in (d.date, who, keywords) if p)
    return trim_slug(re.sub(r"-{2,}", "-", doc_id), DEFAULT_ID_CHARS)


def add(paths: Paths, file: Path, publisher: str | None = None, url: str | None = None, doc_id: str | None = None,
        ctx: Context | None = None) -> Detected:
    """Add FILE as a new statement; return what was detected. Raises InputError, writing nothing, on any problem."""
    file = Path(file)
    shown = str(file)
    d = Detected(file=shown)
    if url is not None:
        parts = urlparse(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise _fail(f"--url {url!r} is not a web address", shown, "give the page's full address, starting with https:// or http://")
        d.source_url = url
    if doc_id is not None:
        check_id(paths, doc_id, shown)
    raw = read_bytes(file, shown)
    sha = hashlib.sha256(raw).hexdigest()
    dup = _existing_hashes(paths).get(sha)
    if dup:
        raise _fail(f"this file was already added as {dup!r} (same sha256)", shown, "nothing to do: a statement is added once")
    html_hint = file.suffix.lower() in HTML_SUFFIXES or bool(re.match(rb"\s*<", raw[:512]))
    d.encoding, notes = detect_encoding(raw, shown, html_hint)
    d.warnings += notes
    text = decoded = decode(raw, d.encoding, shown)
    _check_text(text, shown)
    if looks_like_html(file, text):
        d.format = "html"
        text = html_to_text(text)
        if not text.strip():
            raise _fail("no statement text was found in the HTML page", shown, "save the page that shows the statement itself")

    ctx = ctx or Context.load(paths)
    reader = Reader(ctx)
    lines = [normalise_line(x) for x in text.splitlines()]
    profile = choose_profile(ctx.profiles, lines)
    d.profile = profile.id
    page = _read_page(text, profile, shown)
    if page.date is None:
        raise _fail("the page states no publication date that its profile recognises", shown,
                    f"add the page's date line format to `date_lines` in {profile.file}, or add the statement by hand "
                    "with `date_published` in metadata.yaml (docs/adding-statements.md)")
    d.title, d.date, d.time, d.paragraphs = page.title, page.date, page.time, len(page.paragraphs)
    d.boilerplate, d.body = page.dropped, page.paragraphs
    title_at = lines.index(page.title) if page.title in lines else 0
    head = [line for line in lines[:title_at] if line]
    if d.format == "html":  # the site's name is often in <title>, after a bar or dash
        m = re.search(r"<title[^>]*>(.*?)</title>", decoded, re.I | re.S)
        if m:
            head += [normalise_line(part) for part in re.split(r"\s[|–—-]\s", html_lib.unescape(m.group(1))) if part.strip()]

    lang = detect_language("\n".join([page.title, *page.paragraphs]))
    if lang is None:
        raise _fail("the statement is neither in English nor in Chinese", shown,
                    "only statements in English (en) and Chinese (zh-Hans, zh-Hant) are supported")
    d.language = lang
    chinese = lang.startswith("zh")

    d.publisher = _publisher(reader, profile, publisher, head + page.dropped, shown)
    d.holder = reader.holder(d.publisher)

    # The first paragraphs and the lines the page drops (a news lead, a caption) name speaker and event.
    context = [p for p in page.paragraphs[:3]] + [line for line in page.dropped if len(line) > 40]
    if chinese:
        name, role, title_genre, phrase = reader.speaker_zh(page.title, context)
    else:
        name, role, title_genre, phrase = reader.speaker_en(page.title, context)
    d.speaker, d.role = name, role
    d.speaker_entity = reader.entity(name, ("person",))
    reported = document.speech_mode([("body", p) for p in page.paragraphs], ctx) == "reported"
    d.genre, genre_cued = _genre(page.title, title_genre, head + page.dropped, reported)
    if d.genre == "joint_statement":
        d.speaker = d.role = d.speaker_entity = None

    if chinese:
        ev = reader.event_zh(phrase, context, d.date)
    else:
        ev = reader.event_en(phrase, [page.title, *context], _datelines(lines))
    if ev is not None:
        reader.link_event(ev)
    d.event = ev

    last = page.paragraphs[-1]
    if not _TERMINAL.search(last) and ctx.segmenter.paragraph_kind(2, last) == "body":
        d.warnings.append(Notice("truncated", f"the text ends mid-sentence ({last[-40:]!r}): the saved page may be cut off"))

    title_entities = reader.entities_in(page.title, tuple({e["kind"] for e in ctx.codebook.entities}))
    speaker_slug = d.speaker_entity or (ascii_slug(d.speaker) if d.speaker and ascii_slug(d.speaker) else None)
    if doc_id is None:
        doc_id = default_id(d, speaker_slug, title_entities)
        check_id(paths, doc_id, shown)
    d.document_id = doc_id

    events_text = _event_entry(paths, ctx, reader, d)
    d.todo = _todo(d, genre_cued, profile)
    speakers = [{"entity": d.speaker_entity, "role": d.role}] if d.speaker_entity else []
    meta_text = render_metadata(d, speakers, sha)
    ext = "html" if d.format == "html" else "txt"
    rows = _commit(paths, ctx, d, {f"source.{ext}": raw, "metadata.yaml": meta_text.encode("utf-8")}, events_text, shown)
    doc = rows["documents"][0]
    d.speech_mode = doc["speech_mode"]
    d.sentences = doc["n_sentences"]
    from .report import candidates_not_in_codebook

    d.candidates = candidates_not_in_codebook(rows)
    return d


def _read_page(text: str, profile: Profile, shown: str) -> Page:
    try:
        return read_page(text, profile, shown)
    except InputError as exc:
        if exc.problem.startswith("the page has date lines that disagree"):
            raise InputError(exc.problem, exc.file, exc.line,
                             f"if one of these lines is not the page's date, add a pattern for it to `boilerplate` in {profile.file}; "
                             "otherwise add the statement by hand with `date_published` in metadata.yaml (docs/adding-statements.md)") from None
        raise


def _publisher(reader: Reader, profile: Profile, given: str | None, lines: list[str], shown: str) -> str:
    if given is not None:
        if given not in reader.by_id:
            raise _fail(f"--publisher {given!r} is not an entity id in sources/codebook/entities.yaml", shown,
                        "use the id of the publishing ministry or mission, adding it to entities.yaml first if it is new")
        if profile.publisher is not None and profile.publisher != given:
            raise _fail(f"--publisher {given!r} differs from {profile.publisher!r}, whose site layout the page has ({profile.file})", shown,
                        "leave out --publisher, or check that the right file was given")
        return given
    if profile.publisher is not None:
        return profile.publisher
    kinds = ("state_organ", "organisation", "un_body", "state", "party_organ", "forum")
    for line in lines:
        eid = reader.entity(line, kinds)
        if eid:
            return eid
    plain = [line for line in lines if not re.search(r"[|>»]", line) and len(line) < 120]
    named = next((line for line in plain if re.search(r"Ministry|Mission|Embassy|Government|Office|外交部|代表团|代表團|政府", line, re.I)),
                 plain[0] if plain else None)
    hint = f" (the page's header says {named!r})" if named else ""
    raise _fail(f"the publisher is unknown: no profile in sources/profiles matches this site, and no line of the page names "
                f"a publisher in the codebook{hint}", shown,
                "add the publisher to sources/codebook/entities.yaml (kind state_organ, parent: its state) and run again "
                "with --publisher <its id>")


def _event_key(name: str) -> tuple[str, int | None]:
    """A name without its ordinal ("15th Meeting of ...", "第二次会议"), in folded case, and the ordinal."""
    name = " ".join(name.split())
    ordinal = None
    m = _ORDINAL.match(name)
    if m and (m["num"] or m["word"].lower() in _ORDINAL_WORDS):
        ordinal, name = _ordinal(m["num"] + "th" if m["num"] else m["word"]), m["rest"]
    z = _ZH_ORDINAL.search(name)
    if z:
        ordinal, name = _zh_number(z["n"]), name[:z.start()] + name[z.end():]
    return fold(re.sub(r"^the\s+", "", name, flags=re.I), chinese=True), ordinal


def _same_event(known: dict, ev: Event, published: str | None) -> bool:
    """An event of events.yaml is the detected one: same name; ordinal and date agree where both are known,
    and an undetected date is that of the event's (or up to a week before the statement's publication)."""
    name, ordinal = _event_key(known["name"])
    ordinal = known.get("ordinal") or ordinal
    if name != _event_key(ev.name)[0] or (ordinal and ev.ordinal and ordinal != ev.ordinal):
        return False
    if ev.date is not None:
        return known.get("date") in (None, ev.date)
    if known.get("date") and published:
        gap = dt.date.fromisoformat(published) - dt.date.fromisoformat(known["date"])
        return dt.timedelta(0) <= gap <= dt.timedelta(days=7)
    return known.get("date") is None


def _event_entry(paths: Paths, ctx: Context, reader: Reader, d: Detected) -> str | None:
    """Reuse an event already in events.yaml (same name, date, ordinal) or prepare a new entry; the new text of events.yaml."""
    ev = d.event
    if ev is None:
        return None
    for known in ctx.codebook.events:
        if _same_event(known, ev, d.date):
            d.event_id = known["id"]
            return None
    named = reader.entities_in(ev.name, tuple({e["kind"] for e in ctx.codebook.entities}))
    slug = ascii_slug(ev.name) or "-".join(named[:3]) or "event"
    base = trim_slug("-".join(p for p in (ev.date or d.date, trim_slug(slug, 50), str(ev.ordinal) if ev.ordinal else "") if p), 90)
    ids = {e["id"] for e in ctx.codebook.events}
    event_id, n = base, 2
    while event_id in ids:
        event_id, n = f"{base}-{n}", n + 1
    d.event_id, d.event_is_new = event_id, True
    path = paths.sources / "events.yaml"
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    sep = "" if not old or old.endswith("\n\n") else ("\n" if old.endswith("\n") else "\n\n")
    return old + sep + render_event(event_id, ev)


def _todo(d: Detected, genre_cued: bool, profile: Profile) -> list[str]:
    todo = []
    if d.speaker and not d.speaker_entity:
        role = f" ({d.role})" if d.role else ""
        todo.append(f"speakers: the page names {d.speaker!r}{role}, who is not in sources/codebook/entities.yaml; "
                    "add a person entity and list it here with its role")
    elif not d.speaker and d.genre != "joint_statement":
        role = f"; the page names only a role, {d.role!r}" if d.role else ""
        todo.append(f"speakers: no speaker was detected{role}; list the speaker if the statement has one")
    if d.genre == "joint_statement":
        todo.append("holder: a joint statement; the holder is set to the publisher's state and the co-signatories are not recorded")
    elif d.holder == d.publisher:
        todo.append(f"holder: set to the publisher {d.publisher!r}, which belongs to no state in the codebook; "
                    "set the state or organisation whose positions the statement sets out")
    if not genre_cued:
        todo.append("genre: nothing on the page named the genre; 'statement' is a default, check it")
    if d.event is None:
        todo.append("event: none detected; add one to sources/events.yaml and set it here if the statement was made at a meeting")
    elif d.event_is_new:
        missing = [k for k in ("date", "city") if getattr(d.event, k) is None]
        gaps = f"; not detected: {', '.join(missing)}" if missing else ""
        todo.append(f"event: {d.event_id} is new in sources/events.yaml; check its name and fields, add country, series and body{gaps}")
    if d.source_url is None:
        todo.append("source_url: unknown; add the page's address if it is known")
    if profile.publisher is None:
        todo.append(f"profile: the page was read with the fallback profile {profile.id!r}; check the title and the first and last paragraphs")
    todo += [f"warning: {w.message}" for w in d.warnings]
    return todo


def _commit(paths: Paths, ctx: Context, d: Detected, files: dict[str, bytes], events_text: str | None, shown: str) -> dict:
    """Stage the folder (and events.yaml), process the statement as the build would, then move both into place."""
    paths.statements.mkdir(parents=True, exist_ok=True)
    final = paths.statements / d.document_id
    staging = Path(tempfile.mkdtemp(prefix=".add-", dir=paths.statements))
    events_tmp: Path | None = None
    moved = False
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
        meta_shown = f"{paths.rel(final)}/metadata.yaml"
        meta = load_yaml(staging / "metadata.yaml", meta_shown)
        check_schema(meta, paths.schemas / "inputs" / "metadata.schema.json", meta_shown, "schemas/inputs/metadata.schema.json")
        codebook = ctx.codebook
        if events_text is not None:
            fd, tmp = tempfile.mkstemp(prefix=".events-", suffix=".tmp", dir=paths.sources)
            events_tmp = Path(tmp)
            with os.fdopen(fd, "wb") as fh:
                fh.write(events_text.encode("utf-8"))
            events = load_yaml(events_tmp, "sources/events.yaml")
            check_schema(events, paths.schemas / "inputs" / "events.schema.json", "sources/events.yaml", "schemas/inputs/events.schema.json")
            codebook = dataclasses.replace(codebook, events=sorted(events, key=lambda e: e["id"]))
        trial = Context(paths=paths, codebook=codebook, profiles=ctx.profiles)
        src = Source(document_id=d.document_id, folder=paths.rel(final), raw=files[meta["source_file"]], metadata=meta, curated=None)
        try:
            rows = document.process(src, trial)
        except InputError as exc:
            raise InputError(f"the statement would not build: {exc.problem}", shown, None, exc.fix) from None
        if final.exists():
            raise _fail(f"a statement with the id {d.document_id!r} already exists", shown, "choose another id with --id")
        os.rename(staging, final)
        moved = True
        if events_tmp is not None:
            os.replace(events_tmp, paths.sources / "events.yaml")
            events_tmp = None
        return rows
    except BaseException as exc:
        if moved:
            shutil.rmtree(final, ignore_errors=True)
        if isinstance(exc, OSError):
            raise _fail(f"could not write the statement ({exc.strerror or exc}); nothing was added", shown,
                        "check the free space and the permissions of sources/, then run the command again") from exc
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if events_tmp is not None:
            events_tmp.unlink(missing_ok=True)


def render_summary(d: Detected, paths: Paths) -> str:
    ev = d.event
    out = [f"added {paths.rel(paths.statements / d.document_id)}/ (source.{'html' if d.format == 'html' else 'txt'}, metadata.yaml)",
           f"  title:      {d.title}",
           f"  date:       {d.date}{' ' + d.time if d.time else ''}",
           f"  read as:    {d.format}, {d.encoding}, language {d.language}, profile {d.profile}",
           f"  publisher:  {d.publisher} (holder {d.holder})",
           f"  genre:      {d.genre}, {d.speech_mode} speech",
           f"  speaker:    {d.speaker or '-'}{' = ' + d.speaker_entity if d.speaker_entity else (' (not in the codebook)' if d.speaker else '')}"
           f"{', ' + d.role if d.role else ''}"]
    if ev:
        state = "new in sources/events.yaml" if d.event_is_new else "already in sources/events.yaml"
        parts = [ev.name] + [f"{k} {v}" for k, v in (("ordinal", ev.ordinal), ("city", ev.city), ("date", ev.date)) if v]
        out.append(f"  event:      {d.event_id} ({state}): {', '.join(map(str, parts))}")
    else:
        out.append("  event:      -")
    out.append(f"  body:       {d.paragraphs} paragraphs, {d.sentences} sentences; {len(d.boilerplate)} lines dropped")
    clip = lambda text: text if len(text) <= 70 else text[:67] + "..."  # noqa: E731
    out.append(f"  first:      {clip(d.body[0])}")
    if len(d.body) > 1:
        out.append(f"  last:       {clip(d.body[-1])}")
    cands = [f"{name!r} x{n}" if n > 1 else repr(name) for name, n in d.candidates[:15]]
    if d.speaker and not d.speaker_entity:
        cands.insert(0, f"{d.speaker!r} (speaker)")
    out.append(f"  not in the codebook: {', '.join(cands) if cands else '-'}")
    for w in d.warnings:
        out.append(f"  warning ({w.code}): {w.message}")
    if d.todo:
        out.append("  to check (todo in metadata.yaml):")
        out += [f"    - {t}" for t in d.todo]
    return "\n".join(out)
