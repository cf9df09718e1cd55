"""A timeline in TimelineJS3's JSON format (https://timeline.knightlab.com/docs/json-format.html),
which newsrooms' TimelineJS draws as it is.

Dates are never sharper than the source: a date object holds only the parts its precision
gives (a month-precision date has no day), and ``display_date`` shows the compact date, with
the curator's wording where it says more. TimelineJS reads ``text`` as HTML: every fact
text is escaped, and only a web address the other renderers would link becomes a link."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from html import escape
from typing import Any

from briefing.model import Event, FuzzyDate, Precision
from briefing.render import clean, web_address
from briefing.render.json import pieces
from briefing.views import TimelineView, date_text, date_wording, reference

# Precisions whose sides are whole months, and whole years, by the way they are written.
_MONTHS = {Precision.PART_OF_MONTH, Precision.MONTH, Precision.SEASON, Precision.QUARTER}
_MONTHS |= {Precision.PART_OF_YEAR, Precision.HALF}
_YEARS = {Precision.YEAR, Precision.DECADE}


def _h(value: str) -> str:
    return escape(clean(value), quote=True)


def _year(when: FuzzyDate, day: date, start: bool) -> int:
    """The year TimelineJS shows: BC years as negative numbers (44 BC is -44)."""
    year = when.start_year if start else when.end_year
    if year is None:
        return day.year
    return year if year > 0 else year - 1


def _parts(when: FuzzyDate, day: date, at: time | None, start: bool) -> dict[str, Any]:
    """One side of ``when`` as a TimelineJS date, down to the unit its precision gives."""
    unit = "day"
    if when.precision in _YEARS or (when.start_year if start else when.end_year) is not None:
        unit = "year"
    elif when.precision in _MONTHS:
        unit = "month"
    elif when.precision in (Precision.RANGE, Precision.OPEN):
        # Each side of a range is as fine as its bounds show: 2019/2021 is two whole years.
        edge = day.replace(month=1, day=1) if start else day.replace(month=12, day=31)
        month_edge = day.replace(day=1) if start else _month_end(day)
        unit = "year" if day == edge else "month" if day == month_edge else "day"
    parts: dict[str, Any] = {"year": _year(when, day, start)}
    if unit != "year":
        parts["month"] = day.month
    if unit == "day":
        parts["day"] = day.day
        if at is not None:
            parts["hour"], parts["minute"] = at.hour, at.minute
    return parts


def _month_end(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _display(when: FuzzyDate) -> str:
    shown, worded = date_text(when), date_wording(when)
    return f"{shown} ({worded})" if worded else shown


def _source(view: TimelineView, source_id: str) -> str:
    """How a citation names its source: authors, title (linked), outlet, date; escaped."""
    ref = reference(view.basis.source(source_id), source_id, full=True)
    title = _h(ref.title) if ref.made else f"“{_h(ref.title)}”"
    url = web_address(ref.url)
    if url:
        title = f'<a href="{escape(url, quote=True)}" rel="noreferrer">{title}</a>'
    parts = [_h(ref.by)] if ref.by else []
    parts += [title] + [_h(p) for p in (ref.outlet, ref.date) if p]
    return ", ".join(parts)


def _text(view: TimelineView, event: Event, sources: dict[str, str]) -> str:
    """The slide's body: the summary, then each citation's quote and source (each source
    named once per document: ``sources`` keeps what :func:`_source` made)."""
    paragraphs = [f"<p>{_h(event.summary)}</p>"] if event.summary else []
    for c in event.sources:
        named = sources.get(c.source)
        if named is None:
            named = sources[c.source] = _source(view, c.source)
        paragraphs.append(f"<p><em>“{_h(c.quote)}”</em> ({named})</p>")
    return "".join(paragraphs)


def _slide(view: TimelineView, event: Event, sources: dict[str, str]) -> dict[str, Any] | None:
    when = event.date
    first, last = when.start or when.end, when.end
    if first is None:
        return None  # undated: TimelineJS needs a start
    slide: dict[str, Any] = {
        "unique_id": f"event-{event.id}",
        "start_date": _parts(when, first, when.start_time, when.start is not None),
        "display_date": _display(when),
        "text": {"headline": _h(event.title), "text": _text(view, event, sources)},
    }
    if last is not None and when.start is not None and (last != first or when.end_time):
        end = _parts(when, last, when.end_time, False)
        if end != slide["start_date"]:
            slide["end_date"] = end
    if event.topics:
        slide["group"] = view.basis.topic_name(event.topics[0])
    return slide


def timeline(view: TimelineView, title: str) -> Iterator[str]:
    """The view's events as one TimelineJS document, ``title`` on its title slide, in
    pieces: each slide is made as it is written (100,000 events are never held at once,
    nor is the document)."""
    sources: dict[str, str] = {}
    slides = (s for e in view.events if (s := _slide(view, e, sources)) is not None)
    return pieces({"title": {"text": {"headline": _h(title)}}, "events": slides})
