"""'Did you mean ...?' suggestions for mistyped names."""

from __future__ import annotations

from collections.abc import Iterable


def close_matches(word: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The candidates closest to ``word``, best first, ignoring case."""
    import difflib

    by_lower: dict[str, str] = {}
    for candidate in candidates:
        by_lower.setdefault(candidate.lower(), candidate)
    hits = difflib.get_close_matches(word.lower(), list(by_lower), n=limit, cutoff=0.6)
    return [by_lower[hit] for hit in hits]


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """'; did you mean `x`?' or '' when nothing is close."""
    hits = close_matches(word, candidates)
    if not hits:
        return ""
    return "; did you mean " + " or ".join(f"`{hit}`" for hit in hits) + "?"
