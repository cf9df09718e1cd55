"""Assemble a briefing document from a fact base and a brief definition; pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from briefing import knowledge, query
from briefing.corroboration import Origins
from briefing.index import EventIndex, disputing_of, fold, index, known_day, pick, subset
from briefing.model import (
    Actor,
    Brief,
    Event,
    FactBase,
    Judgment,
    LeftOut,
    Origin,
    Point,
    Position,
    Precision,
    Relation,
    day_in_words,
)
from briefing.spec import (
    BRIEF_RELATION_TYPES,
    BRIEF_SECTIONS,
    DEFAULT_BRIEF_LEVEL,
    DEFAULT_HANDLING,
    DEFAULT_WINDOW_DAYS,
)
from briefing.suggest import close_matches

if TYPE_CHECKING:
    from briefing.diff import Changes

T = TypeVar("T")

# How many actors a brief without a defined scope calls key: the most involved ones.
DEFAULT_KEY_ACTORS = 8
# How much a brief shows, by level (spec.BRIEF_LEVELS): `summary` is what a reader takes in
# at a glance, `standard` what fits a few pages, `full` everything in its scope.
# The sections each level prints, of those the brief asks for (None: all of them).
LEVEL_SECTIONS: dict[str, tuple[str, ...] | None] = {
    "summary": ("changes", "bottom-line", "key-judgments", "outlook"),
    "standard": None,
    "full": None,
}
# How many entries each list of a brief shows, by level; the rest are counted, with the
# command that lists them all. A list a level does not name is not bounded. `gaps` is how
# many examples each kind of gap names.
LIMITS: dict[str, dict[str, int]] = {
    "summary": {"changes": 5, "bottom-line": 3, "key-judgments": 3, "indicators": 3},
    "standard": {
        "changes": 12,  # each list of what changed (--since): added, withdrawn, changed
        "bottom-line": 6,
        "key-judgments": 8,
        "positions": 10,
        "relations": 12,
        "earlier": 12,
        "recent": 20,
        "key-actors": 8,
        "matrix-actors": 8,
        "matrix-topics": 6,
        "indicators": 6,
        "contested": 10,
        "gaps": 3,
        "sources": 10,
    },
    "full": {},
}


def choose(facts: FactBase, name: str | None) -> Brief:
    """The brief called ``name``; without a name the default, the only one, or a made-up one."""
    if name is not None:
        for brief in facts.briefs:
            if fold(brief.id) == fold(name):
                return brief
        known = [b.id for b in facts.briefs]
        hint = close_matches(name, known)
        more = "; did you mean " + " or ".join(hint) + "?" if hint else ""
        listing = f" (briefs: {', '.join(known)})" if known and not hint else ""
        raise query.NotFound(f"no brief `{name}` in the fact base{more}{listing}")
    marked = [b for b in facts.briefs if b.default]
    if marked:
        return marked[0]
    if len(facts.briefs) == 1:
        return facts.briefs[0]
    return Brief(id="default", title="Briefing", origin=Origin(facts.location, 0))


@dataclass(frozen=True)
class Window:
    """The days of "recent developments": ``start`` to ``end`` inclusive."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class KeyActor:
    actor: Actor
    roles: tuple[query.RoleHeld, ...]


@dataclass(frozen=True)
class More:
    """Entries a brief's list leaves out at its level: how many, what they are and the
    command that lists them all."""

    count: int
    what: str  # singular: 'earlier event'
    command: str


@dataclass(frozen=True)
class Gap(Generic[T]):
    """One kind of gap: how many facts have it, and the few named as examples."""

    count: int = 0
    examples: tuple[T, ...] = ()

    def __bool__(self) -> bool:
        return self.count > 0

    @property
    def unnamed(self) -> int:
        return self.count - len(self.examples)


def _gap(found: Sequence[T], examples: int | None) -> Gap[T]:
    return Gap(len(found), tuple(found[:examples] if examples is not None else found))


@dataclass(frozen=True)
class Gaps:
    """What the brief's evidence lacks, found automatically; a gap true of the whole fact
    base (one source for everything) is not one of this brief's."""

    single_origin: Gap[Any] = Gap()  # facts resting on one origin (see briefing.corroboration)
    vague_dates: Gap[Event] = Gap()  # events known only to the month, year or a range
    silent_actors: Gap[Actor] = Gap()  # key actors with no recorded position
    unrated: Gap[Judgment] = Gap()  # judgments without likelihood or confidence
    left_out: Gap[LeftOut] = Gap()  # facts with errors, and those resting on them

    def __bool__(self) -> bool:
        return any(
            (self.single_origin, self.vague_dates, self.silent_actors, self.unrated, self.left_out)
        )


@dataclass(frozen=True)
class Briefing:
    """A brief assembled as of a date: every section's content, empty sections empty."""

    brief: Brief
    facts: FactBase
    as_of: date  # valid time: events up to this day
    known_by: date | None  # knowledge time: sources published by this day (None: by now)
    sources_by: date | None  # the latest publication date among the brief's sources
    nothing_known: str  # why the brief is empty, when --known-by leaves nothing: one line
    since: date | None  # with --since: what became known after this day is listed
    changes: Changes | None  # in the brief's scope, from what was known on ``since``
    dated: str  # the brief's date as written
    window: Window
    handling: str
    bottom_line: tuple[Point, ...]
    judgments: tuple[Judgment, ...]
    standing_positions: tuple[Position, ...]
    standing_relations: tuple[Relation, ...]
    earlier_events: tuple[Event, ...]  # the latest ones before the window
    recent: tuple[Event, ...]
    key_actors: tuple[KeyActor, ...]
    matrix: query.Matrix
    indicators: tuple[Point, ...]
    contested: tuple[Any, ...]  # facts in its scope that a source disagrees with
    gaps: Gaps
    sources: tuple[query.SourceUse, ...]
    level: str = DEFAULT_BRIEF_LEVEL
    # What each bounded list leaves out, by list: bottom-line, key-judgments, positions,
    # relations, earlier, recent, key-actors, matrix-actors, matrix-topics, indicators,
    # sources (see LIMITS).
    more: Mapping[str, More] = field(default_factory=dict)

    @property
    def sections(self) -> list[str]:
        """The sections to print: those the brief asks for that have something in them
        (none when nothing was known by the brief's known-by day)."""
        if self.nothing_known:
            return []
        wanted = set(self.brief.sections or BRIEF_SECTIONS)
        by_level = LEVEL_SECTIONS[self.level]
        if by_level is not None:
            wanted &= set(by_level)
        filled = {
            "changes": self.changes is not None,
            "bottom-line": bool(self.bottom_line),
            "key-judgments": bool(self.judgments),
            "background": bool(
                self.standing_positions or self.standing_relations or self.earlier_events
            ),
            "recent": bool(self.recent),
            "key-actors": bool(self.key_actors),
            "positions": bool(self.matrix.cells),
            "outlook": bool(self.indicators),
            "contested": bool(self.contested),
            "gaps": bool(self.gaps),
            "sources": bool(self.sources),
        }
        # What changed is asked for on the command line (--since), whatever the brief lists.
        return [s for s in BRIEF_SECTIONS if (s in wanted or s == "changes") and filled[s]]


def assemble(
    facts: FactBase,
    brief: Brief,
    today: date,
    as_of: date | None = None,
    window: int | None = None,
    known_by: date | None = None,
    since: date | None = None,
    level: str = DEFAULT_BRIEF_LEVEL,
) -> Briefing:
    """The briefing for ``brief`` as of ``as_of`` (else the brief's own as-of date, else its
    date, else the day of the latest event, but never after ``today``), from what was known
    on ``known_by`` (else all that is known now); with ``since``, what became known after
    that day first. ``level`` bounds each list (see LIMITS)."""
    everything = facts
    if known_by is not None:
        facts = knowledge.known_by(facts, known_by)
        # The brief's own points as then known (a made-up brief has none).
        brief = next((b for b in facts.briefs if b.origin == brief.origin), brief)
    else:
        facts = knowledge.held(facts, today)
    day = as_of or _default_day(facts, brief, today)
    facts = query.as_of(facts, day)
    limits = LIMITS[level]
    more: dict[str, More] = {}
    in_full = _command(everything, brief, "--level full")

    def bound(name: str, items: Sequence[T], what: str, command: str) -> tuple[T, ...]:
        """The first entries of ``items`` the level shows; the rest counted in ``more``."""
        limit = limits.get(name)
        if limit is None or len(items) <= limit:
            return tuple(items)
        more[name] = More(len(items) - limit, what, command)
        return tuple(items[:limit])

    days = window or brief.window or DEFAULT_WINDOW_DAYS
    # A window reaching back past year 1 starts there: dates cannot go further.
    start = day - timedelta(days=days - 1) if day.toordinal() >= days else date.min
    actor_scope, topic_scope = set(brief.actors), set(brief.topics)

    def relevant(actors: Sequence[str], topics: Sequence[str]) -> bool:
        if not actor_scope and not topic_scope:
            return True
        return not (actor_scope.isdisjoint(actors) and topic_scope.isdisjoint(topics))

    idx = index(facts.events)
    scope_at = _in_scope(idx, relevant) if actor_scope or topic_scope else None
    in_scope = idx.by_date(scope_at)
    # The latest events of the window, and the latest before it, as many as the level
    # shows; only those are decoded (read many times: decoded once).
    first = start.toordinal()
    recent_at = [i for i in in_scope if (s := idx.starts[i]) is not None and s >= first]
    window_set = set(recent_at)
    earlier_at = [i for i in in_scope if i not in window_set]
    before = date.fromordinal(first - 1).isoformat() if start > date.min else None
    until = f"briefing timeline --until {before}" if before else "briefing timeline"
    earlier_at = list(bound("earlier", earlier_at[::-1], "earlier event", until))[::-1]
    recent_at = list(
        bound(
            "recent",
            recent_at[::-1],
            "recent event",
            f"briefing timeline --since {start.isoformat()} --until {day.isoformat()}",
        )
    )[::-1]
    earlier = tuple(pick(facts.events, earlier_at))
    recent = tuple(pick(facts.events, recent_at))
    events = [*earlier, *recent]
    chosen_positions = [p for p in facts.positions if relevant([p.actor], [p.topic])]
    standing = bound(
        "positions",
        [
            p
            for p in chosen_positions
            if p.date is None or p.date.start is None or p.date.start < start
        ],
        "standing position",
        "briefing positions",
    )
    judgments = bound(
        "key-judgments", _key_judgments(facts, brief, relevant), "key judgment", in_full
    )
    every_key_actor = _key_actors(facts, brief, day)
    key_ids = {k.actor.id for k in every_key_actor}
    kinds = set(brief.relations or BRIEF_RELATION_TYPES)
    relations = bound(
        "relations",
        [
            r
            for r in facts.relations
            if r.subject in key_ids and r.object in key_ids and r.type in kinds
        ],
        "relation",
        in_full,
    )
    key_actors = bound("key-actors", every_key_actor, "key actor", "briefing actors")
    matrix = _bounded_matrix(
        query.matrix(
            facts,
            [
                p
                for p in query.positions(facts)
                if p.actor in key_ids and (not topic_scope or p.topic in topic_scope)
            ],
        ),
        bound,
    )
    # A curated point is hidden when anything it rests on had not yet happened (what was
    # not yet known is left out by knowledge time, above).
    citable = query.citable(facts)

    def stands(point: Point) -> bool:
        return all(f in citable for f in point.rests_on)

    bottom_line = bound(
        "bottom-line", [p for p in brief.bottom_line if stands(p)], "point", in_full
    )
    indicators = bound(
        "indicators", [p for p in brief.indicators if stands(p)], "indicator", in_full
    )
    # The positions the brief shows: standing ones, and those in its matrix.
    in_matrix = [p for steps in matrix.cells.values() for p in steps]
    positions = list({id(p): p for p in [*standing, *in_matrix]}.values())
    shown: list[Any] = [*events, *positions, *relations, *judgments]
    examples = limits.get("gaps")
    # With one origin behind the whole fact base (one source, or sources that all repeat
    # one), every fact rests on it alone: not a gap of this brief's.
    origins = Origins(facts.sources)
    single = (
        []
        if origins.independent(s.id for s in facts.sources) <= 1
        else [f for f in shown if f.sources and origins.of_fact(f.sources) == 1]
    )
    gaps = Gaps(
        single_origin=_gap(single, examples),
        vague_dates=_gap([e for e in events if e.date.precision >= Precision.MONTH], examples),
        silent_actors=_gap(
            [
                k.actor
                for k in key_actors
                if not any(p.actor == k.actor.id for p in facts.positions)
            ],
            None,  # names, as many as the key actors the level shows
        ),
        unrated=_gap([j for j in judgments if not j.likelihood or not j.confidence], examples),
        left_out=_gap(facts.left_out, examples),
    )
    # Every fact in scope that a source disagrees with, events first (in date order); only
    # the disputed events are decoded.
    disputed_at = [i for i in in_scope if disputing_of(idx.known[i])]
    contested = bound(
        "contested",
        [
            *(e for e in pick(facts.events, disputed_at) if e.contested),
            *(p for p in chosen_positions if p.contested),
            *(
                r
                for r in facts.relations
                if r.contested and r.subject in key_ids and r.object in key_ids
            ),
        ],
        "contested point",
        in_full,
    )
    changes = None
    if since is not None:
        from briefing import diff  # only for --since

        # Only the events in scope are narrowed to what was known then (a few of them).
        then = query.as_of(knowledge.known_by(everything, since, relevant), day)
        changes = diff.compare(
            _scoped(then, brief, relevant),
            _scoped(facts, brief, relevant, scope_at),
            listed=limits.get("changes"),
            listing=_command(everything, brief, f"--since {since.isoformat()} --level full"),
        )
    cited: list[Any] = [*shown, *bottom_line, *indicators, *(k.actor for k in key_actors)]
    all_uses = query.source_uses(facts, cited)
    published = [d for u in all_uses if (d := known_day(u.source.published)) is not None]
    # The most cited sources, in the bibliography's order.
    kept = {
        id(u)
        for u in bound(
            "sources",
            sorted(all_uses, key=lambda u: -u.facts),
            "source",
            "briefing sources",
        )
    }
    uses = tuple(u for u in all_uses if id(u) in kept)
    return Briefing(
        brief=brief,
        facts=facts,
        as_of=day,
        known_by=known_by,
        sources_by=_day(max(published)) if published else None,
        nothing_known=_nothing_known(everything, known_by) if known_by and not uses else "",
        since=since,
        changes=changes,
        dated=brief.date.text if brief.date else day.isoformat(),
        window=Window(start, day),
        handling=brief.handling or DEFAULT_HANDLING,
        bottom_line=bottom_line,
        judgments=judgments,
        standing_positions=standing,
        standing_relations=relations,
        earlier_events=earlier,
        recent=recent,
        key_actors=key_actors,
        matrix=matrix,
        indicators=indicators,
        contested=contested,
        gaps=gaps,
        sources=uses,
        level=level,
        more=more,
    )


def _default_day(facts: FactBase, brief: Brief, today: date) -> date:
    """The day a brief is as of when the command line does not say: its own as-of date,
    else its date, else the day the latest event began; never after ``today``."""
    for when in (brief.as_of, brief.date):
        if when is not None and when.end is not None:
            return when.end
    starts = [s for s in index(facts.events).starts if s is not None and s >= 1]
    return min(date.fromordinal(max(starts)), today) if starts else today


def _command(facts: FactBase, brief: Brief, options: str) -> str:
    """The command that prints ``brief`` with ``options``: by its name when it has one."""
    named = any(b.id == brief.id for b in facts.briefs)
    return f"briefing brief {brief.id} {options}" if named else f"briefing brief {options}"


def _bounded_matrix(matrix: query.Matrix, bound: Any) -> query.Matrix:
    """The matrix's most filled topics, then its first actors with a stance on one of them,
    as many as the level shows."""
    filled = {t.id: sum(1 for (_, topic) in matrix.cells if topic == t.id) for t in matrix.topics}
    command = "briefing positions --matrix"
    busiest = bound(
        "matrix-topics", sorted(matrix.topics, key=lambda t: -filled[t.id]), "topic", command
    )
    columns = {t.id for t in busiest}
    with_cells = {actor for (actor, topic) in matrix.cells if topic in columns}
    actors = bound(
        "matrix-actors", [a for a in matrix.actors if a.id in with_cells], "actor", command
    )
    if len(actors) == len(matrix.actors) and len(columns) == len(matrix.topics):
        return matrix
    rows = {a.id for a in actors}
    return query.Matrix(
        actors=tuple(actors),
        topics=tuple(t for t in matrix.topics if t.id in columns),
        cells={k: v for k, v in matrix.cells.items() if k[0] in rows and k[1] in columns},
    )


def _scoped(
    facts: FactBase, brief: Brief, relevant: Any, scope_at: list[int] | None = None
) -> FactBase:
    """The facts of ``facts`` a brief's changes list: events, positions, relations and
    judgments in its scope (sources, topics and actors are not news in themselves);
    ``scope_at``, when given, are the positions of its events in scope (found already)."""
    # Still encoded when they were: what changed decodes few of them.
    events = facts.events
    if brief.actors or brief.topics:
        found = _in_scope(index(events), relevant) if scope_at is None else scope_at
        events = subset(events, found)
    return FactBase(
        location=facts.location,
        events=events,
        positions=tuple(p for p in facts.positions if relevant([p.actor], [p.topic])),
        relations=tuple(r for r in facts.relations if relevant([r.subject, r.object], [])),
        judgments=_key_judgments(facts, brief, relevant),
    )


def _in_scope(idx: EventIndex, relevant: Any) -> list[int]:
    """The positions of the events in a brief's scope (a brief without one has them all:
    its callers then skip the call)."""
    return [
        i for i, (a, t) in enumerate(zip(idx.actors, idx.topics, strict=True)) if relevant(a, t)
    ]


def _day(ordinal: int) -> date | None:
    """The day of an ordinal; None before AD 1, which a date cannot hold."""
    return date.fromordinal(ordinal) if ordinal >= 1 else None


def _nothing_known(facts: FactBase, day: date) -> str:
    """Why a brief from what was known on ``day`` cites nothing, in one line."""
    when = day_in_words(day)
    published = [(d, s.id) for s in facts.sources if (d := known_day(s.published)) is not None]
    if not published:
        return f"Nothing was known by {when}: no source in the fact base has a publication date."
    first, source = min(published)
    if first <= day.toordinal():
        return f"Nothing in this brief's scope was known by {when}."
    shown = _day(first)
    on = f" on {day_in_words(shown)}" if shown else ""
    return (
        f"Nothing was known by {when}: no source in the fact base was published by then "
        f"(the first, {source}, was published{on})."
    )


def _key_judgments(facts: FactBase, brief: Brief, relevant: Any) -> tuple[Judgment, ...]:
    if brief.judgments:
        by_id = {j.id: j for j in facts.judgments}
        return tuple(by_id[i] for i in brief.judgments if i in by_id)
    return tuple(j for j in facts.judgments if relevant(j.actors, j.topics))


def _key_actors(facts: FactBase, brief: Brief, day: date) -> tuple[KeyActor, ...]:
    by_id = {a.id: a for a in facts.actors}
    if brief.actors:
        chosen = [by_id[i] for i in brief.actors if i in by_id]
    else:
        rows = sorted(query.actor_rows(facts), key=lambda r: -(r.events + r.positions))
        chosen = [r.actor for r in rows[:DEFAULT_KEY_ACTORS] if r.events + r.positions]
    out = []
    for actor in chosen:
        # ``facts`` is already as of ``day``: only the roles are read, not its events.
        current = tuple(h for h in query.roles_of(facts, actor, day) if h.current)
        out.append(KeyActor(actor, current))
    return tuple(out)
