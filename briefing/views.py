"""View models: what each view and the brief show, worked out once; renderers only format them.
Names, credits and what a judgment rests on are resolved against the view's one as-of fact base."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from briefing import phrases, query
from briefing.corroboration import Origins, corroboration_text, grade
from briefing.datetext import compact, days, wording
from briefing.model import (
    Actor,
    Brief,
    Citation,
    Event,
    FactBase,
    FuzzyDate,
    Judgment,
    LeftOut,
    Point,
    Position,
    Precision,
    Relation,
    Source,
    Topic,
    day_in_words,
)
from briefing.query import ActorRow, Hit, Matrix, PositionHistory, Profile, SourceUse

if TYPE_CHECKING:
    from briefing.brief import Briefing, Gap, More
    from briefing.diff import Changes, CollectionChanges
    from briefing.graph import Graph


class _ViewModel:
    """A view model: made once per run, read by one renderer, never changed, compared by
    identity. A plain class, not a frozen dataclass: making each of those costs about half
    a millisecond of every start-up (its methods are generated and compiled)."""

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")


def _init(model: _ViewModel, **fields: Any) -> None:
    for name, value in fields.items():
        object.__setattr__(model, name, value)


def shorten(text: str, width: int) -> str:
    """At most ``width`` characters on one line, cut at a word (unless that loses over half)."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


def left_out_label(entry: LeftOut) -> str:
    """A fact left out, as the brief's gaps name it: 'event e5, events.yaml:38 (has errors)'."""
    what = f"{entry.kind} {entry.id}, " if entry.id else f"a {entry.kind} at "
    why = f"depends on {entry.depends_on}" if entry.depends_on else "has errors"
    return f"{what}{entry.origin} ({why})"


def more_text(more: More) -> tuple[str, str]:
    """The last line of a list a brief bounds, as words and a command (each renderer sets
    the command as code): ('and 780 more earlier events: ', 'briefing timeline --until
    2022-09-29')."""
    what = more.what if more.count == 1 else more.what + "s"
    return f"and {more.count:,} more {what}: ", more.command


def changes_more(changes: Changes, listed: CollectionChanges, kind: str) -> tuple[str, str]:
    """The last line of a list of changes a brief bounds, as :func:`more_text` gives it
    ('and 40 more: ', 'briefing brief --since 2024-06-30 --level full'); ('', '') for a
    list given whole."""
    count = listed.more.get(kind, 0)
    return (f"and {count:,} more: ", changes.listing) if count else ("", "")


def gap_more(gap: Gap[Any]) -> str:
    """What a gap's examples leave unnamed: 'and 49 more', or ''."""
    return f"and {gap.unnamed:,} more" if gap.unnamed else ""


def basis_times(basis: Basis) -> tuple[tuple[str, str], ...]:
    """The two kinds of time a view was made at, as (words, ISO day) pairs, those given:
    (('as of ', '2022-10-01'), ('known by ', '2022-12-28'))."""
    pairs = (("as of ", basis.as_of), ("known by ", basis.known_by))
    return tuple((words, day.isoformat()) for words, day in pairs if day is not None)


def brief_times(briefing: Briefing) -> tuple[tuple[str, str], ...]:
    """A brief's two kinds of time in words, as (words, day) pairs: events up to its as-of
    day; sources published by its known-by day, else by the latest of its sources' dates."""
    pairs = [("Events up to ", day_in_words(briefing.as_of))]
    sources = briefing.known_by or briefing.sources_by
    if sources is not None:
        pairs.append(("Sources published by ", day_in_words(sources)))
    return tuple(pairs)


def date_text(when: FuzzyDate | None) -> str:
    """A date as every view shows it, in the compact style of :mod:`briefing.datetext`
    ('29 Nov 2022', 'c. late Oct 2022', 'Feb–Dec 2022', 'undated'); JSON keeps the curator's
    wording (``when.text``), which :func:`date_wording` gives where it says more."""
    return compact(when)


def days_text(start: date, end: date) -> str:
    """Days ``start`` to ``end`` in the same compact style: '30 Sep–28 Dec 2022'."""
    return days(start, end)


def date_wording(when: FuzzyDate | None) -> str:
    """The curator's wording of a date where it says more than :func:`date_text` ('a day
    later', 'early in the war'); '' where it does not ('January 2022' for Jan 2022)."""
    return wording(when)


def brief_date(briefing: Briefing) -> str:
    """The brief's own date in the compact style ('28 Dec 2022'), else its as-of day."""
    when = briefing.brief.date
    return date_text(when) if when else days_text(briefing.as_of, briefing.as_of)


def since_text(when: FuzzyDate | None) -> str:
    """The date of the stance an actor holds now: 'since Feb 2022' for a single date; the
    compact date alone for a range or an open period ('2019–'); 'undated' for none."""
    if when is None or when.precision >= Precision.RANGE or when.start is None:
        return date_text(when)
    return f"since {date_text(when)}"


class Step(_ViewModel):
    """One position in an actor's history on a topic, with its date in words: '2019' for an
    earlier one, 'since February 2022' for the current one."""

    __slots__ = ("position", "when")
    position: Position
    when: str

    def __init__(self, position: Position, when: str) -> None:
        _init(self, position=position, when=when)


def steps(history: PositionHistory) -> tuple[Step, ...]:
    """Each position of ``history``, earliest first, dated as 'supports (2019) → balances
    (since February 2022)' reads."""
    current = history.current
    return tuple(
        Step(p, since_text(p.date) if any(p is c for c in current) else date_text(p.date))
        for p in history.steps
    )


class Support(_ViewModel):
    """A fact a judgment or point rests on: its label, its date as views show it ('' if none)."""

    __slots__ = ("label", "sources", "when")
    label: str
    when: str
    sources: tuple[Citation, ...]

    def __init__(self, label: str, when: str, sources: tuple[Citation, ...]) -> None:
        _init(self, label=label, when=when, sources=sources)


class Basis(_ViewModel):
    """The fact base a view was built from, already as known by ``known_by`` and as of
    ``as_of``, and lookups into it."""

    facts: FactBase
    as_of: date | None
    known_by: date | None

    def __init__(
        self, facts: FactBase, as_of: date | None = None, known_by: date | None = None
    ) -> None:
        _init(self, facts=facts, as_of=as_of, known_by=known_by)

    @cached_property
    def _actors(self) -> dict[str, Actor]:
        return {a.id: a for a in self.facts.actors}

    @cached_property
    def _topics(self) -> dict[str, Topic]:
        return {t.id: t for t in self.facts.topics}

    @cached_property
    def _sources(self) -> dict[str, Source]:
        return {s.id: s for s in self.facts.sources}

    @cached_property
    def _citable(self) -> Mapping[str, Any]:
        return query.citable(self.facts)

    @cached_property
    def _origins(self) -> Origins:
        return Origins(self.facts.sources)

    def corroboration(self, fact: Any) -> int:
        """How many independent origins back ``fact``'s citations (see
        :mod:`briefing.corroboration`)."""
        return self._origins.of_fact(fact.sources)

    def corroborated(self, fact: Any) -> str:
        """'corroborated by 2 independent sources' for a fact more than one origin backs."""
        return corroboration_text(self.corroboration(fact))

    def evidence(self, fact: Any) -> Evidence | None:
        """What a fact's entry says of its sourcing beyond its own notes: how many
        independent sources back it, and where sources disagree; None for nothing to say
        (one source and no disagreement: most facts, told apart cheaply)."""
        if len(fact.sources) <= 1 and not fact.contested:
            return None
        said = self.corroborated(fact)
        found = disagreements(self, fact) if fact.contested else ()
        return Evidence(said, found) if said or found else None

    def actor_name(self, actor_id: str) -> str:
        actor = self._actors.get(actor_id)
        return actor.name if actor else actor_id

    def stance_phrase(self, position: Position) -> str:
        """The position's stance as its actor's verb: 'complies with', 'comply with'."""
        plural = phrases.is_plural(self._actors.get(position.actor))
        return phrases.stance_phrase(position.stance, plural)

    def topic_phrase(self, position: Position) -> str:
        """The position's topic as the object of its sentence: 'the gas union'."""
        topic = self._topics.get(position.topic)
        return phrases.topic_phrase(topic, position.topic, self._actors.get(position.actor))

    def relation_phrase(self, relation: Relation) -> str:
        """The relation's type as its subject's verb: 'depends on', 'depend on'."""
        plural = phrases.is_plural(self._actors.get(relation.subject))
        return phrases.relation_phrase(relation.type, plural)

    def topic_name(self, topic_id: str) -> str:
        topic = self._topics.get(topic_id)
        return topic.name if topic else topic_id

    def source(self, source_id: str) -> Source | None:
        return self._sources.get(source_id)

    def label(self, fact: Any, numbers: Mapping[str, int] | None = None) -> str:
        """A short human name for any fact, never a cut sentence: its title or name; a
        position or relation as a sentence ('Kazakhstan complies with the sanctions on
        Russia'); a judgment by its label (``numbers``: a brief's key judgments' numbers, for
        one without)."""
        for attr in ("title", "name"):
            value = getattr(fact, attr, "")
            if value:
                return str(value)
        if isinstance(fact, Position):
            name, stance = self.actor_name(fact.actor), self.stance_phrase(fact)
            return f"{name} {stance} {self.topic_phrase(fact)}"
        if isinstance(fact, Relation):
            kind = self.relation_phrase(fact)
            return f"{self.actor_name(fact.subject)} {kind} {self.actor_name(fact.object)}"
        if isinstance(fact, Judgment):
            return phrases.judgment_label(fact, (numbers or {}).get(fact.id))
        return str(getattr(fact, "id", fact))

    def attribution(self, by: str, citations: Sequence[Citation]) -> str:
        """Whose judgment or point it is: 'A. Writer, the source's author', 'the curator' or
        an actor's name."""
        if by == "curator":
            return "the curator"
        if by == "author":
            names = [a for c in citations if (s := self.source(c.source)) for a in s.authors]
            unique = ", ".join(dict.fromkeys(names))
            return f"{unique}, the source's author" if unique else "the source's author"
        return self.actor_name(by)

    def rests_on(
        self, ids: Sequence[str], numbers: Mapping[str, int] | None = None
    ) -> tuple[Support, ...]:
        """The facts named in ``ids`` that this fact base holds, in that order, each by its
        label (``numbers``: a brief's key judgments' numbers)."""
        found = [self._citable[i] for i in ids if i in self._citable]
        return tuple(
            Support(
                self.label(f, numbers).rstrip("."),
                date_text(w) if (w := getattr(f, "date", None)) else "",
                f.sources,
            )
            for f in found
        )

    def judgment(
        self, j: Judgment, with_support: bool = True, numbers: Mapping[str, int] | None = None
    ) -> JudgmentView:
        credit = f"{j.kind.capitalize()} by {self.attribution(j.by, j.sources)}"
        support = self.rests_on(j.rests_on, numbers) if with_support else ()
        return JudgmentView(j, credit, support)

    def point(
        self, p: Point, with_support: bool = True, numbers: Mapping[str, int] | None = None
    ) -> PointView:
        support = self.rests_on(p.rests_on, numbers) if with_support else ()
        return PointView(p, self.attribution(p.by, p.sources), support)


class JudgmentView(_ViewModel):
    """A judgment with its credit ('Assessment by the curator') and what it rests on."""

    __slots__ = ("credit", "judgment", "rests_on")
    judgment: Judgment
    credit: str
    rests_on: tuple[Support, ...]

    def __init__(self, judgment: Judgment, credit: str, rests_on: tuple[Support, ...]) -> None:
        _init(self, judgment=judgment, credit=credit, rests_on=rests_on)


class PointView(_ViewModel):
    """A bottom-line point or indicator, whose it is, and what it rests on."""

    __slots__ = ("by", "point", "rests_on")
    point: Point
    by: str
    rests_on: tuple[Support, ...]

    def __init__(self, point: Point, by: str, rests_on: tuple[Support, ...]) -> None:
        _init(self, point=point, by=by, rests_on=rests_on)


# -- notes: one per source and quote, numbered in order of first citation ------------------

# How many words of a source's title its later notes keep (a short title, as style guides
# such as Chicago's give one), without a small word left dangling at the end.
SHORT_TITLE_WORDS = 4
# fmt: off
_SMALL_WORDS = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "the", "to", "with",
})
# fmt: on


class Mark(NamedTuple):
    """Where a fact is cited: the note's number, and whether this is its first citation
    (the one a Markdown footnote reference stands at; later ones only repeat the number).
    (A record, not a view model: a long timeline makes one per citation.)"""

    number: int
    first: bool


class Reference(_ViewModel):
    """A source as a note names it: whole in its first note ('Kamran Bokhari', title,
    outlet, date, URL), short in later ones ('Bokhari', a short title, nothing else).
    ``made``: the title was made from the other fields and is shown without quotes."""

    __slots__ = ("by", "date", "made", "outlet", "title", "url")
    by: str
    title: str
    made: bool
    outlet: str
    date: str
    url: str

    def __init__(
        self,
        by: str,
        title: str,
        made: bool = False,
        outlet: str = "",
        date: str = "",
        url: str = "",
    ) -> None:
        _init(self, by=by, title=title, made=made, outlet=outlet, date=date, url=url)


def reference(source: Source | None, source_id: str, full: bool) -> Reference:
    """How a note names ``source`` (its id when the fact base lacks it), whole or short."""
    if source is None:
        return Reference("", source_id, made=True)
    if not source.titled:  # a made title holds the authors, publisher and date already
        if full:
            return Reference("", source.title[1:-1], made=True, url=source.url)
        short = [_surnames(source.authors) or source.publisher]
        short += [source.published.text] if source.published else []  # as in its made title
        return Reference("", ", ".join(p for p in short if p) or source_id, made=True)
    if not full:
        by = _surnames(source.authors) or source.publisher
        return Reference(by, short_title(source.title))
    when = date_text(source.published) if source.published else ""
    authors = ", ".join(source.authors)
    return Reference(authors, source.title, False, source.publisher, when, source.url)


def short_title(title: str) -> str:
    """A title's first few words: 'Kazakhstan faces challenging times…'; a short one whole."""
    words = title.split()
    if len(words) <= SHORT_TITLE_WORDS:
        return " ".join(words)
    kept = words[:SHORT_TITLE_WORDS]
    while len(kept) > 1 and kept[-1].lower() in _SMALL_WORDS:
        kept.pop()
    return " ".join(kept).rstrip(",;:.–—-") + "…"


def _surnames(authors: Sequence[str]) -> str:
    """Authors as a short note names them: 'Bokhari', 'Bokhari and Ng', 'Bokhari et al.'."""
    last = [a.split()[-1] for a in authors if a.split()]
    if len(last) > 2:
        return f"{last[0]} et al."
    return " and ".join(last)


class Note(NamedTuple):
    """A numbered note: a quote and how its source is named (whole in the source's first
    note, short in later ones), with the citation's combined Admiralty grade ('B2', or '').
    (A record, as :class:`Mark`: one per note.)"""

    number: int
    source: str
    quote: str
    reference: Reference
    grade: str = ""


_W = TypeVar("_W")

# A record made from all its fields at once, without the Python-level ``__new__`` a named
# tuple's class is given (a long timeline makes one per citation and per note).
_record = tuple.__new__


class Names(Generic[_W]):
    """Actors' names in one document as its renderer writes them, each written once (a
    timeline names thousands of actors on 100,000 rows)."""

    def __init__(self, basis: Basis, write: Callable[[str], _W]) -> None:
        self.basis = basis
        self.write = write
        self._written: dict[str, _W] = {}

    def __call__(self, actor_ids: Sequence[str]) -> list[_W]:
        written = self._written
        try:
            return [written[i] for i in actor_ids]
        except KeyError:  # a name not met before: once per actor
            for i in actor_ids:
                if i not in written:
                    written[i] = self.write(self.basis.actor_name(i))
            return [written[i] for i in actor_ids]


class NoteBook:
    """The notes of one document, numbered in order of first citation: the same source and
    quote are one note however often they are cited. Renderers cite in reading order."""

    def __init__(self, basis: Basis) -> None:
        self.basis = basis
        # By source, quote and credibility: the same passage graded otherwise is another note.
        self._numbers: dict[tuple[str, str, str], int] = {}

    def __len__(self) -> int:
        return len(self._numbers)

    def copy(self) -> NoteBook:
        """A book with the notes numbered so far, numbering on apart from this one."""
        book = NoteBook(self.basis)
        book._numbers = dict(self._numbers)
        return book

    def cite(self, citations: Sequence[Citation]) -> list[Mark]:
        """The marks for one place citing ``citations``, each note once."""
        numbers = self._numbers
        marks: list[Mark] = []
        for c in citations:
            key = (c.source, c.quote, c.credibility)
            number = numbers.get(key)
            if number is None:
                number = numbers[key] = len(numbers) + 1
                marks.append(_record(Mark, (number, True)))
            elif all(m.number != number for m in marks):
                marks.append(_record(Mark, (number, False)))
        return marks

    def notes(self) -> list[Note]:
        """Every note cited so far, by number; a source's first gives the whole reference."""
        short: dict[str, Reference] = {}  # each source's short form, made once
        notes = []
        for (source_id, said, credibility), number in self._numbers.items():
            source = self.basis.source(source_id)
            ref = short.get(source_id)
            if ref is None:
                short[source_id] = reference(source, source_id, full=False)
                ref = reference(source, source_id, full=True)
            graded = grade(source.reliability if source else "", credibility)
            notes.append(_record(Note, (number, source_id, said, ref, graded)))
        return notes

    def written(
        self, write: Callable[[Reference], _W], after: int = 0, until: int | None = None
    ) -> Iterator[tuple[Note, _W]]:
        """Every note (:meth:`notes`) numbered after ``after`` (and up to ``until``), with its
        reference as ``write`` writes it: a source's short reference is one object, written
        once."""
        done: dict[int, _W] = {}
        for n in self.notes()[after:until]:
            ref = done.get(id(n.reference))
            if ref is None:
                ref = done[id(n.reference)] = write(n.reference)
            yield n, ref


# -- disagreements: where sources give another value for a fact's field -----------------------


class Evidence(NamedTuple):
    """What a fact's entry says of its sourcing (:meth:`Basis.evidence`): 'corroborated by
    2 independent sources' (or ''), and each field sources disagree on."""

    corroborated: str
    disagreements: tuple[Disagreement, ...]


class Side(NamedTuple):
    """One side of a disagreement: the value in words ('29 Nov 2022', 'Russia'; for a
    dispute of the whole fact 'as recorded' or 'disputed'), the citations that give it, and
    the value as a fact file writes it ('2022-11-29', 'russia'; '' for the whole fact)."""

    value: str
    sources: tuple[Citation, ...]
    written: str = ""


class Disagreement(_ViewModel):
    """Where sources disagree on one fact: on its ``field`` ('' for the whole fact), the
    fact's own value first (with its own citations), then each other value given."""

    __slots__ = ("fact", "field", "kind", "label", "sides", "when")
    fact: Any
    kind: str  # event, position, relation
    label: str
    when: str  # the fact's date as views show it, '' if none
    field: str
    sides: tuple[Side, ...]

    def __init__(
        self, fact: Any, kind: str, label: str, when: str, field: str, sides: tuple[Side, ...]
    ) -> None:
        _init(self, fact=fact, kind=kind, label=label, when=when, field=field, sides=sides)

    @property
    def others(self) -> tuple[Side, ...]:
        """The values the fact's sources do not give: what a timeline row marks."""
        return self.sides[1:]


DISPUTED = "disputed"
AS_RECORDED = "as recorded"


def disagreements(basis: Basis, fact: Any) -> tuple[Disagreement, ...]:
    """Each field of ``fact`` that a source disagrees on, in the order first disputed (a
    dispute of the whole fact as the field ''), each value with its citations."""
    by_field: dict[str, dict[tuple[str, str], list[Citation]]] = {}
    for contest in fact.contested:
        words = _contest_value(basis, contest) if contest.field else DISPUTED
        values = by_field.setdefault(contest.field, {})
        values.setdefault((words, contest.value), []).extend(contest.sources)
    kind = type(fact).__name__.lower()
    label, when = basis.label(fact).rstrip("."), fact_date(fact)
    out = []
    for name, values in by_field.items():
        own = _own_side(basis, fact, name) if name else Side(AS_RECORDED, fact.sources)
        others = tuple(Side(words, tuple(c), written) for (words, written), c in values.items())
        out.append(Disagreement(fact, kind, label, when, name, (own, *others)))
    return tuple(out)


def said_by(basis: Basis, citations: Sequence[Citation]) -> str:
    """Who gives a side of a disagreement: each cited source by its publisher, else its
    authors' surnames, else its title ('Example Wire, Example Daily and A. Writer'); 'no
    cited source' for a fact that cites none (which `check` warns of)."""
    names = []
    for source_id in dict.fromkeys(c.source for c in citations):
        source = basis.source(source_id)
        if source is None:
            names.append(source_id)
        else:
            names.append(source.publisher or _surnames(source.authors) or source.title)
    names = list(dict.fromkeys(names))
    if len(names) <= 1:
        return names[0] if names else "no cited source"
    return ", ".join(names[:-1]) + " and " + names[-1]


def contest_heading(d: Disagreement) -> str:
    """What a mark on a disputed fact starts with: 'Contested date', 'Disputed'."""
    return f"Contested {d.field}" if d.field else "Disputed"


def _own_side(basis: Basis, fact: Any, name: str) -> Side:
    """The fact's own value of field ``name``, with its citations."""
    value = fact.period if name in ("from", "until") else getattr(fact, name, None)
    written = value.text if isinstance(value, FuzzyDate) else "" if value is None else str(value)
    return Side(_in_words(basis, name, value), fact.sources, written)


def _contest_value(basis: Basis, contest: Any) -> str:
    if contest.when is not None:
        return date_text(contest.when)
    return _in_words(basis, contest.field, contest.value)


def _in_words(basis: Basis, name: str, value: Any) -> str:
    if value is None or value == "":
        return "not given"
    if isinstance(value, FuzzyDate):
        return date_text(value)
    if name in ("actor", "subject", "object"):
        return basis.actor_name(value)
    if name == "topic":
        return basis.topic_name(value)
    return str(value)


# -- one model per view ----------------------------------------------------------------------


class TimelineView(_ViewModel):
    __slots__ = ("basis", "events")
    basis: Basis
    events: Sequence[Event]  # decoded as it is read, once

    def __init__(self, basis: Basis, events: Sequence[Event]) -> None:
        _init(self, basis=basis, events=events)


class ProfileView(_ViewModel):
    __slots__ = ("basis", "histories", "judgments", "profile")
    basis: Basis
    profile: Profile
    judgments: tuple[JudgmentView, ...]
    # The topics on which the actor has held more than one position, each in date order.
    histories: tuple[PositionHistory, ...]

    def __init__(
        self,
        basis: Basis,
        profile: Profile,
        judgments: tuple[JudgmentView, ...],
        histories: tuple[PositionHistory, ...] = (),
    ) -> None:
        _init(self, basis=basis, profile=profile, judgments=judgments, histories=histories)


class ActorsView(_ViewModel):
    __slots__ = ("basis", "rows")
    basis: Basis
    rows: tuple[ActorRow, ...]

    def __init__(self, basis: Basis, rows: tuple[ActorRow, ...]) -> None:
        _init(self, basis=basis, rows=rows)


class PositionsView(_ViewModel):
    __slots__ = ("basis", "positions")
    basis: Basis
    positions: tuple[Position, ...]

    def __init__(self, basis: Basis, positions: tuple[Position, ...]) -> None:
        _init(self, basis=basis, positions=positions)


class HistoryView(_ViewModel):
    """Each actor's positions on each topic as a sequence (`positions --history`)."""

    __slots__ = ("basis", "histories")
    basis: Basis
    histories: tuple[PositionHistory, ...]

    def __init__(self, basis: Basis, histories: tuple[PositionHistory, ...]) -> None:
        _init(self, basis=basis, histories=histories)


class MatrixView(_ViewModel):
    __slots__ = ("basis", "matrix")
    basis: Basis
    matrix: Matrix

    def __init__(self, basis: Basis, matrix: Matrix) -> None:
        _init(self, basis=basis, matrix=matrix)


class SourcesView(_ViewModel):
    __slots__ = ("basis", "uses")
    basis: Basis
    uses: tuple[SourceUse, ...]

    def __init__(self, basis: Basis, uses: tuple[SourceUse, ...]) -> None:
        _init(self, basis=basis, uses=uses)


class SearchView(_ViewModel):
    __slots__ = ("basis", "hits", "query", "suggestion")
    basis: Basis
    query: str
    hits: tuple[Hit, ...]
    suggestion: str | None  # with no hits, a near spelling that has some

    def __init__(
        self, basis: Basis, query: str, hits: tuple[Hit, ...], suggestion: str | None = None
    ) -> None:
        _init(self, basis=basis, query=query, hits=hits, suggestion=suggestion)


class BriefView(_ViewModel):
    """A briefing with its judgments and points credited and resolved."""

    __slots__ = ("basis", "bottom_line", "briefing", "graph", "indicators", "judgments")
    basis: Basis
    briefing: Briefing
    judgments: tuple[JudgmentView, ...]
    bottom_line: tuple[PointView, ...]
    indicators: tuple[PointView, ...]
    graph: GraphView | None  # the key actors and the relations the brief lists, to draw

    def __init__(
        self,
        basis: Basis,
        briefing: Briefing,
        judgments: tuple[JudgmentView, ...],
        bottom_line: tuple[PointView, ...],
        indicators: tuple[PointView, ...],
        graph: GraphView | None = None,
    ) -> None:
        _init(
            self,
            basis=basis,
            briefing=briefing,
            judgments=judgments,
            bottom_line=bottom_line,
            indicators=indicators,
            graph=graph,
        )


class BriefsView(_ViewModel):
    __slots__ = ("basis", "briefs")
    basis: Basis
    briefs: tuple[Brief, ...]

    def __init__(self, basis: Basis, briefs: tuple[Brief, ...]) -> None:
        _init(self, basis=basis, briefs=briefs)


class State(_ViewModel):
    """One side of a diff: what it is called (a folder, or a revision as the user wrote it),
    the commit a revision was read from, and its facts (``facts.left_out``: left out)."""

    __slots__ = ("commit", "facts", "label")
    label: str
    facts: FactBase
    commit: str | None

    def __init__(self, label: str, facts: FactBase, commit: str | None = None) -> None:
        _init(self, label=label, facts=facts, commit=commit)


class DiffView(_ViewModel):
    """What changed from ``old`` to ``new``; ``basis`` finds names and sources in the new
    state first, then in the old (a removed fact's actor may be gone)."""

    __slots__ = ("basis", "changes", "new", "old")
    basis: Basis
    old: State
    new: State
    changes: Changes

    def __init__(self, basis: Basis, old: State, new: State, changes: Changes) -> None:
        _init(self, basis=basis, old=old, new=new, changes=changes)


class GraphNode(_ViewModel):
    """An actor (``kind`` its kind) or a topic (``kind`` "topic") drawn in a graph."""

    __slots__ = ("fact", "kind", "name")
    fact: Actor | Topic
    name: str
    kind: str

    def __init__(self, fact: Actor | Topic, name: str, kind: str) -> None:
        _init(self, fact=fact, name=name, kind=kind)


class GraphEdge(_ViewModel):
    """A relation (or, to a topic, a position) from node ``source`` to node ``target`` (their
    places in :attr:`GraphView.nodes`): its verb, its period if bounded, and whether it had
    ended by the view's day."""

    __slots__ = ("fact", "former", "label", "source", "target", "when")
    fact: Relation | Position
    source: int
    target: int
    label: str
    when: str
    former: bool

    def __init__(
        self, fact: Relation | Position, source: int, target: int, label: str, when: str,
        former: bool,
    ) -> None:  # fmt: skip
        _init(self, fact=fact, source=source, target=target, label=label, when=when, former=former)


class GraphView(_ViewModel):
    """Who is tied to whom (see :func:`briefing.graph.graph`); ``center``: the actor whose
    neighbourhood it is, if any."""

    __slots__ = ("basis", "center", "edges", "nodes")
    basis: Basis
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    center: Actor | None

    def __init__(
        self,
        basis: Basis,
        nodes: tuple[GraphNode, ...],
        edges: tuple[GraphEdge, ...],
        center: Actor | None = None,
    ) -> None:
        _init(self, basis=basis, nodes=nodes, edges=edges, center=center)


def graph(basis: Basis, found: Graph, center: Actor | None = None) -> GraphView:
    """The view of a graph of ``basis.facts``: its nodes named, its edges as verbs."""
    nodes = [GraphNode(a, " ".join(a.name.split()), a.kind) for a in found.actors]
    nodes += [GraphNode(t, " ".join(t.name.split()), "topic") for t in found.topics]
    at = {("topic" if n.kind == "topic" else "actor", n.fact.id): i for i, n in enumerate(nodes)}
    edges = [
        GraphEdge(
            r,
            at["actor", r.subject],
            at["actor", r.object],
            basis.relation_phrase(r),
            date_text(r.period) if r.period else "",
            not query.is_current(r.period, basis.as_of),
        )
        for r in found.relations
        if ("actor", r.subject) in at and ("actor", r.object) in at
    ]
    edges += [
        GraphEdge(p, at["actor", p.actor], at["topic", p.topic], basis.stance_phrase(p), "", False)
        for p in found.positions
        if ("actor", p.actor) in at and ("topic", p.topic) in at
    ]
    return GraphView(basis, tuple(nodes), tuple(edges), center)


View = (
    GraphView
    | TimelineView
    | ProfileView
    | ActorsView
    | PositionsView
    | HistoryView
    | MatrixView
    | SourcesView
    | SearchView
    | BriefView
    | BriefsView
    | DiffView
)


def profile(basis: Basis, actor: Actor) -> ProfileView:
    """The profile of ``actor`` (found in ``basis.facts``), its judgments credited; what they
    rest on is left to the brief, which weighs evidence."""
    found = query.profile(basis.facts, actor, basis.as_of)
    judgments = tuple(basis.judgment(j, with_support=False) for j in found.judgments)
    changed = tuple(h for h in query.position_history(found.positions) if len(h.steps) > 1)
    return ProfileView(basis, found, judgments, changed)


def brief(briefing: Briefing, drawn: bool = False) -> BriefView:
    """The view of an assembled briefing, resolved against the facts as of its date; a
    summary gives its points without what they rest on (the standard brief does). When
    ``drawn``, with the graph of its key actors and the relations it lists among them."""
    basis = Basis(briefing.facts, briefing.as_of, briefing.known_by)
    # A key judgment without a label is named by its number where the brief rests on it.
    numbers = {j.id: n for n, j in enumerate(briefing.judgments, 1)}
    support = briefing.level != "summary"
    return BriefView(
        basis,
        briefing,
        judgments=tuple(basis.judgment(j, support, numbers) for j in briefing.judgments),
        bottom_line=tuple(basis.point(p, support, numbers) for p in briefing.bottom_line),
        indicators=tuple(basis.point(p, support, numbers) for p in briefing.indicators),
        graph=_key_actor_graph(basis, briefing) if drawn else None,
    )


def _key_actor_graph(basis: Basis, briefing: Briefing) -> GraphView:
    from briefing.graph import Graph

    actors = tuple(k.actor for k in briefing.key_actors)
    return graph(basis, Graph(actors, (), briefing.standing_relations, ()))


def diff(old: State, new: State) -> DiffView:
    """The changes from ``old`` to ``new``, with lookups into both states."""
    from briefing.diff import compare

    before, after = old.facts, new.facts
    both = dataclasses.replace(
        after,
        sources=_union(after.sources, before.sources),
        topics=_union(after.topics, before.topics),
        actors=_union(after.actors, before.actors),
    )
    return DiffView(Basis(both), old, new, compare(before, after))


def _union(first: Sequence[Any], second: Sequence[Any]) -> tuple[Any, ...]:
    ids = {f.id for f in first}
    return (*first, *(f for f in second if f.id not in ids))


def fact_date(fact: Any) -> str:
    """A fact's date as views show it ('' if it has none): an event's or position's date, a
    relation's period, a source's publication."""
    for attr in ("date", "period", "published"):
        when = getattr(fact, attr, None)
        if isinstance(when, FuzzyDate):
            return date_text(when)
    return ""


def value_text(value: Any) -> str:
    """An exported field's value in words on one line: lists joined by commas (mappings by
    semicolons), a mapping as `key: value` pairs without its empty values, '—' for nothing."""
    from briefing.diff import WORKED_OUT, WRITTEN_DATES

    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        joiner = "; " if any(isinstance(v, dict) for v in value) else ", "
        return joiner.join(value_text(v) for v in value)
    if isinstance(value, dict):
        dated = any(value.get(key) is not None for key in WRITTEN_DATES)
        return ", ".join(
            f"{key}: {value_text(v)}"
            for key, v in value.items()
            if v not in (None, [], {}) and not (dated and key in WORKED_OUT)
        )
    return str(value)
