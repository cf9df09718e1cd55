"""View models: what each view and the brief show, worked out once; renderers only format them.
Names, credits and what a judgment rests on are resolved against the view's one as-of fact base."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from briefing import query
from briefing.model import (
    Actor,
    Brief,
    Citation,
    Event,
    FactBase,
    FuzzyDate,
    Judgment,
    LeftOut,
    Point,
    Position,
    Precision,
    Relation,
    Source,
    Topic,
    day_in_words,
)
from briefing.query import ActorRow, Hit, Matrix, PositionHistory, Profile, SourceUse

if TYPE_CHECKING:
    from briefing.brief import Briefing
    from briefing.diff import Changes


class _ViewModel:
    """A view model: made once per run, read by one renderer, never changed, compared by
    identity. A plain class, not a frozen dataclass: making each of those costs about half
    a millisecond of every start-up (its methods are generated and compiled)."""

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")


def _init(model: _ViewModel, **fields: Any) -> None:
    for name, value in fields.items():
        object.__setattr__(model, name, value)


# How many characters of a judgment's statement stand for it in a list.
JUDGMENT_LABEL_WIDTH = 60


def shorten(text: str, width: int) -> str:
    """At most ``width`` characters on one line, cut at a word (unless that loses over half)."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


def left_out_label(entry: LeftOut) -> str:
    """A fact left out, as the brief's gaps name it: 'event e5, events.yaml:38 (has errors)'."""
    what = f"{entry.kind} {entry.id}, " if entry.id else f"a {entry.kind} at "
    why = f"depends on {entry.depends_on}" if entry.depends_on else "has errors"
    return f"{what}{entry.origin} ({why})"


def relation_words(kind: str) -> str:
    """A relation type as words: 'depends-on' -> 'depends on'."""
    return kind.replace("-", " ")


def unlisted_events(count: int, window_start: date) -> tuple[str, str, str]:
    """The brief's line for earlier events it does not list, as words, a command and words
    (each renderer sets the command as code): ('3 more earlier events are not listed: ',
    'briefing timeline --until 2022-09-29', ' lists every event to then.')."""
    day = date.fromordinal(window_start.toordinal() - 1) if window_start > date.min else None
    more = f"{count:,} more earlier event{'' if count == 1 else 's'}"
    verb = "is" if count == 1 else "are"
    command = f"briefing timeline --until {day.isoformat()}" if day else "briefing timeline"
    return f"{more} {verb} not listed: ", command, " lists every event to then."


def basis_times(basis: Basis) -> tuple[tuple[str, str], ...]:
    """The two kinds of time a view was made at, as (words, ISO day) pairs, those given:
    (('as of ', '2022-10-01'), ('known by ', '2022-12-28'))."""
    pairs = (("as of ", basis.as_of), ("known by ", basis.known_by))
    return tuple((words, day.isoformat()) for words, day in pairs if day is not None)


def brief_times(briefing: Briefing) -> tuple[tuple[str, str], ...]:
    """A brief's two kinds of time in words, as (words, day) pairs: events up to its as-of
    day; sources published by its known-by day, else by the latest of its sources' dates."""
    pairs = [("Events up to ", day_in_words(briefing.as_of))]
    sources = briefing.known_by or briefing.sources_by
    if sources is not None:
        pairs.append(("Sources published by ", day_in_words(sources)))
    return tuple(pairs)


def date_text(when: FuzzyDate | None) -> str:
    """A date as the curator wrote it; 'undated' when there is none."""
    return when.text if when else "undated"


def since_text(when: FuzzyDate | None) -> str:
    """The date of the stance an actor holds now: 'since February 2022' for a date written as
    a date; as written for a range, an open date or the source's words ('now', 'early in
    the war'); 'undated' when there is none."""
    if when is None or when.precision >= Precision.RANGE:
        return date_text(when)
    # A single date written with a number (a day, a month, a year) reads as one; words
    # relative to the source ('now', 'here and now') are shown as written. (Reading the
    # text back with the date grammar would cost every profile the grammar's start-up.)
    return f"since {when.text}" if any(c.isdigit() for c in when.text) else when.text


class Step(_ViewModel):
    """One position in an actor's history on a topic, with its date in words: '2019' for an
    earlier one, 'since February 2022' for the current one."""

    __slots__ = ("position", "when")
    position: Position
    when: str

    def __init__(self, position: Position, when: str) -> None:
        _init(self, position=position, when=when)


def steps(history: PositionHistory) -> tuple[Step, ...]:
    """Each position of ``history``, earliest first, dated as 'supports (2019) → balances
    (since February 2022)' reads."""
    current = history.current
    return tuple(
        Step(p, since_text(p.date) if any(p is c for c in current) else date_text(p.date))
        for p in history.steps
    )


class Support(_ViewModel):
    """A fact a judgment or point rests on: its label, its date as written ('' if none)."""

    __slots__ = ("label", "sources", "when")
    label: str
    when: str
    sources: tuple[Citation, ...]

    def __init__(self, label: str, when: str, sources: tuple[Citation, ...]) -> None:
        _init(self, label=label, when=when, sources=sources)


class Basis(_ViewModel):
    """The fact base a view was built from, already as known by ``known_by`` and as of
    ``as_of``, and lookups into it."""

    facts: FactBase
    as_of: date | None
    known_by: date | None

    def __init__(
        self, facts: FactBase, as_of: date | None = None, known_by: date | None = None
    ) -> None:
        _init(self, facts=facts, as_of=as_of, known_by=known_by)

    @cached_property
    def _actors(self) -> dict[str, Actor]:
        return {a.id: a for a in self.facts.actors}

    @cached_property
    def _topics(self) -> dict[str, Topic]:
        return {t.id: t for t in self.facts.topics}

    @cached_property
    def _sources(self) -> dict[str, Source]:
        return {s.id: s for s in self.facts.sources}

    @cached_property
    def _citable(self) -> Mapping[str, Any]:
        return query.citable(self.facts)

    def actor_name(self, actor_id: str) -> str:
        actor = self._actors.get(actor_id)
        return actor.name if actor else actor_id

    def topic_name(self, topic_id: str) -> str:
        topic = self._topics.get(topic_id)
        return topic.name if topic else topic_id

    def source(self, source_id: str) -> Source | None:
        return self._sources.get(source_id)

    def label(self, fact: Any) -> str:
        """A short human name for any fact: its title or name, else a summary of what it says."""
        for attr in ("title", "name"):
            value = getattr(fact, attr, "")
            if value:
                return str(value)
        if isinstance(fact, Position):
            return f"{self.actor_name(fact.actor)} {fact.stance} {self.topic_name(fact.topic)}"
        if isinstance(fact, Relation):
            kind = relation_words(fact.type)
            return f"{self.actor_name(fact.subject)} {kind} {self.actor_name(fact.object)}"
        if isinstance(fact, Judgment):
            return shorten(fact.statement, JUDGMENT_LABEL_WIDTH)
        return str(getattr(fact, "id", fact))

    def attribution(self, by: str, citations: Sequence[Citation]) -> str:
        """Whose judgment or point it is: 'A. Writer, the source's author', 'the curator' or
        an actor's name."""
        if by == "curator":
            return "the curator"
        if by == "author":
            names = [a for c in citations if (s := self.source(c.source)) for a in s.authors]
            unique = ", ".join(dict.fromkeys(names))
            return f"{unique}, the source's author" if unique else "the source's author"
        return self.actor_name(by)

    def rests_on(self, ids: Sequence[str]) -> tuple[Support, ...]:
        """The facts named in ``ids`` that this fact base holds, in that order."""
        found = [self._citable[i] for i in ids if i in self._citable]
        return tuple(
            Support(
                self.label(f).rstrip("."),
                w.text if (w := getattr(f, "date", None)) else "",
                f.sources,
            )
            for f in found
        )

    def judgment(self, j: Judgment, with_support: bool = True) -> JudgmentView:
        credit = f"{j.kind.capitalize()} by {self.attribution(j.by, j.sources)}"
        return JudgmentView(j, credit, self.rests_on(j.rests_on) if with_support else ())

    def point(self, p: Point) -> PointView:
        return PointView(p, self.attribution(p.by, p.sources), self.rests_on(p.rests_on))


class JudgmentView(_ViewModel):
    """A judgment with its credit ('Assessment by the curator') and what it rests on."""

    __slots__ = ("credit", "judgment", "rests_on")
    judgment: Judgment
    credit: str
    rests_on: tuple[Support, ...]

    def __init__(self, judgment: Judgment, credit: str, rests_on: tuple[Support, ...]) -> None:
        _init(self, judgment=judgment, credit=credit, rests_on=rests_on)


class PointView(_ViewModel):
    """A bottom-line point or indicator, whose it is, and what it rests on."""

    __slots__ = ("by", "point", "rests_on")
    point: Point
    by: str
    rests_on: tuple[Support, ...]

    def __init__(self, point: Point, by: str, rests_on: tuple[Support, ...]) -> None:
        _init(self, point=point, by=by, rests_on=rests_on)


# -- one model per view ----------------------------------------------------------------------


class TimelineView(_ViewModel):
    __slots__ = ("basis", "events")
    basis: Basis
    events: Sequence[Event]  # decoded as it is read, once

    def __init__(self, basis: Basis, events: Sequence[Event]) -> None:
        _init(self, basis=basis, events=events)


class ProfileView(_ViewModel):
    __slots__ = ("basis", "histories", "judgments", "profile")
    basis: Basis
    profile: Profile
    judgments: tuple[JudgmentView, ...]
    # The topics on which the actor has held more than one position, each in date order.
    histories: tuple[PositionHistory, ...]

    def __init__(
        self,
        basis: Basis,
        profile: Profile,
        judgments: tuple[JudgmentView, ...],
        histories: tuple[PositionHistory, ...] = (),
    ) -> None:
        _init(self, basis=basis, profile=profile, judgments=judgments, histories=histories)


class ActorsView(_ViewModel):
    __slots__ = ("basis", "rows")
    basis: Basis
    rows: tuple[ActorRow, ...]

    def __init__(self, basis: Basis, rows: tuple[ActorRow, ...]) -> None:
        _init(self, basis=basis, rows=rows)


class PositionsView(_ViewModel):
    __slots__ = ("basis", "positions")
    basis: Basis
    positions: tuple[Position, ...]

    def __init__(self, basis: Basis, positions: tuple[Position, ...]) -> None:
        _init(self, basis=basis, positions=positions)


class HistoryView(_ViewModel):
    """Each actor's positions on each topic as a sequence (`positions --history`)."""

    __slots__ = ("basis", "histories")
    basis: Basis
    histories: tuple[PositionHistory, ...]

    def __init__(self, basis: Basis, histories: tuple[PositionHistory, ...]) -> None:
        _init(self, basis=basis, histories=histories)


class MatrixView(_ViewModel):
    __slots__ = ("basis", "matrix")
    basis: Basis
    matrix: Matrix

    def __init__(self, basis: Basis, matrix: Matrix) -> None:
        _init(self, basis=basis, matrix=matrix)


class SourcesView(_ViewModel):
    __slots__ = ("basis", "uses")
    basis: Basis
    uses: tuple[SourceUse, ...]

    def __init__(self, basis: Basis, uses: tuple[SourceUse, ...]) -> None:
        _init(self, basis=basis, uses=uses)


class SearchView(_ViewModel):
    __slots__ = ("basis", "hits", "query", "suggestion")
    basis: Basis
    query: str
    hits: tuple[Hit, ...]
    suggestion: str | None  # with no hits, a near spelling that has some

    def __init__(
        self, basis: Basis, query: str, hits: tuple[Hit, ...], suggestion: str | None = None
    ) -> None:
        _init(self, basis=basis, query=query, hits=hits, suggestion=suggestion)


class BriefView(_ViewModel):
    """A briefing with its judgments and points credited and resolved."""

    __slots__ = ("basis", "bottom_line", "briefing", "indicators", "judgments")
    basis: Basis
    briefing: Briefing
    judgments: tuple[JudgmentView, ...]
    bottom_line: tuple[PointView, ...]
    indicators: tuple[PointView, ...]

    def __init__(
        self,
        basis: Basis,
        briefing: Briefing,
        judgments: tuple[JudgmentView, ...],
        bottom_line: tuple[PointView, ...],
        indicators: tuple[PointView, ...],
    ) -> None:
        _init(
            self,
            basis=basis,
            briefing=briefing,
            judgments=judgments,
            bottom_line=bottom_line,
            indicators=indicators,
        )


class BriefsView(_ViewModel):
    __slots__ = ("basis", "briefs")
    basis: Basis
    briefs: tuple[Brief, ...]

    def __init__(self, basis: Basis, briefs: tuple[Brief, ...]) -> None:
        _init(self, basis=basis, briefs=briefs)


class State(_ViewModel):
    """One side of a diff: what it is called (a folder, or a revision as the user wrote it),
    the commit a revision was read from, and its facts (``facts.left_out``: left out)."""

    __slots__ = ("commit", "facts", "label")
    label: str
    facts: FactBase
    commit: str | None

    def __init__(self, label: str, facts: FactBase, commit: str | None = None) -> None:
        _init(self, label=label, facts=facts, commit=commit)


class DiffView(_ViewModel):
    """What changed from ``old`` to ``new``; ``basis`` finds names and sources in the new
    state first, then in the old (a removed fact's actor may be gone)."""

    __slots__ = ("basis", "changes", "new", "old")
    basis: Basis
    old: State
    new: State
    changes: Changes

    def __init__(self, basis: Basis, old: State, new: State, changes: Changes) -> None:
        _init(self, basis=basis, old=old, new=new, changes=changes)


View = (
    TimelineView
    | ProfileView
    | ActorsView
    | PositionsView
    | HistoryView
    | MatrixView
    | SourcesView
    | SearchView
    | BriefView
    | BriefsView
    | DiffView
)


def profile(basis: Basis, actor: Actor) -> ProfileView:
    """The profile of ``actor`` (found in ``basis.facts``), its judgments credited; what they
    rest on is left to the brief, which weighs evidence."""
    found = query.profile(basis.facts, actor, basis.as_of)
    judgments = tuple(basis.judgment(j, with_support=False) for j in found.judgments)
    changed = tuple(h for h in query.position_history(found.positions) if len(h.steps) > 1)
    return ProfileView(basis, found, judgments, changed)


def brief(briefing: Briefing) -> BriefView:
    """The view of an assembled briefing, resolved against the facts as of its date."""
    basis = Basis(briefing.facts, briefing.as_of, briefing.known_by)
    return BriefView(
        basis,
        briefing,
        judgments=tuple(basis.judgment(j) for j in briefing.judgments),
        bottom_line=tuple(basis.point(p) for p in briefing.bottom_line),
        indicators=tuple(basis.point(p) for p in briefing.indicators),
    )


def diff(old: State, new: State) -> DiffView:
    """The changes from ``old`` to ``new``, with lookups into both states."""
    from briefing.diff import compare

    before, after = old.facts, new.facts
    both = dataclasses.replace(
        after,
        sources=_union(after.sources, before.sources),
        topics=_union(after.topics, before.topics),
        actors=_union(after.actors, before.actors),
    )
    return DiffView(Basis(both), old, new, compare(before, after))


def _union(first: Sequence[Any], second: Sequence[Any]) -> tuple[Any, ...]:
    ids = {f.id for f in first}
    return (*first, *(f for f in second if f.id not in ids))


def fact_date(fact: Any) -> str:
    """A fact's date as written ('' if it has none): an event's or position's date, a
    relation's period, a source's publication."""
    for attr in ("date", "period", "published"):
        when = getattr(fact, attr, None)
        if isinstance(when, FuzzyDate):
            return when.text
    return ""


def value_text(value: Any) -> str:
    """An exported field's value in words on one line: lists joined by commas (mappings by
    semicolons), a mapping as `key: value` pairs without its empty values, '—' for nothing."""
    from briefing.diff import WORKED_OUT, WRITTEN_DATES

    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        joiner = "; " if any(isinstance(v, dict) for v in value) else ", "
        return joiner.join(value_text(v) for v in value)
    if isinstance(value, dict):
        dated = any(value.get(key) is not None for key in WRITTEN_DATES)
        return ", ".join(
            f"{key}: {value_text(v)}"
            for key, v in value.items()
            if v not in (None, [], {}) and not (dated and key in WORKED_OUT)
        )
    return str(value)
