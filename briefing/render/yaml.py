"""YAML output of the export shape."""

from __future__ import annotations

from typing import Any

from briefing.render import CONTROL


def dumps(data: Any) -> str:
    """Block-style YAML in the export's key order, Unicode kept as is unless it holds a
    control character."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    def dump(allow_unicode: bool) -> str:
        text: str = yaml.dump(
            data,
            Dumper=dumper,
            sort_keys=False,
            allow_unicode=allow_unicode,
            default_flow_style=False,
            width=100,
        )
        return text

    text = dump(allow_unicode=True)
    # YAML counts bidirectional controls as printable and writes them raw, where they could
    # reorder what a terminal shows: text holding one is written with \u escapes instead.
    return dump(allow_unicode=False) if CONTROL.search(text) else text
