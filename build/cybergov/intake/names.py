"""Names on a page resolved to codebook entities: exact aliases, names inside a phrase, a publisher's state."""
from __future__ import annotations

import unicodedata

from ..sources.context import Context
from ..sources.matcher import Phrase, PhraseMatcher, fold, longest_first


class Names:
    def __init__(self, ctx: Context):
        self.by_id = {e["id"]: e for e in ctx.codebook.entities}
        self.kinds = tuple({e["kind"] for e in ctx.codebook.entities})
        self.alias_owner: dict[str, str] = {}
        for a in ctx.codebook.aliases:
            self.alias_owner.setdefault(self.key(a.alias), a.entity_id)
        self.matcher = PhraseMatcher(Phrase(a.alias, a.entity_id, a.case_sensitive) for a in ctx.codebook.aliases)

    @staticmethod
    def key(text: str) -> str:
        flat = unicodedata.normalize("NFKD", " ".join(text.split()).replace("’", "'"))
        return fold("".join(c for c in flat if not unicodedata.combining(c)), chinese=True)

    def entity(self, name: str | None, kinds: tuple[str, ...] | None = None) -> str | None:
        """The entity a whole phrase names, when it is one of `kinds`."""
        if not name:
            return None
        eid = self.alias_owner.get(self.key(name))
        if eid and (kinds is None or self.by_id[eid]["kind"] in kinds):
            return eid
        return None

    def entities_in(self, text: str, kinds: tuple[str, ...] | None = None) -> list[str]:
        """Entities named inside `text`, in order, each once."""
        kinds = kinds or self.kinds
        out = []
        for h in longest_first(self.matcher.hits(text, chinese=True)):
            if self.by_id[h.phrase.value]["kind"] in kinds and h.phrase.value not in out:
                out.append(h.phrase.value)
        return out

    def holder(self, publisher: str) -> str:
        """The state a publisher belongs to (its nearest ancestor of kind state); else the nearest
        organisation above it (an EU delegation speaks for the EU); else the publisher itself."""
        node, seen, organisation = publisher, set(), None
        while node and node not in seen:
            seen.add(node)
            if self.by_id[node]["kind"] == "state":
                return node
            if node != publisher and organisation is None and self.by_id[node]["kind"] == "organisation":
                organisation = node
            node = self.by_id[node].get("parent")
        return organisation or publisher
