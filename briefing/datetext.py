"""Dates as a reader scans them: one compact style worked out from a date's bounds, precision
and marks, the same in every view; and whether the curator's own wording says more.

The style, for what :mod:`briefing.dates` reads (see the README's "Dates"):

- a day ``29 Nov 2022``, with a time ``24 Feb 2022 05:45`` (``05:45 UTC``, ``05:45 UTC+3``);
  a year before 1000 alone as ``AD 14``, with a month or a day in four digits (``Mar 0014``),
  as the date grammar reads them;
- a part of a month ``late Feb 2022``; a month ``Nov 2022``; a season ``spring 2022``,
  ``winter 2021/22`` (December 2021 to February 2022); a quarter ``Q3 2022``; a part of a
  year ``early 2022``, ``mid-2022``; a half ``H1 2022``; a year ``2022``, ``AD 14``,
  ``44 BC``; a decade ``1990s``, ``early 1990s``;
- a range with each end as the curator wrote it (``late Feb 2022–Dec 2022``), what the
  ends share written once (``2019–2022``, ``Feb–Dec 2022``, ``3–10 Mar 2022``, ``28 Feb–3
  Mar 2022``); a range whose ends show the same collapses (``Feb 2022``);
- an open period ``2019–`` (only a start) or ``by 29 Nov 2022`` (only an end);
- where ``text:`` gives the source's words (``early in the war``), the sides as written in
  ``from:``/``until:`` (``late Feb 2022–28 Dec 2022``: never sharper than written); a date
  worked out from another, each end at the coarsest unit its bound falls on (whole years,
  whole months, else days): ``22 Feb–1 Mar 2022``, ``c. 2019–2022``;
- ``c.`` before an approximate date, ``?`` after an uncertain one; ``undated`` for none.

A date anchored on another fact shows its worked-out date. Pure and light to import: the
date grammar is loaded only to read a curator's words (each cached), never for an ISO day.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, time
from functools import lru_cache

from briefing.anchors import anchor_text
from briefing.memo import per_date
from briefing.model import FuzzyDate, Precision, year_of

__all__ = ["compact", "days", "wording"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
EN_DASH = "\N{EN DASH}"
UNDATED = "undated"


def compact(when: FuzzyDate | None) -> str:
    """The date in the compact style above: '29 Nov 2022', 'c. late Oct 2022', 'Feb–Dec 2022',
    'by 29 Nov 2022', '2019–', 'undated'."""
    if when is None:
        return UNDATED
    return _compact_of(when, when.written)


def _compact(when: FuzzyDate, written: str) -> str:
    start, end = when.start_ordinal(), when.end_ordinal()
    if start is None and end is None:
        return UNDATED  # an anchored date not yet worked out
    if when.precision < Precision.RANGE and start is not None and end is not None:
        named = _named(start, end, when)
        if named is not None:
            return _mark(named, when)
    sides = _written(when)
    if sides is not None:
        return sides
    if start is None:
        assert end is not None
        return "by " + _mark(_side(end, _open_unit(end, last=True), when.end_time), when)
    if end is None:
        return _mark(_side(start, _open_unit(start, last=False), when.start_time), when) + EN_DASH
    return _mark(_range(start, end, when), when)


def days(start: date, end: date) -> str:
    """Days ``start`` to ``end`` (known exactly, as a brief's window) in the same style:
    '30 Sep–28 Dec 2022', '3–10 Mar 2022'; from the bounds, without reading any words."""
    span = FuzzyDate(start, end, Precision.RANGE, "")
    return _range(start.toordinal(), end.toordinal(), span, unit="day")


def _mark(text: str, when: FuzzyDate) -> str:
    return ("c. " if when.approximate else "") + text + ("?" if when.uncertain else "")


# -- one side ------------------------------------------------------------------------------


def _year(year: int) -> str:
    """An astronomical year as written: 2022, AD 14 (three digits or fewer), 44 BC."""
    if year < 1:
        return f"{1 - year} BC"
    return str(year) if year >= 1000 else f"AD {year}"


def _clock(clock: time | None) -> str:
    if clock is None:
        return ""
    shown = f" {clock:%H:%M}" + (f":{clock.second:02d}" if clock.second else "")
    offset = clock.utcoffset()
    if offset is None:
        return shown
    if not offset:
        return shown + " UTC"
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{shown} UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def _open_unit(ordinal: int, last: bool) -> str:
    """The coarsest unit one side falls on: a start on 1 January (an end on 31 December) is
    a year, a start on the 1st (an end on the last day) a month, else a day."""
    if ordinal < 1:
        return "year"
    day = date.fromordinal(ordinal)
    if last:
        if (day.month, day.day) == (12, 31):
            return "year"
        return "month" if _last_of_month(day) else "day"
    if (day.month, day.day) == (1, 1):
        return "year"
    return "month" if day.day == 1 else "day"


def _side(ordinal: int, unit: str, clock: time | None = None) -> str:
    """One day at ``unit`` ('year', 'month', 'day'); a side before AD 1 is a whole year."""
    if ordinal < 1 or unit == "year":
        return _year(year_of(ordinal))
    day = date.fromordinal(ordinal)
    month = f"{_MONTHS[day.month - 1]} {day.year:04d}"
    return month if unit == "month" else f"{day.day} {month}{_clock(clock)}"


# -- a single date ----------------------------------------------------------------------------


def _named(start: int, end: int, when: FuzzyDate) -> str | None:
    """The name of the unit of ``when``'s precision when its bounds are that unit (a date
    shifted from another may not be); else None."""
    precision = when.precision
    if start < 1 or end < 1:
        first, last = year_of(start), year_of(end)
        if precision == Precision.YEAR and first == last:
            return _year(first)
        return None
    a, b = date.fromordinal(start), date.fromordinal(end)
    if precision == Precision.DAY:
        if start != end:
            return None
        clock = _clock(when.start_time)
        if when.end_time != when.start_time:
            clock += EN_DASH + _clock(when.end_time).lstrip()
        return _side(start, "day") + clock
    if not (_first_of_month(a) and _last_of_month(b)) and precision != Precision.PART_OF_MONTH:
        return None
    months = (b.year - a.year) * 12 + b.month - a.month + 1
    year = f"{b.year:04d}" if precision <= Precision.HALF else _year(b.year)
    if precision == Precision.PART_OF_MONTH:
        parts = {(1, 10): "early ", (11, 20): "mid-", (21, _month_end(b).day): "late "}
        part = parts.get((a.day, b.day))
        if part is None or (a.year, a.month) != (b.year, b.month):
            return None
        return f"{part}{_MONTHS[a.month - 1]} {year}"
    if precision == Precision.MONTH and months == 1:
        return f"{_MONTHS[a.month - 1]} {year}"
    if precision == Precision.SEASON and months == 3:
        if a.month == 12:
            return f"winter {a.year:04d}/{b.year % 100:02d}"
        seasons = {3: "spring", 6: "summer", 9: "autumn"}
        return f"{seasons[a.month]} {year}" if a.month in seasons else None
    if precision == Precision.QUARTER and months == 3 and a.month % 3 == 1:
        return f"Q{a.month // 3 + 1} {year}"
    if precision == Precision.PART_OF_YEAR and months == 4 and a.month % 4 == 1:
        return {1: "early ", 5: "mid-", 9: "late "}[a.month] + year
    if precision == Precision.HALF and months == 6 and a.month % 6 == 1:
        return f"H{a.month // 6 + 1} {year}"
    if precision == Precision.YEAR and months == 12 and a.month == 1:
        return year
    if precision == Precision.DECADE and a.month == 1 and b.month == 12 and a.year >= 1000:
        decade, low, high = a.year - a.year % 10, a.year % 10, b.year % 10
        if b.year - a.year > 9 or b.year - b.year % 10 != decade:
            return None
        part = {(0, 9): "", (0, 3): "early ", (4, 6): "mid-", (7, 9): "late "}.get((low, high))
        return None if part is None else f"{part}{decade}s"
    return None


def _month_end(day: date) -> date:
    return day.replace(day=monthrange(day.year, day.month)[1])


def _first_of_month(day: date) -> bool:
    return day.day == 1


def _last_of_month(day: date) -> bool:
    return day == _month_end(day)


# -- a range --------------------------------------------------------------------------------


def _range(start: int, end: int, when: FuzzyDate, unit: str | None = None) -> str:
    """Both ends at the coarsest unit both fall on (or at ``unit``), what they share written
    once, and one date when both show the same."""
    timed = when.start_time is not None or when.end_time is not None
    unit = "day" if timed else unit or _common_unit(start, end)
    first = _side(start, unit, when.start_time)
    last = _side(end, unit, when.end_time)
    if first == last:
        return first
    if start >= 1 and end >= 1 and not timed and unit != "year":
        a, b = date.fromordinal(start), date.fromordinal(end)
        if a.year == b.year:
            if unit == "month":
                return f"{_MONTHS[a.month - 1]}{EN_DASH}{last}"
            if a.month == b.month:
                return f"{a.day}{EN_DASH}{last}"
            return f"{a.day} {_MONTHS[a.month - 1]}{EN_DASH}{last}"
    if start >= 1 and end >= 1 and timed and start == end:
        return f"{first}{EN_DASH}{_clock(when.end_time).lstrip()}"
    return f"{first}{EN_DASH}{last}"


def _common_unit(start: int, end: int) -> str:
    if start < 1 or end < 1:
        # A side before AD 1 is a whole year; the other side shows what it needs.
        other = end if start < 1 else start
        if other < 1:
            return "year"
        return _open_unit(other, last=start < 1)
    a, b = date.fromordinal(start), date.fromordinal(end)
    if a.day == 1 and _last_of_month(b):
        return "year" if a.month == 1 and b.month == 12 else "month"
    return "day"


_BOUND_WORD = re.compile(r"(?P<word>since|from|until|by)\s+(?P<rest>.+)", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*/\s*|\s+to\s+|\s*[\u2013\u2014]\s*|\s+-\s+", re.IGNORECASE)
_YEAR_AT_END = re.compile(r"(?P<head>.+) (?P<year>\d{4})")


def _written(when: FuzzyDate) -> str | None:
    """A range or an open period shown side by side as the curator wrote each side, where
    the words are the date itself: 'from 2023-01' is 'Jan 2023–' (not '2023–', as its first
    day alone would say), 'until mid-March 2020' 'by mid-Mar 2020', 'February 2022/December
    2022' 'Feb–Dec 2022'; None where the words say more, or a side is not a single date."""
    if when.start_time is not None or when.end_time is not None:
        return None
    said = when.written or ("" if _says_more(when) else when.text)
    if not said:
        return None
    first, last = _written_sides(_as_written(" ".join(said.split())))
    start, end = when.start_ordinal(), when.end_ordinal()
    if (first is None) != (start is None) or (last is None) != (end is None):
        return None
    if first is not None and first.start_ordinal() != start:
        return None
    if last is not None and last.end_ordinal() != end:
        return None
    if first is None:
        return None if last is None else "by " + _mark(_side_text(last), when)
    if last is None:
        return _mark(_side_text(first), when) + EN_DASH
    return _mark(_joined(_side_text(first), _side_text(last)), when)


def _joined(one: str, other: str) -> str:
    """Two sides of a range, their year written once where both are days or both one word
    of a kind ('1 Feb–3 Mar 2022', 'Feb–Dec 2022', 'Q1–Q3 2022'), the month too for days of
    one month ('3–10 Mar 2022'); else both in full ('late Feb 2022–Dec 2022'); one date
    when both show the same."""
    if one == other:
        return one
    a, b = _YEAR_AT_END.fullmatch(one), _YEAR_AT_END.fullmatch(other)
    if a is None or b is None or a["year"] != b["year"]:
        return f"{one}{EN_DASH}{other}"
    day, month = a["head"].partition(" ")[::2], b["head"].partition(" ")[::2]
    if day[0].isdigit() and month[0].isdigit() and day[1] == month[1]:
        return f"{day[0]}{EN_DASH}{other}"  # 3–10 Mar 2022
    if (day[0].isdigit() and month[0].isdigit()) or _kind(a["head"]) == _kind(b["head"]) != "":
        return f"{a['head']}{EN_DASH}{other}"  # 1 Feb–3 Mar 2022, Feb–Dec 2022, Q1–Q3 2022
    return f"{one}{EN_DASH}{other}"


_KINDS = {
    **dict.fromkeys(_MONTHS, "month"),
    **dict.fromkeys(("spring", "summer", "autumn"), "season"),
    **dict.fromkeys(("Q1", "Q2", "Q3", "Q4"), "quarter"),
    **dict.fromkeys(("H1", "H2"), "half"),
    **dict.fromkeys(("early", "late"), "part"),
}


def _kind(head: str) -> str:
    """What a one-word side before its year names ('Feb': a month), '' for anything else."""
    return _KINDS.get(head, "")


def _side_text(side: FuzzyDate) -> str:
    """One side of a range in the compact style, without the marks the whole date carries."""
    return compact(
        FuzzyDate(
            side.start,
            side.end,
            side.precision,
            "",
            False,
            None,
            None,
            side.start_year,
            side.end_year,
        )
    )


_SHARED = re.compile(r"(?P<circa>c\. )?(?P<first>[A-Za-z0-9]+)\u2013(?P<last>\S+ (?P<year>\d{4}))")


def _as_written(text: str) -> str:
    """The compact style's own shapes as the date grammar reads them: '2019–' as 'from
    2019', 'Feb–Dec 2022' as 'Feb 2022–Dec 2022'; any other text as it is."""
    if text.endswith(EN_DASH):
        return "from " + text[:-1]
    shared = _SHARED.fullmatch(text.rstrip("?"))
    if shared is not None and _kind(shared["first"]):
        return text.replace(shared["first"], f"{shared['first']} {shared['year']}", 1)
    return text


@lru_cache(maxsize=16384)
def _written_sides(text: str) -> tuple[FuzzyDate | None, FuzzyDate | None]:
    """The two sides of a range or an open period as written (None for an open side); both
    None where ``text`` is not two single dates, or one with since, from, until or by."""
    from briefing.dates import DateError, parse_date

    nothing: tuple[None, None] = (None, None)
    bound = _BOUND_WORD.fullmatch(text)
    pieces: list[str | None]
    if bound is not None and not _SEPARATOR.search(bound["rest"]):
        word = bound["word"].lower()
        pieces = [bound["rest"], None] if word in ("since", "from") else [None, bound["rest"]]
    else:
        if bound is not None and bound["word"].lower() == "from":
            text = bound["rest"]
        pieces = list(_SEPARATOR.split(text))
        if len(pieces) != 2:
            return nothing
    sides: list[FuzzyDate | None] = []
    for piece in pieces:
        if piece is None or piece == "..":
            sides.append(None)
            continue
        for numeric in (None, "month-first", "day-first"):
            try:
                side = parse_date(piece, numeric)
                break
            except DateError:
                continue
        else:
            return nothing
        if side.precision >= Precision.RANGE or side.start is None or side.end is None:
            return nothing
        sides.append(side)
    return sides[0], sides[1]


# -- the curator's wording --------------------------------------------------------------------

# Words a date alone is written with: a wording made only of them (and numbers) may be the
# date itself, which the grammar then decides; any other word says more than the date.
_DATE_WORDS_WRITTEN = """january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
    thursday friday saturday sunday mon tue tues wed weds thu thur thurs fri sat sun circa about
    around approximately c ca approx early mid late beginning start middle end the of since from
    until by before after to spring summer autumn fall winter q h first second st nd rd th half
    bc bce ad ce b e a d s t z utc gmt am pm p m at"""
_DATE_WORDS = frozenset(_DATE_WORDS_WRITTEN.split())
_WORD = re.compile(r"[^\W\d_]+")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def wording(when: FuzzyDate | None) -> str:
    """The curator's wording of ``when`` when it says more than :func:`compact` does, else "".

    The rule: the wording is shown unless it reads by itself (with :mod:`briefing.dates`,
    numeric dates in either order) as a date with the same bounds and times; so "a day
    later" and "in the wake of the January 2022 uprising" are shown, "January 2022" under
    "Jan 2022" and "2022-11-29" under "29 Nov 2022" are not. An anchored date's default
    words ("1 day after an-event") name a fact's id, not the reader's words: not shown.
    """
    if when is None:
        return ""
    return _wording_of(when, when.written)


def _wording(when: FuzzyDate, written: str) -> str:
    if " ".join(when.text.split()).lower() == compact(when).lower():
        return ""
    return when.text if _says_more(when) else ""


# Worked out once per date; ``written`` is in the key because a date's equality leaves it
# out (it is display only) and the text can come from it.
_compact_of = per_date(_compact)
_wording_of = per_date(_wording)


def _says_more(when: FuzzyDate) -> bool:
    """Whether the curator's words say more than the date: see :func:`wording`."""
    text = " ".join(when.text.split())
    if not text or (when.anchor is not None and text == anchor_text(when.anchor)):
        return False
    if _ISO_DAY.fullmatch(text) and when.start == when.end and when.start is not None:
        return text != when.start.isoformat()
    if any(w.lower() not in _DATE_WORDS for w in _WORD.findall(text)):
        return True
    return _bounds(when) not in _readings(text)


def _bounds(when: FuzzyDate) -> tuple[int | None, int | None, time | None, time | None]:
    return (when.start_ordinal(), when.end_ordinal(), when.start_time, when.end_time)


@lru_cache(maxsize=16384)
def _readings(text: str) -> tuple[tuple[int | None, int | None, time | None, time | None], ...]:
    """The bounds ``text`` reads as, in each order of numeric dates it may be written in."""
    from briefing.dates import DateError, has_numeric_date, parse_date

    found = []
    orders = (None, "month-first", "day-first") if has_numeric_date(text) else (None,)
    for numeric in orders:
        try:
            found.append(_bounds(parse_date(_as_written(text), numeric)))
        except DateError:
            continue
    return tuple(found)
