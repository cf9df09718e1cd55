"""A per-file parse cache: each YAML file's checked facts, stored as plain data.

Entries live in the user's cache folder ($BRIEFING_CACHE_DIR, else $XDG_CACHE_HOME/briefing,
else ~/.cache/briefing), one file per fact file, keyed by the file's path, size, inode,
modification and change times, the package version, a fingerprint of the model and the
spec, and a digest of the fact base's settings (which change what the validator accepts).
They are written with ``marshal`` (data only: loading one never runs code) to a temporary
file that is then renamed, so concurrent runs never see half an entry. A folder that is not
ours, or that others can write to, is not used; neither is one we cannot write:
then there is simply no cache.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import functools
import itertools
import marshal
import os
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, timedelta, timezone
from datetime import time as day_time
from pathlib import Path
from typing import Any, NamedTuple

from briefing import __version__, spec
from briefing.errors import BriefingError, Problem
from briefing.index import EventIndex, Keep, date_entries, narrowed_row, words_of
from briefing.model import (
    CLASSES,
    Anchor,
    Citation,
    Event,
    FileFacts,
    FuzzyDate,
    Origin,
    Place,
    Precision,
)

ENV_DIR = "BRIEFING_CACHE_DIR"
# Bumped by hand when the encoding below changes or a file is read differently (8: dates
# carry a time of day and years before AD 1, timestamps with a time are read as text;
# problems carry their severity, files where each item starts and the ids an unreadable
# file would have defined; places, and the settings in the key; 9: dates anchored on
# another fact; 10: uncertain dates; 11: each file's event index; 12: the index holds what
# knowledge time needs; 14: problems carry an example of the shape wanted; 15: citations
# graded 1, and what the index holds of disagreements; 16: the words of each file's texts;
# 17: the texts hold disagreements' quotes); changes to the model or the spec change
# FINGERPRINT by themselves.
FORMAT = 17
# A file changed within this many nanoseconds of its entry being written may have changed
# again without its times showing it ("racy" timestamps): its content hash is checked too.
RACY_NS = 3_000_000_000

_PRECISIONS = list(Precision)


def fingerprint(classes: Iterable[type[Any]], *tables: object) -> str:
    """A digest of model classes (names, field names and types, in order) and spec tables."""
    shape = [
        (cls.__name__, [(f.name, str(f.type)) for f in dataclasses.fields(cls)]) for cls in classes
    ]
    text = repr((shape, tables)).encode()
    # zlib, not hashlib: it loads in a fraction of the time, and this guards against
    # accidents, not adversaries.
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"


# Entries written for another model or spec are never read back as this one.
FINGERPRINT = fingerprint(
    [*CLASSES.values(), Citation, FuzzyDate, Place],
    Anchor._fields,
    Origin._fields,
    [p.name for p in Precision],
    spec.COLLECTION_FIELDS,
    spec.NESTED,
    spec.CITATION,
    spec.CONTEST,
    spec.PLACE,
    sorted(spec.COUNTRIES),
    list(spec.SYNONYMS.values()),
)


def default_folder() -> Path | None:
    """$BRIEFING_CACHE_DIR, else $XDG_CACHE_HOME/briefing, else ~/.cache/briefing; None for
    a user with no home folder (no HOME and no passwd entry): such a user gets no cache."""
    explicit = os.environ.get(ENV_DIR)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):  # the XDG spec: a relative path is to be ignored
        return Path(xdg) / "briefing"
    try:
        return Path.home() / ".cache" / "briefing"
    except RuntimeError:
        return None


# -- encoding model objects as plain data ----------------------------------------------------


def _plan(cls: type[Any]) -> list[tuple[str, str, type[Any] | None]]:
    """How to encode each field of a model class: plain, date, origin or nested (a tuple of
    another model class), in the class's own field order."""
    plan: list[tuple[str, str, type[Any] | None]] = []
    nested_classes = [*CLASSES.values(), Citation]
    for f in dataclasses.fields(cls):
        kind, nested = "plain", None
        annotation = str(f.type)
        if f.name == "origin":
            kind = "origin"
        elif "FuzzyDate" in annotation:
            kind = "date"
        elif "Place" in annotation:
            kind = "place"
        else:
            for nested_cls in nested_classes:
                if f"[{nested_cls.__name__}," in annotation:
                    kind, nested = "nested", nested_cls
        plan.append((f.name, kind, nested))
    return plan


class _Plan(NamedTuple):
    """A class's encoding steps, and the function that builds it back from what they give."""

    steps: list[tuple[str, str, type[Any] | None]]
    names: tuple[str, ...]
    build: Callable[..., Any]  # (data, path, *given): the object; see _builder


def _planned(cls: type[Any], steps: list[tuple[str, str, type[Any] | None]]) -> _Plan:
    names = tuple(name for name, _, _ in steps)
    return _Plan(steps, names, _builder(cls, steps))


_PLANS: dict[type[Any], _Plan] = {}


def _plan_of(cls: type[Any]) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _planned(cls, _plan(cls))
    return plan


def _builder(cls: type[Any], steps: list[tuple[str, str, type[Any] | None]]) -> Callable[..., Any]:
    """A function ``build(data, path, *given)``: the ``cls`` whose encoded fields ``data``
    holds (in the order of ``steps``), with its origin in ``path`` and the fields the steps
    leave out given by name, in the class's field order.

    Every field is stored, so none takes a default: the object's fields are set one by one,
    as the class's own ``__init__`` sets them, without naming each as a keyword first
    (millions of facts are decoded; that halves the cost of each). A class whose
    ``__init__`` does more than set its fields (``__post_init__``) is refused here."""
    fields = [f.name for f in dataclasses.fields(cls)]
    encoded = [name for name, _, _ in steps]
    given = [name for name in fields if name not in encoded]
    params = getattr(cls, "__dataclass_params__", None)
    if not (params and params.frozen and hasattr(cls, "__slots__")):
        raise TypeError(f"{cls.__name__}: only frozen dataclasses with slots are decoded")
    if hasattr(cls, "__post_init__") or len(set(encoded)) != len(encoded):
        raise TypeError(f"{cls.__name__}: cannot be built field by field")
    scope: dict[str, Any] = {
        "new": object.__new__,
        "cls": cls,
        "new_tuple": _new_tuple,
        "Origin": Origin,
        "dec_date": _dec_date,
        "dec_place": _dec_place,
    }
    # Each field is set through its slot (what object.__setattr__ finds, without looking).
    scope.update({f"set_{name}": getattr(cls, name).__set__ for name in fields})
    unpack = "".join(f"{name}, " for name in encoded)
    lines = [f"def build(data, path{''.join(', ' + name for name in given)}):"]
    lines += [f"    ({unpack}) = data", "    o = new(cls)"]
    for name, kind, nested in steps:
        if kind == "origin":
            value = f"new_tuple(Origin, (path, {name}))"
        elif kind == "date":
            value = f"dec_date({name})"
        elif kind == "place":
            value = f"None if {name} is None else dec_place({name})"
        elif kind == "nested":
            assert nested is not None
            scope[f"build_{name}"] = _plan_of(nested).build
            # Most nested lists are empty (a fact no source disputes): no list is built.
            value = f"tuple([build_{name}(item, path) for item in {name}]) if {name} else ()"
        else:
            value = name
        lines.append(f"    set_{name}(o, {value})")
    lines += [f"    set_{name}(o, {name})" for name in given]
    lines.append("    return o")
    exec("\n".join(lines), scope)  # the code is made from field names only
    build: Callable[..., Any] = scope["build"]
    return build


def _enc_date(when: FuzzyDate | None) -> Any:
    if when is None:
        return None
    start = when.start.toordinal() if when.start else 0
    end = when.end.toordinal() if when.end else 0
    plain = when.start_time is None and when.end_time is None
    plain = plain and when.start_year is None and when.end_year is None
    if plain and when.anchor is None and not when.uncertain and not when.written:
        return (start, end, int(when.precision), when.text, when.approximate)
    return (
        start,
        end,
        int(when.precision),
        when.text,
        when.approximate,
        _enc_time(when.start_time),
        _enc_time(when.end_time),
        when.start_year,
        when.end_year,
        None if when.anchor is None else tuple(when.anchor),
        when.uncertain,
        when.written,
    )


def _enc_time(clock: day_time | None) -> Any:
    if clock is None:
        return None
    offset = clock.utcoffset()
    minutes = None if offset is None else int(offset.total_seconds()) // 60
    return (clock.hour, clock.minute, clock.second, clock.microsecond, minutes)


def _dec_time(data: Any) -> day_time | None:
    if data is None:
        return None
    hour, minute, second, microsecond, minutes = data
    zone = None
    if minutes is not None:
        zone = UTC if not minutes else timezone(timedelta(minutes=minutes))
    return day_time(hour, minute, second, microsecond, zone)


@functools.lru_cache(maxsize=32768)
def _dec_date(data: Any) -> FuzzyDate | None:
    """(Remembered: many facts share a date, and a date is immutable.)"""
    if data is None:
        return None
    # Most dates have no time of day and lie after AD 1: five values, not eleven.
    start, end, precision, text, approximate, *rest = data
    start_time = end_time = start_year = end_year = anchor = None
    uncertain = False
    written = ""
    if rest:
        start_time, end_time = _dec_time(rest[0]), _dec_time(rest[1])
        start_year, end_year = rest[2], rest[3]
        anchor = None if rest[4] is None else Anchor(*rest[4])
        uncertain, written = rest[5], rest[6]
    return FuzzyDate(
        date.fromordinal(start) if start else None,
        date.fromordinal(end) if end else None,
        _PRECISIONS[precision],
        text,
        approximate,
        start_time,
        end_time,
        start_year,
        end_year,
        anchor,
        uncertain,
        written,
    )


def _enc_place(where: Place | None) -> Any:
    return None if where is None else (where.name, where.country, where.lat, where.lon)


def _dec_place(data: Any) -> Place | None:
    return None if data is None else Place(*data)


def encode(obj: Any) -> tuple[Any, ...]:
    """A model object as nested tuples of str, int, bool and None, in its field order."""
    return _encode(obj, _plan_of(type(obj)))


def _encode(obj: Any, plan: _Plan) -> tuple[Any, ...]:
    out: list[Any] = []
    for name, kind, _ in plan.steps:
        value = getattr(obj, name)
        if kind == "origin":
            out.append(value.line)
        elif kind == "date":
            out.append(_enc_date(value))
        elif kind == "place":
            out.append(_enc_place(value))
        elif kind == "nested":
            out.append(tuple(encode(item) for item in value))
        else:
            out.append(value)
    return tuple(out)


def decode(cls: type[Any], data: Sequence[Any], path: str) -> Any:
    """The model object ``encode`` gave ``data`` for, with origins in ``path``."""
    return _plan_of(cls).build(data, path)


# An Origin made without NamedTuple's own __new__, a Python function (millions are made).
_new_tuple = tuple.__new__


# -- events, kept as data until a view needs them ------------------------------------------


class LazyEvents(Sequence[Event]):
    """Events from cached files, each part a file's columns: those of
    :class:`~briefing.index.EventIndex` and the events' encoded fields, decoded on demand."""

    def __init__(
        self, parts: Sequence[tuple[str, tuple[Any, ...]]], words: Sequence[str | None] = ()
    ) -> None:
        self.parts = parts  # (path, columns) per file; columns as _event_columns makes them
        # Per part, the words of its texts (index.words_of) as its cache entry keeps them,
        # space apart; None (or none given): worked out from its texts when asked for.
        self.words = words or [None] * len(parts)
        self._all: tuple[Event, ...] | None = None
        self._index: EventIndex | None = None
        self._starts: list[int] | None = None

    @staticmethod
    def join(parts: Sequence[Sequence[Event]]) -> LazyEvents:
        """One lazy sequence from per-file parts, freshly parsed ones included."""
        joined: list[tuple[str, tuple[Any, ...]]] = []
        words: list[str | None] = []
        for part in parts:
            if isinstance(part, LazyEvents):
                joined += part.parts
                words += part.words
            elif part:
                joined.append((part[0].origin.path, _event_columns(part)))
                words.append(None)
        return LazyEvents(joined, words)

    def _decoded(self) -> Iterator[Event]:
        for path, columns in self.parts:
            for i in range(len(columns[0])):
                yield _decode_row(path, columns, i)

    def _materialise(self) -> tuple[Event, ...]:
        if self._all is None:
            self._all = tuple(self._decoded())
        return self._all

    def __len__(self) -> int:
        return sum(len(columns[0]) for _, columns in self.parts)

    def __iter__(self) -> Iterator[Event]:
        """Each event decoded in turn and not kept (unless all were decoded already), so
        that exporting 100,000 events never holds them all."""
        return iter(self._all) if self._all is not None else self._decoded()

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice) and self._all is None:  # read as the whole is: lazily
            return self.pick(range(len(self))[index])
        return self._materialise()[index]

    def event_index(self) -> EventIndex:
        """The columns of every part, joined once."""
        if self._index is None:
            joined: list[list[Any]] = [[] for _ in _INDEXED]
            for _, columns in self.parts:
                for column, position in zip(joined, _INDEXED, strict=True):
                    column += columns[position]
            self._index = EventIndex(*joined)
        return self._index

    def vocabulary(self) -> set[str]:
        """:func:`~briefing.index.words_of` these events' texts: each part's as its cache
        entry keeps them, or worked out from its texts (a part made by a query)."""
        found: set[str] = set()
        for (_, columns), words in zip(self.parts, self.words, strict=True):
            found.update(words.split() if words is not None else words_of(columns[_TEXTS]))
        return found

    def pick(self, positions: Sequence[int]) -> Sequence[Event]:
        """The events at ``positions``, in that order, each decoded when it is read (and
        not kept: a timeline of 100,000 events never holds them all at once)."""
        if self._all is not None:
            return [self._all[i] for i in positions]
        return _Picked(self, positions)

    def _locate(self, position: int) -> tuple[str, tuple[Any, ...], int]:
        """The file, its columns and the row of the event at ``position``."""
        if self._starts is None:
            self._starts = list(itertools.accumulate(len(c[0]) for _, c in self.parts))
        n = bisect.bisect_right(self._starts, position)
        path, columns = self.parts[n]
        return path, columns, position - (self._starts[n - 1] if n else 0)

    def decode_at(self, position: int) -> Event:
        """The event at ``position``, decoded."""
        return _decode_row(*self._locate(position))

    def encoded(self, positions: Sequence[int]) -> list[tuple[Any, ...]]:
        """The events at ``positions`` as they are held: id, actors, topics and encoded
        fields. Two events held the same decode to events equal but for the file their
        origin names (the other index entries are made from these: every change to an
        event's blob makes them again)."""
        out = []
        locate = self._locate
        for position in positions:
            _, columns, i = locate(position)
            out.append((columns[0][i], columns[1][i], columns[2][i], columns[_BLOBS][i]))
        return out

    def subset(self, positions: Sequence[int]) -> LazyEvents:
        """The events at ``positions`` (ascending), still encoded."""
        wanted = iter(positions)
        following = next(wanted, None)
        parts, words, offset = [], [], 0
        for (path, columns), own in zip(self.parts, self.words, strict=True):
            size = len(columns[0])
            keep = []
            while following is not None and following < offset + size:
                keep.append(following - offset)
                following = next(wanted, None)
            offset += size
            if len(keep) == size:  # a whole part, as it was
                parts.append((path, columns))
                words.append(own)
            elif keep:
                parts.append((path, tuple([column[i] for i in keep] for column in columns)))
                words.append(None)
        return LazyEvents(parts, words)

    def ids(self) -> Iterator[str]:
        for _, columns in self.parts:
            yield from columns[0]

    def references(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """Each event's id with the actors, topics and sources it names, without decoding."""
        for _, (ids, actor_col, topic_col, source_col, *_) in self.parts:
            for i, ident in enumerate(ids):
                yield ident, (*actor_col[i], *topic_col[i], *source_col[i])

    def matching(self, wanted: set[str]) -> list[Event]:
        """The events whose id is in ``wanted``, decoding only those."""
        return [
            _decode_row(path, columns, i)
            for path, columns in self.parts
            for i, ident in enumerate(columns[0])
            if ident in wanted
        ]

    def without(self, unwanted: set[str]) -> LazyEvents:
        """The events whose id is not in ``unwanted``, still encoded."""
        return self.subset([i for i, ident in enumerate(self.ids()) if ident not in unwanted])

    def dates_of(self, wanted: set[str]) -> dict[str, FuzzyDate]:
        """The dates of the events whose id is in ``wanted`` (the first, for an id used
        twice), decoding only their dates."""
        found: dict[str, FuzzyDate] = {}
        for _, columns in self.parts:
            for i, ident in enumerate(columns[0]):
                if ident in wanted and ident not in found:
                    when = _dec_date(marshal.loads(columns[_BLOBS][i])[_DATE_AT])
                    assert when is not None  # every event has a date
                    found[ident] = when
        return found

    def replaced(self, positions: Sequence[int], new: Sequence[Event]) -> LazyEvents:
        """These events with the event at each of ``positions`` replaced by the one in
        ``new``, encoded as the cache encodes them; the others untouched."""
        rows = dict(zip(positions, _rows(new), strict=True))
        parts, words, offset = [], [], 0
        for (path, columns), own in zip(self.parts, self.words, strict=True):
            size = len(columns[0])
            hits = [p for p in range(offset, offset + size) if p in rows] if rows else []
            if hits:
                changed = [list(column) for column in columns]
                for p in hits:
                    for column, entry in zip(changed, rows[p], strict=True):
                        column[p - offset] = entry
                columns, own = tuple(changed), None
            parts.append((path, columns))
            words.append(own)
            offset += size
        return LazyEvents(parts, words)

    def narrowed(self, positions: Sequence[int], keep: Keep) -> LazyEvents:
        """See :func:`briefing.index.narrowed`: of each event, only what ``keep`` reads of
        its citations is decoded; the kept ones' encoded items are left in its blob, and
        its index entries are made again from its row (:func:`~briefing.index.narrowed_row`)."""
        ordered = sorted(positions)
        parts, words, offset = [], [], 0
        for (path, columns), own in zip(self.parts, self.words, strict=True):
            size = len(columns[0])
            first = bisect.bisect_left(ordered, offset)
            hits = [p - offset for p in ordered[first : bisect.bisect_left(ordered, offset + size)]]
            offset += size
            words.append(None if hits else own)  # a citation dropped drops its quote's words
            if not hits:
                parts.append((path, columns))
                continue
            # Only the columns a citation counts in, and the blob, are copied and changed.
            changed = [list(c) if n in _CITED else c for n, c in enumerate(columns)]
            known = columns[_KNOWN]
            for i in hits:
                try:
                    data = list(marshal.loads(columns[_BLOBS][i]))
                    items = data[_SOURCES_AT]
                    # The index's knowledge entry holds each citation's day; without one, none
                    # has a day of its own.
                    entry = known[i]
                    cited = (
                        entry[2] if entry is not None else [(c[_SOURCE_AT], None) for c in items]
                    )
                except (ValueError, TypeError, EOFError, IndexError) as exc:
                    raise _damaged(path, exc) from None
                at = keep(cited)
                data[_SOURCES_AT] = tuple(items[n] for n in at)
                changed[_BLOBS][i] = marshal.dumps(tuple(data))
                (
                    changed[_SOURCES][i],
                    changed[_TEXTS][i],
                    changed[_KNOWN][i],
                ) = narrowed_row(columns[_TEXTS][i], entry, cited, at)
            parts.append((path, tuple(changed)))
        return LazyEvents(parts, words)

    def with_dates(self, dates: dict[str, FuzzyDate]) -> LazyEvents:
        """These events with the dates of those in ``dates`` (anchored dates worked out)
        replaced, their index entries made again, the others untouched and still encoded."""
        parts = []
        for path, columns in self.parts:
            hits = [i for i, ident in enumerate(columns[0]) if ident in dates]
            changed = {n: list(columns[n]) for n in (_BLOBS, *_DATED)} if hits else {}
            for i in hits:
                data = list(marshal.loads(columns[_BLOBS][i]))
                old = _dec_date(data[_DATE_AT])
                if old is None or old.anchor is None:
                    continue
                new = dates[columns[0][i]]
                data[_DATE_AT] = _enc_date(new)
                changed[_BLOBS][i] = marshal.dumps(tuple(data))
                for n, entry in zip(_DATED, date_entries(new), strict=True):
                    changed[n][i] = entry
            if changed:
                columns = tuple(changed.get(n, column) for n, column in enumerate(columns))
            parts.append((path, columns))
        return LazyEvents(parts, self.words)  # a date is not among the texts


class _Picked(Sequence[Event]):
    """Some of a :class:`LazyEvents`' events, in a given order, decoded on each reading."""

    def __init__(self, events: LazyEvents, positions: Sequence[int]) -> None:
        self.events, self.positions = events, positions
        self._index: EventIndex | None = None

    def event_index(self) -> EventIndex:
        """The columns of these events, in their order: picked from the whole index."""
        if self._index is None:
            self._index = self.events.event_index().picked(self.positions)
        return self._index

    def __len__(self) -> int:
        return len(self.positions)

    def __iter__(self) -> Iterator[Event]:
        return map(self.events.decode_at, self.positions)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return _Picked(self.events, self.positions[index])
        return self.events.decode_at(self.positions[index])


# An event's id, actors and topics are columns of their own (to select events without
# decoding them); the rest of its fields go into one blob, in the model's field order.
_EVENT_COLUMNS = ("id", "actors", "topics")
_EVENT_BLOB = _planned(
    Event, [step for step in _plan_of(Event).steps if step[0] not in _EVENT_COLUMNS]
)
_DATE_AT = _EVENT_BLOB.names.index("date")  # where an event's date is in its blob
_SOURCES_AT = _EVENT_BLOB.names.index("sources")
_CITATION = _plan_of(Citation).names
_SOURCE_AT = _CITATION.index("source")


def _encode_event(e: Event) -> bytes:
    """An event's fields that its columns do not already hold, as one small blob."""
    return marshal.dumps(_encode(e, _EVENT_BLOB))


class CacheDamaged(BriefingError):
    """A cache entry that looked whole turned out not to be when an event was decoded."""


def _decode_event(path: str, ident: str, actors: Any, topics: Any, blob: bytes) -> Event:
    try:
        event: Event = _EVENT_BLOB.build(marshal.loads(blob), path, ident, actors, topics)
        return event
    except (ValueError, TypeError, EOFError) as exc:
        raise _damaged(path, exc) from None


def _damaged(path: str, exc: Exception) -> CacheDamaged:
    return CacheDamaged(
        f"{path}: its cache entry is damaged ({exc}); run `briefing cache clear` or add --no-cache"
    )


# A file's event columns: the index's (ids, actors, topics, sources, keys, starts, ends,
# texts, known) with the encoded events at _BLOBS, after the first four.
_BLOBS = 4
_INDEXED = (0, 1, 2, 3, 5, 6, 7, 8, 9)
_DATED = (5, 6, 7)  # keys, starts, ends: what a worked-out anchored date changes
_TEXTS = 8
_KNOWN = 9
_SOURCES = 3
# Sources, blobs, texts, known: what dropping a citation changes.
_CITED = (_SOURCES, _BLOBS, _TEXTS, _KNOWN)


def _decode_row(path: str, columns: tuple[Any, ...], i: int) -> Event:
    """The event in row ``i`` of a file's event columns."""
    return _decode_event(path, columns[0][i], columns[1][i], columns[2][i], columns[_BLOBS][i])


def _rows(events: Sequence[Event]) -> list[tuple[Any, ...]]:
    """Each event's entries in a file's event columns."""
    columns = _event_columns(events)
    return list(zip(*columns, strict=True)) if events else []


def _event_columns(events: Sequence[Event]) -> tuple[Any, ...]:
    indexed = EventIndex.of(events).columns()
    return (*indexed[:_BLOBS], [_encode_event(e) for e in events], *indexed[_BLOBS:])


def to_data(facts: FileFacts) -> dict[str, Any]:
    collections = {
        name: [encode(item) for item in items]
        for name, items in facts.collections.items()
        if name != "events"
    }
    events = facts.collections.get("events", ())
    columns = _event_columns(events)
    return {
        "problems": [
            (p.line, p.column, p.message, p.severity, p.example)
            for p in facts.problems
            if p.path == facts.path
        ],
        "ids": facts.ids,
        "items": facts.items,
        "lost": facts.lost,
        "anchored": facts.anchored,
        "graded": facts.graded,
        "refs": facts.refs,
        "collections": collections,
        "events": columns,
        # Kept for a search that finds nothing: worked out from 100,000 events' texts, it
        # took a third of such a search's time.
        "words": " ".join(sorted(words_of(columns[_TEXTS]))),
    }


def from_data(data: dict[str, Any], path: str, source: Path) -> FileFacts:
    collections: dict[str, Sequence[Any]] = {
        name: [decode(CLASSES[name], item, path) for item in items]
        for name, items in data["collections"].items()
    }
    collections["events"] = LazyEvents([(path, tuple(data["events"]))], [data["words"]])
    return FileFacts(
        path=path,
        source=source,
        problems=[
            Problem(path, line, column, message, severity, example)
            for line, column, message, severity, example in data["problems"]
        ],
        collections=collections,
        ids=tuple(data["ids"]),
        refs=data["refs"],
        detail=None,
        items=tuple(data["items"]),
        lost=[tuple(entry) for entry in data["lost"]],
        anchored=[tuple(entry) for entry in data["anchored"]],
        graded=[(*entry[:4], tuple(entry[4])) for entry in data["graded"]],
    )


# -- the store -------------------------------------------------------------------------------


def _identity(path: Path) -> tuple[str, int, int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (str(path.resolve()), st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns)


class Cache:
    """Cached FileFacts by file; every failure to read or write means 'not cached'.

    ``context`` (the key of the fact base's settings) is part of every entry's key: an
    entry built under other settings is never used."""

    def __init__(self, folder: Path, context: str = "") -> None:
        self.folder = folder
        self.context = context

    @classmethod
    def open(cls, folder: Path | None = None, context: str = "") -> Cache | None:
        """The cache in ``folder`` (default: the user's), or None if it cannot be trusted."""
        folder = folder or default_folder()
        if folder is None:
            return None
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            st = folder.stat()
        except OSError:
            return None
        if st.st_uid != os.getuid() or st.st_mode & 0o022:
            return None  # someone else could plant entries here
        return cls(folder, context)

    def _entry(self, key: str) -> Path:
        # A checksum and the end of the path name the entry; the full key inside it decides
        # whether it is used, so a clash only costs a parse. (zlib loads faster than hashlib.)
        tail = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in key[-48:])
        # The name is built from the path's bytes, so any file name works, UTF-8 or not.
        return self.folder / f"{zlib.crc32(os.fsencode(key)):08x}-{tail}.marshal"

    def get(self, path: Path, shown: str) -> FileFacts | None:
        identity = _identity(path)
        if identity is None:
            return None
        try:
            blob = unseal(self._entry(identity[0]).read_bytes())
            if blob is None:
                return None
            stored = marshal.loads(blob)
            fmt, version, model, context, key, written_ns, digest, data = stored
        except (OSError, EOFError, ValueError, TypeError):
            return None
        expected = (FORMAT, __version__, FINGERPRINT, self.context, identity)
        if (fmt, version, model, context, tuple(key)) != expected:
            return None
        if max(identity[3], identity[4]) >= written_ns - RACY_NS and digest != _digest(path):
            return None
        try:
            return from_data(data, shown, path)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            return None  # an entry of another shape: parse again

    def _pointer(self, content: str) -> Path:
        return self.folder / f"content-{content}.pointer"

    def get_by_content(self, content: str, path: Path, shown: str) -> FileFacts | None:
        """What was read from a file whose bytes had the digest ``content`` (a file of a git
        revision, the same as one read before at any path), read as ``path``, shown as
        ``shown``; None when no entry has it. Each entry written leaves a pointer to it
        under its file's digest; the entry is used only if it still holds that digest."""
        try:
            name = self._pointer(content).read_text(encoding="ascii")
            if "/" in name or not name.endswith(".marshal"):
                return None
            blob = unseal((self.folder / name).read_bytes())
            if blob is None:
                return None
            fmt, version, model, context, _, _, digest, data = marshal.loads(blob)
        except (OSError, EOFError, ValueError, TypeError, UnicodeDecodeError):
            return None
        if (fmt, version, model, context, digest) != (
            FORMAT,
            __version__,
            FINGERPRINT,
            self.context,
            content,
        ):
            return None
        try:
            return from_data(data, shown, path)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            return None

    def put(self, seen: Seen, facts: FileFacts) -> None:
        """Store what was read from a file as it was when ``seen`` was taken."""
        identity, seen_ns, digest = seen
        import tempfile

        temp = None
        try:
            data = to_data(facts)
            blob = marshal.dumps(
                (FORMAT, __version__, FINGERPRINT, self.context, identity, seen_ns, digest, data)
            )
            entry = self._entry(identity[0])
            # Written aside, then renamed: a reader sees the old entry or the new, never half.
            fd, temp = tempfile.mkstemp(dir=self.folder, prefix=".entry-")
            with os.fdopen(fd, "wb") as out:
                out.write(seal(blob))
            os.replace(temp, entry)
            temp = None
            if not digest:
                return
            # A pointer to the entry by the file's digest: the same bytes at another path (a
            # git revision's file) find it (see get_by_content). A few bytes, never a copy.
            fd, temp = tempfile.mkstemp(dir=self.folder, prefix=".entry-")
            with os.fdopen(fd, "wb") as out:
                out.write(entry.name.encode("ascii"))
            os.replace(temp, self._pointer(digest))
            temp = None
        except (OSError, ValueError):  # ValueError: a name or text marshal cannot store
            pass
        finally:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)

    def clear(self) -> tuple[int, int]:
        """Remove every entry: how many were removed, and how many could not be (a read-only
        folder); what is not a file of ours, such as a folder named like one, is left alone."""
        removed = kept = 0
        pointers = [*self.folder.glob("content-*.pointer")]  # they go with the entries
        for entry in [*self.folder.glob("*.marshal"), *self.folder.glob(".entry-*"), *pointers]:
            try:
                if entry.is_symlink() or not entry.is_file():
                    continue
                entry.unlink()
                removed += entry.suffix != ".pointer"
            except FileNotFoundError:
                continue  # another run removed it first
            except OSError:
                kept += entry.suffix != ".pointer"
        return removed, kept

    def usage(self) -> tuple[int, int]:
        """How many entries there are and how many bytes they hold, as far as can be seen
        while other runs write and remove entries."""
        count = size = 0
        for entry in self.folder.glob("*.marshal"):
            try:
                size += entry.stat().st_size
                count += 1
            except OSError:
                continue
        return count, size


def seal(blob: bytes) -> bytes:
    """An entry as stored: a checksum of its content, then the content."""
    return zlib.crc32(blob).to_bytes(4, "big") + blob


def unseal(stored: bytes) -> memoryview | None:
    """The content of a stored entry, or None when its checksum fails: a damaged entry (a
    flipped bit, a torn write) is parsed again, never trusted. (A view, not a copy: a large
    file's entry is tens of megabytes.)"""
    blob = memoryview(stored)[4:]
    return blob if len(stored) >= 4 and zlib.crc32(blob).to_bytes(4, "big") == stored[:4] else None


def _digest(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


def digest(content: bytes) -> str:
    import hashlib

    return hashlib.blake2b(content, digest_size=16).hexdigest()


# A file's identity, when it was taken, and the digest of the bytes then read.
Seen = tuple[tuple[str, int, int, int, int], int, str]


def observe(path: Path) -> tuple[tuple[str, int, int, int, int], int] | None:
    """A file's identity and the time, taken before its content is read."""
    identity = _identity(path)
    return None if identity is None else (identity, time.time_ns())
