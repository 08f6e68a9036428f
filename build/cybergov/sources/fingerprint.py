"""Fingerprints of what a statement's rows depend on, so that an unchanged statement is known
without being read again: its own files (digests remembered by file stamp), the codebook,
profiles, conventions, schemas and the code.

The build keys its cache and the last build's layout by them (runner.py, package/layout.py);
`validate` uses them to skip statements whose files are those the last build read.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from ..paths import Paths

_CODE_DIR = Path(__file__).resolve().parent.parent


def _hash_files(h, files) -> str:
    for f in files:
        if f.is_file():
            h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def inputs_fingerprint(paths: Paths) -> str:
    """Hash of everything besides a statement's own files that its rows depend on."""
    # events.yaml is left out: a statement's rows only need its event to exist, which the
    # build checks for every statement, cached or not; adding an event re-annotates nothing.
    files = [*sorted(paths.codebook.rglob("*.yaml")), *sorted(paths.profiles.glob("*.yaml")),
             paths.sources / "conventions.yaml",
             *sorted(paths.table_schemas.glob("*.json")), *sorted(_CODE_DIR.rglob("*.py"))]
    return _hash_files(hashlib.sha256(), files)


class FileDigests:
    """SHA-256 of source files, remembered with their size, inode and modification time (ns), so
    that an unchanged corpus is not read again to know that it is unchanged (kept in .cache/)."""

    def __init__(self, path: Path | None):
        self.path, self.known = path, {}
        if path is not None and path.is_file():
            try:
                with path.open("rb") as fh:
                    self.known = pickle.load(fh)
            except (OSError, pickle.UnpicklingError, EOFError):
                self.known = {}
        self.used: dict[str, tuple] = {}

    def digest(self, entry: os.DirEntry) -> bytes:
        st = entry.stat()
        stamp = (st.st_size, st.st_mtime_ns, st.st_ino)
        found = self.known.get(entry.path)
        if found is None or found[0] != stamp:
            with open(entry.path, "rb") as fh:
                found = (stamp, hashlib.file_digest(fh, "sha256").digest())
        self.used[entry.path] = found
        return found[1]

    def save(self) -> None:
        """Keep the digests of the files seen in this build (only those)."""
        if self.path is not None:
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(self.used, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)


def statement_fingerprint(folder: Path, base: str, digests: FileDigests) -> str:
    h = hashlib.sha256(base.encode())
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.is_file():
            h.update(entry.name.encode() + b"\0" + digests.digest(entry) + b"\0")
    return h.hexdigest()
