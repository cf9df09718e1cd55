"""Dates written back: the ISO 8601 days a date covers and its EDTF (ISO 8601-2).

Apart from :mod:`briefing.dates`, which reads dates: writing needs none of its grammar, so
a JSON export or timeline does not compile it at start-up."""

from __future__ import annotations

from datetime import date, time, timedelta

from briefing.model import FuzzyDate, Precision, year_of, year_start


def iso_bounds(when: FuzzyDate) -> tuple[str | None, str | None]:
    """The inclusive bounds as ISO 8601 days; before AD 1 with a sign and astronomical
    years (44 BC is -0043), as ISO 8601 expanded years and EDTF write them."""
    start, end = when.start_ordinal(), when.end_ordinal()
    return (None if start is None else _iso(start), None if end is None else _iso(end))


def _iso(ordinal: int) -> str:
    if ordinal >= 1:
        return date.fromordinal(ordinal).isoformat()
    year = year_of(ordinal)
    day = ordinal - year_start(year)
    return f"{_edtf_year(year)}-{'01-01' if day == 0 else '12-31'}"


def to_edtf(when: FuzzyDate) -> str:
    """The date in EDTF (ISO 8601-2, level 1 at most), covering the same days.

    Days, months, years, decades (199X) and spring to autumn (2022-21 to 2022-23) are
    written as such, with a time of day when there is one; every other precision as an
    interval of days or months (A/B, with .. for an open side). ``~`` marks an approximate
    date, ``?`` an uncertain one and ``%`` one that is both (each side of an interval).
    Winter is an interval too: EDTF leaves open which year's December its 24 means.
    Intervals carry no time of day, which EDTF does not allow there; nor does a marked day.
    """
    mark = {(True, True): "%", (True, False): "~", (False, True): "?"}.get(
        (when.approximate, when.uncertain), ""
    )
    start, end = when.start_ordinal(), when.end_ordinal()
    if start is not None and end is not None and when.precision < Precision.RANGE:
        single = _edtf_single(start, end, when.precision, when.start_time, mark)
        if single is not None:
            return single
    days = [date.fromordinal(o) for o in (start, end) if o is not None and o >= 1]
    first_days = start is None or start < 1 or days[0].day == 1
    last_days = end is None or end < 1 or _ends_a_month(days[-1])
    if first_days and last_days:
        # Both sides whole months (or years): write them so, not as the days they span.
        years = all(d.month == (1 if d.toordinal() == start else 12) for d in days)
        width = 4 if years else 7
    else:
        width = 10
    left = ".." if start is None else _edtf_bound(start, width) + mark
    right = ".." if end is None else _edtf_bound(end, width) + mark
    return f"{left}/{right}"


def _edtf_single(
    start: int, end: int, precision: Precision, clock: time | None, mark: str
) -> str | None:
    if start < 1:
        return _edtf_year(year_of(start)) + mark if precision == Precision.YEAR else None
    first = date.fromordinal(start)
    if precision == Precision.DAY:
        if clock is None or mark:
            return first.isoformat() + mark
        return f"{first.isoformat()}T{_edtf_time(clock)}"
    if precision == Precision.MONTH:
        return f"{first.year:04d}-{first.month:02d}{mark}"
    if precision == Precision.YEAR:
        return f"{first.year:04d}{mark}"
    if precision == Precision.SEASON and first.month != 12:
        return f"{first.year:04d}-{20 + (first.month // 3)}{mark}"
    if precision == Precision.DECADE and date.fromordinal(end) == date(first.year + 9, 12, 31):
        return f"{first.year // 10:03d}X{mark}"
    return None


def _edtf_bound(ordinal: int, width: int) -> str:
    """One side of an interval: a year before AD 1; else the day, cut to its month (7) or
    year (4) when both sides are whole months or years."""
    if ordinal < 1:
        return _edtf_year(year_of(ordinal))
    return date.fromordinal(ordinal).isoformat()[:width]


def _edtf_year(year: int) -> str:
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


def _edtf_time(clock: time) -> str:
    written = f"{clock.hour:02d}:{clock.minute:02d}:{clock.second:02d}"
    offset = clock.utcoffset()
    if offset is None:
        return written
    if not offset:
        return written + "Z"
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{written}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _ends_a_month(day: date) -> bool:
    return day == date.max or (day + timedelta(days=1)).day == 1
