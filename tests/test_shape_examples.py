"""Errors that teach: a problem with the shape of what was written shows the shape the
format wants, as two or three lines of YAML from the spec's own examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from briefing import examples, spec
from briefing.cli import whole_app

app = whole_app()  # `add` included

BROKEN = """\
briefs:
  - id: b
    title: B
    bottom_line:
      - Kazakhstan gains
    indicators: watch Astana
events: {a: 1}
actors:
  - id: a
    name: A
    kind: state
    aliases: {x: 1}
    roles: president
  - just a name
positions:
  - id: p
    actor: a
    topic: t
    stance: supports
    sources: a-source
  - id: p2
    actor: a
    topic: t
    stance: supports
    sources: [a-source]
relations:
  - id: r
    subject: a
    type: leads
    object: a
    place: [here]
"""
# Each shape problem: its line, the start of its message, and the key its example shows.
WANTED = [
    (5, "each point of brief `b` must be a mapping", "bottom_line"),
    (6, "`indicators` of brief `b` must be a list", "indicators"),
    (7, "`events` must be a list of items", "events"),
    (12, "`aliases` of actor `a` must be text, not a mapping", "aliases"),
    (13, "`roles` of actor `a` must be a list", "roles"),
    (14, "each actor must be a mapping of fields", "actors"),
    (20, "`sources` of position `p` must be a list of {source, quote} entries", "sources"),
    (25, "a citation of position `p2` must be a mapping {source, quote}", "sources"),
]


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    (tmp_path / "facts.yaml").write_text(BROKEN, encoding="utf-8")
    return tmp_path


def test_every_shape_problem_shows_the_shape_wanted(runner: CliRunner, broken: Path) -> None:
    for attempt in ("cold", "warm"):  # the examples survive the cache
        result = runner.invoke(app, ["check", "--facts", str(broken)])
        assert result.exit_code == 1, attempt
        lines = result.stdout.splitlines()
        for line, message, key in WANTED:
            where = f"facts.yaml:{line}: "
            (at,) = [n for n, text in enumerate(lines) if where in text and text[0] != " "]
            assert lines[at].split(where, 1)[1].startswith(message), lines[at]
            assert lines[at].endswith("; write it as:"), lines[at]
            example = []
            for text in lines[at + 1 :]:
                if not text.startswith("    "):
                    break
                example.append(text[4:])
            assert 1 <= len(example) <= 3, example
            assert list(yaml.safe_load("\n".join(example))) == [key], example


def test_json_carries_the_example(runner: CliRunner, broken: Path) -> None:
    result = runner.invoke(app, ["check", "--facts", str(broken), "-f", "json"])
    problems = json.loads(result.stdout)["problems"]
    shapes = {p["line"]: p["example"] for p in problems if p["example"]}
    assert set(shapes) >= {line for line, _, _ in WANTED}
    assert all(p["example"] is None for p in problems if p["line"] not in shapes)


def test_every_field_has_an_example_that_reads_as_yaml() -> None:
    for collection, fields in spec.COLLECTION_FIELDS.items():
        shown = yaml.safe_load(examples.example(collection))
        assert list(shown) == [collection] and isinstance(shown[collection], list)
        nested = [*spec.CITATION, *spec.PLACE, *(f for fs in spec.NESTED.values() for f in fs)]
        for f in [*fields, *nested]:
            text = examples.example(f.name, collection)
            assert text and len(text.splitlines()) <= 3, (collection, f.name)
            assert list(yaml.safe_load(text)) == [f.name], text


def test_a_file_that_is_not_a_mapping_shows_one(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "events.yaml").write_text("- id: e\n  date: 2022\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--facts", str(tmp_path)])
    assert "a fact file is a mapping of collections" in result.stdout
    assert "; write it as:\n    events:\n      - id: example-event\n" in result.stdout
