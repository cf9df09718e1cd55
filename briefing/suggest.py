"""'Did you mean ...?' suggestions for mistyped names."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping


def close_matches(word: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The candidates closest to ``word``, best first, ignoring case."""
    import difflib

    by_lower: dict[str, str] = {}
    for candidate in candidates:
        by_lower.setdefault(candidate.lower(), candidate)
    hits = difflib.get_close_matches(word.lower(), list(by_lower), n=limit, cutoff=0.6)
    return [by_lower[hit] for hit in hits]


def did_you_mean(
    word: str, candidates: Iterable[str], meanings: Mapping[str, str] | None = None
) -> str:
    """'; did you mean `x`?' or '' when nothing is close; ``meanings`` maps words that mean
    a candidate (folded to lower case) to what to write instead, and comes first."""
    meant = meanings.get(" ".join(word.casefold().split())) if meanings else None
    if meant is not None:
        return f"; did you mean `{meant}`?"
    hits = close_matches(word, candidates)
    if not hits:
        return ""
    return "; did you mean " + " or ".join(f"`{hit}`" for hit in hits) + "?"


def respellings(
    words: list[str], vocabulary: Iterable[str], known: Callable[[str], bool], limit: int = 3
) -> Iterator[str]:
    """``words`` with each word that is not ``known`` replaced by one of the ``limit`` closest
    words of ``vocabulary``, closest first; nothing when every word is known."""
    import difflib

    pool = list(vocabulary)
    choices = []
    for word in words:
        if known(word) or len(word) < 3:
            choices.append([word])
            continue
        close = difflib.get_close_matches(word, pool, n=limit, cutoff=0.6)
        if not close:
            return
        choices.append(close)
    if all(len(c) == 1 and c[0] == w for c, w in zip(choices, words, strict=True)):
        return
    for chosen in itertools.product(*choices):
        yield " ".join(chosen)
