"""YAML output of the export shape."""

from __future__ import annotations

from typing import Any


def dumps(data: Any) -> str:
    """Block-style YAML in the export's key order, Unicode kept as is."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(
        data,
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return text
