"""Loops in a graph of ids: judgments resting on each other, sources based on each other;
pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def cycles(edges: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Each loop of ``edges`` (an id -> the ids it leads to, in order; an id that is not a
    key leads nowhere), once: its ids in the order the walk met them. The walk starts from
    each id in the order of ``edges``, follows the first way not yet explored, and is
    iterative, so that a chain of any length cannot exhaust the stack; an id in a loop
    found is in no other loop."""
    done: set[str] = set()
    found: list[list[str]] = []
    for start in edges:
        if start in done:
            continue
        path = [start]
        on_path = {start: 0}
        stack = [(start, iter(edges[start]))]
        while stack:
            node, following = stack[-1]
            nxt = next((n for n in following if n in edges and n not in done), None)
            if nxt is None:
                stack.pop()
                path.pop()
                on_path.pop(node, None)
                done.add(node)
                continue
            if nxt in on_path:
                loop = path[on_path[nxt] :]
                found.append(loop)
                done.update(loop)
                continue
            on_path[nxt] = len(path)
            path.append(nxt)
            stack.append((nxt, iter(edges[nxt])))
    return found
