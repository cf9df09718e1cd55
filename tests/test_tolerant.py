"""Errors and warnings: views run on a fact base with problems, leaving out the facts with
errors and what depends on them; knock-on errors are reported once, after their cause."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli import app
from briefing.loader import load
from briefing.validate import _Checker
from tests.conftest import SOURCE

CITE = "sources: [{source: src, quote: q}]"


def big_fact_base(root: Path, events: int = 860) -> Path:
    """Events converted from posts: one quote of 41 words, one unknown stance."""
    root.mkdir()
    (root / "base.yaml").write_text(
        SOURCE
        + "actors:\n"
        + "  - {id: a1, name: Alpha, kind: state, sources: [{source: src, quote: Alpha}]}\n"
        + "  - {id: a2, name: Beta, kind: state, sources: [{source: src, quote: Beta}]}\n"
        + "topics:\n  - {id: t, name: Topic}\n"
        + "positions:\n"
        + f"  - {{id: p1, actor: a1, topic: t, stance: supports, {CITE}}}\n"
        + f"  - {{id: p2, actor: a2, topic: t, stance: suports, {CITE}}}\n"
    )
    lines = ["events:"]
    for i in range(events):
        quote = " ".join(["word"] * 41) if i == events // 2 else f"post {i}"
        lines.append(
            f"  - id: e{i}\n    date: 2022-{1 + i % 12:02d}-{1 + i % 28:02d}\n"
            f"    title: Event {i}\n    actors: [a{1 + i % 2}]\n    topics: [t]\n"
            f'    sources: [{{source: src, quote: "{quote}"}}]'
        )
    (root / "events.yaml").write_text("\n".join(lines) + "\n")
    return root


def test_one_long_quote_and_one_unknown_stance_block_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = str(big_fact_base(tmp_path / "facts"))
    check = runner.invoke(app, ["check", "--facts", root])
    assert check.exit_code == 1
    lines = check.stdout.splitlines()
    assert lines[0].startswith(f"{root}/base.yaml:17: unknown stance `suports`")
    assert lines[1].startswith(f"{root}/events.yaml:2587: warning: quote is 41 words long")
    assert lines[2] == f"1 error and 1 warning in {root} (2 files)"

    timeline = runner.invoke(app, ["timeline", "--facts", root, "-f", "json"])
    assert timeline.exit_code == 0
    assert len(json.loads(timeline.stdout)["events"]) == 860
    assert timeline.stderr == (
        f"briefing: 1 fact left out: it has errors; run `briefing check --facts {root}` "
        "to see why\n"
    )

    brief = runner.invoke(app, ["brief", "--facts", root, "-f", "md"])
    assert brief.exit_code == 0 and brief.stderr.count("\n") == 1
    assert (
        "**Left out.** 1 fact left out because of errors in the fact base "
        f"(run `briefing check`): position p2, {root}/base.yaml:17 (has errors)."
    ) in brief.stdout.replace("\\", "")
    data = json.loads(runner.invoke(app, ["brief", "--facts", root, "-f", "json"]).stdout)
    (gaps,) = [s for s in data["sections"] if s["id"] == "gaps"]
    assert [(e["kind"], e["id"], e["line"]) for e in gaps["left_out"]] == [("position", "p2", 17)]
    rich = runner.invoke(app, ["brief", "--facts", root, "-f", "rich"], env={"COLUMNS": "120"})
    assert "Left out because of errors" in rich.stdout and "position p2" in rich.stdout

    strict = runner.invoke(app, ["--strict", "timeline", "--facts", root])
    assert strict.exit_code == 1 and not strict.stdout
    assert strict.stderr.startswith(f"briefing: {root}/base.yaml:17: unknown stance")
    assert strict.stderr.count("\n") == 1


def test_warnings_fail_check_only_when_strict(
    runner: CliRunner, write: Callable[..., Path]
) -> None:
    body = SOURCE.replace("    reliability: B\n", "") + (
        "events:\n  - id: e\n    date: 2022\n    title: T\n"
    )
    root = str(write(**{"a.yaml": body}))
    check = runner.invoke(app, ["check", "--facts", root])
    assert check.exit_code == 0
    assert check.stdout.splitlines() == [
        f"{root}/a.yaml:2: warning: source `src` has no `reliability` grade: add one, from A "
        "(completely reliable) to F (reliability cannot be judged)",
        f"{root}/a.yaml:10: warning: event `e` is missing `sources`: "
        "add `sources: [{source: ..., quote: ...}]`",
        f"{root}/a.yaml (1 file): no errors, 2 warnings; 1 source, 0 topics, 0 actors, "
        "1 event, 0 positions, 0 relations, 0 judgments, 0 briefs".replace("/a.yaml", ""),
    ]
    for args in (["check", "--strict"], ["--strict", "check"]):
        assert runner.invoke(app, [*args, "--facts", root]).exit_code == 1
    report = json.loads(runner.invoke(app, ["check", "--facts", root, "-f", "json"]).stdout)
    assert (report["ok"], report["errors"], report["warnings"]) == (True, 0, 2)
    assert {p["severity"] for p in report["problems"]} == {"warning"}
    # A warning leaves nothing out and says nothing on stderr; --strict refuses.
    timeline = runner.invoke(app, ["timeline", "--facts", root, "-f", "json"])
    assert timeline.exit_code == 0 and timeline.stderr == ""
    assert [e["id"] for e in json.loads(timeline.stdout)["events"]] == ["e"]
    assert runner.invoke(app, ["--strict", "timeline", "--facts", root]).exit_code == 1


JUDGMENTS = "".join(
    f"  - id: j{i}\n    statement: S\n    by: curator\n    rests_on: [e{i % 6}, e{(i + 3) % 6}]\n"
    "    sources: [{source: src, quote: q}]\n"
    for i in range(17)
)


def quoting_error(write: Callable[..., Path]) -> Path:
    events = "events:\n" + "".join(
        f"  - id: e{i}\n    date: 2022-11-{i + 1:02d}\n"
        + ('    title: "Putin says "no" to the union"\n' if i == 3 else f'    title: "Event {i}"\n')
        + "    sources: [{source: src, quote: q}]\n"
        for i in range(6)
    )
    brief = (
        "briefs:\n  - id: b\n    title: B\n    bottom_line:\n      - {text: P, rests_on: [e1]}\n"
    )
    return write(
        **{
            "sources.yaml": SOURCE,
            "events.yaml": events,
            "judgments.yaml": "judgments:\n" + JUDGMENTS,
            "analysis.yaml": brief,
        }
    )


def test_a_quoting_error_gives_the_real_cause_first_and_no_flood(
    runner: CliRunner, write: Callable[..., Path]
) -> None:
    root = quoting_error(write)
    check = runner.invoke(app, ["check", "--facts", str(root)])
    assert check.exit_code == 1
    assert check.stdout.splitlines() == [
        f"{root}/events.yaml:16:25: YAML syntax error: did not find expected key "
        "(while parsing a block mapping)",
        f"{root}/analysis.yaml:5: `rests_on` refers to `e1`, which has errors "
        f"({root}/events.yaml:16); 34 more references, to it and to `e0`, `e2`, `e3` and "
        "2 more facts (the same error), not listed",
        f"2 errors in {root} (4 files)",
    ]
    loaded = load(root)
    assert len(loaded.facts.left_out) == 6 + 17  # the events, and the judgments on them
    assert {e.depends_on for e in loaded.facts.left_out if e.kind == "judgment"} <= {
        f"e{i}" for i in range(6)
    }
    assert loaded.facts.judgments == () and tuple(loaded.facts.events) == ()


def test_a_fact_with_errors_reserves_its_id(write: Callable[..., Path]) -> None:
    root = write(
        **{
            "a.yaml": SOURCE
            + f"actors:\n  - {{id: a, name: A, kind: stat, {CITE}}}\n"
            + f"  - {{id: b, name: B, kind: state, {CITE}}}\n"
            + "topics:\n  - {id: t, name: T}\n"
            + f"events:\n  - {{id: e, date: 2022-02-30, title: T, {CITE}}}\n"
            + f"  - {{id: f, date: 2022, title: F, actors: [b], {CITE}}}\n"
            + f"positions:\n  - {{id: p, actor: a, topic: t, stance: supports, {CITE}}}\n"
            + f"judgments:\n  - {{id: j, statement: S, by: curator, rests_on: [e, f], {CITE}}}\n"
            + f"  - {{id: k, statement: S, by: curator, rests_on: [j], {CITE}}}\n"
        }
    )
    loaded = load(root)
    messages = [p.message for p in loaded.problems]
    assert messages[:2] == [
        "unknown kind `stat`; did you mean `state`? (one of: state, person, organisation, "
        "international organisation, alliance, government body, armed group, company, group, "
        "region, city, other)",
        "`date` of event `e`: 2022-02-30: February 2022 has no day 30",
    ]
    assert messages[2:] == [
        "`actor` refers to `a`, which has errors (line 11)",
        "`rests_on` refers to `e`, which has errors (line 16)",
    ]
    assert not any("unknown fact" in m for m in messages)
    assert [(e.id, e.depends_on) for e in loaded.facts.left_out] == [
        ("a", ""),
        ("e", ""),
        ("p", "a"),
        ("j", "e"),
        ("k", "j"),
    ]
    assert [a.id for a in loaded.facts.actors] == ["b"]
    assert [e.id for e in loaded.facts.events] == ["f"]
    assert loaded.facts.positions == () and loaded.facts.judgments == ()


def test_suggestions_offer_only_ids_of_the_kind_the_field_expects(
    write: Callable[..., Path],
) -> None:
    cited = "sources: [{source: src, quote: q}]"
    root = write(
        **{
            "a.yaml": SOURCE
            + f"actors:\n  - {{id: russia, name: Russia, kind: state, {cited}}}\n"
            + "topics:\n  - {id: gas, name: Gas}\n"
            + "positions:\n"
            + f"  - {{id: russian, actor: russia, topic: gas, stance: supports, {cited}}}\n"
            + "judgments:\n"
            + f"  - {{id: russia-gas, statement: S, by: russa, actors: [russi], {cited}}}\n"
            + "briefs:\n  - {id: b, title: B, judgments: [russian-gas]}\n"
        }
    )
    messages = [p.message for p in load(root).problems]
    assert messages == [
        "unknown actor `russi` in `actors`; did you mean `russia`?",
        "unknown judge `russa` in `by`; did you mean `russia`? "
        "(use author, curator or an actor id)",
        "unknown judgment `russian-gas` in `judgments`; did you mean `russia-gas`?",
    ]


def test_both_facts_of_a_duplicate_id_are_left_out(write: Callable[..., Path]) -> None:
    event = "  - {id: a, date: 2021, title: A, sources: [{source: src, quote: q}]}\n"
    root = write(**{"a.yaml": SOURCE + "events:\n" + event, "b.yaml": "events:\n" + event})
    loaded = load(root)
    assert tuple(loaded.facts.events) == ()
    assert [(e.origin.path.rsplit("/", 1)[1], e.id) for e in loaded.facts.left_out] == [
        ("a.yaml", "a"),
        ("b.yaml", "a"),
    ]


@pytest.mark.parametrize("fast", [True, False])
def test_left_out_facts_are_the_same_parsed_or_cached(
    write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, fast: bool
) -> None:
    root = quoting_error(write)
    (root / "more.yaml").write_text(
        "events:\n  - {id: g, date: soon, title: G, sources: [{source: src, quote: q}]}\n"
        "  - {id: h, date: 2022, title: H, sources: [{source: src, quote: "
        + " ".join(["w"] * 41)
        + "}]}\n"
    )
    if not fast:
        monkeypatch.setattr(_Checker, "clean_event_node", lambda self, node, origin: None)
    parsed = load(root, use_cache=False)
    load(root)
    cached = load(root)
    for loaded in (cached, load(root, use_cache=False)):
        assert loaded.problems == parsed.problems
        assert loaded.facts.left_out == parsed.facts.left_out
        assert tuple(loaded.facts.events) == tuple(parsed.facts.events)
    assert [e.id for e in parsed.facts.events] == ["h"]


def test_info_counts_errors_warnings_and_facts_left_out(runner: CliRunner, tmp_path: Path) -> None:
    root = str(big_fact_base(tmp_path / "facts", events=4))
    info = runner.invoke(app, ["info", "--facts", root])
    assert "problems:  1 error and 1 warning; 1 fact left out of views" in info.stdout
    data = json.loads(runner.invoke(app, ["info", "--facts", root, "-f", "json"]).stdout)
    assert (data["problems"], data["warnings"], data["left_out"]) == (2, 1, 1)


def test_export_refuses_errors_but_not_warnings(runner: CliRunner, tmp_path: Path) -> None:
    root = str(big_fact_base(tmp_path / "facts", events=4))
    assert runner.invoke(app, ["export", "--facts", root]).exit_code == 1
    (Path(root) / "base.yaml").write_text(
        (Path(root) / "base.yaml").read_text().replace("suports", "supports")
    )
    assert runner.invoke(app, ["export", "--facts", root]).exit_code == 0
    assert runner.invoke(app, ["--strict", "export", "--facts", root]).exit_code == 1
