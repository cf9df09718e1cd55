"""Read the dates curators write into fuzzy dates with inclusive bounds.

A fact base records what sources say, and sources are rarely precise: "late February
2022", "Q3 2021", "since 2014". Every value becomes a :class:`~briefing.model.FuzzyDate`
with inclusive ``start``/``end`` bounds (``None`` for an open side), a precision, and the
text exactly as the curator wrote it.

Nothing is ever filled in from context or from today's date: "November 2022" is the whole
of November 2022, and a value that cannot be read unambiguously is a :class:`DateError`.

Seasons are northern-hemisphere meteorological seasons. "winter 2022" is the winter whose
January lies in 2022, i.e. 1 December 2021 to 28 February 2022.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import NamedTuple

from briefing.model import FuzzyDate, Precision

__all__ = ["ACCEPTED_FORMS", "DateError", "parse_date", "parse_period"]

ACCEPTED_FORMS = (
    "a day as 2022-11-29, 29 November 2022 or Nov. 29, 2022; "
    "a month as 2022-11 or November 2022; "
    "early, mid or late November 2022; early, mid or late 2022; "
    "spring, summer, autumn (fall) or winter 2022; Q1 to Q4 2022; a year as 2022; "
    "a range as A/B, A to B, from A to B or A \N{EN DASH} B, with ../B or A/.. for an open side; "
    "after, before, since, from, until or by A; "
    "circa, c., ca., about, around, approximately or ~ in front of any of these; "
    "or a mapping with on, or from and/or until, and an optional text"
)

MAPPING_KEYS = ("on", "from", "until", "text")


class DateError(ValueError):
    """A value that is not a readable date; the message says why in one sentence."""


class _Single(NamedTuple):
    """The bounds of one single date (not a range), which are always both known."""

    start: date
    end: date
    precision: Precision
    approximate: bool = False


class _Span(NamedTuple):
    start: date | None
    end: date | None
    precision: Precision
    approximate: bool = False


_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS: dict[str, int] = {name.lower(): number for number, name in enumerate(_MONTH_NAMES, 1)}
_MONTHS.update({name.lower()[:3]: number for number, name in enumerate(_MONTH_NAMES, 1)})
_MONTHS["sept"] = 9

# (first month, last month) of each part of a year, and first/last day of each part of a
# month; None stands for the month's last day, which varies.
_PARTS_OF_YEAR = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_PARTS_OF_MONTH: dict[str, tuple[int, int | None]] = {
    "early": (1, 10),
    "mid": (11, 20),
    "late": (21, None),
}
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

_CIRCA = re.compile(
    r"(?:(?:circa|about|around|approximately)\s+|(?:c|ca|approx)\.\s*|~\s*)(?P<rest>.+)",
    _FLAGS,
)
_BOUND = re.compile(r"(?P<word>after|before|since|from|until|by)\s+(?P<rest>.+)", _FLAGS)
# Plain hyphens only separate with spaces around them, as "2022-11" is itself a date.
_RANGE_SEPARATOR = re.compile(r"\s*/\s*|\s+to\s+|\s*[\u2013\u2014]\s*|\s+-\s+", _FLAGS)
_OPEN_SIDE = ".."


def parse_date(value: object) -> FuzzyDate:
    """Read one date, range, open period or mapping as a curator wrote it in YAML.

    ``value`` may be a string, an int year, a ``date``/``datetime`` (YAML reads unquoted
    2022-11-29 as a date) or a mapping with ``on``, ``from``, ``until`` and ``text``.
    Raises :class:`DateError` for anything else or anything unreadable.
    """
    if isinstance(value, dict):
        return _parse_mapping(value)
    return _parse_scalar(value)


def parse_period(start: object | None, until: object | None) -> FuzzyDate | None:
    """Combine separate ``from:`` and ``until:`` fields into one period (None if both are).

    Each side is a single date, or a mapping ``{on: DATE, text: WORDS}`` whose words stand
    for that side (say, how a worked-out bound was worked out). The result is a RANGE when
    both are given and OPEN when one is, with text "from A", "until B", or both texts
    joined by an en dash.
    """
    return _period(_side_part(start, "from"), _side_part(until, "until"), None)


def _side_part(value: object | None, key: str) -> tuple[_Single, str] | None:
    """One side of a ``from:``/``until:`` pair: a single date, or ``{on, text}``."""
    if value is None:
        return None
    if not isinstance(value, dict):
        return _single_part(value, key)
    day = _parse_mapping(value)
    if day.precision >= Precision.RANGE or day.start is None or day.end is None:
        raise DateError(f"{key}: {day.text} is a period; give a single date with on: here")
    return _Single(day.start, day.end, day.precision, day.approximate), day.text


def _parse_scalar(value: object) -> FuzzyDate:
    # bool is an int subclass and datetime a date subclass, so they are checked first.
    if isinstance(value, bool):
        raise _wrong_type(value)
    if isinstance(value, datetime):
        value = value.date()
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
        return _parse_text(value)
    raise _wrong_type(value)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse_text(value: str) -> FuzzyDate:
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
        raise DateError(f"a date cannot be empty; accepted forms: {ACCEPTED_FORMS}")
    # Tolerate any run of whitespace (including non-breaking spaces) between words.
    piece = " ".join(text.split())
    approximate = False
    circa = _CIRCA.fullmatch(piece)
    if circa is not None:
        approximate = True
        piece = circa["rest"]
    span = _body(piece)
    return FuzzyDate(span.start, span.end, span.precision, text, approximate or span.approximate)


def _body(piece: str) -> _Span:
    bound = _BOUND.fullmatch(piece)
    if bound is not None:
        word, rest = bound["word"].lower(), bound["rest"]
        if word == "from":
            sides = _split_range(rest)
            if sides is not None:
                return _range(piece, *sides)
        return _open_bound(piece, word, rest)
    sides = _split_range(piece)
    if sides is not None:
        return _range(piece, *sides)
    return _Span(*_side(piece))


def _split_range(piece: str) -> tuple[str, str] | None:
    separators = list(_RANGE_SEPARATOR.finditer(piece))
    if not separators:
        return None
    if len(separators) > 1:
        raise _unreadable(piece)
    (separator,) = separators
    return piece[: separator.start()], piece[separator.end() :]


def _range(piece: str, first: str, last: str) -> _Span:
    start = None if first == _OPEN_SIDE else _side(first)
    end = None if last == _OPEN_SIDE else _side(last)
    # A range with an open side says no more than "since A" or "until B" does.
    if start is None:
        if end is None:
            raise DateError(
                f"{_short(piece)}: a range needs at least one end; accepted forms: {ACCEPTED_FORMS}"
            )
        return _Span(None, end.end, Precision.OPEN, end.approximate)
    if end is None:
        return _Span(start.start, None, Precision.OPEN, start.approximate)
    if end.end < start.start:
        raise DateError(
            f"{_short(piece)}: the range ends before it starts "
            f"({end.end.isoformat()} is before {start.start.isoformat()})"
        )
    return _Span(start.start, end.end, Precision.RANGE, start.approximate or end.approximate)


def _open_bound(piece: str, word: str, rest: str) -> _Span:
    span = _side(rest)
    if word == "after":
        if span.end == date.max:
            raise DateError(f"{_short(piece)}: there is no date after {span.end.isoformat()}")
        return _Span(span.end + timedelta(days=1), None, Precision.OPEN, span.approximate)
    if word == "before":
        if span.start == date.min:
            raise DateError(f"{_short(piece)}: there is no date before {span.start.isoformat()}")
        return _Span(None, span.start - timedelta(days=1), Precision.OPEN, span.approximate)
    if word in ("since", "from"):
        return _Span(span.start, None, Precision.OPEN, span.approximate)
    return _Span(None, span.end, Precision.OPEN, span.approximate)


def _side(piece: str) -> _Single:
    """One single date, optionally marked as approximate ("c. 2019" in "c. 2019/2022")."""
    circa = _CIRCA.fullmatch(piece)
    if circa is not None:
        return _single(circa["rest"])._replace(approximate=True)
    return _single(piece)


def _single(piece: str) -> _Single:
    for pattern, build in _FORMS:
        match = pattern.fullmatch(piece)
        if match is not None:
            span = build(match, piece)
            if span is not None:
                return span
    raise _unreadable(piece)


# Builders return None when a word in a month slot is not a month, so that the next form
# is tried and an unreadable value ends with the general message.
_Builder = Callable[[re.Match[str], str], _Single | None]


def _iso_day(match: re.Match[str], piece: str) -> _Single:
    day = _day(_year(match["year"], piece), int(match["mnum"]), int(match["day"]), piece)
    return _Single(day, day, Precision.DAY)


def _iso_month(match: re.Match[str], piece: str) -> _Single:
    return _month_span(_year(match["year"], piece), int(match["mnum"]), piece)


def _year_only(match: re.Match[str], piece: str) -> _Single:
    year = _year(match["year"], piece)
    return _Single(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)


def _named_day(match: re.Match[str], piece: str) -> _Single | None:
    month = _MONTHS.get(match["month"].lower())
    if month is None:
        return None
    day = _day(_year(match["year"], piece), month, int(match["day"]), piece)
    return _Single(day, day, Precision.DAY)


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
    return _Single(date(year, month, first), date(year, month, last), Precision.PART_OF_MONTH)


def _part_of_year(match: re.Match[str], piece: str) -> _Single:
    year = _year(match["year"], piece)
    first, last = _PARTS_OF_YEAR[match["part"].lower()]
    return _Single(date(year, first, 1), _last_day(year, last), Precision.PART_OF_YEAR)


def _season(match: re.Match[str], piece: str) -> _Single:
    year = _year(match["year"], piece)
    season = match["season"].lower()
    if season == "winter":
        if year == 1:
            raise DateError(f"{_short(piece)}: winter 0001 would start in December of year 0")
        return _Single(date(year - 1, 12, 1), _last_day(year, 2), Precision.SEASON)
    first, last = _SEASONS[season]
    return _Single(date(year, first, 1), _last_day(year, last), Precision.SEASON)


def _quarter(match: re.Match[str], piece: str) -> _Single:
    year = _year(match["year"], piece)
    quarter = int(match["quarter"])
    if not 1 <= quarter <= 4:
        raise DateError(
            f"{_short(piece)}: there is no quarter Q{quarter}; quarters run from Q1 to Q4"
        )
    first = 3 * quarter - 2
    return _Single(date(year, first, 1), _last_day(year, first + 2), Precision.QUARTER)


# Keyword forms come before month-name forms, which would otherwise try "spring" or
# "early" as a month name.
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
            f"{_short(piece)}: write the year {digits} with exactly four digits ({year:04d})"
        )
    return year


def _day(year: int, month: int, day: int, piece: str) -> date:
    if not 1 <= month <= 12:
        raise DateError(f"{_short(piece)}: there is no month {month}; months run from 1 to 12")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError(f"{_short(piece)}: {_MONTH_NAMES[month - 1]} {year:04d} has no day {day}")
    return date(year, month, day)


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_span(year: int, month: int, piece: str) -> _Single:
    first = _day(year, month, 1, piece)
    return _Single(first, _last_day(year, month), Precision.MONTH)


def _parse_mapping(mapping: dict[object, object]) -> FuzzyDate:
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
    on, start, until = fields.get("on"), fields.get("from"), fields.get("until")
    if on is not None:
        if start is not None or until is not None:
            raise DateError("a date mapping takes either on or from/until, not both")
        day, written = _single_part(on, "on")
        return FuzzyDate(day.start, day.end, day.precision, override or written, day.approximate)
    first = None if start is None else _single_part(start, "from")
    last = None if until is None else _single_part(until, "until")
    period = _period(first, last, override)
    if period is None:
        raise DateError("a date mapping needs on, or from and/or until")
    return period


def _period(
    first: tuple[_Single, str] | None, last: tuple[_Single, str] | None, text: str | None
) -> FuzzyDate | None:
    if first is None:
        if last is None:
            return None
        (day, written) = last
        return FuzzyDate(None, day.end, Precision.OPEN, text or f"until {written}", day.approximate)
    (first_day, first_text) = first
    if last is None:
        return FuzzyDate(
            first_day.start,
            None,
            Precision.OPEN,
            text or f"from {first_text}",
            first_day.approximate,
        )
    (last_day, last_text) = last
    if last_day.end < first_day.start:
        raise DateError(
            f"the period ends before it starts: until {last_text} is before from {first_text}"
        )
    return FuzzyDate(
        first_day.start,
        last_day.end,
        Precision.RANGE,
        text or f"{first_text} \N{EN DASH} {last_text}",
        first_day.approximate or last_day.approximate,
    )


def _single_part(value: object, key: str) -> tuple[_Single, str]:
    """Return the bounds and text of the single date given as ``on``, ``from`` or ``until``."""
    if isinstance(value, dict):
        raise DateError(f"{key}: expected a single date, got a mapping")
    part = _parse_scalar(value)
    if part.start is None or part.end is None or part.precision >= Precision.RANGE:
        raise DateError(f"{key}: {part.text} is a period; give a single date here")
    return _Single(part.start, part.end, part.precision, part.approximate), part.text


def _unreadable(piece: str) -> DateError:
    return DateError(f"cannot read {_shown(piece)} as a date; accepted forms: {ACCEPTED_FORMS}")


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
    return DateError(f"expected a date, got {got}; accepted forms: {ACCEPTED_FORMS}")
