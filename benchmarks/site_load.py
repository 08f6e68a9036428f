"""A bounded load on the Datasette site of a built project, page by page.

For each page: `connections` connections for `seconds` on one URL (what the site's cache of
rendered pages answers), then a unique URL per request (a `_bust` parameter, so every page is
rendered) at 8 and at 16 connections. wrk (C, one thread, so the server keeps a core) gives
the percentiles; where it is missing, an httpx client does, and the row says so.
"""
from __future__ import annotations

import asyncio
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from served import serving  # noqa: E402
UNCACHED_CONNECTIONS = (8, 16)
COMMON_WORD, RARE_WORD = "security", "ransomware"
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
# A wrk script that makes every request's URL unique, so that no response comes from the page cache:
# a counter after a mark of the run, since the 16-connection run follows the 8-connection one, whose
# pages the cache still holds.
_BUST = """math.randomseed(os.time())
run = tostring(os.time()) .. "r" .. tostring(math.random(1000000))
counter = 0
request = function()
  counter = counter + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "_bust=" .. run .. "n" .. counter)
end
"""


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    return round(float(m[1]) * _UNITS[m[2]], 1)


def _load_wrk(url: str, connections: int, seconds: float, bust: bool = False) -> dict:
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{int(seconds)}s", "--latency", "--timeout", "10s"]
    if bust:
        script = Path(tempfile.mkstemp(suffix=".lua")[1])
        script.write_text(_BUST)
        cmd += ["-s", str(script)]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    pct = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.M))
    total = int(re.search(r"(\d+) requests in", out)[1])
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non2xx[1]) if non2xx else 0) + (sum(map(int, sock.groups())) if sock else 0)
    # wrk prints no distribution when no request completed in time.
    return {"requests": total, "rps": round(float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]), 1),
            "p50_ms": _ms(pct["50"]) if "50" in pct else None, "p99_ms": _ms(pct["99"]) if "99" in pct else None,
            "errors": errors}


async def _load_httpx(url: str, connections: int, seconds: float, bust: bool = False) -> dict:
    latencies: list[float] = []
    errors = 0
    counter = 0
    run = time.time_ns()  # as in _BUST: this run's URLs are not an earlier run's
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        async def worker():
            nonlocal errors, counter
            while time.perf_counter() < deadline:
                counter += 1
                target = f"{url}{'&' if '?' in url else '?'}_bust={run}n{counter}" if bust else url
                t = time.perf_counter()
                try:
                    if (await client.get(target)).status_code != 200:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append((time.perf_counter() - t) * 1000)

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.perf_counter() - start
    latencies.sort()
    pick = lambda q: round(latencies[min(len(latencies) - 1, int(q * len(latencies)))], 1)  # noqa: E731
    return {"requests": len(latencies), "rps": round(len(latencies) / elapsed, 1), "p50_ms": pick(0.50), "p99_ms": pick(0.99), "errors": errors}


def load(url: str, connections: int, seconds: float, bust: bool = False) -> dict:
    if shutil.which("wrk"):
        return {"tool": "wrk", **_load_wrk(url, connections, seconds, bust)}
    return {"tool": "httpx", **asyncio.run(_load_httpx(url, connections, seconds, bust))}


def _one(db: sqlite3.Connection, sql: str, default: str | None = None) -> str | None:
    row = db.execute(sql).fetchone()
    return row[0] if row and row[0] is not None else default


def pages_of(root: Path) -> dict[str, str]:
    """The pages to load: picked from the database so that each is a heavy one of its kind."""
    db = sqlite3.connect(f"file:{root / 'dist' / 'cybergov.db'}?mode=ro", uri=True)
    try:
        longest = _one(db, "select document_id from documents order by n_chars desc, document_id limit 1")
        state = _one(db, "select d.holder_id from documents d join entities e on e.entity_id = d.holder_id where e.kind = 'state' "
                         "group by 1 order by count(*) desc, 1 limit 1")
        entity = _one(db, "select entity_id from mentions group by entity_id order by count(*) desc, 1 limit 1")
        issue = _one(db, "select issue_id from stances where issue_id is not null group by 1 order by count(*) desc, 1 limit 1",
                     _one(db, "select issue_id from issues order by issue_id limit 1"))
    finally:
        db.close()
    pages = {"statement_page_longest": f"/statements/{longest}", "state_page": f"/states/{state}",
             "issue_page": f"/issues/{issue}", "entity_page": f"/entities/{entity}",
             "search_common": f"/search?q={COMMON_WORD}", "search_rare": f"/search?q={RARE_WORD}",
             "fts_table_search": f"/cybergov/sentences?_search={COMMON_WORD}", "table_page": "/cybergov/documents"}
    meta = json.loads((root / "dist" / "metadata.json").read_text())
    for name, q in meta["databases"]["cybergov"].get("queries", {}).items():
        params = {p: entity for p in ("entity_id",) if f":{p}" in q["sql"]}
        pages[f"query_{name}"] = f"/cybergov/{name}" + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")
    return pages


# Requests before the cached load, each on a new connection: with two server processes, the
# chance that one has not rendered the page is 2 in 2**16.
WARM_UP = 16


def datasette_load(root: Path, connections: int, seconds: float) -> dict:
    """Per page: the cached load, and under `uncached` the rendering load at 8 and 16 connections."""
    with serving(root, root / "serve.log", wait=60) as (base, _):
        pages = pages_of(root)  # after the start: `serve` writes the site's metadata.json
        results = {}
        for name, path in pages.items():
            # Warm up, and a page that fails is named. Each request on a connection of its own: the
            # kernel spreads connections over the server's processes, each with its own page cache,
            # and the cached figure is of pages every process holds.
            status = max(httpx.get(base + path, timeout=60).status_code for _ in range(WARM_UP))
            results[name] = {"path": path, "status": status, **load(base + path, connections, seconds)}
            results[name]["uncached"] = {f"c{c}": load(base + path, c, max(5.0, seconds / 2), bust=True) for c in UNCACHED_CONNECTIONS}
            print(name, json.dumps(results[name]), flush=True)
        return results
