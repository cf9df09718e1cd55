"""JSON output: each view is one object, facts in the shape of `briefing export`."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from briefing import export
from briefing.model import Brief, Event, Position
from briefing.query import ActorRow, Hit, Matrix, Profile, RoleHeld, SourceUse
from briefing.render import CONTROL, Context
from briefing.reports import CheckReport, InfoReport

if TYPE_CHECKING:
    from briefing.brief import Briefing


def dumps(data: Any) -> str:
    """Indented JSON ending in a newline; keys keep the order the view built them in.

    Text stays exact, but characters that could steer a terminal showing the JSON (C1
    controls, bidirectional overrides) are written as \\u escapes, as JSON allows."""
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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


def _roles(held: Sequence[RoleHeld]) -> list[dict[str, Any]]:
    return [
        {
            "holder": h.holder.id,
            "title": h.role.title,
            "of": h.role.of or None,
            **export.date_fields(h.role.period),
            "current": h.current,
            "sources": export.citations(h.role.sources),
        }
        for h in held
    ]


def profile(view: Profile, ctx: Context) -> str:
    roles = _roles(view.roles)
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


def _matrix(view: Matrix) -> dict[str, Any]:
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
    return {
        "actors": [{"id": a.id, "name": a.name} for a in view.actors],
        "topics": [{"id": t.id, "name": t.name} for t in view.topics],
        "cells": cells,
    }


def matrix(view: Matrix, ctx: Context) -> str:
    return _view(ctx, matrix=_matrix(view))


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


def _fact_ref(fact: Any) -> dict[str, str]:
    kind = type(fact).__name__.lower()
    return {"kind": kind, "id": fact.id}


def _section(view: Briefing, section: str) -> dict[str, Any]:
    if section == "bottom-line":
        return {"points": [export.point(p) for p in view.bottom_line]}
    if section == "key-judgments":
        return {"judgments": [export.judgment(j) for j in view.judgments]}
    if section == "background":
        return {
            "positions": [export.position(p) for p in view.standing_positions],
            "relations": [export.relation(r) for r in view.standing_relations],
            "events": [export.event(e) for e in view.earlier_events],
        }
    if section == "recent":
        return {"events": [export.event(e) for e in view.recent]}
    if section == "key-actors":
        return {
            "actors": [
                {"id": k.actor.id, "name": k.actor.name, "kind": k.actor.kind}
                | {"roles": _roles(k.roles)}
                for k in view.key_actors
            ]
        }
    if section == "positions":
        return {"matrix": _matrix(view.matrix)}
    if section == "outlook":
        return {"indicators": [export.point(p) for p in view.indicators]}
    if section == "gaps":
        gaps = view.gaps
        return {
            "single_source": [_fact_ref(f) for f in gaps.single_source],
            "vague_dates": [
                {"id": e.id, "date": e.date.text, "precision": e.date.precision.label}
                for e in gaps.vague_dates
            ],
            "no_position": [a.id for a in gaps.silent_actors],
            "unrated_judgments": [j.id for j in gaps.unrated],
        }
    return {"sources": [_source_use(u) for u in view.sources]}


def brief(view: Briefing, ctx: Context) -> str:
    b = view.brief
    head = {
        "id": b.id,
        "title": b.title,
        "audience": b.audience or None,
        "handling": view.handling,
        "author": b.author or None,
        "date": view.dated,
        "window": {
            "days": (view.as_of - view.window_start).days + 1,
            "start": view.window_start.isoformat(),
            "end": view.as_of.isoformat(),
        },
    }
    from briefing.brief import SECTION_TITLES

    sections = [{"id": s, "title": SECTION_TITLES[s], **_section(view, s)} for s in view.sections]
    return _view(ctx, brief=head, sections=sections)


def briefs(items: Sequence[Brief], ctx: Context) -> str:
    return dumps({"briefs": [export.brief(b) for b in items]})


def check_report(report: CheckReport) -> str:
    return dumps(
        {
            "facts": report.facts,
            "files": report.files,
            "ok": not report.problems,
            "counts": report.counts,
            "problems": [p.as_dict() for p in report.problems],
        }
    )


def info_report(report: InfoReport) -> str:
    return dumps(
        {
            "facts": report.facts,
            "chosen_by": report.chosen_by,
            "files": list(report.files),
            "counts": report.counts,
            "problems": report.problems,
            "version": report.version,
        }
    )
