"""Knowledge time: what was known on a day, as opposed to what had happened by it; pure.

A fact becomes known when one of its citations does: a citation on its own `accessed` or
`recorded` date when it has one, else on its source's `published` date. A fact's
`known_since` overrides its citations: it is known from then, all its citations with it.
A date counts once it has certainly passed: a source published in "December 2022" is
known from 31 December, so that nothing published later leaks into an earlier view.
An undated source is never known by a given day (only its own dated citations are).
Judgments and brief points follow the facts they rest on: they are known once all of
those are; a judgment is no longer held from the day it was `withdrawn`.
A source that disagrees with a fact (`contested`) is one side of it, known as its own
citation is: the disagreement shows once both it and the fact are known.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import date
from itertools import chain
from typing import Any, TypeVar

from briefing.index import (
    Among,
    disputing,
    disputing_of,
    index,
    known_day,
    narrowed,
    pick,
    replaced,
    sources_of,
    subset,
)
from briefing.model import Actor, Citation, Event, FactBase, Judgment, Point

_Fact = TypeVar("_Fact")


class Knowledge:
    """When each source of a fact base became known, and so when each fact did. (A plain
    class: every view imports this module, and making a dataclass costs start-up time.)"""

    def __init__(self, published: Mapping[str, int | None]) -> None:
        self.published = published  # source id -> known_day of its `published`

    @staticmethod
    def of(facts: FactBase) -> Knowledge:
        return Knowledge({s.id: known_day(s.published) for s in facts.sources})

    def citation_day(self, citation: Citation) -> int | None:
        return self.cited_day(citation.source, known_day(citation.accessed or citation.recorded))

    def cited_day(self, source: str, own: int | None) -> int | None:
        """The day a citation of ``source`` became known: its own day (from `accessed` or
        `recorded`), else its source's publication."""
        return own if own is not None else self.published.get(source)

    def citations_by(self, fact: Any, day: int) -> tuple[Citation, ...] | None:
        """The citations of ``fact`` known by ``day`` (all of them when its `known_since`
        has passed); None when the fact itself is not known by then. A fact that cites
        nothing and has no `known_since` is known (an actor needs no proof)."""
        since = getattr(fact, "known_since", None)
        cited: tuple[Citation, ...] = fact.sources
        if since is not None:
            first = known_day(since)
            return cited if first is not None and first <= day else None
        if not cited:
            return cited
        kept = tuple(c for c in cited if _by(self.citation_day(c), day))
        return kept or None

    def contests_by(self, fact: Any, day: int) -> tuple[Any, ...]:
        """The disagreements with ``fact`` known by ``day``: those whose citations are."""
        return tuple(
            c for c in fact.contested if all(_by(self.citation_day(x), day) for x in c.sources)
        )


def _by(known: int | None, day: int) -> bool:
    return known is not None and known <= day


def _narrowed(
    fact: _Fact, cited: tuple[Citation, ...], contested: tuple[Any, ...] | None = None
) -> _Fact:
    """``fact`` with only ``cited`` among its citations and, when given, only ``contested``
    among its disagreements (itself when nothing was dropped)."""
    changes: dict[str, Any] = {}
    if len(cited) != len(fact.sources):  # type: ignore[attr-defined]
        changes["sources"] = cited
    if contested is not None and len(contested) != len(fact.contested):  # type: ignore[attr-defined]
        changes["contested"] = contested
    return dataclasses.replace(fact, **changes) if changes else fact  # type: ignore[type-var]


def _kept(facts: Sequence[_Fact], knowledge: Knowledge, day: int) -> tuple[_Fact, ...]:
    out = []
    for fact in facts:
        cited = knowledge.citations_by(fact, day)
        if cited is not None:
            contested = getattr(fact, "contested", ())
            known = knowledge.contests_by(fact, day) if contested else None
            out.append(_narrowed(fact, cited, known))
    return tuple(out)


def _actor_by(actor: Actor, knowledge: Knowledge, day: int) -> Actor:
    """The actor as known by ``day``: always there, with the roles, attributes and
    citations then known."""
    roles = _kept(actor.roles, knowledge, day)
    attributes = _kept(actor.attributes, knowledge, day)
    cited = knowledge.citations_by(actor, day) or ()  # an actor is there, cited or not
    if (roles, attributes, cited) == (actor.roles, actor.attributes, actor.sources):
        return actor
    return dataclasses.replace(actor, roles=roles, attributes=attributes, sources=cited)


def withdrawn_by(judgment: Judgment, day: int) -> bool:
    return _by(known_day(judgment.withdrawn), day)


def held(facts: FactBase, today: date) -> FactBase:
    """The fact base without the judgments withdrawn by ``today`` (what every view shows
    without --known-by: all that is known now, and still held)."""
    day = today.toordinal()
    judgments = tuple(j for j in facts.judgments if not withdrawn_by(j, day))
    if len(judgments) == len(facts.judgments):
        return facts
    return dataclasses.replace(facts, judgments=judgments)


def known_by(facts: FactBase, on: date, events_among: Among | None = None) -> FactBase:
    """The fact base as it was known on ``on``: only what its sources (or the curator's
    `known_since`) had made known by then, each fact with the citations then known.
    ``events_among`` (given an event's actors and topics: whether it is wanted) keeps only
    the events it wants, the others unread: judgments still follow every event then
    known, and a source cited only by the others is left out unless published by then."""
    knowledge, day = Knowledge.of(facts), on.toordinal()
    actors = tuple(_actor_by(a, knowledge, day) for a in facts.actors)
    events, known_events = _events_by(facts.events, knowledge, day, events_among)
    positions = _kept(facts.positions, knowledge, day)
    relations = _kept(facts.relations, knowledge, day)
    judgments = _kept([j for j in facts.judgments if not withdrawn_by(j, day)], knowledge, day)
    # Judgments follow the facts they rest on, judgments on judgments included.
    known_ids = set(known_events) | {a.id for a in actors}
    known_ids |= {p.id for p in positions} | {r.id for r in relations}
    every = ids_of(facts)
    judgments = standing(judgments, known_ids, every)
    known_ids |= {j.id for j in judgments}
    supported: list[Any] = [*positions, *relations, *judgments]
    supported += [f for a in actors for f in (a, *a.roles, *a.attributes)]
    cited = {s for f in supported for s in (*sources_of(f), *disputing(f))}
    idx = index(events)
    cited.update(chain.from_iterable(idx.sources))
    cited.update(s for entry in idx.known if entry is not None for s in disputing_of(entry))
    return dataclasses.replace(
        facts,
        sources=tuple(
            s for s in facts.sources if s.id in cited or _by(knowledge.published[s.id], day)
        ),
        actors=actors,
        events=events,
        positions=positions,
        relations=relations,
        judgments=judgments,
        briefs=tuple(
            dataclasses.replace(
                b,
                bottom_line=points_by(b.bottom_line, knowledge, day, known_ids, every),
                indicators=points_by(b.indicators, knowledge, day, known_ids, every),
            )
            for b in facts.briefs
        ),
    )


def standing(
    judgments: Sequence[Judgment], there: set[str], every: set[str]
) -> tuple[Judgment, ...]:
    """The judgments all of whose grounds are ``there`` (among ``every`` fact the fact base
    holds), judgments resting on judgments included: a judgment follows what it rests on."""
    kept = tuple(judgments)
    while True:  # until no judgment rests on one that was just dropped
        ids = there | {j.id for j in kept}
        still = tuple(j for j in kept if rests_on_known(j.rests_on, ids, every))
        if len(still) == len(kept):
            return kept
        kept = still


def ids_of(facts: FactBase) -> set[str]:
    """Every id a judgment or point may rest on, known or not."""
    ids = set(index(facts.events).ids) | {a.id for a in facts.actors}
    ids |= {p.id for p in facts.positions} | {r.id for r in facts.relations}
    return ids | {j.id for j in facts.judgments}


def rests_on_known(rests_on: Sequence[str], known: set[str], every: set[str]) -> bool:
    """Whether every fact in ``rests_on`` that the fact base holds is known (an id it
    does not hold, a fact left out with errors, is reported elsewhere)."""
    return all(i in known for i in rests_on if i in every)


def points_by(
    points: Sequence[Point], knowledge: Knowledge, day: int, known: set[str], every: set[str]
) -> tuple[Point, ...]:
    """The brief points known by ``day``: by their own citations, and all they rest on."""
    out = []
    for point in points:
        cited = knowledge.citations_by(point, day)
        if cited is not None and rests_on_known(point.rests_on, known, every):
            out.append(_narrowed(point, cited))
    return tuple(out)


def _events_by(
    events: Sequence[Event], knowledge: Knowledge, day: int, among: Among | None = None
) -> tuple[Sequence[Event], list[str]]:
    """The events known by ``day`` (those ``among`` wants), and the ids of every event
    known by then; answered from their index (the same rules as
    :meth:`Knowledge.citations_by`, on the days the index holds): an event's citations
    are read only when some of them, not all, are known by then (it keeps those)."""
    idx = index(events)
    kept: list[int] = []
    partly: list[int] = []
    disputed: list[int] = []  # events with a disagreement not yet known by ``day``
    by_sources: dict[tuple[str, ...], int] = {}  # events share their sources' ids
    for i, (cited, entry) in enumerate(zip(idx.sources, idx.known, strict=True)):
        if entry is None:
            known = by_sources.get(cited)
            if known is None:
                known = by_sources[cited] = _how_known(
                    [_by(knowledge.cited_day(s, None), day) for s in cited]
                )
        else:
            has_since, since, own, contests = entry
            if not all(_by(knowledge.cited_day(s, d), day) for s, d in contests):
                disputed.append(i)
            if has_since:
                if _by(since, day):
                    kept.append(i)
                continue
            known = _how_known([_by(knowledge.cited_day(s, d), day) for s, d in own])
        if known:
            kept.append(i)
            if known == _PARTLY:
                partly.append(i)
    ids = idx.ids
    known_ids = [ids[i] for i in kept]
    if among is not None:
        wanted = {i for i in kept if among(idx.actors[i], idx.topics[i])}
        kept = [i for i in kept if i in wanted]
        partly = [i for i in partly if i in wanted]
    if disputed:
        there = set(kept)
        disputed = [i for i in disputed if i in there]
    if not partly and not disputed:
        return (events if len(kept) == len(idx) else subset(events, kept)), known_ids

    def known_citations(cited: Sequence[tuple[str, int | None]]) -> list[int]:
        # Those of a partly known event (so without a `known_since`) known by ``day``.
        return [n for n, (s, d) in enumerate(cited) if _by(knowledge.cited_day(s, d), day)]

    at = {i: n for n, i in enumerate(kept)}
    result = subset(events, kept)
    if partly:
        result = narrowed(result, [at[i] for i in partly], known_citations)
    if disputed:
        # Few events are disputed: those are decoded, and keep the disagreements then known.
        places = [at[i] for i in disputed]
        new = [
            dataclasses.replace(e, contested=knowledge.contests_by(e, day))
            for e in pick(result, places)
        ]
        result = replaced(result, places, new)
    return result, known_ids


_PARTLY = 2


def _how_known(known: Sequence[bool]) -> int:
    """1 when every one of an event's citations is known, _PARTLY when some are, else 0."""
    if all(known):
        return 1
    return _PARTLY if any(known) else 0
