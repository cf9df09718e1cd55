"""Adding one fact to a fact file (`briefing add`): the fact from what a curator gave, its id,
its YAML, and the file's new text with the fact appended, every byte around it kept.

The new fact is written by the one YAML writer (:mod:`briefing.render.yaml`, whose output
loads back), laid out as `briefing fmt` lays facts out, and put into the file as text, after
the last line of the collection's last item, at that list's indentation: comments, blank
lines, key order and quoting elsewhere in the file are never touched, as a round trip of
the whole file through a YAML library could not promise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from briefing import spec
from briefing.errors import BriefingError
from briefing.tolerate import FACT_KINDS

if TYPE_CHECKING:
    import yaml

    from briefing.model import FactBase

# The kinds of fact `briefing add` makes, and their collections: every kind of fact (a
# brief, which is not one, is written in its file).
KINDS = FACT_KINDS
# What an id is made from, by collection (a judgment's from its label, else its statement).
_ID_FROM = {
    "sources": ("title", "publisher"),
    "topics": ("name",),
    "actors": ("name",),
    "events": ("title",),
    "positions": ("actor", "topic"),
    "relations": ("subject", "type", "object"),
    "judgments": ("label", "statement"),
}
_JOINED = ("positions", "relations")  # ids made of every field named, joined


class CannotAdd(BriefingError):
    """The fact cannot be added to that file as it is written (not a list of facts)."""


class Addition(NamedTuple):
    """A fact file's text with one fact added: the new text, and the lines (1-based, first
    and last) the fact's block takes in it."""

    text: str
    first: int
    last: int


def fields(collection: str) -> tuple[spec.Field, ...]:
    """The fields `add` takes as options: every field of the collection but lists of
    nested items (an actor's roles, a brief's points), which are written in the file."""
    return tuple(f for f in spec.COLLECTION_FIELDS[collection] if not f.kind.startswith("list:"))


def fact(collection: str, given: Mapping[str, Any]) -> dict[str, Any]:
    """The fact's mapping in the spec's field order, without the fields not given."""
    order = [f.name for f in spec.COLLECTION_FIELDS[collection]]
    return {name: given[name] for name in order if _given(given.get(name))}


def _given(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != ()


def propose_id(collection: str, given: Mapping[str, Any], taken: Iterable[str]) -> str:
    """An id for the new fact, made from its title or name (a position's from its actor and
    topic), unique among ``taken``: `kazakhstan-grain-deal`, else `...-2`, `...-3`."""
    from briefing.importer import slug

    words = [str(given[name]) for name in _ID_FROM[collection] if _given(given.get(name))]
    if collection not in _JOINED:
        words = words[:1]
    fallback = collection[:-1]
    base = slug(" ".join(words), fallback)
    used = set(taken)
    if base not in used:
        return base
    n = 2
    while f"{base}-{n}" in used:
        n += 1
    return f"{base}-{n}"


def block(collection: str, item: Mapping[str, Any]) -> str:
    """The fact as the lines of one item of a block list, at column 0 (``- id: ...``), in
    the layout `briefing fmt` gives (:mod:`briefing.layout`), so that a file kept in that
    layout stays in it."""
    from briefing.layout import CannotFormat, formatted
    from briefing.render.yaml import dumps

    text = dumps({collection: [dict(item)]})
    try:
        text = formatted(text)
    except CannotFormat:  # never seen; the writer's own layout reads back the same
        return text.split("\n", 1)[1]
    lines = text.split("\n")[1:]  # the items, two spaces in under their key
    return "\n".join(line[2:] for line in lines)


def append(text: str, collection: str, item: str) -> Addition:
    """``text`` (a fact file, or "" for a new one) with ``item`` (:func:`block`) added to
    ``collection``: after the last line of its last item, indented as its items are; into
    an empty collection (``events:``, ``events: []``) after the key and the comments under
    it, its items two spaces in, as `briefing fmt` lays them out; a collection the file
    lacks is added at its end. Raises :class:`CannotAdd`."""
    import yaml

    from briefing.layout import first_line

    newline = "\r\n" if "\r\n" in text else "\n"
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    try:
        root = yaml.compose(body, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise CannotAdd(
            f"cannot be read as YAML ({first_line(exc)}); run `briefing check`"
        ) from None
    lines = body.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    if root is None:
        return _insert(bom, lines, len(lines), f"{collection}:{newline}", item, 2, newline)
    if not isinstance(root, yaml.MappingNode):
        raise CannotAdd("is not a mapping of collections (`events:`, `actors:`...)")
    pairs = root.value
    found = next(
        (p for p in pairs if isinstance(p[0], yaml.ScalarNode) and p[0].value == collection), None
    )
    if found is None:
        return _insert(bom, lines, len(lines), f"{collection}:{newline}", item, 2, newline)
    key, value = found
    indent = key.start_mark.column
    if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
        first = value.value[0].start_mark
        dash = lines[first.line].rfind("-", 0, first.column)
        return _insert(bom, lines, _last_line(value) + 1, "", item, dash, newline)
    empty_list = isinstance(value, yaml.SequenceNode) and not value.value
    if not (empty_list or _is_null(value)):
        what = "a flow list (`[...]`)" if isinstance(value, yaml.SequenceNode) else "not a list"
        raise CannotAdd(
            f"`{collection}` (line {key.start_mark.line + 1}) is {what}; write it as a block"
            " list (`- id: ...` lines) to add to it"
        )
    at = key.end_mark.line
    if value.end_mark.index > value.start_mark.index:  # `[]`, `~` or `null` after the key
        line = lines[at]
        start = value.start_mark.column
        end = value.end_mark.column if value.end_mark.line == at else len(line.rstrip("\r\n"))
        lines[at] = line[:start].rstrip(" \t") + line[end:]
    after = at + 1
    while after < len(lines) and _under(lines[after], indent):
        after += 1
    return _insert(bom, lines, after, "", item, indent + 2, newline)


def _insert(
    bom: str, lines: list[str], at: int, head: str, item: str, indent: int, newline: str
) -> Addition:
    pad = " " * indent
    added = [head] if head else []
    added += [pad + line + newline if line else newline for line in item.split("\n")[:-1]]
    new = [*lines[:at], *added, *lines[at:]]
    first = at + (1 if head else 0) + 1
    return Addition(bom + "".join(new), first, at + len(added))


def _under(line: str, indent: int) -> bool:
    """Whether ``line`` belongs to what follows a key at column ``indent``: blank, or a
    comment indented past the key (an example written under it)."""
    stripped = line.strip()
    if not stripped:
        return True
    return stripped.startswith("#") and len(line) - len(line.lstrip(" ")) > indent


def _is_null(node: yaml.Node) -> bool:
    import yaml

    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _last_line(node: yaml.Node) -> int:
    """The last line (0-based) holding any of ``node``'s text."""
    import yaml

    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        end = node.end_mark
        return end.line if end.column > 0 else end.line - 1
    if isinstance(node, yaml.SequenceNode):
        return max(_last_line(child) for child in node.value)
    if isinstance(node, yaml.MappingNode):
        return max(_last_line(part) for pair in node.value for part in pair)
    return int(node.end_mark.line)


def holds(text: str, collection: str) -> bool:
    """Whether a fact file's text has ``collection`` as a top-level key (`events:` at the
    start of a line): which file a new fact goes to is found without parsing every file."""
    import re

    return re.search(rf"^{re.escape(collection)}[ \t]*:", text, re.MULTILINE) is not None


def target_file(root: Path, collection: str) -> Path:
    """The file a new fact of ``collection`` goes to: the fact base itself when it is one
    file; its `<collection>.yaml` (or `.yml`); else the only file that holds the
    collection; else a new `<collection>.yaml`. Several files that hold it: an error
    asking for --file."""
    from briefing.errors import UsageError
    from briefing.loader import discover
    from briefing.parse import display_path

    if root.is_file():
        return root
    for suffix in (".yaml", ".yml"):
        if (root / f"{collection}{suffix}").is_file():
            return root / f"{collection}{suffix}"
    holding = []
    for path in discover(root).paths:
        try:
            if holds(path.read_text(encoding="utf-8", errors="replace"), collection):
                holding.append(path)
        except OSError:
            continue
    if len(holding) > 1:
        listed = ", ".join(display_path(p) for p in holding[:3])
        raise UsageError(f"several files hold {collection} ({listed}...): say which with --file")
    return holding[0] if holding else root / f"{collection}.yaml"


def resolve(collection: str, values: dict[str, Any], facts: FactBase) -> None:
    """The actors, topics and sources of ``values`` given by name or alias made their ids,
    as `briefing actor NAME` finds them; one the fact base lacks is an error that says to
    add it first."""
    from briefing.query import NotFound, find_actor, find_source, find_topic

    finders: dict[str, Callable[[FactBase, str], Any]] = {
        "actors": find_actor,
        "topics": find_topic,
        "sources": find_source,
    }
    for f in fields(collection):
        cited = f.kind in ("citations", "cited")
        target = "sources" if cited else f.kind.partition(":")[2]
        find = finders.get(target)
        if find is None or f.name not in values:
            continue
        try:
            if cited:
                for citation in values[f.name]:
                    citation["source"] = find(facts, citation["source"]).id
            elif isinstance(values[f.name], list):
                values[f.name] = [find(facts, v).id for v in values[f.name]]
            else:
                values[f.name] = find(facts, values[f.name]).id
        except NotFound as exc:
            raise NotFound(f"{exc}; add it first: `briefing add {target[:-1]}`") from None
