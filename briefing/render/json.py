"""JSON output: each view is one object, facts in the shape of `briefing export`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from briefing import export
from briefing.query import Matrix, PositionHistory, RoleHeld, SourceUse
from briefing.render import CONTROL, Pieces
from briefing.render.interface import Renderer
from briefing.spec import SECTION_TITLES
from briefing.views import (
    ActorsView,
    Basis,
    BriefsView,
    BriefView,
    DiffView,
    Disagreement,
    GraphEdge,
    GraphNode,
    GraphView,
    HistoryView,
    MatrixView,
    PositionsView,
    ProfileView,
    SearchView,
    SourcesView,
    State,
    TimelineView,
    disagreements,
)

if TYPE_CHECKING:
    from briefing.diff import Changes, CollectionChanges
    from briefing.reports import CheckReport, InfoReport


def dumps(data: Any) -> str:
    """Indented JSON ending in a newline; keys keep the order the view built them in.

    Text stays exact, but characters that could steer a terminal showing the JSON (C1
    controls, bidirectional overrides) are written as \\u escapes, as JSON allows. A value
    of a top-level mapping may be an iterator (100,000 events): it is written as a list,
    one item at a time, so that its items need not all be held at once."""
    return "".join(pieces(data))


def _dumps(data: Any) -> str:
    import orjson

    try:  # the standard library's indented output, written in C
        text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    except TypeError:  # what orjson refuses: a lone surrogate, an integer past 64 bits
        text = json.dumps(data, indent=2, ensure_ascii=False)
    # Both encoders escape every C0 control, so ASCII without DEL holds nothing CONTROL
    # catches: skip its scan (most of the time spent writing an event).
    if text.isascii() and "\x7f" not in text:
        return text
    return CONTROL.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def document(data: Any) -> Pieces:
    """What :func:`dumps` writes for ``data``, as a document written in :func:`pieces`."""
    return Pieces(pieces(data))


def pieces(data: Any) -> Iterator[str]:
    """What :func:`dumps` writes for ``data``, in pieces made as they are written: the
    items of a top-level mapping's iterators are each made, written and let go."""
    if not (isinstance(data, dict) and any(isinstance(v, Iterator) for v in data.values())):
        yield _dumps(data) + "\n"
        return
    if not data:
        yield "{}\n"
        return
    yield "{\n"
    for n, (key, value) in enumerate(data.items()):
        yield (",\n  " if n else "  ") + _dumps(key) + ": "
        if not isinstance(value, Iterator):
            yield _dumps(value).replace("\n", "\n  ")
            continue
        opening = "[\n    "
        for item in value:
            yield opening + _dumps(item).replace("\n", "\n    ")
            opening = ",\n    "
        yield "[]" if opening == "[\n    " else "\n  ]"
    yield "\n}\n"


def _view(basis: Basis, **body: Any) -> Pieces:
    as_of = basis.as_of.isoformat() if basis.as_of else None
    known_by = basis.known_by.isoformat() if basis.known_by else None
    return document({**body, "as_of": as_of, "known_by": known_by})


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


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


def _backed(basis: Basis, written: dict[str, Any], fact: Any) -> dict[str, Any]:
    """A fact's dict with ``independent_sources``: how many independent origins back it,
    given where more than one does (see briefing.corroboration)."""
    if len(fact.sources) > 1:  # one citation is one origin: most facts stop here
        count = basis.corroboration(fact)
        if count > 1:
            written["independent_sources"] = count
    return written


def _event(basis: Basis, e: Any) -> dict[str, Any]:
    return _backed(basis, export.event(e), e)


def _position(basis: Basis, p: Any) -> dict[str, Any]:
    return _backed(basis, export.position(p), p)


def _relation(basis: Basis, r: Any) -> dict[str, Any]:
    return _backed(basis, export.relation(r), r)


def _disagreement(d: Disagreement) -> dict[str, Any]:
    return {
        **_fact_ref(d.fact),
        "label": d.label,
        "field": d.field or None,
        "sides": [
            {
                "value": side.written or None,
                "text": side.value,
                "sources": export.citations(side.sources),
            }
            for side in d.sides
        ],
    }


def _roles(held: Sequence[RoleHeld]) -> list[dict[str, Any]]:
    return [
        {
            "holder": h.holder.id,
            "title": h.role.title,
            "of": h.role.of or None,
            **export.date_items(h.role.period),
            "current": h.current,
            "sources": export.citations(h.role.sources),
        }
        for h in held
    ]


def _profile(view: ProfileView) -> Pieces:
    p = view.profile
    roles = _roles(p.roles)
    attributes = [
        {
            "name": value.attribute.name,
            "value": value.attribute.value,
            **export.date_items(value.attribute.period),
            "current": value.current,
            "sources": export.citations(value.attribute.sources),
        }
        for value in p.attributes
    ]
    basis = view.basis
    relations = [
        {**_relation(basis, link.relation), "direction": "out" if link.outgoing else "in"}
        for link in p.links
    ]
    return _view(
        view.basis,
        actor=export.actor(p.actor),
        roles=roles,
        attributes=attributes,
        positions=[_position(basis, x) for x in p.positions],
        relations=relations,
        events=[_event(basis, e) for e in p.events],
        judgments=[export.judgment(j) for j in p.judgments],
        sources=[_source_use(u) for u in p.sources],
    )


def _actors(view: ActorsView) -> Pieces:
    return _view(
        view.basis,
        actors=[
            {
                "id": r.actor.id,
                "name": r.actor.name,
                "kind": r.actor.kind,
                "aliases": list(r.actor.aliases),
                "events": r.events,
                "positions": r.positions,
            }
            for r in view.rows
        ],
    )


def _was(history: PositionHistory) -> str | None:
    was = history.was
    return was.stance if was else None


def _history(history: PositionHistory) -> dict[str, Any]:
    return {
        "actor": history.actor,
        "topic": history.topic,
        "stances": list(dict.fromkeys(p.stance for p in history.current)),
        "was": _was(history),
        "positions": [export.position(p) for p in history.steps],
    }


def _matrix_cell(view: Matrix, history: PositionHistory) -> dict[str, Any]:
    return {
        "actor": history.actor,
        "topic": history.topic,
        "stances": view.stances(history.actor, history.topic),
        "positions": [p.id for p in history.current],
        "was": _was(history),
        "earlier": [p.id for p in history.earlier],
    }


def _matrix(view: Matrix) -> dict[str, Any]:
    cells = [
        _matrix_cell(view, history)
        for actor in view.actors
        for topic in view.topics
        if (history := view.history(actor.id, topic.id)) is not None
    ]
    return {
        "actors": [{"id": a.id, "name": a.name} for a in view.actors],
        "topics": [{"id": t.id, "name": t.name} for t in view.topics],
        "cells": cells,
    }


def _search(view: SearchView) -> Pieces:
    results = [
        {
            "kind": h.kind,
            "id": h.fact.id,
            "field": h.field,
            "text": h.text,
            "score": h.score,
            "fact": _EXPORTERS[h.kind](h.fact),
        }
        for h in view.hits
    ]
    return _view(view.basis, query=view.query, results=results, suggestion=view.suggestion)


def _fact_ref(fact: Any) -> dict[str, str]:
    kind = type(fact).__name__.lower()
    return {"kind": kind, "id": fact.id}


# The lists a brief bounds, by the section that shows them (see briefing.brief.LIMITS).
_BOUNDED = {
    "bottom-line": ("bottom-line",),
    "key-judgments": ("key-judgments",),
    "background": ("positions", "relations", "earlier"),
    "recent": ("recent",),
    "key-actors": ("key-actors",),
    "positions": ("matrix-actors", "matrix-topics"),
    "outlook": ("indicators",),
    "contested": ("contested",),
    "sources": ("sources",),
}


def _section(whole: BriefView, section: str) -> dict[str, Any]:
    """A section's content, and what its bounded lists leave out (`more`), if anything."""
    view = whole.briefing
    out = _content(whole, section)
    more = {
        name: {"count": m.count, "command": m.command}
        for name in _BOUNDED.get(section, ())
        if (m := view.more.get(name)) is not None
    }
    return {**out, "more": more} if more else out


def _content(whole: BriefView, section: str) -> dict[str, Any]:
    view, basis = whole.briefing, whole.basis
    if section == "changes":
        assert view.since is not None and view.changes is not None
        return {"since": view.since.isoformat(), **_changes(view.changes)}
    if section == "bottom-line":
        return {"points": [export.point(p) for p in view.bottom_line]}
    if section == "key-judgments":
        return {"judgments": [export.judgment(j) for j in view.judgments]}
    if section == "background":
        return {
            "positions": [_position(basis, p) for p in view.standing_positions],
            "relations": [_relation(basis, r) for r in view.standing_relations],
            "events": [_event(basis, e) for e in view.earlier_events],
        }
    if section == "recent":
        return {"events": [_event(basis, e) for e in view.recent]}
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
    if section == "contested":
        return {
            "disagreements": [
                _disagreement(d) for fact in view.contested for d in disagreements(basis, fact)
            ]
        }
    if section == "gaps":
        gaps = view.gaps
        return {
            "counts": {
                "single_origin": gaps.single_origin.count,
                "vague_dates": gaps.vague_dates.count,
                "no_position": gaps.silent_actors.count,
                "unrated_judgments": gaps.unrated.count,
                "left_out": gaps.left_out.count,
            },
            "single_origin": [_fact_ref(f) for f in gaps.single_origin.examples],
            "vague_dates": [
                {"id": e.id, "date": e.date.text, "precision": e.date.precision.label}
                for e in gaps.vague_dates.examples
            ],
            "no_position": [a.id for a in gaps.silent_actors.examples],
            "unrated_judgments": [j.id for j in gaps.unrated.examples],
            "left_out": [
                {
                    "kind": e.kind,
                    "id": e.id or None,
                    "path": e.origin.path,
                    "line": e.origin.line,
                    "reason": e.reason,
                    "depends_on": e.depends_on or None,
                }
                for e in gaps.left_out.examples
            ],
        }
    return {"sources": [_source_use(u) for u in view.sources]}


def _brief(view: BriefView) -> Pieces:
    b = view.briefing.brief
    window = view.briefing.window
    head = {
        "id": b.id,
        "title": b.title,
        "audience": b.audience or None,
        "handling": view.briefing.handling,
        "author": b.author or None,
        "date": view.briefing.dated,
        "level": view.briefing.level,
        "window": {
            "days": window.days,
            "start": window.start.isoformat(),
            "end": window.end.isoformat(),
        },
        "sources_by": _iso(view.briefing.sources_by),
        "nothing_known": view.briefing.nothing_known or None,
    }
    sections = [
        {"id": s, "title": SECTION_TITLES[s], **_section(view, s)} for s in view.briefing.sections
    ]
    return _view(view.basis, brief=head, sections=sections)


def _state(state: State) -> dict[str, Any]:
    return {"label": state.label, "commit": state.commit, "left_out": len(state.facts.left_out)}


def _diff(view: DiffView) -> Pieces:
    return document({"old": _state(view.old), "new": _state(view.new), **_changes(view.changes)})


def _changes_more(changes: Changes, listed: CollectionChanges) -> dict[str, Any]:
    return {**listed.more, "command": changes.listing}


def _changes(changes: Changes) -> dict[str, Any]:
    """Counts, each collection's changes, and the stance shifts."""
    from briefing.diff import EXPORTERS as EXPORTED  # only `diff` and `brief --since` need it

    added, removed, changed = changes.counts()
    collections = {
        c.name: {
            "added": [EXPORTED[c.name](f) for f in c.added],
            "removed": [EXPORTED[c.name](f) for f in c.removed],
            "changed": [
                {"id": ch.id, "fields": {f.name: {"old": f.old, "new": f.new} for f in ch.fields}}
                for ch in c.changed
            ],
            # As a brief's other bounded lists: how many each list leaves out, and where.
            **({"more": _changes_more(changes, c)} if c.more else {}),
        }
        for c in changes.collections
    }
    shifts = [
        {
            "actor": s.actor,
            "topic": s.topic,
            "from": s.old.stance,
            "to": s.new.stance,
            "same_id": s.same_id,
            "old": export.position(s.old),
            "new": export.position(s.new),
        }
        for s in changes.stance_shifts
    ]
    return {
        "counts": {"added": added, "removed": removed, "changed": changed},
        "collections": collections,
        "stance_shifts": shifts,
    }


def _graph(view: GraphView) -> Pieces:
    nodes = [
        {"id": n.fact.id, "name": n.name, "kind": n.kind, "type": _node_type(n)} for n in view.nodes
    ]
    center = view.center.id if view.center else None
    edges = [_edge(view, e) for e in view.edges]
    return _view(view.basis, center=center, nodes=nodes, edges=edges)


def _node_type(node: GraphNode) -> str:
    return "topic" if node.kind == "topic" else "actor"


def _edge(view: GraphView, edge: GraphEdge) -> dict[str, Any]:
    kind = type(edge.fact).__name__.lower()  # relation, position
    return {
        "from": view.nodes[edge.source].fact.id,
        "to": view.nodes[edge.target].fact.id,
        "label": edge.label,
        "when": edge.when or None,
        "former": edge.former,
        kind: _EXPORTERS[kind](edge.fact),
    }


class JsonRenderer(Renderer[Pieces]):
    """Each view as one JSON object, facts in the shape of `briefing export`."""

    def timeline(self, view: TimelineView) -> Pieces:
        basis = view.basis
        return _view(basis, events=(_event(basis, e) for e in view.events))

    def profile(self, view: ProfileView) -> Pieces:
        return _profile(view)

    def actors(self, view: ActorsView) -> Pieces:
        return _actors(view)

    def positions(self, view: PositionsView) -> Pieces:
        basis = view.basis
        return _view(basis, positions=[_position(basis, p) for p in view.positions])

    def history(self, view: HistoryView) -> Pieces:
        return _view(view.basis, history=[_history(h) for h in view.histories])

    def matrix(self, view: MatrixView) -> Pieces:
        return _view(view.basis, matrix=_matrix(view.matrix))

    def sources(self, view: SourcesView) -> Pieces:
        return _view(view.basis, sources=[_source_use(u) for u in view.uses])

    def search(self, view: SearchView) -> Pieces:
        return _search(view)

    def brief(self, view: BriefView) -> Pieces:
        return _brief(view)

    def briefs(self, view: BriefsView) -> Pieces:
        return document({"briefs": [export.brief(b) for b in view.briefs]})

    def diff(self, view: DiffView) -> Pieces:
        return _diff(view)

    def graph(self, view: GraphView) -> Pieces:
        return _graph(view)


def check_report(report: CheckReport) -> str:
    return dumps(
        {
            "facts": report.facts,
            "files": report.files,
            "ok": report.ok,
            "counts": report.counts,
            "errors": report.errors,
            "warnings": report.warnings,
            "problems": [p.as_dict() for p in report.problems],
            "quotes": None
            if report.quotes is None
            else {
                "found": report.quotes.found,
                "not_found": report.quotes.not_found,
                "unchecked": report.quotes.unchecked,
                "sources": report.quotes.sources,
            },
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
            "warnings": report.warnings,
            "left_out": report.left_out,
            "version": report.version,
        }
    )
