"""What `briefing check` and `briefing info` report, as plain data for the report renderers."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.errors import Problem


@dataclass(frozen=True)
class CheckReport:
    """The outcome of checking a fact base: where it is, what it holds, what is wrong."""

    facts: str  # the fact base as shown to the user
    files: int
    counts: dict[str, int]
    problems: list[Problem]


@dataclass(frozen=True)
class InfoReport:
    """Which fact base is used and why, what it holds, and this program's version."""

    facts: str
    chosen_by: str
    files: tuple[str, ...]
    counts: dict[str, int]
    problems: int
    version: str
