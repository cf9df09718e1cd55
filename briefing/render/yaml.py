"""YAML output of the export shape."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import Any

from briefing.render import CONTROL

# Items dumped at a time from a long list: PyYAML builds a node for every value it writes,
# so a fact file of 100,000 events is written a slice at a time, never all as nodes.
CHUNK = 1000


def dumps(data: Any) -> str:
    """Block-style YAML in the export's key order, Unicode kept as is unless it holds a
    control character."""
    text = "".join(_pieces(data, allow_unicode=True))
    # YAML counts bidirectional controls as printable and writes them raw, where they could
    # reorder what a terminal shows: text holding one is written with \u escapes instead.
    return "".join(_pieces(data, allow_unicode=False)) if CONTROL.search(text) else text


def _pieces(data: Any, allow_unicode: bool) -> Iterator[str]:
    """The YAML of ``data``; a mapping's lists in slices, each item read once, in turn (a
    list may make its items as they are read). Block lists under a key are not indented,
    so a slice after the first is written as a list of its own, at column 0, exactly as it
    would stand in the whole."""
    if not isinstance(data, dict) or not all(_is_list(v) for v in data.values()):
        yield _dump(data, allow_unicode)
        return
    for key, items in data.items():
        remaining = iter(items)
        yield _dump({key: list(itertools.islice(remaining, CHUNK))}, allow_unicode)
        while chunk := list(itertools.islice(remaining, CHUNK)):
            yield _dump(chunk, allow_unicode)


def _is_list(value: Any) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, (str, bytes))


def _dump(data: Any, allow_unicode: bool) -> str:
    import yaml

    text: str = yaml.dump(
        data,
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        sort_keys=False,
        allow_unicode=allow_unicode,
        default_flow_style=False,
        width=100,
    )
    return text
