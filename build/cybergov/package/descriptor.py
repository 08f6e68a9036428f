"""datapackage.json: hand-written package metadata plus what the build measured."""
from __future__ import annotations

import json

from ..paths import Paths
from .tables import DIALECT, TABLES, load_schema


def _sources(publishers: list[dict], corpora: list[dict]) -> list[dict]:
    """The publishers of the statements, then the corpora they were imported from, with their licences."""
    out = [{"title": p["name"], **({"path": p["url"]} if p.get("url") else {})} for p in publishers]
    for c in corpora:
        out.append({"title": f"{c['title']} ({c['publisher']}; licence: {c['licence']})", **({"path": c["url"]} if c.get("url") else {})})
    return out


def datapackage(paths: Paths, files: dict[str, tuple[int, str]], meta: dict, created: str, publishers: list[dict],
                corpora: list[dict] = ()) -> dict:
    """The descriptor for the CSVs whose (size, sha256) per table are in `files` (paths relative to the root)."""
    resources = []
    for table in TABLES:
        schema = load_schema(paths.table_schemas, table)
        size, digest = files[table]
        resources.append({
            "name": table,
            "path": f"data/{table}.csv",
            "profile": "tabular-data-resource",
            "title": schema["title"],
            "description": schema["description"],
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": DIALECT,
            "schema": f"schemas/tables/{table}.json",
            "bytes": size,
            "hash": f"sha256:{digest}",
        })
    package = {
        "profile": "tabular-data-package",
        "name": meta["name"],
        "title": meta["title"],
        "description": " ".join(meta["description"].split()),
        "version": meta["version"],
        "created": created,
        "keywords": list(meta.get("keywords", [])),
        "licenses": [dict(lic) for lic in meta["licenses"]],
        "sources": _sources(publishers, corpora),
        "contributors": [dict(c) for c in meta["contributors"]],
        "resources": resources,
    }
    if meta.get("homepage"):
        package["homepage"] = meta["homepage"]
    return package


def dump(package: dict) -> bytes:
    return (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
