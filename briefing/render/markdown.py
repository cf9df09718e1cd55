"""Markdown output: CommonMark with GFM tables and footnotes, safe for any fact text."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from briefing.memo import per_date
from briefing.model import Citation, Event, FuzzyDate, Position, Relation, day_in_words
from briefing.query import Matrix, PositionHistory, SourceUse
from briefing.render import Pieces, ascii_without, clean, web_address
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
from briefing.workers import Parts

if TYPE_CHECKING:
    from briefing.brief import Briefing, Gap
    from briefing.diff import Changed, Changes, CollectionChanges, StanceShift

# Characters with a meaning in inline text, for CommonMark and GFM (`* _ [ ] < > | ~ # ^`...)
# and for pandoc's Markdown too: `$` opens TeX math, `@` a citation, `{` attributes, straight
# quotes become curly, `--` and `---` dashes and `...` an ellipsis. A backslash makes each
# literal in all three; escaping the first of two dashes or three dots is enough. GFM also
# makes a link of a bare `http://`, `https://`, `ftp://` or `www.` address and runs it over
# the characters after it, a note marker included, showing any backslashes in it: escaping
# the `:` or the `.` keeps such an address text, as pandoc's Markdown and CommonMark leave it.
# (One class first, the dash, dot and colon then checked: a pattern that starts with a class
# is scanned for it at C speed, a third faster than the plain alternation.)
_MARKED = r"""-.:\`*_[]<>|~#^$@'"{}"""
_INLINE = re.compile(
    f"[{re.escape(_MARKED)}]"
    r"(?:(?<=-)(?=-)|(?<=\.)(?=\.\.)|(?<=(?i:www)\.)"
    r"|(?:(?<=(?i:https):)|(?<=(?i:http):)|(?<=(?i:ftp):))(?=//)|(?<![-.:]))"
)
_ENTITY = re.compile(r"&(?=#?\w+;)")
# At the start of a block these open a list, a quote, a heading or a pandoc div.
_BLOCK_START = re.compile(r"^[-+=:]")
# List markers: "1." and "1)" in CommonMark; pandoc's fancy lists add "a.", "iv)" and "(a)".
_LIST_MARKER = re.compile(r"^(\(?)([A-Za-z]|[ivxlcdmIVXLCDM]+|\d+)(?=[.)](?:\s|$))")
# Either, to look for both at once.
_OPENS = re.compile(f"{_BLOCK_START.pattern}|{_LIST_MARKER.pattern}")
# Outside RFC 3986: percent-encoded in a link, so `|` cannot split a table cell nor `\\`
# escape the next character.
_URL_SAFE = "-._~:/?#[]@!$&'()*+,;=%"

# What makes ASCII text more than plain words: control characters (cleaned), `&` (an entity)
# and each character _INLINE escapes wherever it stands; then the dash, dot and colon, which
# it escapes only in a few sequences, looked for in :func:`_plain`.
_NOT_PLAIN = bytes(range(0x20)) + b"\x7f&" + re.sub("[-.:]", "", _MARKED).encode()
_NOT_WORDS = _NOT_PLAIN + b"-.:"


def _plain(text: str) -> bool:
    """Whether :func:`_inline` would only strip ``text``'s outer spaces: printable ASCII, no
    two spaces together, and nothing _INLINE or _ENTITY matches. Most words are, and this
    spares their scans (a property test holds the two equal)."""
    if not text.isascii() or "  " in text:
        return False
    if ascii_without(text, _NOT_WORDS):
        return True
    if not ascii_without(text, _NOT_PLAIN):
        return False
    # The sequences whose dash, dot or colon _INLINE escapes.
    if "--" in text or "..." in text or "://" in text:
        return False
    return "www." not in text.lower()


def escaped(text: str) -> str:
    """Fact text as literal Markdown inline text, on one line, the same in CommonMark, GFM
    and pandoc's Markdown. For text that recurs (names, dates, sources) use :func:`esc`."""
    flat = text.strip(" ") if _plain(text) else _inline(text)
    if _OPENS.match(flat):  # (one match, where a sub would try every position)
        if _BLOCK_START.match(flat):
            flat = "\\" + flat
        if _LIST_MARKER.match(flat):
            flat = _LIST_MARKER.sub(_escape_list_marker, flat)
    return flat


def _inline(text: str) -> str:
    """Text on one line, each character with a meaning in inline text escaped."""
    flat = _INLINE.sub(_backslashed, _one_line(text))
    if "&" in flat:  # (each check spares a scan of text that cannot match)
        flat = _ENTITY.sub("&amp;", flat)
    return flat


# :func:`escaped`, remembered: names, dates and sources recur on every row (an event's title,
# summary and quotes are its own, and would only push those out).
esc = functools.lru_cache(maxsize=4096)(escaped)


def _one_line(text: str) -> str:
    """Text cleaned, with each run of white space one space and none at the ends."""
    if text.isprintable() and "  " not in text:
        # The only printable white space is the space, so only the ends can change.
        return text.strip(" ")
    return " ".join(clean(text).split())


def _backslashed(match: re.Match[str]) -> str:
    # A function, not the template r"\\\g<0>": re expands a template in Python on every
    # call, which made this substitution two to three times slower.
    return "\\" + match.group()


def _escape_list_marker(match: re.Match[str]) -> str:
    # "(a)" loses its opening parenthesis; "1." and "a)" the punctuation after the marker.
    paren, mark = match.groups()
    return "\\(" + mark if paren else mark + "\\"


# "&amp;" in a URL: cmark-gfm decodes it even after a backslash, so its first letter is
# percent-encoded instead, which RFC 3986 counts as the same URL.
_URL_ENTITY = re.compile(r"&(#?)(\w)(?=\w*;)")


def link_target(url: str) -> str:
    """A URL as a Markdown link destination (inside ``<>``) that means the same URL."""
    quoted = quote(url, safe=_URL_SAFE, errors="backslashreplace")
    return _URL_ENTITY.sub(lambda m: f"&{m[1]}%{ord(m[2]):02X}", quoted)


# A later citation of a note repeats its number as plain superscript digits: pandoc's Markdown
# reader makes a new note of every footnote reference, so each note is referenced once.
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class Notes:
    """Footnotes in order of first citation, one per source and quote: its first citation is
    the footnote reference (`[^3]`), later ones repeat its number (`³`), the number every
    renderer gives it, as they number notes in order of reference. ``shown``: False drops
    markers and notes alike (`--no-notes`)."""

    def __init__(self, basis: Basis, shown: bool = True) -> None:
        self.book = NoteBook(basis)
        self.shown = shown

    def __len__(self) -> int:
        return len(self.book) if self.shown else 0

    def copy(self) -> Notes:
        """Notes numbered as these are so far, numbering on apart from them."""
        notes = Notes(self.book.basis, self.shown)
        notes.book = self.book.copy()
        return notes

    def cite(self, citations: Sequence[Citation]) -> str:
        if not self.shown or not citations:
            return ""
        # Commas apart, as in `[^3],¹²`: markers side by side would read as one number.
        return ",".join(
            [
                f"[^{m.number}]" if m.first else str(m.number).translate(_SUPERSCRIPT)
                for m in self.book.cite(citations)
            ]
        )

    def definitions(self, after: int = 0, until: int | None = None) -> list[str]:
        """The notes' definitions, of those numbered after ``after`` (and up to ``until``)."""
        if not self.shown or (until is not None and until <= after):
            return []
        lines = []
        for n, ref in self.book.written(_reference, after, until):
            graded = f" (graded {n.grade})" if n.grade else ""
            lines.append(f"[^{n.number}]: {ref}: “{escaped(n.quote)}”{graded}")
        return lines


def _reference(ref: Reference) -> str:
    """'Kamran Bokhari, “Title”, *Outlet*, 2022-12-28, <https://…>', or a short form."""
    parts = [esc(ref.by)] if ref.by else []
    parts.append(esc(ref.title) if ref.made else f"“{esc(ref.title)}”")
    if ref.outlet:
        parts.append(f"*{esc(ref.outlet)}*")
    if ref.date:
        parts.append(esc(ref.date))
    if web_address(ref.url):
        parts.append(f"<{link_target(ref.url)}>")
    return ", ".join(parts)


class _Doc:
    """Blocks of one Markdown document, with headings shifted by --heading-level."""

    def __init__(self, basis: Basis, heading_level: int = 1, notes: bool = True) -> None:
        self.basis = basis
        self.heading_level = heading_level
        self.notes = Notes(basis, notes)
        # Each block is its lines: a long table's are joined only once, into the document.
        self.blocks: list[Iterable[str]] = []
        self._names = Names(basis, esc)
        # When a long last table's notes are defined by its last part (see _event_lines):
        # how many notes came before the table, and the definitions of the table's notes.
        self.table_notes: tuple[int, str] | None = None

    def copy(self) -> _Doc:
        """A document as this one stands (its settings, the notes numbered so far), with no
        blocks: to write a part of a table, numbering notes apart from this one."""
        doc = _Doc(self.basis, self.heading_level)
        doc.notes, doc._names = self.notes.copy(), self._names
        return doc

    def evidence(self, fact: Any) -> str:
        """What a fact's row says of its sourcing, after its own notes: how many independent
        sources back it, when more than one, and each disagreement with its notes
        (' *(corroborated by 2 independent sources)* **Contested date:** 28 Nov 2022 per
        Example Gazette[^4]')."""
        seen = self.basis.evidence(fact)
        if seen is None:
            return ""
        out = f" *({seen.corroborated})*" if seen.corroborated else ""
        for d in seen.disagreements:
            sides = "; ".join(self.side(s, d.field, alone=True) for s in d.others)
            out += f" **{contest_heading(d)}:** {sides}" if d.field else f" **Disputed** {sides}"
        return out

    def side(self, side: Side, field: str, alone: bool = False) -> str:
        """One side of a disagreement: '28 Nov 2022 per Example Gazette[^4]'; of a dispute
        of the whole fact, 'disputed by Example Gazette[^4]' (``alone``: 'by ...')."""
        said = esc(said_by(self.basis, side.sources)) + self.notes.cite(side.sources)
        if field:
            return f"{esc(side.value)} per {said}"
        return f"by {said}" if alone else f"{esc(side.value)} by {said}"

    def names(self, actor_ids: Sequence[str]) -> str:
        """Actors' names, escaped, in a list."""
        return ", ".join(self._names(actor_ids))

    def heading(self, depth: int, text: str) -> None:
        level = min(6, self.heading_level + depth)
        self.blocks.append(["#" * level + " " + text])

    def para(self, text: str) -> None:
        self.blocks.append([text])

    def table(self, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
        """A table, its rows made now (``rows`` may be an iterator): the notes they cite are
        numbered before any later block's."""
        self.blocks.append([*_head(header), *map(_line, rows)])

    def event_table(self, header: Sequence[str], events: Sequence[Event]) -> None:
        """The last table of a document, a row per event (with its actors). No block after
        it cites a note, so its rows are made as they are written (notes are numbered in
        the order they are cited) and 100,000 events' rows are never held at once; a long
        one is written on every core (see :func:`_event_lines`)."""
        self.blocks.append(itertools.chain(_head(header), _event_lines(self, events)))

    def bullets(self, items: Sequence[str]) -> None:
        self.blocks.append([f"- {item}" for item in items])

    def as_of(self) -> None:
        times = basis_times(self.basis)
        if times:
            line = "; ".join(words + day for words, day in times)
            self.para(f"*{line[0].upper()}{line[1:]}.*")

    def text(self) -> Pieces:
        """The document, in pieces as they are written; the notes, which the blocks
        number as they are written, last."""
        return Pieces(self._pieces())

    def _pieces(self) -> Iterator[str]:
        for n, block in enumerate(self.blocks):
            if n:
                yield "\n\n"  # blocks apart by a blank line
            for m, line in enumerate(block):
                yield "\n" + line if m else line
        if self.table_notes is None:
            notes = self.notes.definitions()
        else:
            before, defined = self.table_notes
            notes = self.notes.definitions(until=before) + ([defined] if defined else [])
        if notes:
            yield ("\n\n" if self.blocks else "") + "\n".join(notes)
        yield "\n"


def _head(header: Sequence[str]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]


def _line(row: Sequence[str]) -> str:
    return "| " + " | ".join([cell or " " for cell in row]) + " |"


# How much longer a long event table's first part is than a worker's part: before its rows
# a worker numbers the notes of every row before them (about half a row's work each), and
# the last worker defines the table's notes.
_LEAD = 3.5


def _event_lines(doc: _Doc, events: Sequence[Event]) -> Iterator[str]:
    """An event table's row lines, the last table of ``doc``. A long table is written in
    parts on every core (:class:`briefing.workers.Parts`): this process writes the first
    part's rows as it reads them; a worker writes each other part's, numbering first the
    notes of the rows before it as this process numbers them (through the rows' own
    :func:`_cited`). The last part also defines every note the table numbered, which the
    document gives after the notes of its earlier blocks."""
    before = len(doc.notes)
    write = functools.partial(_event_part, doc.copy(), events)
    with Parts(write, range(len(events)), lead=_LEAD) as parts:
        mine = len(parts.first)  # the first rows
        yield from map(_line, _event_rows(doc, events[:mine], with_actors=True))
        if mine < len(events):
            defined = ""
            for rows, notes in parts.rest():
                if rows:
                    yield rows
                defined = notes  # the last part's
            doc.table_notes = (before, defined)


def _event_part(start: _Doc, events: Sequence[Event], part: range) -> tuple[str, str]:
    """A part of an event table after the first (see :func:`_event_lines`): its row lines,
    and for the last part, the definitions of the notes the table numbered. ``start``: the
    document as it stood before the table's first row, never written to."""
    doc = start.copy()
    for e in events[: part.start]:
        _cited(doc, e)
    rows = _event_rows(doc, events[part.start : part.stop], with_actors=True)
    lines = "\n".join(map(_line, rows))
    if part.stop < len(events):
        return lines, ""
    return lines, "\n".join(doc.notes.definitions(after=len(start.notes)))


def _event_rows(doc: _Doc, events: Iterable[Event], with_actors: bool) -> Iterator[list[str]]:
    """One row per event, made as the table is written: events are decoded as they are read."""
    cited, names = _cited, doc.names
    for e in events:
        when = e.date
        day, worded = _dated(when, when.written)
        cell = f"**{escaped(e.title)}**"
        if e.url and web_address(e.url):
            cell = f"[{cell}](<{link_target(e.url)}>)"
        if worded:
            cell += f" *({worded})*"
        if e.place:
            cell += f" · *{esc(str(e.place))}*"
        if e.summary:
            cell += f" — {escaped(e.summary)}"
        row = [day, cell + cited(doc, e)]
        if with_actors:
            row.append(names(e.actors))
        yield row


def _cited(doc: _Doc, e: Event) -> str:
    """What an event's row gives after its text: its notes' markers and what it says of
    its sourcing, numbering the notes it cites first."""
    return doc.notes.cite(e.sources) + doc.evidence(e)


def _date_cells(when: FuzzyDate | None, written: str = "") -> tuple[str, str]:
    """A date as a row shows it, and the curator's words where they say more, escaped
    (``written`` is part of the memo's key: see :func:`briefing.memo.per_date`)."""
    return esc(date_text(when)), esc(date_wording(when))


# Worked out once per date (100,000 events have a few thousand).
_dated = per_date(_date_cells)


def _position_row(doc: _Doc, p: Position, with_actor: bool) -> list[str]:
    row = [esc(doc.basis.actor_name(p.actor))] if with_actor else []
    row += [esc(doc.basis.topic_name(p.topic)), f"**{p.stance}**"]
    row += [
        esc(p.statement) + doc.notes.cite(p.sources) + doc.evidence(p),
        esc(date_text(p.date)),
    ]
    return row


def _source_rows(uses: Sequence[SourceUse]) -> list[list[str]]:
    rows = []
    for use in uses:
        s = use.source
        title = esc(s.title)
        if web_address(s.url):
            title = f"[{title}](<{link_target(s.url)}>)"
        grade = f"{s.reliability} ({RELIABILITY[s.reliability]})" if s.reliability else ""
        rows.append(
            [
                title,
                esc(", ".join(s.authors)),
                esc(s.publisher),
                esc(date_text(s.published)),
                esc(s.kind),
                esc(grade),
                str(use.facts),
            ]
        )
    return rows


_SOURCE_HEADER = ["Source", "Authors", "Publisher", "Published", "Kind", "Reliability", "Facts"]


def _when(period: FuzzyDate | None) -> str:
    """A period's compact date, with the curator's words in italics where they say more:
    'c\\. 2019–2022 · *three years before the decision – the decision or later*'."""
    day, worded = _date_cells(period)
    return day + (f" · *{worded}*" if worded else "")


def _relation_line(doc: _Doc, r: Relation) -> str:
    names = doc.basis.actor_name
    when = f" ({_when(r.period)})" if r.period else ""
    subject, other = esc(names(r.subject)), esc(names(r.object))
    kind = doc.basis.relation_phrase(r)
    return f"{subject} **{kind}** {other}{when}{doc.notes.cite(r.sources)}{doc.evidence(r)}"


def mermaid_block(view: GraphView) -> str:
    """The graph as a fenced Mermaid block (its labels hold no backtick: see render.mermaid)."""
    from briefing.render.mermaid import graph

    return "```mermaid\n" + graph(view) + "```"


def _graph(doc: _Doc, view: GraphView, depth: int) -> None:
    """The graph drawn in Mermaid, then its relations and positions in words, with notes."""
    if not view.edges:
        doc.para("No relations match.")
        return
    doc.para(mermaid_block(view))
    ties = [(e.fact, e.former) for e in view.edges if isinstance(e.fact, Relation)]
    if ties:
        doc.heading(depth, "Ties")
        doc.bullets([_relation_line(doc, r) + _former(former) for r, former in ties])
    positions = [e.fact for e in view.edges if isinstance(e.fact, Position)]
    if positions:
        doc.heading(depth, "Positions")
        rows = [_position_row(doc, p, with_actor=True) for p in positions]
        doc.table(["Actor", "Topic", "Stance", "Statement", "When"], rows)


def _former(former: bool) -> str:
    return " *(former)*" if former else ""


def _sequence(doc: _Doc, history: PositionHistory, cite: bool = True) -> str:
    """'**supports** (2019) → **balances** (since February 2022)', each step's footnotes after
    its date when ``cite``."""
    return " → ".join(
        f"**{s.position.stance}** ({esc(s.when)})"
        + (doc.notes.cite(s.position.sources) if cite else "")
        for s in steps(history)
    )


def _matrix_cell(doc: _Doc, view: Matrix, actor_id: str, topic_id: str) -> str:
    """The stance held now, cited, marked when a source disputes it, and the one held before
    it if it changed: 'balances[^2] *(contested)* (was supports[^1])'; '—' for none."""
    history = view.history(actor_id, topic_id)
    if history is None:
        return "—"
    current = history.current
    cell = ", ".join(view.stances(actor_id, topic_id))
    cell += doc.notes.cite([c for p in current for c in p.sources])
    if any(p.contested for p in current):
        cell += " *(contested)*"
    was = history.was
    if was is not None:
        cell += f" (was {was.stance}{doc.notes.cite(was.sources)})"
    return cell


def _matrix_table(doc: _Doc, view: Matrix) -> tuple[list[str], list[list[str]]]:
    header = ["Actor", *(esc(t.name) for t in view.topics)]
    rows = []
    for actor in view.actors:
        row = [esc(actor.name)]
        row += [_matrix_cell(doc, view, actor.id, topic.id) for topic in view.topics]
        rows.append(row)
    return header, rows


def _rests_on(doc: _Doc, support: Sequence[Support], cite: bool = True) -> str:
    """' Rests on: …' with each fact's date, and its footnotes when ``cite``: a judgment's
    evidence is cited; a bottom-line point's is named only."""
    parts = []
    for s in support:
        label = esc(s.label) + (f", {esc(s.when)}" if s.when else "")
        parts.append(label + (doc.notes.cite(s.sources) if cite else ""))
    return " Rests on: " + "; ".join(parts) + "." if parts else ""


def _judgment(doc: _Doc, view: JudgmentView) -> str:
    j = view.judgment
    line = f"{esc(j.statement)}{doc.notes.cite(j.sources)} *{esc(view.credit)}.*"
    # ICD 203: likelihood and confidence each get a sentence of their own.
    if j.likelihood:
        line += f" Likelihood: {j.likelihood}."
    if j.confidence:
        line += f" Confidence: {j.confidence}."
    return line + _rests_on(doc, view.rests_on)


def _point(doc: _Doc, view: PointView) -> str:
    p = view.point
    line = f"{esc(p.text)}{doc.notes.cite(p.sources)} *({esc(view.by)})*"
    return line + _rests_on(doc, view.rests_on, cite=False)


def _profile(doc: _Doc, view: ProfileView) -> None:
    p = view.profile
    basis = view.basis
    actor = p.actor
    doc.heading(0, esc(actor.name))
    intro = f"*{esc(actor.kind.capitalize())}.*"
    if actor.description:
        intro += f" {esc(actor.description)}"
    doc.para(intro + doc.notes.cite(actor.sources))
    if actor.aliases:
        doc.para("Also known as: " + ", ".join(esc(a) for a in actor.aliases) + ".")
    doc.as_of()
    if p.roles:
        doc.heading(1, "Roles")
        rows = [
            [
                esc(h.role.title) + doc.notes.cite(h.role.sources),
                esc(h.holder.name),
                esc(basis.actor_name(h.role.of)) if h.role.of else "",
                _when(h.role.period),
                "current" if h.current else "former",
            ]
            for h in p.roles
        ]
        doc.table(["Role", "Held by", "Of", "When", "Status"], rows)
    if p.attributes:
        doc.heading(1, "Attributes")
        rows = [
            [
                esc(v.attribute.name),
                esc(v.attribute.value) + doc.notes.cite(v.attribute.sources),
                _when(v.attribute.period),
                "current" if v.current else "former",
            ]
            for v in p.attributes
        ]
        doc.table(["Attribute", "Value", "When", "Status"], rows)
    if p.positions:
        doc.heading(1, "Positions")
        rows = [_position_row(doc, x, with_actor=False) for x in p.positions]
        doc.table(["Topic", "Stance", "Statement", "When"], rows)
    if view.histories:
        doc.heading(1, "Positions over time")
        doc.bullets(
            [
                f"{esc(basis.topic_name(h.topic))}: {_sequence(doc, h, cite=False)}"
                for h in view.histories
            ]
        )
    if p.links:
        doc.heading(1, "Relations")
        doc.bullets([_relation_line(doc, link.relation) for link in p.links])
    if p.events:
        doc.heading(1, "Events")
        doc.table(["Date", "Event"], _event_rows(doc, p.events, with_actors=False))
    if view.judgments:
        doc.heading(1, "Judgments")
        doc.bullets([_judgment(doc, j) for j in view.judgments])
    if p.sources:
        doc.heading(1, "Sources")
        doc.table(_SOURCE_HEADER, _source_rows(p.sources))


def _search(doc: _Doc, view: SearchView) -> None:
    doc.heading(0, f"Search: “{esc(view.query)}”")
    doc.as_of()
    if not view.hits:
        meant = f"; did you mean “{esc(view.suggestion)}”?" if view.suggestion else "."
        doc.para(f"No facts match{meant}")
        return
    rows = []
    for h in view.hits:
        label = esc(view.basis.label(h.fact))
        cited = doc.notes.cite(getattr(h.fact, "sources", ()))
        rows.append([h.kind, f"{label} (`{h.fact.id}`){cited}", h.field, esc(h.text)])
    doc.table(["Kind", "Fact", "Field", "Match"], rows)


# -- the briefing document -----------------------------------------------------------------


def _metadata(view: Briefing) -> str:
    """A pandoc YAML metadata block; values are JSON strings, which YAML reads as they are."""
    import json

    b = view.brief
    keywords = [a.actor.name for a in view.key_actors]
    keywords += [t.name for t in view.matrix.topics]
    lines = ["---", f"title: {json.dumps(esc(b.title), ensure_ascii=False)}"]
    lines.append(f"date: {json.dumps(esc(view.dated), ensure_ascii=False)}")
    if b.author:
        lines.append(f"author: [{json.dumps(esc(b.author), ensure_ascii=False)}]")
    lines.append(f"subject: {json.dumps(esc(view.handling), ensure_ascii=False)}")
    if keywords:
        quoted = ", ".join(json.dumps(esc(k), ensure_ascii=False) for k in keywords)
        lines.append(f"keywords: [{quoted}]")
    lines.append("---")
    return "\n".join(lines)


def _examples(names: Sequence[str], gap: Gap[Any], joiner: str = "; ") -> str:
    """A gap's examples, then how many more it has: 'A (2019); B (2020); and 49 more'."""
    return joiner.join([*names, *filter(None, [gap_more(gap)])])


def _gap_lines(doc: _Doc, view: Briefing) -> list[str]:
    gaps = view.gaps
    lines = []
    if gaps.single_origin:
        gap = gaps.single_origin
        named = [esc(doc.basis.label(f).rstrip(".")) for f in gap.examples]
        count = plural(gap.count, "fact")
        lines.append(
            f"**Single origin.** {count} rest on one source, or on sources that repeat one "
            f"another: {_examples(named, gap)}."
        )
    if gaps.vague_dates:
        gap = gaps.vague_dates
        named = [f"{esc(e.title)} ({esc(date_text(e.date))})" for e in gap.examples]
        count = plural(gap.count, "event")
        lines.append(
            f"**Vague dates.** {count} known only to the month, the year or a range: "
            f"{_examples(named, gap)}."
        )
    if gaps.silent_actors:
        gap = gaps.silent_actors
        named = [esc(a.name) for a in gap.examples]
        lines.append(
            f"**No recorded position.** {plural(gap.count, 'key actor')} without a position: "
            f"{_examples(named, gap, ', ')}."
        )
    if gaps.unrated:
        gap = gaps.unrated
        named = [esc(doc.basis.label(j).rstrip(".")) for j in gap.examples]
        count = plural(gap.count, "judgment")
        lines.append(
            f"**Unrated judgments.** {count} without a likelihood or a confidence: "
            f"{_examples(named, gap)}."
        )
    if gaps.left_out:
        gap = gaps.left_out
        named = [esc(left_out_label(e)) for e in gap.examples]
        count = plural(gap.count, "fact")
        lines.append(
            f"**Left out.** {count} left out because of errors in the fact base "
            f"(run `briefing check`): {_examples(named, gap)}."
        )
    return lines


def _more(doc: _Doc, view: BriefView, *lists: str) -> None:
    """For each of ``lists`` the brief bounds, how many it leaves out and where they are."""
    for name in lists:
        more = view.briefing.more.get(name)
        if more is not None:
            _more_line(doc, *more_text(more))


def _more_line(doc: _Doc, words: str, command: str) -> None:
    """The last line of a list cut short: what it leaves out, and the command listing it."""
    doc.para(f"*{words}`{command}`*")


def _brief(doc: _Doc, whole: BriefView, standalone: bool) -> None:
    view = whole.briefing
    b = view.brief
    depth = 0
    if standalone:
        doc.para(_metadata(view))
    else:
        doc.heading(0, esc(b.title))
        depth = 1
    facts_line = [f"**{esc(view.handling)}**", f"Date: {esc(brief_date(view))}"]
    facts_line += [words + day for words, day in brief_times(view)]
    if b.audience:
        facts_line.append(f"Audience: {esc(b.audience)}")
    if b.author:
        facts_line.append(f"Prepared by: {esc(b.author)}")
    doc.para(" · ".join(facts_line))
    if view.nothing_known:
        doc.para(esc(view.nothing_known))
    for section in view.sections:
        doc.heading(depth, SECTION_TITLES[section])
        _BRIEF_SECTIONS[section](doc, whole, depth + 1)


def _bottom_line(doc: _Doc, view: BriefView, depth: int) -> None:
    doc.bullets([_point(doc, p) for p in view.bottom_line])
    _more(doc, view, "bottom-line")


def _key_judgments(doc: _Doc, view: BriefView, depth: int) -> None:
    doc.para("\n".join(f"{n}. {_judgment(doc, j)}" for n, j in enumerate(view.judgments, 1)))
    _more(doc, view, "key-judgments")


def _background(doc: _Doc, whole: BriefView, depth: int) -> None:
    view = whole.briefing
    if view.standing_positions:
        doc.heading(depth, "Standing positions")
        rows = [_position_row(doc, p, with_actor=True) for p in view.standing_positions]
        doc.table(["Actor", "Topic", "Stance", "Statement", "When"], rows)
        _more(doc, whole, "positions")
    if view.standing_relations:
        doc.heading(depth, "Relations")
        doc.bullets([_relation_line(doc, r) for r in view.standing_relations])
        _more(doc, whole, "relations")
    if view.earlier_events:
        doc.heading(depth, "Earlier events")
        doc.table(["Date", "Event"], _event_rows(doc, view.earlier_events, with_actors=False))
        _more(doc, whole, "earlier")


def _recent(doc: _Doc, view: BriefView, depth: int) -> None:
    w = view.briefing.window
    doc.para(f"*Events {esc(days_text(w.start, w.end))} ({w.days} days).*")
    rows = _event_rows(doc, view.briefing.recent, with_actors=True)
    doc.table(["Date", "Event", "Actors"], rows)
    _more(doc, view, "recent")


def _key_actors(doc: _Doc, view: BriefView, depth: int) -> None:
    lines = []
    for k in view.briefing.key_actors:
        line = f"**{esc(k.actor.name)}** ({esc(k.actor.kind)})"
        roles = []
        for h in k.roles:
            when = f" ({esc(date_text(h.role.period))})" if h.role.period else ""
            if h.holder.id == k.actor.id:
                of = f" of {esc(doc.basis.actor_name(h.role.of))}" if h.role.of else ""
                roles.append(f"{esc(h.role.title)}{of}{when}")
            else:
                roles.append(f"{esc(h.role.title)}: {esc(h.holder.name)}{when}")
        lines.append(line + (": " + "; ".join(roles) if roles else ""))
    doc.bullets(lines)
    _more(doc, view, "key-actors")
    if view.graph is not None and view.graph.edges:
        doc.para(mermaid_block(view.graph))


def _positions(doc: _Doc, view: BriefView, depth: int) -> None:
    doc.table(*_matrix_table(doc, view.briefing.matrix))
    _more(doc, view, "matrix-actors", "matrix-topics")


def _outlook(doc: _Doc, view: BriefView, depth: int) -> None:
    doc.bullets([_point(doc, p) for p in view.indicators])
    _more(doc, view, "indicators")


def _contested(doc: _Doc, view: BriefView, depth: int) -> None:
    """Each disagreement on a fact in the brief's scope, every side with who gives it."""
    lines = []
    for fact in view.briefing.contested:
        for d in disagreements(doc.basis, fact):
            when = f", {esc(d.when)}" if d.when else ""
            head = f"**{esc(d.label)}** ({d.kind}{when})"
            what = f"{esc(d.field)}: " if d.field else ""
            sides = "; ".join(doc.side(s, d.field) for s in d.sides)
            lines.append(f"{head} — {what}{sides}.")
    doc.bullets(lines)
    _more(doc, view, "contested")


def _gaps(doc: _Doc, view: BriefView, depth: int) -> None:
    doc.bullets(_gap_lines(doc, view.briefing))


def _sources(doc: _Doc, view: BriefView, depth: int) -> None:
    doc.table(_SOURCE_HEADER, _source_rows(view.briefing.sources))
    _more(doc, view, "sources")
    if doc.notes:
        doc.para("The quote behind each numbered note follows.")


_BRIEF_SECTIONS: dict[str, Callable[[_Doc, BriefView, int], None]] = {
    "changes": lambda doc, view, depth: _since(doc, view, depth),
    "bottom-line": _bottom_line,
    "key-judgments": _key_judgments,
    "background": _background,
    "recent": _recent,
    "key-actors": _key_actors,
    "positions": _positions,
    "outlook": _outlook,
    "contested": _contested,
    "gaps": _gaps,
    "sources": _sources,
}


# -- changes between two states ---------------------------------------------------------------


def _state(state: State) -> str:
    commit = f" (commit `{state.commit[:12]}`)" if state.commit else ""
    return f"**{esc(state.label)}**{commit}"


def _fact_line(doc: _Doc, fact: Any) -> str:
    """A fact added or removed: its label, id and date, and its citations."""
    line = f"**{esc(doc.basis.label(fact))}** (`{fact.id}`)"
    when = fact_date(fact)
    if when:
        line += f", {esc(when)}"
    return line + doc.notes.cite(getattr(fact, "sources", ()))


def _said(doc: _Doc, p: Position) -> str:
    """A position's words, date and citations: '“Statement”, in November[^1]'."""
    said = f"“{esc(p.statement)}”, " if p.statement else ""
    return f"{said}{esc(date_text(p.date))}{doc.notes.cite(p.sources)}"


def _shift_line(doc: _Doc, shift: StanceShift) -> str:
    b = doc.basis
    how = (
        f"position `{shift.new.id}` edited"
        if shift.same_id
        else f"new position `{shift.new.id}` after `{shift.old.id}`"
    )
    return (
        f"**{esc(b.actor_name(shift.actor))}** on {esc(b.topic_name(shift.topic))}: "
        f"**{esc(shift.old.stance)}** → **{esc(shift.new.stance)}** ({how}). "
        f"Before: {_said(doc, shift.old)}. After: {_said(doc, shift.new)}."
    )


def _changed_rows(doc: _Doc, changed: Sequence[Changed]) -> Iterator[list[str]]:
    """One row per field; the fact is named on its first row only."""
    for ch in changed:
        for n, f in enumerate(ch.fields):
            fact = "" if n else f"{esc(doc.basis.label(ch.new))} (`{ch.id}`)"
            yield [fact, esc(f.name), esc(value_text(f.old)), esc(value_text(f.new))]


def _diff(doc: _Doc, view: DiffView) -> None:
    changes = view.changes
    doc.heading(0, "Changes")
    doc.para(f"From {_state(view.old)} to {_state(view.new)}.")
    for side, state in (("old", view.old), ("new", view.new)):
        if state.facts.left_out:
            count = plural(len(state.facts.left_out), "fact")
            doc.para(f"*The {side} state has {count} left out because of errors: not compared.*")
    if not changes:
        doc.para("No changes.")
        return
    _changes(doc, changes, 1)


def _changes(doc: _Doc, changes: Changes, depth: int, removed: str = "Removed") -> None:
    """Counts, stance shifts, then each collection's changes, headings from ``depth``;
    facts gone are listed under ``removed``."""
    added, gone, changed = changes.counts()
    shifts = plural(len(changes.stance_shifts), "stance shift")
    doc.para(f"{added} added, {gone} {removed.lower()}, {changed} changed; {shifts}.")
    if changes.stance_shifts:
        doc.heading(depth, "Stance shifts")
        doc.bullets([_shift_line(doc, s) for s in changes.stance_shifts])
    for c in changes.collections:
        if not c:
            continue
        doc.heading(depth, c.name.capitalize())
        if c.added:
            doc.heading(depth + 1, f"Added: {c.count('added')}")
            doc.bullets([_fact_line(doc, f) for f in c.added])
            _changes_more(doc, changes, c, "added")
        if c.removed:
            doc.heading(depth + 1, f"{removed}: {c.count('removed')}")
            doc.bullets([_fact_line(doc, f) for f in c.removed])
            _changes_more(doc, changes, c, "removed")
        if c.changed:
            doc.heading(depth + 1, f"Changed: {c.count('changed')}")
            doc.table(["Fact", "Field", "Old", "New"], _changed_rows(doc, c.changed))
            _changes_more(doc, changes, c, "changed")


def _changes_more(doc: _Doc, changes: Changes, listed: CollectionChanges, kind: str) -> None:
    words, command = changes_more(changes, listed, kind)
    if words:
        _more_line(doc, words, command)


def _since(doc: _Doc, view: BriefView, depth: int) -> None:
    """The brief's changes since --since: what became known after that day, in its scope."""
    b = view.briefing
    assert b.since is not None and b.changes is not None  # the section is shown only then
    doc.para(f"*What became known after {day_in_words(b.since)}, in this brief's scope.*")
    if b.changes:  # in one fact base, what was known and is no longer held was withdrawn
        _changes(doc, b.changes, depth, removed="Withdrawn")
    else:
        doc.para("Nothing new.")


class MarkdownRenderer(Renderer[Pieces]):
    """CommonMark documents; ``standalone`` makes the brief a whole document for pandoc;
    ``notes``: False leaves out footnotes and their markers."""

    def __init__(
        self, heading_level: int = 1, standalone: bool = False, notes: bool = True
    ) -> None:
        self.heading_level = heading_level
        self.standalone = standalone
        self.notes = notes

    def _doc(self, basis: Basis) -> _Doc:
        return _Doc(basis, self.heading_level, self.notes)

    def timeline(self, view: TimelineView) -> Pieces:
        doc = self._doc(view.basis)
        doc.heading(0, "Timeline")
        doc.as_of()
        if view.events:
            doc.event_table(["Date", "Event", "Actors"], view.events)
        else:
            doc.para("No events match.")
        return doc.text()

    def profile(self, view: ProfileView) -> Pieces:
        doc = self._doc(view.basis)
        _profile(doc, view)
        return doc.text()

    def actors(self, view: ActorsView) -> Pieces:
        doc = self._doc(view.basis)
        doc.heading(0, "Actors")
        doc.as_of()
        rows = [
            [esc(r.actor.name), esc(r.actor.kind), str(r.events), str(r.positions)]
            for r in view.rows
        ]
        doc.table(["Actor", "Kind", "Events", "Positions"], rows)
        return doc.text()

    def positions(self, view: PositionsView) -> Pieces:
        doc = self._doc(view.basis)
        doc.heading(0, "Positions")
        doc.as_of()
        if view.positions:
            rows = [_position_row(doc, p, with_actor=True) for p in view.positions]
            doc.table(["Actor", "Topic", "Stance", "Statement", "When"], rows)
        else:
            doc.para("No positions match.")
        return doc.text()

    def history(self, view: HistoryView) -> Pieces:
        doc = self._doc(view.basis)
        doc.heading(0, "Position history")
        doc.as_of()
        if view.histories:
            names = view.basis
            rows = [
                [esc(names.actor_name(h.actor)), esc(names.topic_name(h.topic)), _sequence(doc, h)]
                for h in view.histories
            ]
            doc.table(["Actor", "Topic", "Stances"], rows)
        else:
            doc.para("No positions match.")
        return doc.text()

    def matrix(self, view: MatrixView) -> Pieces:
        doc = self._doc(view.basis)
        doc.heading(0, "Positions by actor and topic")
        doc.as_of()
        if view.matrix.cells:
            doc.table(*_matrix_table(doc, view.matrix))
        else:
            doc.para("No positions match.")
        return doc.text()

    def sources(self, view: SourcesView) -> Pieces:
        doc = self._doc(view.basis)
        doc.heading(0, "Sources")
        doc.as_of()
        doc.table(_SOURCE_HEADER, _source_rows(view.uses))
        return doc.text()

    def search(self, view: SearchView) -> Pieces:
        doc = self._doc(view.basis)
        _search(doc, view)
        return doc.text()

    def brief(self, view: BriefView) -> Pieces:
        doc = self._doc(view.basis)
        _brief(doc, view, self.standalone)
        return doc.text()

    def briefs(self, view: BriefsView) -> Pieces:
        doc = self._doc(view.basis)
        doc.heading(0, "Briefs")
        if not view.briefs:
            doc.para("The fact base defines no brief; `briefing brief` prints a default one.")
            return doc.text()
        rows = [
            [f"`{b.id}`", esc(b.title), esc(b.audience), "yes" if b.default else ""]
            for b in view.briefs
        ]
        doc.table(["Brief", "Title", "Audience", "Default"], rows)
        return doc.text()

    def diff(self, view: DiffView) -> Pieces:
        doc = self._doc(view.basis)
        _diff(doc, view)
        return doc.text()

    def graph(self, view: GraphView) -> Pieces:
        doc = self._doc(view.basis)
        center = view.center
        doc.heading(0, f"Relations of {esc(center.name)}" if center else "Relations")
        doc.as_of()
        _graph(doc, view, 1)
        return doc.text()
