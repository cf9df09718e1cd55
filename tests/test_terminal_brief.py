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
from briefing.spec import BRIEF_SECTIONS, SECTION_TITLES
from briefing.views import Basis

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
def test_bundled_briefing_has_exactly_its_sections(pick: Callable[[FactBase], Brief]) -> None:
    facts = bundled()
    view = assemble(facts, pick(facts), today=TODAY)
    text = show(view)
    assert view.sections
    assert headings(text) == [SECTION_TITLES[s] for s in view.sections]
    assert_fits(text)


def test_sections_left_out_have_no_title() -> None:
    wanted = ("bottom-line", "key-judgments", "outlook")
    view = assemble(bundled(), own_brief(sections=wanted), today=TODAY)
    text = show(view)
    assert view.sections == list(wanted)
    assert headings(text) == [SECTION_TITLES[s] for s in wanted]
    for section in set(BRIEF_SECTIONS) - set(wanted):
        assert SECTION_TITLES[section] not in text


@pytest.mark.parametrize("width", [60, 80, 120])
def test_own_brief_fits_every_width(width: int) -> None:
    view = assemble(bundled(), own_brief(), today=TODAY)
    text = show(view, width)
    assert headings(text) == [SECTION_TITLES[s] for s in view.sections]
    assert_fits(text, width)


# -- header ----------------------------------------------------------------------------------


def test_header_shows_dates_window_marking_audience_and_author() -> None:
    view = assemble(bundled(), own_brief(handling="TLP:AMBER"), today=TODAY)
    text = flat(show(view))
    assert "Kazakhstan test brief" in text
    assert "Date: 2022-12-28 · As of: 2022-12-28 · Window: from 2022-09-30 (90 days)" in text
    assert text.count("TLP:AMBER") >= 1
    assert "Audience: Analysts" in text
    assert "Author: A. Curator" in text


def test_default_marking_is_tlp_clear() -> None:
    view = assemble(bundled(), own_brief(), today=TODAY)
    assert "TLP:CLEAR" in show(view)


@pytest.mark.parametrize(
    ("marking", "colour"),
    [
        ("TLP:RED", "#ff2b2b"),
        ("TLP:AMBER", "#ffc000"),
        ("TLP:AMBER+STRICT", "#ffc000"),
        ("TLP:GREEN", "#33ff00"),
        ("TLP:CLEAR", "#ffffff"),
    ],
)
def test_markings_follow_the_tlp_colours(marking: str, colour: str) -> None:
    assert colour in str(terminal._marking(marking).style)


# -- points and judgments --------------------------------------------------------------------


def test_points_are_attributed() -> None:
    view = assemble(bundled(), own_brief(), today=TODAY)
    text = flat(show(view))
    authors = ", ".join(Basis(bundled()).source(SOURCE).authors)  # type: ignore[union-attr]
    assert f"Kazakhstan is balancing. — {authors}, the source's author" in text
    assert "The curator's own point. — the curator" in text
    assert "Tokayev's point. — Kassym-Jomart Tokayev" in text
    assert "Watch the Middle Corridor. — the curator Rests on: Kazakhstan borders China" in text


def test_likelihood_and_confidence_are_separate_sentences() -> None:
    facts, rated = with_rated_judgment()
    view = assemble(facts, own_brief(judgments=(rated,)), today=TODAY)
    text = flat(show(view))
    assert "Likelihood: likely." in text
    assert "Confidence: moderate." in text
    for sentence in re.split(r"(?<=\.)\s", text):
        assert not ("Likelihood" in sentence and "Confidence" in sentence), sentence


def test_key_judgments_show_kind_and_what_they_rest_on() -> None:
    facts = bundled()
    judgment = next(j for j in facts.judgments if j.rests_on)
    view = assemble(facts, own_brief(judgments=(judgment.id,)), today=TODAY)
    text = flat(show(view))
    support = Basis(view.facts).rests_on(judgment.rests_on)
    assert support
    labels = [f"{s.label}, {s.when}" if s.when else s.label for s in support]
    assert "Rests on: " + "; ".join(flat(label) for label in labels) in text
    assert f"{judgment.kind.capitalize()} by " in text


# -- key actors and gaps ---------------------------------------------------------------------


def test_key_actors_show_current_roles_both_ways() -> None:
    view = assemble(bundled(), own_brief(), today=TODAY)
    text = flat(show(view))
    assert "President of Kazakhstan, from 2019" in text
    assert "President: Kassym-Jomart Tokayev" in text


def test_gaps_lists_are_short() -> None:
    view = assemble(bundled(), choose(bundled(), None), today=TODAY)
    text = flat(show(view))
    gaps = view.gaps
    if len(gaps.single_source) > terminal.GAP_LIST_LIMIT:
        assert f"Resting on a single source: {len(gaps.single_source)} facts" in text
        assert re.search(r"and \d+ more", text)
    for event in gaps.vague_dates:
        assert flat(f"{event.date.text} — {event.title}") in text
    for actor in gaps.silent_actors:
        assert actor.name in text
    if gaps.unrated:
        assert f"Judgments without likelihood or confidence: {len(gaps.unrated)}" in text


# -- as of -----------------------------------------------------------------------------------


@pytest.mark.parametrize("pick", [lambda f: choose(f, None), lambda f: made_up()])
def test_briefing_as_of_october_knows_nothing_later(pick: Callable[[FactBase], Brief]) -> None:
    facts = bundled()
    view = assemble(facts, pick(facts), today=TODAY, as_of=date(2022, 10, 1))
    text = flat(show(view)).lower()
    assert "as of: 2022-10-01" in text
    assert "gas union" not in text
    assert "election" not in text


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
