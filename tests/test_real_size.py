"""A fact base at real size in the forms real sources use (tests/fixtures/real-size, 524
events made up by tools/make_real_size.py): it loads with warnings only, and every view and
the brief run on it in every format."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from briefing.cli import app
from briefing.loader import load
from tests.conftest import FIXTURES
from tools.make_real_size import OUT, files

REAL_SIZE = str(FIXTURES / "real-size")
VIEWS = [
    ["timeline"],
    ["timeline", "--actor", "ruritania", "--since", "2023-01", "--reverse"],
    ["actor", "Strelsau"],
    ["actor", "account-3", "--as-of", "2022-06-30"],
    ["actors", "--kind", "account"],
    ["positions"],
    ["positions", "--matrix"],
    ["sources"],
    ["search", "river crossing"],
    ["brief"],
    ["brief", "--as-of", "2022-12-31", "--window", "30"],
    ["briefs"],
]


def test_the_fixture_is_what_the_generator_writes() -> None:
    assert OUT == FIXTURES / "real-size"
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in OUT.iterdir()}
    assert on_disk == files()  # run tools/make_real_size.py after changing it


def test_it_loads_with_warnings_only(runner: CliRunner) -> None:
    loaded = load(REAL_SIZE, use_cache=False)
    assert len(loaded.facts.events) >= 500
    assert loaded.errors == [] and len(loaded.warnings) > 0
    assert loaded.facts.left_out == ()
    check = runner.invoke(app, ["check", "--facts", REAL_SIZE])
    assert check.exit_code == 0, check.output
    assert "no errors" in check.stdout and "warning:" in check.stdout
    assert runner.invoke(app, ["check", "--strict", "--facts", REAL_SIZE]).exit_code == 1


@pytest.mark.parametrize("fmt", ["md", "json", "rich"])
@pytest.mark.parametrize("args", VIEWS, ids=" ".join)
def test_every_view_runs_on_it(runner: CliRunner, args: list[str], fmt: str) -> None:
    result = runner.invoke(app, [*args, "--facts", REAL_SIZE, "-f", fmt], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # nothing left out: warnings do not hide facts
    assert result.stdout.strip()
    if fmt == "json":
        json.loads(result.stdout)


def test_the_timeline_runs_in_date_order_years_bc_first(runner: CliRunner) -> None:
    result = runner.invoke(app, ["timeline", "--facts", REAL_SIZE, "-f", "json"])
    events = json.loads(result.stdout)["events"]
    assert len(events) == 524
    assert events[0]["date"] == "44 BC"  # years BC sort first
    starts = [e["start"] for e in events if e["precision"] == "day"]
    assert starts == sorted(starts)
