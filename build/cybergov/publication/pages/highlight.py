"""Text with its annotations highlighted: nested <mark> elements built from code-point offsets."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup, escape

# Kinds of highlight, outermost first: where two spans cover the same words, a stance holds
# a theme cue, which holds a mention, which holds an erratum.
KINDS = ("stance", "theme", "mention", "erratum")
_RANK = {k: i for i, k in enumerate(KINDS)}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    key: str  # the annotation the span shows; several spans may share it once split
    title: str
    css: str = ""


def local_id(row_id: str, document_id: str) -> str:
    """`doc/p03/s02/m01` -> `p03-s02-m01`: unique within the statement page, usable as an HTML id."""
    return row_id.removeprefix(document_id + "/").replace("/", "-")


def sentence_anchor(sentence_id: str, document_id: str) -> str:
    return "s-" + local_id(sentence_id, document_id)


def render(text: str, spans: list[Span], offset: int = 0) -> Markup:
    """HTML of `text` (which starts at `offset` in the document) with the spans highlighted.

    Spans that overlap without nesting are split: the later one is closed where the earlier
    one ends and opened again just after, so the elements always nest and every piece keeps
    the annotation's key. Spans are clipped to the text; empty ones are dropped.
    """
    lo, hi = offset, offset + len(text)
    spans = [s for s in spans if max(s.start, lo) < min(s.end, hi)]
    order = lambda s: (-min(s.end, hi), _RANK.get(s.kind, len(KINDS)), s.key)  # noqa: E731
    starts: dict[int, list[Span]] = defaultdict(list)
    for s in spans:
        starts[max(s.start, lo)].append(s)
    bounds = sorted({lo, hi, *starts, *(min(s.end, hi) for s in spans)})
    out: list[str] = []
    stack: list[Span] = []
    opened: set[str] = set()
    for i, pos in enumerate(bounds):
        reopen: list[Span] = []
        ending = [j for j, s in enumerate(stack) if min(s.end, hi) == pos]
        if ending:
            # Close down to the outermost span that ends here; the ones above it that go on are reopened.
            j = ending[0]
            reopen = [s for s in stack[j:] if min(s.end, hi) != pos]
            out.extend("</mark>" for _ in stack[j:])
            del stack[j:]
        for s in sorted(reopen + starts.get(pos, []), key=order):
            out.append(_open(s, continued=s.key in opened))
            opened.add(s.key)
            stack.append(s)
        if i + 1 < len(bounds):
            out.append(str(escape(text[pos - lo:bounds[i + 1] - lo])))
    return Markup("".join(out))


def _open(s: Span, continued: bool) -> str:
    css = " ".join(c for c in ("hl", f"hl-{s.kind}", s.css, "hl-cont" if continued else "") if c)
    # f-string and escape(): Markup.format is several times slower, and a long statement has thousands of these.
    return f'<mark class="{escape(css)}" data-ann="{escape(s.key)}" tabindex="0" title="{escape(s.title)}">'


def marked(snippet: str, open_mark: str, close_mark: str) -> Markup:
    """An FTS snippet with its match markers turned into <mark>, everything else escaped.

    Pairs markers itself, so stray marker characters in the text cannot unbalance the tags.
    """
    parts = snippet.split(open_mark)
    out = [escape(parts[0].replace(close_mark, ""))]
    for part in parts[1:]:
        inner, _, rest = part.partition(close_mark)
        out.append(Markup("<mark>{}</mark>").format(inner))
        out.append(escape(rest.replace(close_mark, "")))
    return Markup("").join(out)
