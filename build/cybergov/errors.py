"""One error type for bad input: it names the file, the line and what to do."""
from __future__ import annotations


# A problem quotes what it found: past this length it is cut, so that a huge value in a
# hand-edited file gives a readable message rather than megabytes of it.
MAX_PROBLEM = 1000


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

    @property
    def where(self) -> str:
        """`file:line`, `file`, or "" when the input has no file."""
        return f"{self.file}:{self.line}" if self.file and self.line else self.file or ""

    def __str__(self) -> str:
        where = self.where
        problem = self.problem if len(self.problem) <= MAX_PROBLEM else f"{self.problem[:MAX_PROBLEM]}... (cut)"
        head = f"{where}: {problem}" if where else problem
        return f"{head}\n  fix: {self.fix}" if self.fix else head
