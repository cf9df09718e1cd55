"""Every terminal view of the small fixtures, exactly, at 60, 80, 120 and 160 columns without
colour."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from briefing.cli import app
from tests.conftest import FIXTURES, GOLDEN

MINI = str(FIXTURES / "mini")
BRIEF = str(FIXTURES / "brief")
# Places, extended vocabularies and untitled sources.
REAL = str(FIXTURES / "real-events")
# Three sources published months apart: knowledge time.
KNOWN = str(FIXTURES / "known")
# Four sources: two independent, a copy of one, one that disagrees.
CORROBORATION = str(FIXTURES / "corroboration")
# Successive positions of one actor on one topic.
STANCES = str(FIXTURES / "stances")
# The widths a reader is likely to have, from a narrow split pane to a wide window.
WIDTHS = [60, 80, 120, 160]
# (golden name, command line) for every view; see tests/golden/regenerate.sh.
CASES = {
    "timeline": ["timeline", "--facts", MINI],
    "actor-ruritania": ["actor", "ruritania", "--facts", MINI],
    "actor-ruritania-2020": ["actor", "ruritania", "--facts", MINI, "--as-of", "2020-01"],
    "actors": ["actors", "--facts", MINI],
    "positions": ["positions", "--facts", MINI],
    "matrix": ["positions", "--matrix", "--facts", MINI],
    "sources": ["sources", "--facts", MINI],
    "search-deal": ["search", "deal", "--facts", MINI],
    "diff-mini": ["diff", MINI, str(FIXTURES / "mini-later")],
    "brief": ["brief", "--facts", BRIEF],
    "briefs": ["briefs", "--facts", BRIEF],
    "real-events-timeline": ["timeline", "--facts", REAL],
    "real-events-actor": ["actor", "port-authority", "--facts", REAL],
    "real-events-matrix": ["positions", "--matrix", "--facts", REAL],
    "known-brief": ["brief", "--facts", KNOWN, "--as-of", "2023-06-15", "--known-by", "2023-06-15"],
    "known-nothing-brief": ["brief", "--facts", KNOWN, "--known-by", "2023-02-28"],
    "known-timeline": ["timeline", "--facts", KNOWN, "--known-by", "2023-07-02"],
    "known-brief-since": ["brief", "--facts", KNOWN, "--since", "2023-06-01"],
    "stances-history": ["positions", "--history", "--facts", STANCES],
    "stances-matrix": ["positions", "--matrix", "--facts", STANCES],
    "stances-actor-ruritania": ["actor", "ruritania", "--facts", STANCES],
    "stances-actor-council": ["actor", "council", "--facts", STANCES],
    "graph-hostile": ["graph", "--positions", "--facts", str(FIXTURES / "hostile-graph")],
    "graph-bundled-tokayev": ["graph", "--actor", "tokayev", "--depth", "2"],
    "corroboration-timeline": ["timeline", "--facts", CORROBORATION],
    "corroboration-actor": ["actor", "kazakhstan", "--facts", CORROBORATION],
    "corroboration-brief": ["brief", "--facts", CORROBORATION],
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(CASES))
def test_terminal_view_matches_golden(runner: CliRunner, name: str, width: int) -> None:
    # The environment Rich reads is pinned, so a developer's FORCE_COLOR cannot colour it.
    env = {"COLUMNS": str(width), "FORCE_COLOR": None, "NO_COLOR": None}
    result = runner.invoke(app, [*CASES[name], "-f", "rich", "--no-color"], env=env)
    assert result.exit_code == 0, result.output
    expected = (GOLDEN / "terminal" / f"{name}-{width}.txt").read_text(encoding="utf-8")
    assert result.stdout == expected


def test_every_case_has_a_golden_file_and_no_more() -> None:
    names = {f"{name}-{width}.txt" for name in CASES for width in WIDTHS}
    assert {p.name for p in (GOLDEN / "terminal").iterdir()} == names
