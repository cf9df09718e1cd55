"""Tests for briefing.datetext: the compact date every view shows, and when the curator's
wording is shown beside it."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from datetime import UTC, date, time, timedelta, timezone
from functools import cache

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console

from briefing import query
from briefing.anchors import shift
from briefing.dates import NUMERIC_ORDERS, has_numeric_date, parse_date, parse_period
from briefing.datetext import compact, days, wording
from briefing.loader import bundled_facts, load
from briefing.model import FuzzyDate, Precision, year_start
from briefing.render.json import JsonRenderer
from briefing.render.markdown import MarkdownRenderer
from briefing.render.terminal import TerminalRenderer
from briefing.views import Basis, TimelineView

EN = "\N{EN DASH}"


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("2022-11-29", "29 Nov 2022"),
        ("Nov. 29, 2022", "29 Nov 2022"),
        ("November 2022", "Nov 2022"),
        ("late February 2022", "late Feb 2022"),
        ("mid-September 2022", "mid-Sep 2022"),
        ("circa late October 2022", "c. late Oct 2022"),
        ("Feb 2022/Dec 2022", f"Feb{EN}Dec 2022"),
        ("Nov 2021/Feb 2022", f"Nov 2021{EN}Feb 2022"),
        ("until 2022-11-29", "by 29 Nov 2022"),
        ("since 2019", f"2019{EN}"),
        ("from March 2022", f"Mar 2022{EN}"),
        ("after 2022-11-29", f"30 Nov 2022{EN}"),
        ("before 2022", "by 2021"),
        ("until circa 2019", "by c. 2019"),
        ("3-10 March 2022", f"3{EN}10 Mar 2022"),
        ("28 February to 3 March 2022", f"28 Feb{EN}3 Mar 2022"),
        ("28 Dec 2021 to 3 Jan 2022", f"28 Dec 2021{EN}3 Jan 2022"),
        ("Feb 2022 to 2022-03-10", f"Feb 2022{EN}10 Mar 2022"),
        ("late February 2022/December 2022", f"late Feb 2022{EN}Dec 2022"),
        ("spring 2022 to autumn 2022", f"spring{EN}autumn 2022"),
        ("2022-03-03/2022-03-10", f"3{EN}10 Mar 2022"),
        ("Q1 2022 to Q3 2022", f"Q1{EN}Q3 2022"),
        ("until mid-March 2020", "by mid-Mar 2020"),
        ("from circa late 2019", f"c. late 2019{EN}"),
        ("2019/2022", f"2019{EN}2022"),
        # A side is shown as finely as the curator wrote it, not coarser.
        ("2022-01-01/2022-12-31", f"1 Jan{EN}31 Dec 2022"),
        ("2022-01/2022-12", f"Jan{EN}Dec 2022"),
        ("from 2023-01", f"Jan 2023{EN}"),
        ("from 1 January 2023", f"1 Jan 2023{EN}"),
        ("until December 2022", "by Dec 2022"),
        ("until 2022", "by 2022"),
        ("c. 2019/2022", f"c. 2019{EN}2022"),
        ("spring 2022", "spring 2022"),
        ("fall 2022", "autumn 2022"),
        ("winter 2022", "winter 2021/22"),
        ("winter 2022/23", "winter 2022/23"),
        ("Q3 2022", "Q3 2022"),
        ("H1 2022", "H1 2022"),
        ("second half of 2022", "H2 2022"),
        ("early 2022", "early 2022"),
        ("mid-2022", "mid-2022"),
        ("end of 2022", "late 2022"),
        ("2022", "2022"),
        ("the 1990s", "1990s"),
        ("the early 1990s", "early 1990s"),
        ("mid-1990s", "mid-1990s"),
        ("44 BC", "44 BC"),
        ("AD 14", "AD 14"),
        ("44 BC/AD 14", f"44 BC{EN}AD 14"),
        ("44 BC/2022-03-01", f"44 BC{EN}1 Mar 2022"),
        ("March 0014", "Mar 0014"),
        ("2022?", "2022?"),
        ("circa 2022-02-24?", "c. 24 Feb 2022?"),
        ("24 February 2022, 05:45", "24 Feb 2022 05:45"),
        ("24 February 2022, 05:45 UTC", "24 Feb 2022 05:45 UTC"),
        ("2022-02-24T05:45:30+05:30", "24 Feb 2022 05:45:30 UTC+5:30"),
        ("24 February 2022, 05:45 to 09:00", f"24 Feb 2022 05:45{EN}09:00"),
        ("2022-02-24T05:45/2022-02-25T09:00", f"24 Feb 2022 05:45{EN}25 Feb 2022 09:00"),
    ],
)
def test_the_compact_style(written: str, shown: str) -> None:
    assert compact(parse_date(written)) == shown


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        # Ranges whose two ends show the same collapse to one date.
        ("circa January 2022/circa January 2022", "c. Jan 2022"),
        ("Feb 2022 to Feb 2022", "Feb 2022"),
        ("2022-03-01/2022-03-01", "1 Mar 2022"),
        ("2022/2022", "2022"),
        ("2019/2019", "2019"),
    ],
)
def test_a_range_whose_ends_show_the_same_collapses(written: str, shown: str) -> None:
    assert compact(parse_date(written)) == shown


def test_periods_of_from_and_until_fields() -> None:
    assert compact(parse_period("circa January 2022", "circa January 2022")) == "c. Jan 2022"
    assert compact(parse_period("2019", None)) == f"2019{EN}"
    assert compact(parse_period(None, "2022-11-29")) == "by 29 Nov 2022"
    assert compact(parse_period("February 2022", "2022-12-28")) == f"Feb 2022{EN}28 Dec 2022"
    assert compact(None) == "undated"


def test_words_that_say_more_leave_each_side_as_its_bounds_fall() -> None:
    capital = parse_period(
        {"on": "circa 2019", "text": "three years before the mid-September 2022 decision"},
        {"on": "late 2022", "text": "the mid-September 2022 decision or later"},
    )
    assert capital is not None
    assert compact(capital) == f"c. 2019{EN}2022"
    assert wording(capital) == capital.text


def test_an_anchored_date_shows_its_worked_out_date() -> None:
    anchored = parse_date({"after": "call", "offset": "1 day", "text": "a day later"})
    assert compact(anchored) == "undated"  # not yet worked out
    worked_out = shift(anchored, parse_date("2022-11-29"))
    assert compact(worked_out) == "30 Nov 2022"
    assert wording(worked_out) == "a day later"
    # Shifted by a day, late February is no longer a part of a month: its days are shown.
    shifted = shift(parse_date({"after": "x", "offset": "1 day"}), parse_date("late Feb 2022"))
    assert shifted.precision == Precision.PART_OF_MONTH
    assert compact(shifted) == f"22 Feb{EN}1 Mar 2022"
    assert wording(shifted) == ""  # "1 day after x" names a fact's id, not the reader's words


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ({"from": "late February 2022", "until": "2022-12-28"}, f"late Feb 2022{EN}28 Dec 2022"),
        (
            {"from": "late February 2022", "until": "2022-12-28", "text": "early in the war"},
            f"late Feb 2022{EN}28 Dec 2022",
        ),
        ({"until": "2022-11-29", "text": "had begun by then"}, "by 29 Nov 2022"),
        ({"from": "late February 2022", "text": "since the war began"}, f"late Feb 2022{EN}"),
        ({"on": "mid-September 2022", "text": "in the autumn"}, "mid-Sep 2022"),
    ],
)
def test_sources_words_never_sharpen_the_date_as_written(value: dict[str, str], shown: str) -> None:
    """`text:` replaces the words, not the date: its sides show as written, 'late Feb', never
    the first day of late February."""
    assert compact(parse_date(value)) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ({"on": "2022-11-30", "text": "a day later"}, "a day later"),
        (
            {"on": "circa January 2022", "text": "in the wake of the January 2022 uprising"},
            "in the wake of the January 2022 uprising",
        ),
        ({"from": "late February 2022", "until": "2022-12-28", "text": "early in the war"}, None),
        ({"on": "2022-12-28", "text": "now"}, "now"),
        # Date words that read as another date say more: shown.
        ({"on": "2022-11-29", "text": "late November 2022"}, "late November 2022"),
        # The same date in other words, or in the numeric order of any fact base: not shown.
        ({"on": "January 2022", "text": "January 2022"}, ""),
        ({"on": "circa January 2022", "text": "circa January 2022"}, ""),
        ({"on": "2022-11-29", "text": "Tuesday, Nov. 29, 2022"}, ""),
        ({"on": "2022-02-24", "text": "24.02.2022"}, ""),
        ({"on": "2022-02-24", "text": "2/24/2022"}, ""),
    ],
)
def test_the_wording_is_shown_only_where_it_says_more(
    value: dict[str, str], shown: str | None
) -> None:
    when = parse_date(value)
    assert wording(when) == (value["text"] if shown is None else shown)


@pytest.mark.parametrize(
    "written", ["January 2022", "2022-11-29", "since 2019", "c. 2019/2022", "winter 2022"]
)
def test_a_date_as_written_never_shows_its_wording(written: str) -> None:
    assert wording(parse_date(written)) == ""
    assert wording(parse_period("2019", "2022")) == ""
    assert wording(None) == ""


# --- properties ------------------------------------------------------------------------

LOW, HIGH = date(1, 1, 1).toordinal(), date(9999, 12, 31).toordinal()
FIRST_BC = year_start(-9998)
ZONES = st.sampled_from([None, UTC, timezone(timedelta(hours=3)), timezone(-timedelta(hours=5))])


@st.composite
def written_dates(draw: st.DrawFn) -> FuzzyDate:
    """A date as the grammar reads it, in any accepted form: with a circa, a question mark,
    a time of day, before AD 1, as a range or an open period."""
    d = draw(st.dates(min_value=date(1000, 1, 1), max_value=date(9998, 12, 31)))
    y = f"{d.year:04d}"
    part = draw(st.sampled_from(["early", "mid", "late"]))
    forms = [
        d.isoformat(),
        f"{d:%B} {y}",
        f"{part} {d:%B} {y}",
        f"{part} {y}",
        f"{draw(st.sampled_from(['spring', 'summer', 'autumn', 'winter']))} {y}",
        f"Q{(d.month - 1) // 3 + 1} {y}",
        f"H{draw(st.integers(1, 2))} {y}",
        y,
        f"{part} {d.year - d.year % 10}s",
        f"{d.year - d.year % 10}s",
        f"{draw(st.integers(1, 9999))} BC",
    ]
    single = draw(st.sampled_from(forms))
    clock = draw(st.times().map(lambda t: t.replace(microsecond=0)))
    zone = draw(ZONES)
    timed = f"{d.isoformat()}T{clock.replace(tzinfo=zone).isoformat()}"
    other = draw(st.sampled_from(forms))
    shape = draw(st.sampled_from(["single", "timed", "range", "open", "circa", "doubt"]))
    if shape == "timed":
        return parse_date(timed)
    if shape == "range":
        first, second = parse_date(single), parse_date(other)
        if (second.start_ordinal() or 0) < (first.start_ordinal() or 0):
            single, other = other, single
            first, second = second, first
        if (second.end_ordinal() or 0) < (first.start_ordinal() or 0):
            return first
        return parse_date(f"{single}/{other}")
    if shape == "open":
        word = draw(st.sampled_from(["since", "until", "after", "before"]))
        return parse_date(f"{word} {single}")
    if shape == "circa":
        return parse_date(f"circa {single}")
    if shape == "doubt":
        return parse_date(f"{single}?")
    return parse_date(single)


@st.composite
def any_bounds(draw: st.DrawFn) -> FuzzyDate:
    """Any bounds with any precision, as a date shifted from another may have them."""
    start = draw(st.integers(LOW, HIGH))
    end = draw(st.integers(start, min(HIGH, start + 800)))
    sides = draw(st.sampled_from(["both", "start", "end"]))
    first = date.fromordinal(start) if sides != "end" else None
    last = date.fromordinal(end) if sides != "start" else None
    precision = draw(st.sampled_from(list(Precision)))
    if first is None or last is None:
        precision = Precision.OPEN
    return FuzzyDate(
        first, last, precision, "x", draw(st.booleans()), uncertain=draw(st.booleans())
    )


_SHARED = re.compile(r"(?P<first>[^\N{EN DASH}]+)\N{EN DASH}(?P<last>.+)")


def read_back(shown: str) -> FuzzyDate:
    """``shown`` read by the date grammar, which does not read the two shapes the compact
    style adds: an open end ('2019–', read as 'from 2019') and ends sharing their year or
    month ('Feb–Dec 2022' read as 'Feb 2022–Dec 2022', '3–10 Mar 2022' as written)."""
    text = shown
    if text.endswith("\N{EN DASH}"):
        return parse_date("from " + text[:-1])
    both = _SHARED.fullmatch(text.removeprefix("c. "))
    if both is not None and not re.search(r"\d{4}|BC|AD|^\d+$", both["first"]):
        year = both["last"].rsplit(" ", 1)[-1].rstrip("?")
        text = text.replace(both["first"], f"{both['first']} {year}", 1)
    return parse_date(text)


def _bounds(when: FuzzyDate) -> tuple[object, ...]:
    return (
        when.start_ordinal(),
        when.end_ordinal(),
        when.approximate,
        when.uncertain,
        when.start_time,
        when.end_time,
    )


@settings(max_examples=400)
@given(st.one_of(written_dates(), any_bounds()))
@example(parse_date("winter 2000/early January 2000"))  # found by Hypothesis: 29 long
def test_the_compact_date_is_short_and_reads_back_as_the_same_date(when: FuzzyDate) -> None:
    shown = compact(when)
    timed = when.start_time is not None or when.end_time is not None
    if timed:
        assert len(shown) <= 46
    elif "\N{EN DASH}" in shown[:-1]:  # a range, whose ends may fall in two years
        # Each end as short as a date alone ('winter 1999/00–early Jan 2000' is 29 long).
        ends = shown.removeprefix("c. ").rstrip("?").split("\N{EN DASH}")
        assert len(ends) == 2 and all(len(end) <= 16 for end in ends), shown
    else:
        assert len(shown) <= 20, shown
    assert _bounds(read_back(shown)) == _bounds(when), shown
    # And the date's own compact form never needs its wording beside it.
    assert wording(dataclasses.replace(when, text=shown)) == ""


@given(st.dates(min_value=date(1, 1, 1)), st.booleans())
def test_a_day_reads_back_as_that_day(day: date, circa: bool) -> None:
    when = FuzzyDate(day, day, Precision.DAY, day.isoformat(), circa)
    shown = compact(when)
    assert len(shown) <= 14
    assert (parse_date(shown).start, parse_date(shown).end) == (day, day)
    assert parse_date(shown).approximate is circa


def test_times_keep_their_zone() -> None:
    when = FuzzyDate(
        date(2022, 2, 24), date(2022, 2, 24), Precision.DAY, "x", False, time(5, 45), time(5, 45)
    )
    assert compact(when) == "24 Feb 2022 05:45"
    assert compact(parse_date("2022-02-24T05:45Z")) == "24 Feb 2022 05:45 UTC"
    assert compact(parse_date("2022-02-24T05:45-03:30")) == "24 Feb 2022 05:45 UTC-3:30"


# --- in the views -----------------------------------------------------------------------


@cache
def bundled_timeline() -> TimelineView:
    facts = load(bundled_facts()).facts
    return TimelineView(Basis(facts), tuple(query.timeline(facts)))


def test_markdown_shows_the_compact_date_and_the_wording_in_italics() -> None:
    text = str(MarkdownRenderer().timeline(bundled_timeline()))
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert (
        "| 30 Nov 2022 | **Kremlin spokesman gives the reason for the gas-union plan** "
        "*(a day later)* — " in text
    )
    assert any(r.startswith("| c\\. Jan 2022 | **Moscow sends a CSTO task force") for r in rows)
    assert (
        "| 20 Nov 2022 | **Tokayev wins Kazakhstan\\'s presidential election handily** — " in text
    )
    # Every date cell is in the compact style: no ISO day, no month in full.
    dates = [r.split(" | ")[0][2:] for r in rows[2:]]
    assert dates and not any(re.search(r"\d{4}-\d\d|January|November", d) for d in dates)
    # A range whose ends are of two kinds writes both years: 'late Feb 2022–28 Dec 2022'.
    assert all(len(d.replace("\\", "")) <= 25 for d in dates)


def test_the_terminal_shows_the_wording_under_the_event_dim_and_italic() -> None:
    view = bundled_timeline()
    console = Console(width=120, record=True, color_system="standard", file=io.StringIO())
    console.print(TerminalRenderer().timeline(view))
    plain = console.export_text(clear=False)
    lines = plain.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("30 Nov 2022 "))
    assert "Kremlin spokesman gives the reason" in lines[at]
    assert lines[at + 1].strip() == "a day later"
    assert re.search(r"\x1b\[[\d;]*\b2;3ma day later", console.export_text(styles=True))
    assert not any(line.strip() == "November 2022" for line in lines)


def test_json_keeps_the_curators_wording() -> None:
    data = json.loads(str(JsonRenderer().timeline(bundled_timeline())))
    later = next(e for e in data["events"] if e["id"] == "peskov-explains-gas-union")
    assert (later["date"], later["start"]) == ("a day later", "2022-11-30")


@given(st.dates(min_value=date(1000, 1, 1)), st.integers(0, 800))
@example(date(2022, 1, 1), 30)  # whole months: still days, as ISO days read
@example(date(2022, 3, 1), 91)
@example(date(2022, 1, 1), 364)
def test_days_from_bounds_read_as_the_same_days_written_out(start: date, length: int) -> None:
    """A brief's window is shown from its bounds alone, as the ISO range would be."""
    end = (
        start + timedelta(days=length)
        if start.toordinal() + length <= date.max.toordinal()
        else start
    )
    written = FuzzyDate(start, end, Precision.RANGE, f"{start.isoformat()}/{end.isoformat()}")
    assert days(start, end) == compact(written)


@settings(max_examples=300)
@given(written_dates())
def test_a_text_without_a_numeric_date_reads_the_same_in_every_order(when: FuzzyDate) -> None:
    # The wording check reads a text once when it has no numeric date (2/24/2022): that is
    # only right if ``numeric`` cannot change the reading of any other text.
    assert not has_numeric_date(when.text)
    readings = {parse_date(when.text, numeric) for numeric in (None, *NUMERIC_ORDERS)}
    assert len(readings) == 1, when.text


def test_a_numeric_date_is_found_anywhere_in_a_text() -> None:
    assert has_numeric_date("from 2/24/2022 until 3/1/2022")
    assert has_numeric_date("circa 24.02.2022")
    assert not has_numeric_date("2022-02-24/2022-03-01")  # ISO reads in one way only
    assert not has_numeric_date("late February 2022")


def test_dates_equal_but_for_how_they_were_written_keep_their_own_compact_text() -> None:
    # Dates are remembered by value, and ``written`` is left out of a date's equality: the
    # remembered text must still be each one's own.
    said = dataclasses.replace(
        parse_date("from 2023-01"), text="early in the war", written="from 2023-01"
    )
    bare = dataclasses.replace(said, written="")
    assert said == bare
    assert (compact(said), compact(bare)) == ("Jan 2023\N{EN DASH}", "2023\N{EN DASH}")
    assert (wording(said), wording(bare)) == ("early in the war", "early in the war")
