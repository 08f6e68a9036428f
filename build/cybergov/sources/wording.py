"""The wording of statement pages (sources/wording.yaml), compiled into the patterns that
`cybergov add` reads titles and first paragraphs with.

The word lists are data; this module only assembles them into regular expressions of a
few fixed shapes: a capitalised phrase, "<Kind> by <who> at <event>", "<who> attends
<event>", and their Chinese counterparts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from ..errors import InputError
from ..paths import Paths
from .yamlio import check_schema, load_yaml

HAN = r"\u3400-\u4dbf\u4e00-\u9fff"


def _alt(words, escape: bool = True) -> str:
    return "|".join(map(re.escape, words) if escape else words)


def _compile(pattern: str, shown: str, key: str, flags: int = 0) -> re.Pattern:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise InputError(f"{key}: invalid regular expression: {exc}", shown, fix="correct the pattern (Python syntax)") from exc


class PublisherShape(NamedTuple):
    """A line that names a publisher: the pattern (groups `of`, and `organ` if any) and how a new organ is named."""

    pattern: re.Pattern
    name: str
    id: str


@dataclass
class Wording:
    data: dict
    shown: str

    def words(self, key: str) -> set[str]:
        return {w.lower() for w in self.data[key]}

    # --- English ----------------------------------------------------------------------
    @cached_property
    def upper(self) -> str:
        return self.data["upper"]

    @cached_property
    def capphrase(self) -> str:
        """A run of capitalised words, joined by small words: "Meeting of BRICS National Security Advisers"."""
        word = rf"[{self.upper}][\w’'.-]*"
        capword = rf"(?:{word}|\d+(?:st|nd|rd|th)|ICTs?)"
        connect = f"(?:{_alt(self.data['phrase_connectors'])})"
        return rf"{capword}(?:\s+(?:{connect}\s+)*{capword})*"

    @cached_property
    def city(self) -> str:
        up = self.upper
        return rf"[{up}][\w’'-]+(?: [{up}][\w’'-]+){{0,2}}"

    @cached_property
    def title_kinds(self) -> dict[str, str]:
        return dict(self.data["title_kinds"])

    @cached_property
    def title_by(self) -> re.Pattern:
        kinds = _alt(sorted(self.title_kinds, key=len, reverse=True))
        # "<Kind> by <who> at <event>", or "<Kind> at <event>" with no one named
        return re.compile(
            r"^(?:full text(?: of)?:?\s+)?(?P<kind>" + kinds + r")(?:(?:\s+(?:delivered|made|given))?\s+by\s+(?P<who>.+?))?"
            r"(?:\s+(?P<prep>at|to|before|during)\s+(?P<rest>.+)|\s+(?P<on>on)\s+.+)?$", re.I)

    @cached_property
    def title_verb(self) -> re.Pattern:
        return re.compile(rf"^(?P<who>{self.capphrase}?)\s+(?P<verb>{_alt(self.data['title_verbs'])})\s+(?:the\s+)?(?P<rest>.+)$")

    @cached_property
    def event_verbs(self) -> str:
        return f"(?:{_alt(self.data['event_verbs'])})"

    @cached_property
    def speech_verbs(self) -> str:
        return f"(?:{_alt(self.data['speech_verbs'])})"

    @cached_property
    def role_heads(self) -> set[str]:
        return self.words("role_heads")

    @cached_property
    def role_words(self) -> set[str]:
        return self.role_heads | self.words("role_words")

    @cached_property
    def honorifics(self) -> set[str]:
        return self.words("honorifics")

    @cached_property
    def connectors(self) -> set[str]:
        return self.words("connectors")

    @cached_property
    def event_lead(self) -> re.Pattern:
        return re.compile(self.data["event_lead"], re.I)

    @cached_property
    def ordinal_words(self) -> dict[str, int]:
        units, teens = self.data["ordinal_units"], self.data["ordinal_teens"]
        out = {w: i for i, w in enumerate(units, 1)} | {w: i for i, w in enumerate(teens, 10)}
        for stem, base in zip(self.data["ordinal_tens"], range(20, 100, 10)):
            out[f"{stem}ieth"] = base
            out.update({f"{stem}y-{u}": base + i for i, u in enumerate(units, 1)})
        return out

    @cached_property
    def not_city(self) -> set[str]:
        return self.words("not_city")

    @cached_property
    def not_city_words(self) -> re.Pattern:
        return re.compile(rf"\b(?:{_alt(self.data['not_city_words'])})\b")

    @cached_property
    def weekdays(self) -> set[str]:
        return self.words("weekdays")

    @cached_property
    def press_release_lines(self) -> list[re.Pattern]:
        return [_compile(p, self.shown, "press_release_lines") for p in self.data["press_release_lines"]]

    @cached_property
    def interview_title(self) -> re.Pattern:
        return _compile(self.data["interview_title"], self.shown, "interview_title")

    @cached_property
    def joint_title(self) -> re.Pattern:
        return _compile(self.data["joint_title"], self.shown, "joint_title")

    @cached_property
    def statement_title_zh(self) -> re.Pattern:
        return _compile(self.data["statement_title_zh"], self.shown, "statement_title_zh")

    @cached_property
    def id_stopwords(self) -> set[str]:
        return self.words("id_stopwords")

    @cached_property
    def english_words(self) -> set[str]:
        return self.words("english_words")

    @cached_property
    def speaker_honorifics(self) -> re.Pattern:
        """Leading honorifics of a listed speaker's name, longest first, any number of them."""
        words = sorted(self.data["speaker_honorifics"], key=len, reverse=True)
        return re.compile(rf"^(?:(?:{_alt(words)})(?:\s+|(?<=\.)))+", re.I)

    @cached_property
    def press_conference_title(self) -> re.Pattern:
        return _compile(self.data["press_conference_title"], self.shown, "press_conference_title")

    # --- Chinese ----------------------------------------------------------------------
    @cached_property
    def zh_role(self) -> str:
        return f"(?:{_alt(self.data['zh_roles'])})"

    @cached_property
    def zh_title_speech(self) -> re.Pattern:
        return re.compile(rf"^(?P<who>[{HAN}]{{2,20}}?)(?:在(?P<event>.+?)上)?的?(?P<kind>{_alt(self.data['zh_speech_kinds'])})$")

    @cached_property
    def zh_title_verb(self) -> re.Pattern:
        return re.compile(rf"^(?P<who>[{HAN}]{{2,20}}?)(?P<verb>{_alt(self.data['zh_title_verbs'])})(?P<rest>.+)$")

    @cached_property
    def zh_event_verbs(self) -> set[str]:
        return set(self.data["zh_event_verbs"])

    @cached_property
    def zh_speech_verbs(self) -> str:
        return f"(?:{_alt(self.data['zh_speech_verbs'])})"

    @cached_property
    def zh_event_in_text(self) -> re.Pattern:
        return re.compile(rf"(?:{_alt(self.data['zh_text_event_verbs'])})(?P<event>[^，。；、《》]+?)(?:并|並|。|，|；)")

    @cached_property
    def zh_city(self) -> re.Pattern:
        return re.compile(rf"在(?P<city>[{HAN}]{{2,4}}?)(?:{_alt(self.data['zh_city_followers'])})")

    @cached_property
    def zh_not_person(self) -> re.Pattern:
        return re.compile(_alt(self.data["zh_not_person"]))

    # --- Publishers that no profile names -----------------------------------
    def _shapes(self, key: str) -> list[PublisherShape]:
        return [PublisherShape(_compile(s["pattern"], self.shown, key, re.I), s["name"], s["id"]) for s in self.data[key]]

    @cached_property
    def publisher_lines(self) -> list[PublisherShape]:
        return self._shapes("publisher_lines")

    @cached_property
    def publisher_organ_lines(self) -> list[PublisherShape]:
        return self._shapes("publisher_organ_lines")

    @cached_property
    def organ_names(self) -> dict[str, str]:
        return {k.lower(): v for k, v in self.data["organ_names"].items()}

    @cached_property
    def organ_ids(self) -> dict[str, str]:
        return {k.lower(): v for k, v in self.data["organ_ids"].items()}

    @cached_property
    def state_name_locales(self) -> list[str]:
        return list(self.data["state_name_locales"])

    @cached_property
    def url_organ_labels(self) -> dict[str, str]:
        return {k.lower(): v for k, v in self.data["url_organ_labels"].items()}

    @cached_property
    def the_before(self) -> set[str]:
        return self.words("the_before")

    @cached_property
    def not_person_words(self) -> set[str]:
        return self.words("not_person_words")


def load_wording(paths: Paths) -> Wording:
    path = paths.sources / "wording.yaml"
    shown = paths.rel(path)
    if not path.is_file():
        raise InputError("file is missing", shown, fix="restore it from the repository")
    data = load_yaml(path, shown)
    check_schema(data, paths.schemas / "inputs" / "wording.schema.json", shown, "schemas/inputs/wording.schema.json")
    return Wording(data, shown)
