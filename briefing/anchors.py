"""Dates anchored on another fact, worked out from the anchor's date; pure, and light to
import: a warm run of a fact base with anchored dates works them out without the date
grammar of :mod:`briefing.dates`."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from briefing.errors import DateError
from briefing.model import Anchor, FuzzyDate, Precision

# An offset as written: "1 day", "2 weeks", "3 months", "1 year".
OFFSET = re.compile(r"(?P<count>\d{1,5})\s*(?P<unit>day|week|month|year)s?", re.ASCII | re.I)


def anchor_text(anchor: Anchor) -> str:
    """The words an anchored date goes by when the curator gives none: "1 day after X"."""
    return f"{anchor.offset} {anchor.side} {anchor.fact}".lstrip()


def shift(when: FuzzyDate, anchor_date: FuzzyDate) -> FuzzyDate:
    """An anchored date worked out from its anchor's date: shifted by the offset (months
    and years with ``dateutil.relativedelta``, days and weeks as the same plain days), at
    the anchor's precision, without a time of day (a day later is not at the same hour);
    without an offset, the open period after (before) the anchor."""
    anchor = when.anchor
    if anchor is None:
        return when
    if anchor_date.start_year is not None or anchor_date.end_year is not None:
        raise DateError(f"{anchor.fact} is dated before AD 1, which cannot be shifted")
    start, end = anchor_date.start, anchor_date.end
    one = timedelta(days=1)
    try:
        if not anchor.offset:
            span: tuple[date | None, date | None]
            if anchor.side == "after":
                if end is None:
                    raise DateError(f"{anchor.fact} has no end to be after")
                span = (end + one, None)
            else:
                if start is None:
                    raise DateError(f"{anchor.fact} has no start to be before")
                span = (None, start - one)
            first, last = span
            return _shifted(when, anchor_date, first, last, Precision.OPEN)
        match = OFFSET.fullmatch(anchor.offset)
        assert match is not None  # checked when it was read
        count = int(match["count"]) * (-1 if anchor.side == "before" else 1)
        unit = match["unit"].lower()
        delta: Any
        if unit in ("day", "week"):  # dateutil (17 ms to import) only where it is needed
            delta = timedelta(days=count * (7 if unit == "week" else 1))
        else:
            from dateutil.relativedelta import relativedelta

            delta = relativedelta(months=count) if unit == "month" else relativedelta(years=count)
        new_start = None if start is None else start + delta
        new_end = None if end is None else end + one + delta - one
        if new_start is not None and new_end is not None and new_end < new_start:
            new_end = new_start  # 30 January + 1 month: 28 February, not the 27th
    except (OverflowError, ValueError) as exc:
        if isinstance(exc, DateError):
            raise
        raise DateError(f"{when.text} falls outside the years 0001 to 9999") from None
    return _shifted(when, anchor_date, new_start, new_end, anchor_date.precision)


def _shifted(
    when: FuzzyDate, anchor_date: FuzzyDate, first: date | None, last: date | None, p: Precision
) -> FuzzyDate:
    """An anchored date's worked-out bounds, with its anchor's marks."""
    return FuzzyDate(
        first,
        last,
        p,
        when.text,
        anchor_date.approximate,
        anchor=when.anchor,
        uncertain=anchor_date.uncertain,
    )
