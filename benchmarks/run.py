"""Benchmark the build, validation, database and site on synthetic corpora.

    python benchmarks/run.py --sizes 100,1000,10000 --json benchmarks/results/latest.json

For each size: a corpus from benchmarks/generate.py; `build` (full, no cache), `validate
--fast` and `db`, each timed `--repeats` times (medians reported) with the peak RSS of the
process tree's largest process; plain `frictionless validate` and `sqlite-utils insert --csv`
on the same package, once, for reference. For the largest size: adding one statement and
rebuilding (incremental), and a bounded load on Datasette at 127.0.0.1. Prints a table,
writes the JSON, and rewrites the figures of benchmarks/README.md and docs/scaling.md from that
JSON (`--render-only` does only that, from an existing JSON).
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import math
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

TARGETS = {"total_s": 60, "growth": 1.1, "rss_mb": 1024, "validate_speedup": 10, "p99_ms": 100, "incremental_s": 10}
# Runs a command and prints the peak RSS (KiB) of the largest process it waited for.
_MEASURE = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)")


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one command; a failing command stops the benchmark."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"benchmark step failed: {' '.join(cmd)}\n{out.stderr[-3000:]}")
    return wall, int(out.stdout.strip().splitlines()[-1]) / 1024


def cybergov(root: Path, *args: str) -> list[str]:
    return [str(BIN / "cybergov"), "--root", str(root), *args]


def sqlite_utils_insert(root: Path) -> float:
    """`sqlite-utils insert --csv` of every table of the package into a scratch database."""
    db = root / "scratch-sqlite-utils.db"
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    for csv_path in sorted((root / "data").glob("*.csv")):
        subprocess.run([str(BIN / "sqlite-utils"), "insert", str(db), csv_path.stem, str(csv_path), "--csv"], check=True,
                       capture_output=True)
    wall = time.perf_counter() - start
    db.unlink(missing_ok=True)
    return wall


def rows_in(root: Path) -> int:
    pkg = json.loads((root / "datapackage.json").read_text())
    total = 0
    for res in pkg["resources"]:
        with (root / res["path"]).open(encoding="utf-8", newline="") as fh:
            import csv

            csv.field_size_limit(sys.maxsize)
            total += sum(1 for _ in csv.reader(fh)) - 1
    return total


def settle(root: Path) -> None:
    """Before each timed step (untimed): write back what the previous step wrote, and read the
    corpus's sources and package once, so that every step, and frictionless beside them, starts
    from the page cache. This VM reclaims cold pages eagerly; the figures are about the tools'
    work, not its disk."""
    os.sync()
    for base in (root / "sources", root / "data"):
        for path in base.rglob("*"):
            if path.is_file():
                with path.open("rb") as fh:
                    while fh.read(1 << 22):
                        pass


def bench_size(size: int, seed: int, repeats: int, work: Path, reference: bool) -> tuple[dict, Path]:
    root = work / str(size)
    shutil.rmtree(root, ignore_errors=True)
    generate(root, size, seed)
    runs = {"build": [], "validate": [], "db": []}
    rss = {"build": 0.0, "validate": 0.0, "db": 0.0}
    for _ in range(repeats):
        for step, cmd in (("build", cybergov(root, "build", "--no-cache")), ("validate", cybergov(root, "validate", "--fast")),
                          ("db", cybergov(root, "db"))):
            settle(root)
            wall, peak = timed(cmd)
            runs[step].append(wall)
            rss[step] = max(rss[step], peak)
    result = {f"{s}_s": round(statistics.median(v), 3) for s, v in runs.items()}
    result.update({f"{s}_runs_s": [round(x, 3) for x in v] for s, v in runs.items()})
    result.update({f"{s}_peak_rss_mb": round(v, 1) for s, v in rss.items()})
    result["peak_rss_mb"] = round(max(rss.values()), 1)
    result["total_s"] = round(result["build_s"] + result["validate_s"] + result["db_s"], 3)
    result["rows"] = rows_in(root)
    result["statements"] = size
    if reference:
        settle(root)
        result["frictionless_validate_s"] = round(timed([str(BIN / "frictionless"), "validate", "datapackage.json"], cwd=root)[0], 3)
        settle(root)
        result["sqlite_utils_insert_s"] = round(sqlite_utils_insert(root), 3)
        result["validate_speedup"] = round(result["frictionless_validate_s"] / result["validate_s"], 1)
    return result, root


def incremental_add(root: Path, seed: int) -> float:
    """Seconds to add one new statement to the corpus and rebuild (cache warm), as a maintainer would."""
    subprocess.run(cybergov(root, "build"), check=True, capture_output=True)  # warm the cache
    extra = root.parent / "extra"
    shutil.rmtree(extra, ignore_errors=True)
    ids = generate(extra, 1, seed + 1000003)
    new_id = f"{ids[0]}-added"
    src = extra / "sources" / "statements" / ids[0]
    start = time.perf_counter()
    target = root / "sources" / "statements" / new_id
    shutil.copytree(src, target)
    meta = (target / "metadata.yaml").read_text(encoding="utf-8").replace(f"document_id: {ids[0]}", f"document_id: {new_id}")
    # Its event belongs to the other corpus; the new statement has none.
    meta = "\n".join("event: null" if line.startswith("event:") else line for line in meta.splitlines()) + "\n"
    (target / "metadata.yaml").write_text(meta, encoding="utf-8")
    subprocess.run(cybergov(root, "build"), check=True, capture_output=True)
    return time.perf_counter() - start


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    return round(float(m[1]) * _UNITS[m[2]], 1)


# A wrk script that makes every request's URL unique, so that no response comes from the page cache.
_BUST = """counter = 0
request = function()
  counter = counter + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "_bust=" .. counter)
end
"""


def _load_wrk(url: str, connections: int, seconds: float, bust: bool = False) -> dict:
    """A bounded load with wrk (C, one thread, so the server keeps a core): its own percentiles."""
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


async def _load(url: str, connections: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        async def worker():
            nonlocal errors
            while time.perf_counter() < deadline:
                t = time.perf_counter()
                try:
                    r = await client.get(url)
                    if r.status_code != 200:
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


def datasette_load(root: Path, connections: int, seconds: float) -> dict:
    import sqlite3

    db = sqlite3.connect(root / "dist" / "cybergov.db")
    doc_id = db.execute("select document_id from documents order by document_id limit 1 offset 7").fetchone()[0]
    entity = db.execute("select entity_id from mentions group by entity_id order by count(*) desc limit 1").fetchone()[0]
    db.close()
    port = _free_port()
    server = subprocess.Popen(cybergov(root, "serve", "--port", str(port)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/-/versions.json", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        meta = json.loads((root / "dist" / "metadata.json").read_text())
        canned = meta["databases"]["cybergov"].get("queries", {})
        pages = {
            "statement_page": f"/statements/{doc_id}",
            "entity_page": f"/entities/{entity}",
            "table_page": "/cybergov/documents",
            "fts_search": "/cybergov/sentences?_search=cyberspace",
        }
        for name, q in canned.items():
            params = {p: entity for p in ("entity_id",) if f":{p}" in q["sql"]}
            pages[f"query_{name}"] = f"/cybergov/{name}" + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")
        results = {}
        for name, path in pages.items():
            httpx.get(base + path, timeout=60)  # warm up
            if shutil.which("wrk"):
                results[name] = {"path": path, "tool": "wrk", **_load_wrk(base + path, connections, seconds)}
                # The same page with a new URL on every request: the cost of rendering it, cache missed.
                results[name]["uncached"] = _load_wrk(base + path, connections, max(5.0, seconds / 2), bust=True)
            else:  # wrk missing (make bench installs it where it can): a Python client, which saturates first
                results[name] = {"path": path, "tool": "httpx", **asyncio.run(_load(base + path, connections, seconds))}
        return results
    finally:
        server.terminate()
        server.wait(timeout=10)


def growth(a: float, b: float, na: int, nb: int) -> float:
    return round(math.log(b / a) / math.log(nb / na), 3) if a > 0 and b > 0 else float("nan")


def machine() -> str:
    cpu = "unknown cpu"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Python {platform.python_version()}"


def verdicts(res: dict) -> dict:
    sizes = res["sizes"]
    big = sizes[max(sizes, key=int)]
    out = {
        "total_s_at_most_60": big["total_s"] <= TARGETS["total_s"],
        "growth_at_most_1_1": all(v <= TARGETS["growth"] for v in res.get("growth_exponent", {}).values()),
        "peak_rss_at_most_1gb": all(s["peak_rss_mb"] <= TARGETS["rss_mb"] for s in sizes.values()),
    }
    if "validate_speedup" in big:
        out["validate_10x_faster_than_frictionless"] = big["validate_speedup"] >= TARGETS["validate_speedup"]
    if "incremental_add_s" in res:
        out["incremental_add_at_most_10s"] = res["incremental_add_s"] <= TARGETS["incremental_s"]
    if res.get("datasette"):
        out["datasette_p99_at_most_100ms"] = all(p["p99_ms"] is not None and p["p99_ms"] <= TARGETS["p99_ms"]
                                                 for p in res["datasette"].values())
        out["datasette_uncached_p99_at_most_100ms"] = all((p.get("uncached") or {}).get("p99_ms") is not None
                                                          and p["uncached"]["p99_ms"] <= TARGETS["p99_ms"] for p in res["datasette"].values())
        out["datasette_no_errors"] = all(p["errors"] == 0 for p in res["datasette"].values())
    return out


def render(res: dict) -> str:
    lines = [f"Machine: {res['machine']}  ", f"Date: {res['date']}  ", f"Command: `{res['command']}`", "",
             "| statements | rows | build s | validate s | db s | total s | peak RSS MB | frictionless validate s | sqlite-utils insert s |",
             "|---|---|---|---|---|---|---|---|---|"]
    for n, s in sorted(res["sizes"].items(), key=lambda kv: int(kv[0])):
        lines.append(f"| {int(n):,} | {s['rows']:,} | {s['build_s']} | {s['validate_s']} | {s['db_s']} | {s['total_s']} | "
                     f"{s['peak_rss_mb']} | {s.get('frictionless_validate_s', '')} | {s.get('sqlite_utils_insert_s', '')} |")
    if res.get("growth_exponent"):
        lines += ["", "Growth exponent between the two largest sizes: " +
                  ", ".join(f"{k} {v}" for k, v in res["growth_exponent"].items())]
    if "incremental_add_s" in res:
        lines.append(f"Adding one statement to the largest corpus and rebuilding: {res['incremental_add_s']} s")
    if res.get("datasette"):
        lines += ["", "| page | tool | rps | p50 ms | p99 ms | errors | uncached: rps | p50 ms | p99 ms | errors |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for name, p in res["datasette"].items():
            u = p.get("uncached", {})
            lines.append(f"| {name} (`{p['path']}`) | {p.get('tool', '')} | {p['rps']} | {p['p50_ms']} | {p['p99_ms']} | {p['errors']} | "
                         f"{u.get('rps', '')} | {u.get('p50_ms', '')} | {u.get('p99_ms', '')} | {u.get('errors', '')} |")
        lines += ["", "Uncached: each request has a unique URL (a `_bust` parameter), so every page is rendered; "
                  "the site caches rendered pages of its immutable database, which is what the first columns measure."]
    lines += ["", "Targets: " + ", ".join(f"{k}: {'met' if v else 'NOT MET'}" for k, v in res["verdicts"].items())]
    return "\n".join(lines)


def render_costs(res: dict) -> str:
    """docs/scaling.md's per-statement costs and their extrapolation to a million statements."""
    n = max(res["sizes"], key=int)
    s, k = res["sizes"][n], int(n)
    lines = [f"From the run of {res['date'][:10]} ({res['machine']}), medians of {res['repeats']} runs at "
             f"{k:,} statements ({s['rows']:,} rows):", "",
             "| step | wall s | per statement | per 1,000 rows |", "|---|---|---|---|"]
    steps = [("build", s["build_s"]), ("validate --fast", s["validate_s"]), ("db", s["db_s"])]
    for name, wall in steps:
        lines.append(f"| {name} | {wall} | {wall / k * 1000:.2f} ms | {wall / s['rows'] * 1e6:.1f} ms |")
    for name, key in (("frictionless validate (reference)", "frictionless_validate_s"), ("sqlite-utils insert --csv (reference)", "sqlite_utils_insert_s")):
        if key in s:
            lines.append(f"| {name} | {s[key]} | {s[key] / k * 1000:.2f} ms | |")
    lines += ["", f"Peak RSS of the largest process: {s['peak_rss_mb']} MB. Adding one statement and rebuilding: "
              f"{res.get('incremental_add_s', '?')} s.", "",
              "Linear extrapolation to 1,000,000 statements on the same 2-core machine:", ""]
    scale = 1_000_000 / k
    lines += [f"- build: {s['build_s'] * scale / 3600:.1f} h (both cores);",
              f"- validate --fast: {s['validate_s'] * scale / 60:.0f} min (DuckDB, out of core);",
              f"- db: {s['db_s'] * scale / 60:.0f} min (SQLite writes on one core; the second loads half the tables);",
              f"- rows: about {s['rows'] * scale / 1e6:.0f} million"
              + (f"; plain frictionless at the measured rate: {s['frictionless_validate_s'] * scale / 3600:.1f} h."
                 if "frictionless_validate_s" in s else ".")]
    return "\n".join(lines)


def replace_between(path: Path, marker: str, text: str) -> None:
    """Rewrite the part of a Markdown file between <!-- marker:start --> and <!-- marker:end -->."""
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    body = path.read_text(encoding="utf-8")
    if start in body and end in body:
        head, rest = body.split(start, 1)
        tail = rest.split(end, 1)[1]
        path.write_text(f"{head}{start}\n{text}\n{end}{tail}", encoding="utf-8")


def write_figures(res: dict) -> None:
    text = render(res)
    print(text)
    replace_between(HERE / "README.md", "figures", text)
    replace_between(ROOT / "docs" / "scaling.md", "costs", render_costs(res))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--seed", type=int, default=20250501)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--json", type=Path, default=HERE / "results" / "latest.json")
    ap.add_argument("--work", type=Path, default=HERE / "work")
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--no-reference", action="store_true", help="skip plain frictionless and sqlite-utils")
    ap.add_argument("--no-load", action="store_true", help="skip the Datasette load test")
    ap.add_argument("--render-only", action="store_true", help="rewrite the figures in the docs from --json, without running")
    args = ap.parse_args()
    if args.render_only:
        write_figures(json.loads(args.json.read_text(encoding="utf-8")))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    res = {"machine": machine(), "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
           "command": "python benchmarks/run.py " + " ".join(sys.argv[1:]), "repeats": args.repeats, "sizes": {}}
    roots = {}
    for n in sizes:
        print(f"size {n:,}: generating, then {args.repeats} runs of build, validate --fast and db ...", flush=True)
        res["sizes"][str(n)], roots[n] = bench_size(n, args.seed, args.repeats, args.work, not args.no_reference)
        print(json.dumps(res["sizes"][str(n)]), flush=True)
    if len(sizes) >= 2:
        a, b = sorted(sizes)[-2:]
        sa, sb = res["sizes"][str(a)], res["sizes"][str(b)]
        res["growth_exponent"] = {s: growth(sa[f"{s}_s"], sb[f"{s}_s"], a, b) for s in ("build", "validate", "db")}
    biggest = max(sizes)
    res["incremental_add_s"] = round(incremental_add(roots[biggest], args.seed), 3)
    if not args.no_load:
        subprocess.run(cybergov(roots[biggest], "db"), check=True, capture_output=True)
        res["datasette"] = datasette_load(roots[biggest], args.connections, args.seconds)
        res["datasette_settings"] = {"connections": args.connections, "seconds": args.seconds, "statements": biggest + 1}
    res["verdicts"] = verdicts(res)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    write_figures(res)


if __name__ == "__main__":
    main()
