"""The Rich terminal renderer: what a reader sees at a fixed width, and that fact text is inert."""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable
from datetime import date
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console, RenderableType

from briefing import query, views
from briefing.loader import bundled_facts, load
from briefing.model import Actor, Event, FactBase, Position
from briefing.render.terminal import TerminalRenderer
from briefing.views import (
    ActorsView,
    Basis,
    MatrixView,
    PositionsView,
    SearchView,
    SourcesView,
    TimelineView,
)
from tests.conftest import FIXTURES

T = TerminalRenderer()

BOOM = "[bold red]boom[/] \x1b[31mred"
LINK = "[link=http://e]y[/link]"


@cache
def mini() -> FactBase:
    return load(FIXTURES / "mini").facts


@cache
def bundled() -> FactBase:
    return load(bundled_facts()).facts


def render(renderable: RenderableType, width: int = 80) -> str:
    """Plain text as a reader at ``width`` columns would see it."""
    console = Console(
        width=width, record=True, color_system=None, force_terminal=False, file=io.StringIO()
    )
    console.print(renderable)
    return console.export_text()


def flat(text: str) -> str:
    """Whitespace collapsed, so phrases wrapped within one column can be found."""
    return " ".join(text.split())


def assert_fits(text: str, width: int = 80) -> None:
    too_long = [line for line in text.splitlines() if cell_len(line) > width]
    assert not too_long, too_long


def timeline(facts: FactBase, events: list[Event] | None = None) -> RenderableType:
    chosen = query.timeline(facts) if events is None else events
    return T.timeline(TimelineView(Basis(facts), tuple(chosen)))


def profile(facts: FactBase, actor: Actor) -> RenderableType:
    return T.profile(views.profile(Basis(facts), actor))


def search(facts: FactBase, text: str, hits: list[query.Hit] | None = None) -> RenderableType:
    found = query.search(facts, text) if hits is None else hits
    return T.search(SearchView(Basis(facts), text, tuple(found)))


def all_views(facts: FactBase) -> dict[str, RenderableType]:
    """Every view of ``facts``, as the CLI would build it."""
    basis = Basis(facts)
    chosen = query.positions(facts)
    word = facts.events[0].title.split()[0]
    return {
        "timeline": timeline(facts),
        "profile": profile(facts, facts.actors[0]),
        "actors": T.actors(ActorsView(basis, tuple(query.actor_rows(facts)))),
        "positions": T.positions(PositionsView(basis, tuple(chosen))),
        "matrix": T.matrix(MatrixView(basis, query.matrix(facts, chosen))),
        "sources": T.sources(SourcesView(basis, tuple(query.bibliography(facts)))),
        "search": search(facts, word),
    }


# -- every view, both fact bases, several widths ---------------------------------------------


@pytest.mark.parametrize("facts", [mini, bundled], ids=["mini", "bundled"])
@pytest.mark.parametrize("width", [80, 60, 120])
def test_every_view_fits_the_width(facts: Callable[[], FactBase], width: int) -> None:
    for name, renderable in all_views(facts()).items():
        text = render(renderable, width)
        assert text.strip(), name
        assert_fits(text, width)


def test_views_return_renderables_and_never_print(capsys: pytest.CaptureFixture[str]) -> None:
    shown = all_views(bundled())
    assert capsys.readouterr() == ("", "")
    assert all(not isinstance(v, str) for v in shown.values())


def test_every_profile_of_the_bundled_facts_renders() -> None:
    facts = bundled()
    for actor in facts.actors:
        text = render(profile(facts, actor))
        assert actor.name.split()[0] in text
        assert_fits(text)


# -- timeline --------------------------------------------------------------------------------


def test_bundled_timeline_shows_compact_dates() -> None:
    facts = bundled()
    text = render(timeline(facts))
    assert text.splitlines()[0].startswith(f"Timeline — {len(facts.events)} events")
    assert any(line.startswith("late Feb 2022 ") for line in text.splitlines())
    assert "Putin calls for a gas union with Kazakhstan and Uzbekistan" in flat(text)
    assert "29 Nov 2022" in text and "2022-11-29" not in text
    assert "Vladimir Putin, Russia, Kazakhstan, Uzbekistan, China" in flat(text)
    assert_fits(text)


def test_timeline_shows_summary_actors_and_as_of() -> None:
    facts = mini()
    basis = Basis(facts, as_of=date(2022, 12, 1))
    text = render(T.timeline(TimelineView(basis, tuple(query.timeline(facts)))))
    assert "Timeline — 2 events · as of 2022-12-01" in text
    assert "late Nov 2022" in text
    assert "The two states agree on gas transit." in text
    assert "Ruritania, Borduria" in text


def test_empty_timeline_is_one_line() -> None:
    assert render(timeline(mini(), [])) == "No events match.\n"


# -- profile ---------------------------------------------------------------------------------


def _section(text: str, heading: str, following: str) -> str:
    return text.split(f"\n{heading}")[1].split(f"\n{following}")[0]


def test_profile_of_kazakhstan_as_of_mid_2021() -> None:
    day = date(2021, 6, 1)
    facts = query.as_of(bundled(), day)
    view = views.profile(Basis(facts, day), query.find_actor(facts, "Kazakhstan"))
    text = render(T.profile(view))
    assert "as of 2021-06-01" in text
    assert "capital: Nur-Sultan" in text
    assert "former capital: Astana (by c. 2019 · until three years before the mid-September" in (
        flat(text)
    )
    assert "President — Kassym-Jomart Tokayev (2019\N{EN DASH})" in text
    assert "former President — Nursultan Nazarbayev" in text
    assert "Nazarbayev (until" not in text  # the article gives no end to his term
    events = _section(text, "Events", "Judgments")
    assert "Tokayev becomes President of Kazakhstan" in events
    assert "2022" not in events
    assert "Uprising" not in text
    assert "→ borders China" in text
    assert "← Russia pressures" in text
    assert "C fairly reliable" in text
    assert_fits(text)


def test_profile_of_kazakhstan_today() -> None:
    facts = bundled()
    text = render(profile(facts, query.find_actor(facts, "Kazakhstan")))
    assert "capital: Astana" in text
    capital = "former capital: Nur-Sultan (c. 2019\N{EN DASH}2022 · three years before the mid-"
    assert capital in flat(text)
    assert "late Feb 2022" in _section(text, "Events", "Judgments")
    positions = _section(text, "Positions", "Relations")
    assert "Middle Corridor" in positions and "proposes" in positions
    assert "Recommendation by Kamran Bokhari, the source's author." in flat(text)


def test_profile_sections_of_the_mini_fixture() -> None:
    facts = mini()
    ruritania = render(profile(facts, facts.actors[0]))
    assert "Ruritania" in ruritania.splitlines()[0]
    assert "state · also Ruritanian, Strelsau" in ruritania
    assert "President — Rudolf Rassendyll (2019\N{EN DASH})" in ruritania
    assert "former capital: Old Strelsau (by mid-Mar 2020)" in ruritania
    assert "→ borders Borduria" in ruritania
    assert "The deal is likely to hold through the winter." in ruritania
    credit = "Forecast by Ann Analyst, Bo Writer, the source's author."
    assert f"{credit} Likelihood: likely. Confidence: moderate." in flat(ruritania)
    assert "B usually reliable" in ruritania
    rudolf = render(profile(facts, query.find_actor(facts, "rudolf")))
    assert "President of Ruritania (2019\N{EN DASH})" in rudolf
    assert "Attributes" not in rudolf and "Events" not in rudolf
    borduria = render(profile(facts, facts.actors[1]))
    assert "← Ruritania borders" in borduria


# -- actors, positions, matrix, sources ------------------------------------------------------


def actors(facts: FactBase, rows: list[query.ActorRow] | None = None) -> RenderableType:
    chosen = query.actor_rows(facts) if rows is None else rows
    return T.actors(ActorsView(Basis(facts), tuple(chosen)))


def positions(facts: FactBase, chosen: list[Position] | None = None) -> RenderableType:
    items = query.positions(facts) if chosen is None else chosen
    return T.positions(PositionsView(Basis(facts), tuple(items)))


def matrix(facts: FactBase, chosen: list[Position]) -> RenderableType:
    return T.matrix(MatrixView(Basis(facts), query.matrix(facts, chosen)))


def sources(facts: FactBase) -> RenderableType:
    return T.sources(SourcesView(Basis(facts), tuple(query.bibliography(facts))))


def test_actors_table_counts_right_aligned() -> None:
    facts = bundled()
    text = render(actors(facts))
    assert text.startswith(f"Actors — {len(facts.actors)}")
    header = next(line for line in text.splitlines() if line.startswith("Name"))
    kazakhstan = next(r for r in query.actor_rows(facts) if r.actor.id == "kazakhstan")
    row = next(line for line in text.splitlines() if line.startswith("Kazakhstan "))
    assert row.split()[-2:] == [str(kazakhstan.events), str(kazakhstan.positions)]
    assert len(row.rstrip()) == len(header.rstrip())
    assert render(actors(facts, [])) == "No actors match.\n"


def test_positions_table() -> None:
    facts = bundled()
    text = render(positions(facts))
    assert text.startswith(f"Positions — {len(facts.positions)}")
    assert "Actor" in text and "Stance" in text and "Statement" in text
    russia = [line for line in text.splitlines() if line.startswith("Russia ")]
    assert any("proposes" in line and "29 Nov 2022" in line for line in russia)
    assert "early Aug 2022" in text
    assert render(positions(facts, [])) == "No positions match.\n"


def test_bundled_matrix_at_80_columns() -> None:
    facts = bundled()
    text = render(matrix(facts, query.positions(facts)))
    assert_fits(text)
    words = set(text.split())
    for topic_id in ("gas-union", "war-in-ukraine", "sanctions", "middle-corridor"):
        name = query.find_topic(facts, topic_id).name
        assert set(name.split()) <= words, name
    russia = [line for line in text.splitlines() if line.startswith("Russia ")]
    assert any("proposes" in line for line in russia)
    assert any("opposes" in line for line in russia)
    # Every stance stays whole on one line.
    assert "propose\n" not in text and "balance\n" not in text


def test_wide_matrix_is_one_table_with_whole_topic_names() -> None:
    facts = bundled()
    view = query.matrix(facts, query.positions(facts))
    text = render(matrix(facts, query.positions(facts)), width=240)
    count = f"{len(view.actors)} actors × {len(view.topics)} topics"
    assert text.count(f"Matrix — {count}") == 1
    for name in ("Russia's proposed gas union", "Russia's war in Ukraine", "Middle Corridor"):
        assert name in text
    # Without notes, as the layout was made for; with them, each stance is cited.
    quiet = render(TerminalRenderer(notes=False).matrix(MatrixView(Basis(facts), view)), 240)
    kazakhstan = next(line for line in quiet.splitlines() if line.startswith("Kazakhstan "))
    assert "balances (was refuses)" in kazakhstan
    assert "—" in kazakhstan
    assert "balances[1,2] (was" in text


def test_matrix_with_few_topics_is_one_table() -> None:
    facts = bundled()
    topics = [query.find_topic(facts, t) for t in ("gas-union", "sanctions", "middle-corridor")]
    text = render(matrix(facts, query.positions(facts, topics=topics)))
    assert text.count("Matrix —") == 1
    assert "Sanctions on Russia" in text and "Middle Corridor" in text
    assert render(matrix(facts, [])) == "No positions match.\n"


def test_sources_table() -> None:
    facts = mini()
    text = render(sources(facts))
    assert text.startswith("Sources — 1")
    row = next(line for line in text.splitlines() if line.startswith("Ruritania"))
    assert "1 Dec 2022" in row and "B usually reliable" in row and row.rstrip().endswith("11")
    assert "The Daily" in text
    bundled_text = render(sources(bundled()))
    assert "C fairly reliable" in bundled_text and "28 Dec 2022" in bundled_text


# -- search ----------------------------------------------------------------------------------


def test_search_results() -> None:
    facts = bundled()
    hits = query.search(facts, "gas union")
    text = render(search(facts, "gas union", hits))
    assert text.startswith(f"{len(hits)} results for “gas union”")
    assert {"Kind", "Fact", "Field", "Match"} <= set(text.splitlines()[1].split())
    assert "Russia's proposed gas union" in text
    assert "position" in text and "statement" in text


def test_search_shortens_long_matches() -> None:
    facts = mini()
    long = " ".join(["filler"] * 30) + " the pipeline clause " + " ".join(["tail"] * 30)
    event = dataclasses.replace(facts.events[0], summary=long)
    hit = query.Hit("event", event, "summary", long, 1.0)
    text = render(search(facts, "pipeline clause", [hit]), width=200)
    assert text.startswith("1 result for “pipeline clause”")
    row = next(line for line in text.splitlines() if line.startswith("event"))
    match = row.split("summary", 1)[1].strip()
    assert match.startswith("…") and match.endswith("…")
    assert "the pipeline clause" in match
    assert len(match) <= 80


def test_no_search_results() -> None:
    text = render(search(mini(), "zzz", []))
    assert text == "No facts match “zzz”.\n"


# -- fact text is data, never markup ---------------------------------------------------------


def hostile() -> FactBase:
    """The mini fact base with markup and escape sequences in its text."""
    facts = mini()
    event = dataclasses.replace(
        facts.events[0], title=BOOM, summary=LINK, url="https://e.org/\x1b]8;;http://evil\x1b\\"
    )
    actor = dataclasses.replace(facts.actors[0], name="[green]Evil[/green]", description=BOOM)
    topic = dataclasses.replace(facts.topics[0], name="[i]topic[/i] :warning:")
    position = dataclasses.replace(facts.positions[0], statement=LINK)
    source = dataclasses.replace(facts.sources[0], title=BOOM, publisher=LINK)
    return dataclasses.replace(
        facts,
        events=(event, *facts.events[1:]),
        actors=(actor, *facts.actors[1:]),
        topics=(topic,),
        positions=(position,),
        sources=(source,),
    )


def test_markup_in_fact_text_shows_literally() -> None:
    facts = hostile()
    shown = all_views(facts)
    shown["search"] = search(facts, "[b]boom", query.search(facts, "boom"))
    text = {name: render(v, width=200) for name, v in shown.items()}
    assert all("\x1b" not in t for t in text.values())
    assert "[bold red]boom[/] \\x1b[31mred" in text["timeline"]
    assert LINK in text["timeline"]
    assert "[green]Evil[/green]" in text["timeline"]
    assert "[green]Evil[/green]" in text["profile"] and "[bold red]boom[/]" in text["profile"]
    assert "[i]topic[/i] :warning:" in text["matrix"] and "[i]topic[/i]" in text["positions"]
    assert LINK in text["positions"]
    assert "[bold red]boom[/]" in text["sources"] and "[link=http://e]y[/" in text["sources"]
    assert "results for “[b]boom”" in text["search"]
    assert "[bold red]boom[/]" in text["search"]


def test_no_raw_escape_reaches_a_colour_terminal() -> None:
    facts = hostile()
    for renderable in (timeline(facts), sources(facts)):
        out = io.StringIO()
        console = Console(width=100, color_system="truecolor", force_terminal=True, file=out)
        console.print(renderable)
        raw = out.getvalue()
        assert "\x1b[1m" in raw  # Rich's own styles are there ...
        assert "\x1b[31m" not in raw  # ... but never the fact's escape sequence,
        # Nor a hyperlink from its [link] markup or a url holding escapes: only the source's.
        links = re.findall(r"\x1b\]8;[^;]*;([^\x1b]*)\x1b\\", raw)
        assert set(links) <= {"https://example.org/pipeline", ""}
        plain = re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^;]*;[^\x1b]*\x1b\\", "", raw)
        assert "\x1b" not in plain
        assert "[bold red]boom[/] \\x1b[31mred" in plain


def test_titles_link_to_their_web_address_in_a_terminal_that_shows_links() -> None:
    facts = mini()
    event = dataclasses.replace(facts.events[0], url="https://example.org/e?a=1&b=%C3%A9")
    for renderable, url in (
        (timeline(facts, [event]), event.url),
        (sources(facts), facts.sources[0].url),
    ):
        out = io.StringIO()
        Console(width=100, color_system="truecolor", force_terminal=True, file=out).print(
            renderable
        )
        assert f";{url}\x1b\\" in out.getvalue()
        assert url not in render(renderable, width=100)  # the address itself is not printed


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(min_size=1, max_size=120), summary=st.text(max_size=200))
def test_any_event_text_renders_inert(title: str, summary: str) -> None:
    facts = mini()
    event = dataclasses.replace(facts.events[0], title=title, summary=summary)
    text = render(timeline(facts, [event]))
    assert "\x1b" not in text
    assert_fits(text)
