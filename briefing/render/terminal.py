"""Rich renderables for the terminal: tables and panels that fit the console's width.

Each view returns a renderable and never prints; the CLI decides where it goes. Fact text is
data, never markup: every piece of it becomes a ``Text`` built from ``clean(...)``, so square
brackets and escape sequences in a fact show literally.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from briefing.index import fold
from briefing.model import Event, FuzzyDate, Position, Relation, Topic, day_in_words
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
    HistoryView,
    JudgmentView,
    MatrixView,
    PointView,
    PositionsView,
    ProfileView,
    SearchView,
    SourcesView,
    State,
    Support,
    TimelineView,
    basis_times,
    brief_times,
    date_text,
    fact_date,
    left_out_label,
    relation_words,
    shorten,
    steps,
    unlisted_events,
    value_text,
)

if TYPE_CHECKING:
    from briefing.brief import Gaps, KeyActor
    from briefing.diff import Changed, Changes, CollectionChanges, StanceShift

DATE = "cyan"
NAME = "bold green"
TOPIC = "magenta"
DIM = "dim"
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
# Wide enough for dates such as "late February 2022" to stay on one line.
DATE_WIDTH = 18
# The usual stance words' width: a matrix column is never narrower, and widens for longer ones
# (undecided, or a fact base's own), so that it never splits one.
STANCE_WIDTH = 8


# -- building blocks -------------------------------------------------------------------------


def _text(value: str, style: str = "") -> Text:
    """Fact text as an inert ``Text``: control characters made visible, markup never parsed."""
    return Text(clean(value), style=style)


def _join(parts: Iterable[Text], separator: str = ", ") -> Text:
    return Text(separator).join(parts)


def _date(when: FuzzyDate | None) -> Text:
    """A date exactly as the curator wrote it ('undated', dim, when there is none)."""
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
    """A table with the common look: left title, bold header, light rules, full width."""
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
    return Table(title=title, **(settings | options))


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


def _section(label: str, lines: Sequence[RenderableType]) -> RenderableType:
    """A headed list of lines, indented, each wrapping within the width."""
    return Group(_heading(label), Padding(Group(*lines), (0, 0, 0, 2)))


# -- timeline --------------------------------------------------------------------------------


def _linked(value: str, url: str | None, style: str = "") -> Text:
    """Fact text that a terminal with hyperlinks opens at ``url`` when it is a web address."""
    target = web_address(url)
    if target is None:
        return _text(value, style)
    return Text(clean(value), style=Style.parse(style) + Style(link=target))


def _event_cell(event: Event, basis: Basis, with_actors: bool = True) -> Text:
    cell = _linked(event.title, event.url, HEADING)
    if event.place:
        cell.append("\nat ", DIM)
        cell.append_text(_text(str(event.place), PLACE))
    if event.summary:
        cell.append("\n")
        cell.append_text(_text(event.summary, DIM))
    if with_actors and event.actors:
        cell.append("\n")
        cell.append_text(_names(event.actors, basis, "green"))
    return cell


def _events_table(events: Sequence[Event], basis: Basis, title: Text, full: bool) -> Table:
    table = _table(title, leading=1 if full else 0)
    table.add_column("Date", max_width=DATE_WIDTH + 4, overflow="fold")
    table.add_column("Event", ratio=1, overflow="fold")
    for event in events:
        cell = _event_cell(event, basis) if full else _linked(event.title, event.url)
        if event.place and not full:
            cell.append(" · at ", DIM)
            cell.append_text(_text(str(event.place), PLACE))
        table.add_row(_date(event.date), cell)
    return table


# -- profile ---------------------------------------------------------------------------------


def _header(view: Profile, basis: Basis) -> Panel:
    actor = view.actor
    first = _text(actor.kind, "italic")
    if actor.aliases:
        first.append(" · also ")
        first.append_text(_join(_text(a, "bold") for a in actor.aliases))
    lines = [first]
    if actor.description:
        lines.append(_text(actor.description))
    times = basis_times(basis)
    if times:
        lines.append(_join((Text.assemble(words, (day, DATE)) for words, day in times), " · "))
    title = _text(actor.name, NAME)
    return Panel(Group(*lines), title=title, title_align="left", box=box.ROUNDED)


def _period(when: FuzzyDate | None) -> Text:
    return Text.assemble(" (", _date(when), ")") if when else Text()


def _role_line(held: RoleHeld, view: Profile, basis: Basis) -> Text:
    line = Text("former " if not held.current else "", style=DIM)
    line.append_text(_text(held.role.title, HEADING))
    if held.holder.id != view.actor.id:
        line.append(" — ")
        line.append_text(_text(held.holder.name, NAME))
    elif held.role.of:
        line.append(" of ")
        line.append_text(_text(basis.actor_name(held.role.of), NAME))
    line.append_text(_period(held.role.period))
    if not held.current:
        line.stylize(DIM)
    return line


def _attribute_line(value: AttributeValue) -> Text:
    attribute = value.attribute
    if value.current:
        return Text.assemble(_text(attribute.name), ": ", _text(attribute.value, HEADING))
    line = Text.assemble("former ", _text(attribute.name), ": ", _text(attribute.value))
    line.append_text(_period(attribute.period))
    line.stylize(DIM)
    return line


def _link_line(link: Link) -> Text:
    kind = _text(relation_words(link.relation.type))
    other = _text(link.other.name, NAME)
    if link.outgoing:
        line = Text.assemble("→ ", kind, " ", other)
    else:
        line = Text.assemble("← ", other, " ", kind)
    line.append_text(_period(link.relation.period))
    if link.relation.summary:
        line.append_text(Text.assemble(" — ", _text(link.relation.summary), style=DIM))
    return line


def _sequence(history: PositionHistory) -> Text:
    """'supports (2019) → balances (since February 2022)', stances and dates styled."""
    return _join(
        (
            Text.assemble(
                _stance(s.position.stance),
                " (",
                _text(s.when, DATE if s.position.date else DIM),
                ")",
            )
            for s in steps(history)
        ),
        " → ",
    )


def _history_line(history: PositionHistory, basis: Basis) -> Text:
    return Text.assemble(_text(basis.topic_name(history.topic), TOPIC), ": ", _sequence(history))


def _profile(view: ProfileView) -> RenderableType:
    p, basis = view.profile, view.basis
    sections: list[RenderableType] = []
    if p.roles:
        sections.append(_section("Roles", [_role_line(r, p, basis) for r in p.roles]))
    if p.attributes:
        sections.append(_section("Attributes", [_attribute_line(a) for a in p.attributes]))
    if p.positions:
        sections.append(_positions(p.positions, basis, _heading("Positions"), by_actor=False))
    if view.histories:
        lines = [_history_line(h, basis) for h in view.histories]
        sections.append(_section("Positions over time", lines))
    if p.links:
        sections.append(_section("Relations", [_link_line(link) for link in p.links]))
    if p.events:
        sections.append(_events_table(p.events, basis, _heading("Events"), full=False))
    if view.judgments:
        sections.append(_section("Judgments", [_bullets([_judgment(j) for j in view.judgments])]))
    if p.sources:
        sections.append(_sources_table(p.sources, _heading("Sources"), with_date=False))
    return Group(_header(p, basis), *(Padding(s, (1, 0, 0, 0)) for s in sections))


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
    items: Sequence[Position], basis: Basis, title: Text, by_actor: bool, width: int
) -> Table:
    table = _table(title, leading=1)
    if by_actor:
        table.add_column("Actor", max_width=_share(width, 6), overflow="fold")
    table.add_column("Topic", max_width=min(20, max(12, width // 7)), overflow="fold")
    table.add_column("Stance", no_wrap=True)
    table.add_column("Statement", ratio=1, overflow="fold")
    table.add_column("Date", max_width=DATE_WIDTH if width >= 80 else 12, overflow="fold")
    for p in items:
        cells = [_text(basis.actor_name(p.actor), NAME)] if by_actor else []
        cells += [_text(basis.topic_name(p.topic), TOPIC), _stance(p.stance)]
        table.add_row(*cells, _text(p.statement), _date(p.date))
    return table


def _positions(
    items: Sequence[Position], basis: Basis, title: Text, by_actor: bool = True
) -> RenderableType:
    return _Fit(lambda width: _positions_table(items, basis, title, by_actor, width))


# -- history ---------------------------------------------------------------------------------


def _history_table(view: HistoryView, width: int) -> Table:
    basis = view.basis
    table = _table(_title("Position history", str(len(view.histories)), basis), leading=1)
    table.add_column("Actor", max_width=_share(width, 5), overflow="fold")
    table.add_column("Topic", max_width=min(20, max(12, width // 6)), overflow="fold")
    table.add_column("Stances", ratio=1, overflow="fold")
    for h in view.histories:
        actor = _text(basis.actor_name(h.actor), NAME)
        table.add_row(actor, _text(basis.topic_name(h.topic), TOPIC), _sequence(h))
    return table


def _history(view: HistoryView) -> RenderableType:
    """Each actor and topic with the stances taken, earliest first."""
    if not view.histories:
        return _note("No positions match.")
    return _Fit(lambda width: _history_table(view, width))


# -- matrix ----------------------------------------------------------------------------------

# The actor column's widest; longer names fold onto a second line.
MATRIX_ACTOR_WIDTH = 16


def _chunks(
    topics: Sequence[Topic], actor_width: int, width: int, stance_width: int = STANCE_WIDTH
) -> list[Sequence[Topic]]:
    """Topics in even groups small enough that each stance fits on one line."""
    fits = max(1, (width - actor_width) // (stance_width + 4))
    parts = -(-len(topics) // fits)
    size = -(-len(topics) // parts)
    return [topics[i : i + size] for i in range(0, len(topics), size)]


def _matrix_cell(view: Matrix, actor_id: str, topic_id: str) -> Text:
    """The stance held now, and the one before it if it changed: 'balances (was supports)'."""
    history = view.history(actor_id, topic_id)
    if history is None:
        return Text("—", style=DIM)
    cell = _join(_stance(s) for s in view.stances(actor_id, topic_id))
    was = history.was
    if was is not None:
        cell.append_text(Text.assemble(" (was ", _text(was.stance), ")", style=DIM))
    return cell


def _stance_width(view: Matrix) -> int:
    """The widest stance the matrix shows (a longer one than the actor column's folds), and
    never under the usual width."""
    widest = max([STANCE_WIDTH, *(len(p.stance) for ps in view.cells.values() for p in ps)])
    return min(widest, MATRIX_ACTOR_WIDTH)


def _matrix_table(view: Matrix, topics: Sequence[Topic], title: Text) -> Table:
    table = _table(title, expand=False)
    table.add_column("Actor", max_width=MATRIX_ACTOR_WIDTH, overflow="fold")
    for topic in topics:
        table.add_column(_text(topic.name), min_width=_stance_width(view), overflow="fold")
    for actor in view.actors:
        cells = [_matrix_cell(view, actor.id, t.id) for t in topics]
        table.add_row(_text(actor.name, NAME), *cells)
    return table


def _matrix_tables(view: Matrix, basis: Basis, width: int) -> RenderableType:
    actor_width = min(MATRIX_ACTOR_WIDTH, max(len(a.name) for a in view.actors))
    chunks = _chunks(view.topics, actor_width, width, _stance_width(view))
    count = f"{plural(len(view.actors), 'actor')} × {plural(len(view.topics), 'topic')}"
    tables: list[RenderableType] = []
    first = 1
    for chunk in chunks:
        title = _title("Matrix", count, basis)
        if len(chunks) > 1:
            title.append(f" (topics {first}–{first + len(chunk) - 1})", style=DIM)
        table = _matrix_table(view, chunk, title)
        tables.append(Padding(table, (1, 0, 0, 0)) if tables else table)
        first += len(chunk)
    return Group(*tables)


def _matrix(view: Matrix, basis: Basis) -> RenderableType:
    """Actors down, topics across, each cell the stances taken ('—' for none); split into
    several tables when the topics do not fit side by side."""
    if not view.actors or not view.topics:
        return _note("No positions match.")
    return _Fit(lambda width: _matrix_tables(view, basis, width))


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


def _search(view: SearchView) -> RenderableType:
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
            _text(shorten(view.basis.label(hit.fact), FACT_WIDTH), HEADING),
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
# How many facts a list in the gaps section names before it says "and N more".
GAP_LIST_LIMIT = 8
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
            _text(view.dated, DATE),
            " · Window: from ",
            (window.start.isoformat(), DATE),
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


def _more(shown: int, total: int) -> str:
    return f"and {total - shown} more" if total > shown else ""


def _rests_on(support: Sequence[Support]) -> list[Text]:
    """'Rests on: …' naming each fact with its date, or nothing."""
    if not support:
        return []
    labels = [
        Text.assemble(_text(f.label, "italic"), (", " + clean(f.when)) if f.when else "")
        for f in support
    ]
    return [Text.assemble("Rests on: ", _join(labels, "; "), style=DIM)]


def _point(view: PointView) -> RenderableType:
    by = Text.assemble("— ", _text(view.by), style=DIM)
    return Group(_text(view.point.text), by, *_rests_on(view.rests_on))


def _judgment(view: JudgmentView) -> RenderableType:
    """The statement; then whose it is, likelihood and confidence as separate sentences
    (ICD 203), and what it rests on."""
    j = view.judgment
    detail = Text.assemble(_text(view.credit), ".", style=DIM)
    if j.likelihood:
        detail.append_text(Text.assemble(" Likelihood: ", _text(j.likelihood, "bold"), "."))
    if j.confidence:
        detail.append_text(Text.assemble(" Confidence: ", _text(j.confidence, "bold"), "."))
    return Group(_text(j.statement), detail, *_rests_on(view.rests_on))


def _brief_judgments(view: BriefView) -> RenderableType:
    return _items([(f"{n}.", _judgment(j)) for n, j in enumerate(view.judgments, 1)])


def _standing_position(position: Position, basis: Basis) -> Text:
    line = Text.assemble(
        _text(basis.actor_name(position.actor), NAME),
        " ",
        _stance(position.stance),
        " ",
        _text(basis.topic_name(position.topic), TOPIC),
    )
    if position.date:
        line.append_text(Text.assemble(" · ", _date(position.date)))
    if position.statement:
        line.append_text(Text.assemble("\n", _text(position.statement, DIM)))
    return line


def _standing_relation(relation: Relation, basis: Basis) -> Text:
    line = Text.assemble(
        _text(basis.actor_name(relation.subject), NAME),
        " ",
        _text(relation_words(relation.type)),
        " ",
        _text(basis.actor_name(relation.object), NAME),
    )
    line.append_text(_period(relation.period))
    if relation.summary:
        line.append_text(Text.assemble(" — ", _text(relation.summary), style=DIM))
    return line


def _subsection(label: str, body: RenderableType) -> RenderableType:
    return Group(Text(label, style=HEADING), Padding(body, (0, 0, 0, 2)))


def _background(whole: BriefView) -> RenderableType:
    view, basis = whole.briefing, whole.basis
    parts: list[RenderableType] = []
    if view.standing_positions:
        lines = [_standing_position(p, basis) for p in view.standing_positions]
        parts.append(_subsection("Standing positions", _bullets(lines)))
    if view.standing_relations:
        lines = [_standing_relation(r, basis) for r in view.standing_relations]
        parts.append(_subsection("Standing relations", _bullets(lines)))
    if view.earlier_events:
        title = Text("Earlier events", style=HEADING)
        parts.append(_events_table(view.earlier_events, basis, title, full=False))
    if view.earlier_unlisted:
        words, command, rest = unlisted_events(view.earlier_unlisted, view.window.start)
        parts.append(Text.assemble(words, (command, "bold"), rest, style=DIM))
    return _spaced(parts)


def _recent(view: BriefView) -> RenderableType:
    table = _table(None, leading=1)
    table.add_column("Date", max_width=DATE_WIDTH + 4, overflow="fold")
    table.add_column("Event", ratio=1, overflow="fold")
    for event in view.briefing.recent:
        table.add_row(_date(event.date), _event_cell(event, view.basis, with_actors=False))
    return table


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


def _short_list(labels: Sequence[str], limit: int = GAP_LIST_LIMIT) -> Text:
    shown = [_text(shorten(label, GAP_LABEL_WIDTH), "italic") for label in labels[:limit]]
    line = _join(shown, "; ")
    more = _more(len(shown), len(labels))
    if more:
        line.append(f"; {more}", style=DIM)
    return line


def _single_source(gaps: Gaps, basis: Basis) -> RenderableType:
    groups: dict[str, list[str]] = {}
    for fact in gaps.single_source:
        groups.setdefault(fact.sources[0].source, []).append(basis.label(fact))
    rows: list[RenderableType] = []
    for source_id, labels in groups.items():
        source = basis.source(source_id)
        name = _text(shorten(source.title if source else source_id, 60), HEADING)
        rows.append(Group(Text.assemble(name, f" ({len(labels)}):"), _short_list(labels)))
    label = f"Resting on a single source: {plural(len(gaps.single_source), 'fact')}"
    return _subsection(label, _bullets(rows))


def _gaps(view: BriefView) -> RenderableType:
    gaps, basis = view.briefing.gaps, view.basis
    parts: list[RenderableType] = []
    if gaps.single_source:
        parts.append(_single_source(gaps, basis))
    if gaps.vague_dates:
        rows = [Text.assemble(_date(e.date), " — ", _text(e.title)) for e in gaps.vague_dates]
        label = "Events known only to the month or year, or within a range"
        parts.append(_subsection(f"{label}: {len(rows)}", _bullets(rows)))
    if gaps.silent_actors:
        names = _join(_text(a.name, NAME) for a in gaps.silent_actors)
        label = f"Key actors with no recorded position: {len(gaps.silent_actors)}"
        parts.append(_subsection(label, names))
    if gaps.unrated:
        labels = [basis.label(j) for j in gaps.unrated]
        rows = [_text(shorten(label, 70)) for label in labels[:GAP_LIST_LIMIT]]
        more = _more(len(rows), len(labels))
        rows += [Text(more, style=DIM)] if more else []
        label = f"Judgments without likelihood or confidence: {len(labels)}"
        parts.append(_subsection(label, _bullets(rows)))
    if gaps.left_out:
        labels = [left_out_label(e) for e in gaps.left_out]
        rows = [_text(label) for label in labels[:GAP_LIST_LIMIT]]
        more = _more(len(rows), len(labels))
        rows += [Text(more, style=DIM)] if more else []
        label = f"Left out because of errors (run `briefing check`): {len(labels)}"
        parts.append(_subsection(label, _bullets(rows)))
    return _spaced(parts)


def _spaced(parts: Sequence[RenderableType]) -> RenderableType:
    """Parts one after another with a blank line between them."""
    return Group(*(Padding(p, (1, 0, 0, 0)) if n else p for n, p in enumerate(parts)))


def _brief_sources(view: BriefView) -> RenderableType:
    uses = view.briefing.sources
    return _sources_table(uses, Text(plural(len(uses), "source"), style=DIM), with_date=True)


_BRIEF_SECTIONS: dict[str, Callable[[BriefView], RenderableType]] = {
    "changes": lambda view: _since(view),
    "bottom-line": lambda view: _bullets([_point(p) for p in view.bottom_line]),
    "key-judgments": _brief_judgments,
    "background": _background,
    "recent": _recent,
    "key-actors": lambda view: _bullets(
        [_key_actor(k, view.basis) for k in view.briefing.key_actors]
    ),
    "positions": lambda view: _matrix(view.briefing.matrix, view.basis),
    "outlook": lambda view: _bullets([_point(p) for p in view.indicators]),
    "gaps": _gaps,
    "sources": _brief_sources,
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


def _fact_line(fact: Any, basis: Basis) -> Text:
    line = Text.assemble(_text(basis.label(fact), HEADING), (f" {fact.id}", DIM))
    when = fact_date(fact)
    if when:
        line.append_text(Text.assemble(" · ", _text(when, DATE)))
    return line


def _said(p: Position) -> Text:
    line = _date(p.date)
    if p.statement:
        line.append_text(Text.assemble(" — ", _text(p.statement)))
    return line


def _shift_line(shift: StanceShift, basis: Basis) -> RenderableType:
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
    before = Text.assemble(("before: ", DIM), _said(shift.old))
    after = Text.assemble(("after: ", DIM), _said(shift.new))
    return Group(head, before, after)


def _changed_table(changed: Sequence[Changed], basis: Basis) -> Table:
    table = _table(Text(f"Changed: {len(changed)}", style=HEADING), leading=0)
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
    changes: CollectionChanges, basis: Basis, removed: str = "Removed"
) -> RenderableType:
    parts: list[RenderableType] = []
    for label, facts in (("Added", changes.added), (removed, changes.removed)):
        if facts:
            lines = _bullets([_fact_line(f, basis) for f in facts])
            parts.append(_subsection(f"{label}: {len(facts)}", lines))
    if changes.changed:
        parts.append(_changed_table(changes.changed, basis))
    return Group(_heading(changes.name.capitalize()), Padding(_spaced(parts), (0, 0, 0, 2)))


def _diff(view: DiffView) -> RenderableType:
    return _spaced([_diff_header(view), *_change_parts(view.changes, view.basis)])


def _change_parts(changes: Changes, basis: Basis, removed: str = "Removed") -> list[RenderableType]:
    """Stance shifts, then each collection's changes; facts gone listed under ``removed``."""
    parts: list[RenderableType] = []
    if changes.stance_shifts:
        lines = _bullets([_shift_line(s, basis) for s in changes.stance_shifts])
        parts.append(_section("Stance shifts", [lines]))
    return parts + [_collection_changes(c, basis, removed) for c in changes.collections if c]


def _since(view: BriefView) -> RenderableType:
    """The brief's changes since --since: what became known after that day, in its scope."""
    b = view.briefing
    assert b.since is not None and b.changes is not None  # the section is shown only then
    head = _note(f"What became known after {day_in_words(b.since)}, in this brief's scope.")
    if not b.changes:
        return Group(head, _note("Nothing new."))
    # In one fact base, what was known and is no longer held was withdrawn.
    return _spaced([head, *_change_parts(b.changes, view.basis, removed="Withdrawn")])


class TerminalRenderer(Renderer[RenderableType]):
    """Rich renderables that fit the console's width; the CLI prints them."""

    def timeline(self, view: TimelineView) -> RenderableType:
        """Events in the given order: date as written, title, summary and the actors."""
        events = view.events
        if not events:
            return _note("No events match.")
        title = _title("Timeline", plural(len(events), "event"), view.basis)
        return _events_table(events, view.basis, title, full=True)

    def profile(self, view: ProfileView) -> RenderableType:
        """An actor's header panel, then each non-empty section."""
        return _profile(view)

    def actors(self, view: ActorsView) -> RenderableType:
        """Actors with their kind and how many events and positions involve them."""
        return _actors(view)

    def positions(self, view: PositionsView) -> RenderableType:
        """Positions: who, on what, which stance, in what words, and when."""
        items = view.positions
        if not items:
            return _note("No positions match.")
        return _positions(items, view.basis, _title("Positions", str(len(items)), view.basis))

    def history(self, view: HistoryView) -> RenderableType:
        """Each actor's stances on each topic, earliest first: 'supports (2019) → balances
        (since February 2022)'."""
        return _history(view)

    def matrix(self, view: MatrixView) -> RenderableType:
        return _matrix(view.matrix, view.basis)

    def sources(self, view: SourcesView) -> RenderableType:
        """Sources with publisher, date, reliability and how many facts cite them."""
        if not view.uses:
            return _note("No sources.")
        title = _title("Sources", str(len(view.uses)), view.basis)
        return _sources_table(view.uses, title, with_date=True)

    def search(self, view: SearchView) -> RenderableType:
        """Search results, best first: kind, the fact, the field that matched and the match."""
        return _search(view)

    def brief(self, view: BriefView) -> RenderableType:
        """A header panel with the handling marking, then each section with something in it."""
        parts: list[RenderableType] = [_brief_header(view)]
        if view.briefing.nothing_known:
            parts.append(Padding(_note(_text(view.briefing.nothing_known)), (1, 0, 0, 0)))
        for section in view.briefing.sections:
            rule = Rule(Text(SECTION_TITLES[section], style="bold"), align="left", style=DIM)
            parts.append(Padding(rule, (1, 0, 0, 0)))
            parts.append(_BRIEF_SECTIONS[section](view))
        return Group(*parts)

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
        return _diff(view)
