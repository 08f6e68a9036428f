"""Stage 4, annotations: the coded values of one statement, each with its evidence.

Takes the rows of stage 3 (the published text, paragraphs, sentences) and the codebook;
finds entity mentions, theme cues, stances, enumerated proposals and quantities by rule,
then applies the hand corrections of the statement's curated.yaml. Every row carries its
sentence, offsets into the published text, the surface words and `method` (rule or
curated). Hands on the rows of the annotation tables.
"""
from __future__ import annotations

from ..sources.codebook import Codebook
from ..sources.matcher import MatcherGroup
from .base import DocView, Sentence
from .curate import Curator
from .mentions import MentionAnnotator
from .proposals import ProposalAnnotator
from .quantities import QuantityAnnotator
from .stances import StanceAnnotator
from .themes import ThemeAnnotator

ANNOTATION_TABLES = ("sentence_themes", "mentions", "stances", "proposals", "quantities", "errata")


def _number(rows: list[dict], id_key: str, letter: str, sort_key) -> list[dict]:
    """Stable ids <sentence_id>/<letter>NN, numbered in text order within each sentence."""
    rows = sorted(rows, key=sort_key)
    counts: dict[str, int] = {}
    out = []
    for r in rows:
        counts[r["sentence_id"]] = counts.get(r["sentence_id"], 0) + 1
        out.append({id_key: f"{r['sentence_id']}/{letter}{counts[r['sentence_id']]:02d}", **r})
    return out


class Annotators:
    def __init__(self, codebook: Codebook):
        self.codebook = codebook
        self.mentions = MentionAnnotator(codebook)
        self.themes = ThemeAnnotator(codebook)
        self.stances = StanceAnnotator(codebook)
        self.proposals = ProposalAnnotator(codebook.conventions)
        self.quantities = QuantityAnnotator(codebook)
        self.entity_ids = codebook.entity_ids()
        self.theme_ids = {t["id"] for t in codebook.themes}
        self.issue_ids = {i["id"] for i in codebook.issues}
        # Every matcher that reads a text of the language, run over it in one pass.
        shared = [self.mentions.matcher, self.themes.matcher, self.stances.issues]
        self.groups = {False: MatcherGroup([*shared, *self.stances.lex.en.matchers]),
                       True: MatcherGroup([*shared, *self.stances.lex.zh.matchers])}

    def annotate(self, doc_row: dict, paragraph_rows: list[dict], sentence_rows: list[dict], src, ctx) -> dict[str, list[dict]]:
        kinds = {p["paragraph_id"]: p["kind"] for p in paragraph_rows}
        turns = {p["paragraph_id"]: p.get("turn") for p in paragraph_rows}
        doc = DocView(
            document_id=doc_row["document_id"], text=doc_row["text"], language=doc_row["language"], holder_id=doc_row["holder_id"],
            sentences=[Sentence(s["sentence_id"], kinds[s["paragraph_id"]], s["char_start"], s["char_end"], s["text"], turns[s["paragraph_id"]])
                       for s in sentence_rows],
            paragraphs=paragraph_rows,
        )
        doc.read_with(self.groups[doc.chinese])
        curator = Curator(doc, src.curated, f"{src.folder}/curated.yaml", self.entity_ids, self.theme_ids, self.issue_ids)
        mentions = curator.mentions(self.mentions(doc))
        themes = curator.themes(self.themes(doc))
        stances = curator.stances(self.stances(doc, mentions), mentions)
        by_pos = lambda r: (r["char_start"], r["char_end"])  # noqa: E731
        return {
            "mentions": _number(mentions, "mention_id", "m", lambda r: (r["char_start"], r["char_end"], r["entity_id"])),
            "sentence_themes": sorted(themes, key=lambda r: (r["char_start"], r["sentence_id"], r["theme_id"])),
            "stances": _number(stances, "stance_id", "t", lambda r: (r["cue_start"], r["cue_end"], r["object_start"], r["holder_id"])),
            "proposals": self.proposals(doc),
            "quantities": _number(self.quantities(doc), "quantity_id", "q", by_pos),
            "errata": curator.errata(),
        }
