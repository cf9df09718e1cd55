"""`briefing check --quotes`: every quote must appear verbatim in its archived source."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli import app
from briefing.quotes import normalise
from tests.conftest import FIXTURES, REPO, SHARED_SOURCES

MINI = FIXTURES / "mini"
ARCHIVE = FIXTURES / "mini-archive"


def test_faithful_quotes_pass(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--facts", str(MINI), "--quotes", str(ARCHIVE)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "quotes: 8 found verbatim in 1 archived source; 0 not found"
    )
    assert result.stdout.splitlines()[1].startswith("tests/fixtures/mini (2 files): no problems")


def test_a_quote_cited_twice_is_counted_once(runner: CliRunner, tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(MINI, facts)
    path = facts / "facts.yaml"
    cited = '        quote: "signed the deal in late November"\n'
    again = "      - source: daily-2022-12-01\n" + cited
    path.write_text(path.read_text().replace(cited, cited + again))
    assert path.read_text().count(cited) == 2
    result = runner.invoke(
        app, ["check", "--facts", str(facts), "--quotes", str(ARCHIVE), "-f", "json"]
    )
    assert json.loads(result.stdout)["quotes"] == {
        "found": 8,
        "not_found": 0,
        "unchecked": 0,
        "sources": 1,
    }


def test_misquote_is_caught(runner: CliRunner, tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(MINI, facts)
    path = facts / "facts.yaml"
    path.write_text(path.read_text().replace("signed the deal in late", "signed the deal in early"))
    result = runner.invoke(app, ["check", "--facts", str(facts), "--quotes", str(ARCHIVE)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[1] == "quotes: 7 found verbatim in 1 archived source; 1 not found"
    assert lines[0] == (
        f"{facts}/facts.yaml:57: quote not found verbatim in "
        "tests/fixtures/mini-archive/daily-2022-12-01.txt: “signed the deal in early November”"
    )


def test_missing_archive_is_reported_at_the_source(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--facts", str(MINI), "--quotes", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "tests/fixtures/mini/sources.yaml:3: archived copy of source `daily-2022-12-01` "
        f"is missing: expected {tmp_path}/daily-2022-12-01.txt"
    )
    assert result.stdout.splitlines()[1] == (
        "quotes: 0 found verbatim in 0 archived sources; 0 not found; "
        "8 not checked (no archived copy of their source)"
    )


def test_quotes_folder_must_exist(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--facts", str(MINI), "--quotes", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "no such folder of archived sources" in result.stderr


def test_normalise_folds_whitespace_and_typographic_quotes() -> None:
    assert normalise("  “gas\n  union’s”\tplan ") == '"gas union\'s" plan'


@pytest.mark.skipif(not SHARED_SOURCES.is_dir(), reason="../shared/sources is not beside the repo")
def test_bundled_quotes_are_verbatim_in_the_archived_article(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["check", "--facts", str(REPO / "facts"), "--quotes", str(SHARED_SOURCES)]
    )
    assert result.exit_code == 0, result.output
