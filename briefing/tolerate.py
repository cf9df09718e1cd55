"""Facts with errors, and the facts that depend on them, left out so that views run on the rest.

A problem's line says which top-level item of its file it is in. A fact with an error is left
out, and so is every fact that refers to a left-out one (a judgment resting on it, a position
whose actor it is), however long the chain. References to a fact with errors are reported
once per fact, as knock-on errors, not as unknown ids."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from briefing import spec
from briefing.errors import Problem
from briefing.model import FileFacts, LeftOut, Origin, Ref

# The kinds of item that are facts, and their collections. Briefs are not facts: a brief with
# an error is still printed, without whatever it names that is left out.
FACT_KINDS = {
    "source": "sources",
    "topic": "topics",
    "actor": "actors",
    "event": "events",
    "position": "positions",
    "relation": "relations",
    "judgment": "judgments",
}
# Cached events keep these references as columns of their own: enough to find the events
# that depend on a left-out fact without decoding them, as long as the spec has no others.
_EVENT_COLUMNS = ("actors", "topics", "sources")


class _Items:
    """The top-level items of one file, by the line each starts on."""

    def __init__(self, f: FileFacts) -> None:
        self.lines, self.kinds, self.ids = f.items

    def at(self, line: int) -> list[int]:
        """The items a line falls in: the last to start at or before it (several only when
        flow-style items share a line); none for a collection's own line."""
        i = bisect_right(self.lines, line) - 1
        if i < 0 or not self.kinds[i]:
            return []
        start, found = self.lines[i], []
        while i >= 0 and self.lines[i] == start and self.kinds[i]:
            found.append(i)
            i -= 1
        return found


def references(fields: tuple[spec.Field, ...], item: Any) -> Iterator[str]:
    """Every id a built fact refers to, nested roles and citations included."""
    for f in fields:
        kind, _, target = f.kind.partition(":")
        value = getattr(item, f.name, None)
        if not value:
            continue
        if kind in ("ref", "fact", "judge"):
            yield value
        elif kind in ("refs", "facts"):
            yield from value
        elif kind in ("citations", "cited"):
            yield from (c.source for c in value)
        elif kind == "list":
            for inner in value:
                yield from references(spec.NESTED[target], inner)


def _fits(target: str, kind: str) -> bool:
    """Whether a reference to ``target`` ("actors", "facts", "judge", ...) may name ``kind``."""
    if target == "facts":
        return kind not in ("source", "topic")
    if target == "judge":
        return kind == "actor"
    return FACT_KINDS.get(kind) == target


def leave_out(
    files: Sequence[FileFacts],
    collections: dict[str, Any],
    causes: Iterable[Problem],
    also: Iterable[tuple[str, int, str]],
    known: set[str],
    detail: Callable[[FileFacts], list[Ref]],
    anchored: Mapping[str, tuple[str, Origin, str]] | None = None,
) -> tuple[dict[str, Any], tuple[LeftOut, ...], list[Problem]]:
    """The collections without the facts that ``causes`` (errors) and ``also`` ((path, line,
    reason) of further facts to leave out) are in, nor those that depend on them; the facts
    left out; and one knock-on error for each left-out fact that others refer to.

    ``known``: every id some readable file defines (a lost id defined again is not lost).
    ``anchored``: the kind, origin and anchor of each fact whose date is anchored on another
    fact, which depends on that fact as on a reference."""
    items = {f.path: _Items(f) for f in files}
    entries: dict[tuple[str, int], LeftOut] = {}
    broken: dict[str, tuple[str, str, int]] = {}  # id -> kind, path and line of its error

    def mark(path: str, line: int, reason: str, at: tuple[str, int]) -> None:
        found = items.get(path)
        if found is None:
            return
        for i in found.at(line):
            kind, ident = found.kinds[i], found.ids[i]
            if kind in FACT_KINDS and (path, i) not in entries:
                entries[(path, i)] = LeftOut(kind, ident, Origin(path, found.lines[i]), reason)
                if ident:
                    broken.setdefault(ident, (kind, *at))

    for p in causes:
        if p.column != 1:  # column 1: a top-level key, in no item
            mark(p.path, p.line, str(p), (p.path, p.line))
    for path, line, reason in also:
        mark(path, line, reason, (path, line))
    lost: list[LeftOut] = []
    for f in files:
        cause = f.problems[0] if f.problems else None
        for line, kind, ident in f.lost:
            if kind in FACT_KINDS and ident not in known and ident not in broken:
                reason = str(cause) if cause else f"{f.path}: the file cannot be read"
                lost.append(LeftOut(kind, ident, Origin(f.path, line), reason))
                broken[ident] = (kind, cause.path if cause else f.path, cause.line if cause else 0)
    knock_on = _knock_on(files, broken, detail)
    out = set(broken)
    dependents = _dependents(collections, out, anchored or {})
    kept = dict(collections)
    for name in FACT_KINDS.values():
        part = kept[name]
        if not any(item.id in out for item in _ids(part)):
            continue
        without = getattr(part, "without", None)
        kept[name] = without(out) if without else tuple(x for x in part if x.id not in out)
    left_out = sorted(
        [*entries.values(), *lost, *dependents], key=lambda e: (e.origin.path, e.origin.line)
    )
    return kept, tuple(left_out), knock_on


class _Id:
    __slots__ = ("id",)

    def __init__(self, ident: str) -> None:
        self.id = ident


def _ids(part: Any) -> Iterator[Any]:
    """The items of a collection, or for cached events stand-ins holding only the id."""
    ids = getattr(part, "ids", None)
    if ids is not None:
        return (_Id(ident) for ident in ids())
    return iter(part)


def _knock_on(
    files: Sequence[FileFacts],
    broken: dict[str, tuple[str, str, int]],
    detail: Callable[[FileFacts], list[Ref]],
) -> list[Problem]:
    """One error per left-out fact that something refers to, at the first reference."""
    if not broken:
        return []
    found: dict[str, list[Ref]] = {}
    for f in files:
        if any(v in broken for values in f.refs.values() for v in values):
            for ref in detail(f):
                hit = broken.get(ref.value)
                if hit and _fits(ref.target, hit[0]):
                    found.setdefault(ref.value, []).append(ref)
    # One error per cause: every fact a syntax error makes unreadable shares that error.
    by_cause: dict[tuple[str, int], list[Ref]] = {}
    for ident, refs in found.items():
        by_cause.setdefault(broken[ident][1:], []).extend(refs)
    problems = []
    for (path, line), refs in by_cause.items():
        refs.sort(key=lambda r: (r.origin.path, r.origin.line))
        first = refs[0]
        where = f"line {line}" if path == first.origin.path else f"{path}:{line}"
        message = f"`{first.field}` refers to `{first.value}`, which has errors ({where})"
        more = len(refs) - 1
        others = sorted({r.value for r in refs} - {first.value})
        if others:
            names = ", ".join(f"`{o}`" for o in others[:3])
            if len(others) > 3:
                names += f" and {len(others) - 3} more facts"
            message += (
                f"; {more} more references, to it and to {names} (the same error), not listed"
            )
        elif more:
            message += f"; {more} more reference{'s' if more > 1 else ''} to it not listed"
        problems.append(Problem(first.origin.path, first.origin.line, 0, message))
    return problems


def _dependents(
    collections: dict[str, Any], out: set[str], anchored: Mapping[str, tuple[str, Origin, str]]
) -> list[LeftOut]:
    """Facts that refer, however indirectly, to a fact in ``out``; their ids join ``out``."""
    found: list[LeftOut] = []
    event_ids: dict[str, str] = {}  # cached events found to depend: id -> what on
    events = collections["events"]
    by_column = getattr(events, "references", None)
    event_refs = {
        f.name for f in spec.COLLECTION_FIELDS["events"] if f.kind.partition(":")[0] in _REFS
    }
    if by_column is not None and not event_refs.issubset(_EVENT_COLUMNS):
        by_column = None  # a reference the columns lack: decode the events
    changed = True
    while changed:
        changed = False
        for ident, (kind, origin, anchor) in anchored.items():
            if ident not in out and anchor in out:
                out.add(ident)
                found.append(LeftOut(kind, ident, origin, _depends(anchor), anchor))
                changed = True
        for name, kind in ((n, k) for k, n in FACT_KINDS.items()):
            if name == "events" and by_column is not None:
                for ident, refs in by_column():
                    if ident not in out:
                        hit = next((r for r in refs if r in out), None)
                        if hit is not None:
                            out.add(ident)
                            event_ids[ident] = hit
                            changed = True
                continue
            fields = spec.COLLECTION_FIELDS[name]
            for item in collections[name]:
                if item.id in out:
                    continue
                hit = next((r for r in references(fields, item) if r in out), None)
                if hit is not None:
                    out.add(item.id)
                    found.append(LeftOut(kind, item.id, item.origin, _depends(hit), hit))
                    changed = True
    if event_ids:
        for event in events.matching(set(event_ids)):
            hit = event_ids[event.id]
            found.append(LeftOut("event", event.id, event.origin, _depends(hit), hit))
    return found


_REFS = ("ref", "refs", "fact", "facts", "judge", "citations", "cited", "list")


def _depends(ident: str) -> str:
    return f"depends on `{ident}`, which is left out"
