"""Work done once per date: a fact base repeats its dates (a large one a few thousand of
them over a hundred thousand events), and views and exports work each out once."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from briefing.model import FuzzyDate

_D = TypeVar("_D", bound=FuzzyDate | None)
_R = TypeVar("_R")

# Dates known by identity, at most, per memo (then by value only).
IDENTITIES = 65536


def per_date(work: Callable[[_D, str], _R]) -> Callable[[_D, str], _R]:
    """``work(when, text)``, worked out once per date and text.

    ``text`` is part of the key because it can be what a date's equality leaves out (how
    it was written). The same date is most often the same object (the cache decodes each
    once): one seen before is known by its identity, without hashing its twelve fields,
    else by its value; the objects are kept, so an identity is never another date's."""
    by_value = lru_cache(maxsize=32768)(work)
    by_identity: dict[tuple[int, str], tuple[_D, _R]] = {}

    def remembered(when: _D, text: str) -> _R:
        seen = by_identity.get((id(when), text))
        if seen is not None and seen[0] is when:
            return seen[1]
        value = by_value(when, text)
        if len(by_identity) < IDENTITIES:
            by_identity[id(when), text] = (when, value)
        return value

    return remembered
