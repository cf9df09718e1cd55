"""Who is tied to whom: the actors of a fact base and the relations between them, optionally
one actor's neighbourhood and the positions actors take on topics; pure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from briefing.model import Actor, FactBase, Position, Relation, Topic
from briefing.query import position_history


class Graph(NamedTuple):
    """The facts a graph draws, each in fact-base order: nodes (actors, topics) and edges
    (relations between actors, the current positions of actors on topics)."""

    actors: tuple[Actor, ...]
    topics: tuple[Topic, ...]
    relations: tuple[Relation, ...]
    positions: tuple[Position, ...]


def graph(
    facts: FactBase,
    center: Actor | None = None,
    depth: int = 1,
    positions: bool = False,
    among: Sequence[str] | None = None,
    types: Sequence[str] | None = None,
) -> Graph:
    """The relations of ``facts`` (already as of the view's day): all of them, those within
    ``depth`` relations of ``center``, or those between the actors ``among``; only relations
    of ``types`` when given. With ``positions``, each drawn actor's current stance on each
    topic, the topics as nodes. Actors without any edge are drawn only when named."""
    relations = [r for r in facts.relations if types is None or r.type in types]
    if among is not None:
        kept = set(among)
    elif center is not None:
        kept = _neighbourhood(relations, center.id, depth)
    else:
        kept = None
    if kept is not None:
        relations = [r for r in relations if r.subject in kept and r.object in kept]
    ends = {r.subject for r in relations} | {r.object for r in relations}
    current: list[Position] = []
    if positions:
        chosen = [p for p in facts.positions if kept is None or p.actor in kept]
        current = [p for h in position_history(chosen) for p in h.current]
    named = set(kept) if kept is not None else set()
    drawn = ends | {p.actor for p in current} | named
    topic_ids, current_ids = {p.topic for p in current}, {p.id for p in current}
    return Graph(
        actors=tuple(a for a in facts.actors if a.id in drawn),
        topics=tuple(t for t in facts.topics if t.id in topic_ids),
        relations=tuple(relations),
        positions=tuple(p for p in facts.positions if p.id in current_ids),
    )


def _neighbourhood(relations: Sequence[Relation], start: str, depth: int) -> set[str]:
    """The actors at most ``depth`` relations away from ``start``, either way along each."""
    near: dict[str, set[str]] = {}
    for r in relations:
        near.setdefault(r.subject, set()).add(r.object)
        near.setdefault(r.object, set()).add(r.subject)
    seen, frontier = {start}, {start}
    for _ in range(depth):
        frontier = {n for a in frontier for n in near.get(a, ())} - seen
        if not frontier:
            break
        seen |= frontier
    return seen
