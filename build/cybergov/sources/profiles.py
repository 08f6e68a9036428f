"""Publisher profiles: how to recognise a site's pages, and its boilerplate and date lines.

Everything that is specific to one site is data in sources/profiles/*.yaml; this module
loads and checks those files and picks the profile a page matches.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from ..paths import Paths
from .datesearch import DateSearch
from .yamlio import check_schema, load_yaml


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    publisher: str | None
    priority: int
    detect: tuple[re.Pattern, ...]
    boilerplate: tuple[re.Pattern, ...]
    date_lines: tuple[re.Pattern, ...]
    file: str
    title: str = "page"  # or "metadata": the source states no title
    paragraphs: str = "blank-lines"  # or "lines": a plain-text corpus, a paragraph per line or wrapped
    strip: tuple[re.Pattern, ...] = ()
    title_dates: tuple[re.Pattern, ...] = ()
    date_search: DateSearch | None = None

    def stripped(self, line: str) -> str:
        for rx in self.strip:
            line = rx.sub("", line)
        return line

    def is_boilerplate(self, line: str) -> bool:
        return any(p.search(line) for p in self.boilerplate)

    def ends_page(self, line: str) -> bool:
        """A boilerplate pattern with a group named `end` marks where the page's own text stops
        (e.g. "Related news"): what follows is another page's headline, not this statement."""
        return any("end" in p.groupindex and p.search(line) for p in self.boilerplate)


def _compile(patterns, file: str, where: str) -> tuple[re.Pattern, ...]:
    out = []
    for i, pat in enumerate(patterns):
        try:
            out.append(re.compile(pat))
        except re.error as exc:
            raise InputError(f"{where}[{i}]: invalid regular expression: {exc}", file, getattr(patterns, "item_lines", [None] * (i + 1))[i],
                             "correct the pattern (Python regular expression syntax)") from exc
    return tuple(out)


def _date_search(data: dict | None, shown: str) -> DateSearch | None:
    if not data:
        return None
    labels = sorted(data.get("labels", []), key=len, reverse=True)
    label = re.compile(r"^(?:" + "|".join(map(re.escape, labels)) + r")(?:\s*[:：]\s*|\s+|$)", re.I) if labels else None
    return DateSearch(languages=tuple(data["languages"]), label=label, lines=_compile(data["lines"], shown, "date_search.lines"),
                      inside=_compile(data.get("inside", []), shown, "date_search.inside"))


def load_profiles(paths: Paths) -> list[Profile]:
    """All profiles, most specific first; the generic fallback (lowest priority) last."""
    profiles = []
    seen: dict[str, str] = {}
    for path in sorted(paths.profiles.glob("*.yaml")):
        shown = paths.rel(path)
        data = load_yaml(path, shown)
        check_schema(data, paths.schemas / "inputs" / "profile.schema.json", shown, "schemas/inputs/profile.schema.json")
        if data["id"] != path.stem:
            raise InputError(f"profile id {data['id']!r} differs from the file name", shown, data.key_lines.get("id"), "name the file <id>.yaml")
        if data["id"] in seen:
            raise InputError(f"duplicate profile id {data['id']!r} (also in {seen[data['id']]})", shown, fix="give each profile its own id")
        seen[data["id"]] = shown
        profiles.append(Profile(
            id=data["id"], name=data["name"], publisher=data.get("publisher"), priority=data.get("priority", 0),
            detect=_compile(data["detect"], shown, "detect"),
            boilerplate=_compile(data["boilerplate"], shown, "boilerplate"),
            date_lines=_compile([d["pattern"] for d in data["date_lines"]], shown, "date_lines"),
            file=shown, title=data.get("title", "page"), paragraphs=data.get("paragraphs", "blank-lines"),
            strip=_compile(data.get("strip", []), shown, "strip"),
            title_dates=_compile([d["pattern"] for d in data.get("title_dates", [])], shown, "title_dates"),
            date_search=_date_search(data.get("date_search"), shown),
        ))
    if not profiles:
        raise InputError("no publisher profiles found", paths.rel(paths.profiles), fix="restore sources/profiles/generic.yaml")
    return sorted(profiles, key=lambda p: (-p.priority, p.id))


def choose_profile(profiles: list[Profile], lines: list[str], wanted: str | None = None) -> Profile:
    """The named profile, or the first whose detect patterns all match the page's first lines."""
    if wanted:
        for p in profiles:
            if p.id == wanted:
                return p
        raise KeyError(wanted)
    head = [line for line in lines[:15] if line]
    for p in profiles:
        if p.detect and all(any(rx.search(line) for line in head) for rx in p.detect):
            return p
    return profiles[-1]
