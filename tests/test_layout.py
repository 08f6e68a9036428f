"""The code's layout keeps the flow visible: stages in order, no import cycles, small modules.

Stages of build/cybergov, in the order data flows through them (docs/architecture.md):
sources -> intake -> documents -> annotations -> package -> publication. A module may
import from its own stage or an earlier one; the top-level modules (cli, pipeline,
runner, cluster, statement) orchestrate and may import any stage, and the shared ones (paths,
errors, processes) import no stage at all.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "build" / "cybergov"
STAGES = ["sources", "intake", "documents", "annotations", "package", "publication"]
SHARED = {"paths", "errors", "processes"}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(("cybergov", *parts[:-1])) if parts[-1] == "__init__" else ".".join(("cybergov", *parts))
        out[name] = path
    return out


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Modules of the package that `name` imports (relative imports resolved), lazy imports included."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in known else base)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m in known and m != name}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in STAGES) else None


GRAPH = {name: _imports(name, path, set(_modules())) for name, path in _modules().items()}


def test_the_stages_exist_and_say_what_they_do():
    for stage in STAGES:
        init = PACKAGE / stage / "__init__.py"
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and f"Stage {STAGES.index(stage) + 1}, {stage}" in doc, f"{stage}/__init__.py needs its stage docstring"
    top = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert top == {"cli", "pipeline", "runner", "cluster", "statement"} | SHARED


def test_no_import_cycles():
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, trail: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(GRAPH[node]):
            if state.get(nxt) == 1:
                cycle.extend(trail[trail.index(nxt):] + [node, nxt] if nxt in trail else [node, nxt])
                return True
            if state.get(nxt) is None and visit(nxt, trail + [node]):
                return True
        state[node] = 2
        return False

    for module in sorted(GRAPH):
        if state.get(module) is None and visit(module, []):
            break
    assert not cycle, "import cycle: " + " -> ".join(cycle)


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_stage_imports_a_later_stage(module):
    own = _stage(module)
    for imported in GRAPH[module]:
        theirs = _stage(imported)
        if module.split(".")[-1] in SHARED or (module.count(".") == 1 and own is None):
            if module.split(".")[-1] in SHARED:
                assert theirs is None, f"{module} is shared and must not import the stage module {imported}"
            continue
        if theirs is not None:
            assert STAGES.index(theirs) <= STAGES.index(own), f"{module} ({own}) imports {imported} of the later stage {theirs}"
        else:
            assert imported.split(".")[-1] in SHARED, f"{module} ({own}) imports the orchestration module {imported}"


def test_modules_and_functions_are_small():
    big = []
    for name, path in _modules().items():
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MAX_MODULE_LINES:
            big.append(f"{name}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES:
                big.append(f"{name}.{node.name}: {node.end_lineno - node.lineno + 1} lines")
    assert not big, "over the limits: " + "; ".join(big)


def test_the_checks_see_what_they_check():
    """The graph is not empty: the checks above would pass vacuously on a parse that found nothing."""
    assert len(GRAPH) > 40
    assert "cybergov.sources.yamlio" in GRAPH["cybergov.sources.codebook"]
    assert "cybergov.documents.segment" in GRAPH["cybergov.documents.statement"]
