"""`briefing brief` has a length: bounded lists per `--level`, gaps as counts with a few
examples, relations among the key actors, and an as-of date taken from the facts."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from briefing import spec
from briefing.brief import LEVEL_SECTIONS, LIMITS
from briefing.cli import Level, app
from tests.conftest import REPO, SOURCE
from tests.test_views import check_markdown


def invoke(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def sections(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in data["sections"]}


def test_levels_are_one_list() -> None:
    assert tuple(Level) == spec.BRIEF_LEVELS == tuple(LIMITS) == tuple(LEVEL_SECTIONS)
    assert spec.DEFAULT_BRIEF_LEVEL in spec.BRIEF_LEVELS and not LIMITS["full"]


def test_readme_gives_the_limits_of_each_level() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("| list | summary | standard |", 1)[1].split("\n\n", 1)[0]
    numbers = [int(n) for n in re.findall(r"\| (\d+) (?=\|)", table)]
    matrix = re.search(r"\| (\d+) × (\d+) \|", table)
    assert matrix is not None
    documented = sorted([*numbers, int(matrix[1]), int(matrix[2])])
    assert documented == sorted([*LIMITS["summary"].values(), *LIMITS["standard"].values()])


def test_summary_of_the_bundled_brief_is_at_most_40_lines(runner: CliRunner) -> None:
    md = invoke(runner, "brief", "-f", "md", "--level", "summary")
    assert len(md.splitlines()) <= 40
    headings = re.findall(r"^## (.+)$", md, flags=re.M)
    assert headings == ["Bottom line up front", "Key judgments", "Outlook and indicators to watch"]
    assert "Rests on" not in md
    assert "*and 3 more points: `briefing brief central-asia --level full`*" in md
    check_markdown(md)
    full = json.loads(invoke(runner, "brief", "-f", "json", "--level", "full"))
    summary = json.loads(invoke(runner, "brief", "-f", "json", "--level", "summary"))
    assert summary["brief"]["level"] == "summary"
    points = sections(full)["bottom-line"]["points"]
    assert sections(summary)["bottom-line"]["points"] == points[:3]
    assert sections(summary)["bottom-line"]["more"]["bottom-line"]["count"] == len(points) - 3


def test_full_level_cuts_nothing(runner: CliRunner) -> None:
    md = invoke(runner, "brief", "-f", "md", "--level", "full")
    assert "more" not in " ".join(re.findall(r"^\*and .*", md, flags=re.M))
    data = json.loads(invoke(runner, "brief", "-f", "json", "--level", "full"))
    assert not any("more" in s for s in data["sections"])
    judgments = sections(data)["key-judgments"]["judgments"]
    assert len(judgments) == 10  # all the brief lists


@pytest.fixture(scope="module")
def thousand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated fact base of 1,000 events (bench/generate.py), with its brief."""
    from bench.generate import generate

    out = tmp_path_factory.mktemp("thousand")
    generate(out, events=1000, files=10)
    return out


def without_brief(base: Path, tmp_path: Path) -> Path:
    """The same facts without a brief: the default brief covers them all."""
    folder = tmp_path / "all"
    for path in base.rglob("*.yaml"):
        if path.name != "briefs.yaml":
            target = folder / path.relative_to(base)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    return folder


@pytest.mark.parametrize("scoped", [True, False])
def test_standard_brief_of_1000_events_is_bounded(
    runner: CliRunner, thousand: Path, tmp_path: Path, scoped: bool
) -> None:
    folder = thousand if scoped else without_brief(thousand, tmp_path)
    md = invoke(runner, "brief", "--facts", str(folder), "-f", "md")
    lines = md.splitlines()
    assert len(lines) <= 250
    assert max(len(line) for line in lines) <= 1000
    # A generated base's events run to 2024: the brief is as of its latest event, so it
    # has recent developments, and what each list leaves out is pointed at.
    assert "## Recent developments" in md
    assert re.search(r"^\*and [\d,]+ more earlier events: `briefing timeline --until ", md, re.M)
    check_markdown(md)
    full = invoke(runner, "brief", "--facts", str(folder), "-f", "md", "--level", "full")
    assert len(full.splitlines()) > len(lines)


def test_terminal_says_what_a_list_leaves_out(runner: CliRunner, thousand: Path) -> None:
    out = invoke(runner, "brief", "--facts", str(thousand), "-f", "rich", "--no-color")
    text = " ".join(out.split())
    assert re.search(r"and [\d,]+ more earlier events: briefing timeline --until \d", text)


def test_standard_brief_bounds_each_list(runner: CliRunner, thousand: Path) -> None:
    data = json.loads(invoke(runner, "brief", "--facts", str(thousand), "-f", "json"))
    by_id = sections(data)
    limits = LIMITS["standard"]
    assert len(by_id["background"]["events"]) == limits["earlier"]
    assert len(by_id["background"]["positions"]) <= limits["positions"]
    assert len(by_id["sources"]["sources"]) == limits["sources"]
    assert by_id["sources"]["more"]["sources"]["command"] == "briefing sources"
    gaps = by_id["gaps"]
    assert gaps["counts"]["single_origin"] > len(gaps["single_origin"]) == limits["gaps"]
    whole = json.loads(
        invoke(runner, "brief", "--facts", str(thousand), "-f", "json", "--level", "full")
    )
    every = sections(whole)["background"]["events"]
    more = by_id["background"]["more"]["earlier"]
    assert more["count"] == len(every) - limits["earlier"]
    assert by_id["background"]["events"] == every[-limits["earlier"] :]


EVENTS_2023 = """\
events:
  - id: first
    date: 2023-01-10
    title: First talks
    actors: [ruritania, borduria]
    sources: [{source: src, quote: talks}]
  - id: last
    date: 2023-06-30
    title: Last talks
    actors: [ruritania]
    sources: [{source: src, quote: talks}]
"""
ACTORS = """\
actors:
  - {id: ruritania, name: Ruritania, kind: state, sources: [{source: src, quote: R}]}
  - {id: borduria, name: Borduria, kind: state, sources: [{source: src, quote: B}]}
  - {id: far, name: Farland, kind: state, sources: [{source: src, quote: F}]}
"""
RELATIONS = "relations:\n" + "".join(
    f"  - {{id: {i}, subject: ruritania, type: {kind}, object: {other},"
    f" sources: [{{source: src, quote: {kind}}}]}}\n"
    for i, kind, other in (
        ("r1", "borders", "borduria"),
        ("r2", "near", "borduria"),
        ("r3", "leads", "borduria"),
        ("r4", "borders", "far"),
    )
)


def test_default_as_of_is_the_latest_event_then_the_brief_s_date(
    runner: CliRunner, write: Callable[..., Path]
) -> None:
    folder = write(**{"sources.yaml": SOURCE, "actors.yaml": ACTORS, "events.yaml": EVENTS_2023})
    data = json.loads(invoke(runner, "brief", "--facts", str(folder), "-f", "json"))
    assert data["brief"]["window"]["end"] == "2023-06-30"
    assert [e["id"] for e in sections(data)["recent"]["events"]] == ["last"]
    (folder / "briefs.yaml").write_text(
        "briefs:\n  - {id: b, title: B, date: 2023-02-01, actors: [ruritania]}\n",
        encoding="utf-8",
    )
    data = json.loads(invoke(runner, "brief", "--facts", str(folder), "-f", "json"))
    assert data["brief"]["window"]["end"] == "2023-02-01"
    assert [e["id"] for e in sections(data)["recent"]["events"]] == ["first"]
    data = json.loads(
        invoke(runner, "brief", "--facts", str(folder), "-f", "json", "--as-of", "2023-03-01")
    )
    assert data["brief"]["window"]["end"] == "2023-03-01"


def test_relations_are_among_key_actors_of_the_brief_s_types(
    runner: CliRunner, write: Callable[..., Path]
) -> None:
    brief = "briefs:\n  - {id: b, title: B, actors: [ruritania, borduria]%s}\n"
    folder = write(
        **{
            "sources.yaml": SOURCE,
            "actors.yaml": ACTORS,
            "events.yaml": EVENTS_2023,
            "relations.yaml": RELATIONS,
            "briefs.yaml": brief % "",
        }
    )

    def shown() -> list[str]:
        data = json.loads(invoke(runner, "brief", "--facts", str(folder), "-f", "json"))
        return [r["id"] for r in sections(data)["background"]["relations"]]

    assert shown() == ["r1", "r3"]  # not `near`; not Farland, outside the key actors
    (folder / "briefs.yaml").write_text(brief % ", relations: [near, leads]", encoding="utf-8")
    assert shown() == ["r2", "r3"]


def test_a_brief_s_relation_types_are_checked_and_extend_with_settings(
    runner: CliRunner, write: Callable[..., Path]
) -> None:
    folder = write(
        **{
            "sources.yaml": SOURCE,
            "actors.yaml": ACTORS,
            "briefs.yaml": "briefs:\n  - {id: b, title: B, relations: [lead, mentors]}\n",
        }
    )
    result = runner.invoke(app, ["check", "--facts", str(folder)])
    assert result.exit_code != 0
    assert "unknown relations `lead`; did you mean `leads`" in result.output
    (folder / "settings.yaml").write_text(
        "relation_types:\n  mentors: guides another actor\n", encoding="utf-8"
    )
    (folder / "briefs.yaml").write_text(
        "briefs:\n  - {id: b, title: B, relations: [leads, mentors]}\n", encoding="utf-8"
    )
    assert runner.invoke(app, ["check", "--facts", str(folder)]).exit_code == 0


def test_single_origin_is_no_gap_when_the_base_has_one_source(
    runner: CliRunner, write: Callable[..., Path]
) -> None:
    folder = write(**{"sources.yaml": SOURCE, "actors.yaml": ACTORS, "events.yaml": EVENTS_2023})

    def gaps() -> dict[str, Any]:
        data = json.loads(invoke(runner, "brief", "--facts", str(folder), "-f", "json"))
        return sections(data).get("gaps", {"counts": {"single_origin": 0}})

    assert gaps()["counts"]["single_origin"] == 0
    md = invoke(runner, "brief", "--facts", str(folder), "-f", "md")
    assert "Single origin" not in md
    second = SOURCE.replace("id: src", "id: other").replace("sources:\n", "")
    (folder / "sources.yaml").write_text(SOURCE + second, encoding="utf-8")
    assert gaps()["counts"]["single_origin"] == 2


def test_matrix_keeps_the_most_filled_topics_and_actors_with_a_stance_on_them(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = sections(json.loads(invoke(runner, "brief", "-f", "json", "--level", "full")))
    matrix = whole["positions"]["matrix"]
    filled = {t["id"]: 0 for t in matrix["topics"]}
    for cell in matrix["cells"]:
        filled[cell["topic"]] += 1
    monkeypatch.setitem(LIMITS["standard"], "matrix-topics", 1)
    monkeypatch.setitem(LIMITS["standard"], "matrix-actors", 1)
    cut = sections(json.loads(invoke(runner, "brief", "-f", "json")))["positions"]
    (topic,) = cut["matrix"]["topics"]
    assert filled[topic["id"]] == max(filled.values())
    (actor,) = cut["matrix"]["actors"]
    assert [(c["actor"], c["topic"]) for c in cut["matrix"]["cells"]] == [
        (actor["id"], topic["id"])
    ]
    assert cut["more"] == {
        "matrix-actors": {
            "count": len({c["actor"] for c in matrix["cells"] if c["topic"] == topic["id"]}) - 1,
            "command": "briefing positions --matrix",
        },
        "matrix-topics": {"count": len(filled) - 1, "command": "briefing positions --matrix"},
    }
    md = invoke(runner, "brief", "-f", "md")
    assert f"*and {len(filled) - 1} more topics: `briefing positions --matrix`*" in md
