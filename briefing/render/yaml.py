"""YAML output of the export shape."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from briefing.render import CONTROL, ascii_without
from briefing.workers import Parts

# Items dumped at a time from a long list: PyYAML builds a node for every value it writes,
# so a fact file of 100,000 events is written a slice at a time, never all as nodes.
CHUNK = 1000


def dumps(data: Any) -> str:
    """Block-style YAML in the export's key order, Unicode kept as is unless it holds a
    control character."""
    return "".join(pieces(data))


def pieces(data: Any) -> list[str]:
    """:func:`dumps`' text in pieces, as they were made (a long export is written out
    without joining them first)."""
    made = list(_pieces(data, allow_unicode=True))
    # YAML counts bidirectional controls as printable and writes them raw, where they could
    # reorder what a terminal shows: text holding one is written with \u escapes instead.
    if any(CONTROL.search(piece) for piece in made):
        return list(_pieces(data, allow_unicode=False))
    return made


def _pieces(data: Any, allow_unicode: bool) -> Iterator[str]:
    """The YAML of ``data``; a mapping's lists item by item, each read once, in turn (a list
    may make its items as they are read). Block lists under a key are not indented, so an
    item is written as a list of its own, at column 0, exactly as it would stand in the
    whole: by :func:`_fast_item` when it can, else by PyYAML, a slice of items at a time. So
    a long list's text is the texts of its parts, and its parts are written on every core
    (:class:`briefing.workers.Parts`)."""
    if not data or not isinstance(data, dict) or not all(_is_list(v) for v in data.values()):
        yield _dump(data, allow_unicode)
        return
    for key, items in data.items():
        if items and allow_unicode and _plain_key(key) is not None:
            yield f"{key}:\n"
            with Parts(_items_texts, items) as parts:
                yield from _items(parts.first, allow_unicode)
                for texts in parts.rest():
                    yield from texts
            continue
        remaining = iter(items)  # PyYAML writes the key, with the first slice of items
        yield _dump({key: list(itertools.islice(remaining, CHUNK))}, allow_unicode)
        yield from _items(remaining, allow_unicode)


def _items_texts(items: Iterable[Any]) -> tuple[str]:
    return ("".join(_items(items, allow_unicode=True)),)


def _items(items: Iterable[Any], allow_unicode: bool) -> Iterator[str]:
    """List items at column 0."""
    pending: list[Any] = []  # items for PyYAML, written together
    for item in items:
        text = _fast_item(item) if allow_unicode else None
        if text is None:
            pending.append(item)
            if len(pending) < CHUNK:
                continue
        if pending:
            yield _dump(pending, allow_unicode)
            pending = []
        if text is not None:
            yield text
    if pending:
        yield _dump(pending, allow_unicode)


# -- the fast writer: block YAML byte for byte as PyYAML's CSafeDumper writes it ---------------
#
# For the values most facts hold (short keys; text with no character or sequence that would
# make libyaml quote it otherwise than in single quotes; lists; mappings; whole numbers,
# booleans and null) it writes what libyaml writes, lines folded after column WIDTH at a
# single space as libyaml folds them; any other item goes to PyYAML. A property test holds
# the two equal byte for byte.

WIDTH = 100
# Text libyaml writes plain, or in single quotes when a plain scalar would read back as
# another type: it starts with a letter or digit, holds only characters libyaml counts as
# printable (no astral ones, no BOM) and no line break, and has no leading, trailing or
# double space, no ": ", no " #" and no ":" at the end (see _simple).
_FIRST = re.compile(r"[A-Za-z0-9\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
_UNPRINTABLE = re.compile(r"[^\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,99}\Z")
_STR_TAG = "tag:yaml.org,2002:str"


class _Hard(Exception):
    """An item the fast writer leaves to PyYAML."""


def _fast_item(item: Any) -> str | None:
    """A list item at column 0 as PyYAML writes it, or None to leave it to PyYAML."""
    if not isinstance(item, dict) or not item:
        return None
    out = ["-", " "]
    try:
        _mapping(item, 2, out, inline=True)
    except _Hard:
        return None
    return "".join(out)


def _mapping(value: dict[Any, Any], indent: int, out: list[str], inline: bool) -> None:
    """A block mapping whose keys stand at ``indent`` (the first after "- " if ``inline``)."""
    for n, (key, item) in enumerate(value.items()):
        plain = _plain_key(key)
        if plain is None:
            raise _Hard
        if n or not inline:
            out.append(" " * indent)
        out.append(plain + ":")
        column = indent + len(plain) + 1
        if isinstance(item, dict):
            if not item:
                out.append(" {}\n")
            else:
                out.append("\n")
                _mapping(item, indent + 2, out, inline=False)
        elif isinstance(item, (list, tuple)):
            if not item:
                out.append(" []\n")
            else:
                out.append("\n")
                _sequence(item, indent, out)  # under a key, a list is not indented
        else:
            out.append(" ")
            out.append(_scalar(item, column + 1, indent + 2))
            out.append("\n")


def _sequence(items: Sequence[Any], indent: int, out: list[str]) -> None:
    for item in items:
        out.append(" " * indent + "- ")
        if isinstance(item, dict) and item:
            _mapping(item, indent + 2, out, inline=True)
        elif isinstance(item, (dict, list, tuple)):
            raise _Hard
        else:
            out.append(_scalar(item, indent + 2, indent + 2))
            out.append("\n")


def _scalar(value: Any, column: int, indent: int) -> str:
    """A scalar starting at ``column``, its folded lines indented to ``indent``."""
    if isinstance(value, str):
        if not _simple(value):
            raise _Hard
        # In single quotes when plain would read back as another type (no such text holds
        # a quote to double: none of PyYAML's implicit types has one).
        text = value if _reads_as_text(value) else f"'{value}'"
        if column + len(text) <= WIDTH + 2:  # no space (never last) is met after WIDTH
            return text
        return _folded(text, column, indent)
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is int:
        return str(value)
    raise _Hard  # floats and the rest: PyYAML spells them


def _simple(text: str) -> bool:
    return (
        _FIRST.match(text) is not None
        and text[-1] not in " :"
        and "  " not in text
        and ": " not in text
        and " #" not in text
        and _printable(text)
    )


# The ASCII characters _UNPRINTABLE holds: the C0 controls and DEL.
_ASCII_UNPRINTABLE = bytes([*range(0x20), 0x7F])


def _printable(text: str) -> bool:
    """Whether libyaml counts every character of ``text`` printable; for ASCII text (most),
    without the pattern's scan, which took a fifth of a long export (tested equal)."""
    if text.isascii():
        return ascii_without(text, _ASCII_UNPRINTABLE)
    return not _UNPRINTABLE.search(text)


def _folded(text: str, column: int, indent: int) -> str:
    """libyaml's folding: a single space met after column WIDTH becomes a line break (the
    text's spaces are single, and neither first nor last)."""
    pieces = []
    start = 0
    while True:
        # The first space at which the column (start + characters since) passes WIDTH.
        space = text.find(" ", start + max(0, WIDTH - column + 1))
        if space < 0:
            pieces.append(text[start:])
            return "".join(pieces)
        pieces += (text[start:space], "\n", " " * indent)
        start, column = space + 1, indent


@functools.lru_cache(maxsize=256)
def _plain_key(key: Any) -> str | None:
    return key if isinstance(key, str) and _KEY.match(key) and _reads_as_text(key) else None


def _reads_as_text(text: str) -> bool:
    """Whether the plain scalar ``text`` reads back as text: PyYAML's own resolver decides,
    asked only when some implicit type may start with the text's first character."""
    first = _first_characters()
    if first is not None and text[:1] not in first:
        return True
    tag: str = _resolver().resolve(_scalar_node(), text, (True, False))
    return tag == _STR_TAG


@functools.cache
def _first_characters() -> frozenset[str] | None:
    """The characters PyYAML's implicit types start with (None: any character)."""
    from yaml.resolver import Resolver

    table = Resolver.yaml_implicit_resolvers
    return None if None in table else frozenset(table)


@functools.cache
def _resolver() -> Any:
    from yaml.resolver import Resolver

    return Resolver()


@functools.cache
def _scalar_node() -> Any:
    import yaml

    return yaml.ScalarNode


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
        width=WIDTH,
    )
    return text
