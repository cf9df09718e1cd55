"""Tests for briefing.dates: every accepted form, every error, and properties over all forms."""

from __future__ import annotations

import calendar
import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import dates
from briefing.dates import ACCEPTED_FORMS, DateError, parse_date, parse_period
from briefing.model import FuzzyDate, Precision

D = date
P = Precision
EN_DASH = "\N{EN DASH}"
EM_DASH = "\N{EM DASH}"


def check(
    value: str,
    start: date | None,
    end: date | None,
    precision: Precision,
    approximate: bool = False,
) -> None:
    assert parse_date(value) == FuzzyDate(start, end, precision, value.strip(), approximate)


# --- single dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "start", "end", "precision"),
    [
        ("2022-11-29", D(2022, 11, 29), D(2022, 11, 29), P.DAY),
        ("2024-02-29", D(2024, 2, 29), D(2024, 2, 29), P.DAY),
        ("0001-01-01", D(1, 1, 1), D(1, 1, 1), P.DAY),
        ("9999-12-31", D(9999, 12, 31), D(9999, 12, 31), P.DAY),
        ("2022-11", D(2022, 11, 1), D(2022, 11, 30), P.MONTH),
        ("2022-02", D(2022, 2, 1), D(2022, 2, 28), P.MONTH),
        ("2022", D(2022, 1, 1), D(2022, 12, 31), P.YEAR),
        ("29 November 2022", D(2022, 11, 29), D(2022, 11, 29), P.DAY),
        ("November 29, 2022", D(2022, 11, 29), D(2022, 11, 29), P.DAY),
        ("November 29 2022", D(2022, 11, 29), D(2022, 11, 29), P.DAY),
        ("Nov. 29, 2022", D(2022, 11, 29), D(2022, 11, 29), P.DAY),
        ("29 Nov 2022", D(2022, 11, 29), D(2022, 11, 29), P.DAY),
        ("29 Nov. 2022", D(2022, 11, 29), D(2022, 11, 29), P.DAY),
        ("Sept. 29, 2022", D(2022, 9, 29), D(2022, 9, 29), P.DAY),
        ("Sep 3 2022", D(2022, 9, 3), D(2022, 9, 3), P.DAY),
        ("3 May 2022", D(2022, 5, 3), D(2022, 5, 3), P.DAY),
        ("November 29th, 2022", D(2022, 11, 29), D(2022, 11, 29), P.DAY),
        ("1st March 2022", D(2022, 3, 1), D(2022, 3, 1), P.DAY),
        ("November 2022", D(2022, 11, 1), D(2022, 11, 30), P.MONTH),
        ("Nov 2022", D(2022, 11, 1), D(2022, 11, 30), P.MONTH),
        ("Nov. 2022", D(2022, 11, 1), D(2022, 11, 30), P.MONTH),
        ("February 2024", D(2024, 2, 1), D(2024, 2, 29), P.MONTH),
        ("Sept 2022", D(2022, 9, 1), D(2022, 9, 30), P.MONTH),
        ("early November 2022", D(2022, 11, 1), D(2022, 11, 10), P.PART_OF_MONTH),
        ("mid November 2022", D(2022, 11, 11), D(2022, 11, 20), P.PART_OF_MONTH),
        ("late November 2022", D(2022, 11, 21), D(2022, 11, 30), P.PART_OF_MONTH),
        ("mid-September 2022", D(2022, 9, 11), D(2022, 9, 20), P.PART_OF_MONTH),
        ("late-February 2022", D(2022, 2, 21), D(2022, 2, 28), P.PART_OF_MONTH),
        ("late February 2024", D(2024, 2, 21), D(2024, 2, 29), P.PART_OF_MONTH),
        ("late Jan. 2022", D(2022, 1, 21), D(2022, 1, 31), P.PART_OF_MONTH),
        ("early 2022", D(2022, 1, 1), D(2022, 4, 30), P.PART_OF_YEAR),
        ("mid 2022", D(2022, 5, 1), D(2022, 8, 31), P.PART_OF_YEAR),
        ("mid-2022", D(2022, 5, 1), D(2022, 8, 31), P.PART_OF_YEAR),
        ("late 2022", D(2022, 9, 1), D(2022, 12, 31), P.PART_OF_YEAR),
        ("spring 2022", D(2022, 3, 1), D(2022, 5, 31), P.SEASON),
        ("summer 2022", D(2022, 6, 1), D(2022, 8, 31), P.SEASON),
        ("autumn 2022", D(2022, 9, 1), D(2022, 11, 30), P.SEASON),
        ("fall 2022", D(2022, 9, 1), D(2022, 11, 30), P.SEASON),
        # The winter whose January lies in the named year.
        ("winter 2022", D(2021, 12, 1), D(2022, 2, 28), P.SEASON),
        ("winter 2024", D(2023, 12, 1), D(2024, 2, 29), P.SEASON),
        ("Q1 2022", D(2022, 1, 1), D(2022, 3, 31), P.QUARTER),
        ("Q2 2022", D(2022, 4, 1), D(2022, 6, 30), P.QUARTER),
        ("Q3 2022", D(2022, 7, 1), D(2022, 9, 30), P.QUARTER),
        ("Q4 2022", D(2022, 10, 1), D(2022, 12, 31), P.QUARTER),
        ("2022-Q4", D(2022, 10, 1), D(2022, 12, 31), P.QUARTER),
    ],
)
def test_single_forms(value: str, start: date, end: date, precision: Precision) -> None:
    check(value, start, end, precision)


@pytest.mark.parametrize(
    "value",
    [
        "  november 29, 2022 ",
        "NOVEMBER   29 ,  2022",
        "\t29  nov.\u00a02022\n",
        "nov.29,2022",
    ],
)
def test_case_and_whitespace_are_tolerated_but_text_is_kept(value: str) -> None:
    check(value, D(2022, 11, 29), D(2022, 11, 29), P.DAY)


def test_text_is_never_normalised() -> None:
    assert parse_date("  MID-sept.   2022 ").text == "MID-sept.   2022"


# --- ranges and open bounds -----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "start", "end", "precision"),
    [
        ("2019/2022", D(2019, 1, 1), D(2022, 12, 31), P.RANGE),
        ("2022-01/2022-03", D(2022, 1, 1), D(2022, 3, 31), P.RANGE),
        ("late February 2022/2022-12-28", D(2022, 2, 21), D(2022, 12, 28), P.RANGE),
        ("2019 / 2022", D(2019, 1, 1), D(2022, 12, 31), P.RANGE),
        ("2019 to 2022", D(2019, 1, 1), D(2022, 12, 31), P.RANGE),
        ("from 2019 to Q2 2022", D(2019, 1, 1), D(2022, 6, 30), P.RANGE),
        ("From March 2020 TO mid-2021", D(2020, 3, 1), D(2021, 8, 31), P.RANGE),
        (f"2019 {EN_DASH} 2022", D(2019, 1, 1), D(2022, 12, 31), P.RANGE),
        (f"2019 {EM_DASH} 2022", D(2019, 1, 1), D(2022, 12, 31), P.RANGE),
        (f"2019{EN_DASH}2022", D(2019, 1, 1), D(2022, 12, 31), P.RANGE),
        ("2019 - 2022", D(2019, 1, 1), D(2022, 12, 31), P.RANGE),
        ("winter 2022/spring 2022", D(2021, 12, 1), D(2022, 5, 31), P.RANGE),
        # A range may end inside its first side: it still runs from start(A) to end(B).
        ("2022/2022-06", D(2022, 1, 1), D(2022, 6, 30), P.RANGE),
        ("2022-11-29/2022-11-29", D(2022, 11, 29), D(2022, 11, 29), P.RANGE),
        ("../2022", None, D(2022, 12, 31), P.OPEN),
        ("2022-03/..", D(2022, 3, 1), None, P.OPEN),
        ("after 2022", D(2023, 1, 1), None, P.OPEN),
        ("after November 2022", D(2022, 12, 1), None, P.OPEN),
        ("after 2024-02-28", D(2024, 2, 29), None, P.OPEN),
        ("before 2022", None, D(2021, 12, 31), P.OPEN),
        ("before March 2024", None, D(2024, 2, 29), P.OPEN),
        ("since 2014", D(2014, 1, 1), None, P.OPEN),
        ("since late February 2022", D(2022, 2, 21), None, P.OPEN),
        ("from 2014", D(2014, 1, 1), None, P.OPEN),
        ("until 2022", None, D(2022, 12, 31), P.OPEN),
        ("until mid-2022", None, D(2022, 8, 31), P.OPEN),
        ("by Q3 2022", None, D(2022, 9, 30), P.OPEN),
        ("BY   29 November 2022", None, D(2022, 11, 29), P.OPEN),
    ],
)
def test_ranges_and_bounds(
    value: str, start: date | None, end: date | None, precision: Precision
) -> None:
    check(value, start, end, precision)


@pytest.mark.parametrize(
    ("value", "start", "end", "precision"),
    [
        ("circa 2019", D(2019, 1, 1), D(2019, 12, 31), P.YEAR),
        ("c. 2019", D(2019, 1, 1), D(2019, 12, 31), P.YEAR),
        ("c.2019", D(2019, 1, 1), D(2019, 12, 31), P.YEAR),
        ("ca. March 2019", D(2019, 3, 1), D(2019, 3, 31), P.MONTH),
        ("about 29 November 2022", D(2022, 11, 29), D(2022, 11, 29), P.DAY),
        ("around mid-2021", D(2021, 5, 1), D(2021, 8, 31), P.PART_OF_YEAR),
        ("approximately Q1 2020", D(2020, 1, 1), D(2020, 3, 31), P.QUARTER),
        ("~2019", D(2019, 1, 1), D(2019, 12, 31), P.YEAR),
        ("~ winter 2020", D(2019, 12, 1), D(2020, 2, 29), P.SEASON),
        ("Circa 2019/2021", D(2019, 1, 1), D(2021, 12, 31), P.RANGE),
        ("c. 2019 to 2021", D(2019, 1, 1), D(2021, 12, 31), P.RANGE),
        # Circa on one side of a range marks the whole range approximate.
        (f"c. 2019 {EN_DASH} 2021", D(2019, 1, 1), D(2021, 12, 31), P.RANGE),
        ("2019/c. 2021", D(2019, 1, 1), D(2021, 12, 31), P.RANGE),
        ("since about 2014", D(2014, 1, 1), None, P.OPEN),
    ],
)
def test_circa(value: str, start: date, end: date | None, precision: Precision) -> None:
    check(value, start, end, precision, approximate=True)


# --- YAML scalars -------------------------------------------------------------------


def test_int_is_a_year() -> None:
    assert parse_date(2022) == FuzzyDate(D(2022, 1, 1), D(2022, 12, 31), P.YEAR, "2022")


def test_date_is_a_day() -> None:
    assert parse_date(D(2022, 11, 29)) == FuzzyDate(
        D(2022, 11, 29), D(2022, 11, 29), P.DAY, "2022-11-29"
    )


def test_datetime_keeps_its_date_part() -> None:
    assert parse_date(datetime(2022, 11, 29, 23, 59)) == FuzzyDate(
        D(2022, 11, 29), D(2022, 11, 29), P.DAY, "2022-11-29"
    )


# --- mapping form and parse_period ------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            {"on": "2022-11-29"},
            FuzzyDate(D(2022, 11, 29), D(2022, 11, 29), P.DAY, "2022-11-29"),
        ),
        (
            {"on": D(2022, 11, 30), "text": "a day later"},
            FuzzyDate(D(2022, 11, 30), D(2022, 11, 30), P.DAY, "a day later"),
        ),
        (
            {"on": "c. March 2022"},
            FuzzyDate(D(2022, 3, 1), D(2022, 3, 31), P.MONTH, "c. March 2022", True),
        ),
        # PyYAML (YAML 1.1) reads a bare `on:` key as the boolean true.
        ({True: 2022}, FuzzyDate(D(2022, 1, 1), D(2022, 12, 31), P.YEAR, "2022")),
        (
            {"from": "late February 2022", "until": D(2022, 12, 28)},
            FuzzyDate(
                D(2022, 2, 21), D(2022, 12, 28), P.RANGE, f"late February 2022 {EN_DASH} 2022-12-28"
            ),
        ),
        (
            {"from": 2019, "until": "2022", "text": "three years"},
            FuzzyDate(D(2019, 1, 1), D(2022, 12, 31), P.RANGE, "three years"),
        ),
        ({"from": 2014}, FuzzyDate(D(2014, 1, 1), None, P.OPEN, "from 2014")),
        ({"until": "Q1 2020"}, FuzzyDate(None, D(2020, 3, 31), P.OPEN, "until Q1 2020")),
        (
            {"from": "~2014", "until": None},
            FuzzyDate(D(2014, 1, 1), None, P.OPEN, "from ~2014", True),
        ),
    ],
)
def test_mapping_form(value: dict[object, object], expected: FuzzyDate) -> None:
    assert parse_date(value) == expected


def test_parse_period() -> None:
    assert parse_period(None, None) is None
    assert parse_period(D(2014, 3, 18), None) == FuzzyDate(
        D(2014, 3, 18), None, P.OPEN, "from 2014-03-18"
    )
    assert parse_period(None, "late 2019") == FuzzyDate(
        None, D(2019, 12, 31), P.OPEN, "until late 2019"
    )
    assert parse_period("2019", 2021) == FuzzyDate(
        D(2019, 1, 1), D(2021, 12, 31), P.RANGE, f"2019 {EN_DASH} 2021"
    )
    with pytest.raises(DateError, match="ends before it starts"):
        parse_period("2022", "2021")
    with pytest.raises(DateError, match="is a period"):
        parse_period("2019/2020", None)


def test_a_worked_out_bound_carries_the_words_it_was_worked_out_from() -> None:
    words = "three years before the mid-September 2022 decision"
    assert parse_period(None, {"on": "circa 2019", "text": words}) == FuzzyDate(
        None, D(2019, 12, 31), P.OPEN, f"until {words}", True
    )
    assert parse_period({"on": "circa 2019", "text": words}, "late 2022") == FuzzyDate(
        D(2019, 1, 1), D(2022, 12, 31), P.RANGE, f"{words} {EN_DASH} late 2022", True
    )
    assert parse_period({"on": "2019"}, None) == parse_period("2019", None)
    with pytest.raises(DateError, match="is a period; give a single date with on"):
        parse_period({"from": "2019", "text": "since then"}, None)
    with pytest.raises(DateError, match="unknown key"):
        parse_period(None, {"on": "2019", "txt": "then"})


# --- errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["yesterday", "November", "29 November", "Novembr 2022", "2022-11-29T10:00", "Q 2022", "~"],
)
def test_unreadable_text_lists_the_accepted_forms(value: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(value)
    message = str(caught.value)
    assert repr(value) in message
    assert message.endswith(ACCEPTED_FORMS)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2022-02-30", "2022-02-30: February 2022 has no day 30"),
        ("2023-02-29", "February 2023 has no day 29"),
        ("31 April 2022", "April 2022 has no day 31"),
        ("November 0, 2022", "November 2022 has no day 0"),
        ("2022-13-01", "there is no month 13"),
        ("2022-00", "there is no month 0"),
        ("0000-00-00", "year 0 does not exist"),
        ("0000", "year 0 does not exist"),
        ("November 0000", "year 0 does not exist"),
        ("99999", "year 99999 is out of range"),
        pytest.param("1" * 5000, "is out of range", id="5000-digits"),
        ("22", "the year 22 is ambiguous"),
        ("Nov 29, 22", "the year 22 is ambiguous"),
        ("22-11-29", "the year 22 is ambiguous"),
        ("800", "four digits (0800)"),
        ("Q5 2022", "there is no quarter Q5"),
        ("winter 0001", "December of year 0"),
        ("2022/2019", "ends before it starts"),
        ("2022-12 to 2022-11-30", "ends before it starts"),
        ("../..", "needs at least one end"),
        ("after 9999", "no date after 9999-12-31"),
        ("before 0001", "no date before 0001-01-01"),
        ("", "cannot be empty"),
        ("   ", "cannot be empty"),
    ],
)
def test_value_errors_name_the_problem(value: str, message: str) -> None:
    with pytest.raises(DateError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "year 0 does not exist"),
        (99999, "year 99999 is out of range"),
        (-2022, "year -2022 is out of range"),
        pytest.param(10**5000, "year given is out of range", id="huge"),
        (22, "the year 22 is ambiguous"),
    ],
)
def test_int_errors(value: int, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "got"),
    [
        (True, "expected a date, got true"),
        (False, "expected a date, got false"),
        (2022.5, "expected a date, got the number 2022.5"),
        (None, "expected a date, got nothing"),
        (["2022"], "expected a date, got a list"),
        (("2022",), "expected a date, got a list"),
        ({"2022"}, "expected a date, got a set"),
        (object(), "expected a date, got an object"),
    ],
)
def test_wrong_types(value: object, got: str) -> None:
    with pytest.raises(DateError, match=got) as caught:
        parse_date(value)
    assert str(caught.value).endswith(ACCEPTED_FORMS)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"on": "2022", "when": 1, "at": 2}, "unknown keys when, at .*allowed keys are on, from"),
        ({"From": "2022"}, "unknown key From in a date mapping"),
        ({}, "needs on, or from and/or until"),
        ({"text": "sometime"}, "needs on, or from and/or until"),
        ({"on": "2022", "from": "2021"}, "either on or from/until"),
        ({"on": "2022", True: "2022"}, "gives on twice"),
        ({"on": "2019/2022"}, "on: 2019/2022 is a period"),
        ({"from": "since 2019"}, "from: since 2019 is a period"),
        ({"from": {"on": "2019"}}, "from: expected a single date, got a mapping"),
        ({"from": "2022", "until": "2021-06"}, "ends before it starts"),
        ({"on": "2022", "text": ""}, "text of a date mapping must be a non-empty string"),
        ({"on": "2022", "text": 5}, "text of a date mapping must be a non-empty string"),
        ({"on": 2022.5}, "got the number 2022.5"),
        ({"until": "2022-02-30"}, "February 2022 has no day 30"),
    ],
)
def test_mapping_errors(value: dict[object, object], message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_date(value)


def test_errors_are_value_errors() -> None:
    assert issubclass(DateError, ValueError)


# --- properties -------------------------------------------------------------------------

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
ABBREVIATIONS = [name[:3] for name in MONTHS]
# Leave room for "winter", "after" and "before" at the ends of the calendar.
DAYS = st.dates(min_value=D(2, 1, 1), max_value=D(9998, 12, 31))

Written = tuple[str, date, date, Precision]


def last_of_month(year: int, month: int) -> date:
    return D(year, month, calendar.monthrange(year, month)[1])


def month_word(d: date, choice: int) -> str:
    name = MONTHS[d.month - 1]
    return [name, ABBREVIATIONS[d.month - 1], ABBREVIATIONS[d.month - 1] + "."][choice % 3]


@st.composite
def singles(draw: st.DrawFn) -> Written:
    """A single date in one of the accepted forms, with the bounds it must have."""
    d = draw(DAYS)
    y = f"{d.year:04d}"
    m = month_word(d, draw(st.integers(0, 2)))
    month = (D(d.year, d.month, 1), last_of_month(d.year, d.month))
    part = draw(st.sampled_from(["early", "mid", "late"]))
    sep = draw(st.sampled_from([" ", "-"]))
    first, last = {"early": (1, 10), "mid": (11, 20), "late": (21, month[1].day)}[part]
    year_first, year_last = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
    q = (d.month - 1) // 3 + 1
    season = draw(st.sampled_from(["spring", "summer", "autumn", "fall", "winter"]))
    if season == "winter":
        season_bounds = (D(d.year - 1, 12, 1), last_of_month(d.year, 2))
    else:
        start_month = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9}[season]
        season_bounds = (D(d.year, start_month, 1), last_of_month(d.year, start_month + 2))
    forms: list[Written] = [
        (d.isoformat(), d, d, P.DAY),
        (f"{d.day} {m} {y}", d, d, P.DAY),
        (f"{m} {d.day}, {y}", d, d, P.DAY),
        (f"{m} {d.day} {y}", d, d, P.DAY),
        (f"{y}-{d.month:02d}", *month, P.MONTH),
        (f"{m} {y}", *month, P.MONTH),
        (f"{part}{sep}{m} {y}", D(d.year, d.month, first), D(d.year, d.month, last), P(1)),
        (f"{part}{sep}{y}", D(d.year, year_first, 1), last_of_month(d.year, year_last), P(5)),
        (f"{season} {y}", *season_bounds, P.SEASON),
        (f"Q{q} {y}", D(d.year, 3 * q - 2, 1), last_of_month(d.year, 3 * q), P.QUARTER),
        (y, D(d.year, 1, 1), D(d.year, 12, 31), P.YEAR),
    ]
    return draw(st.sampled_from(forms))


@st.composite
def ranges(draw: st.DrawFn) -> tuple[str, date | None, date | None, Precision]:
    a, b = draw(singles()), draw(singles())
    if b[2] < a[1]:
        a, b = b, a
    template = draw(
        st.sampled_from(["{}/{}", "{} to {}", "from {} to {}", "{} \u2013 {}", "{} \u2014 {}"])
    )
    return template.format(a[0], b[0]), a[1], b[2], P.RANGE


@st.composite
def bounds(draw: st.DrawFn) -> tuple[str, date | None, date | None, Precision]:
    text, start, end, _ = draw(singles())
    word = draw(st.sampled_from(["after", "before", "since", "from", "until", "by", "../", "/.."]))
    expected: dict[str, tuple[date | None, date | None]] = {
        "after": (end + timedelta(days=1), None),
        "before": (None, start - timedelta(days=1)),
        "since": (start, None),
        "from": (start, None),
        "until": (None, end),
        "by": (None, end),
        "../": (None, end),
        "/..": (start, None),
    }
    written = {"../": f"../{text}", "/..": f"{text}/.."}.get(word, f"{word} {text}")
    return written, *expected[word], P.OPEN


def messy(text: str, rnd: random.Random) -> str:
    """Write ``text`` as a careless curator might: odd case, extra and padding whitespace."""
    cases: list[Callable[[str], str]] = [str.lower, str.upper, str.title, lambda same: same]
    case = rnd.choice(cases)
    spaced = case(text).replace(" ", rnd.choice([" ", "  ", " \t "]))
    return rnd.choice(["", " ", "\n\t"]) + spaced + rnd.choice(["", " ", "  \n"])


ANY_FORM = st.one_of(singles(), ranges(), bounds())


@given(ANY_FORM, st.booleans(), st.randoms(use_true_random=False))
def test_every_form_parses_to_its_bounds(
    form: tuple[str, date | None, date | None, Precision], circa: bool, rnd: random.Random
) -> None:
    text, start, end, precision = form
    value = messy(("c. " if circa else "") + text, rnd)
    parsed = parse_date(value)
    assert (parsed.start, parsed.end, parsed.precision) == (start, end, precision)
    assert parsed.text == value.strip()
    assert parsed.approximate is circa
    if parsed.start is not None and parsed.end is not None:
        assert parsed.start <= parsed.end


class _FrozenDate(date):
    """A date class whose today() is fixed, to show that parsing never consults it."""

    fixed = D(1999, 1, 1)

    @classmethod
    def today(cls) -> _FrozenDate:
        return cls(cls.fixed.year, cls.fixed.month, cls.fixed.day)


@settings(max_examples=50)
@given(ANY_FORM, DAYS)
def test_results_do_not_depend_on_today(
    form: tuple[str, date | None, date | None, Precision], today: date
) -> None:
    expected = parse_date(form[0])
    with (
        mock.patch.object(_FrozenDate, "fixed", today),
        mock.patch.object(dates, "date", _FrozenDate),
    ):
        assert _FrozenDate.today() == today
        assert parse_date(form[0]) == expected


@given(DAYS, st.integers(0, 2))
def test_day_forms_agree(d: date, choice: int) -> None:
    m = month_word(d, choice)
    iso = parse_date(d.isoformat())
    assert iso.start == iso.end == d
    for written in (f"{d.day} {m} {d.year:04d}", f"{m} {d.day}, {d.year:04d}"):
        other = parse_date(written)
        assert (other.start, other.end, other.precision) == (iso.start, iso.end, iso.precision)


@given(st.lists(ANY_FORM.map(lambda form: parse_date(form[0])), max_size=12), st.randoms())
def test_sorting_is_idempotent_and_stable(parsed: list[FuzzyDate], rnd: random.Random) -> None:
    once = sorted(parsed, key=FuzzyDate.sort_key)
    assert sorted(once, key=FuzzyDate.sort_key) == once
    shuffled = list(parsed)
    rnd.shuffle(shuffled)
    assert [f.sort_key() for f in sorted(shuffled, key=FuzzyDate.sort_key)] == [
        f.sort_key() for f in once
    ]
    keys = [f.sort_key() for f in once]
    assert keys == sorted(keys)


@given(DAYS)
def test_a_day_sorts_before_its_month_at_the_same_start(d: date) -> None:
    first = d.replace(day=1)
    day = parse_date(first.isoformat())
    month = parse_date(f"{MONTHS[d.month - 1]} {d.year:04d}")
    assert month.start == day.start
    assert sorted([month, day], key=FuzzyDate.sort_key) == [day, month]
    # Any later day of the month starts later, so it sorts after the month.
    if d.day > 1:
        later = parse_date(d.isoformat())
        assert sorted([later, month], key=FuzzyDate.sort_key) == [month, later]


TOKENS = st.sampled_from(
    [
        "2022", "0000", "99999", "22", "11", "29", "30", "02", "-", "/", "..", " ", ",", ".",
        "to", "from", "after", "before", "until", "by", "since", "c.", "~", "circa", "mid",
        "late", "early", "winter", "Q", "Q1", "Q9", "Nov", "Sept.", "February", "\u2013",
        "\u2014", "\u00a0", "9999-12-31", "0001-01-01", "\u0662\u0660\u0662\u0662", "\u017fpring",
    ]
)  # fmt: skip


@given(st.one_of(st.text(), st.lists(TOKENS, max_size=8).map("".join)))
def test_any_text_parses_or_raises_date_error(value: str) -> None:
    try:
        parsed = parse_date(value)
    except DateError:
        return
    assert parsed.text == value.strip()
    if parsed.start is not None and parsed.end is not None:
        assert parsed.start <= parsed.end


# A side of a period written as a mapping, {on, text} or anything else a curator may try.
SIDES = st.dictionaries(
    st.sampled_from(["on", "from", "until", "text", "at"]),
    st.one_of(DAYS, st.integers(), st.text(max_size=12)),
    max_size=3,
)


@given(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        DAYS,
        st.text(max_size=20),
        st.lists(st.integers(), max_size=2),
        SIDES,
    ),
    st.one_of(st.none(), st.integers(), DAYS, st.text(max_size=20), SIDES),
)
def test_any_period_parses_or_raises_date_error(start: object, until: object) -> None:
    try:
        parsed = parse_period(start, until)
    except DateError:
        return
    if parsed is None:
        assert start is None and until is None
    elif parsed.start is not None and parsed.end is not None:
        assert parsed.start <= parsed.end
