"""The seed statements' gold (tests/gold/<document_id>.yaml): sentence by sentence, as the seeds were read.

Only rows with method `rule` are scored, so curation cannot hide a weak rule; theme coverage
is measured on the published rows (rule and curated) of these statements.
"""
from __future__ import annotations

from collections import defaultdict

from ..annotations.curate import find_all
from ..paths import Paths
from ..sources.yamlio import load_yaml
from .scoring import Score

COVERAGE_TARGET = 1.0


def _place(sentence: dict, quote: str, used: list[tuple[int, int]], near: int | None = None) -> tuple[int, int] | None:
    """Offsets of an occurrence of quote in the sentence that overlaps no span already placed:
    the first one, or the one nearest to `near`."""
    base = int(sentence["char_start"])
    free = [(base + i, base + i + len(quote)) for i in find_all(sentence["text"], quote)
            if not any(base + i < e and s < base + i + len(quote) for s, e in used)]
    if not free:
        return None
    span = min(free, key=lambda sp: abs(sp[0] - near)) if near is not None else free[0]
    used.append(span)
    return span


class _Themes:
    """Theme ids and their ancestors, for counting a parent or child theme as a match."""

    def __init__(self, themes: list[dict]):
        self.parent = {t["theme_id"]: t["parent_id"] or None for t in themes}

    def lineage(self, theme: str) -> set[str]:
        out = set()
        while theme:
            out.add(theme)
            theme = self.parent.get(theme)
        return out

    def related(self, a: str, b: str) -> bool:  # the same theme, or one is an ancestor of the other
        return a in self.lineage(b) or b in self.lineage(a)


def _gold_items(gold: dict, built: list[dict], kinds: dict, segmentation: list[str]):
    """The gold's mentions, body themes and stances placed on the built sentences, and the body sentence ids."""
    doc_id = gold["document_id"]
    by_text = defaultdict(list)
    for s in built:
        by_text[s["text"]].append(s)
    gold_mentions, gold_themes, gold_stances, body_ids = set(), set(), [], set()
    for g in gold["sentences"]:
        candidates = by_text.get(g["text"])
        if not candidates:
            segmentation.append(f"{doc_id}: gold sentence not segmented alike: {g['text'][:70]!r}")
            continue
        s = candidates.pop(0)
        sid = s["sentence_id"]
        if kinds[s["paragraph_id"]] == "body":
            body_ids.add(sid)
            gold_themes |= {(sid, t) for t in g.get("themes", [])}
        used: list[tuple[int, int]] = []
        for m in g.get("mentions", []):
            span = _place(s, m["surface"], used)
            if span:
                gold_mentions.add((sid, span[0], span[1], m["entity"]))
        cue_used: list[tuple[int, int]] = []
        for st in g.get("stances", []):
            target = _place(s, st["target"], [])
            cue = target and _place(s, st["cue"], cue_used, near=target[0])
            if cue and target:
                gold_stances.append((sid, st["polarity"], cue, target, st))
    return gold_mentions, gold_themes, gold_stances, body_ids


def _score_mentions(score: Score, rule: set, gold: set, out, doc_id: str, misses) -> None:
    """Mentions: exact span and entity."""
    score.tp += len(rule & gold)
    score.rule += len(rule)
    score.gold += len(gold)
    for m in sorted(gold - rule):
        misses["mentions missed"].append(f"{m[0]}: {_text(out, doc_id, m[1], m[2])!r} -> {m[3]}")
    for m in sorted(rule - gold):
        misses["mentions wrong"].append(f"{m[0]}: {_text(out, doc_id, m[1], m[2])!r} -> {m[3]}")


def _score_themes(scores: dict, rule: set, gold: set, themes: _Themes, misses) -> None:
    """Themes on body sentences: the exact theme, and (themes_hierarchy) a related one."""
    scores["themes"].tp += len(rule & gold)
    scores["themes"].rule += len(rule)
    scores["themes"].gold += len(gold)
    sh = scores["themes_hierarchy"]
    sh.rule += len(rule)
    sh.gold += len(gold)
    sh.tp += sum(any(s2 == s1 and themes.related(t1, t2) for s2, t2 in gold) for s1, t1 in rule)
    sh.tp_gold = (sh.tp_gold or 0) + sum(any(s2 == s1 and themes.related(t1, t2) for s2, t2 in rule) for s1, t1 in gold)
    for s1, t1 in sorted(gold):
        if not any(s2 == s1 and themes.related(t1, t2) for s2, t2 in rule):
            misses["themes missed (no related rule theme)"].append(f"{s1}: {t1}")


def _score_stances(scores: dict, rule: list[dict], gold: list, misses) -> None:
    """Stances: same sentence and polarity, overlapping cues; one to one. Targets: overlapping, of those matched."""
    ss, stt = scores["stances"], scores["stance_targets"]
    ss.rule += len(rule)
    ss.gold += len(gold)
    free = list(rule)
    for sid, pol, (cs, ce), (ts, te), st in gold:
        match = next((r for r in free if r["sentence_id"] == sid and r["polarity"] == pol
                      and int(r["cue_start"]) < ce and cs < int(r["cue_end"])), None)
        if match is None:
            misses["stances missed"].append(f"{sid}: {pol} {st['cue']!r} -> {st['target'][:60]!r}")
            continue
        free.remove(match)
        ss.tp += 1
        stt.gold += 1
        stt.rule += 1
        if int(match["object_start"]) < te and ts < int(match["object_end"]):
            stt.tp += 1
    for r in free:
        misses["stances wrong"].append(f"{r['sentence_id']}: {r['polarity']} {r['cue']!r} -> {r['object'][:60]!r}")


def evaluate(paths: Paths, out: dict[str, list[dict]]) -> dict:
    sentences_by_doc = defaultdict(list)
    for s in out["sentences"]:
        sentences_by_doc[s["document_id"]].append(s)
    kinds = {p["paragraph_id"]: p["kind"] for p in out["paragraphs"]}
    scores = {"mentions": Score(), "stances": Score(), "themes": Score(), "themes_hierarchy": Score(), "stance_targets": Score()}
    themes = _Themes(out["themes"])
    misses: dict[str, list[str]] = defaultdict(list)
    segmentation: list[str] = []
    golds = [load_yaml(f) for f in sorted((paths.root / "tests" / "gold").glob("*.yaml"))]
    for gold in golds:
        doc_id = gold["document_id"]
        gold_mentions, gold_themes, gold_stances, body_ids = _gold_items(gold, sentences_by_doc.get(doc_id, []), kinds, segmentation)
        rule_mentions = {(m["sentence_id"], int(m["char_start"]), int(m["char_end"]), m["entity_id"])
                         for m in out["mentions"] if m["document_id"] == doc_id and m["method"] == "rule"}
        rule_themes = {(t["sentence_id"], t["theme_id"]) for t in out["sentence_themes"]
                       if t["document_id"] == doc_id and t["method"] == "rule" and t["sentence_id"] in body_ids}
        rule_stances = [t for t in out["stances"] if t["document_id"] == doc_id and t["method"] == "rule"]
        _score_mentions(scores["mentions"], rule_mentions, gold_mentions, out, doc_id, misses)
        _score_themes(scores, rule_themes, gold_themes, themes, misses)
        _score_stances(scores, rule_stances, gold_stances, misses)
    # Coverage is a target for the statements read whole for the gold (curation completes it there).
    gold_docs = {g["document_id"] for g in golds}
    body = [s for s in out["sentences"] if kinds[s["paragraph_id"]] == "body" and s["document_id"] in gold_docs]
    themed = {t["sentence_id"] for t in out["sentence_themes"]}
    unthemed = [s for s in body if s["sentence_id"] not in themed]
    return {"scores": scores, "misses": misses, "segmentation": segmentation,
            "coverage": (len(body) - len(unthemed)) / len(body) if body else 1.0, "unthemed": unthemed}


def _text(out, doc_id: str, start: int, end: int) -> str:
    doc = next(d for d in out["documents"] if d["document_id"] == doc_id)
    return doc["text"][start:end]
