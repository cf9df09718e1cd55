"""Markdown output: CommonMark with GFM tables and footnotes, safe for any fact text."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from briefing.model import Brief, Citation, Event, Judgment, Point, Position, Relation
from briefing.query import ActorRow, Hit, Matrix, Profile, SourceUse
from briefing.render import Context, clean, date_text, fact_label, relation_words
from briefing.render.text import plural
from briefing.spec import RELIABILITY

if TYPE_CHECKING:
    from briefing.brief import Briefing

# Characters with a meaning in CommonMark or GFM inline text; a backslash makes each literal.
_INLINE = re.compile(r"([\\`*_\[\]<>|~#^])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# At the start of a block these open a list, quote or heading.
_BLOCK_START = re.compile(r"^([-+=]|\d+(?=[.)]))")


def esc(text: str) -> str:
    """Fact text as literal Markdown inline text, on one line."""
    flat = " ".join(clean(text).split())
    flat = _ENTITY.sub("&amp;", _INLINE.sub(r"\\\1", flat))
    return _BLOCK_START.sub(_escape_block_start, flat)


def _escape_block_start(match: re.Match[str]) -> str:
    # "1." opens a list as surely as "-" does; escape the dot after the digits.
    mark = match.group(1)
    return mark + "\\" if mark[0].isdigit() else "\\" + mark


class Notes:
    """Footnotes numbered in order of first use; each citation defined once."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.numbers: dict[tuple[str, str], int] = {}

    def cite(self, citations: Sequence[Citation]) -> str:
        refs = []
        for c in citations:
            key = (c.source, c.quote)
            number = self.numbers.setdefault(key, len(self.numbers) + 1)
            refs.append(f"[^{number}]")
        return "".join(refs)

    def definitions(self) -> list[str]:
        return [f"[^{n}]: {self._note(*key)}" for key, n in self.numbers.items()]

    def _note(self, source_id: str, quote: str) -> str:
        source = self.ctx.source(source_id)
        if source is None:
            return f"{esc(source_id)}: “{esc(quote)}”"
        parts = [esc(", ".join(source.authors))] if source.authors else []
        parts.append(f"“{esc(source.title)}”")
        if source.publisher:
            parts.append(f"*{esc(source.publisher)}*")
        if source.published:
            parts.append(esc(source.published.text))
        return ", ".join(parts) + f": “{esc(quote)}”"


class _Doc:
    """Blocks of one Markdown document, with headings shifted by --heading-level."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.notes = Notes(ctx)
        self.blocks: list[str] = []

    def heading(self, depth: int, text: str) -> None:
        level = min(6, self.ctx.heading_level + depth)
        self.blocks.append("#" * level + " " + text)

    def para(self, text: str) -> None:
        self.blocks.append(text)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
        lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
        self.blocks.append("\n".join(lines))

    def bullets(self, items: Sequence[str]) -> None:
        self.blocks.append("\n".join(f"- {item}" for item in items))

    def as_of(self) -> None:
        if self.ctx.as_of:
            self.para(f"*As of {self.ctx.as_of.isoformat()}.*")

    def text(self) -> str:
        notes = self.notes.definitions()
        blocks = self.blocks + (["\n".join(notes)] if notes else [])
        return "\n\n".join(blocks) + "\n"


def _names(ctx: Context, ids: Sequence[str]) -> str:
    return ", ".join(esc(ctx.actor_name(i)) for i in ids)


def _event_rows(doc: _Doc, events: Sequence[Event], with_actors: bool) -> list[list[str]]:
    rows = []
    for e in events:
        cell = f"**{esc(e.title)}**"
        if e.summary:
            cell += f" — {esc(e.summary)}"
        row = [esc(e.date.text), cell + doc.notes.cite(e.sources)]
        if with_actors:
            row.append(_names(doc.ctx, e.actors))
        rows.append(row)
    return rows


def timeline(events: Sequence[Event], ctx: Context) -> str:
    doc = _Doc(ctx)
    doc.heading(0, "Timeline")
    doc.as_of()
    if events:
        doc.table(["Date", "Event", "Actors"], _event_rows(doc, events, with_actors=True))
    else:
        doc.para("No events match.")
    return doc.text()


def _position_row(doc: _Doc, p: Position, with_actor: bool) -> list[str]:
    row = [esc(doc.ctx.actor_name(p.actor))] if with_actor else []
    row += [esc(doc.ctx.topic_name(p.topic)), f"**{p.stance}**"]
    row += [esc(p.statement) + doc.notes.cite(p.sources), esc(date_text(p.date))]
    return row


def _judgment_line(doc: _Doc, j: Judgment) -> str:
    by = {"author": "the source's author", "curator": "the curator"}.get(
        j.by, doc.ctx.actor_name(j.by)
    )
    line = f"{esc(j.statement)}{doc.notes.cite(j.sources)} *({esc(j.kind)} by {esc(by)})*"
    # ICD 203: likelihood and confidence are never joined in one sentence.
    if j.likelihood:
        line += f" Likelihood: {j.likelihood}."
    if j.confidence:
        line += f" Confidence: {j.confidence}."
    return line


def _source_rows(uses: Sequence[SourceUse]) -> list[list[str]]:
    rows = []
    for use in uses:
        s = use.source
        title = esc(s.title)
        if s.url and re.fullmatch(r"https?://[^\s<>]+", s.url):
            title = f"[{title}](<{s.url}>)"
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


def profile(view: Profile, ctx: Context) -> str:
    doc = _Doc(ctx)
    actor = view.actor
    doc.heading(0, esc(actor.name))
    intro = f"*{esc(actor.kind.capitalize())}.*"
    if actor.description:
        intro += f" {esc(actor.description)}"
    doc.para(intro + doc.notes.cite(actor.sources))
    if actor.aliases:
        doc.para("Also known as: " + ", ".join(esc(a) for a in actor.aliases) + ".")
    doc.as_of()
    if view.roles:
        doc.heading(1, "Roles")
        rows = [
            [
                esc(h.role.title) + doc.notes.cite(h.role.sources),
                esc(h.holder.name),
                esc(ctx.actor_name(h.role.of)) if h.role.of else "",
                esc(date_text(h.role.period)),
                "current" if h.current else "former",
            ]
            for h in view.roles
        ]
        doc.table(["Role", "Held by", "Of", "When", "Status"], rows)
    if view.attributes:
        doc.heading(1, "Attributes")
        rows = [
            [
                esc(v.attribute.name),
                esc(v.attribute.value) + doc.notes.cite(v.attribute.sources),
                esc(date_text(v.attribute.period)),
                "current" if v.current else "former",
            ]
            for v in view.attributes
        ]
        doc.table(["Attribute", "Value", "When", "Status"], rows)
    if view.positions:
        doc.heading(1, "Positions")
        rows = [_position_row(doc, p, with_actor=False) for p in view.positions]
        doc.table(["Topic", "Stance", "Statement", "When"], rows)
    if view.links:
        doc.heading(1, "Relations")
        doc.bullets([_relation_line(doc, link.relation) for link in view.links])
    if view.events:
        doc.heading(1, "Events")
        doc.table(["Date", "Event"], _event_rows(doc, view.events, with_actors=False))
    if view.judgments:
        doc.heading(1, "Judgments")
        doc.bullets([_judgment_line(doc, j) for j in view.judgments])
    if view.sources:
        doc.heading(1, "Sources")
        doc.table(_SOURCE_HEADER, _source_rows(view.sources))
    return doc.text()


def actors(rows: Sequence[ActorRow], ctx: Context) -> str:
    doc = _Doc(ctx)
    doc.heading(0, "Actors")
    doc.as_of()
    doc.table(
        ["Actor", "Kind", "Events", "Positions"],
        [[esc(r.actor.name), esc(r.actor.kind), str(r.events), str(r.positions)] for r in rows],
    )
    return doc.text()


def positions(items: Sequence[Position], ctx: Context) -> str:
    doc = _Doc(ctx)
    doc.heading(0, "Positions")
    doc.as_of()
    if items:
        rows = [_position_row(doc, p, with_actor=True) for p in items]
        doc.table(["Actor", "Topic", "Stance", "Statement", "When"], rows)
    else:
        doc.para("No positions match.")
    return doc.text()


def _relation_line(doc: _Doc, r: Relation) -> str:
    names = doc.ctx.actor_name
    when = f" ({esc(r.period.text)})" if r.period else ""
    subject, other = esc(names(r.subject)), esc(names(r.object))
    return f"{subject} **{relation_words(r.type)}** {other}{when}{doc.notes.cite(r.sources)}"


def _matrix_table(doc: _Doc, view: Matrix) -> tuple[list[str], list[list[str]]]:
    header = ["Actor", *(esc(t.name) for t in view.topics)]
    rows = []
    for actor in view.actors:
        row = [esc(actor.name)]
        for topic in view.topics:
            cell = view.cells.get((actor.id, topic.id), ())
            cites = doc.notes.cite([c for p in cell for c in p.sources])
            row.append(", ".join(view.stances(actor.id, topic.id)) + cites if cell else "—")
        rows.append(row)
    return header, rows


def matrix(view: Matrix, ctx: Context) -> str:
    doc = _Doc(ctx)
    doc.heading(0, "Positions by actor and topic")
    doc.as_of()
    if not view.cells:
        doc.para("No positions match.")
        return doc.text()
    doc.table(*_matrix_table(doc, view))
    return doc.text()


def sources(uses: Sequence[SourceUse], ctx: Context) -> str:
    doc = _Doc(ctx)
    doc.heading(0, "Sources")
    doc.as_of()
    doc.table(_SOURCE_HEADER, _source_rows(uses))
    return doc.text()


def search(query: str, hits: Sequence[Hit], ctx: Context) -> str:
    doc = _Doc(ctx)
    doc.heading(0, f"Search: “{esc(query)}”")
    doc.as_of()
    if not hits:
        doc.para("No facts match.")
        return doc.text()
    rows = []
    for h in hits:
        label = esc(fact_label(h.fact, ctx))
        rows.append([h.kind, f"{label} (`{h.fact.id}`)", h.field, esc(h.text)])
    doc.table(["Kind", "Fact", "Field", "Match"], rows)
    return doc.text()


# -- the briefing document -----------------------------------------------------------------


def _author_names(ctx: Context, by: str, cited: Sequence[Citation]) -> str:
    """Who a judgment or point belongs to, in words."""
    if by == "curator":
        return "the curator"
    if by == "author":
        names = [a for c in cited if (s := ctx.source(c.source)) for a in s.authors]
        unique = ", ".join(dict.fromkeys(names))
        return f"{unique}, the source's author" if unique else "the source's author"
    return ctx.actor_name(by)


def _rests_on(doc: _Doc, ids: Sequence[str], cite: bool = True) -> str:
    """' Rests on: …' naming each fact found (as of the brief's date), with its footnotes
    when ``cite``: a judgment's evidence is cited; a bottom-line point's is named only."""
    facts = {f.id: f for f in doc.ctx.facts.cited() if hasattr(f, "id")}
    parts = []
    for ident in ids:
        fact = facts.get(ident)
        if fact is None:
            continue
        when = getattr(fact, "date", None)
        label = esc(fact_label(fact, doc.ctx).rstrip("."))
        if when is not None:
            label += f", {esc(when.text)}"
        parts.append(label + (doc.notes.cite(fact.sources) if cite else ""))
    return " Rests on: " + "; ".join(parts) + "." if parts else ""


def _point(doc: _Doc, point: Point) -> str:
    by = _author_names(doc.ctx, point.by, point.sources)
    line = f"{esc(point.text)}{doc.notes.cite(point.sources)} *({esc(by)})*"
    return line + _rests_on(doc, point.rests_on, cite=False)


def _brief_judgment(doc: _Doc, j: Judgment) -> str:
    by = _author_names(doc.ctx, j.by, j.sources)
    line = (
        f"{esc(j.statement)}{doc.notes.cite(j.sources)} *{esc(j.kind.capitalize())} by {esc(by)}.*"
    )
    # ICD 203: likelihood and confidence each get a sentence of their own.
    if j.likelihood:
        line += f" Likelihood: {j.likelihood}."
    if j.confidence:
        line += f" Confidence: {j.confidence}."
    return line + _rests_on(doc, j.rests_on)


def _metadata(view: Briefing) -> str:
    """A pandoc YAML metadata block; values are JSON strings, which YAML reads as they are."""
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


def _gap_lines(doc: _Doc, view: Briefing) -> list[str]:
    gaps = view.gaps
    lines = []
    if gaps.single_source:
        by_source: dict[str, int] = {}
        for fact in gaps.single_source:
            source_id = fact.sources[0].source
            by_source[source_id] = by_source.get(source_id, 0) + 1
        named = "; ".join(
            f"{n} on “{esc(s.title if (s := doc.ctx.source(i)) else i)}”"
            for i, n in by_source.items()
        )
        count = plural(len(gaps.single_source), "fact")
        lines.append(f"**Single source.** {count} rest on one source only: {named}.")
    if gaps.vague_dates:
        listed = "; ".join(f"{esc(e.title)} ({esc(e.date.text)})" for e in gaps.vague_dates)
        count = plural(len(gaps.vague_dates), "event")
        lines.append(
            f"**Vague dates.** {count} known only to the month, the year or a range: {listed}."
        )
    if gaps.silent_actors:
        listed = ", ".join(esc(a.name) for a in gaps.silent_actors)
        lines.append(f"**No recorded position.** Key actors without a position: {listed}.")
    if gaps.unrated:
        listed = "; ".join(esc(fact_label(j, doc.ctx).rstrip(".")) for j in gaps.unrated)
        count = plural(len(gaps.unrated), "judgment")
        lines.append(
            f"**Unrated judgments.** {count} without a likelihood or a confidence: {listed}."
        )
    return lines


def brief(view: Briefing, ctx: Context) -> str:
    from briefing.brief import SECTION_TITLES

    doc = _Doc(ctx)
    b = view.brief
    depth = 0
    if ctx.standalone:
        doc.para(_metadata(view))
    else:
        doc.heading(0, esc(b.title))
        depth = 1
    facts_line = [f"**{esc(view.handling)}**", f"Date: {esc(view.dated)}"]
    facts_line.append(f"As of: {view.as_of.isoformat()}")
    if b.audience:
        facts_line.append(f"Audience: {esc(b.audience)}")
    if b.author:
        facts_line.append(f"Prepared by: {esc(b.author)}")
    doc.para(" · ".join(facts_line))
    for section in view.sections:
        doc.heading(depth, SECTION_TITLES[section])
        _BRIEF_SECTIONS[section](doc, view, depth + 1)
    return doc.text()


def _bottom_line(doc: _Doc, view: Briefing, depth: int) -> None:
    doc.bullets([_point(doc, p) for p in view.bottom_line])


def _key_judgments(doc: _Doc, view: Briefing, depth: int) -> None:
    doc.para("\n".join(f"{n}. {_brief_judgment(doc, j)}" for n, j in enumerate(view.judgments, 1)))


def _background(doc: _Doc, view: Briefing, depth: int) -> None:
    if view.standing_positions:
        doc.heading(depth, "Standing positions")
        rows = [_position_row(doc, p, with_actor=True) for p in view.standing_positions]
        doc.table(["Actor", "Topic", "Stance", "Statement", "When"], rows)
    if view.standing_relations:
        doc.heading(depth, "Relations")
        doc.bullets([_relation_line(doc, r) for r in view.standing_relations])
    if view.earlier_events:
        doc.heading(depth, "Earlier events")
        doc.table(["Date", "Event"], _event_rows(doc, view.earlier_events, with_actors=False))


def _recent(doc: _Doc, view: Briefing, depth: int) -> None:
    days = (view.as_of - view.window_start).days + 1
    doc.para(
        f"*Events from {view.window_start.isoformat()} to {view.as_of.isoformat()} ({days} days).*"
    )
    doc.table(["Date", "Event", "Actors"], _event_rows(doc, view.recent, with_actors=True))


def _key_actors(doc: _Doc, view: Briefing, depth: int) -> None:
    lines = []
    for k in view.key_actors:
        line = f"**{esc(k.actor.name)}** ({esc(k.actor.kind)})"
        roles = []
        for h in k.roles:
            when = f" ({esc(h.role.period.text)})" if h.role.period else ""
            if h.holder.id == k.actor.id:
                of = f" of {esc(doc.ctx.actor_name(h.role.of))}" if h.role.of else ""
                roles.append(f"{esc(h.role.title)}{of}{when}")
            else:
                roles.append(f"{esc(h.role.title)}: {esc(h.holder.name)}{when}")
        lines.append(line + (": " + "; ".join(roles) if roles else ""))
    doc.bullets(lines)


def _positions(doc: _Doc, view: Briefing, depth: int) -> None:
    doc.table(*_matrix_table(doc, view.matrix))


def _outlook(doc: _Doc, view: Briefing, depth: int) -> None:
    doc.bullets([_point(doc, p) for p in view.indicators])


def _gaps(doc: _Doc, view: Briefing, depth: int) -> None:
    doc.bullets(_gap_lines(doc, view))


def _sources(doc: _Doc, view: Briefing, depth: int) -> None:
    doc.table(_SOURCE_HEADER, _source_rows(view.sources))
    doc.para("The quote behind each numbered note follows.")


_BRIEF_SECTIONS: dict[str, Callable[[_Doc, Briefing, int], None]] = {
    "bottom-line": _bottom_line,
    "key-judgments": _key_judgments,
    "background": _background,
    "recent": _recent,
    "key-actors": _key_actors,
    "positions": _positions,
    "outlook": _outlook,
    "gaps": _gaps,
    "sources": _sources,
}


def briefs(items: Sequence[Brief], ctx: Context) -> str:
    doc = _Doc(ctx)
    doc.heading(0, "Briefs")
    if not items:
        doc.para("The fact base defines no brief; `briefing brief` prints a default one.")
        return doc.text()
    rows = [[f"`{b.id}`", esc(b.title), esc(b.audience), "yes" if b.default else ""] for b in items]
    doc.table(["Brief", "Title", "Audience", "Default"], rows)
    return doc.text()
