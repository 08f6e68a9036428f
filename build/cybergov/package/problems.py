"""What `cybergov validate` reports: every problem found, by check, table, row and field."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Problem:
    check: str
    resource: str
    row: int | None
    field: str | None
    message: str
    code: str | None = None  # frictionless' error type (type-error, foreign-key, ...), for the checks that mirror it

    def __str__(self) -> str:
        where = self.resource + (f" row {self.row}" if self.row else "") + (f" field {self.field}" if self.field else "")
        return f"[{self.check}] {where}: {self.message}"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what was not checked, and why

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, *args) -> None:
        self.problems.append(Problem(*args))

    def render(self, limit: int = 200) -> str:
        lines = [f"checked: {', '.join(f'{k} {v}' for k, v in self.checked.items())}"] + [f"note: {n}" for n in self.notes]
        if self.ok:
            lines.append("valid: no problems found")
            return "\n".join(lines)
        lines.append(f"INVALID: {len(self.problems)} problem(s)")
        lines += [f"  {p}" for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"  ... and {len(self.problems) - limit} more")
        return "\n".join(lines)
