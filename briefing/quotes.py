"""Check that every quote appears verbatim in an archived copy of its source."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import Problem
from briefing.model import Citation, FactBase

_QUOTE_MARKS = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'}
)


def normalise(text: str) -> str:
    """Fold whitespace runs to one space and typographic quotes to straight ones."""
    return re.sub(r"\s+", " ", text.translate(_QUOTE_MARKS)).strip()


def all_citations(facts: FactBase) -> Iterator[Citation]:
    """Every citation in the fact base, in collection order: a disagreement's after the
    fact's own."""
    for fact in facts.cited():
        yield from fact.sources
        for contest in getattr(fact, "contested", ()):
            yield from contest.sources


@dataclass(frozen=True)
class QuoteCheck:
    """What `check --quotes` proved: each quote counted once however often it is cited."""

    problems: list[Problem]  # a quote not found, per citation; a source with no copy
    found: int  # quotes found verbatim in their source's archived copy
    not_found: int
    unchecked: int  # quotes of sources with no readable archived copy
    sources: int  # archived copies read


def verify_quotes(facts: FactBase, archive: Path, shown: str) -> QuoteCheck:
    """Each quote looked for in ``archive/<source id>.txt``: problems for those not found and
    for missing copies, and how many were proved."""
    texts: dict[str, str | None] = {}
    problems: list[Problem] = []
    outcome: dict[tuple[str, str], bool | None] = {}  # (source, quote): found, or unchecked
    sources = {s.id: s for s in facts.sources}
    for citation in all_citations(facts):
        if citation.source not in texts:
            copy = archive / f"{citation.source}.txt"
            try:
                texts[citation.source] = normalise(copy.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError) as exc:
                texts[citation.source] = None
                source = sources.get(citation.source)
                where = source.origin if source else citation.origin
                reason = "missing" if isinstance(exc, FileNotFoundError) else "unreadable"
                problems.append(
                    Problem(
                        where.path,
                        where.line,
                        0,
                        f"archived copy of source `{citation.source}` is {reason}: "
                        f"expected {shown}/{citation.source}.txt",
                    )
                )
        text = texts[citation.source]
        quote = normalise(citation.quote)
        found = None if text is None else quote in text
        outcome[citation.source, quote] = found
        if found is False:
            problems.append(
                Problem(
                    citation.origin.path,
                    citation.origin.line,
                    0,
                    f"quote not found verbatim in {shown}/{citation.source}.txt: "
                    f"“{citation.quote}”",
                )
            )
    results = list(outcome.values())
    return QuoteCheck(
        problems,
        found=results.count(True),
        not_found=results.count(False),
        unchecked=results.count(None),
        sources=sum(text is not None for text in texts.values()),
    )
