"""What queries need to know of each event without decoding it: its id, actors, topics and
sources, where it sorts, the days it spans and its searchable text, in columns; pure.

One builder, :func:`event_row`, makes an event's entries, whether the events were just
parsed or come from the cache (which stores these columns beside each event's encoded
fields), so an indexed answer is the answer the events themselves give. Queries reach the
events through three functions that work on any sequence of events: :func:`index` (the
columns), :func:`pick` (the events at some positions, decoding only those) and
:func:`subset` (the events at some positions, still encoded when they were). A search that
finds nothing looks for near spellings among the words of every text: :func:`vocabulary`.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from briefing.model import Citation, Event, FuzzyDate

SortKey = tuple[int, int, int, int, int, int, str]
# Whether an event with these actors and topics is wanted (a timeline's filter, a brief's
# scope).
Among = Callable[[Sequence[str], Sequence[str]], bool]


def fold(text: str) -> str:
    """Lower-case, accents removed, whitespace collapsed: how names and text are matched."""
    if text.isascii():  # the same result, without decomposing (most text is plain ASCII)
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.replace("’", "'").split())


_PUNCTUATION = "\"'“”‘’()[]{},.;:!?-–—…/*"


def words_of(texts: Iterable[str]) -> set[str]:
    """The words of folded ``texts`` that a misspelt search word may be taken for: their
    letters only, three or more, without the punctuation around them."""
    seen: set[str] = set()
    for text in texts:  # text by text: the words of 100,000 events are never all held at once
        seen.update(text.split())
    tokens = {token.strip(_PUNCTUATION) for token in seen}
    return {token for token in tokens if len(token) > 2 and token.isalpha()}


def vocabulary(events: Sequence[Event]) -> set[str]:
    """:func:`words_of` the events' searchable texts: the cache's own, kept by file when
    it wrote them, where the events come from it, else worked out from the texts."""
    own = getattr(events, "vocabulary", None)
    if own is not None:
        found: set[str] = own()
        return found
    return words_of(index(events).texts)


def sources_of(fact: Any) -> tuple[str, ...]:
    """The ids of the sources a fact cites, each once, in order of first citation."""
    return tuple(dict.fromkeys(c.source for c in fact.sources))


def disputing(fact: Any) -> tuple[str, ...]:
    """The ids of the sources that disagree with a fact (``contested``), each once."""
    contested = getattr(fact, "contested", ())
    return tuple(dict.fromkeys(c.source for x in contested for c in x.sources))


def disputing_of(entry: tuple[Any, ...] | None) -> tuple[str, ...]:
    """:func:`disputing` of an event, from its :func:`knowledge_entry` (not decoding it)."""
    return tuple(dict.fromkeys(s for s, _ in entry[3])) if entry is not None else ()


def searchable(event: Event) -> list[tuple[str, str]]:
    """An event's fields that search reads, by the name a hit reports."""
    return [("title", event.title), ("summary", event.summary), *quoted(event)]


def quoted(fact: Any) -> list[tuple[str, str]]:
    """A fact's quotes as search reads them: each citation's, then the quote of each source
    that disagrees with it (``contested``)."""
    own = [("quote", c.quote) for c in fact.sources]
    contested = getattr(fact, "contested", ())
    return own + [("quote", c.quote) for x in contested for c in x.sources] if contested else own


def date_entries(when: FuzzyDate) -> tuple[SortKey, int | None, int | None]:
    """A date's entries in the ``keys``, ``starts`` and ``ends`` columns."""
    return (
        when.sort_key(),
        None if when.start is None else when.start.toordinal(),
        None if when.end is None else when.end.toordinal(),
    )


def known_day(when: FuzzyDate | None) -> int | None:
    """The ordinal of the first day on which ``when`` has certainly passed: its end, or its
    start when its end is open; None for no date, or one open at both ends."""
    if when is None:
        return None
    last = when.end_ordinal()
    return last if last is not None else when.start_ordinal()


def knowledge_entry(event: Event) -> tuple[Any, ...] | None:
    """What knowledge time needs of an event beyond its sources' ids: None when it is known
    as its sources are published (the usual case); else whether it has a `known_since`, that
    date's :func:`known_day`, each citation's source with the day of its own `accessed` or
    `recorded` date, and the same of each disagreement's citation (see
    :mod:`briefing.knowledge`)."""
    return _knowledge(
        event.known_since is not None,
        known_day(event.known_since),
        cited_days(event.sources),
        cited_days(c for contest in event.contested for c in contest.sources),
    )


def cited_days(citations: Iterable[Citation]) -> tuple[tuple[str, int | None], ...]:
    """Each citation's source and the :func:`known_day` of its own `accessed` or `recorded`
    date (None: it is known when its source is published): all knowledge time reads of it."""
    return tuple((c.source, known_day(c.accessed or c.recorded)) for c in citations)


def _knowledge(
    has_since: bool,
    since: int | None,
    cited: Sequence[tuple[str, int | None]],
    contests: Sequence[tuple[str, int | None]] = (),
) -> tuple[Any, ...] | None:
    if not has_since and not contests and all(own is None for _, own in cited):
        return None
    return has_since, since, tuple(cited), tuple(contests)


def event_row(event: Event) -> tuple[Any, ...]:
    """An event's entry in each column of :class:`EventIndex`, in its field order."""
    return (
        event.id,
        event.actors,
        event.topics,
        sources_of(event),
        *date_entries(event.date),
        # Folded fields joined by a newline: a word (which holds no whitespace) is in the
        # text exactly when it is in one of the fields.
        "\n".join(fold(value) for _, value in searchable(event)),
        knowledge_entry(event),
    )


def narrowed_row(
    text: str,
    entry: tuple[Any, ...] | None,
    cited: Sequence[tuple[str, int | None]],
    kept: Sequence[int],
) -> tuple[tuple[str, ...], str, tuple[Any, ...] | None]:
    """The entries of :func:`event_row` that a citation counts in (sources, text and
    knowledge entry) for the event whose row holds ``text`` and ``entry`` and whose
    citations are ``cited`` (:func:`cited_days`), with only those at ``kept`` left; made
    from the row (the rest of the event unread): the folded title and summary are its own."""
    has_since, since, contests = (
        (entry[0], entry[1], entry[3]) if entry is not None else (False, None, ())
    )
    # Title, summary, each citation's quote, then each disagreement's: see event_row.
    lines = text.split("\n")
    text = "\n".join([*lines[:2], *(lines[2 + i] for i in kept), *lines[2 + len(cited) :]])
    left = [cited[i] for i in kept]
    return (
        tuple(dict.fromkeys(source for source, _ in left)),
        text,
        _knowledge(has_since, since, left, contests),
    )


@dataclass(frozen=True)
class EventIndex:
    """Columns over a sequence of events, one entry per event in its order. ``starts`` and
    ``ends`` are the proleptic ordinals of ``date.start`` and ``date.end`` (None if open)."""

    ids: Sequence[str]
    actors: Sequence[tuple[str, ...]]
    topics: Sequence[tuple[str, ...]]
    sources: Sequence[tuple[str, ...]]
    keys: Sequence[SortKey]
    starts: Sequence[int | None]
    ends: Sequence[int | None]
    texts: Sequence[str]
    known: Sequence[tuple[Any, ...] | None]  # see knowledge_entry
    _order: list[int] = field(default_factory=list, compare=False, repr=False)

    @staticmethod
    def of(events: Iterable[Event]) -> EventIndex:
        return EventIndex.from_rows([event_row(e) for e in events])

    @staticmethod
    def from_rows(rows: Sequence[tuple[Any, ...]]) -> EventIndex:
        if not rows:
            return EventIndex([], [], [], [], [], [], [], [], [])
        return EventIndex(*(list(column) for column in zip(*rows, strict=True)))

    def columns(self) -> tuple[Sequence[Any], ...]:
        """The columns in field order, as the cache stores them."""
        return (
            self.ids,
            self.actors,
            self.topics,
            self.sources,
            self.keys,
            self.starts,
            self.ends,
            self.texts,
            self.known,
        )

    def __len__(self) -> int:
        return len(self.ids)

    def picked(self, positions: Sequence[int]) -> EventIndex:
        """The entries at ``positions``, in that order."""
        return EventIndex(*([column[i] for i in positions] for column in self.columns()))

    def by_date(self, positions: Iterable[int] | None = None) -> list[int]:
        """``positions`` (default: all) in the order events are shown: by their dates'
        sort keys (:meth:`~briefing.model.FuzzyDate.sort_key`), then by id."""
        if positions is None:
            if not self._order:
                self._order.extend(self._ranked())
            return list(self._order)
        return self._sorted(positions)

    def _sorted(self, positions: Iterable[int]) -> list[int]:
        # By id, then (stably) by sort key: the order of sorting by (key, id), three to six
        # times faster than building that pair for each event.
        ordered = sorted(positions, key=self.ids.__getitem__)
        ordered.sort(key=self.keys.__getitem__)
        return ordered

    def _ranked(self) -> list[int]:
        """:meth:`_sorted` of every position (tested equal), by each key's rank among the
        distinct keys: whole numbers compare faster than key tuples, and 100,000 events
        have a few thousand dates (sorting a timeline's took 0.1 s, now 0.06 s)."""
        keys = self.keys
        rank = {key: n for n, key in enumerate(sorted(set(keys)))}
        ranks = [rank[key] for key in keys]
        ordered = sorted(range(len(keys)), key=self.ids.__getitem__)
        ordered.sort(key=ranks.__getitem__)
        return ordered


# The index of the last plain sequence asked for, kept while it is the one asked for: a
# command asks for the same events' index several times (a brief: as-of, scope, actors).
_last: list[Any] = [None, None]


def index(events: Sequence[Event]) -> EventIndex:
    """The columns of ``events``: the cache's own when they come from it, else built."""
    own = getattr(events, "event_index", None)
    if own is not None:
        found: EventIndex = own()
        return found
    if _last[0] is not events:
        _last[:] = [events, EventIndex.of(events)]
    built: EventIndex = _last[1]
    return built


def pick(events: Sequence[Event], positions: Sequence[int]) -> Sequence[Event]:
    """The events at ``positions``, in that order, decoding only those (when they are
    read: iterate the result once where it may be large)."""
    own = getattr(events, "pick", None)
    if own is not None:
        found: Sequence[Event] = own(positions)
        return found
    return [events[i] for i in positions]


def held_alike(
    old: Sequence[Event], old_at: Sequence[int], new: Sequence[Event], new_at: Sequence[int]
) -> list[bool]:
    """For each pair of positions, whether the two events are held alike (both from the
    cache, the same encoded event, in a file of either path): then they are equal but for
    the file their origin names (a git revision's files are read from a folder of their
    own), and need not be decoded to tell. False where that cannot be told without
    decoding them."""
    one, other = getattr(old, "encoded", None), getattr(new, "encoded", None)
    if one is None or other is None:
        return [False] * len(old_at)
    return [a == b for a, b in zip(one(old_at), other(new_at), strict=True)]


def subset(events: Sequence[Event], positions: Sequence[int]) -> Sequence[Event]:
    """The events at ``positions`` (ascending), still encoded when they were."""
    own = getattr(events, "subset", None)
    if own is not None:
        found: Sequence[Event] = own(positions)
        return found
    return tuple(events[i] for i in positions)


# Which of an event's citations to keep, given each one's source and own known day
# (:func:`cited_days`): their positions, in order.
Keep = Callable[[Sequence[tuple[str, int | None]]], Sequence[int]]


def narrowed(events: Sequence[Event], positions: Sequence[int], keep: Keep) -> Sequence[Event]:
    """``events`` with the event at each of ``positions`` keeping only the citations
    ``keep`` picks, the others untouched; from the cache, without decoding the events."""
    own = getattr(events, "narrowed", None)
    if own is not None:
        found: Sequence[Event] = own(positions, keep)
        return found
    new = []
    for e in pick(events, positions):
        kept = keep(cited_days(e.sources))
        new.append(dataclasses.replace(e, sources=tuple(e.sources[i] for i in kept)))
    return replaced(events, positions, new)


def replaced(
    events: Sequence[Event], positions: Sequence[int], new: Sequence[Event]
) -> Sequence[Event]:
    """``events`` with the event at each of ``positions`` replaced by the one in ``new``
    (the others still encoded when they were)."""
    own = getattr(events, "replaced", None)
    if own is not None:
        found: Sequence[Event] = own(positions, new)
        return found
    out = list(events)
    for position, event in zip(positions, new, strict=True):
        out[position] = event
    return tuple(out)
