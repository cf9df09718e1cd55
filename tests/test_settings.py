"""A fact base's settings.yaml: read with its problems by path:line, never taken for facts,
extending the vocabularies the validator accepts, and part of the parse cache's key."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from briefing.loader import discover, load
from briefing.settings import DEFAULT, Settings, load_settings
from tests.conftest import SOURCE

POSITION = """\
actors:
  - {id: a, name: A, kind: account}
topics:
  - {id: t, name: T}
positions:
  - {id: p, actor: a, topic: t, stance: investigating, sources: [{source: src, quote: q}]}
"""
SETTINGS = """\
dates:
  numeric: day-first
stances:
  investigating: looking into it before taking a side
actor_kinds:
  account: a social-media account
relation_types:
  follows: reads the other's posts
"""


def test_settings_are_read_and_not_taken_for_a_fact_file(write: Callable[..., Path]) -> None:
    root = write(**{"a.yaml": SOURCE + POSITION, "settings.yaml": SETTINGS})
    settings, problems = load_settings(root)
    assert problems == []
    assert settings == Settings(
        "day-first",
        {"investigating": "looking into it before taking a side"},
        {"follows": "reads the other's posts"},
        {"account": "a social-media account"},
    )
    assert [p.name for p in discover(root).paths] == ["a.yaml"]
    loaded = load(root)
    assert loaded.problems == []
    assert loaded.facts.positions[0].stance == "investigating"


def test_a_fact_base_without_settings_keeps_the_format_s_own_terms(
    write: Callable[..., Path],
) -> None:
    root = write(**{"a.yaml": SOURCE + POSITION})
    assert load_settings(root) == (DEFAULT, [])
    messages = [p.message for p in load(root).problems]
    assert messages[0].startswith("unknown kind `account`")
    assert messages[1].startswith("unknown stance `investigating`; did you mean `undecided`?")


def test_a_bad_settings_file_gives_problems_with_lines(write: Callable[..., Path]) -> None:
    bad = (
        "dates: {numeric: middle-first}\n"
        "stances:\n  supports: already there\n  Big Word: x\n  fine: ''\n"
        "colours: {}\n"
    )
    root = write(**{"a.yaml": SOURCE, "settings.yaml": bad})
    assert [str(p).split("settings.yaml:")[1] for p in load(root).problems] == [
        "1: `numeric` is `middle-first`, but must be month-first or day-first",
        "3: `supports` is already a stance; list only new ones",
        "4: stance `Big Word` must be lower-case letters and digits, words joined by spaces "
        "or '-' (at most 40 characters)",
        "5: stance `fine` needs a one-line definition as its value",
        "6: unknown setting `colours`; settings are dates, stances, relation_types, actor_kinds",
    ]


def test_a_settings_file_that_is_not_yaml_is_a_problem_not_a_traceback(
    write: Callable[..., Path],
) -> None:
    root = write(**{"a.yaml": SOURCE, "settings.yml": "stances: [\n"})
    (problem,) = load(root).problems
    assert problem.path.endswith("settings.yml") and problem.line >= 1


def test_the_cache_is_not_reused_under_other_settings(write: Callable[..., Path]) -> None:
    root = write(**{"a.yaml": SOURCE + POSITION, "settings.yaml": SETTINGS})
    assert load(root).problems == []
    assert load(root).problems == []  # served from the cache
    (root / "settings.yaml").write_text("dates: {numeric: day-first}\n", encoding="utf-8")
    # Read again: `account` and `investigating` unknown, and the position whose actor has
    # the unknown kind refers to a fact with errors.
    assert len(load(root).problems) == 3
    (root / "settings.yaml").write_text(SETTINGS, encoding="utf-8")
    assert load(root).problems == []


def test_a_settings_file_holding_a_list_says_what_a_settings_file_is(
    write: Callable[..., Path],
) -> None:
    root = write(**{"a.yaml": SOURCE, "settings.yaml": "- stances\n"})
    assert [p.message for p in load(root).problems] == [
        "a settings file is a mapping of settings such as `stances:` and `dates:`"
    ]
