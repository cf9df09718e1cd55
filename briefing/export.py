"""A fact base as plain data (``briefing export``); pure.

Two shapes: :func:`fact_file`, the fact base as one fact file that loads back to the same
facts (``export -f yaml``), and :func:`fact_base`, the stable shape scripts and the JSON views
rely on, with every date's bounds worked out (``export -f json``).
"""

from __future__ import annotations

import calendar
import dataclasses
import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from briefing.memo import per_date
from briefing.model import (
    COLLECTIONS,
    MONTH_NAMES,
    Actor,
    Brief,
    Citation,
    Contest,
    Event,
    FactBase,
    FuzzyDate,
    Judgment,
    Place,
    Point,
    Position,
    Precision,
    Relation,
    Source,
    Topic,
)
from briefing.phrases import is_plural


def date_fields(when: FuzzyDate | None, key: str = "date") -> dict[str, Any]:
    """A date as its text plus inclusive ISO bounds and precision (None when unknown), and
    the same date in EDTF (with its time of day, if any): each call its own dict."""
    return dict(date_items(when, key))


def date_items(when: FuzzyDate | None, key: str = "date") -> Mapping[str, Any]:
    """:func:`date_fields`, to unpack into a fact's dict (``**date_items(...)``): the same
    mapping for every fact with that date (never change it)."""
    shared = _date_fields(when, key)
    if when is None or when.anchor is None:  # only anchored dates carry the key
        return shared
    anchor = {when.anchor.side: when.anchor.fact, "offset": when.anchor.offset or None}
    return {**shared, "anchor": anchor}


def _work_out(when: FuzzyDate | None, key: str) -> dict[str, Any]:
    """:func:`date_fields` but the anchor, shared by every call for ``when``."""
    if when is None:
        return {
            key: None,
            "start": None,
            "end": None,
            "precision": None,
            "approximate": False,
            "uncertain": False,
            "edtf": None,
        }
    from briefing.edtf import iso_bounds, to_edtf

    start, end = iso_bounds(when)
    return {
        key: when.text,
        "start": start,
        "end": end,
        "precision": when.precision.label,
        "approximate": when.approximate,
        "uncertain": when.uncertain,
        "edtf": to_edtf(when),
    }


_date_fields = per_date(_work_out)  # many facts share a date: each is worked out once


def place(p: Place | None) -> dict[str, Any] | None:
    """A place as {name, country, lat, lon} (None for what is not given)."""
    if p is None:
        return None
    return {"name": p.name, "country": p.country or None, "lat": p.lat, "lon": p.lon}


def citations(cited: tuple[Citation, ...]) -> list[dict[str, Any]]:
    out = []
    for c in cited:
        entry: dict[str, Any] = {"source": c.source, "quote": c.quote}
        if c.note:
            entry["note"] = c.note
        if c.url:
            entry["url"] = c.url
        if c.accessed is not None or c.recorded is not None:  # (most citations have neither)
            entry.update(known_dates(c, "accessed", "recorded"))
        if c.credibility:
            entry["credibility"] = c.credibility
        if c.credibility_reason:
            entry["credibility_reason"] = c.credibility_reason
        if c.extensions:
            entry.update(c.extensions)
        out.append(entry)
    return out


_NONE: Mapping[str, Any] = {}  # what a fact no source disputes adds (never changed)


def contested(fact: Any) -> dict[str, Any]:
    """A fact's disagreements as ``{"contested": [...]}``, each the field and value a source
    gives (a date's worked-out bounds beside it) and that source's citation, flat as a fact
    file writes it; {} for a fact no source disputes, so most facts carry none."""
    if not fact.contested:
        return {}
    out = []
    for c in fact.contested:
        entry: dict[str, Any] = {"field": c.field or None, "value": c.value or None}
        if c.when is not None:
            entry.update(date_items(c.when, "value"))
        out.append({**entry, **citations(c.sources)[0]})
    return {"contested": out}


def known_dates(fact: Any, *names: str) -> dict[str, Any]:
    """The knowledge-time dates a fact or citation carries (`known_since`, `withdrawn`,
    `accessed`, `recorded`), each as an object of the date keys; those not given are left
    out, so most facts carry none."""
    return {name: date_fields(when) for name in names if (when := getattr(fact, name)) is not None}


def source(s: Source) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "publisher": s.publisher or None,
        "authors": list(s.authors),
        **date_items(s.published, "published"),
        "url": s.url or None,
        "kind": s.kind or None,
        "reliability": s.reliability or None,
        "reliability_reason": s.reliability_reason or None,
        "based_on": list(s.based_on),
        **s.extensions,
    }


def topic(t: Topic) -> dict[str, Any]:
    return {
        "id": t.id,
        "name": t.name,
        "label": t.label or None,
        "description": t.description or None,
        "aliases": list(t.aliases),
        **t.extensions,
    }


def actor(a: Actor) -> dict[str, Any]:
    return {
        "id": a.id,
        "name": a.name,
        "kind": a.kind,
        "plural": is_plural(a),
        "aliases": list(a.aliases),
        "description": a.description or None,
        "roles": [
            {
                "title": r.title,
                "of": r.of or None,
                **date_items(r.period),
                "former": r.former,
                "sources": citations(r.sources),
                **known_dates(r, "known_since"),
                **r.extensions,
            }
            for r in a.roles
        ],
        "attributes": [
            {
                "name": at.name,
                "value": at.value,
                **date_items(at.period),
                "sources": citations(at.sources),
                **known_dates(at, "known_since"),
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
        **date_items(e.date),
        "title": e.title,
        "summary": e.summary or None,
        "actors": list(e.actors),
        "topics": list(e.topics),
        "place": place(e.place),
        "url": e.url or None,
        "sources": citations(e.sources),
        **(contested(e) if e.contested else _NONE),
        **known_dates(e, "known_since"),
        **e.extensions,
    }


def position(p: Position) -> dict[str, Any]:
    return {
        "id": p.id,
        "actor": p.actor,
        "topic": p.topic,
        "stance": p.stance,
        "statement": p.statement or None,
        **date_items(p.date),
        "sources": citations(p.sources),
        **(contested(p) if p.contested else _NONE),
        **known_dates(p, "known_since"),
        **p.extensions,
    }


def relation(r: Relation) -> dict[str, Any]:
    return {
        "id": r.id,
        "subject": r.subject,
        "type": r.type,
        "object": r.object,
        "summary": r.summary or None,
        **date_items(r.period),
        "sources": citations(r.sources),
        **(contested(r) if r.contested else _NONE),
        **known_dates(r, "known_since"),
        **r.extensions,
    }


def judgment(j: Judgment) -> dict[str, Any]:
    return {
        "id": j.id,
        "statement": j.statement,
        "label": j.label or None,
        "by": j.by,
        "kind": j.kind,
        "rests_on": list(j.rests_on),
        "actors": list(j.actors),
        "topics": list(j.topics),
        "likelihood": j.likelihood or None,
        "confidence": j.confidence or None,
        "sources": citations(j.sources),
        **known_dates(j, "known_since", "withdrawn"),
        **j.extensions,
    }


def point(p: Point) -> dict[str, Any]:
    return {
        "text": p.text,
        "by": p.by,
        "rests_on": list(p.rests_on),
        "sources": citations(p.sources),
        **known_dates(p, "known_since"),
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
        "relations": list(b.relations),
        "sections": list(b.sections),
        "default": b.default,
        **b.extensions,
    }


def fact_base(facts: FactBase) -> dict[str, Iterable[dict[str, Any]]]:
    """The whole fact base, one key per collection, each in file order; the events as an
    iterator, made one at a time as they are written."""
    return {
        "sources": [source(s) for s in facts.sources],
        "topics": [topic(t) for t in facts.topics],
        "actors": [actor(a) for a in facts.actors],
        "events": (event(e) for e in facts.events),
        "positions": [position(p) for p in facts.positions],
        "relations": [relation(r) for r in facts.relations],
        "judgments": [judgment(j) for j in facts.judgments],
        "briefs": [brief(b) for b in facts.briefs],
    }


# -- the fact file: what loads back ----------------------------------------------------------


def fact_file(facts: FactBase) -> dict[str, Written]:
    """The whole fact base as one fact file: fields spelled as fact files spell them, dates
    as written, nothing worked out; loading it gives the same facts, and exporting those
    gives the same file. Each fact is made as it is read (see :class:`Written`)."""
    return {name: Written(getattr(facts, name)) for name in COLLECTIONS}


class Written(Sequence[dict[str, Any]]):
    """A collection of facts as a fact file writes them, each made when it is read and not
    kept: 100,000 events are never held as 100,000 dicts. Equal to any sequence of the
    same dicts."""

    def __init__(self, facts: Sequence[Any]) -> None:
        self.facts = facts

    def __len__(self) -> int:
        return len(self.facts)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return map(_written, self.facts)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return Written(self.facts[index])
        return _written(self.facts[index])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]


def _written(fact: Any) -> dict[str, Any]:
    """One fact (or nested item) by its model fields, in model order; a field holding its
    default is left out, as a curator would leave it out. A disagreement is written flat:
    its field and value, then its citation's fields."""
    out: dict[str, Any] = {}
    if isinstance(fact, Contest):
        if fact.field:
            out.update(field=fact.field, value=fact.value)
        return {**out, **_written(fact.sources[0])}
    kind: Any = type(fact)
    for name, default in _fields(kind):
        value = getattr(fact, name)
        if value == default:
            continue
        if name == "period":  # fact files spell a period as `from:` and `until:`
            out.update(write_date(value, period=True))
        elif name == "extensions":  # the curator's own `x-` fields, last, as written
            out.update(value)
        else:
            out[name] = _plain(value)
    return out


@functools.lru_cache(maxsize=64)
def _fields(cls: Any) -> tuple[tuple[str, Any], ...]:
    """A fact class's fields a fact file may write, each with its default (read only)."""
    return tuple(
        (f.name, f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default)
        for f in dataclasses.fields(cls)
        if f.name != "origin"
    )


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float)):  # most values: first
        return value
    if isinstance(value, FuzzyDate):
        return write_date(value)
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _written(value)
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


def write_date(when: FuzzyDate, period: bool = False) -> Any:
    """A date as a fact file writes it (see :func:`_write_date`): each call its own dicts,
    since a writer that finds one object twice may write an alias for it."""
    return _fresh(_write_date(when, period))


def _fresh(value: Any) -> Any:
    return {k: _fresh(v) for k, v in value.items()} if isinstance(value, dict) else value


@functools.lru_cache(maxsize=32768)  # many facts share a date: each is worked out once
def _write_date(when: FuzzyDate, period: bool = False) -> Any:
    """Every date of a fact file is written here, so that it reads back as the same date.

    A date anchored on another fact: ``{after: FACT, offset, text}``. A date: its text when
    that reads back equal, else ``{on: ..., text}`` or
    ``{from: ..., until: ..., text}`` with the bounds worked out (:func:`_worked_out`).
    With ``period``, the ``from``/``until`` fields of a role, attribute or relation, each
    side its words or ``{on: ..., text}``. A numeric date (2/24/2022) was read in the order
    the fact base's settings give, which the export keeps beside it: it reads back equal in
    one of the two orders."""
    from briefing.dates import DateError, anchor_text, parse_date, parse_period

    if when.anchor is not None:  # the anchor and offset, never the worked-out days
        anchored: dict[str, Any] = {when.anchor.side: when.anchor.fact}
        if when.anchor.offset:
            anchored["offset"] = when.anchor.offset
        if when.text != anchor_text(when.anchor):
            anchored["text"] = when.text
        return anchored
    orders = (None, "month-first", "day-first")
    if period:
        for sides in _period_sides(when):
            for numeric in orders:
                try:
                    if parse_period(sides.get("from"), sides.get("until"), numeric) == when:
                        return sides
                except DateError:
                    pass
        return _sides(when)  # never reached for a period the loader read
    for numeric in orders:
        try:
            if parse_date(when.text, numeric) == when:
                return when.text
        except DateError:
            pass
    return {**_worked_out(when), "text": when.text}


def _period_sides(when: FuzzyDate) -> list[dict[str, Any]]:
    """The ways a period's text may split into its `from` and `until` sides, plain words
    first: parse_period writes "from A", "until B" or "A – B"."""
    bounds = _worked_out(when)
    text = when.text

    def side(key: str, words: str) -> list[Any]:
        return [words, {"on": bounds[key], "text": words}]

    if when.end is None and text.startswith("from "):
        return [{"from": s} for s in side("from", text[5:])]
    if when.start is None and text.startswith("until "):
        return [{"until": s} for s in side("until", text[6:])]
    dash = " \N{EN DASH} "
    splits = [i for i in range(len(text)) if text.startswith(dash, i)]
    candidates = [
        {"from": first, "until": last}
        for i in splits
        for first in side("from", text[:i])
        for last in side("until", text[i + len(dash) :])
    ]
    # Where the words themselves hold a dash, fewer sides in {on, text} is the likelier split.
    return sorted(candidates, key=lambda c: sum(isinstance(s, dict) for s in c.values()))


_PARTS_OF_MONTH = {1: "early", 11: "mid", 21: "late"}
_PARTS_OF_YEAR = {1: "early", 5: "mid", 9: "late"}
_SEASONS = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}


def _worked_out(when: FuzzyDate) -> dict[str, str]:
    """The bounds of a date in words the loader reads back to them: ``{on: ...}`` for a
    single date (at its precision), ``{from: ..., until: ...}`` for a range or open period."""
    start, end, precision = when.start, when.end, when.precision
    if start is None or end is None or precision >= Precision.RANGE:
        return _sides(when)
    if when.start_year is not None:  # before AD 1: a whole year, `44 BC`
        return {"on": _marked(f"{1 - when.start_year} BC", when)}
    year, month = f"{start.year:04d}", start.month
    part = {0: "early ", 3: "mid-", 4: "mid-", 7: "late "}.get(start.year % 10, "")
    single = {
        Precision.DAY: start.isoformat()
        + (f"T{when.start_time.isoformat()}" if when.start_time is not None else ""),
        Precision.PART_OF_MONTH: f"{_PARTS_OF_MONTH.get(start.day)} "
        f"{MONTH_NAMES[month - 1]} {year}",
        Precision.MONTH: f"{year}-{month:02d}",
        Precision.SEASON: f"{_SEASONS.get(month)} {end.year:04d}",
        Precision.QUARTER: f"Q{(month - 1) // 3 + 1} {year}",
        Precision.PART_OF_YEAR: f"{_PARTS_OF_YEAR.get(month)} {year}",
        Precision.HALF: f"H{1 if month <= 6 else 2} {year}",
        Precision.YEAR: year,
        Precision.DECADE: (
            f"{start.year}s" if end.year - start.year == 9 else f"{part}{start.year // 10 * 10}s"
        ),
    }.get(precision, start.isoformat())
    return {"on": _marked(single, when)}


def _marked(written: str, when: FuzzyDate) -> str:
    """A worked-out bound with its date's marks: ``circa`` before, ``?`` after."""
    return ("circa " if when.approximate else "") + written + ("?" if when.uncertain else "")


def _sides(when: FuzzyDate) -> dict[str, str]:
    """A date's bounds as ``{from: ..., until: ...}``, an open side left out; a bound on a
    year's or month's edge is written as that year or month, as curators usually mean."""
    out = {}
    if when.start is not None:
        written = _edge(when.start, when.start.replace(month=1, day=1), 1)
        if when.start_year is not None:
            written = f"{1 - when.start_year} BC"
        elif when.start_time is not None:
            written = f"{when.start.isoformat()}T{when.start_time.isoformat()}"
        out["from"] = _marked(written, when)
    if when.end is not None:
        last = calendar.monthrange(when.end.year, when.end.month)[1]
        written = _edge(when.end, when.end.replace(month=12, day=31), last)
        if when.end_year is not None:
            written = f"{1 - when.end_year} BC"
        elif when.end_time is not None:
            written = f"{when.end.isoformat()}T{when.end_time.isoformat()}"
        out["until"] = _marked(written, when)
    return out


def _edge(day: date, year_edge: date, month_edge: int) -> str:
    if day == year_edge:
        return f"{day.year:04d}"
    return f"{day.year:04d}-{day.month:02d}" if day.day == month_edge else day.isoformat()
