"""The normalised, stable dictionary shape of a fact base (``briefing export``); pure."""

from __future__ import annotations

from typing import Any

from briefing.model import (
    Actor,
    Brief,
    Citation,
    Event,
    FactBase,
    FuzzyDate,
    Judgment,
    Place,
    Point,
    Position,
    Relation,
    Source,
    Topic,
)


def date_fields(when: FuzzyDate | None, key: str = "date") -> dict[str, Any]:
    """A date as its text plus inclusive ISO bounds and precision (None when unknown)."""
    if when is None:
        return {key: None, "start": None, "end": None, "precision": None, "approximate": False}
    return {
        key: when.text,
        "start": when.start.isoformat() if when.start else None,
        "end": when.end.isoformat() if when.end else None,
        "precision": when.precision.label,
        "approximate": when.approximate,
    }


def place(p: Place | None) -> dict[str, Any] | None:
    """A place as {name, country, lat, lon} (None for what is not given)."""
    if p is None:
        return None
    return {"name": p.name, "country": p.country or None, "lat": p.lat, "lon": p.lon}


def citations(cited: tuple[Citation, ...]) -> list[dict[str, Any]]:
    out = []
    for c in cited:
        entry = {"source": c.source, "quote": c.quote}
        if c.note:
            entry["note"] = c.note
        if c.url:
            entry["url"] = c.url
        out.append({**entry, **c.extensions})
    return out


def source(s: Source) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "publisher": s.publisher or None,
        "authors": list(s.authors),
        **date_fields(s.published, "published"),
        "url": s.url or None,
        "kind": s.kind or None,
        "reliability": s.reliability or None,
        "reliability_reason": s.reliability_reason or None,
        **s.extensions,
    }


def topic(t: Topic) -> dict[str, Any]:
    return {
        "id": t.id,
        "name": t.name,
        "description": t.description or None,
        "aliases": list(t.aliases),
        **t.extensions,
    }


def actor(a: Actor) -> dict[str, Any]:
    return {
        "id": a.id,
        "name": a.name,
        "kind": a.kind,
        "aliases": list(a.aliases),
        "description": a.description or None,
        "roles": [
            {
                "title": r.title,
                "of": r.of or None,
                **date_fields(r.period),
                "former": r.former,
                "sources": citations(r.sources),
                **r.extensions,
            }
            for r in a.roles
        ],
        "attributes": [
            {
                "name": at.name,
                "value": at.value,
                **date_fields(at.period),
                "sources": citations(at.sources),
                **at.extensions,
            }
            for at in a.attributes
        ],
        "sources": citations(a.sources),
        **a.extensions,
    }


def event(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        **date_fields(e.date),
        "title": e.title,
        "summary": e.summary or None,
        "actors": list(e.actors),
        "topics": list(e.topics),
        "place": place(e.place),
        "url": e.url or None,
        "sources": citations(e.sources),
        **e.extensions,
    }


def position(p: Position) -> dict[str, Any]:
    return {
        "id": p.id,
        "actor": p.actor,
        "topic": p.topic,
        "stance": p.stance,
        "statement": p.statement or None,
        **date_fields(p.date),
        "sources": citations(p.sources),
        **p.extensions,
    }


def relation(r: Relation) -> dict[str, Any]:
    return {
        "id": r.id,
        "subject": r.subject,
        "type": r.type,
        "object": r.object,
        "summary": r.summary or None,
        **date_fields(r.period),
        "sources": citations(r.sources),
        **r.extensions,
    }


def judgment(j: Judgment) -> dict[str, Any]:
    return {
        "id": j.id,
        "statement": j.statement,
        "by": j.by,
        "kind": j.kind,
        "rests_on": list(j.rests_on),
        "actors": list(j.actors),
        "topics": list(j.topics),
        "likelihood": j.likelihood or None,
        "confidence": j.confidence or None,
        "sources": citations(j.sources),
        **j.extensions,
    }


def point(p: Point) -> dict[str, Any]:
    return {
        "text": p.text,
        "by": p.by,
        "rests_on": list(p.rests_on),
        "sources": citations(p.sources),
        **p.extensions,
    }


def brief(b: Brief) -> dict[str, Any]:
    return {
        "id": b.id,
        "title": b.title,
        "audience": b.audience or None,
        "handling": b.handling or None,
        "author": b.author or None,
        "date": b.date.text if b.date else None,
        "as_of": b.as_of.text if b.as_of else None,
        "actors": list(b.actors),
        "topics": list(b.topics),
        "window": b.window,
        "judgments": list(b.judgments),
        "bottom_line": [point(p) for p in b.bottom_line],
        "indicators": [point(p) for p in b.indicators],
        "sections": list(b.sections),
        "default": b.default,
        **b.extensions,
    }


def fact_base(facts: FactBase) -> dict[str, list[dict[str, Any]]]:
    """The whole fact base, one key per collection, each in file order."""
    return {
        "sources": [source(s) for s in facts.sources],
        "topics": [topic(t) for t in facts.topics],
        "actors": [actor(a) for a in facts.actors],
        "events": [event(e) for e in facts.events],
        "positions": [position(p) for p in facts.positions],
        "relations": [relation(r) for r in facts.relations],
        "judgments": [judgment(j) for j in facts.judgments],
        "briefs": [brief(b) for b in facts.briefs],
    }
