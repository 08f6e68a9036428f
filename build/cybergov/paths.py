"""Where things live, anchored on the project root rather than the working directory."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_ROOT = Path(__file__).resolve().parents[2]
# The published database: dist/<DATABASE>.db, served by Datasette under /<DATABASE>/.
DATABASE = "cybergov"


@dataclass(frozen=True)
class Paths:
    root: Path

    @classmethod
    def at(cls, root: Path | str | None = None) -> "Paths":
        return cls(Path(root).resolve() if root else DEFAULT_ROOT)

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    @property
    def statements(self) -> Path:
        return self.sources / "statements"

    @property
    def profiles(self) -> Path:
        return self.sources / "profiles"

    @property
    def codebook(self) -> Path:
        return self.sources / "codebook"

    @property
    def schemas(self) -> Path:
        return self.root / "schemas"

    @property
    def table_schemas(self) -> Path:
        return self.schemas / "tables"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def datapackage(self) -> Path:
        return self.root / "datapackage.json"

    @property
    def dist(self) -> Path:
        return self.root / "dist"

    @property
    def nested(self) -> Path:
        """The nested view (one JSON object per statement): built beside the database, shipped in the release zip."""
        return self.dist / "statements.jsonl"

    @property
    def database(self) -> Path:
        return self.dist / f"{DATABASE}.db"

    @property
    def cache(self) -> Path:
        return self.root / ".cache"

    def rel(self, path: Path) -> str:
        """A path as shown to users: relative to the project root where possible."""
        path = Path(path)
        if path.is_absolute() and ".." not in path.parts and path.is_relative_to(self.root):
            return str(path.relative_to(self.root))  # no resolve(): this is called for every statement
        try:
            return str(path.resolve().relative_to(self.root))
        except ValueError:
            return str(path)
