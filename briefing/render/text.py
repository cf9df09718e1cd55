"""Plain-text reports for `briefing check` and `briefing info`."""

from __future__ import annotations

from briefing.render import one_line
from briefing.reports import CheckReport, InfoReport


def plural(count: int, noun: str) -> str:
    if count == 1:
        return f"1 {noun}"
    return f"{count} {noun}s"


def counts_line(counts: dict[str, int]) -> str:
    """'1 source, 12 events, ...' in collection order."""
    return ", ".join(plural(n, name[:-1]) for name, n in counts.items())


def check_report(report: CheckReport) -> str:
    lines = [one_line(str(p)) for p in report.problems]
    where = f"{one_line(report.facts)} ({plural(report.files, 'file')})"
    if report.problems:
        lines.append(f"{plural(len(report.problems), 'problem')} in {where}")
    else:
        lines.append(f"{where}: no problems; {counts_line(report.counts)}")
    return "\n".join(lines) + "\n"


def info_report(report: InfoReport) -> str:
    problems = report.problems
    status = "none" if not problems else f"{problems} (run `briefing check` to list them)"
    lines = [
        f"fact base: {one_line(report.facts)} ({report.chosen_by})",
        f"files:     {len(report.files)}",
        f"facts:     {counts_line(report.counts)}",
        f"problems:  {status}",
        f"briefing:  {report.version}",
    ]
    return "\n".join(lines) + "\n"
