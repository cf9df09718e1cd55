"""Frozen dataclasses for a fact base; no I/O."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from briefing.errors import Problem


class Precision(enum.IntEnum):
    """How finely a date is known, finest first (the order events sort by)."""

    DAY = 0
    PART_OF_MONTH = 1
    MONTH = 2
    SEASON = 3
    QUARTER = 4
    PART_OF_YEAR = 5
    HALF = 6
    YEAR = 7
    DECADE = 8
    RANGE = 9
    OPEN = 10

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", "-")


class Anchor(NamedTuple):
    """What a date anchored on another fact is worked out from: ``{after: FACT, offset: 1 day}``."""

    side: str  # "after" or "before"
    fact: str  # the id of the dated fact (an event or a position) it is anchored on
    offset: str = ""  # as written ("1 day", "2 weeks"); "" for any time after (or before)


MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def day_in_words(day: date) -> str:
    """A day as a reader writes it, in English whatever the locale: '1 October 2022'."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def year_start(year: int) -> int:
    """The proleptic Gregorian ordinal of 1 January of ``year`` (astronomical: 0 is 1 BC)."""
    before = year - 1
    return 365 * before + before // 4 - before // 100 + before // 400 + 1


def year_of(ordinal: int) -> int:
    """The astronomical year of a proleptic Gregorian ordinal."""
    year = (ordinal - 1) * 400 // 146097 + 1
    while year_start(year) > ordinal:
        year -= 1
    while year_start(year + 1) <= ordinal:
        year += 1
    return year


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A date as a curator wrote it: inclusive bounds (None = open), precision and text.

    A side before AD 1, which ``datetime.date`` cannot hold, has ``date.min`` as its bound
    (so that as-of and filters on CE days treat it as long past) and its astronomical year
    in ``start_year``/``end_year`` (0 is 1 BC, -43 is 44 BC): such a side is always the
    first or last day of that year. A time of day, when given, is in ``start_time`` and
    ``end_time`` (the same for a single day), with its UTC offset when one was written.
    A date anchored on another fact has its ``anchor``; until the fact base is combined its
    bounds are open (None), then they are the anchor's date shifted by the offset.
    """

    start: date | None
    end: date | None
    precision: Precision
    text: str
    approximate: bool = False
    start_time: time | None = None
    end_time: time | None = None
    start_year: int | None = None
    end_year: int | None = None
    anchor: Anchor | None = None
    uncertain: bool = False  # written with a question mark: "2022-02-24?"
    # The date itself as written, where ``text`` is the source's words instead ({from: late
    # February 2022, until: 2022-12-28, text: early in the war}): shown, never sharpened.
    written: str = field(default="", compare=False)  # display only: not part of its meaning

    def start_ordinal(self) -> int | None:
        """The first day as a proleptic Gregorian ordinal, below 1 before AD 1."""
        if self.start_year is not None:
            return year_start(self.start_year)
        return None if self.start is None else self.start.toordinal()

    def end_ordinal(self) -> int | None:
        """The last day as a proleptic Gregorian ordinal, below 1 before AD 1."""
        if self.end_year is not None:
            return year_start(self.end_year + 1) - 1
        return None if self.end is None else self.end.toordinal()

    def sort_key(self) -> tuple[int, int, int, int, int, int, str]:
        """Earliest known bound (an open start sorts at its end) and time of day (a day
        without one sorts at its midnight, after the same day at 00:00), then precision,
        end, text. Times sort as written: offsets are kept, not converted."""
        start, end = self.start_ordinal(), self.end_ordinal()
        first = start if start is not None else end
        clock = self.start_time if start is not None else self.end_time
        return (
            _MIN_ORDINAL if first is None else first,
            0 if clock is None else _seconds(clock),
            int(self.precision),
            1 if clock is None else 0,
            _MAX_ORDINAL if end is None else end,
            _DAY_SECONDS if self.end_time is None else _seconds(self.end_time),
            self.text,
        )

    def may_include(self, day: date) -> bool:
        """True unless the date certainly lies wholly before or after ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


# Below any date a curator can write (9999 BC) and above any (AD 9999).
_MIN_ORDINAL = year_start(-10_000)
_MAX_ORDINAL = date.max.toordinal() + 1
_DAY_SECONDS = 86_400
# Sorts before every dated key: what an undated role or attribute sorts by.
UNDATED_SORT_KEY = (_MIN_ORDINAL - 1, 0, 0, 0, 0, 0, "")


def _seconds(clock: time) -> int:
    return clock.hour * 3600 + clock.minute * 60 + clock.second


class Origin(NamedTuple):
    """Where a fact was written: file path and 1-based line."""

    # A named tuple, not a frozen dataclass: a large fact base makes millions of these.
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Citation:
    source: str
    quote: str
    origin: Origin
    note: str = ""
    url: str = ""
    # When the passage became known otherwise than by the source's publication: the day the
    # curator read it, or the day it was recorded (an interview, a broadcast).
    accessed: FuzzyDate | None = None
    recorded: FuzzyDate | None = None
    # The Admiralty credibility of what the passage says, "1" to "6" (spec.CREDIBILITY).
    credibility: str = ""
    credibility_reason: str = ""
    # Fields of the curator's own (`x-...`) on every kind of item: kept as written, never
    # checked (plain data: text, numbers, true/false, lists and mappings of them).
    extensions: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Contest:
    """A source that disagrees with a fact: it gives another ``value`` for one ``field``
    (``when``: that value as a date, for a date field), or, with no field, says the fact is
    not so. ``sources`` holds its one citation of that source: it is known, as any citation
    is, from its source's publication."""

    origin: Origin
    sources: tuple[Citation, ...]
    field: str = ""  # as the fact file spells it: date, from, stance, ...
    value: str = ""  # as written
    when: FuzzyDate | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """Where something happened: a name as the source gives it, optionally pinned down."""

    name: str
    country: str = ""  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None

    def __str__(self) -> str:
        return f"{self.name}, {self.country}" if self.country else self.name


def made_title(authors: Sequence[str], publisher: str, published: FuzzyDate | None) -> str:
    """The title an untitled source (a post, a dataset) goes by: its author, publisher and date
    in brackets, as a cataloguer marks a title supplied for a work; "" when none is known."""
    parts = [", ".join(authors), publisher, published.text if published else ""]
    made = ", ".join(p for p in parts if p)
    return f"[{made}]" if made else ""


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    origin: Origin
    publisher: str = ""
    authors: tuple[str, ...] = ()
    published: FuzzyDate | None = None
    url: str = ""
    kind: str = ""
    reliability: str = ""
    reliability_reason: str = ""
    based_on: tuple[str, ...] = ()  # the sources it repeats or relies on
    extensions: Mapping[str, Any] = field(default_factory=dict)

    @property
    def titled(self) -> bool:
        """False when the source had no title and goes by one made from its other fields."""
        return self.title != made_title(self.authors, self.publisher, self.published)


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    name: str
    origin: Origin
    label: str = ""  # how it reads inside a sentence; "": its name
    description: str = ""
    aliases: tuple[str, ...] = ()
    extensions: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Role:
    """An office held by a person (or an organisation's post) over time."""

    title: str
    origin: Origin
    of: str = ""
    period: FuzzyDate | None = None
    sources: tuple[Citation, ...] = ()
    former: bool = False
    known_since: FuzzyDate | None = None  # when it became known, overriding its sources
    extensions: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Attribute:
    """A named property whose value changes over time, e.g. a capital."""

    name: str
    value: str
    origin: Origin
    period: FuzzyDate | None = None
    sources: tuple[Citation, ...] = ()
    known_since: FuzzyDate | None = None  # when it became known, overriding its sources
    extensions: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str
    origin: Origin
    plural: bool | None = None  # None: as its kind says (spec.PLURAL_KINDS)
    aliases: tuple[str, ...] = ()
    description: str = ""
    roles: tuple[Role, ...] = ()
    attributes: tuple[Attribute, ...] = ()
    sources: tuple[Citation, ...] = ()
    extensions: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: FuzzyDate
    title: str
    origin: Origin
    summary: str = ""
    actors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    sources: tuple[Citation, ...] = ()
    contested: tuple[Contest, ...] = ()  # sources that disagree with it
    place: Place | None = None
    url: str = ""
    known_since: FuzzyDate | None = None  # when it became known, overriding its sources
    extensions: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Position:
    id: str
    actor: str
    topic: str
    stance: str
    origin: Origin
    statement: str = ""
    date: FuzzyDate | None = None
    sources: tuple[Citation, ...] = ()
    contested: tuple[Contest, ...] = ()  # sources that disagree with it
    known_since: FuzzyDate | None = None  # when it became known, overriding its sources
    extensions: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Relation:
    id: str
    subject: str
    type: str
    object: str
    origin: Origin
    summary: str = ""
    period: FuzzyDate | None = None
    sources: tuple[Citation, ...] = ()
    contested: tuple[Contest, ...] = ()  # sources that disagree with it
    known_since: FuzzyDate | None = None  # when it became known, overriding its sources
    extensions: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Judgment:
    id: str
    statement: str
    by: str
    origin: Origin
    label: str = ""  # a few words naming it where other facts rest on it
    kind: str = "assessment"
    rests_on: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    likelihood: str = ""
    confidence: str = ""
    sources: tuple[Citation, ...] = ()
    known_since: FuzzyDate | None = None  # when it became known, overriding its sources
    withdrawn: FuzzyDate | None = None  # when it stopped being held (kept for the record)
    extensions: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Point:
    """One curated point of a brief: a bottom-line statement or an indicator to watch."""

    text: str
    origin: Origin
    by: str = "curator"
    rests_on: tuple[str, ...] = ()
    sources: tuple[Citation, ...] = ()
    known_since: FuzzyDate | None = None  # when it became known, overriding its sources
    extensions: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Brief:
    """A named brief: its scope, curated bottom line and indicators, and sections."""

    id: str
    title: str
    origin: Origin
    audience: str = ""
    handling: str = ""
    author: str = ""
    date: FuzzyDate | None = None
    as_of: FuzzyDate | None = None
    actors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    window: int | None = None
    judgments: tuple[str, ...] = ()
    bottom_line: tuple[Point, ...] = ()
    indicators: tuple[Point, ...] = ()
    relations: tuple[str, ...] = ()  # relation types shown; () for the default ones
    sections: tuple[str, ...] = ()
    default: bool = False
    extensions: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A fact left out of views because it has errors, or depends on a fact that has."""

    kind: str  # event, actor, ...
    id: str  # "" when the fact's id itself could not be read
    origin: Origin
    reason: str  # the first error, as `check` shows it, or what it depends on
    depends_on: str = ""  # for a fact with no error of its own: the left-out fact it needs


@dataclass(frozen=True, slots=True)
class FactBase:
    """A whole fact base, each collection in file order, without the facts left out."""

    location: str
    files: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    topics: tuple[Topic, ...] = ()
    actors: tuple[Actor, ...] = ()
    events: Sequence[Event] = ()  # a tuple, or events decoded on demand from the cache
    positions: tuple[Position, ...] = ()
    relations: tuple[Relation, ...] = ()
    judgments: tuple[Judgment, ...] = ()
    briefs: tuple[Brief, ...] = ()
    left_out: tuple[LeftOut, ...] = ()  # in file order

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in COLLECTIONS}

    def cited(self) -> list[Actor | Role | Attribute | Event | Position | Relation | Judgment]:
        """Every fact that carries citations, roles and attributes included."""
        out: list[Actor | Role | Attribute | Event | Position | Relation | Judgment] = []
        for actor in self.actors:
            out += [actor, *actor.roles, *actor.attributes]
        return [*out, *self.events, *self.positions, *self.relations, *self.judgments]


COLLECTIONS = (
    "sources",
    "topics",
    "actors",
    "events",
    "positions",
    "relations",
    "judgments",
    "briefs",
)

# The model class of each collection and nested list, by its name in the fact files.
CLASSES: dict[str, type[Any]] = {
    "sources": Source,
    "topics": Topic,
    "actors": Actor,
    "events": Event,
    "positions": Position,
    "relations": Relation,
    "judgments": Judgment,
    "roles": Role,
    "attributes": Attribute,
    "briefs": Brief,
    "points": Point,
    "contested": Contest,
}

_Fact = TypeVar("_Fact")


def make(cls: type[_Fact], values: Mapping[str, Any], origin: Origin) -> _Fact:
    """The one way the validator and its fast path build a fact: by field name.

    A name the class lacks is an error, not a silent loss; fields not given keep defaults.
    (The cache, which stores every field, builds facts field by field: ``cache._builder``.)"""
    return cls(origin=origin, **values)  # type: ignore[call-arg]


class Ref(NamedTuple):
    """A reference to check once every id is known."""

    target: str  # a collection name, "facts" or "judge"
    value: str
    field: str
    origin: Origin


@dataclass
class FileFacts:
    """What one file contributes: its facts, its own problems, and what it refers to."""

    path: str  # as shown to the user
    source: Path  # where to read it again
    problems: list[Problem]
    collections: dict[str, Sequence[Any]]
    ids: tuple[list[str], list[str], list[int]]  # ids, what each names, lines
    refs: dict[str, list[str]]  # referenced values by target, each once
    detail: list[Ref] | None = None  # every reference with its line; None when cached
    # Where each top-level item starts (line, singular kind, id or ""), collection headers
    # too (kind ""), in file order: a problem's line says which fact it is in.
    items: tuple[list[int], list[str], list[str]] = field(default_factory=lambda: ([], [], []))
    # Ids a file that could not be parsed would have defined (line, kind, id), found by a
    # tolerant scan: references to them are knock-on errors, not unknown ids.
    lost: list[tuple[int, str, str]] = field(default_factory=list)
    # Facts whose date is anchored on another fact, worked out when the files are combined:
    # (line of the fact, line of its date, singular kind, id, the anchor's id).
    anchored: list[tuple[int, int, str, str, str]] = field(default_factory=list)
    # Citations graded 1 (confirmed by other sources), weighed once every source's origins
    # are known: (line of the quote, what the fact is, its id, the source, the sources
    # that back the same thing, the citation's own among them).
    graded: list[tuple[int, str, str, str, tuple[str, ...]]] = field(default_factory=list)
