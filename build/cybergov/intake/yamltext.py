"""YAML written by hand-readable rules: one scalar per line, in the order a maintainer reads."""
from __future__ import annotations

import yaml


def yaml_scalar(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    out = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1 << 30).rstrip("\n")
    return out[:-4].rstrip() if out.endswith("\n...") else out
