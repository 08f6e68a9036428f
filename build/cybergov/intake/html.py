"""Telling a saved HTML page from a text file; refusing pages no reader should parse; the lines of a page's header."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError
from ..sources.pages import normalise_line

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:p|div|br|h1|span|a)\b[^>]*>", re.I)
# Limits far beyond any real statement page: deeper nesting or longer words are a broken or hostile file,
# on which the HTML extractor would recurse or the segmenter crawl.
MAX_DEPTH = 500
MAX_WORD = 2_000
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p", "li",
         "option", "td", "tr", "th", "dt", "dd"}  # void, or often left open: not counted as nesting
_SKIP = re.compile(r"<(script|style|svg|noscript)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "li", "header", "span", "a", "td", "strong", "em", "b"}


def html_hint(path: Path, raw: bytes) -> bool:
    """Whether to look for a declared charset: the name or the first bytes suggest HTML."""
    return path.suffix.lower() in HTML_SUFFIXES or bool(re.match(rb"\s*<", raw[:512]))


def looks_like_html(path: Path, text: str) -> bool:
    return path.suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(text[:2048])) or len(_HTML_TAGS.findall(text[:20000])) >= 5


def check_words(text: str, shown: str, what: str = "the file") -> None:
    """Refuse a text with a 'word' longer than any real one (a run of characters without a space)."""
    longest = max((m for m in re.finditer(rf"\S{{{MAX_WORD + 1},}}", text)), key=lambda m: m.end() - m.start(), default=None)
    if longest is not None:
        line = text.count("\n", 0, longest.start()) + 1
        raise InputError(f"{what} has a run of {longest.end() - longest.start():,} characters without a space, over the "
                         f"{MAX_WORD:,} that any word or address of a statement stays under: it is not a readable page", shown, line,
                         "save the statement's page again (as text, or as the HTML the site serves)")


def check_html(html: str, shown: str) -> None:
    """Refuse an HTML page nested deeper than any real page: the extractor would exhaust its recursion on it."""
    depth = deepest = 0
    for m in _TAG.finditer(_SKIP.sub("", html)):
        name = m.group(2).lower()
        if m.group(3) or name in _VOID:
            continue
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        if depth > deepest:
            deepest = depth
            if deepest > MAX_DEPTH:
                line = html.count("\n", 0, m.start()) + 1
                raise InputError(f"the HTML page nests its elements over {MAX_DEPTH} deep (at line {line}): it is not a page a "
                                 "browser shows as a statement, and it cannot be read safely", shown, line,
                                 "save the statement's page again, or copy its text into a .txt file")


class _Head(HTMLParser):
    """The text of the blocks above the page's first <h1>: site name, tagline, language menu."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skip = 0
        self.done = False

    def _flush(self):
        text = normalise_line(" ".join("".join(self.current).split()))
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript", "title"):
            self.skip += 1
        elif tag == "h1" or len(self.blocks) > 60:
            self.done = True
        elif tag in _BLOCKS or tag == "br":
            self._flush()

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript", "title"):
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self.skip and not self.done:
            self.current.append(data)


def head_blocks(html: str) -> list[str]:
    parser = _Head()
    parser.feed(html[:200_000])
    parser._flush()
    return parser.blocks[:60]
