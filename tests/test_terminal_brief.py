"""The briefing document in the terminal: sections, attribution, width and inert fact text."""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable
from datetime import date
from functools import cache

import pytest
from rich.cells import cell_len
from rich.console import Console, RenderableType

from briefing import views
from briefing.brief import Briefing, assemble, choose
from briefing.loader import bundled_facts, load
from briefing.model import Brief, Citation, FactBase, Origin, Point
from briefing.render import terminal
from briefing.spec import SECTION_TITLES

TODAY = date(2022, 12, 28)
HERE = Origin("x", 1)
MARKUP = "[bold red]x[/]"
SOURCE = "washington-times-2022-12-28-kazakhstan"


@cache
def bundled() -> FactBase:
    return load(bundled_facts()).facts


def render(renderable: RenderableType, width: int = 80) -> str:
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def show(view: Briefing, width: int = 80) -> str:
    return render(terminal.TerminalRenderer().brief(views.brief(view)), width)


def flat(text: str) -> str:
    return " ".join(text.split())


def assert_fits(text: str, width: int = 80) -> None:
    too_long = [line for line in text.splitlines() if cell_len(line) > width]
    assert not too_long, too_long


def headings(text: str) -> list[str]:
    """The section titles, in order, as the rules that open each section show them."""
    titles = set(SECTION_TITLES.values())
    found = [re.match(r"^(.*?) ─+\s*$", line) for line in text.splitlines()]
    return [m.group(1) for m in found if m and m.group(1) in titles]


def cite(source: str = SOURCE) -> tuple[Citation, ...]:
    return (Citation(source=source, quote="q", origin=HERE),)


def made_up() -> Brief:
    """The brief ``choose`` makes up when the fact base defines none."""
    return Brief(id="default", title="Briefing", origin=HERE)


def own_brief(**changes: object) -> Brief:
    """A brief of our own: every kind of attribution, a judgment, and scoped key actors."""
    facts = bundled()
    brief = Brief(
        id="test",
        title="Kazakhstan test brief",
        origin=HERE,
        audience="Analysts",
        author="A. Curator",
        actors=("kazakhstan", "kassym-jomart-tokayev"),
        bottom_line=(
            Point("Kazakhstan is balancing.", HERE, by="author", sources=cite()),
            Point("The curator's own point.", HERE),
            Point("Tokayev's point.", HERE, by="kassym-jomart-tokayev"),
        ),
        indicators=(
            Point("Watch the Middle Corridor.", HERE, rests_on=("kazakhstan-borders-china",)),
        ),
        judgments=(facts.judgments[0].id,),
    )
    return dataclasses.replace(brief, **changes)  # type: ignore[arg-type]


def with_rated_judgment() -> tuple[FactBase, str]:
    """The bundled facts with their first judgment given both likelihood and confidence."""
    facts = bundled()
    first = dataclasses.replace(facts.judgments[0], likelihood="likely", confidence="moderate")
    return dataclasses.replace(facts, judgments=(first, *facts.judgments[1:])), first.id


# -- sections --------------------------------------------------------------------------------


@pytest.mark.parametrize("pick", [lambda f: choose(f, None), lambda f: made_up()])
def test_briefing_as_of_october_shows_no_later_event(pick: Callable[[FactBase], Brief]) -> None:
    """Valid time: the world as it stood on 1 October, told with all that is known now."""
    facts = bundled()
    view = assemble(facts, pick(facts), today=TODAY, as_of=date(2022, 10, 1))
    text = flat(show(view))
    assert "Events up to 1 October 2022 · Sources published by 28 December 2022" in text
    shown = [*view.recent, *view.earlier_events]
    assert shown and all(e.date.start and e.date.start <= date(2022, 10, 1) for e in shown)
    assert "putin-calls-for-gas-union" not in {e.id for e in shown}


@pytest.mark.parametrize("pick", [lambda f: choose(f, None), lambda f: made_up()])
def test_briefing_known_by_october_knows_nothing(pick: Callable[[FactBase], Brief]) -> None:
    """Knowledge time: the only source was published on 28 December, so on 1 October
    nothing was known, and the brief says so in one line."""
    facts = bundled()
    day = date(2022, 10, 1)
    view = assemble(facts, pick(facts), today=TODAY, as_of=day, known_by=day)
    text = flat(show(view))
    assert "Events up to 1 October 2022 · Sources published by 1 October 2022" in text
    assert view.sections == [] and headings(show(view)) == []
    assert (
        "Nothing was known by 1 October 2022: no source in the fact base was published by "
        "then (the first, washington-times-2022-12-28-kazakhstan, was published on 28 "
        "December 2022)." in text
    )


def test_an_uncited_point_waits_for_the_facts_it_rests_on() -> None:
    """A curator's point cites nothing, so it is dated by what it rests on."""
    facts = bundled()
    point = Point("Watch the gas union.", HERE, rests_on=("putin-calls-for-gas-union",))
    brief = Brief(id="t", title="T", origin=HERE, indicators=(point,), bottom_line=(point,))
    before = assemble(facts, brief, today=TODAY, as_of=date(2022, 11, 28))
    after = assemble(facts, brief, today=TODAY, as_of=date(2022, 11, 29))
    assert (before.indicators, before.bottom_line) == ((), ())
    assert (after.indicators, after.bottom_line) == ((point,), (point,))


# -- security --------------------------------------------------------------------------------


def test_fact_text_shows_literally() -> None:
    facts = bundled()
    judgment = dataclasses.replace(facts.judgments[0], statement=f"Judged {MARKUP}.")
    facts = dataclasses.replace(facts, judgments=(judgment, *facts.judgments[1:]))
    brief = own_brief(
        title=f"Title {MARKUP}",
        audience=f"Audience {MARKUP}",
        handling=f"TLP:RED {MARKUP}",
        bottom_line=(Point(f"Point {MARKUP} \x1b[31mred", HERE),),
        judgments=(judgment.id,),
    )
    text = show(assemble(facts, brief, today=TODAY))
    for phrase in ("Title", "Audience", "Judged", "Point"):
        assert f"{phrase} {MARKUP}" in text
    assert f"TLP:RED {MARKUP}" in text
    assert "\x1b" not in text
    assert "\\x1b[31mred" in text
