"""Stances: who supports or opposes what, in English and Chinese (see docs/coding-manual.md).

Rules read a sentence (english.py, chinese.py) into stances with a cue, an object and a
polarity; holders.py decides whose position each is, links.py what the object is (an
entity, a contested issue). Journalists' questions and questions of any kind carry no stance.
"""
from __future__ import annotations

from ...sources.codebook import Codebook
from ...sources.matcher import Phrase, PhraseMatcher
from ..base import DocView, Sentence
from .chinese import ChineseRules
from .english import EnglishRules
from .holders import Holders
from .lexicon import Lexicon
from .links import object_entity, object_issue

_REPORTER_ZH_END = "，：:"


def issue_matcher(codebook: Codebook) -> PhraseMatcher:
    """Issue cues, valued (issue, "cue"), and the context phrases some issues require, valued (issue, "context")."""
    phrases = []
    for issue in codebook.issues:
        for kind in ("cue", "context"):
            for cue in issue.get(f"{kind}s" if kind == "cue" else kind, []):
                text = cue.rstrip("*").strip()
                case = any(len(w) > 1 and w.isupper() for w in text.split())
                phrases.append(Phrase(text, (issue["id"], kind), case_sensitive=case, prefix=cue.endswith("*")))
    return PhraseMatcher(phrases)


class StanceAnnotator:
    def __init__(self, codebook: Codebook):
        lex = Lexicon(codebook)
        self.lex = lex
        self.english = EnglishRules(lex.en)
        self.chinese = ChineseRules(lex.zh)
        self.issues = issue_matcher(codebook)
        self.free_issues = {i["id"] for i in codebook.issues if not i.get("context")}  # issues whose cues need no context
        kinds = {e["id"]: e["kind"] for e in codebook.entities}
        parents = {e["id"]: e.get("parent") for e in codebook.entities}
        self.holders = Holders(lex.en.first_person, lex.zh.first_person, kinds, parents)

    def _reporter(self, text: str, chinese: bool) -> tuple[int, int] | None:
        """The span of who reports, when a reporting verb ("X said that", "X声称") governs the rest of the sentence."""
        rx = self.lex.zh.reporting if chinese else self.lex.en.reporting
        m = rx.search(text)
        if m is None:
            return None
        start = 0
        if chinese:
            start = max((text.rfind(c, 0, m.start()) + 1 for c in _REPORTER_ZH_END), default=0)
        return (start, m.start()) if m.start() > start else None

    def sentence(self, doc: DocView, i: int, mentions: list[dict]) -> list[dict]:
        s = doc.sentences[i]
        if s.paragraph_kind != "body" or s.turn == "question" or s.text.rstrip("”\"’' )）").endswith(("?", "？")):
            return []
        rules = self.chinese if doc.chinese else self.english
        found = rules.find(s.text, lambda m: doc.by_sentence(m)[i])
        if not found:
            return []
        reporter = self._reporter(s.text, doc.chinese)
        issue_hits = doc.hits(self.issues, s.start, s.end)
        in_context = self.free_issues | {h.phrase.value[0] for h in issue_hits if h.phrase.value[1] == "context"}
        rows = []
        for f in found:
            holder = self.holders.holder(f, s.text, s.start, mentions, doc.holder_id, reporter, doc.chinese)
            if holder is None:
                continue
            os_, oe = s.start + f.obj[0], s.start + f.obj[1]
            rows.append(stance_row(doc, s, f.frame, s.start + f.cue[0], s.start + f.cue[1], os_, oe, f.polarity, "rule", holder,
                                   object_entity(doc.text, os_, oe, mentions), object_issue(doc.text, os_, oe, issue_hits, in_context)))
        return rows

    def __call__(self, doc: DocView, mentions: list[dict]) -> list[dict]:
        by_sentence: dict[str, list[dict]] = {}
        for m in mentions:
            by_sentence.setdefault(m["sentence_id"], []).append(m)
        rows = []
        for i, s in enumerate(doc.sentences):
            rows += self.sentence(doc, i, by_sentence.get(s.sentence_id, []))
        return rows


def stance_row(doc: DocView, s: Sentence, frame: str, cs: int, ce: int, os_: int, oe: int, polarity: str, method: str, holder: str,
               entity: str | None, issue: str | None) -> dict:
    start, end = min(cs, os_), max(ce, oe)
    return {"sentence_id": s.sentence_id, "document_id": doc.document_id, "holder_id": holder, "polarity": polarity,
            "frame": frame, "cue": doc.text[cs:ce], "cue_start": cs, "cue_end": ce, "object": doc.text[os_:oe],
            "object_start": os_, "object_end": oe, "object_entity_id": entity, "issue_id": issue,
            "char_start": start, "char_end": end, "quote": doc.text[start:end], "method": method}

