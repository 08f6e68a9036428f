"""Benchmark the build, validation, database and site, on the real corpus where it is there.

    python benchmarks/run.py --json benchmarks/results/latest.json

The corpus: the UN General Debate archive beside the repository (`../shared/corpora/ungdc/`),
imported with `cybergov import ungdc --scope all` into scratch roots outside the repository
(benchmarks/ungdc_corpus.py), at --ungdc-sizes (0: every speech); where the archive is
missing, synthetic corpora from benchmarks/generate.py at --sizes. The run says which.

For each size: `build` (full, no cache), `validate --fast` and `db`, each timed `--repeats`
times (medians reported) with the peak RSS of the process tree's largest process; plain
`frictionless validate` on the same package, once, for reference. For the largest size:
the same build on a local Dask cluster (compared byte for byte with the local one), adding
one statement and rebuilding, and a bounded load on Datasette at 127.0.0.1
(benchmarks/site_load.py). Writes the JSON, and rewrites the figures of benchmarks/README.md
and docs/scaling.md from it (benchmarks/report.py; `--render-only` does only that).
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))
import ungdc_corpus  # noqa: E402
from generate import generate  # noqa: E402
from report import attach_segmentation, verdicts, write_figures  # noqa: E402
from site_load import datasette_load  # noqa: E402

# Runs a command and prints the peak RSS (KiB) of the largest process it waited for.
_MEASURE = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)")


class StepFailed(Exception):
    pass


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one command; StepFailed, with the end of its stderr, if it fails."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if out.returncode != 0:
        raise StepFailed(f"{' '.join(cmd[1:])} failed after {wall:.1f} s: " + " | ".join(out.stderr.strip().splitlines()[-3:]))
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


def bench_root(root: Path, repeats: int, reference: bool, sqlite_utils: bool) -> dict:
    """Medians of `repeats` runs of build, validate --fast and db on the project at `root`."""
    runs = {"build": [], "validate": [], "db": []}
    rss = {"build": 0.0, "validate": 0.0, "db": 0.0}
    failed = {}
    for _ in range(repeats):
        for step, cmd in (("build", cybergov(root, "build", "--no-cache")), ("validate", cybergov(root, "validate", "--fast")),
                          ("db", cybergov(root, "db"))):
            if step in failed:
                continue
            settle(root)
            try:
                wall, peak = timed(cmd)
            except StepFailed as exc:  # recorded, not hidden: the other steps are still measured
                if step == "build":
                    raise SystemExit(str(exc))
                failed[step] = str(exc)
                print(f"FAILED: {exc}", flush=True)
                continue
            runs[step].append(wall)
            rss[step] = max(rss[step], peak)
    result = {f"{s}_s": round(statistics.median(v), 3) if v else None for s, v in runs.items()}
    result.update({f"{s}_error": e for s, e in failed.items()})
    result.update({f"{s}_runs_s": [round(x, 3) for x in v] for s, v in runs.items()})
    result.update({f"{s}_peak_rss_mb": round(v, 1) for s, v in rss.items()})
    result["peak_rss_mb"] = round(max(rss.values()), 1)
    result["total_s"] = None if failed else round(result["build_s"] + result["validate_s"] + result["db_s"], 3)
    result["rows"] = rows_in(root)
    result["statements"] = sum(1 for _ in (root / "sources" / "statements").iterdir())
    if reference:
        settle(root)
        try:
            result["frictionless_validate_s"] = round(timed([str(BIN / "frictionless"), "validate", "datapackage.json"], cwd=root)[0], 3)
        except StepFailed as exc:  # frictionless exits 1 when it finds defects; the time is what is compared
            result["frictionless_error"] = str(exc)
        if result.get("frictionless_validate_s") and result["validate_s"]:
            result["validate_speedup"] = round(result["frictionless_validate_s"] / result["validate_s"], 1)
    if sqlite_utils:
        settle(root)
        result["sqlite_utils_insert_s"] = round(sqlite_utils_insert(root), 3)
    return result


def _digest(root: Path) -> dict[str, str]:
    files = [*sorted((root / "data").rglob("*")), root / "datapackage.json", root / "dist" / "statements.jsonl"]
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.is_file()}


def dask_run(root: Path, workers: int) -> dict:
    """The full build on a local Dask cluster, into a scratch folder, against the local build's bytes."""
    out = Path(tempfile.mkdtemp(prefix="dask-", dir=root.parent))
    try:
        # With the cache (emptied first): as long as a full build, and it leaves the cache warm for the next step.
        shutil.rmtree(root / ".cache", ignore_errors=True)
        settle(root)
        local_s, _ = timed(cybergov(root, "build", "--jobs", str(workers)))
        settle(root)
        wall, peak = timed(cybergov(root, "build", "--no-cache", "--jobs", str(workers), "--scheduler", "local-cluster", "--out", str(out)))
        identical = _digest(out) == _digest(root)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return {"workers": workers, "build_s": round(wall, 3), "local_build_s": round(local_s, 3), "identical": identical,
            "peak_rss_mb": round(peak, 1), "statements": sum(1 for _ in (root / "sources" / "statements").iterdir())}


def incremental_add(root: Path, seed: int, repeats: int) -> float:
    """Median seconds to add one new statement to the corpus and rebuild (cache warm), as a maintainer
    would; each run starts settled, like the other steps, from the corpus without it."""
    extra = root.parent / "extra"
    shutil.rmtree(extra, ignore_errors=True)
    ids = generate(extra, 1, seed + 1000003)
    new_id = f"{ids[0]}-added"
    src = extra / "sources" / "statements" / ids[0]
    target = root / "sources" / "statements" / new_id
    times = []
    for _ in range(repeats):
        shutil.rmtree(target, ignore_errors=True)
        subprocess.run(cybergov(root, "build"), check=True, capture_output=True)  # warm the cache
        settle(root)
        start = time.perf_counter()
        shutil.copytree(src, target)
        meta = (target / "metadata.yaml").read_text(encoding="utf-8").replace(f"document_id: {ids[0]}", f"document_id: {new_id}")
        # Its event belongs to the other corpus; the new statement has none.
        meta = "\n".join("event: null" if line.startswith("event:") else line for line in meta.splitlines()) + "\n"
        (target / "metadata.yaml").write_text(meta, encoding="utf-8")
        subprocess.run(cybergov(root, "build"), check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)  # the last one stays: the served database has it


def growth(a: float, b: float, na: int, nb: int) -> float | None:
    """The exponent k of time ~ size**k between two sizes; None where a step has no time (it failed)."""
    return round(math.log(b / a) / math.log(nb / na), 3) if a > 0 and b > 0 else None


def machine() -> str:
    cpu = "unknown cpu"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Python {platform.python_version()}"


def corpus_roots(args) -> tuple[str, str, dict[int, Path]]:
    """(corpus, what the run says of it, project roots keyed by statement count)."""
    if ungdc_corpus.available() and not args.synthetic:
        print(f"corpus: the UN General Debate archive in {ungdc_corpus.ARCHIVE}, imported with --scope all into {args.work}",
              flush=True)
        roots = ungdc_corpus.prepare(args.work, [int(n) for n in args.ungdc_sizes.split(",")])
        return "ungdc", f"{ungdc_corpus.TGZ.name}, imported with --scope all; smaller sizes are evenly spaced speeches", roots
    why = "--synthetic given" if args.synthetic else f"{ungdc_corpus.ARCHIVE} is missing"
    print(f"corpus: synthetic statements from benchmarks/generate.py ({why})", flush=True)
    roots = {}
    for n in (int(n) for n in args.sizes.split(",")):
        roots[n] = args.work / f"synthetic-{n}"
        shutil.rmtree(roots[n], ignore_errors=True)
        generate(roots[n], n, args.seed)
    return "synthetic", f"benchmarks/generate.py, seed {args.seed} ({why})", roots


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ungdc-sizes", default="1000,0", help="sizes of the real corpus (0: every speech)")
    ap.add_argument("--sizes", default="100,1000,10000", help="sizes of the synthetic corpus, when the archive is missing")
    ap.add_argument("--synthetic", action="store_true", help="use the synthetic corpus even where the archive is there")
    ap.add_argument("--seed", type=int, default=20250501)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--json", type=Path, default=HERE / "results" / "latest.json")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "cybergov-bench",
                    help="scratch folder for the corpora (outside the repository)")
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--dask-workers", type=int, default=2)
    ap.add_argument("--no-reference", action="store_true", help="skip plain frictionless")
    ap.add_argument("--sqlite-utils", action="store_true", help="also time sqlite-utils insert --csv")
    ap.add_argument("--no-load", action="store_true", help="skip the Datasette load test")
    ap.add_argument("--no-dask", action="store_true", help="skip the build on a local Dask cluster")
    ap.add_argument("--render-only", action="store_true", help="rewrite the figures in the docs from --json, without running")
    args = ap.parse_args()
    if args.render_only:
        res = json.loads(args.json.read_text(encoding="utf-8"))
        attach_segmentation(res)
        res["verdicts"] = verdicts(res)
        args.json.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
        write_figures(res)
        return
    args.work.mkdir(parents=True, exist_ok=True)
    corpus, note, roots = corpus_roots(args)
    res = {"corpus": corpus, "corpus_note": note, "machine": machine(),
           "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
           "command": "python benchmarks/run.py " + " ".join(sys.argv[1:]), "repeats": args.repeats, "sizes": {}}
    partial = args.json.with_suffix(".partial.json")  # what a run stopped half-way had measured

    def save() -> None:
        partial.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")

    for n, root in sorted(roots.items()):
        print(f"size {n:,}: {args.repeats} runs of build, validate --fast and db ...", flush=True)
        res["sizes"][str(n)] = bench_root(root, args.repeats, not args.no_reference, args.sqlite_utils)
        print(json.dumps(res["sizes"][str(n)]), flush=True)
        save()
    sizes = sorted(roots)
    if len(sizes) >= 2:
        a, b = sizes[-2:]
        sa, sb = res["sizes"][str(a)], res["sizes"][str(b)]
        res["growth_exponent"] = {s: growth(sa[f"{s}_s"] or 0, sb[f"{s}_s"] or 0, a, b) for s in ("build", "validate", "db")}
    biggest = roots[sizes[-1]]
    if not args.no_dask:
        print("the same build on a local Dask cluster ...", flush=True)
        res["dask"] = dask_run(biggest, args.dask_workers)
        print(json.dumps(res["dask"]), flush=True)
        save()
    res["incremental_add_s"] = round(incremental_add(biggest, args.seed, args.repeats), 3)
    save()
    if not args.no_load and res["sizes"][str(sizes[-1])]["db_s"] is not None:
        subprocess.run(cybergov(biggest, "db"), check=True, capture_output=True)
        res["datasette"] = datasette_load(biggest, args.connections, args.seconds)
        res["datasette_settings"] = {"connections": args.connections, "seconds": args.seconds, "statements": sizes[-1] + 1}
    attach_segmentation(res)
    res["verdicts"] = verdicts(res)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    partial.unlink(missing_ok=True)
    write_figures(res)


if __name__ == "__main__":
    main()
