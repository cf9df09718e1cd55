"""Check that every quote appears verbatim in an archived copy of its source."""

from __future__ import annotations

import re
from collections.abc import Iterator
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
    """Every citation in the fact base, in collection order."""
    for fact in facts.cited():
        yield from fact.sources


def verify_quotes(facts: FactBase, archive: Path, shown: str) -> list[Problem]:
    """Problems for quotes not found in ``archive/<source id>.txt``, and for missing copies."""
    texts: dict[str, str | None] = {}
    problems: list[Problem] = []
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
        if text is not None and normalise(citation.quote) not in text:
            problems.append(
                Problem(
                    citation.origin.path,
                    citation.origin.line,
                    0,
                    f"quote not found verbatim in {shown}/{citation.source}.txt: "
                    f"“{citation.quote}”",
                )
            )
    return problems
