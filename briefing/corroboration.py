"""Corroboration: how many independent origins back a fact, and the Admiralty grades; pure.

A source may be `based_on` others (a republication on its original, an outlet on the wire
story it carries, a report on the one it relies on). Following `based_on` to its end gives
a source's origins: the sources it rests on that rest on nothing further (itself, when it
names none). Two sources are independent when their origins have nothing in common; a
fact is corroborated by the largest number of its cited sources that are independent of
each other, so two outlets carrying one wire story count once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from briefing.model import Citation, Source
from briefing.spec import CREDIBILITY, RELIABILITY

# More sets of origins than this among one fact's sources are counted greedily, not exactly
# (every set checked against every other: no fact base cites a fact that often).
_EXACT = 16


class Origins:
    """The origins of each source of a fact base, worked out when first asked for."""

    def __init__(self, sources: Iterable[Source]) -> None:
        self.based_on = {s.id: s.based_on for s in sources}
        # No source based on another (most fact bases): each source is its own origin.
        self.alone = not any(self.based_on.values())
        self._roots: dict[str, frozenset[str]] = {}
        self._counted: dict[tuple[str, ...], int] = {}  # by the sources a fact cites

    def of(self, source: str) -> frozenset[str]:
        """The origins of ``source``: what it is based on, followed to the end (a source
        the fact base does not hold is its own origin; sources based on each other in a
        loop, which `check` reports, are one origin, named by the first id of the loop)."""
        found = self._roots.get(source)
        if found is None:
            roots = set()
            for node in self._reach(source):
                further = self._reach(node)
                # The end of a chain: everything further leads back to it (a loop), if
                # anything does.
                if all(node in self._reach(other) for other in further):
                    roots.add(min(further))
            found = self._roots[source] = frozenset(roots)
        return found

    def _reach(self, source: str) -> set[str]:
        """``source`` and every source it is based on, however indirectly."""
        seen = {source}
        todo = [source]
        while todo:
            for parent in self.based_on.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    def independent(self, sources: Iterable[str]) -> int:
        """How many of ``sources`` are independent of each other, at most: the number of
        independent origins behind them (0 for none)."""
        if self.alone:
            return len(set(sources))
        sets = list({self.of(s) for s in sources})
        if len(sets) <= 1:
            return len(sets)
        # A source whose origins include another's is never the better pick of the two.
        sets.sort(key=len)
        kept: list[frozenset[str]] = []
        for candidate in sets:
            if not any(k <= candidate for k in kept):
                kept.append(candidate)
        if all(a.isdisjoint(b) for i, a in enumerate(kept) for b in kept[i + 1 :]):
            return len(kept)
        return _most_disjoint(kept) if len(kept) <= _EXACT else _greedy(kept)

    def confirmed(self, source: str, backers: Iterable[str]) -> bool:
        """Whether some source among ``backers`` other than ``source`` is independent of it."""
        own = self.of(source)
        return any(b != source and own.isdisjoint(self.of(b)) for b in backers)

    def of_fact(self, citations: Sequence[Citation]) -> int:
        """The independent origins behind a fact's citations (0 for none); remembered by
        the sources cited, which many facts share."""
        if len(citations) <= 1:
            return len(citations)
        if self.alone:
            return len({c.source for c in citations})
        key = tuple(c.source for c in citations)
        count = self._counted.get(key)
        if count is None:
            count = self._counted[key] = self.independent(key)
        return count


def _greedy(sets: list[frozenset[str]]) -> int:
    taken: set[str] = set()
    count = 0
    for s in sets:  # smallest first
        if taken.isdisjoint(s):
            taken |= s
            count += 1
    return count


def _most_disjoint(sets: list[frozenset[str]]) -> int:
    """The most of ``sets`` that have nothing in common with each other (exactly)."""
    if not sets:
        return 0
    first, rest = sets[0], sets[1:]
    without = _most_disjoint(rest)
    with_first = 1 + _most_disjoint([s for s in rest if s.isdisjoint(first)])
    return max(without, with_first)


def grade(reliability: str, credibility: str) -> str:
    """The combined Admiralty grade of a citation, 'B2'; its credibility alone when its
    source is not graded ('2'); '' for a citation without a credibility grade."""
    if not credibility:
        return ""
    return f"{reliability}{credibility}"


def grade_words(reliability: str, credibility: str) -> str:
    """What a combined grade means: 'usually reliable source; probably true'."""
    parts = []
    if reliability in RELIABILITY:
        parts.append(f"{RELIABILITY[reliability]} source")
    if credibility in CREDIBILITY:
        parts.append(CREDIBILITY[credibility])
    return "; ".join(parts)


def corroboration_text(count: int) -> str:
    """'corroborated by 3 independent sources' for more than one; '' otherwise."""
    return f"corroborated by {count} independent sources" if count > 1 else ""
