"""The benchmark's verdicts and its figures in the docs, from the results JSON alone.

benchmarks/README.md (between the `figures` markers) and docs/scaling.md (between the
`costs` and `dask` markers) are rewritten from benchmarks/results/latest.json; nothing in
them is typed in.
"""
from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Issue 15's targets, on a 2-core machine, for the largest corpus of the run.
TARGETS = {"total_s": 120, "growth": 1.1, "rss_mb": 2048, "validate_speedup": 10, "p99_ms": 20,
           "uncached_p99_ms": {"c8": 100, "c16": 250}, "incremental_s": 5}


def _all_pages(res: dict, test) -> bool:
    return bool(res.get("datasette")) and all(test(p) for p in res["datasette"].values())


def _uncached_ok(page: dict, conns: str) -> bool:
    u = page.get("uncached", {}).get(conns) or {}
    return u.get("p99_ms") is not None and u["p99_ms"] <= TARGETS["uncached_p99_ms"][conns]


def verdicts(res: dict) -> dict:
    sizes = res["sizes"]
    big = sizes[max(sizes, key=int)]
    t = TARGETS
    out = {
        f"total_s_at_most_{t['total_s']}": big["total_s"] is not None and big["total_s"] <= t["total_s"],
        "growth_at_most_1_1": all(v is not None and v <= t["growth"] for v in res.get("growth_exponent", {}).values()),
        "peak_rss_at_most_2gb": all(s["peak_rss_mb"] <= t["rss_mb"] for s in sizes.values()),
    }
    if "validate_speedup" in big:
        out["validate_10x_faster_than_frictionless"] = big["validate_speedup"] >= t["validate_speedup"]
    if "incremental_add_s" in res:
        out[f"incremental_add_at_most_{t['incremental_s']}s"] = res["incremental_add_s"] <= t["incremental_s"]
    if res.get("datasette"):
        out[f"datasette_cached_p99_at_most_{t['p99_ms']}ms"] = _all_pages(
            res, lambda p: p["p99_ms"] is not None and p["p99_ms"] <= t["p99_ms"])
        for conns, limit in t["uncached_p99_ms"].items():
            out[f"datasette_uncached_{conns}_p99_at_most_{limit}ms"] = _all_pages(res, lambda p, c=conns: _uncached_ok(p, c))
        out["datasette_no_errors"] = _all_pages(
            res, lambda p: p["errors"] == 0 and all(u.get("errors", 1) == 0 for u in p.get("uncached", {}).values()))
    if res.get("dask"):
        out["dask_output_identical"] = res["dask"]["identical"]
    return out


def _sizes_table(res: dict) -> list[str]:
    lines = ["| statements | rows | build s | validate s | db s | total s | peak RSS MB | frictionless validate s | speed-up |",
             "|---|---|---|---|---|---|---|---|---|"]
    failures = []
    for n, s in sorted(res["sizes"].items(), key=lambda kv: int(kv[0])):
        cell = lambda k: "failed" if s.get(f"{k}_error") else s[f"{k}_s"]  # noqa: E731
        lines.append(f"| {int(n):,} | {s['rows']:,} | {s['build_s']} | {cell('validate')} | {cell('db')} | {s['total_s'] or ''} | "
                     f"{s['peak_rss_mb']} | {s.get('frictionless_validate_s', '')} | {s.get('validate_speedup', '')} |")
        failures += [f"- at {int(n):,} statements, {k[:-6]}: {v}" for k, v in s.items() if k.endswith("_error")]
    return lines + ([""] + failures if failures else [])


def _site_table(res: dict) -> list[str]:
    lines = ["| page | tool | cached rps | p50 ms | p99 ms | errors | uncached c8: p50 | p99 | errors | c16: p50 | p99 | errors |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, p in res["datasette"].items():
        u8, u16 = (p.get("uncached", {}).get(c, {}) for c in ("c8", "c16"))
        lines.append(f"| {name} (`{p['path']}`) | {p.get('tool', '')} | {p['rps']} | {p['p50_ms']} | {p['p99_ms']} | {p['errors']} | "
                     f"{u8.get('p50_ms', '')} | {u8.get('p99_ms', '')} | {u8.get('errors', '')} | "
                     f"{u16.get('p50_ms', '')} | {u16.get('p99_ms', '')} | {u16.get('errors', '')} |")
    return lines


def render(res: dict) -> str:
    lines = [f"Corpus: **{res.get('corpus', 'synthetic')}** ({res.get('corpus_note', '')})  ",
             f"Machine: {res['machine']}  ", f"Date: {res['date']}  ", f"Command: `{res['command']}`", "", *_sizes_table(res)]
    if res.get("growth_exponent"):
        lines += ["", "Growth exponent between the two largest sizes: " +
                  ", ".join(f"{k} {v}" for k, v in res["growth_exponent"].items())]
    if "incremental_add_s" in res:
        lines.append(f"Adding one statement to the largest corpus and rebuilding, median of {res.get('repeats', 1)} runs: {res['incremental_add_s']} s")
    if res.get("dask"):
        d = res["dask"]
        lines.append(f"The same build on Dask (a local cluster of {d['workers']} worker processes): {d['build_s']} s "
                     f"(local process pool: {d['local_build_s']} s); output identical: {'yes' if d['identical'] else 'NO'}")
    if res.get("datasette"):
        lines += ["", *_site_table(res), "",
                  "Cached: one URL per page, which the site answers from its cache of rendered pages (its database is immutable). "
                  "Uncached: a unique URL per request (a `_bust` parameter), so every page is rendered, at 8 and at 16 connections."]
    seg = res.get("segmentation")
    if seg:
        lines += ["", f"Sentence segmentation on the gold ({seg['gold_boundaries']} boundaries): " +
                  "; ".join(f"{name} F1 {r['f1']} at {r['mb_per_s']} MB/s" for name, r in seg["segmenters"].items())
                  + f" (details: `{seg['json']}`)"]
    lines += ["", "Targets: " + ", ".join(f"{k}: {'met' if v else 'NOT MET'}" for k, v in res["verdicts"].items())]
    return "\n".join(lines)


def render_costs(res: dict) -> str:
    """docs/scaling.md's per-statement costs and their extrapolation to a million statements."""
    n = max(res["sizes"], key=int)
    s, k = res["sizes"][n], int(n)
    lines = [f"From the run of {res['date'][:10]} on the {res.get('corpus', 'synthetic')} corpus ({res['machine']}), "
             f"medians of {res['repeats']} runs at {k:,} statements ({s['rows']:,} rows):", "",
             "| step | wall s | per statement | per 1,000 rows |", "|---|---|---|---|"]
    for name, wall in (("build", s["build_s"]), ("validate --fast", s["validate_s"]), ("db", s["db_s"])):
        if wall is None:
            lines.append(f"| {name} | failed (see benchmarks/README.md) | | |")
            continue
        lines.append(f"| {name} | {wall} | {wall / k * 1000:.2f} ms | {wall / s['rows'] * 1e6:.1f} ms |")
    if "frictionless_validate_s" in s:
        lines.append(f"| frictionless validate (reference) | {s['frictionless_validate_s']} | "
                     f"{s['frictionless_validate_s'] / k * 1000:.2f} ms | |")
    lines += ["", f"Peak RSS of the largest process: {s['peak_rss_mb']} MB. Adding one statement and rebuilding: "
              f"{res.get('incremental_add_s', '?')} s.", "",
              "Linear extrapolation to 1,000,000 statements on the same 2-core machine:", ""]
    scale = 1_000_000 / k
    lines += [f"- build: {s['build_s'] * scale / 3600:.1f} h (both cores);"]
    if s["validate_s"] is not None:
        lines.append(f"- validate --fast: {s['validate_s'] * scale / 60:.0f} min (DuckDB, out of core);")
    if s["db_s"] is not None:
        lines.append(f"- db: {s['db_s'] * scale / 60:.0f} min (SQLite writes on one core; the second loads half the tables);")
    lines += [
              f"- rows: about {s['rows'] * scale / 1e6:.0f} million"
              + (f"; plain frictionless at the measured rate: {s['frictionless_validate_s'] * scale / 3600:.1f} h."
                 if "frictionless_validate_s" in s else ".")]
    return "\n".join(lines)


def render_dask(res: dict) -> str:
    d = res.get("dask")
    if not d:
        return "No Dask run in the latest benchmark."
    n = d["statements"]
    overhead = d["build_s"] - d["local_build_s"]
    return (f"From the run of {res['date'][:10]} on the {res.get('corpus', 'synthetic')} corpus, {n:,} statements: "
            f"`cybergov build --no-cache --scheduler local-cluster -j {d['workers']}` took **{d['build_s']} s**, the local process "
            f"pool {d['local_build_s']} s on the same {d['workers']} cores ({overhead:+.1f} s, "
            f"{d['build_s'] / n * 1000:.2f} ms per statement); the output was "
            f"{'byte-identical' if d['identical'] else 'NOT identical'} (data/, datapackage.json, statements.jsonl).")


def replace_between(path: Path, marker: str, text: str) -> None:
    """Rewrite the part of a Markdown file between <!-- marker:start --> and <!-- marker:end -->."""
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    body = path.read_text(encoding="utf-8")
    if start in body and end in body:
        head, rest = body.split(start, 1)
        tail = rest.split(end, 1)[1]
        path.write_text(f"{head}{start}\n{text}\n{end}{tail}", encoding="utf-8")


def attach_segmentation(res: dict) -> None:
    """The segmentation comparison's summary, when its JSON is there (it is written by benchmarks/segmentation.py)."""
    path = HERE / "results" / "segmentation.json"
    if path.is_file():
        seg = json.loads(path.read_text(encoding="utf-8"))
        res["segmentation"] = {"json": "benchmarks/results/segmentation.json", "gold_boundaries": seg["gold_boundaries"],
                               "segmenters": {k: {"f1": v["f1"], "mb_per_s": v["mb_per_s"]} for k, v in seg["segmenters"].items()
                                              if "f1" in v}}


def write_figures(res: dict) -> None:
    text = render(res)
    print(text)
    replace_between(HERE / "README.md", "figures", text)
    replace_between(ROOT / "docs" / "scaling.md", "costs", render_costs(res))
    replace_between(ROOT / "docs" / "scaling.md", "dask", render_dask(res))
