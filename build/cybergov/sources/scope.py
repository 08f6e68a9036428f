"""What the package covers (sources/codebook/scope.yaml): cues that bring a corpus item in."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from ..paths import Paths
from .codebook import alias_is_case_sensitive
from .matcher import Phrase, PhraseMatcher
from .yamlio import check_schema, load_yaml

_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass
class Scope:
    description: str
    matcher: PhraseMatcher
    exclude: PhraseMatcher

    def cue_in(self, text: str) -> str | None:
        """The first cue the text contains (a word the exclusions match is no cue), or None when it is out of scope."""
        # Folding Chinese characters costs a lookup per character: only texts that have some pay it.
        chinese = bool(_CJK.search(text))
        excluded = {(h.start, h.end) for h in self.exclude.hits(text, chinese=chinese)}
        hits = [h for h in self.matcher.hits(text, chinese=chinese) if (h.start, h.end) not in excluded]
        return text[hits[0].start:hits[0].end] if hits else None


def load_scope(paths: Paths) -> Scope:
    path = paths.codebook / "scope.yaml"
    shown = paths.rel(path)
    if not path.is_file():
        raise InputError("file is missing", shown, fix="restore it from the repository")
    data = load_yaml(path, shown)
    check_schema(data, paths.schemas / "inputs" / "scope.schema.json", shown, "schemas/inputs/scope.schema.json")
    return Scope(" ".join(data["description"].split()), _matcher(data["cues"]), _matcher(data.get("exclude", [])))


def _matcher(cues: list[str]) -> PhraseMatcher:
    phrases = []
    for cue in cues:
        text = cue.rstrip("*").strip()
        phrases.append(Phrase(text, cue, case_sensitive=alias_is_case_sensitive(text), prefix=cue.endswith("*")))
    return PhraseMatcher(phrases)
