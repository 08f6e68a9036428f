"""The phrases English stance rules are built from: clause edges, objects, and the predicates after a cue.

A predicate is a head verb (a listed verb, or any word that can head one) and its complement;
coordinated predicates ("deepen cooperation and combat terrorism") are split where a known verb
follows "and" or a comma. english.py reads frames with these pieces.
"""
from __future__ import annotations

from ...sources.matcher import Hit
from . import english_syntax as en
from .lexicon import English


class EnglishPhrases:
    def __init__(self, lex: English):
        self.lex = lex

    def clause_start(self, text: str, pos: int, coordinated: bool = True) -> int:
        """Where the clause of `pos` begins: after a semicolon, ", and", a reporting verb, "it is clear that"."""
        start = 0
        # A subject of criticism may list actions ("Using X, creating Y, and excluding Z will only ..."): `coordinated`
        # False keeps ", and" inside it.
        for rx in (en.CLAUSE_START if coordinated else en.CLAUSE_START_STRONG, self.lex.reporting, en.THAT):
            for m in rx.finditer(text, start, pos):
                start = max(start, m.end())
        opener = en.OPENER.match(text, start, pos)
        return opener.end() if opener else start

    def clause_end(self, text: str, pos: int) -> int:
        m = en.CLAUSE_END.search(text, pos)
        return m.start() if m else len(text)

    def trimmed(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """An object's span cut at a new clause and trimmed; None when it is no phrase (a lone verb, adverb or pronoun)."""
        low = en.AS_PARTICIPLE.sub(lambda m: "_" * len(m.group()), text[start:end].lower())  # ", as enshrined in" goes on
        cut = min((low.find(stop) for stop in self.lex.object_stops if low.find(stop) > 0), default=-1)
        if cut > 0:
            end = start + cut
        while start < end and text[start] in en.TRIM:
            start += 1
        while end > start and text[end - 1] in en.TRIM:
            end -= 1
        words = en.WORD.findall(text[start:end])
        content = [w for w in words if w.lower() not in self.lex.determiners]  # "the contrary" is no object either
        if not content or all(w.lower() in self.lex.not_objects for w in content):
            return None
        if len(words) == 1 and (words[0].lower().endswith("ly") or words[0].lower().endswith("ed") and len(words[0]) > 4):
            return None
        if len(words) <= 2 and words[0].lower() in en.PRONOUNS and not (
                len(words) == 2 and words[0].lower() in en.DEMONSTRATIVES and words[1].lower() not in self.lex.not_objects
                and not words[1].lower().endswith("ly")):
            return None  # "it unequivocally", "them": what the pronoun stands for is in another sentence; "this pandemic" is an object
        return start, end

    def _skip(self, text: str, pos: int, adverbs: dict[int, Hit]) -> int:
        """Past spaces and adverbs (listed ones, and words in -ly)."""
        while True:
            while pos < len(text) and text[pos] == " ":
                pos += 1
            if pos in adverbs:
                pos = adverbs[pos].end
                continue
            light = en.LIGHT.match(text, pos)
            if light:
                pos = light.end()
                continue
            m = en.WORD.match(text, pos)
            if m and m.group().lower().endswith("ly") and len(m.group()) > 4 and m.group().lower() not in ("apply", "supply", "rely", "ally"):
                pos = m.end()
                continue
            return pos

    def _head(self, text: str, pos: int, verbs: dict[int, Hit], known_only: bool, gerund: bool = False) -> tuple[int, int, str] | None:
        """(start, end, class) of the base-form verb at `pos`: a listed verb, or (unless known_only) any word that can head a predicate."""
        if pos in verbs and verbs[pos].phrase.value[1] in ("base", *(("ing",) if gerund else ())):
            return pos, verbs[pos].end, verbs[pos].phrase.value[0]
        m = en.WORD.match(text, pos)
        if m is None or known_only or m.group().lower() in self.lex.not_heads or m.group().lower() in self.lex.not_objects:
            return None
        return m.start(), m.end(), "other"

    def _unknown_head(self, text: str, pos: int, gerund: bool) -> tuple[int, int, str] | None:
        """A word no list knows that heads a predicate: in its verb form and followed by a determiner ("..., and
        support the UN", "view China's development" is not read)."""
        m = en.VERB_BEFORE_DETERMINER.match(text, pos)
        if m is None or (m.group(1).lower().endswith("ing") != gerund) or m.group(1).lower() in self.lex.not_heads \
                or m.group(1).lower() in self.lex.not_objects or m.group(1).lower() in self.lex.adjectives:
            return None
        return m.start(1), m.end(1), "other"

    def _split_head(self, text: str, pos: int, limit: int, adverbs, verbs, gerund: bool = False):
        """The next coordinated predicate after pos: (where the separator starts, its head)."""
        for m in en.SPLIT.finditer(text, pos, limit):
            at = self._skip(text, m.end(), adverbs)
            head = self._head(text, at, verbs, known_only=True, gerund=gerund) or self._unknown_head(text, at, gerund)
            # A noun that is also a verb ("the collection and use of data") joins nouns, unless a comma splits;
            # a word followed by "and" or a comma is an adjective of a list ("a peaceful, secure, open cyberspace").
            if head is None or text[head[0]:head[1] + 6].lower() == "let alone":
                continue  # "let alone" joins phrases, and is a cue of its own
            long_object = len(text[pos:m.start()].split()) >= 3
            adjective = text[head[0]:head[1]].lower() in self.lex.adjectives
            if adjective and (en.ADJECTIVE_END.search(text, pos, m.start()) or en.LISTED.match(text, head[1])):
                continue  # "a more peaceful and secure cyberspace", "an objective, correct and rational way": adjectives
            if head[2] != "other" or "," in m.group() or long_object or m.group().rstrip().endswith(" to"):  # "and to work on X"
                return m.start(), head
        return None

    # --- predicates after a modal, a directive or a hope ---------------------------------
    def _predicates(self, text: str, pos: int, limit: int, adverbs, verbs, gerund: bool | None = None) -> list[tuple[tuple[int, int, str], int, int]]:
        """(head, start and end of its object) for the predicates that follow pos; verbs with nothing between them share the
        object after the last of them ("deepen and expand cooperation")."""
        out, group = [], []
        if gerund is None:
            gerund = bool(en.GERUND_TAKER.search(text, 0, pos))  # "committed to implementing X and strengthening Y"
        at = self._skip(text, pos, adverbs)
        gerund = gerund or bool(en.GERUND_TAKER.search(text, 0, at))  # "work with other countries towards forging X"
        head = self._head(text, at, verbs, known_only=False, gerund=gerund)
        while head:
            group.append(head)
            nxt = self._split_head(text, head[1], limit, adverbs, verbs, gerund)
            if nxt and not text[head[1]:nxt[0]].strip():
                head = nxt[1]
                continue
            end = nxt[0] if nxt else limit
            out += [(h, group[-1][1], end) for h in group]
            group = []
            head = nxt[1] if nxt else None
        return out

    def _object_of(self, text: str, head: tuple[int, int, str], start: int, end: int, negative: bool) -> tuple[tuple[int, int], str] | None:
        """The object and polarity of one predicate whose complement starts at `start`."""
        vs, _, vclass = head
        ve = start
        if negative:
            if vclass == "oppose":
                return None  # "should not prevent": a double negative no rule reads safely
            return ((ve, end) if vclass == "transparent" else (vs, end)), "oppose"
        if vclass in ("support", "oppose", "transparent"):
            return (ve, end), "oppose" if vclass == "oppose" else "support"
        return (vs, end), "support"
