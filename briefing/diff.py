"""Two states of a fact base compared (`briefing diff`): facts added, removed and changed by
id, field by field in the shape of `briefing export`, and positions whose stance shifted; pure.

Where a fact is written (its file and line) is not part of it: moving a fact is no change.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from briefing import export
from briefing.index import held_alike, index, pick
from briefing.model import COLLECTIONS, UNDATED_SORT_KEY, FactBase, Position

# Each collection's fact as `briefing export` gives it: the one field-by-field walk.
EXPORTERS: Mapping[str, Callable[[Any], dict[str, Any]]] = {
    "sources": export.source,
    "topics": export.topic,
    "actors": export.actor,
    "events": export.event,
    "positions": export.position,
    "relations": export.relation,
    "judgments": export.judgment,
    "briefs": export.brief,
}

# What `export.date_fields` works out from a date as written ("date", "published"): when
# the written date changed, these only repeat it; when it did not (a date anchored on a fact
# that moved), they are the change.
WORKED_OUT = frozenset({"start", "end", "precision", "approximate", "uncertain", "edtf", "anchor"})
# The keys holding a date as written, beside its worked-out keys: a fact's date, a source's
# publication, a disagreement's value (which is a date when its field is).
WRITTEN_DATES = ("date", "published", "value")


@dataclass(frozen=True, eq=False)
class FieldChange:
    """One field of a fact, as exported, before and after (None: the field was not there)."""

    name: str
    old: Any
    new: Any


@dataclass(frozen=True, eq=False)
class Changed:
    """A fact present in both states under one id, and the fields that differ."""

    id: str
    old: Any
    new: Any
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True, eq=False)
class CollectionChanges:
    """One collection's changes: added (new order), removed (old order), changed (new order).
    ``more``: of a list bounded by :func:`compare`'s ``listed``, how many are not listed."""

    name: str
    added: tuple[Any, ...] = ()
    removed: tuple[Any, ...] = ()
    changed: tuple[Changed, ...] = ()
    more: Mapping[str, int] = field(default_factory=dict)  # "added", "removed", "changed"

    def count(self, kind: str) -> int:
        """How many facts were ``kind`` ("added", "removed", "changed"), listed or not."""
        listed: tuple[Any, ...] = getattr(self, kind)
        return len(listed) + self.more.get(kind, 0)

    def __bool__(self) -> bool:
        return any(self.count(kind) for kind in CHANGE_KINDS)


CHANGE_KINDS = ("added", "removed", "changed")


@dataclass(frozen=True, eq=False)
class StanceShift:
    """An actor's stance on a topic that changed: a position edited (``same_id``), or a new
    position whose stance differs from the latest earlier one of the old state."""

    old: Position
    new: Position

    @property
    def same_id(self) -> bool:
        return self.old.id == self.new.id

    @property
    def actor(self) -> str:
        return self.new.actor

    @property
    def topic(self) -> str:
        return self.new.topic


@dataclass(frozen=True, eq=False)
class Changes:
    """Every collection in the fact base's order (empty ones too), and the stance shifts."""

    collections: tuple[CollectionChanges, ...]
    stance_shifts: tuple[StanceShift, ...] = ()
    listing: str = ""  # the command that lists every change, where some are not listed

    def __bool__(self) -> bool:
        return any(self.collections)

    def collection(self, name: str) -> CollectionChanges:
        return next(c for c in self.collections if c.name == name)

    def counts(self) -> tuple[int, int, int]:
        """How many facts were added, removed and changed, over every collection."""
        added, removed, changed = (
            sum(c.count(kind) for c in self.collections) for kind in CHANGE_KINDS
        )
        return added, removed, changed


def compare(old: FactBase, new: FactBase, listed: int | None = None, listing: str = "") -> Changes:
    """What changed from ``old`` to ``new``: per collection, facts added, removed and changed
    (by id, field by field), and the stance shifts. ``listed`` bounds each list (the
    first ones are listed, the rest counted; facts not listed are never decoded), and
    ``listing`` is the command that lists them all."""
    collections = [
        _collection(name, getattr(old, name), getattr(new, name), listed) for name in COLLECTIONS
    ]
    changed_positions = {c.id: c for c in collections[COLLECTIONS.index("positions")].changed}
    shifts = tuple(_stance_shifts(old.positions, new, changed_positions))
    if listed is not None:  # the changed facts are all found first: stance shifts need them
        for n, c in enumerate(collections):
            if len(c.changed) > listed:
                more = {**c.more, "changed": len(c.changed) - listed}
                collections[n] = dataclasses.replace(c, changed=c.changed[:listed], more=more)
    return Changes(tuple(collections), shifts, listing)


def changed_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    """The fields of two exported facts that differ, in the new fact's order then the old's;
    a date's worked-out fields only when its written form did not change."""
    names = [*new, *(name for name in old if name not in new)]
    found = [FieldChange(n, old.get(n), new.get(n)) for n in names if old.get(n) != new.get(n)]
    if any(f.name in WRITTEN_DATES for f in found):
        found = [f for f in found if f.name not in WORKED_OUT]
    return tuple(found)


def _collection(
    name: str, old: Sequence[Any], new: Sequence[Any], listed: int | None = None
) -> CollectionChanges:
    """Facts matched by id (where an id repeats, the last fact with it, as in a dict). Facts
    are read through their ids first and decoded a pair at a time, so that 100,000 events
    on each side are never all held at once."""
    exported = EXPORTERS[name]
    before, after = _positions(name, old), _positions(name, new)
    common = [(before[ident], at) for ident, at in after.items() if ident in before]
    olds, news = [b for b, _ in common], [a for _, a in common]
    alike = held_alike(old, olds, new, news)  # (cached events held alike: not decoded)
    olds = [b for b, same in zip(olds, alike, strict=True) if not same]
    news = [a for a, same in zip(news, alike, strict=True) if not same]
    changed = []
    for previous, fact in zip(pick(old, olds), pick(new, news), strict=True):
        if previous == fact:  # equal facts: nothing to export
            continue
        fields = changed_fields(exported(previous), exported(fact))
        if fields:  # facts that differ only in where they are written are the same
            changed.append(Changed(fact.id, previous, fact, fields))
    added = [at for i, at in after.items() if i not in before]
    removed = [at for i, at in before.items() if i not in after]
    more = {}
    if listed is not None:
        for kind, positions in (("added", added), ("removed", removed)):
            if len(positions) > listed:
                more[kind] = len(positions) - listed
                del positions[listed:]
    return CollectionChanges(
        name,
        added=tuple(pick(new, added)),
        removed=tuple(pick(old, removed)),
        changed=tuple(changed),
        more=more,
    )


def _positions(name: str, facts: Sequence[Any]) -> dict[str, int]:
    """Each id's position in ``facts`` (the last, for an id used twice), in order of first
    use; events' ids from their index, without decoding them."""
    ids = index(facts).ids if name == "events" else [fact.id for fact in facts]
    return {ident: at for at, ident in enumerate(ids)}


def _when(position: Position) -> tuple[int, int, int, int, int, int, str]:
    return position.date.sort_key() if position.date else UNDATED_SORT_KEY


def _stance_shifts(
    old: Sequence[Position], new: FactBase, edited: Mapping[str, Changed]
) -> Iterable[StanceShift]:
    """Stance shifts in the new state's order: a position whose stance was edited, and a new
    position whose stance differs from the latest old position of its actor and topic that
    began no later (an undated new position follows every old one)."""
    old_ids = {p.id for p in old}
    by_pair: dict[tuple[str, str], list[Position]] = {}
    for p in old:
        by_pair.setdefault((p.actor, p.topic), []).append(p)
    for p in new.positions:
        if p.id in edited:
            before = edited[p.id].old
            if before.stance != p.stance:
                yield StanceShift(before, p)
            continue
        if p.id in old_ids:
            continue
        when = _when(p) if p.date else None
        earlier = [
            q for q in by_pair.get((p.actor, p.topic), ()) if when is None or _when(q) <= when
        ]
        if earlier:
            # max keeps the first of equals: reversed, the last written of them wins.
            latest = max(reversed(earlier), key=_when)
            if latest.stance != p.stance:
                yield StanceShift(latest, p)
