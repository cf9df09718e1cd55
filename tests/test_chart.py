"""Timeline pictures: the chart's layout (pure), drawn as SVG (checked in headless Chromium)
and in the terminal, and the TimelineJS document (drawn by the pinned TimelineJS)."""

from __future__ import annotations

import itertools
import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from briefing.chart import MAX_LANES, MAX_TIERS, chart
from briefing.cli import app
from briefing.loader import bundled_facts, load
from briefing.model import Event, FuzzyDate, Origin, Precision
from briefing.render.svg import measure
from tests.browser import chromium_page, js_asset, needs_chromium
from tests.conftest import FIXTURES, GOLDEN

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = FIXTURES / "hostile-chart"
CHARTS = GOLDEN / "chart"


def _invoke(runner: CliRunner, *args: str, **env: str) -> Any:
    result = runner.invoke(app, ["timeline", *args], env=env or None)
    assert result.exit_code == 0, result.output
    return result


def _event(n: int, first: int, last: int, precision: Precision, vague: bool, lane: str) -> Event:
    start, end = date.fromordinal(first), date.fromordinal(last)
    when = FuzzyDate(start, end, precision, "x", approximate=vague)
    return Event(f"e{n}", when, f"Event number {n} " * (n % 4 + 1), Origin("f", 1), actors=(lane,))


events_strategy = st.lists(
    st.tuples(
        st.integers(738000, 739000),
        st.integers(0, 400),
        st.sampled_from(list(Precision)),
        st.booleans(),
        st.sampled_from("abcdefghijklmnop"),
    ),
    max_size=60,
).map(
    lambda rows: [
        _event(n, first, first + (0 if p == Precision.DAY else span), p, vague, lane)
        for n, (first, span, p, vague, lane) in enumerate(rows)
    ]
)


@settings(max_examples=150, deadline=None)
@given(events_strategy, st.integers(40, 1200))
def test_labels_never_overlap_and_every_mark_is_on_the_axis(events: list[Event], room: int) -> None:
    layout = chart(events, str.upper, room, measure, 2 * measure("x"))
    assert len(layout.lanes) == min(MAX_LANES, len({e.actors[0] for e in events}))
    assert layout.more_lanes + len(layout.lanes) == len({e.actors[0] for e in events})
    for lane in layout.lanes:
        assert lane.tiers <= MAX_TIERS
        rows: dict[int, list[tuple[float, float]]] = {}
        for mark in lane.marks:
            assert 0 <= mark.start <= mark.end <= 1
            if mark.tier is None:
                continue
            left = mark.label_at * room
            right = left + measure(mark.label)
            assert left >= -1e-9 and right <= room + 1e-9, (left, right, room)
            rows.setdefault(mark.tier, []).append((left, right))
        for spans in rows.values():
            spans.sort()
            for (_, end), (start, _) in itertools.pairwise(spans):
                assert end <= start, spans  # labels in one row never overlap
    shown = sum(len(lane.marks) for lane in layout.lanes)
    if not layout.more_lanes:
        assert shown == len(events)
    assert sum(m.tier is None for lane in layout.lanes for m in lane.marks) == layout.unlabelled


def test_an_event_is_in_each_of_its_lanes_and_an_undated_one_in_none() -> None:
    facts = load(bundled_facts()).facts
    layout = chart(facts.events, str, 800, measure, 10)
    lanes = {lane.key: {m.event.id for m in lane.marks} for lane in layout.lanes}
    for event in facts.events:
        for actor in event.actors:
            if actor in lanes:
                assert event.id in lanes[actor]


def test_vague_and_open_ends_are_shaded_and_days_are_points() -> None:
    day = _event(1, 738500, 738500, Precision.DAY, False, "a")
    month = _event(2, 738500, 738529, Precision.MONTH, False, "a")
    circa = _event(3, 738500, 738529, Precision.MONTH, True, "a")
    marks = {
        m.event.id: m for m in chart([day, month, circa], str, 500, measure, 10).lanes[0].marks
    }
    assert marks["e1"].point and marks["e1"].start == marks["e1"].end
    assert not marks["e2"].point and not (marks["e2"].fade_start or marks["e2"].fade_end)
    assert marks["e3"].fade_start and marks["e3"].fade_end


# -- SVG -------------------------------------------------------------------------------------


def _texts(svg: str) -> tuple[ET.Element, list[str]]:
    root = ET.fromstring(svg)
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}foreignObject"))
    for element in root.iter():
        assert not any(a.lower().startswith("on") for a in element.attrib)
        assert not any("href" in a for a in element.attrib)
    return root, ["".join(t.itertext()) for t in root.iter(f"{SVG}title")]


def test_svg_keeps_every_hostile_title_as_text(runner: CliRunner) -> None:
    svg = _invoke(runner, "--facts", str(HOSTILE), "-f", "svg").stdout
    _, titles = _texts(svg)
    facts = load(HOSTILE).facts
    for event in facts.events:
        assert any(t.startswith(event.title + " (") for t in titles), event.title
    assert "<script>" not in svg and "&lt;script&gt;" in svg


@needs_chromium
@pytest.mark.parametrize("base", ["bundled", "hostile"])
def test_svg_labels_do_not_overlap_in_a_browser(runner: CliRunner, base: str) -> None:
    args = ["--facts", str(HOSTILE)] if base == "hostile" else []
    svg = _invoke(runner, *args, "-f", "svg", "--width", "900").stdout
    requests: list[str] = []
    with chromium_page() as page:
        page.on("request", lambda r: requests.append(r.url))
        page.set_content(f"<!doctype html><html><body style='margin:0'>{svg}</body></html>")
        boxes = page.evaluate(
            """() => {
                const svg = document.querySelector("svg");
                const view = svg.viewBox.baseVal;
                return {view: [view.width, view.height], texts: [...svg.querySelectorAll("text")]
                    .map(t => { const b = t.getBBox();
                                return [b.x, b.y, b.width, b.height, t.textContent]; })};
            }"""
        )
    width, height = boxes["view"]
    texts = boxes["texts"]
    for x, y, w, h, text in texts:
        assert x >= 0 and y >= 0 and x + w <= width + 0.5 and y + h <= height + 0.5, text
    for i, (x, y, w, h, a) in enumerate(texts):
        for x2, y2, w2, h2, b in texts[i + 1 :]:
            apart = (
                x + w <= x2 + 0.5 or x2 + w2 <= x + 0.5 or y + h <= y2 + 0.5 or y2 + h2 <= y + 0.5
            )
            assert apart, (a, b)
    assert not [u for u in requests if not u.startswith(("about:", "data:"))]


# -- terminal --------------------------------------------------------------------------------


def test_chart_in_the_terminal_fits_its_width(runner: CliRunner) -> None:
    for width in (60, 80, 120, 160):
        out = _invoke(runner, "--chart", "--no-color", COLUMNS=str(width)).stdout
        assert all(len(line) <= width for line in out.splitlines()), width
        assert "2022" in out and "●" in out and "━" in out


def test_chart_is_for_the_terminal(runner: CliRunner) -> None:
    result = runner.invoke(app, ["timeline", "--chart", "-f", "json"])
    assert result.exit_code == 2 and "try -f svg" in result.stderr


# -- TimelineJS ------------------------------------------------------------------------------


def test_timelinejs_dates_are_no_sharper_than_the_source(runner: CliRunner) -> None:
    data = json.loads(_invoke(runner, "-f", "timelinejs").stdout)
    facts = {e.id: e for e in load(bundled_facts()).facts.events}
    assert data["title"]["text"]["headline"] == "Timeline"
    for slide in data["events"]:
        event = facts[slide["unique_id"].removeprefix("event-")]
        when = event.date
        start = slide["start_date"]
        if when.precision == Precision.DAY:
            assert {"year", "month", "day"} <= set(start)
        elif when.precision in (Precision.YEAR, Precision.DECADE):
            assert set(start) == {"year"}
        elif when.precision not in (Precision.RANGE, Precision.OPEN):
            assert "day" not in start
        assert slide["display_date"]
        assert slide["text"]["headline"]


def _schema() -> dict[str, Any]:
    part = {"type": "integer"}
    date_object = {
        "type": "object",
        "required": ["year"],
        "additionalProperties": False,
        "properties": {"year": part, "month": part, "day": part, "hour": part, "minute": part},
    }
    text = {
        "type": "object",
        "additionalProperties": False,
        "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
    }
    slide = {
        "type": "object",
        "required": ["start_date", "text", "unique_id"],
        "additionalProperties": False,
        "properties": {
            "start_date": date_object,
            "end_date": date_object,
            "display_date": {"type": "string"},
            "text": text,
            "group": {"type": "string"},
            "unique_id": {"type": "string", "pattern": "^event-[A-Za-z0-9_.-]+$"},
        },
    }
    return {
        "type": "object",
        "required": ["events"],
        "additionalProperties": False,
        "properties": {"title": {"type": "object"}, "events": {"type": "array", "items": slide}},
    }


@pytest.mark.parametrize("base", [None, FIXTURES / "real-events", HOSTILE])
def test_timelinejs_follows_the_documented_format(runner: CliRunner, base: Path | None) -> None:
    import jsonschema  # type: ignore[import-untyped]

    args = ["--facts", str(base)] if base else []
    data = json.loads(_invoke(runner, *args, "-f", "timelinejs").stdout)
    jsonschema.validate(data, _schema())
    ids = [s["unique_id"] for s in data["events"]]
    assert len(ids) == len(set(ids))


@needs_chromium
@pytest.mark.parametrize("base", [None, HOSTILE])
def test_timelinejs_draws_our_document(runner: CliRunner, base: Path | None) -> None:
    args = ["--facts", str(base)] if base else []
    document = json.loads(_invoke(runner, *args, "-f", "timelinejs").stdout)
    script = js_asset("timelinejs/js/timeline.js")
    css = js_asset("timelinejs/css/timeline.css")
    requests: list[str] = []
    errors: list[str] = []
    with chromium_page() as page:
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.set_content(
            "<!doctype html><html><body><div id=tl style='width:1000px;height:600px'></div>"
            "</body></html>"
        )
        page.add_style_tag(path=str(css))
        page.add_script_tag(path=str(script))
        shown = page.evaluate(
            """async (data) => {
                // font: null, or TimelineJS fetches its own fonts from its CDN.
                const tl = new TL.Timeline("tl", data, {font: null});
                await new Promise(r => setTimeout(r, 1500));
                const slides = [...document.querySelectorAll(".tl-slide")];
                return {slides: slides.length,
                        headlines: [...document.querySelectorAll(".tl-slide .tl-headline")]
                            .map(h => h.textContent),
                        made: document.querySelectorAll(".tl-slide script, .tl-slide b").length};
            }""",
            document,
        )
    assert not errors
    assert shown["slides"] == len(document["events"]) + 1  # and the title slide
    facts = load(base or bundled_facts()).facts
    titles = {" ".join(e.title.split()) for e in facts.events}
    assert {" ".join(h.split()) for h in shown["headlines"]} >= titles
    assert shown["made"] == 0
    assert not [u for u in requests if not u.startswith(("about:", "data:", "file:"))]


# -- golden files ----------------------------------------------------------------------------

CASES = {
    "mini.svg": ["--facts", str(FIXTURES / "mini"), "-f", "svg"],
    "real-events.svg": ["--facts", str(FIXTURES / "real-events"), "-f", "svg", "--lanes", "topic"],
    "mini.timelinejs": ["--facts", str(FIXTURES / "mini"), "-f", "timelinejs"],
    "real-events.timelinejs": ["--facts", str(FIXTURES / "real-events"), "-f", "timelinejs"],
    "bundled-80.txt": ["--chart", "--no-color"],
    "real-events-120.txt": ["--facts", str(FIXTURES / "real-events"), "--chart", "--no-color"],
}


@pytest.mark.parametrize("name", list(CASES))
def test_timeline_picture_matches_golden(runner: CliRunner, name: str) -> None:
    width = name.rsplit("-", 1)[-1].split(".")[0] if name.endswith(".txt") else "80"
    env = {"COLUMNS": width, "FORCE_COLOR": None, "NO_COLOR": None}
    result = runner.invoke(app, ["timeline", *CASES[name]], env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout == (CHARTS / name).read_text(encoding="utf-8")
