"""The views in Markdown and JSON: golden files, valid CommonMark, filters and errors."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from typer.testing import CliRunner

from briefing.cli import app
from briefing.loader import bundled_facts, load
from briefing.query import find_topic
from briefing.render.markdown import MarkdownRenderer
from briefing.views import Basis, TimelineView
from tests.conftest import FIXTURES, GOLDEN

MINI = str(FIXTURES / "mini")
VIEWS = GOLDEN / "views"
# (golden name, command line) for every view; see tests/golden/regenerate.sh.
CASES = {
    "timeline": ["timeline"],
    "actor-ruritania": ["actor", "ruritania"],
    "actor-ruritania-2020": ["actor", "ruritania", "--as-of", "2020-01"],
    "actors": ["actors"],
    "positions": ["positions"],
    "matrix": ["positions", "--matrix"],
    "sources": ["sources"],
    "search-deal": ["search", "deal"],
}


def invoke(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("fmt", ["md", "json"])
@pytest.mark.parametrize("name", list(CASES))
def test_view_matches_golden(runner: CliRunner, name: str, fmt: str) -> None:
    out = invoke(runner, *CASES[name], "--facts", MINI, "-f", fmt)
    assert out == (VIEWS / f"{name}.{fmt}").read_text(encoding="utf-8")


REAL = str(FIXTURES / "real-events")
# Views of a fact base with places, event pages, `x-` fields, untitled sources and its own
# terms in settings.yaml.
REAL_CASES = {
    "timeline": ["timeline"],
    "actor-port-authority": ["actor", "port-authority"],
    "sources": ["sources"],
}


@pytest.mark.parametrize("fmt", ["md", "json"])
@pytest.mark.parametrize("name", list(REAL_CASES))
def test_real_events_view_matches_golden(runner: CliRunner, name: str, fmt: str) -> None:
    out = invoke(runner, *REAL_CASES[name], "--facts", REAL, "-f", fmt)
    check_markdown(out) if fmt == "md" else json.loads(out)
    assert out == (VIEWS / f"real-events-{name}.{fmt}").read_text(encoding="utf-8")


STANCES = str(FIXTURES / "stances")
# Successive positions of one actor on one topic.
STANCES_CASES = {
    "history": ["positions", "--history"],
    "matrix": ["positions", "--matrix"],
    "matrix-2021": ["positions", "--matrix", "--as-of", "2021-06"],
    "actor-ruritania": ["actor", "ruritania"],
    "actor-council": ["actor", "council"],
}


@pytest.mark.parametrize("fmt", ["md", "json"])
@pytest.mark.parametrize("name", list(STANCES_CASES))
def test_stances_view_matches_golden(runner: CliRunner, name: str, fmt: str) -> None:
    out = invoke(runner, *STANCES_CASES[name], "--facts", STANCES, "-f", fmt)
    check_markdown(out) if fmt == "md" else json.loads(out)
    assert out == (VIEWS / f"stances-{name}.{fmt}").read_text(encoding="utf-8")


def check_markdown(text: str) -> None:
    """Valid CommonMark+GFM: every footnote defined, every table row as wide as its header."""
    assert "\x1b" not in text
    parser = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
    tokens = parser.parse(text)
    inline = [c for t in tokens for c in t.children or []]
    refs = [c.meta["label"] for c in inline if c.type == "footnote_ref"]
    defined = [t.meta["label"] for t in tokens if t.type == "footnote_open"]
    # A reference without a definition stays plain text, so count what was written too:
    # every [^N] not escaped by an odd number of backslashes.
    written = [
        m
        for m in re.finditer(r"\[\^\d+\](?!:)", text)
        if (m.start() - len(text[: m.start()].rstrip("\\"))) % 2 == 0
    ]
    assert len(refs) == len(written)
    assert set(refs) == set(defined)
    assert len(defined) == len(set(defined))
    widths: list[int] = []
    cells = 0
    for token in tokens:
        if token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            widths.append(cells)
        elif token.type == "table_close":
            assert len(set(widths)) == 1, widths
            widths = []
    # Every delimiter row written became a table.
    delimiter_rows = re.findall(r"^\|( --- \|)+$", text, flags=re.M)
    assert len(delimiter_rows) == sum(t.type == "table_open" for t in tokens)


@pytest.mark.parametrize("name", list(CASES))
def test_golden_markdown_is_valid(name: str) -> None:
    check_markdown((VIEWS / f"{name}.md").read_text(encoding="utf-8"))


def footnote_numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", text)]


def test_footnotes_are_numbered_in_order_and_each_defined_once(runner: CliRunner) -> None:
    out = invoke(runner, "actor", "kazakhstan", "-f", "md")
    check_markdown(out)
    used = list(dict.fromkeys(footnote_numbers(out)))
    assert used == list(range(1, len(used) + 1))
    definitions = re.findall(r"^\[\^(\d+)\]:", out, flags=re.M)
    assert definitions == [str(n) for n in used]


@pytest.mark.parametrize(
    "args",
    [
        ["timeline"],
        ["actor", "Kazakhstan"],
        ["actor", "putin"],
        ["actors"],
        ["positions"],
        ["positions", "--matrix"],
        ["sources"],
        ["search", "gas union"],
    ],
)
def test_bundled_views_are_valid_markdown_and_json(runner: CliRunner, args: list[str]) -> None:
    check_markdown(invoke(runner, *args, "-f", "md"))
    data = json.loads(invoke(runner, *args, "-f", "json"))
    assert "as_of" in data


def test_markdown_is_the_default_when_piped(runner: CliRunner) -> None:
    assert invoke(runner, "timeline") == invoke(runner, "timeline", "-f", "md")


def test_heading_level_shifts_every_heading(runner: CliRunner) -> None:
    out = invoke(runner, "actor", "ruritania", "--facts", MINI, "-f", "md", "--heading-level", "3")
    headings = re.findall(r"^(#+) ", out, flags=re.M)
    assert headings[0] == "###"
    assert set(headings[1:]) == {"####"}


def test_hostile_fact_text_stays_text() -> None:
    facts = load(MINI).facts
    evil = "# [^9] | *x* _y_ `z` <script>alert(1)</script> [bold red]r[/] \x1b[31mred\x1b[0m"
    event = dataclasses.replace(facts.events[0], title=evil, summary="- 1. item\n# heading")
    facts = dataclasses.replace(facts, events=(event,))
    out = str(MarkdownRenderer().timeline(TimelineView(Basis(facts), tuple(facts.events))))
    check_markdown(out)
    parser = MarkdownIt("commonmark").enable("table")
    tokens = parser.parse(out)
    assert [t.type for t in tokens].count("heading_open") == 1
    assert not [t for t in tokens if t.type in ("html_inline", "html_block")]
    assert "\x1b" not in out
    html = parser.render(out)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html
    assert "[bold red]r[/]" in html
    assert "# [^9] | *x* _y_ `z`" in html
    table = html.split("<table>")[1].split("</table>")[0]
    assert "<em>" not in table and "<code>" not in table and "<li>" not in table
    assert footnote_numbers(out) == [1]


# -- the "done when", on the bundled fact base ------------------------------------


def test_timeline_runs_in_order_from_2019_to_the_gas_union(runner: CliRunner) -> None:
    events = json.loads(invoke(runner, "timeline", "-f", "json"))["events"]
    titles = [e["title"] for e in events]
    assert events[0]["date"] == "2019"
    assert "Tokayev" in titles[0]
    assert any("gas union" in t for t in titles)
    starts = [e["start"] or e["end"] for e in events]
    assert starts == sorted(starts)
    out = invoke(runner, "timeline", "-f", "md")
    assert "late Feb 2022" in out
    assert "early Aug 2022" in out


def test_russia_since_november(runner: CliRunner) -> None:
    data = json.loads(
        invoke(runner, "timeline", "--actor", "Russia", "--since", "2022-11", "-f", "json")
    )
    assert [e["id"] for e in data["events"]] == [
        "putin-calls-for-gas-union",
        "peskov-explains-gas-union",
    ]
    for event in data["events"]:
        assert "russia" in event["actors"]
        assert event["start"] >= "2022-11-01"
        assert event["end"] <= "2022-12-31"


def test_timeline_filters_combine(runner: CliRunner) -> None:
    def ids(*args: str) -> list[str]:
        data = json.loads(invoke(runner, "timeline", "-f", "json", *args))
        return [e["id"] for e in data["events"]]

    everything = ids()
    assert ids("--reverse") == everything[::-1]
    assert ids("--limit", "2") == everything[:2]
    assert set(ids("--topic", "gas-union")) == {
        "putin-calls-for-gas-union",
        "peskov-explains-gas-union",
    }
    both = ids("--actor", "Uzbekistan", "--actor", "Medvedev")
    assert "medvedev-questions-kazakh-sovereignty" in both
    assert "putin-calls-for-gas-union" in both
    assert (
        ids("--until", "2022-01")
        == ids("--until", "January 2022")
        == [
            "tokayev-takes-office",
            "january-2022-uprising",
            "kazakhstan-requests-russian-assistance",
            "csto-task-force-deployment",
        ]
    )
    assert ids("--since", "November 2022", "--until", "2022-11-29") == [
        "kazakhstan-presidential-election-2022",
        "putin-calls-for-gas-union",
    ]
    assert ids("--source", "washington-times-2022-12-28-kazakhstan") == everything


def test_actor_by_alias_and_demonym(runner: CliRunner) -> None:
    for name in ("astana", "Kazakhstani", "kazakhstan", "KAZAKHSTAN"):
        data = json.loads(invoke(runner, "actor", name, "-f", "json"))
        assert data["actor"]["id"] == "kazakhstan"


def test_unknown_actor_suggests_and_exits_1(runner: CliRunner) -> None:
    result = runner.invoke(app, ["actor", "kazakstan"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "briefing: no actor `kazakstan` in the fact base; did you mean Kazakhstan?\n"
    )


def test_ambiguous_actor_lists_candidates(runner: CliRunner) -> None:
    result = runner.invoke(app, ["actor", "nations"])
    assert result.exit_code == 1
    assert "European nations (`european-nations`)" in result.stderr
    assert "Central Asian nations (`central-asian-nations`)" in result.stderr


def test_kazakhstan_as_of_2021(runner: CliRunner) -> None:
    data = json.loads(invoke(runner, "actor", "Kazakhstan", "--as-of", "2021-06-01", "-f", "json"))
    capitals = [a["value"] for a in data["attributes"] if a["current"]]
    assert capitals == ["Nur-Sultan"]
    presidents = [r["holder"] for r in data["roles"] if r["current"] and r["title"] == "President"]
    assert presidents == ["kassym-jomart-tokayev"]
    assert data["as_of"] == "2021-06-01"
    dated = [*data["events"], *data["positions"], *data["relations"]]
    assert all((d["start"] or "0") < "2022" for d in dated)
    assert data["judgments"]  # valid time: the world then, by all that is known now
    assert data["known_by"] is None
    out = invoke(runner, "actor", "Kazakhstan", "--as-of", "2021-06-01", "-f", "md")
    assert "Nur-Sultan" in out
    assert "*As of 2021-06-01.*" in out
    events = out.split("## Events")[1].split("## ")[0]
    assert "2022" not in events


def test_kazakhstan_known_by_2021_is_not_yet_known(runner: CliRunner) -> None:
    """Knowledge time: the one source is of December 2022, so in 2021 nothing it says was
    known; the actor is there (an actor needs no proof), its cited roles are not."""
    args = ("actor", "Kazakhstan", "--as-of", "2021-06-01", "--known-by", "2021-06-01")
    data = json.loads(invoke(runner, *args, "-f", "json"))
    assert data["known_by"] == "2021-06-01"
    for part in ("events", "positions", "relations", "judgments", "roles", "attributes"):
        assert data[part] == [], part
    out = invoke(runner, *args, "-f", "md")
    assert "*As of 2021-06-01; known by 2021-06-01.*" in out


def test_today_kazakhstan_capital_is_astana(runner: CliRunner) -> None:
    data = json.loads(invoke(runner, "actor", "Kazakhstan", "-f", "json"))
    assert [a["value"] for a in data["attributes"] if a["current"]] == ["Astana"]


def test_matrix_covers_the_four_topics(runner: CliRunner) -> None:
    data = json.loads(invoke(runner, "positions", "--matrix", "-f", "json"))["matrix"]
    topics = {t["id"] for t in data["topics"]}
    assert {"gas-union", "war-in-ukraine", "sanctions", "middle-corridor"} <= topics
    cells = {(c["actor"], c["topic"]): c["stances"] for c in data["cells"]}
    assert cells[("russia", "gas-union")] == ["proposes"]
    assert cells[("kazakhstan", "middle-corridor")] == ["proposes"]
    assert cells[("kazakhstan", "sanctions")] == ["complies"]
    assert cells[("kazakhstan", "war-in-ukraine")] == ["balances"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["timeline", "--since", "someday"], "--since 'someday': cannot read"),
        (["actor", "x", "--as-of", "soon"], "--as-of 'soon': cannot read"),
        (["actors", "--kind", "states"], "did you mean `state`?"),
    ],
)
def test_bad_option_values_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_unknown_topic_exits_1_naming_the_close_one(runner: CliRunner) -> None:
    gas_union = find_topic(load(bundled_facts()).facts, "gas-union").name
    result = runner.invoke(app, ["timeline", "--topic", "gas-unoin"])
    assert result.exit_code == 1
    expected = f"no topic `gas-unoin` in the fact base; did you mean {gas_union}?"
    assert result.stderr == f"briefing: {expected}\n"


def test_closed_pipe_ends_quietly() -> None:
    proc = subprocess.run(
        f"{sys.executable} -m briefing timeline -f md | head -3",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.stdout.count("\n") == 3
    assert proc.stderr == ""


def test_actor_and_topic_completion(tmp_path: Path) -> None:
    from briefing.cli import complete_actor, complete_brief, complete_source, complete_topic

    class Ctx:
        params: ClassVar[dict[str, object]] = {"facts": None}

    def words(complete: Any, incomplete: str) -> list[str]:
        return [word for word, _ in complete(Ctx(), incomplete)]

    # One word per actor, in the case typed: shells match case-sensitively.
    assert words(complete_actor, "kaz") == ["kazakhstan"]
    assert words(complete_actor, "Kaz") == ["Kazakhstan"]
    assert words(complete_actor, "Ky") == ["Kyrgyzstan"]
    assert words(complete_actor, "vla") == ["vladimir-putin"]
    assert words(complete_actor, "mosc") == ["moscow"]  # Russia's alias
    every = words(complete_actor, "")
    assert (
        len(every) == len({w.casefold() for w in every}) == len(load(bundled_facts()).facts.actors)
    )
    ctx: Any = Ctx()
    assert complete_actor(ctx, "kaz") == [("kazakhstan", "Kazakhstan")]
    assert complete_topic(ctx, "gas") == [("gas-union", "Russia's proposed gas union")]
    assert words(complete_brief, "") == ["central-asia"]
    assert words(complete_source, "wash") == ["washington-times-2022-12-28-kazakhstan"]
    Ctx.params = {"facts": tmp_path / "nothing"}
    assert complete_actor(ctx, "k") == []


def test_shell_completion_offers_actor_names_and_ids() -> None:
    def complete(words: str, shell: str = "zsh") -> str:
        env = {
            **os.environ,
            "_BRIEFING_COMPLETE": f"complete_{shell}",
            "_TYPER_COMPLETE_ARGS": words,
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - (not words.endswith(" "))),
        }
        proc = subprocess.run(
            [sys.executable, "-m", "briefing"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        return proc.stdout

    assert complete("briefing actor kaz") == ('_arguments \'*: :(("kazakhstan":"Kazakhstan"))\'\n')
    assert '"Kazakhstan"' in complete("briefing actor Kaz")
    assert '"gas-union"' in complete("briefing timeline --topic ga")
    assert '"central-asia"' in complete("briefing brief ")
    assert complete("briefing actor kaz", "bash") == "kazakhstan\n"
    assert complete("briefing brief ", "bash") == "central-asia\n"
    assert complete("briefing timeline --source wa", "bash") == (
        "washington-times-2022-12-28-kazakhstan\n"
    )


def test_rich_output_through_the_cli(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["actor", "Kazakhstan", "-f", "rich", "--no-color"], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0
    assert "Tokayev" in result.stdout
    assert "\x1b" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_a_document_is_written_in_bounded_chunks() -> None:
    """Pieces join into chunks of about a million characters, whatever the size of each
    piece (a page's table rows arrive 256 at a time), and run to the end of the document
    past any run of empty pieces."""
    from briefing.render import _CHUNK, Pieces

    pieces = ["", *[""] * 5000, "a" * 300_000, *["b" * 1000] * 3000, "", "end"]
    chunks = list(Pieces(pieces))
    assert "".join(chunks) == "".join(pieces)
    assert len(chunks) > 2
    assert all(len(c) < _CHUNK + 300_000 for c in chunks)
