"""The codebook as the templates name it: English and Chinese surface forms of its entities."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from .data import FORMS, NO_ARTICLE, NO_ARTICLE_KINDS

Forms = list[list[str]]  # [words before, alias, words after], as in formulations.yaml


@dataclass
class Lexicon:
    """Names and aliases of the codebook's entities, and the formulations whose aliases it has."""

    kinds: dict[str, str]
    parents: dict[str, str | None]
    en: dict[str, list[str]]
    zh: dict[str, list[str]]
    ids_by_kind: dict[str, list[str]]
    negative: list[tuple[str, Forms]]
    negative_zh: list[tuple[str, Forms]]
    positive: dict[str, Forms]
    positive_zh: dict[str, Forms]
    # The pools that {forum}, {zforum}, {init} and {fw} draw from, the same for every statement.
    forums: list[str] = field(init=False)
    forums_zh: list[str] = field(init=False)
    initiatives: list[str] = field(init=False)
    initiatives_zh: list[str] = field(init=False)
    frameworks: list[str] = field(init=False)

    def __post_init__(self):
        by_kind = self.ids_by_kind
        self.forums = [i for i in by_kind.get("forum", []) + by_kind.get("organisation", []) if self.en[i]]
        self.forums_zh = [i for i in self.forums if self.zh.get(i)]
        self.initiatives = list(by_kind.get("initiative", []))
        self.initiatives_zh = [i for i in self.initiatives if self.zh.get(i)]  # those with a Chinese name
        self.frameworks = by_kind.get("framework", []) + by_kind.get("strategy", []) + by_kind.get("agenda", [])

    @classmethod
    def load(cls, root: Path) -> "Lexicon":
        # The project's own reader: states.yaml is expanded into entities (names from ISO 3166) as the build sees them.
        from cybergov.paths import Paths
        from cybergov.sources.codebook import load_codebook

        entities = load_codebook(Paths.at(root)).entities
        kinds, parents, en, zh, by_kind = {}, {}, {}, {}, {}
        for ent in entities:
            kinds[ent["id"]] = ent["kind"]
            parents[ent["id"]] = ent.get("parent")
            by_kind.setdefault(ent["kind"], []).append(ent["id"])
            en[ent["id"]], zh[ent["id"]] = _surface_forms(ent)

        def checked(table, lang_forms):
            out = []
            for ent_id, forms in table:
                if ent_id not in kinds:
                    continue  # gone from the codebook: leave it out rather than invent a name
                known = {f.lower() for f in lang_forms[ent_id]}
                kept = [f for f in forms if f[1].lower() in known]
                if kept:
                    out.append((ent_id, kept))
            return out

        neg, pos = FORMS["negative"], FORMS["positive"]
        return cls(kinds=kinds, parents=parents, en=en, zh=zh, ids_by_kind=by_kind,
                   negative=checked(neg["en"].items(), en), negative_zh=checked(neg["zh"].items(), zh),
                   positive=dict(checked(sorted(pos["en"].items()), en)),
                   positive_zh=dict(checked(sorted(pos["zh"].items()), zh)))

    def within(self, ent_id: str | None, ancestor: str) -> bool:
        """Whether ent_id is ancestor or lies under it (parent chain in the codebook)."""
        seen = 0
        while ent_id is not None and seen < 50:  # bounded, in case the codebook has a cycle
            if ent_id == ancestor:
                return True
            ent_id, seen = self.parents.get(ent_id), seen + 1
        return False

    def name(self, rng: random.Random, ent_id: str, article: bool = True, alias: bool = True) -> str:
        """An English name of the entity, with "the" where running text needs it."""
        forms = [f for f in self.en[ent_id] if not f.startswith("the ")]
        surface = rng.choice(forms) if alias else forms[0]
        if not article or surface in NO_ARTICLE or self.kinds[ent_id] in NO_ARTICLE_KINDS:
            return surface
        if self.kinds[ent_id] == "group" and surface[0].islower():
            return surface  # "developing countries"
        return "the " + surface

    def name_zh(self, rng: random.Random, ent_id: str) -> str:
        forms = self.zh.get(ent_id) or []
        if not forms:
            raise KeyError(f"entity {ent_id!r} has no Chinese alias in the codebook")
        return rng.choice(forms)


def _surface_forms(ent: dict) -> tuple[list[str], list[str]]:
    """(English forms, name first; Chinese forms) of one codebook entry."""
    forms_en, forms_zh = [ent["name"]], []
    for a in ent.get("aliases") or []:
        item = {"alias": a} if isinstance(a, str) else a
        text = item["alias"].strip()
        lang = item.get("lang", "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en")
        (forms_zh if lang == "zh" else forms_en).append(text)
    return forms_en, forms_zh
