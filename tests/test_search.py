"""`briefing search`: singular and plural, names by their aliases, and near spellings."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing import query
from briefing.cli import app
from briefing.loader import load
from briefing.model import FactBase
from tests.conftest import SOURCE

FACTS = (
    SOURCE
    + """
topics:
  - id: gas-union
    name: The gas union
    aliases: [trilateral gas alliance]
actors:
  - id: kyiv
    name: Kyiv
    kind: city
    aliases: [Kiev]
    sources: [{source: src, quote: "Kyiv"}]
  - id: eu
    name: European Union
    kind: international organisation
    aliases: [the EU]
    sources: [{source: src, quote: "the EU"}]
events:
  - id: shelling
    date: 2022-02-25
    title: Shelling reaches the outskirts of Kyiv
    sources: [{source: src, quote: "Kyiv"}]
  - id: old-name
    date: 2022-03-01
    title: Trains leave Kiev station again
    sources: [{source: src, quote: "Kiev"}]
  - id: island
    date: 2022-06-30
    title: Troops leave Snake Island
    summary: A retreat from the island in the Black Sea.
    sources: [{source: src, quote: "Snake Island"}]
  - id: countries
    date: 2022-07-01
    title: Three countries agree on a gas union
    topics: [gas-union]
    sources: [{source: src, quote: "three countries"}]
  - id: europe
    date: 2022-07-02
    title: Neutral observers arrive
    summary: Reuters and the EU send observers.
    sources: [{source: src, quote: "observers"}]
  - id: venue
    date: 2022-07-03
    title: Europe picks a neutral venue
    sources: [{source: src, quote: "venue"}]
"""
)


@pytest.fixture
def facts(write: Callable[..., Path]) -> FactBase:
    loaded = load(write(**{"facts.yaml": FACTS}), use_cache=False)
    assert loaded.problems == []
    return loaded.facts


def ids(facts: FactBase, text: str) -> set[str]:
    return {h.fact.id for h in query.search(facts, text)}


def test_a_plural_finds_the_singular_and_back(facts: FactBase) -> None:
    assert ids(facts, "snake islands") == ids(facts, "Snake Island") == {"island"}
    assert ids(facts, "country") == ids(facts, "countries") == {"countries"}


def test_an_alias_finds_what_the_name_finds(facts: FactBase) -> None:
    assert ids(facts, "Kiev") == ids(facts, "Kyiv") == {"kyiv", "shelling", "old-name"}
    assert "countries" in ids(facts, "trilateral gas alliance")


def test_a_short_alias_is_found_only_as_a_word(facts: FactBase) -> None:
    # "eu" stands for the European Union, but is not looked for inside "neutral" or "Europe".
    assert ids(facts, "European Union") == {"eu", "europe"}
    hits = {h.fact.id: h for h in query.search(facts, "European Union")}
    assert hits["europe"].words == ("eu",)


def test_a_word_repeated_or_in_another_form_is_one_term(facts: FactBase) -> None:
    assert query.search(facts, "island islands Island") == query.search(facts, "island")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("gaz union", "gas union"), ("snake iland", "snake island"), ("kiyv", "kyiv")],
)
def test_a_near_spelling_is_suggested(facts: FactBase, typed: str, meant: str) -> None:
    assert query.search(facts, typed) == []
    assert query.search_suggestion(facts, typed) == meant


def test_no_suggestion_without_a_close_word_or_when_words_exist(facts: FactBase) -> None:
    assert query.search_suggestion(facts, "zzqx") is None
    # Every word exists, only not together: no spelling to correct.
    assert query.search(facts, "kyiv observers") == []
    assert query.search_suggestion(facts, "kyiv observers") is None


def test_the_suggestion_in_every_format(
    write: Callable[..., Path], runner: CliRunner, facts: FactBase
) -> None:
    root = str(write(**{"facts.yaml": FACTS}))
    args = ["search", "gaz union", "--facts", root]
    md = runner.invoke(app, [*args, "-f", "md"])
    assert md.stdout.endswith("No facts match; did you mean “gas union”?\n")
    rich = runner.invoke(app, [*args, "-f", "rich", "--no-color"])
    assert rich.stdout == "No facts match “gaz union”; did you mean “gas union”?\n"
    data = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert data["results"] == [] and data["suggestion"] == "gas union"
    found = json.loads(
        runner.invoke(app, ["search", "gas union", "--facts", root, "-f", "json"]).stdout
    )
    assert found["suggestion"] is None
