"""Plain-text reports for `briefing check` and `briefing info`."""

from __future__ import annotations

from briefing.errors import Problem


def plural(count: int, noun: str) -> str:
    if count == 1:
        return f"1 {noun}"
    return f"{count} {noun}s"


def counts_line(counts: dict[str, int]) -> str:
    """'1 source, 12 events, ...' in collection order."""
    return ", ".join(plural(n, name[:-1]) for name, n in counts.items())


def check_report(location: str, files: int, counts: dict[str, int], problems: list[Problem]) -> str:
    lines = [str(p) for p in problems]
    where = f"{location} ({plural(files, 'file')})"
    if problems:
        lines.append(f"{plural(len(problems), 'problem')} in {where}")
    else:
        lines.append(f"{where}: no problems; {counts_line(counts)}")
    return "\n".join(lines) + "\n"


def info_report(
    location: str, why: str, files: list[str], counts: dict[str, int], problems: int, version: str
) -> str:
    status = "none" if not problems else f"{problems} (run `briefing check` to list them)"
    lines = [
        f"fact base: {location} ({why})",
        f"files:     {len(files)}",
        f"facts:     {counts_line(counts)}",
        f"problems:  {status}",
        f"briefing:  {version}",
    ]
    return "\n".join(lines) + "\n"
