"""Domain errors and problems: data only, no printing."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ExitStatus(enum.IntEnum):
    """Every exit code the command line uses."""

    OK = 0
    PROBLEM = 1  # a problem with the data or the request
    USAGE = 2
    INTERRUPTED = 130


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong in a fact base, at ``path:line[:column]``."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.column:
            where += f":{self.column}"
        return f"{where}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


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


class OutputFailed(BriefingError):
    """Standard output could not take the data (a full disk, /dev/full, a closed descriptor)."""
