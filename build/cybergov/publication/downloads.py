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
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from ..package.commit import put_in_place
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


class FileHashes:
    """SHA-256 of files, computed on a thread of their own (hashlib lets go of the GIL while it
    hashes), so that it can overlap other work; a file whose size or time has changed since it
    was hashed is hashed again."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._known: dict[Path, tuple[tuple[int, int], Future]] = {}

    def start(self, paths) -> None:
        for path in paths:
            if path.is_file() and path not in self._known:
                self._known[path] = (_stamp(path), self._pool.submit(_sha256, path))

    def sha256(self, path: Path) -> str:
        known = self._known.get(path)
        if known is None or known[0] != _stamp(path):
            self._known[path] = known = (_stamp(path), self._pool.submit(_sha256, path))
        return known[1].result()

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def write_package_info(conn: sqlite3.Connection, paths: Paths) -> None:
    """The package's name, title, version, date and licence in the database, for the cite blocks."""
    package = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    info = {"name": package["name"], "title": package["title"], "version": package["version"],
            "created": package.get("created", ""), "license": package["licenses"][0]["name"],
            "license_url": package["licenses"][0].get("path", "")}
    conn.execute(f"create table {PACKAGE_TABLE} (key text primary key, value text)")
    conn.executemany(f"insert into {PACKAGE_TABLE} values (?, ?)", sorted(info.items()))


def _parquet_path(paths: Paths, name: str) -> Path:
    return paths.dist / "parquet" / f"{name}.parquet"


def write_parquet(root: str) -> None:
    """A Parquet copy of each table, written again only when its CSV is newer."""
    paths = Paths.at(root)
    package = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    (paths.dist / "parquet").mkdir(parents=True, exist_ok=True)
    for res in package["resources"]:
        csv_path, target = paths.root / res["path"], _parquet_path(paths, res["name"])
        if not target.is_file() or target.stat().st_mtime < csv_path.stat().st_mtime:
            tmp = target.with_suffix(".parquet.tmp")
            schema = load_schema(paths.root, res["schema"].removesuffix(".json"))
            tmp.write_bytes(parquet_bytes(csv_path, schema, threads=False))  # beside the database's loading
            put_in_place(tmp, target)


def manifest_entries(paths: Paths) -> list[tuple[str, str, Path]]:
    """(group, label, file) of every file the downloads page offers."""
    package = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    root = paths.root
    entries: list[tuple[str, str, Path]] = []
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
    for res in package["resources"]:
        entries.append(("tables", f"{res['name']} (CSV)", root / res["path"]))
        entries.append(("tables", f"{res['name']} (Parquet)", _parquet_path(paths, res["name"])))
    for schema in sorted(paths.schemas.rglob("*.json")):
        entries.append(("schemas", schema.relative_to(paths.schemas).as_posix(), schema))
    return entries


def write_manifest(paths: Paths, hashes: FileHashes | None = None) -> Path:
    """dist/downloads.json (and the Parquet copies it names); `hashes` may hold the hashes of some files already."""
    package = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    write_parquet(str(paths.root))
    files = []
    for group, label, path in manifest_entries(paths):
        rel = path.relative_to(paths.root).as_posix()
        files.append({"path": rel, "group": group, "label": label, "size": path.stat().st_size,
                      "sha256": hashes.sha256(path) if hashes else _sha256(path),
                      "type": TYPES.get(path.suffix, "application/octet-stream")})
    target = paths.dist / MANIFEST
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps({"version": package["version"], "files": files}, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, target)
    return target
