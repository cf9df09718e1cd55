"""Views of a fact base: timelines, actor profiles, positions, sources, search, "as of"; pure."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from briefing.errors import BriefingError
from briefing.index import (
    Among,
    disputing,
    disputing_of,
    fold,
    index,
    pick,
    quoted,
    searchable,
    sources_of,
    subset,
    words_of,
)
from briefing.index import vocabulary as events_vocabulary
from briefing.model import (
    UNDATED_SORT_KEY,
    Actor,
    Attribute,
    Event,
    FactBase,
    FuzzyDate,
    Judgment,
    Position,
    Relation,
    Role,
    Source,
    Topic,
)
from briefing.suggest import close_matches


class NotFound(BriefingError):
    """A name on the command line matches nothing in the fact base."""


class Ambiguous(BriefingError):
    """A name on the command line matches more than one thing."""


# -- finding things by name ------------------------------------------------------------------


def _names(item: Actor | Topic) -> tuple[str, ...]:
    return (item.name, *item.aliases)


def _bare(folded: str) -> str:
    """Without a leading article, so "kremlin" finds "the Kremlin"."""
    return folded[4:] if folded.startswith("the ") else folded


def _has_words(name: str, words: str) -> bool:
    return f" {words} " in f" {name} "


def _resolve(items: Sequence[Actor] | Sequence[Topic], name: str, what: str) -> Any:
    wanted = fold(name)
    by_id = [item for item in items if fold(item.id) == wanted]
    if by_id:
        return by_id[0]
    wanted = _bare(wanted)
    hits = [item for item in items if wanted in {_bare(fold(n)) for n in _names(item)}]
    if not hits:
        # A surname alone ("putin") or any whole words of a name.
        hits = [item for item in items if any(_has_words(fold(n), wanted) for n in _names(item))]
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        listed = ", ".join(f"{h.name} (`{h.id}`)" for h in hits)
        raise Ambiguous(f"{what} `{name}` is ambiguous: it could be {listed}; give the id")
    known = {_bare(fold(n)): item for item in items for n in (item.id, *_names(item))}
    suggestions: list[str] = []
    for hit in close_matches(wanted, known):
        label = known[hit].name
        if label not in suggestions:
            suggestions.append(label)
    hint = "; did you mean " + " or ".join(suggestions) + "?" if suggestions else ""
    raise NotFound(f"no {what} `{name}` in the fact base{hint}")


def find_actor(facts: FactBase, name: str) -> Actor:
    """An actor by id, name or alias, ignoring case and accents."""
    actor: Actor = _resolve(facts.actors, name, "actor")
    return actor


def find_topic(facts: FactBase, name: str) -> Topic:
    """A topic by id, name or alias, ignoring case and accents."""
    topic: Topic = _resolve(facts.topics, name, "topic")
    return topic


def find_source(facts: FactBase, name: str) -> Source:
    for source in facts.sources:
        if fold(source.id) == fold(name):
            return source
    hint = close_matches(name, [s.id for s in facts.sources])
    more = "; did you mean " + " or ".join(hint) + "?" if hint else ""
    raise NotFound(f"no source `{name}` in the fact base{more}")


# -- "as of" ---------------------------------------------------------------------------------


def _begun(when: FuzzyDate | None, day: date) -> bool:
    """False only when ``when`` certainly starts after ``day``."""
    return when is None or when.start is None or when.start <= day


def _happened_by(when: FuzzyDate | None, day: date) -> bool:
    """For events and statements: an open start counts at its end, as in sorting, so
    "until 29 November" is not yet known on 1 October."""
    if when is None:
        return True
    return _started_by(
        None if when.start is None else when.start.toordinal(),
        None if when.end is None else when.end.toordinal(),
        day.toordinal(),
    )


def _started_by(start: int | None, end: int | None, day: int) -> bool:
    """:func:`_happened_by` on ordinals, as an event index holds them."""
    anchor = start if start is not None else end
    return anchor is None or anchor <= day


def as_of(facts: FactBase, day: date) -> FactBase:
    """The world as it stood on ``day`` (valid time), by all the fact base knows: nothing
    that began later, roles and attributes as then, judgments only on what had happened.
    What was known then is another question: see :func:`briefing.knowledge.known_by`."""
    from briefing.knowledge import ids_of, standing

    actors = tuple(_actor_as_of(a, day) for a in facts.actors)
    events = _events_by(facts.events, day)
    positions = tuple(p for p in facts.positions if _happened_by(p.date, day))
    relations = tuple(r for r in facts.relations if _begun(r.period, day))
    # A judgment resting on what had not yet happened does not describe the world then.
    there = set(index(events).ids) | {a.id for a in actors}
    there |= {p.id for p in positions} | {r.id for r in relations}
    return dataclasses.replace(
        facts,
        actors=actors,
        events=events,
        positions=positions,
        relations=relations,
        judgments=standing(facts.judgments, there, ids_of(facts)),
    )


def _actor_as_of(actor: Actor, day: date) -> Actor:
    """The actor with only the roles and attributes begun by ``day`` (itself if all were)."""
    roles = tuple(r for r in actor.roles if _begun(r.period, day))
    attributes = tuple(at for at in actor.attributes if _begun(at.period, day))
    if len(roles) == len(actor.roles) and len(attributes) == len(actor.attributes):
        return actor
    return dataclasses.replace(actor, roles=roles, attributes=attributes)


def _events_by(events: Sequence[Event], day: date) -> Sequence[Event]:
    """The events that had happened by ``day``, answered from their index."""
    idx, ordinal = index(events), day.toordinal()
    spans = zip(idx.starts, idx.ends, strict=True)
    kept = [i for i, (first, last) in enumerate(spans) if _started_by(first, last, ordinal)]
    return events if len(kept) == len(idx) else subset(events, kept)


class _Citable(Mapping[str, Any]):
    """Facts by id, in the order of :func:`citable`; an event is decoded when it is asked
    for (a judgment rests on a handful of 100,000)."""

    def __init__(self, facts: FactBase) -> None:
        self.events = facts.events
        # Where an id repeats (only in a fact base with errors), the later fact, as in a dict.
        self.others: dict[str, Any] = {a.id: a for a in facts.actors}
        self.positions = {ident: n for n, ident in enumerate(index(facts.events).ids)}
        for ident in self.positions:
            self.others.pop(ident, None)
        later: tuple[Position | Relation | Judgment, ...] = (
            *facts.positions,
            *facts.relations,
            *facts.judgments,
        )
        for fact in later:
            self.others[fact.id] = fact
            self.positions.pop(fact.id, None)

    def __getitem__(self, ident: str) -> Any:
        position = self.positions.get(ident)
        if position is None:
            return self.others[ident]
        return pick(self.events, [position])[0]

    def __iter__(self) -> Iterator[str]:
        return itertools.chain(self.others, self.positions)

    def __len__(self) -> int:
        return len(self.others) + len(self.positions)

    def __contains__(self, ident: object) -> bool:
        return ident in self.positions or ident in self.others


def citable(facts: FactBase) -> Mapping[str, Any]:
    """The facts a judgment or point may rest on, by id: actors, events, positions, relations
    and judgments."""
    return _Citable(facts)


def is_current(period: FuzzyDate | None, day: date | None) -> bool:
    """Whether something held over ``period`` still holds on ``day`` (None: open-ended now)."""
    if period is None:
        return True
    if day is None:
        return period.end is None
    return period.may_include(day)


def _holds(role: Role, day: date | None) -> bool:
    return not role.former and is_current(role.period, day)


# -- timeline --------------------------------------------------------------------------------


def among(actor_ids: set[str], topic_ids: set[str]) -> Among | None:
    """Whether an event with these actors and topics is one :func:`timeline` can show for
    ``actor_ids`` and ``topic_ids`` (any of each, when given); None when all can be."""
    if not actor_ids and not topic_ids:
        return None

    def wanted(actors: Sequence[str], topics: Sequence[str]) -> bool:
        if actor_ids and actor_ids.isdisjoint(actors):
            return False
        return not (topic_ids and topic_ids.isdisjoint(topics))

    return wanted


def timeline(
    facts: FactBase,
    actors: Sequence[Actor] = (),
    topics: Sequence[Topic] = (),
    since: FuzzyDate | None = None,
    until: FuzzyDate | None = None,
    source: Source | None = None,
    reverse: bool = False,
    limit: int | None = None,
) -> Sequence[Event]:
    """Events in date order. --since keeps events that began on or after its start;
    --until keeps events that began by its end (an open start counts at its end)."""
    # Chosen and ordered on the events' index: only the events shown are decoded.
    idx = index(facts.events)
    actor_ids = {a.id for a in actors}
    topic_ids = {t.id for t in topics}
    first = since.start.toordinal() if since and since.start else None
    last = until.end.toordinal() if until and until.end else None
    chosen = []
    wanted = among(actor_ids, topic_ids)
    for i in range(len(idx)):
        if wanted is not None and not wanted(idx.actors[i], idx.topics[i]):
            continue
        if source and source.id not in idx.sources[i]:
            continue
        start = idx.starts[i]
        if first is not None and (start is None or start < first):
            continue
        anchor = start if start is not None else idx.ends[i]
        if last is not None and (anchor is None or anchor > last):
            continue
        chosen.append(i)
    everything = len(chosen) == len(idx)
    ordered = idx.by_date(None if everything else chosen)
    if reverse:
        ordered.reverse()
    return pick(facts.events, ordered[:limit] if limit is not None else ordered)


# -- actor profiles --------------------------------------------------------------------------

# A query's records are named tuples, read-only and compared by value, not frozen
# dataclasses: making a dataclass costs every start-up about 0.7 ms (its methods are
# generated and compiled one by one), a named tuple about 0.14 ms.


class RoleHeld(NamedTuple):
    """An office: who holds it, of what, and whether it is current at the view's date."""

    holder: Actor
    role: Role
    current: bool


class AttributeValue(NamedTuple):
    attribute: Attribute
    current: bool


class Link(NamedTuple):
    """A relation seen from one actor: ``outgoing`` when that actor is its subject."""

    relation: Relation
    other: Actor
    outgoing: bool


class SourceUse(NamedTuple):
    """A source and how many facts in the view cite it."""

    source: Source
    facts: int


class Profile(NamedTuple):
    actor: Actor
    roles: tuple[RoleHeld, ...]
    attributes: tuple[AttributeValue, ...]
    positions: tuple[Position, ...]
    links: tuple[Link, ...]
    events: tuple[Event, ...]
    judgments: tuple[Judgment, ...]
    sources: tuple[SourceUse, ...]
    as_of: date | None


def _period_key(period: FuzzyDate | None) -> tuple[int, int, int, int, int, int, str]:
    return period.sort_key() if period else UNDATED_SORT_KEY


def profile(facts: FactBase, actor: Actor, day: date | None = None) -> Profile:
    """Everything ``facts`` says about one actor; ``facts`` is already ``as_of(..., day)``,
    and ``day`` only decides which roles and attributes are current."""
    actors = {a.id: a for a in facts.actors}
    roles = roles_of(facts, actor, day)
    attributes = sorted(
        (AttributeValue(a, is_current(a.period, day)) for a in actor.attributes),
        key=lambda v: (not v.current, v.attribute.name, _period_key(v.attribute.period)),
    )
    positions = sorted(
        (p for p in facts.positions if p.actor == actor.id),
        key=lambda p: (p.topic, _period_key(p.date)),
    )
    links = [
        Link(r, actors[r.object if r.subject == actor.id else r.subject], r.subject == actor.id)
        for r in facts.relations
        if actor.id in (r.subject, r.object)
    ]
    idx = index(facts.events)
    events = pick(facts.events, idx.by_date(i for i, a in enumerate(idx.actors) if actor.id in a))
    judgments = [j for j in facts.judgments if actor.id in j.actors]
    cited: list[Any] = [actor, *(h.role for h in roles), *(v.attribute for v in attributes)]
    cited += [*positions, *(link.relation for link in links), *events, *judgments]
    return Profile(
        actor=actor,
        roles=tuple(roles),
        attributes=tuple(attributes),
        positions=tuple(positions),
        links=tuple(links),
        events=tuple(events),
        judgments=tuple(judgments),
        sources=tuple(source_uses(facts, cited)),
        as_of=day,
    )


def roles_of(facts: FactBase, actor: Actor, day: date | None = None) -> list[RoleHeld]:
    """The roles ``actor`` holds and those others hold in it (``r.of``), current ones first
    (on ``day``; None: now), each group in date order."""
    roles = [RoleHeld(actor, r, _holds(r, day)) for r in actor.roles]
    roles += [
        RoleHeld(holder, r, _holds(r, day))
        for holder in facts.actors
        if holder.id != actor.id
        for r in holder.roles
        if r.of == actor.id
    ]
    roles.sort(key=lambda h: (not h.current, _period_key(h.role.period)))
    return roles


def source_uses(facts: FactBase, cited: Iterable[Any]) -> list[SourceUse]:
    """The sources cited by ``cited`` facts, with how many of them cite each."""
    counts: dict[str, int] = {}
    for fact in cited:
        for source_id in dict.fromkeys([*sources_of(fact), *disputing(fact)]):
            counts[source_id] = counts.get(source_id, 0) + 1
    return [SourceUse(s, counts[s.id]) for s in facts.sources if s.id in counts]


def bibliography(facts: FactBase) -> list[SourceUse]:
    """Every source with how many facts cite it (uncited sources count 0); the events'
    sources come from their index."""
    others = dataclasses.replace(facts, events=())
    used = {u.source.id: u.facts for u in source_uses(others, others.cited())}
    idx = index(facts.events)
    for cited, entry in zip(idx.sources, idx.known, strict=True):
        for source_id in dict.fromkeys([*cited, *disputing_of(entry)]) if entry else cited:
            used[source_id] = used.get(source_id, 0) + 1
    return [SourceUse(s, used.get(s.id, 0)) for s in facts.sources]


# -- lists -----------------------------------------------------------------------------------


class ActorRow(NamedTuple):
    actor: Actor
    events: int
    positions: int


def actor_rows(facts: FactBase, kind: str | None = None) -> list[ActorRow]:
    """Every actor (of ``kind``), by name, with counts of events and positions."""
    events: dict[str, int] = {}
    for involved in index(facts.events).actors:
        for actor_id in dict.fromkeys(involved):
            events[actor_id] = events.get(actor_id, 0) + 1
    positions: dict[str, int] = {}
    for p in facts.positions:
        positions[p.actor] = positions.get(p.actor, 0) + 1
    rows = [
        ActorRow(a, events.get(a.id, 0), positions.get(a.id, 0))
        for a in facts.actors
        if kind is None or a.kind == kind
    ]
    return sorted(rows, key=lambda r: fold(r.actor.name))


def positions(
    facts: FactBase, actors: Sequence[Actor] = (), topics: Sequence[Topic] = ()
) -> list[Position]:
    """Positions, filtered by actor and topic, ordered by topic then actor then date."""
    names = {a.id: fold(a.name) for a in facts.actors}
    actor_ids, topic_ids = {a.id for a in actors}, {t.id for t in topics}
    chosen = [
        p
        for p in facts.positions
        if (not actor_ids or p.actor in actor_ids) and (not topic_ids or p.topic in topic_ids)
    ]
    return sorted(chosen, key=lambda p: (p.topic, names.get(p.actor, p.actor), _period_key(p.date)))


def _same_date(a: Position, b: Position) -> bool:
    """Whether two positions are dated alike (bounds and precision; the words may differ)."""
    return _period_key(a.date)[:6] == _period_key(b.date)[:6]


class PositionHistory(NamedTuple):
    """One actor's successive positions on one topic, earliest first; undated positions
    come first, as they sort everywhere else (nothing says they came later)."""

    actor: str
    topic: str
    steps: tuple[Position, ...]

    @property
    def current(self) -> tuple[Position, ...]:
        """The position held now: the latest, with any dated alike (which cannot be ordered)."""
        last = self.steps[-1]
        return tuple(p for p in self.steps if _same_date(p, last))

    @property
    def earlier(self) -> tuple[Position, ...]:
        return self.steps[: len(self.steps) - len(self.current)]

    @property
    def was(self) -> Position | None:
        """The latest earlier position whose stance differs from the current ones, if any."""
        now = {p.stance for p in self.current}
        return next((p for p in reversed(self.earlier) if p.stance not in now), None)


def position_history(chosen: Iterable[Position]) -> list[PositionHistory]:
    """``chosen`` grouped by actor and topic, in order of each pair's first position, each
    group in date order (undated first; positions dated alike keep their order)."""
    pairs: dict[tuple[str, str], list[Position]] = {}
    for p in chosen:
        pairs.setdefault((p.actor, p.topic), []).append(p)
    return [
        PositionHistory(actor, topic, tuple(sorted(steps, key=lambda p: _period_key(p.date))))
        for (actor, topic), steps in pairs.items()
    ]


class Matrix(NamedTuple):
    """Actors down, topics across; each cell holds the positions for that pair, in date order,
    and shows the current one (see :class:`PositionHistory`)."""

    actors: tuple[Actor, ...]
    topics: tuple[Topic, ...]
    cells: dict[tuple[str, str], tuple[Position, ...]]

    def history(self, actor: str, topic: str) -> PositionHistory | None:
        steps = self.cells.get((actor, topic))
        return PositionHistory(actor, topic, steps) if steps else None

    def stances(self, actor: str, topic: str) -> list[str]:
        """The stance the actor holds now on the topic (more than one only when its latest
        positions are dated alike)."""
        found = self.history(actor, topic)
        return list(dict.fromkeys(p.stance for p in found.current)) if found else []


def matrix(facts: FactBase, chosen: Sequence[Position]) -> Matrix:
    """The actor-by-topic table of ``chosen`` positions; ``chosen`` is already as of the
    view's date, so each cell's latest position is the one valid then."""
    actor_ids = {p.actor for p in chosen}
    topic_ids = {p.topic for p in chosen}
    return Matrix(
        actors=tuple(a for a in facts.actors if a.id in actor_ids),
        topics=tuple(t for t in facts.topics if t.id in topic_ids),
        cells={(h.actor, h.topic): h.steps for h in position_history(chosen)},
    )


# -- search ----------------------------------------------------------------------------------

_WEIGHTS = {
    "name": 3.0,
    "title": 3.0,
    "id": 2.5,
    "aliases": 2.5,
    "statement": 2.0,
    "summary": 2.0,
    "description": 2.0,
    "value": 2.0,
    "quote": 1.0,
}


class Hit(NamedTuple):
    """One fact matching a search: which field matched best, its text and the score, and the
    words found in that text (a name's other forms among them), for highlighting."""

    kind: str
    fact: Any
    field: str
    text: str
    score: float
    words: tuple[str, ...] = ()


def singular_root(word: str) -> str:
    """What a folded word's singular and plural forms share, so that each finds the other as
    a substring: "islands" -> "island", "countries" and "country" -> "countr"."""
    if len(word) < 4 or not word.isalpha():
        return word
    if word.endswith("ies"):
        return word[:-3] if len(word) > 5 else word
    if word.endswith(("ches", "shes", "xes", "zes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    if word.endswith("y") and word[-2] not in "aeiouy" and len(word) > 4:
        return word[:-1]
    return word


def _key(name: str) -> str:
    """A name as a search term: folded, without a leading "the", each word its root."""
    return " ".join(singular_root(w) for w in _bare(fold(name)).split())


@dataclass(frozen=True)
class _Term:
    """One thing searched for: what was typed (its words' roots, found anywhere), and when it
    names an actor or topic, that one's other names and aliases (found at a word's start)."""

    typed: str
    others: tuple[str, ...] = ()

    @functools.cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        if not self.others:
            return None
        # A short name ("eu", "u.s.") must also end a word, or it would be found inside others.
        forms = sorted(self.others, key=len, reverse=True)
        alternatives = "|".join(re.escape(f) + ("(?!\\w)" if len(f) < 4 else "") for f in forms)
        return re.compile(f"(?<!\\w)(?:{alternatives})")

    @functools.cached_property
    def _anywhere(self) -> Callable[[str], object]:
        """A quick test, true whenever :meth:`find` finds something."""
        return re.compile("|".join(map(re.escape, (self.typed, *self.others)))).search

    def keep(self, texts: Sequence[str], chosen: Iterable[int]) -> list[int]:
        """Those of the ``chosen`` texts (folded, by position) that could hold this term."""
        if not self.others:  # the common case, and the fastest test
            typed = self.typed
            return [i for i in chosen if typed in texts[i]]
        anywhere = self._anywhere
        return [i for i in chosen if anywhere(texts[i])]

    def find(self, folded: str) -> str | None:
        """The form of this term in ``folded`` text, or None."""
        if self.typed in folded:
            return self.typed
        found = self._pattern.search(folded) if self._pattern else None
        return found[0] if found else None


def _name_forms(facts: FactBase, words: Sequence[str]) -> dict[str, frozenset[str]]:
    """Each name and alias (as a :func:`_key`) of the actors and topics whose names hold one
    of ``words`` -> all of that one's names: only those can be named by a search for them."""
    forms: dict[str, frozenset[str]] = {}
    named: list[Actor | Topic] = [*facts.actors, *facts.topics]
    for item in named:
        names = "\n".join(_names(item))
        names = names.lower() if names.isascii() else fold(names)
        if not any(w in names for w in words):
            continue
        keys = frozenset(k for k in map(_key, _names(item)) if k)
        for k in keys:
            forms[k] = forms.get(k, frozenset()) | keys
    return forms


def _terms(facts: FactBase, text: str) -> list[_Term]:
    """The terms of a search, each once: the longest run of words (up to four) naming an
    actor or topic is one term, with that one's other names; any other word is a term."""
    words = [singular_root(w) for w in fold(text).split()]
    forms = _name_forms(facts, words) if words else {}
    terms: dict[str, _Term] = {}
    at = 0
    while at < len(words):
        for size in range(min(4, len(words) - at), 0, -1):
            phrase = " ".join(words[at : at + size])
            if phrase in forms:
                others = tuple(sorted(forms[phrase] - {phrase}))
                break
        else:
            size, phrase, others = 1, words[at], ()
        terms.setdefault(phrase, _Term(phrase, others))
        at += size
    return list(terms.values())


def _searchable(
    facts: FactBase, terms: Sequence[_Term] = ()
) -> Iterable[tuple[str, Any, list[tuple[str, str]]]]:
    """Each fact with its fields that search reads; of the events, only those whose
    index text could hold every one of ``terms`` (the others cannot match)."""
    for s in facts.sources:
        yield "source", s, [("title", s.title), ("name", ", ".join(s.authors))]
    for t in facts.topics:
        yield "topic", t, [("name", t.name), ("aliases", ", ".join(t.aliases))]
    for a in facts.actors:
        fields = [("name", a.name), ("aliases", ", ".join(a.aliases))]
        fields += [("description", a.description), *quoted(a)]
        fields += [("title", r.title) for r in a.roles]
        fields += [("value", f"{at.name}: {at.value}") for at in a.attributes]
        yield "actor", a, fields
    texts = index(facts.events).texts
    candidates: Iterable[int] = range(len(texts))
    for term in terms:  # narrowed term by term: cheaper than testing every term on each
        candidates = term.keep(texts, candidates)
    for e in pick(facts.events, list(candidates)):
        yield "event", e, searchable(e)
    for p in facts.positions:
        yield "position", p, [("statement", p.statement), *quoted(p)]
    for r in facts.relations:
        yield "relation", r, [("summary", r.summary), *quoted(r)]
    for j in facts.judgments:
        yield "judgment", j, [("statement", j.statement), *quoted(j)]


def search(facts: FactBase, text: str, limit: int | None = None) -> list[Hit]:
    """Facts whose text matches every term of ``text``, best first (phrase and title first):
    a word in its singular or plural form, an actor's or topic's name by any of its names."""
    terms = _terms(facts, text)
    if not terms:
        return []
    phrase = " ".join(t.typed for t in terms)
    hits = []
    for kind, fact, fields in _searchable(facts, terms):
        best: tuple[float, str, str, tuple[str, ...]] | None = None
        matched: set[int] = set()
        for name, value in fields:
            folded = fold(value)
            present = {i: found for i, t in enumerate(terms) if (found := t.find(folded))}
            if not present:
                continue
            matched.update(present)
            weight = _WEIGHTS[name] * len(present) / len(terms)
            if phrase in folded:
                weight *= 2
            if best is None or weight > best[0]:
                best = (weight, name, value, tuple(dict.fromkeys(present.values())))
        if best and len(matched) == len(terms):
            hits.append(Hit(kind, fact, best[1], best[2], round(best[0], 3), best[3]))
    hits.sort(key=lambda h: (-h.score, h.kind, h.fact.id))
    return hits[:limit] if limit is not None else hits


def search_suggestion(facts: FactBase, text: str) -> str | None:
    """For a search that found nothing, a near spelling that finds something ("gaz union" ->
    "gas union"): each word found nowhere in the fact base replaced by a close one."""
    from briefing.suggest import respellings

    words = fold(text).split()
    if not words:
        return None
    # Each fact's searchable text, folded (events' from the index, without decoding them).
    others = dataclasses.replace(facts, events=())
    own = ["\n".join(fold(v) for _, v in fields) for _, _, fields in _searchable(others)]
    texts = [*index(facts.events).texts, *own]
    blob = "\n".join(texts)
    vocabulary = events_vocabulary(facts.events) | words_of(own)
    for candidate in respellings(words, vocabulary, lambda w: singular_root(w) in blob, 2):
        chosen: Iterable[int] = range(len(texts))
        for term in _terms(facts, candidate):
            chosen = term.keep(texts, chosen)
        if chosen:
            return candidate
    return None
