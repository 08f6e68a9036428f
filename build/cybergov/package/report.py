"""`cybergov report`: how well the rule annotators do against hand-made gold files.

The gold (tests/gold/<document_id>.yaml) was made by reading the statements, not from
the annotators' output. Only rows with method `rule` are scored, so curation cannot hide
a weak rule. Theme coverage is measured on the published rows (rule and curated).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..annotations.curate import find_all
from ..paths import Paths
from ..sources.yamlio import load_yaml
from .tables import read_csv

TARGETS = {"mentions": (0.98, 0.98), "stances": (0.85, 0.85)}
COVERAGE_TARGET = 1.0
_NAME = re.compile(r"\b(?:[A-Z][\w’'.-]*[A-Za-z]|[A-Z])(?:\s+(?:(?:of|on|for|and|the|in|to|de)\s+)*(?:[A-Z][\w’'.-]*[A-Za-z]|[A-Z]))+")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,}s?\b")


@dataclass
class Score:
    tp: int = 0
    rule: int = 0
    gold: int = 0
    tp_gold: int | None = None  # gold items matched, where matching is not one to one

    @property
    def precision(self) -> float:
        return self.tp / self.rule if self.rule else 1.0

    @property
    def recall(self) -> float:
        matched = self.tp if self.tp_gold is None else self.tp_gold
        return matched / self.gold if self.gold else 1.0


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


def load_outputs(paths: Paths) -> dict[str, list[dict]]:
    return {t: list(read_csv(paths.data / f"{t}.csv"))
            for t in ("documents", "paragraphs", "sentences", "mentions", "sentence_themes", "stances", "entities", "themes")}


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
        if int(match["target_start"]) < te and ts < int(match["target_end"]):
            stt.tp += 1
    for r in free:
        misses["stances wrong"].append(f"{r['sentence_id']}: {r['polarity']} {r['cue']!r} -> {r['target'][:60]!r}")


def evaluate(paths: Paths) -> dict:
    out = load_outputs(paths)
    sentences_by_doc = defaultdict(list)
    for s in out["sentences"]:
        sentences_by_doc[s["document_id"]].append(s)
    kinds = {p["paragraph_id"]: p["kind"] for p in out["paragraphs"]}
    scores = {"mentions": Score(), "stances": Score(), "themes": Score(), "themes_hierarchy": Score(), "stance_targets": Score()}
    themes = _Themes(out["themes"])
    misses: dict[str, list[str]] = defaultdict(list)
    segmentation: list[str] = []
    for gold_file in sorted((paths.root / "tests" / "gold").glob("*.yaml")):
        gold = load_yaml(gold_file)
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
    body = [s for s in out["sentences"] if kinds[s["paragraph_id"]] == "body"]
    themed = {t["sentence_id"] for t in out["sentence_themes"]}
    unthemed = [s for s in body if s["sentence_id"] not in themed]
    return {"scores": scores, "misses": misses, "segmentation": segmentation,
            "coverage": (len(body) - len(unthemed)) / len(body) if body else 1.0, "unthemed": unthemed,
            "candidates": candidates_not_in_codebook(out)}


def _text(out, doc_id: str, start: int, end: int) -> str:
    doc = next(d for d in out["documents"] if d["document_id"] == doc_id)
    return doc["text"][start:end]


def candidates_not_in_codebook(out) -> list[tuple[str, int]]:
    """Capitalised multi-word names and acronyms in the texts that no mention covers.

    Mentions are blanked out first, so a candidate is only the part of a name the
    codebook does not know.
    """
    covered = defaultdict(list)
    for m in out["mentions"]:
        covered[m["sentence_id"]].append((int(m["char_start"]), int(m["char_end"])))
    kinds = {p["paragraph_id"]: p["kind"] for p in out["paragraphs"]}
    found = Counter()
    for s in out["sentences"]:
        if kinds[s["paragraph_id"]] == "title":
            continue
        base, text = int(s["char_start"]), list(s["text"])
        for a, b in covered[s["sentence_id"]]:
            text[a - base:b - base] = "|" * (b - a)
        masked = "".join(text)
        for rx in (_NAME, _ACRONYM):
            for m in rx.finditer(masked):
                words = m.group().split()
                if rx is _NAME and m.start() == 0 and len(words) < 3:
                    continue  # a capitalised first word is no evidence of a name
                found[m.group()] += 1
    return sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))


def targets_met(result: dict) -> bool:
    ok = all(result["scores"][k].precision >= p and result["scores"][k].recall >= r for k, (p, r) in TARGETS.items())
    return ok and result["coverage"] >= COVERAGE_TARGET


def report(paths: Paths, echo=print) -> bool:
    result = evaluate(paths)
    echo("Rule annotators against the gold (tests/gold/), rule rows only")
    echo(f"{'annotator':<16}{'precision':>10}{'recall':>8}{'rule':>6}{'gold':>6}{'match':>7}  target")
    for name, score in result["scores"].items():
        target = TARGETS.get(name)
        flag = ""
        if target:
            flag = "met" if score.precision >= target[0] and score.recall >= target[1] else "NOT MET"
            flag = f"P,R >= {target[0]:.2f}: {flag}"
        echo(f"{name:<16}{score.precision:>10.3f}{score.recall:>8.3f}{score.rule:>6}{score.gold:>6}{score.tp:>7}  {flag}")
    cov_flag = "met" if result["coverage"] >= COVERAGE_TARGET else "NOT MET"
    echo(f"theme coverage (body sentences with a theme): {result['coverage']:.3f}  target {COVERAGE_TARGET:.2f}: {cov_flag}")
    for s in result["unthemed"]:
        echo(f"  no theme: {s['sentence_id']}: {s['text'][:80]!r}")
    if result["segmentation"]:
        echo("segmentation differs from the gold:")
        for line in result["segmentation"]:
            echo(f"  {line}")
    for key, lines in sorted(result["misses"].items()):
        echo(f"{key} ({len(lines)}):")
        for line in lines:
            echo(f"  {line}")
    echo(f"candidate names not in the codebook ({len(result['candidates'])}):")
    for name, n in result["candidates"][:40]:
        echo(f"  {n:>3}  {name}")
    ok = targets_met(result)
    echo("targets: all met" if ok else "targets: NOT all met (see above)")
    return ok
