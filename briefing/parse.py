"""YAML -> nodes with file:line provenance, safely and within limits: the bottom of the core."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.errors import Problem

# Nodes an alias may re-expand before a file counts as an alias bomb ("billion laughs").
ALIAS_BUDGET = 100_000
# Fact files need a handful of levels; libyaml itself stops at 1,000.
MAX_DEPTH = 64
# A bigger file is refused rather than read (parsing one costs about 20 times its size in
# memory): split a fact base over many files instead.
MAX_FILE_BYTES = 32 * 1024 * 1024

# The YAML tags of plain data, named once for the parser and the validator.
TAG = "tag:yaml.org,2002:"
STR_TAG, SEQ_TAG, MAP_TAG = TAG + "str", TAG + "seq", TAG + "map"
_TIMESTAMP_TAG = TAG + "timestamp"
_SCALAR_TAGS = {TAG + name for name in ("null", "bool", "int", "float", "timestamp", "str")}


class LMap(dict[str, Any]):
    """A YAML mapping that remembers its line and the line of each key."""

    line: int
    key_lines: dict[str, int]


class LList(list[Any]):
    """A YAML sequence that remembers its line and the line of each item."""

    line: int
    item_lines: list[int]


class Nodes(LList):
    """A top-level `events:` list kept as composed YAML nodes: most events in a large fact
    base are clean, and are checked straight from their nodes; `built(i)` gives the usual
    LMap for the others."""

    def __init__(self, builder: Any, node: Any) -> None:
        super().__init__(node.value)
        self.builder = builder
        self.line = node.start_mark.line + 1
        self.item_lines = [item.start_mark.line + 1 for item in node.value]

    def built(self, index: int) -> Any:
        """Item ``index`` as LMap/LList/scalar, or None if it was too deep (and reported)."""
        try:
            return self.builder.build(self[index])
        except _TooDeep:
            return None


@dataclass
class RawFile:
    """One parsed YAML file: its display path, top-level mapping and reading problems."""

    path: str
    data: LMap | None
    problems: list[Problem] = field(default_factory=list)
    # When the file cannot be read as a whole: the ids it seems to define (line, collection,
    # id), so that references to them are not reported as unknown as well.
    recovered: list[tuple[int, str, str]] = field(default_factory=list)


def display_path(path: Path) -> str:
    """A path as users should see it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


class NotRegularFile(OSError):
    """A fact file that is a pipe, a device, a socket or a folder: never read, it could
    block the run or never end."""


_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def read_bounded(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file, at most ``limit`` + 1 of them (the file size limit by
    default) whatever size the file reports; :class:`NotRegularFile` for anything else."""
    limit = MAX_FILE_BYTES if limit is None else limit
    # O_NONBLOCK: opening a named pipe must not wait for a writer.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        status = os.fstat(fd)
        mode = status.st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
            raise NotRegularFile(f"it is {kind}, not a regular file; remove it from the fact base")
        chunks: list[bytes] = []
        left = limit + 1
        # The reported size is a hint for the first read, never a bound: /proc files say 0.
        want = status.st_size + 1 if status.st_size else 1 << 16
        while left > 0:
            chunk = os.read(fd, min(left, want))
            want = 1 << 20
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _too_large(shown: str) -> RawFile:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    message = f"the file is larger than {limit} MB; split it into several files"
    return RawFile(shown, None, [Problem(shown, 0, 0, message)])


def read_file(path: Path, raw: bytes | None = None) -> RawFile:
    """Parse one YAML file safely, recording syntax errors, duplicate keys and bad tags."""
    shown = display_path(path)
    if raw is None:
        try:
            raw = read_bounded(path)
        except OSError as exc:
            reason = str(exc) if isinstance(exc, NotRegularFile) else exc.strerror or str(exc)
            return RawFile(shown, None, [Problem(shown, 0, 0, f"cannot read file: {reason}")])
    if len(raw) > MAX_FILE_BYTES:
        return _too_large(shown)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        msg = "not valid UTF-8; save the file with UTF-8 encoding"
        return RawFile(shown, None, [Problem(shown, line, column, msg)])
    return _parse(text, shown)


def _parse(text: str, shown: str) -> RawFile:
    raw = _compose(text, shown)
    if raw.data is None and raw.problems:
        raw.recovered = recover_ids(text)
    return raw


_TOP_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:")
_ID = r"\s*id\s*:\s*[\"']?([A-Za-z0-9][A-Za-z0-9._-]*)[\"']?\s*"
_BLOCK_ID = re.compile(r"\s*(?:-\s+)*" + _ID + r"(?:#.*)?\Z")
_FLOW_ID = re.compile(r"[{,]" + _ID + r"[,}]")


def recover_ids(text: str) -> list[tuple[int, str, str]]:
    """The ids a file that YAML cannot read seems to define, by a tolerant scan of its lines:
    (line, the top-level key above it, id). Only a guess, used to soften knock-on errors."""
    found = []
    collection = ""
    for number, line in enumerate(text.split("\n"), 1):
        top = _TOP_KEY.match(line)
        if top:
            collection = top.group(1)
        block = _BLOCK_ID.match(line)
        if block and not line.startswith("id"):
            found.append((number, collection, block.group(1)))
            continue
        found += [(number, collection, m.group(1)) for m in _FLOW_ID.finditer(line)]
    return found


def _compose(text: str, shown: str) -> RawFile:
    import yaml

    text, back = _hide_breaks(text)
    try:
        documents = list(yaml.compose_all(text, Loader=_composer()))
    except yaml.MarkedYAMLError as exc:
        return RawFile(shown, None, [_syntax_problem(shown, exc, text)])
    except yaml.YAMLError as exc:
        return RawFile(shown, None, [Problem(shown, 0, 0, f"YAML error: {exc}")])
    documents = [doc for doc in documents if doc is not None]
    if not documents:
        return RawFile(shown, None)
    if back is not None:
        _restore_breaks(documents, back)
    builder = _Builder(shown, aliases="&" in text)
    if len(documents) > 1:
        line = documents[1].start_mark.line + 1
        msg = "a second YAML document starts here (after `---`); keep one document per file"
        return RawFile(shown, None, [Problem(shown, line, 0, msg)])
    root = documents[0]
    builder.root = root
    try:
        data = builder.build(root)
    except _TooDeep:
        return RawFile(shown, None, builder.problems)
    except _AliasBomb:
        msg = (
            f"aliases expand to more than {ALIAS_BUDGET:,} values (an alias bomb?); "
            "write the data out instead of nesting aliases"
        )
        return RawFile(shown, None, [Problem(shown, root.start_mark.line + 1, 0, msg)])
    if not isinstance(data, LMap):
        kind = "a list" if isinstance(data, list) else "a single value"
        msg = (
            f"the file holds {kind}; a fact file is a mapping of collections "
            "such as `events:` and `actors:`"
        )
        from briefing.examples import example

        shape = Problem(shown, 1, 0, msg, example=example("events"))
        return RawFile(shown, None, [*builder.problems, shape])
    return RawFile(shown, data, builder.problems)


# YAML 1.1, which libyaml reads, also ends a line at NEL, LINE SEPARATOR and PARAGRAPH
# SEPARATOR; YAML 1.2 and editors do not. While libyaml reads, each stands in as a private-
# use character the text lacks, so it is text as in YAML 1.2 (no spurious syntax error, no
# NEL turned into a newline), lines are counted as an editor counts them, and every scalar
# gets the character back.
_OTHER_BREAKS = "\x85\u2028\u2029"


def _hide_breaks(text: str) -> tuple[str, dict[int, str] | None]:
    """``text`` with the other line breaks replaced by stand-ins, and the map back; the text
    itself and None when it has none (nearly always: then nothing is done)."""
    present = [ch for ch in _OTHER_BREAKS if ch in text]
    if not present:
        return text, None
    lowered = text.lower()
    # Neither the character nor a `\\uXXXX` escape of it may occur in the text.
    spare = (
        chr(cp) for cp in range(0xE000, 0xF900) if chr(cp) not in text and f"{cp:x}" not in lowered
    )
    stand_ins = dict(zip(present, spare, strict=False))
    if len(stand_ins) < len(present):  # a text using every private-use character
        return text, None
    hidden = text.translate({ord(ch): sub for ch, sub in stand_ins.items()})
    return hidden, {ord(sub): ch for ch, sub in stand_ins.items()}


def _restore_breaks(roots: list[Any], back: dict[int, str]) -> None:
    """Give every scalar under ``roots`` (each node once, aliases included) its characters
    back."""
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node.value, str):
            node.value = node.value.translate(back)
        else:
            for item in node.value:
                stack.extend(item if isinstance(item, tuple) else (item,))


def _syntax_problem(shown: str, exc: Any, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    what = exc.problem or "syntax error"
    if exc.context and exc.problem:
        what = f"{what} ({exc.context})"
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    rows = text.split("\n")  # as the line was counted: newlines only
    row = rows[line - 1] if 0 < line <= len(rows) else ""
    if "\t" in row[: column + 1]:
        what += "; indent with spaces, not tabs"
    return Problem(shown, line, column, f"YAML syntax error: {what}")


class _AliasBomb(Exception):
    pass


class _TooDeep(Exception):
    pass


class _Builder:
    """Turns composed YAML nodes into LMap/LList/scalars, noting problems with lines."""

    def __init__(self, shown: str, aliases: bool) -> None:
        import yaml

        self.shown = shown
        self.problems: list[Problem] = []
        self.constructor = yaml.constructor.SafeConstructor()
        # Only a file that defines anchors can re-expand nodes: only then count them.
        self.seen: set[int] | None = set() if aliases else None
        self.reexpanded = 0
        self.scalar_node = yaml.ScalarNode
        self.sequence_node = yaml.SequenceNode
        self.root: Any = None
        self.depth = 0

    def problem(self, node: Any, message: str) -> None:
        self.problems.append(
            Problem(self.shown, node.start_mark.line + 1, node.start_mark.column + 1, message)
        )

    def refuse_tag(self, node: Any) -> None:
        """Report a tag such as !!python/object: its value is dropped, never constructed."""
        tag = str(node.tag).replace(TAG, "!!")
        self.problem(node, f"tag {tag} is not allowed; fact files hold plain data only")

    def build(self, node: Any) -> Any:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                self.problem(
                    node,
                    f"values nest more than {MAX_DEPTH} levels deep; "
                    "fact files need only a few levels",
                )
                raise _TooDeep
            return self._build(node)
        finally:
            self.depth -= 1

    def _build(self, node: Any) -> Any:
        seen = self.seen
        if seen is not None:
            if id(node) in seen:
                self.reexpanded += 1
                if self.reexpanded > ALIAS_BUDGET:
                    raise _AliasBomb
            else:
                seen.add(id(node))
        cls = node.__class__
        if cls is self.scalar_node:
            if node.tag == STR_TAG:
                return node.value
            return self.scalar(node)
        if cls is self.sequence_node:
            if node.tag != SEQ_TAG:
                return self.refuse_tag(node)
            items = node.value
            seq = LList([self.build(item) for item in items])
            seq.line = node.start_mark.line + 1
            seq.item_lines = [item.start_mark.line + 1 for item in items]
            return seq
        if node.tag != MAP_TAG:
            return self.refuse_tag(node)
        mapping = LMap()
        mapping.line = node.start_mark.line + 1
        key_lines: dict[str, int] = {}
        mapping.key_lines = key_lines
        for key_node, value_node in node.value:
            if key_node.__class__ is not self.scalar_node:
                self.problem(key_node, "a key must be a plain name, not a list or mapping")
                continue
            # Keys keep their text: YAML 1.1 would turn `on:` or `no:` into booleans.
            key = str(key_node.value)
            if key in key_lines:
                self.problem(
                    key_node,
                    f"duplicate key `{key}` (first at line {key_lines[key]}); YAML would "
                    "silently keep only the last value: merge the two or rename one",
                )
                continue
            key_lines[key] = key_node.start_mark.line + 1
            if (
                node is self.root
                and key == "events"
                and seen is None
                and value_node.__class__ is self.sequence_node
                and value_node.tag == SEQ_TAG
            ):
                mapping[key] = Nodes(self, value_node)
            else:
                mapping[key] = self.build(value_node)
        return mapping

    def scalar(self, node: Any) -> Any:
        if node.tag not in _SCALAR_TAGS:
            return self.refuse_tag(node)
        if node.tag == _TIMESTAMP_TAG and len(node.value) > 10:
            # A time of day: the date reader keeps the text as written, which a datetime loses.
            return node.value
        construct = self.constructor.yaml_constructors[node.tag]
        try:
            return construct(self.constructor, node)
        except ValueError:
            # An impossible timestamp such as 2022-02-30: keep the text for the date checker.
            return node.value


_COMPOSER: Any = None


def _composer() -> Any:
    """libyaml's parser (when built in) with a lean resolver: same tags as PyYAML's, fewer
    calls, since fact files use no path resolvers."""
    global _COMPOSER
    if _COMPOSER is not None:
        return _COMPOSER
    import yaml
    from yaml.resolver import Resolver

    try:
        from yaml.cyaml import CParser as parser  # type: ignore[attr-defined]
    except ImportError:  # PyYAML built without libyaml: slower, same results
        _COMPOSER = yaml.SafeLoader
        return _COMPOSER
    implicit = Resolver.yaml_implicit_resolvers
    scalar_node, sequence_node = yaml.ScalarNode, yaml.SequenceNode

    class Composer(parser):
        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

        def resolve(self, kind: Any, value: Any, implicit_flags: Any) -> str:
            if kind is scalar_node:
                if implicit_flags[0]:
                    for tag, regexp in implicit.get(value[0] if value else "", ()):
                        if regexp.match(value):
                            return str(tag)
                return STR_TAG
            return SEQ_TAG if kind is sequence_node else MAP_TAG

    _COMPOSER = Composer
    return Composer
