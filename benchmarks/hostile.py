"""The site under the hostile requests of issue 16, measured.

    python benchmarks/hostile.py --json benchmarks/results/hostile.json

Builds the sample the tests use (the two seeds and four corpus statements) in a temporary
folder, serves it with `cybergov serve` on 127.0.0.1 and measures: each huge request (status,
time, body size, the server's memory before and at its peak); each error page (status, time,
lines and bytes of log); errors asked for by four connections at once (requests per second)
while a statement page is timed; distinct long URLs of a small page for a few seconds (the
server's memory before and after); and a statement page asked for, never twice the same URL,
while every hostile request runs at once. The requests themselves are those of
tests/hostile.py, which the hostile test asks too.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "build")]
from conftest import SEEDS, copy_project  # noqa: E402
from cybergov.publication.database import build_database  # noqa: E402
from hostile import ERRORS, HUGE, LONG_QUERY, request, rss_mib  # noqa: E402
from served import serving  # noqa: E402

STATEMENT = f"/statements/{SEEDS['remarks']}"


def _ms(seconds: list[float]) -> dict:
    s = sorted(seconds)
    return {"n": len(s), "p50_ms": round(1000 * statistics.median(s), 1),
            "p95_ms": round(1000 * s[min(len(s) - 1, int(0.95 * len(s)))], 1), "max_ms": round(1000 * s[-1], 1)}


def _under_load(base: str, paths: list[str], seconds: float, connections: int):
    """Ask for `paths` in turn on `connections` threads for `seconds`; meanwhile time fresh statement pages."""
    stop = threading.Event()
    counts = []

    def hammer(i):
        n = 0
        while not stop.is_set():
            request(base, paths[(i + n) % len(paths)])
            n += 1
        return n

    with ThreadPoolExecutor(connections) as pool:
        running = [pool.submit(hammer, i) for i in range(connections)]
        start, times, k = time.monotonic(), [], 0
        while time.monotonic() - start < seconds:
            times.append(request(base, f"{STATEMENT}?fresh={k}").seconds)
            k += 1
            time.sleep(0.05)
        stop.set()
        counts = [f.result() for f in running]
    return sum(counts) / seconds, times


def measure(base: str, proc, log: Path, seconds: float) -> dict:
    out: dict = {"huge": {}, "errors": {}}
    for name, (path, _) in HUGE.items():
        before = rss_mib(proc.pid)
        r = request(base, path)
        out["huge"][name] = {"status": r.status, "ms": round(1000 * r.seconds, 1), "body_bytes": len(r.body),
                             "rss_before_mib": round(before, 1), "rss_peak_mib": round(rss_mib(proc.pid, "VmHWM"), 1)}
    for name, (method, path, _) in ERRORS.items():
        size, lines = log.stat().st_size, len(log.read_bytes().splitlines())
        r = request(base, path, method)
        time.sleep(0.05)  # the access log line is written after the answer
        out["errors"][name] = {"status": r.status, "ms": round(1000 * r.seconds, 1),
                               "log_lines": len(log.read_bytes().splitlines()) - lines, "log_bytes": log.stat().st_size - size}
    rate, times = _under_load(base, ["/no-such-page", "/cybergov/no_such_table"], seconds, 4)
    out["errors_4_connections"] = {"requests_per_s": round(rate, 1), "statement_page": _ms(times)}
    before, n, start = rss_mib(proc.pid), 0, time.monotonic()
    while time.monotonic() - start < seconds:
        request(base, f"{LONG_QUERY}{n}")
        n += 1
    out["long_urls"] = {"requests": n, "seconds": seconds, "rss_before_mib": round(before, 1),
                        "rss_after_mib": round(rss_mib(proc.pid), 1)}
    hostile = [p for p, _ in HUGE.values()] + [p for m, p, _ in ERRORS.values() if m == "GET"] + [LONG_QUERY]
    rate, times = _under_load(base, hostile, seconds, len(HUGE) + 2)
    out["page_during_hostile"] = {"hostile_requests_per_s": round(rate, 1), "statement_page": _ms(times),
                                  "rss_peak_mib": round(rss_mib(proc.pid, "VmHWM"), 1)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, default=HERE / "results" / "hostile.json")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each load phase")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cybergov-hostile-") as tmp:
        paths = copy_project(Path(tmp) / "project", with_outputs=True)
        build_database(paths)
        log = paths.root / "serve.log"
        with serving(paths.root, log) as (base, proc):
            request(base, STATEMENT)
            result = measure(base, proc, log, args.seconds)
    result["machine"] = {"python": platform.python_version(), "cpus": __import__("os").cpu_count()}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
