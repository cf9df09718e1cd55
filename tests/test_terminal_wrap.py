"""Rich tables wrap at word boundaries: at every width from 60 to 200 columns, every terminal
view of the bundled facts and the fixtures keeps each word whole and leaves no column empty
that has something to show.

Rendering is watched where it wraps: every call of Rich's ``Text.wrap`` (each table cell, each
line of a list) must give back the words it was given, whole and in order; a word folded in two,
cut short with an ellipsis or dropped shows as a difference; a table column that has text and
gets no room at all (Rich then wraps none of its cells) is caught where Rich sizes the columns.
The page as printed is checked too: each of its words must be one that some text was wrapped
from, so a line cropped at the edge of the terminal shows as a fragment.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import pytest
from rich.console import Console, ConsoleOptions, RenderableType
from rich.containers import Lines
from rich.table import Table
from rich.text import Text

from briefing import query, views
from briefing.brief import assemble, choose
from briefing.graph import graph
from briefing.loader import bundled_facts, load
from briefing.model import FactBase
from briefing.render.terminal import TerminalRenderer
from tests.conftest import FIXTURES

T = TerminalRenderer()
# Every tenth width from 60 to 200, and odd ones between.
WIDTHS = sorted({*range(60, 201, 10), 61, 99, 143})
# Borders and rules: not words.
LINES = re.compile(r"^[\u2500-\u257f]+$")


@dataclass(frozen=True)
class Wrap:
    """One call of ``Text.wrap``: the text given, the width, and the lines it gave back."""

    text: str
    width: int
    lines: tuple[str, ...]

    def problem(self) -> str | None:
        given, shown = self.text.split(), " ".join(self.lines).split()
        if given == shown:
            return None
        # A URL longer than its column (a source's, in a note) can only be folded: its pieces,
        # in order, are all there is to show of it. Words never are.
        longer = [w for w in given if len(w) > self.width and "://" in w]
        if longer and "".join(given) == "".join(shown):
            return None
        if not "".join(shown):
            return f"nothing shown of {self.text!r} (width {self.width})"
        broken = [w for w in shown if w not in given][:3]
        return f"{self.text!r} at width {self.width} shows {broken or shown}"


@cache
def base(name: str) -> FactBase:
    return load(bundled_facts() if name == "bundled" else FIXTURES / name).facts


def briefs_of(facts: FactBase) -> Iterator[tuple[str, RenderableType]]:
    for name in [None, *(b.id for b in facts.briefs)]:
        # A fixed day, so the brief does not change with the day the test runs.
        briefing = assemble(facts, choose(facts, name), today=date(2023, 12, 31))
        yield f"brief {name or '(default)'}", T.brief(views.brief(briefing))


Shown = tuple[str, RenderableType, Sequence[int]]


def views_of(facts: FactBase) -> Iterator[Shown]:
    """Every terminal view of ``facts`` as the CLI builds it, with the widths to try: all of
    them, but for the profile of every actor after the first a third of them in turn (every
    width is still tried on several profiles; Rich takes its time)."""
    basis = views.Basis(facts)
    chosen = query.positions(facts)
    shown = {
        "timeline": T.timeline(views.TimelineView(basis, tuple(query.timeline(facts)))),
        "actors": T.actors(views.ActorsView(basis, tuple(query.actor_rows(facts)))),
        "positions": T.positions(views.PositionsView(basis, tuple(chosen))),
        "matrix": T.matrix(views.MatrixView(basis, query.matrix(facts, chosen))),
        "history": T.history(views.HistoryView(basis, tuple(query.position_history(chosen)))),
        "sources": T.sources(views.SourcesView(basis, tuple(query.bibliography(facts)))),
        "briefs": T.briefs(views.BriefsView(basis, facts.briefs)),
        "graph": T.graph(views.graph(basis, graph(facts, positions=True))),
    }
    for word in {
        t.split()[0] for t in (*(e.title for e in facts.events[:1]), facts.actors[0].name)
    }:
        hits = tuple(query.search(facts, word))
        shown[f"search {word}"] = T.search(views.SearchView(basis, word, hits))
    shown.update(briefs_of(facts))
    yield from ((name, renderable, WIDTHS) for name, renderable in shown.items())
    for n, actor in enumerate(facts.actors):
        widths = WIDTHS[n % 3 :: 3] if n else WIDTHS
        yield f"actor {actor.id}", T.profile(views.profile(basis, actor)), widths


def diff_view() -> RenderableType:
    old, new = (views.State(n, base(n)) for n in ("mini", "mini-later"))
    return T.diff(views.diff(old, new))


def _plain(cell: object) -> str:
    return cell.plain if isinstance(cell, Text) else cell if isinstance(cell, str) else "?"


@pytest.fixture
def wraps(monkeypatch: pytest.MonkeyPatch) -> list[Wrap]:
    """Every ``Text.wrap`` call while the test renders, recorded as it happens; and every
    table column Rich gives no room though it has something to show, as a call that showed
    nothing (Rich does not wrap the cells of such a column at all)."""
    seen: list[Wrap] = []
    wrap, widths = Text.wrap, Table._calculate_column_widths

    def watched(self: Text, console: Console, width: int, **options: Any) -> Lines:
        lines = wrap(self, console, width, **options)
        seen.append(Wrap(self.plain, width, tuple(line.plain for line in lines)))
        return lines

    def measured(self: Table, console: Console, options: ConsoleOptions) -> list[int]:
        found = widths(self, console, options)
        for n, (column, width) in enumerate(zip(self.columns, found, strict=True)):
            shown = " ".join(_plain(c) for c in (column.header, *column.cells))
            if shown.strip() and width - self._get_padding_width(n) < 1:
                seen.append(Wrap(shown, 0, ()))
        return found

    monkeypatch.setattr(Text, "wrap", watched)
    monkeypatch.setattr(Table, "_calculate_column_widths", measured)
    return seen


def page(renderable: RenderableType, width: int) -> str:
    console = Console(
        width=width, record=True, color_system=None, force_terminal=False, file=io.StringIO()
    )
    console.print(renderable)
    return console.export_text()


def problems(
    name: str, renderable: RenderableType, wraps: list[Wrap], widths: Sequence[int] = WIDTHS
) -> list[str]:
    """What goes wrong rendering ``renderable`` at each width: broken, lost or cropped words."""
    found: list[str] = []
    for width in widths:
        wraps.clear()
        text = page(renderable, width)
        words = {w for call in wraps for w in call.text.split()}
        # The pieces of a word folded because it is longer than the width are words shown.
        words |= {w for c in wraps if c.problem() is None for w in " ".join(c.lines).split()}
        found += [f"{name} @{width}: {p}" for c in wraps if (p := c.problem())]
        cropped = [w for w in text.split() if w not in words and not LINES.match(w)]
        found += [f"{name} @{width}: {w!r} is no word of the view" for w in cropped[:3]]
    return found


FACT_BASES = ["bundled", "mini", "brief", "known", "real-events", "stances"]


@pytest.mark.parametrize("name", FACT_BASES)
def test_every_view_keeps_words_whole_at_every_width(name: str, wraps: list[Wrap]) -> None:
    found: list[str] = []
    for view, renderable, widths in views_of(base(name)):
        found += problems(view, renderable, wraps, widths)
    assert not found, "\n".join(found[:20])


def test_the_real_size_tables_keep_words_whole_at_every_width(wraps: list[Wrap]) -> None:
    """Forty-five actors, accounts and custom stances: the tables quick enough to sweep."""
    found: list[str] = []
    for view, renderable, widths in views_of(base("real-size")):
        if view in ("actors", "positions", "matrix", "history"):
            found += problems(view, renderable, wraps, widths)
    assert not found, "\n".join(found[:20])


def test_diff_keeps_words_whole_at_every_width(wraps: list[Wrap]) -> None:
    found = problems("diff mini mini-later", diff_view(), wraps)
    assert not found, "\n".join(found[:20])


def test_the_matrix_and_a_profile_as_the_issue_found_them() -> None:
    """`positions --matrix` at 120 columns gave "Kazakhstan' / s", "multi-vecto / r",
    "Kassym-Joma / rt Tokayev"; `actor Kazakhstan` at 80, an empty Statement column."""
    shown = dict((name, r) for name, r, _ in views_of(base("bundled")))
    matrix = page(shown["matrix"], 120).split()
    assert {"Kazakhstan's", "multi-vector", "Kassym-Jomart"} <= set(matrix)
    profile = page(shown["actor kazakhstan"], 80)
    statements = profile.split("Statement", 1)[1].split("Positions over time")[0]
    assert "Multi-vector foreign policy is" in statements


def test_the_check_sees_a_folded_word_and_an_empty_column(wraps: list[Wrap]) -> None:
    folded = Table()
    folded.add_column("Name", max_width=5, overflow="fold")
    folded.add_row("infrastructure")
    assert problems("folded", folded, wraps)
    squeezed = Table.grid()
    squeezed.add_column(width=300)
    squeezed.add_column()
    squeezed.add_row("", "Statement")
    assert any("nothing shown" in p for p in problems("squeezed", squeezed, wraps))
