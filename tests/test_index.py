"""Indexed answers are the answers the events themselves give: over random fact bases and
filters, every query that reads the event index (from the cache's columns, or built from
plain events) agrees with a plain scan of the decoded events."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import diff, query
from briefing.brief import assemble
from briefing.cache import LazyEvents, from_data, to_data
from briefing.chart import chart
from briefing.dates import parse_date
from briefing.index import (
    EventIndex,
    event_row,
    fold,
    index,
    pick,
    searchable,
    subset,
    vocabulary,
    words_of,
)
from briefing.knowledge import Knowledge, known_by
from briefing.model import (
    Actor,
    Brief,
    Citation,
    Contest,
    Event,
    FactBase,
    FileFacts,
    Origin,
    Source,
    Topic,
)
from briefing.render.svg import measure

ACTORS = [f"a{n}" for n in range(5)]
TOPICS = [f"t{n}" for n in range(3)]
SOURCES = [f"s{n}" for n in range(3)]
DATES = [
    "2020-01-05", "2020-01", "2020", "early 2020", "2019/2021", "after 2020-06", "until 2019",
    "circa 2018", "2020-01-05T10:00", "24 to 28 February 2020", "44 BC", "2020?", "1990s",
    "spring 2021", "from 2020-03-01",
]  # fmt: skip
WORDS = ["grain", "port", "Grain", "café", "talks", "Talks port", "ÉLAN", "deal"]


# A citation's or an event's own date of knowledge: mostly none, as in real fact bases.
OWN_DATES = st.one_of(st.none(), st.none(), st.none(), st.sampled_from(DATES).map(parse_date))


@st.composite
def events(draw: st.DrawFn) -> tuple[Event, ...]:
    count = draw(st.integers(0, 12))
    out = []
    for n in range(count):
        cited = draw(st.lists(st.sampled_from(SOURCES), min_size=1, max_size=3))
        out.append(
            Event(
                id=f"e{n}",
                date=parse_date(draw(st.sampled_from(DATES))),
                title=" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))),
                origin=Origin(f"f{n % 3}.yaml", n + 1),
                summary=" ".join(draw(st.lists(st.sampled_from(WORDS), max_size=3))),
                actors=tuple(draw(st.lists(st.sampled_from(ACTORS), max_size=3, unique=True))),
                topics=tuple(draw(st.lists(st.sampled_from(TOPICS), max_size=2, unique=True))),
                sources=tuple(
                    # in the event's own file, as the cache keeps origins
                    Citation(
                        s,
                        draw(st.sampled_from(WORDS)),
                        Origin(f"f{n % 3}.yaml", n + 1),
                        accessed=draw(OWN_DATES),
                        recorded=draw(OWN_DATES),
                    )
                    for s in cited
                ),
                known_since=draw(OWN_DATES),
                # A source that disputes the event, now and then: its quote is searched too.
                contested=tuple(
                    Contest(
                        Origin(f"f{n % 3}.yaml", n + 1),
                        (
                            Citation(
                                s, draw(st.sampled_from(WORDS)), Origin(f"f{n % 3}.yaml", n + 1)
                            ),
                        ),
                    )
                    for s in draw(st.lists(st.sampled_from(SOURCES), max_size=1))
                ),
            )
        )
    return tuple(out)


def fact_bases(plain: tuple[Event, ...]) -> tuple[FactBase, FactBase]:
    """The same fact base twice: its events as a tuple, and as the cache holds them."""
    at = Origin("f.yaml", 1)
    common: dict[str, Any] = {
        "location": "x",
        "sources": tuple(Source(s, s, at) for s in SOURCES),
        "topics": tuple(Topic(t, t.upper(), at) for t in TOPICS),
        "actors": tuple(Actor(a, f"Actor {a}", "state", at) for a in ACTORS),
    }
    by_file = _by_file(plain)
    lazy = LazyEvents.join([tuple(part) for part in by_file])
    # The cache keeps files apart, so the lazy events are in file order, as a load gives.
    in_file_order = tuple(e for part in by_file for e in part)
    return FactBase(events=in_file_order, **common), FactBase(events=lazy, **common)


def _by_file(plain: tuple[Event, ...]) -> list[list[Event]]:
    by_file: dict[str, list[Event]] = {}
    for e in plain:
        by_file.setdefault(e.origin.path, []).append(e)
    return list(by_file.values())


def _disputing(e: Event) -> list[Citation]:
    return [c for x in e.contested for c in x.sources]


def as_cached(plain: tuple[Event, ...]) -> LazyEvents:
    """The events as a load from the cache gives them: each file's entry written and read."""
    parts = []
    for part in _by_file(plain):
        path = part[0].origin.path
        held = FileFacts(path, Path(path), [], {"events": tuple(part)}, ([], [], []), {})
        parts.append(from_data(to_data(held), path, Path(path)).collections["events"])
    return LazyEvents.join(parts)


def scanned_timeline(facts: FactBase, options: dict[str, Any]) -> list[str]:
    """The timeline by a plain scan of decoded events: the rules as the README states them."""
    since, until = options["since"], options["until"]
    chosen = []
    for e in facts.events:
        if options["actors"] and not set(options["actors"]) & set(e.actors):
            continue
        if options["topics"] and not set(options["topics"]) & set(e.topics):
            continue
        if options["source"] and all(c.source != options["source"] for c in e.sources):
            continue
        if since and since.start and (e.date.start is None or e.date.start < since.start):
            continue
        anchor = e.date.start or e.date.end
        if until and until.end and (anchor is None or anchor > until.end):
            continue
        chosen.append(e)
    ordered = [e.id for e in sorted(chosen, key=lambda e: (e.date.sort_key(), e.id))]
    if options["reverse"]:
        ordered.reverse()
    return ordered[: options["limit"]] if options["limit"] is not None else ordered


FILTERS = st.fixed_dictionaries(
    {
        "actors": st.lists(st.sampled_from(ACTORS), max_size=2),
        "topics": st.lists(st.sampled_from(TOPICS), max_size=1),
        "source": st.none() | st.sampled_from(SOURCES),
        "since": st.none() | st.sampled_from(DATES).map(parse_date),
        "until": st.none() | st.sampled_from(DATES).map(parse_date),
        "reverse": st.booleans(),
        "limit": st.none() | st.integers(0, 5),
    }
)


@settings(max_examples=300, deadline=None)
@given(events(), FILTERS)
def test_the_timeline_is_the_plain_scan_s(plain: tuple[Event, ...], options: Any) -> None:
    for facts in fact_bases(plain):
        shown = query.timeline(
            facts,
            actors=[a for a in facts.actors if a.id in options["actors"]],
            topics=[t for t in facts.topics if t.id in options["topics"]],
            since=options["since"],
            until=options["until"],
            source=next((s for s in facts.sources if s.id == options["source"]), None),
            reverse=options["reverse"],
            limit=options["limit"],
        )
        assert [e.id for e in shown] == scanned_timeline(facts, options)
        assert list(shown) == [e for i in [e.id for e in shown] for e in plain if e.id == i]


@settings(max_examples=200, deadline=None)
@given(events(), st.dates(date(2017, 1, 1), date(2022, 12, 31)))
def test_as_of_keeps_what_had_happened(plain: tuple[Event, ...], day: date) -> None:
    for facts in fact_bases(plain):
        kept = query.as_of(facts, day).events
        expected = [e for e in facts.events if query._happened_by(e.date, day)]
        assert list(kept) == expected
        assert index(kept).ids == [e.id for e in expected]


@settings(max_examples=200, deadline=None)
@given(events())
def test_counts_profiles_and_sources_are_the_plain_scan_s(plain: tuple[Event, ...]) -> None:
    for facts in fact_bases(plain):
        rows = {r.actor.id: r.events for r in query.actor_rows(facts)}
        assert rows == {a: sum(a in e.actors for e in plain) for a in ACTORS}
        for actor in facts.actors:
            shown = query.profile(facts, actor).events
            mine = [e for e in plain if actor.id in e.actors]
            assert list(shown) == sorted(mine, key=lambda e: (e.date.sort_key(), e.id))
        uses = {u.source.id: u.facts for u in query.bibliography(facts)}
        # A source counts each fact it is cited in, or disagrees with.
        assert uses == {
            s: sum(s in {c.source for c in (*e.sources, *_disputing(e))} for e in plain)
            for s in SOURCES
        }
        citable = query.citable(facts)
        assert set(citable) == {*ACTORS, *(e.id for e in plain)}
        assert all(citable[e.id] == e for e in plain)


@settings(max_examples=200, deadline=None)
@given(events(), st.lists(st.sampled_from(WORDS), min_size=1, max_size=2).map(" ".join))
def test_search_finds_what_a_scan_of_every_field_finds(plain: tuple[Event, ...], text: str) -> None:
    words = fold(text).split()
    expected = {
        e.id for e in plain if all(any(w in fold(v) for _, v in searchable(e)) for w in words)
    }
    for facts in fact_bases(plain):
        found = {h.fact.id for h in query.search(facts, text) if h.kind == "event"}
        assert found == expected


@settings(max_examples=100, deadline=None)
@given(events(), st.lists(st.sampled_from(ACTORS), max_size=2))
def test_a_brief_is_the_same_from_either_events(plain: tuple[Event, ...], scope: list[str]) -> None:
    brief = Brief("b", "B", Origin("f.yaml", 1), actors=tuple(scope))
    first, second = (assemble(facts, brief, today=date(2021, 6, 1)) for facts in fact_bases(plain))
    for name in ("recent", "earlier_events", "more", "key_actors", "sources"):
        assert getattr(first, name) == getattr(second, name), name


def test_an_event_s_row_folds_its_text_as_search_does() -> None:
    at = Origin("f.yaml", 1)
    event = Event("e", parse_date("2020"), "Café  Élan", at, summary="Grain\tport")
    assert EventIndex.from_rows([event_row(event)]).texts == ["cafe elan\ngrain port"]
    assert fold("Café  Élan’s") == "cafe elan's" and fold("A  b") == "a b"


# Each source's publication date (None: undated), and a day, as knowledge time reads them.
PUBLISHED = st.lists(st.none() | st.sampled_from(DATES).map(parse_date), min_size=3, max_size=3)
A_DAY = st.sampled_from(DATES).map(parse_date)


def published_on(facts: FactBase, published: list[Any]) -> FactBase:
    """``facts`` with its sources published on those dates, in order."""
    at = Origin("f.yaml", 1)
    sources = tuple(Source(s, s, at, published=p) for s, p in zip(SOURCES, published, strict=True))
    return dataclasses.replace(facts, sources=sources)


def among(actors: Sequence[str], topics: Sequence[str]) -> bool:
    """A scope: the events of the first actor."""
    return ACTORS[0] in actors


@settings(max_examples=300, deadline=None)
@given(events(), PUBLISHED, A_DAY)
def test_known_by_from_the_index_is_known_by_from_each_event(
    plain: tuple[Event, ...], published: list[Any], when: Any
) -> None:
    """Knowledge time answered from the index keeps the events, and of each the citations,
    that the rules give read off each decoded event."""
    day = when.end or when.start
    if day is None:
        return
    for facts in fact_bases(plain):
        facts = published_on(facts, published)
        rules = Knowledge.of(facts)
        expected = [
            (e.id, cited)
            for e in facts.events
            if (cited := rules.citations_by(e, day.toordinal())) is not None
        ]
        found = known_by(facts, day).events
        assert [(e.id, e.sources) for e in found] == expected
        # Every column of the index, narrowed from the rows, is the decoded events' own.
        assert index(found) == EventIndex.of(list(found))
        # Only some events wanted (a brief's scope): those of the whole answer.
        some = known_by(facts, day, among).events
        assert list(some) == [e for e in found if among(e.actors, e.topics)]
        assert index(some) == EventIndex.of(list(some))


@settings(max_examples=150, deadline=None)
@given(events(), PUBLISHED, A_DAY)
def test_what_changed_since_a_day_is_the_same_from_either_events(
    plain: tuple[Event, ...], published: list[Any], when: Any
) -> None:
    """`brief --since` compares the base as known then with the base now: events held alike
    in the cache are not decoded, and the changes are those of the decoded events."""
    day = when.end or when.start
    if day is None:
        return
    found = []
    for facts in fact_bases(plain):
        facts = published_on(facts, published)
        changes = diff.compare(known_by(facts, day), facts).collection("events")
        changed = [
            (c.id, c.old, c.new, [(f.name, f.old, f.new) for f in c.fields])
            for c in changes.changed
        ]
        found.append((changes.added, changes.removed, changed))
    assert found[0] == found[1]


@settings(max_examples=200, deadline=None)
@given(events(), PUBLISHED, A_DAY, st.sets(st.integers(0, 11)))
def test_the_words_a_misspelling_may_be_taken_for_are_those_of_the_events(
    plain: tuple[Event, ...], published: list[Any], when: Any, left: set[int]
) -> None:
    """A search that finds nothing looks for near spellings among the words of every text:
    the cache keeps each file's, and a query's answer (events known by a day, some left
    out) keeps them for the files it leaves whole; they are always the words of the events
    it holds, worked out from them."""
    cached = as_cached(plain)
    assert list(cached) == [e for part in _by_file(plain) for e in part]
    day = when.end or when.start or date(2020, 1, 1)
    facts = published_on(FactBase(location="x", events=cached), published)
    kept = [n for n in range(len(cached)) if n not in left]
    for events in (cached, known_by(facts, day).events, subset(cached, kept)):
        assert vocabulary(events) == words_of(EventIndex.of(list(events)).texts)
    # Not all made up: the test sees words kept by the cache, not only worked out.
    assert all(w is not None for w in cached.words)


@settings(max_examples=200, deadline=None)
@given(events(), st.booleans())
def test_the_chart_read_from_the_index_places_each_event_by_its_dates(
    plain: tuple[Event, ...], topics: bool
) -> None:
    """The timeline chart reads the index and decodes only the events it draws (and those
    with a side before AD 1, which the index cannot place): from either events, each mark
    is where the decoded event's first and last days put it."""
    first, second = (
        chart(facts.events, str, 500, measure, 10, topics=topics) for facts in fact_bases(plain)
    )
    assert first == second
    # As a timeline shows them: in date order, picked from the cache without decoding.
    shown = [pick(facts.events, index(facts.events).by_date()) for facts in fact_bases(plain)]
    assert chart(shown[0], str, 500, measure, 10) == chart(shown[1], str, 500, measure, 10)
    placed: dict[str, tuple[int, int]] = {}
    for e in plain:
        a, b = e.date.start_ordinal(), e.date.end_ordinal()
        if a is not None or b is not None:  # an open side is at the other
            placed[e.id] = (a if a is not None else b or 0, b if b is not None else a or 0)
    assert first.undated == len(plain) - len(placed)
    if not placed:
        return
    low = min(a for a, _ in placed.values())
    width = max(max(b for _, b in placed.values()) + 1 - low, 1)
    for lane in first.lanes:
        for mark in lane.marks:
            a, b = placed[mark.event.id]
            assert mark.start == (a - low) / width
            assert mark.end == (mark.start if mark.point else (b + 1 - low) / width)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["b", "a", "c", "a1", "event-10", "event-9"]),
            st.tuples(st.integers(-2, 2), st.integers(0, 1), st.sampled_from(["x", "y", ""])),
        ),
        max_size=30,
    )
)
def test_the_whole_date_order_ranks_keys_as_sorting_them_would(
    entries: list[tuple[str, tuple[int, int, str]]],
) -> None:
    """A timeline of every event is sorted by each key's rank, a whole number, not by the
    key: the same order (ties by id, ids repeated as in a fact base with errors)."""
    ids = [i for i, _ in entries]
    keys = [(a, b, 0, 0, 0, 0, c) for _, (a, b, c) in entries]
    empty: list[Any] = [None] * len(entries)
    idx = EventIndex(ids, empty, empty, empty, keys, empty, empty, empty, empty)
    expected = sorted(range(len(entries)), key=lambda i: (keys[i], ids[i]))
    assert idx.by_date() == idx.by_date(range(len(entries))) == expected
