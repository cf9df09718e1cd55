"""Graphs as Mermaid flowcharts, which GitHub, GitLab and Obsidian draw from a code block.

Node ids are made here (``n0``, ``n1``...), never from fact text; every label is a quoted
string in which all but letters, digits and spaces are Mermaid entity codes (``#34;``), so
no name can close the string, start an arrow or a comment, or become markup."""

from __future__ import annotations

import re

from briefing.render import clean
from briefing.spec import ACTOR_KINDS
from briefing.views import GraphView

# Node shapes by actor kind ("topic" for topics), as Mermaid's (open, close) brackets.
SHAPES = {
    "state": ('["', '"]'),
    "person": ('(["', '"])'),
    "organisation": ('("', '")'),
    "international organisation": ('("', '")'),
    "alliance": ('("', '")'),
    "government body": ('[["', '"]]'),
    "armed group": ('{{"', '"}}'),
    "company": ('[["', '"]]'),
    "group": ('(("', '"))'),
    "region": ('[/"', '"/]'),
    "city": ('[/"', '"/]'),
    "topic": ('>"', '"]'),
}
OTHER_SHAPE = ('["', '"]')

# Fill colours by kind (ColorBrewer's "Set3", light enough for black text); grey for "other"
# and for kinds a fact base's settings add.
FILLS = dict(
    zip(
        [k for k in ACTOR_KINDS if k != "other"] + ["topic"],
        ["#80b1d3", "#fdb462", "#b3de69", "#8dd3c7", "#bebada", "#ccebc5", "#fb8072",
         "#bc80bd", "#fccde5", "#ffed6f", "#ffffb3", "#ffffff"],
        strict=True,
    )
)  # fmt: skip
OTHER_FILL = "#d9d9d9"

# What stays as written inside a label: letters, digits, spaces and a few marks that mean
# nothing there. The rest (quotes, brackets, `|`, `;`, `#`, `%`, `<`, `&`, backticks...)
# becomes an entity code, which Mermaid shows as the character itself.
_UNSAFE = re.compile(r"[^\w .,:'()/-]|_")


def label(text: str) -> str:
    """``text`` for inside a Mermaid string: whitespace made single spaces, control
    characters made visible, every character with a meaning to Mermaid entity-coded."""
    flat = " ".join(clean(text).split())
    return _UNSAFE.sub(lambda m: f"#{ord(m.group())};", flat)


def fill(kind: str) -> str:
    """The fill colour of a node of ``kind`` (an actor kind, or "topic")."""
    return FILLS.get(kind, OTHER_FILL)


def graph(view: GraphView) -> str:
    """The flowchart, left to right; former relations dotted."""
    lines = ["flowchart LR"]
    kinds: dict[str, list[str]] = {}
    for i, node in enumerate(view.nodes):
        opening, closing = SHAPES.get(node.kind, OTHER_SHAPE)
        lines.append(f"  n{i}{opening}{label(node.name)}{closing}")
        kinds.setdefault(node.kind, []).append(f"n{i}")
    for edge in view.edges:
        text = f"{edge.label} ({edge.when})" if edge.when else edge.label
        arrow = "-.->" if edge.former else "-->"
        lines.append(f'  n{edge.source} {arrow}|"{label(text)}"| n{edge.target}')
    for k, (kind, ids) in enumerate(kinds.items()):
        lines.append(f"  classDef kind{k} fill:{fill(kind)},stroke:#555555,color:#000000")
        lines.append(f"  class {','.join(ids)} kind{k}")
    return "\n".join(lines) + "\n"
