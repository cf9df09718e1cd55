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


EVENT = "events:\n  - {id: e, date: '%s', title: T, sources: [{source: src, quote: q}]}\n"


def test_the_numeric_order_reads_numeric_dates_on_every_path(write: Callable[..., Path]) -> None:
    from datetime import date

    root = write(**{"a.yaml": SOURCE + EVENT % "24.02.2022 05:45"})
    (problem,) = load(root, use_cache=False).problems
    assert "`dates: {numeric: month-first}`" in problem.message  # names the setting
    (root / "settings.yaml").write_text("dates: {numeric: day-first}\n", encoding="utf-8")
    for use_cache in (False, True, True):  # parsed, then written to and read from the cache
        loaded = load(root, use_cache=use_cache)
        assert loaded.problems == []
        (event,) = loaded.facts.events
        assert event.date.start == date(2022, 2, 24)
    (root / "settings.yaml").write_text("dates: {numeric: month-first}\n", encoding="utf-8")
    assert "no month 24" in " ".join(p.message for p in load(root).problems).replace("`", "")


def test_import_and_actors_kind_use_the_settings(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from briefing.cli import app

    root = write(**{"a.yaml": SOURCE, "settings.yaml": SETTINGS})
    csv = tmp_path / "rows.csv"
    csv.write_text(
        "date,title,actors,actor_kinds,source_title,source_reliability,quote\n"
        "4/3/2023 09:30,Harbour closes,@harbour_watch,account,A post,C,the harbour is shut\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(app, ["import", str(csv), "--into", str(root)])
    assert result.exit_code == 0, result.output
    (event,) = load(root, use_cache=False).facts.events
    assert event.date.text == "4/3/2023 09:30"
    assert event.date.start is not None and event.date.start.month == 3  # day-first
    listed = runner.invoke(app, ["actors", "--kind", "account", "--facts", str(root), "-f", "json"])
    assert listed.exit_code == 0, listed.output
    assert "@harbour_watch" in listed.stdout


def test_the_schema_takes_the_terms_the_settings_add(write: Callable[..., Path]) -> None:
    import json

    import jsonschema  # type: ignore[import-untyped]
    from typer.testing import CliRunner

    from briefing.cli import app

    runner = CliRunner()
    root = write(**{"a.yaml": SOURCE, "settings.yaml": SETTINGS})
    fact_file = {
        "actors": [{"id": "a", "name": "A", "kind": "account"}],
        "positions": [
            {
                "id": "p",
                "actor": "a",
                "topic": "t",
                "stance": "investigating",
                "sources": [{"source": "s", "quote": "q"}],
            }
        ],
        "relations": [
            {
                "id": "r",
                "subject": "a",
                "type": "follows",
                "object": "a",
                "sources": [{"source": "s", "quote": "q"}],
            }
        ],
    }
    extended = json.loads(runner.invoke(app, ["schema", "--facts", str(root)]).stdout)
    assert list(jsonschema.Draft202012Validator(extended).iter_errors(fact_file)) == []
    plain = json.loads(runner.invoke(app, ["schema"]).stdout)
    refused = {e.instance for e in jsonschema.Draft202012Validator(plain).iter_errors(fact_file)}
    assert refused == {"account", "investigating", "follows"}
    (root / "settings.yaml").write_text("stances: [x]\n", encoding="utf-8")
    bad = runner.invoke(app, ["schema", "--facts", str(root)])
    assert bad.exit_code == 1 and "settings.yaml:1:" in bad.stderr and bad.stdout == ""
