"""The hand-curated codebook: entities, themes, events, stance frames and genre conventions.

Each file is checked against its JSON Schema, then for what a schema cannot say:
unique ids, parents and references that exist, and no alias claimed by two entities.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..paths import Paths
from .conventions import Conventions
from .states import state_entities
from .yamlio import LineDict, check_schema, load_yaml

_ACRONYM_TOKEN = re.compile(r"^[A-Z0-9.&-]*[A-Z][A-Z0-9.&-]*[A-Z][A-Za-z0-9.&-]*$")


@dataclass(frozen=True)
class Alias:
    entity_id: str
    alias: str
    language: str
    case_sensitive: bool


def alias_is_case_sensitive(alias: str) -> bool:
    """Acronyms ("UN", "ICTs", "U.N.") match only as written; other names ignore case.

    A token with two or more capitals is an acronym; "un" and "sco" in running text are
    other words, while "Cold War mentality" may well appear as "cold war mentality".
    """
    return any(_ACRONYM_TOKEN.match(tok) for tok in alias.split())


@dataclass(frozen=True)
class Codebook:
    entities: list[dict]
    aliases: list[Alias]
    themes: list[dict]
    events: list[dict]
    frames: dict
    conventions: Conventions
    quantities: dict
    corpora: list[dict]
    issues: list[dict]

    def entity_ids(self) -> set[str]:
        return {e["id"] for e in self.entities}

    def aliases_of(self, entity_id: str) -> list[Alias]:
        return [a for a in self.aliases if a.entity_id == entity_id]


def _load(paths: Paths, path: Path, schema: str):
    shown = paths.rel(path)
    if not path.is_file():
        raise InputError("file is missing", shown, fix="restore it from the repository")
    data = load_yaml(path, shown)
    check_schema(data, paths.schemas / "inputs" / schema, shown, f"schemas/inputs/{schema}")
    return data, shown


def _unique_ids(items: list[LineDict], shown: str, what: str) -> dict[str, LineDict]:
    out: dict[str, LineDict] = {}
    for i, item in enumerate(items):
        if item["id"] in out:
            raise InputError(f"duplicate {what} id {item['id']!r} (first at line {out[item['id']].line})", shown,
                             items.item_lines[i], f"give each {what} its own id")
        out[item["id"]] = item
    return out


def _check_ref(value, known, shown: str, line: int | None, what: str) -> None:
    if value is not None and value not in known:
        raise InputError(f"{what} {value!r} is not an entity id in the codebook", shown, line,
                         "add the entity to sources/codebook/entities.yaml or correct the id")


def _name_contexts(themes: list[LineDict], shown: str, contexts: dict) -> None:
    """A theme's `context` given by name is replaced by that list of contexts.yaml."""
    for theme in themes:
        name = theme.get("context")
        if isinstance(name, str):
            if name not in contexts:
                raise InputError(f"context {name!r} is not a list in sources/codebook/contexts.yaml", shown, theme.key_lines.get("context"),
                                 f"use one of {', '.join(sorted(contexts))}, or write the phrases as a list")
            theme["context"] = list(contexts[name])


def _check_parents(by_id: dict[str, LineDict], shown: str, what: str) -> None:
    for item_id, item in by_id.items():
        parent = item.get("parent")
        if parent is None:
            continue
        if parent not in by_id:
            raise InputError(f"{what} {item_id!r} has parent {parent!r}, which does not exist", shown,
                             item.key_lines.get("parent"), f"use the id of an existing {what} or null")
        seen, node = {item_id}, parent
        while node is not None:
            if node in seen:
                raise InputError(f"{what} {item_id!r} is its own ancestor", shown, item.key_lines.get("parent"), "break the cycle of parents")
            seen.add(node)
            node = by_id[node].get("parent")


def _aliases(entities: list[LineDict], shown: str) -> list[Alias]:
    """Every name and alias of every entity, each pointing to one entity only."""
    aliases: list[Alias] = []
    owner: dict[tuple[str, str], str] = {}
    position: dict[tuple[str, str, str], int] = {}
    for ent in entities:
        forms = [ent["name"], *ent.get("aliases", [])]
        lines = [ent.key_lines.get("name"), *getattr(ent.get("aliases"), "item_lines", [])]
        for form, line in zip(forms, lines):
            item = {"alias": form} if isinstance(form, str) else form
            text = item["alias"].strip()
            language = item.get("lang", "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en")
            case = item.get("case")
            sensitive = alias_is_case_sensitive(text) if case is None else case == "sensitive"
            key = (text if sensitive else text.lower(), language)
            if key in owner and owner[key] != ent["id"]:
                raise InputError(f"alias {text!r} of {ent['id']!r} is already an alias of {owner[key]!r}", shown, line,
                                 "an alias must point to one entity: remove it from one of them")
            if key in owner:
                continue
            owner[key] = ent["id"]
            same = position.get((ent["id"], text, language))
            if same is not None:
                # The name repeated as an alias to set its case: the explicit setting wins.
                aliases[same] = Alias(ent["id"], text, language, sensitive)
                continue
            position[(ent["id"], text, language)] = len(aliases)
            aliases.append(Alias(ent["id"], text, language, sensitive))
    return aliases


def _entities(paths: Paths) -> tuple[list[LineDict], str]:
    """entities.yaml and states.yaml as one list of entities, ids unique across both, parents that exist."""
    cb = paths.codebook
    entities, shown = _load(paths, cb / "entities.yaml", "entities.schema.json")
    states, states_shown = _load(paths, cb / "states.yaml", "states.schema.json")
    state_ids = _unique_ids(states, states_shown, "state")
    by_id = _unique_ids(entities, shown, "entity")
    for eid, ent in by_id.items():
        if eid in state_ids:
            raise InputError(f"entity id {eid!r} is also a state in {states_shown} (line {state_ids[eid].line})", shown, ent.line,
                             "states are listed in states.yaml only: remove the entity, or give it another id")
    merged = [*entities, *state_entities(states, states_shown)]
    _check_parents({e["id"]: e for e in merged}, shown, "entity")
    return merged, shown


def load_codebook(paths: Paths) -> Codebook:
    cb = paths.codebook
    entities, ent_shown = _entities(paths)
    by_id = {e["id"]: e for e in entities}
    aliases = _aliases(entities, ent_shown)

    themes, th_shown = _load(paths, cb / "themes.yaml", "themes.schema.json")
    _name_contexts(themes, th_shown, _load(paths, cb / "contexts.yaml", "contexts.schema.json")[0])
    th_by_id = _unique_ids(themes, th_shown, "theme")
    _check_parents(th_by_id, th_shown, "theme")

    events, ev_shown = _load(paths, paths.sources / "events.yaml", "events.schema.json")
    _unique_ids(events, ev_shown, "event")
    for ev in events:
        for key in ("series", "body"):
            _check_ref(ev.get(key), by_id, ev_shown, ev.key_lines.get(key), key)

    frames, _ = _load(paths, cb / "frames.yaml", "frames.schema.json")
    quantities, _ = _load(paths, cb / "quantities.yaml", "quantities.schema.json")
    conventions, _ = _load(paths, paths.sources / "conventions.yaml", "conventions.schema.json")
    corpora, corpora_shown = _load(paths, paths.sources / "corpora.yaml", "corpora.schema.json")
    _unique_ids(corpora, corpora_shown, "corpus")
    issues, issues_shown = _load(paths, cb / "issues.yaml", "issues.schema.json")
    _unique_ids(issues, issues_shown, "issue")
    return Codebook(
        entities=sorted(entities, key=lambda e: e["id"]),
        aliases=sorted(aliases, key=lambda a: (a.entity_id, a.alias, a.language)),
        themes=sorted(themes, key=lambda t: t["id"]),
        events=sorted(events, key=lambda e: e["id"]),
        frames=frames,
        conventions=Conventions(conventions),
        quantities=quantities,
        corpora=sorted(corpora, key=lambda c: c["id"]),
        issues=sorted(issues, key=lambda i: i["id"]),
    )
