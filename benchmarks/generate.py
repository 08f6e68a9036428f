#!/usr/bin/env python3
"""Generate a synthetic corpus of statements on cyberspace governance, for benchmarking the build.

    python benchmarks/generate.py --size 1000 --seed 1 --out /tmp/bench-1000

writes a complete project root in --out: the repository's profiles, codebook, conventions,
package metadata, schemas (and datasette/ if present) are copied; sources/events.yaml holds
the repository's events followed by generated ones; sources/statements/<id>/ holds N
statements, each a saved page (source.txt) and the metadata.yaml a maintainer would write
for it (valid against schemas/inputs/metadata.schema.json).

Every statement is INVENTED: it is composed from sentence templates written for this
generator and from the names and aliases in the codebook. No real statement is copied.
Pages take the shapes that the publisher profiles read (the Chinese MFA English site,
the Chinese UN mission site, and pages read by the generic profile), in English and,
for about one statement in twenty, in Simplified Chinese. The templates, word lists and
page layouts are data in benchmarks/synthetic/ (each file says what it holds); the modules
of the package there combine them, and this file is only the command line.

The output is a pure function of (size, seed): no clock, no environment, no iteration over
sets or unordered mappings. Each statement is drawn with its own random.Random seeded by
(seed, index), so statements do not depend on one another; events are drawn first from a
generator seeded by (seed, size).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

# The package beside this file imports without installation, also when tests load this file by path.
_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from synthetic.corpus import generate  # noqa: E402

__all__ = ["generate", "main"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, required=True, help="number of statements")
    ap.add_argument("--seed", type=int, default=0, help="random seed (same size and seed: the same bytes)")
    ap.add_argument("--out", type=Path, required=True, help="project root to create")
    ap.add_argument("--force", action="store_true", help="replace sources/, schemas/ and build outputs already in --out")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    try:
        ids = generate(args.out, args.size, args.seed, overwrite=args.force)
    except (FileExistsError, ValueError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    total = sum((args.out / "sources" / "statements" / d / "source.txt").stat().st_size for d in ids)
    print(f"wrote {len(ids)} statements ({total / len(ids) / 1024:.1f} KB on average) to {args.out} "
          f"in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
