"""The hostile requests of issue 16 and a client that times requests: shared by
tests/test_hostile.py and benchmarks/hostile.py (the site itself is started by served.py)."""
from __future__ import annotations

import http.client
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

# What an adversarial user asked for (issue 16), each with the statuses that are right for it.
HUGE = {
    "randomblob": ("/cybergov.json?sql=" + urllib.parse.quote("select randomblob(1000000000)"), {400}),
    "printf": ("/cybergov.json?sql=" + urllib.parse.quote("select printf('%.*c', 1000000000, 'x')"), {400}),
    "many rows": ("/cybergov.json?sql=" + urllib.parse.quote("select randomblob(900000) from sentences"), {400}),
}
ERRORS = {
    "missing page": ("GET", "/no-such-page", {404}),
    "missing table": ("GET", "/cybergov/no_such_table", {404}),
    "dot dot": ("GET", "/statements/../../etc/passwd", {404}),
    "bad sort": ("GET", "/cybergov/documents?_sort=no_such_column", {400}),
    "bad sort json": ("GET", "/cybergov/documents.json?_sort=no_such_column", {400}),
    "post table": ("POST", "/cybergov/documents", {405}),
    "put row": ("PUT", "/cybergov/documents/x", {405}),
    "delete statement": ("DELETE", "/statements/x", {405}),
}
LONG_QUERY = "/robots.txt?p=" + "x" * 12_000


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes
    seconds: float


def request(base: str, path: str, method: str = "GET", timeout: float = 30) -> Answer:
    """One request with the path sent as written (no ".." folded away, as a browser would)."""
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    start = time.perf_counter()
    try:
        conn.request(method, path, body=b"a=b" if method != "GET" else None)
        r = conn.getresponse()
        body = r.read()
        return Answer(r.status, {k.lower(): v for k, v in r.getheaders()}, body, time.perf_counter() - start)
    finally:
        conn.close()


def _family(pid: int) -> list[int]:
    """The process and every process it started, theirs included (the site's workers)."""
    children = [int(c) for task in Path(f"/proc/{pid}/task").iterdir() for c in (task / "children").read_text().split()]
    return [pid, *(p for child in children for p in _family(child))]


def rss_mib(pid: int, field: str = "VmRSS") -> float:
    """Memory of the server: the sum over its processes (a peak, VmHWM, summed is an upper bound)."""
    total = 0.0
    for p in _family(pid):
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                total += int(line.split()[1]) / 1024
    return total
