"""A timeline chart laid out: time across, one lane per actor or topic, each event a point
(a day) or a bar (what its date covers), labels in tiers that never overlap; pure. The SVG
and terminal renderers both draw this layout, each measuring text in its own units."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import NamedTuple

from briefing.index import index, pick
from briefing.model import Event, Precision, year_of, year_start

# A chart of a large fact base stays readable: the busiest lanes, and a few label rows each.
MAX_LANES = 12
MAX_TIERS = 4
NO_LANE = ""  # the lane of events with no actor (or topic)
MIN_LABEL = 8  # a label cut shorter than this says too little: the mark's tooltip has it


class Mark(NamedTuple):
    """One event in one lane: from ``start`` to ``end`` (fractions of the axis; equal for
    a point), its ends shaded where they are uncertain, approximate or open, and its label
    in ``tier`` (None: no room for it; the event's full title stays on the mark)."""

    event: Event
    start: float
    end: float
    point: bool
    fade_start: bool
    fade_end: bool
    label: str
    tier: int | None
    label_at: float  # where the label starts: at the mark, or earlier near the axis's end


class Lane(NamedTuple):
    key: str  # an actor or topic id, or NO_LANE
    name: str
    marks: tuple[Mark, ...]
    tiers: int  # label rows used


class Tick(NamedTuple):
    at: float
    label: str


class Chart(NamedTuple):
    lanes: tuple[Lane, ...]
    ticks: tuple[Tick, ...]
    more_lanes: int  # lanes left out (the least busy), with their events
    undated: int  # events with no date to place
    unlabelled: int  # marks whose label found no room


def _span(first: int | None, last: int | None) -> tuple[int, int] | None:
    """The first and last day a date covers, as ordinals (None: open); an open side takes
    the other; None when both are open."""
    if first is None and last is None:
        return None
    if first is None or last is None:
        first = last = first if first is not None else last
    assert first is not None and last is not None
    return first, last


# The index's ordinal of a side before AD 1 (date.min): only the decoded date places it.
_BEFORE_AD = date.min.toordinal()


def chart(
    events: Sequence[Event],
    names: Callable[[str], str],
    room: float,
    measure: Callable[[str], float],
    gap: float,
    topics: bool = False,
) -> Chart:
    """Lay out ``events`` on an axis ``room`` units long, one lane per actor (per topic
    with ``topics``), an event in each of its lanes, named by ``names``; ``measure`` gives
    a text's width in the same units, and labels in one tier keep ``gap`` apart.

    Read from the events' index (:func:`~briefing.index.index`): only the events drawn are
    decoded, and those whose date has a side before AD 1, which the index cannot place."""
    idx = index(events)
    sides = list(zip(idx.starts, idx.ends, strict=True))
    before_ad = [i for i, (s, e) in enumerate(sides) if _BEFORE_AD in (s, e)]
    exact = {i: e.date for i, e in zip(before_ad, pick(events, before_ad), strict=True)}
    placed: list[tuple[int, int, int]] = []  # position, first and last day
    undated = 0
    for i, (s, e) in enumerate(sides):
        when = exact.get(i)
        span = _span(*((when.start_ordinal(), when.end_ordinal()) if when else (s, e)))
        if span is None:
            undated += 1
        else:
            placed.append((i, *span))
    if not placed:
        return Chart((), (), 0, undated, 0)
    low = min(first for _, first, _ in placed)
    high = max(last for _, _, last in placed) + 1
    width = max(high - low, 1)
    keys = idx.topics if topics else idx.actors
    by_lane: dict[str, list[tuple[int, int, int]]] = {}
    for item in placed:
        for key in keys[item[0]] or (NO_LANE,):
            by_lane.setdefault(key, []).append(item)
    busiest = sorted(by_lane, key=lambda k: (-len(by_lane[k]), k == NO_LANE))[:MAX_LANES]
    kept = [k for k in by_lane if k in set(busiest)]
    drawn = sorted({i for k in kept for i, _, _ in by_lane[k]})
    decoded = dict(zip(drawn, pick(events, drawn), strict=True))
    lanes, unlabelled = [], 0
    for key in kept:
        items = [(decoded[i], first, last) for i, first, last in by_lane[key]]
        marks, tiers = _lane(items, low, width, room, measure, gap)
        unlabelled += sum(m.tier is None for m in marks)
        lanes.append(Lane(key, names(key) if key else "(none)", marks, tiers))
    return Chart(tuple(lanes), _ticks(low, high), len(by_lane) - len(kept), undated, unlabelled)


def left_out(layout: Chart) -> list[str]:
    """What the chart leaves out, in words, for the legend under each drawing of it."""
    counts = [
        (layout.more_lanes, "more lane", "not shown"),
        (layout.undated, "undated event", "not shown"),
        (layout.unlabelled, "label", "left out for room"),
    ]
    return [f"{n} {what}{'' if n == 1 else 's'} {why}" for n, what, why in counts if n]


def _lane(
    items: list[tuple[Event, int, int]],
    low: int,
    width: int,
    room: float,
    measure: Callable[[str], float],
    gap: float,
) -> tuple[tuple[Mark, ...], int]:
    """The lane's marks in time order, each label in the first tier where it fits."""
    ends: list[float] = []  # where each tier's last label ends, in units
    marks = []
    for e, first, last in sorted(items, key=lambda i: (i[1], i[2])):
        when = e.date
        start, end = (first - low) / width, (last + 1 - low) / width
        point = when.precision == Precision.DAY and first == last
        vague = when.approximate or when.uncertain
        label = " ".join(e.title.split())
        # A label reads from its mark rightwards in the axis's first half, and ends at its
        # mark in the second, so it stays beside its mark and inside the axis. It takes the
        # first label row with room for it whole, else the row with the most room (a new row
        # while there may be more), and is shortened to that room.
        right_half = start > 0.5
        anchor = ((start if point else end) if right_half else start) * room
        rows = [*ends, float("-inf")] if len(ends) < MAX_TIERS else ends
        rooms = [
            (anchor - max(taken + gap, 0.0)) if right_half else
            (room - anchor if taken + gap <= anchor else 0.0)
            for taken in rows
        ]  # fmt: skip
        size = measure(label)
        tier = next((t for t, free in enumerate(rooms) if free >= size), None)
        if tier is None and rooms:
            tier = max(range(len(rooms)), key=rooms.__getitem__)
            label = _shorten(label, rooms[tier], measure)
            size = measure(label)
        if not label or tier is None:
            tier, label, size = None, "", 0.0
        x = anchor - size if right_half else anchor
        if tier is not None:
            if tier == len(ends):
                ends.append(x + size)
            else:
                ends[tier] = x + size
        marks.append(
            Mark(
                e,
                start,
                start if point else end,
                point,
                vague or when.start is None,
                vague or when.end is None,
                label,
                tier,
                x / room,
            )
        )
    return tuple(marks), len(ends)


def _shorten(text: str, room: float, measure: Callable[[str], float]) -> str:
    """``text`` cut to fit ``room`` with an ellipsis; "" when not even a word's start
    (:data:`MIN_LABEL` characters) fits. A binary search: a cut is never measured twice."""

    def cut(n: int) -> str:
        return text[:n].rstrip() + "…"

    low, high = MIN_LABEL, len(text) - 1
    if high < low or measure(cut(low)) > room:
        return ""
    while low < high:
        middle = (low + high + 1) // 2
        if measure(cut(middle)) <= room:
            low = middle
        else:
            high = middle - 1
    return cut(low)


def _ticks(low: int, high: int) -> tuple[Tick, ...]:
    """Year, month or day ticks, at most about ten, across the days from ``low`` to ``high``."""
    days = high - low
    width = max(days, 1)
    if low < 1 or days > 3 * 365:
        first, last = year_of(low), year_of(high - 1)
        step = _step(last - first + 1, (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000))
        years = range(first - first % step + step if first % step else first, last + 1, step)
        return tuple(
            Tick((year_start(y) - low) / width, _year_label(y))
            for y in years
            if low <= year_start(y) < high
        )
    if days > 90:
        months = []
        day = date.fromordinal(low).replace(day=1)
        while day.toordinal() < high:
            if day.toordinal() >= low:
                months.append(day)
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        step = _step(len(months), (1, 2, 3, 6))
        return tuple(
            Tick((d.toordinal() - low) / width, d.strftime("%b %Y")) for d in months[::step]
        )
    step = _step(days, (1, 2, 7, 14))
    return tuple(
        Tick((o - low) / width, f"{date.fromordinal(o).day} {date.fromordinal(o):%b}")
        for o in range(low, high, step)
    )


def _step(count: int, steps: Sequence[int]) -> int:
    return next((s for s in steps if count / s <= 10), steps[-1])


def _year_label(year: int) -> str:
    return str(year) if year >= 1 else f"{1 - year} BC"
