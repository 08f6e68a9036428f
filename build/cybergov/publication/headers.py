"""Security headers for every response of the site.

The Content-Security-Policy lets a page run only the site's own script files, plus the two
inline scripts Datasette's SQL and table pages carry, allowed by hash (read from the installed
templates, so that an upgrade that changes them is followed). Injected markup can run nothing.
Two allowances, both for code the site ships itself: 'unsafe-eval', because Vega compiles
the charts' expressions with Function(); and inline styles, which Datasette's table and
query pages and Vega's tooltips use, and which cannot run code.
"""
from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

_INLINE = re.compile(r"<script>(.*?)</script>", re.S)
# Templates of Datasette that hold inline scripts, and the values their variables take.
_TEMPLATES = {"_codemirror_foot.html": {}, "table.html": {"{{ datasette_allow_facet }}": ("true", "false")}}


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


@lru_cache(maxsize=1)
def inline_script_hashes() -> tuple[str, ...]:
    import datasette

    folder = Path(datasette.__file__).parent / "templates"
    out = []
    for name, variables in _TEMPLATES.items():
        path = folder / name
        if not path.is_file():
            continue
        for script in _INLINE.findall(path.read_text(encoding="utf-8")):
            variants = [script]
            for placeholder, values in variables.items():
                variants = [v.replace(placeholder, value) for v in variants for value in values]
            out += [_hash(v) for v in variants if "{{" not in v and "{%" not in v]
    return tuple(sorted(set(out)))


@lru_cache(maxsize=1)
def content_security_policy() -> str:
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' 'unsafe-eval' " + " ".join(inline_script_hashes()),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def security_headers() -> list[tuple[bytes, bytes]]:
    """Headers to add to every response, as ASGI pairs."""
    return [
        (b"content-security-policy", content_security_policy().encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"strict-origin-when-cross-origin"),
    ]
