"""Plain-text reports for `briefing check` and `briefing info`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing.model import LeftOut
from briefing.render import one_line

if TYPE_CHECKING:
    from briefing.errors import Problem
    from briefing.quotes import QuoteCheck
    from briefing.reports import CheckReport, InfoReport


def plural(count: int, noun: str) -> str:
    if count == 1:
        return f"1 {noun}"
    return f"{count} {noun}s"


def counts_line(counts: dict[str, int]) -> str:
    """'1 source, 12 events, ...' in collection order."""
    return ", ".join(plural(n, name[:-1]) for name, n in counts.items())


def _tally(errors: int, warnings: int) -> str:
    """'2 errors and 1 warning', '1 error', '3 warnings'."""
    parts = [plural(errors, "error")] if errors else []
    parts += [plural(warnings, "warning")] if warnings else []
    return " and ".join(parts)


def check_report(report: CheckReport) -> str:
    # Errors as `path:line: message`, warnings as `path:line: warning: message`; under a
    # problem with the shape of what was written, the shape wanted, indented.
    lines = [line for p in report.problems for line in problem_lines(p)]
    if report.quotes is not None:
        lines.append(quotes_line(report.quotes))
    where = f"{one_line(report.facts)} ({plural(report.files, 'file')})"
    if report.errors:
        lines.append(f"{_tally(report.errors, report.warnings)} in {where}")
    elif report.warnings:
        lines.append(
            f"{where}: no errors, {plural(report.warnings, 'warning')}; "
            f"{counts_line(report.counts)}"
        )
    else:
        lines.append(f"{where}: no problems; {counts_line(report.counts)}")
    return "\n".join(lines) + "\n"


def problem_lines(problem: Problem) -> list[str]:
    """A problem on one line; then, for one with the shape of what was written, the shape
    the format wants, as YAML indented under it ("write it as:")."""
    if not problem.example:
        return [one_line(str(problem))]
    example = ["    " + one_line(line) for line in problem.example.splitlines()]
    return [one_line(str(problem)) + "; write it as:", *example]


def quotes_line(proved: QuoteCheck) -> str:
    """How many quotes `check --quotes` found verbatim, and how many it could not."""
    line = (
        f"quotes: {proved.found} found verbatim in {plural(proved.sources, 'archived source')}; "
        f"{proved.not_found} not found"
    )
    if proved.unchecked:
        line += f"; {proved.unchecked} not checked (no archived copy of their source)"
    return line


def left_out_line(errors: int, left_out: Sequence[LeftOut]) -> str:
    """What a view says on stderr about a fact base with errors: how many facts it left out."""
    if not left_out:
        return f"the fact base has {plural(errors, 'error')}; no fact is left out"
    own = sum(not e.depends_on for e in left_out)
    facts = plural(len(left_out), "fact")
    if own == len(left_out):
        return f"{facts} left out: {'it has' if own == 1 else 'they have'} errors"
    return f"{facts} left out: {own} with errors, {len(left_out) - own} that depend on them"


def info_report(report: InfoReport) -> str:
    problems = report.problems
    if not problems:
        status = "none"
    else:
        status = _tally(problems - report.warnings, report.warnings)
        if report.left_out:
            status += f"; {plural(report.left_out, 'fact')} left out of views"
        status += " (run `briefing check` to list them)"
    lines = [
        f"fact base: {one_line(report.facts)} ({report.chosen_by})",
        f"files:     {len(report.files)}",
        f"facts:     {counts_line(report.counts)}",
        f"problems:  {status}",
        f"briefing:  {report.version}",
    ]
    return "\n".join(lines) + "\n"
