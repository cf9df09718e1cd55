"""Tests for briefing.dates: every accepted form, every error, and properties over all forms."""

from __future__ import annotations

import calendar
import dataclasses
import random
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from briefing import dates
from briefing.dates import ACCEPTED_FORMS, DateError, parse_date, parse_period
from briefing.edtf import iso_bounds, to_edtf
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


def test_datetime_keeps_its_time_of_day() -> None:
    clock = time(23, 59)
    assert parse_date(datetime(2022, 11, 29, 23, 59)) == FuzzyDate(
        D(2022, 11, 29), D(2022, 11, 29), P.DAY, "2022-11-29T23:59:00", False, clock, clock
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
            FuzzyDate(D(2022, 11, 30), D(2022, 11, 30), P.DAY, "a day later", written="2022-11-30"),
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
            FuzzyDate(
                D(2019, 1, 1),
                D(2022, 12, 31),
                P.RANGE,
                "three years",
                written=f"2019 {EN_DASH} 2022",
            ),
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
    ("value", "hint"),
    [
        ("yesterday", ACCEPTED_FORMS),
        ("~", ACCEPTED_FORMS),
        ("November", "give the year, as 24 February 2022 or February 2022"),
        ("29 November", "give the year, as 24 February 2022 or February 2022"),
        ("Novembr 2022", ACCEPTED_FORMS),
        ("the 3rd of November 2022", "write it as 24 February 2022, Feb. 24, 2022, February"),
        ("Q 2022", "write a quarter or half as Q3 2022 or H1 2022"),
        ("05:45 UTC", "a time goes with a day, as in 24 February 2022, 05:45 UTC"),
        ("2022-11-29T10:00 Moscow", "a time goes with a day"),
        ("spring of 2022", "write a season as spring 2022 or winter 2022/23"),
        ("the end of the week", "write it as late February 2022, mid-2022 or end of"),
        ("44 B.C", "write a year before AD 1 as 44 BC or 500 BCE"),
        ("the nineteen-90s", "write a decade as 1990s or the early 1990s"),
        ("24.02", "write a numeric date with its year, as 2/24/2022 or 24.02.2022"),
        ("Sunday", "write a weekday with its day, as Sunday, 8 October 2023"),
    ],
)
def test_unreadable_text_names_the_nearest_form(value: str, hint: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(value)
    message = str(caught.value)
    assert message.startswith(f"cannot read {value!r} as a date; {hint}")
    assert "\n" not in message and len(message) < 160


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
        ("before 9999 BC", "no date before 9999 BC"),
        ("800", "or with its era (800 BC, AD 800)"),
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


# --- forms real sources use ------------------------------------------------------------

UTC = UTC
PLUS3 = timezone(timedelta(hours=3))


@pytest.mark.parametrize(
    ("value", "day", "clock"),
    [
        ("2022-02-24T05:45", D(2022, 2, 24), time(5, 45)),
        ("2022-02-24T05:45:30", D(2022, 2, 24), time(5, 45, 30)),
        ("2022-02-24T0545Z", D(2022, 2, 24), time(5, 45, tzinfo=UTC)),
        ("2022-02-24T05:45+03:00", D(2022, 2, 24), time(5, 45, tzinfo=PLUS3)),
        ("2022-02-24 05:45", D(2022, 2, 24), time(5, 45)),
        ("2022-02-24 05:45 UTC", D(2022, 2, 24), time(5, 45, tzinfo=UTC)),
        ("24 February 2022, 05:45", D(2022, 2, 24), time(5, 45)),
        ("24 February 2022 05:45 UTC", D(2022, 2, 24), time(5, 45, tzinfo=UTC)),
        ("24 February 2022 at 05:45 GMT", D(2022, 2, 24), time(5, 45, tzinfo=UTC)),
        ("24 February 2022, 05:45 UTC+3", D(2022, 2, 24), time(5, 45, tzinfo=PLUS3)),
        ("24 February 2022, 05:45 +0300", D(2022, 2, 24), time(5, 45, tzinfo=PLUS3)),
        ("Feb. 24, 2022, 5:45 p.m.", D(2022, 2, 24), time(17, 45)),
        ("Feb. 24, 2022, 12:10 am", D(2022, 2, 24), time(0, 10)),
        ("5 pm, 24 February 2022", D(2022, 2, 24), time(17)),
        ("05:45 UTC on 24 February 2022", D(2022, 2, 24), time(5, 45, tzinfo=UTC)),
        ("Thursday, Feb. 24, 2022, 05:45", D(2022, 2, 24), time(5, 45)),
    ],
)
def test_time_of_day(value: str, day: date, clock: time) -> None:
    parsed = parse_date(value)
    assert parsed == FuzzyDate(day, day, P.DAY, value, False, clock, clock)


def test_time_of_day_on_range_sides_and_bounds() -> None:
    both = parse_date("2022-02-24T05:45/2022-02-24T09:00")
    assert (both.start_time, both.end_time, both.precision) == (time(5, 45), time(9), P.RANGE)
    since = parse_date("since 24 February 2022, 05:45")
    assert (since.start, since.start_time, since.end) == (D(2022, 2, 24), time(5, 45), None)
    before = parse_date("before 24 February 2022, 05:45")
    assert (before.end, before.end_time) == (D(2022, 2, 24), time(5, 45))
    with pytest.raises(DateError, match="ends before it starts"):
        parse_date("2022-02-24T09:00/2022-02-24T05:45")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("mid-2022 10:00", "a time of day needs a day, as in 24 February 2022, 05:45"),
        ("24 February 2022, 25:00", "there is no time 25:00"),
        ("24 February 2022, 13 pm", "there is no 13 pm"),
        ("24 February 2022, 05:61", "there is no time 05:61"),
        ("24 February 2022, 05:45 +15:00", "there is no UTC offset"),
        ("2022-02-30T05:45", "February 2022 has no day 30"),
        ("2022-02-24T24:00", "write 24:00 as 00:00 of the next day"),
    ],
)
def test_time_of_day_errors(value: str, message: str) -> None:
    with pytest.raises(DateError, match=re.escape(message)):
        parse_date(value)


def test_a_yaml_timestamp_with_a_time_keeps_its_text(tmp_path: Path) -> None:
    from briefing.parse import read_file

    path = tmp_path / "a.yaml"
    path.write_text("sources:\n  - published: 2022-02-24 05:45:00\n", encoding="utf-8")
    raw = read_file(path)
    assert raw.data is not None
    (source,) = raw.data["sources"]
    assert source["published"] == "2022-02-24 05:45:00"


@pytest.mark.parametrize(
    "value",
    ["Sunday, Oct. 8, 2023", "Sunday 8 October 2023", "Sun, 8 Oct 2023", "sun. 8 october 2023"],
)
def test_weekday_names(value: str) -> None:
    check(value, D(2023, 10, 8), D(2023, 10, 8), P.DAY)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Monday, Oct. 8, 2023", "2023-10-08 is a Sunday, not a Monday"),
        ("Sunday, October 2023", "a weekday needs a day"),
    ],
)
def test_weekday_errors(value: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("24 to 28 February 2022", D(2022, 2, 24), D(2022, 2, 28)),
        ("7-8 October 2023", D(2023, 10, 7), D(2023, 10, 8)),
        (f"7{EN_DASH}8 October 2023", D(2023, 10, 7), D(2023, 10, 8)),
        ("24th to 28th Feb. 2022", D(2022, 2, 24), D(2022, 2, 28)),
        ("28 February to 3 March 2022", D(2022, 2, 28), D(2022, 3, 3)),
        ("28 Feb - 3 Mar 2022", D(2022, 2, 28), D(2022, 3, 3)),
        ("February 24-28, 2022", D(2022, 2, 24), D(2022, 2, 28)),
        ("Feb. 24 to 28, 2022", D(2022, 2, 24), D(2022, 2, 28)),
        ("February 28 to March 3, 2022", D(2022, 2, 28), D(2022, 3, 3)),
        ("from 24 to 28 February 2022", D(2022, 2, 24), D(2022, 2, 28)),
    ],
)
def test_day_ranges(value: str, start: date, end: date) -> None:
    check(value, start, end, P.RANGE)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("28 to 24 February 2022", "ends before it starts"),
        ("24 to 30 February 2022", "February 2022 has no day 30"),
    ],
)
def test_day_range_errors(value: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "start", "end", "precision"),
    [
        ("end of February 2022", D(2022, 2, 21), D(2022, 2, 28), P.PART_OF_MONTH),
        ("the end of February 2022", D(2022, 2, 21), D(2022, 2, 28), P.PART_OF_MONTH),
        ("beginning of March 2022", D(2022, 3, 1), D(2022, 3, 10), P.PART_OF_MONTH),
        ("start of March 2022", D(2022, 3, 1), D(2022, 3, 10), P.PART_OF_MONTH),
        ("middle of March 2022", D(2022, 3, 11), D(2022, 3, 20), P.PART_OF_MONTH),
        ("end of 2022", D(2022, 9, 1), D(2022, 12, 31), P.PART_OF_YEAR),
        ("the beginning of 2022", D(2022, 1, 1), D(2022, 4, 30), P.PART_OF_YEAR),
        ("H1 2022", D(2022, 1, 1), D(2022, 6, 30), P.HALF),
        ("H2 2022", D(2022, 7, 1), D(2022, 12, 31), P.HALF),
        ("2022-H2", D(2022, 7, 1), D(2022, 12, 31), P.HALF),
        ("first half of 2022", D(2022, 1, 1), D(2022, 6, 30), P.HALF),
        ("the second half of 2022", D(2022, 7, 1), D(2022, 12, 31), P.HALF),
        ("1990s", D(1990, 1, 1), D(1999, 12, 31), P.DECADE),
        ("the 1990s", D(1990, 1, 1), D(1999, 12, 31), P.DECADE),
        ("the early 1990s", D(1990, 1, 1), D(1993, 12, 31), P.DECADE),
        ("mid-1990s", D(1994, 1, 1), D(1996, 12, 31), P.DECADE),
        ("late 1990s", D(1997, 1, 1), D(1999, 12, 31), P.DECADE),
        ("winter 2022/23", D(2022, 12, 1), D(2023, 2, 28), P.SEASON),
        ("winter 2022/2023", D(2022, 12, 1), D(2023, 2, 28), P.SEASON),
        ("winter 2023-24", D(2023, 12, 1), D(2024, 2, 29), P.SEASON),
        (f"winter 2022{EN_DASH}23", D(2022, 12, 1), D(2023, 2, 28), P.SEASON),
        ("winter 1999/00", D(1999, 12, 1), D(2000, 2, 29), P.SEASON),
        # Not two years in a row: a range from one winter to a year, as before.
        ("winter 2021/2023", D(2020, 12, 1), D(2023, 12, 31), P.RANGE),
        ("AD 14", D(14, 1, 1), D(14, 12, 31), P.YEAR),
        ("14 CE", D(14, 1, 1), D(14, 12, 31), P.YEAR),
    ],
)
def test_parts_halves_decades_and_split_winters(
    value: str, start: date, end: date, precision: Precision
) -> None:
    check(value, start, end, precision)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("end of Q3 2022", "end of goes with a month or a year"),
        ("H3 2022", "there is no half H3"),
        ("winter 2022-24", "a winter spans two years in a row"),
        ("0 BC", "there is no year 0"),
        ("10000 BC", "years run from 9999 BC to AD 9999"),
        ("90s", "the year 90 is ambiguous"),
    ],
)
def test_new_form_errors(value: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_date(value)


# Years before AD 1: start/end hold date.min, the astronomical year says which.
MIN = date.min


@pytest.mark.parametrize(
    ("value", "years", "bounds", "precision"),
    [
        ("44 BC", (-43, -43), ("-0043-01-01", "-0043-12-31"), P.YEAR),
        ("500 BCE", (-499, -499), ("-0499-01-01", "-0499-12-31"), P.YEAR),
        ("1 B.C.", (0, 0), ("0000-01-01", "0000-12-31"), P.YEAR),
        ("500 BCE to 44 BC", (-499, -43), ("-0499-01-01", "-0043-12-31"), P.RANGE),
        ("before 44 BC", (None, -44), (None, "-0044-12-31"), P.OPEN),
        ("since 44 BC", (-43, None), ("-0043-01-01", None), P.OPEN),
    ],
)
def test_years_before_ad_1(
    value: str,
    years: tuple[int | None, int | None],
    bounds: tuple[str | None, str | None],
    precision: Precision,
) -> None:
    parsed = parse_date(value)
    assert (parsed.start_year, parsed.end_year, parsed.precision) == (*years, precision)
    assert parsed.start in (None, MIN) and parsed.end in (None, MIN)
    assert iso_bounds(parsed) == bounds


def test_a_range_across_ad_1_and_the_day_after_1_bc() -> None:
    across = parse_date(f"44 BC {EN_DASH} AD 14")
    assert (across.start, across.start_year) == (MIN, -43)
    assert (across.end, across.end_year) == (D(14, 12, 31), None)
    after = parse_date("after 1 BC")
    assert (after.start, after.start_year) == (D(1, 1, 1), None)
    with pytest.raises(
        DateError, match=re.escape("ends before it starts (500 BC is before 44 BC)")
    ):
        parse_date("44 BC to 500 BC")


def test_years_before_ad_1_sort_first_and_in_order() -> None:
    written = ["AD 14", "44 BC", "0001-01-01", "500 BCE", "before 500 BCE", "1 BC", "1990s"]
    ordered = [d.text for d in sorted(map(parse_date, written), key=FuzzyDate.sort_key)]
    assert ordered == ["before 500 BCE", "500 BCE", "44 BC", "1 BC", "0001-01-01", "AD 14", "1990s"]


def test_events_within_a_day_sort_by_time() -> None:
    written = [
        "24 February 2022, 09:00",
        "2022-02-24",
        "2022-02-24T05:45",
        "February 2022",
        "2022-02-24T00:00",
    ]
    ordered = [d.text for d in sorted(map(parse_date, written), key=FuzzyDate.sort_key)]
    # A day without a time sorts at its midnight, after the same day at 00:00.
    assert ordered == [
        "February 2022",
        "2022-02-24T00:00",
        "2022-02-24",
        "2022-02-24T05:45",
        "24 February 2022, 09:00",
    ]


# --- numeric dates: only in the order the fact base declares -----------------------------


@pytest.mark.parametrize(
    ("value", "numeric", "day", "clock"),
    [
        ("2/24/2022", "month-first", D(2022, 2, 24), None),
        ("2/24/2022 05:45", "month-first", D(2022, 2, 24), time(5, 45)),
        ("02/03/2022", "month-first", D(2022, 2, 3), None),
        ("02/03/2022", "day-first", D(2022, 3, 2), None),
        ("24.02.2022", "day-first", D(2022, 2, 24), None),
        ("24-02-2022", "day-first", D(2022, 2, 24), None),
    ],
)
def test_numeric_dates_in_the_declared_order(
    value: str, numeric: str, day: date, clock: time | None
) -> None:
    assert parse_date(value, numeric) == FuzzyDate(day, day, P.DAY, value, False, clock, clock)


def test_numeric_dates_in_ranges_and_periods() -> None:
    both = parse_date("2/24/2022 to 2/28/2022", numeric="month-first")
    assert (both.start, both.end, both.precision) == (D(2022, 2, 24), D(2022, 2, 28), P.RANGE)
    period = parse_period("24.02.2022", {"on": "28.02.2022"}, numeric="day-first")
    assert period is not None and (period.start, period.end) == (D(2022, 2, 24), D(2022, 2, 28))


@pytest.mark.parametrize("value", ["2/24/2022", "02/03/2022", "24.02.2022", "2/24/2022 05:45"])
def test_numeric_dates_need_the_declared_order(value: str) -> None:
    # Refused even when the day is over 12: the same base must not take 24.02 and refuse 03.02.
    with pytest.raises(DateError) as caught:
        parse_date(value)
    assert "`dates: {numeric: month-first}` (2/24/2022) or `day-first` (24.02.2022)" in str(
        caught.value
    )
    assert "settings.yaml" in str(caught.value)


def test_a_numeric_date_against_the_declared_order_names_the_setting() -> None:
    with pytest.raises(
        DateError, match=re.escape("no month 24; settings.yaml says numeric dates are month-first")
    ):
        parse_date("24/02/2022", numeric="month-first")
    with pytest.raises(DateError, match="the year 22 is ambiguous"):
        parse_date("2/24/22", numeric="month-first")
    with pytest.raises(ValueError, match="numeric must be"):
        parse_date("2022", numeric="year-first")


# --- EDTF ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "edtf"),
    [
        ("2022-11-29", "2022-11-29"),
        ("2022-02-24T05:45", "2022-02-24T05:45:00"),
        ("24 February 2022, 05:45 UTC", "2022-02-24T05:45:00Z"),
        ("2022-02-24T05:45-05:00", "2022-02-24T05:45:00-05:00"),
        ("November 2022", "2022-11"),
        ("2022", "2022"),
        ("circa 2019", "2019~"),
        ("spring 2022", "2022-21"),
        ("summer 2022", "2022-22"),
        ("autumn 2022", "2022-23"),
        ("winter 2022", "2021-12/2022-02"),
        ("winter 2022/23", "2022-12/2023-02"),
        ("Q3 2022", "2022-07/2022-09"),
        ("H1 2022", "2022-01/2022-06"),
        ("late February 2022", "2022-02-21/2022-02-28"),
        ("mid-2022", "2022-05/2022-08"),
        ("1990s", "199X"),
        ("the early 1990s", "1990/1993"),
        ("44 BC", "-0043"),
        ("c. 500 BCE", "-0499~"),
        (f"44 BC {EN_DASH} AD 14", "-0043/0014"),
        ("2019/2022", "2019/2022"),
        ("c. 2019 to 2021", "2019~/2021~"),
        ("24 to 28 February 2022", "2022-02-24/2022-02-28"),
        ("../2022-12-28", "../2022-12-28"),
        ("since 2014", "2014/.."),
        ("before March 2024", "../2024-02"),
        ("2022-02-24T05:45/2022-02-24T09:00", "2022-02-24/2022-02-24"),
        ("2022-02-24?", "2022-02-24?"),
        ("March 2022?", "2022-03?"),
        ("circa 2019?", "2019%"),
        ("2019?/2022", "2019?/2022?"),
        ("after 2019?", "2020?/.."),
        ("44 BC?", "-0043?"),
        ("1990s?", "199X?"),
        ("winter 2022/23?", "2022-12?/2023-02?"),
        ({"on": "2022-03?", "text": "perhaps in March"}, "2022-03?"),
    ],
)
def test_to_edtf(value: str, edtf: str) -> None:
    assert to_edtf(parse_date(value)) == edtf


@pytest.mark.parametrize(
    ("value", "approximate"),
    [("2019?", False), ("circa 2019?", True), ("c. 2019?/2021", True), ("2019 to 2022?", False)],
)
def test_a_question_mark_marks_a_date_uncertain(value: str, approximate: bool) -> None:
    parsed = parse_date(value)
    plain = parse_date(value.replace("?", ""))
    assert parsed.uncertain and not plain.uncertain
    assert parsed.approximate is approximate
    assert (parsed.start, parsed.end, parsed.precision) == (plain.start, plain.end, plain.precision)
    assert parsed.text == value


def test_one_side_in_doubt_leaves_a_period_uncertain() -> None:
    first, last = parse_period("2019?", "2022"), parse_period("2019", "2022?")
    assert first is not None and last is not None
    assert first.uncertain and last.uncertain and (first.start, first.end) == (last.start, last.end)
    assert parse_period("2019?", None).uncertain  # type: ignore[union-attr]
    assert not parse_period("2019", "2022").uncertain  # type: ignore[union-attr]


@pytest.mark.parametrize("value", ["2022??", "?", "2019/2022 ??"])
def test_a_question_mark_alone_or_doubled_is_refused(value: str) -> None:
    with pytest.raises(DateError, match=r"one \? after it"):
        parse_date(value)


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
    written = template.format(a[0], b[0])
    # "winter 2021/2022" is the winter across the two years, not a range (tested apart).
    assume(
        not re.fullmatch(r"(?i)winter \d{4}/\d{4}", written)
        or parse_date(written).precision == P.RANGE
    )
    return written, a[1], b[2], P.RANGE


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


EDTF_FORMS = st.one_of(
    ANY_FORM.map(lambda form: form[0]),
    st.sampled_from(
        [
            "2022-02-24T05:45", "24 February 2022, 05:45 UTC", "2022-02-24T05:45+03:00",
            "Sunday, Oct. 8, 2023", "24 to 28 February 2022", "28 February to 3 March 2022",
            "end of February 2022", "beginning of 2022", "H1 2022", "2022-H2", "1990s",
            "the early 1990s", "late 1990s", "44 BC", "500 BCE", "500 BCE to 44 BC",
            "44 BC to AD 14", "before 44 BC", "since 44 BC", "winter 2022/23", "c. 44 BC",
            "circa 1990s", "~ Q3 2022", "2019?", "March 2022?", "circa 2019?", "2019?/2022",
            "after 2019?", "44 BC?", "1990s?", "2022-02-24T05:45?", "winter 2022/23?",
        ]
    ),
)  # fmt: skip


def _edtf_day(bound: object) -> tuple[int, int, int]:
    year, month, day = bound[:3]  # type: ignore[index]
    return int(year), int(month), int(day)


def _ymd(iso: str) -> tuple[int, int, int]:
    sign = -1 if iso.startswith("-") else 1
    year, month, day = iso.lstrip("-").split("-")
    return sign * int(year), int(month), int(day)


@settings(max_examples=300, deadline=None)
@given(EDTF_FORMS)
def test_every_edtf_string_reads_back_as_the_same_days(value: str) -> None:
    from edtf import parse_edtf

    parsed = parse_date(value)
    edtf = parse_edtf(to_edtf(parsed))
    both = edtf.is_uncertain_and_approximate
    assert (edtf.is_uncertain or both) is parsed.uncertain
    assert (edtf.is_approximate or both) is parsed.approximate
    start, end = iso_bounds(parsed)
    if start is not None and end is not None:
        assert _edtf_day(edtf.lower_strict()) == _ymd(start)
        assert _edtf_day(edtf.upper_strict()) == _ymd(end)
    elif start is not None:
        assert _edtf_day(edtf.lower.lower_strict()) == _ymd(start)
    elif end is not None:
        assert _edtf_day(edtf.upper.upper_strict()) == _ymd(end)


@pytest.mark.parametrize(
    "value",
    [
        "2022-02-24T05:45+03:00",
        "2022-02-24T05:45/2022-02-25T09:00Z",
        "44 BC to AD 14",
        "2022",
        "2019?",
    ],
)
def test_the_cache_keeps_times_and_years_before_ad_1(value: str) -> None:
    from briefing import cache
    from briefing.model import Event, Origin

    event = Event("e", parse_date(value), "T", Origin("a.yaml", 3))
    assert cache.decode(Event, cache.encode(event), "a.yaml") == event


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("24 February 2022, 05:45 to 09:00", time(5, 45), time(9)),
        ("2022-02-24T05:45/09:00", time(5, 45), time(9)),
        ("24 February 2022, 9 a.m. to 5 p.m.", time(9), time(17)),
        ("24 February 2022, 05:45 \u2013 09:00 UTC", time(5, 45), time(9, tzinfo=UTC)),
    ],
)
def test_a_span_of_hours_takes_its_day_from_its_start(value: str, start: time, end: time) -> None:
    parsed = parse_date(value)
    assert (parsed.start, parsed.end) == (date(2022, 2, 24), date(2022, 2, 24))
    assert (parsed.start_time, parsed.end_time) == (start, end)
    assert parsed.precision == Precision.RANGE


def test_a_bare_minus_after_a_time_is_not_taken_for_an_offset() -> None:
    with pytest.raises(DateError, match="span of hours as 24 February 2022, 05:45 to 09:00"):
        parse_date("24 February 2022, 05:45-09:00")
    assert parse_date("2022-02-24T05:45-09:00").start_time == time(
        5, 45, tzinfo=timezone(-timedelta(hours=9))
    )
    assert parse_date("24 February 2022, 05:45 UTC-9") == dataclasses.replace(
        parse_date("2022-02-24T05:45-09:00"), text="24 February 2022, 05:45 UTC-9"
    )
    with pytest.raises(DateError, match=r"\(05:45 is before 09:00\)"):
        parse_date("24 February 2022, 09:00 to 05:45")


@pytest.mark.parametrize(
    "value",
    [
        "Thursday, 24 February to Monday, 28 February 2022",
        "Thu 24 to Mon 28 February 2022",
        "Thursday, Feb. 24 to Monday, Feb. 28, 2022",
    ],
)
def test_a_range_of_days_may_name_their_weekdays(value: str) -> None:
    assert parse_date(value) == dataclasses.replace(
        parse_date("24 to 28 February 2022"), text=value
    )


def test_a_wrong_weekday_in_a_range_is_an_error() -> None:
    with pytest.raises(DateError, match="2022-02-28 is a Monday, not a Sunday"):
        parse_date("Thursday, 24 to Sunday, 28 February 2022")


def test_the_edtf_writer_knows_the_last_day_of_every_month() -> None:
    from briefing.edtf import _ends_a_month

    days = [date(1, 1, 1) + timedelta(days=n) for n in range(0, 3_652_059, 7)]
    days += [date(2024, 2, 28), date(2024, 2, 29), date(2023, 2, 28), date.max]
    for day in days:
        assert _ends_a_month(day) == (day.day == calendar.monthrange(day.year, day.month)[1])
