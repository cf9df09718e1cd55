"""One canonical layout for fact files (`briefing fmt`): each fact's keys in the spec's
order, two-space indentation with list items under their key, quotes only where the text
needs them, dates as written; every comment kept.

The file is read and written by ruamel.yaml's round trip (the one place the project uses
it: reading stays on libyaml), which keeps comments, block scalars and flow lists. A quote
is dropped only where YAML 1.1, as libyaml reads it, needs none (so `"on"`, which YAML
1.1 reads as true, keeps its quotes), and the result is read back with libyaml and must
hold exactly the same data, or the file is left as it is (:class:`CannotFormat`).
"""

from __future__ import annotations

import io
from collections import OrderedDict
from typing import Any

from briefing import spec
from briefing.errors import BriefingError


class CannotFormat(BriefingError):
    """A file the layout cannot be applied to without risk: left as it is."""


# The fields of each kind of item, in the spec's order, by the key that holds the items.
_ORDER = {name: tuple(f.name for f in fields) for name, fields in spec.COLLECTION_FIELDS.items()}
# The parts of a fact, by the key that holds them (`sources` below a fact: its citations).
_NESTED: dict[str, tuple[str, ...]] = {
    "sources": tuple(f.name for f in spec.CITATION),
    "place": tuple(f.name for f in spec.PLACE),
    **{name: tuple(f.name for f in fields) for name, fields in spec.NESTED.items()},
}
_WIDTH = 4096  # never fold a long line


def formatted(text: str) -> str:
    """``text`` (a fact file) in the canonical layout. Raises :class:`CannotFormat` for a
    file that is not YAML, holds several documents, or would not read back the same."""
    import yaml
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        meaning = list(yaml.load_all(text, Loader=loader))
    except yaml.YAMLError as exc:
        raise CannotFormat(f"cannot be read as YAML: {first_line(exc)}") from None
    if len(meaning) != 1:
        raise CannotFormat("holds several YAML documents (---); keep one per file")
    if meaning[0] is None:
        return text
    rt = YAML(typ="rt")
    rt.Resolver = _libyaml_resolver()
    # Quotes only where needed, as YAML 1.1 reads plain text (libyaml's reading: `on` and
    # `yes` are true there), and the directive that says so left out of the file.
    rt.preserve_quotes = False
    rt.version = (1, 1)
    rt.width = _WIDTH
    rt.indent(mapping=2, sequence=4, offset=2)
    try:
        data = rt.load(text)
    except YAMLError as exc:
        raise CannotFormat(f"cannot be read as YAML: {first_line(exc)}") from None
    if isinstance(data, dict):
        for name, items in data.items():
            if name in _ORDER and isinstance(items, list):
                for item in items:
                    _arrange(item, _ORDER[name])
    _escape(data)
    out = io.StringIO()
    try:
        rt.dump(data, out)
    except Exception as exc:  # ruamel's emitter raises several kinds; none may escape
        raise CannotFormat(f"cannot be written back: {exc}") from None
    result = out.getvalue().removeprefix("%YAML 1.1\n---\n")
    if text.startswith("\ufeff"):
        result = "\ufeff" + result
    if "\r\n" in text:
        result = result.replace("\n", "\r\n")
    try:
        same = list(yaml.load_all(result, Loader=loader)) == meaning
    except yaml.YAMLError:
        same = False
    if not same:
        raise CannotFormat("would not read back the same; left as it is (please report it)")
    return result


def _libyaml_resolver() -> type[Any]:
    """ruamel.yaml's YAML 1.1 resolver, told what libyaml reads as true and false: `yes`,
    `on` and their like, but not `y` and `n` alone (text, for libyaml)."""
    import re

    from ruamel.yaml.resolver import VersionedResolver, implicit_resolvers
    from ruamel.yaml.util import RegExp

    bool_tag = "tag:yaml.org,2002:bool"
    libyaml_bool = RegExp(
        r"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$", re.X
    )

    class Libyaml(VersionedResolver):
        @property
        def versioned_resolver(self) -> Any:
            version = self.processing_version
            if version not in self._version_implicit_resolver:
                for versions, tag, regexp, first in implicit_resolvers:
                    if version in versions:
                        if tag == bool_tag and version == (1, 1):
                            regexp = libyaml_bool
                        self.add_version_implicit_resolver(version, tag, regexp, first)
            return self._version_implicit_resolver[version]

    return Libyaml


def _arrange(item: Any, order: tuple[str, ...]) -> None:
    """An item's keys in ``order`` (others after, as they were), its parts likewise.

    A comment stays with the field it is written after, on its line; the comment lines
    after the item's last field (before the next item) stay after the item, whichever
    field is last now. An item with comment lines between its fields keeps its order:
    such a comment is about the field below it, which ruamel.yaml does not know."""
    if not isinstance(item, OrderedDict):  # ruamel.yaml's mappings are ordered dicts
        return
    for key, value in item.items():
        fields = _NESTED.get(key)
        if fields is not None:
            for part in value if isinstance(value, list) else [value]:
                _arrange(part, fields)
    keys = list(item)
    wanted = [k for k in order if k in item] + [k for k in keys if k not in order]
    if wanted == keys:
        return
    notes = getattr(getattr(item, "ca", None), "items", {})
    if any(_lines_after(item, key, notes)[1] for key in keys[:-1]):
        return
    last = keys[-1]
    own, after = _lines_after(item, last, notes)
    for key in wanted:
        item.move_to_end(key)
    if not after:
        return
    _set_comment(item, last, own, notes)
    new = wanted[-1]
    new_own, _ = _lines_after(item, new, notes)
    _set_comment(item, new, (new_own or ("" if _is_block(item[new]) else "\n")) + after, notes)


def _lines_after(item: Any, key: Any, notes: dict[Any, Any]) -> tuple[str, str]:
    """The comment on the line of ``key``'s value ("# ...\n", or "" for none), and the
    comment and blank lines after it, as ruamel.yaml holds them."""
    token = notes.get(key, [None] * 4)[2] if key in notes else None
    if token is None:
        return "", ""
    text: str = token.value
    if _is_block(item[key]):  # a block scalar ends its own line
        return "", text
    end = text.find("\n") + 1
    own = text[:end] if text.startswith("#") else ""
    return own, text[end:] if end else ""


def _set_comment(item: Any, key: Any, text: str, notes: dict[Any, Any]) -> None:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    entry = notes.setdefault(key, [None, None, None, None])
    old = entry[2]
    if not text or text == "\n":
        entry[2] = None
        return
    column = old.column if old is not None and text.startswith("#") else 0
    entry[2] = CommentToken(text, CommentMark(column), None)


def _is_block(value: Any) -> bool:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(value, (FoldedScalarString, LiteralScalarString))


def _escape(node: Any) -> None:
    """Text holding a character that is not printable (a control, a line break other than
    the newline) is written double-quoted, with escapes, as YAML reads it back."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    pairs = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, value in list(pairs):
        if isinstance(value, str) and not _is_block(value) and not value.isprintable():
            node[key] = DoubleQuotedScalarString(value)
        else:
            _escape(value)


def first_line(exc: Exception) -> str:
    """The first line of what a YAML library says is wrong."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
