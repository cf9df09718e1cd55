"""`briefing export`: the stable, normalised shape scripts rely on."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from briefing.cli import app
from tests.conftest import FIXTURES, GOLDEN

MINI = str(FIXTURES / "mini")


def test_json_export_matches_golden(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", "--facts", MINI, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (GOLDEN / "export-mini.json").read_text(encoding="utf-8")


def test_yaml_export_matches_golden(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", "--facts", MINI, "-f", "yaml"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (GOLDEN / "export-mini.yaml").read_text(encoding="utf-8")


def test_export_shape(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(app, ["export", "--facts", MINI]).stdout)
    assert list(data) == [
        "sources",
        "topics",
        "actors",
        "events",
        "positions",
        "relations",
        "judgments",
        "briefs",
    ]
    event = data["events"][0]
    assert {k: event[k] for k in ("id", "date", "start", "end", "precision")} == {
        "id": "deal-signed",
        "date": "late November 2022",
        "start": "2022-11-21",
        "end": "2022-11-30",
        "precision": "part-of-month",
    }
    assert event["sources"][0] == {
        "source": "daily-2022-12-01",
        "quote": "signed the deal in late November",
        "note": "paragraph 1",
    }
    actor = data["actors"][0]
    assert (actor["name"], actor["kind"], actor["aliases"]) == (
        "Ruritania",
        "state",
        ["Ruritanian", "Strelsau"],
    )
    capital = actor["attributes"][1]
    assert (capital["value"], capital["start"], capital["end"]) == ("Strelsau", "2020-03-11", None)
    for collection in data.values():
        for item in collection:
            if "sources" in item:
                assert item["sources"], item


def test_export_refuses_a_fact_base_with_problems(runner: CliRunner, tmp_path) -> None:
    (tmp_path / "a.yaml").write_text("actros: []\n")
    result = runner.invoke(app, ["export", "--facts", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "unknown collection `actros`; did you mean `actors`?" in result.stderr
    assert "run `briefing check --facts" in result.stderr
