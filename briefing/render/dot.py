"""Graphs in Graphviz's DOT language, to draw with `dot` or any tool that reads it.

Node ids are made here (``n0``, ``n1``...), never from fact text; labels are quoted strings
with backslashes, quotes and ampersands escaped (Graphviz reads ``\\N``-style escapes and
HTML entities inside them), so no name can end the string or stand for another."""

from __future__ import annotations

from briefing.render import clean
from briefing.render.mermaid import fill
from briefing.views import GraphView

SHAPES = {
    "state": "box",
    "person": "ellipse",
    "organisation": "box",
    "international organisation": "box",
    "alliance": "box",
    "government body": "component",
    "armed group": "hexagon",
    "company": "component",
    "group": "oval",
    "region": "parallelogram",
    "city": "parallelogram",
    "topic": "note",
}
ROUNDED = {"organisation", "international organisation", "alliance"}
FONT = "DejaVu Sans"


def quoted(text: str) -> str:
    """``text`` as a DOT quoted string, on one line, meaning itself."""
    flat = " ".join(clean(text).split())
    flat = flat.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return f'"{flat}"'


def graph(view: GraphView) -> str:
    """A directed graph, left to right; former relations dashed."""
    lines = [
        "digraph briefing {",
        f'  graph [rankdir=LR, charset="UTF-8", fontname="{FONT}"];',
        f'  node [fontname="{FONT}", fontsize=11, style=filled, color="#555555"];',
        f'  edge [fontname="{FONT}", fontsize=9, color="#555555"];',
    ]
    for i, node in enumerate(view.nodes):
        style = ', style="filled,rounded"' if node.kind in ROUNDED else ""
        shape = SHAPES.get(node.kind, "box")
        colour = fill(node.kind)
        lines.append(
            f'  n{i} [label={quoted(node.name)}, shape={shape}, fillcolor="{colour}"{style}];'
        )
    for edge in view.edges:
        text = f"{edge.label} ({edge.when})" if edge.when else edge.label
        style = ", style=dashed" if edge.former else ""
        lines.append(f"  n{edge.source} -> n{edge.target} [label={quoted(text)}{style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
