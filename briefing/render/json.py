"""JSON output: each view is one object, facts in the shape of `briefing export`."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from briefing import export
from briefing.model import Event, Position
from briefing.query import ActorRow, Hit, Matrix, Profile, SourceUse
from briefing.render import Context


def dumps(data: Any) -> str:
    """Indented JSON ending in a newline; keys keep the order the view built them in."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _view(ctx: Context, **body: Any) -> str:
    as_of = ctx.as_of.isoformat() if ctx.as_of else None
    return dumps({**body, "as_of": as_of})


def _source_use(use: SourceUse) -> dict[str, Any]:
    return {**export.source(use.source), "facts": use.facts}


_EXPORTERS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "source": export.source,
    "topic": export.topic,
    "actor": export.actor,
    "event": export.event,
    "position": export.position,
    "relation": export.relation,
    "judgment": export.judgment,
}


def timeline(events: Sequence[Event], ctx: Context) -> str:
    return _view(ctx, events=[export.event(e) for e in events])


def profile(view: Profile, ctx: Context) -> str:
    roles = [
        {
            "holder": held.holder.id,
            "title": held.role.title,
            "of": held.role.of or None,
            **export.date_fields(held.role.period),
            "current": held.current,
            "sources": export.citations(held.role.sources),
        }
        for held in view.roles
    ]
    attributes = [
        {
            "name": value.attribute.name,
            "value": value.attribute.value,
            **export.date_fields(value.attribute.period),
            "current": value.current,
            "sources": export.citations(value.attribute.sources),
        }
        for value in view.attributes
    ]
    relations = [
        {**export.relation(link.relation), "direction": "out" if link.outgoing else "in"}
        for link in view.links
    ]
    return _view(
        ctx,
        actor=export.actor(view.actor),
        roles=roles,
        attributes=attributes,
        positions=[export.position(p) for p in view.positions],
        relations=relations,
        events=[export.event(e) for e in view.events],
        judgments=[export.judgment(j) for j in view.judgments],
        sources=[_source_use(u) for u in view.sources],
    )


def actors(rows: Sequence[ActorRow], ctx: Context) -> str:
    return _view(
        ctx,
        actors=[
            {
                "id": r.actor.id,
                "name": r.actor.name,
                "kind": r.actor.kind,
                "aliases": list(r.actor.aliases),
                "events": r.events,
                "positions": r.positions,
            }
            for r in rows
        ],
    )


def positions(items: Sequence[Position], ctx: Context) -> str:
    return _view(ctx, positions=[export.position(p) for p in items])


def matrix(view: Matrix, ctx: Context) -> str:
    cells = [
        {
            "actor": actor.id,
            "topic": topic.id,
            "stances": view.stances(actor.id, topic.id),
            "positions": [p.id for p in view.cells[(actor.id, topic.id)]],
        }
        for actor in view.actors
        for topic in view.topics
        if (actor.id, topic.id) in view.cells
    ]
    return _view(
        ctx,
        matrix={
            "actors": [{"id": a.id, "name": a.name} for a in view.actors],
            "topics": [{"id": t.id, "name": t.name} for t in view.topics],
            "cells": cells,
        },
    )


def sources(uses: Sequence[SourceUse], ctx: Context) -> str:
    return _view(ctx, sources=[_source_use(u) for u in uses])


def search(query: str, hits: Sequence[Hit], ctx: Context) -> str:
    results = [
        {
            "kind": h.kind,
            "id": h.fact.id,
            "field": h.field,
            "text": h.text,
            "score": h.score,
            "fact": _EXPORTERS[h.kind](h.fact),
        }
        for h in hits
    ]
    return _view(ctx, query=query, results=results)
