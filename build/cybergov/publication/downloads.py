"""The files the downloads page offers, each with its size and SHA-256, listed in dist/downloads.json.

`cybergov db` writes the list (and a Parquet copy of every table, typed from its Table
Schema, in dist/parquet/); `cybergov release` writes it again so that it names the zip.
The site serves only the files the list names, from the project folder, as attachments.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

from ..package.tables import load_schema
from ..paths import Paths
from .release import parquet_bytes

MANIFEST = "downloads.json"
PACKAGE_TABLE = "package_info"
TYPES = {".csv": "text/csv; charset=utf-8", ".json": "application/json", ".md": "text/markdown; charset=utf-8",
         ".cff": "text/plain; charset=utf-8", ".zip": "application/zip", ".db": "application/vnd.sqlite3",
         ".parquet": "application/vnd.apache.parquet", ".jsonl": "application/x-ndjson"}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_package_info(conn: sqlite3.Connection, paths: Paths) -> None:
    """The package's name, title, version, date and licence in the database, for the cite blocks."""
    package = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    info = {"name": package["name"], "title": package["title"], "version": package["version"],
            "created": package.get("created", ""), "license": package["licenses"][0]["name"],
            "license_url": package["licenses"][0].get("path", "")}
    conn.execute(f"create table {PACKAGE_TABLE} (key text primary key, value text)")
    conn.executemany(f"insert into {PACKAGE_TABLE} values (?, ?)", sorted(info.items()))


def _parquet(paths: Paths, package: dict) -> list[Path]:
    """A Parquet copy of each table, written again only when its CSV is newer."""
    out = []
    folder = paths.dist / "parquet"
    folder.mkdir(parents=True, exist_ok=True)
    for res in package["resources"]:
        csv_path, target = paths.root / res["path"], folder / f"{res['name']}.parquet"
        if not target.is_file() or target.stat().st_mtime < csv_path.stat().st_mtime:
            tmp = target.with_suffix(".parquet.tmp")
            tmp.write_bytes(parquet_bytes(csv_path, load_schema(paths.root, res["schema"].removesuffix(".json"))))
            os.replace(tmp, target)
        out.append(target)
    return out


def write_manifest(paths: Paths) -> Path:
    package = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    root = paths.root
    entries: list[tuple[str, str, Path]] = []  # group, label, file
    release = paths.dist / f"{package['name']}-{package['version']}.zip"
    if release.is_file():
        entries.append(("release", "Everything in one zip: data, Parquet, schemas, documentation, checksums", release))
    entries.append(("database", "SQLite database (what this site publishes)", paths.database))
    for name, label in (("datapackage.json", "Data Package descriptor"), ("CODEBOOK.md", "Codebook"),
                        ("CITATION.cff", "Citation (CFF)")):
        if (root / name).is_file():
            entries.append(("package", label, root / name))
    if paths.nested.is_file():
        entries.append(("package", "Nested view: one JSON object per statement", paths.nested))
    parquet = {p.stem: p for p in _parquet(paths, package)}
    for res in package["resources"]:
        entries.append(("tables", f"{res['name']} (CSV)", root / res["path"]))
        entries.append(("tables", f"{res['name']} (Parquet)", parquet[res["name"]]))
    for schema in sorted(paths.schemas.rglob("*.json")):
        entries.append(("schemas", schema.relative_to(paths.schemas).as_posix(), schema))
    files = []
    for group, label, path in entries:
        rel = path.relative_to(root).as_posix()
        files.append({"path": rel, "group": group, "label": label, "size": path.stat().st_size, "sha256": _sha256(path),
                      "type": TYPES.get(path.suffix, "application/octet-stream")})
    target = paths.dist / MANIFEST
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps({"version": package["version"], "files": files}, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, target)
    return target
