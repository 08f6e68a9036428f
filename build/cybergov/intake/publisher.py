"""The publisher of a saved page: `--publisher`, the site's profile, or what the page itself
names in its header, signature or HTML title, or else the address given with `--url`.

A line may name a publisher the codebook has ("Permanent Mission of the People's Republic
of China to the United Nations"), or an organ of a state, place or organisation that the
codebook has but whose organ it lacks ("Permanent Mission of Chile to the United Nations"):
that organ is then added as a new entity under its state and marked for review. The shapes
of such lines are data (`publisher_lines` and `publisher_organ_lines` in sources/wording.yaml).
"""
from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlparse

import pycountry

from ..errors import InputError
from ..sources.profiles import Profile
from ..sources.wording import HAN, PublisherShape, Wording
from .ids import ascii_slug
from .names import Names

PUBLISHER_KINDS = ("state_organ", "organisation", "un_body", "party_organ", "forum")
_PARENT_KINDS = ("state", "place", "organisation", "un_body")
_SMALL = {"of", "for", "and", "the", "to", "in", "on", "at"}


@dataclass
class NewOrgan:
    """An organ that the page names and the codebook lacks: written to entities.yaml, to review."""

    id: str
    kind: str
    name: str
    parent: str | None
    named_as: str  # the page's words
    aliases: list[dict] = field(default_factory=list)


@dataclass
class Publisher:
    id: str
    how: str  # where it was read, for the summary and the todo list
    new: NewOrgan | None = None
    line: str | None = None  # the page's line that names it


@lru_cache(maxsize=8)
def _locale_names(locales: tuple[str, ...]) -> dict[str, str]:
    """alpha-3 code by the state's name in each locale (the ISO 3166 translations pycountry ships)."""
    out = {}
    for loc in locales:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc], fallback=True)
        for c in pycountry.countries:
            for name in {c.name, getattr(c, "official_name", None)} - {None}:
                local = tr.gettext(name)
                if local != name:
                    out.setdefault(local.split(" (")[0], c.alpha_3)
    return out


class Parents:
    """States, places and organisations that a page names as the owner of an organ."""

    def __init__(self, names: Names, w: Wording):
        self.names = names
        by_iso = {e.get("iso_alpha3"): e["id"] for e in names.by_id.values() if e["kind"] == "state"}
        self.local = {Names.key(k): by_iso[v] for k, v in _locale_names(tuple(w.state_name_locales)).items() if v in by_iso}

    def resolve(self, text: str) -> str | None:
        text = re.sub(r"^the\s+", "", " ".join(text.split()).strip(" ,.;:·|-–—"), flags=re.I)
        if not text:
            return None
        eid = self.names.entity(text, _PARENT_KINDS) or self.local.get(Names.key(text))
        if eid and self.names.by_id[eid]["kind"] == "place" and self.names.holder(eid) == eid:
            return None  # a place that belongs to no state owns no organ here
        return eid

    def split(self, organ: str | None, sep: str, of: str) -> tuple[str | None, str, str] | None:
        """(organ, of, parent id), moving words from `of` into `organ` until `of` names a parent:
        "Ministry of Foreign Affairs" + "Trade of Japan" -> "Ministry of Foreign Affairs of Trade" + "Japan"."""
        parent = self.resolve(of)
        if parent:
            return organ, of, parent
        if organ is None:
            return None
        for m in re.finditer(r",\s*|\s+of\s+", of):
            parent = self.resolve(of[m.end():])
            if parent:
                return f"{organ}{sep}{of[:m.start()]}", of[m.end():], parent
        return None


def _as_written(text: str) -> str:
    """An organ written in capitals ("MINISTRY OF FOREIGN AFFAIRS") as a name."""
    text = " ".join(text.split())
    if not text.isupper():
        return text
    return " ".join(w.lower() if i and w.lower() in _SMALL else w.capitalize() for i, w in enumerate(text.split()))


def _organ_english(organ: str | None, w: Wording) -> str | None:
    if organ is None:
        return None
    organ = _as_written(organ)
    return w.organ_names.get(organ.lower(), organ)


class Finder:
    def __init__(self, names: Names, w: Wording):
        self.names, self.w, self.parents = names, w, Parents(names, w)

    def organ(self, shape: PublisherShape, organ: str | None, of_name: str, parent: str, line: str, alias: bool) -> Publisher | None:
        """The codebook's organ that the line names, or a new one under `parent` (`alias`: keep the line as an alias);
        None when the name is taken by an entity that is no publisher."""
        english = _organ_english(organ, self.w)
        if of_name.split()[0].lower() in self.w.the_before:  # "of Republic of Korea" -> "of the Republic of Korea"
            of_name = "the " + of_name
        name = shape.name.format(of=of_name, organ=english or "")
        for form in (name, line, _as_written(line)):
            known = self.names.entity(form)
            if known and self.names.by_id[known]["kind"] in PUBLISHER_KINDS:
                return Publisher(known, f"the page names it: {line!r}")
        if self.names.entity(name):
            return None
        short = self.w.organ_ids.get((english or "").lower()) or ascii_slug(english or "")
        eid = re.sub(r"-{2,}", "-", shape.id.format(parent=parent, organ=short)).strip("-")
        existing = self.names.by_id.get(eid)
        if existing and existing.get("parent") == parent:
            return Publisher(eid, f"the page names it: {line!r} (the codebook calls it {existing['name']!r})")
        n, base = 2, eid
        while eid in self.names.by_id:
            eid, n = f"{base}-{n}", n + 1
        kind = "state_organ" if self.names.by_id[parent]["kind"] in ("state", "place") else "organisation"
        aliases = []
        if alias and Names.key(line) != Names.key(name) and not self.names.entity(line) and not re.search("[\uac00-\ud7af]", line):
            # the codebook's aliases are English or Chinese
            aliases.append({"alias": _as_written(line), "lang": "zh" if re.search(f"[{HAN}]", line) else None})
        return Publisher(eid, f"the page names it: {line!r}", NewOrgan(eid, kind, name, parent, line, aliases))

    def in_line(self, line: str) -> Publisher | None:
        found = self._in_line(line)
        if found:
            found.line = line
        return found

    def _in_line(self, line: str) -> Publisher | None:
        known = self.names.entity(line, PUBLISHER_KINDS)
        if known:
            return Publisher(known, f"the page names it: {line!r}")
        for shape in self.w.publisher_lines:
            m = shape.pattern.fullmatch(line)
            if not m:
                continue
            organ = m.groupdict().get("organ")
            sep = line[m.end("organ"):m.start("of")] if organ else ""
            split = self.parents.split(organ, sep, m["of"])
            if split:
                organ, of, parent = split
                latin = not re.search(f"[{HAN}\uac00-\ud7af]", of)
                of_name = re.sub(r"^the\s+", "the ", _as_written(of.strip()), flags=re.I) if latin else self.names.by_id[parent]["name"]
                return self.organ(shape, organ, of_name, parent, line, alias=True)
        return None

    def organ_beside(self, lines: list[str], i: int, others: list[str]) -> Publisher | None:
        """An organ line without its state, whose state a neighbouring line or another title part names alone."""
        for shape in self.w.publisher_organ_lines:
            m = shape.pattern.fullmatch(lines[i])
            if not m:
                continue
            near = [lines[j] for j in (i + 1, i - 1, i + 2, i - 2) if 0 <= j < len(lines)] + others
            for line in near:
                parent = self.parents.resolve(line)
                if parent and self.names.by_id[parent]["kind"] in ("state", "place"):
                    found = self.organ(shape, m.groupdict().get("organ"), self.names.by_id[parent]["name"], parent, lines[i], alias=False)
                    if found and found.new:
                        found.new.named_as = f"{lines[i]} / {line}"
                    return found
        return None

    def credited(self, head: list[str], top: list[str]) -> Publisher | None:
        """A site that names itself twice: as the masthead and in the credit of its dateline ("(Eastern Daily Online) 10:58, ...")."""
        for line in top:
            m = re.match(r"^[(（](?P<name>[^()（）]{3,60})[)）]\s*\d", line)
            if m and m["name"].strip() in head and ascii_slug(m["name"]):
                name = m["name"].strip()
                known = self.names.entity(name)
                if known:
                    return Publisher(known, f"the page names it: {name!r}") if self.names.by_id[known]["kind"] in PUBLISHER_KINDS else None
                eid = ascii_slug(name)
                if eid in self.names.by_id:
                    return None
                return Publisher(eid, f"the page names itself: {name!r}", NewOrgan(eid, "organisation", name, None, name))
        return None

    def by_url(self, url: str | None) -> Publisher | None:
        """The codebook entity whose home page is on the same host; else an organ that the host's labels
        name under the state of its country-code domain ("mfa.gov.xx")."""
        if not url:
            return None
        host = (urlparse(url).hostname or "").lower().removeprefix("www.")
        for e in self.names.by_id.values():
            if e.get("url") and (urlparse(e["url"]).hostname or "").lower().removeprefix("www.") == host and e["kind"] in PUBLISHER_KINDS:
                return Publisher(e["id"], f"the address's host {host} is its site")
        labels = host.split(".")
        country = pycountry.countries.get(alpha_2=labels[-1].upper()) if len(labels[-1]) == 2 else None
        state = next((e["id"] for e in self.names.by_id.values() if country and e.get("iso_alpha3") == country.alpha_3), None)
        organ = next((self.w.url_organ_labels[x] for x in labels[:-1] if x in self.w.url_organ_labels), None)
        if state and organ:
            shape = self.w.publisher_organ_lines[0]
            found = self.organ(shape, organ, self.names.by_id[state]["name"], state, organ, alias=False)
            if found is None:
                return None
            found.how = f"the address's host {host} names it"
            if found.new:
                found.new.named_as = host
            return found
        return None


def find_publisher(names: Names, w: Wording, profile: Profile, given: str | None, head: list[str], title_parts: list[str],
                   tail: list[str], top: list[str], url: str | None, shown: str) -> Publisher:
    """The publisher, in this order: --publisher, the profile, the page's header, HTML title and signature lines, --url."""
    if given is not None:
        if given not in names.by_id:
            raise InputError(f"--publisher {given!r} is not an entity id in sources/codebook/entities.yaml", shown, None,
                             "use the id of the publishing ministry or mission, or leave --publisher out if the page names it")
        if profile.publisher is not None and profile.publisher != given:
            raise InputError(f"--publisher {given!r} differs from {profile.publisher!r}, whose site layout the page has ({profile.file})",
                             shown, None, "leave out --publisher, or check that the right file was given")
        return Publisher(given, "given with --publisher")
    if profile.publisher is not None:
        return Publisher(profile.publisher, f"the site's profile {profile.file}")
    f = Finder(names, w)
    for group, others in ((head, title_parts), (title_parts, head), (tail, [])):
        for i, line in enumerate(group):
            found = f.in_line(line) or f.organ_beside(group, i, [x for x in others if x != line])
            if found:
                return found
    found = f.credited(head + title_parts, top) or f.by_url(url)
    if found:
        return found
    for line in head + title_parts:  # a page that names only its state ("Grand Duchy of Luxembourg")
        eid = names.entity(line, ("state",))
        if eid:
            return Publisher(eid, f"the page names only its state: {line!r}")
    raise InputError("nothing on the page names its publisher: no profile in sources/profiles matches the site, and no header, "
                     "title or signature line names a ministry, mission or organisation", shown, None,
                     "pass --publisher <entity id> (adding the entity to sources/codebook/entities.yaml first if it is new), "
                     "or --url with the page's address")


def render_entity(new: NewOrgan, parent_name: str | None) -> str:
    """The new organ as an entry of entities.yaml, its description saying where it came from and that it is to review."""
    from .yamltext import yaml_scalar

    of = f" of {parent_name}" if parent_name else ""
    description = f"A publisher{of}, as a page added with `cybergov add` names it ({new.named_as!r}); to review."
    lines = [f"- id: {new.id}", f"  kind: {new.kind}", f"  name: {yaml_scalar(new.name)}",
             f"  description: {yaml_scalar(description)}", f"  parent: {yaml_scalar(new.parent)}"]
    if new.aliases:
        lines.append("  aliases:")
        for a in new.aliases:
            lines.append(f"    - {{alias: {yaml_scalar(a['alias'])}, lang: {a['lang']}}}" if a.get("lang") else f"    - {yaml_scalar(a['alias'])}")
    return "\n".join(lines) + "\n"
