"""HTML output: one self-contained page per view (inline CSS, no script, no request to any
other host), written through a Jinja2 template that escapes every value.

This module builds the page's blocks from spans: pieces of inline markup, each written as
it is made by the span makers (:func:`text`, :func:`strong`, :func:`em`, :func:`code`,
:func:`link`, :func:`group`, :func:`joined` and a note's markers), which put every text
through ``markupsafe``'s escaping, as the template's autoescape does. The template
(``templates/page.html.j2``) writes the page and its blocks; :func:`inline`,
:func:`table_row` and :func:`note_item` join spans into its markup. (A tree of spans written
afterwards, or a template macro per span, made a 100,000-event page take 1.5 to 3 times as
long.) Nothing here marks fact text safe: the one way to put other markup into a page is
:func:`trusted_svg`, for SVG pictures we drew ourselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from importlib.resources import files
from itertools import islice
from typing import TYPE_CHECKING, Any, NamedTuple

from markupsafe import Markup, escape

from briefing.model import Citation, Event, FuzzyDate, Position, Relation, day_in_words
from briefing.query import Matrix, PositionHistory, SourceUse
from briefing.render import Pieces, clean, web_address
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
    Names,
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
    steps,
    value_text,
)

if TYPE_CHECKING:
    from jinja2 import Template

    from briefing.brief import Briefing, Gap, KeyActor
    from briefing.diff import Changed, Changes, CollectionChanges, StanceShift


def _escape_str(value: str) -> str:
    return str(escape(value))


try:  # markupsafe's own escaping of a str, without making a Markup of each piece
    from markupsafe._speedups import _escape_inner as _escaped
except ImportError:  # pragma: no cover - another markupsafe: the same rule, slower
    _escaped = _escape_str


# -- the spans and blocks the page is written from -----------------------------------------


class Span(str):
    """A piece of inline markup, its texts escaped: made only by the span makers below (a
    plain str is not a Span, so fact text cannot be passed where one is meant)."""

    __slots__ = ()


Inline = tuple[Span, ...]


class Block(NamedTuple):
    """A block of the page: heading (``level``), para, table, bullets, numbered or figure."""

    kind: str
    content: Inline = ()
    level: int = 0
    header: tuple[str, ...] = ()
    # Made as the template writes them: 100,000 events' rows are never held at once.
    rows: Iterable[Markup] = ()  # written by table_row, in chunks
    items: tuple[Inline, ...] = ()
    figure: Markup | None = None
    css: str = ""


class NoteEntry(NamedTuple):
    """A numbered note as the page lists it, with the ids of every marker citing it and the
    citation's combined Admiralty grade ('B2', or '')."""

    number: int
    reference: Span
    quote: str
    places: tuple[str, ...]
    grade: str = ""


class Pictures(NamedTuple):
    """The brief's two pictures, as SVG made safe by :func:`trusted_svg`; None: not drawn."""

    actor_graph: Markup | None = None
    timeline_chart: Markup | None = None


_SVG_START = re.compile(r"<svg[\s>]")
_RUNS = {"script", "foreignobject", "iframe", "object", "embed"}


def trusted_svg(svg: str) -> Markup:
    """The one way to insert markup into a page: an SVG picture our own code drew, with
    every text in it escaped already; its XML prologue is dropped. Refuses what is not one
    well-formed SVG element, and anything that could run (a script, an event handler, a
    javascript: address), read as XML, so escaped text that only looks like one is fine."""
    from xml.etree import ElementTree

    found = _SVG_START.search(svg)
    if found is None:
        raise ValueError("not an SVG picture")
    picture = svg[found.start() :].strip()
    try:
        root = ElementTree.fromstring(picture)
    except ElementTree.ParseError as exc:
        raise ValueError(f"not a well-formed SVG picture: {exc}") from None
    for element in root.iter():
        if element.tag.rpartition("}")[2].lower() in _RUNS:
            raise ValueError("an SVG picture may not hold a script or an embedded page")
        for name, value in element.attrib.items():
            attribute = name.rpartition("}")[2].lower()
            if attribute.startswith("on") or "javascript:" in value.replace(" ", "").lower():
                raise ValueError("an SVG picture may not hold an event handler or a script link")
    return Markup(picture)  # drawn by us, its texts escaped: see the docstring


def text(value: str) -> Span:
    """Fact text, escaped; control characters made visible, as every renderer shows them."""
    return Span(_escaped(clean(value)))


def strong(*children: Span) -> Span:
    return Span(f"<strong>{''.join(children)}</strong>")


def em(*children: Span) -> Span:
    return Span(f"<em>{''.join(children)}</em>")


def code(value: str) -> Span:
    return Span(f"<code>{_escaped(clean(value))}</code>")


def link(url: str | None, *children: Span) -> Span:
    """A link if ``url`` passes :func:`web_address`, else the children as they are."""
    target = web_address(url)
    if target is None:
        return group(*children)
    return Span(f'<a href="{_escaped(target)}" rel="noreferrer">{"".join(children)}</a>')


def group(*children: Span) -> Span:
    return Span("".join(children))


def joined(spans: Iterable[Span], between: str = ", ") -> Span:
    """Spans one after another, ``between`` (text) apart."""
    return Span(_escaped(between).join(spans))


def _marks(marks: Sequence[tuple[int, str]]) -> Span:
    """Note markers, each a note's number and the marker's own id (its note links back)."""
    written = ",".join(
        f'<a id="{_escaped(ident)}" href="#note-{number:d}" role="doc-noteref"'
        f' aria-label="note {number:d}">{number:d}</a>'
        for number, ident in marks
    )
    return Span(f'<sup class="marks">{written}</sup>')


# -- notes -------------------------------------------------------------------------------------


class Notes:
    """The page's notes, numbered as Markdown numbers them (:class:`NoteBook`); each marker
    has an id, so a note links back to every place citing it. ``shown``: False drops both."""

    def __init__(self, basis: Basis, shown: bool = True) -> None:
        self.book = NoteBook(basis)
        self.shown = shown
        self.places: dict[int, list[str]] = {}

    def __len__(self) -> int:
        return len(self.book) if self.shown else 0

    def cite(self, citations: Sequence[Citation]) -> Span:
        if not self.shown or not citations:
            return group()
        marks = []
        for m in self.book.cite(citations):
            places = self.places.setdefault(m.number, [])
            ident = f"cite-{m.number}-{len(places) + 1}"
            places.append(ident)
            marks.append((m.number, ident))
        return _marks(marks)

    def entries(self) -> list[NoteEntry]:
        if not self.shown:
            return []
        return [
            NoteEntry(n.number, ref, clean(n.quote), tuple(self.places[n.number]), n.grade)
            for n, ref in self.book.written(_reference)
        ]


def _reference(ref: Reference) -> Span:
    """'Kamran Bokhari, “Title”, *Outlet*, 29 Nov 2022, https://…', or a short form."""
    parts: list[Span] = [text(ref.by)] if ref.by else []
    parts.append(text(ref.title) if ref.made else text(f"“{ref.title}”"))
    if ref.outlet:
        parts.append(em(text(ref.outlet)))
    if ref.date:
        parts.append(text(ref.date))
    if web_address(ref.url):
        parts.append(link(ref.url, text(ref.url)))
    return joined(parts)


# -- a page ------------------------------------------------------------------------------------


class _Page:
    """Blocks of one page, with headings shifted by --heading-level."""

    def __init__(self, basis: Basis, heading_level: int = 1, notes: bool = True) -> None:
        self.basis = basis
        self.heading_level = heading_level
        self.notes = Notes(basis, notes)
        self.blocks: list[Block] = []
        self.title = ""
        self._names = Names(basis, text)

    def names(self, actor_ids: Sequence[str]) -> Span:
        """Actors' names, in a list (each escaped once)."""
        return joined(self._names(actor_ids))

    def evidence(self, fact: Any) -> Span:
        """What a fact's row says of its sourcing, after its own notes: how many independent
        sources back it, when more than one, and each disagreement with its notes
        (' *(corroborated by 2 independent sources)* **Contested date:** 28 Nov 2022 per
        Example Gazette⁴'; ' **Disputed** by …' for the whole fact), as the Markdown
        renderer says it."""
        seen = self.basis.evidence(fact)
        if seen is None:
            return group()
        said = seen.corroborated
        out = [text(" "), em(text(f"({said})"))] if said else []
        for d in seen.disagreements:
            head = f"{contest_heading(d)}:" if d.field else contest_heading(d)
            out += [text(" "), strong(text(head)), text(" ")]
            out += self.sides(d.others, d.field, alone=True)
        return group(*out)

    def sides(self, sides: Sequence[Side], field: str, alone: bool = False) -> list[Span]:
        """Sides of a disagreement, '; ' apart, each with its notes."""
        out: list[Span] = []
        for n, side in enumerate(sides):
            if n:
                out.append(text("; "))
            out.append(self.side(side, field, alone))
        return out

    def side(self, side: Side, field: str, alone: bool = False) -> Span:
        """One side of a disagreement: '28 Nov 2022 per Example Gazette⁴'; of a dispute of
        the whole fact, 'disputed by Example Gazette⁴' (``alone``: 'by ...')."""
        said = said_by(self.basis, side.sources)
        if field:
            words = f"{side.value} per {said}"
        else:
            words = f"by {said}" if alone else f"{side.value} by {said}"
        return group(text(words), self.notes.cite(side.sources))

    def heading(self, depth: int, words: str) -> None:
        """A heading of plain words; the first one also names the page."""
        if not self.title:
            self.title = words
        level = min(6, self.heading_level + depth)
        self.blocks.append(Block("heading", (text(words),), level=level))

    def para(self, *content: Span, css: str = "") -> None:
        self.blocks.append(Block("para", content, css=css))

    def table(
        self,
        header: Sequence[str],
        rows: Iterable[Sequence[Span | Inline]],
        row_headers: bool = False,
        last: bool = False,
    ) -> None:
        """A table; ``last``: no block after it cites a note, so its rows may be made as
        they are written (notes are numbered in the order they are cited)."""
        written: Iterable[Markup] = _in_chunks(table_row(row, row_headers) for row in rows)
        if not last:
            written = tuple(written)
        self.blocks.append(Block("table", header=tuple(header), rows=written))

    def bullets(self, items: Iterable[Span | Inline], numbered: bool = False) -> None:
        kind = "numbered" if numbered else "bullets"
        self.blocks.append(Block(kind, items=tuple(_inline(i) for i in items)))

    def figure(self, picture: Markup | None, css: str) -> None:
        if picture is not None:
            self.blocks.append(Block("figure", figure=picture, css=css))

    def as_of(self) -> None:
        times = basis_times(self.basis)
        if times:
            line = "; ".join(words + day for words, day in times)
            self.para(em(text(f"{line[0].upper()}{line[1:]}.")), css="dated")

    def html(self) -> Pieces:
        return Pieces(
            _template().generate(
                title=clean(self.title),
                blocks=self.blocks,
                notes=_LaterNotes(self.notes),
                notes_level=min(6, self.heading_level + 1),  # a section of the top heading
            )
        )


class _LaterNotes:
    """The page's notes as the template reads them at the end of the page, once every
    place citing them has been written."""

    def __init__(self, notes: Notes) -> None:
        self.notes = notes

    def __bool__(self) -> bool:
        return len(self.notes) > 0

    def __iter__(self) -> Iterator[Markup]:
        return _in_chunks(note_item(n) for n in self.notes.entries())


def _inline(cell: Span | Inline) -> Inline:
    return (cell,) if isinstance(cell, Span) else cell


def inline(spans: Inline) -> Markup:
    """Inline spans as markup (spans are written as they are made, every text and address
    escaped: see :class:`Span`)."""
    return Markup("".join(spans))  # spans: escaped as they were made


def table_row(cells: Sequence[Span | Inline], row_headers: bool) -> str:
    """A table's row; with ``row_headers`` its first cell heads the row."""
    out = ["<tr>"]
    for n, cell in enumerate(cells):
        written = cell if isinstance(cell, Span) else "".join(cell)
        if row_headers and not n:
            out.append(f'<th scope="row">{written}</th>')
        else:
            out.append(f"<td>{written}</td>")
    out.append("</tr>")
    return "".join(out)  # spans: escaped as they were made


def note_item(note: NoteEntry) -> str:
    """A note of the list at the page's end, with a link back to each place citing it."""
    number = note.number
    out = [f'<li id="note-{number:d}" value="{number:d}">', note.reference]
    out.append(f': <q class="quote">{_escaped(note.quote)}</q>')
    if note.grade:
        out.append(f" (graded {_escaped(note.grade)})")
    many = len(note.places) > 1
    for n, place in enumerate(note.places, 1):
        out.append(
            f' <a class="back" href="#{_escaped(place)}" role="doc-backlink"'
            f' aria-label="back to citation {n} of note {number:d}">'
            f"↩{f'<sup>{n}</sup>' if many else ''}</a>"
        )
    out.append("</li>")
    return "".join(out)  # every text in it escaped


def _in_chunks(lines: Iterable[str], size: int = 256) -> Iterator[Markup]:
    """Lines written by :func:`table_row` or :func:`note_item`, a line apart, in chunks
    of ``size`` (as they are made): the template writes each chunk on a line of its own, as
    it would each line, and 100,000 lines are neither held at once nor each a template
    step."""
    made = iter(lines)
    while chunk := list(islice(made, size)):
        yield Markup("\n".join(chunk))  # written by table_row or note_item: escaped


@cache
def _template() -> Template:
    """The page template, read and compiled once; Jinja2 is imported only for HTML."""
    import jinja2

    env = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(inline=inline)
    source = files("briefing.render").joinpath("templates", "page.html.j2")
    return env.from_string(source.read_text(encoding="utf-8"))


# -- the views' parts, as the Markdown renderer lays them out ------------------------------------


def _event_rows(page: _Page, events: Iterable[Event], with_actors: bool) -> Iterable[list[Span]]:
    for e in events:
        cell: list[Span] = [link(e.url, strong(text(e.title)))]
        worded = date_wording(e.date)
        if worded:
            cell.append(text(" "))
            cell.append(em(text(f"({worded})")))
        if e.place:
            cell += [text(" · "), em(text(str(e.place)))]
        if e.summary:
            cell.append(text(f" — {e.summary}"))
        cell += [page.notes.cite(e.sources), page.evidence(e)]
        row = [text(date_text(e.date)), group(*cell)]
        if with_actors:
            row.append(page.names(e.actors))
        yield row


def _position_row(page: _Page, p: Position, with_actor: bool) -> list[Span]:
    row = [text(page.basis.actor_name(p.actor))] if with_actor else []
    row += [text(page.basis.topic_name(p.topic)), strong(text(p.stance))]
    row += [
        group(text(p.statement), page.notes.cite(p.sources), page.evidence(p)),
        text(date_text(p.date)),
    ]
    return row


_SOURCE_HEADER = ["Source", "Authors", "Publisher", "Published", "Kind", "Reliability", "Facts"]


def _source_rows(uses: Sequence[SourceUse]) -> list[list[Span]]:
    rows = []
    for use in uses:
        s = use.source
        grade = f"{s.reliability} ({RELIABILITY[s.reliability]})" if s.reliability else ""
        rows.append(
            [
                link(s.url, text(s.title)),
                text(", ".join(s.authors)),
                text(s.publisher),
                text(date_text(s.published)),
                text(s.kind),
                text(grade),
                text(str(use.facts)),
            ]
        )
    return rows


def _when(period: FuzzyDate | None) -> Span:
    """A period's compact date, with the curator's words in italics where they say more."""
    worded = date_wording(period)
    if not worded:
        return text(date_text(period))
    return group(text(date_text(period) + " · "), em(text(worded)))


def _relation_line(page: _Page, r: Relation) -> Span:
    names = page.basis.actor_name
    when = group(text(" ("), _when(r.period), text(")")) if r.period else group()
    kind = page.basis.relation_phrase(r)
    return group(
        text(names(r.subject) + " "),
        strong(text(kind)),
        text(" " + names(r.object)),
        when,
        page.notes.cite(r.sources),
        page.evidence(r),
    )


def _sequence(page: _Page, history: PositionHistory, cite: bool = True) -> Span:
    """'**supports** (2019) → **balances** (since Feb 2022)', each step cited when ``cite``."""
    parts: list[Span] = []
    for n, s in enumerate(steps(history)):
        if n:
            parts.append(text(" → "))
        parts += [strong(text(s.position.stance)), text(f" ({s.when})")]
        if cite:
            parts.append(page.notes.cite(s.position.sources))
    return group(*parts)


def _matrix_cell(page: _Page, view: Matrix, actor_id: str, topic_id: str) -> Span:
    history = view.history(actor_id, topic_id)
    if history is None:
        return text("—")
    current = history.current
    cell = [text(", ".join(view.stances(actor_id, topic_id)))]
    cell.append(page.notes.cite([c for p in current for c in p.sources]))
    if any(p.contested for p in current):
        cell += [text(" "), em(text("(contested)"))]
    was = history.was
    if was is not None:
        cell += [text(f" (was {was.stance}"), page.notes.cite(was.sources), text(")")]
    return group(*cell)


def _matrix_table(page: _Page, view: Matrix) -> None:
    header = ["Actor", *(t.name for t in view.topics)]
    rows = [
        [text(a.name), *(_matrix_cell(page, view, a.id, t.id) for t in view.topics)]
        for a in view.actors
    ]
    page.table(header, rows, row_headers=True)


def _rests_on(page: _Page, support: Sequence[Support], cite: bool = True) -> Span:
    parts: list[Span] = []
    for n, s in enumerate(support):
        parts.append(
            text(("; " if n else " Rests on: ") + s.label + (f", {s.when}" if s.when else ""))
        )
        if cite:
            parts.append(page.notes.cite(s.sources))
    return group(*parts, text(".")) if parts else group()


def _judgment(page: _Page, view: JudgmentView) -> Span:
    j = view.judgment
    parts = [text(j.statement), page.notes.cite(j.sources), text(" "), em(text(f"{view.credit}."))]
    # ICD 203: likelihood and confidence each get a sentence of their own.
    if j.likelihood:
        parts.append(text(f" Likelihood: {j.likelihood}."))
    if j.confidence:
        parts.append(text(f" Confidence: {j.confidence}."))
    return group(*parts, _rests_on(page, view.rests_on))


def _point(page: _Page, view: PointView) -> Span:
    p = view.point
    return group(
        text(p.text),
        page.notes.cite(p.sources),
        text(" "),
        em(text(f"({view.by})")),
        _rests_on(page, view.rests_on, cite=False),
    )


def _profile(page: _Page, view: ProfileView) -> None:
    p = view.profile
    basis = view.basis
    actor = p.actor
    page.heading(0, actor.name)
    intro = [em(text(f"{actor.kind.capitalize()}."))]
    if actor.description:
        intro.append(text(f" {actor.description}"))
    page.para(*intro, page.notes.cite(actor.sources))
    if actor.aliases:
        page.para(text("Also known as: " + ", ".join(actor.aliases) + "."))
    page.as_of()
    if p.roles:
        page.heading(1, "Roles")
        rows = [
            [
                group(text(h.role.title), page.notes.cite(h.role.sources)),
                text(h.holder.name),
                text(basis.actor_name(h.role.of) if h.role.of else ""),
                _when(h.role.period),
                text("current" if h.current else "former"),
            ]
            for h in p.roles
        ]
        page.table(["Role", "Held by", "Of", "When", "Status"], rows)
    if p.attributes:
        page.heading(1, "Attributes")
        rows = [
            [
                text(v.attribute.name),
                group(text(v.attribute.value), page.notes.cite(v.attribute.sources)),
                _when(v.attribute.period),
                text("current" if v.current else "former"),
            ]
            for v in p.attributes
        ]
        page.table(["Attribute", "Value", "When", "Status"], rows)
    if p.positions:
        page.heading(1, "Positions")
        rows = [_position_row(page, x, with_actor=False) for x in p.positions]
        page.table(["Topic", "Stance", "Statement", "When"], rows)
    if view.histories:
        page.heading(1, "Positions over time")
        page.bullets(
            group(text(f"{basis.topic_name(h.topic)}: "), _sequence(page, h, cite=False))
            for h in view.histories
        )
    if p.links:
        page.heading(1, "Relations")
        page.bullets(_relation_line(page, x.relation) for x in p.links)
    if p.events:
        page.heading(1, "Events")
        page.table(["Date", "Event"], _event_rows(page, p.events, with_actors=False))
    if view.judgments:
        page.heading(1, "Judgments")
        page.bullets(_judgment(page, j) for j in view.judgments)
    if p.sources:
        page.heading(1, "Sources")
        page.table(_SOURCE_HEADER, _source_rows(p.sources))


def _search(page: _Page, view: SearchView) -> None:
    page.heading(0, f"Search: “{view.query}”")
    page.as_of()
    if not view.hits:
        meant = f"; did you mean “{view.suggestion}”?" if view.suggestion else "."
        page.para(text(f"No facts match{meant}"))
        return
    rows = []
    for h in view.hits:
        cited = page.notes.cite(getattr(h.fact, "sources", ()))
        fact = group(text(view.basis.label(h.fact) + " ("), code(h.fact.id), text(")"), cited)
        rows.append([text(h.kind), fact, text(h.field), text(h.text)])
    page.table(["Kind", "Fact", "Field", "Match"], rows)


# -- the briefing document -------------------------------------------------------------------


def _examples(names: Sequence[str], gap: Gap[Any], joiner: str = "; ") -> str:
    return joiner.join([*names, *filter(None, [gap_more(gap)])])


def _gap_lines(page: _Page, view: Briefing) -> list[Span]:
    gaps = view.gaps
    label = page.basis.label
    lines = []
    if gaps.single_origin:
        gap = gaps.single_origin
        named = [label(f).rstrip(".") for f in gap.examples]
        lines.append(
            group(
                strong(text("Single origin.")),
                text(
                    f" {plural(gap.count, 'fact')} rest on one source, or on sources that"
                    " repeat one another: "
                ),
                text(_examples(named, gap) + "."),
            )
        )
    if gaps.vague_dates:
        gap = gaps.vague_dates
        named = [f"{e.title} ({date_text(e.date)})" for e in gap.examples]
        lines.append(
            group(
                strong(text("Vague dates.")),
                text(f" {plural(gap.count, 'event')} known only to the month, the year or a "),
                text(f"range: {_examples(named, gap)}."),
            )
        )
    if gaps.silent_actors:
        gap = gaps.silent_actors
        named = [a.name for a in gap.examples]
        lines.append(
            group(
                strong(text("No recorded position.")),
                text(f" {plural(gap.count, 'key actor')} without a position: "),
                text(_examples(named, gap, ", ") + "."),
            )
        )
    if gaps.unrated:
        gap = gaps.unrated
        named = [label(j).rstrip(".") for j in gap.examples]
        lines.append(
            group(
                strong(text("Unrated judgments.")),
                text(f" {plural(gap.count, 'judgment')} without a likelihood or a confidence: "),
                text(_examples(named, gap) + "."),
            )
        )
    if gaps.left_out:
        gap = gaps.left_out
        named = [left_out_label(e) for e in gap.examples]
        lines.append(
            group(
                strong(text("Left out.")),
                text(f" {plural(gap.count, 'fact')} left out because of errors in the fact base "),
                text("(run "),
                code("briefing check"),
                text(f"): {_examples(named, gap)}."),
            )
        )
    return lines


def _more(page: _Page, view: BriefView, *lists: str) -> None:
    """For each of ``lists`` the brief bounds, how many it leaves out and where they are."""
    for name in lists:
        more = view.briefing.more.get(name)
        if more is not None:
            _more_line(page, *more_text(more))


def _more_line(page: _Page, words: str, command: str) -> None:
    """The last line of a list cut short: what it leaves out, and the command listing it."""
    page.para(em(text(words), code(command)), css="more")


def _brief(page: _Page, whole: BriefView, pictures: Pictures) -> None:
    view = whole.briefing
    b = view.brief
    page.heading(0, b.title)
    facts_line = [view.handling, f"Date: {brief_date(view)}"]
    facts_line += [words + day for words, day in brief_times(view)]
    if b.audience:
        facts_line.append(f"Audience: {b.audience}")
    if b.author:
        facts_line.append(f"Prepared by: {b.author}")
    page.para(strong(text(facts_line[0])), text(" · " + " · ".join(facts_line[1:])), css="dated")
    if view.nothing_known:
        page.para(text(view.nothing_known))
    for section in view.sections:
        page.heading(1, SECTION_TITLES[section])
        if section == "key-actors":
            page.figure(pictures.actor_graph, "actor-graph")
        elif section == "recent":
            page.figure(pictures.timeline_chart, "timeline-chart")
        _brief_section(page, whole, section)


def _brief_section(page: _Page, whole: BriefView, section: str) -> None:
    view = whole.briefing
    match section:
        case "changes":
            _since(page, whole)
        case "bottom-line":
            page.bullets(_point(page, p) for p in whole.bottom_line)
            _more(page, whole, "bottom-line")
        case "key-judgments":
            page.bullets((_judgment(page, j) for j in whole.judgments), numbered=True)
            _more(page, whole, "key-judgments")
        case "background":
            _background(page, whole)
        case "recent":
            w = view.window
            page.para(em(text(f"Events {days_text(w.start, w.end)} ({w.days} days).")))
            page.table(
                ["Date", "Event", "Actors"], _event_rows(page, view.recent, with_actors=True)
            )
            _more(page, whole, "recent")
        case "key-actors":
            page.bullets(_key_actor(page, k) for k in view.key_actors)
            _more(page, whole, "key-actors")
        case "positions":
            _matrix_table(page, view.matrix)
            _more(page, whole, "matrix-actors", "matrix-topics")
        case "outlook":
            page.bullets(_point(page, p) for p in whole.indicators)
            _more(page, whole, "indicators")
        case "contested":
            page.bullets(_contested(page, view))
            _more(page, whole, "contested")
        case "gaps":
            page.bullets(_gap_lines(page, view))
        case "sources":
            page.table(_SOURCE_HEADER, _source_rows(view.sources))
            _more(page, whole, "sources")
            if page.notes:
                page.para(text("The quote behind each numbered note follows."))
        case _:
            raise ValueError(f"unknown brief section {section!r}")


def _contested(page: _Page, view: Briefing) -> list[Span]:
    """Each disagreement on a fact in the brief's scope, every side with who gives it."""
    lines = []
    for fact in view.contested:
        for d in disagreements(page.basis, fact):
            when = f", {d.when}" if d.when else ""
            what = f"{d.field}: " if d.field else ""
            lines.append(
                group(
                    strong(text(d.label)),
                    text(f" ({d.kind}{when}) — {what}"),
                    *page.sides(d.sides, d.field),
                    text("."),
                )
            )
    return lines


def _background(page: _Page, whole: BriefView) -> None:
    view = whole.briefing
    if view.standing_positions:
        page.heading(2, "Standing positions")
        rows = [_position_row(page, p, with_actor=True) for p in view.standing_positions]
        page.table(["Actor", "Topic", "Stance", "Statement", "When"], rows)
        _more(page, whole, "positions")
    if view.standing_relations:
        page.heading(2, "Relations")
        page.bullets(_relation_line(page, r) for r in view.standing_relations)
        _more(page, whole, "relations")
    if view.earlier_events:
        page.heading(2, "Earlier events")
        page.table(["Date", "Event"], _event_rows(page, view.earlier_events, with_actors=False))
        _more(page, whole, "earlier")


def _key_actor(page: _Page, k: KeyActor) -> Span:
    roles = []
    for h in k.roles:
        when = f" ({date_text(h.role.period)})" if h.role.period else ""
        if h.holder.id == k.actor.id:
            of = f" of {page.basis.actor_name(h.role.of)}" if h.role.of else ""
            roles.append(f"{h.role.title}{of}{when}")
        else:
            roles.append(f"{h.role.title}: {h.holder.name}{when}")
    line = [strong(text(k.actor.name)), text(f" ({k.actor.kind})")]
    if roles:
        line.append(text(": " + "; ".join(roles)))
    return group(*line)


# -- changes between two states ---------------------------------------------------------------


def _state(state: State) -> Span:
    commit = (
        group(text(" (commit "), code(state.commit[:12]), text(")")) if state.commit else group()
    )
    return group(strong(text(state.label)), commit)


def _fact_line(page: _Page, fact: Any) -> Span:
    when = fact_date(fact)
    return group(
        strong(text(page.basis.label(fact))),
        text(" ("),
        code(fact.id),
        text(")" + (f", {when}" if when else "")),
        page.notes.cite(getattr(fact, "sources", ())),
    )


def _said(page: _Page, p: Position) -> Span:
    said = f"“{p.statement}”, " if p.statement else ""
    return group(text(said + date_text(p.date)), page.notes.cite(p.sources))


def _shift_line(page: _Page, shift: StanceShift) -> Span:
    b = page.basis
    how = (
        [text("position "), code(shift.new.id), text(" edited")]
        if shift.same_id
        else [text("new position "), code(shift.new.id), text(" after "), code(shift.old.id)]
    )
    return group(
        strong(text(b.actor_name(shift.actor))),
        text(f" on {b.topic_name(shift.topic)}: "),
        strong(text(shift.old.stance)),
        text(" → "),
        strong(text(shift.new.stance)),
        text(" ("),
        *how,
        text("). Before: "),
        _said(page, shift.old),
        text(". After: "),
        _said(page, shift.new),
        text("."),
    )


def _changed_rows(page: _Page, changed: Sequence[Changed]) -> Iterable[list[Span]]:
    """One row per field; the fact is named on its first row only."""
    for ch in changed:
        for n, f in enumerate(ch.fields):
            fact = (
                group()
                if n
                else group(text(page.basis.label(ch.new) + " ("), code(ch.id), text(")"))
            )
            yield [fact, text(f.name), text(value_text(f.old)), text(value_text(f.new))]


def _diff(page: _Page, view: DiffView) -> None:
    page.heading(0, "Changes")
    page.para(text("From "), _state(view.old), text(" to "), _state(view.new), text("."))
    for side, state in (("old", view.old), ("new", view.new)):
        if state.facts.left_out:
            count = plural(len(state.facts.left_out), "fact")
            page.para(
                em(text(f"The {side} state has {count} left out because of errors: not compared."))
            )
    if not view.changes:
        page.para(text("No changes."))
        return
    _changes(page, view.changes, 1)


def _changes(page: _Page, changes: Changes, depth: int, removed: str = "Removed") -> None:
    added, gone, changed = changes.counts()
    shifts = plural(len(changes.stance_shifts), "stance shift")
    page.para(text(f"{added} added, {gone} {removed.lower()}, {changed} changed; {shifts}."))
    if changes.stance_shifts:
        page.heading(depth, "Stance shifts")
        page.bullets(_shift_line(page, s) for s in changes.stance_shifts)
    for c in changes.collections:
        if not c:
            continue
        page.heading(depth, c.name.capitalize())
        if c.added:
            page.heading(depth + 1, f"Added: {c.count('added')}")
            page.bullets(_fact_line(page, f) for f in c.added)
            _changes_more(page, changes, c, "added")
        if c.removed:
            page.heading(depth + 1, f"{removed}: {c.count('removed')}")
            page.bullets(_fact_line(page, f) for f in c.removed)
            _changes_more(page, changes, c, "removed")
        if c.changed:
            page.heading(depth + 1, f"Changed: {c.count('changed')}")
            page.table(["Fact", "Field", "Old", "New"], _changed_rows(page, c.changed))
            _changes_more(page, changes, c, "changed")


def _changes_more(page: _Page, changes: Changes, listed: CollectionChanges, kind: str) -> None:
    words, command = changes_more(changes, listed, kind)
    if words:
        _more_line(page, words, command)


def _since(page: _Page, view: BriefView) -> None:
    b = view.briefing
    assert b.since is not None and b.changes is not None  # the section is shown only then
    page.para(em(text(f"What became known after {day_in_words(b.since)}, in this brief's scope.")))
    if b.changes:
        _changes(page, b.changes, 2, removed="Withdrawn")
    else:
        page.para(text("Nothing new."))


class HtmlRenderer(Renderer[Pieces]):
    """Self-contained HTML pages; ``notes``: False leaves out notes and their markers;
    ``pictures``: the brief's SVG pictures (see :func:`trusted_svg`), none by default."""

    def __init__(
        self, heading_level: int = 1, notes: bool = True, pictures: Pictures | None = None
    ) -> None:
        self.heading_level = heading_level
        self.notes = notes
        self.pictures = pictures or Pictures()

    def _page(self, basis: Basis) -> _Page:
        return _Page(basis, self.heading_level, self.notes)

    def timeline(self, view: TimelineView) -> Pieces:
        page = self._page(view.basis)
        page.heading(0, "Timeline")
        page.as_of()
        page.figure(self.pictures.timeline_chart, "timeline-chart")
        if view.events:
            rows = _event_rows(page, view.events, with_actors=True)
            page.table(["Date", "Event", "Actors"], rows, last=True)
        else:
            page.para(text("No events match."))
        return page.html()

    def profile(self, view: ProfileView) -> Pieces:
        page = self._page(view.basis)
        _profile(page, view)
        return page.html()

    def actors(self, view: ActorsView) -> Pieces:
        page = self._page(view.basis)
        page.heading(0, "Actors")
        page.as_of()
        rows = [
            [text(r.actor.name), text(r.actor.kind), text(str(r.events)), text(str(r.positions))]
            for r in view.rows
        ]
        page.table(["Actor", "Kind", "Events", "Positions"], rows, row_headers=True)
        return page.html()

    def positions(self, view: PositionsView) -> Pieces:
        page = self._page(view.basis)
        page.heading(0, "Positions")
        page.as_of()
        if view.positions:
            rows = [_position_row(page, p, with_actor=True) for p in view.positions]
            page.table(["Actor", "Topic", "Stance", "Statement", "When"], rows)
        else:
            page.para(text("No positions match."))
        return page.html()

    def history(self, view: HistoryView) -> Pieces:
        page = self._page(view.basis)
        page.heading(0, "Position history")
        page.as_of()
        if view.histories:
            names = view.basis
            rows = [
                [
                    text(names.actor_name(h.actor)),
                    text(names.topic_name(h.topic)),
                    _sequence(page, h),
                ]
                for h in view.histories
            ]
            page.table(["Actor", "Topic", "Stances"], rows)
        else:
            page.para(text("No positions match."))
        return page.html()

    def matrix(self, view: MatrixView) -> Pieces:
        page = self._page(view.basis)
        page.heading(0, "Positions by actor and topic")
        page.as_of()
        if view.matrix.cells:
            _matrix_table(page, view.matrix)
        else:
            page.para(text("No positions match."))
        return page.html()

    def sources(self, view: SourcesView) -> Pieces:
        page = self._page(view.basis)
        page.heading(0, "Sources")
        page.as_of()
        page.table(_SOURCE_HEADER, _source_rows(view.uses))
        return page.html()

    def search(self, view: SearchView) -> Pieces:
        page = self._page(view.basis)
        _search(page, view)
        return page.html()

    def brief(self, view: BriefView) -> Pieces:
        page = self._page(view.basis)
        _brief(page, view, self.pictures)
        return page.html()

    def briefs(self, view: BriefsView) -> Pieces:
        page = self._page(view.basis)
        page.heading(0, "Briefs")
        if not view.briefs:
            page.para(
                text("The fact base defines no brief; "),
                code("briefing brief"),
                text(" prints a default one."),
            )
            return page.html()
        rows = [
            [code(b.id), text(b.title), text(b.audience), text("yes" if b.default else "")]
            for b in view.briefs
        ]
        page.table(["Brief", "Title", "Audience", "Default"], rows, row_headers=True)
        return page.html()

    def diff(self, view: DiffView) -> Pieces:
        page = self._page(view.basis)
        _diff(page, view)
        return page.html()

    def graph(self, view: GraphView) -> Pieces:
        page = self._page(view.basis)
        center = view.center
        page.heading(0, f"Relations of {center.name}" if center else "Relations")
        page.as_of()
        if not view.edges:
            page.para(text("No relations match."))
            return page.html()
        page.figure(self.pictures.actor_graph, "actor-graph")
        ties = [(e.fact, e.former) for e in view.edges if isinstance(e.fact, Relation)]
        if ties:
            page.heading(1, "Ties")
            page.bullets(
                [group(_relation_line(page, r), em(text(" (former)")) if former else group())
                 for r, former in ties]
            )  # fmt: skip
        positions = [e.fact for e in view.edges if isinstance(e.fact, Position)]
        if positions:
            page.heading(1, "Positions")
            rows = [_position_row(page, p, with_actor=True) for p in positions]
            page.table(["Actor", "Topic", "Stance", "Statement", "When"], rows, row_headers=True)
        return page.html()
