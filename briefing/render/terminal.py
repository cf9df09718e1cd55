"""Rich renderables for the terminal: tables and panels that fit the console's width.

Each view returns a renderable and never prints; the CLI decides where it goes. Fact text is
data, never markup: every piece of it becomes a ``Text`` built from ``clean(...)``, so square
brackets and escape sequences in a fact show literally.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from copy import copy
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.style import Style
from rich.table import Column, Table
from rich.text import Text

from briefing.chart import Chart, left_out
from briefing.index import fold
from briefing.model import Citation, Event, FuzzyDate, Position, Relation, Topic, day_in_words
from briefing.query import (
    AttributeValue,
    Link,
    Matrix,
    PositionHistory,
    Profile,
    RoleHeld,
    SourceUse,
)
from briefing.render import clean, web_address
from briefing.render.interface import Renderer
from briefing.render.text import plural
from briefing.spec import RELIABILITY, SECTION_TITLES
from briefing.views import (
    ActorsView,
    Basis,
    BriefsView,
    BriefView,
    DiffView,
    GraphView,
    HistoryView,
    JudgmentView,
    MatrixView,
    NoteBook,
    PointView,
    PositionsView,
    ProfileView,
    Reference,
    SearchView,
    Side,
    SourcesView,
    State,
    Support,
    TimelineView,
    basis_times,
    brief_date,
    brief_times,
    changes_more,
    contest_heading,
    date_text,
    date_wording,
    days_text,
    disagreements,
    fact_date,
    gap_more,
    left_out_label,
    more_text,
    said_by,
    shorten,
    steps,
    value_text,
)

if TYPE_CHECKING:
    from briefing.brief import Gap, KeyActor
    from briefing.diff import Changed, Changes, CollectionChanges, StanceShift

DATE = "cyan"
NAME = "bold green"
TOPIC = "magenta"
DIM = "dim"
WORDING = "dim italic"  # a curator's wording of a date, under the compact date
HEADING = "bold"
MATCH = "bold yellow"
STANCE_STYLES = {
    "proposes": "bold green",
    "supports": "green",
    "balances": "yellow",
    "complies": "yellow",
    "opposes": "red",
    "refuses": "bold red",
    "neutral": "blue",
    "undecided": "italic",
    "ambiguous": "magenta",
}
PLACE = "blue"
NOTE_MARK = "dim"
CONTESTED = "bold yellow"  # what a disagreement with a fact is on
# Wide enough for dates such as "late February 2022" to stay on one line.
DATE_WIDTH = 18
# The usual stance words' width: a matrix column is never narrower, and widens for longer ones
# (undecided, or a fact base's own), so that it never splits one.
STANCE_WIDTH = 8


# A panel's title sits between "╭─ " and " ─╮".
PANEL_TITLE_FRAME = 6


# -- building blocks -------------------------------------------------------------------------


def _text(value: str, style: str = "") -> Text:
    """Fact text as an inert ``Text``: control characters made visible, markup never parsed."""
    return Text(clean(value), style=style)


def _join(parts: Iterable[Text], separator: str = ", ") -> Text:
    return Text(separator).join(parts)


def _date(when: FuzzyDate | None) -> Text:
    """A date in the compact style every view shares ('undated', dim, when there is none)."""
    return _text(date_text(when), DATE if when else DIM)


def _stance(stance: str) -> Text:
    return _text(stance, STANCE_STYLES.get(stance, ""))


def _names(ids: Iterable[str], basis: Basis, style: str = NAME) -> Text:
    return _join(_text(basis.actor_name(i), style) for i in ids)


def _title(label: str, count: str, basis: Basis | None = None) -> Text:
    """A table title such as 'Timeline — 14 events · as of 2021-06-01'."""
    title = Text.assemble((label, HEADING), f" — {count}")
    for words, day in basis_times(basis) if basis is not None else ():
        title.append(f" · {words}")
        title.append(day, style=DATE)
    return title


def _note(*parts: str | Text) -> Text:
    """A one-line message such as 'No events match.'; ``Text`` parts are kept as given."""
    return Text.assemble(*parts, style="italic")


def _table(title: Text | None = None, **options: Any) -> Table:
    """A table with the common look: left title, bold header, light rules, full width; its
    columns sized by ``_lay_out`` once the width is known."""
    settings: dict[str, Any] = {
        "box": box.SIMPLE_HEAD,
        "expand": True,
        "header_style": HEADING,
        "title_justify": "left",
        "title_style": "",
        "collapse_padding": True,
        "pad_edge": False,
        "show_edge": False,
    }
    return _Table(title=title, **(settings | options))


class _Table(Table):
    """A Rich table laid out by ``_lay_out``: words kept whole, no column left empty."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        return Table.__rich_console__(_lay_out(self, options.max_width), console, options)


@dataclass(frozen=True)
class _Span:
    """What one column needs: its longest word (its longest line when it does not wrap), its
    longest line, the width it would like, and, if it is flexible, its share of the room."""

    floor: int
    longest: int
    target: int
    ratio: int


def _plain(cell: object) -> str:
    """The text of a cell or header: a ``Text`` or a plain string (never markup here)."""
    return cell.plain if isinstance(cell, Text) else cell if isinstance(cell, str) else ""


def _span(column: Column, expand: bool, room: int) -> _Span:
    """What ``column`` needs, from its header and cells, in a table ``room`` wide."""
    texts = [_plain(cell) for cell in (column.header, *column.cells)]
    longest = max((cell_len(line) for text in texts for line in text.splitlines()), default=0)
    words = max((cell_len(word) for text in texts for word in text.split()), default=0)
    floor = max(longest if column.no_wrap else words, column.min_width or 0, 1)
    if column.ratio:
        # A flexible column takes what the others leave when the table fills the width.
        target = room if expand else longest
    else:
        target = min(longest, column.max_width or longest)
    return _Span(floor, max(floor, longest), max(floor, target), column.ratio or 0)


def _grow(widths: list[int], spans: Sequence[_Span], limits: Sequence[int], budget: int) -> int:
    """Widen the columns towards ``limits`` a character at a time, the narrowest for its share
    first (flexible columns by their ratio); what is left of ``budget``."""
    while budget > 0:
        growing = [i for i, limit in enumerate(limits) if widths[i] < limit]
        if not growing:
            break
        grown = min(growing, key=lambda i: widths[i] / (spans[i].ratio or 1))
        widths[grown] += 1
        budget -= 1
    return budget


def _widths(spans: Sequence[_Span], room: int) -> list[int] | None:
    """Each column's width, None when their floors alone do not fit: first the floors; then
    the columns of set size grow towards their targets, while the flexible ones keep their
    share of the room as if those were two more parts of the ratio; then the flexible ones
    share what is left."""
    widths = [s.floor for s in spans]
    budget = room - sum(widths)
    if budget < 0:
        return None
    parts = sum(s.ratio for s in spans) + 2
    shared = room - sum(s.floor for s in spans if s.target == s.floor)
    fair = [min(s.longest, shared * s.ratio // parts) for s in spans]
    kept = sum(max(0, f - w) for f, w in zip(fair, widths, strict=True))
    set_size = [w if s.ratio else s.target for s, w in zip(spans, widths, strict=True)]
    budget = _grow(widths, spans, set_size, budget - kept) + kept
    budget = _grow(widths, spans, [s.target if s.ratio else 0 for s in spans], budget)
    _grow(widths, spans, [s.target for s in spans], budget)
    return widths


def _room(table: Table, width: int) -> int:
    """What ``width`` leaves for the columns' text once rules and padding are drawn (Rich's
    own arithmetic)."""
    padding = sum(table._get_padding_width(n) for n in range(len(table.columns)))
    return width - table._extra_width - padding


def _lay_out(table: Table, width: int) -> Table:
    """A copy of ``table`` with every column's width fixed for ``width``: no column narrower
    than its longest word, so words wrap whole and no column with text is squeezed empty;
    short columns as wide as they need, the flexible ones (``ratio``) share the rest. Too
    narrow for that, the padding between columns goes first, then the widest columns give way
    (folding only the words that fit nowhere)."""
    laid = copy(table)
    top, _, bottom, _ = table.padding
    widths: list[int] | None = None
    for padding in (table.padding, (top, 0, bottom, 0)):
        laid.padding = padding
        room = _room(laid, width)
        spans = [_span(c, table.expand, room) for c in table.columns]
        widths = _widths(spans, room)
        if widths is not None:
            break
    if widths is None:
        widths = [s.floor for s in spans]
        while sum(widths) > room and max(widths) > 1:
            widths[widths.index(max(widths))] -= 1
    elif table.expand and widths:
        widths[-1] += room - sum(widths)
    laid.columns = [
        replace(c, width=w, min_width=None, max_width=None, ratio=None)
        for c, w in zip(table.columns, widths, strict=True)
    ]
    laid.expand = False
    return laid


@dataclass(frozen=True)
class _Fit:
    """A renderable built only once the width available to it is known."""

    build: Callable[[int], RenderableType]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(options.max_width)


def _share(width: int, parts: int) -> int:
    """A column cap: one ``parts``-th of the width, but never under 8 characters."""
    return max(STANCE_WIDTH, width // parts)


def _heading(label: str) -> Text:
    return Text(label, style="bold underline")


def _rule(label: str) -> Rule:
    """A brief's section heading: its title on a rule across the width."""
    return Rule(Text(label, style="bold"), align="left", style=DIM)


def _section(label: str, lines: Sequence[RenderableType]) -> RenderableType:
    """A headed list of lines, indented, each wrapping within the width."""
    return Group(_heading(label), Padding(Group(*lines), (0, 0, 0, 2)))


class _Notes:
    """Note markers after cited text ('[1]', '[2,5]') and, after the view, the notes with
    their quotes: numbered and shared as the Markdown footnotes are (one ``NoteBook``).
    ``shown``: False leaves out both (`--no-notes`). Cite in reading order, while the
    view is built, never in a renderable made only once the width is known."""

    def __init__(self, basis: Basis, shown: bool = True) -> None:
        self.book = NoteBook(basis)
        self.shown = shown

    def mark(self, citations: Sequence[Citation]) -> Text:
        if not self.shown or not citations:
            return Text()
        numbers = ",".join(str(m.number) for m in self.book.cite(citations))
        return Text(f"[{numbers}]", style=NOTE_MARK)

    def cited(self, text: Text, citations: Sequence[Citation]) -> Text:
        """``text`` with the marks for ``citations`` after it."""
        text.append_text(self.mark(citations))
        return text

    def evidence(self, fact: Any) -> Text:
        """What a fact's entry says of its sourcing, after its own marks, each on a line:
        how many independent sources back it, when more than one, and each disagreement
        with its marks ('Contested date: 28 Nov 2022 per Example Gazette[4]')."""
        out = Text()
        seen = self.book.basis.evidence(fact)
        if seen is None:
            return out
        said = seen.corroborated
        if said:
            out.append(f"\n{said[0].upper()}{said[1:]}", style=DIM)
        for d in seen.disagreements:
            out.append("\n")
            out.append(contest_heading(d) + (": " if d.field else " "), style=CONTESTED)
            sides = (self.side(s, d.field, alone=True) for s in d.others)
            out.append_text(_join(sides, "; "))
        return out

    def side(self, side: Side, field: str, alone: bool = False) -> Text:
        """One side of a disagreement: '28 Nov 2022 per Example Gazette[4]'; of a dispute of
        the whole fact, 'disputed by Example Gazette[4]' (``alone``: 'by ...')."""
        said = _text(said_by(self.book.basis, side.sources), NAME)
        if field:
            line = Text.assemble(_text(side.value, HEADING), " per ", said)
        elif alone:
            line = Text.assemble("by ", said)
        else:
            line = Text.assemble(_text(side.value, HEADING), " by ", said)
        return self.cited(line, side.sources)

    def after(self, body: RenderableType, ruled: bool = False) -> RenderableType:
        """``body``, then the notes cited in it, if any, headed as the brief's sections are
        when ``ruled``."""
        notes = self.book.notes() if self.shown else []
        if not notes:
            return body
        rows = _items([(f"[{n.number}]", _note_line(n.reference, n.quote, n.grade)) for n in notes])
        if ruled:
            part: RenderableType = Group(_rule("Notes"), rows)
        else:
            part = _section("Notes", [rows])
        return Group(body, Padding(part, (1, 0, 0, 0)))


def _note_line(ref: Reference, quote: str, grade: str = "") -> Text:
    """'Kamran Bokhari, “Title”, The Washington Times, 2022-12-28, https://…: “quote”', or
    with a short reference ('Bokhari, “Short title…”'); ' (graded B2)' after it when the
    citation is graded."""
    parts = [_text(ref.by)] if ref.by else []
    parts.append(_text(ref.title) if ref.made else Text.assemble("“", _text(ref.title), "”"))
    if ref.outlet:
        parts.append(_text(ref.outlet, "italic"))
    if ref.date:
        parts.append(_text(ref.date, DATE))
    if web_address(ref.url):
        parts.append(_linked(ref.url, ref.url, DIM))
    line = Text.assemble(_join(parts), ": “", _text(quote, "italic"), "”")
    if grade:
        line.append(f" (graded {grade})", style=DIM)
    return line


# -- timeline --------------------------------------------------------------------------------


def _linked(value: str, url: str | None, style: str = "") -> Text:
    """Fact text that a terminal with hyperlinks opens at ``url`` when it is a web address."""
    target = web_address(url)
    if target is None:
        return _text(value, style)
    return Text(clean(value), style=Style.parse(style) + Style(link=target))


def _event_cell(event: Event, basis: Basis, notes: _Notes, with_actors: bool = True) -> Text:
    cell = _linked(event.title, event.url, HEADING)
    worded = date_wording(event.date)
    if worded:
        cell.append("\n")
        cell.append_text(_text(worded, WORDING))
    if event.place:
        cell.append("\nat ", DIM)
        cell.append_text(_text(str(event.place), PLACE))
    if event.summary:
        cell.append("\n")
        cell.append_text(_text(event.summary, DIM))
    notes.cited(cell, event.sources)
    cell.append_text(notes.evidence(event))
    if with_actors and event.actors:
        cell.append("\n")
        cell.append_text(_names(event.actors, basis, "green"))
    return cell


def _events_table(
    events: Sequence[Event], basis: Basis, title: Text, full: bool, notes: _Notes
) -> Table:
    table = _table(title, leading=1 if full else 0)
    table.add_column("Date", max_width=DATE_WIDTH + 4, overflow="fold")
    table.add_column("Event", ratio=1, overflow="fold")
    for event in events:
        cell = _event_cell(event, basis, notes) if full else _linked(event.title, event.url)
        worded = "" if full else date_wording(event.date)
        if worded:
            cell.append(" · ", DIM)
            cell.append_text(_text(worded, WORDING))
        if event.place and not full:
            cell.append(" · at ", DIM)
            cell.append_text(_text(str(event.place), PLACE))
        if not full:
            notes.cited(cell, event.sources)
            cell.append_text(notes.evidence(event))
        table.add_row(_date(event.date), cell)
    return table


# -- profile ---------------------------------------------------------------------------------


def _header(view: Profile, basis: Basis, notes: _Notes) -> _Fit:
    """The actor's name on the panel's border, or on its first line when the border is too
    short for it (a border cuts a title off). Cited now, laid out once the width is known."""
    actor = view.actor
    first = _text(actor.kind, "italic")
    if actor.aliases:
        first.append(" · also ")
        first.append_text(_join(_text(a, "bold") for a in actor.aliases))
    lines = [first]
    if actor.description:
        lines.append(_text(actor.description))
    notes.cited(lines[-1], actor.sources)
    times = basis_times(basis)
    if times:
        lines.append(_join((Text.assemble(words, (day, DATE)) for words, day in times), " · "))
    title = _text(actor.name, NAME)

    def panel(width: int) -> Panel:
        if cell_len(title.plain) + PANEL_TITLE_FRAME > width:
            return Panel(Group(title, *lines), box=box.ROUNDED)
        return Panel(Group(*lines), title=title, title_align="left", box=box.ROUNDED)

    return _Fit(panel)


def _period(when: FuzzyDate | None) -> Text:
    """' (c. 2019–2022)', with the curator's words, dim and italic, where they say more."""
    if when is None:
        return Text()
    worded = date_wording(when)
    wording = Text.assemble(" · ", _text(worded, WORDING)) if worded else Text()
    return Text.assemble(" (", _date(when), wording, ")")


def _role_line(held: RoleHeld, view: Profile, basis: Basis, notes: _Notes) -> Text:
    line = Text("former " if not held.current else "", style=DIM)
    line.append_text(_text(held.role.title, HEADING))
    if held.holder.id != view.actor.id:
        line.append(" — ")
        line.append_text(_text(held.holder.name, NAME))
    elif held.role.of:
        line.append(" of ")
        line.append_text(_text(basis.actor_name(held.role.of), NAME))
    line.append_text(_period(held.role.period))
    notes.cited(line, held.role.sources)
    if not held.current:
        line.stylize(DIM)
    return line


def _attribute_line(value: AttributeValue, notes: _Notes) -> Text:
    attribute = value.attribute
    mark = notes.mark(attribute.sources)
    if value.current:
        return Text.assemble(_text(attribute.name), ": ", _text(attribute.value, HEADING), mark)
    line = Text.assemble("former ", _text(attribute.name), ": ", _text(attribute.value))
    line.append_text(_period(attribute.period))
    line.append_text(mark)
    line.stylize(DIM)
    return line


def _link_line(link: Link, basis: Basis, notes: _Notes) -> Text:
    kind = _text(basis.relation_phrase(link.relation))
    other = _text(link.other.name, NAME)
    if link.outgoing:
        line = Text.assemble("→ ", kind, " ", other)
    else:
        line = Text.assemble("← ", other, " ", kind)
    line.append_text(_period(link.relation.period))
    notes.cited(line, link.relation.sources)
    if link.relation.summary:
        line.append_text(Text.assemble(" — ", _text(link.relation.summary), style=DIM))
    line.append_text(notes.evidence(link.relation))
    return line


def _sequence(history: PositionHistory, marks: Sequence[Text] = ()) -> Text:
    """'supports (2019) → balances (since February 2022)', stances and dates styled; each
    step's note marks after its date when ``marks`` are given (one per step)."""
    return _join(
        (
            Text.assemble(
                _stance(s.position.stance),
                " (",
                _text(s.when, DATE if s.position.date else DIM),
                ")",
                marks[n] if marks else "",
            )
            for n, s in enumerate(steps(history))
        ),
        " → ",
    )


def _history_line(history: PositionHistory, basis: Basis) -> Text:
    return Text.assemble(_text(basis.topic_name(history.topic), TOPIC), ": ", _sequence(history))


def _profile(view: ProfileView, notes: _Notes) -> RenderableType:
    p, basis = view.profile, view.basis
    header = _header(p, basis, notes)
    sections: list[RenderableType] = []
    if p.roles:
        sections.append(_section("Roles", [_role_line(r, p, basis, notes) for r in p.roles]))
    if p.attributes:
        lines = [_attribute_line(a, notes) for a in p.attributes]
        sections.append(_section("Attributes", lines))
    if p.positions:
        title = _heading("Positions")
        sections.append(_positions(p.positions, basis, title, notes, by_actor=False))
    if view.histories:
        lines = [_history_line(h, basis) for h in view.histories]
        sections.append(_section("Positions over time", lines))
    if p.links:
        lines = [_link_line(link, basis, notes) for link in p.links]
        sections.append(_section("Relations", lines))
    if p.events:
        sections.append(_events_table(p.events, basis, _heading("Events"), False, notes))
    if view.judgments:
        judged = [_judgment(j, notes) for j in view.judgments]
        sections.append(_section("Judgments", [_bullets(judged)]))
    if p.sources:
        sections.append(_sources_table(p.sources, _heading("Sources"), with_date=False))
    return Group(header, *(Padding(s, (1, 0, 0, 0)) for s in sections))


# -- lists -----------------------------------------------------------------------------------


def _count(number: int) -> Text:
    return Text(str(number), style=DIM if number == 0 else "")


def _actors(view: ActorsView) -> RenderableType:
    rows = view.rows
    if not rows:
        return _note("No actors match.")
    table = _table(_title("Actors", str(len(rows)), view.basis))
    table.add_column("Name", ratio=2, overflow="fold")
    table.add_column("Kind", ratio=1, overflow="fold")
    table.add_column("Events", justify="right", no_wrap=True)
    table.add_column("Positions", justify="right", no_wrap=True)
    for row in rows:
        table.add_row(
            _text(row.actor.name, NAME),
            _text(row.actor.kind, "italic"),
            _count(row.events),
            _count(row.positions),
        )
    return table


def _positions_table(
    items: Sequence[Position],
    basis: Basis,
    title: Text,
    by_actor: bool,
    width: int,
    marks: Sequence[Text],
) -> Table:
    table = _table(title, leading=1)
    if by_actor:
        table.add_column("Actor", max_width=_share(width, 6), overflow="fold")
    table.add_column("Topic", max_width=min(20, max(12, width // 7)), overflow="fold")
    table.add_column("Stance", no_wrap=True)
    table.add_column("Statement", ratio=1, overflow="fold")
    table.add_column("Date", max_width=DATE_WIDTH if width >= 80 else 12, overflow="fold")
    for p, mark in zip(items, marks, strict=True):
        cells = [_text(basis.actor_name(p.actor), NAME)] if by_actor else []
        cells += [_text(basis.topic_name(p.topic), TOPIC), _stance(p.stance)]
        table.add_row(*cells, Text.assemble(_text(p.statement), mark), _date(p.date))
    return table


def _positions(
    items: Sequence[Position], basis: Basis, title: Text, notes: _Notes, by_actor: bool = True
) -> RenderableType:
    marks = [Text.assemble(notes.mark(p.sources), notes.evidence(p)) for p in items]
    return _Fit(lambda width: _positions_table(items, basis, title, by_actor, width, marks))


# -- history ---------------------------------------------------------------------------------


def _history_table(view: HistoryView, width: int, marks: Sequence[Sequence[Text]]) -> Table:
    basis = view.basis
    table = _table(_title("Position history", str(len(view.histories)), basis), leading=1)
    table.add_column("Actor", max_width=_share(width, 5), overflow="fold")
    table.add_column("Topic", max_width=min(20, max(12, width // 6)), overflow="fold")
    table.add_column("Stances", ratio=1, overflow="fold")
    for h, step_marks in zip(view.histories, marks, strict=True):
        actor = _text(basis.actor_name(h.actor), NAME)
        topic = _text(basis.topic_name(h.topic), TOPIC)
        table.add_row(actor, topic, _sequence(h, step_marks))
    return table


def _history(view: HistoryView, notes: _Notes) -> RenderableType:
    """Each actor and topic with the stances taken, earliest first, each step cited."""
    if not view.histories:
        return _note("No positions match.")
    marks = [[notes.mark(s.position.sources) for s in steps(h)] for h in view.histories]
    return _Fit(lambda width: _history_table(view, width, marks))


# -- matrix ----------------------------------------------------------------------------------

# The actor column's widest; longer names fold onto a second line.
MATRIX_ACTOR_WIDTH = 16


def _chunks(floors: Sequence[int], room: int) -> list[range]:
    """The columns, by index, in as few even groups as fit in ``room`` side by side, each
    column as wide as its ``floor`` (one column a group when even one does not fit)."""
    count = len(floors)
    for parts in range(1, count + 1):
        size = -(-count // parts)
        groups = [range(i, min(i + size, count)) for i in range(0, count, size)]
        if all(sum(floors[i] for i in group) <= room for group in groups):
            return groups
    return [range(i, i + 1) for i in range(count)]


def _matrix_cell(view: Matrix, actor_id: str, topic_id: str, notes: _Notes) -> Text:
    """The stance held now, marked when a source disputes it, and the one before it if it
    changed, each cited: 'balances[2] (contested) (was supports[1])'."""
    history = view.history(actor_id, topic_id)
    if history is None:
        return Text("—", style=DIM)
    cell = _join(_stance(s) for s in view.stances(actor_id, topic_id))
    notes.cited(cell, [c for p in history.current for c in p.sources])
    if any(p.contested for p in history.current):
        cell.append(" (contested)", style=CONTESTED)
    was = history.was
    if was is not None:
        said = Text.assemble(" (was ", _text(was.stance), style=DIM)
        cell.append_text(Text.assemble(notes.cited(said, was.sources), (")", DIM)))
    return cell


def _matrix_cells(view: Matrix, notes: _Notes) -> dict[tuple[str, str], Text]:
    """Every cell, cited row by row as the Markdown matrix is, before the width splits it."""
    return {
        (a.id, t.id): _matrix_cell(view, a.id, t.id, notes)
        for a in view.actors
        for t in view.topics
    }


def _stance_width(view: Matrix) -> int:
    """The widest stance the matrix shows (a longer one than the actor column's folds), and
    never under the usual width."""
    widest = max([STANCE_WIDTH, *(len(p.stance) for ps in view.cells.values() for p in ps)])
    return min(widest, MATRIX_ACTOR_WIDTH)


def _matrix_table(
    view: Matrix, topics: Sequence[Topic], title: Text, cells: dict[tuple[str, str], Text]
) -> Table:
    table = _table(title, expand=False)
    table.add_column("Actor", max_width=MATRIX_ACTOR_WIDTH, overflow="fold")
    for topic in topics:
        table.add_column(_text(topic.name), min_width=_stance_width(view), overflow="fold")
    for actor in view.actors:
        row = [cells[actor.id, t.id].copy() for t in topics]
        table.add_row(_text(actor.name, NAME), *row)
    return table


def _matrix_tables(
    view: Matrix, basis: Basis, width: int, cells: dict[tuple[str, str], Text]
) -> RenderableType:
    whole = _matrix_table(view, view.topics, Text(), cells)
    actor, *topics = (_span(c, False, width) for c in whole.columns)
    # Each topic column takes its longest word and two characters: the rule and the padding.
    chunks = _chunks([t.floor + 2 for t in topics], width - actor.floor)
    count = f"{plural(len(view.actors), 'actor')} × {plural(len(view.topics), 'topic')}"
    tables: list[RenderableType] = []
    for chunk in chunks:
        title = _title("Matrix", count, basis)
        if len(chunks) > 1:
            title.append(f" (topics {chunk.start + 1}–{chunk.stop})", style=DIM)
        table = _matrix_table(view, view.topics[chunk.start : chunk.stop], title, cells)
        tables.append(Padding(table, (1, 0, 0, 0)) if tables else table)
    return Group(*tables)


def _matrix(view: Matrix, basis: Basis, notes: _Notes) -> RenderableType:
    """Actors down, topics across, each cell the stances taken ('—' for none); split into
    several tables when the topics do not fit side by side."""
    if not view.actors or not view.topics:
        return _note("No positions match.")
    cells = _matrix_cells(view, notes)
    return _Fit(lambda width: _matrix_tables(view, basis, width, cells))


# -- sources ---------------------------------------------------------------------------------


def _reliability(grade: str) -> Text:
    if not grade:
        return Text("—", style=DIM)
    meaning = RELIABILITY.get(grade, "")
    return Text.assemble(_text(grade, HEADING), (f" {meaning}" if meaning else "", DIM))


def _sources_table(uses: Sequence[SourceUse], title: Text, with_date: bool) -> Table:
    table = _table(title)
    table.add_column("Source", ratio=1, overflow="fold")
    table.add_column("Publisher", max_width=18, overflow="fold")
    if with_date:
        table.add_column("Date", max_width=DATE_WIDTH, overflow="fold")
    table.add_column("Reliability", max_width=18, overflow="fold")
    table.add_column("Facts", justify="right", no_wrap=True)
    for use in uses:
        source = use.source
        cells = [_linked(source.title, source.url, HEADING), _text(source.publisher)]
        cells += [_date(source.published)] if with_date else []
        table.add_row(*cells, _reliability(source.reliability), _count(use.facts))
    return table


# -- search ----------------------------------------------------------------------------------

FACT_WIDTH = 40
MATCH_WIDTH = 80


def _excerpt(value: str, words: Sequence[str]) -> str:
    """About MATCH_WIDTH characters of ``value``, starting a little before the first match."""
    if len(value) <= MATCH_WIDTH:
        return value
    lowered = value.lower() if len(value.lower()) == len(value) else value
    found = [i for i in (lowered.find(w) for w in words) if i >= 0]
    start = min(found, default=0)
    if start < MATCH_WIDTH // 2:
        return shorten(value, MATCH_WIDTH)
    space = value.rfind(" ", 0, start - 20)
    return "…" + shorten(value[space + 1 :], MATCH_WIDTH - 1)


def _match(value: str, words: Sequence[str]) -> Text:
    text = _text(_excerpt(value, words))
    text.highlight_words(words, style=MATCH, case_sensitive=False)
    return text


def _search(view: SearchView, notes: _Notes) -> RenderableType:
    query, hits = view.query, view.hits
    quoted = Text.assemble("“", _text(query, HEADING), "”")
    if not hits:
        if view.suggestion:
            meant = Text.assemble("“", _text(view.suggestion, HEADING), "”")
            return _note("No facts match ", quoted, "; did you mean ", meant, "?")
        return _note("No facts match ", quoted, ".")
    title = Text.assemble((plural(len(hits), "result"), HEADING), " for ", quoted)
    words = fold(query).split()
    table = _table(title)
    table.add_column("Kind", no_wrap=True, style=DIM)
    table.add_column("Fact", ratio=2, overflow="fold")
    table.add_column("Field", no_wrap=True, style=DIM)
    table.add_column("Match", ratio=3, overflow="fold")
    for hit in hits:
        table.add_row(
            Text(hit.kind),
            notes.cited(
                _text(shorten(view.basis.label(hit.fact), FACT_WIDTH), HEADING),
                getattr(hit.fact, "sources", ()),
            ),
            Text(hit.field),
            _match(hit.text, hit.words or words),
        )
    return table


# -- briefing --------------------------------------------------------------------------------

# The Traffic Light Protocol's colours (FIRST TLP 2.0): coloured text on black.
TLP_STYLES = {
    "TLP:RED": "bold #ff2b2b on black",
    "TLP:AMBER": "bold #ffc000 on black",
    "TLP:GREEN": "bold #33ff00 on black",
    "TLP:CLEAR": "bold #ffffff on black",
}
GAP_LABEL_WIDTH = 50


def _marking(handling: str) -> Text:
    """The handling marking, prominent: TLP colours, else reversed."""
    key = handling.strip().upper()
    style = next(
        (s for label, s in TLP_STYLES.items() if key == label or key.startswith(label + "+")),
        "bold reverse",
    )
    return _text(f" {handling.strip()} ", style)


def _brief_header(whole: BriefView) -> Panel:
    view = whole.briefing
    brief, window = view.brief, view.window
    lines = [
        _text(brief.title, "bold"),
        Text.assemble(
            "Date: ",
            _text(brief_date(view), DATE),
            " · Window: ",
            (days_text(window.start, window.end), DATE),
            f" ({plural(window.days, 'day')})",
        ),
        Text(" · ").join(Text.assemble(words, (day, DATE)) for words, day in brief_times(view)),
    ]
    if brief.audience:
        lines.append(Text.assemble("Audience: ", _text(brief.audience, HEADING)))
    if brief.author:
        lines.append(Text.assemble("Author: ", _text(brief.author, NAME)))
    marking = _marking(view.handling)
    return Panel(
        Group(*lines),
        title=marking,
        title_align="left",
        subtitle=marking.copy(),
        subtitle_align="right",
        box=box.HEAVY,
    )


def _items(rows: Sequence[tuple[str, RenderableType]]) -> Table:
    """A list with hanging indents: each marker, then its item wrapping beside it."""
    grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for marker, item in rows:
        grid.add_row(Text(marker, style=DIM), item)
    return grid


def _bullets(lines: Sequence[RenderableType]) -> Table:
    return _items([("•", line) for line in lines])


def _rests_on(support: Sequence[Support], notes: _Notes | None = None) -> list[Text]:
    """'Rests on: …' naming each fact with its date, and its note marks when ``notes`` are
    given (a judgment's evidence is cited; a bottom-line point's is named only)."""
    if not support:
        return []
    labels = [
        Text.assemble(
            _text(f.label, "italic"),
            (", " + clean(f.when)) if f.when else "",
            notes.mark(f.sources) if notes else "",
        )
        for f in support
    ]
    return [Text.assemble("Rests on: ", _join(labels, "; "), style=DIM)]


def _point(view: PointView, notes: _Notes) -> RenderableType:
    by = Text.assemble("— ", _text(view.by), style=DIM)
    said = notes.cited(_text(view.point.text), view.point.sources)
    return Group(said, by, *_rests_on(view.rests_on))


def _judgment(view: JudgmentView, notes: _Notes) -> RenderableType:
    """The statement; then whose it is, likelihood and confidence as separate sentences
    (ICD 203), and what it rests on."""
    j = view.judgment
    said = notes.cited(_text(j.statement), j.sources)
    detail = Text.assemble(_text(view.credit), ".", style=DIM)
    if j.likelihood:
        detail.append_text(Text.assemble(" Likelihood: ", _text(j.likelihood, "bold"), "."))
    if j.confidence:
        detail.append_text(Text.assemble(" Confidence: ", _text(j.confidence, "bold"), "."))
    return Group(said, detail, *_rests_on(view.rests_on, notes))


def _brief_judgments(view: BriefView, notes: _Notes) -> RenderableType:
    return _items([(f"{n}.", _judgment(j, notes)) for n, j in enumerate(view.judgments, 1)])


def _standing_position(position: Position, basis: Basis, notes: _Notes) -> Text:
    line = Text.assemble(
        _text(basis.actor_name(position.actor), NAME),
        " ",
        _text(basis.stance_phrase(position), STANCE_STYLES.get(position.stance, "")),
        " ",
        _text(basis.topic_phrase(position), TOPIC),
    )
    if position.date:
        line.append_text(Text.assemble(" · ", _date(position.date)))
    if position.statement:
        line.append_text(Text.assemble("\n", _text(position.statement, DIM)))
    notes.cited(line, position.sources)
    line.append_text(notes.evidence(position))
    return line


def _standing_relation(relation: Relation, basis: Basis, notes: _Notes) -> Text:
    line = Text.assemble(
        _text(basis.actor_name(relation.subject), NAME),
        " ",
        _text(basis.relation_phrase(relation)),
        " ",
        _text(basis.actor_name(relation.object), NAME),
    )
    line.append_text(_period(relation.period))
    notes.cited(line, relation.sources)
    if relation.summary:
        line.append_text(Text.assemble(" — ", _text(relation.summary), style=DIM))
    line.append_text(notes.evidence(relation))
    return line


def _contested(view: BriefView, notes: _Notes) -> RenderableType:
    """Each disagreement on a fact in the brief's scope, every side with who gives it."""
    lines: list[RenderableType] = []
    for fact in view.briefing.contested:
        for d in disagreements(view.basis, fact):
            when = f", {d.when}" if d.when else ""
            line = Text.assemble(_text(d.label, HEADING), (f" ({d.kind}{when})", DIM))
            for side in d.sides:
                line.append("\n")
                if d.field:
                    line.append(f"{d.field}: ", style=CONTESTED)
                line.append_text(notes.side(side, d.field))
            lines.append(line)
    return _with_more(_bullets(lines), view, "contested")


def _graph(view: GraphView, notes: _Notes) -> RenderableType:
    basis, center = view.basis, view.center
    actors = sum(n.kind != "topic" for n in view.nodes)
    label = f"Relations of {clean(center.name)}" if center else "Relations"
    title = _title(label, f"{plural(actors, 'actor')}, {plural(len(view.edges), 'tie')}", basis)
    parts: list[RenderableType] = [title]
    ties = [(e.fact, e.former) for e in view.edges if isinstance(e.fact, Relation)]
    if ties:
        lines = []
        for relation, former in ties:
            line = _standing_relation(relation, basis, notes)
            lines.append(Text.assemble(("former: ", DIM), line) if former else line)
        parts.append(_subsection("Ties", _bullets(lines)))
    positions = [e.fact for e in view.edges if isinstance(e.fact, Position)]
    if positions:
        lines = [_standing_position(p, basis, notes) for p in positions]
        parts.append(_subsection("Positions", _bullets(lines)))
    return Group(*parts)


def _subsection(label: str, body: RenderableType) -> RenderableType:
    return Group(Text(label, style=HEADING), Padding(body, (0, 0, 0, 2)))


def _background(whole: BriefView, notes: _Notes) -> RenderableType:
    view, basis = whole.briefing, whole.basis
    parts: list[RenderableType] = []
    if view.standing_positions:
        lines = [_standing_position(p, basis, notes) for p in view.standing_positions]
        body = _with_more(_bullets(lines), whole, "positions")
        parts.append(_subsection("Standing positions", body))
    if view.standing_relations:
        lines = [_standing_relation(r, basis, notes) for r in view.standing_relations]
        body = _with_more(_bullets(lines), whole, "relations")
        parts.append(_subsection("Standing relations", body))
    if view.earlier_events:
        title = Text("Earlier events", style=HEADING)
        parts.append(_events_table(view.earlier_events, basis, title, False, notes))
        parts += _more(whole, "earlier")
    return _spaced(parts)


def _recent(view: BriefView, notes: _Notes) -> RenderableType:
    table = _table(None, leading=1)
    table.add_column("Date", max_width=DATE_WIDTH + 4, overflow="fold")
    table.add_column("Event", ratio=1, overflow="fold")
    for event in view.briefing.recent:
        cell = _event_cell(event, view.basis, notes, with_actors=False)
        table.add_row(_date(event.date), cell)
    return _with_more(table, view, "recent")


def _role_text(held: RoleHeld, actor: KeyActor, basis: Basis) -> Text:
    """'President of Kazakhstan, from 2019' for the actor's own role; 'President: Kassym-Jomart
    Tokayev' for one of its offices held by someone else."""
    if held.holder.id != actor.actor.id:
        return Text.assemble(_text(held.role.title), ": ", _text(held.holder.name, NAME))
    line = _text(held.role.title)
    if held.role.of:
        line.append_text(Text.assemble(" of ", _text(basis.actor_name(held.role.of))))
    if held.role.period:
        line.append_text(Text.assemble(", ", _date(held.role.period)))
    return line


def _key_actor(actor: KeyActor, basis: Basis) -> Text:
    line = Text.assemble(_text(actor.actor.name, NAME), " (", _text(actor.actor.kind, "italic"))
    line.append(")")
    if actor.roles:
        line.append(" — ")
        line.append_text(_join((_role_text(h, actor, basis) for h in actor.roles), "; "))
    return line


def _gap_rows(labels: Sequence[Text], gap: Gap[Any]) -> Table:
    """A gap's examples as bullets, then how many more it has."""
    more = gap_more(gap)
    return _bullets([*labels, *([Text(more, style=DIM)] if more else [])])


def _gaps(view: BriefView) -> RenderableType:
    gaps, basis = view.briefing.gaps, view.basis
    parts: list[RenderableType] = []
    if gaps.single_origin:
        gap: Gap[Any] = gaps.single_origin
        rows = [_text(shorten(basis.label(f), 70), "italic") for f in gap.examples]
        label = f"Resting on a single origin: {plural(gap.count, 'fact')}"
        parts.append(_subsection(label, _gap_rows(rows, gap)))
    if gaps.vague_dates:
        gap = gaps.vague_dates
        rows = [Text.assemble(_date(e.date), " — ", _text(e.title)) for e in gap.examples]
        label = "Events known only to the month or year, or within a range"
        parts.append(_subsection(f"{label}: {gap.count}", _gap_rows(rows, gap)))
    if gaps.silent_actors:
        gap = gaps.silent_actors
        names = _join(_text(a.name, NAME) for a in gap.examples)
        if gap.unnamed:
            names.append(f"; {gap_more(gap)}", style=DIM)
        label = f"Key actors with no recorded position: {gap.count}"
        parts.append(_subsection(label, names))
    if gaps.unrated:
        gap = gaps.unrated
        rows = [_text(shorten(basis.label(j), 70)) for j in gap.examples]
        label = f"Judgments without likelihood or confidence: {gap.count}"
        parts.append(_subsection(label, _gap_rows(rows, gap)))
    if gaps.left_out:
        gap = gaps.left_out
        rows = [_text(left_out_label(e)) for e in gap.examples]
        label = f"Left out because of errors (run `briefing check`): {gap.count}"
        parts.append(_subsection(label, _gap_rows(rows, gap)))
    return _spaced(parts)


def _more(view: BriefView, *lists: str) -> list[RenderableType]:
    """For each of ``lists`` the brief bounds, how many it leaves out and where they are."""
    out: list[RenderableType] = []
    for name in lists:
        more = view.briefing.more.get(name)
        if more is not None:
            out.append(_more_line(*more_text(more)))
    return out


def _more_line(words: str, command: str) -> Text:
    """The last line of a list cut short: what it leaves out, and the command listing it."""
    return Text.assemble(words, (command, "bold"), style=DIM)


def _with_more(body: RenderableType, view: BriefView, *lists: str) -> RenderableType:
    more = _more(view, *lists)
    return Group(body, *more) if more else body


def _spaced(parts: Sequence[RenderableType]) -> RenderableType:
    """Parts one after another with a blank line between them."""
    return Group(*(Padding(p, (1, 0, 0, 0)) if n else p for n, p in enumerate(parts)))


def _brief_sources(view: BriefView) -> RenderableType:
    uses = view.briefing.sources
    table = _sources_table(uses, Text(plural(len(uses), "source"), style=DIM), with_date=True)
    return _with_more(table, view, "sources")


# Each section from the brief's view and its notes (cited in reading order).
_BRIEF_SECTIONS: dict[str, Callable[[BriefView, _Notes], RenderableType]] = {
    "changes": lambda view, notes: _since(view, notes),
    "bottom-line": lambda view, notes: _with_more(
        _bullets([_point(p, notes) for p in view.bottom_line]), view, "bottom-line"
    ),
    "key-judgments": lambda view, notes: _with_more(
        _brief_judgments(view, notes), view, "key-judgments"
    ),
    "background": _background,
    "recent": _recent,
    "key-actors": lambda view, notes: _with_more(
        _bullets([_key_actor(k, view.basis) for k in view.briefing.key_actors]),
        view,
        "key-actors",
    ),
    "positions": lambda view, notes: _with_more(
        _matrix(view.briefing.matrix, view.basis, notes), view, "matrix-actors", "matrix-topics"
    ),
    "outlook": lambda view, notes: _with_more(
        _bullets([_point(p, notes) for p in view.indicators]), view, "indicators"
    ),
    "contested": _contested,
    "gaps": lambda view, notes: _gaps(view),
    "sources": lambda view, notes: _brief_sources(view),
}


# -- changes between two states ---------------------------------------------------------------


def _state(state: State) -> Text:
    line = _text(state.label, HEADING)
    if state.commit:
        line.append(f" ({state.commit[:12]})", style=DIM)
    return line


def _diff_header(view: DiffView) -> RenderableType:
    lines = [
        Text.assemble(("Changes", HEADING), " from ", _state(view.old), " to ", _state(view.new))
    ]
    for side, state in (("old", view.old), ("new", view.new)):
        if state.facts.left_out:
            count = plural(len(state.facts.left_out), "fact")
            lines.append(_note(f"The {side} state has {count} left out because of errors."))
    if view.changes:
        added, removed, changed = view.changes.counts()
        shifts = plural(len(view.changes.stance_shifts), "stance shift")
        lines.append(Text(f"{added} added, {removed} removed, {changed} changed; {shifts}"))
    else:
        lines.append(_note("No changes."))
    return Group(*lines)


def _fact_line(fact: Any, basis: Basis, notes: _Notes) -> Text:
    line = Text.assemble(_text(basis.label(fact), HEADING), (f" {fact.id}", DIM))
    when = fact_date(fact)
    if when:
        line.append_text(Text.assemble(" · ", _text(when, DATE)))
    return notes.cited(line, getattr(fact, "sources", ()))


def _said(p: Position, notes: _Notes) -> Text:
    line = _date(p.date)
    if p.statement:
        line.append_text(Text.assemble(" — ", _text(p.statement)))
    return notes.cited(line, p.sources)


def _shift_line(shift: StanceShift, basis: Basis, notes: _Notes) -> RenderableType:
    head = Text.assemble(
        _text(basis.actor_name(shift.actor), NAME),
        " on ",
        _text(basis.topic_name(shift.topic), TOPIC),
        ": ",
        _stance(shift.old.stance),
        " → ",
        _stance(shift.new.stance),
    )
    how = (
        f"position {shift.new.id} edited"
        if shift.same_id
        else f"new position {shift.new.id} after {shift.old.id}"
    )
    head.append(f" ({how})", style=DIM)
    before = Text.assemble(("before: ", DIM), _said(shift.old, notes))
    after = Text.assemble(("after: ", DIM), _said(shift.new, notes))
    return Group(head, before, after)


def _changed_table(changed: Sequence[Changed], basis: Basis, count: int) -> Table:
    table = _table(Text(f"Changed: {count}", style=HEADING), leading=0)
    table.add_column("Fact", ratio=2, overflow="fold")
    widest = max(len(f.name) for ch in changed for f in ch.fields)
    table.add_column("Field", min_width=min(widest, 16), overflow="fold", style=DIM)
    table.add_column("Old", ratio=3, overflow="fold")
    table.add_column("New", ratio=3, overflow="fold")
    for ch in changed:
        for n, f in enumerate(ch.fields):
            fact = Text() if n else Text.assemble(_text(basis.label(ch.new), HEADING), "\n")
            if not n:
                fact.append(ch.id, style=DIM)
            table.add_row(fact, _text(f.name), _text(value_text(f.old)), _text(value_text(f.new)))
    return table


def _collection_changes(
    every: Changes,
    changes: CollectionChanges,
    basis: Basis,
    notes: _Notes,
    removed: str = "Removed",
) -> RenderableType:
    parts: list[RenderableType] = []
    for label, kind in (("Added", "added"), (removed, "removed")):
        facts = getattr(changes, kind)
        if facts:
            lines = _bullets([_fact_line(f, basis, notes) for f in facts])
            parts.append(_subsection(f"{label}: {changes.count(kind)}", lines))
            parts += _changes_more(every, changes, kind)
    if changes.changed:
        parts.append(_changed_table(changes.changed, basis, changes.count("changed")))
        parts += _changes_more(every, changes, "changed")
    return Group(_heading(changes.name.capitalize()), Padding(_spaced(parts), (0, 0, 0, 2)))


def _diff(view: DiffView, notes: _Notes) -> RenderableType:
    return _spaced([_diff_header(view), *_change_parts(view.changes, view.basis, notes)])


def _change_parts(
    changes: Changes, basis: Basis, notes: _Notes, removed: str = "Removed"
) -> list[RenderableType]:
    """Stance shifts, then each collection's changes; facts gone listed under ``removed``."""
    parts: list[RenderableType] = []
    if changes.stance_shifts:
        lines = _bullets([_shift_line(s, basis, notes) for s in changes.stance_shifts])
        parts.append(_section("Stance shifts", [lines]))
    return parts + [
        _collection_changes(changes, c, basis, notes, removed) for c in changes.collections if c
    ]


def _changes_more(every: Changes, listed: CollectionChanges, kind: str) -> list[RenderableType]:
    words, command = changes_more(every, listed, kind)
    return [_more_line(words, command)] if words else []


def _since(view: BriefView, notes: _Notes) -> RenderableType:
    """The brief's changes since --since: what became known after that day, in its scope."""
    b = view.briefing
    assert b.since is not None and b.changes is not None  # the section is shown only then
    head = _note(f"What became known after {day_in_words(b.since)}, in this brief's scope.")
    if not b.changes:
        return Group(head, _note("Nothing new."))
    # In one fact base, what was known and is no longer held was withdrawn.
    return _spaced([head, *_change_parts(b.changes, view.basis, notes, removed="Withdrawn")])


class TerminalRenderer(Renderer[RenderableType]):
    """Rich renderables that fit the console's width; the CLI prints them. Cited facts carry
    note markers, and the notes with their quotes follow the view unless ``notes`` is
    False."""

    def __init__(self, notes: bool = True) -> None:
        self.notes = notes

    def _notes(self, basis: Basis) -> _Notes:
        return _Notes(basis, self.notes)

    def timeline(self, view: TimelineView) -> RenderableType:
        """Events in the given order: date as written, title, summary and the actors."""
        events = view.events
        if not events:
            return _note("No events match.")
        title = _title("Timeline", plural(len(events), "event"), view.basis)
        notes = self._notes(view.basis)
        return notes.after(_events_table(events, view.basis, title, True, notes))

    def profile(self, view: ProfileView) -> RenderableType:
        """An actor's header panel, then each non-empty section."""
        notes = self._notes(view.basis)
        return notes.after(_profile(view, notes))

    def actors(self, view: ActorsView) -> RenderableType:
        """Actors with their kind and how many events and positions involve them."""
        return _actors(view)

    def positions(self, view: PositionsView) -> RenderableType:
        """Positions: who, on what, which stance, in what words, and when."""
        items = view.positions
        if not items:
            return _note("No positions match.")
        notes = self._notes(view.basis)
        title = _title("Positions", str(len(items)), view.basis)
        return notes.after(_positions(items, view.basis, title, notes))

    def history(self, view: HistoryView) -> RenderableType:
        """Each actor's stances on each topic, earliest first: 'supports (2019) → balances
        (since February 2022)'."""
        notes = self._notes(view.basis)
        return notes.after(_history(view, notes))

    def matrix(self, view: MatrixView) -> RenderableType:
        notes = self._notes(view.basis)
        return notes.after(_matrix(view.matrix, view.basis, notes))

    def sources(self, view: SourcesView) -> RenderableType:
        """Sources with publisher, date, reliability and how many facts cite them."""
        if not view.uses:
            return _note("No sources.")
        title = _title("Sources", str(len(view.uses)), view.basis)
        return _sources_table(view.uses, title, with_date=True)

    def search(self, view: SearchView) -> RenderableType:
        """Search results, best first: kind, the fact, the field that matched and the match."""
        notes = self._notes(view.basis)
        return notes.after(_search(view, notes))

    def brief(self, view: BriefView) -> RenderableType:
        """A header panel with the handling marking, then each section with something in it."""
        notes = self._notes(view.basis)
        parts: list[RenderableType] = [_brief_header(view)]
        if view.briefing.nothing_known:
            parts.append(Padding(_note(_text(view.briefing.nothing_known)), (1, 0, 0, 0)))
        for section in view.briefing.sections:
            parts.append(Padding(_rule(SECTION_TITLES[section]), (1, 0, 0, 0)))
            parts.append(_BRIEF_SECTIONS[section](view, notes))
        return notes.after(Group(*parts), ruled=True)

    def briefs(self, view: BriefsView) -> RenderableType:
        """The briefs a fact base defines, the default one marked."""
        items = view.briefs
        if not items:
            return _note("The fact base defines no brief; `briefing brief` prints a default one.")
        table = _table(_title("Briefs", str(len(items))))
        table.add_column("Brief", no_wrap=True)
        table.add_column("Title", ratio=3, overflow="fold")
        table.add_column("Audience", ratio=2, overflow="fold")
        table.add_column("Default", no_wrap=True)
        for b in items:
            table.add_row(
                _text(b.id, NAME),
                _text(b.title),
                _text(b.audience, DIM),
                Text("yes" if b.default else ""),
            )
        return table

    def diff(self, view: DiffView) -> RenderableType:
        """Stance shifts first, then each collection's facts added, removed and changed."""
        notes = self._notes(view.basis)
        return notes.after(_diff(view, notes))

    def graph(self, view: GraphView) -> RenderableType:
        """Who is tied to whom, one sentence a tie, then each actor's current positions."""
        if not view.edges:
            return _note("No relations match.")
        notes = self._notes(view.basis)
        return notes.after(_graph(view, notes))


# -- the timeline chart (`timeline --chart`) -------------------------------------------------

CHART_NAMES = 18  # the lane names' column, in cells
CHART_GAP = 2


def chart_room(width: int) -> int:
    """The axis length, in cells, of a chart ``width`` cells wide."""
    return max(width - CHART_NAMES - 1, 10)


def _cells(marks: Sequence[tuple[int, Text]], room: int) -> Text:
    """One row: each text at its column (in cells), none overlapping, in column order."""
    row, at = Text(), 0
    for column, piece in sorted(marks, key=lambda m: m[0]):
        if column < at:
            continue
        row.append(" " * (column - at))
        row.append_text(piece)
        at = column + cell_len(piece.plain)
    return row


def timeline_chart(layout: Chart, room: int, view: TimelineView) -> RenderableType:
    """The chart ``layout`` (laid out for an axis of ``room`` cells): one lane per row of
    bars (━, shaded ends ┄) and points (●, ○ when approximate), its labels beneath, then
    the time axis."""
    events = len({id(m.event) for lane in layout.lanes for m in lane.marks})
    count = f"{plural(events, 'event')} in {plural(len(layout.lanes), 'lane')}"
    lines: list[RenderableType] = [_title("Timeline", count, view.basis)]
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=CHART_NAMES, no_wrap=True, overflow="ellipsis")
    grid.add_column(width=room, no_wrap=True)
    for lane in layout.lanes:
        bars: list[tuple[int, Text]] = []
        labels: list[list[tuple[int, Text]]] = [[] for _ in range(lane.tiers)]
        for mark in lane.marks:
            first = min(int(mark.start * room), room - 1)
            if mark.point:
                bars.append((first, Text("○" if mark.fade_start else "●", style=DATE)))
            else:
                last = max(first, min(room - 1, -int(-mark.end * room) - 1))
                cells = ["━"] * (last - first + 1)
                if mark.fade_start and len(cells) > 2:
                    cells[0] = "┄"
                if mark.fade_end and len(cells) > 1:
                    cells[-1] = "┄"
                bars.append((first, Text("".join(cells), style=DATE)))
            if mark.tier is not None:
                at = min(int(mark.label_at * room), room - cell_len(mark.label))
                labels[mark.tier].append((max(at, 0), _text(mark.label)))
        grid.add_row(_text(lane.name, NAME), _cells(_merged(bars), room))
        for tier in labels:
            grid.add_row(Text(), _cells(tier, room))
    axis = ["─"] * room
    tick_labels: list[tuple[int, Text]] = []
    for tick in layout.ticks:
        column = min(int(tick.at * room), room - 1)
        axis[column] = "┬"
        if column + len(tick.label) <= room:
            tick_labels.append((column, Text(tick.label, style=DIM)))
    grid.add_row(Text(), Text("".join(axis), style=DIM))
    grid.add_row(Text(), _cells(_ticks_spaced(tick_labels), room))
    lines.append(grid)
    notes = left_out(layout)
    notes.append("┄ and ○: approximate, uncertain or open dates")
    lines.append(_note("; ".join(notes) + "."))
    return Group(*lines)


def _merged(bars: list[tuple[int, Text]]) -> list[tuple[int, Text]]:
    """Bars that overlap drawn over each other: each cell shows the latest mark drawn there."""
    cells: dict[int, Text] = {}
    for column, piece in bars:
        for offset, char in enumerate(piece.plain):
            cells[column + offset] = Text(char, style=piece.style)
    return [(c, cells[c]) for c in sorted(cells)]


def _ticks_spaced(labels: list[tuple[int, Text]]) -> list[tuple[int, Text]]:
    """Tick labels that keep a space between them: a later one that would touch is left out."""
    kept, end = [], -1
    for column, label in sorted(labels, key=lambda m: m[0]):
        if column > end:
            kept.append((column, label))
            end = column + cell_len(label.plain)
    return kept
