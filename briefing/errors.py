"""Domain errors and problems: data only, no printing."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class ExitStatus(enum.IntEnum):
    """Every exit code the command line uses."""

    OK = 0
    PROBLEM = 1  # a problem with the data or the request
    USAGE = 2
    NO_STATE = 3  # `diff`: no git, no repository or no such revision to read a state from
    NO_DRAWING = 4  # `-f svg`/`-f png` of a graph: Graphviz is missing or failed
    INTERRUPTED = 130


# A problem's severity. An error is what cannot be read or trusted: the fact it is in is left
# out of views (with whatever depends on it). A warning is readable but below the house
# standard: nothing is left out, and only `--strict` makes it fail.
ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong in a fact base, at ``path:line[:column]``: an error or a warning."""

    path: str
    line: int
    column: int
    message: str
    severity: str = ERROR
    # The shape the format wants, as two or three lines of YAML, for a problem with the
    # shape of what was written ("must be a list"); else "".
    example: str = ""

    @property
    def where(self) -> str:
        """``path:line[:column]``, or the path alone when there is no line."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.column:
            where += f":{self.column}"
        return where

    @property
    def is_error(self) -> bool:
        return self.severity != WARNING

    def __str__(self) -> str:
        marker = "warning: " if self.severity == WARNING else ""
        return f"{self.where}: {marker}{self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "severity": self.severity,
            "example": self.example or None,
        }


def in_order(problems: Iterable[Problem], knock_on: Iterable[Problem] = ()) -> list[Problem]:
    """Problems as `check` lists them, each once: errors first (the real causes, by file and
    line), then errors that only follow from them (``knock_on``), then warnings."""
    seen: set[Problem] = set()
    causes: list[Problem] = []
    warnings: list[Problem] = []
    for p in sorted(set(problems)):
        (causes if p.is_error else warnings).append(p)
    out = []
    for p in [*causes, *sorted(set(knock_on)), *warnings]:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out


class DateError(ValueError):
    """A value that is not a readable date; the message says why in one sentence."""


class BriefingError(Exception):
    """A failure the user can fix; its message is one line saying how."""

    status = ExitStatus.PROBLEM


class UsageError(BriefingError):
    """The command line itself is wrong."""

    status = ExitStatus.USAGE


class FactBaseNotFound(BriefingError):
    """The fact base path does not exist or holds no YAML."""


class InvalidFactBase(BriefingError):
    """The fact base has problems; views refuse to run on it."""

    def __init__(self, location: str, problems: list[Problem]) -> None:
        self.location = location
        self.problems = problems
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(
            f"{first}{more}; run `briefing check --facts {location}` to see every problem"
        )


class StateNotFound(BriefingError):
    """A state of a fact base to compare cannot be read: git is missing, the folder is in no
    repository, or the revision does not exist."""

    status = ExitStatus.NO_STATE


class DrawingFailed(BriefingError):
    """Graphviz, which draws graphs as SVG or PNG, is not installed or could not draw."""

    status = ExitStatus.NO_DRAWING


class OutputFailed(BriefingError):
    """Standard output could not take the data (a full disk, /dev/full, a closed descriptor)."""
