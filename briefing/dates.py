"""Read the dates curators write into fuzzy dates with inclusive bounds.

A fact base records what sources say, and sources are rarely precise: "late February
2022", "Q3 2021", "since 2014", "the early 1990s", "44 BC". Every value becomes a
:class:`~briefing.model.FuzzyDate` with inclusive ``start``/``end`` bounds (``None`` for an
open side), a precision, the text exactly as the curator wrote it, and the time of day
when the source gives one.

Nothing is ever filled in from context or from today's date: "November 2022" is the whole
of November 2022, and a value that cannot be read unambiguously is a :class:`DateError`.
Numeric dates such as 2/24/2022 are read only when the fact base says which comes first,
the month or the day (``numeric``), even when the day is over 12: a base that takes
24.02.2022 but stops at 03.02.2022 would make curators guess.

Seasons are northern-hemisphere meteorological seasons. "winter 2022" is the winter whose
January lies in 2022, i.e. 1 December 2021 to 28 February 2022; "winter 2022/23" is
1 December 2022 to 28 February 2023. Years before AD 1 (44 BC) are whole years; see
:class:`~briefing.model.FuzzyDate` for how they are held.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import NamedTuple

from briefing.anchors import OFFSET as _OFFSET
from briefing.anchors import anchor_text
from briefing.errors import DateError
from briefing.model import MONTH_NAMES, Anchor, FuzzyDate, Precision, year_of, year_start

__all__ = [
    "ACCEPTED_FORMS",
    "ANCHORED_ONLY",
    "NUMERIC_ORDERS",
    "DateError",
    "anchor_text",
    "has_numeric_date",
    "parse_date",
    "parse_period",
]

# The fallback hint; an unreadable value gets the example nearest to what was written.
ACCEPTED_FORMS = "write it as, e.g., 2022-11-29, November 2022, late 2022, 2019/2022 or circa 2019"
NUMERIC_ORDERS = ("month-first", "day-first")
MAPPING_KEYS = ("on", "from", "until", "after", "before", "offset", "text")

# The first day a curator can write: 1 January 9999 BC (astronomical year -9998).
_FIRST_DAY = year_start(-9998)
_LAST_DAY = date.max.toordinal()


class _Single(NamedTuple):
    """The bounds of one single date (not a range), which are always both known, as
    proleptic Gregorian ordinals (below 1 before AD 1)."""

    start: int
    end: int
    precision: Precision
    approximate: bool = False
    start_time: time | None = None
    end_time: time | None = None
    uncertain: bool = False


class _Span(NamedTuple):
    start: int | None
    end: int | None
    precision: Precision
    approximate: bool = False
    start_time: time | None = None
    end_time: time | None = None
    uncertain: bool = False


_MONTHS: dict[str, int] = {name.lower(): number for number, name in enumerate(MONTH_NAMES, 1)}
_MONTHS.update({name.lower()[:3]: number for number, name in enumerate(MONTH_NAMES, 1)})
_MONTHS["sept"] = 9
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS: dict[str, int] = {name.lower(): number for number, name in enumerate(_WEEKDAY_NAMES)}
_WEEKDAYS.update({name.lower()[:3]: number for number, name in enumerate(_WEEKDAY_NAMES)})
_WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

# (first month, last month) of each part of a year, and first/last day of each part of a
# month; None stands for the month's last day, which varies.
_PARTS_OF_YEAR = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_PARTS_OF_MONTH: dict[str, tuple[int, int | None]] = {
    "early": (1, 10),
    "mid": (11, 20),
    "late": (21, None),
}
# Years of a decade: the early 1990s are 1990-1993.
_PARTS_OF_DECADE = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
# "end of February" claims no more than "late February" does: the same bounds.
_EDGES = {"beginning": "early", "start": "early", "middle": "mid", "end": "late"}
# Winter starts in the December before the named year; handled separately.
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}

# re.ASCII: \d must not accept other scripts' digits, which int() would silently read.
_FLAGS = re.ASCII | re.IGNORECASE
_YEAR = r"(?P<year>\d+)"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(?P<month>[a-z]+)"
# After a month name: "Nov. 2022", "Nov 2022", "November, 2022", "Nov.2022".
_AFTER_MONTH = r"(?:\.?\s*,\s*|\.\s*|\s+)"
_PART = r"(?P<part>early|mid|late)(?:-|\s+)"
_TO = r"(?:\s*[-\u2013\u2014]\s*|\s+to\s+)"

_CIRCA = re.compile(
    r"(?:(?:circa|about|around|approximately)\s+|(?:c|ca|approx)\.\s*|~\s*)(?P<rest>.+)",
    _FLAGS,
)
_BOUND = re.compile(r"(?P<word>after|before|since|from|until|by)\s+(?P<rest>.+)", _FLAGS)
# Plain hyphens only separate with spaces around them, as "2022-11" is itself a date.
_RANGE_SEPARATOR = re.compile(r"\s*/\s*|\s+to\s+|\s*[\u2013\u2014]\s*|\s+-\s+", _FLAGS)
# Slashes and dashes inside one date, which do not separate a range.
_UNSPLIT = re.compile(
    r"\d{1,2}/\d{1,2}/\d+|winter\s+(?P<year>\d{4})[/\u2013-](?P<next>\d{4}|\d{2})(?![\d-])", _FLAGS
)
_OPEN_SIDE = ".."

# A time of day: 05:45, 05:45:30, 5:45 pm, 5 a.m., with an optional UTC offset.
_TIME = (
    r"(?P<time>(?P<hour>\d{1,2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
    r"(?:\s*(?P<half>[ap])\.?\s?m\.?)?"
    # A bare offset must be + or follow UTC/GMT: "05:45-09:00" is a span of hours, not 05:45
    # at UTC-9 (ISO 8601's 2022-02-24T05:45-09:00 is read by _iso_datetime).
    r"(?:\s*(?P<zone>z|utc|gmt|(?:utc|gmt)\s*[+-]\d{1,2}(?::?\d{2})?|\+\d{1,2}(?::?\d{2})?))?)"
)
_BARE_TIME = re.compile(_TIME, re.IGNORECASE)
_HAS_TIME = re.compile(r"\d:\d\d|\d\s*[ap]\.?\s?m\b|\d-\d\dT", _FLAGS)
_TIME_AFTER = re.compile(rf"(?P<day>.+?)(?:\s*,\s*|\s+at\s+|\s+){_TIME}", _FLAGS)
_TIME_BEFORE = re.compile(rf"{_TIME}(?:\s*,\s*|\s+on\s+|\s+)(?P<day>.+)", _FLAGS)
_ZONE = re.compile(
    r"(?:utc|gmt)?\s*(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?", _FLAGS
)
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T.+", _FLAGS)
_WEEKDAY = re.compile(r"(?P<weekday>[a-z]+)\.?(?:\s*,\s*|\s+)(?P<rest>.+)", _FLAGS)
_NUMERIC = re.compile(r"(?P<first>\d{1,2})(?P<sep>[/.-])(?P<second>\d{1,2})(?P=sep)(?P<year>\d+)")
_NUMERIC_IN = re.compile(r"(?<!\d)" + _NUMERIC.pattern)  # searched for anywhere in a text


def has_numeric_date(text: str) -> bool:
    """Whether ``text`` holds a numeric date (2/24/2022, 24.02.2022), the only form whose
    reading depends on ``numeric``: any other text reads the same in every order."""
    return _NUMERIC_IN.search(text) is not None


def parse_date(value: object, numeric: str | None = None) -> FuzzyDate:
    """Read one date, range, open period or mapping as a curator wrote it in YAML.

    ``value`` may be a string, an int year, a ``date``/``datetime`` (YAML reads unquoted
    2022-11-29 as a date) or a mapping with ``on``, ``from``, ``until`` and ``text``.
    ``numeric`` ("month-first" or "day-first") is how the fact base writes numeric dates
    such as 2/24/2022; without it they are refused. Raises :class:`DateError` for anything
    unreadable.
    """
    if numeric is not None and numeric not in NUMERIC_ORDERS:
        raise ValueError(f"numeric must be month-first, day-first or None, not {numeric!r}")
    if isinstance(value, dict):
        return _parse_mapping(value, numeric)
    return _parse_scalar(value, numeric)


def parse_period(
    start: object | None, until: object | None, numeric: str | None = None
) -> FuzzyDate | None:
    """Combine separate ``from:`` and ``until:`` fields into one period (None if both are).

    Each side is a single date, or a mapping ``{on: DATE, text: WORDS}`` whose words stand
    for that side (say, how a worked-out bound was worked out). The result is a RANGE when
    both are given and OPEN when one is, with text "from A", "until B", or both texts
    joined by an en dash. ``numeric`` is as for :func:`parse_date`.
    """
    if numeric is not None and numeric not in NUMERIC_ORDERS:
        raise ValueError(f"numeric must be month-first, day-first or None, not {numeric!r}")
    return _period(_side_part(start, "from", numeric), _side_part(until, "until", numeric), None)


def _side_part(value: object | None, key: str, numeric: str | None) -> tuple[_Single, str] | None:
    """One side of a ``from:``/``until:`` pair: a single date, or ``{on, text}``."""
    if value is None:
        return None
    if not isinstance(value, dict):
        return _single_part(value, key, numeric)
    day = _parse_mapping(value, numeric)
    if day.anchor is not None:
        raise DateError(f"{key}: {ANCHORED_ONLY}")
    if day.precision >= Precision.RANGE or day.start is None or day.end is None:
        raise DateError(f"{key}: {day.text} is a period; give a single date with on: here")
    return _as_single(day), day.text


def _parse_scalar(value: object, numeric: str | None) -> FuzzyDate:
    # bool is an int subclass and datetime a date subclass, so they are checked first.
    if isinstance(value, bool):
        raise _wrong_type(value)
    if isinstance(value, datetime):
        day, clock = value.date(), _plain_zone(value.timetz())
        return FuzzyDate(day, day, Precision.DAY, value.isoformat(), False, clock, clock)
    if isinstance(value, date):
        return FuzzyDate(value, value, Precision.DAY, value.isoformat())
    if isinstance(value, int):
        if not 0 <= value <= 9999:
            # str() of a huge int raises ValueError, so only modest numbers are echoed.
            shown = str(value) if abs(value) < 10**18 else "given"
            raise DateError(f"year {shown} is out of range; years run from 0001 to 9999")
        text = str(value)
        year = _year(text, text)
        return FuzzyDate(date(year, 1, 1), date(year, 12, 31), Precision.YEAR, text)
    if isinstance(value, str):
        return _parse_text(value, numeric)
    raise _wrong_type(value)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse_text(value: str, numeric: str | None) -> FuzzyDate:
    if _ISO_DAY.fullmatch(value):
        # The commonest form, read without the general grammar (which gives the same).
        try:
            day = date.fromisoformat(value)
        except ValueError:
            pass  # 2022-02-30: the general grammar words the problem
        else:
            if day.year:
                return FuzzyDate(day, day, Precision.DAY, value)
    text = value.strip()
    if not text:
        raise DateError(f"a date cannot be empty; {ACCEPTED_FORMS}")
    # Tolerate any run of whitespace (including non-breaking spaces) between words.
    piece = " ".join(text.split())
    approximate = False
    circa = _CIRCA.fullmatch(piece)
    if circa is not None:
        approximate = True
        piece = circa["rest"]
    uncertain = piece.endswith("?")
    if uncertain:  # "2022-02-24?", "March 2022?": EDTF's uncertain
        piece = _doubted(piece)
    return _fuzzy(_body(piece, numeric), text, approximate, uncertain)


def _doubted(piece: str) -> str:
    """A date marked uncertain by a trailing question mark, without the mark."""
    rest = piece[:-1].rstrip()
    if not rest or rest.endswith("?"):
        raise DateError(f"{_short(piece)}: mark an uncertain date with one ? after it, as in 2022?")
    return rest


def _fuzzy(
    span: _Span | _Single,
    text: str,
    approximate: bool = False,
    uncertain: bool = False,
    written: str = "",
) -> FuzzyDate:
    start, start_year = _bound(span.start)
    end, end_year = _bound(span.end)
    return FuzzyDate(
        start,
        end,
        span.precision,
        text,
        approximate or span.approximate,
        span.start_time,
        span.end_time,
        start_year,
        end_year,
        uncertain=uncertain or span.uncertain,
        written=written if written != text else "",
    )


def _bound(ordinal: int | None) -> tuple[date | None, int | None]:
    """A bound as the model holds it: a date, or date.min and the year before AD 1."""
    if ordinal is None:
        return None, None
    if ordinal >= 1:
        return date.fromordinal(ordinal), None
    return date.min, year_of(ordinal)


def _as_single(day: FuzzyDate) -> _Single:
    start, end = day.start_ordinal(), day.end_ordinal()
    assert start is not None and end is not None
    return _Single(
        start, end, day.precision, day.approximate, day.start_time, day.end_time, day.uncertain
    )


def _body(piece: str, numeric: str | None) -> _Span:
    bound = _BOUND.fullmatch(piece)
    if bound is not None:
        word, rest = bound["word"].lower(), bound["rest"]
        if word == "from":
            days = _day_range(rest)
            if days is not None:
                return days
            sides = _split_range(rest)
            if sides is not None:
                return _range(piece, *sides, numeric)
        return _open_bound(piece, word, rest, numeric)
    days = _day_range(piece)
    if days is not None:
        return days
    sides = _split_range(piece)
    if sides is not None:
        return _range(piece, *sides, numeric)
    return _Span(*_side(piece, numeric))


def _split_range(piece: str) -> tuple[str, str] | None:
    separators = list(_RANGE_SEPARATOR.finditer(piece))
    if not separators:
        return None
    inside = [m.span() for m in _UNSPLIT.finditer(piece) if _one_date(m)]
    if inside:
        separators = [
            s for s in separators if not any(a <= s.start() and s.end() <= b for a, b in inside)
        ]
        if not separators:
            return None
    if len(separators) > 1:
        raise _unreadable(piece)
    (separator,) = separators
    return piece[: separator.start()], piece[separator.end() :]


def _one_date(match: re.Match[str]) -> bool:
    """A numeric date, or a winter across two years in a row (winter 2022/23); winter
    2021/2023 is a range from one winter to a year."""
    if match["year"] is None:
        return True
    following: str = match["next"]
    expected: int = (int(match["year"]) + 1) % 10 ** len(following)
    return int(following) == expected


_SUFFIX = r"(?:st|nd|rd|th)?"
# An optional weekday before either side: "Thursday, 24 to Monday, 28 February 2022".
_W1, _W2 = (rf"(?:(?P<w{n}>[a-z]+)\.?(?:\s*,\s*|\s+))?" for n in (1, 2))
# Days of one month or two, with one year: "24 to 28 February 2022", "7-8 October 2023",
# "28 February to 3 March 2022", "February 24-28, 2022", "Feb. 28 to March 3, 2022".
_DAY_RANGES = tuple(
    re.compile(pattern, _FLAGS)
    for pattern in (
        rf"{_W1}(?P<d1>\d{{1,2}}){_SUFFIX}{_TO}{_W2}(?P<d2>\d{{1,2}}){_SUFFIX}\s+(?P<m2>[a-z]+)"
        rf"{_AFTER_MONTH}{_YEAR}",
        rf"{_W1}(?P<d1>\d{{1,2}}){_SUFFIX}\s+(?P<m1>[a-z]+)\.?{_TO}{_W2}(?P<d2>\d{{1,2}}){_SUFFIX}"
        rf"\s+(?P<m2>[a-z]+){_AFTER_MONTH}{_YEAR}",
        rf"{_W1}(?P<m1>[a-z]+)(?:\.\s*|\s+)(?P<d1>\d{{1,2}}){_SUFFIX}{_TO}{_W2}(?P<d2>\d{{1,2}})"
        rf"{_SUFFIX}(?:\s*,\s*|\s+){_YEAR}",
        rf"{_W1}(?P<m1>[a-z]+)(?:\.\s*|\s+)(?P<d1>\d{{1,2}}){_SUFFIX}{_TO}{_W2}(?P<m2>[a-z]+)"
        rf"(?:\.\s*|\s+)(?P<d2>\d{{1,2}}){_SUFFIX}(?:\s*,\s*|\s+){_YEAR}",
    )
)


# Cheap to search, and false for most values: a day's number, and a dash or "to".
_SHORT_NUMBER = re.compile(r"(?<!\d)\d{1,2}(?!\d)")
_SPAN_WORD = re.compile(r"[-\u2013\u2014]|\sto\s", _FLAGS)


def _day_range(piece: str) -> _Span | None:
    """Days of one month or two written with the year once; None for any other form."""
    if not (_SPAN_WORD.search(piece) and _SHORT_NUMBER.search(piece)):
        return None
    for pattern in _DAY_RANGES:
        match = pattern.fullmatch(piece)
        if match is None:
            continue
        found = match.groupdict()
        first = _MONTHS.get((found.get("m1") or found.get("m2") or "").lower())
        last = _MONTHS.get((found.get("m2") or found.get("m1") or "").lower())
        weekdays = [found[w] for w in ("w1", "w2")]
        if first is None or last is None or any(_weekday(w) is None for w in weekdays if w):
            continue
        year = _year(match["year"], piece)
        start = _day(year, first, int(match["d1"]), piece)
        end = _day(year, last, int(match["d2"]), piece)
        for written, day in zip(weekdays, (start, end), strict=True):
            if written:
                _check_weekday(day, written, piece)
        if end < start:
            raise DateError(
                f"{_short(piece)}: the range ends before it starts "
                f"({end.isoformat()} is before {start.isoformat()})"
            )
        return _Span(start.toordinal(), end.toordinal(), Precision.RANGE)
    return None


def _range(piece: str, first: str, last: str, numeric: str | None) -> _Span:
    last = _on_the_same_day(first, last)
    start = None if first == _OPEN_SIDE else _side(first, numeric)
    end = None if last == _OPEN_SIDE else _side(last, numeric)
    span = _range_of(piece, start, end)
    # A side in doubt ("2019?/2022") leaves the whole range in doubt.
    return span._replace(uncertain=any(s is not None and s.uncertain for s in (start, end)))


def _on_the_same_day(first: str, last: str) -> str:
    """The end of a span of hours given as a time alone ("24 February 2022, 05:45 to 09:00",
    "2022-02-24T05:45/09:00") written out with the day of its start; else ``last``."""
    clock = _BARE_TIME.fullmatch(last)
    if clock is None or (clock["minute"] is None and clock["half"] is None):
        return last
    if _ISO_DATETIME.fullmatch(first):
        return f"{first[:10]}T{last}" if last[:1].isdigit() and ":" in last else last
    day = _TIME_AFTER.fullmatch(first)
    return last if day is None else f"{day['day']}, {last}"


def _range_of(piece: str, start: _Single | None, end: _Single | None) -> _Span:
    # A range with an open side says no more than "since A" or "until B" does.
    if start is None:
        if end is None:
            raise DateError(f"{_short(piece)}: a range needs at least one end, as in ../2022")
        return _Span(None, end.end, Precision.OPEN, end.approximate, None, end.end_time)
    if end is None:
        return _Span(start.start, None, Precision.OPEN, start.approximate, start.start_time)
    if (end.end, _clock_key(end.end_time, 1)) < (start.start, _clock_key(start.start_time, 0)):
        last, first = _day_text(end.end), _day_text(start.start)
        if end.end == start.start and end.end_time and start.start_time:  # the same day
            last, first = f"{end.end_time:%H:%M}", f"{start.start_time:%H:%M}"
        raise DateError(
            f"{_short(piece)}: the range ends before it starts ({last} is before {first})"
        )
    return _Span(
        start.start,
        end.end,
        Precision.RANGE,
        start.approximate or end.approximate,
        start.start_time,
        end.end_time,
    )


def _clock_key(clock: time | None, default: int) -> int:
    """Seconds into the day, for comparing the sides of a range; a day without a time
    counts as the whole day."""
    if clock is None:
        return default * 86_400
    return clock.hour * 3600 + clock.minute * 60 + clock.second


def _open_bound(piece: str, word: str, rest: str, numeric: str | None) -> _Span:
    span = _side(rest, numeric)
    return _open_of(piece, word, span)._replace(uncertain=span.uncertain)


def _open_of(piece: str, word: str, span: _Single) -> _Span:
    if word == "after":
        if span.end_time is not None:
            return _Span(span.end, None, Precision.OPEN, span.approximate, span.end_time)
        if span.end >= _LAST_DAY:
            raise DateError(f"{_short(piece)}: there is no date after {_day_text(span.end)}")
        return _Span(span.end + 1, None, Precision.OPEN, span.approximate)
    if word == "before":
        if span.start_time is not None:
            return _Span(None, span.start, Precision.OPEN, span.approximate, None, span.start_time)
        if span.start <= _FIRST_DAY:
            raise DateError(f"{_short(piece)}: there is no date before {_day_text(span.start)}")
        return _Span(None, span.start - 1, Precision.OPEN, span.approximate)
    if word in ("since", "from"):
        return _Span(span.start, None, Precision.OPEN, span.approximate, span.start_time)
    return _Span(None, span.end, Precision.OPEN, span.approximate, None, span.end_time)


def _side(piece: str, numeric: str | None) -> _Single:
    """One single date, optionally marked as approximate ("c. 2019" in "c. 2019/2022") or
    uncertain ("2019?" in "2019?/2022")."""
    if piece.endswith("?"):
        return _side(_doubted(piece), numeric)._replace(uncertain=True)
    circa = _CIRCA.fullmatch(piece)
    if circa is not None:
        return _timed(circa["rest"], numeric)._replace(approximate=True)
    return _timed(piece, numeric)


def _timed(piece: str, numeric: str | None) -> _Single:
    """A single date, with a time of day when one is written."""
    if not _HAS_TIME.search(piece):
        return _single(piece, numeric)
    if _ISO_DATETIME.fullmatch(piece):
        return _iso_datetime(piece)
    for pattern in (_TIME_AFTER, _TIME_BEFORE):
        match = pattern.fullmatch(piece)
        if match is None:
            continue
        clock = _clock(match, piece)
        if clock is None or not any(c.isdigit() for c in match["day"]):
            continue  # a number, not a time; or "05:45 UTC" with no day at all
        day = _single(match["day"], numeric)
        if day.precision != Precision.DAY:
            raise DateError(
                f"{_short(piece)}: a time of day needs a day, as in 24 February 2022, 05:45"
            )
        return day._replace(start_time=clock, end_time=clock)
    raise _unreadable(piece)


def _iso_datetime(piece: str) -> _Single:
    """2022-02-24T05:45, with seconds, fractions and an offset as ISO 8601 allows."""
    # dateutil reads every ISO 8601 time (05, 0545, 05:45:30.5, Z, +03, +0300) strictly.
    from dateutil.parser import isoparse

    day = _single(piece[:10], None)  # words an impossible day as the other forms do
    try:
        moment = isoparse(piece)
    except (ValueError, OverflowError):
        raise _unreadable(piece) from None
    if moment.date().toordinal() != day.start:
        raise DateError(f"{_short(piece)}: write 24:00 as 00:00 of the next day")
    clock = _plain_zone(moment.timetz())
    return day._replace(start_time=clock, end_time=clock)


def _plain_zone(clock: time) -> time:
    """A time whose offset, if any, is a datetime.timezone: plain data for the cache."""
    offset = clock.utcoffset()
    if offset is None:
        return clock.replace(tzinfo=None)
    return clock.replace(tzinfo=UTC if not offset else timezone(offset))


def _clock(match: re.Match[str], piece: str) -> time | None:
    """The time a match of _TIME found; None when it is only a number, not a time."""
    minute, half = match["minute"], match["half"]
    if minute is None and half is None:
        return None
    hour, minutes, seconds = int(match["hour"]), int(minute or 0), int(match["second"] or 0)
    if half is not None:
        if not 1 <= hour <= 12:
            raise DateError(f"{_short(piece)}: there is no {match['time']}; write 0:30 or 12:30")
        hour = hour % 12 + (12 if half.lower() == "p" else 0)
    if hour > 23 or minutes > 59 or seconds > 59:
        raise DateError(f"{_short(piece)}: there is no time {match['time']}")
    return time(hour, minutes, seconds, tzinfo=_zone(match["zone"], piece))


def _zone(written: str | None, piece: str) -> timezone | None:
    if written is None:
        return None
    offset = _ZONE.fullmatch(written)
    if offset is None:
        return UTC  # Z, UTC or GMT
    hours, minutes = int(offset["hours"]), int(offset["minutes"] or 0)
    if hours > 14 or minutes > 59:
        raise DateError(f"{_short(piece)}: there is no UTC offset {written}")
    delta = timedelta(hours=hours, minutes=minutes)
    if not delta:
        return UTC
    return timezone(-delta if offset["sign"] == "-" else delta)


def _single(piece: str, numeric: str | None) -> _Single:
    if piece[:3].lower() in _WEEKDAYS:
        weekday = _WEEKDAY.fullmatch(piece)
        if weekday is not None and weekday["weekday"].lower() in _WEEKDAYS:
            return _on_weekday(weekday, piece, numeric)
    written = _NUMERIC.fullmatch(piece)
    # 22-11-29 is a two-digit year first, worded by the ISO form below.
    if written is not None and not (written["sep"] == "-" and len(written["year"]) < 4):
        return _numeric(written, piece, numeric)
    for pattern, build in _FORMS:
        match = pattern.fullmatch(piece)
        if match is not None:
            span = build(match, piece)
            if span is not None:
                return span
    raise _unreadable(piece)


def _on_weekday(match: re.Match[str], piece: str, numeric: str | None) -> _Single:
    """ "Sunday, Oct. 8, 2023": the day, checked against the weekday written."""
    day = _single(match["rest"], numeric)
    if day.precision != Precision.DAY:
        raise DateError(f"{_short(piece)}: a weekday needs a day, as in Sunday, 8 October 2023")
    _check_weekday(date.fromordinal(day.start), match["weekday"], piece)
    return day


def _weekday(word: str) -> int | None:
    """Monday 0 to Sunday 6 for a weekday's name or abbreviation, else None."""
    return _WEEKDAYS.get(word.lower())


def _check_weekday(actual: date, word: str, piece: str) -> None:
    written = _weekday(word)
    assert written is not None  # matched as a weekday
    if actual.weekday() != written:
        raise DateError(
            f"{_short(piece)}: {actual.isoformat()} is a {_WEEKDAY_NAMES[actual.weekday()]}, "
            f"not a {_WEEKDAY_NAMES[written]}"
        )


def _numeric(match: re.Match[str], piece: str, numeric: str | None) -> _Single:
    """2/24/2022 or 24.02.2022, in the order the fact base declares."""
    year = _year(match["year"], piece)
    if numeric is None:
        raise DateError(
            f"{_short(piece)}: numeric dates need the fact base's order: set "
            "`dates: {numeric: month-first}` (2/24/2022) or `day-first` (24.02.2022) "
            "in settings.yaml"
        )
    first, second = int(match["first"]), int(match["second"])
    month, day = (first, second) if numeric == "month-first" else (second, first)
    if not 1 <= month <= 12:
        raise DateError(
            f"{_short(piece)}: there is no month {month}; settings.yaml says numeric dates "
            f"are {numeric} (`dates: {{numeric: {numeric}}}`)"
        )
    return _days(_day(year, month, day, piece))


# Builders return None when a word in a month slot is not a month, so that the next form
# is tried and an unreadable value ends with the general message.
_Builder = Callable[[re.Match[str], str], _Single | None]


def _days(first: date, last: date | None = None, precision: Precision = Precision.DAY) -> _Single:
    return _Single(first.toordinal(), (last or first).toordinal(), precision)


def _iso_day(match: re.Match[str], piece: str) -> _Single:
    return _days(_day(_year(match["year"], piece), int(match["mnum"]), int(match["day"]), piece))


def _iso_month(match: re.Match[str], piece: str) -> _Single:
    return _month_span(_year(match["year"], piece), int(match["mnum"]), piece)


def _year_only(match: re.Match[str], piece: str) -> _Single:
    year = _year(match["year"], piece)
    return _days(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)


def _era_year(match: re.Match[str], piece: str) -> _Single:
    """44 BC, 500 BCE, AD 14, 14 CE: the era says which years, so any digits will do."""
    digits = match["year"].lstrip("0")
    if not digits:
        raise DateError(f"{_short(piece)}: there is no year 0; 1 BC is followed by AD 1")
    if len(digits) > 4:
        raise DateError(f"{_short(piece)}: years run from 9999 BC to AD 9999")
    number = int(digits)
    if match["era"].lower().startswith("b"):
        year = 1 - number
        return _Single(year_start(year), year_start(year + 1) - 1, Precision.YEAR)
    return _days(date(number, 1, 1), date(number, 12, 31), Precision.YEAR)


def _decade(match: re.Match[str], piece: str) -> _Single:
    first = _year(match["decade"], piece)
    low, high = _PARTS_OF_DECADE.get((match["part"] or "").lower(), (0, 9))
    return _days(date(first + low, 1, 1), date(first + high, 12, 31), Precision.DECADE)


def _half(match: re.Match[str], piece: str) -> _Single:
    year = _year(match["year"], piece)
    half = match["half"].lower()
    if half in ("2", "second", "2nd"):
        return _days(date(year, 7, 1), date(year, 12, 31), Precision.HALF)
    if half in ("1", "first", "1st"):
        return _days(date(year, 1, 1), date(year, 6, 30), Precision.HALF)
    raise DateError(f"{_short(piece)}: there is no half H{half}; halves are H1 and H2")


def _edge(match: re.Match[str], piece: str) -> _Single:
    """'end of February 2022', 'beginning of 2022': as late/early February, early 2022."""
    part = _EDGES[match["edge"].lower()]
    try:
        within = _single(match["rest"], None)
    except DateError as exc:
        if str(exc).startswith("cannot read"):
            raise _unreadable(piece) from None  # "end of the week": word the whole
        raise
    first = date.fromordinal(within.start) if within.start >= 1 else None
    if within.precision == Precision.MONTH and first is not None:
        low, high = _PARTS_OF_MONTH[part]
        last = high or calendar.monthrange(first.year, first.month)[1]
        return _days(first.replace(day=low), first.replace(day=last), Precision.PART_OF_MONTH)
    if within.precision == Precision.YEAR and first is not None:
        low, high = _PARTS_OF_YEAR[part]
        return _days(date(first.year, low, 1), _last_day(first.year, high), Precision.PART_OF_YEAR)
    raise DateError(
        f"{_short(piece)}: {match['edge'].lower()} of goes with a month or a year, "
        "as in end of February 2022"
    )


def _named_day(match: re.Match[str], piece: str) -> _Single | None:
    month = _MONTHS.get(match["month"].lower())
    if month is None:
        return None
    return _days(_day(_year(match["year"], piece), month, int(match["day"]), piece))


def _named_month(match: re.Match[str], piece: str) -> _Single | None:
    month = _MONTHS.get(match["month"].lower())
    if month is None:
        return None
    return _month_span(_year(match["year"], piece), month, piece)


def _part_of_month(match: re.Match[str], piece: str) -> _Single | None:
    month = _MONTHS.get(match["month"].lower())
    if month is None:
        return None
    year = _year(match["year"], piece)
    first, last = _PARTS_OF_MONTH[match["part"].lower()]
    if last is None:
        last = calendar.monthrange(year, month)[1]
    return _days(date(year, month, first), date(year, month, last), Precision.PART_OF_MONTH)


def _part_of_year(match: re.Match[str], piece: str) -> _Single:
    year = _year(match["year"], piece)
    first, last = _PARTS_OF_YEAR[match["part"].lower()]
    return _days(date(year, first, 1), _last_day(year, last), Precision.PART_OF_YEAR)


def _season(match: re.Match[str], piece: str) -> _Single:
    year = _year(match["year"], piece)
    season = match["season"].lower()
    if season == "winter":
        if year == 1:
            raise DateError(f"{_short(piece)}: winter 0001 would start in December of year 0")
        return _days(date(year - 1, 12, 1), _last_day(year, 2), Precision.SEASON)
    first, last = _SEASONS[season]
    return _days(date(year, first, 1), _last_day(year, last), Precision.SEASON)


def _split_winter(match: re.Match[str], piece: str) -> _Single:
    """winter 2022/23: the winter from December 2022 to February 2023."""
    year = _year(match["year"], piece)
    following = match["next"]
    if year == 9999 or int(following) != (year + 1) % 10 ** len(following):
        raise DateError(f"{_short(piece)}: a winter spans two years in a row, as winter 2022/23")
    return _days(date(year, 12, 1), _last_day(year + 1, 2), Precision.SEASON)


def _quarter(match: re.Match[str], piece: str) -> _Single:
    year = _year(match["year"], piece)
    quarter = int(match["quarter"])
    if not 1 <= quarter <= 4:
        raise DateError(
            f"{_short(piece)}: there is no quarter Q{quarter}; quarters run from Q1 to Q4"
        )
    first = 3 * quarter - 2
    return _days(date(year, first, 1), _last_day(year, first + 2), Precision.QUARTER)


_ERA = r"(?P<era>bce|bc|b\.c\.(?:e\.)?|ce|c\.e\.|ad|a\.d\.)"
# Keyword forms come before month-name forms, which would otherwise try "spring" or
# "early" as a month name (and give up on it, at a cost).
_FORMS: tuple[tuple[re.Pattern[str], _Builder], ...] = (
    (re.compile(rf"{_YEAR}-(?P<mnum>\d{{1,2}})-(?P<day>\d{{1,2}})", _FLAGS), _iso_day),
    (re.compile(rf"{_YEAR}-(?P<mnum>\d{{1,2}})", _FLAGS), _iso_month),
    (re.compile(_YEAR, _FLAGS), _year_only),
    (re.compile(rf"q(?P<quarter>\d)\s+{_YEAR}", _FLAGS), _quarter),
    (re.compile(rf"{_YEAR}[-\s]q(?P<quarter>\d)", _FLAGS), _quarter),
    (
        re.compile(rf"(?P<season>spring|summer|autumn|fall|winter)\s+{_YEAR}", _FLAGS),
        _season,
    ),
    (re.compile(rf"{_PART}{_YEAR}", _FLAGS), _part_of_year),
    (re.compile(rf"{_PART}{_MONTH}{_AFTER_MONTH}{_YEAR}", _FLAGS), _part_of_month),
    (re.compile(rf"{_DAY}\s+{_MONTH}{_AFTER_MONTH}{_YEAR}", _FLAGS), _named_day),
    (
        re.compile(rf"{_MONTH}(?:\.\s*|\s+){_DAY}(?:\s*,\s*|\s+){_YEAR}", _FLAGS),
        _named_day,
    ),
    (re.compile(rf"{_MONTH}{_AFTER_MONTH}{_YEAR}", _FLAGS), _named_month),
    # Rarer forms last, so that the common ones are found after fewer tries.
    (re.compile(rf"{_YEAR}\s*{_ERA}", _FLAGS), _era_year),
    (re.compile(rf"(?P<era>ad|a\.d\.)\s*{_YEAR}", _FLAGS), _era_year),
    (re.compile(rf"h(?P<half>\d)\s+{_YEAR}", _FLAGS), _half),
    (re.compile(rf"{_YEAR}[-\s]h(?P<half>\d)", _FLAGS), _half),
    (
        re.compile(
            rf"(?:the\s+)?(?P<half>first|second|1st|2nd)\s+half\s+(?:of\s+)?{_YEAR}", _FLAGS
        ),
        _half,
    ),
    (
        re.compile(r"(?:the\s+)?(?:(?P<part>early|mid|late)(?:-|\s+))?(?P<decade>\d+0)'?s", _FLAGS),
        _decade,
    ),
    (re.compile(rf"winter\s+{_YEAR}[/\u2013-](?P<next>\d+)", _FLAGS), _split_winter),
    (
        re.compile(r"(?:the\s+)?(?P<edge>beginning|start|middle|end)\s+of\s+(?P<rest>.+)", _FLAGS),
        _edge,
    ),
)


def _year(digits: str, piece: str) -> int:
    """Return the year written as ``digits``: exactly four digits, 0001 to 9999."""
    significant = digits.lstrip("0")
    if not significant:
        raise DateError(f"{_short(piece)}: year 0 does not exist; years run from 0001 to 9999")
    # Checked before int(), which refuses strings of thousands of digits with ValueError.
    if len(significant) > 4:
        raise DateError(
            f"{_short(piece)}: year {_short(digits)} is out of range; years run from 0001 to 9999"
        )
    year = int(significant)
    if len(digits) <= 2:
        raise DateError(f"{_short(piece)}: the year {digits} is ambiguous; write all four digits")
    if len(digits) != 4:
        raise DateError(
            f"{_short(piece)}: write the year {digits} with exactly four digits ({year:04d}), "
            f"or with its era ({year} BC, AD {year})"
        )
    return year


def _day(year: int, month: int, day: int, piece: str) -> date:
    if not 1 <= month <= 12:
        raise DateError(f"{_short(piece)}: there is no month {month}; months run from 1 to 12")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError(f"{_short(piece)}: {MONTH_NAMES[month - 1]} {year:04d} has no day {day}")
    return date(year, month, day)


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_span(year: int, month: int, piece: str) -> _Single:
    return _days(_day(year, month, 1, piece), _last_day(year, month), Precision.MONTH)


def _day_text(ordinal: int) -> str:
    """A day for a message: ISO from AD 1 on, the year before it (bounds are whole years)."""
    if ordinal >= 1:
        return date.fromordinal(ordinal).isoformat()
    return f"{1 - year_of(ordinal)} BC"


def _parse_mapping(mapping: dict[object, object], numeric: str | None) -> FuzzyDate:
    fields: dict[str, object] = {}
    unknown: list[str] = []
    for key, item in mapping.items():
        # YAML 1.1 loaders (PyYAML) read a bare `on:` key as the boolean true.
        name = "on" if key is True else key
        if isinstance(name, str) and name in MAPPING_KEYS:
            if name in fields:
                raise DateError("a date mapping gives on twice (on: and a key read as true)")
            fields[name] = item
        else:
            unknown.append(str(key))
    if unknown:
        raise DateError(
            f"unknown key{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} in a date "
            f"mapping; allowed keys are {', '.join(MAPPING_KEYS)}"
        )
    text = fields.get("text")
    if text is not None and (not isinstance(text, str) or not text.strip()):
        raise DateError("the text of a date mapping must be a non-empty string")
    override = text.strip() if isinstance(text, str) else None
    if "after" in fields or "before" in fields or "offset" in fields:
        return _anchored(fields, override)
    on, start, until = fields.get("on"), fields.get("from"), fields.get("until")
    if on is not None:
        if start is not None or until is not None:
            raise DateError("a date mapping takes either on or from/until, not both")
        day, written = _single_part(on, "on", numeric)
        return _fuzzy(day, override or written, written=written if override else "")
    first = None if start is None else _single_part(start, "from", numeric)
    last = None if until is None else _single_part(until, "until", numeric)
    period = _period(first, last, override)
    if period is None:
        raise DateError("a date mapping needs on, or from and/or until")
    return period


ANCHORED_ONLY = (
    "a date anchored on another fact (after:/before:) can only be the `date` of an event "
    "or a position"
)


def _anchored(fields: dict[str, object], text: str | None) -> FuzzyDate:
    """``{after: FACT, offset: 1 day}``: open until the fact base is combined (:func:`shift`)."""
    if any(key in fields for key in ("on", "from", "until")):
        raise DateError("a date mapping takes either after/before or on/from/until, not both")
    sides = [key for key in ("after", "before") if key in fields]
    if not sides:
        raise DateError(
            "offset: goes with after: or before:, e.g. {after: an-event, offset: 1 day}"
        )
    if len(sides) > 1:
        raise DateError("a date mapping takes after: or before:, not both")
    side = sides[0]
    fact = fields[side]
    if isinstance(fact, int | date) and not isinstance(fact, bool):
        raise DateError(
            f"{side}: takes the id of a fact; for a date {side} {fact} write `{side} {fact}`"
        )
    if not isinstance(fact, str) or not fact.strip() or len(fact.split()) != 1:
        raise DateError(f"{side}: give the id of the fact the date is anchored on")
    offset = fields.get("offset")
    written = ""
    if offset is not None:
        if not isinstance(offset, str) or _OFFSET.fullmatch(offset.strip()) is None:
            raise DateError(
                f"cannot read offset {_shown(str(offset))}; write it as a whole number of "
                "days, weeks, months or years, e.g. 1 day, 2 weeks, 3 months, 1 year"
            )
        written = " ".join(offset.split())
    anchor = Anchor(side, fact.strip(), written)
    return FuzzyDate(None, None, Precision.OPEN, text or anchor_text(anchor), anchor=anchor)


def _period(
    first: tuple[_Single, str] | None, last: tuple[_Single, str] | None, text: str | None
) -> FuzzyDate | None:
    if first is None:
        if last is None:
            return None
        (day, written) = last
        span = _Span(None, day.end, Precision.OPEN, day.approximate, None, day.end_time)
        said = f"until {written}"
        return _fuzzy(span, text or said, uncertain=day.uncertain, written=said if text else "")
    (first_day, first_text) = first
    if last is None:
        span = _Span(
            first_day.start, None, Precision.OPEN, first_day.approximate, first_day.start_time
        )
        said = f"from {first_text}"
        return _fuzzy(
            span, text or said, uncertain=first_day.uncertain, written=said if text else ""
        )
    (last_day, last_text) = last
    if last_day.end < first_day.start:
        raise DateError(
            f"the period ends before it starts: until {last_text} is before from {first_text}"
        )
    span = _Span(
        first_day.start,
        last_day.end,
        Precision.RANGE,
        first_day.approximate or last_day.approximate,
        first_day.start_time,
        last_day.end_time,
        first_day.uncertain or last_day.uncertain,
    )
    said = f"{first_text} \N{EN DASH} {last_text}"
    return _fuzzy(span, text or said, written=said if text else "")


def _single_part(value: object, key: str, numeric: str | None) -> tuple[_Single, str]:
    """Return the bounds and text of the single date given as ``on``, ``from`` or ``until``."""
    if isinstance(value, dict):
        raise DateError(f"{key}: expected a single date, got a mapping")
    part = _parse_scalar(value, numeric)
    if part.start is None or part.end is None or part.precision >= Precision.RANGE:
        raise DateError(f"{key}: {part.text} is a period; give a single date here")
    return _as_single(part), part.text


# -- refusals: the nearest accepted form -------------------------------------------------

_MONTH_WORD = "|".join(sorted(_MONTHS, key=len, reverse=True))
_HINTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, _FLAGS), hint)
    for pattern, hint in (
        (
            r"\d:\d\d\s*-\s*\d{1,2}:\d",
            "write a span of hours as 24 February 2022, 05:45 to 09:00",
        ),
        (
            r"\d:\d|\d\s*[ap]\.?m\b",
            "a time goes with a day, as in 24 February 2022, 05:45 UTC or 2022-02-24T05:45",
        ),
        (r"\d/\d|\d\.\d", "write a numeric date with its year, as 2/24/2022 or 24.02.2022"),
        (r"\b(?:bce?|b\.c|ad|a\.d|ce)\b", "write a year before AD 1 as 44 BC or 500 BCE"),
        (r"\d0'?s\b", "write a decade as 1990s or the early 1990s"),
        (
            r"\b(?:spring|summer|autumn|fall|winter)\b",
            "write a season as spring 2022 or winter 2022/23",
        ),
        (r"\b[qh]\s?\d|\b(?:quarter|half)\b", "write a quarter or half as Q3 2022 or H1 2022"),
        (
            r"\b(?:early|mid|late|end|beginning|start|middle)\b",
            "write it as late February 2022, mid-2022 or end of February 2022",
        ),
        (
            r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b",
            "write a weekday with its day, as Sunday, 8 October 2023",
        ),
        (
            rf"^(?!.*\d{{4}}).*\b(?:{_MONTH_WORD})\b",
            "give the year, as 24 February 2022 or February 2022",
        ),
        (
            rf"\b(?:{_MONTH_WORD})\b",
            "write it as 24 February 2022, Feb. 24, 2022, February 2022 or 24-28 February 2022",
        ),
    )
)


def _unreadable(piece: str) -> DateError:
    hint = next((hint for pattern, hint in _HINTS if pattern.search(piece)), ACCEPTED_FORMS)
    return DateError(f"cannot read {_shown(piece)} as a date; {hint}")


def _shown(piece: str) -> str:
    return repr(_short(piece))


def _short(piece: str) -> str:
    """Shorten ``piece`` for a message, so that a paragraph pasted by mistake stays readable."""
    return piece if len(piece) <= 60 else piece[:57] + "..."


def _wrong_type(value: object) -> DateError:
    if isinstance(value, bool):
        got = f"{str(value).lower()} (a yes/no value)"
    elif isinstance(value, float):
        got = f"the number {value!r}"
    elif value is None:
        got = "nothing"
    elif isinstance(value, (list, tuple)):
        got = "a list"
    else:
        name = type(value).__name__
        got = f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"
    return DateError(f"expected a date, got {got}; {ACCEPTED_FORMS}")
