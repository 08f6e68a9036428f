"""Safe YAML loading that remembers line numbers, and JSON Schema checks that report them.

Hand-written inputs are YAML. A mistake in one must be reported at its line, so the
loader keeps the line of every mapping key and list item. Only plain YAML is accepted:
tags such as !!python/object are refused, dates stay strings (the schemas check their
format), and a key written twice is an error rather than silently overwritten. Aliases
(`*name`, and merges `<<: *name`) are refused: nine lines of them make a value of a billion
items (the "billion laughs"), which a schema message or an annotator then walks for ever,
and no hand-written file here needs them. A symlink is refused too: the inputs are the
files in the repository, not what a link points to.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import yaml

from ..errors import InputError


class LineDict(dict):
    """A mapping from YAML with the line of the mapping and of each key."""

    line: int = 0
    key_lines: dict


class LineList(list):
    line: int = 0
    item_lines: list


# libyaml's parser when PyYAML has it (it does in the wheels we pin): the same safe
# constructors, several times faster on thousands of metadata files.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


# Keep dates and times as strings (JSON Schema checks them; outputs write them as written),
# and read only true/false as booleans, as YAML 1.2 does: "on", "no" and "yes" are words.
_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            raise yaml.constructor.ConstructorError(None, None, "a mapping key must be plain text", key_node.start_mark)
        if key in out:
            raise yaml.constructor.ConstructorError(None, None, f"key {key!r} appears twice", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


def _refuse_aliases(loader: _Loader, root: yaml.Node) -> None:
    """Walk the composed nodes in document order before anything is built: an anchor comes
    before its aliases, so a node reached twice is reached the second time through an alias,
    reported at the key that holds it (or the list it is in)."""
    seen: set[int] = set()
    todo = [(root, root.start_mark)]
    while todo:
        node, mark = todo.pop()
        if id(node) in seen:
            raise yaml.constructor.ConstructorError(None, None, "uses a YAML alias (*name) or merge (<<), which is not allowed here",
                                                    mark)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            todo += reversed([(n, k.start_mark) for k, v in node.value for n in (k, v)])
        elif isinstance(node, yaml.SequenceNode):
            todo += reversed([(child, node.start_mark) for child in node.value])


def _construct_document(loader: _Loader, node: yaml.Node):
    _refuse_aliases(loader, node)
    return yaml.constructor.SafeConstructor.construct_document(loader, node)


_Loader.construct_document = _construct_document
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def load_yaml(path: Path, shown_as: str | None = None) -> Any:
    """Parse one YAML file, turning every failure into an InputError with file and line."""
    name = shown_as or str(path)
    if Path(path).is_symlink():
        raise InputError("is a symbolic link, which is not read", name, fix="replace the link by the file itself")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", name, fix="check that the file exists and is readable") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("is not UTF-8 text", name, line, "save the YAML file as UTF-8") from exc
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc)
        fix = "fix the YAML syntax at that line (plain YAML only, no tags)"
        if "could not determine a constructor" in problem:
            problem = "uses a YAML tag, which is not allowed here " + problem.split("constructor for the tag")[-1].strip()
        elif "alias" in problem:
            fix = "write the value out in full where it is used (no &anchor, *alias or <<)"
        raise InputError(f"invalid YAML: {cut(problem)}", name, line, fix) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", name, fix="fix the YAML syntax") from exc


def cut(text: str, limit: int = 200) -> str:
    """A message quotes a value: a long one is shown by its start and its length."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters in all)"


@lru_cache(maxsize=None)
def load_json_schema(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _validator(path: Path) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_json_schema(path), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def line_of(data: Any, path: list) -> int | None:
    """The line of the deepest node of `path` that carries one."""
    line = getattr(data, "line", None)
    node = data
    for step in path:
        if isinstance(node, LineDict) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and step < len(node):
            line = node.item_lines[step]
            node = node[step]
        else:
            break
    return line


def _formats(node) -> set[str]:
    """Every "format" a JSON Schema uses (a property that happens to be named format is a dict, not a string)."""
    if isinstance(node, dict):
        own = {node["format"]} if isinstance(node.get("format"), str) else set()
        return own.union(*map(_formats, node.values()))
    return set().union(*map(_formats, node)) if isinstance(node, list) else set()


@lru_cache(maxsize=None)
def _fast_validator(path: Path):
    """The same schema compiled by jsonschema-rs, a quick yes for valid files (metadata is read once per statement).

    None for schemas with a "regex" format: jsonschema-rs reads ECMA regexes, the build compiles Python ones.
    """
    schema = load_json_schema(path)
    return None if "regex" in _formats(schema) else jsonschema_rs.validator_for(schema, validate_formats=True)


def check_schema(data: Any, schema_path: Path, shown_as: str, schema_shown_as: str) -> None:
    """Validate against a JSON Schema; the first error (in document order) becomes an InputError.

    python-jsonschema gives the errors and their paths; jsonschema-rs only answers first whether there are any.
    """
    fast = _fast_validator(Path(schema_path))
    if fast is not None and fast.is_valid(data):
        return
    validator = _validator(Path(schema_path))
    errors = list(validator.iter_errors(data))
    if not errors:
        return
    errors.sort(key=lambda e: (line_of(data, list(e.absolute_path)) or 0, list(map(str, e.absolute_path))))
    err = errors[0]
    path = list(err.absolute_path)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        # Point at the unexpected key itself, not at the mapping that holds it.
        extra = [k for k in err.instance if k not in err.schema.get("properties", {})]
        if extra:
            path.append(extra[0])
    where = cut("/".join(str(p) for p in err.absolute_path) or "(top level)")
    more = f" ({len(errors) - 1} more problem(s) after this one)" if len(errors) > 1 else ""
    raise InputError(
        f"{where}: {cut(err.message)}{more}",
        shown_as,
        line_of(data, path),
        f"correct the value; the allowed form is described in {schema_shown_as}",
    )
