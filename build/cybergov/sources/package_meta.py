"""Package-level metadata (sources/package.yaml): name, title, licences, contributors."""
from __future__ import annotations

from ..errors import InputError
from ..paths import Paths
from .yamlio import check_schema, load_yaml


def load_package_meta(paths: Paths) -> dict:
    path = paths.sources / "package.yaml"
    shown = paths.rel(path)
    if not path.is_file():
        raise InputError("file is missing", shown, fix="restore it from the repository")
    meta = load_yaml(path, shown)
    check_schema(meta, paths.schemas / "inputs" / "package.schema.json", shown, "schemas/inputs/package.schema.json")
    return meta
