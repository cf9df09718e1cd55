"""Assemble a briefing document from a fact base and a brief definition; pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from briefing import knowledge, query
from briefing.index import fold, index, known_day, pick
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
from briefing.spec import BRIEF_SECTIONS, DEFAULT_HANDLING, DEFAULT_WINDOW_DAYS
from briefing.suggest import close_matches

if TYPE_CHECKING:
    from briefing.diff import Changes

# How many actors a brief without a defined scope calls key: the most involved ones.
DEFAULT_KEY_ACTORS = 8
# Events before the window listed under Background: the latest ones, the rest counted (a
# brief is read; `briefing timeline` lists them all).
BACKGROUND_EVENTS = 20


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
class Gaps:
    """What the brief's evidence lacks, found automatically."""

    single_source: tuple[Any, ...]  # facts citing only one source
    vague_dates: tuple[Event, ...]  # events known only to the month, year or a range
    silent_actors: tuple[Actor, ...]  # key actors with no recorded position
    unrated: tuple[Judgment, ...]  # judgments without likelihood or confidence
    left_out: tuple[LeftOut, ...] = ()  # facts with errors, and those resting on them

    def __bool__(self) -> bool:
        return any(
            (self.single_source, self.vague_dates, self.silent_actors, self.unrated, self.left_out)
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
    earlier_events: tuple[Event, ...]  # the latest BACKGROUND_EVENTS before the window
    earlier_unlisted: int  # how many more in scope before the window, not listed
    recent: tuple[Event, ...]
    key_actors: tuple[KeyActor, ...]
    matrix: query.Matrix
    indicators: tuple[Point, ...]
    gaps: Gaps
    sources: tuple[query.SourceUse, ...]

    @property
    def sections(self) -> list[str]:
        """The sections to print: those the brief asks for that have something in them
        (none when nothing was known by the brief's known-by day)."""
        if self.nothing_known:
            return []
        wanted = self.brief.sections or BRIEF_SECTIONS
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
) -> Briefing:
    """The briefing for ``brief`` as of ``as_of`` (else the brief's own, else ``today``),
    from what was known on ``known_by`` (else all that is known now); with ``since``, what
    became known after that day first."""
    day = as_of or (brief.as_of.end if brief.as_of and brief.as_of.end else None) or today
    everything = facts
    if known_by is not None:
        facts = knowledge.known_by(facts, known_by)
        # The brief's own points as then known (a made-up brief has none).
        brief = next((b for b in facts.briefs if b.origin == brief.origin), brief)
    else:
        facts = knowledge.held(facts, today)
    facts = query.as_of(facts, day)
    days = window or brief.window or DEFAULT_WINDOW_DAYS
    # A window reaching back past year 1 starts there: dates cannot go further.
    start = day - timedelta(days=days - 1) if day.toordinal() >= days else date.min
    actor_scope, topic_scope = set(brief.actors), set(brief.topics)

    def relevant(actors: Sequence[str], topics: Sequence[str]) -> bool:
        if not actor_scope and not topic_scope:
            return True
        return not (actor_scope.isdisjoint(actors) and topic_scope.isdisjoint(topics))

    idx = index(facts.events)
    in_scope = idx.by_date(i for i in range(len(idx)) if relevant(idx.actors[i], idx.topics[i]))
    # Every event of the window, and the latest BACKGROUND_EVENTS before it; only those are
    # decoded (read many times: decoded once).
    first = start.toordinal()
    recent_at = {i for i in in_scope if (s := idx.starts[i]) is not None and s >= first}
    earlier_at = [i for i in in_scope if i not in recent_at]
    unlisted = max(0, len(earlier_at) - BACKGROUND_EVENTS)
    dropped = set(earlier_at[:unlisted])
    listed = [i for i in in_scope if i not in dropped]
    events = list(pick(facts.events, listed))
    recent = tuple(e for i, e in zip(listed, events, strict=True) if i in recent_at)
    earlier = tuple(e for i, e in zip(listed, events, strict=True) if i not in recent_at)
    chosen_positions = [p for p in facts.positions if relevant([p.actor], [p.topic])]
    standing = tuple(
        p
        for p in chosen_positions
        if p.date is None or p.date.start is None or p.date.start < start
    )
    relations = tuple(r for r in facts.relations if relevant([r.subject, r.object], []))
    judgments = _key_judgments(facts, brief, relevant)
    key_actors = _key_actors(facts, brief, day)
    key_ids = {k.actor.id for k in key_actors}
    matrix = query.matrix(
        facts,
        [
            p
            for p in query.positions(facts)
            if p.actor in key_ids and (not topic_scope or p.topic in topic_scope)
        ],
    )
    # A curated point is hidden when anything it rests on had not yet happened (what was
    # not yet known is left out by knowledge time, above).
    citable = query.citable(facts)

    def stands(point: Point) -> bool:
        return all(f in citable for f in point.rests_on)

    bottom_line = tuple(p for p in brief.bottom_line if stands(p))
    indicators = tuple(p for p in brief.indicators if stands(p))
    shown: list[Any] = [*events, *chosen_positions, *relations, *judgments]
    gaps = Gaps(
        single_source=tuple(f for f in shown if len({c.source for c in f.sources}) == 1),
        vague_dates=tuple(e for e in events if e.date.precision >= Precision.MONTH),
        silent_actors=tuple(
            k.actor for k in key_actors if not any(p.actor == k.actor.id for p in facts.positions)
        ),
        unrated=tuple(j for j in judgments if not j.likelihood or not j.confidence),
        left_out=facts.left_out,
    )
    changes = None
    if since is not None:
        from briefing import diff  # only for --since

        before = query.as_of(knowledge.known_by(everything, since), day)
        changes = diff.compare(_scoped(before, brief, relevant), _scoped(facts, brief, relevant))
    cited: list[Any] = [*shown, *bottom_line, *indicators, *(k.actor for k in key_actors)]
    uses = tuple(query.source_uses(facts, cited))
    published = [d for u in uses if (d := known_day(u.source.published)) is not None]
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
        earlier_unlisted=unlisted,
        recent=recent,
        key_actors=key_actors,
        matrix=matrix,
        indicators=indicators,
        gaps=gaps,
        sources=uses,
    )


def _scoped(facts: FactBase, brief: Brief, relevant: Any) -> FactBase:
    """The facts of ``facts`` a brief's changes list: events, positions, relations and
    judgments in its scope (sources, topics and actors are not news in themselves)."""
    idx = index(facts.events)
    return FactBase(
        location=facts.location,
        events=tuple(
            pick(
                facts.events, [i for i in range(len(idx)) if relevant(idx.actors[i], idx.topics[i])]
            )
        ),
        positions=tuple(p for p in facts.positions if relevant([p.actor], [p.topic])),
        relations=tuple(r for r in facts.relations if relevant([r.subject, r.object], [])),
        judgments=_key_judgments(facts, brief, relevant),
    )


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
        # ``facts`` is already as of ``day``: each profile reuses it, not filtering again.
        profile = query.profile(facts, actor, day)
        current = tuple(h for h in profile.roles if h.current)
        out.append(KeyActor(actor, current))
    return tuple(out)
