"""Telling a saved HTML page from a text file."""
from __future__ import annotations

import re
from pathlib import Path

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:p|div|br|h1|span|a)\b[^>]*>", re.I)


def html_hint(path: Path, raw: bytes) -> bool:
    """Whether to look for a declared charset: the name or the first bytes suggest HTML."""
    return path.suffix.lower() in HTML_SUFFIXES or bool(re.match(rb"\s*<", raw[:512]))


def looks_like_html(path: Path, text: str) -> bool:
    return path.suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(text[:2048])) or len(_HTML_TAGS.findall(text[:20000])) >= 5
