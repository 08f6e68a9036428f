"""One error type for bad input: it names the file, the line and what to do."""
from __future__ import annotations


class InputError(Exception):
    """Bad input that stops the build. Rendered as `file:line: problem` plus a fix."""

    def __init__(self, problem: str, file: str | None = None, line: int | None = None, fix: str | None = None):
        super().__init__(problem)
        self.problem = problem
        self.file = file
        self.line = line
        self.fix = fix

    def __reduce__(self):  # keep file, line and fix when raised in a worker process
        return (type(self), (self.problem, self.file, self.line, self.fix))

    def __str__(self) -> str:
        where = self.file or ""
        if self.file and self.line:
            where += f":{self.line}"
        head = f"{where}: {self.problem}" if where else self.problem
        return f"{head}\n  fix: {self.fix}" if self.fix else head
