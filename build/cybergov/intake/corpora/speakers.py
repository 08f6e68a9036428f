"""A corpus's list of speakers (the UN General Debate Corpus's Speakers_by_session.xlsx), cleaned.

The list is typed by hand: names carry honorifics ("Mr.", "H.E."), surnames in capitals
("Mr. John DAUTH"), stray spaces; posts carry trailing spaces. Cleaning removes exactly
those; every other word is kept as listed (misspelt posts included: values given by a
person are recorded as given).
"""
from __future__ import annotations

import re
from pathlib import Path

from ...errors import InputError
from ...sources.wording import Wording

COLUMNS = {"year": "Year", "session": "Session", "iso": "ISO Code", "country": "Country", "name": "Name of Person Speaking",
           "post": "Post"}
_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|IX|X)$")
_INITIALS = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z]$")


def _spaces(text) -> str | None:
    return " ".join(str(text).split()) or None if text is not None else None


def clean_name(name, w: Wording) -> str | None:
    """ "Mr. John DAUTH" -> "John Dauth"; None for an empty cell."""
    text = _spaces(name)
    if not text:
        return None
    text = w.speaker_honorifics.sub("", text).strip() or text
    words = []
    for word in text.split():
        letters = re.sub(r"[^A-Za-zÀ-ÖØ-öø-ÿ]", "", word)
        if len(letters) > 1 and letters.isupper() and not _ROMAN.match(word) and not _INITIALS.match(word):
            word = "-".join(part[:1] + part[1:].lower() for part in word.split("-"))
        words.append(word)
    return " ".join(words)


def clean_post(post) -> str | None:
    return _spaces(post)


def read_speakers(path: Path, shown: str, w: Wording) -> dict[tuple[str, int, int], dict]:
    """(ISO code, session, year) -> {name, post, country, row}, from the spreadsheet's first sheet."""
    if not path.is_file():
        raise InputError("the speakers spreadsheet is missing", shown, None,
                         "give the path of Speakers_by_session.xlsx from the corpus with --speakers")
    try:
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise InputError(f"cannot read the spreadsheet ({type(exc).__name__}: {exc})", shown, None,
                         "give the .xlsx file as the corpus distributes it, not a renamed or damaged copy") from exc
    if not rows:
        raise InputError("the spreadsheet is empty", shown, 1, "give Speakers_by_session.xlsx as distributed")
    header = [_spaces(c) for c in rows[0]]
    missing = [label for label in COLUMNS.values() if label not in header]
    if missing:
        raise InputError(f"the spreadsheet has no column {', '.join(map(repr, missing))} (its header row is {header})", shown, 1,
                         "give Speakers_by_session.xlsx as distributed, whose first row names these columns")
    col = {key: header.index(label) for key, label in COLUMNS.items()}
    out = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        try:
            key = (str(row[col["iso"]]).strip(), int(row[col["session"]]), int(row[col["year"]]))
        except (TypeError, ValueError):
            raise InputError(f"row {number}: session {row[col['session']]!r} or year {row[col['year']]!r} is not a number", shown,
                             number, "correct the row, or remove it") from None
        out[key] = {"name": clean_name(row[col["name"]], w), "post": clean_post(row[col["post"]]),
                    "country": _spaces(row[col["country"]]), "row": number}
    return out
