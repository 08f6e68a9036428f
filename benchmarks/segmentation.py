"""Sentence splitters compared on the hand-made gold of sentence boundaries.

    python benchmarks/segmentation.py --json benchmarks/results/segmentation.json

The gold (tests/gold/segmentation/sentences.yaml) holds whole paragraphs of General Debate
speeches and press conferences, English and Chinese, with their sentences as a reader split
them. A boundary is the offset where a sentence after the first starts; each splitter's
boundaries in the same paragraph are compared with the gold's (precision, recall, F1, per
language and overall), and its speed is timed on the same paragraphs (MB of UTF-8 per
second, passes repeated for at least a second). The build's splitter is `current`; the spaCy pipeline it replaced is timed beside it; the others
come from the `bench` extra (pip install -e ".[bench]") and are skipped, and said to be, when
they are not installed.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLD = ROOT / "tests" / "gold" / "segmentation" / "sentences.yaml"
sys.path.insert(0, str(ROOT / "build"))


def gold_passages() -> list[tuple[str, str, set[int]]]:
    """(language, paragraph, offsets where its 2nd, 3rd, ... sentences start)."""
    out = []
    for item in yaml.safe_load(GOLD.read_text(encoding="utf-8")):
        text, cursor, starts = item["paragraph"], 0, []
        for sentence in item["sentences"]:
            at = text.index(sentence, cursor)
            starts.append(at)
            cursor = at + len(sentence)
        out.append((item["language"], text, set(starts[1:])))
    return out


def _starts(spans, text: str) -> set[int]:
    """Boundaries from sentence start offsets, leading whitespace skipped, the first sentence left out."""
    starts = set()
    for start in spans:
        while start < len(text) and text[start].isspace():
            start += 1
        if 0 < start < len(text):
            starts.add(start)
    return starts


def current():
    from cybergov.documents.segment import Segmenter
    from cybergov.paths import Paths
    from cybergov.sources.context import Context

    seg = Segmenter(Context.load(Paths.at(ROOT)).codebook.conventions)

    def split(text, lang):
        # The splitter remembers tokenized chunks; timed passes repeat the same paragraphs, so
        # it forgets them first, to be timed as on text it has not seen.
        seg.rule(lang).memo.clear()
        return _starts((s for s, _ in seg.sentences(text, lang)), text)
    return split


def spacy_every_token():
    """The former splitter: the same rule with spaCy tokenizing every word (same spans, slower)."""
    from cybergov.documents.segment import full_pipeline
    from cybergov.paths import Paths
    from cybergov.sources.context import Context

    spans = full_pipeline(Context.load(Paths.at(ROOT)).codebook.conventions)
    return lambda text, lang: _starts((s for s, _ in spans(text, lang)), text)


def pysbd_splitter():
    import pysbd

    by_lang = {"en": pysbd.Segmenter(language="en", clean=False, char_span=True),
               "zh": pysbd.Segmenter(language="zh", clean=False, char_span=True)}
    return lambda text, lang: _starts((s.start for s in by_lang[lang[:2]].segment(text)), text)


def syntok_splitter():
    from syntok import segmenter

    def split(text, lang):
        return _starts((sentence[0].offset for paragraph in segmenter.analyze(text) for sentence in paragraph), text)
    return split


def blingfire_splitter():
    import blingfire

    def split(text, lang):
        _, offsets = blingfire.text_to_sentences_and_offsets(text)  # (start, end) in code points
        return _starts((s for s, _ in offsets), text)
    return split


SPLITTERS = {"current (sentencizer rule, tokenizing only around sentence marks)": current,
             "spaCy sentencizer, every word tokenized (the former splitter)": spacy_every_token, "pysbd 0.3.4": pysbd_splitter, "syntok 1.4.4": syntok_splitter,
             "blingfire 0.1.8": blingfire_splitter}


def _scores(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def evaluate(split, passages) -> dict:
    counts: dict[str, list[int]] = {}
    misses = []
    for lang, text, gold in passages:
        got = split(text, lang)
        c = counts.setdefault(lang[:2], [0, 0, 0])
        c[0] += len(got & gold)
        c[1] += len(got - gold)
        c[2] += len(gold - got)
        misses += [f"{'extra' if o in got else 'missed'} at {text[max(0, o - 25):o]!r} | {text[o:o + 25]!r}"
                   for o in sorted(got ^ gold)]
    out = {lang: _scores(*c) for lang, c in sorted(counts.items())}
    out.update(_scores(*(sum(c[i] for c in counts.values()) for i in range(3))))
    out["first_errors"] = misses[:12]
    return out


def speed(split, passages, lang_prefix: str) -> float:
    chosen = [(lang, text) for lang, text, _ in passages if lang.startswith(lang_prefix)]
    size = sum(len(text.encode("utf-8")) for _, text in chosen)
    passes, start = 0, time.perf_counter()
    while passes == 0 or time.perf_counter() - start < 1.0:
        for lang, text in chosen:
            split(text, lang)
        passes += 1
    return round(size * passes / (time.perf_counter() - start) / 1e6, 3)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path, default=HERE / "results" / "segmentation.json")
    args = ap.parse_args()
    passages = gold_passages()
    res = {"gold": str(GOLD.relative_to(ROOT)), "passages": len(passages),
           "gold_boundaries": sum(len(g) for _, _, g in passages),
           "gold_boundaries_by_language": {k: sum(len(g) for lang, _, g in passages if lang.startswith(k)) for k in ("en", "zh")},
           "chars": sum(len(t) for _, t, _ in passages), "segmenters": {}}
    for name, make in SPLITTERS.items():
        try:
            split = make()
        except ImportError as exc:
            res["segmenters"][name] = {"skipped": f"not installed ({exc.name}); pip install -e '.[bench]'"}
            continue
        r = evaluate(split, passages)
        r["mb_per_s"] = speed(split, passages, "en")
        r["mb_per_s_zh"] = speed(split, passages, "zh")
        res["segmenters"][name] = r
        print(f"{name}: P {r['precision']} R {r['recall']} F1 {r['f1']} (en F1 {r['en']['f1']}, zh F1 {r['zh']['f1']}); "
              f"{r['mb_per_s']} MB/s en, {r['mb_per_s_zh']} MB/s zh", flush=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
