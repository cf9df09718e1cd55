"""Frozen dataclasses for a fact base; no I/O."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
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
    YEAR = 6
    RANGE = 7
    OPEN = 8

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", "-")


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A date as a curator wrote it: inclusive bounds (None = open), precision and text."""

    start: date | None
    end: date | None
    precision: Precision
    text: str
    approximate: bool = False

    def sort_key(self) -> tuple[date, int, date, str]:
        """Earliest known bound (an open start sorts at its end), then precision, end, text."""
        return (
            self.start or self.end or date.min,
            int(self.precision),
            self.end or date.max,
            self.text,
        )

    def may_include(self, day: date) -> bool:
        """True unless the date certainly lies wholly before or after ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


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
    # Fields of the curator's own (`x-...`) on every kind of item: kept as written, never
    # checked (plain data: text, numbers, true/false, lists and mappings of them).
    extensions: Mapping[str, Any] = field(default_factory=dict)


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
    extensions: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Attribute:
    """A named property whose value changes over time, e.g. a capital."""

    name: str
    value: str
    origin: Origin
    period: FuzzyDate | None = None
    sources: tuple[Citation, ...] = ()
    extensions: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str
    origin: Origin
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
    place: Place | None = None
    url: str = ""
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
    extensions: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Judgment:
    id: str
    statement: str
    by: str
    origin: Origin
    kind: str = "assessment"
    rests_on: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    likelihood: str = ""
    confidence: str = ""
    sources: tuple[Citation, ...] = ()
    extensions: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Point:
    """One curated point of a brief: a bottom-line statement or an indicator to watch."""

    text: str
    origin: Origin
    by: str = "curator"
    rests_on: tuple[str, ...] = ()
    sources: tuple[Citation, ...] = ()
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
    sections: tuple[str, ...] = ()
    default: bool = False
    extensions: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FactBase:
    """A whole fact base, each collection in file order."""

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
}

_Fact = TypeVar("_Fact")


def make(cls: type[_Fact], values: Mapping[str, Any], origin: Origin) -> _Fact:
    """The one way every path (validator, fast path, cache) builds a fact: by field name.

    A name the class lacks is an error, not a silent loss; fields not given keep defaults."""
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
