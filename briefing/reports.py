"""What `briefing check` and `briefing info` report, as plain data for the report renderers."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.errors import Problem
from briefing.quotes import QuoteCheck


@dataclass(frozen=True)
class CheckReport:
    """The outcome of checking a fact base: where it is, what it holds, what is wrong."""

    facts: str  # the fact base as shown to the user
    files: int
    counts: dict[str, int]
    problems: list[Problem]  # errors first, then warnings
    strict: bool = False  # warnings fail the check too
    quotes: QuoteCheck | None = None  # with --quotes: how many quotes were proved

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    @property
    def ok(self) -> bool:
        """Whether the check passes: no errors (with ``strict``, no problems at all)."""
        return not (self.problems if self.strict else self.errors)


@dataclass(frozen=True)
class InfoReport:
    """Which fact base is used and why, what it holds, and this program's version."""

    facts: str
    chosen_by: str
    files: tuple[str, ...]
    counts: dict[str, int]
    problems: int  # errors and warnings
    version: str
    warnings: int = 0
    left_out: int = 0  # facts views leave out because of errors
