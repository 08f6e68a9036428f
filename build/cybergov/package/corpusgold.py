"""The rule annotators and the importers against the gold made by reading imported statements.

Scored: the metadata an importer wrote (holder, language, date, genre, speaker, role), the
turn of each press-conference paragraph, mentions (exact span and entity, for named things:
the generic concepts, formulations and companies of the codebook are annotated but not
scored), stances (holder, polarity and object: the gold object and the rule's overlap by at
least half of the gold's words; the issue or entity link of those that match), and themes
per sentence. Only rule rows count.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .gold import Gold, GoldStance, Passage
from .scoring import Score

UNSCORED_KINDS = {"group", "formulation", "technology", "company"}
GENRES = {"general_debate_speech": "speech", "press_conference": "press_conference"}
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class CorpusResult:
    metadata: dict[str, Score] = field(default_factory=dict)
    turns: Score = field(default_factory=Score)
    mentions: dict[str, Score] = field(default_factory=dict)  # by "all", language, corpus
    stances: dict[str, Score] = field(default_factory=dict)
    links: Score = field(default_factory=Score)
    themes: dict[str, Score] = field(default_factory=dict)  # by "exact" or "with parents", alone and with the language
    question_stances: list[str] = field(default_factory=list)
    misses: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    unplaced: list[str] = field(default_factory=list)
    passages: int = 0
    statements: int = 0


def _same(a, b) -> bool:
    norm = lambda v: " ".join(str(v or "").lower().replace(".", "").split())  # noqa: E731
    return norm(a) == norm(b)


def _metadata(result: CorpusResult, gold: Gold, docs: dict, speakers: dict) -> None:
    for g in gold.statements:
        doc = docs[g["document_id"]]
        said = speakers.get(g["document_id"], [])
        checks = {
            "holder": doc["holder_id"] == g.get("holder"),
            "language": doc["language"] == g.get("language"),
            "date": doc["date_published"] == str(g.get("date")),
            "genre": doc["genre"] == GENRES.get(g.get("genre"), g.get("genre")),
            "speaker": any(_same(s["name"], g.get("speaker")) for s in said) if g.get("speaker") else not said,
            "role": any(_same(s["role"], g.get("role")) for s in said) if g.get("role") else True,
        }
        for name, ok in checks.items():
            score = result.metadata.setdefault(name, Score())
            score.gold += 1
            score.rule += 1
            score.tp += ok
            if not ok:
                result.misses[f"metadata: {name}"].append(f"{g['document_id']}: gold {g.get(name)!r}")


# The speeches of one coder were not looked at while the rules were tuned: their scores are a held-out test.
HELD_OUT = "ungdc-b"


def _buckets(p: Passage) -> tuple[str, ...]:
    return ("all", p.language, p.corpus, "held out" if p.folder == HELD_OUT else "tuned on")


def _mentions(result: CorpusResult, p: Passage, rule: list[dict], kinds: dict[str, str], text: str) -> None:
    gold = {(s, e, ent) for s, e, ent in p.mentions if kinds.get(ent) not in UNSCORED_KINDS}
    got = {(int(m["char_start"]), int(m["char_end"]), m["entity_id"]) for m in rule
           if p.start <= int(m["char_start"]) and int(m["char_end"]) <= p.end and kinds.get(m["entity_id"]) not in UNSCORED_KINDS}
    for bucket in _buckets(p):
        score = result.mentions.setdefault(bucket, Score())
        score.tp += len(gold & got)
        score.rule += len(got)
        score.gold += len(gold)
    for s, e, ent in sorted(gold - got):
        result.misses["mentions missed"].append(f"{p.document_id} [{s}:{e}] {text[s:e]!r} -> {ent}")
    for s, e, ent in sorted(got - gold):
        result.misses["mentions wrong"].append(f"{p.document_id} [{s}:{e}] {text[s:e]!r} -> {ent}")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)] if not re.search(r"[\u4e00-\u9fff]", text) else list(re.sub(r"\W", "", text))


def object_matches(gold: GoldStance, text: str, start: int, end: int) -> bool:
    """The rule's object covers at least half of the gold object's words (characters, in Chinese)."""
    lo, hi = max(gold.object[0], start), min(gold.object[1], end)
    if hi <= lo:
        return False
    words = _words(text[gold.object[0]:gold.object[1]])
    inside = _words(text[lo:hi])
    return bool(words) and len(inside) >= len(words) / 2


def _stances(result: CorpusResult, p: Passage, rule: list[dict], text: str) -> None:
    got = [t for t in rule if p.start <= int(t["char_start"]) and int(t["char_end"]) <= p.end]
    free = list(got)
    for g in p.stances:
        match = next((t for t in free if t["holder_id"] == g.holder and t["polarity"] == g.polarity
                      and object_matches(g, text, int(t["object_start"]), int(t["object_end"]))), None)
        for bucket in _buckets(p):
            score = result.stances.setdefault(bucket, Score())
            score.gold += 1
            score.tp += match is not None
        if match is None:
            result.misses[f"stances missed ({p.language})"].append(
                f"{p.document_id}: {g.holder} {g.polarity} {text[g.cue[0]:g.cue[1]]!r} -> {g.object_text[:70]!r}")
            continue
        free.remove(match)
        if match["object_entity_id"] or match["issue_id"]:
            result.links.rule += 1
            result.links.tp += (match["object_entity_id"] or None) == g.entity and (match["issue_id"] or None) == g.issue
        if g.entity or g.issue:
            result.links.gold += 1
    for bucket in _buckets(p):
        result.stances.setdefault(bucket, Score()).rule += len(got)
    for t in free:
        result.misses[f"stances wrong ({p.language})"].append(
            f"{t['sentence_id']}: {t['holder_id']} {t['polarity']} {t['cue']!r} -> {t['object'][:70]!r}")
        if t["object_entity_id"] or t["issue_id"]:
            result.links.rule += 1


def _themes(result: CorpusResult, p: Passage, rule: list[dict], parents: dict[str, str | None], sentences: list[dict]) -> None:
    """Themes per gold sentence, matched to the built sentence that overlaps it most."""
    def lineage(t):
        out = set()
        while t:
            out.add(t)
            t = parents.get(t)
        return out

    language = p.language.split("-")[0]  # the cues differ by language: scored together and by language
    for s, e, gold_themes in p.themes:
        best = max(sentences, key=lambda x: min(e, int(x["char_end"])) - max(s, int(x["char_start"])), default=None)
        if best is None:
            continue
        got = {r["theme_id"] for r in rule if r["sentence_id"] == best["sentence_id"]}
        gold = set(gold_themes)
        for name, related in (("exact", lambda a, b: a == b), ("with parents", lambda a, b: a in lineage(b) or b in lineage(a))):
            for key in (name, f"{name} {language}"):
                score = result.themes.setdefault(key, Score())
                score.rule += len(got)
                score.gold += len(gold)
                score.tp += sum(any(related(a, b) for b in gold) for a in got)
                score.tp_gold = (score.tp_gold or 0) + sum(any(related(b, a) for a in got) for b in gold)
        for t in sorted(got - gold):
            if not any(t in lineage(g) or g in lineage(t) for g in gold):
                result.misses["themes wrong"].append(f"{best['sentence_id']}: {t} ({best['text'][:60]!r})")
        for t in sorted(gold - got):
            if not any(t in lineage(g) or g in lineage(t) for g in got):
                result.misses["themes missed"].append(f"{best['sentence_id']}: {t} ({best['text'][:60]!r})")


def evaluate_corpus(out: dict[str, list[dict]], gold: Gold) -> CorpusResult:
    result = CorpusResult(unplaced=list(gold.unplaced), passages=len(gold.passages), statements=len(gold.statements))
    docs = {d["document_id"]: d for d in out["documents"]}
    kinds = {e["entity_id"]: e["kind"] for e in out["entities"]}
    parents = {t["theme_id"]: t["parent_id"] or None for t in out["themes"]}
    by_doc = {table: defaultdict(list) for table in ("mentions", "stances", "sentence_themes", "paragraphs", "sentences", "document_speakers")}
    wanted = {p.document_id for p in gold.passages} | {g["document_id"] for g in gold.statements}
    for table, index in by_doc.items():
        for r in out[table]:
            if r["document_id"] in wanted and r.get("method", "rule") == "rule":
                index[r["document_id"]].append(r)
    _metadata(result, gold, docs, by_doc["document_speakers"])
    for p in gold.passages:
        text = docs[p.document_id]["text"]
        if p.turn:
            para = next((x for x in by_doc["paragraphs"][p.document_id] if int(x["char_start"]) <= p.start < int(x["char_end"])), None)
            result.turns.gold += 1
            result.turns.rule += 1
            ok = para is not None and para["turn"] == p.turn
            result.turns.tp += ok
            if not ok:
                result.misses["turns"].append(f"{p.document_id} [{p.start}]: gold {p.turn}, built {para and para['turn']!r}")
        _mentions(result, p, by_doc["mentions"][p.document_id], kinds, text)
        _stances(result, p, by_doc["stances"][p.document_id], text)
        _themes(result, p, by_doc["sentence_themes"][p.document_id], parents, by_doc["sentences"][p.document_id])
    _question_stances(result, out, docs)
    return result


def _question_stances(result: CorpusResult, out: dict, docs: dict) -> None:
    """Stances held by a state in a journalist's question, anywhere in the package: there must be none."""
    questions = {p["paragraph_id"] for p in out["paragraphs"] if p["turn"] == "question"}
    states = {e["entity_id"] for e in out["entities"] if e["kind"] == "state"}
    for t in out["stances"]:
        if t["sentence_id"].rsplit("/", 1)[0] in questions and t["holder_id"] in states:
            result.question_stances.append(f"{t['sentence_id']}: {t['holder_id']} {t['polarity']} {t['object'][:60]!r}")
