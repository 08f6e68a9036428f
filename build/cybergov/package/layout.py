"""Where each statement's rows sit in the outputs of the last build, so that the next one can
copy them from there instead of reading them back from the cache.

A build appends each statement's rows to every table in document order, so a statement's
rows in a table are one byte range. The layout (kept in .cache/) records, per output file,
the offset where each statement's range starts, with the file's size, inode and
modification time when the build put it in place, and what the writer needs of each
statement besides its rows. A later build whose statement has the same fingerprint copies
its ranges from the old file (a run of such statements is one copy), provided the file is
still the one the layout describes; anything else (a file edited or replaced, another
output root) falls back to the per-statement cache.
"""
from __future__ import annotations

import os
import pickle
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from pathlib import Path

from .tables import DOCUMENT_TABLES

FILE = "layout.pickle"
JSON = "_json"  # the statement's line of the nested view
# What the writer needs of a statement besides its rows (statement.fragments makes them all).
META = ("_counts", "_publisher", "_date", "_sha256", "_event", "_corpus", "_translation", "_paragraphs")
_CHUNK = 1 << 23


@dataclass
class Layout:
    """Offsets recorded while writing: `starts[output][i]` is where statement i's rows begin."""
    out_root: str
    keys: list[tuple[str, str]] = field(default_factory=list)  # (folder name, fingerprint) per statement
    starts: dict[str, list[int]] = field(default_factory=dict)
    meta: list[dict] = field(default_factory=list)
    stats: dict[str, tuple[int, int, int]] = field(default_factory=dict)


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def outputs(out_root: Path, jsonl: Path) -> dict[str, Path]:
    """The files whose ranges a layout records: each document table, and the nested view."""
    return {**{t: out_root / "data" / f"{t}.csv" for t in DOCUMENT_TABLES}, JSON: jsonl}


def save(cache_dir: Path, layout: Layout, files: dict[str, Path]) -> None:
    """Keep the layout of outputs just put in place, with their file stats."""
    layout.stats = {name: _stat(path) for name, path in files.items()}
    tmp = cache_dir / f"{FILE}.{os.getpid()}.tmp"
    with tmp.open("wb") as fh:
        pickle.dump(layout, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, cache_dir / FILE)


def load(cache_dir: Path | None) -> Layout | None:
    """The layout the last build kept in `cache_dir`, if there is a readable one."""
    path = cache_dir / FILE if cache_dir is not None else None
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as fh:
            layout = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None
    return layout if isinstance(layout, Layout) else None


class Previous:
    """The last build's outputs, opened for copying, while they are still the ones the layout describes."""

    def __init__(self, layout: Layout, files: dict[str, Path]):
        self.layout = layout
        self.fds = {name: os.open(path, os.O_RDONLY) for name, path in files.items()}
        self.index = {key: i for i, key in enumerate(layout.keys)}

    @classmethod
    def open(cls, cache_dir: Path | None, out_root: Path, files: dict[str, Path]) -> Previous | None:
        """The last build's outputs under `out_root`, if `cache_dir` has their layout and they are unchanged."""
        layout = load(cache_dir)
        if layout is None or layout.out_root != str(out_root):
            return None
        if any(layout.stats.get(name) != _stat(p) or len(layout.starts.get(name, ())) != len(layout.keys) + 1
               for name, p in files.items()):
            return None
        return cls(layout, files)

    def find(self, name: str, fingerprint: str) -> Stored | None:
        i = self.index.get((name, fingerprint))
        return None if i is None else Stored(self, i)

    def close(self) -> None:
        for fd in self.fds.values():
            os.close(fd)


class Stored(dict):
    """A statement's fragments as the writer reads them, its rows left in the old files: `ranges`
    gives (file descriptor, start, end) per output instead of bytes."""

    def __init__(self, previous: Previous, i: int):
        super().__init__(previous.layout.meta[i])
        self.previous, self.i = previous, i

    def span(self, name: str) -> tuple[int, int, int]:
        starts = self.previous.layout.starts[name]
        return self.previous.fds[name], starts[self.i], starts[self.i + 1]


class Appender:
    """An output file written from bytes and from ranges of old files; adjacent ranges of the same
    file are copied as one, by `copier` (a thread pool: copying and hashing release the GIL, so
    the files are copied side by side). `hashing` keeps a SHA-256 of everything written."""

    def __init__(self, path: Path, hashing, copier: Executor):
        self.fh = path.open("wb")
        self.hash = hashing
        self.size = 0
        self.copier = copier
        self._run: list[int] | None = None  # [fd, start, end] not yet copied
        self._copying: Future | None = None

    def write(self, data: bytes) -> None:
        self.flush()
        self._wait()
        self.fh.write(data)
        if self.hash is not None:
            self.hash.update(data)
        self.size += len(data)

    def copy(self, fd: int, start: int, end: int) -> None:
        if self._run is not None and self._run[0] == fd and self._run[2] == start:
            self._run[2] = end
        else:
            self.flush()
            self._run = [fd, start, end]
        self.size += end - start

    def flush(self) -> None:
        """Start copying the pending range, in the pool."""
        if self._run is None:
            return
        run, self._run = self._run, None
        self._wait()
        self.fh.flush()
        self._copying = self.copier.submit(self._copy, *run)

    def _wait(self) -> None:
        if self._copying is not None:
            copying, self._copying = self._copying, None
            copying.result()

    def _copy(self, fd: int, start: int, end: int) -> None:
        out = self.fh.fileno()
        in_kernel = self.hash is None and hasattr(os, "copy_file_range")  # Linux; nothing to see on the way
        while start < end:
            n = min(_CHUNK, end - start)
            done = 0
            if in_kernel:
                try:
                    done = os.copy_file_range(fd, out, n, start)
                except OSError:  # a file system or kernel without it: read and write instead
                    in_kernel = False
            if not in_kernel:
                data = os.pread(fd, n, start)
                if self.hash is not None:
                    self.hash.update(data)
                done = len(data)
                view = memoryview(data)
                while view:
                    view = view[os.write(out, view):]
            if done <= 0:
                raise OSError(f"the previous build's output ended at byte {start}, before its layout said")
            start += done

    def close(self) -> None:
        try:
            self.flush()
            self._wait()
        finally:
            self.fh.close()
