"""`cybergov report`: what the package holds, and how well the rules do against gold made by reading.

Three parts: the seed statements against their sentence-by-sentence gold (tests/gold/*.yaml);
the imported corpora (counts by source, language and holder, paragraphs in scope, names the
codebook lacks); and the gold of imported statements (tests/gold/corpus/), scored for metadata,
turns, mentions, stances, links and themes. Misses and false positives are listed.
"""
from __future__ import annotations

from collections import Counter

from ..paths import Paths
from ..sources.scope import load_scope
from ..sources.wording import load_wording
from .candidates import candidates_not_in_codebook
from .corpusgold import CorpusResult, evaluate_corpus
from .gold import load_gold
from .scoring import Score, load_outputs
from .seedgold import COVERAGE_TARGET, evaluate

TARGETS = {"mentions": (0.98, 0.98), "stances": (0.85, 0.85)}
# On the gold of imported statements: (precision, recall), where None is not a target.
CORPUS_TARGETS = {"mentions": (0.95, 0.95), "stances": (0.85, 0.70), "links": (0.90, None), "stances zh": (None, 0.60)}
SHOWN = 25


def targets_met(result: dict) -> bool:
    ok = all(result["scores"][k].precision >= p and result["scores"][k].recall >= r for k, (p, r) in TARGETS.items())
    return ok and result["coverage"] >= COVERAGE_TARGET


def corpus_scores(c: CorpusResult) -> dict[str, Score]:
    return {"mentions": c.mentions.get("all", Score()), "stances": c.stances.get("all", Score()), "links": c.links,
            "stances zh": c.stances.get("zh-Hans", Score())}


def corpus_targets_met(c: CorpusResult) -> bool:
    scores = corpus_scores(c)
    return not c.question_stances and all((p is None or scores[k].precision >= p) and (r is None or scores[k].recall >= r)
                                          for k, (p, r) in CORPUS_TARGETS.items())


def _row(name: str, score: Score, target=None) -> str:
    flag = ""
    if target:
        p, r = target
        met = (p is None or score.precision >= p) and (r is None or score.recall >= r)
        wanted = " and ".join(x for x in (p is not None and f"P >= {p:.2f}", r is not None and f"R >= {r:.2f}") if x)
        flag = f"{wanted}: {'met' if met else 'NOT MET'}"
    return f"  {name:<22}{score.precision:>10.3f}{score.recall:>8.3f}{score.rule:>7}{score.gold:>7}{score.tp:>7}  {flag}"


def _lines(echo, title: str, lines: list[str], all_lines: bool) -> None:
    if not lines:
        return
    echo(f"  {title} ({len(lines)}):")
    for line in lines if all_lines else lines[:SHOWN]:
        echo(f"    {line}")
    if not all_lines and len(lines) > SHOWN:
        echo(f"    ... {len(lines) - SHOWN} more (cybergov report --all)")


def _seeds(result: dict, echo, all_lines: bool) -> None:
    echo("1. Seed statements against their gold (tests/gold/<document_id>.yaml), rule rows only")
    echo(f"  {'annotator':<22}{'precision':>10}{'recall':>8}{'rule':>7}{'gold':>7}{'match':>7}  target")
    for name, score in result["scores"].items():
        echo(_row(name, score, TARGETS.get(name)))
    cov_flag = "met" if result["coverage"] >= COVERAGE_TARGET else "NOT MET"
    echo(f"  theme coverage (body sentences with a theme): {result['coverage']:.3f}  target {COVERAGE_TARGET:.2f}: {cov_flag}")
    for line in result["segmentation"]:
        echo(f"  segmentation differs: {line}")
    for key, lines in sorted(result["misses"].items()):
        _lines(echo, key, lines, all_lines)


def _corpora(paths: Paths, out: dict, echo) -> None:
    echo("2. Imported corpora")
    docs = out["documents"]
    by_source = Counter((d["corpus_id"] or "added one by one", d["language"]) for d in docs)
    for (source, language), n in sorted(by_source.items()):
        echo(f"  {source:<18}{language:<9}{n:>5} statements")
    holders = Counter(d["holder_id"] for d in docs)
    echo(f"  {len(holders)} holders; statements by year: "
         + ", ".join(f"{y} {n}" for y, n in sorted(Counter(d["date_published"][:4] for d in docs).items())))
    scope = load_scope(paths)
    body = [p for p in out["paragraphs"] if p["kind"] == "body"]
    echo(f"  paragraphs in scope (a scope cue): {sum(1 for p in body if scope.cue_in(p['text']))} of {len(body)}")
    stances = Counter(t["holder_id"] for t in out["stances"])
    echo("  stances by holder: " + ", ".join(f"{h} {n}" for h, n in stances.most_common(15)))


def _corpus_gold(c: CorpusResult, echo, all_lines: bool) -> None:
    echo(f"3. Gold of imported statements (tests/gold/corpus/): {c.statements} statements, {c.passages} passages")
    echo("  metadata: " + ", ".join(f"{k} {s.tp}/{s.gold}" for k, s in c.metadata.items()))
    echo(f"  turns: {c.turns.tp}/{c.turns.gold} paragraphs right")
    echo(f"  {'':<22}{'precision':>10}{'recall':>8}{'rule':>7}{'gold':>7}{'match':>7}  target")
    for name, scores in (("mentions", c.mentions), ("stances", c.stances)):
        for bucket, score in sorted(scores.items(), key=lambda kv: kv[0] != "all"):
            key = name if bucket == "all" else f"{name} {bucket.split('-')[0] if bucket.startswith('zh') else bucket}"
            echo(_row(key, score, CORPUS_TARGETS.get(key)))
    echo(_row("links (issue/entity)", c.links, CORPUS_TARGETS["links"]))
    for name, score in sorted(c.themes.items()):  # "exact", "exact en", "exact zh", then the same with parents
        echo(_row(f"themes {name}", score))
    echo(f"  stances held by a state in a question turn: {len(c.question_stances)} (target 0)")
    _lines(echo, "stances in question turns", c.question_stances, all_lines)
    _lines(echo, "gold that could not be placed", c.unplaced, all_lines)
    for key, lines in sorted(c.misses.items()):
        _lines(echo, key, lines, all_lines)


def report(paths: Paths, echo=print, all_lines: bool = False) -> bool:
    out = load_outputs(paths)
    seeds = evaluate(paths, out)
    _seeds(seeds, echo, all_lines)
    _corpora(paths, out, echo)
    corpus = evaluate_corpus(out, load_gold(paths.root, out["documents"]))
    _corpus_gold(corpus, echo, all_lines)
    w = load_wording(paths)
    candidates = candidates_not_in_codebook(out, w.role_words | w.honorifics, w.english_words)
    echo(f"4. Names the codebook lacks ({len(candidates)} candidates), most frequent first:")
    echo("  " + "; ".join(f"{name} {n}" for name, n in candidates[:60]))
    ok = targets_met(seeds) and corpus_targets_met(corpus)
    echo("targets: all met" if ok else "targets: NOT all met (see above)")
    return ok
