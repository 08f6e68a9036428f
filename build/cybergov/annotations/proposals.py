"""Enumerated proposals: body paragraphs opened by First, Second, ... in unbroken order."""
from __future__ import annotations

import re

from .base import DocView


class ProposalAnnotator:
    def __init__(self, conventions: dict):
        self.ordinals = {k.lower(): v for k, v in conventions["enumerators"].items()}
        words = sorted(conventions["enumerators"], key=len, reverse=True)
        self.opener = re.compile(r"^(?P<marker>" + "|".join(map(re.escape, words)) + r")\s*[,，、:：]", re.IGNORECASE)

    def __call__(self, doc: DocView) -> list[dict]:
        found = []
        for p in doc.paragraphs:
            m = self.opener.match(p["text"]) if p["kind"] == "body" else None
            if m:
                found.append((self.ordinals[m["marker"].lower()], m["marker"], p))
        # Only a run that starts at 1 and counts up without gaps is a list of proposals.
        run = []
        for ordinal, marker, p in found:
            if ordinal == len(run) + 1:
                run.append((ordinal, marker, p))
            elif ordinal == 1:
                run = [(ordinal, marker, p)]
        if len(run) < 2:
            return []
        rows = []
        for ordinal, marker, p in run:
            head = next(s for s in doc.sentences if p["char_start"] <= s.start < p["char_end"])
            rows.append({"proposal_id": f"{doc.document_id}/proposal{ordinal:02d}", "document_id": doc.document_id,
                         "ordinal": ordinal, "marker": marker, "paragraph_id": p["paragraph_id"], "sentence_id": head.sentence_id,
                         "char_start": head.start, "char_end": head.end, "text": head.text, "method": "rule"})
        return rows
