"""Read the hand-written inputs of one statement: its source bytes and its metadata."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..paths import Paths
from .yamlio import check_schema, load_yaml

MAX_SOURCE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    """One statement as stored in sources/statements/<document_id>/."""

    document_id: str
    folder: str  # relative to the project root, for messages and the source_file column
    raw: bytes
    metadata: dict
    curated: dict | None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


def statement_folders(paths: Paths) -> list[Path]:
    """Statement folders in a fixed order, whatever the file system returns."""
    if not paths.statements.is_dir():
        return []
    folders = sorted((p for p in paths.statements.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name)
    for folder in folders:
        if folder.is_symlink():
            raise InputError("the statement folder is a symbolic link, which is not read", paths.rel(folder),
                             fix="replace the link by the folder itself: sources/ holds the inputs, not pointers to them")
    return folders


def decode(raw: bytes, encoding: str, shown_as: str) -> str:
    """Strictly decode source bytes; refuse empty and binary input with a clear message."""
    if not raw.strip():
        raise InputError("the source file is empty", shown_as, fix="save the statement's page again; an empty file cannot be published")
    if len(raw) > MAX_SOURCE_BYTES:
        raise InputError(f"the source file is {len(raw):,} bytes, over the {MAX_SOURCE_BYTES:,}-byte limit", shown_as,
                         fix="save only the statement's page, not a whole site or a binary file")
    if encoding not in ("utf-16",) and b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise InputError("the source file is binary (it contains NUL bytes)", shown_as, line,
                         "save the statement as text or HTML; PDF, Word and image files are not accepted")
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"the source file is not valid {encoding} (byte 0x{raw[exc.start]:02x} at offset {exc.start})", shown_as, line,
            "set `encoding` in metadata.yaml to the file's real encoding, or add the file with `cybergov add`, which detects it",
        ) from exc


def load_metadata(paths: Paths, folder: Path) -> dict:
    meta_path = folder / "metadata.yaml"
    shown = paths.rel(meta_path)
    if not meta_path.is_file():
        raise InputError("metadata.yaml is missing", shown, fix="write it by hand or add the statement with `cybergov add`")
    meta = load_yaml(meta_path, shown)
    check_schema(meta, paths.schemas / "inputs" / "metadata.schema.json", shown, "schemas/inputs/metadata.schema.json")
    if meta["document_id"] != folder.name:
        raise InputError(f"document_id {meta['document_id']!r} differs from the folder name {folder.name!r}", shown,
                         meta.key_lines.get("document_id"), "make the folder name and document_id the same")
    return meta


def load_source(paths: Paths, folder: Path) -> Source:
    meta = load_metadata(paths, folder)
    src_path = folder / meta["source_file"]
    shown = paths.rel(src_path)
    if src_path.is_symlink():
        raise InputError("the source file is a symbolic link, which is not read", shown,
                         fix="replace the link by the saved page itself: a source is kept byte-for-byte in its folder")
    if not src_path.is_file():
        raise InputError(f"the source file {meta['source_file']} named in metadata.yaml is missing", shown,
                         fix="restore the saved page or correct `source_file`")
    raw = src_path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != meta["sha256"]:
        raise InputError(
            f"sha256 of the source is {digest}, but metadata.yaml records {meta['sha256']}", shown,
            fix="sources are kept byte-for-byte as obtained: restore the original file, or if it was replaced on purpose update `sha256` in metadata.yaml",
        )
    curated_path = folder / "curated.yaml"
    curated = None
    if curated_path.is_file():
        curated = load_yaml(curated_path, paths.rel(curated_path))
        check_schema(curated, paths.schemas / "inputs" / "curated.schema.json", paths.rel(curated_path), "schemas/inputs/curated.schema.json")
    return Source(document_id=folder.name, folder=paths.rel(folder), raw=raw, metadata=meta, curated=curated)
